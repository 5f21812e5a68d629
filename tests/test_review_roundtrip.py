"""The review loop keeps what analysts wrote in facts/<week>.yaml: comments anywhere, key order,
quoting and styles survive `extract` (real pipeline, real spaCy model), and a file with nothing new is
never rewritten. The last tests check the round-trip helpers on small documents."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
import yaml

from briefgen.core.config import load_config
from briefgen.extract import extract_paths, extract_project
from briefgen.facts import roundtrip as rt
from briefgen.facts.review import dump, update_fact_files

OLD = (946_684_800, 946_684_800)  # 2000-01-01: a rewrite would give the file today's time

ARTICLE = """date 2025-07-26
outlet courrier-sahel
title Kayes : la garde nationale lance une campagne de recrutement

La garde nationale a ouvert samedi 26 juillet une campagne de recrutement à Kayes. Elle cherche 600 volontaires \
âgés de 18 à 25 ans, selon un communiqué de l'état-major.

Les candidats retenus suivront une formation de trois mois au camp de Kati, près de Bamako. Ils seront ensuite \
affectés à la surveillance des axes routiers de l'ouest du pays.

Cette campagne complète la Formation commune de base ouverte cette semaine à Bougouni.
"""

# What the analysts write into facts/2025-W30.yaml: (where, the text around it, the comment)
TOP = "# Analyst: reviewed by A. Traoré on 28 July; ask before changing an approved fact.\n"
BESIDE_KEY = "  # confirmed by the embassy"
IN_ANALYSIS = "  # outlook to be revised once the AmCham is launched\n"
IN_EVIDENCE = "  # the next report only repeats Bamako Hebdo\n"
BETWEEN_FACTS = "\n# ---- force build-up ----\n"
END = "\n# end of the W30 review\n"
DOUBLE_QUOTED = 'notes: "Asset freezes and closing off other funding, as stated by the envoy."'
SINGLE_QUOTED = "counterparts: ['abdoulaye-diop']"
REMOVED_EVIDENCE = """  - source: 2025-07-25-sahel-depeches-bilan-semaine
    start: 942
    end: 1044
    text: À cette occasion, l'émissaire a annoncé qu'une Chambre américaine de commerce verrait bientôt le jour.
"""
FCB_REPORT = """  - source: 2025-07-26-courrier-sahel-garde-nationale-kayes
    start: 348
    end: 434
    text: Cette campagne complète la Formation commune de base ouverte cette semaine à Bougouni.
"""
AMCHAM_HEAD = """- id: announcement-amcham-mali-2025-07-22
  kind: announcement
  status: approved
  themes: [economic_ties]
  date: {start: 2025-07-21, end: 2025-07-22, precision: day}
  actors: [william-stevens]
  objects: [amcham-mali]
  action: create
  key_point: true
"""
AMCHAM_REORDERED = """- id: announcement-amcham-mali-2025-07-22
  status: approved
  key_point: true
  kind: announcement
  action: create
  objects: [amcham-mali]
  actors: [william-stevens]
  date: {start: 2025-07-21, end: 2025-07-22, precision: day}
  themes:
  - economic_ties
