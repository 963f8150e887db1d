//! Inputs: turn the named files, directories and `-` into a stream of documents (bytes + provenance).

use flate2::read::MultiGzDecoder;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// One document to extract, as read from an input.
#[derive(Debug, Default)]
pub struct Doc {
    /// Where it came from: the path, or `-` for standard input.
    pub source: String,
    /// The raw page bytes.
    pub bytes: Vec<u8>,
    /// The page's address when the input says it (overrides `--url`).
    pub url: Option<String>,
    /// The transport charset when the input says it (overrides `--charset`).
    pub charset: Option<String>,
}

/// What the reader hands on: a document, or an input that could not be read.
#[derive(Debug)]
pub enum Item {
    /// A document to extract.
    Doc(Doc),
    /// An input (or part of one) that could not be read.
    Unreadable {
        /// The path, or `-`.
        source: String,
        /// What went wrong.
        error: String,
    },
}

/// File name endings picked up when walking a directory.
const HTML_SUFFIXES: &[&str] = &[".html", ".htm", ".html.gz", ".htm.gz"];

/// Whether a directory walk picks up this file.
fn wanted_in_walk(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    HTML_SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// Whether the inputs name more than one document (or possibly so: a directory).
pub fn many_documents(inputs: &[PathBuf]) -> bool {
    inputs.len() > 1 || inputs.iter().any(|p| p.as_os_str() != "-" && p.is_dir())
}

/// Reads every input in order, handing each document or failure to `emit`.
/// Stops early when `emit` returns false.
pub fn read_all(inputs: &[PathBuf], emit: &mut dyn FnMut(Item) -> bool) {
    for input in inputs {
        if !read_input(input, emit) {
            return;
        }
    }
}

fn read_input(input: &Path, emit: &mut dyn FnMut(Item) -> bool) -> bool {
    if input.as_os_str() == "-" {
        return emit(read_doc("-".to_string(), io::stdin().lock()));
    }
    if input.is_dir() {
        let walk = walkdir::WalkDir::new(input)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walk {
            let keep_going = match entry {
                Ok(e) if e.file_type().is_file() && wanted_in_walk(e.path()) => {
                    emit(read_file(e.path()))
                }
                Ok(_) => true,
                Err(e) => emit(Item::Unreadable {
                    source: e
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| input.display().to_string()),
                    error: e.to_string(),
                }),
            };
            if !keep_going {
                return false;
            }
        }
        return true;
    }
    emit(read_file(input))
}

fn read_file(path: &Path) -> Item {
    let source = path.display().to_string();
    match std::fs::File::open(path) {
        Ok(f) => read_doc(source, io::BufReader::new(f)),
        Err(e) => Item::Unreadable {
            source,
            error: e.to_string(),
        },
    }
}

/// Reads one document whole, decompressing it when it starts with the gzip magic bytes.
fn read_doc(source: String, mut r: impl io::BufRead) -> Item {
    let result = (|| -> io::Result<Vec<u8>> {
        let gz = r.fill_buf()?.starts_with(&[0x1f, 0x8b]);
        let mut bytes = Vec::new();
        if gz {
            MultiGzDecoder::new(r).read_to_end(&mut bytes)?;
        } else {
            r.read_to_end(&mut bytes)?;
        }
        Ok(bytes)
    })();
    match result {
        Ok(bytes) => Item::Doc(Doc {
            source,
            bytes,
            ..Doc::default()
        }),
        Err(e) => Item::Unreadable {
            source,
            error: e.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directory_walk_picks_html_and_gzipped_html_only() {
        for yes in ["a.html", "b.HTM", "c.html.gz", "d.htm.gz"] {
            assert!(wanted_in_walk(Path::new(yes)), "{yes}");
        }
        for no in ["a.txt", "b.gz", "c.html.bak", "html"] {
            assert!(!wanted_in_walk(Path::new(no)), "{no}");
        }
    }
}
