"""French dates and quantities: the parsing layers below the model (no spaCy needed)."""

from __future__ import annotations

from datetime import date

import pytest

from briefgen.extract.dates import Reference, resolve, span_key
from briefgen.extract.quantities import parse, words_to_number

DAY = Reference(date(2025, 7, 23))


@pytest.mark.parametrize("text, ref, expected", [
    ("les 21 et 22 juillet 2025", None, "2025-07-21/2025-07-22"),
    ("22 juillet 2025", None, "2025-07-22"),
    ("le 22 juillet dernier", Reference(date(2025, 7, 1), "month"), "2025-07-22"),
    ("le 22 juillet dernier", Reference(date(2025, 8, 1)), "2025-07-22"),
    ("le 30 juillet dernier", DAY, "2024-07-30"),
    ("ce mardi 22 juillet", Reference(date(2025, 7, 22)), "2025-07-22"),
    ("lundi 21 et mardi 22 juillet", Reference(date(2025, 7, 25)), "2025-07-21/2025-07-22"),
    ("février dernier", DAY, "2025-02"),
    ("au début du mois", DAY, "2025-07-01/2025-07-10"),
    ("au début du mois", Reference(date(2025, 7, 1), "month"), "2025-07-01/2025-07-10"),
    ("hier", Reference(date(2025, 7, 9)), "2025-07-08"),
    ("lundi", Reference(date(2025, 7, 9)), "2025-07-07"),
    ("lundi", Reference(date(2025, 7, 30)), "2025-07-28"),
    ("la semaine dernière", Reference(date(2025, 7, 30)), "2025-W30"),
    ("cette semaine", Reference(date(2025, 7, 25)), "2025-W30"),
])
def test_dates_resolve_against_the_article_date(text, ref, expected):
    span = resolve(text, ref)
    assert span is not None and span_key(span) == expected


def test_relative_days_under_a_page_dated_by_its_month_are_that_month():
    # the page does not give its day: « hier », « cette semaine », « mardi » tell the month only
    month = Reference(date(2025, 7, 1), "month")
    for text in ("hier", "avant-hier", "cette semaine", "la semaine dernière", "mardi", "ce mardi", "dimanche soir"):
        span = resolve(text, month)
        assert span is not None and span_key(span) == "2025-07", text
    # « aujourd'hui » may as well mean nowadays: no date without the day
    assert resolve("aujourd'hui", month) is None
    assert resolve("le 22 juillet", None) is None


def test_precision():
    assert resolve("février dernier", DAY).precision == "month"
    assert resolve("cette semaine", DAY).precision == "week"
    assert resolve("les 21 et 22 juillet 2025", None).precision == "day"


@pytest.mark.parametrize("text, value, unit", [
    ("900 nouvelles recrues", 900, "recruit"),
    ("neuf cents jeunes recrues", 900, "recruit"),
    ("5 000 jeunes", 5000, "young_person"),
    ("1 000 recrues", 1000, "recruit"),
    ("six mois", 6, "month"),
    ("1,2 milliard de FCFA", 1.2e9, "XOF"),
    ("trois premiers mois", 3, "month"),
    ("dix premiers jours", 10, "day"),
    ("quatre-vingt-dix véhicules", 90, "vehicle"),
    ("deux millions de dollars", 2e6, "USD"),
])
def test_quantities(text, value, unit):
    q = parse(text)
    assert q is not None and q.value == value and q.unit == unit and q.text == text


def test_number_words():
    assert words_to_number(["neuf", "cents"]) == 900
    assert words_to_number(["cinq", "mille"]) == 5000
    assert words_to_number(["vingt", "et", "un"]) == 21
    assert words_to_number(["soixante-dix"]) == 70
    assert words_to_number(["recrues"]) is None
    assert parse("trois organisations") is None


@pytest.mark.parametrize("text, ref, expected", [
    ("3 janvier au 9 février 2023", None, "2023-01-03/2023-02-09"),
    ("mercredi 30 décembre au mardi 5 janvier", Reference(date(2026, 1, 10)), "2025-12-30/2026-01-05"),
    ("11/07/23", None, "2023-07-11"),
    ("2-3-2025", None, "2025-03-02"),
    ("18\nNov", Reference(date(2024, 11, 18)), "2024-11-18"),
    ("04 févier 2015", None, "2015-02-04"),
    ("ce mois-ci", Reference(date(2024, 12, 27)), "2024-12"),
    ("26 juillet", Reference(date(2024, 2, 10)), "2023-07-26"),  # months ahead: the past one
    ("2 mars", Reference(date(2024, 2, 10)), "2024-03-02"),  # a few weeks ahead: the coming one
    ("ce mois", Reference(date(2024, 12, 1), "month"), "2024-12"),
])
def test_ranges_across_months_figures_and_abbreviated_datelines(text, ref, expected):
    span = resolve(text, ref)
    assert span is not None and span_key(span) == expected


def test_a_weekday_in_a_page_dated_by_its_month_is_the_day_the_article_writes_for_it():
    from briefgen.extract.dates import completed
    from briefgen.extract.types import DateMention

    month = Reference(date(2024, 6, 1), "month")
    text = "Le mardi 11 juin 2024, le ministre a reçu les blindés. Mardi, il a aussi visité le camp. Jeudi, rien."
    found = [DateMention(text.index(t), text.index(t) + len(t), t, resolve(t, month), n)
             for n, t in ((0, "mardi 11 juin 2024"), (1, "Mardi"), (2, "Jeudi"))]
    assert [span_key(m.span) for m in completed(text, found)] == ["2024-06-11", "2024-06-11", "2024-06"]


def test_typographic_apostrophes_fold_like_straight_ones():
    from briefgen.extract import same_event, site

    assert site.fold("l’armée") == site.fold("l'armée") == "l'armee"
    assert same_event.fold("d’investissement") == same_event.fold("d'investissement") == "d investissement"
