//! URLs: resolving relative links against the page address, and the page's host name.

use url::Url;

/// `href` resolved against `base` (when there is one); absolute `http(s)` URLs only.
pub fn resolve(href: &str, base: Option<&str>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with("data:") || href.starts_with("javascript:") {
        return None;
    }
    let u = match Url::parse(href) {
        Ok(u) => u,
        Err(_) => Url::parse(base?).ok()?.join(href).ok()?,
    };
    matches!(u.scheme(), "http" | "https").then(|| u.to_string())
}

/// The registrable-looking part of a URL's host, without `www.` and the TLD:
/// `https://www.example.co.uk/x` → `example`; also the full host without `www.`.
pub fn host_names(url: &str) -> Vec<String> {
    let Ok(u) = Url::parse(url) else {
        return Vec::new();
    };
    let Some(host) = u.host_str() else {
        return Vec::new();
    };
    let host = host.trim_start_matches("www.").to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    let mut out = vec![host.clone()];
    // The longest label that is not a generic second-level or top-level domain.
    if let Some(l) = labels
        .iter()
        .take(labels.len().saturating_sub(1))
        .filter(|l| {
            !matches!(
                **l,
                "co" | "com" | "org" | "net" | "ac" | "gov" | "edu" | "blog" | "m" | "en"
            )
        })
        .max_by_key(|l| l.len())
    {
        out.push((*l).to_string());
    }
    out
}

/// The words of the last path segment that reads as a slug ("/2008/01/bush-warns-iran.html"
/// → bush, warns, iran): lower-case, numbers dropped; empty when the path has no such segment.
pub fn slug_words(url: &str) -> Vec<String> {
    let Ok(u) = Url::parse(url) else {
        return Vec::new();
    };
    let Some(seg) = u
        .path_segments()
        .and_then(|mut s| s.rfind(|s| s.contains(['-', '_'])))
    else {
        return Vec::new();
    };
    let stem = seg.rsplit_once('.').map_or(seg, |(s, _)| s);
    stem.split(['-', '_', '+', '.'])
        .filter(|w| w.chars().any(char::is_alphabetic))
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_resolve_against_the_base() {
        assert_eq!(
            resolve("/img/a.jpg", Some("https://ex.org/post/1")).as_deref(),
            Some("https://ex.org/img/a.jpg")
        );
        assert_eq!(resolve("/img/a.jpg", None), None);
        assert_eq!(
            resolve("data:image/png;base64,xx", Some("https://ex.org/")),
            None
        );
        assert_eq!(
            resolve("https://cdn.ex.org/a.jpg", None).as_deref(),
            Some("https://cdn.ex.org/a.jpg")
        );
    }

    #[test]
    fn host_names_drop_www_and_tld() {
        assert_eq!(
            host_names("https://www.example.co.uk/x"),
            ["example.co.uk", "example"]
        );
        assert!(host_names("not a url").is_empty());
    }
}
