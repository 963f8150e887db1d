//! Markdown output: each construct renders to CommonMark (GFM tables) that a CommonMark parser
//! reads back with the same structure, and text is escaped only where it would read as markup.

use nutgraf::content::TableRow;
use nutgraf::render::{MarkdownOptions, markdown};
use nutgraf::{Block, Inline};
use proptest::prelude::*;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

fn t(s: &str) -> Inline {
    Inline::text(s)
}
fn p(inlines: Vec<Inline>) -> Block {
    Block::Paragraph { inlines }
}
fn md(blocks: &[Block]) -> String {
    markdown(blocks, &MarkdownOptions::default())
}

/// What a structure comparison looks at: block tokens and the (whitespace-collapsed) text of
/// each leaf, with inline markup written as tags when `inline` is set.
#[derive(Default)]
struct Shape {
    tokens: Vec<String>,
    buf: String,
    inline: bool,
}

impl Shape {
    fn flush(&mut self) {
        // Spaces at the inner edges of inline markup are the same as spaces outside it.
        let mut b = self.buf.clone();
        loop {
            let before = b.clone();
            for (open, close) in [("⟦em⟧", "⟦/em⟧"), ("⟦strong⟧", "⟦/strong⟧")] {
                b = b.replace(&format!("{open} "), &format!(" {open}"));
                b = b.replace(&format!(" {close}"), &format!("{close} "));
            }
            b = b.replace(" ⟦/a⟧", "⟦/a⟧ ");
            // A link's opening marker `⟦a:href⟧` followed by a space.
            let mut from = 0;
            while let Some(k) = b[from..].find("⟦a:").map(|k| k + from) {
                let Some(e) = b[k..].find('⟧').map(|e| e + k + '⟧'.len_utf8()) else {
                    break;
                };
                if b[e..].starts_with(' ') {
                    b.replace_range(k..e + 1, &format!(" {}", &b[k..e]));
                }
                from = e;
            }
            if b == before {
                break;
            }
        }
        let s = b.split_whitespace().collect::<Vec<_>>().join(" ");
        if !s.is_empty() {
            self.tokens.push(format!("T:{s}"));
        }
        self.buf.clear();
    }
    fn open(&mut self, tok: String) {
        self.flush();
        self.tokens.push(tok);
    }
    fn close(&mut self) {
        self.flush();
        self.tokens.push("}".into());
    }
    fn mark(&mut self, s: &str) {
        if self.inline {
            self.buf.push_str(s);
        }
    }
}

/// The shape of blocks from the content model.
fn model_shape(blocks: &[Block], inline: bool) -> Vec<String> {
    let mut s = Shape {
        inline,
        ..Shape::default()
    };
    model_blocks(blocks, &mut s);
    s.flush();
    s.tokens
}

fn model_blocks(blocks: &[Block], s: &mut Shape) {
    for b in blocks {
        match b {
            Block::Heading { level, inlines } => {
                s.open(format!("h{level}{{"));
                model_inlines(inlines, s);
                s.close();
            }
            Block::Paragraph { inlines } => {
                s.flush();
                model_inlines(inlines, s);
                s.flush();
            }
            Block::List {
                ordered,
                start,
                items,
            } => {
                s.open(if *ordered {
                    format!("ol{start}{{")
                } else {
                    "ul{".into()
                });
                for item in items {
                    s.open("li{".into());
                    model_blocks(item, s);
                    s.close();
                }
                s.close();
            }
            Block::Table { rows } => {
                s.open("table{".into());
                let cols = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
                // A table without a header row is written under an empty one.
                if !rows.first().is_some_and(|r| r.header) {
                    s.open("tr{".into());
                    for _ in 0..cols {
                        s.open("td{".into());
                        s.close();
                    }
                    s.close();
                }
                for r in rows {
                    s.open("tr{".into());
                    for c in 0..cols {
                        s.open("td{".into());
                        if let Some(cell) = r.cells.get(c) {
                            model_inlines(cell, s);
                        }
                        s.close();
                    }
                    s.close();
                }
                s.close();
            }
            Block::Code { language, text } => {
                s.flush();
                s.tokens.push(format!(
                    "code({}):{}",
                    language.clone().unwrap_or_default(),
                    text.trim_end()
                ));
            }
            Block::Quote { blocks } => {
                s.open("quote{".into());
                model_blocks(blocks, s);
                s.close();
            }
            Block::Figure { src, alt, caption } => {
                s.flush();
                s.mark(&format!("<img {src} {alt}>"));
                s.flush();
                model_inlines(caption, s);
                s.flush();
            }
            Block::Rule => {
                s.flush();
                s.tokens.push("hr".into());
            }
        }
    }
}

