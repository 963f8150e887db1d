//! nutgraf: turn a web page (raw HTML bytes, any encoding) into clean, structured article data.
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! bytes ──decode──> text ──dom──> DOM ──metadata──> Metadata
//!                                  └──clean──> boilerplate marks ──score──> main content
//!                                         ──content──> blocks ──render──> text | markdown | html
//! ```
//!
//! # Example
//!
//! ```
//! let html = br#"<html><head><title>Hello world</title>
//!   <meta property="og:site_name" content="Example Blog"></head>
//!   <body><nav><a href="/">Home</a> <a href="/about">About</a></nav>
//!   <article><h1>Hello world</h1>
//!   <p>This is the first paragraph of the article, long enough to count as real prose.</p>
//!   <p>And here is a second one, which also carries a few words, commas, and a full stop.</p>
//!   </article>
//!   <div class="sharedaddy">Share this: Twitter Facebook</div></body></html>"#;
//!
//! let article = nutgraf::extract(html)?;
//! assert_eq!(article.title.as_deref(), Some("Hello world"));
//! assert!(article.text.contains("first paragraph"));
//! assert!(!article.text.contains("Share this"));
//!
//! // A reusable extractor with options; it is Send + Sync.
//! let extractor = nutgraf::Extractor::builder()
//!     .url("https://example.org/hello")
//!     .focus(nutgraf::Focus::Precision)
//!     .build();
//! let article = extractor.extract(html)?;
//! assert_eq!(article.url.as_deref(), Some("https://example.org/hello"));
//! # Ok::<(), nutgraf::Error>(())
//! ```

#![deny(clippy::unwrap_used, clippy::expect_used)]
#![warn(missing_docs)]

/// Developer diagnostics: with the `trace` feature, explains selection decisions on stderr.
macro_rules! trace {
    ($($arg:tt)*) => {
        #[cfg(feature = "trace")]
        eprintln!($($arg)*);
    };
}

mod article;
mod clean;
pub mod content;
pub mod decode;
mod dom;
mod error;
pub mod explain;
mod metadata;
mod options;
pub mod record;
pub mod render;
mod repair;
mod score;
#[doc(hidden)]
pub mod stages;

/// The README's Rust examples, compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

pub use article::{Article, Comment, ScoredBlock};
pub use content::{Block, Inline};
pub use error::Error;
pub use metadata::{Source, Sources};
pub use options::{Focus, Limits, Options};

/// A configured, reusable extractor. It is `Send + Sync`: share one across threads.
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    options: Options,
}

/// Builds an [`Extractor`]; start from [`Extractor::builder`].
#[derive(Debug, Clone, Default)]
pub struct ExtractorBuilder {
    options: Options,
}

impl ExtractorBuilder {
    /// The page's address (base for relative links; reported as `url`).
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.options.url = Some(url.into());
        self
    }
    /// The precision / recall trade-off.
    pub fn focus(mut self, focus: Focus) -> Self {
        self.options.focus = focus;
        self
    }
    /// The charset declared by the transport (HTTP `Content-Type`); it overrides `<meta charset>`.
    pub fn charset(mut self, charset: impl Into<String>) -> Self {
        self.options.charset = Some(charset.into());
        self
    }
    /// Whether to extract reader comments (kept apart from the body).
    pub fn comments(mut self, yes: bool) -> Self {
        self.options.comments = yes;
        self
    }
    /// When the page was fetched (e.g. the `WARC-Date`): a later date cannot be its
    /// publication date. See [`Options::crawl_date`] for the accepted forms.
    pub fn crawl_date(mut self, when: impl Into<String>) -> Self {
        self.options.crawl_date = Some(when.into());
        self
    }
    /// Whether to return every text block with the content model's probability
    /// ([`Article::blocks`]), for a cut-off of one's own.
    pub fn block_scores(mut self, yes: bool) -> Self {
        self.options.block_scores = yes;
        self
    }
    /// Whether to record why each block was kept or dropped, where each metadata field came
    /// from and how long each stage took ([`Article::explain`]), for the explain report
    /// ([`render::explain`]).
    pub fn explain(mut self, yes: bool) -> Self {
        self.options.explain = yes;
        self
    }
    /// Input limits.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.options.limits = limits;
        self
    }
    /// Finishes the builder.
    pub fn build(self) -> Extractor {
        Extractor {
            options: self.options,
        }
    }
}

impl Extractor {
    /// Starts a builder with the default options.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// An extractor with the given options.
    pub fn with_options(options: Options) -> Self {
        Extractor { options }
    }

