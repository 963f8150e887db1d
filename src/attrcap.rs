//! Caps the number of attributes per tag in the markup, before html5ever's tokenizer sees it.
//!
//! html5ever checks each new attribute against all earlier ones of the same tag, so a tag with
//! 200,000 distinct attributes takes minutes before any later stage can step in. This pass
//! follows the tokenizer's tag and attribute syntax in one linear scan (skipping comments and
//! the raw text of `<script>`, `<style>`, `<textarea>` and the like) and cuts the attributes past
//! the limit out of the few tags that have more. A page without such a tag is returned as is,
//! borrowed, so a normal page is neither changed nor copied. The scan jumps from one `<`, quote
//! or end marker to the next with `memchr`, so it costs a small part of the parse it protects.

use memchr::{memchr, memmem};
use std::borrow::Cow;

/// Returns `text` with every tag's attributes past the first `max` removed.
pub fn cap_attributes(text: &str, max: usize) -> Cow<'_, str> {
    let cuts = find_cuts(text.as_bytes(), max);
    if cuts.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in cuts {
        // Cuts start at an attribute name and end at a tag's closing `/` or `>`, or at the end
        // of the text: all ASCII positions, so both are char boundaries.
        out.push_str(text.get(at..start).unwrap_or_default());
        at = end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    Cow::Owned(out)
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

/// Elements whose content the tokenizer reads as text up to the matching end tag.
const RAW_TEXT: [&[u8]; 8] = [
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
];

/// Byte ranges to remove: for each tag with more than `max` attributes, from the first
/// attribute past the limit to the end of its attributes.
fn find_cuts(s: &[u8], max: usize) -> Vec<(usize, usize)> {
    let mut cuts = Vec::new();
    let n = s.len();
    let mut i = 0;
    while let Some(off) = s.get(i..).and_then(|rest| memchr(b'<', rest)) {
        i += off + 1;
        let Some(&c) = s.get(i) else { break };
        if c == b'!' {
            i = if s.get(i..i + 3) == Some(b"!--") {
                find(s, i + 3, b"-->").map_or(n, |p| p + 3)
            } else {
                find_byte(s, i, b'>').map_or(n, |p| p + 1)
            };
            continue;
        }
        if c == b'?' {
            i = find_byte(s, i, b'>').map_or(n, |p| p + 1);
            continue;
        }
        let end_tag = c == b'/';
        let name_start = if end_tag { i + 1 } else { i };
        if !s.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let mut j = name_start;
        while j < n && !is_space(s[j]) && s[j] != b'/' && s[j] != b'>' {
            j += 1;
        }
        let name = &s[name_start..j];
        let (close, cut) = scan_attributes(s, j, max);
        if let Some(cut) = cut {
            cuts.push(cut);
        }
        i = close;
        if end_tag {
            continue;
        }
        if name.eq_ignore_ascii_case(b"plaintext") {
            break;
        }
        if RAW_TEXT.iter().any(|r| name.eq_ignore_ascii_case(r)) {
            i = find_end_tag(s, i, name).unwrap_or(n);
        }
    }
    cuts
}

/// Reads a tag's attributes from `i` (just after the tag name). Returns the position after
/// the tag and, if there are more than `max` attributes, the range to cut.
fn scan_attributes(s: &[u8], mut i: usize, max: usize) -> (usize, Option<(usize, usize)>) {
    let n = s.len();
    let mut count = 0usize;
    let mut cut_start = None;
    // Where a trailing `/` (self-closing) starts, so that a cut keeps it.
    let mut slash = None;
    while i < n {
        let b = s[i];
        if is_space(b) {
            i += 1;
            continue;
        }
        if b == b'>' {
            let end = slash.filter(|&p| p + 1 == i).unwrap_or(i);
            return (i + 1, cut_start.map(|c: usize| (c, end.max(c))));
        }
        if b == b'/' {
            slash = Some(i);
            i += 1;
            continue;
        }
        // An attribute name (a leading `=` belongs to the name).
        count += 1;
        if count == max.saturating_add(1) {
            cut_start = Some(i);
        }
        i += 1;
        while i < n && !is_space(s[i]) && !matches!(s[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        while i < n && is_space(s[i]) {
            i += 1;
        }
        if s.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < n && is_space(s[i]) {
            i += 1;
        }
        match s.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                i = find_byte(s, i + 1, q).map_or(n, |p| p + 1);
            }
            Some(b'>') | None => {}
            Some(_) => {
                while i < n && !is_space(s[i]) && s[i] != b'>' {
                    i += 1;
                }
            }
        }
    }
    // The text ended inside the tag: the tokenizer drops such a tag anyway.
    (n, cut_start.map(|c| (c, n)))
}

/// Position of `pat` in `s` at or after `from`.
fn find(s: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    memmem::find(s.get(from..)?, pat).map(|p| from + p)
}

/// Position of byte `b` in `s` at or after `from`.
fn find_byte(s: &[u8], from: usize, b: u8) -> Option<usize> {
    memchr(b, s.get(from..)?).map(|p| from + p)
}

/// Position of the `<` of the end tag `</name` (any case) at or after `from`.
fn find_end_tag(s: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    loop {
        let p = find_byte(s, i, b'<')?;
        if s.get(p + 1) != Some(&b'/') {
            i = p + 1;
            continue;
        }
        let after = p + 2 + name.len();
        if s.get(p + 2..after)
            .is_some_and(|t| t.eq_ignore_ascii_case(name))
            && s.get(after)
                .is_none_or(|&b| is_space(b) || b == b'/' || b == b'>')
        {
            return Some(p);
        }
        i = p + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_within_the_limit_is_borrowed_unchanged() {
        let page = "<div a=1 b='2' c=\"3\" d><p x=y>text</p><img src=a.png/></div>";
        assert!(matches!(cap_attributes(page, 4), Cow::Borrowed(p) if p == page));
    }

    #[test]
    fn attributes_past_the_limit_are_cut_and_the_first_kept() {
        let page = "<div a=1 b='2' c=\"3\" d e=5>text</div><p f g h>more</p>";
        assert_eq!(
            cap_attributes(page, 2),
            "<div a=1 b='2' >text</div><p f g >more</p>"
        );
    }

    #[test]
    fn a_self_closing_slash_survives_the_cut() {
        assert_eq!(
            cap_attributes("<svg><path a b c/></svg>", 1),
            "<svg><path a /></svg>"
        );
    }

    #[test]
    fn quoted_values_may_hold_brackets_and_spaces() {
        let page = "<a title='x > y' href=\"/a b\" c=d e>t</a>";
        assert_eq!(
            cap_attributes(page, 2),
            "<a title='x > y' href=\"/a b\" >t</a>"
        );
    }

    #[test]
    fn script_comment_and_textarea_text_is_never_read_as_tags() {
        let page = "<script>if (a<b c d e) x = '<i j k l>'</script>\
            <!-- <i j k l> --><textarea><i j k l></textarea><b x y z>t</b>";
        assert_eq!(
            cap_attributes(page, 2),
            "<script>if (a<b c d e) x = '<i j k l>'</script>\
            <!-- <i j k l> --><textarea><i j k l></textarea><b x y >t</b>"
        );
    }

    #[test]
    fn unterminated_markup_is_handled() {
        for page in [
            "<div a b c",
            "<div a='b c d",
            "<!-- x",
            "<script>a",
            "<",
            "</",
            "<a b=",
        ] {
            let _ = cap_attributes(page, 1);
        }
        assert_eq!(cap_attributes("<div a b c", 1), "<div a ");
    }

    #[test]
    fn multibyte_text_around_a_cut_stays_valid() {
        let page = "é<p é=ü ö ä ß>ü</p>";
        assert_eq!(cap_attributes(page, 1), "é<p é=ü >ü</p>");
    }
}
