"""Safe YAML loading that remembers the line of every key, so errors can point at it."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import yaml

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
    """A loaded YAML document plus the line of each key path in it."""

    def __init__(self, path: Path, data: Any, lines: dict[KeyPath, int]):
        self.path = path
        self.data = data
        self._lines = lines

    def line(self, key: KeyPath) -> int | None:
        """Line of ``key``, or of its nearest ancestor that has one."""
        key = tuple(key)
        while key:
            if key in self._lines:
                return self._lines[key]
            key = key[:-1]
        return self._lines.get((), 1)

    def problem(self, key: KeyPath, message: str) -> Problem:
        return Problem(self.path, self.line(key), format_key(key), message)


class _DuplicateKey(Exception):
    """A mapping names the same key twice: YAML leaves the outcome to the loader (the last one wins
    silently in PyYAML), so briefgen refuses it, naming both lines."""

    def __init__(self, key: KeyPath, line: int, first: int):
        super().__init__(key, line, first)
        self.key, self.line, self.first = key, line, first


def _construct(loader, node: yaml.Node, key: KeyPath, lines: dict[KeyPath, int]) -> Any:
    lines.setdefault(key, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(loader, node, key)
    if isinstance(node, yaml.MappingNode):
        merged = getattr(node, "_merged", None)  # an alias visits its node again, already flattened
        if merged is None:
            own = sum(1 for knode, _ in node.value if knode.tag != "tag:yaml.org,2002:merge")
            loader.flatten_mapping(node)  # resolves "<<" merge keys: merged pairs first, then its own
            merged = node._merged = len(node.value) - own  # an own key may override a merged one
        out: dict[Any, Any] = {}
        seen: set[Any] = set()
        for i, (knode, vnode) in enumerate(node.value):
            k = loader.construct_object(knode, deep=True)
            if not isinstance(k, (str, int, float, bool)) and k is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be a plain value", knode.start_mark)
            k = str(k) if not isinstance(k, str) else k
            child = key + (k,)
            if i >= merged:
                if k in seen:
                    raise _DuplicateKey(child, knode.start_mark.line + 1, lines.get(child, 0))
                seen.add(k)
            lines[child] = knode.start_mark.line + 1
            out[k] = _construct(loader, vnode, child, lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(loader, item, key + (i,), lines) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


class _ValueError(yaml.MarkedYAMLError):
    """A scalar that YAML reads but no briefgen file can use; ``key`` is where it stands."""

    def __init__(self, node: yaml.Node, key: KeyPath, message: str):
        super().__init__(None, None, message, node.start_mark)
        self.key = key


def _scalar(loader, node: yaml.ScalarNode, key: KeyPath) -> Any:
    """One plain value; an impossible date (2025-02-30), a date with a time, or a number that is not
    finite (.inf, .nan, 1e400) is an error naming its line and key rather than a crash further on."""
    try:
        value = loader.construct_object(node, deep=True)
    except (ValueError, OverflowError):
        if node.tag == "tag:yaml.org,2002:timestamp":
            raise _ValueError(node, key, f"{node.value!r} is not a date of the calendar") from None
        raise _ValueError(node, key, f"{node.value!r} cannot be read") from None
    if isinstance(value, dt.datetime):
        raise _ValueError(node, key, f"{node.value!r} has a time; expected a date (YYYY-MM-DD)")
    if isinstance(value, float) and not math.isfinite(value):
        raise _ValueError(node, key, f"{node.value!r} is not a finite number")
    return value


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


_READ: dict[Path, tuple[bytes, Located]] = {}
"""The last documents read, by path, with their bytes: a file read again unchanged (a week's fact file
is read to validate it, then for the line numbers of its translations, wording and chronology) is
not parsed again. Callers read a Located, they never change it."""
_READ_MAX = 16


def same_file(read: Path, now: Path) -> None:
    """The document last read at ``read`` now lies at ``now`` (renamed there): a later read of ``now``
    with the same bytes is not parsed again."""
    known = _READ.pop(Path(read), None)
    if known is not None:
        _READ[Path(now)] = (known[0], Located(Path(now), known[1].data, known[1]._lines))


def load_yaml(path: Path, *, required: bool = True) -> Located:
    """Read one YAML file with ``yaml.SafeLoader`` semantics; raise ConfigError naming file and line."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if not required:
            return Located(path, None, {})
        raise ConfigError([Problem(path, None, "", "file not found")]) from None
    except IsADirectoryError:
        raise ConfigError([Problem(path, None, "", "is a folder, expected a YAML file")]) from None
    except OSError as exc:  # a link loop, no permission…
        raise ConfigError([Problem(path, None, "", f"cannot be read: {exc.strerror or exc}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError([Problem(path, line, "", "not UTF-8 text")]) from None
    known = _READ.get(path)
    if known is not None and known[0] == raw:
        return known[1]
    doc = parse_yaml(text, path)
    if len(_READ) >= _READ_MAX:
        _READ.pop(next(iter(_READ)), None)
    _READ[path] = (raw, doc)
    return doc


def parse_yaml(text: str, path: Path, *, first_line: int = 1) -> Located:
    """Parse YAML ``text`` that comes from ``path`` (starting at its line ``first_line``, for a block
    inside a larger file such as an article's front matter); raise ConfigError naming file and line.
    A key given twice in one mapping is an error naming both lines."""
    path = Path(path)
    shift = first_line - 1
    loader = _Loader(text)
    lines: dict[KeyPath, int] = {}
    try:
        node = loader.get_single_node()
        limit = None if node is None else check_limits(node)
        if limit:
            raise ConfigError([Problem(path, limit[0] + shift, "", limit[1])])
        data = None if node is None else _construct(loader, node, (), lines)
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
    finally:
        loader.dispose()
    if shift:
        lines = {k: v + shift for k, v in lines.items()}
    return Located(path, data, lines)


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


class LimitError(yaml.YAMLError):
    """A document beyond the nesting or alias limits (see ``check_limits``)."""


def safe_load(text: str | bytes) -> Any:
    """``yaml.safe_load`` within the nesting and alias limits (LimitError beyond them), for readers
    that need neither lines nor checks (the digests of the editions' inputs)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        limit = check_limits(node)
        if limit:
            raise LimitError(f"line {limit[0]}: {limit[1]}")
        return loader.construct_document(node)
    finally:
        loader.dispose()
