"""Safe YAML loading that can tell the line of every key, so errors can point at it.

Documents are built from libyaml's parser events (``_document``), without the node graph PyYAML
composes first; the lines of the keys are found, by reading the text again, only when a problem
is to be reported (``Located.line``)."""

from __future__ import annotations

import copy
import datetime as dt
import math
import sys
from pathlib import Path
from types import GeneratorType
from typing import Any, Callable

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from .errors import ConfigError, Problem

KeyPath = tuple[str | int, ...]
# libyaml's parser when PyYAML has it (several times faster), with the same safe constructor.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 64
"""Deepest nesting of lists and mappings a file may have (the deepest shape needs fewer than ten)."""
MAX_ALIAS_NODES = 10_000
"""How many values aliases (``*name``) and merge keys may add to a file once expanded: enough for
shared defaults, far too few for an alias bomb (a few lines that expand to billions of values)."""


def format_key(path: KeyPath) -> str:
    """``("facts", 2, "actors", 0)`` → ``facts[2].actors[0]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class Located:
    """A loaded YAML document plus the line of each key path in it.

    The lines are found when first asked for (a problem to report), by reading the text again:
    a document read without problems keeps no per-key record (for a week of 50,000 facts that
    record would weigh more than the facts)."""

    def __init__(self, path: Path, data: Any, lines: dict[KeyPath, int] | None = None, *,
                 relocate: Callable[[], dict[KeyPath, int]] | None = None):
        self.path = path
        self.data = data
        self._lines = lines
        self._relocate = relocate

    def _known(self) -> dict[KeyPath, int]:
        if self._lines is None:
            try:
                self._lines = self._relocate() if self._relocate else {}
            except (ConfigError, OSError, UnicodeDecodeError):  # changed since it was read
                self._lines = {}
            self._relocate = None
        return self._lines

    def line(self, key: KeyPath) -> int | None:
        """Line of ``key``, or of its nearest ancestor that has one."""
        lines = self._known()
        key = tuple(key)
        while key:
            if key in lines:
                return lines[key]
            key = key[:-1]
        return lines.get((), 1)

    def problem(self, key: KeyPath, message: str) -> Problem:
        return Problem(self.path, self.line(key), format_key(key), message)

    def lines_only(self) -> "Located":
        """The same lines (found when first asked for), without the values."""
        return Located(self.path, None, self._lines, relocate=self._relocate)


class _ValueError(yaml.MarkedYAMLError):
    """A scalar that YAML reads but no briefgen file can use; ``key`` is where it stands."""

    def __init__(self, mark, key: KeyPath, message: str):
        super().__init__(None, None, message, mark)
        self.key = key


class _DuplicateKey(yaml.YAMLError):
    """A mapping names the same key twice: YAML leaves the outcome to the loader (the last one wins
    silently in PyYAML), so briefgen refuses it, naming both lines."""

    def __init__(self, key: KeyPath, line: int, first: int):
        super().__init__(key, line, first)
        self.key, self.line, self.first = key, line, first


class _Limit(Exception):
    """Beyond the nesting or alias limits: (line, message)."""

    def __init__(self, line: int, message: str):
        super().__init__(line, message)
        self.line, self.message = line, message


_STR = "tag:yaml.org,2002:str"
_PLAIN_COLLECTION_TAGS = (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_SHORT = 40
_NO_KEY = object()
_MERGING = object()


def _scalar(loader, event: ScalarEvent, where: Callable[[], KeyPath]) -> Any:
    """One plain value, built by the safe constructor; an impossible date (2025-02-30), a date with a
    time, or a number that is not finite (.inf, .nan, 1e400) is an error naming its line and its key
    (``where()``) rather than a crash further on."""
    tag = event.tag
    if tag is None:
        if not event.implicit[0]:  # quoted or a block: text
            return event.value
        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR:
            return event.value
    elif tag == "!":
        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    build = loader.yaml_constructors.get(tag) or loader.yaml_constructors[None]  # None: unknown tag, an error
    try:
        value = build(loader, node)
        if isinstance(value, GeneratorType):  # a collection's tag on a scalar: its constructor says so
            value = next(value)
            for _ in build(loader, node):
                pass
    except (ValueError, OverflowError):
        if tag == "tag:yaml.org,2002:timestamp":
            raise _ValueError(event.start_mark, where(), f"{event.value!r} is not a date of the calendar") from None
        raise _ValueError(event.start_mark, where(), f"{event.value!r} cannot be read") from None
    if isinstance(value, dt.datetime):
        raise _ValueError(event.start_mark, where(), f"{event.value!r} has a time; expected a date (YYYY-MM-DD)")
    if isinstance(value, float) and not math.isfinite(value):
        raise _ValueError(event.start_mark, where(), f"{event.value!r} is not a finite number")
    return value


class _Open:
    """A mapping or list being read: its value so far, the key (or index) of the value to come, and
    what an anchor on it needs (its size once expanded, the lines inside it)."""

    __slots__ = ("value", "mapping", "key", "seen", "merges", "anchor", "size", "rel")

    def __init__(self, value, anchor, rel):
        self.value = value
        self.mapping = isinstance(value, dict)
        self.key = _NO_KEY if self.mapping else 0
        self.seen: dict[str, int] | None = {} if self.mapping else None  # own key -> its line
        self.merges: list | None = None
        self.anchor = anchor
        self.size = 1
        self.rel = rel  # (path of the anchored value, [(path, line)]) while lines are recorded


def _document(loader, lines: dict[KeyPath, int] | None) -> Any:
    """Build the next document of ``loader`` straight from the parser's events, without recursion
    and without composing the document's node graph first (which takes several times the memory of
    the values). Nesting deeper than MAX_DEPTH, an alias that contains itself, aliases that add more
    than MAX_ALIAS_NODES values, a duplicate key and unusable scalars are refused as they are met.
    ``lines``: filled with the line of every key path (None: not recorded)."""
    get = loader.get_event
    stack: list[_Open] = []
    anchors: dict[str, tuple[Any, int, list | None]] = {}  # anchor -> (value, size, lines inside it)
    opened: set[str] = set()
    added = 0
    path: list = []  # while lines are recorded: the key path of the value to come

    def where() -> KeyPath:
        return tuple("<<" if f.key is _MERGING else f.key for f in stack if f.key is not _NO_KEY)

    def record(key: KeyPath, line: int, *, own: bool) -> None:
        if own:
            lines[key] = line
        else:
            lines.setdefault(key, line)
        for f in stack:
            if f.rel is not None:
                f.rel[1].append((key[f.rel[0]:], line, own))

    def define(anchor, mark) -> None:
        if anchor in opened or anchor in anchors:
            raise yaml.composer.ComposerError(f"found duplicate anchor {anchor!r}", None,
                                              "second occurrence", mark)

    while True:
        event = get()
        kind = type(event)
        top = stack[-1] if stack else None
        if top is not None and top.mapping and top.key is _NO_KEY:  # a key, or the end of the mapping
            if kind is MappingEndEvent:
                pass  # closed below
            elif kind is ScalarEvent or kind is AliasEvent:
                line = event.start_mark.line + 1
                if kind is AliasEvent:
                    if event.anchor not in anchors:
                        raise yaml.composer.ComposerError(None, None, f"found undefined alias {event.anchor!r}",
                                                          event.start_mark)
                    k = anchors[event.anchor][0]
                elif event.tag is None and event.implicit[0] and event.value == "<<":
                    k = _MERGING
                else:
                    k = _scalar(loader, event, where)
                    if event.anchor is not None:
                        define(event.anchor, event.start_mark)
                        anchors[event.anchor] = (k, 1, [((), line, False)])
                if k is not _MERGING:
                    if isinstance(k, (list, dict)) or not (isinstance(k, (str, int, float, bool)) or k is None):
                        raise yaml.constructor.ConstructorError(
                            None, None, "a mapping key must be a plain value", event.start_mark)
                    k = sys.intern(k) if isinstance(k, str) else str(k)
                    if k in top.seen:
                        raise _DuplicateKey(where() + (k,), line, top.seen[k])
                    top.seen[k] = line
                    if lines is not None:
                        record(tuple(path) + (k,), line, own=True)
                top.key = k
                if lines is not None:
                    path.append("<<" if k is _MERGING else k)
                continue
            else:
                raise yaml.constructor.ConstructorError(None, None, "a mapping key must be a plain value",
                                                        event.start_mark)
        if kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop()
            value = top.value
            if top.merges:
                merged: dict = {}
                for m in top.merges:
                    merged.update(m)
                merged.update(value)
                value = merged
            if top.anchor is not None:
                opened.discard(top.anchor)
                anchors[top.anchor] = (value, top.size, top.rel[1] if top.rel else None)
            if lines is not None and not top.mapping:
                path.pop()  # the index of the item that did not come
            done, size = value, top.size
        elif kind is ScalarEvent:
            if len(stack) >= MAX_DEPTH:
                raise _Limit(event.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep")
            if lines is not None:
                record(tuple(path), event.start_mark.line + 1, own=False)
            done, size = _scalar(loader, event, where), 1
            if type(done) is str and len(done) <= _SHORT:
                done = sys.intern(done)  # ids, statuses, themes, sources: the same few words many times
            if event.anchor is not None:
                define(event.anchor, event.start_mark)
                anchors[event.anchor] = (done, 1, [((), event.start_mark.line + 1, False)])
        elif kind is AliasEvent:
            name = event.anchor
            if name in opened:
                raise _Limit(event.start_mark.line + 1, "an alias refers to a value that contains it")
            if name not in anchors:
                raise yaml.composer.ComposerError(None, None, f"found undefined alias {name!r}", event.start_mark)
            value, size, rel = anchors[name]
            added += size
            if added > MAX_ALIAS_NODES:
                raise _Limit(event.start_mark.line + 1,
                             f"aliases expand to more than {MAX_ALIAS_NODES:,} values (an alias bomb?)")
            if lines is not None:
                base = tuple(path)
                record(base, event.start_mark.line + 1, own=False)
                for sub, line, own in rel or ():
                    if sub:
                        record(base + sub, line, own=own)
            done = copy.deepcopy(value) if isinstance(value, (list, dict)) else value
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if len(stack) + 1 >= MAX_DEPTH:
                raise _Limit(event.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep")
            if event.tag not in _PLAIN_COLLECTION_TAGS:
                raise yaml.constructor.ConstructorError(None, None, f"the tag {event.tag!r} is not used here",
                                                        event.start_mark)
            rel = None
            if event.anchor is not None:
                define(event.anchor, event.start_mark)
                opened.add(event.anchor)
                if lines is not None:
                    rel = (len(path), [])
            if lines is not None:
                record(tuple(path), event.start_mark.line + 1, own=False)
            stack.append(_Open({} if kind is MappingStartEvent else [], event.anchor, rel))
            if lines is not None and kind is SequenceStartEvent:
                path.append(0)
            continue
        elif kind is DocumentEndEvent:
            return None
        else:
            raise yaml.composer.ComposerError(None, None, f"unexpected {kind.__name__}", event.start_mark)
        # ``done``: a value complete; it goes into the collection that holds it, or is the document
        if not stack:
            end = get()
            if type(end) is not DocumentEndEvent:
                raise yaml.composer.ComposerError(None, None, "expected the end of the document", end.start_mark)
            return done
        parent = stack[-1]
        parent.size += size
        if parent.mapping:
            if parent.key is _MERGING:
                sources = done if isinstance(done, list) else [done]
                if not all(isinstance(m, dict) for m in sources):
                    raise yaml.constructor.ConstructorError(
                        None, None, "expected a mapping or list of mappings for merging", event.start_mark)
                parent.merges = (parent.merges or []) + sources
            else:
                parent.value[parent.key] = done
            parent.key = _NO_KEY
        else:
            parent.value.append(done)
            parent.key += 1
        if lines is not None:
            path.pop()
            if not parent.mapping:
                path.append(parent.key)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def check_limits(root: yaml.Node) -> tuple[int, str] | None:
    """(line, message) when the composed document nests deeper than MAX_DEPTH, has an alias that
    contains itself, or expands through aliases by more than MAX_ALIAS_NODES values; else None.

    Walks the node graph without recursion, each node once: an alias bomb is refused before
    anything is built from it."""
    size: dict[int, int] = {}  # id(node) -> values once expanded
    height: dict[int, int] = {}
    distinct = 0
    open_: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        nid = id(node)
        if done:
            kids = _children(node)
            size[nid] = 1 + sum(size[id(k)] for k in kids)
            height[nid] = 1 + max((height[id(k)] for k in kids), default=0)
            open_.discard(nid)
            distinct += 1
            if height[nid] > MAX_DEPTH:
                return node.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep"
            if size[nid] - distinct > MAX_ALIAS_NODES:
                return node.start_mark.line + 1, (f"aliases expand to more than {MAX_ALIAS_NODES:,} "
                                                  "values (an alias bomb?)")
            continue
        if nid in size:
            continue
        if nid in open_:
            return node.start_mark.line + 1, "an alias refers to a value that contains it"
        open_.add(nid)
        stack.append((node, True))
        if len(open_) > MAX_DEPTH:
            return node.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep"
        stack.extend((k, False) for k in reversed(_children(node)) if id(k) not in size)
    return None


def _read(path: Path) -> bytes:
    """The bytes of a YAML file, known to be UTF-8; ConfigError naming it otherwise."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise ConfigError([Problem(path, None, "", "is a folder, expected a YAML file")]) from None
    except FileNotFoundError:
        raise
    except OSError as exc:  # a link loop, no permission…
        raise ConfigError([Problem(path, None, "", f"cannot be read: {exc.strerror or exc}")]) from None
    try:
        raw.decode("utf-8")  # checked only: libyaml reads the bytes as they are
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError([Problem(path, line, "", "not UTF-8 text")]) from None
    return raw


