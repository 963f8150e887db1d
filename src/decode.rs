//! Decoding: raw bytes to text, never failing; reports the encoding used.
//!
//! The order follows the WHATWG encoding sniffing algorithm, adapted to an extractor:
//!
//! 1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE);
//! 2. the charset the caller got from the transport (HTTP `Content-Type`);
//! 3. the `<meta charset>` / `<meta http-equiv="Content-Type">` prescan of the first 1024 bytes
//!    (and an `<?xml encoding=…?>` declaration);
//! 4. for an undeclared page: UTF-16 without a BOM when the NUL bytes say so, UTF-8 when the bytes
//!    are valid UTF-8, else a statistical guess (chardetng);
//! 5. UTF-8, where undecodable bytes become U+FFFD.
//!
//! Two departures from what a browser does, both because an extractor wants the text the author
//! wrote rather than bug-for-bug rendering: a declared legacy encoding is overridden by UTF-8 when
//! the bytes are valid UTF-8 and contain non-ASCII text (stale declarations are common, and legacy
//! text is practically never valid multi-byte UTF-8), and a declared UTF-16 without a BOM is ignored
//! when the bytes plainly are not UTF-16.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use std::borrow::Cow;

/// Decoded text and the encoding that produced it.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text; undecodable bytes became U+FFFD.
    pub text: String,
    /// The encoding used.
    pub encoding: &'static Encoding,
}

/// How many leading bytes the `<meta>` prescan looks at (the WHATWG figure).
const PRESCAN_BYTES: usize = 1024;

/// How many leading bytes the statistical detector is fed; more adds time, not accuracy.
const DETECT_BYTES: usize = 1 << 20;

/// Decodes `bytes`: BOM, then the caller-given `charset`, then the `<meta>` prescan,
/// then a statistical guess, then UTF-8. Never fails.
///
/// `charset` is an encoding label (`"utf-8"`, `"Shift_JIS"`, `"latin1"`, …) as found in an HTTP
/// `Content-Type` header; a whole header value (`"text/html; charset=utf-8"`) is accepted too.
/// Labels map to encodings as the WHATWG Encoding Standard says (so `iso-8859-1` decodes as
/// windows-1252). Unknown labels are ignored.
pub fn decode(bytes: &[u8], charset: Option<&str>) -> Decoded {
    let (text, encoding) = decode_borrowed(bytes, charset);
    Decoded {
        text: text.into_owned(),
        encoding,
    }
}

/// [`decode`] without the copy: text that is already valid in its encoding (UTF-8, ASCII) is
/// borrowed from `bytes`.
pub(crate) fn decode_borrowed<'a>(
    bytes: &'a [u8],
    charset: Option<&str>,
) -> (Cow<'a, str>, &'static Encoding) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(encoding, bytes.get(bom_len..).unwrap_or_default());
    }
    let declared = charset
        .and_then(transport_encoding)
        .filter(|e| plausible_declaration(e, bytes))
        .or_else(|| prescan(bytes).filter(|e| plausible_declaration(e, bytes)));
    if let Some(encoding) = declared {
        if encoding != UTF_8 && is_non_ascii_utf8(bytes) {
            return decode_with(UTF_8, bytes);
        }
        return decode_with(encoding, bytes);
    }
    decode_with(guess(bytes), bytes)
}

/// How [`decode_borrowed`] decides the encoding of `bytes`, in words (for the explain report;
/// it follows the same steps).
pub(crate) fn decision(bytes: &[u8], charset: Option<&str>) -> &'static str {
    if Encoding::for_bom(bytes).is_some() {
        return "byte order mark";
    }
    let transport = charset
        .and_then(transport_encoding)
        .filter(|e| plausible_declaration(e, bytes));
    let declared = transport.or_else(|| prescan(bytes).filter(|e| plausible_declaration(e, bytes)));
    match declared {
        Some(e) if e != UTF_8 && is_non_ascii_utf8(bytes) => {
            "valid UTF-8, overriding the declared legacy encoding"
        }
        Some(_) if transport.is_some() => "charset declared by the transport",
        Some(_) => "<meta> charset declaration",
        None => {
            "no declaration: read from the bytes (UTF-16 NULs, valid UTF-8, or a statistical guess)"
        }
    }
}

/// Decodes `bytes` (BOM already removed) with `encoding`; errors become U+FFFD.
fn decode_with<'a>(
    encoding: &'static Encoding,
    bytes: &'a [u8],
) -> (Cow<'a, str>, &'static Encoding) {
    let (text, _had_errors) = encoding.decode_without_bom_handling(bytes);
    (text, encoding)
}