fn model_inlines(inlines: &[Inline], s: &mut Shape) {
    for i in inlines {
        match i {
            Inline::Text { text } => s.buf.push_str(text),
            Inline::Emphasis { inlines } => {
                s.mark("⟦em⟧");
                model_inlines(inlines, s);
                s.mark("⟦/em⟧");
            }
            Inline::Strong { inlines } => {
                s.mark("⟦strong⟧");
                model_inlines(inlines, s);
                s.mark("⟦/strong⟧");
            }
            Inline::Code { text } => {
                s.mark("⟦code⟧");
                s.buf.push_str(text);
                s.mark("⟦/code⟧");
            }
            Inline::Link { href, inlines } => {
                s.mark(&format!("⟦a:{href}⟧"));
                model_inlines(inlines, s);
                s.mark("⟦/a⟧");
            }
            Inline::Image { src, alt } => s.mark(&format!("<img {src} {alt}>")),
            Inline::LineBreak => s.buf.push(' '),
        }
    }
}

/// The shape of Markdown as pulldown-cmark parses it.
fn parsed_shape(markdown: &str, inline: bool) -> Vec<String> {
    let mut s = Shape {
        inline,
        ..Shape::default()
    };
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let mut code: Option<(String, String)> = None;
    let mut image: Option<(String, String)> = None;
    for ev in Parser::new_ext(markdown, opts) {
        if let Some((_, alt)) = image.as_mut() {
            match ev {
                Event::Text(x) | Event::Code(x) => {
                    alt.push_str(&x);
                    continue;
                }
                Event::End(TagEnd::Image) => {
                    let (src, alt) = image.take().unwrap();
                    s.mark(&format!("<img {src} {alt}>"));
                    continue;
                }
                _ => continue,
            }
        }
        if let Some((_, text)) = code.as_mut() {
            match ev {
                Event::Text(x) => {
                    text.push_str(&x);
                    continue;
                }
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, text) = code.take().unwrap();
                    s.tokens.push(format!("code({lang}):{}", text.trim_end()));
                    continue;
                }
                _ => continue,
            }
        }
        match ev {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => s.open(format!("h{}{{", level as u8)),
                Tag::List(Some(n)) => s.open(format!("ol{n}{{")),
                Tag::List(None) => s.open("ul{".into()),
                Tag::Item => s.open("li{".into()),
                Tag::Table(_) => s.open("table{".into()),
                Tag::TableHead | Tag::TableRow => s.open("tr{".into()),
                Tag::TableCell => s.open("td{".into()),
                Tag::BlockQuote(_) => s.open("quote{".into()),
                Tag::CodeBlock(kind) => {
                    s.flush();
                    let lang = match kind {
                        CodeBlockKind::Fenced(l) => l.to_string(),
                        CodeBlockKind::Indented => "INDENTED".into(),
                    };
                    code = Some((lang, String::new()));
                }
                Tag::Paragraph => s.flush(),
                Tag::Emphasis => s.mark("⟦em⟧"),
                Tag::Strong => s.mark("⟦strong⟧"),
                Tag::Link { dest_url, .. } => s.mark(&format!("⟦a:{dest_url}⟧")),
                Tag::Image { dest_url, .. } => image = Some((dest_url.to_string(), String::new())),
                other => s.tokens.push(format!("UNEXPECTED {other:?}")),
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_)
                | TagEnd::List(_)
                | TagEnd::Item
                | TagEnd::Table
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_) => s.close(),
                TagEnd::Paragraph => s.flush(),
                TagEnd::Emphasis => s.mark("⟦/em⟧"),
                TagEnd::Strong => s.mark("⟦/strong⟧"),
                TagEnd::Link => s.mark("⟦/a⟧"),
                _ => {}
            },
            Event::Text(x) => s.buf.push_str(&x),
            Event::Code(x) => {
                s.mark("⟦code⟧");
                s.buf.push_str(&x);
                s.mark("⟦/code⟧");
            }
            Event::SoftBreak | Event::HardBreak => s.buf.push(' '),
            Event::Rule => {
                s.flush();
                s.tokens.push("hr".into());
            }
            other => s.tokens.push(format!("UNEXPECTED {other:?}")),
        }
    }
    s.flush();
    s.tokens
}

