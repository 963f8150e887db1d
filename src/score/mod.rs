//! Scoring: finds the main content among the nodes that cleaning kept.

use crate::Focus;
use crate::clean::Marks;
use crate::content::Block;
use crate::dom::Document;

/// The main content of `doc` as blocks.
pub fn main_content(
    doc: &Document,
    marks: &Marks,
    _focus: Focus,
    base: Option<&str>,
    _title: Option<&str>,
) -> Vec<Block> {
    let body = doc.find_tag("body").unwrap_or(0);
    crate::content::build(doc, &[body], &|i| marks.junk[i], base)
}
