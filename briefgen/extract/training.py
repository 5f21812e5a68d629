"""``briefgen train``: the theme classifier of extract.learned retrained from annotated articles,
after k-fold cross-validation that scores, on the held-out articles, the themes from cue words
alone, from the classifier alone and from both combined (as extraction uses them)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .evaluate import Rates
from .learned import EPOCHS, PIPE, SEED, Article, folds, forget, train_model

if TYPE_CHECKING:  # pragma: no cover
    from ..core.config import Config


@dataclass(frozen=True)
class Figures(Rates):
    """Theme scores over the held-out folds: articles' themes against the gold ones, and the
    distractors (gold ``topic: distractor``) that still had a fact under a theme."""

    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    distractors_with_fact: int = 0

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
    forget(out)
    distractors = sum(1 for i in scored if gold[articles[i].id].get("topic") == "distractor")
    return TrainReport(out, len(articles), len(scored), distractors, k, figures, tuple(diffs))
