//! The `nutgraf` command, specified by running it: every input kind, format and exit status.

mod common;
use common::nutgraf;

use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::Output;

const ARTICLE: &str = r#"<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Walking the Ridge</title>
<meta property="og:site_name" content="Hill Notes">
<meta name="description" content="A long walk on a windy ridge.">
</head><body>
<nav><a href="/">Home</a> <a href="/about">About</a></nav>
<article><h1>Walking the Ridge</h1>
<p>We set off before dawn, when the ridge was still a grey line against a greyer sky, and the wind already had teeth.</p>
<p>By noon the cloud had lifted, and the whole valley lay open below us, its fields stitched together by dry-stone walls.</p>
</article>
<footer>Copyright Hill Notes</footer></body></html>"#;

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 output")
}

fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a JSON object"))
        .collect()
}

fn write_gz(path: &Path, bytes: &[u8]) {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).expect("gzip");
    std::fs::write(path, enc.finish().expect("gzip")).expect("write");
}

fn page(n: usize) -> String {
    ARTICLE.replace("Walking the Ridge", &format!("Walk number {n}"))
}

#[test]
fn an_html_file_prints_its_article_text() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("walk.html");
    std::fs::write(&p, ARTICLE).unwrap();
    let o = nutgraf(&[p.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("We set off before dawn"));
    assert!(out.contains("\n\nBy noon the cloud had lifted"));
    assert!(!out.contains("==>"), "a single document gets no header");
}

#[test]
fn a_gzipped_file_is_decompressed() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("walk.html.gz");
    write_gz(&p, ARTICLE.as_bytes());
    let o = nutgraf(&["--format", "json", p.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(0));
    let recs = json_lines(&o);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["title"], "Walking the Ridge");
}

#[test]
fn standard_input_is_read_when_no_input_is_named_or_dash_is() {
    for args in [&["--format", "json"][..], &["--format", "json", "-"][..]] {
        let o = nutgraf(args, Some(ARTICLE.as_bytes()));
        assert_eq!(o.status.code(), Some(0));
        let recs = json_lines(&o);
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0]["source"], "-");
        assert!(recs[0]["text"].as_str().unwrap().contains("We set off"));
    }
}

#[test]
fn gzipped_standard_input_is_decompressed() {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(ARTICLE.as_bytes()).unwrap();
    let o = nutgraf(&[], Some(&enc.finish().unwrap()));
    assert!(stdout(&o).contains("We set off before dawn"));
}

#[test]
fn a_directory_is_walked_recursively_for_html_files_in_name_order() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("b-sub");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(dir.path().join("a.html"), page(1)).unwrap();
    std::fs::write(dir.path().join("c.htm"), page(4)).unwrap();
    write_gz(&sub.join("x.html.gz"), page(2).as_bytes());
    write_gz(&sub.join("y.htm.gz"), page(3).as_bytes());
    std::fs::write(dir.path().join("notes.txt"), "not a page").unwrap();
    std::fs::write(dir.path().join("image.png"), [0u8, 1, 2]).unwrap();
    let o = nutgraf(&["--format", "json", dir.path().to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(0));
    let titles: Vec<String> = json_lines(&o)
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        titles,
        [
            "Walk number 1",
            "Walk number 2",
            "Walk number 3",
            "Walk number 4"
        ]
    );
}

