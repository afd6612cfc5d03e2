"""Cleaning of what trafilatura leaves around a news article's text.

trafilatura finds the main block of a page well, but publishers put things inside that
block that are no part of the story: bylines and timestamps above it, photo credits and
captions, embedded social posts, links to other stories, newsletter, subscription and
cookie prompts. Each kind has one function below that takes the text's paragraphs (one a
line, as trafilatura writes them) and returns those worth keeping; `clean_news_text`
composes them. Every rule was measured on the development half of the evaluation corpus
(see `mediawatch eval`) and is written for several languages, because the pipeline reads
news from many countries.

The rules look at whole paragraphs and stay short on purpose: a paragraph is dropped only
when it is short enough to be a label, a link or a prompt, so a sentence of the story
that mentions Twitter, a photo or a newsletter in passing survives.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

Paragraphs = tuple[str, ...]
CleaningStep = Callable[[Paragraphs], Paragraphs]


def _words(paragraph: str) -> int:
    return len(paragraph.split())


def _mentions(paragraph: str, keywords: tuple[str, ...]) -> bool:
    # A substring test before a long regex alternation: most paragraphs of a story contain
    # none of the keywords, and Python's re would try every alternative at every position.
    folded = paragraph.casefold()
    return any(keyword in folded for keyword in keywords)


def _pattern(*alternatives: str) -> str:
    return "(?:" + "|".join(alternatives) + ")"


# --- paragraphs -------------------------------------------------------------------------


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x9f]")
"""C0 and C1 controls that are not whitespace: no text has them, and a terminal showing a
stored ESC would obey the page's escape sequence."""


def split_paragraphs(text: str) -> Paragraphs:
    """Return the text's non-empty paragraphs, Unicode composed (NFC), inner whitespace
    collapsed, control characters (NUL, escape sequences' ESC, ...) removed."""
    # NFC because pages that store "ü" as "u" + combining diaeresis otherwise count "für"
    # as two words and match no search term typed on a keyboard.
    normalised = CONTROL_CHARACTERS.sub("", unicodedata.normalize("NFC", text))
    paragraphs = (" ".join(line.split()) for line in normalised.splitlines())
    return tuple(p for p in paragraphs if p)


# --- bylines and datelines at the top ---------------------------------------------------

