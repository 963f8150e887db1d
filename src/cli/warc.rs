//! A streaming WARC 1.0/1.1 reader and the HTTP-response handling that turns records into pages.
//!
//! The reader never holds more than one record block in memory, and only a block the caller
//! wants and that fits the size limit; other blocks are skipped while streaming.

use flate2::read::{MultiGzDecoder, ZlibDecoder};
use std::io::{self, BufRead, Read};

/// Largest WARC header block accepted (all the header lines of one record).
const MAX_HEADER_BYTES: u64 = 1 << 20;

/// How much of an over-limit block is kept to tell what it is.
const PREFIX_BYTES: u64 = 64 * 1024;

/// Why a WARC file could not be read past some point.
#[derive(Debug)]
pub enum WarcError {
    /// The file ends in the middle of a record.
    Truncated(String),
    /// The bytes are not a WARC record where one should start.
    Corrupt(String),
    /// The stream fails where a new record would start (a gzip stream cut in its last
    /// member's trailer, or right after a record): every record before was read whole, and
    /// there is no further record to report.
    CutAfter(String),
}

impl std::fmt::Display for WarcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WarcError::Truncated(m) => write!(f, "truncated WARC record: {m}"),
            WarcError::Corrupt(m) => write!(f, "corrupt WARC record: {m}"),
            WarcError::CutAfter(m) => write!(f, "the file is cut short: {m}"),
        }
    }
}

fn io_error(e: io::Error, what: &str, record: u64) -> WarcError {
    if e.kind() == io::ErrorKind::UnexpectedEof {
        WarcError::Truncated(format!("the file ends early, {what} {record}"))
    } else {
        WarcError::Corrupt(format!("{e}, {what} {record}"))
    }
}

/// The named fields of one WARC record header.
#[derive(Debug, Clone, Default)]
pub struct WarcHeader {
    /// Fields in order, names as written.
    pub fields: Vec<(String, String)>,
    /// The block length (`Content-Length`).
    pub length: u64,
}

impl WarcHeader {
    /// The value of a field, by case-insensitive name.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The record type (`WARC-Type`), lower-cased.
    pub fn record_type(&self) -> String {
        self.get("WARC-Type").unwrap_or("").to_ascii_lowercase()
    }
}

/// A record's block, as far as it was read.
#[derive(Debug)]
pub enum Block {
    /// Read whole.
    Read(Vec<u8>),
    /// Skipped because the caller did not want it.
    Skipped,
    /// Skipped because it is larger than the limit; its first bytes are kept.
    TooLarge(Vec<u8>),
}

/// Reads WARC records one after the other from a (decompressed) stream.
pub struct WarcReader<R> {
    inner: R,
    /// Number of records read so far.
    pub records: u64,
}

impl<R: BufRead> WarcReader<R> {
    /// A reader over a decompressed WARC stream (use [`MultiGzDecoder`] for `.warc.gz`).
    pub fn new(inner: R) -> Self {
        WarcReader { inner, records: 0 }
    }

    /// The next record: its header, and its block when `want` says so and it is at most
    /// `max_block` bytes. `Ok(None)` at the clean end of the stream.
    pub fn next_record(
        &mut self,
        want: impl FnOnce(&WarcHeader) -> bool,
        max_block: u64,
    ) -> Result<Option<(WarcHeader, Block)>, WarcError> {
        let Some(header) = self.read_header()? else {
            return Ok(None);
        };
        let no = self.records + 1;
        let n = header.length;
        let wanted = want(&header);
        let block = if wanted && n <= max_block {
            let mut buf = Vec::with_capacity(n.min(1 << 20) as usize);
            (&mut self.inner)
                .take(n)
                .read_to_end(&mut buf)
                .map_err(|e| io_error(e, "in the block of record", no))?;
            if (buf.len() as u64) < n {
                return Err(self.short_block(&header, buf.len() as u64));
            }
            Block::Read(buf)
        } else {
            // Of a wanted block over the limit, keep the start: enough to say what it is.
            let keep = if wanted { n.min(PREFIX_BYTES) } else { 0 };
            let mut prefix = Vec::with_capacity(keep as usize);
            (&mut self.inner)
                .take(keep)
                .read_to_end(&mut prefix)
                .map_err(|e| io_error(e, "in the block of record", no))?;
            if (prefix.len() as u64) < keep {
                return Err(self.short_block(&header, prefix.len() as u64));
            }
            let copied = keep
                + io::copy(&mut (&mut self.inner).take(n - keep), &mut io::sink())
                    .map_err(|e| io_error(e, "in the block of record", no))?;
            if copied < n {
                return Err(self.short_block(&header, copied));
            }
            if wanted {
                Block::TooLarge(prefix)
            } else {
                Block::Skipped
            }
        };
        self.skip_separator()
            .map_err(|e| io_error(e, "after record", no))?;
        self.records += 1;
        Ok(Some((header, block)))
    }