_READ: dict[Path, tuple[bytes, Any]] = {}
"""The values of the last files read, by path, with their bytes: a file read again unchanged (the review
desk reads a week's fact file to validate a save, then for its previews and check's problems) is not
parsed again. Callers never change the values. Files over ``_READ_LIMIT`` bytes are not kept (a very
large week would stay in memory for nothing: it is read once per command)."""
_READ_MAX = 16
_READ_LIMIT = 4 << 20


def same_file(read: Path, now: Path) -> None:
    """The file last read at ``read`` now lies at ``now`` (renamed there): a later read of ``now``
    with the same bytes is not parsed again."""
    known = _READ.pop(Path(read), None)
    if known is not None:
        _READ[Path(now)] = known


def load_yaml(path: Path, *, required: bool = True) -> Located:
    """Read one YAML file with ``yaml.SafeLoader`` semantics; raise ConfigError naming file and line."""
    path = Path(path)
    try:
        raw = _read(path)
    except FileNotFoundError:
        if not required:
            return Located(path, None, {})
        raise ConfigError([Problem(path, None, "", "file not found")]) from None
    known = _READ.get(path)
    if known is not None and known[0] == raw:
        data = known[1]
    else:
        data = _parse(raw, path, 0, None)
        if len(raw) <= _READ_LIMIT:
            if len(_READ) >= _READ_MAX:
                _READ.pop(next(iter(_READ)), None)
            _READ[path] = (raw, data)
    return Located(path, data, relocate=lambda: _file_lines(path))


