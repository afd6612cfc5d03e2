"""Cleaning of news text: each kind of noise in several languages, and the story sentences
that look like noise but must survive."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transforms.cleaning import (
    CLEANING_STEPS,
    clean_news_text,
    drop_advertising_notes,
    drop_comment_prompts,
    drop_consent_prompts,
    drop_dateline,
    drop_labelled_pointers,
    drop_leading_bylines,
    drop_newsletter_prompts,
    drop_photo_credits,
    drop_related_links,
    drop_social_embeds,
    drop_support_prompts,
    split_paragraphs,
)

LEAD = "The town council met on Tuesday evening to discuss the new harbour wall."
LAST = "Work on the wall is due to start in the spring, the council said."
STORY = (LEAD, LAST)


def _around(*noise: str) -> tuple[str, ...]:
    return (LEAD, *noise, LAST)


# --- paragraphs -------------------------------------------------------------------------


def test_paragraphs_are_composed_trimmed_and_never_empty() -> None:
    text = "\n\n  Cafe\u0301   noir\there. \n \n\u00a0Second\u00a0one.\r\n"

    assert split_paragraphs(text) == ("Café noir here.", "Second one.")


# --- bylines and datelines --------------------------------------------------------------


@pytest.mark.parametrize(
    "metadata",
    [
        "By Jane Doe",
        "- Von: Bill McCarthy, Marisha Goldhamer",
        "Text: Kirsten Freund",
        "Par Jean Dupont",
        "Por María García y Luis Pérez",
        "23.10.2018",
        "17:41 JST, October 13, 2024",
        "Veröffentlicht am 13. Mai 2026 um 15:44",
        "Publié le 3 mars 2025 à 10h",
        "Pubblicato il 12 giugno 2024",
        "Jueves 21 abril, 2022",
        "2025年1月14日 01時28分 (1月14日 01時40分更新)",
        "24. März 2004, 19:49 | Genesis",
        "Lesedauer: 4 Minuten",
        "5 min read",
        "Kategorie: News",
        "AA",
        "(dpa)",
    ],
)
def test_bylines_timestamps_and_labels_above_the_story_are_dropped(metadata: str) -> None:
    assert drop_leading_bylines((metadata, *STORY)) == STORY


def test_a_byline_under_a_headline_line_is_dropped_too() -> None:
    headline = "Council backs the new harbour wall"

    assert drop_leading_bylines((headline, "By Jane Doe", *STORY)) == (headline, *STORY)


@pytest.mark.parametrize(
    "paragraph",
    [
        "By the time the council met, the storm had passed.",
        "Von der Leyen sagte am Dienstag, die Mauer werde gebaut.",
        "Ottostraße 14",
        "On 3 May 2024 the council voted to rebuild the wall.",
        "A 1",
        "Top 5",
    ],
)
def test_story_lines_that_open_like_metadata_stay(paragraph: str) -> None:
    assert drop_leading_bylines((paragraph, *STORY)) == (paragraph, *STORY)


def test_metadata_far_below_the_top_stays() -> None:
    paragraphs = (*STORY, *STORY, *STORY, "By Jane Doe")

    assert drop_leading_bylines(paragraphs) == paragraphs


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HARBOURTON — The council voted.", "The council voted."),
        ("BERLIN (dpa) - Die Regierung hat entschieden.", "Die Regierung hat entschieden."),
        ("SAINT-ÉTIENNE — Le maire a parlé.", "Le maire a parlé."),
    ],
)
def test_leading_dateline_is_cut(raw: str, expected: str) -> None:
    assert drop_dateline((raw, LAST)) == (expected, LAST)


# --- photo credits ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "credit",
    [
        "Photo: Yhomo Hutchinson",
        "Foto: Sasi Ponchaisang/123RF",
        "Bild: Keystone",
        "Titelbild: Geyres Christophe/ABACA/picture-alliance",
        "Crédits photos : Bestimage",
        "Фото: Дмитрий Азаров, Коммерсантъ",
        "Zdjęcie: PAP/Leszek Szymański",
        "© WSNA",
        "(c) Jane Doe / dpa",
        "Moa Karlberg/Getty Images",
        "Copyright © AFP 2017-2026. Für die kommerzielle Nutzung ist ein Abonnement nötig.",
        "© 2022, Example News. This article is the copyrighted property of Example News.",
        "Bild anzeigen",
        "3 von 17",
    ],
)
def test_photo_credits_are_dropped(credit: str) -> None:
    assert drop_photo_credits(_around(credit)) == STORY


@pytest.mark.parametrize(
    "paragraph",
    [
        "The photo shows the mayor at the quay, taken minutes before the storm broke.",
        "Copyright law protects the architect's drawings, the council's lawyer said.",
        "Reuters reported that the contract was signed on Monday in the town hall.",
    ],
)
def test_sentences_about_photos_and_agencies_stay(paragraph: str) -> None:
    assert drop_photo_credits(_around(paragraph)) == _around(paragraph)


# --- embedded social posts --------------------------------------------------------------


def test_an_embedded_post_goes_with_its_text_and_attribution() -> None:
    post = (
        "Landspout tornado! Northeast Colorado! #cowx pic.twitter.com/AbC123xyz",
        "— Ryan Matoush (@RyanMatoushWX) April 25, 2024",
    )

    assert drop_social_embeds(_around(*post)) == STORY


def test_a_german_attribution_date_is_recognised() -> None:
    post = ("Bravo #Koeln – ein ordentlicher Fahrradweg!", "— Meike (@meiky) 19. November 2018")

    assert drop_social_embeds(_around(*post)) == STORY


@pytest.mark.parametrize(
    "label",
    [
        "A post shared by Harbour Ledger (@harbourledger)",
        "Ein Beitrag geteilt von Harbour Ledger (@harbourledger)",
        "View this post on Instagram",
        "Follow us on Twitter",
        "Folgen Sie uns auf Facebook",
        "Síguenos en Telegram, Instagram, Facebook y Twitter",
    ],
)
def test_post_labels_and_follow_prompts_are_dropped(label: str) -> None:
    assert drop_social_embeds(_around(label)) == STORY


def test_a_picture_link_is_cut_from_a_paragraph_that_stays() -> None:
    paragraph = "The mayor posted a photo of the flooded quay. pic.twitter.com/AbC123xyz"

    assert drop_social_embeds((paragraph,)) == ("The mayor posted a photo of the flooded quay.",)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The mayor said on Twitter that the wall would be finished by the summer.",
        "— We will not give up, she said, standing on the quay in the rain.",
        "Follow the money, the opposition leader told the council.",
    ],
)
def test_sentences_mentioning_social_media_stay(paragraph: str) -> None:
    assert drop_social_embeds(_around(paragraph)) == _around(paragraph)


# --- links to other stories -------------------------------------------------------------


@pytest.mark.parametrize(
    "pointer",
    [
        "Read more: Valley's largest EV charging plaza opens in Mirador",
        "Lesen Sie auch: Chemiepark streicht Stellen",
        "Lire aussi : le marché couvert rouvre ses portes",
        "RELATED: Council votes on harbour wall",
        "VEA TAMBIÉN: Entre heces y guaricha en Panamá Oeste",
        "Leggi anche: il porto riapre dopo la tempesta",
        "Czytaj też: Rada miasta głosuje nad murem",
        ">> Wegen Corona: Kult-Lokal auf Mallorca muss schließen <<",
    ],
)
def test_read_more_pointers_are_dropped(pointer: str) -> None:
    assert drop_related_links(_around(pointer)) == STORY


@pytest.mark.parametrize(
    "heading", ["Related", "Schon gelesen?", "NOTAS RELACIONADAS", "Auch interessant:", "Temas"]
)
def test_a_related_heading_goes_with_the_headlines_under_it(heading: str) -> None:
    paragraphs = (
        LEAD,
        heading,
        "Ferry company adds a second evening crossing",
        "- Islanders collect two thousand signatures",
        LAST,
    )

    assert drop_related_links(paragraphs) == STORY


@pytest.mark.parametrize("label", ["FUNDA OLUNYE UDABA LAPHA", "LEIA TAMBÉM", "READ MORE"])
def test_a_capitalised_label_repeated_before_headlines_goes_in_any_language(label: str) -> None:
    pointers = (
        f"{label} | Ferry company adds a second evening crossing",
        f"{label} | Islanders collect two thousand signatures",
    )

    assert drop_labelled_pointers(_around(pointers[0], pointers[1])) == STORY


def test_a_single_labelled_line_and_story_lines_with_a_bar_stay() -> None:
    once = ("UPDATE | The ferry now leaves at nine",)
    story_bars = (
        "Harbour | Port: the council's two committees met.",
        "Harbour | Port: the mayor spoke after the vote.",
    )

    assert drop_labelled_pointers(_around(*once)) == _around(*once)
    assert drop_labelled_pointers(_around(*story_bars)) == _around(*story_bars)


def test_a_long_paragraph_that_opens_with_related_stays() -> None:
    paragraph = "Related: " + " ".join(["the council said the wall would be raised"] * 5)

    assert drop_related_links(_around(paragraph)) == _around(paragraph)


def test_the_story_after_a_related_list_stays() -> None:
    after = "A full paragraph of the story, with a verb and a full stop at its end."

    assert drop_related_links(("Related", "Other headline", after)) == (after,)


# --- prompts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "prompt",
    [
        "Sign up for our daily newsletter",
        "PC Gamer Newsletter",
        "Zum Newsletter anmelden",
        "Lust auf mehr? Melde dich hier für unseren Newsletter an!",
        "Abonnez-vous à notre newsletter",
        "Suscríbete a nuestro boletín",
        "Iscriviti alla newsletter",
        "Zapisz się do newslettera",
        "Do you want to be informed of our actions? Sign up here",
        "Get The Harbour Ledger's Daily Edition by email and never miss our top stories",
    ],
)
def test_newsletter_prompts_are_dropped(prompt: str) -> None:
    assert drop_newsletter_prompts(_around(prompt)) == STORY


def test_a_sentence_about_a_newsletter_stays() -> None:
    sentence = "The mayor's weekly newsletter had warned residents about the storm in March."

    assert drop_newsletter_prompts(_around(sentence)) == _around(sentence)


@pytest.mark.parametrize(
    "prompt",
    [
        "If you enjoyed reading this post – would you consider supporting our work?",
        "Unterstütze RosaMag bereits mit 2,50!",
        "Il vous reste 57.09% de cet article à lire. La suite est réservée aux abonnés.",
        "HAZTE MIEMBRO Y DISFRUTA DE BENEFICIOS EXCLUSIVOS",
        "Subscribe now to our e-edition for the full story.",
    ],
)
def test_subscription_and_support_prompts_are_dropped(prompt: str) -> None:
    assert drop_support_prompts(_around(prompt)) == STORY


@pytest.mark.parametrize(
    "prompt",
    [
        "We use cookies to give you the best experience on our website.",
        "Wir verwenden Cookies, um Inhalte zu personalisieren.",
        "Nous utilisons des cookies pour améliorer votre expérience.",
        "Utilizamos cookies propias y de terceros.",
        "Utilizziamo i cookie per migliorare il sito.",
        "Używamy plików cookie, aby ułatwić korzystanie z serwisu.",
        "Klicken Sie auf den unteren Button, um den Inhalt von www.komoot.de zu laden.",
        "Link zum YouTube-Inhalt",
    ],
)
def test_cookie_and_consent_prompts_are_dropped(prompt: str) -> None:
    assert drop_consent_prompts(_around(prompt)) == STORY


def test_a_sentence_about_cookie_law_stays() -> None:
    sentence = "The regulator fined the shop because its website set cookies without consent."

    assert drop_consent_prompts(_around(sentence)) == _around(sentence)


@pytest.mark.parametrize(
    "note",
    [
        "Advertisement",
        "Anzeige",
        "Article content",
        "Advertisement 1Story continues below",
        "Anzeige, enthält Affiliate Links",
        "We independently select everything we recommend. Buying through us may earn us a "
        "commission.",
        "This post contains references to products from one or more of our advertisers.",
    ],
)
def test_advertising_labels_and_disclosures_are_dropped(note: str) -> None:
    assert drop_advertising_notes(_around(note)) == STORY


def test_a_sentence_about_advertising_stays() -> None:
    sentence = "Advertisement spending in the region fell by a third, the chamber reported."

    assert drop_advertising_notes(_around(sentence)) == _around(sentence)


@pytest.mark.parametrize(
    "prompt",
    [
        "Keine Kommentare",
        "0 Kommentare",
        "View Comments",
        "Fehler gefunden? Jetzt melden.",
        "Du musst dich EINLOGGEN um einen Kommentar abzugeben.",
        "You must confirm your public display name before commenting",
    ],
)
def test_comment_prompts_are_dropped(prompt: str) -> None:
    assert drop_comment_prompts(_around(prompt)) == STORY


def test_a_sentence_about_comments_stays() -> None:
    sentence = "Comments from residents were overwhelmingly in favour of the new wall."

    assert drop_comment_prompts(_around(sentence)) == _around(sentence)


# --- composition ------------------------------------------------------------------------


def test_clean_news_text_removes_every_kind_from_one_text() -> None:
    text = "\n".join(
        (
            "By Jane Doe",
            "23.10.2025",
            "HARBOURTON — " + LEAD,
            "Photo: John Smith/Reuters",
            "Read more: Ferry adds a second evening crossing",
            "Sign up for our daily newsletter",
            LAST,
            "The wall, seen from the ferry this morning pic.twitter.com/AbC123xyz",
            "— Harbour Ledger (@harbourledger) October 23, 2025",
            "Related",
            "Islanders collect two thousand signatures",
        )
    )

    assert clean_news_text(text) == f"{LEAD}\n{LAST}"


def test_a_dash_opening_a_quote_keeps_the_quote() -> None:
    text = f"{LEAD}\n– Wir geben nicht auf, sagte die Sprecherin am Dienstag.\n{LAST}"

    assert clean_news_text(text) == text


def test_every_step_is_a_named_function_with_a_docstring() -> None:
    for step in CLEANING_STEPS:
        assert step.__name__.startswith(("drop_", "cut_"))
        assert step.__doc__ and step.__doc__.startswith("Return")


_WORD = re.compile(r"\w+")
_PARAGRAPH = st.text(
    alphabet=st.characters(categories=["L", "Nd", "P", "Zs"]), min_size=0, max_size=80
)


@given(st.lists(_PARAGRAPH, max_size=12))
def test_cleaning_only_removes_words_and_keeps_their_order(paragraphs: list[str]) -> None:
    text = "\n".join(paragraphs)
    remaining = iter(_WORD.findall(" ".join(split_paragraphs(text))))

    assert all(word in remaining for word in _WORD.findall(clean_news_text(text)))
