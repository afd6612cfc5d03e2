"""Page classification: whether a page is an article, and if not, which kind of page it is.

Every page the pipeline reads ends in one of seven classes, each with a reason code, so a
non-article is counted, never silently dropped:

| class | reason | what it is |
| --- | --- | --- |
| article | new (then updated / unchanged) | a story with its text |
| not_article | not_article | a page that says it is something else, or short undeclared text |
| paywall | paywall | a story whose readable text stops at a subscription wall |
| consent_wall | consent_wall | a cookie or consent interstitial standing in for the page |
| too_short | too_short | a page declared an article whose text is too short to use |
| non_html | bad_content_type | a body that is not an HTML page (PDF, JSON, image, ...) |
| empty | empty, no_content | nothing to read (empty), or no main text found (no_content) |

Walls are recognised by what the page declares (schema.org ``isAccessibleForFree`` and the
``hasPart`` selectors of its paid parts), by class names of wall boxes, and by what walls
say to readers, in several languages. Declarations and class names alone never make a
wall: of the 1,171 corpus pages, 46 declare ``isAccessibleForFree: false`` and 63 carry
paywall class names on block elements, yet 78 of the 87 hold the whole story (metered
walls hide it with scripts). They count only where the readable text is a teaser. A
wall's own words count where they close the text: the story stops there.

Wall phrases are read in trafilatura's text before cleaning, which removes such prompts
from the stored text (`transforms.cleaning`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from transforms.charset import is_probably_binary, utf16_codec
from transforms.page_metadata import ARTICLE_TYPES, PageMetadata
from transforms.records import Reason


class PageClass(StrEnum):
    """What kind of page a fetched document is."""

    ARTICLE = "article"
    NOT_ARTICLE = "not_article"
    PAYWALL = "paywall"
    CONSENT_WALL = "consent_wall"
    TOO_SHORT = "too_short"
    NON_HTML = "non_html"
    EMPTY = "empty"


@dataclass(frozen=True, kw_only=True)
class Classification:
    """A page's class, the reason code recorded for it, and the evidence in words."""

    page_class: PageClass
    reason: Reason
    detail: str


@dataclass(frozen=True, kw_only=True)
class PageSignals:
    """Wall evidence read from a page's markup before extraction."""

    not_free: bool = False
    """The page's JSON-LD says isAccessibleForFree is false (for it or one of its parts)."""
    paid_selectors: tuple[str, ...] = ()
    """The ``hasPart`` cssSelectors that mark the page's paid parts."""
    paywall_markup: tuple[str, ...] = ()
    """Paywall class and id names found on block elements (e.g. ``paywall``, ``regwall``)."""
    has_text: bool = True
    """Whether the page has any visible text at all, outside scripts and styles."""

    @property
    def paywall_evidence(self) -> tuple[str, ...]:
        """Return the markup evidence of a paywall, in words, strongest first."""
        evidence = ["isAccessibleForFree=false"] if self.not_free else []
        evidence += [f"hasPart={s}" for s in self.paid_selectors]
        evidence += [f"markup={m}" for m in self.paywall_markup]
        return tuple(evidence)


MIN_ARTICLE_WORDS = 60
"""Below this, a page that does not declare itself an article is taken for a non-article."""
MIN_DECLARED_ARTICLE_WORDS = 25
"""Below this, even a page that declares itself an article has too little text to use."""
PAYWALL_TEASER_WORDS = 150
"""A page with paywall declarations or markup and at most this many words is a teaser.
On the corpus, teasers on such pages ran 26-123 words, whole stories 225 (Japanese, counted
by characters) and 317 upwards."""
WALL_BLOCK_WORDS = 200
"""A wall's message closes the text: it starts within this many words of the end."""
CONSENT_WALL_WORDS = 400
"""A consent interstitial is short; longer text with cookie paragraphs is a page with a banner."""
CONSENT_SHARE = 0.5
"""The share of the text in cookie and consent paragraphs that makes it a consent wall."""
CJK_CHARACTERS_PER_WORD = 2
"""Chinese and Japanese write words without spaces; about two characters make a word."""

