"""What the review desk shows, read from the same files and with the same code as the CLI: the week's
facts with the sentences the editions give them, their grade and evidence, the editions themselves and
``check``'s problems for the week. Nothing here writes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from markupsafe import Markup, escape

from ..articles.readers import read_sources
from ..articles.source import Source
from ..core.config import Config
from ..core.errors import BriefgenError, Problem
from ..core.weeks import parse_week
from ..edition import i18n, phrasing
from ..facts.grading import credibility
from ..facts.model import Fact, FactFile

WEEK = re.compile(r"^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$")
FACT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")
SOURCE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")


def valid_week(week: str) -> bool:
    if not WEEK.match(week):
        return False
    try:
        parse_week(week)
    except (BriefgenError, ValueError):
        return False
    return True


def fact_path(cfg: Config, week: str) -> Path:
    return cfg.facts_dir / f"{week}.yaml"


def sources(cfg: Config) -> dict[str, Source]:
    return read_sources(cfg.sources_dir)


def article(cfg: Config, all_sources: Mapping[str, Source], source_id: str) -> Source | None:
    """The article ``source_id`` if it is one of the desk's, read from inside sources/ only."""
    if not SOURCE_ID.match(source_id):
        return None
    src = all_sources.get(source_id)
    if src is None:
        return None
    root = cfg.sources_dir.resolve()
    if not Path(src.path).resolve().is_relative_to(root):
        return None
    return src


@dataclass
class FactView:
    fact: Fact
    sentence: Mapping[str, str]
    generated: Mapping[str, str]
    grade: str
    outlets: tuple[str, ...]
    theme: str
    line: int | None = None
    evidence: list = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.fact.id

    @property
    def dates(self) -> str:
        d = self.fact.date
        return d.start.isoformat() if d.start == d.end else f"{d.start.isoformat()} – {d.end.isoformat()}"


def _sentence(cfg: Config, fact: Fact, lang: str) -> str:
    try:
        return phrasing.plain(phrasing.sentence(fact, phrasing.Speaker(lang, dict(cfg.entities)),
                                                i18n.translations(lang)))
    except (KeyError, ValueError, BriefgenError) as exc:  # an id the gazetteer lacks: check names it
        return f"({exc})"


def _grade(cfg: Config, fact: Fact, all_sources: Mapping[str, Source]) -> tuple[str, tuple[str, ...]]:
    outlets = []
    for e in fact.evidence:
        src = all_sources.get(e.source)
        who = src.outlet if src is not None and src.outlet else e.source
        if who not in outlets:
            outlets.append(who)
    grades = [cfg.outlets[o].reliability for o in outlets if o in cfg.outlets]
    reliability = min(grades) if grades else "F"
    cred = fact.credibility or credibility(len(outlets), reliability, fact)
    names = tuple(cfg.outlets[o].name if o in cfg.outlets else o for o in outlets)
    return f"{reliability}{cred}", names


def fact_views(cfg: Config, ff: FactFile, all_sources: Mapping[str, Source]) -> list[FactView]:
    out = []
    for fact in ff.facts:
        generated = {lang: _sentence(cfg, _without_text(fact), lang) for lang in cfg.languages}
        sentence = {lang: fact.text.get(lang) or generated[lang] for lang in cfg.languages}
        grade, outlets = _grade(cfg, fact, all_sources)
        theme = fact.themes[0] if fact.themes else ""
        out.append(FactView(fact, sentence, generated, grade, outlets, theme))
    return out


def _without_text(fact: Fact) -> Fact:
    from dataclasses import replace

    return replace(fact, text={}) if fact.text else fact


def grouped(cfg: Config, views: list[FactView], status: str | None) -> list[tuple[str, str, list[FactView]]]:
    """(theme id, title, facts) in the brief's theme order, then themes the configuration lacks."""
    lang = cfg.languages[0]
    titles = {t.id: t.title.get(lang, t.id) for t in cfg.brief.themes}
    order = [t.id for t in cfg.brief.themes]
    groups: dict[str, list[FactView]] = {}
    for v in views:
        if status and v.fact.status != status:
            continue
        groups.setdefault(v.theme, []).append(v)
    keys = [k for k in order if k in groups] + sorted(k for k in groups if k not in order)
    return [(k, titles.get(k, k or "—"), sorted(groups[k], key=lambda v: (v.fact.date.start, v.id))) for k in keys]


def highlighted(src: Source, spans: list[tuple[int, int, int]]) -> Markup:
    """The article text escaped, with each evidence span (start, end, report number) in a <mark>."""
    text = src.text
    out, pos = [], 0
    for start, end, n in sorted(s for s in spans if 0 <= s[0] < s[1] <= len(text)):
        if start < pos:
            continue
        out.append(escape(text[pos:start]))
        out.append(Markup('<mark id="ev-{}" data-report="{}">').format(n, n))
        out.append(escape(text[start:end]))
        out.append(Markup("</mark>"))
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def week_problems(cfg: Config, ff: FactFile, warnings, all_sources: Mapping[str, Source]) -> list[str]:
    """What ``briefgen check`` says about one week's fact file, read without errors (``warnings``:
    those of its reading): errors, warnings and missing translations, one line each (file:line: 'key'
    message)."""
    from ..facts.chronology import chronology_problems
    from ..facts.translations import missing_translations
    from ..facts.wording import wording_problems

    if not ff.path.exists():
        return []
    errors, late = chronology_problems(cfg, ff, all_sources)
    late = [*late, *wording_problems(ff, i18n.translations)]
    missing: list[Problem] = list(missing_translations(cfg, ff))
    return ([f"error: {p}" for p in errors] + [f"warning: {p}" for p in (*warnings, *late)]
            + [str(p) for p in missing])


def relative(cfg: Config, text: str) -> str:
    """A message with the desk's folder left out of its paths (facts/2025-W30.yaml:12: …)."""
    root = str(cfg.path.parent.parent.resolve()) + "/"
    return text.replace(root, "")
