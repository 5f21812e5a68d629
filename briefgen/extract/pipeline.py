"""Run extraction over articles: read, resolve each article's reference date, analyse (from the
cache when the article is unchanged, else with the model, in batches), merge across outlets."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from ..articles.readers import read_sources
from ..articles.source import Source
from ..core.config import Config
from . import cache, dates
from .merge import MergedFact, build_facts, roles_of
from .types import NewEntity, SourceResult

log = logging.getLogger("briefgen")
_FRENCH = {"le", "la", "les", "de", "des", "du", "et", "est", "un", "une", "au", "aux", "que", "qui", "dans",
           "pour", "sur", "par", "pas", "il", "elle", "ont", "sont", "avec", "ce", "cette", "ces", "leur", "à"}
_WORDS = re.compile(r"[a-zà-ÿ']+")


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything one run found: the articles, per-article results, merged facts, new entities."""

    sources: dict[str, Source]
    results: dict[str, SourceResult]
    facts: tuple[MergedFact, ...]
    new_entities: tuple[NewEntity, ...]
    model_loaded: bool


def looks_french(text: str) -> bool:
    """A cheap check: French function words make up a good share of any French article."""
    words = _WORDS.findall(text[:20000].lower())
    if len(words) < 20:
        return len(words) > 0 and any(w in _FRENCH for w in words)
    return sum(w in _FRENCH for w in words) / len(words) >= 0.12


def reference_for(source: Source) -> tuple[Source, dates.Reference | None]:
    """The date relative expressions resolve against: the article's own date (a ``date YYYY-MM``
    line gives a month reference); an article without any date falls back on the first full date
    in its text (« les 21 et 22 juillet 2025 ») as a month reference."""
    if source.published is not None:
        return source, dates.Reference(source.published, source.date_precision)
    full = re.search(r"\b(\d{1,2})\s+(" + "|".join(dates.MONTHS) + r")\s+((?:19|20)\d\d)\b", source.text.lower())
    if full:
        d = dates.resolve(full.group(0), None)
        if d is not None:
            return source, dates.Reference(d.end, "month")
    return source, None


def read_paths(paths: Iterable[Path], *, warn: Callable[[str], None]) -> dict[str, Source]:
    """Read every article; an unusable file (empty, binary, too large, not French…) is warned
    about, naming the file, and skipped."""
    def french(source: Source) -> str | None:
        return None if looks_french(source.text) else "does not look like French text"

    return read_sources(list(paths), warn=lambda msg: warn(f"warning: {msg}"), accept=french)


def analyse(sources: dict[str, Source], cfg: Config, *, progress: Callable[[int, int, str], None] | None = None
            ) -> tuple[dict[str, Source], dict[str, SourceResult], bool]:
    """Per-article results, from the cache where possible; the model is loaded only for misses."""
    from .nlp import config_key

    ckey = config_key(cfg)
    folder = (cfg.cache_dir / "extract") if cfg.cache_dir else None
    fixed: dict[str, Source] = {}
    results: dict[str, SourceResult] = {}
    todo: list[tuple[Source, dates.Reference | None, str]] = []
    for sid, src in sources.items():
        src, ref = reference_for(src)
        fixed[sid] = src
        refkey = f"{ref.day.isoformat()}/{ref.precision}" if ref else None
        k = cache.key(src, refkey, ckey)
        hit = cache.load(folder, k)
        if hit is not None:
            results[sid] = hit
        else:
            todo.append((src, ref, k))
    if not todo:
        log.info("extract: %d article(s) unchanged, results from the cache; no model loaded", len(sources))
        return fixed, results, False
    log.info("extract: %d article(s) from the cache, %d to analyse", len(results), len(todo))
    from . import nlp as nlp_mod
    from .analyse import analyse_doc

    pipe = nlp_mod.load(cfg)
    texts = (nlp_mod.mask_header(nlp_mod.normalize(src.text)) for src, _, _ in todo)
    for n, ((src, ref, k), doc) in enumerate(zip(todo, nlp_mod.parse_all(pipe, texts)), 1):
        if src.published is None and ref is None:
            log.warning("warning: %s: no date in the article; relative dates cannot be resolved", src.path)
        res = analyse_doc(doc, src, ref, cfg)
        cache.save(folder, k, res)
        results[src.id] = res
        if progress:
            progress(n, len(todo), src.id)
    return fixed, results, True


def run(paths: Iterable[Path], cfg: Config, *, warn: Callable[[str], None],
        progress: Callable[[int, int, str], None] | None = None) -> Extraction:
    """Read, analyse and merge the articles at ``paths``."""
    sources = read_paths(paths, warn=warn)
    sources, results, loaded = analyse(sources, cfg, progress=progress)
    cands = [c for sid in sources for c in results[sid].candidates]
    facts = build_facts(cands, sources, cfg, roles=roles_of(results.values()))
    new: dict[str, NewEntity] = {}
    for res in results.values():
        for e in res.entities:
            old = new.get(e.id)
            if old is None or (e.role and not old.role):
                new[e.id] = e
    return Extraction(sources, results, tuple(facts), tuple(new.values()), loaded)