    fn short_block(&self, h: &WarcHeader, got: u64) -> WarcError {
        WarcError::Truncated(format!(
            "record {} ({}) declares {} bytes but the file ends after {got}",
            self.records + 1,
            h.get("WARC-Record-ID").unwrap_or("no id"),
            h.length
        ))
    }

    /// Consumes the CRLF CRLF after a block (tolerating bare LFs or a missing separator at the end).
    fn skip_separator(&mut self) -> io::Result<()> {
        for _ in 0..4 {
            let buf = self.inner.fill_buf()?;
            match buf.first() {
                Some(b'\r') | Some(b'\n') => self.inner.consume(1),
                _ => break,
            }
        }
        Ok(())
    }

    fn read_header(&mut self) -> Result<Option<WarcHeader>, WarcError> {
        let mut limited = (&mut self.inner).take(MAX_HEADER_BYTES);
        let mut line = Vec::new();
        // The version line, after any stray blank lines.
        loop {
            line.clear();
            let n = match limited.read_until(b'\n', &mut line) {
                Ok(n) => n,
                Err(e) if line.is_empty() => {
                    return Err(WarcError::CutAfter(format!(
                        "{e} after record {} (which was read whole)",
                        self.records
                    )));
                }
                Err(e) => return Err(io_error(e, "in the header of record", self.records + 1)),
            };
            if n == 0 {
                return Ok(None);
            }
            if !trim_eol(&line).is_empty() {
                break;
            }
        }
        let version = String::from_utf8_lossy(trim_eol(&line)).into_owned();
        if !version.starts_with("WARC/") {
            return Err(WarcError::Corrupt(format!(
                "expected a WARC/ version line after record {}, found {:?}",
                self.records,
                version.chars().take(40).collect::<String>()
            )));
        }
        let mut fields: Vec<(String, String)> = Vec::new();
        loop {
            line.clear();
            let n = limited
                .read_until(b'\n', &mut line)
                .map_err(|e| io_error(e, "in the header of record", self.records + 1))?;
            if n == 0 || !line.ends_with(b"\n") {
                if limited.limit() == 0 {
                    return Err(WarcError::Corrupt(format!(
                        "header of record {} is over {MAX_HEADER_BYTES} bytes",
                        self.records + 1
                    )));
                }
                return Err(WarcError::Truncated(format!(
                    "the file ends in the header of record {}",
                    self.records + 1
                )));
            }
            let text = trim_eol(&line);
            if text.is_empty() {
                break;
            }
            let text = String::from_utf8_lossy(text);
            if text.starts_with([' ', '\t']) {
                if let Some(last) = fields.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(text.trim());
                }
                continue;
            }
            match text.split_once(':') {
                Some((name, value)) => {
                    fields.push((name.trim().to_string(), value.trim().to_string()))
                }
                None => {
                    return Err(WarcError::Corrupt(format!(
                        "header line without a colon in record {}: {:?}",
                        self.records + 1,
                        text.chars().take(40).collect::<String>()
                    )));
                }
            }
        }
        let mut header = WarcHeader { fields, length: 0 };
        header.length = match header
            .get("Content-Length")
            .map(|v| v.trim().parse::<u64>())
        {
            Some(Ok(n)) => n,
            _ => {
                return Err(WarcError::Corrupt(format!(
                    "record {} has no valid Content-Length",
                    self.records + 1
                )));
            }
        };
        Ok(Some(header))
    }
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// What a WARC record turns into.
#[derive(Debug)]
pub enum Page {
    /// An HTML page to extract, with the charset its HTTP header declared.
    Html {
        /// The page bytes (HTTP body, de-chunked and decompressed).
        body: Vec<u8>,
        /// The HTTP `Content-Type` charset, if any.
        charset: Option<String>,
    },
    /// Not extracted, for this reason (a short label used in the summary).
    Skip(String),
    /// The record claims to be a page but cannot be understood.
    Bad(String),
}

