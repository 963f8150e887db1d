//! Dates: the publication and modification dates, chosen among the page's date sources.
//!
//! `published`: JSON-LD `datePublished`, date `<meta>`, microdata, the URL path, a `<time>`
//! marked as the publication time, the date line next to the headline, other `<time>`s,
//! elements classed as dates. Dates in comments, sidebars, related teasers and copyright lines
//! are not the article's ([`in_foreign_container`], `is_copyright`). `modified`: JSON-LD
//! `dateModified`, modification `<meta>`, microdata.

use super::jsonld::JsonLd;
use super::meta::{self, Metas};
use super::scan::{self, in_foreign_container, visible_text};
use super::{Source, byline, dates};
use crate::dom::Document;

fn parse_first<'a>(vals: impl IntoIterator<Item = &'a str>) -> Option<dates::Found> {
    vals.into_iter().find_map(dates::parse_machine)
}

/// The publication date.
pub(super) fn published(
    doc: &Document,
    page: &scan::Page,
    metas: &Metas,
    ld: &JsonLd,
    urls: &[Option<&str>],
    month_first: bool,
) -> Option<(String, Source)> {
    let from_meta = parse_first(meta::PUBLISHED.iter().filter_map(|k| metas.get(k)));
    if let Some(f) = ld.published.as_deref().and_then(dates::parse_machine) {
        // The same instant given in UTC by one source and in the publisher's local time by
        // the other: the local calendar date is the one the page shows.
        if let Some(m) = from_meta
            && f.same_instant(&m)
            && f.is_utc()
            && !m.is_utc()
        {
            return Some((m.iso(), Source::Meta));
        }
        return Some((f.iso(), Source::JsonLd));
    }
    if let Some(f) = from_meta {
        return Some((f.iso(), Source::Meta));
    }
    if let Some(f) = itemprop_date(doc, page, &["datePublished", "dateCreated", "uploadDate"]) {
        return Some((f.iso(), Source::Microdata));
    }
    if let Some(f) = urls.iter().flatten().find_map(|u| dates::from_url(u)) {
        return Some((f.iso(), Source::Url));
    }
    // <time> elements: a marked publication time first, else the first one outside comments
    // and sidebars.
    let times: Vec<usize> = page
        .times
        .iter()
        .copied()
        .filter(|&i| !in_foreign_container(doc, i))
        .collect();
    let marked = times.iter().copied().find(|&i| {
        doc.attr(i, "pubdate").is_some()
            || doc.attr(i, "class").is_some_and(|c| {
                let c = c.to_ascii_lowercase();
                c.contains("publish") || c.contains("posted") || c.contains("entry-date")
            })
    });
    if let Some(f) = marked.and_then(|i| time_date(doc, i, month_first)) {
        return Some((f.iso(), Source::Time));
    }
    if let Some((f, source)) = near_headline(doc, page, month_first) {
        return Some((f.iso(), source));
    }
    for i in times.iter().copied() {
        let f = doc
            .attr(i, "datetime")
            .and_then(dates::parse_machine)
            .or_else(|| dates::parse_text(&visible_text(doc, i, 200), month_first));
        if let Some(f) = f {
            return Some((f.iso(), Source::Time));
        }
    }
    // hAtom: <abbr class="published" title="2020-01-01">.
    for &i in &page.date_elems {
        if in_foreign_container(doc, i) {
            continue;
        }
        let class = doc.attr(i, "class").unwrap_or("").to_ascii_lowercase();
        if class.contains("updated") || class.contains("modified") {
            continue;
        }
        let f = doc
            .attr(i, "title")
            .or_else(|| doc.attr(i, "datetime"))
            .or_else(|| doc.attr(i, "content"))
            .and_then(dates::parse_machine)
            .or_else(|| {
                let text = visible_text(doc, i, 300);
                if text.chars().count() > 250 || is_copyright(&text) {
                    return None;
                }
                dates::parse_text(&text, month_first)
            });
        if let Some(f) = f {
            return Some((f.iso(), Source::Visible));
        }
    }
    None
}

