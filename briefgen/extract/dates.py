"""French date expressions → DateSpan, resolved against the article's own date.

A thin layer of our own: the expressions a news article uses are few and regular, and the
hard part (« le 22 juillet dernier », « en février dernier », « au début du mois ») is the
reference-date logic that generic parsers do not have. Token patterns for the EntityRuler live
here too, so what the ruler finds and what this module can resolve never drift apart.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..core.weeks import week_of
from ..facts.model import DateSpan

MONTHS = {"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
          "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
          "décembre": 12, "decembre": 12, "févier": 2}
ABBREVIATED = {"janv": 1, "févr": 2, "fév": 2, "fevr": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11,
               "déc": 12, "dec": 12}
"""Months as datelines abbreviate them (« 18 Nov »): read only right after a day's number."""
_NUMERIC = re.compile(r"^\s*(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})\s*$")
"""A day written in figures, day first: « 11/07/23 », « 2-3-2025 »."""
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
PAST = ("dernier", "dernière", "derniere")
FAR_AHEAD = 120
"""Days ahead of the article beyond which a day without its year is read as past: the press tells
what happened more often than what is planned months away."""
FUTURE = ("prochain", "prochaine")


@dataclass(frozen=True, slots=True)
class Reference:
    """The date relative expressions are resolved against."""

    day: date
    precision: str = "day"
    """``day`` when the article's day is known; ``month`` for a month-only date line or a date
    inferred from the text (then only expressions that do not need the exact day resolve)."""

    @property
    def latest(self) -> date:
        """The last day the article can have been written on."""
        if self.precision == "month":
            return self.day.replace(day=calendar.monthrange(self.day.year, self.day.month)[1])
        return self.day


def month_span(year: int, month: int) -> DateSpan:
    last = calendar.monthrange(year, month)[1]
    return DateSpan(date(year, month, 1), date(year, month, last), "month")


def week_span(d: date) -> DateSpan:
    monday = d - timedelta(days=d.weekday())
    return DateSpan(monday, monday + timedelta(days=6), "week")


def _pick_year(month: int, day: int, ref: Reference, direction: str | None) -> date | None:
    """The occurrence of day/month that the article means: past for « dernier », future for
    « prochain », otherwise the one nearest to the reference date."""
    options = []
    for y in (ref.day.year - 1, ref.day.year, ref.day.year + 1):
        try:
            options.append(date(y, month, day))
        except ValueError:
            continue
    if not options:
        return None
    if direction == "past":
        past = [d for d in options if d <= ref.latest]
        return max(past) if past else None
    if direction == "future":
        future = [d for d in options if d >= ref.day]
        return min(future) if future else None
    nearest = min(options, key=lambda d: abs((d - ref.day).days))
    past = [d for d in options if d <= ref.latest]
    if (nearest - ref.latest).days > FAR_AHEAD and past:
        return max(past)  # « les autorités du 26 juillet » in February: last July, not next
    return nearest


def _direction(words: list[str]) -> str | None:
    if any(w in PAST for w in words):
        return "past"
    if any(w in FUTURE for w in words):
        return "future"
    return None


_WORD = re.compile(r"[\w'-]+")


