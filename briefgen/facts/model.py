"""The fact and the week it belongs to: frozen, language-neutral, documented field by field."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Mapping

from ..core.yamlio import Located, locate

FACT_KINDS = (
    "visit", "meeting", "statement", "announcement", "agreement", "sanction", "programme",
    "recruitment", "training", "graduation", "delivery", "other",
)
STATUSES = ("proposed", "approved", "rejected")
PRECISIONS = ("day", "week", "month")
TRENDS = ("deteriorated", "unchanged", "improved")
ACTIONS = ("create", "open", "launch", "resume", "suspend", "extend", "sign", "end")
PARTIES = ("person", "organisation", "state", "armed_group")
"""Entity kinds that can act, meet, agree or be sanctioned."""


def reference(*kinds: str) -> Any:
    """A reference field: the ids of gazetteer entities of these ``kinds`` (in the order given)."""
    return field(default=(), metadata={"kinds": kinds})


@dataclass(frozen=True, slots=True, kw_only=True)
class References:
    """The entities a fact (or a candidate fact) names, by the part they play.

    This is the one declaration of the reference fields: each is declared here with the entity
    kinds it accepts, and the fact file schema, its writers, the JSON export, the merge of
    candidates and the brief iterate over it (see ``briefgen.facts.contract.REFERENCES``). A new
    role is one more field here, the rule that fills it and the sentence frames that say it."""

    actors: tuple[str, ...] = reference(*PARTIES)
    """Who does or says it."""
    counterparts: tuple[str, ...] = reference(*PARTIES)
    """Who is met, agreed with, delivered to."""
    places: tuple[str, ...] = reference("place")
    """Where it happens."""
    origins: tuple[str, ...] = reference("place")
    """Places people come from (recruitment)."""
    objects: tuple[str, ...] = reference("programme", "organisation", "armed_group")
    """Programmes or bodies the fact is about (what is announced, resumed, created…)."""
    targets: tuple[str, ...] = reference("person", "organisation", "armed_group", "state")
    """Who a sanction or measure is aimed at."""
    topics: tuple[str, ...] = reference("topic")
    """What is spoken about (statements, meetings)."""


@dataclass(frozen=True, slots=True)
class DateSpan:
    """When a fact happened: a day, a range of days, a week or a month."""

    start: date
    end: date
    precision: str = "day"
    """``day`` (exact), ``week`` (within that week) or ``month`` (only the month is known)."""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number the article gives, with what it counts."""

    value: float
    unit: str
    """What is counted (``recruit``, ``person``, ``month``, ``XOF``…): translated by the catalogues."""
    text: str = ""
    """The original wording (« 900 nouvelles recrues »)."""
    role: str | None = None
    """How the fact uses it: ``participants``, ``duration``, ``phase``, ``amount``…"""
    label: Mapping[str, str] = field(default_factory=dict)
    """Optional analyst caption per language (e.g. the name of a phase)."""
    approximate: bool = False
    """The text hedges the figure (« près de 1 000 », « une vingtaine », « plus de 300 »)."""


