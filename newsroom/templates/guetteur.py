"""Template D, Le Guetteur du Sud: a modern French news site, "c-" components, JSON-LD."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from newsroom.records import InfoPage, Outlet
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

_RUBRIQUES = ("Politique", "Société", "Économie", "Environnement", "Culture", "Sports")
_MOIS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

_COMMENTS = (
    ("Jean-Marc34", "Enfin un article qui prend le temps d'expliquer. Merci à la rédaction."),
    ("Mireille V.", "On en parlait justement au marché samedi. Personne n'était au courant."),
    ("Valmi_Rando", "Il serait temps que les élus viennent voir sur place comment ça se passe."),
    ("Lou de Castelroux", "Dans l'arrière-pays, on se sent souvent oubliés. Ça fait du bien."),
    ("Patrice B.", "Article intéressant, mais il manque le point de vue des riverains."),
    ("Nanou", "Partagé à toute la famille. On suivra la suite avec attention."),
    ("G. Pujol", "Cela fait des années que l'on signale ce problème à la mairie."),
    ("Sud_Curieux", "Très bon papier. Vivement la suite de l'enquête."),
)


def _date_fr(moment: datetime) -> str:
    # "18 novembre 2026 à 09h15"
    month = _MOIS[moment.month - 1]
    return f"{moment.day} {month} {moment.year} à {moment.hour:02d}h{moment.minute:02d}"


def _header() -> str:
    menu = "\n".join(
        f'<li class="c-menu__item"><a class="c-menu__link" href="/{slugify(name)}/">{name}</a></li>'
        for name in _RUBRIQUES
    )
    return f"""<div class="c-consent" data-consent-banner role="dialog">
<p class="c-consent__title">Vos choix concernant l'utilisation de cookies</p>
<p class="c-consent__text">Avec votre accord, nous et nos partenaires utilisons des cookies ou
technologies similaires pour stocker et accéder à des informations sur votre appareil.</p>
<button class="c-consent__btn c-consent__btn--accept" type="button">Accepter et fermer</button>
<button class="c-consent__btn" type="button">Continuer sans accepter</button>
</div>
<header class="l-header">
<div class="l-header__brand"><a href="/" class="c-logo">Le Guetteur <em>du Sud</em></a></div>
<nav class="c-menu" aria-label="Rubriques">
<ul class="c-menu__list">
{menu}
</ul>
</nav>
<a class="c-btn c-btn--abo" href="/abonnement/">S'abonner</a>
</header>"""


_FOOTER = """<footer class="l-footer">
<ul class="l-footer__links">
<li><a href="/a-propos/">Qui sommes-nous ?</a></li>
<li><a href="/mentions-legales/">Mentions légales</a></li>
<li><a href="/cookies/">Gestion des cookies</a></li>
<li><a href="/contact/">Contact</a></li>
</ul>
<p class="l-footer__copyright">© Le Guetteur du Sud 2026 – Tous droits réservés</p>
</footer>"""


def render_article(ctx: ArticleContext) -> str:
    """Return the HTML of a Guetteur du Sud article page."""
    article = ctx.article
    inserts: dict[int, str] = {}
    if ctx.related:
        also = ctx.related[0]
        inserts[3] = (
            '<p class="c-article__inline-link"><strong>Lire aussi :</strong> '
            f'<a href="{esc(ctx.link(also.path))}">{esc(also.headline)}</a></p>'
        )
    if has_social_embed(article):
        inserts[4] = social_embed(article, lang="fr", blurb="À lire sur notre site :")
    body = paragraph_blocks(article, inserts=inserts)
    updated = ""
    if article.modified_at is not None:
        updated = (
            '<span class="c-article__date c-article__date--update">Mis à jour le '
            f'<time datetime="{article.modified_at.isoformat()}">'
            f"{_date_fr(article.modified_at)}</time></span>"
        )
    tags = "\n".join(
        f'<li class="c-tags__item"><a href="/sujet/{slugify(tag)}/">{esc(tag)}</a></li>'
        for tag in article.tags
    )
    related = "\n".join(
        f'<li class="c-related__item"><a href="{esc(ctx.link(item.path))}">'
        f"{esc(item.headline)}</a></li>"
        for item in ctx.related
    )
    comments = pick_comments(article, _COMMENTS, at_least=1)
    comment_items = "\n".join(
        f'<div class="c-comment"><p class="c-comment__author">{esc(comment.author)}</p>'
        f'<p class="c-comment__date">Le {_date_fr(comment.posted_at)}</p>'
        f'<p class="c-comment__text">{esc(comment.text)}</p></div>'
        for comment in comments
    )
    rubrique = slugify(article.section)
    breadcrumb: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Accueil", "item": ctx.link("/")},
            {
                "@type": "ListItem",
                "position": 2,
                "name": article.section,
                "item": ctx.link(f"/{rubrique}/"),
            },
        ],
    }
    ld_article = json_ld_script(news_article_ld(ctx, language="fr-FR", logo_path="/img/logo.png"))
    byline = author_links(article.authors, "et", "/auteur/", "c-article__author")
    return f"""<!DOCTYPE html>
