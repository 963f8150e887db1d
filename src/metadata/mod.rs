//! Metadata: title, authors, dates, site, language, image, tags, read from the whole document.
//!
//! One scan ([`scan`]) gathers the nodes every source needs; each source has its own module;
//! this module merges them field by field in a fixed priority:
//!
//! | field       | sources, best first |
//! |-------------|---------------------|
//! | title       | JSON-LD `headline`, title `<meta>` (Dublin Core, OpenGraph, Twitter, Parse.ly), `<title>`; decoration cut to the matching `<h1>` or the site name dropped ([`title`]) |
//! | authors     | JSON-LD `author`, author `<meta>`, microdata `itemprop=author`, visible byline ([`byline`]) |
//! | published   | JSON-LD `datePublished`, date `<meta>`, microdata, the URL path, `<time>`, elements classed as dates; else `modified` ([`dates`]) |
//! | modified    | JSON-LD `dateModified`, modification `<meta>`, microdata |
//! | site_name   | `og:site_name`, JSON-LD publisher / WebSite, `application-name` |
//! | language    | `<html lang>`, `Content-Language`, JSON-LD `inLanguage`, `og:locale`, detection ([`language`]) |
//! | description | description `<meta>`, JSON-LD `description` |
//! | url         | the caller's URL, `<link rel=canonical>`, `og:url`, JSON-LD `url` |
//! | image       | `og:image`, Twitter image, JSON-LD `image`, `rel=image_src`, the first article image |
//! | tags        | `article:tag`, `article:section`, keywords `<meta>`, JSON-LD `keywords`, `rel=tag` links |
//! | page_type   | JSON-LD `@type`, `og:type` |

mod byline;
mod dates;
mod jsonld;
mod language;
mod meta;
pub(crate) mod scan;
pub(crate) use dates::{crawl_day, with_crawl_date};
mod title;
mod url;

use crate::dom::Document;
use meta::Metas;
use scan::{in_foreign_container, visible_text};

/// Everything the metadata stage finds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// Headline.
    pub title: Option<String>,
    /// Author names.
    pub authors: Vec<String>,
    /// Publication date, ISO 8601.
    pub published: Option<String>,
    /// Modification date, ISO 8601.
    pub modified: Option<String>,
    /// Site name.
    pub site_name: Option<String>,
    /// Language tag.
    pub language: Option<String>,
    /// Summary.
    pub description: Option<String>,
    /// Caller-given URL, else canonical.
    pub url: Option<String>,
    /// Lead image.
    pub image: Option<String>,
    /// Tags and categories.
    pub tags: Vec<String>,
    /// Page type.
    pub page_type: Option<String>,
}

