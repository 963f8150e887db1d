//! The boilerplate vocabulary as data: tag, role, class and id words that mark what is not content.

/// Elements that never hold article content.
pub const NEVER_CONTENT_TAGS: &[&str] = &[
    "script",
    "style",
    "template",
    "head",
    "title",
    "meta",
    "link",
    "iframe",
    "svg",
    "canvas",
    "button",
    "input",
    "select",
    "textarea",
    "option",
    "object",
    "embed",
    "video",
    "audio",
    "source",
    "track",
    "map",
    "area",
    "dialog",
    "frame",
    "frameset",
    "annotation",
    "annotation-xml",
];

/// Elements that are page furniture unless they turn out to hold the page's text.
pub const FURNITURE_TAGS: &[&str] = &["nav", "aside", "footer", "menu"];

/// Whole class names that CSS frameworks use to hide an element (Bootstrap, Tailwind,
/// WordPress's screen-reader text).
pub const HIDDEN_CLASSES: &[&str] = &[
    "hide",
    "hidden",
    "d-none",
    "display-none",
    "is-hidden",
    "u-hidden",
];

/// ARIA roles of page furniture.
pub const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "toolbar",
    "tablist",
];

/// Words of class and id names that mark boilerplate (matched as whole words of a name split at
/// `-`, `_`, spaces and case changes: `post-comments` has the word `comments`).
pub const NEGATIVE_WORDS: &[&str] = &[
    // comments and comment forms (WordPress, Disqus, Drupal, Blogger)
    "comment",
    "comments",
    "commentlist",
    "respond",
    "reply",
    "replies",
    "disqus",
    // sharing and likes (Jetpack, AddThis, ShareThis)
    "share",
    "shares",
    "sharing",
    "sharedaddy",
    "sharethis",
    "addthis",
    "social",
    "socials",
    "likes",
    "jetpack",
    // related and recommended content
    "related",
    "relatedposts",
    "recommended",
    "recommendations",
    "recirculation",
    "popular",
    "trending",
    "outbrain",
    "taboola",
    // previews of linked pages inside posts (XenForo, Discourse "onebox")
    "unfurl",
    "onebox",
    // navigation
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "pagination",
    "pager",
    "skip",
    // sidebars and widgets
    "sidebar",
    "sidebars",
    "aside",
    // newsletters, cookies, consent, paywalls, pop-ups
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "popup",
    "modal",
    "overlay",
    "paywall",
    // advertising
    "ad",
    "ads",
    "advert",
    "advertisement",
    "adsense",
    "sponsor",
    "sponsored",
    "promotion",
    // page furniture
    "footer",
    "masthead",
    "copyright",
    "tags",
    "tagcloud",
    "categories",
    "meta",
    "byline",
    "bio",
    "authorbox",
    "postmeta",
    "signature",
    "reviews",
];

/// Words that say a container is (part of) the content; they protect a node whose name also
/// carries a negative word, as long as it holds a real share of the page's text.
pub const POSITIVE_WORDS: &[&str] = &[
    "article", "content", "entry", "main", "post", "body", "text", "story", "blog", "prose",
    "markdown", "hentry", "column",
];

/// Names (class or id, whole) that platforms use for their comment sections.
pub const COMMENT_SECTION_WORDS: &[&str] = &[
    "comments",
    "comment",
    "commentlist",
    "respond",
    "disqus",
    "replies",
];

/// Short texts that are boilerplate wherever they stand as a whole block (lower-cased).
/// Headings of related-links boxes are in [`RELATED_HEADINGS`], which takes their links too.
pub const BOILERPLATE_LINES: &[&str] = &[
    "edit this page",
    "edit on github",
    "share this page",
    "permalink",
    "leave a reply",
    "leave a comment",
    "share this:",
    "share this",
    "like this:",
    "like this",
    "advertisement",
    "loading...",
    "loading…",
    "post navigation",
    "continue reading",
    "read more",
    "%d bloggers like this:",
    // forum platforms (XenForo, vBulletin, phpBB)
    "click to expand...",
    "click to expand…",
    "click to expand",
    "you must log in or register to reply here.",
    "you must log in or register to reply here",
    // Q&A platforms (Stack Exchange)
    "sorted by:",
    "you must log in to answer this question.",
    "start asking to get answers",
    "find the answer to your question by asking.",
    "ask question",
    "see similar questions with these tags.",
];

