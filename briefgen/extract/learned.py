"""The learned part of theme classification: a spaCy ``textcat_multilabel`` (bag of words and
word pairs) that reads a whole article and gives, per configured theme, how likely the article is
about it. Cue words (config/brief.yaml) still decide which theme each fact gets; the classifier
vetoes themes for an article it finds about none of them (sport, culture, festivals…) when the
article has few cues, and settles a fact whose sentence cues two or more themes (see
``extract.rules``).

The model ships in the package (briefgen/models/themes/); a desk with its own themes trains its own
into ``models/themes/`` beside its config folder (``briefgen train``), which then takes precedence.
It is loaded once per process, on first use, and applied to the Doc the main pipeline already made
(the bag-of-words model only reads token texts, so no second tokenisation). A missing, unreadable or
stale model (other theme ids than the configured ones) leaves themes to the cue words, with one warning.
Retraining with cross-validation: extract.training (``briefgen train``).
"""

from __future__ import annotations

import hashlib
import logging
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from ..core.config import Config

log = logging.getLogger("briefgen")

PACKAGED = Path(__file__).resolve().parent.parent / "models" / "themes"
PIPE = "textcat_multilabel"
GATE = 0.3
"""An article whose every theme probability is below this, and that has at most ``GATE_CUES``
cue words in all, gets no theme at all (its facts stay out of the brief)."""
GATE_CUES = 2
SURE = 0.5
"""A fact whose sentence and paragraph cue no theme takes the article's most cued theme only when
the article has more than ``GATE_CUES`` cues, or the classifier gives a theme at least this."""
KEEP = 0.3
"""When a sentence cues several themes, those the article is less likely than this to be about
are dropped (the likeliest one is always kept)."""
LEAD = 0.4
"""An article with no fact under a theme whose likeliest theme has at least this gets one
proposed fact from its first sentence naming a party (extract.rules), as does one whose lead gave
no fact under a theme. Chosen by cross-validation on the 251 dev articles (``benchmarks/themes_cv.py
--sweep base``, out-of-fold probabilities): articles about a theme left with no theme 12, 9, 7, 5, 5, 4
of 206 at 0.6, 0.5, 0.45, 0.4, 0.35, 0.3; distractors with a theme 2, 2, 2, 4, 4, 4 of 45; combined
theme F1 best at 0.4 and 0.3 (0.864, 0.866); nested cross-validation keeps 0.4 in five folds of seven."""
VETO = 0.1
"""A theme cued in a fact's sentence that the classifier gives the article less than this is
dropped from the fact; a fact left with no theme takes the article's likeliest one instead (chosen
by cross-validation on the dev articles: combined theme F1 0.87 without, 0.92 at 0.1 and 0.15,
0.86 at 0.2)."""
OFF_TOPIC = 0.015
"""An article whose words are at least this share of the brief's ``off_topic`` words (sport,
culture, festivals, health campaigns, weather, harvests) and whose likeliest theme is below
``SURE`` gets no theme. On the 311 dev articles: 41 of the 55 distractors reach 1.5 % (46 reach
1 %, 32 reach 2 %), no article about a theme goes above 0.82 %. With the pitch's words added
(« coupe », « buts », « ballon », « finale »), 48 of the 61 distractors of the 326 dev articles
reach it and no article about a theme goes above 0.91 % (counted over the text's words alone)."""
SEED = 0
EPOCHS = 20
ARCHITECTURE = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 2,
                "no_output_layer": False}

_LOADED: dict[Path, "ThemeModel | None"] = {}
_WARNED: set[str] = set()


def desk_model_dir(cfg: Config) -> Path:
    """Where a desk's own theme model lives: models/themes/ beside its config folder."""
    return cfg.path.parent.parent / "models" / "themes"


def model_dir(cfg: Config) -> Path:
    """The theme model this desk uses: its own when it trained one, else the packaged one."""
    own = desk_model_dir(cfg)
    return own if (own / "meta.json").is_file() else PACKAGED


@dataclass(frozen=True)
class ThemeModel:
    """A loaded theme classifier: the textcat component and the theme ids it was trained for."""

    path: Path
    pipe: object
    labels: tuple[str, ...]

    def probs(self, doc) -> dict[str, float]:
        """Theme id → probability that the article ``doc`` is about it (any spaCy Doc of it)."""
        scores = self.pipe.predict([doc])
        return {label: float(v) for label, v in zip(self.pipe.labels, scores[0])}


def _warn_once(message: str) -> None:
    if message not in _WARNED:
        _WARNED.add(message)
        log.warning("warning: %s", message)


