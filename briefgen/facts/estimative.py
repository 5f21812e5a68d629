"""Estimative language by the US ICD 203 likelihood scale: its seven bands and their terms, in the
language of each edition, and the checks of the analysts' text against it.

The English terms are the scale's own; the French ones are fixed once, in the catalogues (message
context ``likelihood``). Analysts write a term of the scale in bold (« Il est **probable** que… »);
the edition gives its band after it (« probable (55–80 %) »). A judgment's confidence (high,
moderate, low) goes in a sentence of its own, never in the sentence that states a likelihood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator


@dataclass(frozen=True, slots=True)
class Band:
    """One step of the scale: its range in per cent and its terms (English msgids, first the main one)."""

    low: int
    high: int
    terms: tuple[str, ...]


SCALE = (
    Band(1, 5, ("almost no chance", "remote")),
    Band(5, 20, ("very unlikely", "highly improbable")),
    Band(20, 45, ("unlikely", "improbable")),
    Band(45, 55, ("roughly even chance", "roughly even odds")),
    Band(55, 80, ("likely", "probable", "probably")),
    Band(80, 95, ("very likely", "highly probable")),
    Band(95, 99, ("almost certain", "almost certainly", "nearly certain")),
)


def _catalogue_terms(gettext) -> Iterator[tuple[str, Band]]:
    # The msgids are spelled out so that the extractor finds them.
    words = {
        "almost no chance": lambda: gettext.pgettext("likelihood", "almost no chance"),
        "remote": lambda: gettext.pgettext("likelihood", "remote"),
        "very unlikely": lambda: gettext.pgettext("likelihood", "very unlikely"),
        "highly improbable": lambda: gettext.pgettext("likelihood", "highly improbable"),
        "unlikely": lambda: gettext.pgettext("likelihood", "unlikely"),
        "improbable": lambda: gettext.pgettext("likelihood", "improbable"),
        "roughly even chance": lambda: gettext.pgettext("likelihood", "roughly even chance"),
        "roughly even odds": lambda: gettext.pgettext("likelihood", "roughly even odds"),
        "likely": lambda: gettext.pgettext("likelihood", "likely"),
        "probable": lambda: gettext.pgettext("likelihood", "probable"),
        "probably": lambda: gettext.pgettext("likelihood", "probably"),
        "very likely": lambda: gettext.pgettext("likelihood", "very likely"),
        "highly probable": lambda: gettext.pgettext("likelihood", "highly probable"),
        "almost certain": lambda: gettext.pgettext("likelihood", "almost certain"),
        "almost certainly": lambda: gettext.pgettext("likelihood", "almost certainly"),
        "nearly certain": lambda: gettext.pgettext("likelihood", "nearly certain"),
    }
    for band in SCALE:
        for term in band.terms:
            yield words[term](), band


def band_text(band: Band, gettext) -> str:
    """« 55–80 % », "55–80%"."""
    return gettext.pgettext("likelihood", "{low}–{high}%").format(low=f"{band.low:02d}" if band.low < 10 else band.low,
                                                                   high=band.high)


@dataclass(frozen=True, slots=True)
class Scale:
    """The scale in one language: a pattern that finds its terms, and the band of each."""

    pattern: re.Pattern
    bands: dict[str, Band]

    def band(self, term: str) -> Band:
        return self.bands[_fold(term)]


_SCALES: dict[int, Scale] = {}


def scale(gettext) -> Scale:
    """The scale's terms in the catalogue's language (longest first, so « très probable » wins over
    « probable »; a French adjective may agree: « quasi certaine », « probables »)."""
    key = id(gettext)
    if key not in _SCALES:
        bands = {}
        for term, band in _catalogue_terms(gettext):
            bands.setdefault(_fold(term), band)
        alternatives = sorted(bands, key=len, reverse=True)
        body = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in alternatives)
        _SCALES[key] = Scale(re.compile(rf"(?<![\w-])({body})(?:e|s|es)?(?![\w-])", re.IGNORECASE), bands)
    return _SCALES[key]


def _fold(term: str) -> str:
    return re.sub(r"\s+", " ", term.strip().lower())


_BAND_AFTER = re.compile(r"^(\s*)\(\s*\d{1,2}\s*[–-]\s*\d{1,2}\s*[%\u00a0\u202f ]*%?\s*\)")


def with_bands(html: str, gettext) -> str:
    """Every bold term of the scale followed by its band, as the catalogue writes it: a band the analyst
    typed is replaced, so every edition writes the same band the same way."""
    sc = scale(gettext)

    def add(m: re.Match) -> str:
        inner, rest = m.group(1), m.group(2)
        term = sc.pattern.fullmatch(_plain(inner))
        if term is None:
            return m.group(0)
        rest = _BAND_AFTER.sub("", rest, count=1)
        return f"<strong>{inner}</strong> ({band_text(sc.band(term.group(1)), gettext)}){rest}"

    return re.sub(r"<strong>([^<]*)</strong>((?:\s*\([^)<]*\))?)", add, html)


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# -- checks -----------------------------------------------------------------------------------------------
# Words that state a probability without saying which: not terms of the scale.
OUTSIDE = {
    "fr": ("possible", "possibles", "possiblement", "peut-être", "sans doute", "vraisemblable", "vraisemblables",
           "vraisemblablement", "éventuel", "éventuelle", "éventuels", "éventuelles", "éventuellement", "plausible",
           "plausibles", "il se peut", "pourrait", "pourraient", "certainement", "sûrement", "envisageable",
           "guère probable", "fort probable", "fort probablement"),
    "en": ("possible", "possibly", "maybe", "perhaps", "could", "might", "may", "plausible", "plausibly",
           "conceivable", "conceivably", "certainly", "doubtful", "presumably", "chances are"),
}
CONFIDENCE = {
    "fr": re.compile(r"\bconfiance\b|\bdegré de certitude\b", re.IGNORECASE),
    "en": re.compile(r"\bconfidence\b", re.IGNORECASE),
}


def _outside_pattern(lang: str) -> re.Pattern:
    words = sorted(OUTSIDE.get(lang, ()), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")(?![\w-])",
                      re.IGNORECASE)


def sentences(text: str) -> list[str]:
    """Sentences of an analyst's Markdown: split after . ! ? and at list items and blank lines."""
    text = re.sub(r"[*_`]", "", text)
    parts = re.split(r"(?<=[.!?])\s+(?=[«\"“A-ZÀ-Ý0-9])|\n\s*(?:[-*+]|\d+[.)])\s+|\n\s*\n", text)
    return [re.sub(r"\s+", " ", p).strip() for p in parts if p and p.strip()]


