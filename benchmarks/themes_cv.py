"""Is there a better theme classifier than the shipped one, within the extraction budget?

Cross-validation exactly as ``briefgen train`` does it (same folds: same-event groups in one fold,
the articles without a ``topic`` always in training; same seed; the themes scored through the whole
``analyse_doc`` with the classifier's probabilities, as extraction combines them), for variants of
the model and of the combining thresholds (extract.learned: GATE, SURE, KEEP, LEAD, VETO). Never
on files marked ``split: test``.

Per variant: combined precision / recall / F1, the classifier alone (p >= 0.5), distractors with a
theme, articles about a theme left with no theme. Thresholds are also chosen honestly by nested
cross-validation (for each held-out fold, the combination best on the other folds' held-out
predictions). The best variant is compared with the shipped one by a paired bootstrap over articles
(95 % interval of the difference in combined F1).

    python benchmarks/themes_cv.py --gold tests/gold --gold tests/corpus/gold/dev \
        --texts sources --texts tests/corpus/texts [--variants base,ngram1,...]
"""

from __future__ import annotations

import argparse
import itertools
import logging
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefgen.core.config import load_config  # noqa: E402
from briefgen.extract import learned, rules  # noqa: E402
from briefgen.extract import nlp as nlp_mod  # noqa: E402
from briefgen.extract.analyse import analyse_doc  # noqa: E402
from briefgen.extract.learned import PIPE, Article, folds  # noqa: E402
from briefgen.extract.pipeline import read_paths, reference_for  # noqa: E402
from briefgen.extract.training import _gold  # noqa: E402

DEFAULT = {"GATE": learned.GATE, "SURE": learned.SURE, "KEEP": learned.KEEP, "LEAD": learned.LEAD,
           "VETO": learned.VETO}


@dataclass(frozen=True)
class Variant:
    name: str
    ngram: int = 2
    epochs: int = 20
    drop: float = 0.2
    distractor_copies: int = 1
    """Each distractor appears this many times in training (a weight on the "no theme" articles)."""
    vectors: bool = False
    """The article's mean static vector (content words) through a linear layer, added to the bag
    of words' logits before the sigmoid."""
    vectors_only: bool = False
    """Only the article's mean static vector through a linear layer and a sigmoid (no bag of words)."""
    scale: float = 1.0
    """The mean vector's features are multiplied by this (a larger step for the linear layer)."""
    mix: tuple[str, float] | None = None
    """Not trained: the probabilities of base mixed with those of this variant, at this weight."""
    paragraphs: bool = False
    """Also train on each paragraph of 20 tokens or more, with the article's themes."""
    seed: int = 0
    batch: int = 8


VARIANTS = {v.name: v for v in [
    Variant("base"),
    Variant("ngram1", ngram=1), Variant("ngram3", ngram=3),
    Variant("epochs10", epochs=10), Variant("epochs40", epochs=40),
    Variant("drop0", drop=0.0), Variant("drop0.5", drop=0.5),
    Variant("distractors2", distractor_copies=2), Variant("distractors3", distractor_copies=3),
    Variant("vectors", vectors=True), Variant("vectors-e40", vectors=True, epochs=40),
    Variant("paragraphs", paragraphs=True), Variant("paragraphs-e10", paragraphs=True, epochs=10),
    Variant("vectors-x10", vectors=True, scale=10.0),
    Variant("veconly", vectors_only=True, epochs=40), Variant("veconly-x10", vectors_only=True, scale=10.0),
    Variant("veconly-x10-e40", vectors_only=True, scale=10.0, epochs=40),
    Variant("mix-veconly-0.3", mix=("veconly-x10", 0.3)), Variant("mix-veconly-0.5", mix=("veconly-x10", 0.5)),
    Variant("ngram1-e40", ngram=1, epochs=40), Variant("ngram1-e10", ngram=1, epochs=10),
    Variant("ngram1-distractors2", ngram=1, distractor_copies=2),
    Variant("ngram1-vectors-x10", ngram=1, vectors=True, scale=10.0),
    Variant("vectors-x5", vectors=True, scale=5.0), Variant("vectors-x20", vectors=True, scale=20.0),
    Variant("vectors-x40", vectors=True, scale=40.0),
    Variant("vectors-x20-seed1", vectors=True, scale=20.0, seed=1),
    Variant("vectors-x20-seed2", vectors=True, scale=20.0, seed=2),
    Variant("vectors-x20-seed3", vectors=True, scale=20.0, seed=3),
    Variant("seed1", seed=1), Variant("seed2", seed=2), Variant("seed3", seed=3),
    Variant("ngram1-seed1", ngram=1, seed=1), Variant("ngram1-seed2", ngram=1, seed=2),
    Variant("ngram1-seed3", ngram=1, seed=3),
    Variant("vectors-x10-seed1", vectors=True, scale=10.0, seed=1),
    Variant("vectors-x10-seed2", vectors=True, scale=10.0, seed=2),
    Variant("vectors-x10-seed3", vectors=True, scale=10.0, seed=3),
    Variant("vectors-seed1", vectors=True, seed=1), Variant("vectors-seed2", vectors=True, seed=2),
]}


