"""A week's editions appear whole or not at all.

The files of a week's editions (every language, the tailored ones and the manifest ``edition.json``)
are written into a fresh *generation* folder, ``output/.generations/<week>/<id>/``, which starts as
hard links to the files of the current one. Once every file is written, one ``rename`` of a symbolic
link, ``output/.generations/<week>/current``, publishes it. The files users open,
``output/<week>/brief.fr.pdf`` and the others, are symbolic links through ``current``: whatever
moment a build is killed or the disk fills, they show the previous generation entirely or the new
one entirely. The next build removes what an interrupted one left (its unfinished generation, the
temporary files), and a week folder written by an earlier briefgen (plain files, or a copy of one)
is taken over without changing what it shows.

``output/<week>/revisions/`` and ``outbox/`` are not part of an edition and stay plain folders.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

from ..core.errors import BriefgenError
from ..core.files import private_dir, write_atomic

GENERATIONS = ".generations"
CURRENT = "current"
_EDITION_FILE = re.compile(r"^(brief\..+\.(html|pdf)|edition\.json)$")
_LEFTOVER = re.compile(r"^\.(brief\..+\.(html|pdf)|edition\.json)\..+$")  # temporary files of write_atomic


def failed(path: Path, exc: OSError, action: str = "cannot write") -> BriefgenError:
    where = exc.filename or path
    return BriefgenError(f"{where}: {action} ({exc.strerror or exc}); nothing of this build was published, "
                         "the editions on disk are unchanged")


def edition_files(folder: Path) -> list[str]:
    """Names of the edition files shown in ``folder`` (output/<week>)."""
    try:
        return sorted(p.name for p in folder.iterdir() if _EDITION_FILE.match(p.name))
    except FileNotFoundError:
        return []


_OPEN: dict[Path, "Generation"] = {}
"""Generations being written in this process, by their week's folder under .generations/."""


def generation(output_dir: Path, week: str) -> "Generation | _Joined":
    """The next generation of the week; inside another ``with generation(…)`` of the same week, that
    one (what both write is shown together, when the outer one ends)."""
    outer = _OPEN.get(Path(output_dir) / GENERATIONS / week)
    return _Joined(outer) if outer is not None else Generation(output_dir, week)


class Generation:
    """The next generation of ``output/<week>``: ``write`` files into it, then ``publish``; ``discard``
    (or an exception inside ``with``) leaves the current one as it is. A generation nothing was
    written to is discarded: the current one stays, file for file."""

    written = False

    def __init__(self, output_dir: Path, week: str):
        self.folder = Path(output_dir) / week
        self.root = Path(output_dir) / GENERATIONS / week
        self.current = self.root / CURRENT
        try:
            private_dir(self.folder)  # 0700, as every folder of output/
            private_dir(self.root)
            self._take_over()
            self._clean()
            self.id = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**9}"
            self.dir = self.root / self.id
            self.dir.mkdir(mode=0o700)
            os.chmod(self.dir, 0o700)  # whatever the umask
            base = self._target()
            if base is not None:
                for p in base.iterdir():
                    if _EDITION_FILE.match(p.name) and p.is_file():
                        _link_or_copy(p, self.dir / p.name)
        except OSError as exc:
            self.discard()
            raise failed(self.root, exc) from None
        _OPEN[self.root] = self

    def __enter__(self) -> "Generation":
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if kind is None:
            self.publish()
        else:
            self.discard()

    def _target(self) -> Path | None:
        """The current generation's folder, if there is one."""
        if self.current.is_symlink() and self.current.resolve().is_dir():
            return self.root / os.readlink(self.current)
        return None

    def path(self, name: str) -> Path:
        return self.dir / name

    def read(self, name: str) -> bytes | None:
        try:
            return (self.dir / name).read_bytes()
        except OSError:
            return None

    def write(self, name: str, data: bytes) -> None:
        self.written = True
        try:
            write_atomic(self.dir / name, data)
        except OSError as exc:
            raise failed(self.folder / name, exc) from None

    def publish(self) -> None:
        """Show the new generation: one rename. Then remove the old one and links to files it no longer has."""
        if not self.written:
            self.discard()
            return
        _OPEN.pop(self.root, None)
        try:
            names = {p.name for p in self.dir.iterdir() if _EDITION_FILE.match(p.name)}
            for name in sorted(names):  # a link for a file the current generation lacks shows nothing yet
                self._link(name)
            _symlink_replace(self.id, self.current)
        except OSError as exc:
            self.discard()
            raise failed(self.folder, exc, "cannot publish") from None
        for name in edition_files(self.folder):
            link = self.folder / name
            if name not in names and link.is_symlink():
                link.unlink(missing_ok=True)
        self._clean()

    def discard(self) -> None:
        if _OPEN.get(self.root) is self:
            del _OPEN[self.root]
        d = getattr(self, "dir", None)
        if d is not None:
            shutil.rmtree(d, ignore_errors=True)

    def _link(self, name: str) -> None:
        link = self.folder / name
        target = os.path.relpath(self.current / name, self.folder)
        if link.is_symlink() and os.readlink(link) == target:
            return
        _symlink_replace(target, link)

    def _clean(self) -> None:
        """Remove what interrupted builds left: generations other than the current one, temporary links
        and files."""
        keep = self._target()
        for p in self.root.iterdir():
            if p.name == CURRENT or (keep is not None and p.name == keep.name):
                continue
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p, ignore_errors=True)
            else:
                p.unlink(missing_ok=True)
        for p in self.folder.iterdir():
            if _LEFTOVER.match(p.name) and not p.is_dir():
                p.unlink(missing_ok=True)

    def _take_over(self) -> None:
        """Edition files written as plain files (by an earlier briefgen, or copied) become a generation
        of their own, each replaced by its link with the same bytes behind it."""
        plain = [n for n in edition_files(self.folder) if not (self.folder / n).is_symlink()
                 and (self.folder / n).is_file()]
        if not plain:
            return
        first = self.root / f"adopted-{os.getpid()}-{time.monotonic_ns() % 10**9}"
        first.mkdir(mode=0o700)
        os.chmod(first, 0o700)
        base = self._target()
        if base is not None:  # links already there keep showing what they show
            for p in base.iterdir():
                if _EDITION_FILE.match(p.name) and p.is_file():
                    _link_or_copy(p, first / p.name)
        for name in plain:
            _link_or_copy(self.folder / name, first / name)
        if self.current.exists() and not self.current.is_symlink():  # a copied generation folder
            shutil.rmtree(self.current)
        _symlink_replace(first.name, self.current)
        for name in plain:
            self._link(name)


class _Joined:
    """A generation already being written, used by an inner step: its end publishes nothing."""

    def __init__(self, outer: Generation):
        self.outer = outer
        self.dir = outer.dir
        self.read, self.write, self.path = outer.read, outer.write, outer.path

    def __enter__(self) -> "_Joined":
        return self

    def __exit__(self, *exc) -> None:
        pass


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _symlink_replace(target: str, link: Path) -> None:
    tmp = link.with_name(f".{link.name}.link-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, link)
