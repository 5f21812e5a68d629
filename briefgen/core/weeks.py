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


def weeks_between(first: str, week: str) -> int:
    """Number of weeks from ``first`` to ``week`` (0 when equal)."""
    return (parse_week(week)[0] - parse_week(first)[0]).days // 7


def previous_complete_week(today: date) -> str:
    """The last ISO week that has fully ended before ``today``."""
    return week_of(today - timedelta(days=today.isoweekday()))