/// Renders `blocks` and checks that parsing the Markdown gives the same structure and inlines.
fn assert_round_trip(blocks: &[Block]) -> String {
    let out = md(blocks);
    assert_eq!(
        parsed_shape(&out, true),
        model_shape(blocks, true),
        "markdown was:\n{out}"
    );
    out
}

#[test]
fn headings_are_atx_with_their_level() {
    let blocks = vec![
        Block::Heading {
            level: 1,
            inlines: vec![t("Title")],
        },
        Block::Heading {
            level: 3,
            inlines: vec![t("Section # 3 #")],
        },
    ];
    let out = assert_round_trip(&blocks);
    assert!(out.starts_with("# Title\n\n### "));
}

#[test]
fn paragraphs_are_separated_by_a_blank_line() {
    let out = assert_round_trip(&[p(vec![t("One.")]), p(vec![t("Two.")])]);
    assert_eq!(out, "One.\n\nTwo.");
}

#[test]
fn ordinary_prose_is_not_escaped() {
    let prose = "It's 3.5 times faster (roughly) - and costs $10, 50% off! Isn't that great? snake_case_name, a * b = c, 2 > 1.";
    let out = assert_round_trip(&[p(vec![t(prose)])]);
    assert_eq!(out, prose);
}

#[test]
fn markup_characters_in_text_are_escaped() {
    for text in [
        "*not emphasis*",
        "_not emphasis_",
        "**not strong**",
        "[not a link](http://x)",
        "`not code`",
        "<div>not html</div>",
        "&amp; is not an entity",
        "# not a heading",
        "> not a quote",
        "- not a list",
        "+ not a list",
        "1. not a list",
        "2) not a list",
        "---",
        "***",
        "===",
        "```not a fence",
        "~~~",
        "back\\slash\\*",
        "![not an image](x.png)",
        "~~not struck~~",
        "[^1] not a footnote",
        "[label]: http://example.org not a definition",
    ] {
        let blocks = vec![p(vec![t(text)])];
        let out = md(&blocks);
        assert_eq!(
            parsed_shape(&out, true),
            vec![format!("T:{text}")],
            "markdown was: {out}"
        );
    }
}

#[test]
fn line_breaks_are_hard_breaks_and_line_starts_stay_text() {
    let blocks = vec![p(vec![
        t("first line"),
        Inline::LineBreak,
        t("# second"),
        Inline::LineBreak,
        t("- third"),
        Inline::LineBreak,
        t("==="),
    ])];
    let out = assert_round_trip(&blocks);
    assert_eq!(out.lines().count(), 4);
}

