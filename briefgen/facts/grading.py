"""Grades of facts (NATO/Admiralty, STANAG 2511): how credible a fact is from who reports it."""

from __future__ import annotations

from .model import Fact


def credibility(independent: int, reliability: str, fact: Fact) -> int:
    """Confirmed by independent outlets → 1; a single report → 2 from a good outlet, else 3."""
    if independent >= 2:
        return 2 if fact.conflicts else 1
    if independent == 1:
        return 2 if reliability in "AB" else 3
    return 6
