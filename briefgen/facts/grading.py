"""Grades of facts (NATO/Admiralty, STANAG 2511): how credible a fact is from who reports it."""

from __future__ import annotations

import re

from .model import Fact

_APPROXIMATE = re.compile(r"\b(près de|environ|plus de|moins de|quelque|autour de|jusqu'à|au moins|"
                          r"une? (?:dizaine|vingtaine|trentaine|quarantaine|cinquantaine|centaine|millier)s?)\b",
                          re.IGNORECASE)
_UNNAMED = re.compile(r"\b(?:selon|d'après|de) (?:une|des|plusieurs|certaines) sources?\b|"
                      r"\bsources? (?:locales?|proches?|concordantes|non identifiées?)\b", re.IGNORECASE)
# « compterait », « seraient »; not « extrait », « portrait » (but « permettrait »)
_CONDITIONAL = re.compile(r"\b\w{2,}(?<!\w[^t]t)(?:rait|raient)\b", re.IGNORECASE)


def hedging(sentence: str) -> tuple[bool, bool, bool]:
    """(hedged, from an unnamed source, approximate) for a sentence that gives a figure: « près de
    1 000 » (approximate), a conditional (« compterait ») and « selon une source locale » all hedge it."""
    unnamed = bool(_UNNAMED.search(sentence))
    approximate = bool(_APPROXIMATE.search(sentence))
    return unnamed or approximate or bool(_CONDITIONAL.search(sentence)), unnamed, approximate


def credibility(independent: int, reliability: str, fact: Fact) -> int:
    """Confirmed by independent outlets → 1; a single report → 2 from a good outlet, else 3."""
    if independent >= 2:
        return 2 if fact.conflicts else 1
    if independent == 1:
        return 2 if reliability in "AB" else 3
    return 6
