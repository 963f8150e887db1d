//! Reader comments: extracted apart from the body, with author, date and text, in page order,
//! from the markup of common platforms; comment forms are never comments.

use nutgraf::{Comment, Extractor};

fn comments(html: &str) -> Vec<Comment> {
    Extractor::builder()
        .url("https://example.org/post")
        .comments(true)
        .build()
        .extract(html.as_bytes())
        .unwrap()
        .comments
}

fn article(body_extra: &str) -> String {
    format!(
        "<html><head><title>Post</title></head><body><article class=\"post type-post hentry\">\
         <h1>Post</h1><div class=\"entry-content\">\
         <p>The article's first paragraph is long enough to be the main content of the page, with words.</p>\
         <p>The second paragraph carries on for a while, so that scoring has something to go on here.</p>\
         </div></article>{body_extra}</body></html>"
    )
}

const WP_FORM: &str = r##"<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
<form id="commentform" class="comment-form"><p class="comment-notes">Your email address will not be published.</p>
<textarea name="comment"></textarea><input type="submit" value="Post Comment"></form></div>"##;

#[test]
fn wordpress_threads_give_each_comment_and_reply_in_page_order() {
    let html = article(&format!(
        r##"<div id="comments" class="comments-area"><h2 class="comments-title">2 thoughts on "Post"</h2>
<ol class="comment-list">
 <li id="comment-1" class="comment even thread-even depth-1 parent">
  <article id="div-comment-1" class="comment-body">
   <footer class="comment-meta"><div class="comment-author vcard"><img class="avatar" src="a.png">
     <b class="fn"><a href="https://ann.example" class="url">Ann</a></b> <span class="says">says:</span></div>
    <div class="comment-metadata"><a href="#comment-1"><time datetime="2021-08-27T10:15:00+00:00">August 27, 2021 at 10:15 am</time></a></div>
   </footer>
   <div class="comment-content"><p>Great piece.</p><p>Thanks for writing it.</p></div>
   <div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>
  </article>
  <ol class="children">
   <li id="comment-2" class="comment byuser odd alt depth-2">
    <article id="div-comment-2" class="comment-body">
     <footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Bob</b> <span class="says">says:</span></div>
      <div class="comment-metadata"><a href="#comment-2"><time datetime="2021-08-28T08:00:00+00:00">August 28, 2021</time></a></div></footer>
     <div class="comment-content"><p>Agreed with Ann.</p></div>
     <div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>
    </article>
   </li>
  </ol>
 </li>
</ol>{WP_FORM}</div>"##
    ));
    let c = comments(&html);
    assert_eq!(
        c,
        vec![
            Comment {
                author: Some("Ann".into()),
                published: Some("2021-08-27T10:15:00+00:00".into()),
                text: "Great piece.\n\nThanks for writing it.".into(),
            },
            Comment {
                author: Some("Bob".into()),
                published: Some("2021-08-28T08:00:00+00:00".into()),
                text: "Agreed with Ann.".into(),
            },
        ]
    );
}

#[test]
fn comments_are_never_part_of_the_body() {
    let html = article(
        r##"<div id="comments"><ol class="commentlist"><li class="comment"><div class="comment-body">
<div class="comment-author vcard"><cite class="fn">Carol</cite> <span class="says">says:</span></div>
<p>A reader's remark that must stay out of the article body.</p></div></li></ol></div>"##,
    );
    let a = Extractor::builder()
        .comments(true)
        .build()
        .extract(html.as_bytes())
        .unwrap();
    assert!(a.text.contains("first paragraph"));
    assert!(!a.text.contains("reader's remark"), "{}", a.text);
    assert_eq!(a.comments.len(), 1);
    assert_eq!(a.comments[0].author.as_deref(), Some("Carol"));
    assert_eq!(
        a.comments[0].text,
        "A reader's remark that must stay out of the article body."
    );
}

#[test]
fn comments_are_only_extracted_when_asked_for() {
    let html = article(
        r##"<ol class="commentlist"><li class="comment"><div class="comment-content">Hi</div></li></ol>"##,
    );
    let a = nutgraf::extract(html.as_bytes()).unwrap();
    assert!(a.comments.is_empty());
}

#[test]
fn a_comment_form_alone_gives_no_comments() {
    let html = article(&format!(
        r##"<div id="comments" class="comments-area">{WP_FORM}
<div class="comment-form-field comment-textarea"><label>Enter your comment here...</label></div>
<p>Fill in your details below or click an icon to log in:</p></div>"##
    ));
    assert_eq!(comments(&html), vec![]);
}

