//! Class/id words of an element: what authors and platforms call a box ("comment",
//! "sidebar", "content", "share"), as a set of the words the content model reads.
//!
//! A word is one of [`crate::clean::for_each_word`] (runs of ASCII letters, split before an
//! upper-case letter that follows a lower-case one: `postBody` is "post" and "body",
//! lower-cased) of at least three letters. The model reads the [`WORDS`] that the most pages of the
//! corpus use (chosen by `quality/names.py`, which splits values the same way); other words
//! are not read. A block's set is the union over itself and its ancestors, so a paragraph
//! inside `<div class="comment-body">` carries "comment" and "body".
//!
//! A value holding a `/` is a URL or a path (an archive's `<text id="http://…">` wrapper, a
//! page address used as an anchor), not a name a template author chose: its words would
//! say what the page is about, not what the box is, so it is skipped.

pub(crate) use super::name_words::WORDS;
use crate::dom::{Document, Ix};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// A set of [`WORDS`]: bit `k % 64` of `set[k / 64]` is the word `WORDS[k]`.
pub(crate) type NameSet = [u64; WORDS.len().div_ceil(64)];

/// The words of [`WORDS`] in an element's `class` and `id` values.
pub(crate) fn bits<'a>(values: impl IntoIterator<Item = &'a str>) -> NameSet {
    let mut set = NameSet::default();
    for v in values.into_iter().filter(|v| !v.contains('/')) {
        words(v, |w| {
            if let Some(&k) = INDEX.get(w) {
                let k = usize::from(k);
                set[k / 64] |= 1u64 << (k % 64);
            }
        });
    }
    set
}

/// Each word's position in [`WORDS`].
static INDEX: LazyLock<FxHashMap<&'static str, u8>> =
    LazyLock::new(|| WORDS.into_iter().zip(0u8..).collect());

/// [`bits`] remembered per distinct value: a page repeats its class lists on many elements.
#[derive(Default)]
pub(crate) struct NameCache<'a> {
    seen: FxHashMap<&'a str, NameSet>,
}

impl<'a> NameCache<'a> {
    /// The words of element `i`'s `class` and `id` values.
    pub(crate) fn element(&mut self, doc: &'a Document, i: Ix) -> NameSet {
        let mut set = NameSet::default();
        for v in doc.class_and_id(i).into_iter().flatten() {
            let words = *self.seen.entry(v).or_insert_with(|| bits([v]));
            set = union(&set, &words);
        }
        set
    }
}

/// Whether each word of [`WORDS`] is one of the names platforms give comment sections
/// ([`crate::clean::vocab::COMMENT_SECTION_WORDS`]).
pub(crate) static COMMENTS: LazyLock<[bool; WORDS.len()]> =
    LazyLock::new(|| WORDS.map(|w| crate::clean::vocab::COMMENT_SECTION_WORDS.contains(&w)));

/// Whether word `k` of [`WORDS`] is in `set`.
pub(crate) fn has(set: &NameSet, k: usize) -> bool {
    set[k / 64] >> (k % 64) & 1 == 1
}

/// Whether `set` holds any word.
pub(crate) fn any(set: &NameSet) -> bool {
    set.iter().any(|&w| w != 0)
}

/// The union of two sets.
pub(crate) fn union(a: &NameSet, b: &NameSet) -> NameSet {
    let mut out = *a;
    for (o, x) in out.iter_mut().zip(b) {
        *o |= x;
    }
    out
}

/// Calls `f` with each word of `v` the model may read: those of three letters or more.
fn words(v: &str, mut f: impl FnMut(&str)) {
    crate::clean::for_each_word(v, |w| {
        if w.len() >= 3 {
            f(w);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::{WORDS, any, bits, has, union, words};

    fn split(v: &str) -> Vec<String> {
        let mut out = Vec::new();
        words(v, |w| out.push(w.to_string()));
        out
    }

    fn word(w: &str) -> usize {
        WORDS
            .iter()
            .position(|x| *x == w)
            .unwrap_or_else(|| panic!("{w} is not read"))
    }

    #[test]
    fn words_split_at_separators_digits_and_camel_case() {
        assert_eq!(
            split("entry-content post_body"),
            ["entry", "content", "post", "body"]
        );
        assert_eq!(
            split("postBody widget3col"),
            ["post", "body", "widget", "col"]
        );
        assert_eq!(split("HTMLParser"), ["htmlparser"]);
    }

    #[test]
    fn short_runs_and_non_ascii_are_not_words() {
        assert_eq!(split("a b1 xy-z cômment"), ["mment"]);
        assert!(split("").is_empty());
    }

    #[test]
    fn the_words_are_sorted_lower_case_and_distinct() {
        assert!(WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(
            WORDS
                .iter()
                .all(|w| w.len() >= 3 && w.bytes().all(|b| b.is_ascii_lowercase()))
        );
    }

    #[test]
    fn a_word_is_found_whatever_its_case_or_spelling_around_it() {
        let one = bits(["comment"]);
        assert!(has(&one, word("comment")));
        assert_eq!(one.iter().map(|w| w.count_ones()).sum::<u32>(), 1);
        assert_eq!(bits(["Comment-3"]), one);
        assert_eq!(bits(["commentBody"]), union(&one, &bits(["body"])));
        assert_eq!(bits(["x", "js-comment"]), one);
    }

    #[test]
    fn the_comment_section_names_are_known_among_the_words() {
        assert!(super::COMMENTS[word("comment")] && super::COMMENTS[word("comments")]);
        assert!(!super::COMMENTS[word("content")]);
    }

    #[test]
    fn words_the_model_does_not_read_make_no_set() {
        assert!(!any(&bits(["zzyzx-qwv"])));
    }

    #[test]
    fn urls_and_paths_are_not_names() {
        assert!(!any(&bits(["http://example.com/weblog/comments/5933/"])));
        assert_eq!(bits(["/blog/sidebar", "content"]), bits(["content"]));
        assert!(any(&bits(["content"])));
    }
}
