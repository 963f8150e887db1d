//! Metadata: title, authors, dates, site, language, image, tags, read from the whole document.
//!
//! One scan ([`scan`]) gathers the nodes every source needs; each source has its own module;
//! this module merges them field by field ([`who`] for authors, [`when`] for dates), and
//! records in [`Sources`] where the title, authors and dates came from:
//!
//! | field       | sources, best first |
//! |-------------|---------------------|
//! | title       | JSON-LD `headline`, title `<meta>` (Dublin Core, OpenGraph, Twitter, Parse.ly), `<title>`; decoration cut to the matching `<h1>` or the site name dropped ([`title`]); then a visible headline that more of these sources agree with, or that stands before the prose under a `<title>` naming only the site, wins ([`headline`]) |
//! | authors     | JSON-LD `author`, author `<meta>`, microdata `itemprop=author`, visible byline ([`who`], [`byline`]) |
//! | published   | JSON-LD `datePublished`, date `<meta>`, microdata, the URL path, `<time>`, elements classed as dates; else `modified` ([`when`], [`dates`]) |
//! | modified    | JSON-LD `dateModified`, modification `<meta>`, microdata |
//! | site_name   | `og:site_name`, JSON-LD publisher / WebSite, `application-name` |
//! | language    | `<html lang>`, `Content-Language`, JSON-LD `inLanguage`, `og:locale`, detection ([`language`]) |
//! | description | description `<meta>`, JSON-LD `description` |
//! | url         | the caller's URL, `<link rel=canonical>`, `og:url`, JSON-LD `url` |
//! | image       | `og:image`, Twitter image, JSON-LD `image`, `rel=image_src`, the first article image |
//! | tags        | `article:tag`, `article:section`, keywords `<meta>`, JSON-LD `keywords`, `rel=tag` links |
//! | page_type   | JSON-LD `@type`, `og:type` |

mod byline;
mod candidates;
pub(crate) use candidates::explain;
mod dates;
mod headline;
mod jsonld;
mod language;
mod meta;
pub(crate) mod scan;
pub(crate) use dates::{crawl_day, with_crawl_date};
mod sources;
pub use sources::{Source, Sources};
mod title;
mod url;
mod when;
mod who;

use crate::dom::Document;
use meta::Metas;
use scan::visible_text;

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
    /// Where the title, authors and dates came from.
    pub sources: Sources,
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
    let from_ld = ld_headline.is_some();
    let meta_title = ld_headline
        .or_else(|| metas.first(meta::TITLE).map(|(_, v)| scan::collapse(v)))
        .filter(|m| {
            page_headline
                .is_none_or(|t| overlap(m, t) >= 0.2 || h1s.iter().any(|h| overlap(m, h) >= 0.2))
        });
    let chosen = title::choose(meta_title.as_deref(), page.title.as_deref(), &h1s, &sites);
    let mut titles: Vec<&str> = ld.headline.iter().map(String::as_str).collect();
    for key in meta::TITLE {
        titles.extend(metas.all(key));
    }
    titles.extend(page.title.as_deref());
    let slug = [url, declared_url]
        .into_iter()
        .flatten()
        .find_map(|u| Some(url::slug_words(&url::resolve(u, base)?)).filter(|w| !w.is_empty()))
        .unwrap_or_default();
    let evidence = headline::Evidence::new(titles, slug, &sites);
    let chosen = headline::choose(doc, &page, &evidence, chosen);
    let title_source = chosen.as_ref().map(|(_, s)| match s {
        Source::Meta if from_ld => Source::JsonLd,
        s => *s,
    });
    let title = chosen.map(|(t, _)| t);

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

    let (authors, authors_source) = who::authors(doc, &page, &metas, &ld, &sites);
    let modified = when::modified(doc, &page, &metas, &ld);
    let published = when::published(doc, &page, &metas, &ld, &[url, declared_url], month_first)
        .or_else(|| {
            modified
                .as_ref()
                .map(|(m, _)| (m.clone(), Source::Modified))
        });
    let sources = Sources {
        title: title_source,
        authors: authors_source,
        published: published.as_ref().map(|(_, s)| *s),
        modified: modified.as_ref().map(|(_, s)| *s),
    };
    let (published, modified) = (published.map(|(p, _)| p), modified.map(|(m, _)| m));

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
        sources,
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