/// Reads the metadata of `doc`; `url` is the caller-given address.
pub fn extract(doc: &Document, url: Option<&str>) -> Metadata {
    let page = scan::scan(doc);
    let metas = Metas::new(&page.metas);
    let ld = jsonld::extract(&page.json_ld);

    // Address: the caller's, else what the page says about itself.
    let declared_url = page
        .canonical
        .as_deref()
        .or_else(|| metas.get("og:url"))
        .or(ld.url.as_deref());
    let page_url = match url {
        Some(u) => url::resolve(u, None).or_else(|| Some(u.to_string())),
        None => declared_url.and_then(|d| url::resolve(d, None)),
    };
    let base = page_url.as_deref();

    // Site name and the keys that recognise it inside titles.
    let site_name = metas
        .get("og:site_name")
        .map(scan::collapse)
        .or_else(|| ld.site_name.clone())
        .or_else(|| {
            metas
                .first(&meta::SITE[1..])
                .map(|(_, v)| scan::collapse(v))
        });
    let mut sites: Vec<String> = Vec::new();
    for s in site_name
        .iter()
        .map(String::as_str)
        .chain(ld.site_name.as_deref())
        .chain(metas.first(&meta::SITE[1..4]).map(|(_, v)| v))
    {
        sites.push(squash(s));
    }
    for u in [url, page.canonical.as_deref(), metas.get("og:url")]
        .into_iter()
        .flatten()
    {
        if let Some(abs) = url::resolve(u, base) {
            sites.extend(url::host_names(&abs).iter().map(|h| squash(h)));
        }
    }
    sites.retain(|s| s.len() >= 2);
    sites.dedup();

    // Title.
    let h1s: Vec<String> = page
        .h1
        .iter()
        .take(6)
        .map(|&i| {
            visible_text(doc, i, 400)
                .trim_end_matches(['¶', '#', '🔗', ' '])
                .to_string()
        })
        .filter(|t| !t.is_empty() && t.chars().count() <= 300)
        .collect();
    // JSON-LD headlines are often a teaser or a slogan: trusted only when they share most
    // words with the page's <title> or an <h1>.
    let ld_headline = ld.headline.clone().filter(|hl| {
        page.title
            .iter()
            .chain(h1s.iter())
            .any(|t| overlap(hl, t) >= 0.6)
    });
    // A metadata title that shares hardly a word with a <title> and an <h1> that agree with
    // each other is the site's template ("Example News - Latest Headlines"), not the page's.
    let page_headline = page
        .title
        .as_deref()
        .filter(|t| h1s.iter().any(|h| overlap(h, t) >= 0.6));
    let meta_title = ld_headline
        .or_else(|| metas.first(meta::TITLE).map(|(_, v)| scan::collapse(v)))
        .filter(|m| {
            page_headline
                .is_none_or(|t| overlap(m, t) >= 0.2 || h1s.iter().any(|h| overlap(m, h) >= 0.2))
        });
    let title = title::choose(meta_title.as_deref(), page.title.as_deref(), &h1s, &sites);

    // Language first: it decides how to read 03/04/2021.
    let language = page
        .html_lang
        .as_deref()
        .and_then(language::normalize)
        .or_else(|| {
            metas
                .first(meta::LANGUAGE)
                .and_then(|(_, v)| language::normalize(v))
        })
        .or_else(|| ld.language.as_deref().and_then(language::normalize))
        .or_else(|| {
            let body = page.body.unwrap_or(0);
            language::detect(&visible_text(doc, body, 20_000))
        });
    let month_first = language
        .as_deref()
        .is_none_or(|l| l == "en" || l == "en-US");

    let authors = authors(doc, &page, &metas, &ld);
    let modified = modified(doc, &page, &metas, &ld);
    let published = published(doc, &page, &metas, &ld, &[url, declared_url], month_first)
        .or_else(|| modified.clone());

    let description = metas
        .first(meta::DESCRIPTION)
        .map(|(_, v)| scan::collapse(v))
        .or_else(|| ld.description.clone())
        .filter(|d| !d.is_empty());

    let image = metas
        .first(meta::IMAGE)
        .map(|(_, v)| v.to_string())
        .or_else(|| ld.image.clone())
        .or_else(|| page.image_src.clone())
        .and_then(|i| url::resolve(&i, base).or(Some(i)))
        .or_else(|| lead_image(doc, &page, base));

    let mut tags: Vec<String> = Vec::new();
    for key in meta::TAGS {
        for v in metas.all(key) {
            if matches!(
                *key,
                "keywords" | "news_keywords" | "parsely-tags" | "citation_keywords"
            ) {
                tags.extend(v.split([',', ';']).map(scan::collapse));
            } else {
                tags.push(scan::collapse(v));
            }
        }
    }
    tags.extend(ld.tags.iter().cloned());
    tags.extend(page.tag_links.iter().map(|&i| visible_text(doc, i, 100)));
    tags.retain(|t| !t.is_empty() && t.chars().count() <= 60);
    byline::dedup(&mut tags);
    tags.truncate(40);

    // JSON-LD names the page's type more precisely than OpenGraph: a page whose JSON-LD says
    // only "WebPage" is no article, even where an SEO plugin sets og:type "article" on every page.
    let page_type = match ld.main_type.as_deref() {
        Some(t) => page_type_of(t),
        None => metas.get("og:type").and_then(page_type_of),
    };

    Metadata {
        title,
        authors,
        published,
        modified,
        site_name,
        language,
        description,
        url: page_url,
        image,
        tags,
        page_type,
    }
}

