"""Select a week's facts and assemble the language-neutral Brief that every edition renders."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Callable, Mapping

from ..articles.readers import read_sources
from ..articles.source import Source
from ..core.config import Config, Theme
from ..core.errors import BriefgenError
from ..core.models import Entity, Outlet
from ..core.weeks import issue_date, next_week, parse_week, weeks_between, weeks_from
from ..facts.contract import named
from ..facts.grading import credibility
from ..facts.load import fact_files, load_fact_file
from ..facts.model import Analysis, Conflict, Fact, FactFile, Quantity


@dataclass(frozen=True, slots=True)
class Item:
    """A fact as the brief shows it: with its sources, corroboration and grade."""

    fact: Fact
    sources: tuple[Source, ...]
    """The articles that report it, oldest first (one citation each)."""
    corroboration: int
    """Independent outlets reporting it."""
    credibility: int
    """1–6 (STANAG 2511); the analyst's value, else derived from corroboration."""
    reliability: str
    """Best reliability (A–F) among its outlets."""
    late: date | None = None
    """Set when the fact is of an earlier week and was first reported (this day) after that week's
    edition was issued: it is told in this one."""

    @property
    def grade(self) -> str:
        return f"{self.reliability}{self.credibility}"


@dataclass(frozen=True, slots=True)
class Section:
    theme: Theme
    items: tuple[Item, ...]
    trend: str | None


@dataclass(frozen=True, slots=True)
class Figure:
    item: Item
    quantity: Quantity
    caption: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Correction:
    """The mark of a corrected edition: the revision it replaces and what changed, in its language."""

    replaces: str
    changes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Brief:
    """One edition's content, before any language is chosen."""

    week: str
    edition: int
    start: date
    end: date
    issued: date
    next_issue: date
    tlp: str
    organisation: str
    author: str
    title: Mapping[str, str]
    subject: Mapping[str, str]
    keywords: Mapping[str, tuple[str, ...]]
    """The PDF's keywords per language."""
    key_points: tuple[Item, ...]
    sections: tuple[Section, ...]
    figures: tuple[Figure, ...]
    people: tuple[Entity, ...]
    places: tuple[Entity, ...]
    glossary: tuple[Entity, ...]
    sources: tuple[Source, ...]
    outlets: Mapping[str, Outlet]
    entities: Mapping[str, Entity]
    analysis: Analysis
    annexes: tuple[str, ...]
    themes: tuple[Theme, ...] = ()
    """Every configured theme, in order (a quiet edition names each)."""
    watch_from: tuple[int, str] | None = None
    """(edition number, week) of the edition whose watch list a quiet edition carries forward."""
    correction: Correction | None = None
    """Set only on the edition mailed as a correction of an earlier revision (edition.changes)."""

    @property
    def quiet(self) -> bool:
        """Nothing to tell this week: no significant development reported."""
        return not self.sections


def newest_week(cfg: Config) -> str:
    weeks = sorted(fact_files(cfg))
    if not weeks:
        raise BriefgenError(f"no fact files in {cfg.facts_dir} (expected files like 2025-W30.yaml)")
    return weeks[-1]


def edition_number(cfg: Config, week: str) -> int:
    """Editions are numbered by issue: every week from the desk's first (``first_edition`` in
    brief.yaml) is an edition, quiet weeks included."""
    first = cfg.brief.first_edition
    if week < first:
        raise BriefgenError(f"{week} is before the first edition ({first}, 'first_edition' in "
                            f"{cfg.files['brief'].name}): there is no edition of that week")
    return weeks_between(first, week) + 1


def weeks_upto(cfg: Config, week: str) -> list[str]:
    """Every week from the first edition to ``week``, in order."""
    return weeks_from(cfg.brief.first_edition, week)


WeekFiles = dict[str, tuple[FactFile, list]]
"""Week → (its fact file as read, its warnings): what the briefs of several weeks share."""


def first_report(fact: Fact, sources: Mapping[str, Source]) -> date | None:
    """The day the fact was first reported: the earliest publication date of its evidence; None when
    it has no evidence or an article without a date (nothing says it came late, and an undated
    article is shown by every edition)."""
    days = [sources[e.source].published if e.source in sources else None for e in fact.evidence]
    return None if not days or None in days else min(days)


