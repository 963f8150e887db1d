//! Fuzz target: decoding never panics, and a valid UTF-8 page decoded as UTF-8 comes back unchanged.
//!
//! Run: `cargo +nightly fuzz run decode` (from the repository root).

#![no_main]

use libfuzzer_sys::fuzz_target;
use nutgraf::decode::decode;

const CHARSETS: [Option<&str>; 8] = [
    None,
    Some("utf-8"),
    Some("iso-8859-1"),
    Some("text/html; charset=\"euc-kr\""),
    Some("utf-16be"),
    Some("iso-2022-kr"),
    Some("x-user-defined"),
    Some(""),
];

fuzz_target!(|data: &[u8]| {
    let (charset, bytes) = match data.split_first() {
        Some((&b, rest)) => (CHARSETS[usize::from(b) % CHARSETS.len()], rest),
        None => (None, data),
    };
    let decoded = decode(bytes, charset);
    if decoded.encoding == encoding_rs::UTF_8 && !bytes.starts_with(b"\xef\xbb\xbf") {
        if let Ok(s) = std::str::from_utf8(bytes) {
            assert_eq!(decoded.text, s);
        }
    }
});