#[test]
fn disqus_rendered_posts_give_author_date_and_message() {
    let html = article(
        r##"<div id="disqus_thread"><ul id="post-list" class="post-list">
<li class="post" id="post-101"><div role="alert"></div><div class="post-content">
 <div class="avatar"><img src="x.png" alt="Avatar"></div>
 <div class="post-body"><header class="comment__header"><span class="post-byline"><span class="author publisher-anchor-color"><a href="https://disqus.com/by/dana/">Dana</a></span></span>
  <span class="post-meta"><span class="bullet time-ago-bullet">•</span><a href="#comment-101" class="time-ago" title="Monday, January 4, 2016 5:12 PM">8 years ago</a></span></header>
  <div class="post-body-inner"><div class="post-message"><p>Tried it with rye: works.</p></div></div>
  <footer class="comment__footer"><menu class="comment-footer__menu"><li class="voting">Like</li><li class="reply"><a>Reply</a></li></menu></footer>
 </div></div>
 <ul class="children"><li class="post" id="post-102"><div class="post-content"><div class="post-body">
  <header><span class="post-byline"><span class="author"><a>Eve</a></span></span></header>
  <div class="post-message"><p>Same here.</p></div></div></div></li></ul>
</li></ul></div>"##,
    );
    let c = comments(&html);
    assert_eq!(c.len(), 2, "{c:?}");
    assert_eq!(c[0].author.as_deref(), Some("Dana"));
    assert_eq!(c[0].published.as_deref(), Some("2016-01-04T17:12:00"));
    assert_eq!(c[0].text, "Tried it with rye: works.");
    assert_eq!(c[1].author.as_deref(), Some("Eve"));
    assert_eq!(c[1].text, "Same here.");
}

#[test]
fn drupal_comments_give_author_date_and_body() {
    let html = article(
        r##"<section class="comments"><h2>Comments</h2>
<article data-comment-user-id="3" id="comment-7" class="comment js-comment by-anonymous">
 <footer class="comment__meta"><p class="comment__author"><span class="username">Frank</span></p>
  <p class="comment__time"><time datetime="2020-03-01T12:00:00Z">Sun, 03/01/2020 - 12:00</time></p></footer>
 <div class="content"><h3><a href="/comment/7">Nice</a></h3>
  <div class="clearfix text-formatted field field--name-comment-body field--type-text-long field__item"><p>Very useful module.</p></div>
  <ul class="links inline"><li class="comment-reply"><a href="/comment/reply/7">Reply</a></li></ul></div>
</article>
<div class="comment">
 <div class="submitted">Submitted by <span class="username">Grace</span> on March 2, 2020 at 9:30</div>
 <div class="content"><div class="field field-name-comment-body"><p>Drupal 7 says hi.</p></div></div>
</div></section>"##,
    );
    let c = comments(&html);
    assert_eq!(
        c,
        vec![
            Comment {
                author: Some("Frank".into()),
                published: Some("2020-03-01T12:00:00Z".into()),
                text: "Very useful module.".into()
            },
            Comment {
                author: Some("Grace".into()),
                published: Some("2020-03-02T09:30:00".into()),
                text: "Drupal 7 says hi.".into()
            },
        ]
    );
}

#[test]
fn phpbb_style_posts_give_author_date_and_content() {
    let html = r##"<html><body><div id="page-body"><h2 class="topic-title">Seasoning a wok</h2>
<div id="p11" class="post has-profile bg2"><div class="inner">
 <dl class="postprofile"><dt><a class="username-coloured" href="#">Hank</a></dt><dd>Posts: 12</dd></dl>
 <div class="postbody"><h3><a href="#p11">Seasoning a wok</a></h3>
  <p class="author">by <strong><a class="username" href="#">Hank</a></strong> » <time datetime="2019-05-04T10:00:00+00:00">Sat May 04, 2019 10:00 am</time></p>
  <div class="content">How thin should the oil layer be?</div>
  <div class="signature">Hank's sig</div></div></div></div>
<div id="p12" class="post has-profile bg1"><div class="inner">
 <div class="postbody"><p class="author">by <a class="username" href="#">Ivy</a> » Sun May 05, 2019 8:00 pm</p>
  <div class="content">Very thin.<br>Wipe it off.</div></div></div></div>
</div></body></html>"##;
    let c = comments(html);
    assert_eq!(
        c,
        vec![
            Comment {
                author: Some("Hank".into()),
                published: Some("2019-05-04T10:00:00+00:00".into()),
                text: "How thin should the oil layer be?".into()
            },
            Comment {
                author: Some("Ivy".into()),
                published: Some("2019-05-05T20:00:00".into()),
                text: "Very thin.\nWipe it off.".into()
            },
        ]
    );
}