/// Headings that open a box of links to other pages ("You may also like", "Leia também"):
/// the box goes with its heading. Compared lower-cased, without trailing punctuation.
pub const RELATED_HEADINGS: &[&str] = &[
    // English
    "related",
    "related posts",
    "related articles",
    "related stories",
    "related content",
    "related news",
    "you may also like",
    "you might also like",
    "you may be interested in",
    "you might be interested in",
    "recommended",
    "recommended for you",
    "recommended stories",
    "read next",
    "what to read next",
    "up next",
    "more stories",
    "more news",
    "more articles",
    "most popular",
    "most read",
    "popular posts",
    "trending",
    "trending now",
    "don't miss",
    "similar threads",
    "explore related questions",
    "related questions",
    "linked questions",
    "hot network questions",
    "similar topics",
    "don’t miss",
    // Portuguese
    "você pode gostar",
    "você também pode gostar",
    "leia também",
    "veja também",
    "posts relacionados",
    "artigos relacionados",
    "notícias relacionadas",
    "mais lidas",
    // Spanish
    "te puede interesar",
    "también te puede interesar",
    "artículos relacionados",
    "noticias relacionadas",
    "lo más leído",
    // French
    "à lire aussi",
    "lire aussi",
    "articles similaires",
    "sur le même sujet",
    "vous aimerez aussi",
    // German
    "das könnte sie auch interessieren",
    "mehr zum thema",
    "ähnliche artikel",
    "weitere artikel",
    "auch interessant",
    // Italian
    "potrebbe interessarti",
    "articoli correlati",
    "leggi anche",
    // Russian
    "похожие статьи",
    "похожие записи",
    "читайте также",
    "вам также может понравиться",
];

/// Class prefixes of page builders, whose names ("widget", "module") mark content and furniture
/// alike, and of script libraries whose markers name no component (MathJax's
/// `CtxtMenu_Attached` says a formula has a context menu, not that it is one).
pub const PAGE_BUILDER_PREFIXES: &[&str] = &[
    "ctxtmenu",
    "elementor",
    "et_pb",
    "et-pb",
    "vc_",
    "wpb_",
    "fl-",
    "wp-block",
    "e-con",
    "fusion-",
    "tdb-",
    "td_block",
    "td-block",
    "kt-",
    "uagb-",
    "brxe-",
    "oxy-",
    "ct-",
];

/// Words that lower a container's score without removing it: furniture as often as not.
/// Words of image galleries, slideshows and carousels: beside an article they repeat its
/// pictures and captions (the article's own figures are figures); on a product or service
/// page they may be what it shows, so they count only on pages that declare an article.
pub const MEDIA_WORDS: &[&str] = &["gallery", "slideshow", "carousel", "slider"];

pub const WEAK_NEGATIVE_WORDS: &[&str] = &["widget", "widgets", "banner", "promo", "teaser"];

/// URL path parts of forum and Q&A platforms (phpBB, vBulletin, XenForo, Discourse, Invision,
/// Vanilla, Reddit, Stack Exchange): pages whose replies are the content.
pub const DISCUSSION_PATHS: &[&str] = &[
    "/forum/",
    "/forums/",
    "/threads/",
    "/thread/",
    "/topic/",
    "/t/",
    "viewtopic",
    "showthread",
    "/discussion/",
    "/comments/",
    "/questions/",
    "/community/",
];

/// First labels of hosts that serve forum and Q&A software (`forum.example.org`).
pub const DISCUSSION_HOSTS: &[&str] = &[
    "forum",
    "forums",
    "community",
    "bbs",
    "discuss",
    "discussions",
    "boards",
    "answers",
];

/// Whole class names that forum and comment platforms (XenForo, phpBB, vBulletin, Discourse)
/// give to the furniture around a post: user cards, signatures, post headers.
pub const PLATFORM_FURNITURE_NAMES: &[&str] = &[
    "message-user",
    "message-userextras",
    "message-signature",
    "message-attribution",
    // XenForo 1
    "messageUserInfo",
    "extraUserInfo",
    "postprofile",
    "post-signature",
    "signature",
    "reviews",
    "avatar",
    "user-card",
    "usercard",
    "author-card",
    "topic-avatar",
];