def _file_lines(path: Path) -> dict[KeyPath, int]:
    lines: dict[KeyPath, int] = {}
    _parse(_read(path), path, 0, lines)
    return lines


def locate(path: Path) -> Located:
    """The lines of the keys of the YAML file at ``path``, read when first asked for (its values are
    not kept): for the problems found in a file after it was read and checked."""
    return Located(Path(path), None, relocate=lambda: _file_lines(Path(path)))


def parse_yaml(text: str, path: Path, *, first_line: int = 1) -> Located:
    """Parse YAML ``text`` that comes from ``path`` (starting at its line ``first_line``, for a block
    inside a larger file such as an article's front matter); raise ConfigError naming file and line.
    A key given twice in one mapping is an error naming both lines."""
    path = Path(path)
    shift = first_line - 1

    def relocate() -> dict[KeyPath, int]:
        lines: dict[KeyPath, int] = {}
        _parse(text, path, shift, lines)
        return {k: v + shift for k, v in lines.items()}

    return Located(path, _parse(text, path, shift, None), relocate=relocate)


def _events(text: str | bytes, lines: dict[KeyPath, int] | None) -> Any:
    """The single document of ``text`` (None when there is none), built by ``_document``."""
    loader = _Loader(text)
    try:
        loader.get_event()  # the start of the stream
        event = loader.get_event()
        if type(event) is StreamEndEvent:
            return None
        first = event.start_mark
        data = _document(loader, lines)
        event = loader.get_event()
        if type(event) is not StreamEndEvent:
            raise yaml.composer.ComposerError("expected a single document in the stream", first,
                                              "but found another document", event.start_mark)
        return data
    finally:
        loader.dispose()


