//! Headline: the title candidate that the page's sources agree on, nearest the content.
//!
//! The declared title ([`super::title::choose`]: a metadata title, `<title>`, the matching
//! `<h1>`) stands when a visible headline shows it. Otherwise the visible candidates (`<h1>`s,
//! `<h2>`s and `<h3>`s, elements whose class or id names a headline, and the page text that is
//! the headline part of a decorated title) are scored: a point for every source that says the
//! same (JSON-LD `headline`, the title `<meta>`s, `<title>`, each possibly decorated with the
//! site's name, and the URL slug), and a half for being an `<h1>`, for a headline class, for
//! standing before the article's prose and again for standing right before it. A site logo,
//! the site's name, a dialog or a box in a sidebar or teaser list is no candidate. The best
//! candidate beats the declared title when more sources agree with it (as many, when the
//! declared title was cut from `<title>`), or when the declared title is only the site's name
//! (or missing, or a short `<title>` that no heading shows) and the candidate is one of at
//! most two headlines standing before an article's prose.

use super::Source;
use super::scan::{Page, in_foreign_container, visible_text};
use super::title::{is_site, norm, squash};
use crate::dom::{Document, Ix};

/// What the candidates are compared with.
pub struct Evidence<'a> {
    /// Titles the page declares (JSON-LD `headline`, title `<meta>`s, `<title>`), each once.
    titles: Vec<Declared<'a>>,
    /// The words of the URL's slug.
    slug: Vec<String>,
    /// Site and host names, squashed.
    sites: &'a [String],
}

/// A declared title and its forms for comparison.
struct Declared<'a> {
    raw: &'a str,
    norm: String,
    squash: String,
    /// Its words, as written.
    words: Vec<&'a str>,
}

impl<'a> Evidence<'a> {
    /// The evidence of `titles` (the same title given twice counts once), a URL slug's words
    /// and the site names.
    pub fn new(titles: Vec<&'a str>, slug: Vec<String>, sites: &'a [String]) -> Self {
        let mut out: Vec<Declared> = Vec::new();
        for raw in titles {
            let n = norm(raw);
            if !n.is_empty() && !out.iter().any(|d| d.norm == n) {
                out.push(Declared {
                    raw,
                    norm: n,
                    squash: squash(raw),
                    words: raw.split_whitespace().collect(),
                });
            }
        }
        Evidence {
            titles: out,
            slug,
            sites,
        }
    }
}

/// Most nodes between a headline's end and the article's first prose.
const NEAR_PROSE: usize = 150;

/// Nodes after a headline in which its article's prose is counted, and the count that makes
/// an article.
const BODY_SPAN: usize = 600;
const ARTICLE_PROSE: usize = 2;

/// Most nodes between a headline's end and the prose right after it.
const RIGHT_BEFORE: usize = 15;

/// Longest headline, in characters and in words.
const MAX_CHARS: usize = 300;
const MAX_WORDS: usize = 40;

/// Class or id words of a site's logo or masthead, or of a cookie or other dialog.
const LOGO_WORDS: [&str; 15] = [
    "logo",
    "brand",
    "masthead",
    "site-title",
    "sitename",
    "site-name",
    "cookie",
    "consent",
    "gdpr",
    "modal",
    "popup",
    "dialog",
    "privacy",
    "onetrust",
    "overlay",
];

struct Candidate {
    text: String,
    /// How many sources say the same.
    support: usize,
    score: f32,
    /// Nodes between its end and the next prose (`usize::MAX` without any).
    gap: usize,
    near_prose: bool,
    /// How many prose texts follow it closely: an article's body, not a blurb.
    prose_after: usize,
    named: bool,
    h1: bool,
}

