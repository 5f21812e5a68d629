"""Declared shapes for the YAML files: pydantic models validate a loaded document, and every
problem comes back as a Problem naming file, line and key path (``file:line: 'a.b[2]' message``).

A shape is a subclass of ``Schema``: strict types (YAML already gives numbers, dates and booleans,
so ``"3"`` is not a whole number), frozen, and unknown keys kept aside to be warned about (errors
with ``--strict``). Checks that need the project (known themes, entity ids…) read ``info.context``
and raise ``fail(message)``.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from dataclasses import dataclass
from typing import Annotated, Any, Callable, Iterable

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    TypeAdapter,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .errors import Problem
from .yamlio import KeyPath, Located

_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
               list: "a list", dict: "a mapping", dt.date: "a date (YYYY-MM-DD)"}


class Schema(BaseModel):
    """Base of every declared YAML shape."""

    model_config = ConfigDict(extra="allow", strict=True, frozen=True)


class Shape(Schema):
    """A mapping where a key left blank (``logo:``, ``notes:``) counts as not given: it takes its
    default, or is reported as required. The base of the shapes of briefgen's own files."""

    @model_validator(mode="before")
    @classmethod
    def _blank_is_not_given(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if v is not None}
        return data


@dataclass(frozen=True, slots=True)
class LanguageKeys:
    """Marks a mapping keyed by language: keys outside the configured languages are warned about."""


def fail(message: str, *, at: KeyPath = ()) -> PydanticCustomError:
    """An error raised by a check of ours; its message is shown as written. ``at`` names the key
    inside the value checked (a check on a whole fact that is about its ``id``)."""
    return PydanticCustomError("briefgen", message, {"at": tuple(at)} if at else None)


# An RFC 2047 encoded word (``=?utf-8?q?…?=``): mail programs decode it inside a header, where it
# could carry a line break and a header of its own. Text that goes into a header may not hold one.
_ENCODED_WORD = re.compile(r"=\?.*\?=", re.S)
ENCODED_WORD = ("holds an RFC 2047 encoded word ('=?…?='), which mail programs would decode into header "
                "lines; write the text itself")


def no_encoded_word(value: str) -> str:
    """Header text (a name, a title): refused when it holds an encoded word."""
    if _ENCODED_WORD.search(value):
        raise fail(ENCODED_WORD)
    return value


