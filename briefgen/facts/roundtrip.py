"""Round-trip YAML for the files analysts edit (facts/<week>.yaml).

``load`` reads a document with ruamel.yaml's round-trip loader: mappings and lists come back as
CommentedMap / CommentedSeq that carry every comment, the key order, the quoting and the flow or block
style of the text, and ``Document.dumps`` writes them back unchanged. The helpers below change such a
document without losing any of that: ``put``, ``remove`` and ``append`` keep the comment lines that
followed the changed spot where they were, ``merge`` updates a value in place (only what differs), and
``styled`` turns plain data (new facts) into the form briefgen writes: short id lists and date ranges
in flow style, multi-line text as literal blocks, accents as they are, lines folded at ``WIDTH``.

Where ruamel.yaml does not keep the text as written (the lead of review.py documents the rule):
plain scalars longer than a line are re-folded at ``WIDTH`` (as PyYAML folds them, so files briefgen
wrote come back byte for byte), ``null``/``~`` come back as an empty value, escapes in double-quoted
strings come back as the characters, and the whole file takes the indentation of its first block
list and nested mapping (``Document.indent``).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any, Iterable

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.tokens import CommentToken

__all__ = ["WIDTH", "Document", "YAMLError", "load", "styled", "same", "merge", "put", "remove", "append",
           "delete", "dumps"]

WIDTH = 110
DEFAULT_INDENT = (2, 2, 0)  # mapping, sequence, dash offset: "key:\n- item" as PyYAML writes it
_STR = "tag:yaml.org,2002:str"
_BLOCK = (LiteralScalarString, FoldedScalarString)
_QUOTED = (SingleQuotedScalarString, DoubleQuotedScalarString)


class _Emitter(RoundTripEmitter):
    """ruamel.yaml's emitter folding plain scalars the way PyYAML does.

    ruamel.yaml breaks a long plain scalar before the word that would cross the width (and leaves a
    trailing space on the line), PyYAML after it; every fact file so far was written by PyYAML, so its
    folding is the one that leaves them untouched."""

    def write_plain(self, text: Any, split: Any = True) -> None:
        if self.root_context:  # a document that is one scalar: ruamel.yaml's own handling
            return super().write_plain(text, split)
        return yaml.emitter.Emitter.write_plain(self, text, split)


def _yaml(indent: tuple[int, int, int]) -> YAML:
    y = YAML(typ="rt", pure=True)
    y.Emitter = _Emitter
    y.preserve_quotes = True  # a quoted value stays quoted, with the same quotes
    y.width = WIDTH
    y.allow_unicode = True
    mapping, sequence, offset = indent
    y.indent(mapping=mapping, sequence=sequence, offset=offset)
    return y


@dataclass
class Document:
    """A loaded document plus what lies outside ruamel.yaml's reach: the text before an explicit
    ``---`` (comments and directives there are dropped by its loader) and from a ``...`` end marker on,
    both kept verbatim, the indentation in use and the line ending."""

    data: Any
    head: str = ""
    tail: str = ""
    indent: tuple[int, int, int] = DEFAULT_INDENT
    newline: str = "\n"

    def dumps(self) -> str:
        out = io.StringIO()
        _yaml(self.indent).dump(self.data, out)
        text = self.head + out.getvalue() + self.tail
        return text.replace("\n", self.newline) if self.newline != "\n" else text


def _split_markers(text: str) -> tuple[str, str, str]:
    """(head, body, tail): the head ends with a ``---`` line that only comments, blank lines and
    directives precede; the tail starts at a ``...`` line."""
    lines = text.splitlines(keepends=True)
    head_end = 0
    for i, line in enumerate(lines):
        bare = line.strip()
        if line.startswith("---") and bare.split("#")[0].strip() == "---":
            head_end = i + 1
            break
        if bare and not bare.startswith(("#", "%")):
            break
    tail_start = len(lines)
    for i in range(head_end, len(lines)):
        if lines[i].rstrip() == "...":
            tail_start = i
            break
    return "".join(lines[:head_end]), "".join(lines[head_end:tail_start]), "".join(lines[tail_start:])


def load(text: str) -> Document:
    """Round-trip load; raises ruamel.yaml's YAMLError (duplicate keys included)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    head, body, tail = _split_markers(text.replace("\r\n", "\n"))
    data = _yaml(DEFAULT_INDENT).load(body)
    if data is None and body.strip():  # only comments: ruamel.yaml keeps none of them, the head does
        head, body = head + body.rstrip("\n") + "\n", ""
    return Document(data, head, tail, _guess_indent(data, body.splitlines()), newline)