    /// The options this extractor uses.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Extracts the article from the raw bytes of a page (with the extractor's own `url`,
    /// `charset` and `crawl_date`).
    ///
    /// A page without main content is an ordinary result: the body is empty and
    /// [`Article::is_empty`] says so. Errors are for input over a configured limit.
    pub fn extract(&self, bytes: &[u8]) -> Result<Article, Error> {
        self.extract_page(&Page {
            html: bytes,
            ..Page::default()
        })
    }

    /// Extracts the article from one page with its own inputs: what the [`Page`] gives
    /// (`url`, `charset`, `crawl_date`) overrides the extractor's options, so one shared
    /// extractor serves every page of a crawl.
    ///
    /// ```
    /// let extractor = nutgraf::Extractor::default();
    /// let page = nutgraf::Page {
    ///     html: b"<title>Hi</title><p>Some words.</p>",
    ///     url: Some("https://example.org/hi"),
    ///     charset: Some("utf-8"),
    ///     crawl_date: Some("2024-05-01T10:00:00Z"),
    /// };
    /// let article = extractor.extract_page(&page)?;
    /// assert_eq!(article.url.as_deref(), Some("https://example.org/hi"));
    /// # Ok::<(), nutgraf::Error>(())
    /// ```
    pub fn extract_page(&self, page: &Page<'_>) -> Result<Article, Error> {
        let o = &self.options;
        let deadline = Deadline::start(o.limits.max_time);
        if page.html.len() > o.limits.max_bytes {
            return Err(Error::InputTooLarge {
                size: page.html.len(),
                limit: o.limits.max_bytes,
            });
        }
        let charset = page.charset.or(o.charset.as_deref());
        let started = o.explain.then(std::time::Instant::now);
        let (text, encoding) = decode::decode_borrowed(page.html, charset);
        let decoded = started.map(|t| Decoded {
            micros: micros(t),
            how: decode::decision(page.html, charset),
        });
        let inputs = PageInputs {
            url: page.url.or(o.url.as_deref()),
            crawl_date: page.crawl_date.or(o.crawl_date.as_deref()),
        };
        self.extract_text(&text, encoding.name(), inputs, deadline, decoded)
    }

    /// Extracts the article from a page that is already decoded text.
    pub fn extract_str(&self, html: &str) -> Result<Article, Error> {
        let o = &self.options;
        let deadline = Deadline::start(o.limits.max_time);
        if html.len() > o.limits.max_bytes {
            return Err(Error::InputTooLarge {
                size: html.len(),
                limit: o.limits.max_bytes,
            });
        }
        let inputs = PageInputs {
            url: o.url.as_deref(),
            crawl_date: o.crawl_date.as_deref(),
        };
        let decoded = o.explain.then_some(Decoded {
            micros: 0,
            how: "given as text",
        });
        self.extract_text(html, "UTF-8", inputs, deadline, decoded)
    }

    fn extract_text(
        &self,
        html: &str,
        encoding: &str,
        page: PageInputs<'_>,
        deadline: Deadline,
        decoded: Option<Decoded>,
    ) -> Result<Article, Error> {
        let o = &self.options;
        let timeout = || Error::Timeout {
            limit: o.limits.max_time.unwrap_or_default(),
        };
        // The stages' times, only for the explain record.
        let mut clock = decoded.map(|d| Clock {
            last: std::time::Instant::now(),
            times: vec![("decode".to_string(), d.micros)],
        });
        let mut lap = |stage: &str| {
            if let Some(c) = clock.as_mut() {
                c.times.push((stage.to_string(), micros(c.last)));
                c.last = std::time::Instant::now();
            }
        };
        let doc =
            dom::Document::parse_until(html, &o.limits, deadline.at).map_err(|_| timeout())?;
        deadline.check().map_err(|()| timeout())?;
        lap("parse");
        let crawled = page.crawl_date.and_then(metadata::crawl_day);
        let meta = metadata::with_crawl_date(crawled, || metadata::extract(&doc, page.url));
        deadline.check().map_err(|()| timeout())?;
        lap("metadata");
        let base = meta.url.as_deref().or(page.url);
        // On a discussion page the replies are the content, not a comment section beside it.
        let shape = clean::Shape::of(meta.page_type.as_deref(), base);
        let marks = clean::mark(&doc, o.focus, shape);
        deadline.check().map_err(|()| timeout())?;
        lap("clean");
        let mut blocks = o.block_scores.then(Vec::new);
        let mut explained = decoded.map(|_| score::Explained::default());
        let body = score::main_content(
            &doc,
            &marks,
            o.focus,
            base,
            meta.page_type.as_deref(),
            blocks.as_mut(),
            explained.as_mut(),
        );
        deadline.check().map_err(|()| timeout())?;
        lap("score");
        let comments = if o.comments {
            let c = clean::comments::extract(&doc, base);
            lap("comments");
            c
        } else {
            Vec::new()
        };
        let explain = match (decoded, explained, clock) {
            (Some(d), Some(e), Some(c)) => {
                let (fields, page_type_reason) = metadata::explain(&doc, &meta, page.url);
                Some(Box::new(explain::Explain {
                    encoding_reason: d.how.to_string(),
                    page_type_reason,
                    containers: e.containers,
                    timings: c.times,
                    blocks: e.blocks,
                    fields,
                }))
            }
            _ => None,
        };
        let mut article =
            Article::assemble(meta, body, blocks.unwrap_or_default(), comments, encoding);
        article.truncated = doc.truncated;
        article.explain = explain;
        Ok(article)
    }
}

