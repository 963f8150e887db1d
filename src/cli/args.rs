//! Command-line options (clap).

use clap::{Parser, ValueEnum};
use std::path::PathBuf;

/// Extract clean article text and metadata from web pages.
///
/// Each INPUT is an HTML file, a WARC file (`.warc`, or `.warc.gz` with one gzip member per
/// record), a directory (walked recursively for .html, .htm, .warc files, also gzipped) or `-`
/// for standard input, the default when no input is named. Gzip and WARC are recognised by
/// their content. Of a WARC file, `response` (and `resource`) records holding an HTML page with
/// a 2xx status are extracted; the others are skipped and counted in the summary.
///
/// A JSON record carries `source` (the path, `-`, or `path#record-id` for a WARC record), every
/// article field (`title`, `authors`, `published`, `modified`, `site_name`, `language`,
/// `description`, `url`, `image`, `tags`, `page_type`, `encoding`) and `text`; a WARC record also
/// `warc_date`, and its `url` is the `WARC-Target-URI`; dates after its `WARC-Date` are not
/// taken for the publication date.
///
/// A document that fails never stops the batch: it is reported (on stderr, and as a record with
/// an `error` field in JSON) and the others go on. Output follows the input order. A document
/// past `--max-nodes` or `--max-memory` is extracted as far as it was read, and its record says
/// `"truncated":true`. A `source` that is not valid UTF-8 keeps its bytes as `\xNN` escapes (and a
/// backslash is written `\\`), so that distinct names stay distinct.
///
/// On SIGINT or SIGTERM no new document is started, the documents under way are finished, only
/// whole records are written, the summary says how many documents were not done, and the exit
/// status is 130 (SIGINT) or 143 (SIGTERM); a second signal stops at once, after the record
/// being written. `--resume` with `-o FILE` then carries on where the output ends.
///
/// Exit status: 0 when every input was read and every document extracted (or found empty);
/// 1 when some input could not be read (a missing file, an empty directory, a corrupt gzip
/// stream, a truncated or corrupt WARC file); 2 for a usage error; 3 when every input was read
/// but some documents failed (over a limit, out of time: their error records say why); 130 or
/// 143 when interrupted.
#[derive(Debug, Parser)]
#[command(name = "nutgraf", version, about, long_about)]
pub struct Args {
    /// HTML or WARC files (gzipped or not), directories, or `-` for standard input (the default).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Read more inputs from FILE, one path per line (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    pub input_list: Option<PathBuf>,

    /// Write the output to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// With `-o FILE` and `--format json`: keep FILE's complete records (a torn last line is
    /// cut off), skip the inputs they cover (files, and WARC records as `path#record-id`), and
    /// append the rest.
    #[arg(long, requires = "output")]
    pub resume: bool,

    /// Output format. `json` prints one JSON object per document per line (JSON Lines).
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// The page's address: base for relative links, reported as `url`.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// Trade precision for recall when choosing the main content.
    #[arg(long, value_enum, default_value_t = FocusArg::Balanced)]
    pub focus: FocusArg,

    /// The charset the transport declared (as in an HTTP Content-Type); overrides `<meta charset>`.
    #[arg(long, value_name = "CHARSET", value_parser = parse_charset)]
    pub charset: Option<String>,

    /// Number of documents extracted at once (default: every core).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Write each document as soon as it is done, not in input order (faster with uneven documents).
    #[arg(long)]
    pub unordered: bool,

    /// No progress bar and no summary on stderr (errors are still reported).
    #[arg(short, long)]
    pub quiet: bool,

    /// Largest document accepted (bytes; K, M, G suffixes allowed); larger ones are error records.
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_bytes: u64,

    /// Longest time one document may take (e.g. 500ms, 30s, 2m; 0 = no limit); a document
    /// that takes longer is stopped (its memory freed) and becomes an error record.
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = parse_duration)]
    pub timeout: std::time::Duration,

    /// Element nesting deeper than N is flattened (text kept, structure not).
    #[arg(long, value_name = "N", default_value_t = nutgraf::Limits::default().max_depth)]
    pub max_depth: usize,

    /// Attributes past the first N on one tag are dropped before parsing.
    #[arg(long, value_name = "N", default_value_t = nutgraf::Limits::default().max_attributes)]
    pub max_attributes: usize,

    /// Most DOM nodes built for one document; the rest of a larger one is not parsed (the
    /// record says `"truncated":true`).
    #[arg(long, value_name = "N", default_value_t = nutgraf::Limits::default().max_nodes)]
    pub max_nodes: usize,

    /// Most memory the parse tree of one document may take (K, M, G suffixes allowed); the rest
    /// of a larger one is not parsed (the record says `"truncated":true`).
    #[arg(long, value_name = "SIZE", default_value = "512M", value_parser = parse_size)]
    pub max_memory: u64,

    /// When the pages were crawled (RFC 3339, YYYY-MM-DD or a 14-digit archive timestamp): no
    /// date after it is taken for a publication date. WARC records use their own WARC-Date.
    #[arg(long, value_name = "DATE", value_parser = parse_crawl_date)]
    pub crawl_date: Option<String>,

    /// Also extract reader comments (JSON: `comments`; other formats: after the body).
    #[arg(long)]
    pub comments: bool,

    /// JSON: also carry the body in these formats, e.g. `--include markdown,html`, or the
    /// scored blocks (`blocks`).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "FORMATS")]
    pub include: Vec<Include>,

    /// Markdown: keep links as `[text](url)`; `--links false` keeps only their text.
    #[arg(long, value_name = "BOOL", default_value_t = true, action = clap::ArgAction::Set)]
    pub links: bool,
}

