"""Select a week's facts and assemble the language-neutral Brief that every edition renders."""

from __future__ import annotations

import re
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
from ..facts.grading import credibility, hedging
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
    conflicts: tuple[Disagreement, ...] = ()
    """The fact's conflicts as the edition shows them: each side with distinct outlets, hedged
    figures marked."""
    quote_source: Source | None = None
    """The article whose wording the quote gives (None when no known article of the edition has it)."""
    wordings: tuple[tuple[Source, str], ...] = ()
    """Other outlets' wordings of the same words, each with its article."""

    @property
    def grade(self) -> str:
        return f"{self.reliability}{self.credibility}"

    @property
    def weight(self) -> float:
        """How much the event weighs, for the key points: its kind first (an act before a meeting,
        a meeting before a statement), then figures, named parties and independent outlets."""
        f = self.fact
        score = KIND_WEIGHT.get(f.kind, 0)
        if any(q.role in ("participants", "items", "amount") for q in f.quantities):
            score += 1
        score += 0.5 * min(len(f.actors) + len(f.counterparts), 2)
        score += 0.5 * min(self.corroboration, 3)
        return score


KIND_WEIGHT = {
    "agreement": 5, "delivery": 5, "recruitment": 5, "training": 5, "graduation": 4, "sanction": 4,
    "visit": 4, "meeting": 4, "announcement": 4, "programme": 3, "statement": 1, "other": 0,
}
"""Weight of an event by its kind: acts and commitments, then contacts, then words."""


@dataclass(frozen=True, slots=True)
class Side:
    """One value of a conflict, with who gives it."""

    value: str
    outlets: tuple[str, ...]
    """Outlet ids (source ids for an article without a known outlet) that report it."""
    hedged: bool = False
    """Every report of it hedges it (« près de »), or gives it as unverified (a conditional, an
    unnamed source): it is shown as such and is never the figure used."""
    unnamed: bool = False
    """Its outlets give it from an unnamed source (« selon une source locale »)."""
    approximate: bool = False
    """Its reports give it as approximate (« près de 1 000 »)."""


@dataclass(frozen=True, slots=True)
class Disagreement:
    field: str
    sides: tuple[Side, ...]
    used: str | None = None
    """For figures: the value used, the lowest that is not hedged (None when every figure is)."""