#[test]
fn output_follows_input_order_whatever_the_number_of_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec![
        "--format".to_string(),
        "json".into(),
        "-j".into(),
        "3".into(),
    ];
    for n in 0..40 {
        let p = dir.path().join(format!("p{n}.html"));
        // Vary the sizes so that the workers finish out of order.
        let pad = "<p>Filler paragraph with a few words in it, to make this page longer.</p>"
            .repeat((n * 7) % 40);
        std::fs::write(
            &p,
            page(n).replace("</article>", &format!("{pad}</article>")),
        )
        .unwrap();
        args.push(p.to_str().unwrap().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = nutgraf(&args, None);
    assert_eq!(o.status.code(), Some(0));
    let recs = json_lines(&o);
    assert_eq!(recs.len(), 40);
    for (n, r) in recs.iter().enumerate() {
        assert_eq!(r["title"], format!("Walk number {n}"));
        assert!(
            r["source"]
                .as_str()
                .unwrap()
                .ends_with(&format!("p{n}.html"))
        );
    }
}

#[test]
fn json_records_carry_every_article_field_and_no_body_blocks() {
    let o = nutgraf(
        &[
            "--format",
            "json",
            "--url",
            "https://hillnotes.example/ridge",
        ],
        Some(ARTICLE.as_bytes()),
    );
    let recs = json_lines(&o);
    let r = recs[0].as_object().unwrap();
    for key in [
        "source",
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
        "page_type",
        "encoding",
        "text",
    ] {
        assert!(r.contains_key(key), "missing {key}");
    }
    for key in ["body", "error", "comments"] {
        assert!(!r.contains_key(key), "unexpected {key}");
    }
    assert_eq!(r["url"], "https://hillnotes.example/ridge");
    assert_eq!(r["encoding"], "UTF-8");
    assert!(r["authors"].is_array() && r["tags"].is_array());
}

#[test]
fn comments_option_adds_the_comments_list_to_json() {
    let o = nutgraf(
        &["--format", "json", "--comments"],
        Some(ARTICLE.as_bytes()),
    );
    let recs = json_lines(&o);
    assert!(recs[0]["comments"].is_array());
}

#[test]
fn markdown_format_prints_the_library_markdown_rendering() {
    let html = ARTICLE.replace(
        "</article>",
        "<h2>The descent</h2><p>Going down took longer than going up, as it always does on loose stone.</p></article>",
    );
    let o = nutgraf(&["--format", "markdown"], Some(html.as_bytes()));
    assert_eq!(o.status.code(), Some(0));
    let expected = nutgraf::extract(html.as_bytes()).unwrap().markdown();
    assert!(stdout(&o).contains("The descent"));
    assert_eq!(stdout(&o).trim_end(), expected.trim_end());
}

#[test]
fn html_format_prints_the_library_html_rendering() {
    let o = nutgraf(&["--format", "html"], Some(ARTICLE.as_bytes()));
    assert_eq!(o.status.code(), Some(0));
    let expected = nutgraf::extract(ARTICLE.as_bytes()).unwrap().html();
    assert!(stdout(&o).contains("We set off before dawn"));
    assert_eq!(stdout(&o).trim_end(), expected.trim_end());
}

#[test]
fn json_fields_are_the_library_article_fields() {
    let o = nutgraf(
        &["--format", "json", "--comments"],
        Some(ARTICLE.as_bytes()),
    );
    let rec = &json_lines(&o)[0];
    let article = nutgraf::Extractor::builder()
        .comments(true)
        .build()
        .extract(ARTICLE.as_bytes())
        .unwrap();
    let mut expected = serde_json::to_value(&article).unwrap();
    let expected = expected.as_object_mut().unwrap();
    expected.remove("body");
    // `truncated` is in a record only when it is true.
    assert_eq!(expected.remove("truncated"), Some(false.into()));
    expected.insert("source".into(), "-".into());
    assert_eq!(rec.as_object().unwrap(), expected);
}

#[test]
fn several_documents_in_text_format_get_a_header_each() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.html");
    let b = dir.path().join("b.html");
    std::fs::write(&a, page(1)).unwrap();
    std::fs::write(&b, page(2)).unwrap();
    let o = nutgraf(&[a.to_str().unwrap(), b.to_str().unwrap()], None);
    let out = stdout(&o);
    let ha = out
        .find(&format!("==> {} <==", a.display()))
        .expect("header a");
    let hb = out
        .find(&format!("==> {} <==", b.display()))
        .expect("header b");
    assert!(ha < hb);
}

