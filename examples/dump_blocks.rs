//! Writes the content model's training rows: for each page file given (`.html` or `.html.gz`),
//! one JSON line `{"source", "blocks": [{"tag", "text", "rules", "x": [features…], "g": [groups]}]}`.
//!
//! usage: cargo run --release --example dump_blocks -- PAGE... > rows.jsonl
//! (`quality/train.py` runs it over the corpus.)

use std::io::{Read, Write};

fn read(path: &str) -> std::io::Result<Vec<u8>> {
    let raw = std::fs::read(path)?;
    if path.ends_with(".gz") {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..]).read_to_end(&mut out)?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

fn main() -> std::io::Result<()> {
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for path in std::env::args().skip(1) {
        let bytes = match read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let blocks: Vec<serde_json::Value> = nutgraf::stages::block_rows(&bytes, None)
            .into_iter()
            .map(|b| {
                serde_json::json!({"tag": b.tag, "text": b.text, "rules": b.rules_keep,
                    "x": b.features, "g": b.groups, "p": b.score})
            })
            .collect();
        let line = serde_json::json!({"source": path, "blocks": blocks});
        writeln!(out, "{line}")?;
    }
    out.flush()
}
