"""Template A, The Harbour Ledger: semantic HTML5, BEM class names, JSON-LD, a dateline."""

from __future__ import annotations

from datetime import datetime

from newsroom.slugs import slugify
from newsroom.templates.common import (
    ArticleContext,
    author_links,
    esc,
    has_social_embed,
    json_ld_script,
    news_article_ld,
    paragraph_blocks,
    pick_comments,
    social_embed,
)

_SECTIONS = ("News", "Politics", "Business", "Environment", "Transport", "Culture", "Sport")

_COMMENTS = (
    ("SaltyDog62", "Good to see this reported properly. The council should have acted years ago."),
    ("Quaysider", "Does anyone know whether this affects the Saturday arrangements as well?"),
    ("M. Trewartha", "I have lived here forty years and I cannot remember anything like it."),
    ("harbourmum", "Thank you to everyone involved. This town is at its best when it matters."),
    ("Gullwatcher", "Worth reading to the end. The last paragraph is the real story here."),
    ("PenlowPete", "We were promised a consultation on this. Whatever happened to that?"),
    ("Bryony_K", "Shared with our residents' group. Lots of questions already."),
    ("OldRopewalker", "My late father would have had plenty to say about this one."),
)


def _timestamp(moment: datetime) -> str:
    # House style: "Wed 18 Nov 2026 21.50 GMT".
    return moment.strftime("%a %d %b %Y %H.%M ") + (moment.tzname() or "")


def render_article(ctx: ArticleContext) -> str:
    """Return the HTML of a Harbour Ledger article page."""
    article = ctx.article
    first = (
        '<p><span class="story-body__dateline">HARBOURTON —</span> '
        f"{esc(article.paragraphs[0])}</p>"
    )
    inserts: dict[int, str] = {}
    if has_social_embed(article):
        inserts[3] = social_embed(article, lang="en", blurb="Just filed:")
    if ctx.related:
        read_more = ctx.related[0]
        inserts[4] = (
            '<aside class="story-body__read-more"><strong>Read more:</strong> '
            f'<a href="{esc(ctx.link(read_more.path))}">{esc(read_more.headline)}</a></aside>'
        )
    body = paragraph_blocks(article, inserts=inserts, first_paragraph=first)
    updated = ""
    if article.modified_at is not None:
        updated = (
            ' <span class="story-header__updated">Last modified on '
            f'<time datetime="{article.modified_at.isoformat()}">'
            f"{_timestamp(article.modified_at)}</time></span>"
        )
    nav = "\n".join(
        f'<li class="site-nav__item"><a href="/{slugify(name)}">{name}</a></li>'
        for name in _SECTIONS
    )
    tags = "\n".join(
        f'<li><a href="/tag/{slugify(tag)}">{esc(tag)}</a></li>' for tag in article.tags
    )
    related = "\n".join(
        f'<li class="related-stories__item"><a href="{esc(ctx.link(item.path))}">'
        f'{esc(item.headline)}</a> <span class="related-stories__section">'
        f"{esc(item.section)}</span></li>"
        for item in ctx.related
    )
    comments = pick_comments(article, _COMMENTS)
    comment_items = "\n".join(
        f'<li class="comment"><p class="comment__meta"><span class="comment__author">'
        f'{esc(comment.author)}</span> <time datetime="{comment.posted_at.isoformat()}">'
        f"{_timestamp(comment.posted_at)}</time></p>"
        f'<p class="comment__body">{esc(comment.text)}</p></li>'
        for comment in comments
    )
    byline = author_links(article.authors, "and", "/profile/", "story-header__author")
    ld = json_ld_script(news_article_ld(ctx, language="en-GB", logo_path="/assets/ledger-logo.png"))
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(article.headline)} | {esc(article.section)} | The Harbour Ledger</title>
<meta name="description" content="{esc(article.first_sentence)}">
<link rel="canonical" href="{esc(ctx.canonical_url)}">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(article.headline)}">
<meta property="og:description" content="{esc(article.first_sentence)}">
<meta property="og:url" content="{esc(ctx.canonical_url)}">
<meta property="og:site_name" content="The Harbour Ledger">
<meta property="og:image" content="{esc(ctx.image_url)}">
<meta property="article:section" content="{esc(article.section)}">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:site" content="@harbourledger">
<link rel="stylesheet" href="/assets/ledger.css">
{ld}
<script async src="/assets/consent.js"></script>
</head>
<body class="ledger article-page">
<div class="consent-banner" id="consent-banner" role="dialog" aria-label="Cookie consent">
<p class="consent-banner__text">We and our partners use cookies to personalise content and
adverts and to analyse our traffic. You can change your choices at any time by clicking
"Privacy settings" at the bottom of any page.</p>
<button class="consent-banner__accept" type="button">Accept all</button>
<button class="consent-banner__manage" type="button">Manage choices</button>
</div>
<a class="skip-link" href="#maincontent">Skip to main content</a>
<header class="site-header">
<div class="site-header__top"><span class="site-header__region">Harbourton and the
Westmarsh coast</span> <a class="site-header__subscribe" href="/subscribe">Subscribe</a>
<a class="site-header__signin" href="/signin">Sign in</a></div>
<a class="site-header__logo" href="/">The Harbour Ledger</a>
<nav class="site-nav" aria-label="Sections">
<ul class="site-nav__list">
{nav}
</ul>
</nav>
</header>
<main id="maincontent" class="page">
<article class="story">
<header class="story-header">
<a class="story-header__section" href="/{slugify(article.section)}">{esc(article.section)}</a>
<h1 class="story-header__headline">{esc(article.headline)}</h1>
<p class="story-header__byline">By {byline}</p>
<p class="story-header__timestamp"><time datetime="{article.published_at.isoformat()}">\
{_timestamp(article.published_at)}</time>{updated}</p>
</header>
<figure class="story-figure">
<img class="story-figure__image" src="{esc(ctx.image_url)}" alt="{esc(article.image_caption)}"
 width="1200" height="720">
