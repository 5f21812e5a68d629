"""Extraction: French articles → entities, dates, quantities → candidate facts → merged facts.

Importing this package is cheap: spaCy is imported only when an article has to be analysed
(see ``nlp.load``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from ..core.config import Config

log = logging.getLogger("briefgen")


@dataclass(frozen=True, slots=True)
class Summary:
    """What ``extract_project`` did: per week, facts added/updated; whether the model loaded."""

    articles: int
    facts: int
    weeks: tuple = ()
    """One briefgen.facts.review.WeekUpdate per week file considered."""
    new_entities: tuple = ()
    model_loaded: bool = False


def _progress(n: int, total: int, sid: str) -> None:
    if total >= 3:
        log.info("  [%d/%d] %s", n, total, sid)


def extract_paths(paths: list[Path], cfg: Config, *, warn=None):
    """Extraction of the given articles (files or folders), merged; nothing written."""
    from .pipeline import run

    return run(paths, cfg, warn=warn or log.warning, progress=_progress)


def extract_project(cfg: Config, *, log: logging.Logger = log) -> Summary:
    """The project's articles (cfg.sources_dir) → facts/<week>.yaml updated; a summary per week."""
    from ..facts.review import update_fact_files

    ex = extract_paths([cfg.sources_dir], cfg, warn=lambda msg: log.warning("%s", msg))
    facts = [mf.fact for mf in ex.facts]
    updates = update_fact_files(cfg, facts, source_ids=ex.sources.keys(), log=log.info)
    for u in updates:
        state = "written" if u.written else "unchanged"
        log.info("  %s: %d new, %d updated, %d kept — %s %s", u.week, u.added, u.updated, u.kept,
                 u.path.name, state)
    from .proposals import write_proposals

    proposals = write_proposals(cfg, ex, facts)
    if proposals:
        log.info("  proposed for the gazetteer: %s — entries to check in %s",
                 ", ".join(f"{e.name} ({e.kind}{', ' + e.role if e.role else ''})" for e in ex.new_entities),
                 proposals)
    return Summary(len(ex.sources), len(facts), tuple(updates), ex.new_entities, ex.model_loaded)