/// Share of the words of `a` that also occur in `b` (case-insensitive).
fn overlap(a: &str, b: &str) -> f64 {
    let aw: Vec<String> = a.split_whitespace().map(title::norm).collect();
    let bw: std::collections::HashSet<String> = b.split_whitespace().map(title::norm).collect();
    if aw.is_empty() {
        return 0.0;
    }
    aw.iter().filter(|w| bw.contains(*w)).count() as f64 / aw.len() as f64
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Authors, from the most to the least structured source.
fn authors(doc: &Document, page: &scan::Page, metas: &Metas, ld: &jsonld::JsonLd) -> Vec<String> {
    let mut from_ld: Vec<String> = ld.authors.iter().flat_map(|a| byline::clean(a)).collect();
    byline::dedup(&mut from_ld);
    if !from_ld.is_empty() && !ld.authors_are_orgs {
        return from_ld;
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
        return from_meta;
    }
    let micro = byline::from_microdata(doc, page);
    if !micro.is_empty() {
        return micro;
    }
    // An organisation named by the JSON-LD beats a guess from the page's text.
    if !from_ld.is_empty() {
        return from_ld;
    }
    let by = byline::from_by_texts(doc, page);
    if !by.is_empty() {
        return by;
    }
    byline::from_bylines(doc, page)
}

fn parse_first<'a>(vals: impl IntoIterator<Item = &'a str>) -> Option<dates::Found> {
    vals.into_iter().find_map(dates::parse_machine)
}

