//! Decoding specifications: every common web encoding comes out right, the declared encoding wins
//! in the WHATWG order (BOM, transport, `<meta>`), undeclared pages are guessed, and nothing fails.

use nutgraf::decode::decode;

/// A minimal page around `body` (raw bytes in whatever encoding), with an optional `<head>` extra.
fn page(head: &[u8], body: &[u8]) -> Vec<u8> {
    let mut v = b"<!doctype html><html><head>".to_vec();
    v.extend_from_slice(head);
    v.extend_from_slice(b"<title>t</title></head><body><p>");
    v.extend_from_slice(body);
    v.extend_from_slice(b"</p></body></html>");
    v
}

fn meta(charset: &str) -> Vec<u8> {
    format!("<meta charset=\"{charset}\">").into_bytes()
}

/// Encodes `text` with the encoding of `label` (to build undeclared legacy pages).
fn encode(label: &str, text: &str) -> Vec<u8> {
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).unwrap();
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "test text must be representable in {label}");
    bytes.into_owned()
}

#[test]
fn windows_1252_declared_in_meta_decodes_accents_and_curly_quotes() {
    // "Café – “déjà vu”" in windows-1252: é=E9, – =96, “ =93, ”=94, à=E0
    let d = decode(
        &page(&meta("windows-1252"), b"Caf\xe9 \x96 \x93d\xe9j\xe0 vu\x94"),
        None,
    );
    assert_eq!(d.encoding.name(), "windows-1252");
    assert!(d.text.contains("Café – “déjà vu”"), "{}", d.text);
}

#[test]
fn iso_8859_1_is_read_as_windows_1252_as_the_whatwg_standard_says() {
    let d = decode(&page(&meta("ISO-8859-1"), b"na\xefve \x80 5"), None);
    assert_eq!(d.encoding.name(), "windows-1252");
    assert!(d.text.contains("naïve € 5"));
}

#[test]
fn iso_8859_2_decodes_central_european_letters() {
    // "Zażółć gęślą jaźń" in ISO-8859-2
    let d = decode(
        &page(
            &meta("iso-8859-2"),
            b"Za\xbf\xf3\xb3\xe6 g\xea\xb6l\xb1 ja\xbc\xf1",
        ),
        None,
    );
    assert_eq!(d.encoding.name(), "ISO-8859-2");
    assert!(d.text.contains("Zażółć gęślą jaźń"), "{}", d.text);
}

#[test]
fn iso_8859_5_decodes_cyrillic() {
    // "Привет" in ISO-8859-5
    let d = decode(
        &page(&meta("ISO-8859-5"), b"\xbf\xe0\xd8\xd2\xd5\xe2"),
        None,
    );
    assert_eq!(d.encoding.name(), "ISO-8859-5");
    assert!(d.text.contains("Привет"));
}

#[test]
fn iso_8859_7_decodes_greek() {
    // "Ελληνικά" in ISO-8859-7
    let d = decode(
        &page(&meta("iso-8859-7"), b"\xc5\xeb\xeb\xe7\xed\xe9\xea\xdc"),
        None,
    );
    assert_eq!(d.encoding.name(), "ISO-8859-7");
    assert!(d.text.contains("Ελληνικά"));
}

#[test]
fn shift_jis_decodes_japanese() {
    // "日本語" in Shift_JIS
    let d = decode(&page(&meta("Shift_JIS"), b"\x93\xfa\x96\x7b\x8c\xea"), None);
    assert_eq!(d.encoding.name(), "Shift_JIS");
    assert!(d.text.contains("日本語"));
}

#[test]
fn euc_kr_decodes_korean() {
    // "한국어" in EUC-KR
    let d = decode(&page(&meta("euc-kr"), b"\xc7\xd1\xb1\xb9\xbe\xee"), None);
    assert_eq!(d.encoding.name(), "EUC-KR");
    assert!(d.text.contains("한국어"));
}