_MONTHS = _pattern(
    # en, de, fr, es, it, pl, nl; full names and the usual abbreviations
    r"january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec",
    r"januar|jänner|februar|märz|mai|juni|juli|oktober|dezember|jän|mär|okt|dez",
    r"janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre"
    r"|janv|févr|avr|juil|déc",
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre"
    r"|noviembre|diciembre|ene|abr|ago|dic",
    r"gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|genn|giu|lug"
    r"|sett|ott",
    r"stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października"
    r"|listopada|grudnia|styczeń|luty|marzec|kwiecień|maj|czerwiec|lipiec|sierpień|wrzesień"
    r"|październik|listopad|grudzień",
    r"januari|februari|maart|mei|augustus",
)
_DATE_WORDS = _pattern(
    _MONTHS,
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur"
    r"|thurs|fri|sat|sun",
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mo|di|mi|do|fr|sa|so",
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche",
    r"lunes|martes|miércoles|jueves|viernes|sábado|domingo",
    r"lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica",
    r"poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela",
    r"am|pm|a\.m|p\.m|uhr|h|utc|gmt|cet|cest|mez|mesz|est|edt|pst|pdt|bst|jst|ist",
    r"um|at|on|à|a|las|alle|o|de|del|le|el|il|la|of|the|den|der|am|en|op|dne|godz|du|und|and|et|y",
    r"published|updated|posted|last|modified|veröffentlicht|aktualisiert|zuletzt|stand"
    r"|erstellt|publié|mis|jour|publicado|actualizado|pubblicato|aggiornato|opublikowano"
    r"|aktualizacja|gepubliceerd|bijgewerkt|geändert",
    r"today|yesterday|heute|gestern|aujourd'hui|hier|hoy|ayer|oggi|ieri|dzisiaj|wczoraj",
)
# A paragraph made only of a date, a time and the words around them:
# "23.10.2018", "17:41 JST, October 13, 2024", "Veröffentlicht am 13. Mai 2026 um 15:44".
_DATE_TOKEN = re.compile(
    rf"^(?:(?:{_DATE_WORDS})\.?|\d{{1,4}}(?:st|nd|rd|th|er|e|h\d{{0,2}})?(?:[.:/-]\d{{1,4}}){{0,2}}\.?"
    # "2025年1月14日", "01時28分更新": dates and times written with CJK units
    r"|(?:\d{1,4}[年月日時分秒])+(?:更新)?)$",
    re.IGNORECASE,
)
_TOKEN_SEPARATORS = re.compile(r"[\s,|•·()–—-]+")
# A date or time proper, beside the words that may surround one: a month's name, "23.10.",
# "17:41", a year, or CJK units.
_DATE_ANCHOR = re.compile(
    rf"\b(?:{_MONTHS})\b|\d[.:/]\d|\b(?:19|20)\d\d\b|\d[年月日時]", re.IGNORECASE
)
_READING_TIME = re.compile(
    r"^(?:[-•|]\s*)?(?:"
    r"(?:lesedauer|lesezeit|reading time|read time|temps de lecture|tiempo de lectura"
    r"|tempo di lettura|czas czytania|leestijd)\s*:?\s*(?:ca\.\s*)?\d+\s*\w+\.?"
    r"|(?:ca\.\s*)?\d+\s*(?:min|mins|minutes?|minuten|minutos|minuti|minut)\.?"
    r"\s*(?:read|lesezeit|lesedauer|de lecture|de lectura|di lettura|czytania|leestijd)"
    r")$",
    re.IGNORECASE,
)
# "By Jane Doe", "Von: Bill McCarthy, Marisha Goldhamer", "Text: Kirsten Freund".
_BYLINE = re.compile(
    r"^(?:[-•|]\s*)?(?:by|written by|reporting by|von|text|autor|autorin|author|par|por"
    r"|di|door|av|af|od|redacción|rédaction|redaktion)\s*:?\s+"
    r"(?P<names>[^\s.!?:;]+(?:[ ,&/]+[^\s.!?:;]+){0,9})$",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞĀ-Žа-яА-Я]|and$|und$|et$|y$|e$|i$|&$|van$|von$|de$)")
# Wire agencies, named alone on a line ("AA", "dpa") or as a signature ("aja/PAP").
_AGENCIES = _pattern(
    "dpa",
    "AFP",
    "AP",
    "Reuters",
    "PAP",
    "APA",
    "sda",
    "SDA",
    "KNA",
    "epd",
    "ANSA",
    "EFE",
    "Europa Press",
    "Xinhua",
    "TASS",
    "AA",
    "IANS",
    "PTI",
    "Belga",
    "ANP",
    "NTB",
    "Lusa",
    "dts",
    "AFX",
    "Keystone-SDA",
)
_AGENCY_LINE = re.compile(
    r"^\(?(?:(?:Quelle|Source|Fuente|Fonte|Źródło|Bron|Kilde)\s*:\s*)?"
    rf"(?:[\w.]{{1,12}}\s*[/,;]\s*)*{_AGENCIES}(?:\s*[/,;]\s*[\w.]{{1,12}})*\)?\.?$"
)
_SECTION_LABEL = re.compile(
    r"^(?:kategorie|category|categories|rubrik|ressort|catégorie|categoría|categoria"
    r"|kategoria|sección|section|thema|topic)\s*:",
    re.IGNORECASE,
)
_LEADING_LINES = 6
_META_MAX_WORDS = 12
# "HARBOURTON — " or "BERLIN (dpa) - " at the very start of the body. The second character
# may not be a space, so a sentence opening "I — " or "A — " keeps its first word.
_DATELINE = re.compile(
    r"^[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’-][A-ZÀ-ÖØ-Þ .'’-]{0,39}(?:\s*\([^)]{1,30}\))?\s*[—–-]\s+"
)


