"""Checks YAML values against what briefgen expects, collecting every problem with its line."""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from .errors import Problem
from .yamlio import KeyPath, Located

_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
               list: "a list", dict: "a mapping", dt.date: "a date (YYYY-MM-DD)"}


class Checker:
    """Reads values out of one Located document; wrong values become Problems, not exceptions."""

    def __init__(self, doc: Located, *, strict: bool = False):
        self.doc = doc
        self.strict = strict
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    # -- reporting ---------------------------------------------------------------------------
    def error(self, key: KeyPath, message: str) -> None:
        self.errors.append(self.doc.problem(key, message))

    def warn(self, key: KeyPath, message: str) -> None:
        (self.errors if self.strict else self.warnings).append(self.doc.problem(key, message))

    # -- structure ---------------------------------------------------------------------------
    def mapping(self, value: Any, key: KeyPath, *, known: Iterable[str] | None = None,
                required: Iterable[str] = ()) -> dict:
        """``value`` as a dict (empty if it is not one); unknown keys warned, missing ones reported."""
        if value is None:
            value = {}
        if not isinstance(value, dict):
            self.error(key, f"expected a mapping (key: value lines), got {_describe(value)}")
            return {}
        if known is not None:
            known = list(known)
            for k in value:
                if k not in known:
                    self.warn(key + (k,), f"unknown key (expected one of: {', '.join(known)})")
        for k in required:
            if k not in value or value[k] is None:
                self.error(key + (k,), "is required")
        return value

    def get(self, m: dict, key: KeyPath, name: str, typ: type | tuple[type, ...], *,
            required: bool = False, default: Any = None, choices: Iterable[Any] | None = None) -> Any:
        """One value of a known type from mapping ``m`` at ``key``; ``default`` when absent or wrong."""
        here = key + (name,)
        if name not in m or m[name] is None:
            if required:
                self.error(here, "is required")
            return default
        v = m[name]
        types = typ if isinstance(typ, tuple) else (typ,)
        if float in types and isinstance(v, int) and not isinstance(v, bool):
            v = float(v)
        if isinstance(v, bool) and bool not in types or not isinstance(v, types):
            self.error(here, f"expected {_names(types)}, got {_describe(v)}")
            return default
        if choices is not None:
            choices = list(choices)
            if v not in choices:
                self.error(here, f"{v!r} is not one of: {', '.join(map(str, choices))}")
                return default
        return v

    def text_list(self, m: dict, key: KeyPath, name: str) -> tuple[str, ...]:
        v = m.get(name)
        if v is None:
            return ()
        if isinstance(v, str):
            return (v,)
        if not isinstance(v, list):
            self.error(key + (name,), f"expected a list of text, got {_describe(v)}")
            return ()
        out = []
        for i, item in enumerate(v):
            if isinstance(item, (str, int, float)) and not isinstance(item, bool):
                out.append(str(item))
            else:
                self.error(key + (name, i), f"expected text, got {_describe(item)}")
        return tuple(out)

    def per_language(self, m: dict, key: KeyPath, name: str, languages: Iterable[str], *,
                     required: bool = False) -> dict[str, str]:
        """A ``{fr: …, en: …}`` mapping of text; a plain string counts for every language."""
        v = m.get(name)
        if v is None:
            if required:
                self.error(key + (name,), "is required")
            return {}
        if isinstance(v, str):
            return {lang: v for lang in languages}
        if not isinstance(v, dict):
            self.error(key + (name,), f"expected text per language ({', '.join(languages)}), got {_describe(v)}")
            return {}
        out = {}
        for lang, text in v.items():
            if lang not in languages:
                self.warn(key + (name, lang), f"unknown language (configured: {', '.join(languages)})")
                continue
            if text is None:
                continue
            if not isinstance(text, str):
                self.error(key + (name, lang), f"expected text, got {_describe(text)}")
                continue
            out[lang] = text
        return out


def _names(types: tuple[type, ...]) -> str:
    return " or ".join(_TYPE_NAMES.get(t, t.__name__) for t in types)


def _describe(v: Any) -> str:
    if v is None:
        return "nothing"
    if isinstance(v, bool):
        return f"{str(v).lower()} (true/false)"
    name = _TYPE_NAMES.get(type(v), type(v).__name__)
    if isinstance(v, (str, int, float)):
        s = repr(v)
        return f"{s[:40]}… ({name})" if len(s) > 40 else f"{s} ({name})"
    return name
