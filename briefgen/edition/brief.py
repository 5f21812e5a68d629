"""Select a week's facts and assemble the language-neutral Brief that every edition renders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Mapping

from ..articles.readers import read_sources
from ..articles.source import Source
from ..core.config import Config, Theme
from ..core.errors import BriefgenError
from ..core.models import Entity, Outlet
from ..core.weeks import parse_week, weeks_between
from ..facts.contract import named
from ..facts.grading import credibility
from ..facts.load import fact_files, load_fact_file
from ..facts.model import Analysis, Fact, Quantity


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
    keywords: tuple[str, ...]
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
    correction: Correction | None = None
    """Set only on the edition mailed as a correction of an earlier revision (edition.changes)."""


def newest_week(cfg: Config) -> str:
    weeks = sorted(fact_files(cfg))
    if not weeks:
        raise BriefgenError(f"no fact files in {cfg.facts_dir} (expected files like 2025-W30.yaml)")
    return weeks[-1]


def build_brief(cfg: Config, week: str, *, strict: bool = False, themes: tuple[str, ...] | None = None,
                sources: Mapping[str, Source] | None = None,
                warn: Callable[[str], None] = lambda msg: None) -> Brief:
    """Read the week's fact file and the articles it cites; assemble the Brief. Writes nothing.

    ``themes`` tailors the edition to a subset of the configured themes (a stakeholder's interests).
    """
    start, end = parse_week(week)
    path = fact_files(cfg).get(week)
    if path is None:
        raise BriefgenError(f"no facts for {week}: {cfg.facts_dir / (week + '.yaml')} does not exist")
    if sources is None:  # callers building several briefs read the articles once and pass them
        sources = read_sources(cfg.sources_dir, warn=warn)
    ff, warnings = load_fact_file(cfg, path, source_ids=sources.keys(), strict=strict)
    for w in warnings:
        warn(str(w))
    chosen = [f for f in ff.facts if f.status != "rejected" and f.date.start <= end and f.date.end >= start
              and (themes is None or f.themes[0] in themes)]
    if not chosen:
        subset = f" in themes {', '.join(themes)}" if themes is not None else ""
        raise BriefgenError(f"{path}: no facts dated in {week} ({start} to {end}){subset} that are not rejected; "
                            "nothing to build")
    items = [_item(cfg, f, sources) for f in sorted(chosen, key=lambda f: (f.date.start, f.id))]

    sections = []
    for theme in cfg.brief.themes:
        # A fact is told once, in its first theme; key points first, then by date.
        mine = tuple(sorted((i for i in items if i.fact.themes[0] == theme.id),
                            key=lambda i: (not i.fact.key_point, i.fact.date.start, i.fact.id)))
        if mine:
            sections.append(Section(theme, mine, ff.analysis.trends.get(theme.id)))

    # Analysts' key points first; then what they approved, what is best sourced, and facts that say
    # who did something before bare statements and facts whose subject is not in the gazetteer yet.
    ranked = sorted(items, key=lambda i: (not i.fact.key_point, i.fact.status != "approved", i.credibility,
                                          -i.corroboration, not i.fact.actors, i.fact.kind in ("statement", "other"),
                                          i.fact.date.start))
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
    issued = ff.issued or end + timedelta(days=1)
    return Brief(
        week=week, edition=weeks_between(cfg.brief.first_edition, week) + 1, start=start, end=end,
        issued=issued, next_issue=issued + timedelta(days=7), tlp=cfg.tlp,
        organisation=cfg.organisation, author=cfg.author, title=cfg.brief.title,
        subject=cfg.brief.subject, keywords=cfg.brief.keywords, key_points=key_points,
        sections=tuple(sections), figures=tuple(figures), people=people, places=places, glossary=glossary,
        sources=tuple(sorted(cited.values(), key=lambda s: (s.published or date.min, s.id))),
        outlets=cfg.outlets, entities=cfg.entities, analysis=ff.analysis, annexes=cfg.brief.annexes)


def _item(cfg: Config, fact: Fact, sources: Mapping[str, Source]) -> Item:
    srcs = []
    for ev in fact.evidence:
        s = sources[ev.source]
        if s not in srcs:
            srcs.append(s)
    srcs.sort(key=lambda s: (s.published or date.min, s.id))
    outlets = {s.outlet or s.id for s in srcs}
    grades = sorted(cfg.outlets[s.outlet].reliability for s in srcs if s.outlet in cfg.outlets)
    reliability = grades[0] if grades else "F"
    return Item(fact, tuple(srcs), len(outlets), fact.credibility or credibility(len(outlets), reliability, fact),
                reliability)
