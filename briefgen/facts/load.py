"""Read and check facts/<ISO week>.yaml: the analyst-reviewed facts and free text of one week.

The file's shape is declared (``WeekFile`` here, ``contract.FactEntry`` for each fact) and checked
against the project through the validation context; every problem is reported at once, each with
its line and key path."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Iterable, Literal

from pydantic import AfterValidator, BeforeValidator, Discriminator, Tag, ValidationInfo

from ..core.config import Config
from ..core.errors import ConfigError, Problem
from ..core.schema import (
    LanguageKeys,
    PerLanguage,
    TextList,
    fail,
    languages_of,
    text_list,
    validate,
)
from ..core.weeks import is_week, parse_week
from ..core.yamlio import load_yaml
from .contract import FactEntry, Shape, context, fact_of, known_theme
from .model import TRENDS, Analysis, FactFile, Tagged, judgments_text, watch_lists


def fact_files(cfg: Config) -> dict[str, Path]:
    """Week → fact file, for every facts/<week>.yaml present."""
    if not cfg.facts_dir.is_dir():
        return {}
    return {p.stem: p for p in sorted(cfg.facts_dir.glob("*.yaml")) if is_week(p.stem)}


def _week(v: str, info: ValidationInfo) -> str:
    name = info.context["file"].name
    if v != info.context["file"].stem:
        raise fail(f"{v!r} does not match the file name {name!r}")
    try:
        parse_week(v)
    except Exception as exc:  # noqa: BLE001 - reported as a problem in the file
        raise fail(str(exc)) from None
    return v


def _empty_is_absent(v):
    """``force_buildup:`` left empty under trends (or ``en:`` under watch) says nothing."""
    return {k: x for k, x in v.items() if x is not None} if isinstance(v, dict) else v


Theme = Annotated[str, AfterValidator(known_theme)]


class TaggedEntry(Shape):
    """A key judgment or watch item that belongs to some themes: shown only in the editions that
    follow one of them."""

    text: PerLanguage
    themes: text_list(known_theme) = ()


def _plain_item(v):
    return {"text": v} if isinstance(v, str) else v


Items = Annotated[list[Annotated[TaggedEntry, BeforeValidator(_plain_item)]], Tag("list-of-items")]
"""A list of judgments or watch items: plain text (every edition) or ``{text, themes}``."""


def _items_or(per_language):
    """Judgments or watch items as written before items could be tagged (``per_language``, one text
    or list per language), or as a list of items; problems name the keys of the form used."""
    return Annotated[Annotated[per_language, Tag("one-per-language")] | Items,
                     Discriminator(lambda v: "list-of-items" if isinstance(v, list) else "one-per-language")]


class AnalysisEntry(Shape):
    """The analysts' free text of the week, Markdown per language. Key judgments and watch items
    are one text (or list) per language, or a list of items that may carry ``themes``."""

    key_judgments: _items_or(PerLanguage) = {}
    outlook: PerLanguage = {}
    summaries: Annotated[dict[Theme, PerLanguage], BeforeValidator(_empty_is_absent)] = {}
    trends: Annotated[dict[Theme, Literal[TRENDS]], BeforeValidator(_empty_is_absent)] = {}
    watch: _items_or(Annotated[dict[str, TextList], BeforeValidator(_empty_is_absent), LanguageKeys()]) = {}


def _items(value, part: str, langs) -> tuple[Tagged, ...]:
    """The judgments or watch items of a fact file, in either form, as Tagged items."""
    if isinstance(value, dict):
        if part == "watch":  # {fr: [...], en: [...]}: untagged items, each in its language
            return tuple(Tagged({lang: t}, (), ("analysis", part, lang, k))
                         for lang, texts in value.items() if lang in langs for k, t in enumerate(texts))
        text = languages_of(value, langs)
        return (Tagged(text, (), ("analysis", part)),) if text else ()
    out = []
    for k, item in enumerate(value):
        out.append(Tagged(languages_of(item.text, langs), tuple(item.themes), ("analysis", part, k)))
    return tuple(out)


class WeekFile(Shape):
    """facts/<ISO week>.yaml as written (see the README's fact file format)."""

    week: Annotated[str, AfterValidator(_week)]
    issued: dt.date | None = None
    analysis: AnalysisEntry = AnalysisEntry()
    facts: list[FactEntry] = []


def load_fact_file(cfg: Config, path: Path, *, source_ids: Iterable[str] | None = None,
                   strict: bool = False) -> tuple[FactFile, list[Problem]]:
    """Read one fact file; raise ConfigError with every problem; return it with its warnings."""
    doc = load_yaml(path)
    ctx = context(cfg, source_ids) | {"file": Path(path)}
    value, errors, warnings = validate(doc, WeekFile, context=ctx, strict=strict, languages=cfg.languages)
    if errors:
        raise ConfigError(sorted(errors, key=lambda p: p.line or 0))
    doc.data = None  # the values as read: the shapes hold what is used
    langs = cfg.languages
    a = value.analysis
    judgments, watch = _items(a.key_judgments, "key_judgments", langs), _items(a.watch, "watch", langs)
    analysis = Analysis(
        key_judgments=judgments_text(judgments), outlook=languages_of(a.outlook, langs),
        summaries={t: languages_of(v, langs) for t, v in a.summaries.items()}, trends=dict(a.trends),
        watch=watch_lists(watch), judgment_items=judgments, watch_items=watch)
    facts = tuple(fact_of(f, langs) for f in value.facts)
    return FactFile(Path(path), value.week, facts, analysis, value.issued, doc.lines_only()), warnings