HTML_TYPES = ("text/html", "application/xhtml+xml")
_MARKUP_SAMPLE = 65536
_TAG = re.compile(rb"<\s*[a-zA-Z!?/]")
_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# Class and id names of paywall boxes ("paywall", "c-paywall__inner", "isPaywall",
# "regwall"), looked for in class and id values of block elements. Links and logos that
# mention a paywall (a metered counter's "free articles left" link) do not make one.
# Vendor names (Piano's tp-modal, Poool, Laterpay) and "subscriber-only" or
# "meteredContent" were tried too: on the corpus they only ever marked pages that held the
# whole story, and every name costs a scan of the page.
_WALL = "wall"
_PAYWALL_NAMES = ("paywall", "pay-wall", "pay_wall", "regwall", "registration-wall")
_BLOCK_TAGS = frozenset(
    {"div", "section", "aside", "article", "main", "form", "header", "footer", "dialog", "p"}
)
_MAX_TAG_PREFIX = 1000
"""Characters looked back from a class name for the start of its tag."""
_OPENING_TAG = re.compile(r"<([a-z][a-z0-9-]*)\b[^<>]*?\b(?:class|id)\s*=\s*[\"']?[^\"'<>=]*$")

# What walls say where the readable text stops. Only phrases that say the story goes on
# behind the wall: "subscribe to our newsletter" closes many free stories.
_PAYWALL_PHRASES = (
    # English
    "subscribe to continue reading",
    "subscribe to read the full",
    "subscribe to keep reading",
    "to continue reading",
    "to keep reading",
    "to view the full story",
    "to read the full story",
    "to read the full article",
    "to read this article in full",
    "this article is for subscribers",
    "this article is only available to subscribers",
    "this content is only available to subscribers",
    "this content is for subscribers",
    "available to subscribers only",
    "exclusive to subscribers",
    "subscribers only",
    "for subscribers only",
    "already a subscriber",
    "you have reached your limit",
    "you've reached your limit",
    "create a free account to continue",
    "sign in to continue reading",
    "log in to continue reading",
    "register to continue reading",
    "unlock this article",
    "unlock this story",
    # German
    "jetzt weiterlesen",
    "weiterlesen mit",
    "und weiterlesen",
    "um weiterzulesen",
    "um den vollständigen artikel",
    "um diesen artikel zu lesen",
    "sie haben bereits ein abo",
    "bereits abonnent",
    "schon abonnent",
    "nur für abonnenten",
    "exklusiv für abonnenten",
    "dieser artikel ist nur",
    "dieser inhalt ist nur",
    "artikel freischalten",
    # French
    "réservé aux abonnés",
    "réservée aux abonnés",
    "article réservé",
    "déjà abonné",
    "abonnez-vous pour lire",
    "pour lire la suite",
    "il vous reste",
    "la suite est réservée",
    # Spanish
    "exclusivo para suscriptores",
    "suscríbete para seguir leyendo",
    "suscríbete para continuar",
    "para seguir leyendo",
    "ya eres suscriptor",
    "este contenido es exclusivo",
    # Italian
    "riservato agli abbonati",
    "articolo riservato",
    "abbonati per continuare",
    "sei già abbonato",
    "per continuare a leggere",
    # Portuguese
    "exclusivo para assinantes",
    "assine para continuar",
    "já é assinante",
    "para continuar lendo",
    "para continuar a ler",
    # Dutch
    "alleen voor abonnees",
    "lees verder met",
    "al abonnee",
    # Polish
    "tylko dla prenumeratorów",
    "tylko dla subskrybentów",
    "dostęp do całego artykułu",
    # Danish, Norwegian, Swedish
    "kun for abonnenter",
    "allerede abonnent",
    "redan prenumerant",
    "för prenumeranter",
    # Japanese, Chinese
    "この記事は会員限定です",
    "会員限定記事",
    "有料会員限定",
    "続きを読むには",
    "订阅后阅读",
    "付费阅读",
)
# What cookie and consent interstitials are about, and what they ask the reader to do.
# Generic words are enough here: a paragraph counts only inside a short text made mostly of
# such paragraphs, and a wall needs a topic and an action (a privacy notice asks for
# nothing; a story may report "broad approval" from "media partners").
_CONSENT_TOPICS = (
    "cookie",
    "privacy",
    "personalised ads",
    "personalized ads",
    "store and/or access information on a device",
    "datenschutz",
    "pur-abo",
    "confidentialité",
    "privacidad",
    "privacidade",
    "prywatności",
)
_CONSENT_ASIDES = ("partner", "partenaires", "socios", "werbefrei", "tracking")
_CONSENT_ACTIONS = (
    "accept",
    "agree",
    "consent",
    "reject all",
    "manage your choices",
    "manage preferences",
    "before you continue",
    "legitimate interest",
    "akzeptieren",
    "zustimm",
    "einwillig",
    "einverstanden",
    "accepter",
    "tout refuser",
    "consentement",
    "aceptar",
    "consentimiento",
    "accetta",
    "consenso",
    "aceitar",
    "consentimento",
    "accepteren",
    "toestemming",
    "akceptuj",
    "zgod",
)
# Hosts that only ever serve consent interstitials (a story redirected there was walled).
_CONSENT_HOSTS = re.compile(r"^(?:consent|guce|myprivacy|cmp|privacy-gate)\.")

