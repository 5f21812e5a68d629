"""The keys of a fact, in the three places a fact is written down: an entry of a fact file as it
is read (the declared shape ``FactEntry``, checked against the project), the same entry as
extraction writes it (``yaml_form``), and a fact of ``briefgen extract --format json``
(``json_form``). No other module spells them.

The reference fields (actors, places…) are not spelled here either: they are the fields of
``model.References``, each declared once with the entity kinds it accepts; ``REFERENCES`` lists
them in that order and every module that needs them all iterates over it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from typing import Annotated, Any, Iterable, Literal, Mapping

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ValidationInfo,
    create_model,
    field_validator,
)

from ..core.config import Config
from ..core.models import Entity
from ..core.schema import (
    PerLanguage,
    Shape,
    TextList,
    describe,
    fail,
    languages_of,
    text_list,
)
from .model import (
    ACTIONS,
    FACT_KINDS,
    PRECISIONS,
    STATUSES,
    Conflict,
    DateSpan,
    Evidence,
    Fact,
    KeyFigure,
    Quantity,
    Quote,
    References,
)

REFERENCES: Mapping[str, tuple[str, ...]] = {f.name: f.metadata["kinds"] for f in fields(References)}
"""Reference field → the entity kinds it accepts, in declared order."""

MACHINE_KEYS = ("kind", "themes", "date", *REFERENCES, "action", "quantities", "conflicts")
"""The keys of a fact file entry that extraction owns: refreshed on re-extraction while an analyst
has not touched the fact (the quote's text is one too, its translations are not)."""


def named(fact: References) -> tuple[str, ...]:
    """Every entity id in the reference fields of ``fact``, in declared order, each once."""
    return tuple(dict.fromkeys(eid for name in REFERENCES for eid in getattr(fact, name)))


# -- written forms ----------------------------------------------------------------------------

def _value(v: float) -> int | float:
    """900.0 is written 900."""
    return int(v) if float(v).is_integer() else v


def _quantity(q: Quantity, *, role_before_text: bool) -> dict:
    # Each form keeps the key order it has always had (the fact files put the role before the text);
    # ``approximate`` is written only when true, so files and JSON without hedged figures stay as they were.
    role = {"role": q.role} if q.role else {}
    approximate = {"approximate": True} if q.approximate else {}
    if role_before_text:
        return {"value": _value(q.value), "unit": q.unit, **role, "text": q.text, **approximate}
    return {"value": _value(q.value), "unit": q.unit, "text": q.text, **role, **approximate}


def _evidence(fact: Fact) -> list[dict]:
    return [{"source": e.source, "start": e.start, "end": e.end, "text": e.text} for e in fact.evidence]


def _quote(q: Quote) -> dict:
    return {"speaker": q.speaker, "lang": q.lang, "text": q.text}


def _conflicts(fact: Fact) -> list[dict]:
    return [{"field": c.field, "values": [{"value": v, "sources": list(s)} for v, s in c.values]}
            for c in fact.conflicts]


def yaml_form(fact: Fact, entities: Mapping[str, Entity]) -> dict:
    """The fact file entry of an extracted fact: dates as dates, a single day as a bare date;
    references outside the gazetteer (``entities``) are left out (they are proposed for the
    gazetteer instead), and so is a quote whose speaker is not in it."""
    d: dict = {"id": fact.id, "kind": fact.kind, "status": fact.status, "themes": list(fact.themes)}
    if fact.date.start == fact.date.end and fact.date.precision == "day":
        d["date"] = fact.date.start
    else:
        d["date"] = {"start": fact.date.start, "end": fact.date.end, "precision": fact.date.precision}
    for name, kinds in REFERENCES.items():
        ids = [i for i in getattr(fact, name) if i in entities and entities[i].kind in kinds]
        if ids:
            d[name] = ids
    if fact.action:
        d["action"] = fact.action
    if fact.quantities:
        d["quantities"] = [_quantity(q, role_before_text=True) for q in fact.quantities]
    if fact.quote and fact.quote.speaker in entities:
        d["quote"] = _quote(fact.quote)
    d["evidence"] = _evidence(fact)
    if fact.conflicts:
        d["conflicts"] = _conflicts(fact)
    return d


JSON_ALWAYS = ("actors", "places")
"""Reference fields the JSON form always has, even empty; the others only when set (README)."""


def json_form(fact: Fact, *, corroboration: int, credibility: int) -> dict:
    """A fact of ``extract --format json``: ISO date strings, always ``actors``, ``places``,
    ``quantities`` and ``evidence``, the other fields only when set; ``corroboration`` (independent
    outlets) and ``credibility`` (1–6) are the merge's."""
    d: dict = {"id": fact.id, "kind": fact.kind, "themes": list(fact.themes),
               "date": {"start": fact.date.start.isoformat(), "end": fact.date.end.isoformat(),
                        "precision": fact.date.precision}}
    d.update((name, list(getattr(fact, name))) for name in REFERENCES if name in JSON_ALWAYS)
    d["quantities"] = [_quantity(q, role_before_text=False) for q in fact.quantities]
    d["evidence"] = _evidence(fact)
    d["corroboration"] = corroboration
    d["credibility"] = credibility
    d.update((name, list(getattr(fact, name))) for name in REFERENCES
             if name not in JSON_ALWAYS and getattr(fact, name))
    if fact.action:
        d["action"] = fact.action
    if fact.quote:
        d["quote"] = _quote(fact.quote)
    if fact.conflicts:
        d["conflicts"] = _conflicts(fact)
    return d


# -- the declared shape of a fact file entry -----------------------------------------------------
#
# Checks that need the project read the validation context made by ``context()``.

def context(cfg: Config, source_ids: Iterable[str] | None) -> dict:
    """What the checks of a fact file need to know about the project (one per file checked: it
    also collects the fact ids seen so far). ``source_ids``: the articles evidence may cite (None:
    not checked)."""
    return {"themes": cfg.theme_ids(), "retired": cfg.retired_theme_ids(), "entities": cfg.entities, "gazetteer": cfg.files["gazetteer"].name,
            "languages": cfg.languages, "sources": None if source_ids is None else set(source_ids),
            "sources_dir": cfg.sources_dir.name, "fact_ids": set()}


def known_theme(v: str, info: ValidationInfo) -> str:
    """A configured theme; a retired one too (old fact files stay valid without being edited)."""
    themes = info.context["themes"]
    if v not in themes and v not in info.context.get("retired", ()):
        raise fail(f"unknown theme {v!r} (configured: {', '.join(themes)})")
    return v


def _entity_of(name: str, kinds: tuple[str, ...]):
    """The check of one id of reference field ``name``: in the gazetteer, and of a kind it accepts."""
    def check(v: str, info: ValidationInfo) -> str:
        ent = info.context["entities"].get(v)
        if ent is None:
            raise fail(f"unknown entity id {v!r} (not in {info.context['gazetteer']})")
        if kinds and ent.kind not in kinds:
            raise fail(f"{v!r} is a {ent.kind}; {name} takes: {', '.join(kinds)}")
        return v
    return check


def _once(v: str, info: ValidationInfo) -> str:
    """A fact id is used once in its file. Checked on the id alone, so that a duplicate is found
    even when the facts have other problems."""
    seen = info.context["fact_ids"]
    if v in seen:
        raise fail(f"fact id {v!r} is used twice")
    seen.add(v)
    return v


def _language(v: str, info: ValidationInfo) -> str:
    if v not in info.context["languages"]:
        raise fail(f"{v!r} is not one of: {', '.join(info.context['languages'])}")
    return v


def _grade(v: int) -> int:
    if not 1 <= v <= 6:
        raise fail(f"{v!r} is not one of: 1, 2, 3, 4, 5, 6")
    return v


def _some(v: tuple) -> tuple:
    if not v:
        raise fail("a fact needs at least one theme")
    return v


def _date_form(v: Any) -> Any:
    """``2025-07-22`` and ``2025-07`` (a month) as ``{start, end, precision}``."""
    if isinstance(v, dt.date):
        day = v.date() if isinstance(v, dt.datetime) else v
        return {"start": day, "end": day}
    if isinstance(v, str) and len(v) == 7 and v[4] == "-":
        try:
            start = dt.date(int(v[:4]), int(v[5:]), 1)
        except ValueError:
            raise fail(f"{v!r} is not a month like 2025-07") from None
        nxt = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return {"start": start, "end": nxt - dt.timedelta(days=1), "precision": "month"}
    if isinstance(v, dict):
        return v
    raise fail(f"expected a date (2025-07-22), a month (2025-07) or start/end/precision, got {describe(v)}")


def _not_before_start(message: str):
    """A check of ``end`` against the entry's ``start``: ``message`` formatted with both."""
    def check(v, info: ValidationInfo):
        start = info.data.get("start")
        if v is not None and start is not None and v < start:
            raise fail(message.format(end=v, start=start))
        return v
    return AfterValidator(check)


class DateEntry(Shape):
    start: dt.date
    end: Annotated[dt.date | None, _not_before_start("{end} is before the start {start}")] = None
    """The start when absent."""
    precision: Literal[PRECISIONS] = "day"


MAX_QUANTITY = 1e15
"""The largest figure a fact may give (a thousand trillion: beyond any count or amount in a brief);
larger ones, like 1e308, could not be printed."""


def _figure(v: float) -> float:
    if not -MAX_QUANTITY <= v <= MAX_QUANTITY:
        raise fail(f"{v!r} is too large for a figure (at most {MAX_QUANTITY:,.0f})")
    return v


class QuantityEntry(Shape):
    value: Annotated[float, AfterValidator(_figure)]
    unit: str
    text: str = ""
    role: str | None = None
    label: PerLanguage = {}
    approximate: bool = False


class QuoteEntry(Shape):
    text: str
    speaker: Annotated[str, AfterValidator(_entity_of("speaker", ()))]
    lang: Annotated[str, AfterValidator(_language)] = "fr"
    translations: PerLanguage = {}


class EvidenceEntry(Shape):
    source: str
    start: int = 0
    end: Annotated[int | None, _not_before_start("span ends ({end}) before it starts ({start})")] = None
    """The start when absent."""
    text: str = ""

    @field_validator("source")
    @classmethod
    def _known_source(cls, v: str, info: ValidationInfo) -> str:
        sources = info.context["sources"]
        if sources is not None and v not in sources:
            raise fail(f"unknown source {v!r} (no such article in {info.context['sources_dir']}/)")
        return v


class ConflictValue(Shape):
    value: Any
    sources: TextList


class ConflictEntry(Shape):
    field: Literal["date", "quantity"]
    values: list[ConflictValue]


class KeyFigureEntry(Shape):
    quantity: int = 0
    """Index into the fact's quantities."""
    caption: PerLanguage = {}


class _Head(Shape):
    id: Annotated[str, AfterValidator(_once)]
    kind: Literal[FACT_KINDS]
    status: Literal[STATUSES] = "proposed"
    themes: Annotated[text_list(known_theme), AfterValidator(_some)]
    date: Annotated[DateEntry, BeforeValidator(_date_form)]


# The reference fields come from the declaration, between the date and the action as in the README.
_WithReferences = create_model(
    "_WithReferences", __base__=_Head,
    **{name: (text_list(_entity_of(name, kinds)), ()) for name, kinds in REFERENCES.items()})


class FactEntry(_WithReferences):
    """One fact of a fact file, as written (see the README's fact file format)."""

    action: Literal[ACTIONS] | None = None
    quantities: list[QuantityEntry] = []
    quote: QuoteEntry | None = None
    evidence: list[EvidenceEntry] = []
    credibility: Annotated[int, AfterValidator(_grade)] | None = None
    conflicts: list[ConflictEntry] = []
    key_point: bool = False
    key_figure: KeyFigureEntry | None = None
    text: PerLanguage = {}
    notes: str = ""
    merged: TextList = ()

    # Fields are validated in order: evidence and quantities are in info.data when these run
    # (absent when they had errors of their own, which are reported anyway).
    @field_validator("credibility")
    @classmethod
    def _confirmed_needs_two_sources(cls, v: int | None, info: ValidationInfo) -> int | None:
        evidence = info.data.get("evidence")
        if v == 1 and evidence is not None and len({e.source for e in evidence}) < 2:
            raise fail("1 (confirmed) needs at least two independent sources in evidence")
        return v

    @field_validator("key_figure")
    @classmethod
    def _figure_exists(cls, v: KeyFigureEntry | None, info: ValidationInfo) -> KeyFigureEntry | None:
        quantities = info.data.get("quantities")
        if v is not None and quantities is not None and not 0 <= v.quantity < len(quantities):
            raise fail(f"no quantity number {v.quantity} in this fact (it has {len(quantities)})",
                       at=("quantity",))
        return v


def fact_of(e: FactEntry, languages: Iterable[str]) -> Fact:
    """The Fact a validated entry describes, text per language resolved for ``languages``."""
    languages = tuple(languages)

    def per_language(v: dict[str, str]) -> dict[str, str]:
        return languages_of(v, languages)

    q, kf = e.quote, e.key_figure
    return Fact(
        id=e.id, kind=e.kind, themes=e.themes, status=e.status,
        date=DateSpan(e.date.start, e.date.end or e.date.start, e.date.precision),
        **{name: getattr(e, name) for name in REFERENCES},
        action=e.action,
        quantities=tuple(Quantity(x.value, x.unit, x.text, x.role, per_language(x.label), x.approximate)
                         for x in e.quantities),
        quote=Quote(q.text, q.speaker, q.lang, per_language(q.translations)) if q else None,
        evidence=tuple(Evidence(x.source, x.start, x.start if x.end is None else x.end, x.text) for x in e.evidence),
        credibility=e.credibility,
        conflicts=tuple(Conflict(c.field, tuple((str(v.value), v.sources) for v in c.values)) for c in e.conflicts),
        key_point=e.key_point, key_figure=KeyFigure(kf.quantity, per_language(kf.caption)) if kf else None,
        text=per_language(e.text), notes=e.notes, merged=e.merged)
