//! Title: the headline, without the " | Site" or " – Site name" decoration of `<title>`.
//!
//! Sources: JSON-LD `headline`, the title `<meta>` tags (Dublin Core, OpenGraph, Twitter...),
//! `<title>` and the page's `<h1>`s. A metadata title without decoration is taken as is. A
//! decorated one is cut down to the `<h1>` that matches one of its parts, or else its site-name
//! part (recognised from the site name, the host name, or a part shared with `<title>`) is
//! dropped.

use super::Source;
use regex::Regex;
use std::sync::LazyLock;

/// Separators between a headline and the site name or section in a title.
static SEP_RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"\s+[|\-–—·•»/\\>~]\s+|\s*\|\s*|\s+::\s+|\s*::\s*$|\s+[–—]\s*|\s*[–—]\s+").ok()
});

/// Normalised form for comparisons: lower-case, straight quotes, single spaces, no edge
/// punctuation.
pub fn norm(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| match c {
            '’' | '‘' | '`' | '´' => '\'',
            '“' | '”' | '«' | '»' => '"',
            '\u{a0}' => ' ',
            '？' => '?',
            '–' | '—' => '-',
            '¶' => ' ',
            c => c,
        })
        .collect();
    let s = super::scan::collapse(&s.to_lowercase());
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ':' | '|' | '-' | '–' | '—'))
        .to_string()
}

/// The same without any space or punctuation: for matching "Example Blog" to "exampleblog.com".
pub(super) fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The parts of a decorated title, trimmed, in order.
pub fn segments(t: &str) -> Vec<&str> {
    match SEP_RE.as_ref() {
        Some(r) => r
            .split(t)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect(),
        None => vec![t],
    }
}

/// Whether a title part names the site: it equals, contains or is contained in one of `sites`
/// (site names and host names, squashed).
pub(super) fn is_site(part: &str, sites: &[String]) -> bool {
    let p = squash(part);
    if p.is_empty() {
        return false;
    }
    sites.iter().any(|s| {
        !s.is_empty()
            && (p == *s
                || (s.len() >= 4 && p.len() >= 3 && s.contains(&p))
                || (s.len() >= 4 && p.contains(s.as_str()) && p.len() <= s.len() * 2))
    })
}

fn words(s: &str) -> usize {
    let w = s.split_whitespace().count();
    // Scripts without spaces: count every four characters as a word.
    let cjk = s
        .chars()
        .filter(|c| matches!(*c as u32, 0x3040..=0x30ff | 0x3400..=0x9fff | 0xac00..=0xd7af))
        .count();
    w.max(cjk / 4)
}

/// Drops the site-name parts of a decorated title. When no part is known to be the site and
/// `guess` is set, the last part is dropped if what is left still reads as a headline.
pub fn strip_site(t: &str, sites: &[String], other: Option<&str>, guess: bool) -> String {
    let parts = segments(t);
    if parts.len() < 2 {
        return t.trim().to_string();
    }
    let mut lo = 0;
    let mut hi = parts.len();
    // Parts shared with the other title (og:title vs <title>) at the same edge are the site.
    let other_parts = other.map(segments).unwrap_or_default();
    let shared_last = other_parts.len() >= 2
        && other_parts.last().map(|p| norm(p)) == parts.last().map(|p| norm(p))
        && other_parts.first().map(|p| norm(p)) != parts.last().map(|p| norm(p));
    while hi - lo > 1 && (is_site(parts[hi - 1], sites) || (shared_last && hi == parts.len())) {
        hi -= 1;
    }
    while hi - lo > 1 && is_site(parts[lo], sites) {
        lo += 1;
    }
    if lo == 0 && hi == parts.len() {
        if !guess {
            return t.trim().to_string();
        }
        let head = join(t, &parts[..parts.len() - 1]);
        if words(&head) >= 3 {
            return head;
        }
        return t.trim().to_string();
    }
    // "Headline - Tagline | Site": with the site gone, the first part is the headline.
    if hi - lo >= 2 && words(parts[lo]) >= 2 {
        return parts[lo].to_string();
    }
    join(t, &parts[lo..hi])
}