#[test]
fn charset_option_decodes_undeclared_bytes() {
    // "café" in windows-1252, in a page that declares no charset.
    let mut bytes = b"<title>x</title><p>Un caf".to_vec();
    bytes.push(0xE9);
    bytes.extend_from_slice(b" au coin de la rue, avec des amis, tous les matins.</p>");
    let o = nutgraf(
        &["--format", "json", "--charset", "windows-1252"],
        Some(&bytes),
    );
    let recs = json_lines(&o);
    assert!(recs[0]["text"].as_str().unwrap().contains("café"));
    assert_eq!(recs[0]["encoding"], "windows-1252");
}

#[test]
fn focus_option_is_accepted() {
    for f in ["balanced", "precision", "recall"] {
        let o = nutgraf(&["--focus", f], Some(ARTICLE.as_bytes()));
        assert_eq!(o.status.code(), Some(0), "{f}");
        assert!(stdout(&o).contains("We set off"));
    }
}

#[test]
fn an_unreadable_input_gives_an_error_record_the_others_still_come_out_and_exit_is_1() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.html");
    std::fs::write(&good, ARTICLE).unwrap();
    let missing = dir.path().join("missing.html");
    let o = nutgraf(
        &[
            "--format",
            "json",
            missing.to_str().unwrap(),
            good.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let recs = json_lines(&o);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["source"], missing.to_str().unwrap());
    assert!(recs[0]["error"].is_string());
    assert!(
        recs[0].get("text").is_none(),
        "no content for a failed document"
    );
    assert_eq!(recs[1]["title"], "Walking the Ridge");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("missing.html"),
        "stderr names the input: {err}"
    );
}

#[test]
fn a_corrupt_gzip_file_in_a_directory_is_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.html.gz"), [0x1f, 0x8b, 8, 0, 1, 2, 3]).unwrap();
    std::fs::write(dir.path().join("b.html"), ARTICLE).unwrap();
    let o = nutgraf(&["--format", "json", dir.path().to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    let recs = json_lines(&o);
    assert_eq!(recs.len(), 2);
    assert!(recs[0]["error"].is_string());
    assert_eq!(recs[1]["title"], "Walking the Ridge");
}

#[test]
fn a_page_without_main_content_is_an_ordinary_record() {
    let o = nutgraf(&["--format", "json"], Some(b"<html><body></body></html>"));
    assert_eq!(o.status.code(), Some(0));
    let recs = json_lines(&o);
    assert_eq!(recs[0]["text"], "");
    assert!(recs[0].get("error").is_none());
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        &["--format", "pdf"][..],
        &["--focus", "maybe"][..],
        &["--no-such-option"][..],
    ] {
        let o = nutgraf(args, Some(b""));
        assert_eq!(o.status.code(), Some(2), "{args:?}");
    }
}

fn three_pages(dir: &Path) -> Vec<String> {
    (1..=3)
        .map(|n| {
            let p = dir.join(format!("p{n}.html"));
            std::fs::write(&p, page(n)).unwrap();
            p.to_str().unwrap().to_string()
        })
        .collect()
}

