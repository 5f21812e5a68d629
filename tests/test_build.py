"""The editions of the bundled example, checked through their PDF text, fonts, metadata and HTML."""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml
from babel.messages.pofile import read_po
from conftest import pdf_text, run_cli
from pypdf import PdfReader

from briefgen.edition.i18n import po_path


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_four_files_are_written(built, lang):
    assert (built / f"brief.{lang}.html").stat().st_size > 5_000
    assert (built / f"brief.{lang}.pdf").read_bytes().startswith(b"%PDF-")


def test_french_pdf_text(built):
    text = pdf_text(built / "brief.fr.pdf")
    for needle in ("juillet 2025", "Bamako", "Bougouni", "900", "TLP:AMBER",
                   "les 21 et 22 juillet 2025", "couvre la période du 21 au 27 juillet 2025"):
        assert needle in text, needle
    # French agreement and typography in generated sentences.
    assert "s’est rendu à Bamako" in text  # typographic apostrophe
    assert "Points clés" in text
    assert re.search(r"Page 1 sur \d", text)


def test_english_pdf_text(built):
    text = pdf_text(built / "brief.en.pdf")
    for needle in ("July 2025", "Chamber of Commerce", "900", "TLP:AMBER", "21–22 July 2025",
                   "covers 21–27 July 2025", "1,000"):
        assert needle in text, needle
    assert re.search(r"Page 1 of \d", text)


def test_english_edition_has_no_french_template_text(built):
    text = " ".join(pdf_text(built / "brief.en.pdf").split())
    with po_path("fr").open("rb") as fh:
        catalog = read_po(fh)
    leaked = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for s in strings:
            # The fixed part of each French string (placeholders removed), when long enough to be telling.
            for chunk in re.split(r"\{\w+\}|%\(\w+\)[sd]", s):
                chunk = chunk.strip(" .:;()")
                if len(chunk) >= 12 and chunk not in text:
                    continue
                if len(chunk) >= 12:
                    leaked.append(chunk)
    assert not leaked, leaked


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_pdf_pages_fonts_and_metadata(built, lang):
    pdf = built / f"brief.{lang}.pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 2
    text = pdf_text(pdf)
    n = len(reader.pages)
    word = "sur" if lang == "fr" else "of"
    for page in range(1, n + 1):
        assert f"Page {page} {word} {n}" in text
    # Every page carries the TLP label twice (header and footer).
    assert text.count("TLP:AMBER") >= 2 * n
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows, fonts
    for row in rows:
        assert row.split()[-5] == "yes", f"font not embedded: {row}"
        assert "Brief-" in row, f"font not from the project: {row}"
    meta = reader.metadata
    assert meta.title.startswith("Note de situation" if lang == "fr" else "Weekly situation brief")
    assert meta.author == "Sahel Watch Desk — analysis cell"
    assert meta.subject and meta.get("/Keywords")
    assert reader.trailer["/Root"]["/Lang"] == lang
    def titles(items):
        for item in items:
            yield from titles(item) if isinstance(item, list) else [item.title]

    outline = list(titles(reader.outline))
    assert ("Points clés" if lang == "fr" else "Key points") in outline


