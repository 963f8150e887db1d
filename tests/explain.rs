//! The explain report, specified on pages: every block with its verdict and reason, every field
//! with its source, a self-contained page that page text cannot inject markup into.

use nutgraf::Extractor;
use nutgraf::explain::Verdict;
use scraper::{ElementRef, Html, Selector};

fn explained(html: &[u8], url: &str) -> nutgraf::Article {
    Extractor::builder()
        .url(url)
        .comments(true)
        .explain(true)
        .build()
        .extract(html)
        .expect("extracts")
}

fn report(html: &[u8], url: &str) -> String {
    nutgraf::render::explain("page.html", &explained(html, url))
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    let s = Selector::parse(css).expect("selector");
    doc.select(&s).collect()
}

fn text(e: &ElementRef<'_>) -> String {
    e.text().collect::<String>()
}

/// The block element whose text holds `needle`.
fn block<'a>(doc: &'a Html, needle: &str) -> ElementRef<'a> {
    select(doc, "li.b")
        .into_iter()
        .find(|b| text(b).contains(needle))
        .unwrap_or_else(|| panic!("a block holds {needle:?}"))
}

const WORDPRESS: &[u8] = include_bytes!("../fixtures/wordpress-com-article.html");
const WP_URL: &str =
    "https://kabulledger.wordpress.com/2021/08/27/what-is-islamic-state-khorasan-isis-k/";

#[test]
fn on_the_wordpress_page_the_comment_form_is_dropped_and_the_body_kept() {
    let doc = Html::parse_document(&report(WORDPRESS, WP_URL));
    let reply = block(&doc, "Leave a Reply");
    assert!(matches!(
        reply.attr("data-verdict"),
        Some("dropped" | "comment")
    ));
    let first = block(&doc, "The Islamic State Khorasan (ISK) is blamed");
    assert_eq!(first.attr("data-verdict"), Some("kept"));
    assert_eq!(first.attr("data-reason"), Some("model"));
    let score: f32 = first
        .attr("data-score")
        .and_then(|s| s.parse().ok())
        .expect("the model scored the paragraph");
    assert!(score > 0.5);
}

#[test]
fn every_block_has_a_verdict_and_a_reason() {
    let doc = Html::parse_document(&report(WORDPRESS, WP_URL));
    let blocks = select(&doc, "li.b");
    assert!(
        blocks.len() > 50,
        "the page's blocks, cleaned-away ones too"
    );
    for b in &blocks {
        assert!(matches!(
            b.attr("data-verdict"),
            Some("kept" | "dropped" | "comment")
        ));
        assert!(b.attr("data-reason").is_some_and(|r| !r.is_empty()));
    }
    // Every kept block, and every block the model scored, says so.
    assert!(
        blocks
            .iter()
            .filter(|b| b.attr("data-verdict") == Some("kept"))
            .all(|b| b.attr("data-score").is_some())
    );
}

#[test]
fn the_blocks_kept_are_the_body() {
    let a = explained(WORDPRESS, WP_URL);
    let e = a.explain.as_deref().expect("an explain record");
    for b in e.blocks.iter().filter(|b| b.verdict == Verdict::Kept) {
        let start: String = b.text.chars().take(40).collect();
        let body = a.text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(body.contains(&start), "kept block {start:?} is in the body");
    }
}

#[test]
fn title_and_published_show_their_source_and_every_field_is_listed() {
    let doc = Html::parse_document(&report(WORDPRESS, WP_URL));
    for field in [
        "title",
        "authors",
        "published",
        "modified",
        "site_name",
        "language",
        "description",
        "url",
        "image",
        "tags",
    ] {
        let rows = select(&doc, &format!("tr[data-field=\"{field}\"]"));
        assert_eq!(rows.len(), 1, "one row for {field}");
        assert!(rows[0].attr("data-source").is_some_and(|s| !s.is_empty()));
    }
    for field in ["title", "published"] {
        let row = &select(&doc, &format!("tr[data-field=\"{field}\"]"))[0];
        assert!(
            !matches!(row.attr("data-source"), Some("none" | "derived")),
            "{field} has a source: {:?}",
            row.attr("data-source")
        );
    }
}

