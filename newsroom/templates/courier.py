"""Template B, Valley Courier: a WordPress theme's markup, with comments and a sidebar."""

from __future__ import annotations

from datetime import datetime

from newsroom.slugs import slugify
from newsroom.templates.common import (
    ArticleContext,
    esc,
    has_social_embed,
    join_names,
    json_ld_script,
    news_article_ld,
    paragraph_blocks,
    pick_comments,
    social_embed,
    stable_number,
)

_MENU = ("Local", "Water", "Wildfire", "Schools", "Business", "Agriculture", "Sports")
_MONTHS = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)

_COMMENTS = (
    ("Linda R.", "Thank you for covering this. Nobody else in the valley is paying attention."),
    ("mirador_mike", "Would love a follow-up on how this gets paid for over the long term."),
    ("Carla Espinoza", "My family has been here three generations. We have seen this before."),
    ("Ray Tolliver", "Good reporting, but the headline undersells what's going on here."),
    ("pinecrest_hiker", "Appreciate the details. Sharing with my neighbors tonight."),
    ("J. Okafor", "Does anyone know when the next public meeting on this is?"),
    ("Deb in Calloway", "Finally some good news for this end of the county."),
    ("Tom B.", "I called the county about this last year and never heard back."),
)


def _ap_date(moment: datetime) -> str:
    # AP style: "Nov. 18, 2026 at 10:40 p.m."
    hour = moment.hour % 12 or 12
    meridiem = "a.m." if moment.hour < 12 else "p.m."
    month = _MONTHS[moment.month - 1]
    return f"{month} {moment.day}, {moment.year} at {hour}:{moment.minute:02d} {meridiem}"


