//! Metadata specifications: what `nutgraf::extract` reports for title, authors, dates, site,
//! language, description, url, image, tags and page type, source by source.

fn extract(html: &str) -> nutgraf::Article {
    match nutgraf::extract(html.as_bytes()) {
        Ok(a) => a,
        Err(e) => panic!("extraction failed: {e}"),
    }
}

fn page(head: &str, body: &str) -> String {
    format!("<!doctype html><html><head>{head}</head><body>{body}</body></html>")
}

#[path = "metadata/authors.rs"]
mod authors;
#[path = "metadata/dates.rs"]
mod dates;
#[path = "metadata/headline.rs"]
mod headline;

fn ld(json: &str) -> String {
    format!(r#"<script type="application/ld+json">{json}</script>"#)
}

// ---------------------------------------------------------------- title

#[test]
fn title_drops_the_site_name_suffix_of_the_title_element() {
    let a = extract(&page(
        r#"<title>Rain expected all week | The Daily Planet</title>
        <meta property="og:site_name" content="The Daily Planet">"#,
        "<p>Text.</p>",
    ));
    assert_eq!(a.title.as_deref(), Some("Rain expected all week"));
}

#[test]
fn title_drops_a_dash_separated_suffix_and_a_site_prefix() {
    let a = extract(&page(
        r#"<title>Rain expected all week – Daily Planet</title>
        <link rel="canonical" href="https://www.dailyplanet.com/rain">"#,
        "",
    ));
    assert_eq!(a.title.as_deref(), Some("Rain expected all week"));
    let a = extract(&page(
        r#"<title>Daily Planet | Rain expected all week</title>
        <meta property="og:site_name" content="Daily Planet">"#,
        "",
    ));
    assert_eq!(a.title.as_deref(), Some("Rain expected all week"));
}

#[test]
fn title_prefers_the_h1_that_is_a_part_of_the_title() {
    let a = extract(&page(
        "<title>Payment issues - How to change a payment method - Help Forum</title>",
        "<header><h1>Help Forum</h1></header><h1>How to change a payment method</h1>",
    ));
    assert_eq!(a.title.as_deref(), Some("How to change a payment method"));
}

#[test]
fn title_keeps_a_clean_open_graph_title() {
    let a = extract(&page(
        r#"<title>Some SEO title - Site</title><meta property="og:title" content="The real headline">"#,
        "<h1>Unrelated banner</h1>",
    ));
    assert_eq!(a.title.as_deref(), Some("The real headline"));
}

#[test]
fn title_keeps_a_short_title_whole_rather_than_leave_a_stub() {
    let a = extract(&page("<title>Mozilla - Wikipedia</title>", ""));
    assert_eq!(a.title.as_deref(), Some("Mozilla - Wikipedia"));
}

#[test]
fn title_ignores_svg_titles_and_decodes_double_escaped_entities() {
    let a = extract(&page(
        r#"<meta property="og:title" content="Tools &amp;#8211; Spreadsheets">"#,
        "<svg><title>icon</title></svg>",
    ));
    assert_eq!(a.title.as_deref(), Some("Tools – Spreadsheets"));
}

#[test]
fn a_site_wide_open_graph_title_loses_to_the_page_headline() {
    let a = extract(&page(
        r#"<title>Space ship breaks up over Siberia</title>
        <meta property="og:title" content="Example News - Latest News &amp; Headlines">"#,
        "<h1>Space ship breaks up over Siberia</h1><p>Body.</p>",
    ));
    assert_eq!(
        a.title.as_deref(),
        Some("Space ship breaks up over Siberia")
    );
    // An Open Graph title that differs from a bare <title> without an h1 is still trusted.
    let a = extract(&page(
        r#"<title>Home</title><meta property="og:title" content="Rain all week">"#,
        "<p>Body.</p>",
    ));
    assert_eq!(a.title.as_deref(), Some("Rain all week"));
}

#[test]
fn title_falls_back_to_the_h1() {
    let a = extract(&page("", "<h1>Only a heading</h1><p>Text.</p>"));
    assert_eq!(a.title.as_deref(), Some("Only a heading"));
}

// ---------------------------------------------------------------- authors

#[test]
fn authors_from_json_ld_person_list_and_string() {
    let a = extract(&page(
        &ld(
            r#"{"@context":"https://schema.org","@type":"NewsArticle","headline":"H",
            "author":[{"@type":"Person","name":"Stella Kim"},{"@type":"Person","name":"Jennifer Jett"}]}"#,
        ),
        "",
    ));
    assert_eq!(a.authors, ["Stella Kim", "Jennifer Jett"]);
    let a = extract(&page(
        &ld(r#"{"@type":"BlogPosting","author":"Ann Lee"}"#),
        "",
    ));
    assert_eq!(a.authors, ["Ann Lee"]);
}

#[test]
fn authors_from_json_ld_graph_references() {
    let a = extract(&page(
        &ld(r##"{"@context":"https://schema.org","@graph":[
            {"@type":"Article","headline":"H","author":{"@id":"#p1"}},
            {"@type":"Person","@id":"#p1","name":"Haki Benita"}]}"##),
        "",
    ));
    assert_eq!(a.authors, ["Haki Benita"]);
}