/// The name of the encoding that a caller-given charset (a label such as `latin1`, or a whole
/// `Content-Type` value) selects, as [`decode`] reads it; `None` for a label it does not know (or
/// one it ignores, such as those of the `replacement` encoding), so that a caller can refuse it.
///
/// ```
/// assert_eq!(nutgraf::decode::charset_name("latin1"), Some("windows-1252"));
/// assert_eq!(nutgraf::decode::charset_name("text/html; charset=UTF-8"), Some("UTF-8"));
/// assert_eq!(nutgraf::decode::charset_name("bogus"), None);
/// ```
pub fn charset_name(charset: &str) -> Option<&'static str> {
    transport_encoding(charset).map(Encoding::name)
}

/// The encoding named by a transport-level charset: a bare label or a `Content-Type` value.
fn transport_encoding(charset: &str) -> Option<&'static Encoding> {
    let charset = charset.trim();
    let lower = charset.to_ascii_lowercase();
    let encoding = if lower.contains("charset") {
        charset_from_content(lower.as_bytes())
    } else {
        Encoding::for_label(charset.as_bytes())
    }?;
    usable(encoding)
}

/// Filters out the `replacement` encoding: the labels that map to it (`iso-2022-kr`, …) would
/// turn the whole page into one U+FFFD, which helps no reader; the page is sniffed instead.
fn usable(encoding: &'static Encoding) -> Option<&'static Encoding> {
    (encoding != encoding_rs::REPLACEMENT).then_some(encoding)
}

/// A declared UTF-16 (without a BOM) is believed only when the bytes look like UTF-16.
fn plausible_declaration(encoding: &&'static Encoding, bytes: &[u8]) -> bool {
    if *encoding == UTF_16LE || *encoding == UTF_16BE {
        return sniff_utf16(bytes).is_some();
    }
    true
}

/// Whether `bytes` are valid UTF-8 with at least one non-ASCII character.
fn is_non_ascii_utf8(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

/// The encoding of an undeclared page.
fn guess(bytes: &[u8]) -> &'static Encoding {
    if let Some(utf16) = sniff_utf16(bytes) {
        return utf16;
    }
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(detection_window(bytes), true);
    detector.guess(None, Utf8Detection::Allow)
}

/// The prefix the detector sees: at most [`DETECT_BYTES`], cut after an ASCII byte so that a
/// multi-byte character is never split (a split one would count against its encoding).
fn detection_window(bytes: &[u8]) -> &[u8] {
    if bytes.len() <= DETECT_BYTES {
        return bytes;
    }
    let head = &bytes[..DETECT_BYTES];
    match head.iter().rposition(|b| b.is_ascii()) {
        Some(i) => &head[..=i],
        None => head,
    }
}

/// UTF-16 without a BOM, told by NUL bytes: ASCII markup in UTF-16LE has NULs at odd offsets,
/// in UTF-16BE at even ones; real 8-bit HTML has next to none.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // Most pairs carry one NUL on the same side, and the other side is mostly text.
    if odd * 10 >= pairs * 6 && even * 10 <= pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 6 && odd * 10 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The WHATWG "prescan a byte stream to determine its encoding", over the first 1024 bytes,
/// then an XML declaration. A declared UTF-16 becomes UTF-8 and `x-user-defined` becomes
/// windows-1252, as the standard says.
fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    meta_prescan(head)
        .or_else(|| xml_declaration(head))
        .and_then(usable)
        .map(|e| {
            if e == UTF_16LE || e == UTF_16BE {
                UTF_8
            } else if e == encoding_rs::X_USER_DEFINED {
                WINDOWS_1252
            } else {
                e
            }
        })
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn starts_with_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.len() >= needle.len() && haystack[..needle.len()].eq_ignore_ascii_case(needle)
}

