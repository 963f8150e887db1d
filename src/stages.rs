//! The pipeline one stage at a time, for the benchmarks in `benches/` (not a stable API).

use crate::options::{Focus, Limits};
use crate::{Block, clean, dom, metadata, score};

/// A parsed page, as the later stages see it.
pub struct Parsed(dom::Document);

impl Parsed {
    /// Number of nodes in the parsed document.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the document holds no node besides the root.
    pub fn is_empty(&self) -> bool {
        self.0.len() <= 1
    }
}

/// Stage 1: parses decoded text into the arena DOM.
pub fn parse(html: &str, limits: &Limits) -> Parsed {
    Parsed(dom::Document::parse(html, limits))
}

/// Stage 2: the metadata (returns the title, to keep the work observable).
pub fn metadata(page: &Parsed) -> Option<String> {
    metadata::extract(&page.0, None).title
}

/// Stage 3: boilerplate marks, main-content selection and the content blocks (as for a page
/// that metadata does not call a discussion).
pub fn clean_and_score(page: &Parsed, focus: Focus) -> Vec<Block> {
    let marks = clean::mark(&page.0, focus, clean::Shape::Other);
    score::main_content(&page.0, &marks, focus, None, None, None, None)
}

pub use crate::score::{BlockRow, feature_names};

/// The page's blocks with their content-model features, as [`crate::Extractor::extract`] sees
/// them with the default options (for `quality/train.py`, through `examples/dump_blocks.rs`).
pub fn block_rows(bytes: &[u8], url: Option<&str>) -> Vec<BlockRow> {
    let (text, _) = crate::decode::decode_borrowed(bytes, None);
    let doc = dom::Document::parse(&text, &Limits::default());
    let meta = metadata::extract(&doc, url);
    let base = meta.url.as_deref().or(url);
    let shape = clean::Shape::of(meta.page_type.as_deref(), base);
    let marks = clean::mark(&doc, Focus::Balanced, shape);
    score::block_rows(&doc, &marks, Focus::Balanced, meta.page_type.as_deref())
}
