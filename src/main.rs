//! The `nutgraf` command: extract articles from HTML files, directories, lists and standard input.

#![deny(clippy::unwrap_used, clippy::expect_used)]

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
