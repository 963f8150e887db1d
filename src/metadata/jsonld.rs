//! JSON-LD: schema.org objects in `<script type="application/ld+json">`, `@graph` and `@id`
//! references included, malformed JSON tolerated where a repair is obvious.

use serde_json::{Map, Value};
use std::collections::HashMap;

/// Largest script read; larger ones are not metadata.
const MAX_SCRIPT: usize = 4 * 1024 * 1024;
/// Most objects looked at over all scripts.
const MAX_OBJECTS: usize = 5000;

/// What the page's JSON-LD says about the page.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct JsonLd {
    /// `headline` (or the `name` of an article-like object).
    pub headline: Option<String>,
    /// Author names.
    pub authors: Vec<String>,
    /// Whether the authors are only organisations.
    pub authors_are_orgs: bool,
    /// `datePublished` (or `dateCreated`, `uploadDate`), raw.
    pub published: Option<String>,
    /// `dateModified`, raw.
    pub modified: Option<String>,
    /// Publisher or WebSite name.
    pub site_name: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `image` URL.
    pub image: Option<String>,
    /// `keywords` and `articleSection`.
    pub tags: Vec<String>,
    /// `inLanguage`.
    pub language: Option<String>,
    /// `url` of the main object.
    pub url: Option<String>,
    /// The schema.org type of the main object.
    pub main_type: Option<String>,
}

/// Main-entity types, best first: the object that describes the page's content.
const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "techarticle",
    "scholarlyarticle",
    "medicalscholarlyarticle",
    "socialmediaposting",
    "liveblogposting",
    "discussionforumposting",
    "question",
    "report",
    "review",
    "recipe",
    "howto",
    "product",
    "videoobject",
    "podcastepisode",
    "event",
    "course",
    "jobposting",
    "book",
];
const PAGE_TYPES: &[&str] = &[
    "webpage",
    "itempage",
    "aboutpage",
    "faqpage",
    "qapage",
    "profilepage",
    "collectionpage",
    "searchresultspage",
    "medicalwebpage",
    "checkoutpage",
    "contactpage",
    "realestatelisting",
];

/// Keys under which objects are not the page's own (its author, its publisher, a related item).
const NESTED_KEYS: &[&str] = &[
    "author",
    "creator",
    "publisher",
    "isPartOf",
    "hasPart",
    "itemListElement",
    "relatedLink",
    "comment",
    "review",
    "citation",
    "breadcrumb",
    "potentialAction",
    "about",
    "mentions",
    "recipeIngredient",
    "offers",
    "isBasedOn",
    "sourceOrganization",
    "copyrightHolder",
    "sponsor",
    "contributor",
    "editor",
    "suggestedAnswer",
    "acceptedAnswer",
    "video",
    "associatedMedia",
    "subjectOf",
    "workExample",
];

/// Parses one script, repairing the common breakages (HTML comments or CDATA around the JSON,
/// trailing commas, raw newlines in strings, several objects one after another).
pub fn parse_script(text: &str) -> Vec<Value> {
    if text.len() > MAX_SCRIPT {
        return Vec::new();
    }
    let t = text.trim();
    if let Ok(v) = serde_json::from_str::<Value>(t) {
        return vec![v];
    }
    let mut s = t
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .trim_start_matches("//<![CDATA[")
        .trim_start_matches("<![CDATA[")
        .trim_end_matches("//]]>")
        .trim_end_matches("]]>")
        .trim()
        .trim_end_matches(';')
        .to_string();
    // Other wrappers (Drupal's "<!--//--><![CDATA[//><!--", "var x = {...};"): the JSON runs
    // from the first object (or the list that opens right before it) to the last close.
    if !s.starts_with(['{', '[']) {
        s = json_span(&s).to_string();
    }
    s = repair(&s);
    let mut out = Vec::new();
    let stream = serde_json::Deserializer::from_str(&s).into_iter::<Value>();
    for v in stream {
        match v {
            Ok(v) => out.push(v),
            Err(_) => break,
        }
    }
    out
}