<html lang="fr" dir="ltr">
<head>
<meta charset="utf-8">
<title>{esc(article.headline)} - Le Guetteur du Sud</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{esc(article.first_sentence)}">
<link rel="canonical" href="{esc(ctx.canonical_url)}">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(article.headline)}">
<meta property="og:description" content="{esc(article.first_sentence)}">
<meta property="og:url" content="{esc(ctx.canonical_url)}">
<meta property="og:site_name" content="Le Guetteur du Sud">
<meta property="og:image" content="{esc(ctx.image_url)}">
<meta property="og:locale" content="fr_FR">
<meta property="article:published_time" content="{article.published_at.isoformat()}">
<meta name="twitter:card" content="summary_large_image">
{ld_article}
{json_ld_script(breadcrumb)}
<link rel="preload" href="/fonts/marianne.woff2" as="font" crossorigin>
<link rel="stylesheet" href="/css/main.3f9c2a.css">
</head>
<body class="page-article rubrique-{rubrique}">
{_header()}
<main class="l-main" role="main">
<article class="c-article" data-article-id="{esc(article.path)}">
<nav class="c-breadcrumb" aria-label="Fil d'Ariane"><a href="/">Accueil</a> ›
<a href="/{rubrique}/">{esc(article.section)}</a></nav>
<h1 class="c-article__title">{esc(article.headline)}</h1>
<div class="c-article__meta">
<span class="c-article__authors">Par {byline}</span>
<span class="c-article__date">Publié le <time datetime="{article.published_at.isoformat()}">\
{_date_fr(article.published_at)}</time></span>
{updated}
</div>
<figure class="c-article__figure">
<picture><source srcset="{esc(ctx.image_url.removesuffix(".jpg"))}.webp" type="image/webp">
<img src="{esc(ctx.image_url)}" alt="{esc(article.image_caption)}" loading="lazy"
 width="1280" height="720"></picture>
<figcaption class="c-article__caption">{esc(article.image_caption)}
<span class="c-article__credit">Photo {esc(article.image_credit)}</span></figcaption>
</figure>
<div class="c-article__body">
{body}
</div>
<ul class="c-tags">
{tags}
</ul>
</article>
<section class="c-newsletter">
<h2 class="c-newsletter__title">La lettre du Guetteur</h2>
<p>Chaque matin, l'essentiel de l'actualité de Valmirande et de sa région.</p>
<form class="c-newsletter__form" action="/newsletter/" method="post">
<input type="email" name="email" placeholder="Votre adresse e-mail" required>
<button type="submit">Je m'inscris</button>
</form>
</section>
<section class="c-related">
<h2 class="c-related__title">À lire aussi</h2>
<ul class="c-related__list">
{related}
</ul>
</section>
<section class="c-comments" id="reactions">
<h2 class="c-comments__title">Réactions ({len(comments)})</h2>
{comment_items}
<p class="c-comments__cta"><a href="/connexion/">Connectez-vous</a> pour réagir.</p>
</section>
</main>
{_FOOTER}
</body>
</html>
"""


def render_info_page(outlet: Outlet, page: InfoPage, base_url: str) -> str:
    """Return the HTML of a non-article page ("about us") in the Guetteur's layout."""
    url = base_url + page.path
    webpage: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "@id": url,
        "name": page.title,
        "url": url,
        "inLanguage": "fr-FR",
        "publisher": {"@type": "NewsMediaOrganization", "name": outlet.name},
    }
    text = "\n".join(f"<p>{esc(paragraph)}</p>" for paragraph in page.paragraphs)
    links = "\n".join(
        f'<li class="c-links__item"><a href="{esc(path)}">{esc(label)}</a></li>'
        for label, path in page.links
    )
    return f"""<!DOCTYPE html>
<html lang="fr" dir="ltr">
<head>
<meta charset="utf-8">
<title>{esc(page.title)} - Le Guetteur du Sud</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="canonical" href="{esc(url)}">
<meta property="og:type" content="website">
<meta property="og:title" content="{esc(page.title)}">
<meta property="og:url" content="{esc(url)}">
<meta property="og:site_name" content="Le Guetteur du Sud">
<meta property="og:image" content="{esc(base_url)}/img/partage.png">
{json_ld_script(webpage)}
<link rel="stylesheet" href="/css/main.3f9c2a.css">
</head>
<body class="page-statique">
{_header()}
<main class="l-main" role="main">
<div class="c-page">
<h1 class="c-page__title">{esc(page.title)}</h1>
{text}
<ul class="c-links">
{links}
</ul>
</div>
</main>
{_FOOTER}
</body>
</html>
"""