def _guess_indent(data: Any, lines: list[str]) -> tuple[int, int, int]:
    """The file's indentation, from the first block list and the first nested block mapping under a
    key (ruamel.yaml writes one indentation for the whole file)."""
    mapping = sequence = offset = None
    todo = [data]
    while todo and (mapping is None or sequence is None):
        node = todo.pop(0)
        if not isinstance(node, CommentedMap) or node.fa.flow_style():
            if isinstance(node, CommentedSeq):
                todo.extend(node)
            continue
        for key, value in node.items():
            if not isinstance(value, (CommentedMap, CommentedSeq)) or not value or value.fa.flow_style():
                continue
            try:
                key_line, key_col = node.lc.key(key)
                item_line, item_col = value.lc.key(next(iter(value))) if isinstance(value, CommentedMap) \
                    else value.lc.item(0)
            except (AttributeError, IndexError, KeyError, TypeError):
                continue
            if isinstance(value, CommentedMap) and mapping is None and item_line > key_line:
                mapping = item_col - key_col
            elif isinstance(value, CommentedSeq) and sequence is None and item_line > key_line:
                dash = lines[item_line].rfind("-", 0, item_col) if item_line < len(lines) else -1
                if dash >= key_col:
                    sequence, offset = item_col - key_col, dash - key_col
            todo.append(value)
    mapping = mapping if mapping and mapping > 0 else DEFAULT_INDENT[0]
    if sequence is None or offset is None or sequence < offset + 2:
        sequence, offset = DEFAULT_INDENT[1], DEFAULT_INDENT[2]
    return mapping, sequence, offset


def dumps(data: Any) -> str:
    """YAML text of ``data`` as briefgen writes it (see ``styled``)."""
    return Document(styled(data)).dumps()


# --- new content in briefgen's style -----------------------------------------------------------------

def _multiline(value: str) -> bool:
    return "\n" in value.rstrip("\n") or (value.endswith("\n") and "\n" in value[:-1])


def _plain_is_str(value: str) -> bool:
    # briefgen reads YAML with PyYAML (YAML 1.1): "yes", "no", "on", "off", 0o10, 1:30 are not
    # strings there though they are for ruamel.yaml (YAML 1.2), which would write them unquoted.
    return yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (True, False)) == _STR


def styled(value: Any) -> Any:
    """Plain data → ruamel.yaml types in briefgen's style: a mapping of start/end/precision (a date
    range) and a short list of plain values in flow style, multi-line text as a literal block, text
    YAML 1.1 would read as something else quoted."""
    if isinstance(value, (CommentedMap, CommentedSeq)):
        return value
    if isinstance(value, dict):
        out = CommentedMap((k, styled(v)) for k, v in value.items())
        if set(value) <= {"start", "end", "precision"} and "start" in value:
            out.fa.set_flow_style()
        else:
            out.fa.set_block_style()
        return out
    if isinstance(value, (list, tuple)):
        out = CommentedSeq(styled(v) for v in value)
        flat = all(isinstance(x, (str, int, float)) and not isinstance(x, bool) for x in value)
        if flat and sum(len(str(x)) + 2 for x in value) < 90:
            out.fa.set_flow_style()
        else:
            out.fa.set_block_style()
        return out
    if isinstance(value, str) and type(value) is str:
        if _multiline(value):
            return LiteralScalarString(value)
        if not _plain_is_str(value):
            return SingleQuotedScalarString(value)
    return value


# --- comments that follow a spot ---------------------------------------------------------------------
# ruamel.yaml hangs the comment lines that follow a value on the last scalar before them (the deepest
# last key or item): comment lines between two facts belong to the last line of the first one. Whatever
# is inserted after that spot would come after them, and whatever is removed would take them along, so
# the helpers below move them to the new last spot.

def _is_block(node: Any) -> bool:
    return isinstance(node, (CommentedMap, CommentedSeq)) and len(node) > 0 and not node.fa.flow_style()


def _last_spot(node: Any, key: Any) -> tuple[Any, Any]:
    value = node[key]
    while _is_block(value):
        node, key = value, (next(reversed(value)) if isinstance(value, CommentedMap) else len(value) - 1)
        value = node[key]
    return node, key


def _slot(owner: Any) -> int:
    return 2 if isinstance(owner, CommentedMap) else 0


def _take_trailer(node: Any, key: Any) -> str:
    """Detach the comment lines after ``node[key]`` (its end-of-line comment stays)."""
    owner, k = _last_spot(node, key)
    entry = owner.ca.items.get(k)
    token = entry[_slot(owner)] if entry else None
    if token is None:
        return ""
    text = token.value
    if isinstance(owner[k], _BLOCK):  # a block scalar ends with its line break: all of it follows
        entry[_slot(owner)] = None
        return text
    cut = text.find("\n") + 1
    if not cut or cut == len(text):
        return ""
    token.value = text[:cut]  # the same token can be shared (flow collections): edit, do not replace
    return text[cut:]


