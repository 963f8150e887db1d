//! Mends, before parsing, a `<title>` that is never closed and, after a parse that shows the
//! need, an `<iframe>` left open in a `<noscript>`: either would swallow the rest of the page.
//!
//! A `<title>` holds raw text up to its end tag, so a page that leaves it open (old hand-made
//! and truncated pages do) parses as a head whose title is all of the markup, and a body with
//! nothing in it. Such a title is closed at the first `<` after its start tag, where its
//! author meant it to end. The checks are substring searches (`memchr`'s `memmem`), and a page
//! with a closed title, or none, is returned as is, borrowed.

use memchr::memmem;
use std::borrow::Cow;

const OPEN: [&[u8]; 3] = [b"<title", b"<TITLE", b"<Title"];
const CLOSE: [&[u8]; 3] = [b"</title", b"</TITLE", b"</Title"];

/// Returns `text` with an unclosed `<title>` closed (see the module's description).
pub fn close_title(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    let Some(open) = first_open(b) else {
        return Cow::Borrowed(text);
    };
    let rest = &b[open..];
    if CLOSE.iter().any(|n| memmem::find(rest, n).is_some()) || any_case_close(rest) {
        return Cow::Borrowed(text);
    }
    let Some(gt) = memchr::memchr(b'>', &b[open..]).map(|k| open + k + 1) else {
        return Cow::Borrowed(text);
    };
    let end = memchr::memchr(b'<', &b[gt..]).map_or(b.len(), |k| gt + k);
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..end]);
    out.push_str("</title>");
    out.push_str(&text[end..]);
    Cow::Owned(out)
}

/// Where the first `<title>` start tag (in one of the usual spellings) begins.
fn first_open(b: &[u8]) -> Option<usize> {
    // `<title>` or `<title attr…>`, not `<titles>`.
    let starts_tag = |at: usize| tag_named(&b[at + 1..], b"title");
    let mut best: Option<usize> = None;
    for n in OPEN {
        // Each later spelling is looked for only before the earliest found so far.
        let hay = &b[..best.map_or(b.len(), |p| p)];
        if let Some(at) = memmem::find_iter(hay, n).find(|&at| starts_tag(at)) {
            best = Some(at);
        }
    }
    best
}

/// Whether an end tag `</title` in any mix of case occurs (the rare spellings the fast
/// searches miss, such as `</tItle`).
fn any_case_close(b: &[u8]) -> bool {
    memmem::find_iter(b, b"</").any(|k| {
        b.get(k + 2..k + 7)
            .is_some_and(|t| t.eq_ignore_ascii_case(b"title"))
    })
}

/// Whether raw text holds a `</noscript` end tag (ASCII case-insensitive): read in the text of
/// an `<iframe>`, the frame was left open inside a `<noscript>` (see [`close_noscript_frames`]).
pub(crate) fn ends_noscript(text: &str) -> bool {
    end_tag(text.as_bytes(), b"noscript").is_some()
}

/// Offset of the first `</name` (ASCII case-insensitive) followed by a character that ends a
/// tag name (`\t \n \x0C \r`, space, `/`, `>`): the spec's "appropriate end tag".
pub(crate) fn end_tag(hay: &[u8], name: &[u8]) -> Option<usize> {
    memmem::find_iter(hay, b"</").find(|&at| tag_named(&hay[at + 2..], name))
}

/// Returns `text` with every `<iframe>` that a `<noscript>` opens and leaves open closed where
/// the `<noscript>` ends; `None` when there is none.
///
/// A page is parsed as a browser with scripting off parses it, which reads a `<noscript>`'s
/// content as markup. Its author saw that content only as the raw text of a browser with
/// scripting on, so a tag-manager frame written XML-style (`<noscript><iframe src=… /></noscript>`)
/// never showed a fault there; read as markup, `<iframe/>` opens a frame whose raw text runs
/// to the next `</iframe>`, the rest of the page when none comes. Closed where its
/// `<noscript>` ends, the frame is what its author meant it to be. Called only after a parse
/// found a frame that swallowed a `</noscript>` ([`ends_noscript`]); one pass over the tags.
pub fn close_noscript_frames(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let (mut in_noscript, mut frame_open) = (false, false);
    let mut cuts = Vec::new();
    for at in memchr::memchr_iter(b'<', b) {
        let rest = &b[at + 1..];
        if let Some(end) = rest.strip_prefix(b"/") {
            if tag_named(end, b"noscript") {
                if frame_open {
                    cuts.push(at);
                }
                (in_noscript, frame_open) = (false, false);
            } else if tag_named(end, b"iframe") {
                frame_open = false;
            }
        } else if tag_named(rest, b"noscript") {
            in_noscript = true;
        } else if in_noscript && tag_named(rest, b"iframe") {
            frame_open = true;
        }
    }
    if cuts.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len() + cuts.len() * 9);
    let mut from = 0;
    for at in cuts {
        // `at` is at an ASCII `<`: a char boundary.
        out.push_str(&text[from..at]);
        out.push_str("</iframe>");
        from = at;
    }
    out.push_str(&text[from..]);
    Some(out)
}

/// Whether `b` starts with the tag name `name` (ASCII case-insensitive) followed by a character
/// that ends a tag name.
fn tag_named(b: &[u8], name: &[u8]) -> bool {
    b.len() > name.len()
        && b[..name.len()].eq_ignore_ascii_case(name)
        && matches!(
            b[name.len()],
            b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' | b'/' | b'>'
        )
}

#[cfg(test)]
mod tests {
    use super::{close_noscript_frames, close_title, ends_noscript};

    #[test]
    fn a_frame_left_open_in_a_noscript_is_closed_where_the_noscript_ends() {
        let page = r#"<body><noscript><iframe src="gtm" style="display:none" /></noscript><p>Text</p></body>"#;
        assert_eq!(
            close_noscript_frames(page).as_deref(),
            Some(
                r#"<body><noscript><iframe src="gtm" style="display:none" /></iframe></noscript><p>Text</p></body>"#
            )
        );
        assert!(ends_noscript("</iframe></NOSCRIPT ><p>Text</p>"));
        assert!(!ends_noscript("<p>a</noscripts>"));
    }

    #[test]
    fn closed_frames_and_frames_outside_a_noscript_are_left_alone() {
        assert_eq!(
            close_noscript_frames("<noscript><iframe src=x></iframe></noscript><p>a</p>"),
            None
        );
        assert_eq!(
            close_noscript_frames("<iframe src=x /><p>a</p></noscript>"),
            None
        );
        assert_eq!(close_noscript_frames("<noscript></noscript><iframe>"), None);
    }

    #[test]
    fn a_closed_title_is_left_alone_and_not_copied() {
        let page = "<html><head><title>News</title></head><body><p>Text</p></body></html>";
        assert!(matches!(close_title(page), std::borrow::Cow::Borrowed(_)));
        assert!(matches!(
            close_title("<p>no title</p>"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert!(matches!(
            close_title("<TITLE>A</tItLe><p>b"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn an_unclosed_title_ends_at_the_next_tag() {
        let page = "<html><head><TITLE>Gale to drive\n<script>x()</script><p>Story</p>";
        assert_eq!(
            close_title(page),
            "<html><head><TITLE>Gale to drive\n</title><script>x()</script><p>Story</p>"
        );
    }

    #[test]
    fn a_title_without_any_later_tag_is_closed_at_the_end() {
        assert_eq!(
            close_title("<title>Only a title"),
            "<title>Only a title</title>"
        );
        assert_eq!(close_title("<title"), "<title");
        assert_eq!(close_title("<titles>x"), "<titles>x");
    }
}
