//! Date specifications: the article's own date, not one from a comment, a teaser, a sidebar
//! or a copyright line.

use super::{extract, page};
use nutgraf::Source;

#[test]
fn a_date_inside_a_comment_is_not_the_publication_date() {
    let a = extract(&page(
        "",
        r#"<div class="recent-comments"><p>Bo said: nice!</p>
        <time datetime="2021-03-04">March 4, 2021</time></div>
        <h1>Rain all week</h1><p>Text of the article, long enough to read as one.</p>
        <p>Posted <time datetime="2020-01-02">January 2, 2020</time></p>"#,
    ));
    assert_eq!(a.published.as_deref(), Some("2020-01-02"));
    assert_eq!(a.sources.published, Some(Source::Time));
}

#[test]
fn a_related_teaser_date_is_not_the_publication_date() {
    let a = extract(&page(
        "",
        r#"<h1>Rain all week</h1>
        <div class="related-posts"><a href="/x">Older storm</a><span class="date">May 1, 2019</span></div>
        <p class="byline">June 3, 2020</p><p>Text of the article.</p>"#,
    ));
    assert_eq!(a.published.as_deref(), Some("2020-06-03"));
}

#[test]
fn a_copyright_line_is_not_the_publication_date() {
    let a = extract(&page(
        "",
        r#"<h1>Rain all week</h1><p>Text of the article.</p>
        <div class="footer-date">Copyright March 3, 2019 Example Inc. All rights reserved.</div>"#,
    ));
    assert_eq!(a.published, None);
}

#[test]
fn the_modification_date_stands_in_and_says_so() {
    let a = extract(&page(
        r#"<meta property="article:modified_time" content="2022-02-02">"#,
        "<p>Text.</p>",
    ));
    assert_eq!(a.published.as_deref(), Some("2022-02-02"));
    assert_eq!(a.sources.published, Some(Source::Modified));
    assert_eq!(a.sources.modified, Some(Source::Meta));
}