def language_problems(text: str, lang: str, gettext: Callable) -> list[str]:
    """What is wrong with the estimative language of one text: probability words outside the scale, and
    sentences that state both a likelihood and a confidence level."""
    out = []
    sc = scale(gettext)
    outside = _outside_pattern(lang)
    confidence = CONFIDENCE.get(lang)
    for s in sentences(text):
        for m in outside.finditer(s):
            if m.group(1) == "May":  # the month
                continue
            out.append(f"'{m.group(1)}' is a probability word outside the ICD 203 scale (in « {_short(s)} »): "
                       f"use a term of the scale ({', '.join(t for t, _ in _scale_terms(gettext))})")
        for m in sc.pattern.finditer(s):
            typed = _BAND_AFTER.match(s[m.end():])
            band = sc.band(m.group(1))
            if typed and tuple(map(int, re.findall(r"\d+", typed.group(0)))) != (band.low, band.high):
                out.append(f"« {m.group(0)} » is followed by a band that is not its own ({typed.group(0).strip()}); "
                           f"the scale gives {band.low:02d}–{band.high} %, which the edition writes")
        if confidence is not None and sc.pattern.search(s) and confidence.search(s):
            out.append(f"« {_short(s)} » states a likelihood and a confidence level in one sentence: "
                       "give the confidence in a sentence of its own")
    return out


def _scale_terms(gettext) -> list[tuple[str, Band]]:
    seen, out = set(), []
    for term, band in _catalogue_terms(gettext):
        if band not in seen:
            seen.add(band)
            out.append((term, band))
    return out


def _short(s: str, n: int = 90) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"
