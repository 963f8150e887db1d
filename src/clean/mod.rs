//! Cleaning: marks what is never content and what platform vocabularies call boilerplate.

pub mod comments;

use crate::Focus;
use crate::dom::Document;

/// Per-node boilerplate marks.
pub struct Marks {
    /// `true` for a node whose whole subtree is dropped.
    pub junk: Vec<bool>,
}

/// Marks the boilerplate of `doc`.
pub fn mark(doc: &Document, _focus: Focus) -> Marks {
    Marks {
        junk: vec![false; doc.len()],
    }
}
