"""One article through the stages that need the model's Doc: mentions, then fact rules."""

from __future__ import annotations

from ..articles.source import Source
from ..core.config import Config
from . import dates, learned, quantities
from . import mentions as mentions_mod
from . import nlp as nlp_mod
from .context import Context
from .dates import Reference
from .rules import candidates
from .types import SourceResult

_MODEL = object()


def analyse_doc(doc, source: Source, ref: Reference | None, cfg: Config, *, theme_probs=_MODEL) -> SourceResult:
    """Everything extraction finds in one article (``doc`` ran on the normalised text). The theme
    probabilities come from the desk's theme model unless given (None: cue words only)."""
    text = doc.text
    sents = mentions_mod.sentences(doc, text)
    found = mentions_mod.find(doc, text, sents, cfg, ref, nlp_mod.surnames(cfg), source.outlet)
    found.dates[:] = dates.completed(text, found.dates)
    found.dates[:], found.quantities[:] = dates.relative(text, found.dates, found.quantities)
    found.quantities[:] = quantities.completed(doc, found.quantities, found.dates)
    ctx = Context(cfg, source, text, sents, found.mentions, found.dates, found.quantities, ref,
                  tuple(found.role_spans), dict(found.roles),
                  learned.article_probs(doc, cfg) if theme_probs is _MODEL else theme_probs)
    cands = candidates(doc, ctx)
    return SourceResult(
        source=source.id, sentences=tuple(sents), mentions=tuple(found.mentions), dates=tuple(found.dates),
        quantities=tuple(found.quantities), entities=tuple(found.entities.values()),
        roles=tuple(sorted(found.roles.items())), candidates=tuple(cands),
        reference=f"{ref.day.isoformat()}/{ref.precision}" if ref else None)
