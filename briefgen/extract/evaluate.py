"""Score extraction against annotated articles: precision and recall per field.

Gold files are YAML, one per article, named after the article id (``tests/gold/<id>.yaml``)::

    source: 2025-07-09-courrier-sahel-atallah
    people: [rudolph-atallah]              # gazetteer ids, or the slug of a new entity's name
    organisations: [white-house, africom]  # organisations and states
    armed_groups: []
    places: [bamako]
    dates: ["2025-07-08", "2025-02"]       # 2025-07-22, 2025-07-21/2025-07-22, 2025-W30, 2025-07
    quantities: ["900 recruit", "6 month"]
    themes: [security_cooperation]
    topic: security_cooperation            # optional: a theme id, or ``distractor``
    group: stevens-visit-2025-07           # optional: the same-event group the article belongs to

With ``topic`` and ``group``, the articles are also scored as a whole: articles about a theme
that yield no fact, distractors that yield a fact under a theme, and same-event groups whose
articles end in one merged fact.

They hold ids and values only (never article text), so gold for articles that cannot be
bundled can live in the project too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..core.config import Config
from ..core.errors import BriefgenError
from ..facts.contract import REFERENCES
from .dates import span_key
from .types import SourceResult

FIELDS = ("people", "organisations", "armed_groups", "places", "dates", "quantities", "themes")
_LABELS = {"people": ("PER",), "organisations": ("ORG", "STATE"), "armed_groups": ("ARMED",), "places": ("LOC",)}


class Rates:
    """Precision, recall and F1 of anything that counts ``tp``, ``fp`` and ``fn``."""

    __slots__ = ()
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Score(Rates):
    field: str
    tp: int
    fp: int
    fn: int


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def predicted(res: SourceResult) -> dict[str, set[str]]:
    """What extraction found in one article, in the gold file's terms."""
    out = {f: {m.entity for m in res.mentions if m.label in labels} for f, labels in _LABELS.items()}
    out["dates"] = {span_key(d.span) for d in res.dates}
    out["quantities"] = {f"{_fmt(q.quantity.value)} {q.quantity.unit}" for q in res.quantities}
    out["themes"] = {t for c in res.candidates for t in c.themes}
    return out


@dataclass(frozen=True, slots=True)
class Corpus:
    """Scores of the articles as wholes (from the gold files' ``topic`` and ``group``)."""

    theme_articles: int = 0
    theme_articles_with_fact: int = 0
    distractors: int = 0
    distractors_with_fact: int = 0
    """Distractors with at least one fact under a configured theme (the target is none)."""
    groups: int = 0
    groups_merged: int = 0
    """Same-event groups whose articles all report one merged fact."""
    proposed: int = 0
    """Facts under a theme proposed for the annotated articles that have ``events``."""
    approvable: int = 0
    """Of those, the ones an analyst would approve: a gold event of one of their articles has a
    compatible date (the same, or one within the other) and shares an actor or a place."""
    missed: tuple[str, ...] = ()
    """What went wrong, one line each (article or group)."""
    wrong_joins: int = 0
    """Facts that join articles the gold puts in no common same-event group (merges that hide a
    fact); only counted when the gold files give groups."""


@dataclass(frozen=True, slots=True)
class Evaluation:
    scores: list[Score]
    diffs: list[str]
    articles: int
    corpus: Corpus
    one_week: Corpus | None = None
    """The whole-article scores with every article moved into one week (``as_one_week``)."""


def load_meta(folder: Path) -> dict[str, dict]:
    """Article id → ``topic``, ``group`` and ``events`` where the gold file gives them."""
    out = {}
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        sid = str(data.get("source") or path.stem)
        out[sid] = {k: str(data[k]) for k in ("topic", "group") if data.get(k)}
        if isinstance(data.get("events"), list):
            out[sid]["events"] = [e for e in data["events"] if isinstance(e, dict)]
    return out


def _bounds(key: str) -> tuple[str, str]:
    """A date key (``2024-03-12``, ``2024-03``, ``a/b``, ``2024-W11``) as first and last day, ISO."""
    if "/" in key:
        a, b = key.split("/", 1)
        return _bounds(a)[0], _bounds(b)[1]
    if "-W" in key:
        import datetime as dt

        monday = dt.date.fromisocalendar(int(key[:4]), int(key[6:8]), 1)
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    if len(key) == 7:
        return key + "-01", key + "-31"
    return key, key


