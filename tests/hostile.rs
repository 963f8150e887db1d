//! Hostile input specifications: pages built here to break parsers (deep nesting, huge nodes,
//! binary junk, broken markup, conflicting charsets) always give a result or a typed error,
//! never a panic, a stack overflow or a hang; and the prose they carry is not lost.

mod common;

use nutgraf::{Error, Extractor, Limits};
use std::collections::BTreeMap;

/// A paragraph of ordinary prose, long enough to be chosen as content.
const PROSE: &str = "The harbour master counted forty boats at dawn, and by noon the fog had lifted \
    enough for the ferry to leave, carrying the mail, two tractors and a choir from the mainland.";

/// A small deterministic generator (xorshift), so that "random" inputs are the same every run.
fn random_bytes(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 32) as u8
        })
        .collect()
}

fn extract(bytes: &[u8]) -> nutgraf::Article {
    match nutgraf::extract(bytes) {
        Ok(article) => article,
        Err(e) => panic!("a page within the limits must not be an error: {e}"),
    }
}

fn assert_keeps_prose(bytes: &[u8]) {
    let article = extract(bytes);
    assert!(
        article.text.contains(PROSE),
        "prose lost; text starts {:?}",
        article.text.chars().take(300).collect::<String>()
    );
}

fn repeat(s: &str, n: usize) -> String {
    s.repeat(n)
}

#[test]
fn a_hundred_thousand_nested_divs_keep_their_text() {
    let n = 100_000;
    let page = format!(
        "<html><body>{}<p>{PROSE}</p>{}</body></html>",
        repeat("<div>", n),
        repeat("</div>", n)
    );
    assert_keeps_prose(page.as_bytes());
}

#[test]
fn sixty_five_thousand_nested_list_items_keep_their_text() {
    let n = 65_000;
    let page = format!(
        "<html><body>{}<p>{PROSE}</p>{}</body></html>",
        repeat("<ul><li>", n),
        repeat("</li></ul>", n)
    );
    assert_keeps_prose(page.as_bytes());
}

#[test]
fn deeply_nested_tables_keep_their_text() {
    let n = 5_000;
    let page = format!(
        "<html><body>{}<p>{PROSE}</p>{}</body></html>",
        repeat("<table><tr><td>", n),
        repeat("</td></tr></table>", n)
    );
    assert_keeps_prose(page.as_bytes());
}

#[test]
fn unclosed_nested_formatting_elements_do_not_hang_the_parser() {
    let page = format!(
        "<html><body><p>{PROSE}</p>{}</body></html>",
        repeat("<b><i>x", 20_000)
    );
    let _ = extract(page.as_bytes());
}

#[test]
fn a_tag_with_two_hundred_thousand_attributes_is_handled() {
    let mut page = String::from("<html><body><div");
    for i in 0..200_000 {
        page.push_str(&format!(" data-a{i}=\"v\""));
    }
    page.push_str(&format!("><p>{PROSE}</p></div></body></html>"));
    assert_keeps_prose(page.as_bytes());
}

#[test]
fn a_tag_repeating_one_attribute_two_hundred_thousand_times_is_handled() {
    let page = format!(
        "<html><body><div{}><p>{PROSE}</p></div></body></html>",
        repeat(" class=\"x\"", 200_000)
    );
    assert_keeps_prose(page.as_bytes());
}

#[test]
fn a_twenty_megabyte_text_node_is_kept_or_cut_but_never_fatal() {
    let big = repeat("word ", 4 * 1024 * 1024);
    let page = format!("<html><body><p>{PROSE}</p><p>{big}</p></body></html>");
    let article = extract(page.as_bytes());
    assert!(article.text.contains("word word word"));
}

fn page_of_paragraphs(megabytes: usize) -> String {
    let paragraph = format!("<p>{PROSE}</p>\n");
    let n = megabytes * 1024 * 1024 / paragraph.len() + 1;
    format!(
        "<html><body><article>{}</article></body></html>",
        paragraph.repeat(n)
    )
}

#[test]
fn an_eight_megabyte_page_of_paragraphs_is_extracted() {
    assert_keeps_prose(page_of_paragraphs(8).as_bytes());
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "about a minute in a debug build (1.3 s in release, where it runs)"
)]
fn a_forty_megabyte_page_of_paragraphs_is_extracted() {
    assert_keeps_prose(page_of_paragraphs(40).as_bytes());
}

#[test]
fn a_page_over_the_byte_limit_is_a_typed_error() {
    let extractor = Extractor::builder()
        .limits(Limits {
            max_bytes: 1024,
            ..Limits::default()
        })
        .build();
    let page = format!("<p>{}</p>", PROSE.repeat(20));
    match extractor.extract(page.as_bytes()) {
        Err(e @ Error::InputTooLarge { .. }) => assert!(!e.to_string().is_empty()),
        other => panic!("expected InputTooLarge, got {other:?}"),
    }
}

#[test]
fn random_bytes_give_a_result() {
    for seed in 1..=8u64 {
        let _ = extract(&random_bytes(
            64 * 1024,
            seed.wrapping_mul(0x9E37_79B9_7F4A_7C15),
        ));
    }
}

