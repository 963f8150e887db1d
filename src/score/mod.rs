//! Scoring: finds the main content among the nodes that cleaning kept.
//!
//! The rules ([`select`], [`prune`]) read the page as Readability does: text blocks score their
//! ancestors, the best container (corrected for link density) is the article, joined by
//! siblings that look like it, and boxes inside it that read like boilerplate are pruned.
//! Every text block of the page is then scored by the trained model ([`model`]) from its
//! features ([`features`]), the rules' verdict among them; the blocks it keeps are the content.

mod features;
mod model;
mod prune;
mod repeats;
mod select;
mod stats;

use stats::stats;

use crate::clean::Marks;
use crate::content::Block;
use crate::dom::Document;
use crate::options::Focus;

/// The main content of `doc` as blocks.
pub fn main_content(
    doc: &Document,
    marks: &Marks,
    focus: Focus,
    base: Option<&str>,
    page_type: Option<&str>,
) -> Vec<Block> {
    let st = stats(doc, marks);
    let related = prune::Related::find(doc, marks, &st);
    let choice = select::choose(doc, marks, &st, &related, focus, page_type);
    #[cfg(feature = "trace")]
    {
        for &r in &choice.roots {
            trace!(
                "root {r} {} class={:?} len={}",
                doc.tag(r),
                doc.attr(r, "class"),
                st.len[r]
            );
        }
    }
    let prune = &choice.prune;
    let blocks = crate::content::build(doc, &choice.roots, &|i| marks.dead[i] || prune[i], base);
    repeats::drop_repeats(blocks)
}