#[test]
fn schema_org_comments_are_read_from_microdata() {
    let html = article(
        r##"<div><div itemprop="comment" itemscope itemtype="https://schema.org/Comment">
 <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Jo</span></span>
 <meta itemprop="dateCreated" content="2022-02-02">
 <div itemprop="text"><p>Microdata comment.</p></div></div>
<div itemscope itemtype="http://schema.org/UserComments"><span itemprop="creator">Kim</span>
 <span itemprop="commentTime">2022-02-03</span><p itemprop="commentText">Old vocabulary.</p></div></div>"##,
    );
    let c = comments(&html);
    assert_eq!(
        c,
        vec![
            Comment {
                author: Some("Jo".into()),
                published: Some("2022-02-02".into()),
                text: "Microdata comment.".into()
            },
            Comment {
                author: Some("Kim".into()),
                published: Some("2022-02-03".into()),
                text: "Old vocabulary.".into()
            },
        ]
    );
}

#[test]
fn code_highlighter_comment_tokens_are_not_reader_comments() {
    let html = article(
        r##"<pre><code><span class="comment">// not a reader comment</span>
x = 1</code></pre><div class="comment"><p>a layout box named comment, outside any comment section</p></div>"##,
    );
    assert_eq!(comments(&html), vec![]);
}

#[test]
fn the_wordpress_com_fixture_has_a_form_and_no_comments() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/wordpress-com-article.html"
    );
    if let Ok(bytes) = std::fs::read(path) {
        let a = Extractor::builder()
            .comments(true)
            .build()
            .extract(&bytes)
            .unwrap();
        assert_eq!(a.comments, vec![]);
    }
}

#[test]
fn substack_style_comments_take_the_inner_body_the_labelled_author_and_the_titled_date() {
    let html = article(
        r##"<div class="comment-list"><div class="comment-list-items"><div class="comment">
<div role="article" aria-label="Comment by Doug" class="pencraft comment-content">
 <div class="pencraft"><a href="/profile/doug">Doug</a> <a href="/c/1" title="Dec 12, 2025, 6:16 PM"><span>8d</span></a>
  <button>Liked by Dan</button></div>
 <div class="comment-body"><p>Is there room for voters being wrong?</p></div>
</div></div></div></div>"##,
    );
    assert_eq!(
        comments(&html),
        vec![Comment {
            author: Some("Doug".into()),
            published: Some("2025-12-12T18:16:00".into()),
            text: "Is there room for voters being wrong?".into()
        }]
    );
}

#[test]
fn woocommerce_reviews_are_comments() {
    let html = article(
        r##"<div id="reviews"><ol class="commentlist"><li class="review even depth-1" id="li-comment-1">
<div id="comment-1" class="comment_container"><div class="comment-text">
 <div class="star-rating" role="img" aria-label="Rated 4 out of 5"><span>Rated <strong class="rating">4</strong> out of 5</span></div>
 <p class="meta"><strong class="woocommerce-review__author">Iñaki</strong> <em class="woocommerce-review__verified verified">(verified owner)</em>
  <span class="woocommerce-review__dash">–</span> <time class="woocommerce-review__published-date" datetime="2020-06-04T06:06:13+02:00">June 4, 2020</time></p>
 <div class="description"><p>Light and comfortable.</p></div></div></div></li></ol></div>"##,
    );
    assert_eq!(
        comments(&html),
        vec![Comment {
            author: Some("Iñaki".into()),
            published: Some("2020-06-04T06:06:13+02:00".into()),
            text: "Light and comfortable.".into()
        }]
    );
}

#[test]
fn a_comment_list_marked_as_one_comment_without_text_is_not_a_comment() {
    let html = article(
        r##"<div class="comments-list main" itemscope itemtype="http://schema.org/UserComments">
<div class="title-line"><h3>All comments</h3><a class="more">Show more comments (20)</a></div><ul class="main"></ul></div>"##,
    );
    assert_eq!(comments(&html), vec![]);
}
