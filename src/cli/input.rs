//! Inputs: turn files, directories, lists, WARC files and `-` into a stream of documents.

use super::stats::Stats;
use super::warc::{self, Block, Page, WarcReader};
use flate2::read::MultiGzDecoder;
use std::collections::HashSet;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// One document to extract, as read from an input.
#[derive(Debug, Default, Clone)]
pub struct Doc {
    /// Where it came from: the path, `-` for standard input, `path#record-id` in a WARC file.
    pub source: String,
    /// The raw page bytes (a gzip stream of them when `gzipped`).
    pub bytes: Vec<u8>,
    /// `bytes` are a gzipped page, left for the worker to inflate ([`inflate`]): the reader
    /// only reads files, and the inflating is spread over the workers.
    pub gzipped: bool,
    /// The page's address when the input says it (overrides `--url`).
    pub url: Option<String>,
    /// The transport charset when the input says it (overrides `--charset`).
    pub charset: Option<String>,
    /// The crawl time (`WARC-Date`) of a WARC record.
    pub warc_date: Option<String>,
}

/// What the reader hands on: a document, or a document or input that failed.
#[derive(Debug)]
pub enum Item {
    /// A document to extract.
    Doc(Doc),
    /// A document that cannot be extracted, or an input that cannot be read (further).
    Failed {
        /// Provenance and address as far as known (`bytes` empty).
        doc: Doc,
        /// What went wrong.
        error: String,
        /// Whether an input could not be read (this makes the exit status 1).
        unreadable: bool,
    },
    /// An input that could not be read to its end, where no document was lost: reported, but
    /// not counted as a document (the exit status is 1).
    Cut {
        /// The input's name.
        source: String,
        /// What went wrong.
        error: String,
    },
}

impl Item {
    /// The `source` of the record this item becomes.
    pub fn source(&self) -> &str {
        match self {
            Item::Doc(doc) | Item::Failed { doc, .. } => &doc.source,
            Item::Cut { source, .. } => source,
        }
    }
}

/// The name of a path as a record's `source`: its text where it is UTF-8; each byte that is not
/// written `\xNN`, and a backslash `\\`, so that distinct names stay distinct.
pub fn source_name(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        escape_name(path.as_os_str().as_bytes())
    }
    #[cfg(not(unix))]
    {
        escape_name(path.to_string_lossy().as_bytes())
    }
}

/// See [`source_name`]; the bytes of a name as such.
pub fn escape_name(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' {
                out.push_str("\\\\");
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

/// A line of an input list as a path: its bytes as they are (on Unix), or an error saying why
/// it is no usable path.
fn list_path(line: &[u8]) -> Result<PathBuf, String> {
    if line.contains(&0) {
        return Err("not a usable path (it holds a NUL byte)".to_string());
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Ok(PathBuf::from(std::ffi::OsStr::from_bytes(line)))
    }
    #[cfg(not(unix))]
    {
        std::str::from_utf8(line)
            .map(PathBuf::from)
            .map_err(|_| "not a usable path (it is not UTF-8)".to_string())
    }
}

/// How inputs are read.
pub struct Reader<'a> {
    /// Largest document accepted, in bytes.
    pub max_bytes: u64,
    /// Counters (input bytes, skipped records).
    pub stats: &'a Stats,
    /// Receives every item; returns false to stop reading.
    pub emit: &'a mut dyn FnMut(Item) -> bool,
    /// Sources already in the output (`--resume`): not read again.
    pub done: &'a HashSet<String>,
}

/// File name endings picked up when walking a directory.
const WALK_SUFFIXES: &[&str] = &[".html", ".htm", ".html.gz", ".htm.gz", ".warc", ".warc.gz"];

/// Whether a directory walk picks up this file.
fn wanted_in_walk(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    WALK_SUFFIXES.iter().any(|s| name.ends_with(s))
}

fn is_stdin(p: &Path) -> bool {
    p.as_os_str() == "-"
}

/// Whether the inputs may hold more than one document.
pub fn many_documents(inputs: &[PathBuf], list: Option<&Path>) -> bool {
    list.is_some()
        || inputs.len() > 1
        || inputs.iter().any(|p| {
            let name = p.to_string_lossy().to_ascii_lowercase();
            !is_stdin(p) && (p.is_dir() || name.ends_with(".warc") || name.ends_with(".warc.gz"))
        })
}