#[test]
fn an_organization_author_is_kept_when_no_person_is_named() {
    let a = extract(&page(
        &ld(r#"{"@type":"NewsArticle","author":{"@type":"Organization","name":"BBC News"}}"#),
        "",
    ));
    assert_eq!(a.authors, ["BBC News"]);
}

#[test]
fn authors_from_meta_tags_skip_profile_urls() {
    let a = extract(&page(
        r#"<meta property="article:author" content="https://www.facebook.com/someone">
        <meta name="author" content="Jane Doe">"#,
        "",
    ));
    assert_eq!(a.authors, ["Jane Doe"]);
}

#[test]
fn authors_from_a_visible_byline_are_clean_names() {
    let a = extract(&page(
        "",
        r#"<article><h1>T</h1><p class="byline">By Ann Lee and Bo Chan | March 3, 2020</p>
        <p>Body text.</p></article>"#,
    ));
    assert_eq!(a.authors, ["Ann Lee", "Bo Chan"]);
}

#[test]
fn authors_from_microdata() {
    let a = extract(&page(
        "",
        r#"<div itemscope itemtype="https://schema.org/Article"><h1 itemprop="headline">T</h1>
        <span itemprop="author" itemscope itemtype="https://schema.org/Person">
        <span itemprop="name">Kyle Howells</span></span></div>"#,
    ));
    assert_eq!(a.authors, ["Kyle Howells"]);
}

#[test]
fn comment_authors_are_not_the_article_author() {
    let a = extract(&page(
        "",
        r#"<article><h1>T</h1><p>Body.</p></article>
        <ol class="comment-list"><li><span class="comment-author">By Troll McTroll</span></li></ol>"#,
    ));
    assert!(a.authors.is_empty(), "{:?}", a.authors);
}

#[test]
fn prose_starting_with_by_is_not_a_byline() {
    let a = extract(&page(
        "",
        "<h1>T</h1><p>By clicking the button you accept our privacy policy.</p>",
    ));
    assert!(a.authors.is_empty(), "{:?}", a.authors);
}

#[test]
fn a_byline_stops_at_its_line_break() {
    let a = extract(&page(
        "",
        r#"<h1>Superbugs</h1><div class="author_fmt"> By <a rel="author" href="/k">Kelli  Miller</a>
        <br/>WebMD Health News</div><p>Body text.</p>"#,
    ));
    assert_eq!(a.authors, ["Kelli Miller"]);
}

#[test]
fn a_posted_by_line_loses_its_time() {
    let a = extract(&page(
        "",
        r#"<h1>Vibe coding</h1><p>Body text.</p>
        <span class="posted">Posted by David at December 16, 2025 11:15 AM</span>"#,
    ));
    assert_eq!(a.authors, ["David"]);
}

#[test]
fn menu_labels_and_side_panels_are_not_bylines() {
    let a = extract(&page(
        "",
        r#"<div class="nav-section"><span>By Collection</span><a href="/c">Socks</a></div>
        <div role="complementary"><div id="follow-author"><b>Exclusives</b></div></div>
        <h1>Quarter socks</h1><p>Body text.</p>"#,
    ));
    assert!(a.authors.is_empty(), "{:?}", a.authors);
    let a = extract(&page(
        "",
        r#"<div role="complementary"><div class="author">Sidebar Person</div></div>
        <h1>News</h1><div class="author">Nataliya Vasilyeva</div><p>Body text.</p>"#,
    ));
    assert_eq!(a.authors, ["Nataliya Vasilyeva"]);
}

#[test]
fn authors_from_twitter_card_labels() {
    let a = extract(&page(
        r#"<meta name="twitter:label1" content="Written by">
        <meta name="twitter:data1" content="Nawaz Dhandala">
        <meta name="twitter:label2" content="Est. reading time">
        <meta name="twitter:data2" content="7 minutes">"#,
        "<h1>T</h1><p>Body.</p>",
    ));
    assert_eq!(a.authors, ["Nawaz Dhandala"]);
}

#[test]
fn a_user_name_with_digits_is_an_author() {
    let a = extract(&page(
        r#"<meta name="author" content="ggailey777">"#,
        "<h1>T</h1><p>Body.</p>",
    ));
    assert_eq!(a.authors, ["ggailey777"]);
}

#[test]
fn an_infobox_classed_vcard_is_not_a_byline() {
    let rows: String = (0..30)
        .map(|i| format!("<tr><th>Field {i}</th><td>Value {i}</td></tr>"))
        .collect();
    let a = extract(&page(
        "",
        &format!(
            r#"<h1>Mozilla</h1><table class="infobox vcard"><caption class="fn org">Mozilla</caption>
            {rows}</table><p>Body text.</p>"#
        ),
    ));
    assert!(a.authors.is_empty(), "{:?}", a.authors);
}

#[test]
fn an_address_after_a_name_goes() {
    let a = extract(&page(
        r#"<meta name="author" content="Bradley M. Kuhn (http://ebb.org/bkuhn/)">"#,
        "<h1>T</h1><p>Body.</p>",
    ));
    assert_eq!(a.authors, ["Bradley M. Kuhn"]);
}

#[test]
fn an_article_word_alone_is_not_a_name() {
    let a = extract(&page(
        "",
        r#"<h1>T</h1><p>Body.</p><span class="author">By the</span>"#,
    ));
    assert!(a.authors.is_empty(), "{:?}", a.authors);
}

// ---------------------------------------------------------------- hostile JSON-LD

#[test]
fn malformed_json_ld_is_repaired_or_skipped_without_failing() {
    let a = extract(&page(
        &(ld("{ this is not json")
            + &ld("<!-- {\"@type\":\"Article\",\"headline\":\"Fixed\",\"author\":\"A B\",} -->")),
        "<h1>Fixed</h1>",
    ));
    assert_eq!(a.title.as_deref(), Some("Fixed"));
    assert_eq!(a.authors, ["A B"]);
}

#[test]
fn deeply_nested_and_huge_json_ld_is_survived() {
    let deep = "[".repeat(50_000) + &"]".repeat(50_000);
    let wide = format!(
        r#"{{"@type":"Article","headline":"H","keywords":[{}"last"]}}"#,
        "\"k\",".repeat(100_000)
    );
    let a = extract(&page(&(ld(&deep) + &ld(&wide)), "<h1>H</h1>"));
    assert_eq!(a.title.as_deref(), Some("H"));
}

#[test]
fn json_ld_of_a_related_item_is_not_the_page() {
    let a = extract(&page(
        &ld(
            r#"{"@type":"WebPage","name":"P","hasPart":{"@type":"Article","headline":"Other",
            "author":"Wrong Person","datePublished":"2011-01-01"}}"#,
        ),
        "<h1>Page</h1>",
    ));
    assert!(a.authors.is_empty(), "{:?}", a.authors);
    assert_ne!(a.published.as_deref(), Some("2011-01-01"));
}

// ---------------------------------------------------------------- dates

#[test]
fn published_from_json_ld_keeps_time_and_offset() {
    let a = extract(&page(
        &ld(
            r#"{"@type":"NewsArticle","datePublished":"2021-11-01T10:52:50+0100","dateModified":"2021-11-02"}"#,
        ),
        "",
    ));
    assert_eq!(a.published.as_deref(), Some("2021-11-01T10:52:50+01:00"));
    assert_eq!(a.modified.as_deref(), Some("2021-11-02"));
}

#[test]
fn published_from_open_graph_and_dublin_core() {
    let a = extract(&page(
        r#"<meta property="article:published_time" content="2015-07-24T05:36:09+01:00">"#,
        "",
    ));
    assert_eq!(a.published.as_deref(), Some("2015-07-24T05:36:09+01:00"));
    let a = extract(&page(
        r#"<meta name="DC.date.issued" content="2012-09-18">"#,
        "",
    ));
    assert_eq!(a.published.as_deref(), Some("2012-09-18"));
}

#[test]
fn published_from_time_element_and_url() {
    let a = extract(&page(
        "",
        r#"<article><h1>T</h1><time datetime="2021-06-06">June 6, 2021</time></article>"#,
    ));
    assert_eq!(a.published.as_deref(), Some("2021-06-06"));
    let a = nutgraf::Extractor::builder()
        .url("https://example.org/2019/03/14/a-post/")
        .build()
        .extract(b"<title>x</title><p>No date in the text.</p>");
    assert_eq!(
        a.ok().and_then(|a| a.published).as_deref(),
        Some("2019-03-14")
    );
}

#[test]
fn published_from_visible_dates_in_several_languages() {
    for (text, want) in [
        ("Published on January 5th, 2021", "2021-01-05"),
        ("Veröffentlicht am 5. März 2020", "2020-03-05"),
        ("Publié le 1er janvier 2018", "2018-01-01"),
        ("Publicado el 12 de diciembre de 2017", "2017-12-12"),
        ("Pubblicato il 21 gennaio 2015", "2015-01-21"),
        ("Opublikowano 14 lipca 2020", "2020-07-14"),
        ("2016年3月9日", "2016-03-09"),
        ("27.08.2021", "2021-08-27"),
    ] {
        let a = extract(&page(
            "",
            &format!("<h1>T</h1><p class=\"date\">{text}</p>"),
        ));
        assert_eq!(a.published.as_deref(), Some(want), "{text}");
    }
}

#[test]
fn future_and_pre_1995_dates_are_rejected() {
    let a = extract(&page(
        r#"<meta property="article:published_time" content="2999-01-01T00:00:00Z">"#,
        "",
    ));
    assert_eq!(a.published, None);
    let a = extract(&page(
        r#"<meta property="article:published_time" content="1989-03-03">"#,
        "",
    ));
    assert_eq!(a.published, None);
}

#[test]
fn copyright_lines_and_comment_dates_are_not_the_publication_date() {
    let a = extract(&page(
        "",
        r#"<h1>T</h1><p>Body.</p><ol class="comments"><li><time datetime="2020-02-02">x</time></li></ol>
        <div class="footer-info">© 2019 Example Inc.</div>"#,
    ));
    assert_eq!(a.published, None);
}

// ---------------------------------------------------------------- other fields

#[test]
fn site_description_image_tags_language_and_type() {
    let a = extract(
        r#"<html lang="pt-br"><head>
        <meta property="og:site_name" content="Folha">
        <meta name="description" content="Resumo da notícia">
        <meta property="og:image" content="/img/lead.jpg">
        <meta property="og:url" content="https://folha.example/noticia">
        <meta property="og:type" content="article">
        <meta property="article:tag" content="Futebol">
        <meta name="keywords" content="Libertadores, Futebol, Lula">
        </head><body><p>Texto.</p></body></html>"#,
    );
    assert_eq!(a.site_name.as_deref(), Some("Folha"));
    assert_eq!(a.description.as_deref(), Some("Resumo da notícia"));
    assert_eq!(a.url.as_deref(), Some("https://folha.example/noticia"));
    assert_eq!(
        a.image.as_deref(),
        Some("https://folha.example/img/lead.jpg")
    );
    assert_eq!(a.tags, ["Futebol", "Libertadores", "Lula"]);
    assert_eq!(a.language.as_deref(), Some("pt-BR"));
    assert_eq!(a.page_type.as_deref(), Some("article"));
}

#[test]
fn canonical_link_is_the_url_when_the_caller_gives_none() {
    let a = extract(&page(
        r#"<link rel="canonical" href="https://ex.org/a">"#,
        "",
    ));
    assert_eq!(a.url.as_deref(), Some("https://ex.org/a"));
}

#[test]
fn undeclared_language_is_detected_from_the_text() {
    let a = extract(&page(
        "",
        "<p>Die Bundesregierung hat am Mittwoch beschlossen, dass die neuen Regeln für den \
         Wohnungsbau schon im kommenden Jahr gelten sollen, obwohl die Länder widersprechen.</p>",
    ));
    assert_eq!(a.language.as_deref(), Some("de"));
}

