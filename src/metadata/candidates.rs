//! The explain record of metadata: each field's value, its source, and the values of the page that lost.

use super::jsonld;
use super::meta::Metas;
use super::scan::{self, visible_text};
use super::{Metadata, Source};
use crate::dom::Document;
use crate::explain::FieldSource;

/// Every field of `meta` with where it came from and the other values `doc` offers;
/// `caller_url` is the address the caller gave. With the page type's reason.
pub(crate) fn explain(
    doc: &Document,
    meta: &Metadata,
    caller_url: Option<&str>,
) -> (Vec<FieldSource>, String) {
    let page = scan::scan(doc);
    let metas = Metas::new(&page.metas);
    let ld = jsonld::extract(&page.json_ld);
    let m = |keys: &[&str]| -> Vec<(String, String)> {
        keys.iter()
            .flat_map(|&k| {
                metas
                    .all_of(k)
                    .map(move |v| (format!("meta {k}"), v.to_string()))
            })
            .collect()
    };
    let ld1 = |v: &Option<String>, what: &str| -> Vec<(String, String)> {
        v.iter()
            .map(|v| (format!("json-ld {what}"), v.clone()))
            .collect()
    };
    let known = |s: Option<Source>| s.map(Source::name);

    let mut title = ld1(&ld.headline, "headline");
    title.extend(m(&[
        "og:title",
        "twitter:title",
        "dc.title",
        "parsely-title",
    ]));
    title.extend(page.title.iter().map(|t| ("title".to_string(), t.clone())));
    title.extend(
        page.h1
            .iter()
            .map(|&h| ("heading h1".to_string(), visible_text(doc, h, 300))),
    );
    let mut authors: Vec<(String, String)> = ld
        .authors
        .iter()
        .map(|a| ("json-ld author".to_string(), a.clone()))
        .collect();
    authors.extend(m(&[
        "author",
        "article:author",
        "dc.creator",
        "parsely-author",
    ]));
    let mut published = ld1(&ld.published, "datePublished");
    published.extend(m(&[
        "article:published_time",
        "datepublished",
        "date",
        "pubdate",
        "dc.date",
        "parsely-pub-date",
    ]));
    published.extend(page.times.iter().filter_map(|&t| {
        doc.attr(t, "datetime")
            .map(|d| ("time".to_string(), d.trim().to_string()))
    }));
    let mut modified = ld1(&ld.modified, "dateModified");
    modified.extend(m(&[
        "article:modified_time",
        "og:updated_time",
        "datemodified",
    ]));
    let mut site_name = m(&["og:site_name"]);
    site_name.extend(ld1(&ld.site_name, "publisher"));
    site_name.extend(m(&["application-name"]));
    let mut language: Vec<(String, String)> = page
        .html_lang
        .iter()
        .map(|l| ("html-lang".to_string(), l.clone()))
        .collect();
    language.extend(m(&["content-language"]));
    language.extend(ld1(&ld.language, "inLanguage"));
    language.extend(m(&["og:locale"]));
    let mut description = m(&["description", "og:description", "twitter:description"]);
    description.extend(ld1(&ld.description, "description"));
    let mut url: Vec<(String, String)> = caller_url
        .iter()
        .map(|u| ("caller".to_string(), u.to_string()))
        .collect();
    url.extend(
        page.canonical
            .iter()
            .map(|c| ("canonical".to_string(), c.clone())),
    );
    url.extend(m(&["og:url"]));
    url.extend(ld1(&ld.url, "url"));
    let mut image = m(&["og:image", "twitter:image"]);
    image.extend(ld1(&ld.image, "image"));
    image.extend(
        page.image_src
            .iter()
            .map(|c| ("image_src".to_string(), c.clone())),
    );
    let mut tags = m(&["article:tag", "article:section", "keywords"]);
    tags.extend(
        ld.tags
            .iter()
            .map(|t| ("json-ld keywords".to_string(), t.clone())),
    );
    tags.extend(
        page.tag_links
            .iter()
            .map(|&i| ("rel=tag".to_string(), visible_text(doc, i, 100))),
    );

    let one = |v: &Option<String>| v.clone().unwrap_or_default();
    let fields = vec![
        field("title", one(&meta.title), known(meta.sources.title), title),
        field(
            "authors",
            meta.authors.join("; "),
            known(meta.sources.authors),
            authors,
        ),
        field(
            "published",
            one(&meta.published),
            known(meta.sources.published),
            published,
        ),
        field(
            "modified",
            one(&meta.modified),
            known(meta.sources.modified),
            modified,
        ),
        field("site_name", one(&meta.site_name), None, site_name),
        field("language", one(&meta.language), None, language),
        field("description", one(&meta.description), None, description),
        field("url", one(&meta.url), None, url),
        field("image", one(&meta.image), None, image),
        field("tags", meta.tags.join("; "), None, tags),
    ];
    let page_type = match (
        &meta.page_type,
        ld.main_type.as_deref(),
        metas.get("og:type"),
    ) {
        (None, None, None) => "none declared (no JSON-LD @type, no og:type)".to_string(),
        (None, Some(t), _) => format!("none: JSON-LD @type {t:?} names no page type we know"),
        (None, None, Some(t)) => format!("none: og:type {t:?} names no page type we know"),
        (Some(_), Some(t), _) => format!("JSON-LD @type {t:?}"),
        (Some(_), None, t) => format!("og:type {:?}", t.unwrap_or_default()),
    };
    (fields, page_type)
}

/// One field: its source is the one the metadata stage recorded, else the first candidate
/// with its value (`derived` when none has it, `none` when the field is empty); the
/// candidates listed are the ones with another value.
fn field(
    name: &str,
    value: String,
    known: Option<&'static str>,
    candidates: Vec<(String, String)>,
) -> FieldSource {
    let same = |v: &str| {
        let (a, b) = (norm(v), norm(&value));
        !a.is_empty() && (a == b || b.split("; ").any(|part| part == a))
    };
    let source = if value.is_empty() {
        "none".to_string()
    } else if let Some(k) = known {
        k.to_string()
    } else {
        candidates
            .iter()
            .find(|(_, v)| same(v))
            .map_or("derived".to_string(), |(s, _)| {
                s.split(' ').next().unwrap_or(s).to_string()
            })
    };
    let mut losers: Vec<(String, String)> = Vec::new();
    for (s, v) in candidates {
        if !v.trim().is_empty() && !same(&v) && !losers.iter().any(|(_, w)| norm(w) == norm(&v)) {
            losers.push((s, v));
        }
    }
    losers.truncate(12);
    FieldSource {
        field: name.to_string(),
        value,
        source,
        candidates: losers,
    }
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches('/')
        .to_lowercase()
}