#[test]
fn a_png_image_gives_an_empty_result() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".to_vec();
    png.extend(random_bytes(32 * 1024, 42));
    png.extend(b"\0\0\0\0IEND\xaeB`\x82");
    let article = extract(&png);
    assert!(article.title.is_none());
}

#[test]
fn an_empty_input_gives_an_empty_article() {
    let article = extract(b"");
    assert!(article.is_empty());
    assert!(article.text.is_empty());
}

#[test]
fn only_nul_bytes_give_an_empty_article() {
    let article = extract(&vec![0u8; 1024 * 1024]);
    assert!(
        article
            .text
            .trim_matches(['\u{FFFD}', '\0', ' ', '\n'])
            .is_empty()
    );
}

#[test]
fn nul_bytes_inside_markup_do_not_break_extraction() {
    let page =
        format!("<html><body><p>{PROSE}</p>\0<p>\0\0</p><div\0 class=\0>x</div></body></html>");
    assert_keeps_prose(page.as_bytes());
}

#[test]
fn invalid_utf8_inside_a_utf8_page_keeps_the_prose() {
    let mut page = b"<html><head><meta charset=utf-8></head><body><p>".to_vec();
    page.extend(PROSE.as_bytes());
    page.extend(b"</p><p>\xff\xfe\xc3\x28 \xe2\x82 broken \xf0\x28\x8c\xbc</p></body></html>");
    let article = extract(&page);
    assert!(article.text.contains(PROSE));
    assert!(!article.text.contains('\u{0}'));
}

#[test]
fn utf16_without_a_bom_keeps_the_prose() {
    let page = format!("<html><body><p>{PROSE}</p></body></html>");
    let le: Vec<u8> = page.encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert_keeps_prose(&le);
}

#[test]
fn an_unclosed_comment_swallows_the_rest_without_failing() {
    let page = format!("<html><body><p>{PROSE}</p><!-- never closed <p>hidden</p></body></html>");
    let article = extract(page.as_bytes());
    assert!(article.text.contains(PROSE));
    assert!(!article.text.contains("hidden"));
}

#[test]
fn an_unclosed_script_hides_no_earlier_prose_and_leaks_no_code() {
    let page = format!(
        "<html><body><p>{PROSE}</p><script>var leaked = \"{}\";",
        repeat("x", 100_000)
    );
    let article = extract(page.as_bytes());
    assert!(article.text.contains(PROSE));
    assert!(!article.text.contains("var leaked"));
}

#[test]
fn an_entity_flood_is_decoded_without_blowing_up() {
    let page = format!(
        "<html><body><p>{PROSE}</p><p>{}</p><p>{}</p></body></html>",
        repeat("&amp;", 100_000),
        repeat("&#x1F600;&unknown;&", 50_000)
    );
    let article = extract(page.as_bytes());
    assert!(article.text.contains(PROSE));
}

#[test]
fn conflicting_charset_declarations_follow_the_first_meta() {
    // windows-1252 bytes for "café"; the first declaration wins, the later ones are ignored.
    let page = b"<html><head><meta charset=windows-1252><meta charset=shift_jis>\
        <meta http-equiv=content-type content='text/html; charset=koi8-r'></head>\
        <body><p>Un caf\xe9 cr\xe8me, s'il vous pla\xeet.</p></body></html>";
    let article = extract(page);
    assert_eq!(article.encoding, "windows-1252");
}

#[test]
fn a_bom_beats_a_conflicting_caller_charset_and_meta() {
    let mut page = b"\xef\xbb\xbf<html><head><meta charset=shift_jis></head><body><p>".to_vec();
    page.extend(PROSE.as_bytes());
    page.extend("</p><p>Crème brûlée.</p></body></html>".as_bytes());
    let article = Extractor::builder()
        .charset("koi8-r")
        .build()
        .extract(&page)
        .unwrap();
    assert_eq!(article.encoding, "UTF-8");
    assert!(article.text.contains(PROSE));
}

#[test]
fn truncated_pages_keep_what_arrived() {
    let page =
        format!("<html><head><title>Cut</title></head><body><article><p>{PROSE}</p><p>And the");
    for cut in [page.len(), page.len() - 3, page.len() - 10] {
        let _ = extract(&page.as_bytes()[..cut]);
    }
    assert_keeps_prose(page.as_bytes());
}

