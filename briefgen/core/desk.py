"""A new desk from the bundled example: what ``briefgen init DIR`` writes.

A desk is the folder the commands run in: ``config/`` (settings, brief, gazetteer, outlets,
stakeholders, delivery), ``facts/<ISO week>.yaml`` and the ``sources/`` articles they cite. A new
one is a copy of the example shipped with briefgen (core.resources: the repository's own
``config/``, ``facts/`` and ``sources/``), cut down to one week, so it builds at once and there is
no second copy of the example to keep in step.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from .errors import BriefgenError
from .files import write_atomic
from .resources import example_dir, templates_dir

EXAMPLE_WEEK = "2025-W30"
"""The week of facts a new desk starts with."""


@dataclass(frozen=True, slots=True)
class Desk:
    """A desk ``create_desk`` wrote."""

    root: Path
    files: tuple[PurePosixPath, ...]
    """What was written, relative to ``root``."""
    week: str
    """The week of facts it holds."""


def create_desk(root: Path, *, force: bool = False) -> Desk:
    """Write a new desk into ``root``, which must be missing or empty unless ``force`` (then files
    of the same name are replaced and others left alone). Nothing is written if it is refused."""
    if root.exists() and not root.is_dir():
        raise BriefgenError(f"{root} exists and is not a folder")
    if root.is_dir() and any(root.iterdir()) and not force:
        raise BriefgenError(f"{root} is not empty; choose a new folder, or add --force to write the "
                            "example's files into it (files of the same name are replaced)")
    plan = example_files()
    for rel, src in plan.items():
        write_atomic(root / rel, src.read_bytes(), private=False)
    return Desk(root, tuple(plan), EXAMPLE_WEEK)


def example_files(week: str = EXAMPLE_WEEK) -> dict[PurePosixPath, Path]:
    """Desk path → shipped file: the example's config/, the facts of ``week``, the articles those
    facts cite and the logo the settings name."""
    example = example_dir()
    plan = {PurePosixPath("config", p.name): p for p in sorted((example / "config").glob("*.yaml"))}
    facts = example / "facts" / f"{week}.yaml"
    plan[PurePosixPath("facts", facts.name)] = facts
    articles = {p.stem: p for p in sorted((example / "sources").iterdir()) if p.is_file()}
    for sid in sorted(_cited(yaml.safe_load(facts.read_text(encoding="utf-8")))):
        if sid not in articles:
            raise BriefgenError(f"briefgen's example is incomplete: {facts.name} cites {sid!r}, "
                                "which is not among its articles")
        plan[PurePosixPath("sources", articles[sid].name)] = articles[sid]
    logo = _logo(example / "config" / "briefgen.yaml")
    if logo:
        plan[logo] = templates_dir() / PurePosixPath(*logo.parts[1:])
    return plan


def _cited(node) -> set[str]:
    """Every article id a fact file names: evidence ``source`` and conflict ``sources``."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "source" and isinstance(value, str):
                found.add(value)
            elif key == "sources" and isinstance(value, list):
                found.update(v for v in value if isinstance(v, str))
            else:
                found |= _cited(value)
    elif isinstance(node, list):
        for item in node:
            found |= _cited(item)
    return found


def _logo(settings: Path) -> PurePosixPath | None:
    """Where the example's settings expect their logo, relative to the desk.

    They name it as the repository keeps it, ``../templates/assets/logo.svg``; a wheel has it with
    the packaged templates. The desk gets a copy at the place the setting names, so the setting
    holds unchanged and the analysts can swap the image.
    """
    doc = yaml.safe_load(settings.read_text(encoding="utf-8")) or {}
    logo = (doc.get("branding") or {}).get("logo")
    if not logo:
        return None
    rel = PurePosixPath(posixpath.normpath(f"config/{logo}"))
    if rel.parts[0] != "templates" or ".." in rel.parts:
        raise BriefgenError(f"briefgen's example names its logo outside templates/: {logo!r}")
    return rel