# -- the doc-vector layer ----------------------------------------------------------------------------

def doc_features(docs) -> numpy.ndarray:
    """Mean static vector of each doc's alphabetic non-stop tokens that have one, L2-normalised."""
    from spacy.attrs import IS_ALPHA, IS_STOP, ORTH

    out = []
    for doc in docs:
        vectors = doc.vocab.vectors
        width = vectors.shape[1] if vectors.size else 300
        if not len(doc) or not vectors.size:
            out.append(numpy.zeros(width, dtype="f"))
            continue
        arr = doc.to_array([ORTH, IS_ALPHA, IS_STOP])
        keys = arr[:, 0][(arr[:, 1] == 1) & (arr[:, 2] == 0)]
        rows = vectors.find(keys=keys) if len(keys) else numpy.zeros(0, dtype="i")
        rows = rows[rows >= 0]
        if not len(rows):
            out.append(numpy.zeros(width, dtype="f"))
            continue
        v = vectors.data[rows].mean(axis=0)
        out.append((v / (numpy.linalg.norm(v) or 1.0)).astype("f"))
    return numpy.stack(out)


def _register():
    import spacy
    from spacy.ml.models.textcat import build_bow_text_classifier_v3
    from thinc.api import Linear, Logistic, Model, add, chain

    if "briefgen.ThemesBOWVectors.v1" in spacy.registry.architectures:
        return

    def _vec_forward(model, docs, is_train):
        X = model.ops.asarray2f(doc_features(docs) * model.attrs["scale"])
        return X, lambda dY: []

    @spacy.registry.architectures("briefgen.ThemesVectors.v1")
    def build_vec(exclusive_classes: bool = False, scale: float = 1.0, width: int = 300, nO=None):
        lin = Linear(nO=nO, nI=width)
        model = chain(Model("doc_vector", _vec_forward, attrs={"scale": scale}), lin, Logistic())
        model.set_ref("output_layer", lin)
        model.attrs["multi_label"] = True
        return model

    @spacy.registry.architectures("briefgen.ThemesBOWVectors.v1")
    def build(exclusive_classes: bool = False, ngram_size: int = 2, scale: float = 1.0, width: int = 300, nO=None):
        bow = build_bow_text_classifier_v3(exclusive_classes=False, ngram_size=ngram_size, no_output_layer=True,
                                           nO=nO)
        vec = chain(Model("doc_vector", _vec_forward, attrs={"scale": scale}), Linear(nO=nO, nI=width))
        model = chain(add(bow, vec), Logistic())
        model.set_ref("output_layer", bow.get_ref("output_layer"))
        model.attrs["multi_label"] = True
        return model


def train(articles: list[Article], labels, v: Variant):
    import spacy
    from spacy.training import Example

    logging.getLogger("spacy").setLevel(logging.WARNING)
    spacy.util.fix_random_seed(v.seed)
    nlp = spacy.blank("fr")
    if v.vectors_only:
        _register()
        arch = {"@architectures": "briefgen.ThemesVectors.v1", "exclusive_classes": False, "scale": v.scale}
    elif v.vectors:
        _register()
        arch = {"@architectures": "briefgen.ThemesBOWVectors.v1", "exclusive_classes": False, "ngram_size": v.ngram,
                "scale": v.scale}
    else:
        arch = dict(learned.ARCHITECTURE, ngram_size=v.ngram)
    pipe = nlp.add_pipe(PIPE, config={"model": arch, "threshold": 0.5})
    for label in labels:
        pipe.add_label(label)
    examples = []
    for a in articles:
        cats = {t: float(t in a.themes) for t in labels}
        copies = v.distractor_copies if not a.themes else 1
        examples.extend(Example.from_dict(a.doc, {"cats": cats}) for _ in range(copies))
        if v.paragraphs:
            start = 0
            text = a.doc.text
            while start < len(text):
                end = text.find("\n\n", start)
                end = len(text) if end < 0 else end
                span = a.doc.char_span(start, end, alignment_mode="expand")
                if span is not None and len(span) >= 20 and len(span) < len(a.doc):
                    examples.append(Example.from_dict(span.as_doc(), {"cats": cats}))
                start = end + 2
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(v.seed)
    for _ in range(v.epochs):
        rng.shuffle(examples)
        for batch in spacy.util.minibatch(examples, size=v.batch):
            nlp.update(batch, sgd=optimizer, drop=v.drop)
    return nlp


