"""Where the files briefgen ships with live: templates (with fonts and assets), translation
catalogues and the example desk.

The repository keeps ``templates/`` and the example desk (``config/``, ``facts/``, ``sources/``) at
its top level; a wheel carries them inside the package as ``briefgen/templates/`` and
``briefgen/example/`` (pyproject.toml maps them in). So the package's own resources are looked up
first, through importlib.resources, and a source checkout (editable install, or the package run
from the repository) falls back to the folders next to the package: an edit there shows at once.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from .errors import BriefgenError


@lru_cache(maxsize=1)
def _package() -> Path:
    root = files("briefgen")
    if not isinstance(root, Path):  # e.g. imported from a zip: WeasyPrint and Jinja need real files
        raise BriefgenError(f"briefgen must be installed as files on disk, not imported from {root}")
    return root


def _first(marker: str, *folders: Path) -> Path:
    """The first of ``folders`` that holds ``marker``: the package's copy, then a checkout's."""
    for folder in folders:
        if (folder / marker).exists():
            return folder
    raise BriefgenError(f"briefgen is incomplete: no {marker} in {', '.join(map(str, folders))}; "
                        "reinstall it")


def templates_dir() -> Path:
    """The packaged templates: brief.html.j2, brief.css.j2, email.*.j2, assets/ and fonts/."""
    return _first("brief.html.j2", _package() / "templates", _package().parent / "templates")


def locales_dir() -> Path:
    """The translation catalogues: ``<lang>/LC_MESSAGES/briefgen.po`` (inside the package everywhere)."""
    return _first("en/LC_MESSAGES", _package() / "locales")


def example_dir() -> Path:
    """The example desk: a folder with config/, facts/ and sources/ (in a checkout, the repository)."""
    return _first("config/briefgen.yaml", _package() / "example", _package().parent)