/// The original text from the start of the first part to the end of the last one.
fn join(t: &str, parts: &[&str]) -> String {
    let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
        return String::new();
    };
    let start = first.as_ptr() as usize - t.as_ptr() as usize;
    let end = last.as_ptr() as usize - t.as_ptr() as usize + last.len();
    t.get(start..end).unwrap_or(t).trim().to_string()
}

/// Where an `<h1>` text sits in a (possibly decorated) title: the index of the first title
/// part it spans (0 when it is the whole title), or `None` when it is not the headline part.
/// An h1 that is only the last of several parts is the site's name, not the headline.
fn agrees(h: &str, t: &str, sites: &[String]) -> Option<usize> {
    let hn = norm(h);
    if hn.is_empty() || is_site(h, sites) {
        return None;
    }
    if hn == norm(t) || squash(h) == squash(t) {
        return Some(0);
    }
    let parts = segments(t);
    let n = parts.len();
    if n >= 2 {
        // The h1 may itself hold a separator: compare against runs of parts.
        for i in 0..n {
            for j in i + 1..=n {
                if (i, j) == (0, n) || (i == n - 1 && !is_site(parts[0], sites)) {
                    continue;
                }
                let run = join(t, &parts[i..j]);
                // The same words with other punctuation ("A: B" for "A - B") agree too.
                if norm(&run) == hn || squash(&run) == squash(h) {
                    return Some(i);
                }
            }
        }
    }
    None
}

/// The h1 that is the headline part of `t`, preferring the one that starts earliest in it.
fn matching_h1<'a>(h1s: &'a [String], t: &str, sites: &[String]) -> Option<&'a String> {
    h1s.iter()
        .filter_map(|h| agrees(h, t, sites).map(|pos| (pos, h)))
        .min_by_key(|(pos, _)| *pos)
        .map(|(_, h)| h)
}

/// Picks the title by the sources' priority, and says which kind of source it came from
/// ([`Source::Meta`] for the metadata title).
pub fn choose(
    meta_title: Option<&str>,
    doc_title: Option<&str>,
    h1s: &[String],
    sites: &[String],
) -> Option<(String, Source)> {
    choose_raw(meta_title, doc_title, h1s, sites).map(|(t, s)| (tidy(&t), s))
}

/// Removes what wraps a headline: enclosing quotes, a Markdown heading mark.
fn tidy(t: &str) -> String {
    let t = t.trim().trim_start_matches('#').trim_start();
    for (open, close) in [('"', '"'), ('“', '”'), ('«', '»'), ('\'', '\'')] {
        if let Some(inner) = t.strip_prefix(open).and_then(|x| x.strip_suffix(close))
            && !inner.contains(open)
            && !inner.contains(close)
        {
            return inner.trim().to_string();
        }
    }
    t.to_string()
}

/// A metadata title cut short ("The trend in the watch..."): the h1 or `<title>` that it is
/// the start of, when there is one.
fn completed<'a>(m: &str, longer: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let stem = m.trim_end_matches(['.', '…', ' ']);
    let truncated = stem.len() < m.len();
    let sn = norm(stem);
    if sn.chars().count() < 20 {
        return None;
    }
    longer.into_iter().find_map(|l| {
        let ln = norm(l);
        // "Headline: subtitle" in the h1 completes a metadata title that stops at "Headline".
        let subtitle = ln
            .get(sn.len()..)
            .is_some_and(|rest| rest.starts_with([':', '-']) || rest.starts_with(" -"));
        (ln.len() > sn.len()
            && ln.starts_with(&sn)
            && (truncated || subtitle || m.chars().count() >= 60)
            && l.chars().count() <= 150)
            .then(|| l.to_string())
    })
}

