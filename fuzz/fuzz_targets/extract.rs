//! Fuzz target: extraction never panics, whatever the bytes, the options or the output format.
//!
//! Run: `cargo +nightly fuzz run extract` (from the repository root).

#![no_main]

use libfuzzer_sys::fuzz_target;
use nutgraf::{Extractor, Focus, Limits, Page};

const CHARSETS: [&str; 6] = [
    "utf-8",
    "windows-1252",
    "shift_jis",
    "utf-16le",
    "gb18030",
    "bogus",
];

fuzz_target!(|data: &[u8]| {
    // The first byte picks the options; the rest is the page.
    let (options, page) = match data.split_first() {
        Some((&b, rest)) => (b, rest),
        None => (0, data),
    };
    let focus = match options % 3 {
        0 => Focus::Balanced,
        1 => Focus::Precision,
        _ => Focus::Recall,
    };
    let extractor = Extractor::builder()
        .focus(focus)
        .comments(options & 4 != 0)
        .url("https://example.org/a/b.html")
        // Small caps so that the limit paths (truncation, the time limit) are exercised too.
        .limits(Limits {
            max_depth: 64,
            max_nodes: 20_000,
            max_attributes: 8,
            max_memory: 4 << 20,
            max_time: Some(std::time::Duration::from_secs(2)),
            ..Limits::default()
        })
        .build();
    // The per-page inputs of `extract_page`, as a crawler passes them.
    let page = Page {
        html: page,
        url: (options & 16 != 0).then_some("https://example.com/other/page"),
        charset: (options & 8 != 0).then(|| CHARSETS[usize::from(options >> 5) % CHARSETS.len()]),
        crawl_date: (options & 2 != 0).then_some("2020-06-01T12:00:00Z"),
    };
    if let Ok(article) = extractor.extract_page(&page) {
        let _ = article.markdown();
        let _ = article.html();
        let _ = serde_json::to_string(&article);
    }
});
