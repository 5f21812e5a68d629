"""Where a desk's generated files live: one place knows ``output/<week>/brief.<lang>.<ext>``."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

EXTENSIONS = ("html", "pdf")
"""The formats of every edition."""


def edition_path(output_dir: Path, week: str, lang: str, ext: str, themes: Iterable[str] = ()) -> Path:
    """``output/2025-W30/brief.fr.pdf``; a tailored edition adds its themes: ``brief.fr.a+b.pdf``."""
    themes = tuple(themes)
    middle = f".{'+'.join(themes)}" if themes else ""
    return Path(output_dir) / week / f"brief.{lang}{middle}.{ext}"


def edition_paths(output_dir: Path, week: str, langs: Iterable[str]) -> list[Path]:
    """Every full edition of ``week``: each language in each format."""
    return [edition_path(output_dir, week, lang, ext) for lang in langs for ext in EXTENSIONS]