def _one_or_many(v: Any) -> Any:
    """A single text where a list is expected counts as a list of one; numbers count as text."""
    if isinstance(v, str):
        return (v,)
    if isinstance(v, list):
        return tuple(str(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else x for x in v)
    return v


def _per_language(v: Any) -> Any:
    """``text`` for every language, or ``{fr: …, en: …}``; empty entries are left out."""
    if isinstance(v, str):
        return {"*": v}
    if isinstance(v, dict):
        return {k: x for k, x in v.items() if x is not None}
    return v


TextList = Annotated[tuple[str, ...], BeforeValidator(_one_or_many)]
"""A list of text (ids, themes…); a single text is a list of one."""


def text_list(*checks: Callable[..., str]) -> Any:
    """A TextList whose every item goes through ``checks`` (AfterValidator functions), so that a
    problem names the item: ``facts[5].themes[0]``."""
    item = Annotated[(str, *(AfterValidator(c) for c in checks))] if checks else str
    return Annotated[tuple[item, ...], BeforeValidator(_one_or_many)]


PerLanguage = Annotated[dict[str, str], BeforeValidator(_per_language), LanguageKeys()]
"""Text per language; a plain text stands for every language (see ``languages_of``)."""


def _lists_per_language(v: Any) -> Any:
    """A list (or one text) for every language, or ``{fr: […], en: […]}``."""
    if isinstance(v, (str, list)):
        return {"*": v}
    if isinstance(v, dict):
        return {k: x for k, x in v.items() if x is not None}
    return v


ListsPerLanguage = Annotated[dict[str, TextList], BeforeValidator(_lists_per_language), LanguageKeys()]
"""A TextList per language; a plain list stands for every language (see ``languages_of``)."""


def ListOf(item: Any) -> Any:
    """A list whose items are each checked as ``item`` (a shape, or text with its own validators), so
    a problem names its index (``themes[2]``); as in TextList, a single text is a list of one."""
    return Annotated[tuple[item, ...], BeforeValidator(_one_or_many)]


def between(low: float, high: float, why: str = "") -> AfterValidator:
    """A number from ``low`` to ``high`` included; ``why`` is added to the message."""
    def check(value: float) -> float:
        if not low <= value <= high:
            raise fail(f"must be between {low} and {high}{why}, got {value}")
        return value
    return AfterValidator(check)


def languages_of(value: dict[str, str], languages: Iterable[str]) -> dict[str, str]:
    """A PerLanguage value resolved for the configured ``languages``."""
    languages = tuple(languages)
    if "*" in value:
        return {lang: value["*"] for lang in languages}
    return {k: v for k, v in value.items() if k in languages}


def validate(doc: Located, model: Any, *, context: dict | None = None, strict: bool = False,
             languages: Iterable[str] = ()) -> tuple[Any, list[Problem], list[Problem]]:
    """``doc`` checked against ``model``: (the value or None, errors, warnings). Unknown keys and
    unknown languages are warnings, or errors when ``strict``. ``model`` is a Schema, or a type made
    of them (``dict[str, Outlet]`` for a file that is one mapping of entries)."""
    data = doc.data if doc.data is not None else {}
    errors: list[Problem] = []
    value = None
    try:
        if isinstance(model, type) and issubclass(model, BaseModel):
            value = model.model_validate(data, context=context)
        else:
            value = TypeAdapter(model).validate_python(data, context=context)
    except ValidationError as exc:
        for e in exc.errors(include_url=False):
            loc = tuple(e["loc"]) + tuple((e.get("ctx") or {}).get("at", ()))
            errors.append(doc.problem(_data_path(data, loc), _message(e)))
    notes = [doc.problem(key, msg) for key, msg in _unknown(data, model, (), tuple(languages))]
    if strict:
        errors.extend(notes)
        notes = []
    return (None if errors else value), _unique(errors), _unique(notes)


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def _data_path(data: Any, loc: tuple) -> KeyPath:
    """Pydantic's location with its own markers (union members, validators) dropped: only the keys
    and indexes that exist in the data, so the line can be found."""
    out: list = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            out.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            out.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not any(c in part for c in "[]-"):
            out.append(part)  # a missing key: named, at its parent's line
            node = None
    return tuple(out)


def describe(v: Any) -> str:
    """A value as a message shows it: ``'four' (text)``, ``12 (a whole number)``, ``nothing``."""
    if v is None:
        return "nothing"
    if isinstance(v, bool):
        return f"{str(v).lower()} (true/false)"
    name = _TYPE_NAMES.get(type(v), type(v).__name__)
    if isinstance(v, (str, int, float)):
        s = repr(v)
        return f"{s[:40]}… ({name})" if len(s) > 40 else f"{s} ({name})"
    return name


_EXPECTED = {
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
    "int_from_float": "a whole number", "float_type": "a number", "float_parsing": "a number",
    "bool_type": "true or false", "bool_parsing": "true or false", "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)", "date_from_datetime_inexact": "a date (YYYY-MM-DD)",
    "list_type": "a list", "tuple_type": "a list", "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)", "model_attributes_type": "a mapping (key: value lines)",
}


def _message(e: dict) -> str:
    kind = e["type"]
    if kind == "missing":
        return "is required"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {describe(e.get('input'))}"
    if kind == "literal_error":
        expected = e.get("ctx", {}).get("expected", "")
        choices = expected.replace("' or '", "', '").replace("'", "")
        return f"{e.get('input')!r} is not one of: {choices}"
    msg = e["msg"]
    return msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")


def _fits(tp: Any, data: Any) -> bool:
    """Whether ``data`` has the outer shape of ``tp`` (a mapping, a list, a text)."""
    while typing.get_origin(tp) is Annotated:
        tp = typing.get_args(tp)[0]
    origin = typing.get_origin(tp) or tp
    if isinstance(origin, type) and issubclass(origin, (BaseModel, dict)):
        return isinstance(data, dict)
    if origin in (list, tuple):
        return isinstance(data, list)
    return isinstance(origin, type) and isinstance(data, origin)


def _unwrap(tp: Any, data: Any = None) -> tuple[Any, tuple]:
    """An annotation without Annotated and Optional: (type, metadata). Of a union, the member that
    ``data`` fits (else its first shape)."""
    meta: tuple = ()
    while True:
        origin = typing.get_origin(tp)
        if origin is Annotated:
            args = typing.get_args(tp)
            tp, meta = args[0], meta + tuple(args[1:])
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            tp = next((a for a in args if _fits(a, data)), models[0] if models else args[0])
        else:
            return tp, meta


def _unknown(data: Any, tp: Any, key: KeyPath, languages: tuple[str, ...]):
    """(key path, message) for every key the shape does not know, walking the raw data."""
    tp, meta = _unwrap(tp, data)
    origin = typing.get_origin(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if not isinstance(data, dict):
            return
        fields = tp.model_fields
        known = list(fields)
        for k, v in data.items():
            if k not in fields:
                yield key + (k,), f"unknown key (expected one of: {', '.join(known)})"
            else:
                yield from _unknown(v, fields[k].annotation if not fields[k].metadata else
                                    Annotated[(fields[k].annotation, *fields[k].metadata)], key + (k,), languages)
    elif origin in (list, tuple) and isinstance(data, list):
        args = [a for a in typing.get_args(tp) if a is not Ellipsis]
        if args:
            for i, item in enumerate(data):
                yield from _unknown(item, args[0], key + (i,), languages)
    elif origin is dict and isinstance(data, dict):
        if any(isinstance(m, LanguageKeys) for m in meta) and languages:
            for k in data:
                if k not in languages:
                    yield key + (k,), f"unknown language (configured: {', '.join(languages)})"
            return
        args = typing.get_args(tp)
        if len(args) == 2:
            for k, v in data.items():
                yield from _unknown(v, args[1], key + (k,), languages)