#[test]
fn gb18030_decodes_chinese_including_four_byte_sequences() {
    // "中文" (D6D0 CEC4) and U+20000 𠀀 as the four-byte sequence 95 32 82 36
    let d = decode(
        &page(&meta("gb18030"), b"\xd6\xd0\xce\xc4 \x95\x32\x82\x36"),
        None,
    );
    assert_eq!(d.encoding.name(), "gb18030");
    assert!(d.text.contains("中文 𠀀"), "{}", d.text);
}

#[test]
fn gb2312_label_decodes_as_gbk() {
    let d = decode(&page(&meta("gb2312"), b"\xd6\xd0\xce\xc4"), None);
    assert_eq!(d.encoding.name(), "GBK");
    assert!(d.text.contains("中文"));
}

#[test]
fn utf16le_with_bom_decodes_and_the_bom_is_dropped() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "<p>Grüße, 世界</p>".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let d = decode(&bytes, None);
    assert_eq!(d.encoding.name(), "UTF-16LE");
    assert_eq!(d.text, "<p>Grüße, 世界</p>");
}

#[test]
fn utf16be_with_bom_decodes() {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in "<p>Grüße, 世界</p>".encode_utf16() {
        bytes.extend(unit.to_be_bytes());
    }
    let d = decode(&bytes, None);
    assert_eq!(d.encoding.name(), "UTF-16BE");
    assert_eq!(d.text, "<p>Grüße, 世界</p>");
}

#[test]
fn utf16_without_bom_is_recognised_from_its_nul_bytes() {
    let text = "<html><body><p>Ein ganz gewöhnlicher Absatz.</p></body></html>";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert_eq!(decode(&le, None).text, text);
    assert_eq!(decode(&be, None).text, text);
}

#[test]
fn utf8_bom_beats_the_caller_charset_and_the_meta_declaration() {
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(page(&meta("windows-1252"), "Ünïcödé".as_bytes()));
    let d = decode(&bytes, Some("iso-8859-2"));
    assert_eq!(d.encoding.name(), "UTF-8");
    assert!(d.text.contains("Ünïcödé"));
    assert!(!d.text.starts_with('\u{feff}'));
}

#[test]
fn the_caller_charset_beats_the_meta_declaration() {
    // Bytes in windows-1251 ("Москва"), the page wrongly declares ISO-8859-2.
    let bytes = page(&meta("iso-8859-2"), b"\xcc\xee\xf1\xea\xe2\xe0");
    let d = decode(&bytes, Some("windows-1251"));
    assert_eq!(d.encoding.name(), "windows-1251");
    assert!(d.text.contains("Москва"));
}

#[test]
fn the_meta_declaration_is_used_when_the_caller_gives_none_or_an_unknown_label() {
    let bytes = page(&meta("windows-1251"), b"\xcc\xee\xf1\xea\xe2\xe0");
    for charset in [None, Some("no-such-encoding"), Some("")] {
        let d = decode(&bytes, charset);
        assert_eq!(d.encoding.name(), "windows-1251");
        assert!(d.text.contains("Москва"));
    }
}

#[test]
fn http_equiv_content_type_is_honoured() {
    let head = br#"<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">"#;
    // "Мир" in KOI8-R
    let d = decode(&page(head, b"\xed\xc9\xd2"), None);
    assert_eq!(d.encoding.name(), "KOI8-R");
    assert!(d.text.contains("Мир"));
}

#[test]
fn a_meta_declared_utf16_on_an_8_bit_page_is_read_as_utf8() {
    let d = decode(&page(&meta("utf-16"), "naïve".as_bytes()), None);
    assert_eq!(d.encoding.name(), "UTF-8");
    assert!(d.text.contains("naïve"));
}

#[test]
fn a_stale_legacy_declaration_on_a_valid_utf8_page_yields_to_utf8() {
    let d = decode(
        &page(&meta("iso-8859-1"), "Zürich “quoted” – ok".as_bytes()),
        None,
    );
    assert_eq!(d.encoding.name(), "UTF-8");
    assert!(d.text.contains("Zürich “quoted” – ok"));
}

