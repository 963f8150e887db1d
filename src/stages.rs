//! The pipeline one stage at a time, for the benchmarks in `benches/` and the per-stage profile
//! (`examples/profile_stages.rs`); not a stable API.

use crate::options::{Focus, Limits};
use crate::{Article, Block, Comment, clean, dom, metadata, score};
use std::borrow::Cow;

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

/// The page's metadata as the later stages need it (opaque; see [`page_metadata`]).
pub struct PageMeta(metadata::Metadata);

impl PageMeta {
    /// The page's title, if it has one.
    pub fn title(&self) -> Option<&str> {
        self.0.title.as_deref()
    }
}

/// The boilerplate marks of a page (opaque; see [`clean()`]).
pub struct PageMarks(clean::Marks);

/// The base address the later stages resolve links against: the page's own, else `url`.
fn base<'a>(meta: &'a PageMeta, url: Option<&'a str>) -> Option<&'a str> {
    meta.0.url.as_deref().or(url)
}

/// Decoding as [`crate::Extractor::extract`] does it (no transport charset): text, encoding name.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, &'static str) {
    let (text, encoding) = crate::decode::decode_borrowed(bytes, None);
    (text, encoding.name())
}

/// Parsing as [`crate::Extractor::extract`] does it, with `limits.max_time` from now; `None` on a time-out.
pub fn parse_page(html: &str, limits: &Limits) -> Option<Parsed> {
    let deadline = limits
        .max_time
        .and_then(|d| std::time::Instant::now().checked_add(d));
    dom::Document::parse_until(html, limits, deadline)
        .ok()
        .map(Parsed)
}

/// The whole metadata stage, as [`crate::Extractor::extract`] runs it without a crawl date.
pub fn page_metadata(page: &Parsed, url: Option<&str>) -> PageMeta {
    PageMeta(metadata::with_crawl_date(None, || {
        metadata::extract(&page.0, url)
    }))
}

/// The clean stage: the boilerplate marks, for the page shape the metadata gives.
pub fn clean(page: &Parsed, meta: &PageMeta, url: Option<&str>, focus: Focus) -> PageMarks {
    let shape = clean::Shape::of(meta.0.page_type.as_deref(), base(meta, url));
    PageMarks(clean::mark(&page.0, focus, shape))
}

/// The score stage: main-content selection and the body blocks (no block scores, no explain).
pub fn score(
    page: &Parsed,
    marks: &PageMarks,
    meta: &PageMeta,
    url: Option<&str>,
    focus: Focus,
) -> Vec<Block> {
    let page_type = meta.0.page_type.as_deref();
    score::main_content(
        &page.0,
        &marks.0,
        focus,
        base(meta, url),
        page_type,
        None,
        None,
    )
}

/// The comments stage (only run when comments are asked for; off by default).
pub fn comments(page: &Parsed, meta: &PageMeta, url: Option<&str>) -> Vec<Comment> {
    clean::comments::extract(&page.0, base(meta, url))
}

/// The article from the stages' results, as [`crate::Extractor::extract`] assembles it (renders the text).
pub fn assemble(
    page: &Parsed,
    meta: PageMeta,
    body: Vec<Block>,
    comments: Vec<Comment>,
    encoding: &str,
) -> Article {
    let mut article = Article::assemble(meta.0, body, Vec::new(), comments, encoding);
    article.truncated = page.0.truncated;
    article
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
    score::block_rows(
        &doc,
        &marks,
        Focus::Balanced,
        base,
        meta.page_type.as_deref(),
    )
}
