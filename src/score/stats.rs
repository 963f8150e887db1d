//! Per-node text statistics of the live document: lengths, links, commas, block counts.

#![allow(clippy::needless_range_loop)] // the arena is walked by index ranges

use crate::clean::{Marks, measure};
use crate::dom::{Document, Ix};

/// Inline elements: text inside them belongs to the nearest block ancestor.
pub(crate) fn is_inline(tag: &str) -> bool {
    matches!(
        tag,
        "a" | "span"
            | "em"
            | "strong"
            | "b"
            | "i"
            | "u"
            | "small"
            | "big"
            | "sub"
            | "sup"
            | "code"
            | "abbr"
            | "cite"
            | "q"
            | "mark"
            | "time"
            | "font"
            | "label"
            | "s"
            | "strike"
            | "del"
            | "ins"
            | "br"
            | "img"
            | "wbr"
            | "bdi"
            | "bdo"
            | "data"
            | "dfn"
            | "kbd"
            | "samp"
            | "var"
            | "tt"
            | "nobr"
            | "picture"
    )
}

/// Per-node statistics of the live (not junk) document.
pub(crate) struct Stats {
    /// Text length of the subtree.
    pub len: Vec<u32>,
    /// Text length inside links.
    pub link_len: Vec<u32>,
    /// Text length inside card links: links that wrap a heading and a description (a teaser
    /// card, a product or service tile), at least 100 characters.
    pub card_len: Vec<u32>,
    /// Commas (of any script) in the subtree.
    pub commas: Vec<u32>,
    /// Text length owned directly (not through a nested block).
    pub own_len: Vec<u32>,
    /// Commas owned directly.
    pub own_commas: Vec<u32>,
    /// Text length inside links, owned directly.
    pub own_link: Vec<u32>,
    /// Sentence ends (`.`, `!`, `?` and their CJK forms) owned directly.
    pub own_stops: Vec<u32>,
    /// Words (runs of non-space characters) owned directly.
    pub own_words: Vec<u32>,
    /// The block that owns each node's text: the node itself for a block element, else the
    /// owner of its parent (text, inline elements, formulas).
    pub owner: Vec<Ix>,
    /// Counts of `p`, `li`, `img`, `input`, headings in the subtree.
    pub p: Vec<u32>,
    pub li: Vec<u32>,
    pub img: Vec<u32>,
    pub input: Vec<u32>,
    pub headings: Vec<u32>,
}

/// What an ASCII character counts as in [`text_counts`]: a comma, a sentence end, white space
/// (`char::is_whitespace`'s ASCII set), or nothing.
const COMMA: u8 = 1;
const STOP: u8 = 2;
const SPACE: u8 = 4;
static ASCII_MARKS: [u8; 128] = {
    let mut m = [0u8; 128];
    m[b',' as usize] = COMMA;
    m[b'.' as usize] = STOP;
    m[b'!' as usize] = STOP;
    m[b'?' as usize] = STOP;
    let mut b = 9;
    while b <= 13 {
        m[b] = SPACE;
        b += 1;
    }
    m[b' ' as usize] = SPACE;
    m
};

/// Commas (of any script), sentence ends and words of a text, in one pass.
fn text_counts(t: &str) -> (u32, u32, u32) {
    let (mut commas, mut stops, mut words) = (0, 0, 0);
    let mut in_word = false;
    let bytes = t.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // ASCII by a table look-up, without branching on the character; anything else decoded.
        let mark = match ASCII_MARKS.get(usize::from(b)) {
            Some(&m) => {
                i += 1;
                m
            }
            None => {
                let Some(c) = t.get(i..).and_then(|r| r.chars().next()) else {
                    break;
                };
                i += c.len_utf8();
                match c {
                    '，' | '、' | '،' => COMMA,
                    '。' | '！' | '？' => STOP,
                    c if c.is_whitespace() => SPACE,
                    _ => 0,
                }
            }
        };
        commas += u32::from(mark & COMMA);
        stops += u32::from((mark & STOP) >> 1);
        let space = mark & SPACE != 0;
        words += u32::from(!space && !in_word);
        in_word = !space;
    }
    (commas, stops, words)
}

/// Ids and anchor names of the document's elements: the targets of in-page links.
fn anchor_targets(doc: &Document) -> rustc_hash::FxHashSet<&str> {
    (1..doc.len())
        .filter(|&i| doc.is_element(i))
        .flat_map(|i| doc.attrs(i))
        .filter(|&(name, value)| matches!(name, "id" | "name") && !value.is_empty())
        .map(|(_, value)| value)
        .collect()
}

