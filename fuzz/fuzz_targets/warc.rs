//! Fuzz target: the CLI's WARC reader and HTTP-response handling never panic and never read past
//! a record, whatever the bytes (plain or gzip-compressed).
//!
//! Run: `cargo +nightly fuzz run warc` (from the repository root).

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::{BufReader, Read};

#[allow(dead_code)]
#[path = "../../src/cli/warc.rs"]
mod warc;

/// Reads every record of a stream the way the CLI does.
fn read_all(r: impl std::io::BufRead) {
    let mut reader = warc::WarcReader::new(r);
    // A small block limit exercises both the read and the too-large paths.
    while let Ok(Some((header, block))) = reader.next_record(warc::may_be_page, 4096) {
        if let warc::Block::Read(b) | warc::Block::TooLarge(b) = block {
            let _ = warc::page(&header, b);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    read_all(data);
    if data.starts_with(&[0x1f, 0x8b]) {
        let gz = flate2::read::MultiGzDecoder::new(data).take(1 << 22);
        read_all(BufReader::new(gz));
    }
});