def resolve(text: str, ref: Reference | None) -> DateSpan | None:
    """Resolve one French date expression (as the ruler found it); None when it cannot be.

    >>> resolve("le 22 juillet dernier", Reference(date(2025, 7, 1), "month"))
    DateSpan(start=datetime.date(2025, 7, 22), end=datetime.date(2025, 7, 22), precision='day')
    """
    numeric = _NUMERIC.match(text)
    if numeric:
        d, _, m, y = numeric.groups()
        try:
            day = date(int(y) + (2000 if len(y) == 2 else 0), int(m), int(d))
        except ValueError:
            return None
        return DateSpan(day, day, "day")
    words = [w for w in _WORD.findall(text.lower().replace("1er", "1"))]
    direction = _direction(words)
    nums = [int(w) for w in words if w.isdigit() and len(w) <= 2]
    years = [int(w) for w in words if w.isdigit() and len(w) == 4]
    months = [MONTHS[w] for w in words if w in MONTHS] or [ABBREVIATED[w] for w in words if w in ABBREVIATED]
    days = [WEEKDAYS[w] for w in words if w in WEEKDAYS]
    if months:
        month = months[-1]
        if nums and len(months) > 1:  # « du 27 janvier au 5 février 2023 »
            return _across_months(nums[0], months[0], nums[-1], month, years, ref, direction)
        if nums:
            first, last = min(nums), max(nums)
            if years:
                try:
                    return DateSpan(date(years[-1], month, first), date(years[-1], month, last), "day")
                except ValueError:
                    return None
            if ref is None:
                return None
            end = _pick_year(month, last, ref, direction)
            if end is None:
                return None
            try:
                start = date(end.year, month, first)
            except ValueError:
                return None
            return DateSpan(start, end, "day")
        # a month alone: « en février dernier », « juillet 2025 », « début juillet »
        if years:
            span = month_span(years[-1], month)
        elif ref is None:
            return None
        else:
            picked = _pick_year(month, 1, Reference(ref.day.replace(day=1), "month"), direction)
            if picked is None:
                return None
            span = month_span(picked.year, month)
        return _part_of_month(span, words)
    if ref is None:
        return None
    # a day or a week told relative to a page that gives only its month: that month (the guide's
    # reading; « hier » on the first may be the month before, which the page does not say)
    month = month_span(ref.day.year, ref.day.month) if ref.precision == "month" else None
    if "hier" in words or "avant-hier" in words:
        if ref.precision != "day":
            return month
        back = 2 if "avant-hier" in words else 1
        d = ref.day - timedelta(days=back)
        return DateSpan(d, d, "day")
    if "aujourd'hui" in words:
        # under a month-only page, « aujourd'hui » may as well mean nowadays: no date
        return DateSpan(ref.day, ref.day, "day") if ref.precision == "day" else None
    if "semaine" in words:
        if ref.precision != "day":
            return month
        shift = -7 if direction == "past" else 7 if direction == "future" else 0
        return week_span(ref.day + timedelta(days=shift))
    if "mois" in words or "mois-ci" in words:
        base = ref.day.replace(day=1)
        if direction == "past":
            base = (base - timedelta(days=1)).replace(day=1)
        elif direction == "future":
            base = (base + timedelta(days=32)).replace(day=1)
        return _part_of_month(month_span(base.year, base.month), words)
    if days and ref.precision == "day":
        wd = days[-1]
        if direction == "future":
            delta = (wd - ref.day.weekday()) % 7 or 7
            d = ref.day + timedelta(days=delta)
        else:
            # a bare weekday in a news report: the most recent one (today included)
            d = ref.day - timedelta(days=(ref.day.weekday() - wd) % 7)
            if direction == "past" and d == ref.day:
                d -= timedelta(days=7)
        return DateSpan(d, d, "day")
    if days:
        return month
    return None


def _across_months(d1: int, m1: int, d2: int, m2: int, years: list[int], ref: Reference | None,
                   direction: str | None) -> DateSpan | None:
    """A range whose ends are in two months; the year written once belongs to both ends."""
    try:
        if years:
            end = date(years[-1], m2, d2)
        elif ref is None or (end := _pick_year(m2, d2, ref, direction)) is None:
            return None
        start = date(years[0] if len(years) > 1 else end.year, m1, d1)
        if start > end:
            start = start.replace(year=start.year - 1)
    except ValueError:
        return None
    return DateSpan(start, end, "day")


def _part_of_month(span: DateSpan, words: list[str]) -> DateSpan:
    """« au début du mois » → the first ten days, « à la mi-… » the middle, « à la fin » the last."""
    s, e = span.start, span.end
    if "début" in words or "debut" in words:
        return DateSpan(s, s.replace(day=10), "month")
    if "mi" in words or "milieu" in words or any(w.startswith("mi-") for w in words):
        return DateSpan(s.replace(day=11), s.replace(day=20), "month")
    if "fin" in words:
        return DateSpan(s.replace(day=21), e, "month")
    return span


