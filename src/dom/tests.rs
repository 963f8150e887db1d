//! The arena: what a parse keeps of a page, and the limits on it.

use super::*;

#[test]
fn subtrees_are_index_ranges() {
    let d = Document::parse(
        "<div id=a><p>one <b>two</b></p><p>three</p></div><span>x</span>",
        &Limits::default(),
    );
    let div = d.find_tag("div").unwrap_or(0);
    assert_eq!(d.attr(div, "id"), Some("a"));
    assert_eq!(d.text_content(div), "one twothree");
    let kids: Vec<_> = d.children(div).map(|c| d.tag(c).to_string()).collect();
    assert_eq!(kids, ["p", "p"]);
    let span = d.find_tag("span").unwrap_or(0);
    assert!(!d.contains(div, span));
}

#[test]
fn the_first_char_is_the_one_the_trimmed_text_starts_with() {
    let d = Document::parse(
        "<p> <b>\u{a0}</b>\n<i>Hi</i> there</p><div> </div><ul></ul>",
        &Limits::default(),
    );
    for i in 0..d.len() {
        assert_eq!(
            d.first_char(i),
            d.text_content(i).trim_start().chars().next()
        );
    }
    assert_eq!(d.first_char(d.find_tag("p").unwrap_or(0)), Some('H'));
    assert_eq!(d.first_char(d.find_tag("div").unwrap_or(0)), None);
}

#[test]
fn class_and_id_are_read_as_attr_reads_them() {
    let d = Document::parse(
        r#"<div title=t id="main" class="post body"></div><p class=x></p><span>s</span>"#,
        &Limits::default(),
    );
    for i in 0..d.len() {
        assert_eq!(d.class_and_id(i), [d.attr(i, "class"), d.attr(i, "id")]);
        let names = ["title", "id", "class", "href", "titles"];
        assert_eq!(d.attrs_named(i, names), names.map(|n| d.attr(i, n)));
    }
    let div = d.find_tag("div").unwrap_or(0);
    assert_eq!(d.class_and_id(div), [Some("post body"), Some("main")]);
}