def _is_byline(paragraph: str) -> bool:
    match = _BYLINE.match(paragraph)
    if match is None:
        return False
    names = [w for w in re.split(r"[ ,/]+", match["names"]) if w]
    return all(_NAME_WORD.match(word) for word in names)


def _is_timestamp(paragraph: str) -> bool:
    tokens = [t for t in _TOKEN_SEPARATORS.split(paragraph.rstrip(":")) if t]
    return (
        bool(tokens)
        and bool(_DATE_ANCHOR.search(paragraph))
        and all(_DATE_TOKEN.match(t) for t in tokens)
    )


def _is_leading_metadata(paragraph: str) -> bool:
    # Every kind is a short line; checking that first keeps long paragraphs cheap.
    if _words(paragraph) > _META_MAX_WORDS:
        return False
    first_field = paragraph.split("|", 1)[0].strip()
    return (
        _is_timestamp(paragraph)
        # "24. März 2004, 19:49 | Genesis": a timestamp, then author or section.
        or (
            "|" in paragraph and _words(paragraph) <= _META_MAX_WORDS and _is_timestamp(first_field)
        )
        or bool(_READING_TIME.match(paragraph))
        or _is_byline(paragraph)
        or bool(_AGENCY_LINE.match(paragraph))
        or bool(_SECTION_LABEL.match(paragraph))
    )


def drop_leading_bylines(paragraphs: Paragraphs) -> Paragraphs:
    """Return the paragraphs without the bylines, timestamps, reading times, section labels
    and agency names among the first few, where they stand around the headline."""
    return tuple(
        p for i, p in enumerate(paragraphs) if not (i < _LEADING_LINES and _is_leading_metadata(p))
    )


def drop_dateline(paragraphs: Paragraphs) -> Paragraphs:
    """Return the paragraphs with a leading "CITY — " dateline cut from the first one."""
    if not paragraphs:
        return paragraphs
    first = _DATELINE.sub("", paragraphs[0], count=1)
    return (first, *paragraphs[1:]) if first else paragraphs[1:]


# --- photo credits and captions ---------------------------------------------------------

_CREDIT_LABEL = re.compile(
    r"^[(\[]?(?:photo|photos|photograph|photo credit|picture|image|images|credit|credits"
    r"|foto|fotos|fotografie|bild|bilder|bildquelle|fotoquelle|titelbild|titelfoto"
    r"|beitragsbild|aufmacherbild|headerbild|vorschaubild|teaserbild|symbolbild"
    r"|crédit|crédits|crédit photo|crédits photos|crédits photo|photo d'illustration"
    r"|fotografía|créditos|crédito|foto di|fonte foto|fot|zdjęcie|zdjęcia"
    r"|źródło zdjęcia|фото|copyright|quelle foto|foto\s*\[m\])\s*[:.]",
    re.IGNORECASE,
)
# "© 2022, Example News. This article is the copyrighted property of ..."; "Copyright law"
# opening a sentence of the story is no notice.
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}|:)|all rights reserved|alle rechte vorbehalten"
    r"|tous droits réservés|todos los derechos reservados|tutti i diritti riservati"
    r"|materiał chroniony prawem autorskim)",
    re.IGNORECASE,
)
_COPYRIGHT_MAX_WORDS = 40
# Picture agencies and libraries named at the end of a credit line.
_PICTURE_SOURCES = re.compile(
    r"(?:getty images|afp|reuters|\bap\b|dpa|picture[- ]alliance|imago|keystone|epa"
    r"|shutterstock|istock|istockphoto|alamy|bestimage|unsplash|pexels|pixabay"
    r"|adobe stock|bloomberg|sipa|abaca|anp|belga|ansa|efe|pap)[\w\s/.)-]{0,30}$",
    re.IGNORECASE,
)
_GALLERY_CONTROLS = re.compile(
    r"^(?:bild anzeigen|bild schließen|bild vergrößern|zum bild|enlarge this image"
    r"|open gallery|view gallery|zoom|agrandir l'image|ver galería|apri galleria"
    r"|(?:bild|foto|image|photo)?\s*\d{1,3}\s*(?:von|of|de|di|z|sur)\s*\d{1,3})$",
    re.IGNORECASE,
)
_CREDIT_MAX_WORDS = 20


