//! The JSON record of an article: the field set the CLI prints and the Python binding returns.

use crate::{Article, Comment, ScoredBlock};
use serde::Serialize;

/// Every [`Article`] field but the body blocks, as the CLI's JSON record carries them (after its
/// `source`). Serialise it with serde; the optional renderings are `None` unless asked for.
///
/// ```
/// let article = nutgraf::extract(b"<title>Hi</title><p>Some words here.</p>")?;
/// let json = serde_json::to_value(nutgraf::record::ArticleFields::new(&article, false)).unwrap();
/// assert_eq!(json["title"], "Hi");
/// assert!(json.get("comments").is_none());
/// # Ok::<(), nutgraf::Error>(())
/// ```
#[derive(Debug, Serialize)]
#[allow(missing_docs)]
pub struct ArticleFields<'a> {
    pub title: &'a Option<String>,
    pub authors: &'a [String],
    pub published: &'a Option<String>,
    pub modified: &'a Option<String>,
    pub site_name: &'a Option<String>,
    pub language: &'a Option<String>,
    pub description: &'a Option<String>,
    pub url: &'a Option<String>,
    pub image: &'a Option<String>,
    pub tags: &'a [String],
    pub page_type: &'a Option<String>,
    pub encoding: &'a str,
    pub text: &'a str,
    /// Present (and true) only when the page was past a cap and read only in part.
    #[serde(skip_serializing_if = "is_false")]
    pub truncated: bool,
    /// Present only when comments were asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comments: Option<&'a [Comment]>,
    /// The body as Markdown, when asked for (CLI: `--include markdown`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub markdown: Option<String>,
    /// The body as HTML, when asked for (CLI: `--include html`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// The page's text blocks with their scores, when asked for (CLI: `--include blocks`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocks: Option<&'a [ScoredBlock]>,
}

impl<'a> ArticleFields<'a> {
    /// The record fields of an article; `comments` only when asked for.
    pub fn new(a: &'a Article, comments: bool) -> Self {
        ArticleFields {
            title: &a.title,
            authors: &a.authors,
            published: &a.published,
            modified: &a.modified,
            site_name: &a.site_name,
            language: &a.language,
            description: &a.description,
            url: &a.url,
            image: &a.image,
            tags: &a.tags,
            page_type: &a.page_type,
            encoding: &a.encoding,
            text: &a.text,
            truncated: a.truncated,
            comments: comments.then_some(a.comments.as_slice()),
            markdown: None,
            html: None,
            blocks: None,
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}
