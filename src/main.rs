//! The `nutgraf` command: extract articles from HTML files, directories, lists and standard input.

#![deny(clippy::unwrap_used, clippy::expect_used)]

mod cli;

// html5ever allocates a small string or vector for nearly every token: mimalloc does that
// markedly faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run()
}
