//! HTML: clean, minimal HTML5 of the content model (no classes, scripts or styles).

use crate::content::Block;

/// Renders blocks as HTML.
pub fn html(blocks: &[Block]) -> String {
    super::text(blocks)
}