<figcaption class="story-figure__caption">{esc(article.image_caption)}
<span class="story-figure__credit">Photograph: {esc(article.image_credit)}</span></figcaption>
</figure>
<div class="story-body">
{body}
</div>
<ul class="story-tags">
{tags}
</ul>
<div class="story-share">Share this story: <a href="/share/email">Email</a>
<a href="/share/facebook">Facebook</a> <a href="/share/x">X</a></div>
</article>
<aside class="newsletter-box">
<h2 class="newsletter-box__title">The Ledger Daily</h2>
<p>Harbourton's news, in your inbox every morning at 7am.</p>
<form class="newsletter-box__form" action="/newsletter" method="post">
<label for="newsletter-email">Email address</label>
<input id="newsletter-email" type="email" name="email" required>
<button type="submit">Sign up</button>
</form>
<p class="newsletter-box__small">We will never share your address. Unsubscribe at any time.</p>
</aside>
<section class="related-stories">
<h2 class="related-stories__title">More from the Ledger</h2>
<ul class="related-stories__list">
{related}
</ul>
</section>
<section class="comments" id="comments">
<h2 class="comments__title">Comments ({len(comments)})</h2>
<p class="comments__notice">Comments are premoderated. Please keep them civil.</p>
<ol class="comments__list">
{comment_items}
</ol>
</section>
</main>
<footer class="site-footer">
<ul class="site-footer__links">
<li><a href="/about">About us</a></li>
<li><a href="/contact">Contact the newsroom</a></li>
<li><a href="/privacy">Privacy settings</a></li>
<li><a href="/terms">Terms and conditions</a></li>
</ul>
<p class="site-footer__legal">© 2026 Harbour Ledger Media Ltd. Registered in England and
Wales. All rights reserved.</p>
</footer>
</body>
</html>
"""