def span_key(span: DateSpan) -> str:
    """A compact, comparable form: ``2025-07-22``, ``2025-07-21/2025-07-22``, ``2025-W30``, ``2025-07``."""
    if span.precision == "week":
        return week_of(span.start)
    if span.precision == "month" and span.start.day == 1 and span.end == month_span(
            span.start.year, span.start.month).end:
        return f"{span.start.year}-{span.start.month:02d}"
    if span.start == span.end:
        return span.start.isoformat()
    return f"{span.start.isoformat()}/{span.end.isoformat()}"


# -- EntityRuler token patterns --------------------------------------------------------------
_DAYNUM = {"TEXT": {"REGEX": r"^(1er|[0-3]?\d)$"}}
_MONTH = {"LOWER": {"IN": list(MONTHS)}}
_YEAR = {"TEXT": {"REGEX": r"^(19|20)\d\d(?:\.[A-ZÉÀ][a-zé]*|\([A-Z]{2,6}\)(?:-\w*)?)?$"}}
"""A year, with what a missing space glued to it: « 2011.Le », « 2024(AIB)-Le »."""
_WD = {"LOWER": {"IN": list(WEEKDAYS)}}
_REL = {"LOWER": {"IN": list(PAST + FUTURE)}}
_AND = {"LOWER": {"IN": ["et", "au", "-", "à"]}}
_TO = {"LOWER": {"IN": ["au", "-", "à"]}}
_ABBR = {"LOWER": {"IN": list(ABBREVIATED) + [a + "." for a in ABBREVIATED]}}  # (« janv. » may be one token)
_SEP = {"TEXT": {"IN": ["/", ".", "-"]}}


def ruler_patterns() -> list[dict]:
    """Token patterns labelled DATE for the gazetteer EntityRuler."""
    opt = lambda p: {**p, "OP": "?"}  # noqa: E731 - tiny helper
    seqs = [
        [opt(_WD), _DAYNUM, _MONTH, opt(_YEAR), opt(_REL)],
        [opt(_WD), _DAYNUM, _AND, opt(_WD), _DAYNUM, _MONTH, opt(_YEAR), opt(_REL)],
        [opt(_WD), _DAYNUM, _MONTH, opt(_YEAR), _TO, opt(_WD), _DAYNUM, _MONTH, opt(_YEAR)],
        # « entre le 1er janvier 1994 et le 31 décembre 2001 », « entre le 3 et le 5 mars »: a range
        [{"LOWER": "entre"}, opt({"LOWER": "le"}), opt(_WD), _DAYNUM, opt(_MONTH), opt(_YEAR), _AND,
         opt({"LOWER": "le"}), opt(_WD), _DAYNUM, _MONTH, opt(_YEAR)],
        [_DAYNUM, {"IS_SPACE": True, "OP": "?"}, _ABBR, {"ORTH": ".", "OP": "?"}, opt(_YEAR)],
        [{"TEXT": {"REGEX": r"^\d{1,2}([/.])\d{1,2}\1(\d{2}|\d{4})$"}}],
        [_DAYNUM, _SEP, {"TEXT": {"REGEX": r"^(0?[1-9]|1[0-2])$"}}, _SEP, _YEAR],
        [{"LOWER": {"IN": ["début", "fin", "mi"]}, "OP": "?"}, {"LOWER": "-", "OP": "?"}, _MONTH,
         opt(_YEAR), opt(_REL)],
        [_WD, opt(_REL)],
        [{"LOWER": {"IN": ["hier", "avant-hier", "aujourd'hui"]}}],
        [{"LOWER": {"IN": ["au", "à", "en"]}}, {"LOWER": "la", "OP": "?"},
         {"LOWER": {"IN": ["début", "milieu", "fin"]}}, {"LOWER": "du"}, {"LOWER": "mois"},
         opt({"LOWER": {"IN": ["dernier", "prochain"]}})],
        [{"LOWER": {"IN": ["la", "cette"]}}, {"LOWER": "semaine"}, opt(_REL)],
        [{"LOWER": "le"}, {"LOWER": "mois"}, _REL],
        [{"LOWER": "ce"}, {"LOWER": "mois"}, {"ORTH": "-", "OP": "?"}, {"LOWER": {"IN": ["ci", "-ci"]}, "OP": "?"}],
    ]
    out = [{"label": "DATE", "pattern": p} for p in seqs]
    # « la semaine » alone is no date: require the qualifier unless it is « cette semaine »
    out = [o for o in out if o["pattern"][:2] != [{"LOWER": {"IN": ["la", "cette"]}}, {"LOWER": "semaine"}]]
    out.append({"label": "DATE", "pattern": [{"LOWER": "cette"}, {"LOWER": "semaine"}, opt(_REL)]})
    out.append({"label": "DATE", "pattern": [{"LOWER": "la"}, {"LOWER": "semaine"}, _REL]})
    return out


