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
"""

from __future__ import annotations

import hashlib
import logging
import random
from dataclasses import dataclass
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
    h = hashlib.sha256()
    for f in sorted(p for p in path.rglob("*") if p.is_file()):
        h.update(f.relative_to(path).as_posix().encode())
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


@dataclass(frozen=True)
class Figures:
    """Theme scores over the held-out folds: articles' themes against the gold ones, and the
    distractors (gold ``topic: distractor``) that still had a fact under a theme."""

    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    distractors_with_fact: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, got: set[str], gold: frozenset[str], distractor: bool) -> "Figures":
        return Figures(self.name, self.tp + len(got & gold), self.fp + len(got - gold), self.fn + len(gold - got),
                       self.distractors_with_fact + (1 if distractor and got else 0))


@dataclass(frozen=True)
class TrainReport:
    out: Path
    articles: int
    scored: int
    """Articles cross-validated (those whose gold gives a ``topic``); the others always train."""
    distractors: int
    folds: int
    figures: tuple[Figures, ...] = ()
    diffs: tuple[str, ...] = ()
    """Held-out articles whose combined themes differ from the gold ones."""


def _gold(dirs: list[Path], warn) -> dict[str, dict]:
    """Article id → gold annotations, from every *.yaml of ``dirs``; a file marked ``split: test``
    is never trained on."""
    import yaml

    from ..core.errors import BriefgenError

    out: dict[str, dict] = {}
    for folder in dirs:
        files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
        if not files:
            raise BriefgenError(f"{folder}: no gold files (*.yaml)")
        for path in files:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if not isinstance(data, dict):
                raise BriefgenError(f"{path}: expected key: value lines")
            if data.get("split") == "test":
                warn(f"warning: {path}: a test article is never trained on; skipped")
                continue
            out[str(data.get("source") or path.stem)] = data
    return out


def train(cfg: Config, gold_dirs: list[Path], text_dirs: list[Path], out: Path, *, k: int = 7, seed: int = SEED,
          warn: Callable[[str], None], say: Callable[[str], None]) -> TrainReport:
    """Train the theme classifier on the annotated articles found in ``text_dirs``: first k-fold
    cross-validation (cue words alone, classifier alone, both) over the articles whose gold gives
    a ``topic``, then the model on every article, written to ``out``."""
    import shutil

    from ..core.errors import BriefgenError
    from . import nlp as nlp_mod
    from .analyse import analyse_doc
    from .pipeline import read_paths, reference_for

    gold = _gold(gold_dirs, warn)
    sources = {sid: s for sid, s in read_paths(text_dirs, warn=warn).items() if sid in gold}
    for sid in sorted(set(gold) - set(sources)):
        warn(f"warning: gold for {sid!r} but no such article in {', '.join(map(str, text_dirs))}; skipped")
    if not sources:
        raise BriefgenError("none of the annotated articles was found among the texts given")
    labels = cfg.theme_ids()
    say(f"train: {len(sources)} annotated article(s); reading them with the spaCy model …")
    pipe = nlp_mod.load(cfg)
    ids = sorted(sources)
    fixed = {sid: reference_for(sources[sid]) for sid in ids}
    docs = pipe.pipe((nlp_mod.mask_header(nlp_mod.normalize(fixed[sid][0].text)) for sid in ids), batch_size=16)
    articles, refs = [], {}
    for sid, doc in zip(ids, docs):
        g = gold[sid]
        themes = frozenset(str(t) for t in (g.get("themes") or []) if str(t) in labels)
        articles.append(Article(sid, doc, themes, str(g["group"]) if g.get("group") else None))
        refs[sid] = fixed[sid]
    scored = [i for i, a in enumerate(articles) if gold[a.id].get("topic")]
    figures: tuple[Figures, ...] = ()
    diffs = []
    k = max(2, min(k, len(scored))) if len(scored) >= 2 else 0
    if k:
        fold = folds([articles[i] for i in scored], k)
        fold_of = {i: fold[n] for n, i in enumerate(scored)}
        rules, alone, both = Figures("cue words"), Figures("classifier"), Figures("combined")
        diffs: list[str] = []
        for f in range(k):
            held = [i for i in scored if fold_of[i] == f]
            model = train_model([a for i, a in enumerate(articles) if fold_of.get(i) != f], labels, seed=seed)
            pipe_f = model.get_pipe(PIPE)
            for i in held:
                a = articles[i]
                src, ref = refs[a.id]
                probs = {lb: float(v) for lb, v in zip(pipe_f.labels, pipe_f.predict([a.doc])[0])}
                distractor = gold[a.id].get("topic") == "distractor"
                cue = analyse_doc(a.doc, src, ref, cfg, theme_probs=None).candidates
                comb = analyse_doc(a.doc, src, ref, cfg, theme_probs=probs).candidates
                rules = rules.add({t for c in cue for t in c.themes}, a.themes, distractor)
                got = {t for c in comb for t in c.themes}
                both = both.add(got, a.themes, distractor)
                if got != a.themes:
                    diffs.append(f"{a.id}: combined {', '.join(sorted(got)) or '-'}; gold {', '.join(sorted(a.themes)) or '-'}"
                                 f" (classifier: {', '.join(f'{t} {probs[t]:.2f}' for t in labels)})")
                alone = alone.add({t for t in labels if probs[t] >= 0.5} if cue else set(), a.themes, distractor)
            say(f"  fold {f + 1}/{k}: {len(held)} article(s) held out")
        figures = (rules, alone, both)
    say(f"train: the model on all {len(articles)} article(s) (seed {seed}, {EPOCHS} epochs) …")
    model = train_model(articles, labels, seed=seed,
                        progress=lambda e, loss: say(f"  epoch {e:>2}/{EPOCHS}: loss {loss:.3f}") if e % 5 == 0 else None)
    out = Path(out)
    tmp = out.parent / f".{out.name}.new"
    if tmp.exists():
        shutil.rmtree(tmp)
    out.parent.mkdir(parents=True, exist_ok=True)
    model.meta["name"] = "briefgen_themes"
    model.meta["description"] = "briefgen theme classifier: " + ", ".join(labels)
    model.to_disk(tmp, exclude=["tokenizer"])
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)
    _LOADED.pop(out.resolve(), None)
    _LOADED.pop(out, None)
    distractors = sum(1 for i in scored if gold[articles[i].id].get("topic") == "distractor")
    return TrainReport(out, len(articles), len(scored), distractors, k, figures, tuple(diffs))


def report_table(r: TrainReport) -> str:
    """The cross-validated figures, one line per way of choosing themes."""
    if not r.figures:
        return f"no cross-validation (fewer than two articles with a topic); model written to {r.out}"
    lines = [f"{r.folds}-fold cross-validation over {r.scored} article(s) ({r.distractors} distractors); "
             f"{r.articles - r.scored} more always in training",
             f"{'themes from':<12} {'precision':>9} {'recall':>7} {'F1':>5}   tp  fp  fn  distractors with a theme"]
    for f in r.figures:
        lines.append(f"{f.name:<12} {f.precision:>9.2f} {f.recall:>7.2f} {f.f1:>5.2f} {f.tp:>4} {f.fp:>3} {f.fn:>3}"
                     f"  {f.distractors_with_fact}/{r.distractors}")
    lines.append(f"model written to {r.out}")
    return "\n".join(lines)