/// The `<meta>` part of the prescan.
fn meta_prescan(head: &[u8]) -> Option<&'static Encoding> {
    let mut pos = 0;
    while pos < head.len() {
        let rest = &head[pos..];
        if rest.starts_with(b"<!--") {
            // To the '>' of the first "-->" (whose dashes may be those of "<!--").
            let end = rest[2..].windows(3).position(|w| w == b"-->")?;
            pos += 2 + end + 3;
            continue;
        }
        if starts_with_ignore_case(rest, b"<meta")
            && rest.get(5).is_some_and(|&b| is_space(b) || b == b'/')
        {
            pos += 5;
            if let Some(encoding) = meta_element(head, &mut pos)? {
                return Some(encoding);
            }
            continue;
        }
        let next = rest.get(1).copied();
        let letter_at = |i: usize| rest.get(i).is_some_and(u8::is_ascii_alphabetic);
        if rest[0] == b'<' && (letter_at(1) || (next == Some(b'/') && letter_at(2))) {
            // Another tag: skip its name, then its attributes.
            pos += rest
                .iter()
                .position(|&b| is_space(b) || b == b'>')
                .unwrap_or(rest.len());
            while get_attribute(head, &mut pos)?.is_some() {}
            pos += 1;
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            pos += rest.iter().position(|&b| b == b'>')? + 1;
            continue;
        }
        pos += 1;
    }
    None
}

/// Reads the attributes of one `<meta>` element. `None`: the input ended; `Some(None)`: this
/// element declares nothing usable; `Some(Some(e))`: it declares `e`.
fn meta_element(head: &[u8], pos: &mut usize) -> Option<Option<&'static Encoding>> {
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let mut got_pragma = false;
    let mut need_pragma: Option<bool> = None;
    let mut charset: Option<&'static Encoding> = None;
    while let Some((name, value)) = get_attribute(head, pos)? {
        if seen.contains(&name) {
            continue;
        }
        match name.as_slice() {
            b"http-equiv" => got_pragma |= value == b"content-type",
            b"content" if charset.is_none() => {
                if let Some(e) = charset_from_content(&value) {
                    charset = Some(e);
                    need_pragma = Some(true);
                }
            }
            b"charset" => {
                charset = Encoding::for_label(&value);
                need_pragma = Some(false);
            }
            _ => {}
        }
        seen.push(name);
    }
    *pos += 1;
    Some(match need_pragma {
        None => None,
        Some(true) if !got_pragma => None,
        _ => charset,
    })
}

/// The WHATWG "get an attribute" step of the prescan. `None`: the input ended;
/// `Some(None)`: no more attributes in this tag (at `>`); else the lower-cased name and value.
#[allow(clippy::type_complexity)]
fn get_attribute(head: &[u8], pos: &mut usize) -> Option<Option<(Vec<u8>, Vec<u8>)>> {
    let at = |p: usize| head.get(p).copied();
    while is_space(at(*pos)?) || at(*pos)? == b'/' {
        *pos += 1;
    }
    if at(*pos)? == b'>' {
        return Some(None);
    }
    let mut name = Vec::new();
    let mut value = Vec::new();
    loop {
        let b = at(*pos)?;
        if b == b'=' && !name.is_empty() {
            *pos += 1;
            break;
        }
        if is_space(b) {
            while is_space(at(*pos)?) {
                *pos += 1;
            }
            if at(*pos)? != b'=' {
                return Some(Some((name, value)));
            }
            *pos += 1;
            break;
        }
        if b == b'/' || b == b'>' {
            return Some(Some((name, value)));
        }
        name.push(b.to_ascii_lowercase());
        *pos += 1;
    }
    while is_space(at(*pos)?) {
        *pos += 1;
    }
    let b = at(*pos)?;
    if b == b'"' || b == b'\'' {
        loop {
            *pos += 1;
            let c = at(*pos)?;
            if c == b {
                *pos += 1;
                return Some(Some((name, value)));
            }
            value.push(c.to_ascii_lowercase());
        }
    }
    if b == b'>' {
        return Some(Some((name, value)));
    }
    value.push(b.to_ascii_lowercase());
    *pos += 1;
    loop {
        let c = at(*pos)?;
        if is_space(c) || c == b'>' {
            return Some(Some((name, value)));
        }
        value.push(c.to_ascii_lowercase());
        *pos += 1;
    }
}

/// The WHATWG "extract a character encoding from a meta element" (`text/html; charset=…`).
fn charset_from_content(content: &[u8]) -> Option<&'static Encoding> {
    let mut pos = 0;
    loop {
        let found = content
            .get(pos..)?
            .windows(7)
            .position(|w| w.eq_ignore_ascii_case(b"charset"))?;
        pos += found + 7;
        while content.get(pos).is_some_and(|&b| is_space(b)) {
            pos += 1;
        }
        if content.get(pos) == Some(&b'=') {
            pos += 1;
            break;
        }
    }
    while content.get(pos).is_some_and(|&b| is_space(b)) {
        pos += 1;
    }
    let rest = content.get(pos..)?;
    let label = match rest.first()? {
        &q @ (b'"' | b'\'') => {
            let end = rest[1..].iter().position(|&b| b == q)?;
            &rest[1..1 + end]
        }
        _ => {
            let end = rest
                .iter()
                .position(|&b| is_space(b) || b == b';')
                .unwrap_or(rest.len());
            &rest[..end]
        }
    };
    Encoding::for_label(label)
}

