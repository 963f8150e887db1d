//! The nesting guard between html5ever's tokenizer and tree builder: keeps the tree builder out
//! of its quadratic paths, stops passing tokens on once the sink is full, and checks the deadline.

use super::rawtext::{self, Raw, Skipper};
use super::sink::Sink;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::tree_builder::TreeBuilder;
use html5ever::{LocalName, local_name};
use std::cell::Cell;
use std::time::Instant;

/// Tokens between two looks at the clock.
const TOKENS_PER_CHECK: u32 = 4096;

/// Tags the guard counts and may drop: containers and formatting elements that nest freely.
/// Raw-text, table, form-control, foreign (svg/math) and implicitly closed tags are never
/// touched, so the tokenizer state and the table/list structure stay exactly as html5ever has them.
fn guarded_slot(name: &LocalName) -> Option<usize> {
    Some(match *name {
        local_name!("div") => 0,
        local_name!("span") => 1,
        local_name!("section") => 2,
        local_name!("article") => 3,
        local_name!("aside") => 4,
        local_name!("nav") => 5,
        local_name!("header") => 6,
        local_name!("footer") => 7,
        local_name!("main") => 8,
        local_name!("blockquote") => 9,
        local_name!("ul") => 10,
        local_name!("ol") => 11,
        local_name!("dl") => 12,
        local_name!("b") => 13,
        local_name!("i") => 14,
        local_name!("u") => 15,
        local_name!("s") => 16,
        local_name!("em") => 17,
        local_name!("strong") => 18,
        local_name!("a") => 19,
        local_name!("font") => 20,
        local_name!("small") => 21,
        local_name!("big") => 22,
        local_name!("center") => 23,
        local_name!("code") => 24,
        local_name!("nobr") => 25,
        local_name!("tt") => 26,
        local_name!("strike") => 27,
        local_name!("figure") => 28,
        local_name!("details") => 29,
        local_name!("q") => 30,
        local_name!("sub") => 31,
        local_name!("sup") => 32,
        local_name!("cite") => 33,
        local_name!("abbr") => 34,
        local_name!("label") => 35,
        _ => return None,
    })
}
pub(super) const GUARDED: usize = 36;

/// Block tags that html5ever closes implicitly and whose start tags scan the whole stack of open
/// elements (for an open `<p>` in button scope): while the guard is dropping nested elements,
/// these are dropped too, start and end tags alike, so that 65,000 nested `<ul><li>` do not
/// cost a scan of a thousand-element stack each. Their text stays; the arena would flatten
/// them anyway, as they sit deeper than [`Limits::max_depth`].
fn flattened_in_overflow(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("li")
            | local_name!("dd")
            | local_name!("dt")
            | local_name!("p")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("address")
            | local_name!("dir")
            | local_name!("menu")
            | local_name!("hgroup")
            | local_name!("figcaption")
            | local_name!("summary")
            | local_name!("dialog")
            | local_name!("search")
    )
}

/// Keeps html5ever out of its quadratic paths (html5ever issue 788: each start tag scans the
/// stack of open elements, and the list of active formatting elements, so 100,000 nested
/// `<div>`s or `<b><a>`s take minutes). Once `cap` guarded elements are open, further guarded
/// start tags are dropped, with their matching end tags; their content stays, under the
/// nearest kept element, which is what [`Limits::max_depth`] flattening does to deep elements
/// anyway (the cap is twice that depth, so pages within the limit are parsed unchanged).
///
/// It also ends the parse early: once the sink is full (a node or memory cap) or the deadline
/// has passed (looked at every few thousand tokens), no token but the end of file goes on.
///
/// And it skips the raw text that no stage reads (style sheets, scripts other than JSON-LD):
/// see [`rawtext`].
pub(super) struct NestingGuard<'a> {
    pub(super) inner: TreeBuilder<usize, Sink>,
    pub(super) cap: usize,
    /// When the parse must stop.
    pub(super) deadline: Option<Instant>,
    /// Tokens since the clock was last read.
    pub(super) ticks: Cell<u32>,
    /// The deadline has passed.
    pub(super) timed_out: Cell<bool>,
    /// Guarded elements open, all tags together.
    pub(super) total: Cell<usize>,
    /// Open (start tag seen, end tag not yet) guarded elements, per tag.
    pub(super) open: [Cell<u32>; GUARDED],
    /// Start tags dropped whose end tag has not come yet, per tag.
    pub(super) dropped: [Cell<u32>; GUARDED],
    /// All of `dropped` together: while it is above zero, the guard is inside dropped elements.
    pub(super) dropping: Cell<u64>,
    /// Takes unread raw text out of the tokenizer's input.
    pub(super) skipper: Skipper<'a>,
}

impl NestingGuard<'_> {
    /// Whether the parse is to go no further: the sink is full or the time is up.
    pub(super) fn stopped(&self) -> bool {
        self.timed_out.get() || self.inner.sink.is_full()
    }

    /// Reads the clock every [`TOKENS_PER_CHECK`] tokens.
    fn tick(&self) {
        let Some(deadline) = self.deadline else {
            return;
        };
        let t = self.ticks.get() + 1;
        if t < TOKENS_PER_CHECK {
            self.ticks.set(t);
            return;
        }
        self.ticks.set(0);
        if Instant::now() >= deadline {
            self.timed_out.set(true);
        }
    }
}

impl TokenSink for NestingGuard<'_> {
    type Handle = usize;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<usize> {
        self.tick();
        if self.stopped() && !matches!(token, Token::EOFToken) {
            return TokenSinkResult::Continue;
        }
        if let Token::TagToken(tag) = &token
            && self.dropping.get() > 0
            && flattened_in_overflow(&tag.name)
        {
            return TokenSinkResult::Continue;
        }
        if let Token::TagToken(tag) = &token
            && let Some(k) = guarded_slot(&tag.name)
        {
            match tag.kind {
                TagKind::StartTag => {
                    if self.total.get() >= self.cap {
                        if self.dropped[k].get() < u32::MAX {
                            self.dropped[k].set(self.dropped[k].get() + 1);
                            self.dropping.set(self.dropping.get() + 1);
                        }
                        return TokenSinkResult::Continue;
                    }
                    self.open[k].set(self.open[k].get().saturating_add(1));
                    self.total.set(self.total.get() + 1);
                }
                TagKind::EndTag => {
                    if self.dropped[k].get() > 0 {
                        self.dropped[k].set(self.dropped[k].get() - 1);
                        self.dropping.set(self.dropping.get().saturating_sub(1));
                        return TokenSinkResult::Continue;
                    }
                    if self.open[k].get() > 0 {
                        self.open[k].set(self.open[k].get() - 1);
                        self.total.set(self.total.get().saturating_sub(1));
                    }
                }
            }
        }
        let unread = match &token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                rawtext::unread(&tag.name, &tag.attrs)
            }
            _ => None,
        };
        let result = self.inner.process_token(token, line_number);
        if let (Some(raw), TokenSinkResult::RawData(kind)) = (unread, &result)
            && matches!(
                (raw, kind),
                (Raw::Script, RawKind::ScriptData) | (Raw::Style, RawKind::Rawtext)
            )
        {
            self.skipper.skip(raw);
        }
        result
    }

    fn end(&self) {
        self.inner.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}