/// The part of `s` from its first `{` (or a `[` just before it) to its last `}` (or a `]` just
/// after it).
fn json_span(s: &str) -> &str {
    let Some(open) = s.find('{') else {
        return s;
    };
    let start = s[..open]
        .trim_end()
        .strip_suffix('[')
        .map_or(open, |before| before.len());
    let Some(close) = s.rfind('}') else {
        return s;
    };
    if close < start {
        return s;
    }
    let after = &s[close + 1..];
    let end = match after.trim_start().strip_prefix(']') {
        Some(rest) => s.len() - rest.len(),
        None => close + 1,
    };
    s.get(start..end).unwrap_or(s)
}

/// Removes trailing commas before `}` or `]` and replaces control characters inside strings
/// by spaces, in one pass that tracks whether it is inside a string.
fn repair(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_str = false;
    let mut escaped = false;
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if in_str {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_str = false;
            }
            out.push(if c.is_control() { ' ' } else { c });
        } else if c == '"' {
            in_str = true;
            out.push(c);
        } else if c == ',' {
            let mut j = i + 1;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            if j < chars.len() && (chars[j] == '}' || chars[j] == ']') {
                // Trailing comma: drop it.
            } else {
                out.push(c);
            }
        } else {
            out.push(c);
        }
        i += 1;
    }
    out
}

fn types(o: &Map<String, Value>) -> Vec<String> {
    match o.get("@type") {
        Some(Value::String(s)) => vec![short_type(s)],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(short_type).collect(),
        _ => Vec::new(),
    }
}

fn short_type(s: &str) -> String {
    s.rsplit(['/', ':', '#'])
        .next()
        .unwrap_or(s)
        .trim()
        .to_ascii_lowercase()
}

/// A string value: a string, the first string of an array, or an object's `@value`/`name`.
fn string_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => {
            let s = crate::metadata::scan::collapse(&crate::metadata::scan::unescape(s));
            (!s.is_empty()).then_some(s)
        }
        Value::Array(a) => a.iter().find_map(string_of),
        Value::Object(o) => o.get("@value").and_then(string_of),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Objects by `@id`, to follow references like `"author": {"@id": "#ann"}`.
struct Ids<'a>(HashMap<&'a str, &'a Map<String, Value>>);

impl<'a> Ids<'a> {
    fn resolve(&self, v: &'a Value) -> Option<&'a Map<String, Value>> {
        let o = v.as_object()?;
        match o.get("@id").and_then(Value::as_str) {
            Some(id) if o.len() <= 2 => self.0.get(id).copied().or(Some(o)),
            _ => Some(o),
        }
    }
}

/// An object found in the JSON-LD, with whether it is top-level (the page's own).
struct Obj<'a> {
    o: &'a Map<String, Value>,
    top: bool,
    types: Vec<String>,
}

