"""Safe YAML loading that remembers the line of every key, so errors can point at it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError, Problem

KeyPath = tuple[str | int, ...]
# libyaml's parser when PyYAML has it (several times faster), with the same safe constructor.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError([Problem(path, line, "", "not UTF-8 text")]) from None
    return parse_yaml(text, path)


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
        data = None if node is None else _construct(loader, node, (), lines)
    except _DuplicateKey as dup:
        raise ConfigError([Problem(path, dup.line + shift, format_key(dup.key),
                                   f"duplicate key (first at line {dup.first + shift})")]) from None
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
