"""Whole-article scores of `briefgen evaluate`: theme articles with a fact, distractors without one,
same-event groups merged — on the bundled articles and a distractor written for this test."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml

from briefgen.core.config import load_config
from briefgen.extract.evaluate import corpus_scores, evaluate, table
from briefgen.facts.model import DateSpan, Evidence, Fact

ROOT = Path(__file__).resolve().parent.parent
VISIT = ("2025-07-23-courrier-sahel-stevens-bamako", "2025-07-24-bamako-hebdo-visite-americaine")
DISTRACTOR = """date 2025-07-26
outlet sahel-depeches
title Football : les Aigles s'imposent à Bamako

Les Aigles du Mali ont battu la sélection de Guinée par deux buts à un samedi 26 juillet au stade
du 26-Mars de Bamako, devant quelque 40 000 spectateurs. L'entraîneur a salué « un groupe
solidaire » et donne rendez-vous aux supporters en septembre pour la suite des éliminatoires.
"""


def _fact(fid: str, *sources: str, themes=("security_cooperation",)) -> Fact:
    return Fact(id=fid, kind="visit", themes=themes, date=DateSpan(dt.date(2025, 7, 21), dt.date(2025, 7, 21)),
                evidence=tuple(Evidence(s, 0, 10, "…") for s in sources))


def test_corpus_scores_count_what_they_say():
    meta = {"a": {"topic": "security_cooperation", "group": "g"}, "b": {"topic": "economic_ties", "group": "g"},
            "c": {"topic": "distractor"}, "d": {"topic": "force_buildup"}}
    themes = ("security_cooperation", "economic_ties", "force_buildup")
    apart = corpus_scores(meta, [_fact("1", "a"), _fact("2", "b"), _fact("3", "c")], themes)
    assert (apart.theme_articles, apart.theme_articles_with_fact) == (3, 2)
    assert (apart.distractors, apart.distractors_with_fact) == (1, 1)
    assert (apart.groups, apart.groups_merged) == (1, 0)
    assert any("d: no fact" in m for m in apart.missed) and any("group g" in m for m in apart.missed)
    together = corpus_scores(meta, [_fact("1", "a", "b"), _fact("3", "c", themes=("other",))], themes)
    assert (together.groups_merged, together.distractors_with_fact) == (1, 0)
    assert (apart.wrong_joins, together.wrong_joins) == (0, 0)
    overmerged = corpus_scores(meta, [_fact("1", "a", "b"), _fact("2", "a", "d")], themes)
    assert overmerged.groups_merged == 1 and overmerged.wrong_joins == 1
    assert any(m.startswith("fact 2: joins a, d") for m in overmerged.missed)


def _bundled_as_corpus(tmp_path):
    """The bundled sources and their gold, annotated as a corpus (topic, the visit's group)."""
    sources, gold = tmp_path / "sources", tmp_path / "gold"
    shutil.copytree(ROOT / "sources", sources)
    gold.mkdir()
    for path in (ROOT / "tests" / "gold").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["topic"] = (data.get("themes") or ["distractor"])[0]
        if data["source"] in VISIT:
            data["group"] = "stevens-visit-2025-07"
        (gold / path.name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return sources, gold


def test_evaluate_scores_articles_as_wholes(tmp_path):
    sources, gold = _bundled_as_corpus(tmp_path)
    sid = "2025-07-26-sahel-depeches-football"
    (sources / f"{sid}.txt").write_text(DISTRACTOR, encoding="utf-8")
    (gold / f"{sid}.yaml").write_text(yaml.safe_dump({
        "source": sid, "topic": "distractor", "themes": [], "places": ["bamako"], "dates": ["2025-07-26", "2025-09"],
        "quantities": ["40000 person"], "organisations": ["aigles-du-mali"]}), encoding="utf-8")

    ev = evaluate(load_config(ROOT / "config" / "briefgen.yaml"), gold, [sources], warn=print)
    c = ev.corpus
    assert ev.articles == 9
    assert (c.theme_articles, c.distractors, c.groups) == (8, 1, 1)
    assert c.theme_articles_with_fact == 8, c.missed
    assert c.distractors_with_fact == 0, c.missed
    assert c.groups_merged == 1, c.missed
    text = table(ev)
    assert "same-event groups merged into one fact: 1/1" in text
    assert "distractors with a fact under a theme: 0/1" in text
    # only the visit is annotated as a group here, so the example's other cross-outlet facts count
    assert f"facts joining articles of no common group: {c.wrong_joins}" in text and c.wrong_joins > 0


def test_a_fact_is_approvable_when_a_gold_event_has_its_date_and_a_participant():
    from dataclasses import replace

    from briefgen.extract.evaluate import approvable

    fact = replace(_fact("1", "a"), actors=("mali",), places=("bamako",))
    assert approvable(fact, [{"date": "2025-07", "actors": ["mali"]}])            # a day within the month
    assert approvable(fact, [{"date": "2025-07-20/2025-07-22", "places": ["bamako"]}])
    assert approvable(fact, [{"date": "2025-W30", "actors": ["mali"]}])
    assert not approvable(fact, [{"date": "2025-08", "actors": ["mali"]}])        # another month
    assert not approvable(fact, [{"date": "2025-07-21", "actors": ["niger"]}])    # nobody in common
    assert not approvable(fact, [{"date": "someday", "actors": ["mali"]}])


def test_one_week_moves_articles_by_whole_weeks_and_groups_together():
    from briefgen.articles.source import Source
    from briefgen.extract.evaluate import as_one_week
    from briefgen.extract.types import Candidate

    def source(sid: str, day: dt.date, precision: str = "day") -> Source:
        return Source(sid, Path(f"{sid}.txt"), sid, None, day, None, "…", precision)

    def said(sid: str, span: DateSpan) -> Candidate:
        return Candidate(kind="statement", source=sid, sent=0, date=span, date_explicit=True,
                         evidence=Evidence(sid, 0, 1, "…"), themes=("economic_ties",), actors=("mali",))

    sources = {"a": source("a", dt.date(2024, 1, 10)), "b": source("b", dt.date(2024, 1, 12)),
               "c": source("c", dt.date(2024, 2, 1), "month"), "d": source("d", dt.date(2025, 3, 5))}
    monday = DateSpan(dt.date(2024, 1, 8), dt.date(2024, 1, 8))
    cands = [said("a", monday), said("b", DateSpan(dt.date(2024, 1, 11), dt.date(2024, 1, 11))),
             said("c", DateSpan(dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month")), said("d", monday)]
    meta = {"a": {"group": "g"}, "b": {"group": "g"}, "c": {}, "d": {}}
    moved, shifted = as_one_week(sources, cands, meta)
    assert moved["a"].published == dt.date(2025, 3, 5) and moved["b"].published == dt.date(2025, 3, 7)
    assert moved["d"].published == dt.date(2025, 3, 5)  # the latest stays where it is
    assert moved["c"].published.day == 1 and moved["c"].date_precision == "month"
    dates = {c.source: c.date for c in shifted}
    assert dates["a"] == DateSpan(dt.date(2025, 3, 3), dt.date(2025, 3, 3))  # a Monday stays a Monday
    assert dates["b"].start == dt.date(2025, 3, 6)  # the gap inside the group is kept
    assert dates["c"].precision == "month" and dates["c"].start.day == 1
    assert dates["d"] == monday  # nothing moved: its own week was already the latest


def test_evaluate_one_week_prints_its_line(tmp_path):
    import subprocess
    import sys

    sources, gold = _bundled_as_corpus(tmp_path)
    out = subprocess.run([sys.executable, "-m", "briefgen", "evaluate", str(sources), "--gold", str(gold),
                          "--one-week", "--config", str(ROOT / "config" / "briefgen.yaml")],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "as one week: same-event groups merged 1/1" in out.stdout