def _is_credit(paragraph: str) -> bool:
    words = _words(paragraph)
    if _COPYRIGHT.match(paragraph):
        return words <= _COPYRIGHT_MAX_WORDS
    if words > _CREDIT_MAX_WORDS:
        return False
    if _CREDIT_LABEL.match(paragraph) or _GALLERY_CONTROLS.match(paragraph):
        return True
    # "Moa Karlberg/Getty Images", "(c) Jane Doe / dpa": a name and a picture source only.
    return words <= 8 and "/" in paragraph and bool(_PICTURE_SOURCES.search(paragraph))


def drop_photo_credits(paragraphs: Paragraphs) -> Paragraphs:
    """Return the paragraphs without photo credits, copyright lines and gallery controls."""
    return tuple(p for p in paragraphs if not _is_credit(p))


# --- embedded social posts --------------------------------------------------------------

_POST_ATTRIBUTION = re.compile(
    r"^[—–-]\s*[^()]{1,80}\(@\w{1,30}\)\s*(?:on\s+)?(?:"
    rf"(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\.?\s+(?:{_MONTHS})\.?\s+\d{{4}}"
    r")\s*$",
    re.IGNORECASE,
)
_POST_LINK = re.compile(r"\s*\b(?:pic\.twitter\.com|pic\.x\.com)/\w+")
_POST_LABELS = re.compile(
    r"^(?:a post shared by|ein beitrag geteilt von|une publication partagée par"
    r"|una publicación compartida (?:de|por)|un post condiviso da|post udostępniony przez"
    r"|view this post on instagram|sieh dir diesen beitrag auf instagram an"
    r"|voir cette publication sur instagram|ver esta publicación en instagram"
    r"|visualizza questo post su instagram|wyświetl ten post na instagramie"
    r"|view on (?:twitter|x|instagram|facebook|tiktok|threads|bluesky)"
    r"|watch on youtube|auf youtube ansehen)\b",
    re.IGNORECASE,
)
_FOLLOW_US = re.compile(
    r"^(?:follow (?:us|\w+(?: \w+)?) on|folgen sie uns auf|folge uns auf|folgt uns auf"
    r"|liken sie uns auf|suivez-nous sur|síguenos en|siguenos en|seguici su|segui"
    r"|obserwuj nas na|volg ons op)\b",
    re.IGNORECASE,
)
_FOLLOW_MAX_WORDS = 25
_POST_MAX_CHARS = 320


def drop_social_embeds(paragraphs: Paragraphs) -> Paragraphs:
    """Return the paragraphs without embedded social posts: their "— Name (@handle) date"
    line with the post's text just above it, "pic.twitter.com" links, "A post shared by"
    labels and "follow us on" prompts."""
    attributed = {
        i - 1
        for i, p in enumerate(paragraphs)
        if _POST_ATTRIBUTION.match(p) and i > 0 and len(paragraphs[i - 1]) <= _POST_MAX_CHARS
    }
    kept: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if index in attributed or _POST_ATTRIBUTION.match(paragraph):
            continue
        if _POST_LABELS.match(paragraph):
            continue
        if _FOLLOW_US.match(paragraph) and _words(paragraph) <= _FOLLOW_MAX_WORDS:
            continue
        without_link = _POST_LINK.sub("", paragraph).strip()
        if without_link:
            kept.append(without_link)
    return tuple(kept)


# --- links to other stories -------------------------------------------------------------