/// Record types whose block may be a page.
pub fn may_be_page(h: &WarcHeader) -> bool {
    matches!(h.record_type().as_str(), "response" | "resource")
}

/// Turns a record into a page to extract, or says why not.
pub fn page(h: &WarcHeader, block: Vec<u8>) -> Page {
    match h.record_type().as_str() {
        "response" => {
            let ct = h.get("Content-Type").unwrap_or("").to_ascii_lowercase();
            if ct.starts_with("application/http") {
                http_page(block)
            } else {
                // A response record without an HTTP message (e.g. a dns: record).
                Page::Skip("non-html".into())
            }
        }
        "resource" => {
            let ct = h.get("Content-Type");
            if is_html(ct, &block) {
                Page::Html {
                    charset: ct.and_then(charset_param),
                    body: block,
                }
            } else {
                Page::Skip("non-html".into())
            }
        }
        "" => Page::Skip("untyped".into()),
        other => Page::Skip(other.to_string()),
    }
}

/// Parses an HTTP response message and checks status and media type.
fn http_page(block: Vec<u8>) -> Page {
    let mut headers = vec![httparse::EMPTY_HEADER; 256];
    let mut resp = httparse::Response::new(&mut headers);
    let offset = match resp.parse(&block) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => {
            return Page::Bad("incomplete HTTP response header".into());
        }
        Err(e) => return Page::Bad(format!("malformed HTTP response header: {e}")),
    };
    let status = resp.code.unwrap_or(0);
    if !(200..300).contains(&status) {
        return Page::Skip(format!("status {}xx", status / 100));
    }
    let header = |name: &str| {
        resp.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
    };
    let content_type = header("Content-Type");
    let chunked =
        header("Transfer-Encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    let encoding = header("Content-Encoding").map(|v| v.to_ascii_lowercase());
    let mut body = block[offset..].to_vec();
    if chunked && let Some(d) = dechunk(&body) {
        body = d;
    }
    match encoding.as_deref().map(str::trim) {
        None | Some("") | Some("identity") => {}
        Some("gzip") | Some("x-gzip") => {
            let mut out = Vec::new();
            if MultiGzDecoder::new(body.as_slice())
                .read_to_end(&mut out)
                .is_ok()
            {
                body = out;
            }
        }
        Some("deflate") => {
            let mut out = Vec::new();
            if ZlibDecoder::new(body.as_slice())
                .read_to_end(&mut out)
                .is_ok()
            {
                body = out;
            }
        }
        Some(other) => {
            // Archives often store the decoded body; only refuse what is clearly still encoded.
            if !looks_like_html(&body) {
                return Page::Bad(format!("unsupported Content-Encoding {other:?}"));
            }
        }
    }
    if !is_html(content_type.as_deref(), &body) {
        return Page::Skip("non-html".into());
    }
    Page::Html {
        charset: content_type.as_deref().and_then(charset_param),
        body,
    }
}

