"""The spaCy pipeline: fr_core_news_md, loaded once per process and only when needed, with an
EntityRuler fed from the gazetteer placed before "ner" (so armed groups and bodies are not taken
for places) plus token patterns for dates and quantities.

The dependency parser is excluded (sentences come from the lighter "senter"); morphologizer and
lemmatizer stay, because the fact rules trigger on lemmas.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from typing import TYPE_CHECKING

from ..core.config import Config
from . import dates, learned, quantities
from .site import gazetteer_data
from .types import LABEL_OF_KIND

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

log = logging.getLogger("briefgen")
MODEL = "fr_core_news_md"
_PIPELINES: dict[str, "Language"] = {}
_SURNAME_PARTICLES = {"de", "du", "ben", "ould", "ag", "el", "al"}


def normalize(text: str) -> str:
    """Same-length normalisation for the model: typographic apostrophes and thin/non-breaking
    spaces become ASCII, so character offsets stay valid for Source.text."""
    table = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " ", "\u202f": " ",
                           "\u2009": " ", "\u2011": "-"})
    out = text.translate(table)
    assert len(out) == len(text)
    return out


def gazetteer_phrases(cfg: Config) -> dict[str, list[str]]:
    """Lower-cased phrase → entity ids naming it (several ids: an ambiguous name such as Mali)."""
    phrases: dict[str, list[str]] = {}
    for ent in cfg.entities.values():
        if ent.kind not in LABEL_OF_KIND:
            continue
        names = set(ent.name.values()) | set(ent.aliases) | ({ent.acronym} if ent.acronym else set())
        for name in names:
            key = normalize(name).lower().strip()
            if len(key) < 2:
                continue
            ids = phrases.setdefault(key, [])
            if ent.id not in ids:
                ids.append(ent.id)
    return phrases


def surnames(cfg: Config) -> dict[str, str]:
    """Surname → person id, for people whose surname is unique in the gazetteer."""
    seen: dict[str, list[str]] = {}
    for ent in cfg.entities.values():
        if ent.kind != "person":
            continue
        words = [w for w in ent.label("fr").split() if not w.endswith(".")]
        if len(words) >= 2 and words[-1].lower() not in _SURNAME_PARTICLES:
            seen.setdefault(words[-1], []).append(ent.id)
    return {s: ids[0] for s, ids in seen.items() if len(ids) == 1}


def ruler_patterns(cfg: Config) -> list[dict]:
    """Every pattern the EntityRuler gets: gazetteer names, outlets, surnames, dates, quantities."""
    pats: list[dict] = []
    for phrase, ids in sorted(gazetteer_phrases(cfg).items()):
        kinds = {cfg.entities[i].kind for i in ids}
        label = LABEL_OF_KIND[cfg.entities[ids[0]].kind] if len(kinds) == 1 else "AMBIG"
        pats.append({"label": label, "pattern": phrase, "id": "|".join(ids)})
    for oid, outlet in sorted(cfg.outlets.items()):
        name = normalize(outlet.name).lower()
        for variant in {name, re.sub(r"^(?:le|la|les|l')\s*", "", name)}:
            pats.append({"label": "OUTLET", "pattern": variant, "id": f"outlet:{oid}"})
    for name, pid in sorted(surnames(cfg).items()):
        pats.append({"label": "PER", "pattern": [{"TEXT": name}], "id": pid})
    pats += dates.ruler_patterns() + quantities.ruler_patterns()
    return pats


def config_key(cfg: Config) -> str:
    """Hash of everything in the config that changes what extraction finds."""
    # Sorted: the patterns come partly from sets, whose order changes from one process to the next.
    patterns = sorted(json.dumps(p, sort_keys=True, ensure_ascii=False) for p in ruler_patterns(cfg))
    data = {"patterns": patterns,
            "cues": [[t.id, list(t.cues)] for t in cfg.brief.themes],
            "kinds": sorted((e.id, e.kind) for e in cfg.entities.values()),
            "rules": gazetteer_data(cfg), "theme_model": learned.fingerprint(cfg)}
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def load(cfg: Config) -> "Language":
    """The pipeline for this gazetteer, loaded on first use and kept for the process."""
    key = config_key(cfg)
    if key in _PIPELINES:
        return _PIPELINES[key]
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - a broken install
        from ..core.errors import BriefgenError
        raise BriefgenError(f"spaCy is not installed ({exc}); run ./setup.sh") from None
    base = next(iter(_PIPELINES.values()), None)
    if base is None:
        log.info("loading spaCy model %s …", MODEL)
        try:
            nlp = spacy.load(MODEL, exclude=["parser"])
        except OSError:
            from ..core.errors import BriefgenError
            raise BriefgenError(f"the spaCy model {MODEL} is not installed; run ./setup.sh") from None
        nlp.enable_pipe("senter")
    else:  # same model, another gazetteer: reuse the weights, swap the ruler
        nlp = base
        nlp.remove_pipe("gazetteer")
        _PIPELINES.clear()
    ruler = nlp.add_pipe("entity_ruler", name="gazetteer", before="ner",
                         config={"phrase_matcher_attr": "LOWER", "validate": True})
    # phrase patterns only need the tokenizer: keep the other components out of pattern building
    with nlp.select_pipes(enable=["gazetteer"]):
        ruler.add_patterns(ruler_patterns(cfg))
    _PIPELINES[key] = nlp
    return nlp


_HEADER = re.compile(r"^\s*date\s+\d{4}-\d{2}(?:-\d{2})?\b")


def mask_header(text: str) -> str:
    """Blank a ``date YYYY-MM`` line run into the body (as in some raw files) for the model."""
    m = _HEADER.match(text)
    return " " * m.end() + text[m.end():] if m else text