#[test]
fn emphasis_strong_code_and_links_render_as_markdown() {
    let blocks = vec![p(vec![
        t("Some "),
        Inline::Emphasis {
            inlines: vec![t("emphasised")],
        },
        t(", "),
        Inline::Strong {
            inlines: vec![
                t("strong "),
                Inline::Emphasis {
                    inlines: vec![t("and both")],
                },
            ],
        },
        t(", "),
        Inline::Code {
            text: "x = `y`".into(),
        },
        t(" and "),
        Inline::Link {
            href: "https://example.org/a_(b)".into(),
            inlines: vec![t("a link")],
        },
        t("."),
    ])];
    let out = assert_round_trip(&blocks);
    assert_eq!(
        out,
        "Some *emphasised*, **strong _and both_**, `` x = `y` `` and [a link](https://example.org/a_(b))."
    );
}

#[test]
fn emphasis_edges_keep_spaces_outside_the_delimiters() {
    let blocks = vec![p(vec![
        t("a"),
        Inline::Emphasis {
            inlines: vec![t(" spaced ")],
        },
        t("b"),
    ])];
    assert_eq!(assert_round_trip(&blocks), "a *spaced* b");
}

#[test]
fn emphasis_inside_a_word_next_to_punctuation_keeps_its_text() {
    // `a*"b"*c` would not parse as emphasis: the text must survive, markup or not.
    let blocks = vec![p(vec![
        t("a"),
        Inline::Emphasis {
            inlines: vec![t("\"b\"")],
        },
        t("c"),
    ])];
    let out = md(&blocks);
    assert_eq!(parsed_shape(&out, false), vec!["T:a\"b\"c".to_string()]);
}

#[test]
fn links_are_dropped_to_their_text_when_asked() {
    let blocks = vec![p(vec![
        t("See "),
        Inline::Link {
            href: "https://example.org/".into(),
            inlines: vec![t("the docs")],
        },
        t("."),
    ])];
    let out = markdown(&blocks, &MarkdownOptions { links: false });
    assert_eq!(out, "See the docs.");
}

#[test]
fn link_destinations_with_spaces_and_parentheses_stay_one_link() {
    let blocks = vec![p(vec![Inline::Link {
        href: "http://x.org/a b)c".into(),
        inlines: vec![t("odd")],
    }])];
    let out = md(&blocks);
    let shape = parsed_shape(&out, true);
    assert_eq!(
        shape,
        vec!["T:⟦a:http://x.org/a%20b)c⟧odd⟦/a⟧".to_string()],
        "{out}"
    );
}

#[test]
fn images_render_as_image_syntax_with_alt_text() {
    let blocks = vec![Block::Figure {
        src: "https://example.org/cat.png".into(),
        alt: "A [cat]".into(),
        caption: vec![t("The cat, sleeping.")],
    }];
    let out = assert_round_trip(&blocks);
    assert!(out.starts_with("![A \\[cat\\]](https://example.org/cat.png)"));
}

#[test]
fn nested_lists_are_indented_to_the_parent_content() {
    let blocks = vec![Block::List {
        ordered: true,
        start: 9,
        items: vec![
            vec![p(vec![t("nine")])],
            vec![
                p(vec![t("ten")]),
                Block::List {
                    ordered: false,
                    start: 1,
                    items: vec![
                        vec![p(vec![t("ten a")])],
                        vec![
                            p(vec![t("ten b")]),
                            Block::List {
                                ordered: true,
                                start: 1,
                                items: vec![vec![p(vec![t("deep")])]],
                            },
                        ],
                    ],
                },
            ],
        ],
    }];
    let out = assert_round_trip(&blocks);
    assert_eq!(
        out,
        "9. nine\n10. ten\n    - ten a\n    - ten b\n      1. deep"
    );
}

#[test]
fn adjacent_lists_stay_separate() {
    let list = |ordered| Block::List {
        ordered,
        start: 1,
        items: vec![vec![p(vec![t("x")])]],
    };
    assert_round_trip(&[list(false), list(false), list(true), list(true)]);
}