# schema.org types and og:types that only other kinds of page declare. Types every page of
# a site declares (WebSite, WebPage, Organization, BreadcrumbList) and og:type "website",
# which many sites put on their stories too, say nothing either way.
_NON_ARTICLE_TYPES = frozenset(
    {
        "AboutPage",
        "ContactPage",
        "CollectionPage",
        "ProfilePage",
        "SearchResultsPage",
        "CheckoutPage",
        "ItemList",
        "Product",
        "ProductGroup",
        "Recipe",
        "FAQPage",
        "QAPage",
        "JobPosting",
        "Course",
        "SoftwareApplication",
        "MobileApplication",
        "RealEstateListing",
        "DiscussionForumPosting",
        "ImageGallery",
        "Store",
        "Hotel",
        "Restaurant",
    }
)
_NON_ARTICLE_OG_TYPES = frozenset(
    {"profile", "product", "book", "place", "business.business", "restaurant.restaurant"}
)
# Titles of imprints, contact, privacy and about pages, alone or before a site name; not
# "Datenschutz: EU straft Meta", which is a headline.
_SITE_PAGE_TITLE = re.compile(
    r"(?:impressum|imprint|legal notice|mentions légales|kontakt|contact(?: us)?|about(?: us)?"
    r"|über uns|datenschutz(?:erklärung)?|privacy(?: policy)?|terms of (?:use|service)|agb"
    r"|cookie policy)(?:$|\s+[|–—·-]\s)",
    re.IGNORECASE,
)
# Last path segments of imprints, contact, privacy and about pages.
_SITE_PAGE_SLUGS = frozenset(
    {
        "about",
        "about-us",
        "ueber-uns",
        "uber-uns",
        "contact",
        "contact-us",
        "kontakt",
        "impressum",
        "imprint",
        "privacy",
        "privacy-policy",
        "datenschutz",
        "datenschutzerklaerung",
        "terms",
        "terms-of-use",
        "agb",
        "mentions-legales",
        "cookies",
        "cookie-policy",
    }
)


def classify_body(body: bytes, content_type: str | None) -> Classification | None:
    """Return the class of a body that cannot be read as a page (non_html or empty), or
    None when it is worth extracting."""
    media = content_type.split(";")[0].strip().lower() if content_type else None
    if media and media not in HTML_TYPES:
        return _verdict(PageClass.NON_HTML, Reason.BAD_CONTENT_TYPE, f"content type {media}")
    if not body.strip():
        return _verdict(PageClass.EMPTY, Reason.EMPTY, "the body is empty")
    if is_probably_binary(body, content_type):
        return _verdict(PageClass.NON_HTML, Reason.BAD_CONTENT_TYPE, "the body is binary data")
    if not _TAG.search(_markup_sample(body, content_type)):
        return _verdict(PageClass.NON_HTML, Reason.BAD_CONTENT_TYPE, "the body has no HTML tags")
    return None


