//! `<meta>` tags: OpenGraph (`og:*`, `article:*`), Twitter cards, Dublin Core, Parse.ly,
//! Sailthru, citation and plain `name=` tags, looked up by key in a priority order.

/// The `<meta>` entries of a page, keys lower-cased, in document order.
pub struct Metas<'a> {
    entries: &'a [(String, String)],
}

/// Keys for the title, best first (Dublin Core, then OpenGraph, then the rest).
pub const TITLE: &[&str] = &[
    "dc:title",
    "dc.title",
    "dcterm:title",
    "dcterms.title",
    "og:title",
    "weibo:article:title",
    "weibo:webpage:title",
    "title",
    "twitter:title",
    "parsely-title",
    "sailthru.title",
];

/// Keys for authors, best first.
pub const AUTHOR: &[&str] = &[
    "dc:creator",
    "dc.creator",
    "dcterm:creator",
    "dcterms.creator",
    "author",
    "parsely-author",
    "sailthru.author",
    "article:author",
    "og:article:author",
    "article:author_name",
    "book:author",
    "byl",
    "citation_author",
    "dc.contributor",
];

/// Twitter card labels whose data is the author.
pub const AUTHOR_LABELS: &[&str] = &["written by", "author", "by"];

/// Keys for the publication date, best first.
pub const PUBLISHED: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "published_time",
    "og:published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dc:date",
    "dcterms.date",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "prism.publicationdate",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "published-date",
    "date-published",
    "published_date",
    "post-date",
    "publication-date",
    "release_date",
    "article.published",
    "article_date_original",
    "original-publish-date",
    "date_published",
    "cxenseparse:recs:publishtime",
    "rnews:datepublished",
    "eomportal-lastupdate",
    "date",
    "created",
    "datecreated",
];

/// Keys for the modification date, best first.
pub const MODIFIED: &[&str] = &[
    "article:modified_time",
    "og:article:modified_time",
    "article:modified",
    "modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "dc.date.modified",
    "modified-date",
    "last-modified-date",
    "last-modified",
    "lastmod",
    "revised",
    "updated_time",
];

/// Keys for the site name.
pub const SITE: &[&str] = &[
    "og:site_name",
    "application-name",
    "apple-mobile-web-app-title",
    "al:android:app_name",
    "al:ios:app_name",
    "dc.publisher",
    "publisher",
];

/// Keys for the description.
pub const DESCRIPTION: &[&str] = &[
    "dc.description",
    "dc:description",
    "dcterm:description",
    "og:description",
    "weibo:article:description",
    "weibo:webpage:description",
    "description",
    "twitter:description",
];

/// Keys for the lead image.
pub const IMAGE: &[&str] = &[
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "twitter:image",
    "twitter:image:src",
    "image",
    "thumbnail",
];

/// Keys for tags and categories.
pub const TAGS: &[&str] = &[
    "article:tag",
    "og:article:tag",
    "article:section",
    "og:article:section",
    "parsely-tags",
    "news_keywords",
    "keywords",
    "citation_keywords",
];

/// Keys for the language.
pub const LANGUAGE: &[&str] = &[
    "content-language",
    "dc.language",
    "dc:language",
    "language",
    "og:locale",
];

impl<'a> Metas<'a> {
    /// Wraps the scanned entries.
    pub fn new(entries: &'a [(String, String)]) -> Self {
        Metas { entries }
    }

    /// The first non-empty value of `key`.
    pub fn get(&self, key: &str) -> Option<&'a str> {
        self.entries
            .iter()
            .find(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    /// Every non-empty value of `key`, in order.
    pub fn all(&self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.entries
            .iter()
            .filter(move |(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    /// The value of a Twitter card label/data pair (`twitter:label1` "Written by",
    /// `twitter:data1` "Ann Lee", as Yoast SEO writes them) whose label is one of `labels`
    /// (lower case).
    pub fn twitter_data(&self, labels: &[&str]) -> Option<&'a str> {
        (1..=4).find_map(|n| {
            let label = self.get(&format!("twitter:label{n}"))?;
            labels
                .contains(&label.to_lowercase().as_str())
                .then(|| self.get(&format!("twitter:data{n}")))
                .flatten()
        })
    }

    /// Every non-empty value of `key` (a key of any lifetime).
    pub fn all_of<'k>(&self, key: &'k str) -> impl Iterator<Item = &'a str> + 'k
    where
        'a: 'k,
    {
        let entries = self.entries;
        entries
            .iter()
            .filter(move |(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    /// The first key of `keys` (in that priority) that has a value, with the key.
    pub fn first(&self, keys: &[&'static str]) -> Option<(&'static str, &'a str)> {
        keys.iter().find_map(|&k| self.get(k).map(|v| (k, v)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_follow_the_priority_not_the_page_order() {
        let e = vec![
            ("og:title".to_string(), "OG".to_string()),
            ("dc.title".to_string(), " ".to_string()),
            ("dc:title".to_string(), "DC".to_string()),
            ("article:tag".to_string(), "a".to_string()),
            ("article:tag".to_string(), "b".to_string()),
        ];
        let m = Metas::new(&e);
        assert_eq!(m.first(TITLE), Some(("dc:title", "DC")));
        assert_eq!(m.all("article:tag").collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(m.get("nothing"), None);
    }

    #[test]
    fn twitter_card_labels_name_their_data() {
        let e = vec![
            (
                "twitter:label1".to_string(),
                "Est. reading time".to_string(),
            ),
            ("twitter:data1".to_string(), "4 minutes".to_string()),
            ("twitter:label2".to_string(), "Written by".to_string()),
            ("twitter:data2".to_string(), "Ann Lee".to_string()),
        ];
        let m = Metas::new(&e);
        assert_eq!(m.twitter_data(AUTHOR_LABELS), Some("Ann Lee"));
        assert_eq!(m.twitter_data(&["price"]), None);
    }
}
