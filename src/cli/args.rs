//! Command-line options (clap).

use clap::{Parser, ValueEnum};
use std::path::PathBuf;

/// Extract clean article text and metadata from web pages.
///
/// Each INPUT is an HTML file (gzip-compressed or not), a directory (walked recursively for
/// .html, .htm, .html.gz and .htm.gz files) or `-` for standard input, the default when no
/// input is named. A document that fails never stops the batch: it is reported (on stderr,
/// and as a record with an `error` field in JSON) and the others go on.
///
/// Exit status: 0 when every input was read, 1 when some input could not be read,
/// 2 for a usage error.
#[derive(Debug, Parser)]
#[command(name = "nutgraf", version, about, long_about)]
pub struct Args {
    /// HTML files, directories, or `-` for standard input (the default).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

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
    #[arg(long, value_name = "CHARSET")]
    pub charset: Option<String>,

    /// Number of documents extracted at once (default: every core).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Also extract reader comments (JSON: `comments`; other formats: after the body).
    #[arg(long)]
    pub comments: bool,
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