_RELATED_PHRASES = _pattern(
    r"read more|read also|also read|read next|more reading|see also|related|more on this"
    r"|more from [\w .]+|you may also like|you might also like|recommended(?: for you)?"
    r"|recommended videos|most read(?: in [\w ]+)?|most popular|trending|more stories"
    r"|more news|top stories|related (?:articles|stories|content|coverage|news|topics)"
    r"|more information|further information|tags|topics",
    r"lesen sie (?:auch|hier|mehr)(?: die folgenden beiträge)?|auch interessant|mehr zum thema"
    r"(?: auf [\w.]+)?|mehr lesen|weiterlesen|zum weiterlesen|schon gelesen|passend dazu"
    r"|das könnte sie (?:auch )?interessieren|diese artikel könnten (?:dich|sie) ebenfalls"
    r" interessieren|weitere artikel|ähnliche artikel|meistgelesen|mehr themen(?: auf [\w.]+)?"
    r"|weitere beiträge(?: aus [\w ]+)?|weitere themen|empfehlungen(?: der redaktion)?"
    r"|top-themen(?: bei [\w ]+)?|auch lesenswert|mehr dazu|weitere informationen(?: \w+){0,5}"
    r"|beiträge aus dem forum|weitere (?:aktuelle )?(?:themen|artikel|beiträge|nachrichten"
    r"|meldungen|tipps|tourentipps)(?: \w+){0,4}|themen|schlagworte|schlagwörter",
    r"lire aussi|à lire aussi|a lire aussi|lire également|à lire également|voir aussi"
    r"|sur le même sujet|articles liés|les plus lus|à découvrir aussi|plus d'informations"
    r"|mots-clés",
    r"lea también|lee también|leer también|vea también|ver también|puedes ver|te puede interesar"
    r"|noticias relacionadas|notas relacionadas|noticia relacionada|contenido relacionado"
    r"|más noticias|lo más leído|más sobre [\w ]+|mire|relacionado|relacionadas"
    r"|más información|temas|etiquetas",
    r"leggi anche|leggi pure|articoli correlati|potrebbe interessarti|ti potrebbe interessare"
    r"|leia também|leia mais|veja também|saiba mais|maggiori informazioni|argomenti",
    r"czytaj też|czytaj także|czytaj więcej|zobacz też|zobacz także|przeczytaj też"
    r"|przeczytaj także|polecane|polecamy|podobne artykuły|więcej informacji|tagi",
    r"lees ook|lees meer|gerelateerd|læs også|les også|läs också|lue myös|читайте также"
    r"|читайте также",
)
# "Read more: Valley's largest EV charging plaza opens" (the pointer with its headline).
_READ_MORE = re.compile(rf"^(?:>>\s*)?{_RELATED_PHRASES}\s*[:|»>]", re.IGNORECASE)
# "Related", "Schon gelesen?", "NOTAS RELACIONADAS": a heading over a list of headlines.
_RELATED_HEADING = re.compile(rf"^{_RELATED_PHRASES}\s*[:?!.]?$", re.IGNORECASE)
# ">> Wegen Corona: Danni Büchner muss Kult-Lokal schließen <<"
_ARROW_LINK = re.compile(r"^>>.*<<$")
_READ_MORE_MAX_WORDS = 25
_HEADLINE_MAX_WORDS = 20
_SENTENCE_END = re.compile(r"[.:;,]$")


def _is_pointer(paragraph: str) -> bool:
    return bool(_READ_MORE.match(paragraph) or _ARROW_LINK.match(paragraph)) and (
        _words(paragraph) <= _READ_MORE_MAX_WORDS
    )


def _looks_like_headline(paragraph: str) -> bool:
    if paragraph.startswith(("- ", "• ")):
        return _words(paragraph) <= _READ_MORE_MAX_WORDS
    return _words(paragraph) <= _HEADLINE_MAX_WORDS and not _SENTENCE_END.search(paragraph)


def drop_related_links(paragraphs: Paragraphs) -> Paragraphs:
    """Return the paragraphs without pointers to other stories: "Read more: ..." lines and
    "Related" headings with the headlines listed under them."""
    kept: list[str] = []
    in_list = False
    for paragraph in paragraphs:
        if _RELATED_HEADING.match(paragraph):
            in_list = True
            continue
        if in_list and _looks_like_headline(paragraph):
            continue
        in_list = False
        if _is_pointer(paragraph):
            continue
        kept.append(paragraph)
    return tuple(kept)


