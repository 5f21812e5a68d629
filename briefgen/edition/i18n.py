"""Everything that depends on the language, in one place: catalogues, dates, numbers, typography."""

from __future__ import annotations

import io
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_compact_decimal, format_decimal
from babel.support import Translations

from ..core.resources import locales_dir

DOMAIN = "briefgen"
NNBSP = "\u202f"  # narrow no-break space: French thousands separator, before ; ! ? and inside « »
NBSP = "\u00a0"


def po_path(lang: str) -> Path:
    return locales_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def translations(lang: str) -> Translations:
    """The catalogue of ``lang``, compiled in memory from the .po file shipped with briefgen."""
    with po_path(lang).open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return Translations(buf, domain=DOMAIN)


# -- dates ------------------------------------------------------------------------------------
def day(d: date, lang: str, *, short: bool = False) -> str:
    """« 22 juillet 2025 », "22 July 2025" (short: « 22 juil. 2025 », "22 Jul 2025"); « 1er » in French."""
    text = format_date(d, "d MMM y" if short else "d MMMM y", locale=lang)
    if lang == "fr" and d.day == 1:
        text = "1er" + text[1:]
    return text


def _day_month(d: date, lang: str) -> str:
    text = format_date(d, "d MMMM", locale=lang)
    return "1er" + text[1:] if lang == "fr" and d.day == 1 else text


def _day_only(d: date, lang: str) -> str:
    return "1er" if lang == "fr" and d.day == 1 else str(d.day)


def month(d: date, lang: str) -> str:
    return format_date(d, "MMMM y", locale=lang)


def date_range(start: date, end: date, lang: str) -> str:
    """A range of days as the period line writes it: "21–27 July 2025", « 21 au 27 juillet 2025 »."""
    if start == end:
        return day(start, lang)
    if lang == "fr":
        if start.year != end.year:
            return f"{day(start, lang)} au {day(end, lang)}"
        if start.month != end.month:
            return f"{_day_month(start, lang)} au {day(end, lang)}"
        return f"{_day_only(start, lang)} au {day(end, lang)}"
    if start.year != end.year:
        return f"{day(start, lang)} – {day(end, lang)}"
    if start.month != end.month:
        return f"{_day_month(start, lang)} – {day(end, lang)}"
    return f"{start.day}–{day(end, lang)}"


def when(start: date, end: date, precision: str, lang: str) -> str:
    """The date of a fact inside a sentence, with its preposition.

    FR: « le 22 juillet 2025 », « les 21 et 22 juillet 2025 », « du 21 au 24 juillet 2025 »,
    « en juillet 2025 », « au cours de la semaine du 21 juillet 2025 »;
    EN: "on 22 July 2025", "on 21–22 July 2025", "from 21 to 24 July 2025", "in July 2025",
    "during the week of 21 July 2025".
    """
    if precision == "month":
        return ("en " if lang == "fr" else "in ") + month(start, lang)
    if precision == "week":
        return ("au cours de la semaine du " if lang == "fr" else "during the week of ") + day(start, lang)
    if start == end:
        return ("le " if lang == "fr" else "on ") + day(start, lang)
    two_days = (end - start).days == 1
    if lang == "fr":
        if two_days and start.month == end.month:
            return f"les {_day_only(start, lang)} et {day(end, lang)}"
        return "du " + date_range(start, end, lang)
    if two_days:
        return "on " + date_range(start, end, lang)
    return "from " + date_range(start, end, lang)


# -- numbers ----------------------------------------------------------------------------------
def number(value: float, lang: str) -> str:
    """« 5 000 » (narrow no-break space), "5,000"; « 1,2 milliard », "1.2 billion" from a million up."""
    if abs(value) >= 1_000_000:
        return format_compact_decimal(value, format_type="long", locale=lang, fraction_digits=1)
    if float(value).is_integer():
        value = int(value)
    return format_decimal(value, locale=lang)


def join(items: list[str], lang: str) -> str:
    """« Bamako, Sikasso et Koutiala », "Bamako, Sikasso and Koutiala"."""
    items = [i for i in items if i]
    if not items:
        return ""
    return format_list(items, style="standard", locale=lang if lang != "en" else "en_GB")


# -- French typography ------------------------------------------------------------------------
_TAG = re.compile(r"(<[^>]*>)")
_ENTITY = re.compile(r"(&#?\w+;)")
_SPACE_BEFORE = re.compile(r"(?<=\S)[ \u00a0\u202f]?([;!?])(?=\s|$|[»)\]<])")
_COLON = re.compile(r"(?<=\S)[ \u00a0\u202f]?:(?=\s|$)")
_OPEN = re.compile(r"«[ \u00a0\u202f]?")
_CLOSE = re.compile(r"[ \u00a0\u202f]?»")


def french_text(text: str) -> str:
    """Apply French spacing to plain text: « guillemets », and ; ! ? : with their no-break spaces."""
    parts = _ENTITY.split(text)
    for i in range(0, len(parts), 2):
        t = parts[i]
        t = _SPACE_BEFORE.sub(NNBSP + r"\1", t)
        t = _COLON.sub(NBSP + ":", t)
        t = _OPEN.sub("«" + NNBSP, t)
        t = _CLOSE.sub(NNBSP + "»", t)
        parts[i] = t
    return "".join(parts)


def french_html(html: str) -> str:
    """French spacing in the text of an HTML document, leaving tags, styles and scripts alone."""
    out = []
    skip = False
    for chunk in _TAG.split(html):
        if chunk.startswith("<"):
            name = chunk[1:].split(None, 1)[0].rstrip(">").lower() if len(chunk) > 2 else ""
            if name in ("style", "script", "pre", "code"):
                skip = True
            elif name in ("/style", "/script", "/pre", "/code"):
                skip = False
            out.append(chunk)
        else:
            out.append(chunk if skip else french_text(chunk))
    return "".join(out)