#[test]
fn list_items_with_several_blocks_keep_them_inside_the_item() {
    let blocks = vec![Block::List {
        ordered: false,
        start: 1,
        items: vec![
            vec![
                p(vec![t("first paragraph")]),
                p(vec![t("second paragraph")]),
                Block::Code {
                    language: Some("rust".into()),
                    text: "fn main() {\n\n    println!(\"hi\");\n}".into(),
                },
                Block::Quote {
                    blocks: vec![p(vec![t("quoted")])],
                },
            ],
            vec![Block::Heading {
                level: 2,
                inlines: vec![t("heading item")],
            }],
            vec![],
        ],
    }];
    assert_round_trip(&blocks);
}

#[test]
fn tables_are_gfm_pipe_tables_with_the_header_row_first() {
    let row = |header, cells: &[&str]| TableRow {
        header,
        cells: cells.iter().map(|c| vec![t(c)]).collect(),
    };
    let blocks = vec![Block::Table {
        rows: vec![
            row(true, &["Name", "Value"]),
            row(false, &["a | b", "1"]),
            row(false, &["short row"]),
        ],
    }];
    let out = assert_round_trip(&blocks);
    assert_eq!(
        out,
        "| Name | Value |\n| --- | --- |\n| a \\| b | 1 |\n| short row |  |"
    );
}

#[test]
fn a_table_without_a_header_row_gets_an_empty_one_and_keeps_its_first_row_as_data() {
    let row = |cells: &[&str]| TableRow {
        header: false,
        cells: cells.iter().map(|c| vec![t(c)]).collect(),
    };
    let blocks = vec![Block::Table {
        rows: vec![row(&["Oslo", "709,037"]), row(&["Bergen", "291,940"])],
    }];
    let out = assert_round_trip(&blocks);
    assert_eq!(
        out,
        "|  |  |\n| --- | --- |\n| Oslo | 709,037 |\n| Bergen | 291,940 |"
    );
}

#[test]
fn only_a_leading_header_row_becomes_the_gfm_header() {
    let row = |header, cells: &[&str]| TableRow {
        header,
        cells: cells.iter().map(|c| vec![t(c)]).collect(),
    };
    // A header row further down (a section label) stays in the body, in its place.
    let blocks = vec![Block::Table {
        rows: vec![
            row(false, &["a", "1"]),
            row(true, &["Section", "Total"]),
            row(false, &["b", "2"]),
        ],
    }];
    let out = assert_round_trip(&blocks);
    assert!(
        out.starts_with("|  |  |\n| --- | --- |\n| a | 1 |\n| Section | Total |"),
        "{out}"
    );
}

#[test]
fn code_in_table_cells_keeps_its_pipes() {
    let blocks = vec![Block::Table {
        rows: vec![
            TableRow {
                header: true,
                cells: vec![vec![t("op")]],
            },
            TableRow {
                header: false,
                cells: vec![vec![Inline::Code {
                    text: "a || b".into(),
                }]],
            },
        ],
    }];
    assert_round_trip(&blocks);
}

#[test]
fn code_blocks_are_fenced_with_their_language() {
    let blocks = vec![
        Block::Code {
            language: Some("python".into()),
            text: "def f():\n    return 1".into(),
        },
        Block::Code {
            language: None,
            text: "```\nnested fence\n```".into(),
        },
    ];
    let out = assert_round_trip(&blocks);
    assert!(out.starts_with("```python\ndef f():\n    return 1\n```"));
    assert!(out.contains("````\n```\nnested fence\n```\n````"));
}

#[test]
fn quotes_prefix_every_line_including_nested_blocks() {
    let blocks = vec![Block::Quote {
        blocks: vec![
            p(vec![t("one")]),
            Block::Quote {
                blocks: vec![p(vec![t("inner")])],
            },
            Block::List {
                ordered: false,
                start: 1,
                items: vec![vec![p(vec![t("item")])]],
            },
        ],
    }];
    let out = assert_round_trip(&blocks);
    assert!(out.lines().all(|l| l.starts_with('>')), "{out}");
}

#[test]
fn rules_render_as_thematic_breaks_even_inside_list_items() {
    let blocks = vec![
        p(vec![t("above")]),
        Block::Rule,
        Block::List {
            ordered: false,
            start: 1,
            items: vec![vec![Block::Rule], vec![p(vec![t("x")])]],
        },
    ];
    assert_round_trip(&blocks);
}

