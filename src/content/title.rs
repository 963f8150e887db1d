//! The page title repeated as the body's first heading: it is the article's `title`, not body.

use super::{Block, inline_text};

/// How many blocks from the start the title heading may stand at (a date line, a kicker or a
/// lone image can come before it).
const TITLE_WINDOW: usize = 3;

/// Removes the first heading of `blocks` when it stands among the first blocks and says the
/// same as the page `title` (the title is given apart; repeating it would duplicate it in
/// every output). Only the first heading is considered, and only when it shares most of its
/// words with the title and the title most of its words with it, so a section heading such as
/// "Introduction" under the title "An introduction to Rust" stays.
pub(crate) fn drop_title_heading(mut blocks: Vec<Block>, title: Option<&str>) -> Vec<Block> {
    let Some(title) = title.map(words).filter(|w| !w.is_empty()) else {
        return blocks;
    };
    let first_heading = blocks
        .iter()
        .take(TITLE_WINDOW)
        .position(|b| matches!(b, Block::Heading { .. }));
    if let Some(k) = first_heading
        && let Block::Heading { inlines, .. } = &blocks[k]
        && same_words(&words(&inline_text(inlines)), &title)
    {
        blocks.remove(k);
    }
    blocks
}

/// Lower-cased words (runs of letters and digits, of any script).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Share of `a`'s characters that stand in words `b` also has.
fn covered(a: &[String], b: &[String]) -> f32 {
    let total: usize = a.iter().map(|w| w.chars().count()).sum();
    if total == 0 {
        return 0.0;
    }
    let found: usize = a
        .iter()
        .filter(|w| b.contains(w))
        .map(|w| w.chars().count())
        .sum();
    found as f32 / total as f32
}

/// Whether a heading and a title say the same thing: the heading's words are mostly the
/// title's and cover at least half of it (a title often adds the site's name), or the heading
/// holds the whole title and adds a subtitle. A heading that only shares words with the title
/// (a standfirst retelling it) is not the title. A one-word heading must be the whole title.
fn same_words(heading: &[String], title: &[String]) -> bool {
    if heading.is_empty() {
        return false;
    }
    if heading.len() == 1 {
        return heading == title;
    }
    let a = covered(heading, title);
    let b = covered(title, heading);
    (a >= 0.75 && b >= 0.5) || (b >= 0.99 && a >= 0.5)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Inline;

    fn h(level: u8, t: &str) -> Block {
        Block::Heading {
            level,
            inlines: vec![Inline::text(t)],
        }
    }
    fn p(t: &str) -> Block {
        Block::Paragraph {
            inlines: vec![Inline::text(t)],
        }
    }

    #[test]
    fn a_leading_heading_that_repeats_the_title_goes() {
        let blocks = vec![h(1, "How to Build a Terrarium"), p("Glass cloches.")];
        let out = drop_title_heading(blocks, Some("How to Build a Terrarium | eHow"));
        assert_eq!(out, vec![p("Glass cloches.")]);
    }

    #[test]
    fn a_heading_that_adds_a_subtitle_to_the_title_goes() {
        let blocks = vec![
            p("Feb 15"),
            h(2, "Friday Facts #282 - 0.17 in sight"),
            p("Text."),
        ];
        let out = drop_title_heading(blocks, Some("Friday Facts #282"));
        assert_eq!(out, vec![p("Feb 15"), p("Text.")]);
    }

    #[test]
    fn a_section_heading_sharing_a_word_with_the_title_stays() {
        let blocks = vec![h(2, "Introduction"), p("Text.")];
        let out = drop_title_heading(blocks.clone(), Some("An Introduction to Rust"));
        assert_eq!(out, blocks);
        let blocks = vec![h(2, "Make your Firefox your own"), p("Text.")];
        let title =
            "Firefox — Customize and make it your own — The most flexible browser on the Web";
        assert_eq!(drop_title_heading(blocks.clone(), Some(title)), blocks);
    }

    #[test]
    fn a_standfirst_retelling_the_title_stays() {
        let blocks = vec![
            h(
                2,
                "Snopes staff writer David Emery asked on Twitter if there were any un-angry Trump supporters",
            ),
            p("Text."),
        ];
        let title =
            "'Neutral' Snopes Fact-Checker David Emery: 'Are There Any Un-Angry Trump Supporters?'";
        assert_eq!(drop_title_heading(blocks.clone(), Some(title)), blocks);
    }

    #[test]
    fn only_the_first_heading_near_the_start_is_the_title() {
        let blocks = vec![
            p("One."),
            p("Two."),
            p("Three."),
            h(1, "The Title"),
            p("Four."),
        ];
        assert_eq!(
            drop_title_heading(blocks.clone(), Some("The Title")),
            blocks
        );
        let blocks = vec![h(2, "Lorem"), p("Text."), h(2, "The Title")];
        assert_eq!(
            drop_title_heading(blocks.clone(), Some("The Title")),
            blocks
        );
    }

    #[test]
    fn titles_in_scripts_without_spaces_match_by_their_runs() {
        let blocks = vec![h(1, "人工智能迈上新台阶 电脑已可自学"), p("正文。")];
        let out = drop_title_heading(blocks, Some("人工智能迈上新台阶 电脑已可自学_科技_腾讯网"));
        assert_eq!(out, vec![p("正文。")]);
    }

    #[test]
    fn without_a_title_nothing_changes() {
        let blocks = vec![h(1, "Heading"), p("Text.")];
        assert_eq!(drop_title_heading(blocks.clone(), None), blocks);
    }
}
