//! The library's limits and per-page inputs, specified: caps applied while the tree is built
//! (a truncated result), the time limit (an error), and one shared extractor for every page.
//!
//! The very large page runs only in an optimised build (`cargo test --profile quick --test
//! limits`); a debug build skips it.

use nutgraf::{Error, Extractor, Limits, Page};
use std::time::{Duration, Instant};

const PROSE: &str = "We walked along the ridge in the wind, and talked of the valley below us.";

/// An article of `n` distinct paragraphs (repeated ones would be taken for boilerplate).
fn paragraphs(n: usize) -> String {
    let body: String = (0..n).map(|i| format!("<p>Day {i}. {PROSE}</p>")).collect();
    format!("<html><body><article>{body}</article></body></html>")
}

fn with_limits(limits: Limits) -> Extractor {
    Extractor::builder().limits(limits).build()
}

#[test]
fn a_page_within_the_caps_is_whole_and_not_truncated() {
    let article = nutgraf::extract(paragraphs(50).as_bytes()).unwrap();
    assert!(!article.truncated);
    assert_eq!(article.text.matches("ridge").count(), 50);
}

#[test]
fn a_page_past_the_node_cap_is_read_up_to_it_and_said_to_be_truncated() {
    let e = with_limits(Limits {
        max_nodes: 500,
        ..Limits::default()
    });
    let article = e.extract(paragraphs(5_000).as_bytes()).unwrap();
    assert!(article.truncated);
    let kept = article.text.matches("ridge").count();
    assert!(kept > 10 && kept < 500, "{kept} paragraphs kept");
}

#[test]
fn a_page_past_the_memory_budget_is_read_up_to_it_and_said_to_be_truncated() {
    let e = with_limits(Limits {
        max_memory: 1 << 20,
        ..Limits::default()
    });
    // Few nodes, much text: the budget, not the node cap, stops it.
    let page: String = (0..40)
        .map(|i| format!("<p>Day {i}. {}</p>", PROSE.repeat(2_000)))
        .collect();
    let article = e.extract(page.as_bytes()).unwrap();
    assert!(article.truncated);
    assert!(article.text.len() < page.len() / 2);
    assert!(article.text.contains(PROSE));
    assert!(!nutgraf::extract(page.as_bytes()).unwrap().truncated);
}

#[test]
fn attributes_past_the_cap_are_dropped_and_the_page_is_still_read() {
    let attrs: String = (0..600).map(|i| format!(" data-a{i}=v")).collect();
    let page = format!("<div{attrs}><p>{PROSE}</p></div>");
    let article = nutgraf::extract(page.as_bytes()).unwrap();
    assert!(article.text.contains(PROSE));
    assert_eq!(Limits::default().max_attributes, 256);
}

#[test]
fn an_extraction_past_its_time_limit_stops_with_a_timeout() {
    let e = with_limits(Limits {
        max_time: Some(Duration::from_millis(1)),
        ..Limits::default()
    });
    let page = paragraphs(100_000);
    let start = Instant::now();
    match e.extract(page.as_bytes()) {
        Err(err @ Error::Timeout { .. }) => assert!(err.to_string().contains("max_time")),
        other => panic!("expected a timeout, got {:?}", other.map(|a| a.text.len())),
    }
    assert!(start.elapsed() < Duration::from_secs(5), "it stopped early");
    let unbounded = with_limits(Limits {
        max_time: None,
        ..Limits::default()
    });
    assert!(unbounded.extract(paragraphs(10).as_bytes()).is_ok());
}

#[test]
fn one_shared_extractor_takes_url_charset_and_crawl_date_per_page() {
    let e = Extractor::builder()
        .url("https://fallback.example/")
        .build();
    let latin1 = b"<head><meta property=\"article:published_time\" content=\"2021-06-01\"></head>\
        <p>Un caf\xe9 cr\xe8me, s'il vous pla\xeet, et encore quelques mots de prose ici.</p>";
    std::thread::scope(|s| {
        let a = s.spawn(|| {
            e.extract_page(&Page {
                html: latin1,
                url: Some("https://a.example/post"),
                charset: Some("latin1"),
                crawl_date: Some("2021-05-01"),
            })
        });
        let b = s.spawn(|| {
            e.extract_page(&Page {
                html: latin1,
                charset: Some("windows-1252"),
                crawl_date: Some("2022-01-01T00:00:00Z"),
                ..Page::default()
            })
        });
        let (a, b) = (a.join().unwrap().unwrap(), b.join().unwrap().unwrap());
        assert_eq!(a.url.as_deref(), Some("https://a.example/post"));
        assert_eq!(a.published, None, "published after its crawl date");
        assert!(a.text.contains("café crème"));
        assert_eq!(b.url.as_deref(), Some("https://fallback.example/"));
        assert_eq!(b.published.as_deref(), Some("2021-06-01"));
    });
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "an optimised build measures this: cargo test --profile quick --test limits"
)]
fn twenty_one_million_paragraphs_give_a_truncated_result_within_ten_seconds() {
    let page = "<p>".repeat(21_000_000);
    let start = Instant::now();
    let article = nutgraf::extract(page.as_bytes()).unwrap();
    let secs = start.elapsed().as_secs_f64();
    eprintln!("21 million <p>: {secs:.2} s");
    assert!(article.truncated);
    assert!(secs < 10.0, "{secs} s");
}