// Property: whatever the text, rendering and parsing back keeps the block structure and the text.

fn text_strategy() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-z0-9 *_\\[\\]()#>+=.!`<&|~\\\\:;-]{1,24}")
        .unwrap()
        .prop_filter("some content", |s| !s.trim().is_empty())
}

fn inline_strategy() -> impl Strategy<Value = Inline> {
    let leaf = prop_oneof![
        4 => text_strategy().prop_map(Inline::text),
        1 => "[a-z]{1,6}( ?[a-z`]{1,4})?".prop_map(|text| Inline::Code { text }),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..3)
                .prop_map(|inlines| Inline::Emphasis { inlines }),
            prop::collection::vec(inner.clone(), 1..3)
                .prop_map(|inlines| Inline::Strong { inlines }),
            prop::collection::vec(inner, 1..3).prop_map(|inlines| Inline::Link {
                href: "https://example.org/x".into(),
                inlines
            }),
        ]
    })
}

/// A run as the content builder makes it: no blank edges, adjacent texts merged.
fn tidy_run(run: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for i in run {
        match (out.last_mut(), i) {
            (Some(Inline::Text { text: a }), Inline::Text { text: b }) => a.push_str(&b),
            (_, i) => out.push(i),
        }
    }
    out
}

fn has_text(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| match i {
        Inline::Text { text } | Inline::Code { text } => !text.trim().is_empty(),
        Inline::Emphasis { inlines }
        | Inline::Strong { inlines }
        | Inline::Link { inlines, .. } => has_text(inlines),
        _ => false,
    })
}

fn run_strategy() -> impl Strategy<Value = Vec<Inline>> {
    prop::collection::vec(inline_strategy(), 1..5)
        .prop_map(tidy_run)
        .prop_filter("has text", |r| has_text(r))
}

fn block_strategy() -> impl Strategy<Value = Block> {
    let leaf = prop_oneof![
        3 => run_strategy().prop_map(|inlines| Block::Paragraph { inlines }),
        1 => (1u8..=6, run_strategy()).prop_map(|(level, inlines)| Block::Heading { level, inlines }),
        1 => ("[a-z]{0,5}", "[a-z `~*#>-]{1,20}(\n[a-z `~*#>-]{0,20}){0,3}").prop_map(|(l, text)| Block::Code {
            language: if l.is_empty() { None } else { Some(l) },
            text,
        }).prop_filter("code has text", |b| matches!(b, Block::Code { text, .. } if !text.trim().is_empty())),
        1 => (any::<bool>(), prop::collection::vec(prop::collection::vec(run_strategy(), 1..4), 1..4)).prop_map(|(head, rows)| {
            let rows: Vec<TableRow> = rows.into_iter().enumerate().map(|(k, cells)| TableRow { header: head && k == 0, cells }).collect();
            Block::Table { rows }
        }),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            (
                any::<bool>(),
                0u64..20,
                prop::collection::vec(prop::collection::vec(inner.clone(), 1..3), 1..4)
            )
                .prop_map(|(ordered, start, items)| Block::List {
                    ordered,
                    start: if ordered { start } else { 1 },
                    items
                }),
            prop::collection::vec(inner, 1..3).prop_map(|blocks| Block::Quote { blocks }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn any_content_parses_back_to_the_same_blocks_and_text(blocks in prop::collection::vec(block_strategy(), 1..4)) {
        let out = md(&blocks);
        // Compared without whitespace: a space may part two code spans that would touch.
        let squeeze = |v: Vec<String>| -> Vec<String> {
            v.into_iter().map(|t| t.chars().filter(|c| !c.is_whitespace()).collect()).collect()
        };
        prop_assert_eq!(squeeze(parsed_shape(&out, false)), squeeze(model_shape(&blocks, false)), "markdown was:\n{}", out);
    }
}
