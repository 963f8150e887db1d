//! Where a script's or style sheet's raw text ends, found by a byte scan instead of the tokenizer.
//!
//! The text of `<style>` and of scripts other than JSON-LD is read by no stage (the sink drops
//! it), yet the tokenizer would walk it character by character and hand it to the tree builder
//! run by run. Once the tree builder has switched the tokenizer to raw text for such an element,
//! the parse driver asks [`resume_point`] where the element's end tag starts and takes the
//! tokenizer's input on from there. The tree comes out exactly as without the skip: the element
//! has no text child either way, and its end tag (or the end of the input) is tokenized in the
//! same state as it would have been.

use crate::repair::end_tag;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::BufferQueue;
use html5ever::{Attribute, LocalName, local_name};
use memchr::memmem;
use std::cell::Cell;

/// What the parse driver and the nesting guard share to skip raw text: the whole input, the
/// tokenizer's input queue, and where the chunk in the queue ends.
pub(super) struct Skipper<'a> {
    text: &'a str,
    input: &'a BufferQueue,
    /// Whether to skip at all.
    enabled: bool,
    /// Offset in `text` just past the last chunk pushed to `input`.
    pub(super) chunk_end: Cell<usize>,
    /// Where the driver is to take the input on, when a skip ran past the pushed chunk.
    pub(super) resume_at: Cell<Option<usize>>,
}

impl<'a> Skipper<'a> {
    pub(super) fn new(text: &'a str, input: &'a BufferQueue, enabled: bool) -> Skipper<'a> {
        Skipper {
            text,
            input,
            enabled,
            chunk_end: Cell::new(0),
            resume_at: Cell::new(None),
        }
    }

    /// Called once the tree builder has switched the tokenizer to raw text for `raw`, right
    /// after its start tag's `>`: drops the raw text from the tokenizer's input, so that the
    /// next thing the tokenizer reads is the element's end tag (or the end of the input).
    pub(super) fn skip(&self, raw: Raw) {
        if !self.enabled {
            return;
        }
        let mut queued: Vec<StrTendril> = Vec::new();
        let mut len = 0;
        while let Some(t) = self.input.pop_front() {
            len += t.len();
            queued.push(t);
        }
        let chunk_end = self.chunk_end.get();
        let resume = chunk_end
            .checked_sub(len)
            .and_then(|from| Some((from, resume_point(self.text, from, raw)?)));
        let Some((from, at)) = resume else {
            // Let the tokenizer read it.
            queued.into_iter().for_each(|t| self.input.push_back(t));
            return;
        };
        if at >= chunk_end {
            // Past what was pushed (or to the end of input): the driver goes on from there.
            self.resume_at.set(Some(at));
            return;
        }
        // Within the queued chunk: keep the part from `at` on.
        let mut start = from;
        for t in queued {
            let end = start + t.len();
            if end > at {
                let skip = at.saturating_sub(start);
                let keep = t.len() - skip;
                // `at` is at an ASCII `<`, so the cut is on a char boundary; were it not, the
                // tokenizer would just read the whole buffer.
                match t.try_subtendril(skip as u32, keep as u32) {
                    Ok(rest) => self.input.push_back(rest),
                    Err(_) => self.input.push_back(t),
                }
            }
            start = end;
        }
    }
}

/// The raw-text element whose text no stage reads: `<style>`, or `<script>` unless its `type`
/// says JSON-LD. The sink drops such an element's text; the guard skips it when the tree
/// builder switches the tokenizer to raw text for it (not in SVG, say).
pub(super) fn unread(name: &LocalName, attrs: &[Attribute]) -> Option<Raw> {
    match *name {
        local_name!("style") => Some(Raw::Style),
        local_name!("script")
            if !attrs.iter().any(|a| {
                a.name.local == local_name!("type") && super::sink::is_json_ld_type(&a.value)
            }) =>
        {
            Some(Raw::Script)
        }
        _ => None,
    }
}

/// Which raw-text element is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Raw {
    /// `<script>`: script data, with the spec's escaped and double-escaped states.
    Script,
    /// `<style>`: raw text, ended by the first `</style`.
    Style,
}