/// An `<?xml … encoding="…"?>` declaration at the very start (XHTML served as such).
fn xml_declaration(head: &[u8]) -> Option<&'static Encoding> {
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let decl = &head[..head.iter().position(|&b| b == b'>')?];
    let at = decl.windows(8).position(|w| w == b"encoding")? + 8;
    let mut rest = &decl[at..];
    while rest.first().is_some_and(|&b| b <= b' ') {
        rest = &rest[1..];
    }
    rest = rest.strip_prefix(b"=")?;
    while rest.first().is_some_and(|&b| b <= b' ') {
        rest = &rest[1..];
    }
    let q = *rest.first()?;
    if q != b'"' && q != b'\'' {
        return None;
    }
    let end = rest[1..].iter().position(|&b| b == q)?;
    Encoding::for_label(&rest[1..1 + end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(bytes: &[u8], charset: Option<&str>) -> &'static str {
        decode(bytes, charset).encoding.name()
    }

    #[test]
    fn meta_charset_is_found_among_other_tags_and_comments() {
        let html = b"<!doctype html><html lang=en><!-- <meta charset=koi8-r> --><head>\
            <title>x</title><meta name=viewport content='width=device-width'><meta charset=\"EUC-JP\">";
        assert_eq!(prescan(html), Some(encoding_rs::EUC_JP));
    }

    #[test]
    fn http_equiv_content_type_declares_a_charset() {
        let html = br#"<head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-2"></head>"#;
        assert_eq!(prescan(html), Some(encoding_rs::ISO_8859_2));
    }

    #[test]
    fn content_without_http_equiv_declares_nothing() {
        let html = br#"<meta name="description" content="text/html; charset=iso-8859-2">"#;
        assert_eq!(prescan(html), None);
    }

    #[test]
    fn a_declaration_after_the_first_1024_bytes_is_not_seen() {
        let mut html = b"<html><head>".to_vec();
        html.extend(std::iter::repeat_n(b' ', 1100));
        html.extend(b"<meta charset=iso-8859-7>");
        assert_eq!(prescan(&html), None);
    }

    #[test]
    fn a_declared_utf16_means_utf8_and_x_user_defined_means_windows_1252() {
        assert_eq!(prescan(b"<meta charset=utf-16le>"), Some(UTF_8));
        assert_eq!(
            prescan(b"<meta charset=x-user-defined>"),
            Some(WINDOWS_1252)
        );
    }

    #[test]
    fn the_xml_declaration_is_read() {
        let html = br#"<?xml version="1.0" encoding="ISO-8859-5"?><html></html>"#;
        assert_eq!(prescan(html), Some(encoding_rs::ISO_8859_5));
    }

    #[test]
    fn truncated_markup_ends_the_prescan_without_panicking() {
        for html in [
            &b"<meta charset="[..],
            b"<meta",
            b"<meta charset='utf-8",
            b"<!-- never closed",
            b"<div class=",
            b"<a href=\"x\" ",
            b"</",
            b"<",
        ] {
            let _ = prescan(html);
            let _ = decode(html, None);
        }
    }

    #[test]
    fn a_content_type_header_value_is_accepted_as_the_caller_charset() {
        assert_eq!(
            transport_encoding("text/html; Charset=\"Shift_JIS\""),
            Some(encoding_rs::SHIFT_JIS)
        );
        assert_eq!(transport_encoding(" koi8-r "), Some(encoding_rs::KOI8_R));
        assert_eq!(transport_encoding("no-such-charset"), None);
    }

    #[test]
    fn labels_mapping_to_the_replacement_encoding_are_ignored() {
        let d = decode(b"<p>plain ascii</p>", Some("iso-2022-kr"));
        assert_eq!(d.text, "<p>plain ascii</p>");
    }

    #[test]
    fn the_detector_window_never_splits_a_character() {
        let mut bytes = vec![b'a'; DETECT_BYTES - 1];
        bytes.extend("é".repeat(10).as_bytes());
        let window = detection_window(&bytes);
        assert!(std::str::from_utf8(window).is_ok());
    }

    #[test]
    fn an_empty_input_decodes_to_empty_text() {
        let d = decode(b"", None);
        assert_eq!(d.text, "");
        assert_eq!(name(b"", None), "UTF-8");
    }
}