/// The total size of the inputs on disk, when every input is a file or directory.
pub fn total_size(inputs: &[PathBuf], list: Option<&Path>) -> Option<u64> {
    let mut total = 0u64;
    let mut add = |p: &Path| -> Option<()> {
        if is_stdin(p) {
            return None;
        }
        if p.is_dir() {
            for e in walkdir::WalkDir::new(p)
                .follow_links(true)
                .into_iter()
                .flatten()
            {
                if e.file_type().is_file() && wanted_in_walk(e.path()) {
                    total += e.metadata().map_or(0, |m| m.len());
                }
            }
        } else {
            total += std::fs::metadata(p).map_or(0, |m| m.len());
        }
        Some(())
    };
    for p in inputs {
        add(p)?;
    }
    if let Some(list) = list {
        if is_stdin(list) {
            return None;
        }
        let f = std::fs::File::open(list).ok()?;
        for line in BufReader::new(f).split(b'\n') {
            let line = line.ok()?;
            if let Some(line) = list_line(&line)
                && let Ok(path) = list_path(line)
            {
                add(&path)?;
            }
        }
    }
    Some(total)
}

impl Reader<'_> {
    /// Reads the named inputs, then those of the list, in order.
    pub fn read_all(&mut self, inputs: &[PathBuf], list: Option<&Path>) {
        for input in inputs {
            if !self.read_input(input) {
                return;
            }
        }
        if let Some(list) = list {
            self.read_list(list);
        }
    }

    fn read_list(&mut self, list: &Path) -> bool {
        let name = source_name(list);
        let mut lines: Box<dyn BufRead> = if is_stdin(list) {
            Box::new(io::stdin().lock())
        } else {
            match std::fs::File::open(list) {
                Ok(f) => Box::new(BufReader::new(f)),
                Err(e) => {
                    return self.fail(name, format!("cannot read the input list: {e}"), true);
                }
            }
        };
        let mut line = Vec::new();
        for number in 1u64.. {
            line.clear();
            match lines.read_until(b'\n', &mut line) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => {
                    return self.fail(name, format!("cannot read the input list: {e}"), true);
                }
            }
            let Some(text) = list_line(&line) else {
                continue;
            };
            let keep_going = match list_path(text) {
                Ok(path) => self.read_input(&path),
                Err(why) => self.fail(
                    format!("{name}:{number}"),
                    format!(
                        "line {number} of the input list ({:?}) is {why}",
                        escape_name(text)
                    ),
                    true,
                ),
            };
            if !keep_going {
                return false;
            }
        }
        true
    }

    /// Hands an item on, unless its record is already in the output (`--resume`).
    fn emit(&mut self, item: Item) -> bool {
        if self.done.contains(item.source()) {
            self.stats.skip("already done");
            return true;
        }
        (self.emit)(item)
    }

    fn fail(&mut self, source: String, error: String, unreadable: bool) -> bool {
        self.emit(Item::Failed {
            doc: Doc {
                source,
                ..Doc::default()
            },
            error,
            unreadable,
        })
    }

    fn read_input(&mut self, input: &Path) -> bool {
        if is_stdin(input) {
            let stdin = io::stdin().lock();
            return self.read_stream("-".to_string(), stdin);
        }
        if input.is_dir() {
            let walk = walkdir::WalkDir::new(input)
                .follow_links(true)
                .sort_by_file_name();
            let mut found = false;
            for entry in walk {
                let keep_going = match entry {
                    Ok(e) if e.file_type().is_file() && wanted_in_walk(e.path()) => {
                        found = true;
                        self.read_file(e.path())
                    }
                    Ok(_) => true,
                    Err(e) => {
                        found = true;
                        let source = source_name(e.path().unwrap_or(input));
                        self.fail(source, format!("cannot read: {e}"), true)
                    }
                };
                if !keep_going {
                    return false;
                }
            }
            if !found {
                let error = "no .html, .htm or .warc file (gzipped or not) in this directory";
                return self.cut(source_name(input), error.to_string());
            }
            return true;
        }
        self.read_file(input)
    }

    /// Reports an input that could not be read to its end, where no document was lost.
    fn cut(&mut self, source: String, error: String) -> bool {
        self.emit(Item::Cut { source, error })
    }

    fn read_file(&mut self, path: &Path) -> bool {
        let source = source_name(path);
        if self.done.contains(&source) {
            self.stats.skip("already done");
            return true;
        }
        let mut f = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) => return self.fail(source, format!("cannot read: {e}"), true),
        };
        let len = f
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .map(|m| m.len());
        match len {
            // A file no larger than a page may be is read whole, in one go: no buffer to
            // fill and copy out of, and a plain page is handed on as read.
            Some(len) if len <= self.max_bytes => {
                let mut data = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
                let read = (&mut f)
                    .take(self.max_bytes.saturating_add(1))
                    .read_to_end(&mut data);
                self.stats
                    .bytes_in
                    .fetch_add(data.len() as u64, Ordering::Relaxed);
                match read {
                    Ok(_) => self.read_bytes(source, data),
                    Err(e) => self.fail(source, format!("cannot read: {e}"), true),
                }
            }
            _ => self.read_stream(source, f),
        }
    }

    /// Reads a file held in memory: gzip or not, WARC or a single page.
    fn read_bytes(&mut self, source: String, data: Vec<u8>) -> bool {
        if data.starts_with(&[0x1f, 0x8b]) {
            if !gzipped_warc(&data) {
                // A gzipped page: the worker inflates it.
                return self.emit(Item::Doc(Doc {
                    source,
                    bytes: data,
                    gzipped: true,
                    ..Doc::default()
                }));
            }
            let gz = flate2::bufread::MultiGzDecoder::new(&data[..]);
            return self.read_warc(source, BufReader::with_capacity(256 * 1024, gz));
        }
        if data.starts_with(b"WARC/") {
            return self.read_warc(source, &data[..]);
        }
        if data.len() as u64 > self.max_bytes {
            return self.fail(source, too_large(self.max_bytes), false);
        }
        self.emit(Item::Doc(Doc {
            source,
            bytes: data,
            ..Doc::default()
        }))
    }

    /// Reads a file or standard input as a stream: gzip or not, WARC or a single page.
    fn read_stream(&mut self, source: String, raw: impl Read) -> bool {
        let mut r = BufReader::with_capacity(
            256 * 1024,
            Counting {
                inner: raw,
                count: &self.stats.bytes_in,
            },
        );
        let gz = match r.fill_buf() {
            Ok(b) => b.starts_with(&[0x1f, 0x8b]),
            Err(e) => return self.fail(source, format!("cannot read: {e}"), true),
        };
        if gz {
            self.read_plain(
                source,
                BufReader::with_capacity(256 * 1024, MultiGzDecoder::new(r)),
            )
        } else {
            self.read_plain(source, r)
        }
    }

    /// Reads a stream that holds a WARC file or a page.
    fn read_plain(&mut self, source: String, mut r: impl BufRead) -> bool {
        match r.fill_buf() {
            Ok(b) if b.starts_with(b"WARC/") => self.read_warc(source, r),
            Ok(_) => match read_limited(r, 0, self.max_bytes) {
                Ok(bytes) => self.emit(Item::Doc(Doc {
                    source,
                    bytes,
                    ..Doc::default()
                })),
                Err((error, unreadable)) => self.fail(source, error, unreadable),
            },
            Err(e) => self.fail(source, format!("cannot read: {e}"), true),
        }
    }

    fn read_warc(&mut self, file: String, r: impl BufRead) -> bool {
        let mut warc = WarcReader::new(r);
        loop {
            let (header, block) = match warc.next_record(warc::may_be_page, self.max_bytes) {
                Ok(Some(x)) => x,
                Ok(None) => return true,
                Err(e @ warc::WarcError::CutAfter(_)) => return self.cut(file, e.to_string()),
                Err(e) => {
                    let source = format!("{file}#record-{}", warc.records + 1);
                    return self.fail(source, e.to_string(), true);
                }
            };
            let id = header
                .get("WARC-Record-ID")
                .unwrap_or("")
                .trim_matches(['<', '>']);
            let doc = Doc {
                source: if id.is_empty() {
                    format!("{file}#record-{}", warc.records)
                } else {
                    format!("{file}#{id}")
                },
                url: header
                    .get("WARC-Target-URI")
                    .map(|u| u.trim_matches(['<', '>']).to_string())
                    .filter(|u| !u.is_empty()),
                warc_date: header.get("WARC-Date").map(str::to_string),
                ..Doc::default()
            };
            let keep_going = match block {
                Block::Skipped => {
                    let t = header.record_type();
                    self.stats.skip(if t.is_empty() { "untyped" } else { &t });
                    true
                }
                Block::TooLarge(prefix) => match warc::page(&header, prefix) {
                    Page::Skip(reason) => {
                        self.stats.skip(&reason);
                        true
                    }
                    _ => self.emit(Item::Failed {
                        doc,
                        error: too_large(self.max_bytes),
                        unreadable: false,
                    }),
                },
                Block::Read(bytes) => match warc::page(&header, bytes) {
                    Page::Html { body, charset } => self.emit(Item::Doc(Doc {
                        bytes: body,
                        charset,
                        ..doc
                    })),
                    Page::Skip(reason) => {
                        self.stats.skip(&reason);
                        true
                    }
                    Page::Bad(error) => self.emit(Item::Failed {
                        doc,
                        error,
                        unreadable: false,
                    }),
                },
            };
            if !keep_going {
                return false;
            }
        }
    }
}