@dataclass(frozen=True, slots=True)
class Timeline:
    """Which edition tells which fact: a fact belongs to the first edition, from its own week on,
    issued on or after the day it was first reported. Facts first reported after their week's
    edition was issued go to a later one (``late``)."""

    cutoffs: Mapping[str, date]
    """Week → its issue date (cut-off), from the first edition to the week built."""
    homes: Mapping[str, tuple[tuple[Fact, date | None], ...]]
    """Week → the facts its edition tells, each with the day it was first reported when it comes
    from an earlier week's fact file (else None)."""
    files: Mapping[str, FactFile]


def timeline(cfg: Config, week: str, sources: Mapping[str, Source], *, strict: bool = False,
             warn: Callable[[str], None] = lambda msg: None, cache: WeekFiles | None = None) -> Timeline:
    """Read the fact files from the first edition to ``week`` (``cache``: those read already) and
    place every fact that is not rejected in the edition that tells it. Warnings are passed on for
    ``week``'s file only (the others are reported when their own week is built or checked)."""
    cache = {} if cache is None else cache
    paths = fact_files(cfg)
    weeks = weeks_upto(cfg, week)
    files: dict[str, FactFile] = {}
    for w in weeks:
        if w in paths:
            if w not in cache:
                cache[w] = load_fact_file(cfg, paths[w], source_ids=sources.keys(), strict=strict)
            files[w] = cache[w][0]
            if w == week:
                for problem in cache[w][1]:
                    warn(str(problem))
    cutoffs = {w: issue_date(w, files[w].issued if w in files else None) for w in weeks}
    homes: dict[str, list] = {w: [] for w in weeks}
    for w, ff in files.items():
        start, end = parse_week(w)
        for f in ff.facts:
            if f.status == "rejected" or not (f.date.start <= end and f.date.end >= start):
                continue
            first = first_report(f, sources)
            home = next((v for v in weeks[weeks.index(w):] if first is None or cutoffs[v] >= first), None)
            if home is not None:
                homes[home].append((f, first if home != w else None))
    return Timeline(cutoffs, {w: tuple(v) for w, v in homes.items()}, files)


def build_brief(cfg: Config, week: str, *, strict: bool = False, themes: tuple[str, ...] | None = None,
                sources: Mapping[str, Source] | None = None,
                warn: Callable[[str], None] = lambda msg: None, files: WeekFiles | None = None) -> Brief:
    """Read the fact files up to the week and the articles they cite; assemble the Brief. Writes nothing.

    The edition shows the facts of its week, and those of earlier weeks first reported after their
    own edition was issued, with only the evidence published on or before its issue date (its
    cut-off), graded from that evidence. A week with nothing to tell gets a quiet edition: no
    significant development reported, the previous edition's watch list carried forward.
    ``themes`` tailors the edition to a subset of the configured themes (a stakeholder's interests);
    a tailored edition with nothing to tell is refused (the full edition is sent instead).
    ``files``: the fact files read so far, shared by the briefs of several weeks.
    """
    start, end = parse_week(week)
    number = edition_number(cfg, week)
    if sources is None:  # callers building several briefs read the articles once and pass them
        sources = read_sources(cfg.sources_dir, warn=warn)
    tl = timeline(cfg, week, sources, strict=strict, warn=warn, cache=files)
    ff = tl.files.get(week)
    issued = tl.cutoffs[week]
    analysis = ff.analysis if ff is not None else Analysis()
    chosen = [(f, late) for f, late in tl.homes[week] if themes is None or f.themes[0] in themes]
    if not chosen and themes is not None:
        raise BriefgenError(f"{week}: no facts in themes {', '.join(themes)} that are not rejected; nothing to build")
    items = [_item(cfg, f, sources, issued, late)
             for f, late in sorted(chosen, key=lambda c: (c[0].date.start, c[0].id))]

    watch_from = None
    if not items and not any(analysis.watch.values()):
        analysis, watch_from = _carried_watch(tl, week, analysis)

    sections = []
    for theme in cfg.brief.themes:
        # A fact is told once, in its first theme; key points first, then by date.
        mine = tuple(sorted((i for i in items if i.fact.themes[0] == theme.id),
                            key=lambda i: (not i.fact.key_point, i.fact.date.start, i.fact.id)))
        if mine:  # no trend on the first edition: there is no previous edition to compare with
            sections.append(Section(theme, mine, analysis.trends.get(theme.id) if number > 1 else None))

    # The week's own facts first (a late fact's key point was chosen for its own week's edition);
    # analysts' key points first; then what they approved, what is best sourced, and facts that say
    # who did something before bare statements and facts whose subject is not in the gazetteer yet.
    ranked = sorted(items, key=lambda i: (i.late is not None, not i.fact.key_point, i.fact.status != "approved",
                                          i.credibility, -i.corroboration, not i.fact.actors,
                                          i.fact.kind in ("statement", "other"), i.fact.date.start))
    key_points = tuple(ranked[: cfg.brief.key_points])

    figures = []
    for i in items:
        if i.fact.key_figure is not None:
            figures.append(Figure(i, i.fact.quantities[i.fact.key_figure.quantity], i.fact.key_figure.caption))
    figures = figures[: cfg.brief.key_figures]

    mentioned: list[str] = []
    for i in items:
        f = i.fact
        for eid in (*named(f), *((f.quote.speaker,) if f.quote else ())):
            if eid not in mentioned:
                mentioned.append(eid)
    ents = [cfg.entities[e] for e in mentioned if e in cfg.entities]
    people = tuple(e for e in ents if e.kind == "person")
    places = tuple(e for e in ents if e.kind == "place")
    glossary = tuple(sorted((e for e in ents if e.acronym), key=lambda e: e.acronym.lower()))
    cited = {s.id: s for i in items for s in i.sources}
    return Brief(
        week=week, edition=number, start=start, end=end,
        issued=issued, next_issue=issue_date(next_week(week)), tlp=cfg.tlp,
        organisation=cfg.organisation, author=cfg.author, title=cfg.brief.title,
        subject=cfg.brief.subject, keywords=cfg.brief.keywords, key_points=key_points,
        sections=tuple(sections), figures=tuple(figures), people=people, places=places, glossary=glossary,
        sources=tuple(sorted(cited.values(), key=lambda s: (s.published or date.min, s.id))),
        outlets=cfg.outlets, entities=cfg.entities, analysis=analysis, annexes=cfg.brief.annexes,
        themes=tuple(cfg.brief.themes), watch_from=watch_from)