/// Reads all scripts of a page.
pub fn extract(scripts: &[String]) -> JsonLd {
    let values: Vec<Value> = scripts.iter().flat_map(|s| parse_script(s)).collect();
    // Iterative walk: no recursion however deep the JSON (serde_json caps it at 128 anyway).
    let mut objs: Vec<Obj> = Vec::new();
    let mut by_id: HashMap<&str, &Map<String, Value>> = HashMap::new();
    let mut stack: Vec<(&Value, bool)> = values.iter().rev().map(|v| (v, true)).collect();
    while let Some((v, top)) = stack.pop() {
        if objs.len() >= MAX_OBJECTS {
            break;
        }
        match v {
            Value::Array(a) => stack.extend(a.iter().rev().map(|x| (x, top))),
            Value::Object(o) => {
                if let Some(id) = o.get("@id").and_then(Value::as_str) {
                    // The fullest object with an id wins (references are `{"@id": ..}` alone).
                    if o.len() > 1 {
                        by_id.entry(id).or_insert(o);
                    }
                }
                let tys = types(o);
                // The questions of an FAQ are not the page's subject (a Q&A page's one is).
                let faq = tys.iter().any(|t| t == "faqpage");
                objs.push(Obj { o, top, types: tys });
                let mut kids: Vec<(&Value, bool)> = Vec::new();
                for (k, x) in o {
                    if !(x.is_object() || x.is_array()) {
                        continue;
                    }
                    let nested = NESTED_KEYS.contains(&k.as_str());
                    let child_top =
                        top && !nested && (k == "@graph" || (k == "mainEntity" && !faq));
                    kids.push((x, child_top));
                }
                stack.extend(kids.into_iter().rev());
            }
            _ => {}
        }
    }
    let rank = |o: &Obj| -> Option<(usize, usize)> {
        let best = o
            .types
            .iter()
            .filter_map(|t| {
                ARTICLE_TYPES
                    .iter()
                    .position(|a| a == t)
                    .or_else(|| PAGE_TYPES.iter().position(|a| a == t).map(|p| 100 + p))
            })
            .min()?;
        Some((usize::from(!o.top), best))
    };
    let main = objs
        .iter()
        .enumerate()
        .filter(|(_, o)| o.top)
        .filter_map(|(n, o)| rank(o).map(|r| (r, n)))
        .filter(|((_, r), _)| *r < 100)
        .min()
        .map(|(_, n)| n);
    let page = objs
        .iter()
        .enumerate()
        .filter(|(_, o)| o.top)
        .filter_map(|(n, o)| rank(o).map(|r| (r, n)))
        .filter(|((_, r), _)| *r >= 100)
        .min()
        .map(|(_, n)| n);
    let mut out = JsonLd::default();
    let ids = Ids(by_id);
    // Fields come from the main entity first, then from the page object.
    let order: Vec<&Obj> = main.iter().chain(page.iter()).map(|&n| &objs[n]).collect();
    if let Some(m) = order.first() {
        out.main_type = m.types.first().cloned();
    }
    for (k, o) in order.iter().enumerate() {
        let o = o.o;
        let is_main = k == 0 && main.is_some();
        if out.headline.is_none() {
            out.headline = o.get("headline").and_then(string_of);
            let articleish = o.get("@type").is_some_and(|_| {
                types(o)
                    .iter()
                    .any(|t| t.contains("article") || t.contains("posting"))
            });
            if out.headline.is_none() && is_main && articleish {
                out.headline = o.get("name").and_then(string_of);
            }
        }
        if out.authors.is_empty() {
            for key in ["author", "creator"] {
                if let Some(a) = o.get(key) {
                    let (names, orgs) = authors(a, &ids);
                    if !names.is_empty() {
                        out.authors = names;
                        out.authors_are_orgs = orgs;
                        break;
                    }
                }
            }
        }
        if out.published.is_none() {
            out.published = ["datePublished", "dateCreated", "uploadDate", "startDate"]
                .iter()
                .find_map(|k| o.get(*k).and_then(string_of));
        }
        if out.modified.is_none() {
            out.modified = o.get("dateModified").and_then(string_of);
        }
        if out.site_name.is_none() {
            out.site_name = o
                .get("publisher")
                .and_then(|p| match p {
                    Value::Array(a) => a.first(),
                    other => Some(other),
                })
                .and_then(|p| ids.resolve(p))
                .and_then(|p| p.get("name"))
                .and_then(string_of);
        }
        if out.description.is_none() {
            out.description = o.get("description").and_then(string_of);
        }
        if out.image.is_none() {
            out.image = o.get("image").and_then(|i| image(i, &ids));
        }
        if out.tags.is_empty() {
            for key in ["keywords", "articleSection"] {
                match o.get(key) {
                    Some(Value::String(s)) => out.tags.extend(
                        s.split(',')
                            .map(str::trim)
                            .filter(|t| !t.is_empty())
                            .map(str::to_string),
                    ),
                    Some(Value::Array(a)) => {
                        out.tags.extend(a.iter().filter_map(string_of));
                    }
                    _ => {}
                }
            }
        }
        if out.language.is_none() {
            out.language = o.get("inLanguage").and_then(|l| match l {
                Value::Object(x) => x
                    .get("alternateName")
                    .or_else(|| x.get("name"))
                    .and_then(string_of),
                other => string_of(other),
            });
        }
        if out.url.is_none() && is_main {
            out.url = o.get("url").and_then(string_of);
        }
    }
    if out.site_name.is_none() {
        out.site_name = objs
            .iter()
            .find(|o| o.types.iter().any(|t| t == "website"))
            .and_then(|o| o.o.get("name"))
            .and_then(string_of);
    }
    out
}

