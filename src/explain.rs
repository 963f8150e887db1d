//! The explain record: why each block was kept or dropped, where each field came from, how long each stage took.

use serde::{Deserialize, Serialize};

/// What an extraction did with a page, for the explain report (see
/// [`crate::ExtractorBuilder::explain`]); only built when asked for.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Explain {
    /// How the encoding was decided (`byte order mark`, `transport charset`, …).
    pub encoding_reason: String,
    /// Why the page type is what it is (or that none was declared).
    pub page_type_reason: String,
    /// The content containers the rules chose, as tag paths (`body > div#main > article`).
    pub containers: Vec<String>,
    /// Time taken by each stage, in order: (stage, microseconds).
    pub timings: Vec<(String, u64)>,
    /// Every text block of the page, in document order, with its verdict.
    pub blocks: Vec<BlockVerdict>,
    /// Each metadata field with its source and the candidates that lost.
    pub fields: Vec<FieldSource>,
}

/// What became of one text block.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// In the body.
    Kept,
    /// Not in the body.
    #[default]
    Dropped,
    /// A reader comment (not in the body).
    Comment,
}

impl Verdict {
    /// `kept`, `dropped` or `comment`.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Kept => "kept",
            Verdict::Dropped => "dropped",
            Verdict::Comment => "comment",
        }
    }
}

/// One text block (an element owning text directly) with its verdict and why.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BlockVerdict {
    /// The block's own text, whitespace collapsed.
    pub text: String,
    /// The verdict.
    pub verdict: Verdict,
    /// What decided it: `model`, `rules`, `list kept whole`, `vetoed: boilerplate line`,
    /// `vetoed: related box`, `cleaned: …` (removed as boilerplate before scoring), `comment`.
    pub reason: String,
    /// The content model's probability, where it scored the block.
    pub score: Option<f32>,
    /// The probability the block had to reach, where the model decided.
    pub cut: Option<f32>,
    /// The path of tags from the body (`body > div#main > p`), the last few levels.
    pub path: String,
    /// The block element's `class` and `id` (`#id .a .b`).
    pub class_id: String,
    /// A few of the model's features for the block: (name, value).
    pub features: Vec<(String, f32)>,
}

/// One metadata field: its value, where it came from, and the values that lost.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FieldSource {
    /// The field's name (`title`, `published`, …).
    pub field: String,
    /// Its value (lists joined with `; `), empty when none was found.
    pub value: String,
    /// Where it came from (`json-ld`, `meta`, `title`, `heading`, `url`, `time`, `caller`, …),
    /// `derived` when the value was worked out rather than read, `none` when empty.
    pub source: String,
    /// The other values the page offers: (source, value).
    pub candidates: Vec<(String, String)>,
}