/// A line of an input list without its line ending; `None` for a blank line.
fn list_line(line: &[u8]) -> Option<&[u8]> {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    (!line.trim_ascii().is_empty()).then_some(line)
}

/// Whether gzipped `data` holds a WARC file (its first inflated bytes say `WARC/`), which the
/// reader splits into records itself. A stream that does not inflate that far is no WARC file
/// either: as a page, it fails in the worker with the reading error.
fn gzipped_warc(data: &[u8]) -> bool {
    let mut head = [0u8; 5];
    let mut gz = flate2::bufread::MultiGzDecoder::new(data);
    gz.read_exact(&mut head).is_ok() && &head == b"WARC/"
}

/// Most bytes deflate can expand `compressed` bytes to (1032-fold).
fn deflate_bound(compressed: usize) -> u64 {
    (compressed as u64).saturating_mul(1032)
}

/// The size a gzipped page inflates to, as its gzip trailer gives it (the last member's size
/// modulo 4 GiB): a hint for the page's buffer, bounded by [`deflate_bound`].
fn inflated_size_hint(data: &[u8]) -> u64 {
    data.last_chunk::<4>()
        .map_or(0, |t| u64::from(u32::from_le_bytes(*t)))
        .min(deflate_bound(data.len()))
}

/// Inflates a gzipped document's bytes in place (the worker's part of reading it). Fails, as
/// reading it would have, with a document over `max_bytes` (an error that leaves the input
/// readable: `false`) or a stream that does not inflate (`true`: unreadable).
pub fn inflate(doc: &mut Doc, max_bytes: u64) -> Result<(), (String, bool)> {
    if !doc.gzipped {
        return Ok(());
    }
    doc.bytes = match inflate_member(&doc.bytes, max_bytes) {
        Some(bytes) => bytes,
        None => {
            let gz = flate2::bufread::MultiGzDecoder::new(&doc.bytes[..]);
            read_limited(gz, inflated_size_hint(&doc.bytes), max_bytes)?
        }
    };
    doc.gzipped = false;
    Ok(())
}

