"""What the editions would lack in some language: analysts' translations not yet supplied."""

from __future__ import annotations

from typing import Iterator

from ..core.config import Config
from .model import FactFile


def missing_translations(cfg: Config, ff: FactFile | None) -> Iterator[str]:
    """One line per missing piece, naming the file and the key to fill in."""
    langs = cfg.languages
    if ff is None:
        gaz = cfg.files["gazetteer"]
        for e in cfg.entities.values():
            for lang in langs:
                if e.kind == "person" and not e.role.get(lang):
                    yield f"{gaz}: people.{e.id}.role.{lang}"
        return
    name = ff.path
    for lang in langs:
        for part in ("key_judgments", "outlook"):
            text = getattr(ff.analysis, part)
            if text and not text.get(lang):
                yield f"{name}: analysis.{part}.{lang}"
    for i, f in enumerate(ff.facts):
        if f.status == "rejected":
            continue
        if f.quote:
            for lang in langs:
                if lang != f.quote.lang and not f.quote.translations.get(lang):
                    yield f"{name}: facts[{i}].quote.translations.{lang} (fact {f.id})"
        if f.text:
            for lang in langs:
                if not f.text.get(lang):
                    yield f"{name}: facts[{i}].text.{lang} (fact {f.id})"
        if f.key_figure and f.key_figure.caption:
            for lang in langs:
                if not f.key_figure.caption.get(lang):
                    yield f"{name}: facts[{i}].key_figure.caption.{lang} (fact {f.id})"