#[test]
fn a_batch_of_hostile_pages_on_many_threads_accounts_for_every_page() {
    let extractor = Extractor::default();
    let pages: Vec<Vec<u8>> = vec![
        Vec::new(),
        vec![0; 4096],
        random_bytes(10_000, 7),
        format!("<p>{PROSE}</p>").into_bytes(),
        repeat("<div>", 2_000).into_bytes(),
        format!(
            "<html><body><p>{PROSE}</p>{}",
            repeat("<table><tr><td>", 1000)
        )
        .into_bytes(),
    ];
    let results: Vec<Result<nutgraf::Article, Error>> = std::thread::scope(|s| {
        let handles: Vec<_> = pages
            .iter()
            .map(|p| s.spawn(|| extractor.extract(p)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(results.len(), pages.len());
    assert!(results.iter().all(Result::is_ok));
    assert!(results[3].as_ref().unwrap().text.contains(PROSE));
    assert!(results[5].as_ref().unwrap().text.contains(PROSE));
}

/// Every hostile input of this file, small enough for a debug build, by file name.
fn hostile_files() -> Vec<(&'static str, Vec<u8>)> {
    let nested = |open: &str, close: &str, n: usize| {
        format!(
            "<html><body>{}<p>{PROSE}</p>{}</body></html>",
            repeat(open, n),
            repeat(close, n)
        )
        .into_bytes()
    };
    let mut attributes = String::from("<html><body><div");
    for i in 0..200_000 {
        attributes.push_str(&format!(" data-a{i}=\"v\""));
    }
    attributes.push_str(&format!("><p>{PROSE}</p></div></body></html>"));
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".to_vec();
    png.extend(random_bytes(32 * 1024, 42));
    let mut invalid_utf8 = b"<html><head><meta charset=utf-8></head><body><p>".to_vec();
    invalid_utf8.extend(PROSE.as_bytes());
    invalid_utf8.extend(b"</p><p>\xff\xfe\xc3\x28 \xe2\x82 broken</p></body></html>");
    let utf16: Vec<u8> = format!("<html><body><p>{PROSE}</p></body></html>")
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    vec![
        ("deep-divs.html", nested("<div>", "</div>", 100_000)),
        (
            "nested-lists.html",
            nested("<ul><li>", "</li></ul>", 65_000),
        ),
        (
            "nested-tables.html",
            nested("<table><tr><td>", "</td></tr></table>", 5_000),
        ),
        ("many-attributes.html", attributes.into_bytes()),
        (
            "big-text-node.html",
            format!(
                "<html><body><p>{}</p></body></html>",
                repeat("word ", 400_000)
            )
            .into_bytes(),
        ),
        ("random-bytes.html", random_bytes(64 * 1024, 3)),
        ("png-header.html", png),
        ("empty.html", Vec::new()),
        ("nul-bytes.html", vec![0; 256 * 1024]),
        ("invalid-utf8.html", invalid_utf8),
        ("utf16-without-bom.html", utf16),
        (
            "unclosed-comment.html",
            format!("<html><body><p>{PROSE}</p><!-- never closed <p>x</p>").into_bytes(),
        ),
        (
            "unclosed-script.html",
            format!(
                "<html><body><p>{PROSE}</p><script>var x = \"{}",
                repeat("x", 100_000)
            )
            .into_bytes(),
        ),
        (
            "entity-flood.html",
            format!(
                "<p>{PROSE}</p><p>{}</p>",
                repeat("&amp;&#x1F600;&unknown;&", 50_000)
            )
            .into_bytes(),
        ),
        (
            "conflicting-charsets.html",
            b"<html><head><meta charset=windows-1252><meta charset=shift_jis>\
            <meta http-equiv=content-type content='text/html; charset=koi8-r'></head>\
            <body><p>Un caf\xe9 cr\xe8me.</p></body></html>"
                .to_vec(),
        ),
    ]
}

/// A good page: a titled article among navigation and a footer.
fn good_page(title: &str) -> Vec<u8> {
    format!(
        "<html><head><title>{title}</title></head><body><nav><a href=/>Home</a></nav>\
         <article><h1>{title}</h1><p>{PROSE}</p><p>{PROSE}</p></article>\
         <footer>Copyright</footer></body></html>"
    )
    .into_bytes()
}

#[test]
fn a_cli_batch_over_every_hostile_input_and_good_pages_gives_one_record_each() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = hostile_files();
    for (name, bytes) in &hostile {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let good = ["good-first.html", "good-last.html", "zz-good.html"];
    for name in good {
        std::fs::write(dir.path().join(name), good_page(name)).unwrap();
    }
    let o = common::nutgraf(
        &[
            "--format",
            "json",
            "--jobs",
            "2",
            dir.path().to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut by_name: BTreeMap<String, Vec<serde_json::Value>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&o.stdout).lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        let source = record["source"].as_str().unwrap_or_default().to_string();
        let name = source.rsplit('/').next().unwrap_or_default().to_string();
        by_name.entry(name).or_default().push(record);
    }
    let expected: Vec<&str> = hostile.iter().map(|(n, _)| *n).chain(good).collect();
    for name in &expected {
        let records = by_name.get(*name).map_or(0, Vec::len);
        assert_eq!(records, 1, "{name}: {records} records");
    }
    assert_eq!(by_name.len(), expected.len());
    for (name, records) in &by_name {
        assert!(records[0].get("error").is_none(), "{name}: {}", records[0]);
    }
    for name in good {
        let record = &by_name[name][0];
        assert_eq!(record["title"], name);
        assert!(
            record["text"].as_str().unwrap_or_default().contains(PROSE),
            "{name}"
        );
    }
}
