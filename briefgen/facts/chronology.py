"""Checks of a week's facts against time: an article cannot report an event that had not happened
when it was published, and the first edition has no previous edition to hold a trend against."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Mapping

from ..articles.source import Source
from ..core.config import Config
from ..core.errors import Problem
from ..core.weeks import parse_week
from .model import FactFile


def latest_publication(source: Source) -> date | None:
    """The last day the article can have been published: its date, or the end of its month when it
    gives only the month."""
    d = source.published
    if d is None or source.date_precision != "month":
        return d
    following = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return following - timedelta(days=1)


def chronology_problems(cfg: Config, ff: FactFile, sources: Mapping[str, Source]) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) of one fact file read without problems: evidence from an article published
    before the event it supports (an error on an approved fact, a warning on a proposed one: an
    extracted fact may be an announced event, which only a later report can confirm), and trends on
    the first edition (a warning: the edition leaves them out)."""
    doc = None

    def problem(key: tuple, message: str) -> Problem:
        nonlocal doc
        doc = doc or ff.located()
        return doc.problem(key, message)

    errors, warnings = [], []
    week_start, week_end = parse_week(ff.week)
    for i, fact in enumerate(ff.facts):
        if fact.status == "rejected":
            continue
        if not (fact.date.start <= week_end and fact.date.end >= week_start):
            when = fact.date.start if fact.date.end == fact.date.start else f"{fact.date.start} to {fact.date.end}"
            warnings.append(problem(("facts", i, "date"),
                                    f"fact {fact.id} is dated {when}, outside {ff.week} ({week_start} to "
                                    f"{week_end}): no edition shows it; move it to the file of its week"))
        for j, ev in enumerate(fact.evidence):
            s = sources.get(ev.source)
            published = latest_publication(s) if s is not None else None
            if published is not None and published < fact.date.start:
                p = problem(("facts", i, "evidence", j, "source"),
                            f"{ev.source!r} was published on {published}, before the event it supports "
                            f"(fact {fact.id}, dated from {fact.date.start}): it cannot report it")
                (errors if fact.status == "approved" else warnings).append(p)
    if ff.week == cfg.brief.first_edition and ff.analysis.trends:
        warnings.append(problem(("analysis", "trends"),
                                f"{ff.week} is edition no. 1 ('first_edition' in {cfg.files['brief'].name}): "
                                "there is no previous edition to compare with, so its trends are not shown"))
    return errors, warnings
