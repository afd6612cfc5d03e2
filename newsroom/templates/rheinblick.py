"""Template C, Rheinblick Zeitung: an older CMS's div layout, no JSON-LD, German markup.

Metadata lives only in meta tags (article:published_time, author) and a <time datetime>.
"""

from __future__ import annotations

from datetime import datetime

from newsroom.slugs import slugify
from newsroom.templates.common import (
    ArticleContext,
    esc,
    has_social_embed,
    join_names,
    paragraph_blocks,
    social_embed,
)

_RESSORTS = ("Lokales", "Politik", "Wirtschaft", "Kultur", "Sport", "Verkehr", "Umwelt")


def _datum(moment: datetime) -> str:
    # "18.11.2026, 09:10 Uhr"
    return moment.strftime("%d.%m.%Y, %H:%M Uhr")


def render_article(ctx: ArticleContext) -> str:
    """Return the HTML of a Rheinblick article page."""
    article = ctx.article
    ressort = slugify(article.section)
    lead = f'<p class="vorspann"><strong>{esc(article.paragraphs[0])}</strong></p>'
    inserts: dict[int, str] = {
        2: '<div class="ad-slot" id="ad-inread-1"><span class="anzeige">Anzeige</span></div>',
    }
    if has_social_embed(article):
        inserts[3] = social_embed(article, lang="de", blurb="Neu auf rheinblick.de:")
    if ctx.related:
        also = ctx.related[0]
        inserts[5] = (
            '<div class="zwischenlink">Lesen Sie auch: '
            f'<a href="{esc(ctx.link(also.path))}">{esc(also.headline)}</a></div>'
        )
    body = paragraph_blocks(article, inserts=inserts, first_paragraph=lead)
    modified = ""
    modified_meta = ""
    if article.modified_at is not None:
        modified = (
            ' <span class="aktualisiert">Aktualisiert: '
            f'<time datetime="{article.modified_at.isoformat()}">'
            f"{_datum(article.modified_at)}</time></span>"
        )
        modified_meta = (
            f'<meta property="article:modified_time" content="{article.modified_at.isoformat()}">\n'
        )
    nav = " | ".join(f'<a href="/{slugify(name)}/">{name}</a>' for name in _RESSORTS)
    keywords = ", ".join(article.tags)
    schlagworte = " ".join(
        f'<a href="/thema/{slugify(tag)}/">{esc(tag)}</a>' for tag in article.tags
    )
    related = "\n".join(
        f'<li><a href="{esc(ctx.link(item.path))}">{esc(item.headline)}</a></li>'
        for item in ctx.related
    )
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{esc(article.headline)} - Rheinblick Zeitung</title>
<meta name="description" content="{esc(article.first_sentence)}">
<meta name="keywords" content="{esc(keywords)}">
<meta name="author" content="{esc(", ".join(article.authors))}">
<meta name="robots" content="index,follow">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(article.headline)}">
<meta property="og:url" content="{esc(ctx.canonical_url)}">
<meta property="og:site_name" content="Rheinblick Zeitung">
<meta property="og:image" content="{esc(ctx.image_url)}">
<meta property="og:locale" content="de_DE">
<meta property="article:published_time" content="{article.published_at.isoformat()}">
{modified_meta}<meta property="article:section" content="{esc(article.section)}">
<link rel="canonical" href="{esc(ctx.canonical_url)}">
<link rel="stylesheet" type="text/css" href="/static/css/rb.min.css?v=20261101">
<script type="text/javascript">var rbSeitentyp = "artikel"; var rbRessort = "{ressort}";</script>
</head>
<body id="rb-artikel">
<div id="cmp-consent" class="cmp cmp-consent-layer"><div class="cmp-box">
<h3>Wir respektieren Ihre Privatsphäre</h3>
<p>Wir und unsere Partner verwenden Cookies und ähnliche Technologien, speichern
Informationen auf Ihrem Gerät und verarbeiten personenbezogene Daten, um Inhalte zu
personalisieren und die Nutzung unseres Angebots zu messen.</p>
<a href="#" class="cmp-btn cmp-accept">Alle akzeptieren</a>
<a href="/datenschutz.html" class="cmp-btn">Einstellungen</a>
</div></div>
<div id="wrapper">
<div id="kopf">
<div class="logo"><a href="/"><img src="/static/img/logo-rheinblick.svg"
 alt="Rheinblick Zeitung" width="260" height="48"></a></div>
<div class="nav-haupt">{nav}</div>
<div class="brotkrumen"><a href="/">Startseite</a> &gt; <a href="/{ressort}/">\
{esc(article.section)}</a> &gt; <span>Artikel</span></div>
</div>
<div id="inhalt">
<div class="spalte-links">
<div class="artikel">
<div class="artikel-kopf">
<span class="dachzeile">{esc(article.section)}</span>
<h1 class="artikel-titel">{esc(article.headline)}</h1>
<div class="artikel-info"><span class="autor">Von {esc(join_names(article.authors, "und"))}\
</span> <span class="trenner">|</span> <time class="datum" \
datetime="{article.published_at.isoformat()}">{_datum(article.published_at)}</time>{modified}\
</div>
</div>
<div class="artikel-bild">
<img src="{esc(ctx.image_url)}" alt="{esc(article.image_caption)}" width="800" height="450">
<div class="bildunterschrift"><span class="bu">{esc(article.image_caption)}</span>
<span class="copyright">Foto: {esc(article.image_credit)}</span></div>
</div>
<div class="artikel-text">
{body}
</div>
<div class="artikel-schlagworte">Schlagworte: {schlagworte}</div>
<div class="kommentare-hinweis">Die Kommentarfunktion für diesen Artikel ist geschlossen.</div>
</div>
<div class="mehr-zum-thema">
<h3>Mehr zum Thema</h3>
<ul>
{related}
</ul>
</div>
</div>
<div class="spalte-rechts">
<div class="box newsletter">
<h4>Newsletter</h4>
<p>Die wichtigsten Nachrichten aus Auenstedt jeden Morgen um 6 Uhr in Ihrem Postfach.</p>
<form action="/newsletter/anmelden" method="post"><input type="email" name="email"
 placeholder="Ihre E-Mail-Adresse"><input type="submit" value="Anmelden"></form>
</div>
<div class="box meistgelesen">
<h4>Meistgelesen</h4>
<ol>
{related}
</ol>
</div>
</div>
</div>
<div id="fuss">
<a href="/impressum.html">Impressum</a> | <a href="/datenschutz.html">Datenschutz</a> |
<a href="/agb.html">AGB</a> | <a href="/kontakt.html">Kontakt</a><br>
&copy; 2026 Rheinblick Verlag GmbH &amp; Co. KG
</div>
</div>
</body>
</html>
"""