"""
COMMENTS = (TOP, BESIDE_KEY, IN_ANALYSIS, IN_EVIDENCE, BETWEEN_FACTS, END)


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _analyst_edits(text: str) -> str:
    """The bundled W30 file as an analyst leaves it: comments in six places, a value double-quoted,
    an id single-quoted, one fact's keys reordered (and its themes in block style)."""
    text = TOP + text
    text = _replace_once(text, "- id: visit-william-stevens-bamako-2025-07-21\n  kind: visit\n",
                         "- id: visit-william-stevens-bamako-2025-07-21\n  kind: visit" + BESIDE_KEY + "\n")
    text = _replace_once(text, "  outlook:\n", IN_ANALYSIS + "  outlook:\n")
    text = _replace_once(text, "    text: William B. Stevens a séjourné à Bamako lundi 21 et mardi 22 juillet.\n",
                         "    text: William B. Stevens a séjourné à Bamako lundi 21 et mardi 22 juillet.\n"
                         + IN_EVIDENCE)
    text = _replace_once(text, "\n- id: training-recruits-bougouni-2025-07-22\n",
                         BETWEEN_FACTS + "- id: training-recruits-bougouni-2025-07-22\n")
    text = _replace_once(text, "notes: Asset freezes and closing off other funding, as stated by the envoy.",
                         DOUBLE_QUOTED)
    text = _replace_once(text, "counterparts: [abdoulaye-diop]", SINGLE_QUOTED)
    text = _replace_once(text, AMCHAM_HEAD, AMCHAM_REORDERED)
    return text + END.lstrip("\n")