def _parse(text: str | bytes, path: Path, shift: int, lines: dict[KeyPath, int] | None) -> Any:
    """The document of ``text``, or ConfigError naming ``path`` and the line (``shift`` added)."""
    try:
        return _events(text, lines)
    except _Limit as exc:
        raise ConfigError([Problem(path, exc.line + shift, "", exc.message)]) from None
    except _DuplicateKey as dup:
        raise ConfigError([Problem(path, dup.line + shift, format_key(dup.key),
                                   f"duplicate key (first at line {dup.first + shift})")]) from None
    except _ValueError as exc:
        raise ConfigError([Problem(path, exc.problem_mark.line + 1 + shift, format_key(exc.key),
                                   exc.problem)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + shift if mark else None
        what = exc.problem or str(exc)
        if exc.context:
            what = f"{exc.context}, {what}"
        raise ConfigError([Problem(path, line, "", f"YAML syntax error: {what}")]) from None
    except yaml.YAMLError as exc:
        raise ConfigError([Problem(path, None, "", f"YAML error: {exc}")]) from None


def scalar_texts(text: str | bytes) -> set[str]:
    """Every scalar of a YAML document as written (keys and values, before any type is given to
    them), read from the parser's events without building the document; empty when it is not YAML."""
    loader = _Loader(text)
    out: set[str] = set()
    try:
        while True:
            event = loader.get_event()
            if type(event) is ScalarEvent:
                out.add(event.value)
            elif type(event) is StreamEndEvent:
                return out
    except yaml.YAMLError:
        return set()
    finally:
        loader.dispose()


def composed_problem(text: str) -> tuple[int, str] | None:
    """(line, message) when ``text`` breaks the nesting or alias limits (see ``check_limits``), for
    readers that load YAML another way (the round-trip loader that rewrites fact files); None when
    within them or when it is not YAML at all (that reader reports its own syntax errors)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None if node is None else check_limits(node)
