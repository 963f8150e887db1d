//! Where each metadata field came from: the provenance the explain report shows.

/// One kind of place in a page that a metadata value can be read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Source {
    /// A JSON-LD (schema.org) block.
    JsonLd,
    /// A `<meta>` tag (OpenGraph, Twitter card, Dublin Core, `name=` tags).
    Meta,
    /// Microdata (`itemprop`).
    Microdata,
    /// The `<title>` element.
    TitleElement,
    /// A visible headline: an `<h1>`, or a heading or block named as a headline.
    Heading,
    /// The page's address (its path).
    Url,
    /// A `<time>` element.
    Time,
    /// A visible byline or date line in the page's text, or an element classed as one.
    Visible,
    /// The modification date, standing in for a missing publication date.
    Modified,
}

impl Source {
    /// A short, stable name: `json-ld`, `meta`, `microdata`, `title`, `heading`, `url`, `time`,
    /// `visible`, `modified`.
    pub fn name(self) -> &'static str {
        match self {
            Source::JsonLd => "json-ld",
            Source::Meta => "meta",
            Source::Microdata => "microdata",
            Source::TitleElement => "title",
            Source::Heading => "heading",
            Source::Url => "url",
            Source::Time => "time",
            Source::Visible => "visible",
            Source::Modified => "modified",
        }
    }
}

/// The source of each metadata field that has a value (`None` where the field is empty).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sources {
    /// Where the title came from.
    pub title: Option<Source>,
    /// Where the authors came from.
    pub authors: Option<Source>,
    /// Where the publication date came from.
    pub published: Option<Source>,
    /// Where the modification date came from.
    pub modified: Option<Source>,
}