# "FUNDA OLUNYE UDABA LAPHA | Headline", "LEIA TAMBÉM | Headline": a label in capitals and
# a headline, the same label on several paragraphs. Read in any language by its shape.
_LABELLED_POINTER = re.compile(r"^([^\W\d_a-z][^a-z|]{2,40}?)\s*\|\s*\S")
_LABELLED_POINTER_MIN_REPEATS = 2


def drop_labelled_pointers(paragraphs: Paragraphs) -> Paragraphs:
    """Return the paragraphs without "LABEL | Headline" pointers whose capitalised label
    repeats on other paragraphs."""
    labels: dict[str, int] = {}
    for paragraph in paragraphs:
        match = _LABELLED_POINTER.match(paragraph)
        if match and _words(paragraph) <= _READ_MORE_MAX_WORDS and match.group(1).isupper():
            label = match.group(1).strip()
            labels[label] = labels.get(label, 0) + 1
    repeated = {label for label, count in labels.items() if count >= _LABELLED_POINTER_MIN_REPEATS}
    if not repeated:
        return paragraphs
    return tuple(
        p
        for p in paragraphs
        if not ((match := _LABELLED_POINTER.match(p)) and match.group(1).strip() in repeated)
    )


# --- newsletter, subscription and support prompts ----------------------------------------

_NEWSLETTER = re.compile(
    r"newsletter|boletín|boletin|infolettre|lettre d'information|daily edition by email"
    r"|in (?:your|deinen|ihren) (?:inbox|posteingang)|dans votre boîte|en tu (?:correo|bandeja)"
    r"|nella tua casella",
    re.IGNORECASE,
)
_SIGN_UP = re.compile(
    r"sign up|sign-up|subscribe|register|get (?:the|our)|receive|anmelden|abonnieren"
    r"|bestellen|registrieren|melde dich|melden sie sich|inscri|abonne|suscr|iscriviti"
    r"|ricevi|zapisz|zamów|jetzt|free|kostenlos|gratis",
    re.IGNORECASE,
)
_NEWSLETTER_MAX_WORDS = 40
_NEWSLETTER_HEADING_MAX_WORDS = 5
_SIGN_UP_PROMPT = re.compile(
    r"^(?:sign up (?:for|to)|subscribe (?:to|now|for|here|today)|get (?:the|our) [\w' ]{1,40}"
    r" (?:by email|in your inbox)|jetzt (?:anmelden|abonnieren|registrieren)"
    r"|hier (?:anmelden|abonnieren)|abonnieren sie|inscríbete|suscríbete|abonnez-vous"
    r"|inscrivez-vous|iscriviti|zapisz się)\b"
    r"|(?:sign up|subscribe|anmelden|abonnieren|inscríbete|abonnez-vous|iscriviti) "
    r"(?:here|now|hier|jetzt|aquí|ici|qui)[.!]?$",
    re.IGNORECASE,
)


_NEWSLETTER_KEYWORDS = (
    "sign",
    "subscri",
    "anmeld",
    "abonn",
    "inscr",
    "suscr",
    "iscriv",
    "zapisz",
    "regist",
    "newsletter",
    "bolet",
    "infolettre",
    "lettre d'information",
    "edition",
    "inbox",
    "posteingang",
    "boîte",
    "correo",
    "bandeja",
    "casella",
)


def _is_newsletter_prompt(paragraph: str) -> bool:
    words = _words(paragraph)
    if words > _NEWSLETTER_MAX_WORDS or not _mentions(paragraph, _NEWSLETTER_KEYWORDS):
        return False
    if _SIGN_UP_PROMPT.search(paragraph):
        return True
    if not _NEWSLETTER.search(paragraph):
        return False
    # A heading ("PC Gamer Newsletter") or a call to sign up; not a sentence of the
    # story that reports on someone's newsletter.
    return words <= _NEWSLETTER_HEADING_MAX_WORDS or bool(_SIGN_UP.search(paragraph))