def _markup_sample(body: bytes, content_type: str | None) -> bytes:
    # UTF-16 spells "<p" as "<\0p\0": look for tags in the text, as UTF-8.
    sample = body[:_MARKUP_SAMPLE]
    codec = utf16_codec(sample, content_type)
    if codec is None:
        return sample
    return sample.decode(codec, errors="replace").encode("utf-8")


def read_page_signals(tree: Any, html: str) -> PageSignals:
    """Return the paywall evidence in a parsed page and its decoded HTML; the tree is only
    read. ``has_text`` is left True: see `has_visible_text`."""
    not_free = False
    selectors: list[str] = []
    # A substring test first: most pages declare nothing, and scanning beats parsing JSON.
    if "isAccessibleForFree" in html:
        for obj in _json_ld_objects(tree):
            if _is_free(obj.get("isAccessibleForFree")) is False:
                not_free = True
            for part in _as_list(obj.get("hasPart")):
                if isinstance(part, dict) and _is_free(part.get("isAccessibleForFree")) is False:
                    not_free = True
                    selector = part.get("cssSelector")
                    if isinstance(selector, str) and selector.strip():
                        selectors.append(selector.strip())
    return PageSignals(
        not_free=not_free,
        paid_selectors=tuple(dict.fromkeys(selectors)),
        paywall_markup=_paywall_markup(html),
    )


def has_visible_text(tree: Any) -> bool:
    """Return whether a parsed page has any text outside scripts and styles (only worth
    asking when extraction found none: it walks every text node)."""
    return bool(
        tree.xpath(
            "boolean(//body//text()[normalize-space()]"
            "[not(ancestor::script or ancestor::style or ancestor::noscript)])"
        )
    )


def classify_document(
    *,
    url: str | None,
    title: str | None,
    text: str,
    word_count: int,
    raw_text: str,
    declared: PageMetadata,
    signals: PageSignals,
) -> Classification:
    """Return the class of an extracted page: article, or which non-article and why.

    ``text`` is the cleaned main text and ``word_count`` its words, ``raw_text``
    trafilatura's text before cleaning.
    """
    # Cleaning only removes text, so a cleaned text this long was no interstitial.
    consent = (
        consent_wall_evidence(url, title, raw_text)
        if word_count <= CONSENT_WALL_WORDS
        else _consent_host(url)
    )
    if consent is not None:
        return _verdict(PageClass.CONSENT_WALL, Reason.CONSENT_WALL, consent)
    if not text:
        if not signals.has_text:
            return _verdict(PageClass.EMPTY, Reason.EMPTY, "the page has no visible text")
        return _verdict(PageClass.EMPTY, Reason.NO_CONTENT, "trafilatura found no main text")
    words = reading_length(text, word_count)
    wall = closing_wall_phrases(raw_text)
    evidence = signals.paywall_evidence
    if wall or (evidence and words <= PAYWALL_TEASER_WORDS):
        found = [*evidence, *(f"text={phrase}" for phrase in wall)]
        return _verdict(PageClass.PAYWALL, Reason.PAYWALL, f"words={words} evidence={found}")
    described = f"og:type={declared.og_type} schema={list(declared.schema_types)} words={words}"
    declares_article = _declares_article(declared)
    if not declares_article and (
        _declares_other_kind(declared) or _is_site_page(url, title) or words < MIN_ARTICLE_WORDS
    ):
        return _verdict(PageClass.NOT_ARTICLE, Reason.NOT_ARTICLE, described)
    if words < MIN_DECLARED_ARTICLE_WORDS:
        return _verdict(PageClass.TOO_SHORT, Reason.TOO_SHORT, described)
    return _verdict(PageClass.ARTICLE, Reason.NEW, described)


def reading_length(text: str, word_count: int | None = None) -> int:
    """Return the text's length in words, counting Chinese and Japanese by characters;
    ``word_count``, when known, saves counting the words of a text without them."""
    if not _CJK.search(text):
        return len(_WORD.findall(text)) if word_count is None else word_count
    cjk = len(_CJK.findall(text))
    return len(_WORD.findall(_CJK.sub(" ", text))) + cjk // CJK_CHARACTERS_PER_WORD


