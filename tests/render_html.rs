//! HTML output: clean, minimal HTML5 of the content model, escaped, that parses back to the
//! same structure.

use nutgraf::content::TableRow;
use nutgraf::render::html;
use nutgraf::{Block, Inline};
use scraper::{Html, Selector};

fn t(s: &str) -> Inline {
    Inline::text(s)
}
fn p(inlines: Vec<Inline>) -> Block {
    Block::Paragraph { inlines }
}
fn select(doc: &Html, css: &str) -> Vec<String> {
    let sel = Selector::parse(css).unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

#[test]
fn text_and_attributes_are_escaped() {
    let blocks = vec![p(vec![
        t("<script>alert(1)</script> & \"quotes\""),
        Inline::Link {
            href: "https://example.org/?a=1&b=\"2\"".into(),
            inlines: vec![t("link")],
        },
    ])];
    let out = html(&blocks);
    assert_eq!(
        out,
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"quotes\"<a href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\">link</a></p>"
    );
    let doc = Html::parse_fragment(&out);
    assert!(select(&doc, "script").is_empty());
    assert_eq!(
        select(&doc, "p"),
        vec!["<script>alert(1)</script> & \"quotes\"link"]
    );
}

#[test]
fn script_urls_are_not_written_as_links() {
    let blocks = vec![p(vec![Inline::Link {
        href: "javascript:alert(1)".into(),
        inlines: vec![t("click")],
    }])];
    assert_eq!(html(&blocks), "<p>click</p>");
}

#[test]
fn every_construct_has_its_element_and_no_classes_or_styles() {
    let blocks = vec![
        Block::Heading {
            level: 2,
            inlines: vec![t("Heading")],
        },
        p(vec![
            Inline::Emphasis {
                inlines: vec![t("em")],
            },
            Inline::Strong {
                inlines: vec![t("strong")],
            },
            Inline::Code { text: "x<y".into() },
            Inline::LineBreak,
            Inline::Image {
                src: "a.png".into(),
                alt: "A".into(),
            },
        ]),
        Block::Quote {
            blocks: vec![p(vec![t("quoted")])],
        },
        Block::Figure {
            src: "https://example.org/f.jpg".into(),
            alt: "fig".into(),
            caption: vec![t("Caption")],
        },
        Block::Rule,
    ];
    let out = html(&blocks);
    for tag in [
        "<h2>",
        "<em>",
        "<strong>",
        "<code>x&lt;y</code>",
        "<br>",
        "<img src=\"a.png\" alt=\"A\">",
        "<blockquote>",
        "<figure>",
        "<figcaption>Caption</figcaption>",
        "<hr>",
    ] {
        assert!(out.contains(tag), "{tag} missing in {out}");
    }
    assert!(!out.contains("class="));
    assert!(!out.contains("style="));
}

#[test]
fn code_blocks_keep_text_verbatim_and_their_language() {
    let blocks = vec![Block::Code {
        language: Some("rust".into()),
        text: "\nfn main() {\n    if a < b && c > d {}\n}".into(),
    }];
    let out = html(&blocks);
    assert!(out.starts_with("<pre><code class=\"language-rust\">"));
    let doc = Html::parse_fragment(&out);
    let sel = Selector::parse("pre code").unwrap();
    let code: String = doc.select(&sel).next().unwrap().text().collect();
    assert_eq!(code, "\nfn main() {\n    if a < b && c > d {}\n}");
}

#[test]
fn nested_lists_and_ordered_start_parse_back() {
    let blocks = vec![Block::List {
        ordered: true,
        start: 3,
        items: vec![
            vec![p(vec![t("three")])],
            vec![
                p(vec![t("four")]),
                Block::List {
                    ordered: false,
                    start: 1,
                    items: vec![vec![p(vec![t("inner")])]],
                },
            ],
        ],
    }];
    let out = html(&blocks);
    let doc = Html::parse_fragment(&out);
    assert_eq!(
        select(&doc, "ol[start=\"3\"] > li > ul > li"),
        vec!["inner"]
    );
    assert_eq!(select(&doc, "ol > li").len(), 2);
}

#[test]
fn tables_put_header_rows_in_thead_with_th_cells() {
    let row = |header, cells: &[&str]| TableRow {
        header,
        cells: cells.iter().map(|c| vec![t(c)]).collect(),
    };
    let blocks = vec![Block::Table {
        rows: vec![row(true, &["A", "B"]), row(false, &["1", "2"])],
    }];
    let out = html(&blocks);
    let doc = Html::parse_fragment(&out);
    assert_eq!(select(&doc, "table > thead > tr > th"), vec!["A", "B"]);
    assert_eq!(select(&doc, "table > tbody > tr > td"), vec!["1", "2"]);
}
