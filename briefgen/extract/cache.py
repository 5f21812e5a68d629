"""Extraction results cached as JSON, keyed by the article's content hash (and everything in the
config that changes extraction), so a run with unchanged sources loads no model."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Any

from ..articles.source import Source
from ..core.files import write_atomic
from ..facts.model import DateSpan, Evidence, Quantity, Quote
from . import types as t


def _code_version() -> str:
    """Hash of the extraction code itself and of the data it caches (the fact model, the article
    readers): a new briefgen never reuses an older one's results."""
    package = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for path in [*sorted(Path(__file__).parent.glob("*.py")), package / "facts" / "model.py",
                 *sorted((package / "articles").glob("*.py"))]:
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


VERSION = _code_version()
_TYPES = {cls.__name__: cls for cls in (DateSpan, Evidence, Quantity, Quote, t.Sentence, t.Mention, t.NewEntity,
                                        t.DateMention, t.QuantityMention, t.Candidate, t.SourceResult)}


def key(source: Source, reference: str | None, config_key: str) -> str:
    h = hashlib.sha256()
    for part in (VERSION, config_key, source.id, reference or "", source.text):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def _encode(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj):
        out = {"__t": type(obj).__name__}
        for f in dataclasses.fields(obj):
            out[f.name] = _encode(getattr(obj, f.name))
        return out
    if isinstance(obj, date):
        return {"__d": obj.isoformat()}
    if isinstance(obj, (list, tuple)):
        return [_encode(x) for x in obj]
    if isinstance(obj, dict) or hasattr(obj, "items"):
        return {"__m": [[k, _encode(v)] for k, v in obj.items()]}
    return obj


def _decode(obj: Any) -> Any:
    if isinstance(obj, list):
        return tuple(_decode(x) for x in obj)
    if isinstance(obj, dict):
        if "__d" in obj:
            return date.fromisoformat(obj["__d"])
        if "__m" in obj:
            return {k: _decode(v) for k, v in obj["__m"]}
        cls = _TYPES[obj["__t"]]
        return cls(**{k: _decode(v) for k, v in obj.items() if k != "__t"})
    return obj


def load(folder: Path | None, k: str) -> t.SourceResult | None:
    """The cached result for key ``k``; None when absent or unreadable (then it is recomputed)."""
    if folder is None:
        return None
    path = folder / f"{k}.json"
    try:
        return _decode(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save(folder: Path | None, k: str, result: t.SourceResult) -> None:
    """Write atomically; a cache that cannot be written is not an error (just slower next time)."""
    if folder is None:
        return
    try:
        write_atomic(folder / f"{k}.json", json.dumps(_encode(result), ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass
