//! Author specifications: people before organisations, roles and the site's name.

use super::{extract, ld, page};
use nutgraf::Source;

#[test]
fn an_organisation_beside_a_person_is_not_an_author() {
    let a = extract(&page(
        &ld(r#"{"@type":"NewsArticle","author":[
            {"@type":"Organization","name":"Daily Planet Wire"},
            {"@type":"Person","name":"Ann Lee"}]}"#),
        "<p>Text.</p>",
    ));
    assert_eq!(a.authors, ["Ann Lee"]);
    assert_eq!(a.sources.authors, Some(Source::JsonLd));
}

#[test]
fn a_role_beside_a_name_goes() {
    let a = extract(&page(
        r#"<meta name="author" content="Ann Lee, Staff Writer">"#,
        "<p>Text.</p>",
    ));
    assert_eq!(a.authors, ["Ann Lee"]);
}

#[test]
fn the_site_name_as_author_gives_way_to_a_visible_byline() {
    let a = extract(&page(
        r#"<meta name="author" content="Daily Planet">
        <meta property="og:site_name" content="Daily Planet">"#,
        r#"<article><h1>Rain all week</h1><p class="byline">By Ann Lee and Bo Chan</p>
        <p>Text of the article.</p></article>"#,
    ));
    assert_eq!(a.authors, ["Ann Lee", "Bo Chan"]);
    assert_eq!(a.sources.authors, Some(Source::Visible));
}

#[test]
fn the_site_name_alone_is_still_the_author() {
    let a = extract(&page(
        r#"<meta name="author" content="Daily Planet">
        <meta property="og:site_name" content="Daily Planet">"#,
        "<p>Text.</p>",
    ));
    assert_eq!(a.authors, ["Daily Planet"]);
}