/// Gzipped `data` inflated in one call into a buffer of the size its trailer gives, when it is
/// one whole gzip member (what nearly every gzipped page is) of at most `max_bytes`; `None`
/// for anything else (several members, bytes after the member, a size past the limit or not
/// the trailer's, a stream that does not inflate), which the streaming decoder then reads or
/// refuses as it always has. The buffer is the worker's spare one ([`recycle`]) when it has one.
fn inflate_member(data: &[u8], max_bytes: u64) -> Option<Vec<u8>> {
    let isize = *data.last_chunk::<4>()?;
    let size = u64::from(u32::from_le_bytes(isize));
    if size > max_bytes || size > deflate_bound(data.len()) {
        return None;
    }
    let size = usize::try_from(size).ok()?;
    INFLATER.with_borrow_mut(|inflater| {
        let inflater = inflater.get_or_insert_with(|| Inflater {
            decompressor: libdeflater::Decompressor::new(),
            spare: Vec::new(),
        });
        // The spare buffer holds the last page: every byte of it is overwritten or cut off, so
        // only what it grows by is zeroed.
        let mut out = std::mem::take(&mut inflater.spare);
        out.resize(size, 0);
        let n = inflater.decompressor.gzip_decompress(data, &mut out).ok();
        // libdeflate inflates the first member and checks it against that member's own
        // trailer, whose last 4 bytes are the inflated size, but reads nothing after it. The
        // member is all of `data` exactly when it fills the buffer (so its size is the one in
        // the last 4 bytes) and those 4 bytes occur nowhere before: its trailer ends where the
        // member does.
        let whole =
            n == Some(out.len()) && memchr::memmem::find(data, &isize) == Some(data.len() - 4);
        if whole {
            Some(out)
        } else {
            inflater.spare = out;
            None
        }
    })
}