def render_article(ctx: ArticleContext) -> str:
    """Return the HTML of a Valley Courier article page."""
    article = ctx.article
    post_id = 40000 + stable_number("post", article.path) % 9000
    category = slugify(article.section)
    inserts: dict[int, str] = {}
    if ctx.related:
        read_more = ctx.related[0]
        inserts[2] = (
            '<p class="read-more-inline"><strong>Read more:</strong> '
            f'<a href="{esc(ctx.link(read_more.path))}">{esc(read_more.headline)}</a></p>'
        )
    if has_social_embed(article):
        inserts[4] = social_embed(article, lang="en", blurb="New from the Courier:")
    body = paragraph_blocks(article, inserts=inserts)
    authors = [
        f'<span class="author vcard"><a class="url fn n" href="/author/{slugify(name)}/">'
        f"{esc(name)}</a></span>"
        for name in article.authors
    ]
    modified = article.modified_at or article.published_at
    credit_line = ""
    if ctx.original_outlet_name is not None:
        credit_line = (
            '<p class="syndication-credit"><em>This story first appeared in '
            f'<a href="{esc(ctx.canonical_url)}">{esc(ctx.original_outlet_name)}</a> and is '
            "republished here through the Coastal Climate Reporting Partnership.</em></p>"
        )
    members_badge = ""
    if article.path.startswith("/members/"):
        members_badge = '<span class="members-badge">Courier Members</span>'
    menu = "\n".join(
        f'<li class="menu-item menu-item-type-taxonomy"><a href="/category/{slugify(name)}/">'
        f"{name}</a></li>"
        for name in _MENU
    )
    tags = ", ".join(
        f'<a href="/tag/{slugify(tag)}/" rel="tag">{esc(tag)}</a>' for tag in article.tags
    )
    related = "\n".join(
        f'<li><a href="{esc(ctx.link(item.path))}">{esc(item.headline)}</a></li>'
        for item in ctx.related
    )
    comments = pick_comments(article, _COMMENTS)
    comment_items = "\n".join(
        f'<li id="comment-{post_id * 10 + index}" class="comment even depth-1">'
        '<article class="comment-body"><footer class="comment-meta">'
        f'<div class="comment-author vcard"><b class="fn">{esc(comment.author)}</b> '
        '<span class="says">says:</span></div><div class="comment-metadata">'
        f'<time datetime="{comment.posted_at.isoformat()}">{_ap_date(comment.posted_at)}</time>'
        f'</div></footer><div class="comment-content"><p>{esc(comment.text)}</p></div>'
        "</article></li>"
        for index, comment in enumerate(comments)
    )
    ld = json_ld_script(
        news_article_ld(ctx, language="en-US", logo_path="/wp-content/uploads/courier-logo.png")
    )
    return f"""<!doctype html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(article.headline)} &#8211; Valley Courier</title>
<meta name="robots" content="index, follow, max-image-preview:large">
<link rel="canonical" href="{esc(ctx.canonical_url)}">
<meta property="og:locale" content="en_US">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(article.headline)}">
<meta property="og:description" content="{esc(article.first_sentence)}">
<meta property="og:url" content="{esc(ctx.url)}">
<meta property="og:site_name" content="Valley Courier">
<meta property="og:image" content="{esc(ctx.image_url)}">
<meta property="article:published_time" content="{article.published_at.isoformat()}">
<meta property="article:modified_time" content="{modified.isoformat()}">
<meta name="author" content="{esc(", ".join(article.authors))}">
{ld}
<link rel="stylesheet" id="courier-style-css"
 href="/wp-content/themes/courier/style.css?ver=4.2.1" media="all">
<script src="/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
</head>
<body class="post-template-default single single-post postid-{post_id} single-format-standard">
<div id="page" class="site">
<div id="cmplz-cookiebanner-container"><div class="cmplz-cookiebanner" role="dialog"
 aria-live="polite"><div class="cmplz-title">Manage Cookie Consent</div>
<div class="cmplz-message"><p>To provide the best experiences, we use technologies like
cookies to store and/or access device information.</p></div>
<button class="cmplz-btn cmplz-accept">Accept</button>
<button class="cmplz-btn cmplz-deny">Deny</button>
<button class="cmplz-btn cmplz-view-preferences">View preferences</button></div></div>
<a class="skip-link screen-reader-text" href="#primary">Skip to content</a>
<header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title"><a href="/" rel="home">Valley Courier</a></p>
<p class="site-description">News for Mirador and the Alta Valley since 1911</p></div>
<nav id="site-navigation" class="main-navigation" aria-label="Primary">
<ul id="primary-menu" class="menu">
{menu}
</ul>
</nav>
</header>
<div id="content" class="site-content">
<div id="primary" class="content-area">
<main id="main" class="site-main">
<article id="post-{post_id}" class="post-{post_id} post type-post status-publish \
format-standard has-post-thumbnail category-{category}">
<header class="entry-header">
<span class="cat-links"><a href="/category/{category}/" rel="category tag">\
{esc(article.section)}</a></span> {members_badge}
<h1 class="entry-title">{esc(article.headline)}</h1>
<div class="entry-meta"><span class="byline">By {join_names(authors, "and")}</span>
<span class="posted-on">Published <time class="entry-date published"
 datetime="{article.published_at.isoformat()}">{_ap_date(article.published_at)}</time>
<time class="updated" datetime="{modified.isoformat()}">{_ap_date(modified)}</time></span>
</div>
</header>
<div class="post-thumbnail">
<figure class="wp-caption">
<img width="1024" height="683" src="{esc(ctx.image_url)}"
 class="attachment-post-thumbnail size-post-thumbnail wp-post-image"
 alt="{esc(article.image_caption)}" decoding="async">
<figcaption class="wp-caption-text">{esc(article.image_caption)} (Photo: \
{esc(article.image_credit)})</figcaption>
</figure>
</div>
<div class="entry-content">
{body}
</div>
<footer class="entry-footer">
{credit_line}
<span class="tags-links">Tagged {tags}</span>
</footer>
</article>
<div class="newsletter-signup">
<h3>Get the Courier Morning Brief</h3>
<p>The valley's top stories, delivered free to your inbox before 7 a.m.</p>
<form action="/newsletter/" method="post"><input type="email" name="email"
 placeholder="Your email address"><button type="submit">Subscribe</button></form>
</div>
<div class="related-posts">
<h3 class="related-posts-title">You may also like</h3>
<ul>
{related}
</ul>
</div>
<div id="comments" class="comments-area">
<h2 class="comments-title">{len(comments)} thoughts on &ldquo;{esc(article.headline)}&rdquo;</h2>
<ol class="comment-list">
{comment_items}
</ol>
<div id="respond" class="comment-respond">
<h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
<form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form">
<p class="comment-notes">Your email address will not be published. Required fields are
marked *</p>
<p class="comment-form-comment"><label for="comment">Comment *</label>
<textarea id="comment" name="comment" cols="45" rows="8" required></textarea></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit"
 value="Post Comment"></p>
</form>
</div>
</div>
</main>
</div>
<aside id="secondary" class="widget-area">
<section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2>
<ul>
{related}
</ul>
</section>
</aside>
</div>
<footer id="colophon" class="site-footer">
<div class="site-info">&copy; 2026 Valley Courier &middot; <a href="/privacy-policy/">Privacy
Policy</a> &middot; <a href="/about/">About</a> &middot; Proudly independent</div>
</footer>
</div>
</body>
</html>
"""
