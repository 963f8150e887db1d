//! Authors: chosen among JSON-LD, author `<meta>` tags, microdata and visible bylines.
//!
//! The first source that names a person wins, its names in the page's order; roles, desks and
//! the site's name beside a person go. An organisation (a JSON-LD Organization, or a name that
//! is the site's) is an author only when no structured source names a person; it still beats a
//! guess from the page's text.

use super::jsonld::JsonLd;
use super::meta::{self, Metas};
use super::title::is_site;
use super::{Source, byline, scan};
use crate::dom::Document;

/// Authors, from the most to the least structured source; `sites` are the site's names,
/// squashed.
pub(super) fn authors(
    doc: &Document,
    page: &scan::Page,
    metas: &Metas,
    ld: &JsonLd,
    sites: &[String],
) -> (Vec<String>, Option<Source>) {
    let mut fallback = Fallback::default();
    let from_ld: Vec<String> = ld.authors.iter().flat_map(|a| byline::clean(a)).collect();
    if let Some(found) = people(
        from_ld,
        Source::JsonLd,
        ld.authors_are_orgs,
        sites,
        &mut fallback,
    ) {
        return found;
    }
    let mut from_meta: Vec<String> = Vec::new();
    for key in meta::AUTHOR {
        let vals: Vec<&str> = metas.all(key).filter(|v| !byline::is_handle(v)).collect();
        if vals.is_empty() {
            continue;
        }
        from_meta = vals.iter().flat_map(|v| byline::clean(v)).collect();
        if !from_meta.is_empty() {
            break;
        }
    }
    if from_meta.is_empty()
        && let Some(v) = metas.twitter_data(meta::AUTHOR_LABELS)
    {
        from_meta = byline::clean(v);
    }
    if let Some(found) = people(from_meta, Source::Meta, false, sites, &mut fallback) {
        return found;
    }
    let micro = byline::from_microdata(doc, page);
    if let Some(found) = people(micro, Source::Microdata, false, sites, &mut fallback) {
        return found;
    }
    // An organisation named by the structured sources beats a guess from the page's text.
    if let Some((names, source)) = fallback.orgs {
        return (names, Some(source));
    }
    let by = byline::from_by_texts(doc, page);
    if let Some(found) = people(by, Source::Visible, false, sites, &mut fallback) {
        return found;
    }
    let by = byline::from_bylines(doc, page);
    if let Some(found) = people(by, Source::Visible, false, sites, &mut fallback) {
        return found;
    }
    fallback
        .site
        .map_or((Vec::new(), None), |(n, s)| (n, Some(s)))
}

/// Words of a role or a desk rather than a name: "Staff Writer", "Senior Editor", "News Desk".
const ROLE_WORDS: &[&str] = &[
    "staff",
    "writer",
    "writers",
    "editor",
    "editors",
    "editorial",
    "reporter",
    "reporters",
    "correspondent",
    "contributor",
    "contributors",
    "contributing",
    "columnist",
    "desk",
    "team",
    "senior",
    "chief",
    "managing",
    "associate",
    "freelance",
    "special",
    "news",
    "newsdesk",
    "newsroom",
    "producer",
    "photographer",
    "the",
    "our",
    "and",
    "of",
];

/// Whether `name` is a role or a desk ("Staff", "Senior Editor", "Podium Staff", "The X Team"):
/// every word a role word, or a last word that names a desk.
fn is_role(name: &str) -> bool {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let role = |w: &String| ROLE_WORDS.contains(&w.as_str());
    words.iter().all(role)
        || words
            .last()
            .is_some_and(|w| matches!(w.as_str(), "staff" | "team" | "desk" | "editors"))
}

/// The people among `names` from `source`, or `None` when it names none. Beside a person,
/// roles, desks and the site's name go; a list of roles and desks alone is kept (a byline
/// that says "Podium Staff" is the page's author); JSON-LD organisations (`typed_org`) and
/// the site's name are kept in `fallback`, the first found of each.
fn people(
    mut names: Vec<String>,
    source: Source,
    typed_org: bool,
    sites: &[String],
    fallback: &mut Fallback,
) -> Option<(Vec<String>, Option<Source>)> {
    byline::dedup(&mut names);
    let (others, site): (Vec<String>, Vec<String>) =
        names.into_iter().partition(|n| !is_site(n, sites));
    if fallback.site.is_none() && !site.is_empty() {
        fallback.site = Some((site, source));
    }
    if typed_org {
        if fallback.orgs.is_none() && !others.is_empty() {
            fallback.orgs = Some((others, source));
        }
        return None;
    }
    let (persons, roles): (Vec<String>, Vec<String>) =
        others.into_iter().partition(|n| !is_role(n));
    if !persons.is_empty() {
        return Some((persons, Some(source)));
    }
    (!roles.is_empty()).then_some((roles, Some(source)))
}

/// Names kept for when no source names a person: JSON-LD organisations, and the site's own
/// name given as the author (which ranks below a visible byline).
#[derive(Default)]
struct Fallback {
    orgs: Option<(Vec<String>, Source)>,
    site: Option<(Vec<String>, Source)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_desks_are_not_names() {
        for role in [
            "Staff",
            "Staff Writer",
            "Senior Editor",
            "Podium Staff",
            "The X Team",
        ] {
            assert!(is_role(role), "{role}");
        }
        for name in ["Ann Lee", "Tom Stafford", "Jane Editorson"] {
            assert!(!is_role(name), "{name}");
        }
    }

    #[test]
    fn beside_a_person_roles_and_the_site_go() {
        let sites = ["dailyplanet".to_string()];
        let mut fb = Fallback::default();
        let names = ["Ann Lee", "Staff Writer", "Daily Planet", "Bo Chan"].map(String::from);
        let found = people(names.to_vec(), Source::Meta, false, &sites, &mut fb);
        assert_eq!(
            found.map(|f| f.0),
            Some(vec!["Ann Lee".into(), "Bo Chan".into()])
        );
        let mut fb = Fallback::default();
        let found = people(
            vec!["Daily Planet".into()],
            Source::Meta,
            false,
            &sites,
            &mut fb,
        );
        assert_eq!(found, None);
        assert_eq!(fb.site.map(|o| o.0), Some(vec!["Daily Planet".to_string()]));
    }
}