/// Renderings of the body that a JSON record can carry besides `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Include {
    /// The body as CommonMark Markdown, in `markdown`.
    Markdown,
    /// The body as clean HTML, in `html`.
    Html,
    /// Every text block with the content model's score, in `blocks`
    /// (`[{"text", "score", "kept"}]`): keep `score >= c` for a cut-off `c` of your own.
    Blocks,
}

/// How each document is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The body as plain text, paragraphs separated by blank lines.
    Text,
    /// The body as CommonMark Markdown.
    Markdown,
    /// The body as clean HTML.
    Html,
    /// One JSON object per document per line: metadata, text, or an error.
    Json,
    /// One self-contained HTML report for all documents: each text block coloured by verdict
    /// (kept, dropped, comment) with its reason and score, each metadata field with its
    /// source, the encoding, page type, container and stage timings.
    Explain,
}

/// The `--focus` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FocusArg {
    /// The best overall balance.
    Balanced,
    /// Less boilerplate, a little less content.
    Precision,
    /// More content, a little more boilerplate.
    Recall,
}

impl From<FocusArg> for nutgraf::Focus {
    fn from(f: FocusArg) -> Self {
        match f {
            FocusArg::Balanced => nutgraf::Focus::Balanced,
            FocusArg::Precision => nutgraf::Focus::Precision,
            FocusArg::Recall => nutgraf::Focus::Recall,
        }
    }
}

/// Parses a size: a number of bytes with an optional K, M or G suffix (powers of 1024).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let lower = lower.trim_end_matches("ib").trim_end_matches('b');
    let (num, mult) = match lower.chars().last() {
        Some('k') => (&lower[..lower.len() - 1], 1u64 << 10),
        Some('m') => (&lower[..lower.len() - 1], 1 << 20),
        Some('g') => (&lower[..lower.len() - 1], 1 << 30),
        _ => (lower, 1),
    };
    num.trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .ok_or_else(|| format!("{t:?} is not a size: use bytes, or a number with K, M or G"))
}

/// Accepts a charset label (or `Content-Type` value) that the decoder knows.
fn parse_charset(s: &str) -> Result<String, String> {
    nutgraf::Options::check_charset(s).map_err(|e| usage(&e))?;
    Ok(s.to_string())
}

/// Accepts a crawl date that the extraction understands.
fn parse_crawl_date(s: &str) -> Result<String, String> {
    nutgraf::Options::check_crawl_date(s).map_err(|e| usage(&e))?;
    Ok(s.to_string())
}

/// The message of an option error, without the library's "invalid option: " prefix.
fn usage(e: &nutgraf::Error) -> String {
    match e {
        nutgraf::Error::InvalidOption(m) => m.clone(),
        other => other.to_string(),
    }
}

/// Parses a duration: a number with an optional ms, s or m suffix (seconds by default).
fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    let t = s.trim().to_ascii_lowercase();
    let (num, unit) = if let Some(n) = t.strip_suffix("ms") {
        (n, 0.001)
    } else if let Some(n) = t.strip_suffix('s') {
        (n, 1.0)
    } else if let Some(n) = t.strip_suffix('m') {
        (n, 60.0)
    } else {
        (t.as_str(), 1.0)
    };
    num.trim()
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n >= 0.0 && *n * unit < 1e9)
        .map(|n| std::time::Duration::from_secs_f64(n * unit))
        .ok_or_else(|| format!("{s:?} is not a duration: use e.g. 500ms, 30s or 2m"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_binary_suffixes() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("2k"), Ok(2048));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert!(parse_size("lots").is_err());
    }

    #[test]
    fn durations_take_ms_s_and_m() {
        use std::time::Duration;
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("1.5"), Ok(Duration::from_millis(1500)));
        assert!(parse_duration("-1").is_err());
    }

    #[test]
    fn charsets_and_crawl_dates_are_checked() {
        assert!(parse_charset("latin1").is_ok());
        assert!(parse_charset("bogus").is_err_and(|e| e.contains("bogus")));
        assert!(parse_crawl_date("20240501100000").is_ok());
        assert!(parse_crawl_date("garbage").is_err_and(|e| e.contains("garbage")));
    }
}