/// One page to extract, with what the transport said about it. Fields left `None` fall back to
/// the extractor's options.
#[derive(Debug, Clone, Copy, Default)]
pub struct Page<'a> {
    /// The raw bytes of the page, in any encoding.
    pub html: &'a [u8],
    /// The page's address: base for relative links, reported as `url`.
    pub url: Option<&'a str>,
    /// The charset the transport declared (HTTP `Content-Type`); it overrides `<meta charset>`.
    pub charset: Option<&'a str>,
    /// When the page was fetched (e.g. the `WARC-Date`): a later date cannot be its
    /// publication date. See [`Options::crawl_date`] for the accepted forms.
    pub crawl_date: Option<&'a str>,
}

/// How the page was decoded, for the explain record.
#[derive(Clone, Copy)]
struct Decoded {
    micros: u64,
    how: &'static str,
}

/// The stages' times so far, for the explain record.
struct Clock {
    last: std::time::Instant,
    times: Vec<(String, u64)>,
}

/// Microseconds since `t`.
fn micros(t: std::time::Instant) -> u64 {
    u64::try_from(t.elapsed().as_micros()).unwrap_or(u64::MAX)
}

/// The per-page inputs after falling back to the extractor's options.
#[derive(Clone, Copy)]
struct PageInputs<'a> {
    url: Option<&'a str>,
    crawl_date: Option<&'a str>,
}

/// When the extraction must be done by (from [`Limits::max_time`]).
#[derive(Clone, Copy)]
struct Deadline {
    at: Option<std::time::Instant>,
}

impl Deadline {
    fn start(limit: Option<std::time::Duration>) -> Deadline {
        Deadline {
            at: limit.and_then(|d| std::time::Instant::now().checked_add(d)),
        }
    }

    /// `Err` once the deadline has passed.
    fn check(self) -> Result<(), ()> {
        match self.at {
            Some(at) if std::time::Instant::now() >= at => Err(()),
            _ => Ok(()),
        }
    }
}

/// Whether `s` is a crawl date the extraction understands (RFC 3339, `YYYY-MM-DD`, or a
/// 14-digit archive timestamp); an option that is not is ignored by the library, so a caller
/// that takes it from a user can refuse it up front.
pub fn is_crawl_date(s: &str) -> bool {
    metadata::crawl_day(s).is_some()
}

/// Extracts the article from the raw bytes of a page, with the default options.
///
/// ```
/// let article = nutgraf::extract(b"<title>Hi</title><p>Some words.</p>")?;
/// assert_eq!(article.title.as_deref(), Some("Hi"));
/// # Ok::<(), nutgraf::Error>(())
/// ```
pub fn extract(bytes: &[u8]) -> Result<Article, Error> {
    Extractor::default().extract(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extractor_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Extractor>();
        check::<Article>();
    }

    #[test]
    fn a_date_after_the_crawl_date_is_no_publication_date() {
        let page = br#"<head><meta property="article:published_time" content="2021-06-01"></head>
            <p>Some words of prose.</p>"#;
        let published = |e: Extractor| e.extract(page).ok().and_then(|a| a.published);
        assert_eq!(
            published(
                Extractor::builder()
                    .crawl_date("2022-01-01T00:00:00Z")
                    .build()
            ),
            Some("2021-06-01".to_string())
        );
        assert_eq!(
            published(Extractor::builder().crawl_date("2021-05-01").build()),
            None
        );
        assert_eq!(
            published(Extractor::builder().crawl_date("not a date").build()),
            Some("2021-06-01".to_string())
        );
    }

    #[test]
    fn input_over_the_limit_is_an_error() {
        let e = Extractor::builder()
            .limits(Limits {
                max_bytes: 10,
                ..Limits::default()
            })
            .build();
        assert!(matches!(
            e.extract(b"<p>more than ten bytes</p>"),
            Err(Error::InputTooLarge { .. })
        ));
    }
}