def approvable(fact, events: list[dict]) -> bool:
    """Whether one of ``events`` (gold) is the fact: compatible dates and a shared participant."""
    start, end = fact.date.start.isoformat(), fact.date.end.isoformat()
    named = {x for name in REFERENCES for x in getattr(fact, name)}
    for e in events:
        try:
            a, b = _bounds(str(e.get("date", "")))
        except ValueError:
            continue
        inside = (a <= start and end <= b) or (start <= a and b <= end)
        if inside and named & {*(e.get("actors") or []), *(e.get("places") or [])}:
            return True
    return False


def load_gold(folder: Path) -> dict[str, dict[str, set[str]]]:
    """Article id → field → expected values, from every *.yaml in ``folder``."""
    if not folder.is_dir():
        raise BriefgenError(f"{folder}: no such folder of gold annotations")
    gold = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError:
            raise BriefgenError(f"{path}: not valid YAML") from None
        if not isinstance(data, dict):
            raise BriefgenError(f"{path}: expected key: value lines")
        sid = str(data.get("source") or path.stem)
        fields = {}
        for f in FIELDS:
            v = data.get(f) or []
            if not isinstance(v, list):
                raise BriefgenError(f"{path}: '{f}' must be a list")
            fields[f] = {str(x) for x in v}
        gold[sid] = fields
    if not gold:
        raise BriefgenError(f"{folder}: no gold files (*.yaml)")
    return gold


def score(gold: dict[str, dict[str, set[str]]], results: dict[str, SourceResult]
          ) -> tuple[list[Score], list[str]]:
    """Micro-averaged scores per field over the annotated articles, and the differences."""
    counts = {f: [0, 0, 0] for f in FIELDS}
    diffs = []
    for sid, expected in sorted(gold.items()):
        if sid not in results:
            continue
        got = predicted(results[sid])
        for f in FIELDS:
            tp, fp, fn = got[f] & expected[f], got[f] - expected[f], expected[f] - got[f]
            counts[f][0] += len(tp)
            counts[f][1] += len(fp)
            counts[f][2] += len(fn)
            if fp:
                diffs.append(f"{sid}: {f}: unexpected {', '.join(sorted(fp))}")
            if fn:
                diffs.append(f"{sid}: {f}: missed {', '.join(sorted(fn))}")
    return [Score(f, *counts[f]) for f in FIELDS], diffs


def corpus_scores(meta: dict[str, dict[str, str]], facts, themes: tuple[str, ...]) -> Corpus:
    """Whole-article scores from merged facts (``MergedFact`` or ``Fact``) and the gold metadata."""
    facts = [getattr(f, "fact", f) for f in facts]
    themed: dict[str, int] = {}
    for f in facts:
        if set(f.themes) & set(themes):
            for sid in {e.source for e in f.evidence}:
                themed[sid] = themed.get(sid, 0) + 1
    missed = []
    topical = [sid for sid, m in meta.items() if m.get("topic") and m["topic"] != "distractor"]
    distractors = [sid for sid, m in meta.items() if m.get("topic") == "distractor"]
    missed += [f"{sid}: no fact under a theme" for sid in sorted(topical) if sid not in themed]
    missed += [f"{sid}: distractor with {themed[sid]} fact(s) under a theme" for sid in sorted(distractors)
               if sid in themed]
    groups: dict[str, set[str]] = {}
    for sid, m in meta.items():
        if m.get("group"):
            groups.setdefault(m["group"], set()).add(sid)
    groups = {g: members for g, members in groups.items() if len(members) > 1}
    merged = {g for g, members in groups.items() if any(members <= {e.source for e in f.evidence} for f in facts)}
    missed += [f"group {g}: {', '.join(sorted(groups[g]))} not merged into one fact" for g in sorted(set(groups) - merged)]
    wrong = []
    if groups:
        for f in facts:
            sids = {e.source for e in f.evidence} & set(meta)
            if len(sids) > 1 and not any(sids <= members for members in groups.values()):
                wrong.append(f)
                missed.append(f"fact {f.id}: joins {', '.join(sorted(sids))}, in no common same-event group")
    with_events = {sid for sid, m in meta.items() if "events" in m}
    proposed = [f for f in facts if set(f.themes) & set(themes) and {e.source for e in f.evidence} & with_events]
    good = [f for f in proposed
            if approvable(f, [e for s in {e.source for e in f.evidence} for e in meta.get(s, {}).get("events", [])])]
    return Corpus(len(topical), sum(1 for sid in topical if sid in themed), len(distractors),
                  sum(1 for sid in distractors if sid in themed), len(groups), len(merged), len(proposed),
                  len(good), tuple(missed), len(wrong))


