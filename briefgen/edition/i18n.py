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
_URL = re.compile(r"((?:https?|mailto|ftp):\S+|www\.\S+)")
_SPACE_BEFORE = re.compile(r"(?<=\S)[ \u00a0\u202f]?([;!?])(?=\s|$|[»)\]<])")
_COLON = re.compile(r"(?<=\S)[ \u00a0\u202f]?:(?=\s|$)")
_OPEN = re.compile(r"«[ \u00a0\u202f]?")
_CLOSE = re.compile(r"[ \u00a0\u202f]?»")
_PERCENT = re.compile(r"(?<=\d)[ \u00a0\u202f]?%")
_NUMERO = re.compile(r"\b(n°|nº|no\.)[ \u00a0\u202f]?(?=\d)")
_NUMBER_WORD = re.compile(r"(?<=\d) (?=[^\W\d_])")
"""A number and the word it counts or dates stay on one line: « 900\u00a0recrues », « 22\u00a0juillet »."""
_APOSTROPHE = re.compile(r"(?<=\w)'|'(?=\w)")
_ORDINAL = re.compile(r"\b(1)(er|re|ers|res)\b|\b(\d+)(e|es)\b")
"""« 1er », « 1re », « 2e »: the letters are set as superscript in HTML (« 1<sup>er</sup> »)."""


def french_text(text: str) -> str:
    """French typography in plain text: no-break spaces inside « guillemets », before ; ! ? : and %,
    after « n° » and between a number and its word; typographic apostrophes. Entities and URLs are
    left alone."""
    parts = _URL.split(text)
    for i in range(0, len(parts), 2):
        pieces = _ENTITY.split(parts[i])
        for j in range(0, len(pieces), 2):
            pieces[j] = _french_words(pieces[j])
        parts[i] = "".join(pieces)
    return "".join(parts)


def _french_words(t: str) -> str:
    t = _SPACE_BEFORE.sub(NNBSP + r"\1", t)
    t = _COLON.sub(NBSP + ":", t)
    t = _OPEN.sub("«" + NNBSP, t)
    t = _CLOSE.sub(NNBSP + "»", t)
    t = _PERCENT.sub(NNBSP + "%", t)
    t = _NUMERO.sub(lambda m: m.group(1) + NBSP, t)
    t = _NUMBER_WORD.sub(NBSP, t)
    return _APOSTROPHE.sub("\u2019", t)


def _superscript_ordinals(text: str) -> str:
    return _outside_urls(text, lambda t: _ORDINAL.sub(
        lambda m: f"{m.group(1)}<sup>{m.group(2)}</sup>" if m.group(1) else f"{m.group(3)}<sup>{m.group(4)}</sup>", t))


_RAW = ("style", "script", "pre", "code")
"""Elements whose text is never touched."""
_NO_MARKUP = ("title", "textarea", "svg", "option")
"""Elements whose text takes the spacing but no added markup (RCDATA, or SVG text)."""
_UNHYPHENATED = ("h1", "h2", "h3", "h4", "h5", "h6", "th")
"""Elements the styles never hyphenate: their long words need no marking."""
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_START = re.compile(r"<([A-Za-z][\w:-]*)")
_LANG = re.compile(r"""\slang\s*=\s*["']?([A-Za-z-]+)""")
_NAME_CLASS = re.compile(r"""\sclass\s*=\s*["'][^"']*\bname\b""")
HYPHENATE_MIN = 10
"""The shortest word hyphenation may cut (``hyphenate-limit-chars`` in brief.css.j2)."""
_LONG_NAME = re.compile(r"(?<![\w\u2019'-])[A-ZÀ-ÖØ-Þ][^\W\d_]{%d,}" % (HYPHENATE_MIN - 1))


def french_html(html: str, lang: str = "fr") -> str:
    """French typography in the text of an HTML document or fragment whose language is ``lang``."""
    return typeset_html(html, lang)


def typeset_html(html: str, lang: str, *, keep_names: bool = False) -> str:
    """Typography in the text of an HTML document or fragment whose language is ``lang``.

    French rules apply wherever the language in force is French (an element's ``lang`` attribute
    changes it for its content, so a French quote in the English edition gets them and an English
    translation in the French one does not), with ordinals in superscript; a rule that spans inline
    markup (« <strong>faible</strong> : ») sees the text on both sides. ``keep_names``: capitalised
    words long enough to be hyphenated are marked ``<span class="name">`` (never hyphenated) where
    they are not inside one already. Tags, attributes, styles, scripts and code are left alone.
    """
    out = []
    frames: list[list] = [["", lang, 1, False]]  # [element, language, open elements of that name, in a name]
    raw = markup_free = unhyphenated = 0
    before = ""  # the last character of French text written, for rules that look behind
    for chunk in _TAG.split(html):
        if not chunk:
            continue
        if chunk.startswith("<"):
            out.append(chunk)
            closing = chunk.startswith("</")
            m = _START.match(chunk.replace("</", "<", 1))
            if not m:
                continue
            name = m.group(1).lower()
            if name in _RAW:
                raw += -1 if closing else 1
            elif name in _NO_MARKUP:
                markup_free += -1 if closing else 1
            elif name in _UNHYPHENATED:
                unhyphenated += -1 if closing else 1
            if name in _VOID or chunk.endswith("/>"):
                continue
            top = frames[-1]
            if closing:
                if top[0] == name:
                    top[2] -= 1
                    if top[2] == 0 and len(frames) > 1:
                        frames.pop()
            else:
                found, is_name = _LANG.search(chunk), bool(_NAME_CLASS.search(chunk))
                if found or is_name:
                    frames.append([name, found.group(1).lower() if found else top[1], 1, top[3] or is_name])
                elif top[0] == name:
                    top[2] += 1
            continue
        if raw > 0:
            out.append(chunk)
            continue
        text = chunk
        if frames[-1][1].startswith("fr"):
            text = text.replace("&#39;", "'").replace("&#x27;", "'")
            context = before if before and not before.isspace() else ""
            text = french_text(context + text)[len(context):]
            before = text[-1:]
            if markup_free <= 0:
                text = _superscript_ordinals(text)
        else:
            before = ""
        if keep_names and markup_free <= 0 and unhyphenated <= 0 and not frames[-1][3]:
            text = _outside_urls(text, lambda t: _LONG_NAME.sub(r'<span class="name">\g<0></span>', t))
        out.append(text)
    return "".join(out)


def _outside_urls(text: str, change) -> str:
    parts = _URL.split(text)
    for i in range(0, len(parts), 2):
        parts[i] = change(parts[i])
    return "".join(parts)