def test_html_is_self_contained_and_tagged(built):
    fr = (built / "brief.fr.html").read_text(encoding="utf-8")
    en = (built / "brief.en.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in fr and '<html lang="en">' in en
    for html in (fr, en):
        assert not re.search(r'(src|href)="(file:|/|\.\./)', html)
        assert "<script" not in html
    # French spacing: narrow no-break space inside guillemets and before ; ! ?, no-break space before ':'.
    assert "«\u202fCombattre" in fr
    assert "\u00a0:" in fr
    assert "5\u202f000" not in en and "1,000" in en


def test_both_editions_carry_the_same_facts(built):
    fr = pdf_text(built / "brief.fr.pdf")
    en = pdf_text(built / "brief.en.pdf")
    for figure in ("900", "B1", "C2", "B2"):
        assert fr.count(figure) == en.count(figure), figure


def test_other_week_builds_only_that_week(project):
    result = run_cli("build", "--week", "2025-W28", "--config", str(project))
    assert result.returncode == 0, result.stderr
    out = project.parent.parent / "output"
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["2025-W28"]
    text = pdf_text(out / "2025-W28" / "brief.en.pdf")
    assert "Rudolph Atallah" in text and "7–8 July 2025" in text
    assert "Bougouni" not in text


def test_week_without_facts_gets_a_quiet_edition(project):
    result = run_cli("build", "--week", "2025-W40", "--config", str(project))
    assert result.returncode == 0, result.stderr
    text = " ".join(pdf_text(project.parent.parent / "output" / "2025-W40" / "brief.en.pdf").split())
    assert "Edition no. 13 (2025-W40)" in text and "No significant development was reported this week." in text


def test_rejected_facts_are_left_out(project):
    facts = project.parent.parent / "facts" / "2025-W28.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("status: approved", "status: rejected"), encoding="utf-8")
    result = run_cli("build", "--week", "2025-W28", "--config", str(project))
    assert result.returncode == 0, result.stderr
    text = pdf_text(project.parent.parent / "output" / "2025-W28" / "brief.en.pdf")
    assert "Atallah" not in text and "No significant development was reported this week." in text


def test_usage_error_exits_2():
    result = run_cli("build", "--no-such-option")
    assert result.returncode == 2
    result = run_cli("--help")
    assert result.returncode == 0 and "briefgen build" in result.stdout


def test_missing_translation_is_listed_and_stops_the_build(project):
    facts = project.parent.parent / "facts" / "2025-W30.yaml"
    data = yaml.safe_load(facts.read_text(encoding="utf-8"))
    quoted = [f for f in data["facts"] if f.get("quote")]
    del quoted[0]["quote"]["translations"]
    facts.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    index = data["facts"].index(quoted[0])
    line = facts.read_text(encoding="utf-8").splitlines().index(f"- id: {quoted[0]['id']}") + 1
    check = run_cli("check", "--config", str(project))
    assert check.returncode == 0, check.stderr
    # file:line: 'key' — the line of the nearest key that is there (the quote's)
    where = f"{facts}:{line + next(i for i, x in enumerate(facts.read_text(encoding='utf-8').splitlines()[line:]) if x.startswith('  quote:')) + 1}"
    message = f"{where}: 'facts[{index}].quote.translations.en' missing translation: no en translation of the quote"
    assert message in check.stderr
    # The build stops with the same message rather than let the two editions say different things.
    build = run_cli("build", "--week", "2025-W30", "--config", str(project))
    assert build.returncode == 1 and message in build.stderr and "Traceback" not in build.stderr
    assert not (project.parent.parent / "output" / "2025-W30" / "brief.en.pdf").exists()


def test_locator_map_with_disclaimer(built):
    fr = " ".join(pdf_text(built / "brief.fr.pdf").split())
    en = " ".join(pdf_text(built / "brief.en.pdf").split())
    assert "Lieux cités" in fr and "n’impliquent ni reconnaissance ni acceptation officielles" in fr
    assert "Places mentioned" in en and "do not imply official endorsement or acceptance" in en
    for text in (fr, en):  # town labels drawn on the map, credits given
        assert "Koutiala" in text and "GeoNames" in text
    assert "ALGÉRIE" in fr and "ALGERIA" in en


def _pdfinfo(path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def test_default_pdf_is_untagged_without_standard(built):
    pdf = built / "brief.fr.pdf"
    assert _pdfinfo(pdf)["Tagged"] == "no"
    assert PdfReader(pdf).xmp_metadata is None


@pytest.mark.parametrize("settings, tagged, part", [
    ("pdf:\n  tagged: true\n", "yes", None),
    ("pdf:\n  variant: pdf/a-3b\n", "no", ("pdfaid", "3", "B")),
    ("pdf:\n  variant: pdf/ua-1\n", "yes", ("pdfuaid", "1", None)),
])
def test_pdf_settings_tag_the_edition_and_declare_the_standard(project, settings, tagged, part):
    text = project.read_text(encoding="utf-8")
    project.write_text(text[:text.index("pdf:\n")] + settings, encoding="utf-8")
    result = run_cli("build", "--week", "2025-W30", "--config", str(project))
    assert result.returncode == 0, result.stderr
    for lang in ("fr", "en"):
        pdf = project.parent.parent / "output" / "2025-W30" / f"brief.{lang}.pdf"
        assert _pdfinfo(pdf)["Tagged"] == tagged
        text = pdf_text(pdf)
        assert "Bougouni" in text and "TLP:AMBER" in text  # same edition, still readable as text
        xmp = PdfReader(pdf).xmp_metadata
        if part is None:
            assert xmp is None
            continue
        prefix, number, conformance = part
        xml = xmp.rdf_root.toxml()
        assert re.search(rf"{prefix}:part(?:>|=\"){number}", xml), xml[:400]
        if conformance:
            assert re.search(rf"{prefix}:conformance(?:>|=\"){conformance}", xml), xml[:400]


def test_key_points_without_analyst_choice_prefer_approved_events_over_statements(project):
    from briefgen.core.config import load_config
    from briefgen.edition.brief import build_brief

    facts = project.parent.parent / "facts" / "2025-W30.yaml"
    text = facts.read_text(encoding="utf-8").replace("  key_point: true\n", "")
    # The best-sourced fact of the week, left unreviewed: approved facts go before it.
    visit = text.index("- id: visit-william-stevens-bamako-2025-07-21")
    text = text[:visit] + text[visit:].replace("status: approved", "status: proposed", 1)
    facts.write_text(text, encoding="utf-8")
    brief = build_brief(load_config(project), "2025-W30")
    ranked = [i.fact for i in brief.key_points]
    assert len(ranked) == 4 and all(f.status == "approved" for f in ranked), [f.id for f in ranked]
    # Among equally sourced approved facts, the ones saying who did what come before statements.
    kinds = [f.kind for f in ranked]
    assert "statement" not in kinds[: len([k for k in kinds if k != "statement"])], kinds
