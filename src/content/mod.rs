//! The content model: a small tree of blocks with inline runs, the one source of every output format.

mod build;
mod title;
pub(crate) use build::{build, collapse};
pub(crate) use title::drop_title_heading;

use serde::{Deserialize, Serialize};

/// A block of the article body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A heading, `level` 1 to 6.
    Heading {
        /// 1 (`<h1>`) to 6 (`<h6>`).
        level: u8,
        /// The heading's text runs.
        inlines: Vec<Inline>,
    },
    /// A paragraph (or any run of inline content between blocks).
    Paragraph {
        /// The paragraph's text runs.
        inlines: Vec<Inline>,
    },
    /// An ordered or unordered list.
    List {
        /// `true` for `<ol>`.
        ordered: bool,
        /// First number of an ordered list (from `start`), 1 by default.
        #[serde(default = "one", skip_serializing_if = "is_one")]
        start: u64,
        /// The items; each item is a sequence of blocks (nested lists included).
        items: Vec<Vec<Block>>,
    },
    /// A table; the rows flagged `header` are header rows.
    Table {
        /// Rows in order.
        rows: Vec<TableRow>,
    },
    /// Preformatted code or text, with its language when the page gives one.
    Code {
        /// Language from `class="language-…"` (or `lang-…`), if any.
        #[serde(skip_serializing_if = "Option::is_none")]
        language: Option<String>,
        /// The code, verbatim.
        text: String,
    },
    /// A block quote.
    Quote {
        /// The quoted blocks.
        blocks: Vec<Block>,
    },
    /// An image with its alt text and caption.
    Figure {
        /// Absolute image URL when the page URL is known.
        src: String,
        /// Alt text.
        #[serde(skip_serializing_if = "String::is_empty", default)]
        alt: String,
        /// Caption runs (`<figcaption>`), possibly empty.
        #[serde(skip_serializing_if = "Vec::is_empty", default)]
        caption: Vec<Inline>,
    },
    /// A thematic break (`<hr>`).
    Rule,
}

fn one() -> u64 {
    1
}
fn is_one(n: &u64) -> bool {
    *n == 1
}

/// One row of a [`Block::Table`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableRow {
    /// Whether this is a header row (`<thead>` or all `<th>`).
    pub header: bool,
    /// The cells, each a run of inlines.
    pub cells: Vec<Vec<Inline>>,
}

/// An inline run inside a block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    /// Plain text (whitespace already collapsed).
    Text {
        /// The text.
        text: String,
    },
    /// Emphasis (`<em>`, `<i>`).
    Emphasis {
        /// Emphasised runs.
        inlines: Vec<Inline>,
    },
    /// Strong emphasis (`<strong>`, `<b>`).
    Strong {
        /// Strong runs.
        inlines: Vec<Inline>,
    },
    /// Inline code (`<code>` outside `<pre>`).
    Code {
        /// The code text.
        text: String,
    },
    /// A link with its (absolute, when resolvable) target.
    Link {
        /// Target URL.
        href: String,
        /// Link text runs.
        inlines: Vec<Inline>,
    },
    /// An inline image.
    Image {
        /// Image URL.
        src: String,
        /// Alt text.
        alt: String,
    },
    /// A hard line break (`<br>`).
    LineBreak,
}

impl Inline {
    /// A plain text run.
    pub fn text(s: impl Into<String>) -> Inline {
        Inline::Text { text: s.into() }
    }
}

/// The plain text of a run of inlines (links and emphasis flattened, images dropped).
pub fn inline_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_inline_text(inlines, &mut out);
    out
}

/// Appends the text of `inlines` to `out` (as [`inline_text`] gives it).
pub(crate) fn push_inline_text(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text { text } | Inline::Code { text } => out.push_str(text),
            Inline::Emphasis { inlines }
            | Inline::Strong { inlines }
            | Inline::Link { inlines, .. } => push_inline_text(inlines, out),
            Inline::Image { .. } => {}
            Inline::LineBreak => out.push('\n'),
        }
    }
}
