//! WARC input, specified on files written by warcio (see tests/data/warc/make_warcs.py):
//! one record per HTML response, each with its URL, crawl date and provenance; everything else
//! skipped and counted; truncated files reported after the records before the damage.

mod common;

use serde_json::Value;
use std::path::PathBuf;
use std::process::Output;

fn data(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/warc")
        .join(name)
        .display()
        .to_string()
}

fn nutgraf(args: &[&str], stdin: &[u8]) -> Output {
    common::nutgraf(args, Some(stdin))
}

fn records(o: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const PAGES: [(&str, &str); 4] = [
    ("https://news.example/one", "First story"),
    ("https://news.example/two", "Second story"),
    ("https://news.example/three", "Third story"),
    ("https://news.example/four", "Fourth story"),
];

#[test]
fn each_html_response_becomes_one_record_with_its_url_date_and_source_in_file_order() {
    for file in ["mixed.warc.gz", "mixed.warc"] {
        let path = data(file);
        let o = nutgraf(&["--format", "json", &path], b"");
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        let recs = records(&o);
        assert_eq!(recs.len(), PAGES.len(), "{file}");
        for (r, (url, title)) in recs.iter().zip(PAGES) {
            assert_eq!(r["url"], url, "{file}");
            assert_eq!(r["title"], title, "{file}");
            assert_eq!(r["warc_date"], "2024-03-01T12:00:00Z");
            let source = r["source"].as_str().unwrap();
            assert!(source.starts_with(&format!("{path}#urn:uuid:")), "{source}");
            assert!(r.get("error").is_none());
        }
    }
}

#[test]
fn the_http_header_charset_decodes_the_page() {
    let o = nutgraf(&["--format", "json", &data("mixed.warc.gz")], b"");
    let second = &records(&o)[1];
    assert_eq!(second["encoding"], "windows-1252");
    assert!(
        second["text"]
            .as_str()
            .unwrap()
            .contains("The café served crème brûlée all night.")
    );
}

#[test]
fn untyped_html_is_sniffed_and_chunked_gzip_bodies_are_decoded() {
    let o = nutgraf(&["--format", "json", &data("mixed.warc.gz")], b"");
    let recs = records(&o);
    assert!(
        recs[2]["text"]
            .as_str()
            .unwrap()
            .contains("Owls hunted quietly")
    );
    assert!(
        recs[3]["text"]
            .as_str()
            .unwrap()
            .contains("Glaciers carved the valley")
    );
}

#[test]
fn other_records_and_responses_are_skipped_and_counted_by_reason() {
    let o = nutgraf(&["--format", "json", &data("mixed.warc.gz")], b"");
    let recs = records(&o);
    let urls: Vec<&str> = recs.iter().filter_map(|r| r["url"].as_str()).collect();
    for skipped in ["logo.png", "/old", "/missing", "/busy"] {
        assert!(
            !urls.iter().any(|u| u.ends_with(skipped)),
            "{skipped} has a record"
        );
    }
    let err = stderr(&o);
    assert!(
        err.contains("4 documents read, 4 extracted, 0 empty, 0 failed, 8 skipped"),
        "{err}"
    );
    for reason in [
        "metadata 1",
        "non-html 1",
        "request 1",
        "revisit 1",
        "status 3xx 1",
        "status 4xx 1",
        "status 5xx 1",
        "warcinfo 1",
    ] {
        assert!(err.contains(reason), "summary lacks {reason}: {err}");
    }
}

#[test]
fn a_truncated_file_yields_the_records_before_the_damage_an_error_and_exit_status_1() {
    for file in ["truncated.warc.gz", "truncated.warc"] {
        let o = nutgraf(&["--format", "json", &data(file)], b"");
        assert_eq!(o.status.code(), Some(1), "{file}");
        let recs = records(&o);
        assert_eq!(recs.len(), 3, "{file}: two pages and the error");
        assert_eq!(recs[0]["title"], "First story");
        assert_eq!(recs[1]["title"], "Second story");
        assert!(
            recs[2]["error"].as_str().unwrap().contains("truncated"),
            "{file}"
        );
        assert!(stderr(&o).contains("truncated WARC record"), "{file}");
        assert!(stderr(&o).contains("1 failed"), "{file}");
    }
}

#[test]
fn a_warc_file_on_standard_input_is_recognised() {
    let bytes = std::fs::read(data("mixed.warc.gz")).unwrap();
    let o = nutgraf(&["--format", "json"], &bytes);
    assert_eq!(o.status.code(), Some(0));
    let recs = records(&o);
    assert_eq!(recs.len(), 4);
    assert!(
        recs[0]["source"]
            .as_str()
            .unwrap()
            .starts_with("-#urn:uuid:")
    );
}

#[test]
fn warc_files_in_a_directory_are_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(data("mixed.warc.gz"), dir.path().join("crawl.warc.gz")).unwrap();
    let o = nutgraf(&["--format", "json", dir.path().to_str().unwrap()], b"");
    assert_eq!(records(&o).len(), 4);
}

#[test]
fn a_record_over_the_size_limit_is_an_error_record_with_its_url_and_the_rest_goes_on() {
    let o = nutgraf(
        &[
            "--format",
            "json",
            "--max-bytes",
            "300",
            &data("mixed.warc.gz"),
        ],
        b"",
    );
    assert_eq!(
        o.status.code(),
        Some(3),
        "an over-limit document is not an unreadable input, but a failed document"
    );
    let recs = records(&o);
    assert_eq!(recs.len(), 4);
    let failed: Vec<&Value> = recs.iter().filter(|r| r.get("error").is_some()).collect();
    assert_eq!(failed.len(), 4, "every page is over 300 bytes");
    for r in &failed {
        assert!(r["error"].as_str().unwrap().contains("--max-bytes"));
        assert!(
            r["url"]
                .as_str()
                .unwrap()
                .starts_with("https://news.example/")
        );
    }
    // Skipped records are still told apart, even when over the limit.
    assert!(stderr(&o).contains("status 4xx 1"));
}

#[test]
fn text_output_of_a_warc_file_heads_each_record_with_its_source() {
    let o = nutgraf(&[&data("mixed.warc.gz")], b"");
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(out.matches("==> ").count(), 4);
    assert!(out.contains("Zebras crossed the river at dawn."));
}

/// An uncompressed WARC response record holding `html`, crawled at `date`.
fn response_record(uri: &str, date: &str, html: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{html}");
    format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n\
         WARC-Record-ID: <urn:uuid:{}>\r\nContent-Type: application/http; msgtype=response\r\n\
         Content-Length: {}\r\n\r\n{http}\r\n\r\n",
        uri.len(),
        http.len()
    )
    .into_bytes()
}

#[test]
fn a_date_after_the_warc_date_is_not_the_publication_date() {
    let page = "<html><head><title>Harbour news</title>\
        <meta property=\"article:published_time\" content=\"2021-06-01\"></head><body><article>\
        <p>The harbour master counted forty boats at dawn, and by noon the fog had lifted.</p>\
        </article></body></html>";
    let mut warc = response_record("https://news.example/later", "2022-01-01T00:00:00Z", page);
    warc.extend(response_record(
        "https://news.example/earlier-crawl",
        "2020-01-01T00:00:00Z",
        page,
    ));
    let o = nutgraf(&["--format", "json", "-"], &warc);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let recs = records(&o);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["published"], "2021-06-01");
    assert_eq!(recs[1]["warc_date"], "2020-01-01T00:00:00Z");
    assert!(recs[1]["published"].is_null(), "{}", recs[1]["published"]);
}
