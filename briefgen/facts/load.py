"""Read and check facts/<ISO week>.yaml: the analyst-reviewed facts and free text of one week."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable, Mapping

from ..core.config import Config
from ..core.errors import ConfigError, Problem
from ..core.validate import Checker
from ..core.weeks import parse_week
from ..core.yamlio import load_yaml
from .model import (
    ACTIONS,
    FACT_KINDS,
    PRECISIONS,
    STATUSES,
    TRENDS,
    Analysis,
    Conflict,
    DateSpan,
    Evidence,
    Fact,
    FactFile,
    KeyFigure,
    Quantity,
    Quote,
)

FACT_KEYS = ("id", "kind", "status", "themes", "date", "actors", "counterparts", "places", "origins",
             "objects", "targets", "topics", "action", "quantities", "quote", "evidence", "credibility",
             "conflicts", "key_point", "key_figure", "text", "notes", "merged")
# Which entity kinds each reference field accepts.
REF_KINDS = {
    "actors": ("person", "organisation", "state", "armed_group"),
    "counterparts": ("person", "organisation", "state", "armed_group"),
    "places": ("place",),
    "origins": ("place",),
    "objects": ("programme", "organisation", "armed_group"),
    "targets": ("person", "organisation", "armed_group", "state"),
    "topics": ("topic",),
}


def fact_files(cfg: Config) -> dict[str, Path]:
    """Week → fact file, for every facts/<week>.yaml present."""
    if not cfg.facts_dir.is_dir():
        return {}
    return {p.stem: p for p in sorted(cfg.facts_dir.glob("*-W[0-9][0-9].yaml"))}


def load_fact_file(cfg: Config, path: Path, *, source_ids: Iterable[str] | None = None,
                   strict: bool = False) -> tuple[FactFile, list[Problem]]:
    """Read one fact file; raise ConfigError with every problem; return it with its warnings."""
    doc = load_yaml(path)
    ck = Checker(doc, strict=strict)
    m = ck.mapping(doc.data, (), known=("week", "issued", "analysis", "facts"), required=("week",))
    week = ck.get(m, (), "week", str, default=path.stem)
    if week != path.stem:
        ck.error(("week",), f"{week!r} does not match the file name {path.name!r}")
    try:
        parse_week(week)
    except Exception as exc:  # noqa: BLE001 - reported as a problem in the file
        ck.error(("week",), str(exc))
    issued = ck.get(m, (), "issued", dt.date)
    langs = cfg.languages
    themes = cfg.theme_ids()
    sources = set(source_ids) if source_ids is not None else None

    a = ck.mapping(m.get("analysis"), ("analysis",),
                   known=("key_judgments", "outlook", "summaries", "trends", "watch"))
    summaries = {}
    for tid, v in ck.mapping(a.get("summaries"), ("analysis", "summaries")).items():
        if tid not in themes:
            ck.error(("analysis", "summaries", tid), f"unknown theme (configured: {', '.join(themes)})")
            continue
        summaries[tid] = ck.per_language(a["summaries"], ("analysis", "summaries"), tid, langs)
    trends = {}
    for tid, v in ck.mapping(a.get("trends"), ("analysis", "trends")).items():
        if tid not in themes:
            ck.error(("analysis", "trends", tid), f"unknown theme (configured: {', '.join(themes)})")
            continue
        t = ck.get(a["trends"], ("analysis", "trends"), tid, str, choices=TRENDS)
        if t:
            trends[tid] = t
    watch = {}
    for lang, items in ck.mapping(a.get("watch"), ("analysis", "watch")).items():
        if lang not in langs:
            ck.warn(("analysis", "watch", lang), f"unknown language (configured: {', '.join(langs)})")
            continue
        watch[lang] = ck.text_list(a["watch"], ("analysis", "watch"), lang)
    analysis = Analysis(
        key_judgments=ck.per_language(a, ("analysis",), "key_judgments", langs),
        outlook=ck.per_language(a, ("analysis",), "outlook", langs),
        summaries=summaries, trends=trends, watch=watch)

    facts = []
    raw = m.get("facts") or []
    if not isinstance(raw, list):
        ck.error(("facts",), "expected a list of facts")
        raw = []
    seen: set[str] = set()
    for i, f in enumerate(raw):
        fact = _fact(ck, cfg, f, ("facts", i), themes, sources)
        if fact is None:
            continue
        if fact.id in seen:
            ck.error(("facts", i, "id"), f"fact id {fact.id!r} is used twice")
        seen.add(fact.id)
        facts.append(fact)
    if ck.errors:
        raise ConfigError(ck.errors)
    return FactFile(path, week, tuple(facts), analysis, issued), ck.warnings


def _fact(ck: Checker, cfg: Config, f, key, themes, sources) -> Fact | None:
    f = ck.mapping(f, key, known=FACT_KEYS, required=("id", "kind", "themes", "date"))
    if not f:
        return None
    fid = ck.get(f, key, "id", str, default="?")
    kind = ck.get(f, key, "kind", str, default="other", choices=FACT_KINDS)
    status = ck.get(f, key, "status", str, default="proposed", choices=STATUSES)
    fthemes = ck.text_list(f, key, "themes")
    for j, t in enumerate(fthemes):
        if t not in themes:
            ck.error(key + ("themes", j), f"unknown theme {t!r} (configured: {', '.join(themes)})")
    if "themes" in f and not fthemes:
        ck.error(key + ("themes",), "a fact needs at least one theme")
    refs = {}
    for field, kinds in REF_KINDS.items():
        ids = ck.text_list(f, key, field)
        for j, eid in enumerate(ids):
            ent = cfg.entities.get(eid)
            if ent is None:
                ck.error(key + (field, j), f"unknown entity id {eid!r} (not in {cfg.files['gazetteer'].name})")
            elif ent.kind not in kinds:
                ck.error(key + (field, j), f"{eid!r} is a {ent.kind}; {field} takes: {', '.join(kinds)}")
        refs[field] = ids
    quote = None
    if f.get("quote") is not None:
        q = ck.mapping(f["quote"], key + ("quote",), known=("text", "speaker", "lang", "translations"),
                       required=("text", "speaker"))
        speaker = ck.get(q, key + ("quote",), "speaker", str, default="")
        if speaker and speaker not in cfg.entities:
            ck.error(key + ("quote", "speaker"), f"unknown entity id {speaker!r}")
        quote = Quote(ck.get(q, key + ("quote",), "text", str, default=""), speaker,
                      ck.get(q, key + ("quote",), "lang", str, default="fr", choices=cfg.languages),
                      ck.per_language(q, key + ("quote",), "translations", cfg.languages))
    evidence = []
    for j, e in enumerate(_list(ck, f, key, "evidence")):
        k = key + ("evidence", j)
        e = ck.mapping(e, k, known=("source", "start", "end", "text"), required=("source",))
        src = ck.get(e, k, "source", str, default="")
        if sources is not None and src and src not in sources:
            ck.error(k + ("source",), f"unknown source {src!r} (no such article in {cfg.sources_dir.name}/)")
        start = ck.get(e, k, "start", int, default=0)
        end = ck.get(e, k, "end", int, default=start)
        if end < start:
            ck.error(k + ("end",), f"span ends ({end}) before it starts ({start})")
        evidence.append(Evidence(src, start, end, ck.get(e, k, "text", str, default="")))
    credibility = ck.get(f, key, "credibility", int, choices=range(1, 7))
    if credibility == 1 and len({e.source for e in evidence}) < 2:
        ck.error(key + ("credibility",), "1 (confirmed) needs at least two independent sources in evidence")
    quantities = []
    for j, q in enumerate(_list(ck, f, key, "quantities")):
        k = key + ("quantities", j)
        q = ck.mapping(q, k, known=("value", "unit", "text", "role", "label"), required=("value", "unit"))
        quantities.append(Quantity(ck.get(q, k, "value", float, default=0.0), ck.get(q, k, "unit", str, default=""),
                                   ck.get(q, k, "text", str, default=""), ck.get(q, k, "role", str),
                                   ck.per_language(q, k, "label", cfg.languages)))
    conflicts = []
    for j, c in enumerate(_list(ck, f, key, "conflicts")):
        k = key + ("conflicts", j)
        c = ck.mapping(c, k, known=("field", "values"), required=("field", "values"))
        values = []
        for n, v in enumerate(_list(ck, c, k, "values")):
            kk = k + ("values", n)
            v = ck.mapping(v, kk, known=("value", "sources"), required=("value", "sources"))
            values.append((str(v.get("value")), ck.text_list(v, kk, "sources")))
        conflicts.append(Conflict(ck.get(c, k, "field", str, default="", choices=("date", "quantity")), tuple(values)))
    key_figure = None
    if f.get("key_figure") is not None:
        kf = f["key_figure"]
        k = key + ("key_figure",)
        kf = ck.mapping(kf, k, known=("quantity", "caption"))
        idx = ck.get(kf, k, "quantity", int, default=0)
        if not 0 <= idx < len(quantities):
            ck.error(k + ("quantity",), f"no quantity number {idx} in this fact (it has {len(quantities)})")
        key_figure = KeyFigure(idx, ck.per_language(kf, k, "caption", cfg.languages))
    date = _date_span(ck, f.get("date"), key + ("date",))
    action = ck.get(f, key, "action", str, choices=ACTIONS)
    return Fact(
        id=fid, kind=kind, themes=fthemes, date=date, status=status,
        actors=refs["actors"], counterparts=refs["counterparts"], places=refs["places"],
        origins=refs["origins"], objects=refs["objects"], targets=refs["targets"], topics=refs["topics"],
        action=action, quantities=tuple(quantities), quote=quote, evidence=tuple(evidence),
        credibility=credibility, conflicts=tuple(conflicts),
        key_point=ck.get(f, key, "key_point", bool, default=False), key_figure=key_figure,
        text=ck.per_language(f, key, "text", cfg.languages), notes=ck.get(f, key, "notes", str, default=""),
        merged=ck.text_list(f, key, "merged"))


def _list(ck: Checker, m: Mapping, key, name) -> list:
    v = m.get(name)
    if v is None:
        return []
    if not isinstance(v, list):
        ck.error(key + (name,), "expected a list")
        return []
    return v


def _date_span(ck: Checker, v, key) -> DateSpan:
    """``2025-07-22``, or ``{start, end, precision}``; a month as ``2025-07`` with precision month."""
    fallback = DateSpan(dt.date(1970, 1, 1), dt.date(1970, 1, 1))
    if isinstance(v, dt.date):
        return DateSpan(v, v, "day")
    if isinstance(v, str) and len(v) == 7 and v[4] == "-":
        try:
            start = dt.date(int(v[:4]), int(v[5:]), 1)
        except ValueError:
            ck.error(key, f"{v!r} is not a month like 2025-07")
            return fallback
        nxt = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return DateSpan(start, nxt - dt.timedelta(days=1), "month")
    if not isinstance(v, dict):
        ck.error(key, f"expected a date (2025-07-22), a month (2025-07) or start/end/precision, got {v!r}")
        return fallback
    m = ck.mapping(v, key, known=("start", "end", "precision"), required=("start",))
    start = ck.get(m, key, "start", dt.date, default=fallback.start)
    end = ck.get(m, key, "end", dt.date, default=start)
    if end < start:
        ck.error(key + ("end",), f"{end} is before the start {start}")
        end = start
    return DateSpan(start, end, ck.get(m, key, "precision", str, default="day", choices=PRECISIONS))