# -- data ----------------------------------------------------------------------------------------------

@dataclass
class Data:
    cfg: object
    labels: tuple[str, ...]
    articles: list[Article]
    refs: dict
    gold: dict
    scored: list[int]
    fold_of: dict[int, int]
    k: int
    cue: dict[str, set] = field(default_factory=dict)
    has_candidates: dict[str, bool] = field(default_factory=dict)


def load(gold_dirs, text_dirs, k: int, holdout=()) -> Data:
    """The annotated articles read once by the main pipeline, and their folds; with ``holdout``
    (gold folders), one split instead: those articles scored, the models trained on all the others."""
    cfg = load_config(ROOT / "config" / "briefgen.yaml")
    gold = _gold(list(gold_dirs) + list(holdout), lambda m: None)
    held_ids = set(_gold(list(holdout), lambda m: None)) if holdout else set()
    sources = {sid: s for sid, s in read_paths(text_dirs, warn=lambda m: None).items() if sid in gold}
    pipe = nlp_mod.load(cfg)
    ids = sorted(sources)
    refs = {sid: reference_for(sources[sid]) for sid in ids}
    docs = pipe.pipe((nlp_mod.mask_header(nlp_mod.normalize(refs[sid][0].text)) for sid in ids), batch_size=16)
    labels = tuple(cfg.theme_ids())
    articles = []
    for sid, doc in zip(ids, docs):
        g = gold[sid]
        themes = frozenset(str(t) for t in (g.get("themes") or []) if str(t) in labels)
        articles.append(Article(sid, doc, themes, str(g["group"]) if g.get("group") else None))
    if held_ids:
        scored = [i for i, a in enumerate(articles) if a.id in held_ids and gold[a.id].get("topic")]
        data = Data(cfg, labels, articles, refs, gold, scored, {i: 0 for i in scored}, 1)
    else:
        scored = [i for i, a in enumerate(articles) if gold[a.id].get("topic")]
        k = max(2, min(k, len(scored)))
        fold = folds([articles[i] for i in scored], k)
        data = Data(cfg, labels, articles, refs, gold, scored, {i: fold[n] for n, i in enumerate(scored)}, k)
    for i in scored:
        a = articles[i]
        src, ref = refs[a.id]
        cands = analyse_doc(a.doc, src, ref, cfg, theme_probs=None).candidates
        data.cue[a.id] = {t for c in cands for t in c.themes}
        data.has_candidates[a.id] = bool(cands)
    return data


def cv_probs(data: Data, v: Variant) -> dict[str, dict[str, float]]:
    out = {}
    for f in range(data.k):
        model = train([a for i, a in enumerate(data.articles) if data.fold_of.get(i) != f], data.labels, v)
        pipe = model.get_pipe(PIPE)
        for i in data.scored:
            if data.fold_of[i] == f:
                a = data.articles[i]
                out[a.id] = {lb: float(x) for lb, x in zip(pipe.labels, pipe.predict([a.doc])[0])}
    return out


def combined(data: Data, probs: dict[str, dict[str, float]], th: dict[str, float]) -> dict[str, set]:
    for name, value in th.items():
        setattr(rules, name, value)
    try:
        out = {}
        for i in data.scored:
            a = data.articles[i]
            src, ref = data.refs[a.id]
            out[a.id] = {t for c in analyse_doc(a.doc, src, ref, data.cfg, theme_probs=probs[a.id]).candidates
                         for t in c.themes}
        return out
    finally:
        for name, value in DEFAULT.items():
            setattr(rules, name, value)


# -- scores --------------------------------------------------------------------------------------------

def counts(data: Data, got: dict[str, set], ids=None) -> numpy.ndarray:
    """Per article: tp, fp, fn, distractor with a theme, theme article with no theme."""
    rows = []
    for i in data.scored:
        a = data.articles[i]
        if ids is not None and a.id not in ids:
            continue
        g, gold = got[a.id], a.themes
        distractor = data.gold[a.id].get("topic") == "distractor"
        rows.append((len(g & gold), len(g - gold), len(gold - g), int(distractor and bool(g)), int(bool(gold) and not g)))
    return numpy.array(rows, dtype=float)


