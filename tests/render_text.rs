//! Plain text output: paragraph breaks, list markers, table rows on lines.

use nutgraf::content::TableRow;
use nutgraf::render::text;
use nutgraf::{Block, Inline};

fn t(s: &str) -> Inline {
    Inline::text(s)
}
fn p(s: &str) -> Block {
    Block::Paragraph {
        inlines: vec![t(s)],
    }
}

#[test]
fn blocks_are_separated_by_blank_lines() {
    let blocks = vec![
        Block::Heading {
            level: 1,
            inlines: vec![t("Title")],
        },
        p("First."),
        p("Second."),
    ];
    assert_eq!(text(&blocks), "Title\n\nFirst.\n\nSecond.");
}

#[test]
fn lists_keep_their_markers_and_nesting() {
    let blocks = vec![Block::List {
        ordered: true,
        start: 1,
        items: vec![
            vec![p("one")],
            vec![
                p("two"),
                Block::List {
                    ordered: false,
                    start: 1,
                    items: vec![vec![p("two a")], vec![p("two b")]],
                },
            ],
        ],
    }];
    assert_eq!(text(&blocks), "1. one\n2. two\n  - two a\n  - two b");
}

#[test]
fn table_rows_are_lines_with_cells_separated_by_tabs() {
    let row = |cells: &[&str]| TableRow {
        header: false,
        cells: cells.iter().map(|c| vec![t(c)]).collect(),
    };
    let blocks = vec![Block::Table {
        rows: vec![row(&["a", "b"]), row(&["c", "d"])],
    }];
    assert_eq!(text(&blocks), "a\tb\nc\td");
}

#[test]
fn line_breaks_and_code_are_kept() {
    let blocks = vec![
        Block::Paragraph {
            inlines: vec![t("line one"), Inline::LineBreak, t("line two")],
        },
        Block::Code {
            language: None,
            text: "  indented\ncode".into(),
        },
    ];
    assert_eq!(text(&blocks), "line one\nline two\n\n  indented\ncode");
}