@dataclass(frozen=True, slots=True)
class Section:
    theme: Theme
    items: tuple[Item, ...]
    trend: str | None
    more: int = 0
    """Facts of the theme told this week beyond ``facts_per_section`` (brief.yaml): counted, not printed."""


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
    """The themes the edition follows, in order: every configured theme that is not retired, or
    those of a tailored edition. Each has its section, or a line saying nothing was reported."""
    tailored: bool = False
    """An edition tailored to a stakeholder's themes (``themes``): it says so in its title and mail;
    with no fact in them in a week that has some, it is the short "nothing in your themes" edition."""
    nothing_in_themes: bool = False
    """A tailored edition of a week whose facts are all under themes it does not follow."""
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
    ``themes`` tailors the edition to a subset of the configured themes (a stakeholder's interests):
    their facts, and the key judgments and watch items that are untagged or tagged with one of them;
    with nothing in them this week it says so. Retired themes are in no edition. A fact is told in
    its first theme that is not retired. A translation missing from what the edition tells stops it
    (ConfigError naming file, line and key), so that its languages never say different things.
    ``files``: the fact files read so far, shared by the briefs of several weeks.
    """
    start, end = parse_week(week)
    number = edition_number(cfg, week)
    if sources is None:  # callers building several briefs read the articles once and pass them
        sources = read_sources(cfg.sources_dir, warn=warn)
    tl = timeline(cfg, week, sources, strict=strict, warn=warn, cache=files)
    ff = tl.files.get(week)
    issued = tl.cutoffs[week]
    followed = tuple(t for t in cfg.brief.themes if themes is None or t.id in themes)
    ids = tuple(t.id for t in followed)
    analysis = (ff.analysis if ff is not None else Analysis()).for_themes(ids)
    told = [(f, late) for f, late in tl.homes[week] if home_theme(cfg, f) is not None]
    chosen = [(f, late) for f, late in told if home_theme(cfg, f) in ids]
    items = [_item(cfg, f, sources, issued, late)
             for f, late in sorted(chosen, key=lambda c: (c[0].date.start, c[0].id))]

    watch_from = None
    if not told and not any(analysis.watch.values()):  # a quiet week (not a tailored one with nothing)
        analysis, watch_from = _carried_watch(tl, week, analysis, ids)

    # The week's own facts first (a late fact's key point was chosen for its own week's edition);
    # analysts' key points first; then what they approved; then by the weight of the event (kind,
    # figures, parties, corroboration), the grade breaking ties.
    ranked = sorted(items, key=lambda i: (i.late is not None, not i.fact.key_point, i.fact.status != "approved",
                                          -i.weight, i.credibility, i.fact.date.start, i.fact.id))
    key_points = tuple(ranked[: cfg.brief.key_points])

    # A section prints its weightiest facts, at most facts_per_section (the key points among them:
    # there are fewer key points than that, and they rank first); the others are counted. What the
    # edition names, cites and checks for translations is what it prints.
    rank = {id(i): n for n, i in enumerate(ranked)}
    cap = cfg.brief.facts_per_section
    sections = []
    for theme in followed:
        mine = [i for i in ranked if home_theme(cfg, i.fact) == theme.id]
        shown = mine[:cap]
        # A fact is told once, in its first theme; key points first, then by date.
        shown = tuple(sorted(shown, key=lambda i: (not i.fact.key_point, i.fact.date.start, i.fact.id, rank[id(i)])))
        if shown:  # no trend on the first edition: there is no previous edition to compare with
            sections.append(Section(theme, shown, analysis.trends.get(theme.id) if number > 1 else None,
                                    len(mine) - len(shown)))
    printed = {id(i) for s in sections for i in s.items}
    told_items, items = items, [i for i in items if id(i) in printed]

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
    _stop_on_missing_translations(cfg, tl, week, [i.fact for i in items], people)
    return Brief(
        week=week, edition=number, start=start, end=end,
        issued=issued, next_issue=issue_date(next_week(week)), tlp=cfg.tlp,
        organisation=cfg.organisation, author=cfg.author, title=cfg.brief.title,
        subject=cfg.brief.subject, keywords=cfg.brief.keywords, key_points=key_points,
        sections=tuple(sections), figures=tuple(figures), people=people, places=places, glossary=glossary,
        sources=tuple(sorted(cited.values(), key=lambda s: (s.published or date.min, s.id))),
        outlets=cfg.outlets, entities=cfg.entities, analysis=analysis, annexes=cfg.brief.annexes,
        themes=followed, tailored=themes is not None, nothing_in_themes=bool(told) and not told_items,
        watch_from=watch_from)


def home_theme(cfg: Config, fact: Fact) -> str | None:
    """The theme a fact is told in: its first one that is not retired (None: only retired ones)."""
    active = cfg.theme_ids()
    return next((t for t in fact.themes if t in active), None)


def _stop_on_missing_translations(cfg: Config, tl: Timeline, week: str, facts: list[Fact], people) -> None:
    """Raise ConfigError (file:line: 'key') for every translation the edition lacks: the analysts'
    texts of its week, the facts it tells (from whichever week's file) and the roles of its people."""
    from ..core.errors import ConfigError
    from ..facts.translations import missing_roles, missing_translations

    ids = {f.id for f in facts}
    problems = list(missing_roles(cfg, {p.id for p in people}))
    for w, ff in tl.files.items():
        mine = {f.id for f in ff.facts if f.id in ids and f.status != "rejected"}
        if w == week or mine:
            problems += missing_translations(cfg, ff, facts=mine, analysis=w == week)
    if problems:
        raise ConfigError(problems)


def _carried_watch(tl: Timeline, week: str, analysis: Analysis,
                   themes: tuple[str, ...]) -> tuple[Analysis, tuple[int, str] | None]:
    """A quiet week's watch list: the previous edition's (itself carried when that one was quiet too),
    with the number and week of the edition it comes from (only the items of ``themes``)."""
    weeks = list(tl.cutoffs)
    for i in range(weeks.index(week) - 1, -1, -1):
        w = weeks[i]
        ff = tl.files.get(w)
        watch = ff.analysis.for_themes(themes).watch if ff is not None else {}
        if any(watch.values()):
            return replace(analysis, watch=dict(watch)), (i + 1, w)
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
    quote_source, wordings = _wordings(fact, srcs)
    return Item(fact, tuple(srcs), len(outlets), grade, reliability, late,
                tuple(_disagreement(fact, c, sources) for c in fact.conflicts), quote_source, wordings)


def _number(value) -> str:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    return str(int(v)) if v.is_integer() else str(v)


def _digits(text: str) -> str:
    return re.sub(r"(?<=\d)[\s\u00a0\u202f.](?=\d{3}\b)", "", text)


def _disagreement(fact: Fact, c: Conflict, sources: Mapping[str, Source]) -> Disagreement:
    """A conflict as the edition shows it. A side is hedged when every evidence sentence that gives its
    value hedges it; an outlet that gives a value firmly and cites another from an unnamed source is
    named on the firm side only (the other side is that unnamed source's, as the outlet reports it)."""
    sides = []
    for value, sids in c.values:
        outlets, marks = [], []
        for sid in sids:
            s = sources.get(sid)
            oid = (s.outlet if s is not None else None) or sid
            if oid not in outlets:
                outlets.append(oid)
            said = [e.text for e in fact.evidence if e.source == sid 
                    and re.search(rf"(?<![\d,.]){re.escape(_number(value))}(?![\d,])", _digits(e.text))]
            marks.extend(hedging(t) for t in said)
            if not said:
                marks.append((False, False, False))
        hedged = bool(marks) and all(h for h, _, _ in marks)
        unnamed = hedged and any(u for _, u, _ in marks)
        approximate = hedged and any(a for _, _, a in marks)
        sides.append(Side(str(value), tuple(outlets), hedged, unnamed, approximate))
    used = None
    if c.field == "quantity":
        firm = [sd.value for sd in sides if not sd.hedged]
        try:
            used = min(firm, key=float) if firm else None
        except ValueError:
            used = None
    return Disagreement(c.field, tuple(sides), used)


def _fold(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


def _wordings(fact: Fact, srcs: list[Source]) -> tuple[Source | None, tuple[tuple[Source, str], ...]]:
    """The article a quote's wording comes from, and the wordings other outlets give of the speaker's
    words (quoted « … » in the fact's evidence)."""
    if fact.quote is None:
        return None, ()
    head = _fold(fact.quote.text)[:60]
    own = next((s for s in srcs if head and head in _fold(s.text)), None)
    others: list[tuple[Source, str]] = []
    by_id = {s.id: s for s in srcs}
    for e in fact.evidence:
        s = by_id.get(e.source)
        if s is None or (own is not None and (s.id == own.id or (s.outlet and s.outlet == own.outlet))):
            continue
        for words in re.findall(r"«\s*([^»]{12,}?)\s*»", e.text):
            if _fold(words)[:60] != head and all(_fold(words) != _fold(w) for _, w in others):
                others.append((s, words.strip()))
    return own, tuple(others)