@dataclass(frozen=True, slots=True)
class Quote:
    """Words spoken, in the original language, with the analysts' translations."""

    text: str
    speaker: str
    """Entity id of the speaker."""
    lang: str = "fr"
    translations: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a source reports the fact: the sentence and its character span in the source text."""

    source: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Conflict:
    """Sources disagree on a field: each value with the sources that give it."""

    field: str
    """``date`` or ``quantity``."""
    values: tuple[tuple[str, tuple[str, ...]], ...]
    """(value as written in the fact file, source ids) pairs."""


@dataclass(frozen=True, slots=True)
class KeyFigure:
    """A number for the key-figures panel: which quantity of the fact, and an optional caption."""

    quantity: int
    caption: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Fact(References):
    """One thing that happened or was said, language-neutral (see the README's fact file format);
    the entities it names are its References (keyword arguments)."""

    id: str
    kind: str
    themes: tuple[str, ...]
    date: DateSpan
    status: str = "proposed"
    action: str | None = None
    """For announcements and programmes: create, open, launch, resume…"""
    quantities: tuple[Quantity, ...] = ()
    quote: Quote | None = None
    evidence: tuple[Evidence, ...] = ()
    credibility: int | None = None
    """1–6; derived from corroboration when the analyst leaves it out."""
    conflicts: tuple[Conflict, ...] = ()
    key_point: bool = False
    key_figure: KeyFigure | None = None
    text: Mapping[str, str] = field(default_factory=dict)
    """Analyst's own wording per language, replacing the generated sentence."""
    notes: str = ""
    merged: tuple[str, ...] = ()
    """Ids of facts an analyst folded into this one (re-extraction sends their reports here)."""


@dataclass(frozen=True, slots=True)
class Tagged:
    """A key judgment or a watch item: its text per language, and the themes an analyst tagged it
    with (none: it belongs to every edition; else only to editions that follow one of them)."""

    text: Mapping[str, str]
    themes: tuple[str, ...] = ()
    where: tuple = ()
    """Its key path in the fact file (``analysis.watch[1]``), for messages."""

    def shown_in(self, themes: tuple[str, ...]) -> bool:
        return not self.themes or any(t in themes for t in self.themes)


@dataclass(frozen=True, slots=True)
class Analysis:
    """The analysts' free text for a week, Markdown per language. ``key_judgments`` and ``watch`` are
    what an edition shows; ``judgment_items`` and ``watch_items`` are the items they are made of, with
    their themes (``for_themes`` keeps those of an edition's themes)."""

    key_judgments: Mapping[str, str] = field(default_factory=dict)
    outlook: Mapping[str, str] = field(default_factory=dict)
    summaries: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Per theme id: the one-sentence summary per language."""
    trends: Mapping[str, str] = field(default_factory=dict)
    """Per theme id: deteriorated, unchanged or improved against the previous edition."""
    watch: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Per language: what to look for next week."""
    judgment_items: tuple[Tagged, ...] = ()
    watch_items: tuple[Tagged, ...] = ()

    def for_themes(self, themes: tuple[str, ...]) -> "Analysis":
        """The analysis an edition following ``themes`` shows: untagged items, and those tagged with
        one of them."""
        return replace(self, key_judgments=judgments_text(self.judgment_items, themes),
                       watch=watch_lists(self.watch_items, themes))


def judgments_text(items: tuple[Tagged, ...], themes: tuple[str, ...] | None = None) -> dict[str, str]:
    """Per language, the Markdown of the judgments shown (all when ``themes`` is None): one item as
    written, several as a bulleted list."""
    shown = [i for i in items if themes is None or i.shown_in(themes)]
    out: dict[str, str] = {}
    langs = dict.fromkeys(lang for i in shown for lang in i.text)
    for lang in langs:
        texts = [i.text[lang].strip() for i in shown if i.text.get(lang)]
        if len(texts) == 1 and len(shown) == 1:
            out[lang] = texts[0]
        elif texts:
            out[lang] = "\n".join("- " + t.replace("\n", "\n  ") for t in texts)
    return out


def watch_lists(items: tuple[Tagged, ...], themes: tuple[str, ...] | None = None) -> dict[str, tuple[str, ...]]:
    """Per language, the watch items shown (all when ``themes`` is None)."""
    shown = [i for i in items if themes is None or i.shown_in(themes)]
    langs = dict.fromkeys(lang for i in shown for lang in i.text)
    return {lang: tuple(i.text[lang] for i in shown if i.text.get(lang)) for lang in langs}


@dataclass(frozen=True, slots=True)
class FactFile:
    """facts/<ISO week>.yaml once read and checked."""

    path: Path
    week: str
    facts: tuple[Fact, ...]
    analysis: Analysis
    issued: date | None = None
    keys: Located | None = field(default=None, compare=False, repr=False)
    """Where its keys are (found when a problem is first reported; the values as read are not kept)."""

    def located(self) -> Located:
        """The lines of the file's keys, for problems found after it was read."""
        return self.keys if self.keys is not None else locate(self.path)
