"""What the editions would lack in some language: analysts' translations not yet supplied.

Each is a Problem naming the file, line and key to fill in (``facts/2025-W30.yaml:9:
'analysis.key_judgments.en' missing translation…``): ``check`` lists them all, and ``build`` stops on
those of the edition it builds, so that the editions of one week never say different things.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from ..core.config import Config
from ..core.errors import Problem
from ..core.yamlio import KeyPath, Located, load_yaml
from .model import FactFile


def _message(lang: str, others: Iterable[str], what: str = "text") -> str:
    others = ", ".join(others)
    return (f"missing translation: no {lang} {what}, so the {lang} edition would not say what the "
            f"{others} edition says")


def _missing(value, langs) -> list[str]:
    """The languages ``value`` (text per language) lacks, when some other language has it."""
    if not value or not any(value.get(lang) for lang in langs):
        return []
    return [lang for lang in langs if not value.get(lang)]


def _problem(doc: Located, key: KeyPath, lang: str, langs, what: str = "text") -> Problem:
    return doc.problem(key, _message(lang, [x for x in langs if x != lang], what))


def missing_roles(cfg: Config, ids: Iterable[str] | None = None) -> Iterator[Problem]:
    """People of the gazetteer (``ids``: only these) whose role lacks a language another one has."""
    langs = cfg.languages
    doc = None
    for e in cfg.entities.values():
        if e.kind != "person" or (ids is not None and e.id not in ids):
            continue
        for lang in langs:
            if not e.role.get(lang):
                doc = doc or load_yaml(cfg.files["gazetteer"])
                yield _problem(doc, ("people", e.id, "role", lang), lang, langs, "role")


def missing_translations(cfg: Config, ff: FactFile | None, *, facts: Iterable[str] | None = None,
                         analysis: bool = True) -> Iterator[Problem]:
    """Every missing piece of the fact file ``ff`` (None: the gazetteer's people), each naming the
    file, line and key to fill in. ``facts``: only these fact ids; ``analysis``: the analysts' texts."""
    if ff is None:
        yield from missing_roles(cfg)
        return
    langs = cfg.languages
    doc = ff.located()
    found: list[tuple[KeyPath, str, str]] = []
    if analysis:
        a = ff.analysis
        for item in (*a.judgment_items, *a.watch_items):
            if len(item.where) == 4:  # watch: {fr: [...], en: [...]}, one list per language
                continue
            path = item.where + (("text",) if len(item.where) == 3 else ())
            found += [(path + (lang,), lang, "text") for lang in _missing(item.text, langs)]
        counts = {lang: sum(1 for i in a.watch_items if len(i.where) == 4 and i.where[2] == lang) for lang in langs}
        most = max(counts.values(), default=0)
        found += [(("analysis", "watch", lang), lang, "watch list" if not n else f"watch item beyond the first {n}")
                  for lang, n in counts.items() if n < most]
        found += [(("analysis", "outlook", lang), lang, "text") for lang in _missing(a.outlook, langs)]
        for theme, text in a.summaries.items():
            found += [(("analysis", "summaries", theme, lang), lang, "summary") for lang in _missing(text, langs)]
    for i, f in enumerate(ff.facts):
        if f.status == "rejected" or (facts is not None and f.id not in facts):
            continue
        if f.quote:
            found += [(("facts", i, "quote", "translations", lang), lang, "translation of the quote")
                      for lang in langs if lang != f.quote.lang and not f.quote.translations.get(lang)]
        if f.text:
            found += [(("facts", i, "text", lang), lang, "text") for lang in _missing(f.text, langs)]
        if f.key_figure and f.key_figure.caption:
            found += [(("facts", i, "key_figure", "caption", lang), lang, "caption")
                      for lang in _missing(f.key_figure.caption, langs)]
    for key, lang, what in found:
        yield _problem(doc, key, lang, langs, what)