def _carried_watch(tl: Timeline, week: str, analysis: Analysis) -> tuple[Analysis, tuple[int, str] | None]:
    """A quiet week's watch list: the previous edition's (itself carried when that one was quiet too),
    with the number and week of the edition it comes from."""
    weeks = list(tl.cutoffs)
    for i in range(weeks.index(week) - 1, -1, -1):
        w = weeks[i]
        ff = tl.files.get(w)
        if ff is not None and any(ff.analysis.watch.values()):
            return replace(analysis, watch=dict(ff.analysis.watch)), (i + 1, w)
        if tl.homes[w]:
            break  # that edition told something and set no watch list: nothing to carry
    return analysis, None


def _item(cfg: Config, fact: Fact, sources: Mapping[str, Source], cutoff: date, late: date | None) -> Item:
    """The fact as the edition issued on ``cutoff`` shows it: only the evidence published by then (an
    article without a date counts as published), its grade from that evidence."""
    def known(sid: str) -> bool:
        s = sources.get(sid)
        return s is not None and (s.published is None or s.published <= cutoff)

    evidence = tuple(e for e in fact.evidence if known(e.source))
    dropped = len(evidence) < len(fact.evidence)
    if dropped:
        conflicts = []
        for c in fact.conflicts:
            values = tuple((v, tuple(s for s in sids if known(s))) for v, sids in c.values)
            values = tuple((v, sids) for v, sids in values if sids)
            if len(values) > 1:
                conflicts.append(Conflict(c.field, values))
        fact = replace(fact, evidence=evidence, conflicts=tuple(conflicts))
    srcs = []
    for ev in fact.evidence:
        s = sources[ev.source]
        if s not in srcs:
            srcs.append(s)
    srcs.sort(key=lambda s: (s.published or date.min, s.id))
    outlets = {s.outlet or s.id for s in srcs}
    grades = sorted(cfg.outlets[s.outlet].reliability for s in srcs if s.outlet in cfg.outlets)
    reliability = grades[0] if grades else "F"
    derived = credibility(len(outlets), reliability, fact)
    # The analyst's credibility was given knowing every report; with fewer known at the cut-off the
    # grade is what those reports support, never better than the analyst's.
    grade = fact.credibility or derived
    if dropped and fact.credibility:
        grade = max(fact.credibility, derived)
    return Item(fact, tuple(srcs), len(outlets), grade, reliability, late)