def _shift(span, by):
    """A date span moved by whole weeks (``by``); a month stays a month (the one its middle falls in)."""
    import calendar
    import datetime as dt

    from ..facts.model import DateSpan

    if span is None:
        return None
    if span.precision == "month":
        mid = span.start + by + dt.timedelta(days=14)
        return DateSpan(mid.replace(day=1), mid.replace(day=calendar.monthrange(mid.year, mid.month)[1]), "month")
    return DateSpan(span.start + by, span.end + by, span.precision)


def as_one_week(sources: dict, candidates: list, meta: dict[str, dict]) -> tuple[dict, list]:
    """The articles and their candidate facts as if every article had come out in the week of the
    latest one, the density of a weekly run: each article (each same-event group, as one) moves
    by whole weeks, its dates with it, so weekdays and the gaps inside a group stay as they were.
    Two events of one speaker or one state then share a week, and a merge that is too loose shows
    as facts joining articles of no common group."""
    import datetime as dt
    from dataclasses import replace

    days = {sid: s.published for sid, s in sources.items() if s.published}
    if not days:
        return sources, candidates
    last = max(days.values())
    first_of: dict[str, dt.date] = {}
    for sid, day in days.items():
        key = meta.get(sid, {}).get("group") or sid
        first_of[key] = min(day, first_of.get(key, day))
    by = {sid: dt.timedelta(weeks=(last - first_of[meta.get(sid, {}).get("group") or sid]).days // 7)
          for sid in days}
    moved = {}
    for sid, s in sources.items():
        if sid in by:
            day = s.published + by[sid]
            s = replace(s, published=day.replace(day=1) if s.date_precision == "month" else day)
        moved[sid] = s
    zero = dt.timedelta(0)
    return moved, [replace(c, date=_shift(c.date, by.get(c.source, zero))) for c in candidates]


def evaluate(cfg: Config, gold_dir: Path, paths: list[Path], *, warn, one_week: bool = False) -> Evaluation:
    """Run extraction on the articles at ``paths`` that have gold: field scores, differences,
    articles scored, and whole-article scores when the gold files give topics and groups (with
    ``one_week``, also as if every article had come out in one week: ``as_one_week``)."""
    from .merge import build_facts, roles_of
    from .pipeline import analyse, read_paths

    gold = load_gold(gold_dir)
    sources = {sid: s for sid, s in read_paths(paths, warn=warn).items() if sid in gold}
    missing = sorted(set(gold) - set(sources))
    for sid in missing:
        warn(f"warning: {gold_dir}: gold for {sid!r} but no such article among the paths given; skipped")
    if not sources:
        raise BriefgenError(f"{gold_dir}: none of the annotated articles was found")
    sources, results, _ = analyse(sources, cfg)
    scores, diffs = score(gold, results)
    meta = {sid: m for sid, m in load_meta(gold_dir).items() if sid in sources}
    corpus, dense = Corpus(), None
    cands = [c for sid in sources for c in results[sid].candidates]
    if any(meta.values()):
        facts = build_facts(cands, sources, cfg, roles=roles_of(results.values()))
        corpus = corpus_scores(meta, facts, cfg.theme_ids())
        if one_week:
            moved, shifted = as_one_week(sources, cands, meta)
            dense = corpus_scores(meta, build_facts(shifted, moved, cfg, roles=roles_of(results.values())),
                                  cfg.theme_ids())
    return Evaluation(scores, diffs, len(sources), corpus, dense)


def table(ev: Evaluation) -> str:
    lines = [f"{ev.articles} article(s) scored", f"{'field':<14} {'precision':>9} {'recall':>7}   tp  fp  fn"]
    for s in ev.scores:
        lines.append(f"{s.field:<14} {s.precision:>9.2f} {s.recall:>7.2f} {s.tp:>4} {s.fp:>3} {s.fn:>3}")
    c = ev.corpus
    if c.theme_articles or c.distractors or c.groups:
        lines.append(f"articles about a theme with a fact: {c.theme_articles_with_fact}/{c.theme_articles}")
        lines.append(f"distractors with a fact under a theme: {c.distractors_with_fact}/{c.distractors}")
        lines.append(f"same-event groups merged into one fact: {c.groups_merged}/{c.groups}")
        if c.groups:
            lines.append(f"facts joining articles of no common group: {c.wrong_joins}")
    if c.proposed:
        lines.append(f"proposed facts an analyst would approve: {c.approvable}/{c.proposed} "
                     f"({c.approvable / c.proposed:.0%})")
    w = ev.one_week
    if w is not None and w.groups:
        lines.append(f"as one week: same-event groups merged {w.groups_merged}/{w.groups}, "
                     f"facts joining articles of no common group {w.wrong_joins}")
    return "\n".join(lines)