/// The headline: `declared` unless the evidence points to a visible candidate.
pub fn choose(
    doc: &Document,
    page: &Page,
    ev: &Evidence,
    declared: Option<(String, Source)>,
) -> Option<(String, Source)> {
    let declared_forms = declared.as_ref().map(|(d, _)| (norm(d), squash(d)));
    let Some(mut candidates) = candidates(doc, page, ev, declared_forms.as_ref()) else {
        return declared;
    };
    // The headline part of a decorated title, shown in an element of no telling name.
    if !candidates.iter().any(|c| c.support > 0)
        && let Some(c) = shown_part(doc, page, ev)
    {
        candidates.push(c);
    }
    let best = first_best(candidates.iter().filter(|c| c.support > 0));
    // A title the metadata declares keeps a tie; one cut from `<title>` loses it.
    let (declared_support, metadata) = declared.as_ref().map_or((0, false), |(d, s)| {
        (support(d, ev), matches!(s, Source::Meta | Source::JsonLd))
    });
    if let Some(b) = best
        && (b.support > declared_support || (b.support == declared_support && !metadata))
    {
        return Some((b.text.clone(), Source::Heading));
    }
    // A title that is only the site's name (or a short `<title>` that no heading shows, then
    // only for a heading named as the headline): the page's own headline stands before its
    // prose, and a home page shows many such headlines, an article one or two.
    let (site_named, title_only) = declared.as_ref().map_or((true, false), |(d, s)| {
        let short = *s == Source::TitleElement && d.split_whitespace().count() <= 6;
        (is_site(d, ev.sites), short)
    });
    let site_only = (site_named || title_only) && declared_support <= 1;
    let strong: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| {
            c.near_prose
                && c.prose_after >= ARTICLE_PROSE
                && c.text.split_whitespace().count() >= 3
                && (c.named || (!title_only && (c.h1 || declared.is_none())))
        })
        .collect();
    if site_only
        && (1..=2).contains(&strong.len())
        && let Some(b) = first_best(strong.into_iter())
    {
        return Some((b.text.clone(), Source::Heading));
    }
    declared
}

/// Shortest headline part looked for in the page's text, in bytes.
const MIN_PART: usize = 12;

/// The first text of the body that is the headline part of a declared title ("AFP: Part",
/// "Part - Section - Site") and stands before prose: not a link, outside logos, dialogs,
/// sidebars and teaser lists.
fn shown_part(doc: &Document, page: &Page, ev: &Evidence) -> Option<Candidate> {
    let longest = ev.titles.iter().map(|t| t.raw.len()).max()?;
    let body = page.body?;
    for i in body..doc.end(body) {
        let Some(text) = doc.text(i).map(str::trim) else {
            continue;
        };
        if !(MIN_PART..longest).contains(&text.len()) {
            continue;
        }
        // A cheap look first: the text's first word must be a word of a title.
        let mut words = text.split_whitespace();
        let first = words.next().unwrap_or_default();
        if !ev
            .titles
            .iter()
            .any(|t| t.words.iter().any(|w| w.eq_ignore_ascii_case(first)))
            || words.nth(1).is_none()
        {
            continue;
        }
        let (n, s) = (norm(text), squash(text));
        let parent = doc.parent(i);
        if ev.titles.iter().any(|t| agrees(&n, &s, t))
            && parent != usize::MAX
            && doc.tag(parent) != "a"
            && !is_logo(doc, parent)
            && !in_foreign_container(doc, i)
        {
            let c = candidate(doc, page, ev, parent, text.to_string());
            if c.near_prose {
                return Some(c);
            }
        }
    }
    None
}

/// The highest-scoring candidate; of equals, the one nearest the prose after it.
fn first_best<'a>(cands: impl Iterator<Item = &'a Candidate>) -> Option<&'a Candidate> {
    cands.fold(None, |best: Option<&Candidate>, c| match best {
        Some(b) if b.score > c.score || (b.score == c.score && b.gap <= c.gap) => Some(b),
        _ => Some(c),
    })
}

/// The visible headline candidates, in document order, without repeats; `None` as soon as
/// one shows the declared title (its `norm` and `squash` forms).
fn candidates(
    doc: &Document,
    page: &Page,
    ev: &Evidence,
    declared: Option<&(String, String)>,
) -> Option<Vec<Candidate>> {
    let mut nodes: Vec<Ix> = page
        .h1
        .iter()
        .take(6)
        .chain(&page.headlines)
        .chain(&page.h2)
        .chain(&page.h3)
        .copied()
        .collect();
    nodes.sort_unstable();
    nodes.dedup();
    let mut texts: Vec<(Ix, String)> = Vec::new();
    for i in nodes {
        let text = visible_text(doc, i, 400)
            .trim_end_matches(['¶', '#', '🔗', ' '])
            .to_string();
        let words = text.split_whitespace().count();
        if words == 0
            || words > MAX_WORDS
            || text.chars().count() > MAX_CHARS
            || texts.iter().any(|(_, t)| *t == text)
            || is_site(&text, ev.sites)
        {
            continue;
        }
        if declared.is_some_and(|(dn, ds)| norm(&text) == *dn || squash(&text) == *ds) {
            return None;
        }
        texts.push((i, text));
    }
    Some(
        texts
            .into_iter()
            .filter(|&(i, _)| !is_logo(doc, i) && !in_foreign_container(doc, i))
            .map(|(i, text)| candidate(doc, page, ev, i, text))
            .collect(),
    )
}

