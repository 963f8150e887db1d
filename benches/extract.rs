//! Criterion benchmarks: parse, metadata, clean+score, whole `extract`, and the CLI's throughput,
//! over the committed fixtures and synthetic pages of several sizes and shapes.
//!
//! Run with `cargo bench`; one group with e.g. `cargo bench -- parse/`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use nutgraf::{Extractor, Focus, Limits, stages};
use std::hint::black_box;
use std::path::Path;
use std::process::Command;

/// A news-like article page: header, navigation, `paras` paragraphs with links, a sidebar,
/// a comment section and a footer.
fn article(paras: usize) -> String {
    let mut s = String::from(
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>A long report - The Daily</title>\
         <meta property=\"og:title\" content=\"A long report\"><meta name=author content=\"Jane Doe\">\
         <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"A long report\",\
         \"datePublished\":\"2024-03-01T10:00:00Z\"}</script><style>.x{color:red}</style></head><body>\
         <header class=site-header><nav class=menu><ul>",
    );
    for i in 0..30 {
        s += &format!("<li class=menu-item><a href=\"/section/{i}\">Section {i}</a></li>");
    }
    s += "</ul></nav></header><main><article class=\"post hentry\"><h1 class=entry-title>A long report</h1>\
          <p class=byline>By <span class=author>Jane Doe</span> <time datetime=2024-03-01>March 1, 2024</time></p>\
          <div class=entry-content>";
    for i in 0..paras {
        if i % 12 == 11 {
            s += &format!("<h2>Part {i}</h2>");
        }
        if i % 17 == 16 {
            s += "<figure><img src=\"/img/a.jpg\" alt=\"A picture\"><figcaption>A caption</figcaption></figure>";
        }
        s += &format!(
            "<p>Paragraph {i} of the report says that the council met on <b>Tuesday</b> and agreed, \
             after a long debate about the <a href=\"/topic/{i}\">budget</a>, to fund the new library, \
             the bridge repairs and a study of the river's flooding; critics called it <i>too little, \
             too late</i>, while supporters said it was the best the town could afford this year.</p>"
        );
    }
    s += "</div></article><aside class=sidebar><h3>Most read</h3><ul>";
    for i in 0..20 {
        s += &format!("<li><a href=\"/story/{i}\">Another story number {i}</a></li>");
    }
    s += "</ul></aside><section id=comments class=comments-area><h2>Comments</h2><ol class=comment-list>";
    for i in 0..(paras / 10).max(3) {
        s += &format!(
            "<li class=comment><div class=comment-author>reader{i}</div><div class=comment-content>\
             <p>I think comment {i} has a point about the budget.</p></div></li>"
        );
    }
    s += "</ol></section></main><footer class=site-footer><p>Copyright The Daily. All rights reserved.</p>\
          <a href=/privacy>Privacy</a> <a href=/terms>Terms</a></footer></body></html>";
    s
}

/// A data-heavy page: one large table of `rows` rows (many small nodes, little prose).
fn table(rows: usize) -> String {
    let mut s = String::from(
        "<html><head><title>Figures</title></head><body><h1>Figures</h1><p>The table below lists every figure we have.</p><table><thead><tr><th>id</th><th>name</th><th>value</th><th>note</th></tr></thead><tbody>",
    );
    for i in 0..rows {
        s += &format!(
            "<tr><td>{i}</td><td><a href=\"/item/{i}\">item {i}</a></td><td>{}</td><td>ok</td></tr>",
            i * 7
        );
    }
    s += "</tbody></table></body></html>";
    s
}

/// Deeply nested markup (`depth` levels of `<div>`), with text at the bottom.
fn nested(depth: usize) -> String {
    "<div>".repeat(depth)
        + "<p>deep text at the bottom of the nesting.</p>"
        + &"</div>".repeat(depth)
}

/// Every page of the benchmark: (name, bytes).
fn pages() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    names.sort();
    for p in names {
        if p.extension().is_some_and(|e| e == "html")
            && let (Some(stem), Ok(bytes)) = (p.file_stem(), std::fs::read(&p))
        {
            out.push((stem.to_string_lossy().into_owned(), bytes));
        }
    }
    out.push(("synthetic-article-20k".into(), article(40).into_bytes()));
    out.push(("synthetic-article-250k".into(), article(500).into_bytes()));
    out.push(("synthetic-article-2m".into(), article(4000).into_bytes()));
    out.push(("synthetic-table-5k-rows".into(), table(5000).into_bytes()));
    out.push(("synthetic-nested-400".into(), nested(400).into_bytes()));
    out
}

fn stages_bench(c: &mut Criterion) {
    let pages = pages();
    let limits = Limits::default();
    let extractor = Extractor::default();
    let texts: Vec<(String, String, usize)> = pages
        .iter()
        .map(|(n, b)| {
            let d = nutgraf::decode::decode(b, None);
            (n.clone(), d.text, b.len())
        })
        .collect();

    let mut g = c.benchmark_group("parse");
    for (name, text, len) in &texts {
        g.throughput(Throughput::Bytes(*len as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| {
            b.iter(|| black_box(stages::parse(black_box(t), &limits)).len())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("metadata");
    for (name, text, len) in &texts {
        let parsed = stages::parse(text, &limits);
        g.throughput(Throughput::Bytes(*len as u64));
        g.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| stages::metadata(black_box(&parsed)))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("clean+score");
    for (name, text, len) in &texts {
        let parsed = stages::parse(text, &limits);
        g.throughput(Throughput::Bytes(*len as u64));
        g.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| stages::clean_and_score(black_box(&parsed), Focus::Balanced))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("extract");
    for (name, bytes) in &pages {
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), bytes, |b, bytes| {
            b.iter(|| extractor.extract(black_box(bytes)).map(|a| a.text.len()))
        });
    }
    g.finish();
}

/// The CLI as users run it on one core: every page written to a directory, `nutgraf -j 1`.
fn cli_bench(c: &mut Criterion) {
    let pages = pages();
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let mut total = 0u64;
    for (name, bytes) in &pages {
        if std::fs::write(dir.path().join(format!("{name}.html")), bytes).is_ok() {
            total += bytes.len() as u64;
        }
    }
    let mut g = c.benchmark_group("cli");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(total));
    g.bench_function("all-pages-j1", |b| {
        b.iter(|| {
            Command::new(env!("CARGO_BIN_EXE_nutgraf"))
                .args(["-j", "1", "-q", "--format", "json"])
                .arg(dir.path())
                .output()
                .map(|o| o.stdout.len())
        })
    });
    g.finish();
}

criterion_group!(benches, stages_bench, cli_bench);
criterion_main!(benches);
