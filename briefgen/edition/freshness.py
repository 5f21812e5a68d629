"""Is an edition current? One digest of everything an edition is made from, and the manifest that
``build`` writes beside the editions (``output/<week>/edition.json``).

An edition is a pure function of its inputs: the settings it reads (project file, brief, gazetteer,
outlets, the logo), the templates and catalogues that render it, the week's fact file and those of
the weeks before it (late reports, carried watch lists, cut-offs), the articles those facts cite, and briefgen itself (its version, its code and the renderer's version). The
digest of those inputs is cheap (files hashed, nothing rendered, no language model): every command
asks ``is_current`` before it trusts or sends an edition, and rebuilds when the answer is no.

Each edition (a language, or a language and a theme subset for a tailored edition) has its own
entry in the manifest: the inputs digest it was built from, its **revision** (a short hash of its
HTML, so a change of inputs that changes nothing a reader sees is no new revision), the files
written and their hashes, and a summary of its parts, from which a correction says what changed.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..core.config import Config
from ..core.files import write_atomic
from ..core.resources import locales_dir, templates_dir
from ..core.weeks import weeks_from
from ..core.yamlio import scalar_texts

MANIFEST = "edition.json"
REVISIONS = "revisions"
_SETTINGS = ("project", "brief", "gazetteer", "outlets")
"""The settings files an edition reads (stakeholders and delivery only say who gets it and how)."""
_CODE = ("core", "articles", "facts", "edition")
"""The parts of briefgen an edition goes through (extraction only proposes facts)."""
_LIBRARIES = ("weasyprint", "jinja2", "babel", "markdown-it-py", "pydyf")


def edition_key(lang: str, themes: Iterable[str] | None = None) -> str:
    """``fr`` for the full French edition, ``fr.force_buildup`` for one tailored to a theme subset."""
    themes = tuple(themes or ())
    return f"{lang}.{'+'.join(themes)}" if themes else lang


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def revision_of(html: bytes) -> str:
    """The revision of an edition: what its readers see, as a short hash of its HTML (which embeds
    its styles and logo; the PDF is rendered from it and is byte-for-byte reproducible)."""
    return sha256(html)[:12]


# -- the digest of the inputs -----------------------------------------------------------------
class _Digest:
    def __init__(self):
        self._h = hashlib.sha256()

    def add(self, label: str, data: bytes | str | None) -> None:
        if data is None:
            data = b"\xff(missing)"
        elif isinstance(data, str):
            data = data.encode("utf-8")
        label = label.encode("utf-8")
        self._h.update(len(label).to_bytes(4, "big") + label + len(data).to_bytes(8, "big") + data)

    def hexdigest(self) -> str:
        return self._h.hexdigest()


def _read(path: Path | None) -> bytes | None:
    try:
        return path.read_bytes() if path else None
    except OSError:
        return None


@lru_cache(maxsize=1)
def _software() -> str:
    """briefgen's version and the code an edition goes through, and the versions of the libraries
    that render it (constant for a process)."""
    from importlib.metadata import PackageNotFoundError, version

    from .. import __version__

    d = _Digest()
    d.add("briefgen", __version__)
    package = Path(__file__).resolve().parent.parent
    for part in _CODE:
        for path in sorted((package / part).rglob("*.py")):
            d.add(f"code:{path.relative_to(package).as_posix()}", path.read_bytes())
    for name in _LIBRARIES:
        try:
            d.add(f"lib:{name}", version(name))
        except PackageNotFoundError:
            d.add(f"lib:{name}", None)
    return d.hexdigest()


def _template_files(cfg: Config) -> dict[str, Path]:
    """Relative name → the file that is used: a user's templates folder overrides the packaged one
    by name. The email templates are not part of an edition."""
    used: dict[str, Path] = {}
    folders = ([cfg.user_templates] if cfg.user_templates else []) + [templates_dir()]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder).as_posix()
            if path.is_file() and not rel.startswith("email.") and "__pycache__" not in rel:
                used.setdefault(rel, path)
    return used


_VALUES: dict[str, frozenset[str]] = {}


def _values(fact_bytes: bytes) -> frozenset[str]:
    """Every text of a fact file, keys and values as written (each file is read once per process,
    however many weeks' digests read it; the cache keeps its hash, not its bytes)."""
    key = sha256(fact_bytes)
    if key not in _VALUES:
        if len(_VALUES) >= 256:
            _VALUES.clear()
        _VALUES[key] = frozenset(scalar_texts(fact_bytes))  # no value built: nothing to expand or check
    return _VALUES[key]


def _cited_articles(cfg: Config, fact_bytes: Iterable[bytes | None]) -> list[Path]:
    """The article files fact files can cite: every file of sources/ whose id (its name without
    extension) appears as a value in one of them."""
    values: set[str] = set()
    for data in fact_bytes:
        if data:
            values |= _values(data)
    if not values or not cfg.sources_dir.is_dir():
        return []
    return sorted(p for p in cfg.sources_dir.iterdir()
                  if p.is_file() and not p.name.startswith(".") and p.stem in values)


def inputs_digest(cfg: Config, week: str) -> str:
    """The digest of everything the editions of ``week`` are made from (see the module's doc)."""
    d = _Digest()
    d.add("software", _software())
    for name in _SETTINGS:
        d.add(f"settings:{name}", _read(cfg.files.get(name)))
    d.add("logo", _read(cfg.branding.logo))
    for rel, path in _template_files(cfg).items():
        d.add(f"template:{rel}", _read(path))
    for lang in cfg.languages:
        d.add(f"catalogue:{lang}", _read(locales_dir() / lang / "LC_MESSAGES" / "briefgen.po"))
    # The week's fact file, and those of the earlier weeks from the first edition on: their facts first
    # reported after their own edition was issued are told in a later one, a quiet week carries the
    # previous watch list forward, and their issue dates are the cut-offs (edition.brief.timeline).
    facts = {week: _read(cfg.facts_dir / f"{week}.yaml")}
    d.add("facts", facts[week])
    for w in weeks_from(cfg.brief.first_edition, week)[:-1]:
        facts[w] = _read(cfg.facts_dir / f"{w}.yaml")
        if facts[w] is not None:
            d.add(f"facts:{w}", facts[w])
    for path in _cited_articles(cfg, facts.values()):
        d.add(f"article:{path.name}", _read(path))
    return d.hexdigest()


# -- the manifest -----------------------------------------------------------------------------
@dataclass
class Entry:
    """One edition as built: the manifest's record of it."""

    inputs: str
    revision: str
    files: dict[str, str]
    """File name (in output/<week>/) → sha256 of its bytes: the HTML and the PDF."""
    summary: dict
    built_at: str = ""

    @property
    def pdf(self) -> str:
        return next(n for n in self.files if n.endswith(".pdf"))

    @property
    def html(self) -> str:
        return next(n for n in self.files if n.endswith(".html"))


@dataclass
class Manifest:
    week: str
    editions: dict[str, Entry] = field(default_factory=dict)
    legacy: dict[str, list] = field(default_factory=dict)
    """Language → [revision, mtime] of the full editions found on disk when the first manifest of the
    week was written (by a briefgen that recorded no revisions: what it mailed, if it mailed them)."""

    @classmethod
    def read(cls, folder: Path, week: str) -> "Manifest":
        try:
            doc = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            return cls(week, {k: Entry(**v) for k, v in doc.get("editions", {}).items()}, doc.get("legacy", {}))
        except (OSError, ValueError, TypeError):
            return cls(week)  # missing or unreadable: nothing is known to be current

    def dumps(self) -> bytes:
        doc = {"week": self.week, "editions": {k: vars(e) for k, e in sorted(self.editions.items())}}
        if self.legacy:
            doc["legacy"] = self.legacy
        return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    def write(self, folder: Path) -> None:
        write_atomic(folder / MANIFEST, self.dumps())

    def keep_legacy(self, folder: Path, langs: Iterable[str]) -> None:
        """Before the first manifest of a week replaces editions that an earlier briefgen wrote, keep
        them in revisions/<revision>/ and note their revision: they may be what was mailed."""
        if (folder / MANIFEST).exists():
            return
        for lang in langs:
            html, pdf = folder / f"brief.{lang}.html", folder / f"brief.{lang}.pdf"
            if html.is_file() and pdf.is_file():
                rev = revision_of(html.read_bytes())
                archive = folder / REVISIONS / rev
                archive.mkdir(parents=True, exist_ok=True)
                for f in (html, pdf):
                    if not (archive / f.name).exists():
                        shutil.copy2(f, archive / f.name)
                self.legacy[lang] = [rev, min(html.stat().st_mtime, pdf.stat().st_mtime)]


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def entry_is_current(folder: Path, entry: Entry | None, digest: str) -> bool:
    """The entry was built from these inputs and its files are still the ones written."""
    if entry is None or entry.inputs != digest:
        return False
    for name, expected in entry.files.items():
        data = _read(folder / name)
        if data is None or sha256(data) != expected:
            return False
    return True


def is_current(cfg: Config, week: str, keys: Iterable[str] | None = None, *, digest: str | None = None) -> bool:
    """Whether the editions ``keys`` of ``week`` (default: the full edition of every configured
    language) are on disk as their inputs make them now."""
    folder = cfg.output_dir / week
    manifest = Manifest.read(folder, week)
    digest = digest or inputs_digest(cfg, week)
    keys = list(keys) if keys is not None else list(cfg.languages)
    return all(entry_is_current(folder, manifest.editions.get(k), digest) for k in keys)
