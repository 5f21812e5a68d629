"""Text an analyst would sign (issue 11, points 4 and 5): no count-style summaries, key points by the
weight of the event, statements in the sources' terms, hedged figures marked and never used, quotes with
their outlet and the other wordings, and estimative language on the ICD 203 scale, checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import copy_project, pdf_text, run_cli

from briefgen.edition import i18n
from briefgen.facts.estimative import SCALE, language_problems, with_bands


def flat(text: str) -> str:
    """PDF text on one line: hyphenation joined back, every run of spaces (no-break ones too) one space."""
    text = re.sub(r"[\u2010-]\n\s*", lambda m: "" if m.group(0)[0] == "\u2010" else "-", text)
    return " ".join(text.split())


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> Path:
    """The bundled example with W28, W30 and W31 built; returns its output folder."""
    cfg = copy_project(tmp_path_factory.mktemp("prose"))
    for week in ("2025-W28", "2025-W30", "2025-W31"):
        result = run_cli("build", "--week", week, "--config", str(cfg))
        assert result.returncode == 0, result.stderr
    return cfg.parent.parent / "output"


def edition(desk: Path, week: str, lang: str) -> str:
    return flat(pdf_text(desk / week / f"brief.{lang}.pdf"))


def key_points(text: str, lang: str) -> list[str]:
    start = text.index("Points clés" if lang == "fr" else "Key points")
    end = text.index("Jugements clés" if lang == "fr" else "Key judgments")
    return [p.strip() for p in re.split(r" \d\. ", " " + text[start:end].split(" ", 2)[2]) if p.strip()]


# -- point 4 ---------------------------------------------------------------------------------------------
def test_no_count_style_summaries(desk):
    for lang in ("fr", "en"):
        text = edition(desk, "2025-W31", lang)
        for words in ("fait rapporté cette semaine", "faits rapportés", "confirmés par des médias indépendants",
                      "development reported this week", "confirmed by independent outlets"):
            assert words not in text
    # Without the analyst's summary, the lead fact's paragraph opens the section, in bold.
    html = (desk / "2025-W31" / "brief.fr.html").read_text()
    section = html[html.index('id="economic_ties"'):]
    assert re.search(r'<div class="fact">\s*<p class="summary">Une réunion consacrée', section)


def test_key_points_ranked_by_weight_of_the_event(desk):
    # W31: the business meeting (one outlet, B2) leads; the standing position (two outlets, B1) follows.
    fr = key_points(edition(desk, "2025-W31", "fr"), "fr")
    assert fr[0].startswith("Une réunion consacrée à la Chambre américaine de commerce"), fr
    assert fr[1].startswith("Les autorités maliennes ont rappelé"), fr


def test_statement_says_what_was_said_in_the_sources_terms(desk, project):
    text = edition(desk, "2025-W31", "fr")
    assert "toute coopération doit respecter la souveraineté du pays" in text
    assert "s'est exprimé sur le respect de la souveraineté des États" not in text
    w30 = edition(desk, "2025-W30", "fr")
    assert "s'est exprimé sur la coopération contre le terrorisme" not in w30
    assert "a redit la volonté de Washington de coopérer avec le Mali contre le terrorisme" in w30
    # A statement told without what was said is flagged by check.
    path = project.parent.parent / "facts" / "2025-W31.yaml"
    doc = yaml.safe_load(path.read_text())
    for fact in doc["facts"]:
        fact.pop("text", None)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))
    result = run_cli("check", "--config", str(project))
    assert "statement statement-mali-2025-w31 has no 'text'" in result.stderr, result.stderr


def test_hedged_figure_is_marked_and_never_the_lowest(desk):
    fr = edition(desk, "2025-W30", "fr")
    assert ("Les sources divergent sur le chiffre : 900 (L’Écho de Sikasso et Sahel Dépêches) ; près de 1 000 "
            "(non vérifié ; une source anonyme citée par Sahel Dépêches).") in fr
    assert "Le chiffre retenu est le plus bas de ceux rapportés sans réserve : 900." in fr
    assert "Le chiffre le plus bas est retenu" not in fr
    en = edition(desk, "2025-W30", "en")
    assert "about 1,000 (unverified; an unnamed source cited by Sahel Dépêches)" in en
    assert "The lowest figure reported without hedging is used: 900." in en


def test_hedged_lowest_figure_is_not_used(project):
    """A hedged figure lower than the firm one: the firm one is used, not the hedged one."""
    facts = project.parent.parent / "facts" / "2025-W30.yaml"
    text = facts.read_text()
    text = text.replace("Le camp compterait cependant près de 1 000 recrues selon une source locale.",
                        "Le camp compterait cependant près de 800 recrues selon une source locale.")
    text = text.replace("    - value: 1000\n", "    - value: 800\n")
    facts.write_text(text)
    src = project.parent.parent / "sources" / "2025-07-25-sahel-depeches-bilan-semaine.txt"
    src.write_text(src.read_text().replace("près de 1 000 recrues", "près de 800 recrues"))
    result = run_cli("build", "--week", "2025-W30", "--config", str(project))
    assert result.returncode == 0, result.stderr
    fr = flat(pdf_text(project.parent.parent / "output" / "2025-W30" / "brief.fr.pdf"))
    assert "près de 800 (non vérifié" in fr
    assert "Le chiffre retenu est le plus bas de ceux rapportés sans réserve : 900." in fr


def test_quote_cites_its_outlet_and_shows_the_other_wording(desk):
    fr = edition(desk, "2025-W30", "fr")
    assert "compte beaucoup pour nous » — William B. Stevens, selon Bamako Hebdo" in fr
    assert ("Le Courrier du Sahel rapporte ces propos autrement : « Le terrorisme nous concerne tous, et agir aux "
            "côtés du Mali contre ces groupes serait pour nous une vraie chance »") in fr
    en = edition(desk, "2025-W30", "en")
    assert "William B. Stevens, as reported by Bamako Hebdo" in en
    assert "Le Courrier du Sahel gives these words otherwise: « Le terrorisme nous concerne tous" in en


def test_phrasing_lists_numbers_dates_and_first_mentions(desk):
    fr = edition(desk, "2025-W30", "fr")
    assert "la santé et le commerce et l’investissement" not in fr
    assert "la coopération économique, la santé, ainsi que le commerce et l’investissement" in fr
    en = edition(desk, "2025-W30", "en")
    assert "economic cooperation, health, as well as trade and investment" in en
    # Digits below ten are words; no sentence opens with a numeral; no date dangles after a list of names.
    assert "six mois" in fr and "6 mois" not in fr and "3 mois" not in fr
    assert "dont trois mois en centre d’instruction et trois mois en phase professionnelle" in fr
    assert "Le 22 juillet 2025, 900 recrues originaires de Bamako" in fr
    assert "On 22 July 2025, 900 recruits from Bamako" in en
    assert "Les 21 et 22 juillet 2025, les États-Unis ont rappelé les sanctions visant" in fr
    assert "et Al-Qaïda les 21 et 22 juillet 2025" not in fr
    # People get their role at their first mention, in the key points; no two key points in a row open
    # with the same name.
    points = key_points(fr, "fr")
    assert any(p.startswith("William B. Stevens, sous-secrétaire d’État adjoint pour l’Afrique de l’Ouest") for p in points)
    openings = [p.split(",")[0] for p in points]
    assert all(a != b for a, b in zip(openings, openings[1:])), openings


# -- point 5 ---------------------------------------------------------------------------------------------
def test_icd203_scale_in_both_catalogues():
    fr, en = i18n.translations("fr"), i18n.translations("en")
    assert len(SCALE) == 7
    expected = {"almost no chance": "quasiment exclu", "very unlikely": "très improbable", "unlikely": "improbable",
                "roughly even chance": "chances à peu près égales", "likely": "probable",
                "very likely": "très probable", "almost certain": "quasi certain"}
    assert [b.terms[0] for b in SCALE] == list(expected)
    for term, french in expected.items():
        assert fr.pgettext("likelihood", term) == french
        assert en.pgettext("likelihood", term) == term
    assert [(b.low, b.high) for b in SCALE] == [(1, 5), (5, 20), (20, 45), (45, 55), (55, 80), (80, 95), (95, 99)]
    assert with_bands("<p>Il est <strong>très improbable</strong> que…</p>", fr) == \
        "<p>Il est <strong>très improbable</strong> (05–20\u202f%) que…</p>"
    assert with_bands("<p>It is <strong>almost certain</strong>.</p>", en) == \
        "<p>It is <strong>almost certain</strong> (95–99%).</p>"


def test_estimative_terms_rendered_with_their_band(desk):
    w28 = edition(desk, "2025-W28", "fr")
    assert "Il est probable (55–80 %) que d’autres visites suivent" in w28
    assert "Further visits in the coming weeks are likely (55–80%)." in edition(desk, "2025-W28", "en")
    w30 = edition(desk, "2025-W30", "en")
    assert "It is likely (55–80%) that a regular security dialogue" in w30
    assert "(55–80%) (55–80%)" not in w30 and "(55–80%)\n(55–80%)" not in w30


def test_check_flags_words_outside_the_scale_and_mixed_sentences(project):
    result = run_cli("check", "--config", str(project))
    assert result.returncode == 0, result.stderr
    assert "ICD 203" not in result.stderr and "confidence level" not in result.stderr, result.stderr
    path = project.parent.parent / "facts" / "2025-W31.yaml"
    doc = yaml.safe_load(path.read_text())
    doc["analysis"]["key_judgments"] = {
        "fr": "Il est **possible** qu'une annonce suive. Il est **probable** que la Chambre ouvre (confiance faible).",
        "en": "An announcement could follow. It is **likely** to open, with moderate confidence.",
    }
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))
    err = run_cli("check", "--config", str(project)).stderr
    assert "'analysis.key_judgments.fr' 'possible' is a probability word outside the ICD 203 scale" in err, err
    assert "'analysis.key_judgments.en' 'could' is a probability word outside the ICD 203 scale" in err, err
    assert "« Il est probable que la Chambre ouvre (confiance faible). » states a likelihood and a confidence" in err
    assert "« It is likely to open, with moderate confidence. » states a likelihood and a confidence" in err


def test_check_flags_analyst_sentences_that_open_with_a_numeral(project):
    path = project.parent.parent / "facts" / "2025-W30.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("fr: À Bougouni, 900 recrues ont entamé", "fr: 900 recrues ont entamé"),
                    encoding="utf-8")
    err = run_cli("check", "--config", str(project)).stderr
    assert "'analysis.summaries.force_buildup.fr' « 900 recrues ont entamé la première Formation commune" in err
    assert "opens with a numeral" in err
    assert "'analysis.summaries.force_buildup.en'" not in err


def test_language_problems_words():
    fr, en = i18n.translations("fr"), i18n.translations("en")
    assert language_problems("Il est très probable que la visite ait lieu.", "fr", fr) == []
    assert language_problems("Une reprise est peut-être en cours ; sans doute en août.", "fr", fr)[1].startswith(
        "'sans doute'")
    assert language_problems("Maybe next week.", "en", en)[0].startswith("'Maybe'")
    assert language_problems("The envoy came in May.", "en", en) == []
    assert len(language_problems("It may resume. Talks might follow.", "en", en)) == 2
    problems = language_problems("Il est probable (60–70 %) qu'elle ouvre.", "fr", fr)
    assert problems == ["« probable » is followed by a band that is not its own ((60–70 %)); the scale gives "
                        "55–80 %, which the edition writes"]
    assert language_problems("Il est probable (55–80 %) qu'elle ouvre.", "fr", fr) == []
