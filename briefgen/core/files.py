"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


def private_dir(path: Path) -> Path:
    """``path`` as a folder, each missing part of it created readable by its owner only (0700,
    whatever the umask); folders that exist are left as they are."""
    missing = []
    p = path
    while not p.is_dir():
        missing.append(p)
        if p.parent == p:
            break
        p = p.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            if not folder.is_dir():
                raise
    return path


@contextmanager
def owner_only():
    """Files created inside are readable by their owner only (umask 077), whatever the umask: for
    files another library creates (SQLite, which gives its journal the database's mode)."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def write_atomic(path: Path, data: bytes, *, private: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: never a half-written file.

    ``private`` (editions, messages, caches, state): the file is readable by its owner only (0600) and
    missing folders are created 0700, whatever the umask; otherwise (a desk's own files) the umask rules."""
    if private:
        private_dir(path.parent)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)  # 0600
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        if not private:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def image_type(head: bytes) -> str | None:
    """The MIME type of an image from its first bytes (PNG, JPEG, GIF, WebP, SVG); None for anything else."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    try:
        text = head.decode("utf-8").lstrip("\ufeff \t\r\n")
    except UnicodeDecodeError:
        return None
    if text.startswith(("<svg", "<?xml", "<!--", "<!DOCTYPE svg", "<!doctype svg")) and "<svg" in text:
        return "image/svg+xml"
    return None
