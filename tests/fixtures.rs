//! Fixture specifications: each page in `fixtures/` comes out with its whole article text, in order,
//! none of its boilerplate, and the title, authors and date that `<name>.expected.json` gives.
//!
//! An expected file holds `title`, `authors` and `published` (a date prefix such as `2021-08-27`;
//! `null` where the page states none, which these tests then do not check), optionally `encoding`,
//! `text` (the article's paragraphs, headings, list items and code lines, in page order) and
//! `without` (boilerplate strings that must not appear in the text). Whitespace is compared
//! collapsed, so the renderer's line breaks and non-breaking spaces do not matter.

use serde::Deserialize;
use std::path::PathBuf;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    title: Option<String>,
    authors: Option<Vec<String>>,
    published: Option<String>,
    #[serde(default)]
    encoding: Option<String>,
    text: Vec<String>,
    without: Vec<String>,
}

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Collapses every run of whitespace (including no-break spaces) to one space.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn load(name: &str) -> (nutgraf::Article, Expected) {
    let dir = fixtures_dir();
    let html = std::fs::read(dir.join(format!("{name}.html"))).unwrap();
    let expected = std::fs::read_to_string(dir.join(format!("{name}.expected.json"))).unwrap();
    let expected: Expected = serde_json::from_str(&expected).unwrap();
    (nutgraf::extract(&html).unwrap(), expected)
}

fn assert_paragraphs_in_order(name: &str) {
    let (article, expected) = load(name);
    let text = squash(&article.text);
    let mut from = 0;
    for (n, paragraph) in expected.text.iter().enumerate() {
        let paragraph = squash(paragraph);
        match text[from..].find(&paragraph) {
            Some(at) => from += at + paragraph.len(),
            None if text.contains(&paragraph) => {
                panic!(
                    "{name}: paragraph {n} is out of order: {paragraph:?}\n--- text ---\n{}",
                    article.text
                )
            }
            None => panic!(
                "{name}: paragraph {n} is missing: {paragraph:?}\n--- text ---\n{}",
                article.text
            ),
        }
    }
}

fn assert_no_boilerplate(name: &str) {
    let (article, expected) = load(name);
    let text = squash(&article.text);
    let found: Vec<&String> = expected
        .without
        .iter()
        .filter(|b| text.contains(&squash(b)))
        .collect();
    assert!(
        found.is_empty(),
        "{name}: boilerplate in the text: {found:?}\n--- text ---\n{}",
        article.text
    );
}

fn assert_metadata(name: &str) {
    let (article, expected) = load(name);
    assert_eq!(
        article.title.as_deref().map(squash),
        expected.title.as_deref().map(squash),
        "{name}: title"
    );
    if let Some(authors) = &expected.authors {
        assert_eq!(&article.authors, authors, "{name}: authors");
    }
    if let Some(date) = &expected.published {
        let published = article.published.clone().unwrap_or_default();
        assert!(
            published.starts_with(date.as_str()),
            "{name}: published is {published:?}, expected {date}"
        );
    }
    if let Some(encoding) = &expected.encoding {
        assert_eq!(&article.encoding, encoding, "{name}: encoding");
    }
}

#[test]
fn every_fixture_page_has_an_expected_output_and_the_reverse() {
    let mut pages = Vec::new();
    let mut expectations = Vec::new();
    for entry in std::fs::read_dir(fixtures_dir()).unwrap() {
        let file = entry.unwrap().file_name().into_string().unwrap();
        if let Some(stem) = file.strip_suffix(".expected.json") {
            expectations.push(stem.to_string());
        } else if let Some(stem) = file.strip_suffix(".html") {
            pages.push(stem.to_string());
        }
    }
    pages.sort();
    expectations.sort();
    assert_eq!(pages, expectations);
    assert!(pages.len() >= 5);
    for page in &pages {
        let (_, expected) = load(page);
        assert!(
            !expected.text.is_empty() && !expected.without.is_empty(),
            "{page}"
        );
        for boilerplate in &expected.without {
            assert!(
                expected
                    .text
                    .iter()
                    .all(|p| !p.contains(boilerplate.as_str())),
                "{page}: {boilerplate:?} is both content and boilerplate"
            );
        }
    }
}

