//! Settings: every option of an extraction, low in the crate so that every stage can read them.

use crate::Error;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// How to trade precision for recall when choosing the main content.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Focus {
    /// The default: the best overall balance of precision and recall.
    #[default]
    Balanced,
    /// Leave out anything doubtful: less boilerplate, a little less content.
    Precision,
    /// Keep anything plausible: more content, a little more boilerplate.
    Recall,
}

impl std::str::FromStr for Focus {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.to_ascii_lowercase().as_str() {
            "balanced" => Ok(Focus::Balanced),
            "precision" => Ok(Focus::Precision),
            "recall" => Ok(Focus::Recall),
            other => Err(Error::InvalidOption(format!(
                "unknown focus {other:?}: use balanced, precision or recall"
            ))),
        }
    }
}

/// Limits that keep hostile input bounded in time and memory.
///
/// The node, attribute and memory caps are enforced while html5ever builds the tree: a document
/// past one of them is parsed no further, and what came before is extracted, with
/// [`Article::truncated`](crate::Article::truncated) set. A document that overruns `max_time` is an
/// [`Error::Timeout`]; the work stops (between chunks of the parse and between stages) and its
/// memory is freed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Largest input accepted, in bytes; larger inputs are an [`Error::InputTooLarge`].
    pub max_bytes: usize,
    /// Element nesting deeper than this is flattened: deeper elements' text is kept, their structure is not.
    pub max_depth: usize,
    /// Most DOM nodes built; the rest of a larger document is not parsed (a truncated result).
    pub max_nodes: usize,
    /// Most attributes read on one tag; the ones after are dropped before parsing.
    #[serde(default = "default_max_attributes")]
    pub max_attributes: usize,
    /// Most memory the parse tree and the arena laid out from it may take, in bytes (as
    /// estimated from what they hold); the rest of a larger document is not parsed (a
    /// truncated result). With the rest of an extraction, the default keeps a document under
    /// about 1 GiB.
    #[serde(default = "default_max_memory")]
    pub max_memory: usize,
    /// Longest time one extraction may take; `None` for no limit. Past it the extraction stops
    /// with an [`Error::Timeout`].
    #[serde(default = "default_max_time")]
    pub max_time: Option<Duration>,
}

fn default_max_attributes() -> usize {
    Limits::default().max_attributes
}

fn default_max_memory() -> usize {
    Limits::default().max_memory
}

fn default_max_time() -> Option<Duration> {
    Limits::default().max_time
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 64 * 1024 * 1024,
            max_depth: 512,
            max_nodes: 2_000_000,
            max_attributes: 256,
            max_memory: 512 << 20,
            max_time: Some(Duration::from_secs(60)),
        }
    }
}

/// Every option of an extraction. Build one with [`Extractor::builder`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    /// The page's address: base for relative links and the reported `url`.
    pub url: Option<String>,
    /// Precision / recall trade-off.
    pub focus: Focus,
    /// The charset the transport declared (the HTTP `Content-Type` charset), if any.
    pub charset: Option<String>,
    /// Also extract reader comments into [`Article::comments`].
    pub comments: bool,
    /// Bounds on the input.
    pub limits: Limits,
    /// When the page was fetched (`2024-05-01T10:00:00Z`, a date, or a 14-digit archive
    /// timestamp): dates after it (by more than a day) are not publication dates. Without it the
    /// bound is today; a value that does not parse is ignored.
    #[serde(default)]
    pub crawl_date: Option<String>,
    /// Also return every text block with the content model's score in [`Article::blocks`]
    /// (off by default: it costs a string per block).
    ///
    /// [`Article::blocks`]: crate::Article::blocks
    #[serde(default)]
    pub block_scores: bool,
    /// Also record why each block was kept or dropped, where each field came from and how long
    /// each stage took, in [`Article::explain`] (off by default; nothing of it is built unasked).
    ///
    /// [`Article::explain`]: crate::Article::explain
    #[serde(default)]
    pub explain: bool,
}