/// The candidate `text` shown by element `i`, scored.
fn candidate(doc: &Document, page: &Page, ev: &Evidence, i: Ix, text: String) -> Candidate {
    let end = doc.end(i);
    let gap = page
        .prose
        .iter()
        .find(|&&p| p >= end)
        .map_or(usize::MAX, |&p| p - end);
    let near_prose = gap <= NEAR_PROSE;
    let prose_after = page
        .prose
        .iter()
        .filter(|&&p| p >= end && p - end <= BODY_SPAN)
        .count();
    let h1 = doc.tag(i) == "h1";
    let named = page.headlines.binary_search(&i).is_ok();
    let support = support(&text, ev);
    let bonus = |b: bool| if b { 0.5 } else { 0.0 };
    let score =
        support as f32 + bonus(h1) + bonus(named) + bonus(near_prose) + bonus(gap <= RIGHT_BEFORE);
    Candidate {
        text,
        support,
        score,
        gap,
        near_prose,
        prose_after,
        named,
        h1,
    }
}

/// Whether `i` is (in) a site's logo or masthead, or a dialog.
fn is_logo(doc: &Document, i: Ix) -> bool {
    std::iter::once(i).chain(doc.ancestors(i)).take(4).any(|a| {
        ["class", "id"].iter().any(|k| {
            doc.attr(a, k).is_some_and(|v| {
                let v = v.to_ascii_lowercase();
                LOGO_WORDS.iter().any(|w| v.contains(w))
            })
        })
    })
}

/// How many of the evidence's sources say the same as `text`.
fn support(text: &str, ev: &Evidence) -> usize {
    let (n, s) = (norm(text), squash(text));
    let titles = ev.titles.iter().filter(|t| agrees(&n, &s, t)).count();
    titles + usize::from(slug_agrees(text, &ev.slug))
}

/// Characters that join a headline to the decoration around it in a title.
fn is_joint(c: char) -> bool {
    matches!(
        c,
        ':' | '|' | '-' | '»' | '>' | '/' | '\\' | '~' | '·' | '•' | '(' | ')' | '[' | ']' | '.'
    )
}

/// Whether the candidate (its `norm` and `squash` forms) is what the declared title `t` says:
/// the same words, or the headline part of a title decorated with other parts ("AFP:
/// Headline", "Headline - Site").
fn agrees(cn: &str, cs: &str, t: &Declared) -> bool {
    if cn.is_empty() {
        return false;
    }
    if cn == t.norm || cs == t.squash {
        return true;
    }
    if cn.split_whitespace().count() < 2 {
        return false;
    }
    let tn = &t.norm;
    let Some(at) = tn.find(cn) else {
        return false;
    };
    let before = tn[..at].trim_end();
    let after = tn[at + cn.len()..].trim_start();
    let joined_before = before.is_empty() || before.ends_with(is_joint);
    let joined_after = after.is_empty() || after.starts_with(is_joint);
    joined_before && joined_after
}

/// Whether most of the slug's words are the candidate's (and the candidate not much longer).
fn slug_agrees(c: &str, slug: &[String]) -> bool {
    if slug.len() < 3 {
        return false;
    }
    let words: Vec<String> = c
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let found = slug.iter().filter(|w| words.contains(w)).count();
    found * 4 >= slug.len() * 3 && words.len() <= slug.len() * 2 + 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agree(c: &str, t: &str) -> bool {
        let ev = Evidence::new(vec![t], Vec::new(), &[]);
        agrees(&norm(c), &squash(c), &ev.titles[0])
    }

    #[test]
    fn a_headline_agrees_with_the_title_it_is_a_part_of() {
        assert!(agree(
            "Reports: EMI to cut",
            "The Bee | Reports: EMI to cut"
        ));
        assert!(agree(
            "Kenya wins speaker vote",
            "AFP: Kenya wins speaker vote"
        ));
        assert!(agree("Snake saved", "Snake saved -- Page 1 -- Times Union"));
        assert!(!agree("Kenya wins", "Kenya wins speaker vote"));
        assert!(!agree("News", "AFP: News"));
    }

    #[test]
    fn a_slug_agrees_with_the_headline_it_spells() {
        let slug = ["bush", "warns", "iran", "on", "clash"].map(String::from);
        assert!(slug_agrees(
            "Bush Strongly Warns Iran on Naval Clash",
            &slug
        ));
        assert!(!slug_agrees("Sports", &slug));
    }
}
