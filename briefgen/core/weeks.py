"""ISO weeks: an edition is named by its week (2025-W30 = Monday 21 to Sunday 27 July 2025).

The one place that reads and writes a week string."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .errors import BriefgenError

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def parse_week(text: str) -> tuple[date, date]:
    """``2025-W30`` → (Monday, Sunday)."""
    m = _WEEK.match(text or "")
    if not m:
        raise BriefgenError(f"{text!r} is not an ISO week like 2025-W30")
    try:
        monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    except ValueError:
        raise BriefgenError(f"{text!r} is not a week of that year") from None
    return monday, monday + timedelta(days=6)


def is_week(text: str) -> bool:
    """Whether ``text`` names an existing ISO week (``2025-W30``)."""
    try:
        parse_week(text)
    except BriefgenError:
        return False
    return True


def week_of(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def next_week(week: str) -> str:
    """The ISO week after ``week``."""
    return week_of(parse_week(week)[0] + timedelta(days=7))


def weeks_from(first: str, last: str) -> list[str]:
    """Every week from ``first`` to ``last``, both included (none when ``last`` is earlier)."""
    out, monday, end = [], parse_week(first)[0], parse_week(last)[0]
    while monday <= end:
        out.append(week_of(monday))
        monday += timedelta(days=7)
    return out


def issue_date(week: str, issued: date | None = None) -> date:
    """The day the edition of ``week`` is issued, which is also its cut-off (it shows only what was
    published on or before that day): the fact file's ``issued``, else the Monday after the week.
    The one definition: the masthead, the cut-off and the next edition's date all come from here."""
    return issued or parse_week(week)[1] + timedelta(days=1)


def weeks_between(first: str, week: str) -> int:
    """Number of weeks from ``first`` to ``week`` (0 when equal)."""
    return (parse_week(week)[0] - parse_week(first)[0]).days // 7


def previous_complete_week(today: date) -> str:
    """The last ISO week that has fully ended before ``today``."""
    return week_of(today - timedelta(days=today.isoweekday()))