def _stat(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def _assert_analyst_content(text: str) -> None:
    for comment in COMMENTS:
        assert text.count(comment.strip()) == 1, comment
    assert text.startswith(TOP + "# Facts of ISO week 2025-W30")
    assert "  kind: visit" + BESIDE_KEY + "\n" in text
    assert IN_ANALYSIS + "  outlook:\n" in text
    assert "a séjourné à Bamako lundi 21 et mardi 22 juillet.\n" + IN_EVIDENCE + "  - source:" in text
    assert BETWEEN_FACTS + "- id: training-recruits-bougouni-2025-07-22\n" in text  # still right above it
    assert text.endswith(END)
    assert DOUBLE_QUOTED in text and SINGLE_QUOTED in text
    assert AMCHAM_REORDERED in text
    data = yaml.safe_load(text)
    amcham = next(f for f in data["facts"] if f["id"] == "announcement-amcham-mali-2025-07-22")
    assert list(amcham) == ["id", "status", "key_point", "kind", "action", "objects", "actors", "date", "themes",
                            "evidence"]


def test_analyst_comments_order_and_quoting_survive_extractions(project):
    cfg = load_config(project)
    w30 = cfg.facts_dir / "2025-W30.yaml"
    edited = _analyst_edits(w30.read_text(encoding="utf-8"))
    # The analyst also deleted a report by mistake: extraction finds it again and puts it back.
    w30.write_text(_replace_once(edited, REMOVED_EVIDENCE, ""), encoding="utf-8")
    others = {p: _stat(p) for p in cfg.facts_dir.glob("*.yaml") if p != w30}

    first = extract_project(cfg)
    assert [u.week for u in first.weeks if u.written] == ["2025-W30"]
    assert w30.read_text(encoding="utf-8") == edited  # the report is back where it was; nothing else moved
    assert {p: _stat(p) for p in others} == others  # the weeks with nothing new are not touched

    # A new article of that week: new facts are appended in briefgen's style.
    (cfg.sources_dir / "2025-07-26-courrier-sahel-garde-nationale-kayes.txt").write_text(ARTICLE, encoding="utf-8")
    second = extract_project(cfg)
    assert [u.week for u in second.weeks if u.written] == ["2025-W30"]
    text = w30.read_text(encoding="utf-8")
    _assert_analyst_content(text)
    # One report of the article goes to the approved training fact; the rest, before the end comment,
    # is as it was, byte for byte.
    last_report = "    text: Bougouni accueille ce type de formation pour la première fois.\n"
    body = _replace_once(edited[: -len(END.lstrip("\n"))], last_report, last_report + FCB_REPORT)
    assert text.startswith(body)
    new = text[len(body):-len(END.lstrip("\n"))]
    assert "- id: recruitment-garde-nationale-kayes-2025-07-26\n  kind: recruitment\n  status: proposed\n" in new
    for line in ("  themes: [force_buildup]\n", "  date: 2025-07-26\n", "  actors: [garde-nationale]\n",
                 "  places: [kayes]\n", "  - value: 600\n    unit: person\n",
                 "  - source: 2025-07-26-courrier-sahel-garde-nationale-kayes\n",
                 "  date: {start: 2025-07-21, end: 2025-07-27, precision: week}\n",
                 "    text: Les candidats retenus suivront une formation de trois mois au camp de Kati, près de "
                 "Bamako.\n"):
        assert line in new, line
    assert all(len(line) <= 110 for line in new.splitlines())
    facts = {f["id"]: f for f in yaml.safe_load(text)["facts"]}
    assert facts["recruitment-garde-nationale-kayes-2025-07-26"]["status"] == "proposed"
    assert {p: _stat(p) for p in others} == others

    # Nothing new: the file keeps its bytes and its time, and so does a second run after it.
    os.utime(w30, ns=(OLD[0] * 10**9, OLD[1] * 10**9))
    before = _stat(w30)
    for _ in range(2):
        again = extract_project(cfg)
        assert not any(u.written for u in again.weeks) and not again.model_loaded
        assert _stat(w30) == before


def test_file_with_comments_and_nothing_new_is_never_rewritten(project):
    cfg = load_config(project)
    for path in cfg.facts_dir.glob("*.yaml"):
        text = "# kept as it is\n\n" + path.read_text(encoding="utf-8").replace(
            "\n  evidence:\n", "\n  # reports, newest last\n  evidence:\n") + "# end\n"
        path.write_text(text, encoding="utf-8")
        os.utime(path, ns=(OLD[0] * 10**9, OLD[1] * 10**9))
    before = {p: _stat(p) for p in cfg.facts_dir.glob("*.yaml")}
    summary = extract_project(cfg)
    assert summary.weeks and not any(u.written for u in summary.weeks)
    assert {p: _stat(p) for p in cfg.facts_dir.glob("*.yaml")} == before



def test_untouched_proposed_fact_is_refreshed_around_its_comments(project):
    """Machine fields of a proposed fact nobody edited follow the extraction; the comments an analyst
    put in it (which do not count as edits) stay, and only the keys that change are rewritten."""
    cfg = load_config(project)
    article = cfg.sources_dir / "2025-07-26-courrier-sahel-garde-nationale-kayes.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    extract_project(cfg)
    w30 = cfg.facts_dir / "2025-W30.yaml"
    fid = "recruitment-garde-nationale-kayes-2025-07-26"
    text = w30.read_text(encoding="utf-8")
    head = f"- id: {fid}\n  kind: recruitment\n  status: proposed\n  themes: [force_buildup]\n  date: 2025-07-26\n"
    commented = _replace_once(text, head + "  actors: [garde-nationale]\n  places: [kayes]\n",
                              head + "  # who recruits\n  actors: [garde-nationale]  # the communiqué says so\n"
                              "  places: [kayes]  # only Kayes so far\n")
    w30.write_text(commented, encoding="utf-8")

    # The extraction now finds Kati among the places and no figure (an analyst's comments are no edit).
    ex = extract_paths([cfg.sources_dir], cfg)
    facts = [dataclasses.replace(mf.fact, places=mf.fact.places + ("kati",), quantities=())
             if mf.fact.id == fid else mf.fact for mf in ex.facts]
    (update,) = [u for u in update_fact_files(cfg, facts, source_ids=ex.sources.keys()) if u.week == "2025-W30"]
    assert update.written and update.updated == 1 and update.added == 0
    after = w30.read_text(encoding="utf-8")
    assert head + "  # who recruits\n  actors: [garde-nationale]  # the communiqué says so\n" \
        "  places: [kayes, kati] # only Kayes so far\n  evidence:\n" in after  # the line grew: one space left
    # everything else in the file is as it was
    fact_text = commented[commented.index(head):]
    fact_text = fact_text[:fact_text.index("\n  evidence:\n")]
    assert after.replace(after[after.index(head):after.index("\n  evidence:\n", after.index(head))], "") == \
        commented.replace(fact_text, "")


# --- the round-trip helpers on small documents --------------------------------------------------------

FACT = """# top
facts:
  - id: a
    kind: visit  # beside
    themes: [x]
    # above places
    places:
      - bamako   # lists indented under their key, as some editors write them
    evidence:
      - source: s
        text: t
      # after the last report

  # before b
  - id: b
    kind: meeting
    notes: 'single'
"""


def test_helpers_change_only_what_differs_and_keep_comments():
    doc = rt.load(FACT)
    assert doc.indent == (2, 4, 2) and doc.dumps() == FACT
    a, b = doc.data["facts"]
    rt.put(a, "kind", "meeting")  # a value replaced: the comment beside it stays (one space off: longer)
    rt.put(a, "date", {"start": "2025-07-21", "end": "2025-07-22", "precision": "day"},
           ("id", "kind", "themes", "date", "places"))  # a new key at its usual place
    rt.put(a, "themes", rt.merge(a["themes"], ["x", "y"]))
    rt.append(a["evidence"], {"source": "s2", "text": "t2"})
    rt.put(b, "notes", rt.merge(b["notes"], "still single"))
    rt.remove(b, "kind")
    rt.append(doc.data["facts"], {"id": "c", "themes": ["yes", "on"], "text": "line 1\nline 2\n"})
    assert doc.dumps() == """# top
facts:
  - id: a
    kind: meeting # beside
    themes: [x, y]
    date: {start: '2025-07-21', end: '2025-07-22', precision: day}
    # above places
    places:
      - bamako   # lists indented under their key, as some editors write them
    evidence:
      - source: s
        text: t
      - source: s2
        text: t2
      # after the last report

  # before b
  - id: b
    notes: 'still single'
  - id: c
    themes: ['yes', 'on']
    text: |
      line 1
      line 2
"""
    assert yaml.safe_load(doc.dumps())["facts"][2]["themes"] == ["yes", "on"]  # strings for PyYAML too


def test_markers_line_endings_and_folding_come_back_as_written():
    folded = yaml.safe_dump({"b": "mot " * 40}, width=110, allow_unicode=True)  # as PyYAML folds it
    assert folded.count("\n") == 2
    text = f"# before the marker\n---\na: 1  # one\n{folded}...\n# after\n"
    assert rt.load(text).dumps() == text
    crlf = "a: 1  # one\r\nb: [x, y]\r\n"
    assert rt.load(crlf).dumps() == crlf
    notes = rt.load("# nothing yet\n\n# but notes\n")
    notes.data = rt.styled({"week": "2025-W30", "facts": []})
    assert notes.dumps() == "# nothing yet\n\n# but notes\nweek: 2025-W30\nfacts: []\n"


def test_dump_writes_briefgen_style():
    out = dump({"week": "2025-W30", "facts": [{"id": "a", "themes": ["x", "y"], "date": {
        "start": "2025-07-21", "end": "2025-07-27", "precision": "week"}, "text": "é\nè\n", "n": None}]})
    assert out == ("week: 2025-W30\nfacts:\n- id: a\n  themes: [x, y]\n"
                   "  date: {start: '2025-07-21', end: '2025-07-27', precision: week}\n  text: |\n    é\n    è\n"
                   "  n:\n")


@pytest.mark.parametrize("bad, why", [("a: 1\na: 2\n", r":2: 'a' duplicate key \(first at line 1\)"),
                                      ("a: [1\n", "is not valid YAML")])
def test_unreadable_file_is_refused(project, bad, why):
    from briefgen.core.errors import BriefgenError

    cfg = load_config(project)
    w30 = cfg.facts_dir / "2025-W30.yaml"
    w30.write_text(bad, encoding="utf-8")
    with pytest.raises(BriefgenError, match=why):
        extract_project(cfg)
    assert w30.read_text(encoding="utf-8") == bad
