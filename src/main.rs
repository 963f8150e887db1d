//! The `nutgraf` command: extract articles from HTML files, directories, lists and standard input.

#![deny(clippy::unwrap_used, clippy::expect_used)]

mod cli;

// No global allocator is set: with the parse's allocations cut (`docs/performance.md`), the
// system allocator's per-thread caches hand freed blocks back while they are still in cache,
// and in alternating runs glibc's beat mimalloc (v3 and v2) by 3 to 7% of CPU time, with about
// 40% less peak memory.

fn main() -> std::process::ExitCode {
    cli::run()
}