// The seed: a WordPress.com article (theme, Jetpack sharing, likes and related posts, post
// navigation, the highlander comment form, sidebar widgets, footer).

#[test]
fn wordpress_com_article_keeps_every_paragraph_and_section_heading_in_order() {
    assert_paragraphs_in_order("wordpress-com-article");
}

#[test]
fn wordpress_com_article_leaves_out_jetpack_comment_form_navigation_and_sidebar() {
    assert_no_boilerplate("wordpress-com-article");
}

#[test]
fn wordpress_com_article_reports_title_author_and_date() {
    assert_metadata("wordpress-com-article");
}

#[test]
fn wordpress_com_article_ends_with_its_source_attribution() {
    let (article, _) = load("wordpress-com-article");
    assert!(
        article
            .text
            .trim_end()
            .ends_with("(Source: The Associated Press)"),
        "{}",
        article.text
    );
}

#[test]
fn wordpress_com_article_keeps_section_headings_as_blocks_of_their_own() {
    let (article, _) = load("wordpress-com-article");
    let blocks: Vec<&str> = article.text.split("\n\n").map(str::trim).collect();
    for heading in [
        "Where did it come from?",
        "Who are its fighters?",
        "What has it done?",
        "Is it allied with the Taliban?",
        "What does the withdrawal change?",
    ] {
        assert!(blocks.contains(&heading), "{heading:?} in {blocks:#?}");
    }
}

// A news page in windows-1252 with schema.org NewsArticle JSON-LD, an inline "read also" box and a
// newsletter box inside the article body.

#[test]
fn windows_1252_news_page_keeps_every_paragraph_in_order_with_its_accents() {
    assert_paragraphs_in_order("news-windows-1252");
}

#[test]
fn windows_1252_news_page_leaves_out_alerts_inline_boxes_most_read_and_footer() {
    assert_no_boilerplate("news-windows-1252");
}

#[test]
fn windows_1252_news_page_reports_title_author_date_and_encoding() {
    assert_metadata("news-windows-1252");
}

// A Jekyll blog post with a cookie banner, share buttons, an author bio, a newsletter form,
// related posts and a Disqus block.

#[test]
fn blog_post_keeps_paragraphs_list_items_and_quote_in_order() {
    assert_paragraphs_in_order("blog-disqus-cookie-banner");
}

#[test]
fn blog_post_leaves_out_cookie_banner_disqus_bio_and_related_posts() {
    assert_no_boilerplate("blog-disqus-cookie-banner");
}

#[test]
fn blog_post_reports_title_author_and_date() {
    assert_metadata("blog-disqus-cookie-banner");
}

// A XenForo forum thread: every post is content; user cards, signatures, reactions and
// "similar threads" are not.

#[test]
fn forum_thread_keeps_every_post_in_order() {
    assert_paragraphs_in_order("forum-thread");
}

#[test]
fn forum_thread_leaves_out_user_cards_signatures_reactions_and_similar_threads() {
    assert_no_boilerplate("forum-thread");
}

#[test]
fn forum_thread_reports_title_starter_and_start_date() {
    assert_metadata("forum-thread");
}

// A Material for MkDocs documentation page: prose, an admonition, code blocks and a table are
// content; the navigation trees, table of contents and footer are not.

#[test]
fn documentation_page_keeps_prose_code_lines_and_table_in_order() {
    assert_paragraphs_in_order("documentation-page");
}

#[test]
fn documentation_page_leaves_out_navigation_toc_banner_and_footer() {
    assert_no_boilerplate("documentation-page");
}

#[test]
fn documentation_page_reports_its_title() {
    assert_metadata("documentation-page");
}