def load_model(path: Path) -> ThemeModel:
    """The model saved at ``path`` (raises on anything missing or unreadable)."""
    import spacy

    if not (path / "meta.json").is_file():
        raise FileNotFoundError(path / "meta.json")
    # saved without its tokenizer (it never tokenises: it reads the main pipeline's Doc)
    nlp = spacy.util.load_model_from_config(spacy.util.load_config(path / "config.cfg"))
    nlp.from_disk(path, exclude=["tokenizer"])
    pipe = nlp.get_pipe(PIPE)
    return ThemeModel(path, pipe, tuple(pipe.labels))


def model_for(cfg: Config) -> ThemeModel | None:
    """The theme model for this desk, loaded once; None (with one warning) when it is missing,
    unreadable or trained for other themes than the configured ones."""
    path = model_dir(cfg)
    if path not in _LOADED:
        try:
            _LOADED[path] = load_model(path)
        except Exception as exc:  # noqa: BLE001 - any failure to load means: cue words only
            _LOADED[path] = None
            reason = "missing" if not (path / "meta.json").is_file() else f"unreadable ({type(exc).__name__}: {exc})"
            _warn_once(f"the theme model at {path} is {reason}; themes come from the cue words only "
                       f"(rebuild it with 'briefgen train')")
    model = _LOADED[path]
    if model is not None and set(model.labels) != set(cfg.theme_ids()):
        _warn_once(f"the theme model at {path} was trained for the themes {', '.join(model.labels)}, not "
                   f"{', '.join(cfg.theme_ids())}; themes come from the cue words only (retrain with 'briefgen train')")
        return None
    return model


def forget(path: Path) -> None:
    """Load the model at ``path`` afresh on next use (it was just rewritten)."""
    for key in (Path(path), Path(path).resolve()):
        _LOADED.pop(key, None)


def article_probs(doc, cfg: Config) -> dict[str, float] | None:
    """Theme probabilities of one article, or None when no usable model is there."""
    model = model_for(cfg)
    return model.probs(doc) if model is not None else None


def fingerprint(cfg: Config) -> str:
    """A hash of the model files this desk would use ("none" without one): cached extraction
    results are kept only while the model is the same."""
    path = model_dir(cfg)
    if not (path / "meta.json").is_file():
        return "none"
    files = sorted(p for p in path.rglob("*") if p.is_file())
    return _hash_files(path, tuple((f, f.stat().st_size, f.stat().st_mtime_ns) for f in files))


@lru_cache(maxsize=8)
def _hash_files(root: Path, files: tuple[tuple[Path, int, int], ...]) -> str:
    h = hashlib.sha256()
    for f, _, _ in files:
        h.update(f.relative_to(root).as_posix().encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


# -- training -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Article:
    """One annotated article for training: its id, its Doc (from the main pipeline; or a plain
    text, then tokenised by a blank French pipeline), its gold
    themes (empty for a distractor) and its same-event group (kept in one fold)."""

    id: str
    doc: object
    themes: frozenset[str]
    group: str | None = None


def train_model(articles: Iterable[Article], labels: Iterable[str], *, seed: int = SEED, epochs: int = EPOCHS,
                progress: Callable[[int, float], None] | None = None):
    """A blank French pipeline with one ``textcat_multilabel`` trained on ``articles``; the same
    data and seed give the same model."""
    import spacy
    from spacy.training import Example

    logging.getLogger("spacy").setLevel(logging.WARNING)  # not its "Created vocabulary" at each training
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("fr")
    pipe = nlp.add_pipe(PIPE, config={"model": ARCHITECTURE, "threshold": 0.5})
    labels = tuple(labels)
    for label in labels:
        pipe.add_label(label)
    examples = [Example.from_dict(nlp.make_doc(a.doc) if isinstance(a.doc, str) else a.doc,
                                  {"cats": {t: float(t in a.themes) for t in labels}}) for a in articles]
    if not examples:
        from ..core.errors import BriefgenError
        raise BriefgenError("no annotated article to train on")
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in spacy.util.minibatch(examples, size=8):
            nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)
        if progress:
            progress(epoch + 1, losses.get(PIPE, 0.0))
    return nlp


def folds(articles: list[Article], k: int) -> list[int]:
    """The fold of each article: same-event groups together, topics spread over the folds."""
    units: dict[str, list[int]] = {}
    order = sorted(range(len(articles)), key=lambda i: (sorted(articles[i].themes), articles[i].id))
    for i in order:
        units.setdefault(articles[i].group or articles[i].id, []).append(i)
    out = [0] * len(articles)
    for n, members in enumerate(units.values()):
        for i in members:
            out[i] = n % k
    return out
