//! `nutgraf.Article`: one extracted page, with the CLI's JSON record as `to_dict()`.

use nutgraf::record::ArticleFields;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Which renderings of the body an extraction adds beside the plain `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "text" => Some(Format::Text),
            "markdown" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            _ => None,
        }
    }
}

/// An extracted article: the fields of the CLI's JSON record as attributes.
///
/// ``to_dict()`` gives exactly the record ``nutgraf --format json`` prints for the same page and
/// options, less its ``source`` (``--include markdown``/``html``/``blocks`` for the
/// ``format="markdown"``/``"html"`` and ``block_scores=True`` options).
#[pyclass(frozen, module = "nutgraf", name = "Article")]
pub struct PyArticle {
    article: nutgraf::Article,
    comments: bool,
    blocks: bool,
    markdown: Option<String>,
    html: Option<String>,
}

impl PyArticle {
    /// Wraps a result, rendering the body as `format` asks (off the GIL: this is Rust work).
    pub fn new(article: nutgraf::Article, options: &nutgraf::Options, format: Format) -> Self {
        let markdown = (format == Format::Markdown)
            .then(|| article.markdown_with(&nutgraf::render::MarkdownOptions { links: true }));
        let html = (format == Format::Html).then(|| article.html());
        PyArticle {
            article,
            comments: options.comments,
            blocks: options.block_scores,
            markdown,
            html,
        }
    }

    fn fields(&self) -> ArticleFields<'_> {
        let mut f = ArticleFields::new(&self.article, self.comments);
        f.markdown.clone_from(&self.markdown);
        f.html.clone_from(&self.html);
        f.blocks = self.blocks.then_some(self.article.blocks.as_slice());
        f
    }
}

#[pymethods]
impl PyArticle {
    /// The main text, paragraphs separated by blank lines ("" for a page without content).
    #[getter]
    fn text(&self) -> &str {
        &self.article.text
    }
    /// The headline.
    #[getter]
    fn title(&self) -> Option<&str> {
        self.article.title.as_deref()
    }
    /// The authors' names.
    #[getter]
    fn authors(&self) -> Vec<String> {
        self.article.authors.clone()
    }
    /// The publication date (ISO 8601).
    #[getter]
    fn published(&self) -> Option<&str> {
        self.article.published.as_deref()
    }
    /// The last modification date (ISO 8601).
    #[getter]
    fn modified(&self) -> Option<&str> {
        self.article.modified.as_deref()
    }
    /// The site's name.
    #[getter]
    fn site_name(&self) -> Option<&str> {
        self.article.site_name.as_deref()
    }
    /// The language (a BCP 47 tag such as "en").
    #[getter]
    fn language(&self) -> Option<&str> {
        self.article.language.as_deref()
    }
    /// The page's description.
    #[getter]
    fn description(&self) -> Option<&str> {
        self.article.description.as_deref()
    }
    /// The page's canonical address.
    #[getter]
    fn url(&self) -> Option<&str> {
        self.article.url.as_deref()
    }
    /// The lead image's address.
    #[getter]
    fn image(&self) -> Option<&str> {
        self.article.image.as_deref()
    }
    /// The tags or keywords.
    #[getter]
    fn tags(&self) -> Vec<String> {
        self.article.tags.clone()
    }
    /// The page type ("article", "discussion", ...).
    #[getter]
    fn page_type(&self) -> Option<&str> {
        self.article.page_type.as_deref()
    }
    /// The encoding the page was decoded from.
    #[getter]
    fn encoding(&self) -> &str {
        &self.article.encoding
    }
    /// True when the page was past a cap (nodes, memory, ...) and read only in part.
    #[getter]
    fn truncated(&self) -> bool {
        self.article.truncated
    }
    /// Reader comments as dicts (author, published, text), or None unless ``comments=True``.
    #[getter]
    fn comments<'py>(&self, py: Python<'py>) -> PyResult<Option<Vec<Bound<'py, PyDict>>>> {
        if !self.comments {
            return Ok(None);
        }
        let mut out = Vec::with_capacity(self.article.comments.len());
        for c in &self.article.comments {
            let d = PyDict::new(py);
            d.set_item("author", c.author.as_deref())?;
            d.set_item("published", c.published.as_deref())?;
            d.set_item("text", &c.text)?;
            out.push(d);
        }
        Ok(Some(out))
    }
    /// The body as Markdown when ``format="markdown"``, else None.
    #[getter]
    fn markdown(&self) -> Option<&str> {
        self.markdown.as_deref()
    }
    /// The body as HTML when ``format="html"``, else None.
    #[getter]
    fn html(&self) -> Option<&str> {
        self.html.as_deref()
    }
    /// Every text block as a dict (text, score, kept), or None unless ``block_scores=True``.
    #[getter]
    fn blocks<'py>(&self, py: Python<'py>) -> PyResult<Option<Vec<Bound<'py, PyDict>>>> {
        if !self.blocks {
            return Ok(None);
        }
        let mut out = Vec::with_capacity(self.article.blocks.len());
        for b in &self.article.blocks {
            let d = PyDict::new(py);
            d.set_item("text", &b.text)?;
            d.set_item("score", b.score)?;
            d.set_item("kept", b.kept)?;
            out.push(d);
        }
        Ok(Some(out))
    }
    /// True when no main content was found.
    fn is_empty(&self) -> bool {
        self.article.is_empty()
    }
    /// The CLI's JSON record for this page (less ``source``) as a JSON string.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.fields())
            .map_err(|e| crate::errors::nutgraf_error(&e.to_string()))
    }
    /// The CLI's JSON record for this page (less ``source``) as a dict: the same keys and values.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let json = self.to_json()?;
        py.import("json")?.call_method1("loads", (json,))
    }
    fn __repr__(&self) -> String {
        format!(
            "Article(title={:?}, url={:?}, text=<{} chars>)",
            self.article.title.as_deref().unwrap_or(""),
            self.article.url.as_deref().unwrap_or(""),
            self.article.text.chars().count()
        )
    }
}