#[test]
fn forum_and_product_pages_are_typed() {
    let a = extract(&page(
        &ld(
            r#"{"@type":"DiscussionForumPosting","headline":"Q","author":{"@type":"Person","name":"amondale"}}"#,
        ),
        "",
    ));
    assert_eq!(a.page_type.as_deref(), Some("forum"));
    assert_eq!(a.authors, ["amondale"]);
    let a = extract(&page(&ld(r#"{"@type":"Product","name":"Mug"}"#), ""));
    assert_eq!(a.page_type.as_deref(), Some("product"));
}

// ---------------------------------------------------------------- one source at a time

#[test]
fn title_from_twitter_card_and_dublin_core() {
    let a = extract(&page(
        r#"<meta name="twitter:title" content="Rain all week">"#,
        "<p>Body.</p>",
    ));
    assert_eq!(a.title.as_deref(), Some("Rain all week"));
    // Dublin Core comes before OpenGraph.
    let a = extract(&page(
        r#"<meta property="og:title" content="OG words"><meta name="DC.title" content="Dublin words">"#,
        "<p>Body.</p>",
    ));
    assert_eq!(a.title.as_deref(), Some("Dublin words"));
}

#[test]
fn authors_from_dublin_core_creator() {
    let a = extract(&page(
        r#"<meta name="DC.creator" content="Ann Lee">"#,
        "<h1>T</h1><p>Body.</p>",
    ));
    assert_eq!(a.authors, ["Ann Lee"]);
}

#[test]
fn authors_from_a_rel_author_link() {
    let a = extract(&page(
        "",
        r#"<h1>T</h1><p>Filed under news. <a rel="author" href="/people/ann">Ann Lee</a></p>
        <p>Body text.</p>"#,
    ));
    assert_eq!(a.authors, ["Ann Lee"]);
}

#[test]
fn authors_from_an_h_entry_author_card() {
    let a = extract(&page(
        "",
        r#"<article class="h-entry"><h1 class="p-name">T</h1>
        <a class="p-author h-card" href="https://ann.example">Ann Lee</a>
        <div class="e-content"><p>Body text.</p></div></article>"#,
    ));
    assert_eq!(a.authors, ["Ann Lee"]);
}

#[test]
fn published_from_dublin_core_and_rfc_2822_meta() {
    let a = extract(&page(
        r#"<meta name="DC.date.issued" content="2016-04-05">"#,
        "<p>Body.</p>",
    ));
    assert_eq!(a.published.as_deref(), Some("2016-04-05"));
    let a = extract(&page(
        r#"<meta name="date" content="Tue, 05 Apr 2016 10:00:00 +0200">"#,
        "<p>Body.</p>",
    ));
    assert_eq!(a.published.as_deref().map(|d| &d[..10]), Some("2016-04-05"));
}

#[test]
fn modified_from_json_ld_and_open_graph() {
    let a = extract(&page(
        &ld(r#"{"@type":"Article","datePublished":"2020-01-02","dateModified":"2021-03-04"}"#),
        "",
    ));
    assert_eq!(a.published.as_deref(), Some("2020-01-02"));
    assert_eq!(a.modified.as_deref(), Some("2021-03-04"));
    let a = extract(&page(
        r#"<meta property="article:modified_time" content="2022-05-06">"#,
        "",
    ));
    assert_eq!(a.modified.as_deref(), Some("2022-05-06"));
}

#[test]
fn published_from_written_dates_in_more_languages() {
    for (text, want) in [
        ("Опубликовано 3 марта 2021", "2021-03-03"),
        ("Gepubliceerd op 7 juni 2019", "2019-06-07"),
        ("2019年12月1日 10:00", "2019-12-01"),
        ("Sept. 9, 2018", "2018-09-09"),
        ("9 Sep 2018", "2018-09-09"),
        ("2018/09/09", "2018-09-09"),
    ] {
        let a = extract(&page(
            "",
            &format!("<h1>T</h1><p class=\"date\">{text}</p><p>Body text.</p>"),
        ));
        assert_eq!(a.published.as_deref(), Some(want), "{text}");
    }
}

#[test]
fn site_name_from_json_ld_publisher_and_application_name() {
    let a = extract(&page(
        &ld(r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"Example Times"},
            {"@type":"NewsArticle","headline":"T","publisher":{"@type":"Organization","name":"Example Times"}}]}"#),
        "",
    ));
    assert_eq!(a.site_name.as_deref(), Some("Example Times"));
    let a = extract(&page(
        r#"<meta name="application-name" content="Example Wiki">"#,
        "",
    ));
    assert_eq!(a.site_name.as_deref(), Some("Example Wiki"));
}

#[test]
fn description_from_open_graph_or_json_ld() {
    let a = extract(&page(
        r#"<meta property="og:description" content="  A short   summary. ">"#,
        "",
    ));
    assert_eq!(a.description.as_deref(), Some("A short summary."));
    let a = extract(&page(
        &ld(r#"{"@type":"Article","headline":"T","description":"From JSON-LD."}"#),
        "",
    ));
    assert_eq!(a.description.as_deref(), Some("From JSON-LD."));
}

#[test]
fn language_from_content_language_or_og_locale() {
    let a = extract(&page(
        r#"<meta http-equiv="Content-Language" content="fr">"#,
        "<p>x</p>",
    ));
    assert_eq!(a.language.as_deref(), Some("fr"));
    let a = extract(&page(
        r#"<meta property="og:locale" content="de_DE">"#,
        "<p>x</p>",
    ));
    assert_eq!(a.language.as_deref(), Some("de-DE"));
}

#[test]
fn image_from_twitter_card_json_ld_or_the_lead_figure() {
    let a = extract(&page(
        r#"<link rel="canonical" href="https://ex.org/a/b">
        <meta name="twitter:image" content="/t.jpg">"#,
        "",
    ));
    assert_eq!(a.image.as_deref(), Some("https://ex.org/t.jpg"));
    let a = extract(&page(
        &ld(
            r#"{"@type":"Article","headline":"T","image":{"@type":"ImageObject","url":"https://ex.org/ld.jpg"}}"#,
        ),
        "",
    ));
    assert_eq!(a.image.as_deref(), Some("https://ex.org/ld.jpg"));
    let a = extract(&page(
        r#"<link rel="canonical" href="https://ex.org/a/b">"#,
        r#"<article><img src="/pixel.gif" width="1" height="1"><h1>T</h1>
        <figure><img src="lead.jpg"></figure><p>Body.</p></article>"#,
    ));
    assert_eq!(a.image.as_deref(), Some("https://ex.org/a/lead.jpg"));
}

#[test]
fn tags_and_categories_from_sections_json_ld_and_tag_links() {
    let a = extract(&page(
        &format!(
            r#"<meta property="article:section" content="Science">{}"#,
            ld(r#"{"@type":"Article","headline":"T","keywords":["Mars","Rovers"]}"#)
        ),
        r#"<p>Body.</p><a rel="tag" href="/t/nasa">NASA</a><a rel="category tag" href="/c/space">Space</a>"#,
    ));
    for t in ["Science", "Mars", "Rovers", "NASA", "Space"] {
        assert!(
            a.tags.iter().any(|x| x == t),
            "{t} missing from {:?}",
            a.tags
        );
    }
}

#[test]
fn listing_documentation_and_video_pages_are_typed() {
    for (t, want) in [
        ("CollectionPage", "listing"),
        ("TechArticle", "documentation"),
        ("VideoObject", "video"),
        ("BlogPosting", "article"),
    ] {
        let a = extract(&page(&ld(&format!(r#"{{"@type":"{t}","name":"X"}}"#)), ""));
        assert_eq!(a.page_type.as_deref(), Some(want), "{t}");
    }
    let a = extract(&page(r#"<meta property="og:type" content="product">"#, ""));
    assert_eq!(a.page_type.as_deref(), Some("product"));
}

// ---------------------------------------------------------------- more hostile JSON-LD

#[test]
fn json_ld_with_odd_shapes_still_gives_the_article() {
    for json in [
        // @type as a list, author as a list of mixed things.
        r#"{"@type":["NewsArticle","Article"],"headline":"Odd shapes","author":[null,42,{"name":"Ann Lee"}]}"#,
        // Wrapped in an HTML comment and CDATA, with a trailing comma.
        r#"<!--//--><![CDATA[//><!--
        {"@type":"Article","headline":"Odd shapes","author":{"@type":"Person","name":"Ann Lee"},}
        //--><!]]>"#,
        // A byte-order mark and an array of two items, the first not an article.
        "\u{feff}[{\"@type\":\"BreadcrumbList\"},{\"@type\":\"Article\",\"headline\":\"Odd shapes\",\"author\":\"Ann Lee\"}]",
    ] {
        let a = extract(&page(&ld(json), "<h1>Odd shapes</h1><p>Body.</p>"));
        assert_eq!(a.title.as_deref(), Some("Odd shapes"), "{json}");
        assert_eq!(a.authors, ["Ann Lee"], "{json}");
    }
}

#[test]
fn json_ld_with_wrong_value_types_is_ignored_field_by_field() {
    let a = extract(&page(
        &ld(
            r#"{"@type":"Article","headline":{"x":1},"author":true,"datePublished":{"y":2020},"image":[[]],"keywords":7}"#,
        ),
        "<h1>Plain heading</h1><p>Body.</p>",
    ));
    assert_eq!(a.title.as_deref(), Some("Plain heading"));
    assert!(a.authors.is_empty(), "{:?}", a.authors);
    assert_eq!(a.published, None);
}
