"""Typography of the editions as printed: French no-break spaces (after inline markup too),
typographic apostrophes, superscript ordinals, hyphenation that never cuts short words or names;
per-language PDF keywords and a glossary of the acronyms the edition uses.

PDFs are real WeasyPrint output, read with pypdf (which keeps U+00A0 and U+202F) or pdftotext."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import copy_project, pdf_text, run_cli
from pypdf import PdfReader

from briefgen.core.config import load_config

NBSP, NNBSP = "\u00a0", "\u202f"
WEEKS = ("2025-W28", "2025-W30", "2025-W31")

# Long place and people names between short words, so that lines end inside them somewhere.
NAMES_FR = ("Entre Ouagadougou, Washington et Nouakchott, les émissaires de Tombouctou ont rejoint ceux de "
            "Koulikoro puis de Ménaka ; Christopher Landau et Abdourahamane Tiani ont reçu Abdoulaye "
            "Diop et Ousmane Sonko à Kidal. ")
NAMES_EN = ("Between Ouagadougou, Washington and Nouakchott, envoys from Timbuktu joined those from "
            "Koulikoro then Ménaka; Christopher Landau and Abdourahamane Tiani received Abdoulaye "
            "Diop and Ousmane Sonko in Kidal. ")


def pdf_chars(path: Path) -> str:
    """The PDF's text with its no-break spaces (pdftotext turns them into plain spaces)."""
    return "".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture(scope="module")
def output(example_output) -> Path:
    """The bundled example's editions of W28, W30 and W31 (and the quiet W29)."""
    return example_output


@pytest.fixture(scope="module")
def stressed(tmp_path_factory) -> Path:
    """W30 issued on 1 August, with key judgments full of long names: output/2025-W30."""
    cfg = copy_project(tmp_path_factory.mktemp("stressed"))
    facts = cfg.parent.parent / "facts" / "2025-W30.yaml"
    data = yaml.safe_load(facts.read_text(encoding="utf-8"))
    data["issued"] = date(2025, 8, 1)
    kj = data["analysis"]["key_judgments"]
    for lang, names in (("fr", NAMES_FR), ("en", NAMES_EN)):
        words = names.split()
        kj[lang] += "\n" + " ".join(" ".join(words[i:] + words[:i]) for i in range(len(words))) + "\n"
    facts.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_cli("build", "--week", "2025-W30", "--config", str(cfg), "-q")
    assert result.returncode == 0, result.stderr
    return cfg.parent.parent / "output" / "2025-W30"


def test_no_break_spaces_after_inline_markup_and_before_percent(output):
    w30, w31 = pdf_chars(output / "2025-W30" / "brief.fr.pdf"), pdf_chars(output / "2025-W31" / "brief.fr.pdf")
    assert f"(55–80{NNBSP}%)" in w30  # the ICD 203 band of « probable »
    assert f"confiance faible{NBSP}: une seule source" in w31  # « **faible** : » in the analyst's Markdown
    html = (output / "2025-W31" / "brief.fr.html").read_text(encoding="utf-8")
    assert f"<strong>faible</strong>{NBSP}:" in html
    for text in (w30, w31):  # nowhere a plain space before : ; ! ? % or inside « »
        assert not re.search(r" [:;!?%»]|« ", text.replace("https://", "")), re.findall(r".{20} [:;!?%»].{5}", text)


def test_french_apostrophes_are_typographic(output):
    for week in WEEKS:
        fr = pdf_chars(output / week / "brief.fr.pdf")
        html = (output / week / "brief.fr.html").read_text(encoding="utf-8")
        body = re.sub(r"<style.*?</style>|<[^>]*>", " ", html, flags=re.S)
        assert "’" in fr
        assert not re.search(r"\w'\w", fr), re.findall(r".{15}\w'\w.{5}", fr)
        assert "&#39;" not in body and not re.search(r"\w'\w", body)
    en = pdf_chars(output / "2025-W30" / "brief.en.pdf")
    assert "Analyst's translation" in en  # the English edition keeps its own conventions