fn choose_raw(
    meta_title: Option<&str>,
    doc_title: Option<&str>,
    h1s: &[String],
    sites: &[String],
) -> Option<(String, Source)> {
    let meta_title = meta_title.map(str::trim).filter(|t| !t.is_empty());
    let doc_title = doc_title.map(str::trim).filter(|t| !t.is_empty());
    if let Some(m) = meta_title {
        let longer = h1s.iter().map(String::as_str);
        if let Some(full) = completed(m, longer) {
            return Some((full, Source::Heading));
        }
        if segments(m).len() < 2 {
            return Some((m.to_string(), Source::Meta));
        }
        if let Some(h) = matching_h1(h1s, m, sites) {
            return Some((h.clone(), Source::Heading));
        }
        return Some((strip_site(m, sites, doc_title, false), Source::Meta));
    }
    if let Some(d) = doc_title {
        if let Some(h) = matching_h1(h1s, d, sites) {
            return Some((h.clone(), Source::Heading));
        }
        let stripped = strip_site(d, sites, None, true);
        let len = stripped.chars().count();
        if !(15..=150).contains(&len) && h1s.len() == 1 && !is_site(&h1s[0], sites) {
            let h = &h1s[0];
            // A very short or very long title loses to the page's only h1 when they share words.
            let hw = norm(h);
            if norm(&stripped)
                .split_whitespace()
                .any(|w| w.len() > 3 && hw.contains(w))
            {
                return Some((h.clone(), Source::Heading));
            }
        }
        return Some((stripped, Source::TitleElement));
    }
    h1s.iter()
        .find(|h| !is_site(h, sites))
        .map(|h| (h.clone(), Source::Heading))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sites(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| squash(x)).collect()
    }

    fn strip_site_g(t: &str, s: &[String], o: Option<&str>) -> String {
        strip_site(t, s, o, true)
    }

    #[test]
    fn every_pattern_compiles() {
        assert!(SEP_RE.is_some());
    }

    #[test]
    fn site_suffixes_and_prefixes_are_stripped() {
        let s = sites(&["The Daily", "thedaily.com"]);
        assert_eq!(strip_site_g("Big news | The Daily", &s, None), "Big news");
        assert_eq!(strip_site_g("Big news – The Daily", &s, None), "Big news");
        assert_eq!(strip_site_g("The Daily - Big news", &s, None), "Big news");
        assert_eq!(
            strip_site_g("Big news :: THEDAILY.COM", &s, None),
            "Big news"
        );
        // Unknown site: the last part goes when the rest is a real headline.
        assert_eq!(
            strip_site_g("Lorem ipsum dolor sit amet – My website", &[], None),
            "Lorem ipsum dolor sit amet"
        );
        // ... but not when it would leave a stub.
        assert_eq!(
            strip_site_g("Mozilla - Wikipedia", &[], None),
            "Mozilla - Wikipedia"
        );
        // A part shared with the other title is the site.
        assert_eq!(
            strip_site(
                "How to Build | Ehow",
                &[],
                Some("How to Build (with Pictures) | Ehow"),
                false
            ),
            "How to Build"
        );
    }

    #[test]
    fn metadata_titles_lose_only_known_site_parts() {
        assert_eq!(
            strip_site("How we designed ATF - an async framework", &[], None, false),
            "How we designed ATF - an async framework"
        );
        let s = sites(&["Example"]);
        assert_eq!(
            strip_site("A headline - Example", &s, None, false),
            "A headline"
        );
    }

    #[test]
    fn an_h1_naming_only_the_last_part_is_the_site() {
        let h = vec!["Pixnet".to_string(), "My trip".to_string()];
        assert_eq!(
            choose(None, Some("My trip :: Pixnet"), &h, &[])
                .map(|(t, _)| t)
                .as_deref(),
            Some("My trip")
        );
    }

    #[test]
    fn hyphenated_words_are_not_separators() {
        assert_eq!(
            strip_site_g("Just-released exploit", &[], None),
            "Just-released exploit"
        );
    }

    #[test]
    fn a_clean_metadata_title_is_kept() {
        let h = vec!["Other words entirely".to_string()];
        assert_eq!(
            choose(Some("The headline"), Some("Doc | Site"), &h, &[])
                .map(|(t, _)| t)
                .as_deref(),
            Some("The headline")
        );
    }

    #[test]
    fn the_h1_that_matches_a_part_of_the_title_wins() {
        let h = vec!["Site".to_string(), "Wedding Planning Tools".to_string()];
        let s = sites(&["Site"]);
        assert_eq!(
            choose(
                None,
                Some("Wedding Planning Tools - Caterer Spreadsheet - Site"),
                &h,
                &s
            )
            .map(|(t, _)| t)
            .as_deref(),
            Some("Wedding Planning Tools")
        );
    }

    #[test]
    fn an_h1_that_names_the_site_is_not_the_title() {
        let h = vec!["Salon".to_string()];
        let s = sites(&["Salon"]);
        assert_eq!(
            choose(Some("The sharing economy is a lie | Salon"), None, &h, &s)
                .map(|(t, _)| t)
                .as_deref(),
            Some("The sharing economy is a lie")
        );
    }

    #[test]
    fn a_tagline_between_headline_and_site_goes() {
        let s = sites(&["Mike Khorev"]);
        assert_eq!(
            strip_site(
                "Organic SEO Consultant | Hire an SEO Expert - Mike Khorev",
                &s,
                None,
                false
            ),
            "Organic SEO Consultant"
        );
    }

    #[test]
    fn quotes_and_heading_marks_around_a_title_go() {
        assert_eq!(tidy("\"What is Git?\""), "What is Git?");
        assert_eq!(tidy("## Big idea"), "Big idea");
        assert_eq!(tidy("\"A\" and \"B\""), "\"A\" and \"B\"");
    }

    #[test]
    fn a_cut_short_metadata_title_is_completed_from_the_h1() {
        let h = vec!["What do you think will be the trend in the watch market?".to_string()];
        assert_eq!(
            choose(
                Some("What do you think will be the trend in the watch..."),
                None,
                &h,
                &[]
            )
            .map(|(t, _)| t)
            .as_deref(),
            Some("What do you think will be the trend in the watch market?")
        );
    }

    #[test]
    fn an_h1_agrees_with_a_title_whatever_its_dashes_and_colons() {
        let h = vec!["Best Bread Machines – My Favorites!".to_string()];
        let s = sites(&["Bread Dad"]);
        assert_eq!(
            choose(
                Some("Best Bread Machines - My Favorites! - Bread Dad"),
                None,
                &h,
                &s
            )
            .map(|(t, _)| t)
            .as_deref(),
            Some("Best Bread Machines – My Favorites!")
        );
        let h = vec!["Mobile UX Design: The Ultimate Guide 2025".to_string()];
        assert_eq!(
            choose(
                Some("Mobile UX Design - The Ultimate Guide 2025"),
                None,
                &h,
                &[]
            )
            .map(|(t, _)| t)
            .as_deref(),
            Some("Mobile UX Design: The Ultimate Guide 2025")
        );
    }

    #[test]
    fn an_h1_that_adds_a_subtitle_completes_the_metadata_title() {
        let h = vec!["House Renovation Costs in the Bay Area: Room-by-Room Breakdown".to_string()];
        assert_eq!(
            choose(
                Some("House Renovation Costs in the Bay Area"),
                None,
                &h,
                &[]
            )
            .map(|(t, _)| t)
            .as_deref(),
            Some("House Renovation Costs in the Bay Area: Room-by-Room Breakdown")
        );
        // An h1 that merely goes on is another text.
        let h = vec!["House Renovation Costs in the Bay Area are rising fast".to_string()];
        assert_eq!(
            choose(
                Some("House Renovation Costs in the Bay Area"),
                None,
                &h,
                &[]
            )
            .map(|(t, _)| t)
            .as_deref(),
            Some("House Renovation Costs in the Bay Area")
        );
    }

    #[test]
    fn no_title_falls_back_to_h1() {
        let h = vec!["Only heading".to_string()];
        assert_eq!(
            choose(None, None, &h, &[]).map(|(t, _)| t).as_deref(),
            Some("Only heading")
        );
        assert_eq!(choose(None, None, &[], &[]), None);
    }
}