def drop_newsletter_prompts(paragraphs: Paragraphs) -> Paragraphs:
    """Return the paragraphs without newsletter sign-up prompts and headings."""
    return tuple(p for p in paragraphs if not _is_newsletter_prompt(p))


_SUPPORT = re.compile(
    r"^(?:support (?:our|independent|quality) (?:journalism|work|reporting)|please support"
    r"|if you (?:enjoyed|like|value) (?:reading )?(?:this|our)|would you consider supporting"
    r"|unterstütze[n]? (?:sie )?(?:uns|unsere|unser|\w+ bereits)|jetzt unterstützen"
    r"|soutenez|apoya (?:a|el|nuestro)|hazte (?:miembro|socio)|sostienici|sostieni"
    r"|wesprzyj|steun ons|subscribe now to|subscribers only|nur für abonnenten"
    r"|dieser (?:artikel|beitrag) ist (?:nur )?für abonnenten|la suite est réservée aux abonnés"
    r"|il vous reste \d|this (?:article|content) is (?:only )?(?:available|for) (?:to )?"
    r"subscribers|for the latest (?:stories|news)[\w ,]* download)",
    re.IGNORECASE,
)
_SUPPORT_MAX_WORDS = 40


def drop_support_prompts(paragraphs: Paragraphs) -> Paragraphs:
    """Return the paragraphs without requests to subscribe, donate or download the app."""
    return tuple(
        p for p in paragraphs if not (_words(p) <= _SUPPORT_MAX_WORDS and _SUPPORT.search(p))
    )


# --- cookie and consent prompts ---------------------------------------------------------

_CONSENT = re.compile(
    r"we use cookies|this (?:web)?site uses cookies|uses cookies to|accept (?:all )?cookies"
    r"|cookie (?:settings|policy|preferences|consent)|wir verwenden cookies"
    r"|diese (?:web)?seite verwendet cookies|diese website verwendet cookies"
    r"|cookie-einstellungen|nous utilisons des cookies|ce site utilise des cookies"
    r"|utilizamos cookies|este sitio (?:web )?utiliza cookies|utilizziamo (?:i )?cookie"
    r"|questo sito utilizza (?:i )?cookie|używamy plików cookie|ta strona (?:korzysta z|używa)"
    r" (?:plików )?cookie|wij gebruiken cookies|deze website gebruikt cookies"
    r"|um den inhalt von [\w.-]+ zu laden|klicken sie auf den (?:unteren )?button"
    r"|externe(?:r|n)? inhalt(?:e)? (?:laden|anzeigen|angezeigt)|ich bin damit einverstanden"
    r"|link zum (?:youtube|twitter|x|instagram|facebook|tiktok|spotify)-inhalt"
    r"|please enable javascript|enable javascript to|javascript (?:is )?(?:disabled|required)"
    r"|zustimmung (?:erforderlich|notwendig)|to view this content,? (?:you )?(?:must|need to)"
    r"|(?:accept|akzeptieren|zustimmen)[\w ]{0,30}(?:to view|um [\w ]+ (?:zu sehen|anzuzeigen))",
    re.IGNORECASE,
)
_CONSENT_MAX_WORDS = 50
_CONSENT_KEYWORDS = (
    "cookie",
    "inhalt",
    "button",
    "einverstanden",
    "javascript",
    "zustimmung",
    "content",
    "accept",
    "akzeptieren",
    "zustimmen",
)


def drop_consent_prompts(paragraphs: Paragraphs) -> Paragraphs:
    """Return the paragraphs without cookie banners and the consent placeholders that
    stand in for embedded videos and posts."""
    return tuple(
        p
        for p in paragraphs
        if not (
            _words(p) <= _CONSENT_MAX_WORDS
            and _mentions(p, _CONSENT_KEYWORDS)
            and _CONSENT.search(p)
        )
    )


# --- advertising labels and disclosures -------------------------------------------------

