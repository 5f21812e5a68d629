"""Merge candidate facts across sentences and outlets: the same event reported several times
becomes one Fact with all its evidence, a corroboration count and the conflicts between sources
(a date or a figure they disagree on; the lowest figure is kept).

Two passes: candidates are clustered in reading order (same kind, overlapping dates, a shared
participant or place; from another article, a participant that is more than one state); then
clusters from different articles that tell one event in different words are joined
(briefgen.extract.same_event).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Iterable, Iterator, Mapping

from ..articles.source import Source
from ..core.config import Config
from ..facts.contract import REFERENCES
from ..facts.model import Conflict, DateSpan, Fact, Quantity
from .dates import span_key
from .same_event import (
    TALK,
    Account,
    Affiliations,
    close,
    content_words,
    figures_of,
    kinds_meet,
    lead_figures,
    leads_differ,
    merged_kind,
    one_story,
    same_event,
    story_pairs,
    story_vectors,
    told_clusters,
    two_days,
)
from .types import Candidate, SourceResult

PLACE_CENTRIC = {"training", "recruitment", "graduation", "delivery", "meeting"}
COUNTED_ROLES = {"participants", "duration", "amount"}
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2}
_UNIT_WORDS = {"recruit": "recruits", "person": "people", "young_person": "young-people", "vehicle": "vehicles",
               "XOF": "funding", "USD": "funding"}


@dataclass(frozen=True, slots=True)
class MergedFact:
    """A fact and what the merge knows about it beyond the fact file format."""

    fact: Fact
    corroboration: int
    """Independent outlets reporting it (an article without a known outlet counts as its own)."""
    reliability: str
    """Best outlet reliability A–F among its sources."""
    grade: int
    """Credibility 1–6 that follows from corroboration (briefgen.facts.grading.credibility)."""


def outlet_of(source: Source) -> str:
    return source.outlet or f"source:{source.id}"


_SLACK = {0: timedelta(0), 2: timedelta(days=2)}


def _overlap(a: DateSpan, b: DateSpan, slack: int = 0) -> bool:
    gap = _SLACK[slack] if slack in _SLACK else timedelta(days=slack)
    return a.start <= b.end + gap and b.start <= a.end + gap


def _cluster_date(members: list[Candidate]) -> DateSpan | None:
    explicit = [c.date for c in members if c.date and c.date_explicit]
    pool = explicit or [c.date for c in members if c.date]
    if not pool:
        return None
    best = min(_PRECISION_RANK[d.precision] for d in pool)
    if best == 0:
        days = [d for d in pool if d.precision == "day"]
        return DateSpan(min(d.start for d in days), max(d.end for d in days), "day")
    return min((d for d in pool if _PRECISION_RANK[d.precision] == best), key=lambda d: (d.end - d.start, d.start))


def _places(ids, cfg: Config) -> set[str]:
    """Places that pin an event down (a country is compatible with any of its towns)."""
    return {p for p in ids if cfg.entities.get(p) is None or cfg.entities[p].place_kind != "country"}


def _compatible(members: list[Candidate], c: Candidate, cfg: Config, date: DateSpan | None,
                who: Affiliations, leads: Mapping[str, Mapping[str, frozenset[float]]] | None = None) -> bool:
    """Whether ``c`` joins the cluster ``members`` (whose date is ``date``). From another article,
    one state in common is not enough, but for a statement's speaker (« le Mali » signs many
    accords in a week): that is left to the rule across outlets (``same_event``), which asks for
    more."""
    first = members[0]
    if first.kind != c.kind:
        return False
    if date and c.date:
        slack = 2 if date.precision == "day" and c.date.precision == "day" else 0
        if not _overlap(date, c.date, slack):
            return False
    core = set().union(*(m.core() for m in members))
    places = _places(set().union(*(m.places for m in members)), cfg)
    cplaces = _places(c.places, cfg)
    if not who.places_meet(places, cplaces):
        return False
    if c.kind == "statement" and core and c.core() and not set(first.actors) & set(c.actors):
        return False
    same_source = any(m.source == c.source for m in members)
    if not same_source and _figures_differ(members, c):
        return False  # two outlets, 25 and 40 vehicles: two deliveries, whoever is named
    counted = figures_of(q for m in members for q in m.quantities).keys() & figures_of(c.quantities).keys()
    if not same_source and counted and leads and any(
            leads_differ(leads.get(m.source, {}), leads.get(c.source, {}), counted) for m in members):
        return False  # their ledes count 35 000 and 15 000 recruits: two calls
    if not same_source and who.other_states(core, c.core()):
        return False  # two outlets, Russia and Turkey delivering: two deliveries
    if not same_source and c.kind in TALK:
        return False  # what one speaker said or announced in two outlets: the rule across outlets decides
    if same_source and (not core or not c.core() or core & c.core()):
        return True
    # a statement is its speaker's (checked above), even a state's: « les autorités maliennes »
    if core & c.core() and (c.kind == "statement" or who.names_one(core & c.core())):
        return True
    return c.kind in PLACE_CENTRIC and bool(places & cplaces) and not (core and c.core())


def _figures_differ(members: list[Candidate], c: Candidate) -> bool:
    """Whether ``c`` counts the same thing as the cluster with a figure none of its figures is close to."""
    mine = figures_of(q for m in members for q in m.quantities)
    theirs = figures_of(c.quantities)
    return any(not any(close(x, y) for x in mine[unit] for y in values)
               for unit, values in theirs.items() if unit in mine)


def cluster(cands: list[Candidate], cfg: Config, who: Affiliations | None = None) -> list[list[Candidate]]:
    """Greedy clustering in reading order (sources oldest first)."""
    who = who or Affiliations(cfg)
    leads = lead_figures(cands)
    clusters: list[list[Candidate]] = []
    by_kind: dict[str, list[list[Candidate]]] = {}  # only clusters of the candidate's kind can take it
    dates: dict[int, DateSpan | None] = {}  # each cluster's date, computed again when it grows
    for c in cands:
        for members in by_kind.get(c.kind, ()):
            if _compatible(members, c, cfg, dates[id(members)], who, leads):
                members.append(c)
                dates[id(members)] = _cluster_date(members)
                break
        else:
            clusters.append([c])
            by_kind.setdefault(c.kind, []).append(clusters[-1])
            dates[id(clusters[-1])] = _cluster_date(clusters[-1])
    return clusters


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


_DAYS = {"day": 1, "week": 7, "month": 30}


def _time_roles(members: list[Candidate]) -> dict[str, list[Quantity]]:
    """Per source, the quantities of the fact; of the spans of time one article gives, the longest
    is the duration, shorter ones in the same unit are phases, others (« dix premiers jours ») drop."""
    out: dict[str, list[Quantity]] = {}
    for c in members:
        out.setdefault(c.source, []).extend(c.quantities)
    for src, qs in out.items():
        times = [q for q in qs if q.unit in _DAYS]
        if not times:
            continue
        longest = max(times, key=lambda q: q.value * _DAYS[q.unit])
        kept = []
        for q in qs:
            if q.unit not in _DAYS:
                kept.append(q)
            elif q.value == longest.value and q.unit == longest.unit:
                kept.append(replace(q, role="duration"))
            elif q.unit == longest.unit:
                kept.append(replace(q, role="phase"))
        out[src] = kept
    return out


def _quantities(members: list[Candidate]) -> tuple[tuple[Quantity, ...], list[Conflict]]:
    """Per (unit, role): counted figures keep the lowest value (conflict when sources differ);
    phases keep the fullest list one source gives."""
    by_source: dict[str, list[Quantity]] = {}
    for src, qs in _time_roles(members).items():
        for q in qs:
            lst = by_source.setdefault(src, [])
            if not any(o.value == q.value and o.unit == q.unit and o.role == q.role for o in lst) or q.role == "phase":
                lst.append(q)
    keys: list[tuple[str, str | None]] = []
    for lst in by_source.values():
        for q in lst:
            if (q.unit, q.role) not in keys:
                keys.append((q.unit, q.role))
    out: list[Quantity] = []
    conflicts: list[Conflict] = []
    order = {"participants": 0, "amount": 1, "duration": 2, "phase": 3}
    for unit, role in sorted(keys, key=lambda k: order.get(k[1] or "", 9)):
        if role == "phase":
            lists = [[q for q in lst if q.unit == unit and q.role == role] for lst in by_source.values()]
            # the most phases any one source lists (de-duplicated within that source by wording)
            best = max(lists, key=len)
            seen_text = []
            for q in best:
                if q.text not in seen_text:
                    out.append(q)
                    seen_text.append(q.text)
            continue
        values: dict[float, list[str]] = {}
        first_q: dict[float, Quantity] = {}
        for src, lst in by_source.items():
            for q in lst:
                if q.unit == unit and q.role == role:
                    values.setdefault(q.value, [])
                    if src not in values[q.value]:
                        values[q.value].append(src)
                    first_q.setdefault(q.value, q)
        low = min(values)
        out.append(first_q[low])
        if len(values) > 1 and role in COUNTED_ROLES:
            conflicts.append(Conflict("quantity", tuple((_fmt(v), tuple(s)) for v, s in sorted(values.items()))))
    return tuple(out), conflicts


def _date_conflict(members: list[Candidate], date: DateSpan | None) -> list[Conflict]:
    if date is None or date.precision != "day":
        return []
    spans: dict[str, list[str]] = {}
    for c in members:
        if c.date and c.date_explicit and c.date.precision == "day":
            spans.setdefault(span_key(c.date), [])
            if c.source not in spans[span_key(c.date)]:
                spans[span_key(c.date)].append(c.source)
    # days that overlap each other are one account (21–22 and 22 July); disjoint days disagree
    keys = list(spans)
    parsed = {k: next(c.date for c in members if c.date and span_key(c.date) == k) for k in keys}
    disjoint = any(not _overlap(parsed[a], parsed[b]) for a in keys for b in keys if a < b)
    if not disjoint:
        return []
    return [Conflict("date", tuple((k, tuple(v)) for k, v in sorted(spans.items())))]


def make_id(kind: str, actors, objects, targets, places, date: DateSpan | None, quantities) -> str:
    """Stable id from kind, main actors, places and date: ``visit-william-stevens-bamako-2025-07-21``."""
    main = list(actors[:2])
    if kind == "sanction":
        main += list(targets)
    elif kind in ("announcement", "programme"):
        main += list(objects[:1])
    if not main and quantities:
        main.append(_UNIT_WORDS.get(quantities[0].unit, quantities[0].unit))
    if not main:
        main += list(objects[:1])
    if not main:
        main += list(targets[:2])
    when = ""
    if date is not None:
        if date.precision == "week":
            when = span_key(date).lower()
        elif date.precision == "month" and span_key(date) == f"{date.start.year}-{date.start.month:02d}":
            when = span_key(date)
        else:
            when = date.start.isoformat()
    return "-".join([kind, *main, *list(places[:1]), when]).strip("-")


def _account(members: list[Candidate], cfg: Config, who: Affiliations,
             published: Mapping[str, dt.date | None] | None = None, rare: frozenset[str] = frozenset(),
             leads: Mapping[str, Mapping[str, frozenset[float]]] | None = None,
             stories: Mapping[str, Mapping[str, float]] | None = None) -> Account:
    """What the rule across outlets compares; a country the gazetteer does not know (« la
    Turquie » found as a place) does not pin an event down either. ``rare``: the content words
    few articles of the run use."""
    places = _places({p for m in members for p in m.places}, cfg)
    outline = _outline(members)
    when = outline.date
    written = any(m.date_explicit for m in members if m.date)
    days = [(published or {}).get(m.source) for m in members]
    dateline = bool(when and not written and all(d and when.start <= d <= when.end for d in days))
    return replace(
        outline, themes=frozenset(t for m in members for t in m.themes), written=written, dateline=dateline,
        places=frozenset(p for p in places if not who.of(p).is_state),
        countries=frozenset(p for m in members for p in m.places if who.of(p).is_state),
        said=(said := frozenset().union(*(content_words(m.evidence.text) for m in members))), words=said & rare,
        leads=_union_leads((leads or {}).get(s, {}) for s in {m.source for m in members}),
        speakers=frozenset(x for m in members if m.kind in TALK for x in m.actors),
        stories=tuple(stories[s] for s in sorted({m.source for m in members}) if s in (stories or {})))


def _outline(members: list[Candidate]) -> Account:
    """The part of an account ``one_story`` compares: articles, date, participants, figures."""
    return Account(articles=frozenset(m.source for m in members), kinds=frozenset(m.kind for m in members),
                   themes=frozenset(), date=_cluster_date(members),
                   written=any(m.date_explicit for m in members if m.date),
                   participants=frozenset(set().union(*(m.core() for m in members))), places=frozenset(),
                   figures=figures_of(q for m in members for q in m.quantities),
                   bans=all(m.kind == "announcement" and m.action == "suspend" for m in members))


def _union_leads(per_article) -> dict[str, frozenset[float]]:
    out: dict[str, frozenset[float]] = {}
    for lead in per_article:
        for unit, values in lead.items():
            out[unit] = out.get(unit, frozenset()) | values
    return out


def join_outlets(clusters: list[list[Candidate]], cfg: Config, who: Affiliations,
                 published: Mapping[str, dt.date | None] | None = None,
                 texts: Mapping[str, str] | None = None) -> list[list[Candidate]]:
    """Join clusters from different articles that tell one event (``same_event``), best matches
    first; two clusters holding the same article are never joined. Reading order is kept.
    ``published`` (article id → publication date) tells a dateline's date from the event's;
    ``texts`` (article id → text) tell which articles tell one story (``story_vectors``)."""
    used: dict[str, set[str]] = {}  # content word → the articles whose evidence has it
    for c in (c for cl in clusters for c in cl):
        for w in content_words(c.evidence.text):
            used.setdefault(w, set()).add(c.source)
    articles = len({c.source for cl in clusters for c in cl})
    rare = frozenset(w for w, srcs in used.items() if len(srcs) <= max(2, articles // 10))
    leads = lead_figures([c for cl in clusters for c in cl])
    stories = story_vectors(texts or {})

    def account(members: list[Candidate]) -> Account:
        return _account(members, cfg, who, published, rare, leads, stories)

    accounts = [account(c) for c in clusters]
    dated = sorted((i for i, a in enumerate(accounts) if a.date), key=lambda i: accounts[i].date.start)
    pairs = []
    for n, i in enumerate(dated):
        for j in dated[n + 1:]:
            # sorted by start: once j starts a month after i ends, no later cluster can match i
            if accounts[j].date.start > accounts[i].date.end + timedelta(days=31):
                break
            score = same_event(accounts[i], accounts[j], who)
            if score:
                pairs.append((-score, min(i, j), max(i, j)))
    head = list(range(len(clusters)))
    told_of = told_clusters(clusters)

    def find(i: int) -> int:
        while head[i] != i:
            i = head[i]
        return i

    joined = {i: list(c) for i, c in enumerate(clusters)}

    def join(a: int, b: int) -> int:
        """Join the groups of roots ``a`` and ``b`` under the lower; that root is returned."""
        a, b = min(a, b), max(a, b)
        head[b] = a
        joined[a] = joined[a] + joined.pop(b)
        return a

    for _, i, j in sorted(pairs):
        a, b = find(i), find(j)
        if a == b:
            continue
        # the pair matched; the groups they are now part of must match too
        if same_event(account(joined[a]), account(joined[b]), who):
            join(a, b)
    # two articles that tell one story all along tell one event of it, first in their leads: the
    # first events of each, leads first, that can be one (``one_story``) are one, however
    # differently each outlet words them
    outlines: dict[int, Account] = {}  # root → what ``one_story`` compares, kept until the root joins

    def outline(root: int) -> Account:
        if root not in outlines:
            outlines[root] = _outline(joined[root])
        return outlines[root]

    for _, a_id, b_id in story_pairs({sid: v for sid, v in stories.items() if sid in told_of}):
        for rank, i, j in _leads_first(told_of[a_id], told_of[b_id]):
            a, b = find(i), find(j)
            if a == b or two_days(outline(a), outline(b)):
                break  # one already, or the two articles tell two events of one kind on two days
            if (rank == 0 or kinds_meet(outline(a), outline(b))) and one_story(outline(a), outline(b), who):
                outlines.pop(join(a, b), None)
                break
    order = {id(c): n for n, cl in enumerate(clusters) for c in cl}
    return [sorted(joined[i], key=lambda c: order[id(c)]) for i in sorted(joined)]


def _leads_first(xs: list[int], ys: list[int]) -> Iterator[tuple[int, int, int]]:
    """(m + n, xs[m], ys[n]) for every pair, by m + n then m: the two articles' first events
    first; made as the caller goes (it mostly stops at the first pairs)."""
    for rank in range(len(xs) + len(ys) - 1):
        for m in range(max(0, rank - len(ys) + 1), min(rank, len(xs) - 1) + 1):
            yield rank, xs[m], ys[rank - m]


def roles_of(results: Iterable[SourceResult]) -> dict[str, str]:
    """Person id → the longest role the articles give (for ``build_facts``)."""
    out: dict[str, str] = {}
    for res in results:
        pairs = [*res.roles, *((e.id, e.role) for e in res.entities if e.role)]
        for eid, role in pairs:
            if len(role) > len(out.get(eid, "")):
                out[eid] = role
    return out


def build_facts(cands: list[Candidate], sources: dict[str, Source], cfg: Config, *,
                roles: Mapping[str, str] | None = None) -> list[MergedFact]:
    """Cluster and merge; facts in date order, ids unique. ``roles`` (person id → the role the
    articles give, ``roles_of``) lets an article naming a minister meet one naming the ministry."""
    from ..facts.grading import credibility

    def when(c: Candidate) -> str:
        published = sources[c.source].published
        return published.isoformat() if published else "9999"

    ordered = sorted(cands, key=lambda c: (when(c), c.source, c.evidence.start))
    merged: list[MergedFact] = []
    used: Counter = Counter()
    order = list(cfg.entities)
    who = Affiliations(cfg, roles)
    published = {sid: src.published for sid, src in sources.items()}
    texts = {sid: src.text for sid, src in sources.items()}
    for members in join_outlets(cluster(ordered, cfg, who), cfg, who, published, texts):
        kind = merged_kind(m.kind for m in members)
        date = _cluster_date(members)
        if date is None:
            continue

        # who did what comes from the accounts of the fact's kind (an announcement's speaker is
        # not the delivery's supplier); where it happened, from every account
        own = [m for m in members if m.kind == kind]

        def union(attr: str) -> tuple[str, ...]:
            pool = members if attr in ("places", "origins") else own
            counts = Counter(x for m in pool for x in getattr(m, attr))
            firsts = list(dict.fromkeys(x for m in pool for x in getattr(m, attr)))
            return tuple(sorted(firsts, key=lambda x: (-counts[x], firsts.index(x))))

        refs = {name: union(name) for name in REFERENCES}
        if kind == "meeting":
            # gazetteer order, then the order the accounts name them (a set's order would change the
            # fact's id from one run to the next)
            parts = sorted(dict.fromkeys((*refs["actors"], *refs["counterparts"])),
                           key=lambda e: order.index(e) if e in order else 999)
            refs["actors"], refs["counterparts"] = tuple(parts[:1]), tuple(parts[1:])
        if _places(refs["places"], cfg):
            refs["places"] = tuple(p for p in refs["places"] if p in _places(refs["places"], cfg))
        quantities, conflicts = _quantities(members)
        conflicts = _date_conflict(members, date) + conflicts
        theme_count = Counter(t for m in members for t in m.themes)
        themes = tuple(t for t in cfg.theme_ids() if t in theme_count)
        themes = tuple(sorted(themes, key=lambda t: -theme_count[t]))
        if not themes:
            continue
        actions = Counter(m.action for m in own if m.action)
        quote = next((m.quote for m in members if m.quote), None)
        evidence = []
        for m in members:
            if all((e.source, e.start, e.end) != (m.evidence.source, m.evidence.start, m.evidence.end) for e in evidence):
                evidence.append(m.evidence)
        fid = make_id(kind, refs["actors"], refs["objects"], refs["targets"], refs["places"], date, quantities)
        used[fid] += 1
        if used[fid] > 1:
            fid = f"{fid}-{used[fid]}"
        fact = Fact(id=fid, kind=kind, themes=themes, date=date, **refs,
                    action=actions.most_common(1)[0][0] if actions else None, quantities=quantities,
                    quote=quote, evidence=tuple(evidence), conflicts=tuple(conflicts))
        outlets = {outlet_of(sources[m.source]) for m in members}
        rel = sorted(cfg.outlets[o].reliability if o in cfg.outlets else "F" for o in outlets)[0]
        merged.append(MergedFact(fact, len(outlets), rel, credibility(len(outlets), rel, fact)))
    merged.sort(key=lambda m: (m.fact.date.start, m.fact.id))
    return merged
