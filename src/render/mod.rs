//! Rendering: the content model to plain text, Markdown and HTML.

mod explain;
mod html;
mod markdown;
mod text;

pub use explain::{explain, explain_failure, explain_head, explain_section, explain_tail};
pub use html::html;
pub use markdown::{MarkdownOptions, markdown};
pub use text::text;