/// Largest buffer a worker keeps for its next page ([`recycle`]): one huge page does not hold
/// its memory for the rest of the run.
const SPARE_MAX: usize = 8 << 20;

/// A worker's means of inflating pages, kept from page to page: libdeflate's decompressor
/// (set up once, not per page) and the buffer of the page done last, which the next page
/// inflates into, its memory already mapped and likely still cached.
struct Inflater {
    decompressor: libdeflater::Decompressor,
    spare: Vec<u8>,
}

thread_local! {
    static INFLATER: std::cell::RefCell<Option<Inflater>> = const { std::cell::RefCell::new(None) };
}

/// Hands a page's buffer back once the page is done, for the worker's next gzipped page to
/// inflate into (when it is no larger than [`SPARE_MAX`]).
pub fn recycle(bytes: Vec<u8>) {
    if bytes.capacity() > SPARE_MAX {
        return;
    }
    INFLATER.with_borrow_mut(|inflater| {
        if let Some(inflater) = inflater
            && inflater.spare.capacity() < bytes.capacity()
        {
            inflater.spare = bytes;
        }
    });
}

/// A page read to its end, at most `limit` bytes, into a buffer sized for `hint` bytes (0 when
/// unknown). Fails with a page over the limit (an error that leaves the input readable:
/// `false`) or one that cannot be read (`true`: unreadable).
fn read_limited(r: impl Read, hint: u64, limit: u64) -> Result<Vec<u8>, (String, bool)> {
    let mut bytes = Vec::with_capacity(usize::try_from(hint.min(limit)).unwrap_or(0));
    match r.take(limit.saturating_add(1)).read_to_end(&mut bytes) {
        Ok(n) if n as u64 > limit => Err((too_large(limit), false)),
        Ok(_) => Ok(bytes),
        Err(e) => Err((format!("cannot read: {e}"), true)),
    }
}

fn too_large(limit: u64) -> String {
    format!("document is over the limit of {limit} bytes: raise --max-bytes to accept it")
}

