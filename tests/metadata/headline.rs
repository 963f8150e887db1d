//! Headline specifications: the visible headline that the title sources agree on, nearest the
//! article's prose, and what is never a headline (a site logo, a cookie dialog).

use super::{extract, page};
use nutgraf::Source;

/// Three paragraphs of article prose.
const PROSE: &str = "<p>Forecasters said on Monday that heavy rain would fall across the region for \
    the rest of the week, with flooding likely in low-lying districts near the river.</p>\
    <p>Residents were told to move cars away from the embankment and to keep drains clear, while \
    the council opened two shelters for people whose homes are at risk of flooding.</p>\
    <p>The last comparable storm, four years ago, closed schools for three days and cut power to \
    thousands of homes on the eastern side of the city for most of a weekend.</p>";

#[test]
fn a_site_logo_h1_before_the_headline_is_not_the_title() {
    let a = extract(&page(
        "<title>Daily Planet: Rain expected all week</title>",
        &format!(
            r#"<div id="site-logo"><h1><a href="/"><img src="/logo.png" alt="">Daily Planet Online</a></h1></div>
            <div class="story"><h1>Rain expected all week</h1>{PROSE}</div>"#
        ),
    ));
    assert_eq!(a.title.as_deref(), Some("Rain expected all week"));
    assert_eq!(a.sources.title, Some(Source::Heading));
}

#[test]
fn the_headline_part_of_a_decorated_title_is_found_in_the_page_text() {
    let a = extract(&page(
        "<title>AFP: Rain expected all week across the region</title>",
        &format!(
            r#"<table><tr><td><font size="4"><b>Rain expected all week across the region</b></font>
            {PROSE}</td></tr></table>"#
        ),
    ));
    assert_eq!(
        a.title.as_deref(),
        Some("Rain expected all week across the region")
    );
}

#[test]
fn a_title_that_is_only_the_site_name_gives_way_to_the_named_headline() {
    let a = extract(&page(
        "<title>Riverside Evening Courier</title>",
        &format!(
            r#"<div class="nav"><a href="/">Home</a> <a href="/news">News</a></div>
            <p class="headline">Rain expected all week across the region</p>{PROSE}"#
        ),
    ));
    assert_eq!(
        a.title.as_deref(),
        Some("Rain expected all week across the region")
    );
}

#[test]
fn a_cookie_dialog_heading_is_never_the_headline() {
    let a = extract(&page(
        r#"<title>Daily Planet</title><meta property="og:site_name" content="Daily Planet">"#,
        &format!(
            r#"<div id="cookie-consent"><h2 class="title">We care about your privacy</h2>{PROSE}</div>"#
        ),
    ));
    assert_eq!(a.title.as_deref(), Some("Daily Planet"));
}

#[test]
fn a_metadata_title_that_a_heading_shows_stands() {
    let a = extract(&page(
        r#"<title>Rain expected all week | Daily Planet</title>
        <meta property="og:title" content="Rain expected all week">"#,
        &format!(r#"<h2 class="headline">Most read</h2><h1>Rain expected all week</h1>{PROSE}"#),
    ));
    assert_eq!(a.title.as_deref(), Some("Rain expected all week"));
    assert_eq!(a.sources.title, Some(Source::Meta));
}