fn titles(o: &Output) -> Vec<String> {
    json_lines(o)
        .iter()
        .map(|r| r["title"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn input_list_names_inputs_one_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let paths = three_pages(dir.path());
    let list = dir.path().join("list.txt");
    std::fs::write(
        &list,
        format!("{}\n\n{}\r\n{}\n", paths[2], paths[0], paths[1]),
    )
    .unwrap();
    let o = nutgraf(
        &["--format", "json", "--input-list", list.to_str().unwrap()],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        titles(&o),
        ["Walk number 3", "Walk number 1", "Walk number 2"]
    );
}

#[test]
fn input_list_can_come_from_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let paths = three_pages(dir.path());
    let o = nutgraf(
        &["--format", "json", "--input-list", "-"],
        Some(paths.join("\n").as_bytes()),
    );
    assert_eq!(titles(&o).len(), 3);
}

#[test]
fn a_missing_path_in_the_input_list_is_reported_and_exit_is_1() {
    let dir = tempfile::tempdir().unwrap();
    let paths = three_pages(dir.path());
    let list = format!("{}\n{}/gone.html\n", paths[0], dir.path().display());
    let o = nutgraf(
        &["--format", "json", "--input-list", "-"],
        Some(list.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(1));
    let recs = json_lines(&o);
    assert_eq!(recs.len(), 2);
    assert!(recs[1]["error"].is_string());
}

#[test]
fn output_option_writes_to_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    let o = nutgraf(
        &["--format", "json", "-o", out.to_str().unwrap()],
        Some(ARTICLE.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    let written = std::fs::read_to_string(&out).unwrap();
    let rec: Value = serde_json::from_str(written.trim()).unwrap();
    assert_eq!(rec["title"], "Walking the Ridge");
}

#[test]
fn unordered_output_still_has_every_document_once() {
    let dir = tempfile::tempdir().unwrap();
    for n in 0..20 {
        std::fs::write(dir.path().join(format!("p{n:02}.html")), page(n)).unwrap();
    }
    let o = nutgraf(
        &[
            "--format",
            "json",
            "--unordered",
            "-j",
            "3",
            dir.path().to_str().unwrap(),
        ],
        None,
    );
    let mut got = titles(&o);
    got.sort();
    let mut want: Vec<String> = (0..20).map(|n| format!("Walk number {n}")).collect();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn a_summary_line_ends_the_run_on_stderr_unless_quiet() {
    let dir = tempfile::tempdir().unwrap();
    three_pages(dir.path());
    std::fs::write(dir.path().join("p4.html"), "<html><body></body></html>").unwrap();
    let o = nutgraf(&["--format", "json", dir.path().to_str().unwrap()], None);
    let err = String::from_utf8_lossy(&o.stderr);
    let last = err.lines().last().unwrap_or("");
    assert!(
        last.contains("4 documents read, 3 extracted, 1 empty, 0 failed, 0 skipped"),
        "{err}"
    );
    for unit in ["pages/s", "MB/s", " s,"] {
        assert!(last.contains(unit), "{last}");
    }
    let q = nutgraf(
        &["-q", "--format", "json", dir.path().to_str().unwrap()],
        None,
    );
    assert!(q.stderr.is_empty());
    assert_eq!(json_lines(&q).len(), 4);
}

/// Writes a document named `name` with `write` (over 2K once read), then runs it and a good
/// page with `--max-bytes 2K`: the first is an error record that names the option, the second
/// is extracted, and the exit status says a document failed.
fn over_max_bytes_then_a_page(name: &str, write: impl FnOnce(&Path)) {
    let dir = tempfile::tempdir().unwrap();
    let paths = three_pages(dir.path());
    let big = dir.path().join(name);
    write(&big);
    let o = nutgraf(
        &[
            "--format",
            "json",
            "--max-bytes",
            "2K",
            big.to_str().unwrap(),
            &paths[0],
        ],
        None,
    );
    assert_eq!(
        o.status.code(),
        Some(3),
        "every input was read, a document failed"
    );
    let recs = json_lines(&o);
    assert_eq!(recs[0]["source"], big.to_str().unwrap());
    assert!(recs[0]["error"].as_str().unwrap().contains("--max-bytes"));
    assert_eq!(recs[1]["title"], "Walk number 1");
    assert!(String::from_utf8_lossy(&o.stderr).contains("1 failed"));
}

#[test]
fn a_document_over_max_bytes_is_an_error_record_but_the_batch_goes_on() {
    over_max_bytes_then_a_page("big.html", |big| {
        std::fs::write(big, ARTICLE.repeat(20)).unwrap()
    });
}

#[test]
fn a_gzipped_page_that_inflates_past_max_bytes_is_an_error_record_but_the_batch_goes_on() {
    // Small on disk, over the limit once inflated: refused as a plain page of that size is.
    over_max_bytes_then_a_page("big.html.gz", |big| {
        write_gz(big, ARTICLE.repeat(20).as_bytes());
        assert!(std::fs::metadata(big).unwrap().len() < 2048);
    });
}

#[test]
fn a_document_over_the_time_limit_becomes_an_error_record_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let paths = three_pages(dir.path());
    // A page that takes far longer than a millisecond to extract.
    let slow = dir.path().join("slow.html");
    let body = "<div><p>Many words in one paragraph, again and again, with commas.</p></div>"
        .repeat(20_000);
    std::fs::write(
        &slow,
        format!("<html><body><article>{body}</article></body></html>"),
    )
    .unwrap();
    let o = nutgraf(
        &[
            "--format",
            "json",
            "--timeout",
            "1ms",
            "-j",
            "1",
            slow.to_str().unwrap(),
        ],
        None,
    );
    let recs = json_lines(&o);
    assert_eq!(recs.len(), 1);
    assert!(
        recs[0]["error"].as_str().unwrap().contains("--timeout"),
        "{:?}",
        recs[0]
    );
    // With the default limit, the same batch (plus a small page) comes out whole.
    let o = nutgraf(
        &["--format", "json", slow.to_str().unwrap(), &paths[0]],
        None,
    );
    let recs = json_lines(&o);
    assert!(recs[0].get("error").is_none());
    assert_eq!(recs[1]["title"], "Walk number 1");
}

#[test]
fn limits_options_are_accepted_and_bad_values_are_usage_errors() {
    let o = nutgraf(
        &["--max-depth", "64", "--max-bytes", "1M", "--timeout", "30s"],
        Some(ARTICLE.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(0));
    for bad in [
        &["--max-bytes", "huge"][..],
        &["--timeout", "soon"][..],
        &["--max-depth", "-1"][..],
    ] {
        assert_eq!(nutgraf(bad, Some(b"")).status.code(), Some(2), "{bad:?}");
    }
}

#[test]
fn a_batch_of_runaway_documents_still_comes_out_whole_and_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let body = "<div><p>Many words in one paragraph, again and again, with commas.</p></div>"
        .repeat(20_000);
    let mut args: Vec<String> = ["--format", "json", "--timeout", "1ms", "-j", "1"]
        .map(String::from)
        .to_vec();
    for n in 0..4 {
        let p = dir.path().join(format!("slow{n}.html"));
        std::fs::write(
            &p,
            format!("<html><body><article>{body}</article></body></html>"),
        )
        .unwrap();
        args.push(p.to_str().unwrap().to_string());
    }
    let small = dir.path().join("small.html");
    std::fs::write(&small, page(1)).unwrap();
    args.push(small.to_str().unwrap().to_string());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = nutgraf(&args, None);
    let recs = json_lines(&o);
    assert_eq!(recs.len(), 5);
    for (n, r) in recs.iter().take(4).enumerate() {
        assert!(
            r["source"]
                .as_str()
                .unwrap()
                .ends_with(&format!("slow{n}.html"))
        );
        assert!(r["error"].as_str().unwrap().contains("--timeout"));
    }
    assert!(recs[4]["source"].as_str().unwrap().ends_with("small.html"));
}

#[test]
fn crawl_date_rules_out_later_publication_dates() {
    let dated = ARTICLE.replace(
        "<title>",
        r#"<meta property="article:published_time" content="2024-03-05T10:00:00Z"><title>"#,
    );
    let published = |extra: &[&str]| {
        let mut args = vec!["--format", "json"];
        args.extend_from_slice(extra);
        let o = nutgraf(&args, Some(dated.as_bytes()));
        assert_eq!(o.status.code(), Some(0));
        json_lines(&o)[0]["published"].clone()
    };
    assert_eq!(published(&[]), Value::from("2024-03-05T10:00:00+00:00"));
    assert_eq!(
        published(&["--crawl-date", "2024-06-01"]),
        Value::from("2024-03-05T10:00:00+00:00")
    );
    assert_eq!(published(&["--crawl-date", "2023-01-01"]), Value::Null);
}