impl Raw {
    fn name(self) -> &'static [u8] {
        match self {
            Raw::Script => b"script",
            Raw::Style => b"style",
        }
    }
}

/// Where the tokenizer can go on after the raw text of `raw` that starts at `from` in `text`:
/// the start of its end tag, or `text.len()` when the text runs to the end of the input.
/// `None` when a byte scan cannot tell (a script whose text holds both `<!--` and `<script`,
/// where the escape states decide which `</script>` ends it): the tokenizer then reads it.
pub(super) fn resume_point(text: &str, from: usize, raw: Raw) -> Option<usize> {
    let bytes = text.as_bytes();
    let rest = bytes.get(from..)?;
    let end = end_tag(rest, raw.name()).map_or(bytes.len(), |at| from + at);
    if raw == Raw::Script {
        // Without `<!--` the tokenizer never leaves the script data state, and without
        // `<script` it never enters the double-escaped one: either way the first end tag ends
        // the script. (An end tag that never comes leaves script data to the end of input.)
        let span = &bytes[from..end];
        if end < bytes.len() && memmem::find(span, b"<!--").is_some() && has_open_tag(span) {
            return None;
        }
    }
    // `end` is at an ASCII `<` or the end, so a char boundary.
    Some(end)
}

/// Whether `span` holds `<script` (ASCII case-insensitive): in escaped script data, followed by
/// a delimiter, it starts the double-escaped state.
fn has_open_tag(span: &[u8]) -> bool {
    memchr::memchr_iter(b'<', span).any(|at| {
        span.get(at + 1..at + 7)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"script"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resume(text: &str, raw: Raw) -> Option<&str> {
        resume_point(text, 0, raw).map(|at| &text[at..])
    }

    #[test]
    fn the_first_appropriate_end_tag_ends_the_text() {
        assert_eq!(
            resume("a < b; x = '</p>';</script>z", Raw::Script),
            Some("</script>z")
        );
        assert_eq!(resume("p{}</STYLE >z", Raw::Style), Some("</STYLE >z"));
        assert_eq!(resume("a</script/>", Raw::Script), Some("</script/>"));
        assert_eq!(resume("a</script\n>", Raw::Script), Some("</script\n>"));
    }

    #[test]
    fn a_longer_name_or_a_missing_delimiter_is_not_the_end_tag() {
        assert_eq!(
            resume("a</scripts></scriptx></script>", Raw::Script),
            Some("</script>")
        );
        assert_eq!(resume("a</styles></style>", Raw::Style), Some("</style>"));
    }

    #[test]
    fn text_without_an_end_tag_runs_to_the_end_of_input() {
        assert_eq!(resume("var a = 1; </script", Raw::Script), Some(""));
        assert_eq!(resume("p{} </sty", Raw::Style), Some(""));
        assert_eq!(resume("", Raw::Style), Some(""));
    }

    #[test]
    fn escaped_script_text_is_left_to_the_tokenizer_only_when_it_could_nest() {
        // `<!--` alone: the escaped state still ends at the first `</script>`.
        assert_eq!(
            resume("<!-- var a = 1; //--></script>", Raw::Script),
            Some("</script>")
        );
        // `<script` alone (no escape): plain text.
        assert_eq!(
            resume("document.write('<script>')</script>", Raw::Script),
            Some("</script>")
        );
        // Both: the double-escaped state may skip the first `</script>`.
        assert_eq!(
            resume(
                "<!-- document.write('<script></script>') --></script>",
                Raw::Script
            ),
            None
        );
        // Style sheets have no escapes.
        assert_eq!(
            resume("<!-- <style></style> -->", Raw::Style),
            Some("</style> -->")
        );
    }

    #[test]
    fn the_scan_starts_where_it_is_told() {
        let text = "<script>a</script><script>b</script>";
        assert_eq!(resume_point(text, 8, Raw::Script), Some(9));
        assert_eq!(resume_point(text, 26, Raw::Script), Some(27));
        assert_eq!(resume_point(text, 99, Raw::Script), None);
    }
}
