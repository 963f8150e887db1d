//! Drops what the page says twice (repeated lines, quotes of earlier paragraphs).

use crate::content::Block;

/// Drops what the page says twice:
/// - blocks whose text already stood earlier: a repeated line (the same teaser, date, label
///   or call to action twice), list or caption is boilerplate or a layout's duplicate, while
///   long paragraphs, code and tables are left alone, since repetition there can be the
///   author's;
/// - block quotes made of paragraphs that already stood earlier: a reply quoting the post it
///   answers (forums) or a pull quote repeating the article's own words.
pub(super) fn drop_repeats(blocks: Vec<Block>) -> Vec<Block> {
    let key = |b: &Block| repeat_key(&crate::render::text(std::slice::from_ref(b)));
    let mut seen: rustc_hash::FxHashSet<String> = Default::default();
    let mut kept = Vec::with_capacity(blocks.len());
    for b in blocks {
        let keep = match &b {
            Block::Code { .. } | Block::Table { .. } | Block::Rule => true,
            Block::Quote { blocks: inner } => {
                let keys: Vec<String> = inner.iter().map(key).filter(|k| !k.is_empty()).collect();
                let repeated = !keys.is_empty() && keys.iter().all(|k| seen.contains(k));
                for k in keys {
                    seen.insert(k);
                }
                !repeated
            }
            _ => {
                let k = key(&b);
                if k.is_empty() {
                    true
                } else if k.len() > 200 && matches!(b, Block::Paragraph { .. }) {
                    seen.insert(k);
                    true
                } else {
                    seen.insert(k)
                }
            }
        };
        if keep {
            kept.push(b);
        }
    }
    kept
}

/// A block's text as [`drop_repeats`] compares it: words joined by single spaces, lower-cased
/// (`split_whitespace().join(" ").to_lowercase()`, built in one pass).
fn repeat_key(text: &str) -> String {
    if text.contains('Σ') {
        // A capital sigma lower-cases by its place in the word: leave that to `to_lowercase`.
        return text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
    }
    let mut key = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        if word.is_ascii() {
            let from = key.len();
            key.push_str(word);
            key[from..].make_ascii_lowercase();
        } else {
            key.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Inline;

    fn para(t: &str) -> Block {
        Block::Paragraph {
            inlines: vec![Inline::text(t)],
        }
    }

    #[test]
    fn repeat_keys_are_joined_lower_cased_words() {
        for t in [
            "  Hello   World\n",
            "ÀB  Ça\tVA",
            "ΣΑΣ ΟΔΟΣ",
            "İstanbul  K",
            "",
        ] {
            let old = t
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            assert_eq!(repeat_key(t), old, "{t:?}");
        }
    }

    #[test]
    fn a_repeated_long_list_goes() {
        let item = "An item of a product grid that the page lays out twice for two screen sizes.";
        let list = Block::List {
            ordered: false,
            start: 1,
            items: vec![vec![para(item)], vec![para(item)], vec![para(item)]],
        };
        assert_eq!(
            drop_repeats(vec![list.clone(), para("Between."), list.clone()]),
            vec![list, para("Between.")]
        );
    }

    #[test]
    fn repeated_short_lines_go_but_repeated_paragraphs_stay() {
        let long = "A long paragraph that an author may well repeat on purpose. ".repeat(5);
        let blocks = vec![
            para("Jan 13, 2025"),
            para(&long),
            para("Jan  13, 2025"),
            para(&long),
        ];
        let kept = drop_repeats(blocks);
        assert_eq!(kept, vec![para("Jan 13, 2025"), para(&long), para(&long)]);
    }

    #[test]
    fn a_quote_of_what_already_stood_goes_but_a_new_quote_stays() {
        let post = "The question as the first post asked it, at some length and with care.";
        let blocks = vec![
            para(post),
            Block::Quote {
                blocks: vec![para(post)],
            },
            para("The reply to it."),
            Block::Quote {
                blocks: vec![para(
                    "Words quoted from elsewhere, said for the first time here.",
                )],
            },
        ];
        let kept = drop_repeats(blocks.clone());
        assert_eq!(
            kept,
            vec![blocks[0].clone(), blocks[2].clone(), blocks[3].clone()]
        );
    }
}
