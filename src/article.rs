//! The extraction result: the article's metadata, its body as blocks and text, and its comments.

use crate::content::Block;
use crate::explain::Explain;
use crate::metadata::{Metadata, Sources};
use crate::render;
use serde::{Deserialize, Serialize};

/// A reader comment, kept apart from the body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// The commenter's name, if the page shows one.
    pub author: Option<String>,
    /// When it was posted (ISO 8601), if the page says.
    pub published: Option<String>,
    /// The comment's text, paragraphs separated by blank lines.
    pub text: String,
}

/// One text block of the page with the content model's verdict (see
/// [`crate::ExtractorBuilder::block_scores`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScoredBlock {
    /// The block's own text (a paragraph, heading, list item, cell …), whitespace collapsed.
    pub text: String,
    /// The model's probability that the block is content, 0 to 1 (absent where no model ran).
    pub score: Option<f32>,
    /// Whether the block is in the body.
    pub kept: bool,
}

/// What nutgraf extracts from a page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The headline, without the site-name suffix of `<title>`.
    pub title: Option<String>,
    /// Author names, in the page's order.
    pub authors: Vec<String>,
    /// Publication date, ISO 8601 (`YYYY-MM-DD` or date-time with offset).
    pub published: Option<String>,
    /// Last-modified date, ISO 8601.
    pub modified: Option<String>,
    /// The site's name.
    pub site_name: Option<String>,
    /// Language tag (BCP 47, e.g. `en`, `pt-BR`).
    pub language: Option<String>,
    /// The page's summary (meta / OpenGraph description).
    pub description: Option<String>,
    /// The page's address: the one the caller gave, else the canonical link.
    pub url: Option<String>,
    /// Lead image URL.
    pub image: Option<String>,
    /// Tags, keywords and categories.
    pub tags: Vec<String>,
    /// Kind of page (`article`, `forum`, `product`, `listing`, `documentation`, …) when known.
    pub page_type: Option<String>,
    /// The character encoding the page was decoded with.
    pub encoding: String,
    /// The body as plain text: blocks separated by blank lines.
    pub text: String,
    /// The body as a content model, the source of every format.
    pub body: Vec<Block>,
    /// Reader comments (only when asked for), in page order.
    pub comments: Vec<Comment>,
    /// Every text block of the page, in page order, with its score (only when asked for:
    /// [`crate::ExtractorBuilder::block_scores`]), so a caller can set its own cut-off.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<ScoredBlock>,
    /// The page was past a cap ([`Limits::max_nodes`](crate::Limits::max_nodes),
    /// [`Limits::max_memory`](crate::Limits::max_memory)): only what came before it was read.
    #[serde(default)]
    pub truncated: bool,
    /// Where the title, authors and dates came from (not part of the JSON record).
    #[serde(skip)]
    pub sources: Sources,
    /// Why each block was kept or dropped, where each field came from, and the stages' times
    /// (only when asked for: [`crate::ExtractorBuilder::explain`]; not part of the JSON record).
    #[serde(skip)]
    pub explain: Option<Box<Explain>>,
}

impl Article {
    pub(crate) fn assemble(
        meta: Metadata,
        body: Vec<Block>,
        blocks: Vec<ScoredBlock>,
        comments: Vec<Comment>,
        encoding: &str,
    ) -> Article {
        // The title is given apart: the body does not repeat it as its first heading.
        let body = crate::content::drop_title_heading(body, meta.title.as_deref());
        let text = render::text(&body);
        Article {
            title: meta.title,
            authors: meta.authors,
            published: meta.published,
            modified: meta.modified,
            site_name: meta.site_name,
            language: meta.language,
            description: meta.description,
            url: meta.url,
            image: meta.image,
            tags: meta.tags,
            page_type: meta.page_type,
            encoding: encoding.to_string(),
            text,
            body,
            comments,
            blocks,
            truncated: false,
            sources: meta.sources,
            explain: None,
        }
    }

    /// Whether no main content was found (an ordinary outcome, not an error).
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The body as plain text (same as the `text` field).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The body as CommonMark Markdown (GFM tables), links kept.
    pub fn markdown(&self) -> String {
        render::markdown(&self.body, &render::MarkdownOptions::default())
    }

    /// The body as Markdown with the given options (e.g. links dropped to their text).
    pub fn markdown_with(&self, options: &render::MarkdownOptions) -> String {
        render::markdown(&self.body, options)
    }

    /// The body as clean, minimal HTML5.
    pub fn html(&self) -> String {
        render::html(&self.body)
    }
}