/// The publication date.
fn published(
    doc: &Document,
    page: &scan::Page,
    metas: &Metas,
    ld: &jsonld::JsonLd,
    urls: &[Option<&str>],
    month_first: bool,
) -> Option<String> {
    let from_meta = parse_first(meta::PUBLISHED.iter().filter_map(|k| metas.get(k)));
    if let Some(f) = ld.published.as_deref().and_then(dates::parse_machine) {
        // The same instant given in UTC by one source and in the publisher's local time by
        // the other: the local calendar date is the one the page shows.
        if let Some(m) = from_meta
            && f.same_instant(&m)
            && f.is_utc()
            && !m.is_utc()
        {
            return Some(m.iso());
        }
        return Some(f.iso());
    }
    if let Some(f) = from_meta {
        return Some(f.iso());
    }
    if let Some(f) = itemprop_date(doc, page, &["datePublished", "dateCreated", "uploadDate"]) {
        return Some(f.iso());
    }
    if let Some(f) = urls.iter().flatten().find_map(|u| dates::from_url(u)) {
        return Some(f.iso());
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
        return Some(f.iso());
    }
    if let Some(f) = near_headline(doc, page, month_first) {
        return Some(f.iso());
    }
    for i in times.iter().copied() {
        let f = doc
            .attr(i, "datetime")
            .and_then(dates::parse_machine)
            .or_else(|| dates::parse_text(&visible_text(doc, i, 200), month_first));
        if let Some(f) = f {
            return Some(f.iso());
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
                if text.chars().count() > 250 || text.contains('©') {
                    return None;
                }
                dates::parse_text(&text, month_first)
            });
        if let Some(f) = f {
            return Some(f.iso());
        }
    }
    None
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
fn near_headline(doc: &Document, page: &scan::Page, month_first: bool) -> Option<dates::Found> {
    // Forums often title a topic with an h2.
    let h1 = page
        .h1
        .iter()
        .chain(page.h2.iter())
        .copied()
        .find(|&i| !in_foreign_container(doc, i))?;
    let after = h1..(h1 + AFTER_HEADLINE).min(doc.len());
    let before = h1.saturating_sub(BEFORE_HEADLINE)..h1;
    let look = |j: usize| -> Option<dates::Found> {
        if doc.tag(j) == "time" {
            return time_date(doc, j, month_first).filter(|_| !in_foreign_container(doc, j));
        }
        let t = doc.text(j)?.trim();
        let parent = doc.nodes[j].parent;
        // A date line is short; a date inside a sentence is about something else.
        if t.chars().count() > 60 || parent == usize::MAX || scan::is_hidden_tag(doc.tag(parent)) {
            return None;
        }
        let f = dates::parse_text(t, month_first)?;
        (!t.contains('©') && !in_foreign_container(doc, j)).then_some(f)
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
fn modified(
    doc: &Document,
    page: &scan::Page,
    metas: &Metas,
    ld: &jsonld::JsonLd,
) -> Option<String> {
    ld.modified
        .as_deref()
        .and_then(dates::parse_machine)
        .or_else(|| parse_first(meta::MODIFIED.iter().filter_map(|k| metas.get(k))))
        .or_else(|| itemprop_date(doc, page, &["dateModified"]))
        .map(|f| f.iso())
}

/// The first real image of the article (or of the body): not a pixel, icon or data URL.
fn lead_image(doc: &Document, page: &scan::Page, base: Option<&str>) -> Option<String> {
    page.images
        .iter()
        .copied()
        .filter(|&i| page.article.is_none_or(|a| doc.contains(a, i)))
        .filter(|&i| {
            let small = |k| {
                doc.attr(i, k)
                    .and_then(|v| v.trim_end_matches("px").parse::<u32>().ok())
                    .is_some_and(|v| v < 50)
            };
            !small("width") && !small("height")
        })
        .find_map(|i| {
            let src = doc
                .attr(i, "src")
                .filter(|s| !s.starts_with("data:"))
                .or_else(|| doc.attr(i, "data-src"))?;
            url::resolve(src, base)
        })
}

/// Our page type for a schema.org or OpenGraph type.
fn page_type_of(t: &str) -> Option<String> {
    let t = t.to_ascii_lowercase();
    let kind = match t.as_str() {
        "discussionforumposting" | "qapage" | "question" => "forum",
        "product" | "og:product" | "product.item" | "product.group" => "product",
        "collectionpage" | "itemlist" | "searchresultspage" | "product.group.list" => "listing",
        "techarticle" | "apireference" => "documentation",
        "videoobject" | "video.other" | "video.movie" | "video.episode" => "video",
        "recipe" => "recipe",
        "profilepage" | "profile" => "profile",
        "event" => "event",
        "jobposting" => "job",
        "website" | "webpage" | "itempage" | "aboutpage" | "contactpage" | "faqpage"
        | "medicalwebpage" => return None,
        t if t.contains("article") || t.contains("posting") || t == "report" || t == "review" => {
            "article"
        }
        _ => return None,
    };
    Some(kind.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Limits;

    fn meta(html: &str) -> Metadata {
        extract(&Document::parse(html, &Limits::default()), None)
    }

    #[test]
    fn title_falls_back_to_the_title_element() {
        let d = Document::parse("<title>Hello</title>", &Limits::default());
        assert_eq!(extract(&d, None).title.as_deref(), Some("Hello"));
    }

    #[test]
    fn caller_url_wins_over_canonical() {
        let html = r#"<link rel="canonical" href="https://ex.org/c">"#;
        let d = Document::parse(html, &Limits::default());
        assert_eq!(
            extract(&d, Some("https://ex.org/given")).url.as_deref(),
            Some("https://ex.org/given")
        );
        assert_eq!(meta(html).url.as_deref(), Some("https://ex.org/c"));
    }

    #[test]
    fn a_date_line_under_the_headline_is_the_publication_date() {
        let m = meta(
            r#"<body><div class="sidebar"><p>March 1, 2020</p></div><h1>Title</h1>
            <p class="text-muted">December 15, 2023</p><p>Body text from 2019-01-01.</p></body>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2023-12-15"));
    }

    #[test]
    fn a_date_inside_a_sentence_is_not_the_date_line() {
        let m = meta(
            r#"<body><h1>Taxes</h1><p>The season ends April 15, 2025. File early.</p>
            <p>Long text about the deadline and what happens when you miss it entirely.</p>
            <p>Posted <time datetime="2025-01-17">Jan. 17, 2025</time></p></body>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2025-01-17"));
    }

    #[test]
    fn a_local_time_beats_the_same_instant_in_utc() {
        let m = meta(
            r#"<head><meta property="article:published_time" content="2017-02-23T17:18:13-08:00">
            <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2017-02-24T01:18:13Z"}</script>
            </head>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2017-02-23T17:18:13-08:00"));
    }

    #[test]
    fn structured_dates_beat_visible_ones() {
        let m = meta(
            r#"<head><meta property="article:published_time" content="2021-02-03T04:05:06+01:00">
            </head><body><h1>T</h1><p>May 5, 2022</p></body>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2021-02-03T04:05:06+01:00"));
    }

    #[test]
    fn json_ld_web_page_outranks_an_og_article_type() {
        let m = meta(
            r#"<html><head><meta property="og:type" content="article">
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"WebPage","name":"News"}</script>
            </head><body><p>x</p></body></html>"#,
        );
        assert_eq!(m.page_type, None);
        let m = meta(
            r#"<html><head><meta property="og:type" content="article"></head><body></body></html>"#,
        );
        assert_eq!(m.page_type.as_deref(), Some("article"));
    }

    #[test]
    fn page_types_map_to_our_names() {
        assert_eq!(page_type_of("NewsArticle").as_deref(), Some("article"));
        assert_eq!(
            page_type_of("DiscussionForumPosting").as_deref(),
            Some("forum")
        );
        assert_eq!(page_type_of("website"), None);
    }
}
