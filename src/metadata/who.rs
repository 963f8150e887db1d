//! Authors: chosen among JSON-LD, author `<meta>` tags, microdata and visible bylines.

use super::jsonld::JsonLd;
use super::meta::{self, Metas};
use super::{Source, byline, scan};
use crate::dom::Document;

/// Authors, from the most to the least structured source.
pub(super) fn authors(
    doc: &Document,
    page: &scan::Page,
    metas: &Metas,
    ld: &JsonLd,
) -> (Vec<String>, Option<Source>) {
    let mut from_ld: Vec<String> = ld.authors.iter().flat_map(|a| byline::clean(a)).collect();
    byline::dedup(&mut from_ld);
    if !from_ld.is_empty() && !ld.authors_are_orgs {
        return (from_ld, Some(Source::JsonLd));
    }
    let mut from_meta: Vec<String> = Vec::new();
    for key in meta::AUTHOR {
        let vals: Vec<&str> = metas.all(key).filter(|v| !byline::is_handle(v)).collect();
        if vals.is_empty() {
            continue;
        }
        from_meta = vals.iter().flat_map(|v| byline::clean(v)).collect();
        if !from_meta.is_empty() {
            break;
        }
    }
    if from_meta.is_empty()
        && let Some(v) = metas.twitter_data(meta::AUTHOR_LABELS)
    {
        from_meta = byline::clean(v);
    }
    byline::dedup(&mut from_meta);
    if !from_meta.is_empty() {
        return (from_meta, Some(Source::Meta));
    }
    let micro = byline::from_microdata(doc, page);
    if !micro.is_empty() {
        return (micro, Some(Source::Microdata));
    }
    // An organisation named by the JSON-LD beats a guess from the page's text.
    if !from_ld.is_empty() {
        return (from_ld, Some(Source::JsonLd));
    }
    let by = byline::from_by_texts(doc, page);
    if !by.is_empty() {
        return (by, Some(Source::Visible));
    }
    let visible = byline::from_bylines(doc, page);
    let source = (!visible.is_empty()).then_some(Source::Visible);
    (visible, source)
}
