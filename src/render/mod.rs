//! Rendering: the content model to plain text, Markdown and HTML.

mod html;
mod markdown;
mod text;

pub use html::html;
pub use markdown::{MarkdownOptions, markdown};
pub use text::text;