def test_ordinals_are_superscript(stressed):
    html = (stressed / "brief.fr.html").read_text(encoding="utf-8")
    assert f"publiée le 1<sup>er</sup>{NBSP}" not in html  # « 1er » is followed by a month, not a number
    assert "publiée le 1<sup>er</sup> août 2025" in html
    runs = []
    PdfReader(stressed / "brief.fr.pdf").pages[0].extract_text(
        visitor_text=lambda text, cm, tm, font, size: runs.append((text, size)))
    at = next(i for i, (text, _) in enumerate(runs) if text.endswith("publiée le 1"))
    assert runs[at + 1][0].startswith("er") and runs[at + 1][1] < 0.8 * runs[at][1], runs[at:at + 2]


def _hyphenated(text: str) -> list[tuple[str, str]]:
    """(before, after) for every word cut at a line end by hyphenation (pdftotext shows U+2010)."""
    lines = [line.strip() for line in text.splitlines()]
    cuts = []
    for line, following in zip(lines, lines[1:]):
        m = re.search(r"(\w+)\u2010$", line)
        n = re.match(r"(\w+)", following)
        if m and n:
            cuts.append((m.group(1), n.group(1)))
    return cuts


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_hyphenation_never_cuts_short_words_or_names(output, stressed, lang):
    cuts = []
    for pdf in [output / week / f"brief.{lang}.pdf" for week in WEEKS] + [stressed / f"brief.{lang}.pdf"]:
        cuts += _hyphenated(pdf_text(pdf))
    for before, after in cuts:
        word = before + after
        assert len(word) >= 10 and len(before) >= 4 and len(after) >= 4, f"{before}-{after}"
        assert not word[0].isupper(), f"a name cut: {before}-{after}"


def test_pdf_keywords_are_in_the_edition_language(output):
    fr = PdfReader(output / "2025-W30" / "brief.fr.pdf").metadata["/Keywords"]
    en = PdfReader(output / "2025-W30" / "brief.en.pdf").metadata["/Keywords"]
    assert fr == "Mali, Sahel, sécurité, coopération"
    assert en == "Mali, Sahel, security, cooperation"


def test_a_plain_keyword_list_serves_every_language(project):
    brief = project.parent / "brief.yaml"
    text = brief.read_text(encoding="utf-8")
    text = re.sub(r"keywords:.*\n(  (fr|en): .*\n)+", "keywords: [Mali, Sahel]\n", text)
    brief.write_text(text, encoding="utf-8")
    assert load_config(project).brief.keywords == {"fr": ("Mali", "Sahel"), "en": ("Mali", "Sahel")}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_glossary_lists_only_the_acronyms_the_edition_uses(output, lang):
    text = pdf_text(output / "2025-W30" / f"brief.{lang}.pdf")
    heading = "Glossaire" if lang == "fr" else "Glossary"
    start = text.index(f"\n{heading}\n")
    end = text.index("\nSources\n", start)
    glossary, rest = text[start:end], text[:start] + text[end:]
    listed = re.findall(r"^ ?(\S+) {2,}", glossary, flags=re.M)
    listed = [a for a in listed if a not in ("Sigle", "Acronym", "Édition", "Edition")]
    assert listed, glossary
    for acronym in listed:
        assert re.search(rf"(?<!\w){re.escape(acronym)}(?!\w)", rest), f"{acronym} is not used by the edition"
    assert "FAMa" not in glossary and "FCB" not in glossary  # named by the facts, never written


def test_the_filter_leaves_markup_attributes_urls_and_other_languages_alone():
    from briefgen.edition.i18n import typeset_html

    html = ('<p title="l\'envoyé : 1er">Il l&#39;a dit : <a href="https://x.org/1er-août?a=b">https://x.org/1er-août</a>'
            ' <span lang="en">it&#39;s 1 : 2</span> le 1er août, la 2e fois (55 %)</p><style>a:b;</style>')
    out = typeset_html(html, "fr")
    assert out.startswith('<p title="l\'envoyé : 1er">Il l’a dit\u00a0: <a href="https://x.org/1er-août?a=b">'
                          'https://x.org/1er-août</a> <span lang="en">it&#39;s 1 : 2</span>')
    assert "le 1<sup>er</sup> août, la 2<sup>e</sup> fois (55\u202f%)" in out
    assert out.endswith("<style>a:b;</style>")
    # In the English edition, a French title gets French typography and the rest is left as it is.
    en = typeset_html('<p>it&#39;s : ok <td lang="fr">Sanctions : que peut l&#39;EIGS ?</td></p>', "en")
    assert en == '<p>it&#39;s : ok <td lang="fr">Sanctions\u00a0: que peut l’EIGS\u202f?</td></p>'