_NAMED_AFTER = re.compile(r"\b[a-zàâçéèêëîïôûù']+ [A-ZÉ][\w-]+ (?:du|de l'|de la) $")
"""« le Stade du 26 mars », « au Boulevard du 22 octobre »; not « Organisée du 11 au 15 août » (a
sentence's first word)."""
_YEAR_IN = re.compile(r"\b(?:19|20)\d\d\b")


def completed(text: str, found: list) -> list:
    """The date mentions of ``found`` (DateMention) with what the words around them tell:

    - a date after a capitalised noun and « du » names a place (« le Stade du 26 mars »): no date;
    - a month without its year, then « et » and a month with one, takes that year (« en mars et
      août 2022 »);
    - a bare weekday under a page that gives only its month (resolved to the month) is the day
      of that weekday the article writes in that month, if it writes one (« le mardi 29 mars … mardi »)."""
    from dataclasses import replace

    out = [m for m in found if not _NAMED_AFTER.search(text[max(0, m.start - 40):m.start])]
    days = [m.span for m in out if m.span.precision == "day" and m.span.start == m.span.end]
    for i, m in enumerate(out):
        words = _WORD.findall(m.text.lower())
        if m.span.precision == "month" and any(w in WEEKDAYS for w in words) and not any(
                w.isdigit() or w in MONTHS for w in words):
            wd = WEEKDAYS[next(w for w in words if w in WEEKDAYS)]
            same = [d for d in days if d.start.weekday() == wd and m.span.start <= d.start <= m.span.end]
            if len({d.start for d in same}) == 1:
                out[i] = replace(m, span=same[0])
    for i, m in enumerate(out[:-1]):
        nxt = out[i + 1]
        if (m.span.precision == "month" and not _YEAR_IN.search(m.text)
                and text[m.end:nxt.start].strip() in ("et", ",", "ou") and (year := _YEAR_IN.search(nxt.text))):
            span = resolve(f"{m.text} {year.group()}", None)
            if span is not None:
                out[i] = replace(m, span=span)
    return out


_BEFORE_AFTER = re.compile(r"^\s*(auparavant|plus tôt|plus tard)\b", re.IGNORECASE)
_SHIFT_UNITS = {"day": 1, "week": 7, "month": 0}


def relative(text: str, dates: list, quantities: list) -> tuple[list, list]:
    """Durations that place an event against the date told just before (« en octobre 2021 … trois
    mois auparavant » is July 2021): dates, not quantities. Returns (dates, quantities)."""
    from .types import DateMention

    dates, kept = list(dates), []
    for q in quantities:
        unit, n = q.quantity.unit, q.quantity.value
        move = _BEFORE_AFTER.match(text[q.end:q.end + 20])
        before = [d for d in dates if d.end <= q.start and q.sent - 1 <= d.sent <= q.sent]
        if unit not in _SHIFT_UNITS or not move or not before or not n.is_integer():
            kept.append(q)
            continue
        sign = 1 if move.group(1).lower() == "plus tard" else -1
        base = before[-1].span
        if unit == "month":
            k = base.start.year * 12 + base.start.month - 1 + sign * int(n)
            span = month_span(k // 12, k % 12 + 1)
        else:
            d = base.start + timedelta(days=sign * int(n) * _SHIFT_UNITS[unit])
            span = DateSpan(d, d, "day") if base.precision == "day" else week_span(d)
        end = q.end + move.end()
        dates.append(DateMention(q.start, end, text[q.start:end], span, q.sent))
    dates.sort(key=lambda d: d.start)
    return dates, kept
