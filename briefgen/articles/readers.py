"""Readers for sources/: one per file extension, each turning a file into a Source."""

from __future__ import annotations

import errno
import re
import stat
from datetime import date
from pathlib import Path
from typing import Callable, Iterable

from ..core.errors import BriefgenError, ConfigError
from ..core.yamlio import parse_yaml
from .source import Source

_DATE_LINE = re.compile(r"^\s*date\s+(\d{4})-(\d{2})(?:-(\d{2}))?(?=\s|$)")
_HEADER_LINE = re.compile(r"^(outlet|title|url)\s+(.+?)\s*$")
MAX_BYTES = 2_000_000

Reader = Callable[[Path, str], Source]
READERS: dict[str, Reader] = {}


def reader(*extensions: str):
    """Register a reader for file extensions; adding a format is adding one function."""
    def register(fn: Reader) -> Reader:
        for ext in extensions:
            READERS[ext] = fn
        return fn
    return register


def _date(y: str, m: str, d: str | None) -> date:
    return date(int(y), int(m), int(d) if d else 1)


@reader(".txt")
def read_text(path: Path, text: str) -> Source:
    """Plain text: optional header lines ``date YYYY-MM[-DD]``, ``outlet ID``, ``title …``, ``url …``.

    The date may also open the first line with the article running on after it
    (`` date 2025-07 Les combattants…``), as in some exports.
    """
    meta: dict[str, str] = {}
    published, precision = None, "day"
    offset = 0  # where the body starts; spans index into the body exactly as it stands
    lineno = 0
    while offset < len(text):
        end = text.find("\n", offset)
        end = len(text) if end == -1 else end
        line = text[offset:end]
        lineno += 1
        m = _DATE_LINE.match(line) if published is None else None
        h = _HEADER_LINE.match(line.strip())
        if m:
            try:
                published = _date(*m.group(1, 2, 3))
            except ValueError:
                raise BriefgenError(f"{path}:{lineno}: 'date' {m.group(0).strip()[5:]!r} is not a valid date") from None
            precision = "day" if m.group(3) else "month"
            if line[m.end():].strip():  # the article runs on after the date on the same line
                offset += m.end()
                break
        elif h and h.group(1) not in meta:
            meta[h.group(1)] = h.group(2)
        else:
            break
        offset = end + 1
    body = text[offset:].lstrip()
    title = meta.get("title") or _first_words(body)
    return Source(path.stem, path, title, meta.get("outlet"), published, meta.get("url"), body, precision)


@reader(".md", ".markdown")
def read_markdown(path: Path, text: str) -> Source:
    """Markdown with a YAML front matter block (title, outlet, url, date)."""
    meta: dict = {}
    body = text
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end == -1:
            raise BriefgenError(f"{path}:1: front matter opened with '---' is never closed")
        try:
            meta = parse_yaml(text[4:end], path, first_line=2).data or {}
        except ConfigError as exc:
            raise BriefgenError("; ".join(map(str, exc.problems))) from None
        if not isinstance(meta, dict):
            raise BriefgenError(f"{path}:2: front matter must be key: value lines")
        body = text[end + 4:].lstrip("\n")
    published = meta.get("date")
    if isinstance(published, str):
        m = re.match(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$", published)
        published = _date(*m.groups()) if m else None
    elif not isinstance(published, date):
        published = None
    title = str(meta.get("title") or _first_words(body))
    outlet = meta.get("outlet")
    return Source(path.stem, path, title, str(outlet) if outlet else None, published,
                  str(meta["url"]) if meta.get("url") else None, body)


def _first_words(body: str, n: int = 12) -> str:
    words = body.split()
    return " ".join(words[:n]) + ("…" if len(words) > n else "")


def normalise_text(text: str) -> str:
    """An article's text as every offset is taken: without a byte order mark, with ``\\n`` line ends
    (Windows ``\\r\\n`` and old Mac ``\\r`` alike). Done once, here, before any reader looks at it, so a
    header is found, front matter is read and evidence spans stay put whatever the file's origin."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_source(path: Path) -> Source:
    """Read one article; BriefgenError (naming the file) when it cannot be used."""
    fn = READERS.get(path.suffix.lower())
    if fn is None:
        raise BriefgenError(f"{path}: no reader for '{path.suffix}' files (known: {', '.join(sorted(READERS))})")
    size = path.stat().st_size
    if size == 0:
        raise BriefgenError(f"{path}: empty file")
    if size > MAX_BYTES:
        raise BriefgenError(f"{path}: {size / 1e6:.1f} MB is too large for an article (limit {MAX_BYTES / 1e6:.0f} MB)")
    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise BriefgenError(f"{path}: binary file, not an article")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BriefgenError(f"{path}:{line}: not UTF-8 text") from None
    source = fn(path, normalise_text(text))
    if not source.text.strip():
        raise BriefgenError(f"{path}: no article text after the header")
    return source


def _inside(folder: Path, warn: Callable[[str], None]) -> list[Path]:
    """The entries of ``folder`` (hidden ones left out) that stay inside it: a link that leads out of
    it (to /etc/passwd, to a home folder…) is warned about, naming it, and never read."""
    root = folder.resolve()
    out = []
    for p in sorted(folder.iterdir()):
        if p.name.startswith("."):
            continue
        if p.is_symlink():
            try:
                target = p.resolve(strict=True)
            except (OSError, RuntimeError):
                target = None  # a broken link: not a file, skipped below
            if target is not None and not target.is_relative_to(root):
                warn(f"{p}: a link to a file outside {folder}; skipped (articles are read only from inside it)")
                continue
        out.append(p)
    return out


def _not_a_file(p: Path) -> str:
    """Why ``p``, in a folder of articles, is neither a file nor a folder."""
    if p.is_symlink():
        try:
            p.resolve(strict=True)
        except RuntimeError:
            return "a symbolic link loop"
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return "a symbolic link loop"
            return "a dangling symbolic link (its target does not exist)"
        return "a symbolic link to something that is not a file"
    try:
        mode = p.stat().st_mode
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    return "a named pipe (FIFO), not a file" if stat.S_ISFIFO(mode) else "not a regular file"


def read_sources(paths: Path | Iterable[Path], *, warn: Callable[[str], None] = lambda msg: None,
                 accept: Callable[[Source], str | None] | None = None) -> dict[str, Source]:
    """Every readable article by id, from a folder or a list of files and folders; an unusable file
    (missing, empty, binary, too large, or refused by ``accept``, which returns why) is warned about,
    naming the file, and skipped."""
    out: dict[str, Source] = {}
    for path in [paths] if isinstance(paths, Path) else paths:
        if path.is_dir():
            files = []
            for p in _inside(path, warn):
                if p.is_dir():
                    continue
                if p.is_file():
                    files.append(p)
                else:
                    warn(f"{p}: {_not_a_file(p)}; skipped")
        elif path.is_file():
            files = [path]
        else:
            if not isinstance(paths, Path):  # a folder that is not there yet simply has no articles
                warn(f"{path}: no such file")
            continue
        for p in files:
            try:
                source = read_source(p)
                refused = accept(source) if accept else None
                if refused:
                    raise BriefgenError(f"{p}: {refused}; skipped")
            except BriefgenError as exc:
                warn(str(exc))
                continue
            if source.id in out:
                warn(f"{p}: id {source.id!r} is already used by {out[source.id].path.name}; skipped")
                continue
            out[source.id] = source
    return out