def closing_wall_phrases(raw_text: str) -> tuple[str, ...]:
    """Return the paywall phrases of the paragraphs that close the text, in list order."""
    tail: list[str] = []
    words = 0
    for paragraph in reversed(raw_text.splitlines()):
        words += reading_length(paragraph)
        if words > WALL_BLOCK_WORDS:
            break
        tail.append(paragraph)
    return _phrases_in(" ".join(tail), _PAYWALL_PHRASES)


def consent_wall_evidence(url: str | None, title: str | None, raw_text: str) -> str | None:
    """Return why the page is a consent interstitial, or None when it is not one."""
    on_consent_host = _consent_host(url)
    if on_consent_host is not None:
        return on_consent_host
    topics: set[str] = set()
    actions: set[str] = set()
    total = consent_words = 0
    for paragraph in (title or "", *raw_text.splitlines()):
        length = reading_length(paragraph)
        total += length
        if total > CONSENT_WALL_WORDS:
            return None
        found_topics = _phrases_in(paragraph, _CONSENT_TOPICS)
        found_actions = _phrases_in(paragraph, _CONSENT_ACTIONS)
        if found_topics or found_actions or _phrases_in(paragraph, _CONSENT_ASIDES):
            topics.update(found_topics)
            actions.update(found_actions)
            consent_words += length
    if topics and actions and consent_words >= CONSENT_SHARE * total:
        return (
            f"words={total} consent_words={consent_words} "
            f"phrases={sorted(topics) + sorted(actions)}"
        )
    return None


def _consent_host(url: str | None) -> str | None:
    host = (urlsplit(url).hostname or "") if url else ""
    return f"consent host {host}" if _CONSENT_HOSTS.match(host) else None


def _declares_article(declared: PageMetadata) -> bool:
    og_type = (declared.og_type or "").strip().lower()
    return og_type == "article" or bool(ARTICLE_TYPES.intersection(declared.schema_types))


def _declares_other_kind(declared: PageMetadata) -> bool:
    og_type = (declared.og_type or "").strip().lower()
    return og_type in _NON_ARTICLE_OG_TYPES or bool(
        _NON_ARTICLE_TYPES.intersection(declared.schema_types)
    )


def _is_site_page(url: str | None, title: str | None) -> bool:
    if title and _SITE_PAGE_TITLE.match(title.strip()):
        return True
    if not url:
        return False
    parts = urlsplit(url)
    path = parts.path
    if path in ("", "/"):
        # A home page; but WordPress serves its stories at "/?p=123".
        return not parts.query
    slug = path.rstrip("/").rsplit("/", 1)[-1].lower()
    return slug.rsplit(".", 1)[0] in _SITE_PAGE_SLUGS


def _paywall_markup(html: str) -> tuple[str, ...]:
    # One scan for "wall" in either case, rather than one per name over the whole page.
    found: list[str] = []
    for needle in (_WALL, _WALL.capitalize()):
        start = html.find(needle)
        while start != -1:
            # Inside an opening tag when a "<" is nearer than a ">"; most occurrences sit in
            # scripts or text, where this cheap test ends the search.
            tag_start = html.rfind("<", max(0, start - _MAX_TAG_PREFIX), start)
            if tag_start > html.rfind(">", tag_start, start):
                tag = html[tag_start : start + len(needle)].lower()
                match = _OPENING_TAG.match(tag)
                if match and match.group(1) in _BLOCK_TAGS:
                    found += [n for n in _PAYWALL_NAMES if tag.endswith(n) and n not in found]
            start = html.find(needle, start + len(needle))
    return tuple(found)


def _phrases_in(text: str, phrases: tuple[str, ...]) -> tuple[str, ...]:
    collapsed = " ".join(text.split()).casefold().replace("’", "'")
    return tuple(p for p in phrases if p in collapsed)


def _verdict(page_class: PageClass, reason: Reason, detail: str) -> Classification:
    return Classification(page_class=page_class, reason=reason, detail=detail)


def _json_ld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except (json.JSONDecodeError, RecursionError):  # nesting deeper than the stack
            continue
        yield from _flatten(data)


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _flatten(data["@graph"])


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _is_free(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None