def _give_trailer(node: Any, key: Any, text: str) -> None:
    if not text:
        return
    owner, k = _last_spot(node, key)
    entry = owner.ca.items.setdefault(k, [None, None, None, None])
    token = entry[_slot(owner)]
    if token is not None:
        token.value = token.value + text
    else:
        lead = "" if isinstance(owner[k], _BLOCK) else "\n"
        entry[_slot(owner)] = CommentToken(lead + text, CommentMark(0), None)


def append(seq: CommentedSeq, item: Any) -> None:
    """Append after the last item, before the comment lines that followed it."""
    trailer = _take_trailer(seq, len(seq) - 1) if len(seq) else ""
    seq.append(styled(item))
    _give_trailer(seq, len(seq) - 1, trailer)


def replace(seq: CommentedSeq, index: int, value: Any) -> None:
    """Set ``seq[index]``, keeping the comment lines that followed the old item after the new one."""
    trailer = _take_trailer(seq, index)
    seq[index] = styled(value)
    _give_trailer(seq, index, trailer)


def put(node: CommentedMap, key: Any, value: Any, order: Iterable[Any] = ()) -> None:
    """Set ``node[key]``; a new key goes after the nearest key that precedes it in ``order`` (the
    order briefgen writes keys in), else first when a later one is there, else last."""
    value = styled(value)
    if key in node:
        trailer = _take_trailer(node, key)
        node[key] = value
        _give_trailer(node, key, trailer)
        return
    order = list(order)
    keys = list(node)
    if key in order:
        before = [k for k in order[:order.index(key)] if k in node]
        after = [k for k in order[order.index(key) + 1:] if k in node]
        if before:
            pos = keys.index(before[-1]) + 1
        elif after:
            pos = keys.index(after[0])
        else:
            pos = len(keys)
    else:
        pos = len(keys)
    trailer = _take_trailer(node, keys[pos - 1]) if pos else ""
    node.insert(pos, key, value)
    _give_trailer(node, key, trailer)


def remove(node: CommentedMap, key: Any) -> None:
    """Delete a key; the comment lines that followed its value follow the previous key, those above
    it go above the next one."""
    keys = list(node)
    i = keys.index(key)
    trailer = _take_trailer(node, key)
    entry = node.ca.items.pop(key, None)
    above = entry[1] if entry and len(entry) > 1 else None
    del node[key]
    if i:
        _give_trailer(node, keys[i - 1], trailer)
    if above and i + 1 < len(keys):
        nxt = node.ca.items.setdefault(keys[i + 1], [None, None, None, None])
        nxt[1] = list(above) + list(nxt[1] or [])


def _pop(seq: CommentedSeq) -> None:
    trailer = _take_trailer(seq, len(seq) - 1)
    del seq[len(seq) - 1]
    if len(seq):
        _give_trailer(seq, len(seq) - 1, trailer)


def delete(seq: CommentedSeq, index: int) -> None:
    """Remove ``seq[index]``; the comment lines that followed it (those above the next item) follow
    the item before it, so they stay above the same next item."""
    if index == len(seq) - 1:
        _pop(seq)
        return
    trailer = _take_trailer(seq, index)
    del seq[index]
    if index:
        _give_trailer(seq, index - 1, trailer)
    elif trailer:  # the first item: its trailing comments go above the list's new first item
        entry = seq.ca.items.setdefault(0, [None, None, None, None])
        mark = CommentToken(trailer, CommentMark(0), None)
        entry[1] = [mark] + list(entry[1] or [])


def same(a: Any, b: Any) -> bool:
    """Equal as data (key order and YAML styles aside)."""
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)


def merge(old: Any, new: Any) -> Any:
    """``new`` for the place of ``old``, reusing ``old`` (updated in place: only what differs) when
    both are mappings or both lists, so the comments, key order and styles in it stay; a new string
    keeps the quotes of the one it replaces."""
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        for k in [k for k in old if k not in new]:
            remove(old, k)
        for k, v in new.items():
            if k not in old:
                put(old, k, v, new)
            elif old[k] != v:
                put(old, k, merge(old[k], v), new)
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, (list, tuple)):
        for i, v in enumerate(new[:len(old)]):
            if old[i] != v:
                old[i] = merge(old[i], v)
        while len(old) > len(new):
            _pop(old)
        for v in new[len(old):]:
            append(old, v)
        return old
    if isinstance(old, _QUOTED) and isinstance(new, str) and not _multiline(new):
        return type(old)(new)
    if isinstance(old, _BLOCK) and isinstance(new, str) and _multiline(new):
        return type(old)(new)
    return styled(new)