_AD_LABEL = re.compile(
    r"^(?:[-*•]\s*)?(?:advertisement|advertising|sponsored|anzeige|werbung|publicidad|publicité"
    r"|pubblicità|reklama|advertentie|annonse|annons|article content|story continues below"
    r"|continue reading below|artikel wird unter der anzeige fortgesetzt"
    r"|scroll to continue(?: with content)?|continúa leyendo)\b[\W\d]*(?:story continues below)?$",
    re.IGNORECASE,
)
_DISCLOSURE = re.compile(
    r"affiliate[- ]links?|partnerlinks?|provisions?-?links?|we (?:may )?(?:earn|receive) (?:a )?"
    r"(?:commission|compensation)|we independently (?:select|review|choose)"
    r"|references to products from one or more of our advertisers"
    r"|advertisers do not influence|erhalten wir (?:ggf\. )?eine provision"
    r"|eine provision erhält|enthält werbung|contains affiliate|als amazon-partner"
    r"|as an amazon associate|nous pouvons percevoir une commission"
    r"|podemos recibir una comisión|potremmo ricevere una commissione",
    re.IGNORECASE,
)
_DISCLOSURE_MAX_WORDS = 45
_DISCLOSURE_KEYWORDS = (
    "affiliate",
    "partnerlink",
    "provision",
    "commission",
    "compensation",
    "independently",
    "advertis",
    "werbung",
    "amazon",
    "comisión",
    "commissione",
)


def drop_advertising_notes(paragraphs: Paragraphs) -> Paragraphs:
    """Return the paragraphs without "Advertisement" labels and affiliate disclosures."""
    return tuple(
        p
        for p in paragraphs
        if not (
            _AD_LABEL.match(p) or (_DISCLOSURE.search(p) and _words(p) <= _DISCLOSURE_MAX_WORDS)
        )
    )


# --- comment and feedback prompts -------------------------------------------------------

_COMMENT_PROMPT = re.compile(
    r"^(?:\d+ )?(?:comments?|kommentare?|commentaires?|comentarios?|commenti|komentarze?)$"
    r"|^(?:keine kommentare|no comments(?: yet)?|view comments|show comments|leave a comment"
    r"|post a comment|add a comment|kommentar abgeben|kommentar schreiben|kommentieren"
    r"|laisser un commentaire|deja (?:tu|un) comentario|lascia un commento"
    r"|dodaj komentarz|fehler gefunden|ihre meinung ist uns wichtig|have your say"
    r"|you must (?:be )?(?:logged in|log in|confirm your public display name)"
    r"|du musst (?:dich )?(?:eingeloggt|einloggen)|bitte melden sie sich an,? um"
    r"|please (?:log ?in|sign in|logout)[\w ,]{0,40}(?:comment|display name))",
    re.IGNORECASE,
)
_COMMENT_MAX_WORDS = 25


def drop_comment_prompts(paragraphs: Paragraphs) -> Paragraphs:
    """Return the paragraphs without comment counters, "leave a comment" and "found an
    error?" prompts."""
    return tuple(
        p for p in paragraphs if not (_words(p) <= _COMMENT_MAX_WORDS and _COMMENT_PROMPT.search(p))
    )


# --- composition ------------------------------------------------------------------------

CLEANING_STEPS: tuple[CleaningStep, ...] = (
    drop_consent_prompts,
    drop_newsletter_prompts,
    drop_support_prompts,
    drop_advertising_notes,
    drop_comment_prompts,
    drop_social_embeds,
    drop_photo_credits,
    drop_related_links,
    drop_labelled_pointers,
    drop_leading_bylines,
    drop_dateline,
)
"""The cleaning steps in the order `clean_news_text` applies them. Bylines and the
dateline come last, so that a credit or prompt above the story cannot hide them."""


def clean_paragraphs(paragraphs: Paragraphs, steps: Sequence[CleaningStep]) -> Paragraphs:
    """Return the paragraphs after each of the given steps, in order."""
    for step in steps:
        paragraphs = step(paragraphs)
    return paragraphs


def clean_news_text(text: str) -> str:
    """Return the article text without the noise publishers leave in it, one paragraph a
    line, Unicode composed and whitespace normalised."""
    return "\n".join(clean_paragraphs(split_paragraphs(text), CLEANING_STEPS))