/// Whether a body is HTML: by its media type, or by sniffing when there is none.
fn is_html(content_type: Option<&str>, body: &[u8]) -> bool {
    let media = content_type
        .map(|c| {
            c.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    match media.as_str() {
        "text/html" | "application/xhtml+xml" => true,
        "" | "unknown/unknown" | "application/unknown" | "*/*" => looks_like_html(body),
        _ => false,
    }
}

/// The WHATWG MIME sniffing patterns for HTML.
fn looks_like_html(body: &[u8]) -> bool {
    let start = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let start = match start.iter().position(|b| !b.is_ascii_whitespace()) {
        Some(i) => &start[i..],
        None => return false,
    };
    const TAGS: &[&[u8]] = &[
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<script",
        b"<iframe",
        b"<h1",
        b"<div",
        b"<font",
        b"<table",
        b"<a",
        b"<style",
        b"<title",
        b"<b",
        b"<body",
        b"<br",
        b"<p",
        b"<!--",
    ];
    TAGS.iter().any(|t| {
        start.len() > t.len()
            && start[..t.len()].eq_ignore_ascii_case(t)
            && (t == b"<!--"
                || matches!(
                    start[t.len()],
                    b' ' | b'>' | b'\t' | b'\n' | b'\r' | b'\x0c'
                ))
    })
}

/// The `charset` parameter of a Content-Type value.
fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        if !k.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let v = v.trim().trim_matches(['"', '\'']).trim();
        (!v.is_empty()).then(|| v.to_string())
    })
}

/// Decodes a chunked transfer-encoded body; `None` if it is not validly chunked.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let (used, size) = match httparse::parse_chunk_size(body) {
            Ok(httparse::Status::Complete(x)) => x,
            _ => return None,
        };
        body = &body[used..];
        if size == 0 {
            return Some(out);
        }
        let size = usize::try_from(size).ok()?;
        if body.len() < size {
            return None;
        }
        out.extend_from_slice(&body[..size]);
        body = &body[size..];
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_comes_from_the_content_type_parameter() {
        assert_eq!(
            charset_param("text/html; charset=ISO-8859-1").as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(
            charset_param("text/html;Charset=\"utf-8\"").as_deref(),
            Some("utf-8")
        );
        assert_eq!(charset_param("text/html"), None);
    }

    #[test]
    fn html_is_recognised_by_media_type_or_by_sniffing_when_untyped() {
        assert!(is_html(Some("text/html; charset=utf-8"), b""));
        assert!(is_html(Some("application/xhtml+xml"), b""));
        assert!(!is_html(Some("image/png"), b"<html>"));
        assert!(is_html(None, b"\n  <!DOCTYPE html><html>"));
        assert!(!is_html(None, b"{\"json\": true}"));
    }

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").as_deref(),
            Some(&b"hello world"[..])
        );
        assert_eq!(dechunk(b"<html>"), None);
    }

    #[test]
    fn http_status_other_than_2xx_is_skipped() {
        let p = http_page(b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n".to_vec());
        assert!(matches!(p, Page::Skip(ref r) if r == "status 3xx"));
    }
}

#[cfg(test)]
mod robustness {
    use super::*;
    use proptest::prelude::*;

    fn record() -> Vec<u8> {
        let http: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n<p>\r\n0\r\n\r\n";
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.example/\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        r.extend_from_slice(http);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    /// Reads every record of `bytes` the way the CLI does; returns how many were read.
    fn read_all(bytes: &[u8]) -> usize {
        let mut r = WarcReader::new(bytes);
        let mut n = 0;
        while let Ok(Some((h, block))) = r.next_record(may_be_page, 1 << 20) {
            if let Block::Read(b) | Block::TooLarge(b) = block {
                let _ = page(&h, b);
            }
            n += 1;
        }
        n
    }

    #[test]
    fn a_well_formed_record_is_read() {
        assert_eq!(read_all(&record().repeat(3)), 3);
        let bytes = record();
        let mut r = WarcReader::new(bytes.as_slice());
        let Ok(Some((h, Block::Read(b)))) = r.next_record(may_be_page, 1 << 20) else {
            panic!("one record")
        };
        assert_eq!(h.get("warc-target-uri"), Some("https://a.example/"));
        assert!(matches!(page(&h, b), Page::Html { body, .. } if body == b"<p>"));
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            read_all(&bytes);
        }

        #[test]
        fn damaged_records_never_panic(pos in 0..400usize, byte in any::<u8>(), cut in 0..400usize) {
            let mut bytes = record().repeat(2);
            let pos = pos % bytes.len();
            bytes[pos] = byte;
            bytes.truncate(cut.max(1));
            read_all(&bytes);
        }
    }
}