#[test]
fn the_header_gives_source_url_encoding_page_type_container_and_timings() {
    let doc = Html::parse_document(&report(WORDPRESS, WP_URL));
    let header = |name: &str| {
        select(&doc, &format!("tr[data-header=\"{name}\"] td"))
            .first()
            .map(text)
            .unwrap_or_default()
    };
    assert_eq!(header("source"), "page.html");
    assert_eq!(header("URL"), WP_URL);
    assert!(header("encoding").starts_with("UTF-8 ("));
    assert!(header("page type").starts_with("article ("));
    assert!(header("container").contains("entry-content"));
    for stage in ["decode", "parse", "metadata", "clean", "score"] {
        assert!(header("timings").contains(stage), "timing of {stage}");
    }
}

#[test]
fn reader_comments_are_marked_as_comments() {
    let page = br##"<html><head><title>Post</title></head><body>
<article class="post type-post hentry"><h1>Post</h1><div class="entry-content">
<p>The article's first paragraph is long enough to be the main content of the page, with words.</p>
<p>The second paragraph carries on for a while, so that scoring has something to go on here.</p>
</div></article>
<div id="comments" class="comments-area"><ol class="comment-list">
<li id="comment-1" class="comment"><article class="comment-body">
<footer class="comment-meta"><b class="fn">Ann</b> <span class="says">says:</span></footer>
<div class="comment-content"><p>A reader's remark about the post, kept apart from it.</p></div>
</article></li></ol></div></body></html>"##;
    let doc = Html::parse_document(&report(page, "https://example.org/post"));
    let remark = block(&doc, "A reader's remark");
    assert_eq!(remark.attr("data-verdict"), Some("comment"));
    assert_eq!(
        block(&doc, "first paragraph").attr("data-verdict"),
        Some("kept")
    );
}

#[test]
fn hostile_page_text_stays_text() {
    let hostile = br##"<html><head><title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>
<meta name="description" content="&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"></head><body>
<article><h1>&lt;script&gt;alert(3)&lt;/script&gt;</h1>
<p class='x" onmouseover="alert(4)'>A paragraph that says &lt;img src=x onerror=alert(5)&gt; and
&lt;/li&gt;&lt;/ol&gt;&lt;/section&gt;&lt;style&gt;body{display:none}&lt;/style&gt; in its own words, at length.</p>
<p>Another paragraph, long enough to be content, with &amp;amp; entities and "quotes" in it.</p>
</article></body></html>"##;
    let a = explained(hostile, "https://example.org/\"><script>alert(6)</script>");
    let html = nutgraf::render::explain("<script>alert(7)</script>", &a);
    let doc = Html::parse_document(&html);
    assert!(select(&doc, "script, img, iframe, object, embed, link").is_empty());
    assert_eq!(
        select(&doc, "style").len(),
        1,
        "only the report's own style"
    );
    for e in select(&doc, "*") {
        assert!(
            e.value().attrs().all(|(name, _)| !name.starts_with("on")),
            "no event handler on <{}>",
            e.value().name()
        );
    }
    assert!(text(&block(&doc, "A paragraph that says")).contains("<img src=x onerror=alert(5)>"));
    assert!(text(&select(&doc, "h2")[0]).contains("<script>alert(7)</script>"));
    assert!(html.contains("&lt;script&gt;alert(7)&lt;/script&gt;"));
}

#[test]
fn the_report_is_self_contained() {
    let html = report(WORDPRESS, WP_URL);
    for outside in [
        "<script", "<link", "<img", "<iframe", "url(", "@import", "src=",
    ] {
        assert!(!html.contains(outside), "no {outside}");
    }
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    // The filter bar works by CSS :target.
    let doc = Html::parse_document(&html);
    for target in ["only-kept", "only-dropped", "only-comments"] {
        assert_eq!(select(&doc, &format!("#{target}")).len(), 1);
        assert_eq!(select(&doc, &format!("a[href=\"#{target}\"]")).len(), 1);
    }
}

#[test]
fn nothing_is_explained_unless_asked() {
    let a = Extractor::builder()
        .build()
        .extract(WORDPRESS)
        .expect("extracts");
    assert!(a.explain.is_none());
    assert!(nutgraf::render::explain("page.html", &a).contains("No explain record"));
}

#[test]
fn explaining_changes_nothing_else() {
    let plain = Extractor::builder()
        .url(WP_URL)
        .comments(true)
        .build()
        .extract(WORDPRESS)
        .expect("extracts");
    let mut with = explained(WORDPRESS, WP_URL);
    with.explain = None;
    assert_eq!(plain, with);
}
