//! Mends, before parsing, a `<title>` that is never closed: it would swallow the whole page.
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
    let starts_tag = |at: usize| {
        matches!(
            b.get(at + 6),
            Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/')
        )
    };
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

#[cfg(test)]
mod tests {
    use super::close_title;

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
