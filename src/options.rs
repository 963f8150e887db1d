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
    /// Most attributes kept on one tag (a repeated name counts once); the ones after are
    /// dropped as the tag is read.
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

/// Every option of an extraction. Build one with [`Extractor::builder`](crate::Extractor::builder).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    /// The page's address: base for relative links and the reported `url`.
    pub url: Option<String>,
    /// Precision / recall trade-off.
    pub focus: Focus,
    /// The charset the transport declared (the HTTP `Content-Type` charset), if any.
    pub charset: Option<String>,
    /// Also extract reader comments into [`Article::comments`](crate::Article::comments).
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

impl Options {
    /// The names [`Options::set`] takes: the options of an extraction, flat, as the Python
    /// binding's keyword arguments are. A new option is added here and in `set`.
    pub const NAMES: &'static [&'static str] = &[
        "url",
        "focus",
        "charset",
        "comments",
        "crawl_date",
        "block_scores",
        "max_bytes",
        "max_depth",
        "max_nodes",
        "max_attributes",
        "max_memory",
        "max_time",
    ];

    /// Accepts a charset label (or `Content-Type` value) that the decoder knows.
    pub fn check_charset(charset: &str) -> Result<(), Error> {
        match crate::decode::charset_name(charset) {
            Some(_) => Ok(()),
            None => Err(Error::InvalidOption(format!(
                "{charset:?} is not a known charset: use an encoding label such as utf-8, windows-1252 or shift_jis"
            ))),
        }
    }

    /// Accepts a crawl date that the extraction understands (see [`Options::crawl_date`]).
    pub fn check_crawl_date(date: &str) -> Result<(), Error> {
        if crate::is_crawl_date(date) {
            Ok(())
        } else {
            Err(Error::InvalidOption(format!(
                "{date:?} is not a date: use RFC 3339 (2024-05-01T10:00:00Z), YYYY-MM-DD or a 14-digit timestamp"
            )))
        }
    }

    /// Sets one option by its flat name (one of [`Options::NAMES`]) from a JSON-like value:
    /// strings for `url`, `focus`, `charset` and `crawl_date` (`null` clears the optional ones),
    /// booleans for `comments` and `block_scores`, non-negative integers for the `max_*` caps,
    /// and seconds (a number, or `null` for no limit) for `max_time`. The values are checked as
    /// the CLI checks its flags.
    ///
    /// ```
    /// let mut o = nutgraf::Options::default();
    /// o.set("focus", &serde_json::json!("precision"))?;
    /// o.set("max_time", &serde_json::json!(0.5))?;
    /// assert_eq!(o.focus, nutgraf::Focus::Precision);
    /// assert!(o.set("max_nodes", &serde_json::json!(-1)).is_err());
    /// assert!(o.set("colour", &serde_json::json!("red")).is_err());
    /// # Ok::<(), nutgraf::Error>(())
    /// ```
    pub fn set(&mut self, name: &str, value: &serde_json::Value) -> Result<(), Error> {
        use serde_json::Value;
        let bad = |want: &str| Error::InvalidOption(format!("{name} must be {want}, not {value}"));
        let text = || match value {
            Value::String(s) => Ok(Some(s.clone())),
            Value::Null => Ok(None),
            _ => Err(bad("a string or None")),
        };
        let flag = || value.as_bool().ok_or_else(|| bad("a bool"));
        let count = || {
            value
                .as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .ok_or_else(|| bad("a non-negative integer"))
        };
        match name {
            "url" => self.url = text()?,
            "focus" => match value {
                Value::String(s) => self.focus = s.parse()?,
                _ => return Err(bad("a string")),
            },
            "charset" => {
                let c = text()?;
                if let Some(c) = c.as_deref() {
                    Self::check_charset(c)?;
                }
                self.charset = c;
            }
            "crawl_date" => {
                let d = text()?;
                if let Some(d) = d.as_deref() {
                    Self::check_crawl_date(d)?;
                }
                self.crawl_date = d;
            }
            "comments" => self.comments = flag()?,
            "block_scores" => self.block_scores = flag()?,
            "max_bytes" => self.limits.max_bytes = count()?,
            "max_depth" => self.limits.max_depth = count()?,
            "max_nodes" => self.limits.max_nodes = count()?,
            "max_attributes" => self.limits.max_attributes = count()?,
            "max_memory" => self.limits.max_memory = count()?,
            "max_time" => {
                self.limits.max_time = match value {
                    Value::Null => None,
                    v => match v.as_f64() {
                        Some(s) if (0.0..1e12).contains(&s) => {
                            (s > 0.0).then(|| Duration::from_secs_f64(s))
                        }
                        _ => return Err(bad("a number of seconds or None")),
                    },
                }
            }
            other => {
                return Err(Error::InvalidOption(format!(
                    "unknown option {other:?}: use one of {}",
                    Self::NAMES.join(", ")
                )));
            }
        }
        Ok(())
    }
}