/// Whether a text is a copyright line ("© 2019 Example", "Copyright 2019", "(c) 2019",
/// "All rights reserved"): its year is not a publication date.
fn is_copyright(text: &str) -> bool {
    if text.contains('©') {
        return true;
    }
    let lower = text.to_ascii_lowercase();
    lower.contains("copyright") || lower.contains("(c) ") || lower.contains("all rights reserved")
}

/// The date of a `<time>` element: its `datetime`, else its text.
fn time_date(doc: &Document, i: usize, month_first: bool) -> Option<dates::Found> {
    doc.attr(i, "datetime")
        .and_then(dates::parse_machine)
        .or_else(|| dates::parse_text(&visible_text(doc, i, 200), month_first))
}

/// Nodes after the headline looked at for its date line; nodes before it.
const AFTER_HEADLINE: usize = 400;
const BEFORE_HEADLINE: usize = 40;

/// A date written next to the headline (the first `<h1>`, else `<h2>`, outside sidebars): in the short
/// texts and `<time>`s that follow it, else in those just before it.
fn near_headline(
    doc: &Document,
    page: &scan::Page,
    month_first: bool,
) -> Option<(dates::Found, Source)> {
    // Forums often title a topic with an h2.
    let h1 = page
        .h1
        .iter()
        .chain(page.h2.iter())
        .copied()
        .find(|&i| !in_foreign_container(doc, i))?;
    let after = h1..(h1 + AFTER_HEADLINE).min(doc.len());
    let before = h1.saturating_sub(BEFORE_HEADLINE)..h1;
    let look = |j: usize| -> Option<(dates::Found, Source)> {
        if doc.tag(j) == "time" {
            return time_date(doc, j, month_first)
                .filter(|_| !in_foreign_container(doc, j))
                .map(|f| (f, Source::Time));
        }
        let t = doc.text(j)?.trim();
        let parent = doc.parent(j);
        // A date line is short; a date inside a sentence is about something else.
        if t.chars().count() > 60 || parent == usize::MAX || scan::is_hidden_tag(doc.tag(parent)) {
            return None;
        }
        let f = dates::parse_text(t, month_first)?;
        (!is_copyright(t) && !in_foreign_container(doc, j)).then_some((f, Source::Visible))
    };
    let time_after = after
        .clone()
        .filter(|&j| doc.tag(j) == "time")
        .find_map(look);
    time_after
        .or_else(|| after.into_iter().find_map(look))
        .or_else(|| before.rev().find_map(look))
}

/// A date from microdata: `itemprop` in `props`, outside comments and replies.
fn itemprop_date(doc: &Document, page: &scan::Page, props: &[&str]) -> Option<dates::Found> {
    page.itemprops
        .iter()
        .copied()
        .filter(|&i| {
            doc.attr(i, "itemprop")
                .is_some_and(|p| p.split_whitespace().any(|p| props.contains(&p)))
        })
        .filter(|&i| !in_foreign_container(doc, i) && !byline::in_reply_item(doc, i))
        .find_map(|i| dates::parse_machine(&byline::prop_value(doc, i)))
}

/// The modification date.
pub(super) fn modified(
    doc: &Document,
    page: &scan::Page,
    metas: &Metas,
    ld: &JsonLd,
) -> Option<(String, Source)> {
    let tagged = |f: dates::Found, s: Source| (f.iso(), s);
    ld.modified
        .as_deref()
        .and_then(dates::parse_machine)
        .map(|f| tagged(f, Source::JsonLd))
        .or_else(|| {
            parse_first(meta::MODIFIED.iter().filter_map(|k| metas.get(k)))
                .map(|f| tagged(f, Source::Meta))
        })
        .or_else(|| {
            itemprop_date(doc, page, &["dateModified"]).map(|f| tagged(f, Source::Microdata))
        })
}