#[test]
fn only_json_ld_keeps_its_script_text() {
    let d = Document::parse(
        r#"<head><style>p { color: red }</style><script>var a = "<p>x</p>";</script>
        <script type=" Application/LD+JSON ">{"@type":"NewsArticle"}</script></head><body><p>text</p>"#,
        &crate::options::Limits::default(),
    );
    let texts: Vec<&str> = (0..d.len())
        .filter_map(|i| d.text(i))
        .filter(|t| !t.trim().is_empty())
        .collect();
    assert_eq!(texts, [r#"{"@type":"NewsArticle"}"#, "text"]);
    assert_eq!(
        d.find_tag("script").map(|s| d.text_content(s)),
        Some(String::new())
    );
}

#[test]
fn deep_nesting_is_flattened_not_recursed() {
    let html = "<div>".repeat(5000) + "deep text" + &"</div>".repeat(5000);
    let d = Document::parse(
        &html,
        &Limits {
            max_depth: 100,
            ..Limits::default()
        },
    );
    assert!(d.nodes.iter().all(|n| n.depth <= 101));
    assert!(d.text_content(0).contains("deep text"));
}

#[test]
fn nesting_far_beyond_the_depth_limit_keeps_all_text_and_later_siblings() {
    let n = 20_000;
    let html = "<div id=outer>".to_string()
        + &"<b><a href=x>".repeat(n)
        + "bottom"
        + &"</a></b>".repeat(n)
        + &"<span>".repeat(n)
        + "inner"
        + &"</span>".repeat(n)
        + "<p>after</p></div>";
    let d = Document::parse(
        &html,
        &Limits {
            max_depth: 50,
            ..Limits::default()
        },
    );
    let text = d.text_content(0);
    assert!(text.contains("bottom") && text.contains("inner"));
    let p = d.find_tag("p").unwrap_or(0);
    assert_eq!(d.text_content(p), "after");
    let outer = d.find_tag("div").unwrap_or(0);
    assert_eq!(d.attr(outer, "id"), Some("outer"));
    assert_eq!(d.parent(p), outer);
}

#[test]
fn list_items_nested_far_beyond_the_depth_limit_keep_their_text_and_later_lists() {
    let n = 5_000;
    let html = "<ul><li>".repeat(n)
        + "<p>bottom</p>"
        + &"</li></ul>".repeat(n)
        + "<ol><li>one</li><li>two</li></ol>";
    let d = Document::parse(
        &html,
        &Limits {
            max_depth: 50,
            ..Limits::default()
        },
    );
    assert!(d.text_content(0).contains("bottom"));
    let ol = d.find_tag("ol").unwrap_or(0);
    let items: Vec<_> = d.children(ol).map(|c| d.text_content(c)).collect();
    assert_eq!(items, ["one", "two"]);
    assert_eq!(d.depth(ol), 3, "html > body > ol");
}

#[test]
fn attributes_past_the_limit_are_dropped_and_the_first_kept() {
    let html = "<div".to_string()
        + &(0..5_000).map(|i| format!(" a{i}=v")).collect::<String>()
        + ">x</div>";
    let d = Document::parse(&html, &Limits::default());
    let div = d.find_tag("div").unwrap_or(0);
    assert_eq!(d.attr(div, "a255"), Some("v"));
    assert_eq!(d.attr(div, "a256"), None);
    assert_eq!(d.text_content(div), "x");
}

#[test]
fn nesting_within_the_depth_limit_is_parsed_unchanged() {
    let html = "<span>".repeat(300) + "x" + &"</span>".repeat(300);
    let d = Document::parse(&html, &Limits::default());
    let spans = (0..d.len()).filter(|&i| d.tag(i) == "span").count();
    assert_eq!(spans, 300);
}

#[test]
fn input_fed_in_chunks_parses_as_a_whole() {
    // A CR LF, a multi-byte char, an entity and a tag each straddle a chunk boundary.
    for (at, piece) in [(1, "\r\n"), (1, "é"), (3, "&amp;"), (2, "<b>b</b>")] {
        let mut html = "<p>".to_string() + &"x".repeat(CHUNK - 3 - at);
        html.push_str(piece);
        html.push_str("</p><p>after</p>");
        let d = Document::parse(&html, &Limits::default());
        let expected = piece
            .replace("\r\n", "\n")
            .replace("&amp;", "&")
            .replace("<b>", "")
            .replace("</b>", "");
        let text = d.text_content(0);
        assert!(text.ends_with(&format!("{expected}after")), "{piece:?}");
        assert!(!d.truncated);
    }
    assert_eq!(chunk_end("aé", 2), 1, "not inside a char");
    assert_eq!(chunk_end("éa", 1), 2, "at least one char");
}

#[test]
fn a_deadline_already_passed_stops_the_parse() {
    let html = "<p>x</p>".repeat(100_000);
    let past = Instant::now();
    assert_eq!(
        Document::parse_until(&html, &Limits::default(), Some(past)).err(),
        Some(TimedOut)
    );
}

#[test]
fn the_node_cap_stops_the_tree_as_it_is_built() {
    let html = "<p>x".repeat(10_000);
    let limits = Limits {
        max_nodes: 1_000,
        ..Limits::default()
    };
    let d = Document::parse(&html, &limits);
    assert!(d.truncated);
    assert!(d.len() <= 1_000, "{}", d.len());
    assert!(d.len() > 900, "{}", d.len());
}

fn attr_names(d: &Document, tag: &str) -> Vec<String> {
    let i = d.find_tag(tag).unwrap_or(0);
    d.attrs(i).map(|(n, _)| n.to_string()).collect()
}

fn with_max_attributes(max: usize) -> Limits {
    Limits {
        max_attributes: max,
        ..Limits::default()
    }
}

#[test]
fn attributes_keep_the_order_the_page_wrote_them_in() {
    let d = Document::parse(
        "<div id=x class=y data-z=1 aria-label=w>text</div>",
        &Limits::default(),
    );
    assert_eq!(
        attr_names(&d, "div"),
        ["id", "class", "data-z", "aria-label"]
    );
}

#[test]
fn attributes_past_the_cap_are_dropped_and_the_first_kept() {
    let d = Document::parse(
        "<div a=1 b='2' c=\"3\" d e=5>text</div><p f g h>more</p><svg><path a b c/></svg>",
        &with_max_attributes(2),
    );
    assert_eq!(attr_names(&d, "div"), ["a", "b"]);
    assert_eq!(attr_names(&d, "p"), ["f", "g"]);
    assert_eq!(attr_names(&d, "path"), ["a", "b"]);
    assert_eq!(d.text_content(0), "textmore");
}

#[test]
fn a_repeated_attribute_counts_once_toward_the_cap() {
    let d = Document::parse(
        "<div a=1 a=2 a=3 b=4 c=5 title='x > y'>t</div>",
        &with_max_attributes(2),
    );
    let div = d.find_tag("div").unwrap_or(0);
    assert_eq!(attr_names(&d, "div"), ["a", "b"]);
    assert_eq!(d.attr(div, "a"), Some("1"));
}

#[test]
fn markup_in_raw_text_and_comments_is_not_read_as_tags_by_the_cap() {
    let d = Document::parse(
        "<textarea><i j k l></textarea><!-- <i j k l> --><b x y z>t</b>",
        &with_max_attributes(2),
    );
    assert_eq!(attr_names(&d, "b"), ["x", "y"]);
    let textarea = d.find_tag("textarea").unwrap_or(0);
    assert_eq!(d.text_content(textarea), "<i j k l>");
}

#[test]
fn an_attribute_cut_by_the_end_of_the_page_is_handled() {
    for page in ["<div a b c", "<div a='b c d", "<a b=", "<p é=ü ö ä ß>ü"] {
        let d = Document::parse(page, &with_max_attributes(1));
        assert!(d.len() >= 1, "{page}");
    }
    let d = Document::parse("é<p é=ü ö ä ß>ü</p>", &with_max_attributes(1));
    assert_eq!(attr_names(&d, "p"), ["é"]);
    assert_eq!(d.text_content(0), "éü");
}

#[test]
fn a_tag_manager_frame_left_open_in_a_noscript_does_not_swallow_the_page() {
    let d = Document::parse(
        r#"<body><noscript><iframe src="https://tags.example/ns.html" style="display:none" /></noscript>
        <main><h1>Your fastest path</h1><p>The page itself.</p></main></body>"#,
        &Limits::default(),
    );
    let main = d.find_tag("main").unwrap_or(0);
    assert_eq!(d.tag(main), "main");
    assert_eq!(d.text_content(main), "Your fastest pathThe page itself.");
}