def prf(c: numpy.ndarray) -> tuple[float, float, float]:
    tp, fp, fn = c[..., 0].sum(-1), c[..., 1].sum(-1), c[..., 2].sum(-1)
    p = numpy.where(tp + fp > 0, tp / numpy.maximum(tp + fp, 1), 0.0)
    r = numpy.where(tp + fn > 0, tp / numpy.maximum(tp + fn, 1), 0.0)
    f = numpy.where(p + r > 0, 2 * p * r / numpy.maximum(p + r, 1e-9), 0.0)
    return p, r, f


def line(name: str, c: numpy.ndarray, n_dist: int) -> str:
    p, r, f = prf(c)
    return (f"{name:<34} {p:.2f} {r:.2f} {f:.3f}  tp {int(c[:, 0].sum()):>3} fp {int(c[:, 1].sum()):>3} "
            f"fn {int(c[:, 2].sum()):>3}  distractors {int(c[:, 3].sum())}/{n_dist}  theme articles empty "
            f"{int(c[:, 4].sum())}")


def bootstrap(a: numpy.ndarray, b: numpy.ndarray, n: int = 5000, seed: int = 0) -> tuple[float, float, float]:
    """Difference of micro F1 (b - a) and its 95 % paired bootstrap interval over articles."""
    rng = numpy.random.default_rng(seed)
    idx = rng.integers(0, len(a), size=(n, len(a)))
    diff = prf(b[idx])[2] - prf(a[idx])[2]
    return float(prf(b)[2] - prf(a)[2]), float(numpy.percentile(diff, 2.5)), float(numpy.percentile(diff, 97.5))


def compare(a: numpy.ndarray, b: numpy.ndarray) -> str:
    """b against a: combined F1, and the count of articles about a theme left with none, each with
    its 95 % paired bootstrap interval over articles."""
    d, lo, hi = bootstrap(a, b)
    rng = numpy.random.default_rng(1)
    idx = rng.integers(0, len(a), size=(5000, len(a)))
    empty = b[idx][..., 4].sum(-1) - a[idx][..., 4].sum(-1)
    return (f"combined F1 {d:+.3f} [{lo:+.3f}, {hi:+.3f}]; theme articles empty "
            f"{int(b[:, 4].sum() - a[:, 4].sum()):+d} [{numpy.percentile(empty, 2.5):+.0f}, "
            f"{numpy.percentile(empty, 97.5):+.0f}] (95 % paired bootstrap over articles)")


GRID = {"KEEP": (0.2, 0.3, 0.4), "LEAD": (0.4, 0.5, 0.6), "VETO": (0.05, 0.1, 0.2), "GATE": (0.2, 0.3, 0.4)}
"""The joint grid of thresholds (SURE stays at 0.5; it is swept alone)."""
ALONE = dict(GRID, SURE=(0.4, 0.6), VETO=(0.05, 0.15, 0.2), LEAD=(0.3, 0.35, 0.4, 0.45, 0.5, 0.6))
"""Each threshold moved alone, the others as shipped."""


def sweep(data: Data, probs, grid=GRID) -> dict[tuple, dict[str, set]]:
    """Combined themes for every combination of thresholds of ``grid`` (the others as shipped)."""
    names = list(grid)
    out = {}
    for values in itertools.product(*(grid[n] for n in names)):
        th = dict(DEFAULT, **dict(zip(names, values)))
        out[tuple(sorted(th.items()))] = combined(data, probs, th)
    return out


