"""One article as read from sources/."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Source:
    """One article as read from sources/."""

    id: str
    """File name without extension; facts cite it."""
    path: Path
    title: str
    outlet: str | None
    """Outlet id from config/outlets.yaml, when known."""
    published: date | None
    """Publication date (the day, or the 1st of the month for a month-only date line)."""
    url: str | None
    text: str
    """Article body; evidence spans index into it."""
    date_precision: str = "day"
    """``day``, or ``month`` when the article gives only ``date YYYY-MM``."""
