//! The command line's rich-body options: `--include markdown,html,blocks` in JSON records, `--links`.

mod common;

use serde_json::Value;

const PAGE: &str = r#"<!doctype html><html><head><title>Setup notes</title></head><body>
<article><h1>Setup notes</h1>
<p>First install the tool with <a href="/install">the installer</a>, then check that it runs as expected on your machine.</p>
<pre><code class="language-sh">tool --version</code></pre>
<ul><li>one<ul><li>nested</li></ul></li><li>two</li></ul>
<p>That is all there is to it, really; the rest of the setup happens on its own, in the background.</p>
</article></body></html>"#;

fn run(args: &[&str]) -> String {
    let o = common::nutgraf(args, Some(PAGE.as_bytes()));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("utf-8 output")
}

fn library() -> nutgraf::Article {
    nutgraf::Extractor::builder()
        .url("https://example.org/notes")
        .build()
        .extract(PAGE.as_bytes())
        .unwrap()
}

#[test]
fn json_records_carry_markdown_and_html_when_included() {
    let out = run(&[
        "--format",
        "json",
        "--url",
        "https://example.org/notes",
        "--include",
        "markdown,html",
    ]);
    let r: Value = serde_json::from_str(out.trim()).unwrap();
    let a = library();
    assert_eq!(r["markdown"], a.markdown());
    assert_eq!(r["html"], a.html());
    assert!(a.markdown().contains("```sh\ntool --version\n```"));
    assert!(
        a.markdown()
            .contains("[the installer](https://example.org/install)")
    );
}

#[test]
fn json_records_leave_out_renderings_not_asked_for() {
    let out = run(&["--format", "json", "--include", "html"]);
    let r: Value = serde_json::from_str(out.trim()).unwrap();
    assert!(r.get("markdown").is_none());
    assert!(r["html"].as_str().unwrap().contains("<pre><code"));
    let out = run(&["--format", "json"]);
    let r: Value = serde_json::from_str(out.trim()).unwrap();
    assert!(r.get("markdown").is_none() && r.get("html").is_none());
}

#[test]
fn markdown_drops_links_to_their_text_with_links_false() {
    let out = run(&["--format", "markdown", "--links", "false"]);
    assert!(out.contains("with the installer, then"), "{out}");
    let out = run(&["--format", "markdown"]);
    assert!(out.contains("[the installer](/install)"), "{out}");
}

#[test]
fn json_records_carry_every_block_with_its_score_when_included() {
    let out = run(&["--format", "json", "--include", "blocks"]);
    let r: Value = serde_json::from_str(out.trim()).unwrap();
    let blocks = r["blocks"].as_array().expect("a blocks array");
    let first = blocks
        .iter()
        .find(|b| {
            b["text"]
                .as_str()
                .unwrap()
                .starts_with("First install the tool")
        })
        .expect("the first paragraph is a block");
    assert_eq!(first["kept"], true);
    for b in blocks {
        let s = b["score"].as_f64().expect("a score");
        assert!((0.0..=1.0).contains(&s), "{b}");
    }
    // The kept blocks are the body's text (but the headline, which is the title).
    let text = r["text"].as_str().unwrap();
    for b in blocks
        .iter()
        .filter(|b| b["kept"] == true && b["text"] != r["title"])
    {
        let words = b["text"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap();
        assert!(text.contains(words), "{b} not in {text}");
    }
    let out = run(&["--format", "json"]);
    let r: Value = serde_json::from_str(out.trim()).unwrap();
    assert!(r.get("blocks").is_none(), "blocks only when asked for");
}

#[test]
fn the_library_returns_scored_blocks_only_when_asked() {
    assert!(library().blocks.is_empty());
    let a = nutgraf::Extractor::builder()
        .block_scores(true)
        .build()
        .extract(PAGE.as_bytes())
        .unwrap();
    assert!(
        a.blocks
            .iter()
            .any(|b| b.kept && b.text.contains("That is all"))
    );
    assert!(a.blocks.iter().all(|b| b.score.is_some()));
}