pub(crate) fn stats(doc: &Document, marks: &Marks) -> Stats {
    let n = doc.len();
    let mut owner = vec![0usize; n];
    let mut in_link = vec![false; n];
    // A formula's elements (MathML tokens, rows, fractions) are inline: their text belongs to
    // the block the formula stands in.
    let mut in_math = vec![false; n];
    let targets = anchor_targets(doc);
    // A link to a place in the page itself (a table of contents, a footnote mark) does not
    // lead away from the text: it is not link text.
    let leads_away = |i: Ix| match doc.attr(i, "href").map(str::trim) {
        Some(h) => match h.strip_prefix('#') {
            Some(frag) => !targets.contains(frag),
            None => true,
        },
        None => true,
    };
    for i in 1..n {
        let p = doc.parent(i);
        let t = doc.tag(i);
        in_link[i] = (t == "a" && leads_away(i)) || in_link[p];
        in_math[i] = t == "math" || in_math[p];
        owner[i] = if doc.is_element(i) && !is_inline(t) && !in_math[i] {
            i
        } else {
            owner[p]
        };
    }
    let zero = || vec![0u32; n];
    let mut s = Stats {
        len: zero(),
        link_len: zero(),
        card_len: zero(),
        commas: zero(),
        own_len: zero(),
        own_commas: zero(),
        own_link: zero(),
        own_stops: zero(),
        own_words: zero(),
        owner: Vec::new(),
        p: zero(),
        li: zero(),
        img: zero(),
        input: zero(),
        headings: zero(),
    };
    for i in (1..n).rev() {
        if marks.dead[i] {
            continue;
        }
        if let Some(t) = doc.text(i) {
            // Measured when the page was marked (a live text node has no never-content parent).
            let l = marks.len[i];
            debug_assert_eq!(l, measure(t));
            let (c, stops, words) = text_counts(t);
            s.len[i] = l;
            s.commas[i] = c;
            let o = owner[i];
            if in_link[i] {
                s.link_len[i] = l;
                s.own_link[o] += l;
            }
            s.own_len[o] += l;
            s.own_commas[o] += c;
            s.own_stops[o] += stops;
            s.own_words[o] += words;
        } else {
            match doc.tag(i) {
                "p" => s.p[i] += 1,
                "li" => s.li[i] += 1,
                "img" => s.img[i] += 1,
                "input" | "textarea" | "select" => s.input[i] += 1,
                "h2" | "h3" | "h4" | "h5" | "h6" => s.headings[i] += 1,
                "a" if s.headings[i] > 0 && s.len[i] >= 100 => s.card_len[i] = s.link_len[i],
                _ => {}
            }
        }
        let p = doc.parent(i);
        s.len[p] += s.len[i];
        s.link_len[p] += s.link_len[i];
        s.card_len[p] += s.card_len[i];
        s.headings[p] += s.headings[i];
        s.commas[p] += s.commas[i];
        s.p[p] += s.p[i];
        s.li[p] += s.li[i];
        s.img[p] += s.img[i];
        s.input[p] += s.input[i];
    }
    s.owner = owner;
    s
}

impl Stats {
    pub(crate) fn link_density(&self, i: Ix) -> f32 {
        if self.len[i] == 0 {
            0.0
        } else {
            self.link_len[i] as f32 / self.len[i] as f32
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The counts character by character, as the spec of [`text_counts`].
    fn by_chars(t: &str) -> (u32, u32, u32) {
        let (mut commas, mut stops, mut words) = (0, 0, 0);
        let mut in_word = false;
        for c in t.chars() {
            commas += u32::from(matches!(c, ',' | '，' | '、' | '،'));
            stops += u32::from(matches!(c, '.' | '!' | '?' | '。' | '！' | '？'));
            let space = c.is_whitespace();
            words += u32::from(!space && !in_word);
            in_word = !space;
        }
        (commas, stops, words)
    }

    #[test]
    fn commas_stops_and_words_are_counted_in_any_script() {
        for t in [
            "",
            "One, two. Three!  Four?\tfive\n",
            "\x0b\x0c\r x\x1fy",
            "中文，句子。还有！问题？",
            "عربي، نص",
            "a\u{a0}b\u{2003}c\u{3000}d\u{85}e",
            "émigré, café… naïve",
        ] {
            assert_eq!(text_counts(t), by_chars(t), "{t:?}");
        }
        assert_eq!(text_counts("One, two. Three!"), (1, 2, 3));
    }
}
