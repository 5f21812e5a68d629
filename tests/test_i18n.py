"""Catalogues complete in every language; dates, numbers and French agreement as readers expect."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from briefgen.core.config import load_config
from briefgen.core.models import Entity
from briefgen.edition import i18n, phrasing
from briefgen.facts.model import DateSpan, Fact, Quantity

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
            "npgettext": ((1, "c"), 2, 3)}


def _template_messages() -> set[tuple[str | None, str]]:
    """Every (context, msgid) used by the templates and the Python code, extracted as the build does."""
    method_map = [("briefgen/**.py", "python"), ("templates/**.j2", "jinja2")]
    options = {"templates/**.j2": {"extensions": "jinja2.ext.i18n"}}
    found = set()
    for _file, _line, msgid, _comments, context in extract_from_dir(
            ROOT, method_map, options_map=options, keywords=KEYWORDS):
        found.add((context, msgid if isinstance(msgid, str) else msgid[0]))
    return found


def _catalog(lang):
    with i18n.po_path(lang).open("rb") as fh:
        return read_po(fh, locale=lang)


def test_extraction_finds_the_strings():
    found = _template_messages()
    assert (None, "Key points") in found
    assert ("visit", "{actor} visited {place} {date}.") in found
    assert len(found) > 60


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_string_is_translated(lang):
    catalog = _catalog(lang)
    missing = []
    for context, msgid in sorted(_template_messages(), key=str):
        message = catalog.get(msgid, context=context)
        strings = () if message is None else (
            message.string if isinstance(message.string, tuple) else (message.string,))
        if message is None or message.fuzzy or not all(strings):
            missing.append(f"{context or ''}|{msgid}")
    assert not missing, f"untranslated in {lang}: {missing}"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_placeholders_survive_translation(lang):
    catalog = _catalog(lang)
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        named = set(re.findall(r"%\((\w+)\)", msgid))
        for s in message.string if isinstance(message.string, tuple) else (message.string,):
            assert set(re.findall(r"%\((\w+)\)", s)) == named, (msgid, s)
            assert not {"actor", "participants"} & set(re.findall(r"\{(\w+)\}", msgid)) - set(
                re.findall(r"\{(\w+)\}", s)), (msgid, s)


def test_dates_and_numbers():
    d1, d2 = date(2025, 7, 21), date(2025, 7, 22)
    assert i18n.when(d1, d2, "day", "fr") == "les 21 et 22 juillet 2025"
    assert i18n.when(d1, d2, "day", "en") == "on 21–22 July 2025"
    assert i18n.date_range(d1, date(2025, 7, 27), "fr") == "21 au 27 juillet 2025"
    assert i18n.date_range(date(2025, 7, 28), date(2025, 8, 3), "en") == "28 July – 3 August 2025"
    assert i18n.day(date(2025, 8, 1), "fr") == "1er août 2025"
    assert i18n.when(d1, d1, "month", "en") == "in July 2025"
    assert i18n.number(5000, "fr") == "5\u202f000"
    assert i18n.number(5000, "en") == "5,000"
    assert i18n.number(1.2e9, "fr") == "1,2 milliard"


def test_french_typography():
    assert i18n.french_text("Il a dit : « oui » ; non !") == "Il a dit\u00a0: «\u202foui\u202f»\u202f; non\u202f!"
    # Entities, URLs and times are left alone.
    assert i18n.french_text("a &amp; b http://x?y 07:00") == "a &amp; b http://x?y 07:00"
    assert i18n.french_html("<style>a:b;</style><p>Note : x</p>") == "<style>a:b;</style><p>Note\u00a0: x</p>"


def _speaker(lang, **people):
    cfg = load_config(ROOT / "config" / "briefgen.yaml")
    entities = dict(cfg.entities)
    entities.update(people)
    return phrasing.Speaker(lang, entities)


def _visit(actor):
    return Fact(id="v", kind="visit", themes=("security_cooperation",), actors=(actor,), places=("bamako",),
                date=DateSpan(date(2025, 7, 22), date(2025, 7, 22)))


@pytest.mark.parametrize("gender, expected", [("m", "s'est rendu à"), ("f", "s'est rendue à")])
def test_french_agreement_follows_gender(gender, expected):
    envoy = Entity("envoy", "person", {"fr": "Jane Doe", "en": "Jane Doe"}, gender=gender,
                   role={"fr": "envoyée", "en": "envoy"})
    text = phrasing.plain(phrasing.sentence(_visit("envoy"), _speaker("fr", envoy=envoy), i18n.translations("fr")))
    assert expected in text
    assert text.endswith("Bamako le 22 juillet 2025.")


def test_plural_subject_and_articles():
    fact = Fact(id="s", kind="sanction", themes=("security_cooperation",), actors=("united-states",),
                targets=("jnim", "eigs"), date=DateSpan(date(2025, 7, 22), date(2025, 7, 22)))
    fr = phrasing.plain(phrasing.sentence(fact, _speaker("fr"), i18n.translations("fr")))
    en = phrasing.plain(phrasing.sentence(fact, _speaker("en"), i18n.translations("en")))
    # The date opens the sentence rather than dangle after the list of targets.
    assert fr.startswith("Le 22 juillet 2025, les États-Unis ont rappelé les sanctions visant le Groupe de soutien")
    assert "(JNIM)" in fr and "l'État islamique dans le Grand Sahara (EIGS)." in fr
    assert en.startswith("On 22 July 2025, the United States restated sanctions against the Group for the Support")


def test_training_sentence_uses_numbers_of_the_edition_language():
    fact = Fact(id="t", kind="training", themes=("force_buildup",), places=("bougouni",), origins=("sikasso",),
                quantities=(Quantity(5000, "recruit", role="participants"), Quantity(6, "month", role="duration")),
                date=DateSpan(date(2025, 7, 22), date(2025, 7, 22)))
    fr = phrasing.plain(phrasing.sentence(fact, _speaker("fr"), i18n.translations("fr")))
    en = phrasing.plain(phrasing.sentence(fact, _speaker("en"), i18n.translations("en")))
    # The date first: no sentence opens with a numeral; six in words.
    assert fr.startswith("Le 22 juillet 2025, 5\u202f000 recrues originaires de Sikasso ont entamé une formation de "
                         "six mois à Bougouni")
    assert en.startswith("On 22 July 2025, 5,000 recruits from Sikasso began six months of training in Bougouni")


EN_WORDS = {"the", "was", "were", "began", "made", "spoke", "met", "visited", "announced", "took", "restated",
            "reached", "held", "delivered", "about", "against", "from", "of", "on", "in", "during", "and"}
FR_WORDS = {"s'est", "se", "sont", "ont", "a", "été", "une", "du", "des", "au", "aux", "le", "la", "les", "et",
            "de", "sur", "à", "en"}


def _variants():
    """Facts of every kind, from fully filled to nearly empty, as extraction may propose them."""
    from briefgen.facts.model import FACT_KINDS
    full = dict(actors=("william-stevens",), counterparts=("abdoulaye-diop",), places=("bamako",),
                origins=("sikasso",), objects=("amcham-mali",), targets=("jnim",), topics=("trade",),
                action="create", quantities=(Quantity(900, "recruit", role="participants"),
                                             Quantity(6, "month", role="duration")))
    for kind in FACT_KINDS:
        for drop in ((), ("counterparts", "topics", "origins"), ("actors", "places"), tuple(full)):
            fields = {k: v for k, v in full.items() if k not in drop}
            yield Fact(id=f"{kind}-{len(drop)}", kind=kind, themes=("security_cooperation",),
                       date=DateSpan(date(2025, 7, 22), date(2025, 7, 22)), **fields)


@pytest.mark.parametrize("fact", list(_variants()), ids=lambda f: f.id)
def test_every_generated_sentence_is_in_the_edition_language(fact):
    fr = phrasing.plain(phrasing.sentence(fact, _speaker("fr"), i18n.translations("fr")))
    en = phrasing.plain(phrasing.sentence(fact, _speaker("en"), i18n.translations("en")))
    fr_words = set(re.findall(r"[\w']+", fr.lower()))
    en_words = set(re.findall(r"[\w']+", en.lower()))
    assert not fr_words & EN_WORDS, fr
    assert not en_words & (FR_WORDS - {"a", "on", "in", "of"}), en
    for text in (fr, en):
        assert not text[0].islower() and text.endswith(".") and "  " not in text and " ." not in text, text
        assert "{" not in text and "None" not in text, text