def nested(data: Data, swept: dict[tuple, dict[str, set]]) -> tuple[dict[str, set], list[tuple]]:
    """Thresholds chosen by cross-validation: for each fold, the combination with the best combined F1
    on the other folds (ties: the closest to the shipped values), applied to that fold."""
    default_key = tuple(sorted(DEFAULT.items()))
    got, chosen = {}, []
    for f in range(data.k):
        inside = {data.articles[i].id for i in data.scored if data.fold_of[i] != f}
        held = {data.articles[i].id for i in data.scored if data.fold_of[i] == f}

        def rank(key):
            dist = sum(abs(v - dict(default_key)[n]) for n, v in key)
            return (round(float(prf(counts(data, swept[key], inside))[2]), 6), -dist)

        best = max(swept, key=rank)
        chosen.append(best)
        got.update({sid: swept[best][sid] for sid in held})
    return got, chosen


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, action="append", required=True,
                    help="folder of gold files (repeatable; files marked 'split: test' are skipped)")
    ap.add_argument("--texts", type=Path, action="append", required=True, help="folder of article texts (repeatable)")
    ap.add_argument("--folds", type=int, default=7, help="cross-validation folds (default 7, as 'briefgen train')")
    ap.add_argument("--holdout", type=Path, action="append", default=[],
                    help="gold folder of articles held out instead of cross-validation: the models train on every "
                    "other article and are scored on these (e.g. a new batch, before anything is tuned on it)")
    ap.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated, of: " + ", ".join(VARIANTS))
    ap.add_argument("--sweep", default="", help="comma-separated variants whose thresholds are also swept "
                    "(one threshold at a time, and chosen by nested cross-validation over the joint grid)")
    ap.add_argument("--versus", default="", help="variant to compare with base by a paired bootstrap")
    ap.add_argument("--pool", default="", help="A1,A2,...:B1,B2,...: the same comparison with each article's "
                    "counts summed over the variants of each side (e.g. the same model under several seeds)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    data = load(args.gold, args.texts, args.folds, args.holdout)
    n_dist = sum(1 for i in data.scored if data.gold[data.articles[i].id].get("topic") == "distractor")
    print(f"{len(data.scored)} articles {'held out' if args.holdout else 'cross-validated'} ({n_dist} distractors), {len(data.articles) - len(data.scored)} "
          f"always in training, {data.k} folds; read in {time.perf_counter() - t0:.0f} s")
    print(line("cue words alone", counts(data, data.cue), n_dist))
    results = {}
    names = ["base"] + [n for n in args.variants.split(",") if n and n != "base"]  # base: the reference
    for name in names:
        if name not in VARIANTS:
            ap.error(f"--variants: no variant {name!r}")
        v = VARIANTS[name]
        t = time.perf_counter()
        if v.mix:
            other = results[v.mix[0]][0] if v.mix[0] in results else cv_probs(data, VARIANTS[v.mix[0]])
            w = v.mix[1]
            probs = {sid: {lb: (1 - w) * results["base"][0][sid][lb] + w * other[sid][lb] for lb in data.labels}
                     for sid in other}
        else:
            probs = cv_probs(data, v)
        alone = {sid: ({lb for lb, p in probs[sid].items() if p >= 0.5} if data.has_candidates[sid] else set())
                 for sid in probs}
        comb = combined(data, probs, DEFAULT)
        results[name] = (probs, comb)
        print(line(f"{name}: classifier alone", counts(data, alone), n_dist))
        print(line(f"{name}: combined", counts(data, comb), n_dist) + f"  ({time.perf_counter() - t:.0f} s)")
        sys.stdout.flush()
        if name in args.sweep.split(",") and data.k > 1:
            for th_name, values in ALONE.items():
                for value in values:
                    if value != DEFAULT[th_name]:
                        c = counts(data, combined(data, probs, dict(DEFAULT, **{th_name: value})))
                        print(line(f"   {th_name} {value}", c, n_dist))
            swept = sweep(data, probs)
            got, chosen = nested(data, swept)
            print(line(f"{name}: thresholds by nested CV", counts(data, got), n_dist))
            for f, key in enumerate(chosen):
                print(f"   fold {f + 1}: " + ", ".join(f"{n} {v}" for n, v in key if v != DEFAULT[n]) or "as shipped")
            best = max(swept, key=lambda key: float(prf(counts(data, swept[key]))[2]))
            print(line(f"{name}: best on all (optimistic)", counts(data, swept[best]), n_dist) + "  "
                  + ", ".join(f"{n} {v}" for n, v in best))
            results[name + "+nested"] = (probs, got)
            print("   nested vs base: " + compare(counts(data, results["base"][1]), counts(data, got)))
            sys.stdout.flush()
    for name in filter(None, args.versus.split(",")):
        print(f"{name} vs base: " + compare(counts(data, results["base"][1]), counts(data, results[name][1])))
    if args.pool:
        sides = [side.split(",") for side in args.pool.split(":")]
        a, b = (sum(counts(data, results[n][1]) for n in side) for side in sides)
        print(line("pooled " + "+".join(sides[0]), a, n_dist * len(sides[0])))
        print(line("pooled " + "+".join(sides[1]), b, n_dist * len(sides[1])))
        print("pooled: " + compare(a, b))
    return 0


if __name__ == "__main__":
    sys.exit(main())
