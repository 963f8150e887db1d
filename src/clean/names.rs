//! Class and id names read as evidence: the vocabulary words a name holds, remembered per value.

use super::vocab;
use crate::dom::{Document, Ix};
use rustc_hash::FxBuildHasher;
use std::collections::HashMap;
use std::sync::LazyLock;

/// What each vocabulary word says, one look-up per word: its [`NameSignal`] (the
/// `comment_part` flag is never set here; it joins words of one name).
static WORDS: LazyLock<HashMap<&'static str, NameSignal, FxBuildHasher>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, NameSignal, FxBuildHasher> = HashMap::default();
    type Says = fn(&mut NameSignal);
    let lists: [(&[&'static str], Says); 6] = [
        (vocab::NEGATIVE_WORDS, |s| s.negative = true),
        (vocab::POSITIVE_WORDS, |s| s.positive = true),
        (vocab::COMMENT_SECTION_WORDS, |s| s.comments = true),
        (vocab::WEAK_NEGATIVE_WORDS, |s| s.weak_negative = true),
        (vocab::MEDIA_WORDS, |s| s.media = true),
        (&["embed", "embedded", "tweet"], |s| s.embed = true),
    ];
    for (words, set) in lists {
        for &w in words {
            set(map.entry(w).or_default());
        }
    }
    map
});

/// What the class and id names of an element say about it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct NameSignal {
    /// A boilerplate word occurs.
    pub negative: bool,
    /// A content word occurs.
    pub positive: bool,
    /// A comment-section word occurs.
    pub comments: bool,
    /// A word that lowers the score without removing the node occurs.
    pub weak_negative: bool,
    /// A gallery, slideshow or carousel word occurs.
    pub media: bool,
    /// An embedded-post word occurs ("embed", "tweet").
    pub embed: bool,
    /// One name joins a comment word and a content word ("comments-body").
    pub comment_part: bool,
}

impl NameSignal {
    /// Adds what another name says.
    pub(super) fn merge(&mut self, o: NameSignal) {
        self.negative |= o.negative;
        self.positive |= o.positive;
        self.comments |= o.comments;
        self.weak_negative |= o.weak_negative;
        self.media |= o.media;
        self.embed |= o.embed;
        self.comment_part |= o.comment_part;
    }
}

/// Splits a class or id value into lower-cased words at `-`, `_`, whitespace, digits and
/// lower-to-upper case changes, and reports what the words say.
pub fn name_signal(value: &str) -> NameSignal {
    let mut sig = NameSignal::default();
    for token in value.split_ascii_whitespace() {
        // Page builders (Elementor, Divi, WPBakery, Beaver Builder, Gutenberg) call every
        // box a widget or module, content included: their names say nothing.
        if vocab::PAGE_BUILDER_PREFIXES.iter().any(|p| {
            token
                .as_bytes()
                .get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
        }) {
            continue;
        }
        // A name of many words is a slug of the text (an id made from a heading), not a
        // component name: "receive-and-reply-to-a-message" is no reply form.
        if token.split(['-', '_']).filter(|w| !w.is_empty()).count() >= 5 {
            continue;
        }
        if vocab::PLATFORM_FURNITURE_NAMES
            .iter()
            .any(|n| n.eq_ignore_ascii_case(token))
        {
            sig.negative = true;
        }
        let mut t = NameSignal::default();
        token_signal(token, &mut t);
        // "comments-body", "comment-content": a part of a comment, not a post with comments.
        t.comment_part = t.comments && t.positive;
        sig.merge(t);
    }
    // An embedded post (a tweet, an Instagram or social-media embed) is quoted by the
    // article: "social" in its name says where it comes from, not that it is a share bar.
    if sig.embed {
        sig.negative = false;
        sig.positive = true;
    }
    sig
}

/// Longest word passed on by [`for_each_word`] (longer runs of letters name nothing).
const MAX_WORD: usize = 48;

/// Calls `f` with each word of a class or id value, lower-cased: the runs of ASCII letters,
/// split before an upper-case letter that follows a lower-case one (`postBody` is "post" and
/// "body"); anything else (`-`, `_`, spaces, digits, other characters) ends a word. A run of
/// more than [`MAX_WORD`] letters is left out. The cleaning vocabulary and the content
/// model's words (`score::names`) both read names this way.
pub(crate) fn for_each_word(value: &str, mut f: impl FnMut(&str)) {
    // The current word, lower-cased, in a fixed buffer: no allocation per class name.
    let mut word = [0u8; MAX_WORD];
    let mut len = 0usize;
    let mut prev_lower = false;
    let mut flush = |word: &[u8; MAX_WORD], len: &mut usize| {
        if (1..=MAX_WORD).contains(len) {
            // Only ASCII letters are ever stored.
            if let Ok(w) = std::str::from_utf8(&word[..*len]) {
                f(w);
            }
        }
        *len = 0;
    };
    for b in value.bytes() {
        if b.is_ascii_alphabetic() {
            if b.is_ascii_uppercase() && prev_lower {
                flush(&word, &mut len);
            }
            prev_lower = b.is_ascii_lowercase();
            if let Some(slot) = word.get_mut(len) {
                *slot = b.to_ascii_lowercase();
            }
            len = len.saturating_add(1);
        } else {
            prev_lower = false;
            flush(&word, &mut len);
        }
    }
    flush(&word, &mut len);
}

fn token_signal(token: &str, sig: &mut NameSignal) {
    for_each_word(token, |w| {
        if let Some(said) = WORDS.get(w) {
            sig.merge(*said);
        }
    });
}

/// [`name_signal`] remembered per distinct value: pages repeat the same class lists on many
/// elements, so most are read once.
#[derive(Default)]
pub(super) struct NameCache<'a> {
    seen: HashMap<&'a str, NameSignal, FxBuildHasher>,
}

impl<'a> NameCache<'a> {
    /// The combined signal of element `i`'s `class` and `id`.
    pub(super) fn element(&mut self, doc: &'a Document, i: Ix) -> NameSignal {
        let mut s = NameSignal::default();
        for v in doc.class_and_id(i).into_iter().flatten() {
            if !v.is_empty() {
                s.merge(*self.seen.entry(v).or_insert_with(|| name_signal(v)));
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names_split_into_words() {
        assert!(name_signal("post-comments").comments);
        assert!(name_signal("jp-relatedposts").negative);
        assert!(name_signal("relatedPosts").negative);
        assert!(name_signal("entry-content").positive);
        assert!(!name_signal("entry-content").negative);
        assert!(!name_signal("commentary").comments);
        assert!(name_signal("sharedaddy sd-sharing-enabled").negative);
        assert!(name_signal("message-signature").negative);
        assert!(name_signal("product-reviews__reviews-list").negative);
        assert!(name_signal("comments-body").comment_part);
        assert!(!name_signal("post has-comments").comment_part);
        assert!(!name_signal("review-body").negative);
        assert!(!name_signal("social-media-embed").negative);
        assert!(!name_signal("twitter-tweet").negative);
        assert!(!name_signal("elementor-widget-container").negative);
        assert!(!name_signal("receive-and-reply-to-an-inbound-message").comments);
    }
}