#[test]
fn an_undeclared_valid_utf8_page_is_utf8() {
    let d = decode(&page(b"", "Ωμέγα, Привет, 日本語".as_bytes()), None);
    assert_eq!(d.encoding.name(), "UTF-8");
    assert!(d.text.contains("Ωμέγα, Привет, 日本語"));
}

#[test]
fn an_undeclared_ascii_page_is_reported_as_utf8() {
    assert_eq!(
        decode(&page(b"", b"plain words"), None).encoding.name(),
        "UTF-8"
    );
}

/// Undeclared legacy pages: the statistical guess must give back the text as written.
fn assert_guessed(label: &str, text: &str) {
    let bytes = page(b"", &encode(label, text));
    let d = decode(&bytes, None);
    assert!(
        d.text.contains(text),
        "undeclared {label} page decoded as {} to {}",
        d.encoding.name(),
        d.text
    );
}

#[test]
fn an_undeclared_windows_1252_page_is_guessed() {
    assert_guessed(
        "windows-1252",
        "Le café de la gare était fermé à cause de la grève; les voyageurs déçus \
         ont dû attendre près d'une heure avant que le train n'arrive à la station.",
    );
}

#[test]
fn an_undeclared_windows_1251_page_is_guessed() {
    assert_guessed(
        "windows-1251",
        "Москва является столицей России и крупнейшим городом страны. \
         В городе расположены многие государственные учреждения и музеи.",
    );
}

#[test]
fn an_undeclared_shift_jis_page_is_guessed() {
    assert_guessed(
        "Shift_JIS",
        "日本の首都は東京です。東京には多くの人が住んでいて、毎日たくさんの電車が走っています。",
    );
}

#[test]
fn an_undeclared_euc_kr_page_is_guessed() {
    assert_guessed(
        "EUC-KR",
        "대한민국의 수도는 서울입니다. 서울에는 많은 사람들이 살고 있으며 교통이 매우 편리합니다.",
    );
}

#[test]
fn an_undeclared_gbk_page_is_guessed() {
    assert_guessed(
        "GBK",
        "中华人民共和国的首都是北京。北京是一个历史悠久的城市，有很多名胜古迹和博物馆。",
    );
}

#[test]
fn an_undeclared_greek_page_is_guessed() {
    assert_guessed(
        "ISO-8859-7",
        "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας και μία από τις αρχαιότερες πόλεις του κόσμου.",
    );
}

#[test]
fn invalid_utf8_becomes_replacement_characters_not_an_error() {
    let d = decode(&page(&meta("utf-8"), b"ok \xff\xfe broken \xc3"), None);
    assert_eq!(d.encoding.name(), "UTF-8");
    assert!(
        d.text.contains("ok \u{FFFD}\u{FFFD} broken \u{FFFD}"),
        "{}",
        d.text
    );
}

#[test]
fn bytes_undecodable_in_the_declared_encoding_become_replacement_characters() {
    // 0x81 0x20 is not a valid Shift_JIS sequence.
    let d = decode(&page(&meta("shift_jis"), b"ab\x81 cd"), None);
    assert!(d.text.contains('\u{FFFD}'));
    assert!(d.text.contains("cd"));
}

#[test]
fn the_encoding_used_is_reported_through_extract() {
    let html = page(&meta("windows-1252"), b"Caf\xe9 cr\xe8me");
    let article = nutgraf::extract(&html).unwrap();
    assert_eq!(article.encoding, "windows-1252");
}

#[test]
fn the_caller_charset_reaches_the_decoder_through_the_builder() {
    let html = page(b"", b"\xcc\xee\xf1\xea\xe2\xe0");
    let article = nutgraf::Extractor::builder()
        .charset("windows-1251")
        .build()
        .extract(&html)
        .unwrap();
    assert_eq!(article.encoding, "windows-1251");
}

#[test]
fn arbitrary_bytes_always_decode() {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    for len in [0, 1, 2, 3, 7, 64, 1023, 1024, 1025, 5000] {
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect();
        for charset in [None, Some("utf-8"), Some("utf-16le"), Some("shift_jis")] {
            let d = decode(&bytes, charset);
            assert!(len == 0 || !d.text.is_empty());
        }
    }
}
