//! Reader comments: found in the page's comment section, returned apart from the body.

use crate::Comment;
use crate::dom::Document;

/// The reader comments of `doc`, in page order.
pub fn extract(_doc: &Document, _base: Option<&str>) -> Vec<Comment> {
    Vec::new()
}