/// Names in an `author` value: a string, a Person or Organization (possibly an `@id`
/// reference), or a list of those; organisations only when no person is named. Also says
/// whether the names are organisations'.
fn authors<'a>(v: &'a Value, ids: &Ids<'a>) -> (Vec<String>, bool) {
    let items: Vec<&Value> = match v {
        Value::Array(a) => a.iter().collect(),
        other => vec![other],
    };
    let mut names = Vec::new();
    let mut orgs = Vec::new();
    for it in items.into_iter().take(32) {
        match it {
            Value::String(s) => {
                let s = s.trim();
                if !s.is_empty() && !s.starts_with("http") {
                    names.push(s.to_string());
                }
            }
            Value::Object(_) => {
                let Some(o) = ids.resolve(it) else { continue };
                let name = o.get("name").and_then(string_of).or_else(|| {
                    let g = o.get("givenName").and_then(string_of);
                    let f = o.get("familyName").and_then(string_of);
                    match (g, f) {
                        (Some(g), Some(f)) => Some(format!("{g} {f}")),
                        (g, f) => g.or(f),
                    }
                });
                if let Some(n) = name {
                    if n.starts_with("http") {
                        continue;
                    }
                    let org = types(o)
                        .iter()
                        .any(|t| t == "organization" || t == "newsmediaorganization");
                    if org {
                        orgs.push(n);
                    } else {
                        names.push(n);
                    }
                }
            }
            _ => {}
        }
    }
    // An organisation beside a named person is the publisher, not an author.
    if names.is_empty() {
        let are_orgs = !orgs.is_empty();
        return (orgs, are_orgs);
    }
    (names, false)
}

