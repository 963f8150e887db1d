//! Structure kept from whole pages: what the article's own lists, headings and tables look like
//! after extraction, in the HTML output.

use nutgraf::Extractor;

const PROSE: &str = "The committee met on Tuesday to review the plans, and after a long \
    discussion of costs, schedules and risks, it agreed that the work should go ahead in \
    three phases, each reviewed before the next one starts.";

fn html_of(page: &str) -> String {
    let e = Extractor::builder().build();
    e.extract(page.as_bytes()).unwrap().html()
}

fn paragraphs(n: usize) -> String {
    (0..n).map(|_| format!("<p>{PROSE}</p>")).collect()
}

#[test]
fn a_table_of_contents_inside_the_article_is_kept() {
    let page = format!(
        "<html><head><title>Planning notes</title></head><body>\
         <nav><a href='/'>Home</a> <a href='/about'>About</a></nav>\
         <article><h1>Planning notes</h1>{p}\
         <ul><li><a href='#costs'>Costs</a></li><li><a href='#schedule'>Schedule</a></li>\
         <li><a href='#risks'>Risks</a></li></ul>\
         <h2 id='costs'>Costs</h2>{p}<h2 id='schedule'>Schedule</h2>{p}\
         <h2 id='risks'>Risks</h2>{p}</article></body></html>",
        p = paragraphs(2)
    );
    let out = html_of(&page);
    assert!(
        out.contains("<li>Costs</li>") && out.contains("<li>Risks</li>"),
        "{out}"
    );
}

#[test]
fn a_list_whose_items_say_more_than_their_links_is_kept() {
    let page = format!(
        "<html><head><title>Weekly report</title></head><body><article>\
         <h1>Weekly report</h1>{p}<h2>New contributors</h2><ul>\
         <li>Ann <a href='https://bugs.example.org/1'>fixed the crash on start-up</a></li>\
         <li>Bob <a href='https://bugs.example.org/2'>removed an unused attribute</a> from dialogs</li>\
         <li>Cid <a href='https://bugs.example.org/3'>converted the tools code</a> to promises</li>\
         </ul>{p}</article></body></html>",
        p = paragraphs(3)
    );
    let out = html_of(&page);
    assert!(out.contains("from dialogs"), "{out}");
    assert!(out.contains("fixed the crash on start-up"), "{out}");
}

#[test]
fn a_list_of_bare_links_inside_the_article_still_goes() {
    let page = format!(
        "<html><head><title>Weekly report</title></head><body><article>\
         <h1>Weekly report</h1>{p}<ul>\
         <li><a href='/a'>Another story</a></li><li><a href='/b'>More stories</a></li>\
         <li><a href='/c'>Top stories today</a></li></ul>{p}</article></body></html>",
        p = paragraphs(3)
    );
    let out = html_of(&page);
    assert!(!out.contains("Another story"), "{out}");
}

#[test]
fn the_title_is_not_repeated_as_the_first_heading_of_the_body() {
    let page = format!(
        "<html><head><title>Planning notes | Example Times</title></head><body><article>\
         <h1>Planning notes</h1>{p}<h2>Costs</h2>{p}</article></body></html>",
        p = paragraphs(2)
    );
    let e = Extractor::builder().build();
    let a = e.extract(page.as_bytes()).unwrap();
    assert_eq!(a.title.as_deref(), Some("Planning notes"));
    let out = a.html();
    assert!(!out.contains("<h1>"), "{out}");
    assert!(out.contains("<h2>Costs</h2>"), "{out}");
    assert!(!a.text.starts_with("Planning notes"), "{}", a.text);
}

#[test]
fn a_figure_keeps_its_image_with_its_caption_and_any_text_beside_them() {
    let page = format!(
        "<html><body><article><h1>Planning notes</h1>{p}\
         <figure><img src='plan.png' alt='The plan'><figcaption>The three phases</figcaption></figure>\
         {p}<figure><a href='/shoe'><img src='shoe.jpg' alt='Shoe'></a>\
         <div class='card'><div>Trail Runner Premium</div><div>Men's Road Running Shoes</div>\
         <div>$230</div></div></figure>{p}</article></body></html>",
        p = paragraphs(2)
    );
    let out = html_of(&page);
    assert!(
        out.contains("<figcaption>The three phases</figcaption>"),
        "{out}"
    );
    assert!(
        out.contains("Trail Runner Premium") && out.contains("$230"),
        "{out}"
    );
    assert!(out.contains("shoe.jpg"), "{out}");
}