/// Counts the bytes read through it (for progress and throughput).
struct Counting<'a, R> {
    inner: R,
    count: &'a AtomicU64,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directory_walk_picks_html_gzipped_html_and_warc_files_only() {
        for yes in [
            "a.html",
            "b.HTM",
            "c.html.gz",
            "d.htm.gz",
            "e.warc",
            "f.warc.gz",
        ] {
            assert!(wanted_in_walk(Path::new(yes)), "{yes}");
        }
        for no in ["a.txt", "b.gz", "c.html.bak", "html"] {
            assert!(!wanted_in_walk(Path::new(no)), "{no}");
        }
    }

    #[test]
    fn names_that_are_not_utf8_are_escaped_losslessly() {
        assert_eq!(escape_name(b"caf\xc3\xa9.html"), "caf\u{e9}.html");
        assert_eq!(escape_name(b"bad\xff\xfe.html"), "bad\\xFF\\xFE.html");
        assert_eq!(escape_name(b"a\\b"), "a\\\\b");
        // The escape of a byte and the name spelling it out differ.
        assert_ne!(escape_name(b"\xff"), escape_name(b"\\xFF"));
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(data)
            .and_then(|()| gz.finish())
            .unwrap_or_default()
    }

    fn inflated(bytes: Vec<u8>, max_bytes: u64) -> Result<Vec<u8>, (String, bool)> {
        let mut doc = Doc {
            source: "page.html.gz".into(),
            bytes,
            gzipped: true,
            url: None,
            charset: None,
            warc_date: None,
        };
        inflate(&mut doc, max_bytes).map(|()| doc.bytes)
    }

    #[test]
    fn a_gzipped_page_of_one_member_is_inflated_in_one_call() {
        let page = b"<p>Hello, world.</p>".repeat(100);
        assert_eq!(inflate_member(&gzip(&page), 1 << 20), Some(page.clone()));
        assert_eq!(inflated(gzip(&page), 1 << 20), Ok(page));
    }

    #[test]
    fn a_page_inflated_into_the_last_pages_buffer_is_only_itself() {
        // Pages larger and smaller than the one before, each inflated into the buffer the one
        // before gave back: none keeps a byte of another.
        let pages = [
            b"<p>A page of middling length.</p>".repeat(200),
            b"<p>Longer.</p>".repeat(1000),
            b"<p>Short.</p>".to_vec(),
            Vec::new(),
            b"<p>Middling again.</p>".repeat(300),
        ];
        for page in pages {
            let got = inflated(gzip(&page), 1 << 20);
            assert_eq!(got.as_ref(), Ok(&page));
            if let Ok(bytes) = got {
                recycle(bytes);
            }
        }
        // A page that is not one whole member leaves the buffer as it was for the next.
        let mut two = gzip(b"<p>One.</p>");
        two.extend(gzip(b"<p>Two.</p>"));
        assert_eq!(inflate_member(&two, 1 << 20), None);
        let page = b"<p>After two members.</p>".repeat(50);
        assert_eq!(inflated(gzip(&page), 1 << 20), Ok(page));
    }

    #[test]
    fn a_huge_page_buffer_is_not_kept() {
        let kept = |capacity: usize| {
            recycle(Vec::with_capacity(capacity));
            INFLATER.with_borrow(|i| i.as_ref().map_or(0, |i| i.spare.capacity()))
        };
        // The worker has inflated a page, so it keeps a spare buffer.
        let page = b"<p>Hello.</p>".repeat(10);
        assert_eq!(inflated(gzip(&page), 1 << 20), Ok(page));
        assert!(kept(SPARE_MAX) >= SPARE_MAX);
        INFLATER.with_borrow_mut(|i| {
            if let Some(i) = i {
                i.spare = Vec::new();
            }
        });
        assert_eq!(kept(SPARE_MAX + 1), 0);
    }

    #[test]
    fn every_member_of_a_gzipped_page_is_inflated_even_when_two_are_the_same() {
        let (a, b) = (b"<p>first</p>".repeat(9), b"<p>other</p>".repeat(9));
        for (x, y) in [(&a, &b), (&a, &a)] {
            let two = [gzip(x), gzip(y)].concat();
            assert_eq!(
                inflate_member(&two, 1 << 20),
                None,
                "left to the streaming decoder"
            );
            assert_eq!(inflated(two, 1 << 20), Ok([x.clone(), y.clone()].concat()));
        }
    }

    #[test]
    fn a_gzipped_page_with_bytes_after_its_member_is_not_read_as_the_member_alone() {
        let one = gzip(b"<p>page</p>");
        // The member's own trailer repeated after it: the end looks like a member's end.
        let tail = [one.clone(), one[one.len() - 8..].to_vec()].concat();
        assert_eq!(inflate_member(&tail, 1 << 20), None);
        assert!(inflated(tail, 1 << 20).is_err());
    }

    #[test]
    fn a_gzipped_page_whose_trailer_lies_about_its_size_is_refused_as_before() {
        let page = b"<p>size</p>".repeat(50);
        let mut gz = gzip(&page);
        let at = gz.len() - 4;
        gz[at..].copy_from_slice(&7u32.to_le_bytes());
        assert_eq!(inflate_member(&gz, 1 << 20), None);
        // The streaming decoder checks the trailer too, and refuses the stream.
        assert!(inflated(gz, 1 << 20).is_err());
    }

    #[test]
    fn a_gzipped_page_over_the_limit_is_refused_as_readable() {
        let page = vec![b'a'; 5000];
        assert_eq!(
            inflated(gzip(&page), 4999).map_err(|(_, unreadable)| unreadable),
            Err(false)
        );
        assert_eq!(inflated(gzip(&page), 5000), Ok(page));
    }

    #[test]
    fn a_damaged_gzipped_page_reads_as_the_streaming_decoder_reads_it() {
        let page = b"<html><body><p>Some text, some more text.</p></body></html>".repeat(3);
        let gz = gzip(&page);
        let streamed =
            |bytes: &[u8]| read_limited(flate2::bufread::MultiGzDecoder::new(bytes), 0, 1 << 20);
        let mut damaged: Vec<Vec<u8>> = (0..gz.len()).map(|n| gz[..n].to_vec()).collect();
        for at in 0..gz.len() {
            for bit in 0..8 {
                let mut d = gz.clone();
                d[at] ^= 1 << bit;
                damaged.push(d);
            }
        }
        for d in damaged {
            assert_eq!(inflated(d.clone(), 1 << 20), streamed(&d), "{d:?}");
        }
    }

    #[test]
    fn list_lines_lose_their_line_ending_and_blank_ones_are_skipped() {
        assert_eq!(list_line(b"a.html\r\n"), Some(&b"a.html"[..]));
        assert_eq!(list_line(b"  \n"), None);
        assert!(list_path(b"a\0b").is_err());
    }
}