fn image<'a>(v: &'a Value, ids: &Ids<'a>) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(|x| image(x, ids)),
        Value::Object(_) => {
            let o = ids.resolve(v)?;
            o.get("url")
                .or_else(|| o.get("contentUrl"))
                .and_then(string_of)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ld(s: &str) -> JsonLd {
        extract(&[s.to_string()])
    }

    #[test]
    fn article_fields_are_read() {
        let j = ld(r#"{"@context":"https://schema.org","@type":"NewsArticle",
            "headline":"Big news","datePublished":"2020-05-01T10:00:00Z","dateModified":"2020-05-02",
            "author":{"@type":"Person","name":"Ann Lee"},
            "publisher":{"@type":"Organization","name":"The Daily"},
            "image":{"@type":"ImageObject","url":"https://x.org/a.jpg"},
            "keywords":"one, two","inLanguage":"en-GB","description":"About it"}"#);
        assert_eq!(j.headline.as_deref(), Some("Big news"));
        assert_eq!(j.authors, ["Ann Lee"]);
        assert!(!j.authors_are_orgs);
        assert_eq!(j.published.as_deref(), Some("2020-05-01T10:00:00Z"));
        assert_eq!(j.modified.as_deref(), Some("2020-05-02"));
        assert_eq!(j.site_name.as_deref(), Some("The Daily"));
        assert_eq!(j.image.as_deref(), Some("https://x.org/a.jpg"));
        assert_eq!(j.tags, ["one", "two"]);
        assert_eq!(j.language.as_deref(), Some("en-GB"));
        assert_eq!(j.main_type.as_deref(), Some("newsarticle"));
    }

    #[test]
    fn author_may_be_string_list_person_or_organization() {
        assert_eq!(
            ld(r#"{"@type":"Article","author":"Ann Lee"}"#).authors,
            ["Ann Lee"]
        );
        assert_eq!(
            ld(r#"{"@type":"Article","author":[{"@type":"Person","name":"A B"},"C D",{"name":"E F"}]}"#)
                .authors,
            ["A B", "C D", "E F"]
        );
        let org = ld(r#"{"@type":"Article","author":{"@type":"Organization","name":"BBC News"}}"#);
        assert_eq!(org.authors, ["BBC News"]);
        assert!(org.authors_are_orgs);
        assert_eq!(
            ld(r#"{"@type":"Article","author":{"@type":"Person","givenName":"Ann","familyName":"Lee"}}"#)
                .authors,
            ["Ann Lee"]
        );
        assert!(
            ld(r#"{"@type":"Article","author":"https://x.org/ann"}"#)
                .authors
                .is_empty()
        );
    }

    #[test]
    fn graph_and_id_references_are_followed() {
        let j = ld(r##"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","@id":"#site","name":"My Blog"},
            {"@type":"WebPage","@id":"#page","name":"Post - My Blog","datePublished":"2019-01-01"},
            {"@type":"Article","headline":"Post","isPartOf":{"@id":"#page"},
             "author":{"@id":"#ann"},"publisher":{"@id":"#org"},"datePublished":"2019-02-03"},
            {"@type":"Person","@id":"#ann","name":"Ann Lee"},
            {"@type":"Organization","@id":"#org","name":"Org Inc"}]}"##);
        assert_eq!(j.headline.as_deref(), Some("Post"));
        assert_eq!(j.authors, ["Ann Lee"]);
        assert_eq!(j.published.as_deref(), Some("2019-02-03"));
        assert_eq!(j.site_name.as_deref(), Some("Org Inc"));
    }

    #[test]
    fn nested_articles_are_not_the_main_entity() {
        let j = ld(
            r#"{"@type":"WebPage","name":"Page","hasPart":[{"@type":"Article","headline":"Other","datePublished":"2011-01-01"}],
            "relatedLink":{"@type":"Article","headline":"Related"}}"#,
        );
        assert_ne!(j.headline.as_deref(), Some("Related"));
        let j = ld(
            r#"[{"@type":"BreadcrumbList","itemListElement":[{"@type":"ListItem","name":"Home"}]},
            {"@type":"BlogPosting","headline":"Real","author":{"@type":"Person","name":"Zed"}}]"#,
        );
        assert_eq!(j.headline.as_deref(), Some("Real"));
        assert_eq!(j.authors, ["Zed"]);
    }

    #[test]
    fn faq_questions_are_not_the_subject_but_a_qa_question_is() {
        let faq = ld(
            r#"{"@type":"FAQPage","mainEntity":[{"@type":"Question","name":"Is it?",
            "author":{"@type":"Person","name":"Nobody"}}]}"#,
        );
        assert!(faq.authors.is_empty());
        let qa = ld(
            r#"{"@type":"QAPage","mainEntity":{"@type":"Question","name":"How?",
            "datePublished":"2024-11-08T19:33:12.173Z","author":{"@type":"Person","name":"amon"}}}"#,
        );
        assert_eq!(qa.authors, ["amon"]);
        assert_eq!(qa.published.as_deref(), Some("2024-11-08T19:33:12.173Z"));
    }

    #[test]
    fn malformed_json_is_repaired_or_ignored() {
        let j = ld(
            "<!--\n{\"@type\":\"Article\",\"headline\":\"Line\nbreak\",\"author\":[\"Ann\",],}\n-->",
        );
        assert_eq!(j.headline.as_deref(), Some("Line break"));
        assert_eq!(j.authors, ["Ann"]);
        assert_eq!(ld("{not json at all"), JsonLd::default());
        assert_eq!(ld(""), JsonLd::default());
        let two = ld(r#"{"@type":"Organization","name":"X"}{"@type":"Article","headline":"Two"}"#);
        assert_eq!(two.headline.as_deref(), Some("Two"));
    }

    #[test]
    fn json_wrapped_in_anything_is_found() {
        assert_eq!(
            json_span("<!--//--><![CDATA[//><!--\n{\"a\":1}\n//--><!]]>"),
            "{\"a\":1}"
        );
        assert_eq!(json_span("var x = [ {\"a\":1} ];"), "[ {\"a\":1} ]");
        assert_eq!(json_span("no json"), "no json");
        assert_eq!(json_span("} {"), "} {");
    }

    #[test]
    fn deep_or_huge_json_does_not_overflow() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert_eq!(ld(&deep), JsonLd::default());
        let wide = format!(
            r#"{{"@type":"Article","headline":"H","author":[{}"Z"]}}"#,
            "\"A\",".repeat(10_000)
        );
        assert_eq!(ld(&wide).authors.len(), 32);
    }
}
