"""Does updating fr_core_news_md's own "ner" on the dev annotations beat the stock one?

Cross-validation on annotated articles (never on files marked ``split: test``): k folds, the articles
of a same-event group in one fold, fixed seed. For each fold the stock "ner" is updated on the other
folds' articles (plus, always, the articles given with ``--always``: the bundled example), then the
whole extraction runs on the held-out fold and is scored with briefgen's own scoring; the stock
"ner" is scored on the same folds. Printed: per-field P/R/F1 both ways, the articles-level figures,
and a paired bootstrap interval (over held-out articles) of the F1 difference per field.

Training spans come from the gold files, which give entity ids and surface forms, not offsets: every
surface form of a gold entity (its ``aliases``, its gazetteer names) and every token span whose slug is
a gold id, found in the text. People → PER, organisations and armed groups → ORG, places and
countries → LOC (the model's own convention; the rules decide state or place). The gazetteer's
EntityRuler spans keep their label (PER/ORG/LOC) or are left unannotated (dates, quantities, outlets:
the ruler claims them before "ner" runs). The stock model's own entities that no gold span covers
are kept as they are (rehearsal, so that it does not forget), or, with ``--drop-unmatched``, taught as
not entities in articles where every gold entity was found. Where some gold entity was not found,
capitalised words outside every span are left unannotated rather than taught as not entities.

    python benchmarks/ner_cv.py --texts DIR --gold DIR [--always-texts sources --always-gold tests/gold]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from dataclasses import dataclass, fields
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefgen.core.config import load_config  # noqa: E402
from briefgen.extract import nlp as nlp_mod  # noqa: E402
from briefgen.extract.analyse import analyse_doc  # noqa: E402
from briefgen.extract.evaluate import FIELDS, Corpus, corpus_scores, load_gold, load_meta, score  # noqa: E402
from briefgen.extract.learned import Article, folds  # noqa: E402
from briefgen.extract.mentions import ROLE_HEADS, slug  # noqa: E402
from briefgen.extract.merge import build_facts, roles_of  # noqa: E402
from briefgen.extract.names import country  # noqa: E402
from briefgen.extract.pipeline import read_paths, reference_for  # noqa: E402

NER_LABELS = ("PER", "ORG", "LOC", "MISC")
LEAD_WORDS = set(ROLE_HEADS) | {"le", "la", "les", "l'", "m.", "mme", "dr", "général", "colonel", "capitaine",
                                "commandant", "lieutenant", "sergent", "adjudant", "caporal", "président"}
ENTITY_FIELDS = (("people", "PER"), ("armed_groups", "ORG"), ("organisations", "ORG"), ("places", "LOC"))
MAX_WORDS = 12


@dataclass
class Item:
    id: str
    text: str
    gold: dict
    group: str | None
    source: object = None
    ref: object = None
    stock: object = None  # Doc from the stock pipeline
    always: bool = False


def load_items(cfg, gold_dir: Path, text_dir: Path, always: bool) -> list[Item]:
    raw = {}
    for path in sorted(gold_dir.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if data.get("split") == "test":
            raise SystemExit(f"{path}: a test article; this experiment never reads the test part")
        raw[str(data.get("source") or path.stem)] = data
    sources = {sid: s for sid, s in read_paths([text_dir], warn=lambda m: None).items() if sid in raw}
    out = []
    for sid in sorted(sources):
        src, ref = reference_for(sources[sid])
        text = nlp_mod.mask_header(nlp_mod.normalize(src.text))
        g = raw[sid]
        out.append(Item(sid, text, g, str(g["group"]) if g.get("group") else None, src, ref, always=always))
    return out


def _forms(eid: str, gold: dict, cfg) -> set[str]:
    forms = set()
    al = (gold.get("aliases") or {}).get(eid) or []
    forms |= {al} if isinstance(al, str) else {str(a) for a in al}
    ent = cfg.entities.get(eid)
    if ent is not None:
        forms |= set(ent.name.values()) | set(ent.aliases) | ({ent.acronym} if ent.acronym else set())
    return {nlp_mod.normalize(f).strip() for f in forms if f and len(f.strip()) >= 2}


def _aliases(eid: str, gold: dict) -> set[str]:
    al = (gold.get("aliases") or {}).get(eid) or []
    return {nlp_mod.normalize(a).strip() for a in ([al] if isinstance(al, str) else al)}


def _capital(tok) -> bool:
    return tok.text[:1].isupper()


def gold_spans(doc, gold: dict, cfg) -> tuple[list, set[str]]:
    """Labelled spans of the gold entities found in ``doc``, and the gold ids never found."""
    from spacy.tokens import Span
    from spacy.util import filter_spans

    label_of: dict[str, str] = {}
    for field, label in ENTITY_FIELDS:
        for eid in gold.get(field) or []:
            label_of[str(eid)] = "LOC" if field == "places" else label_of.get(str(eid), label)
    spans, found = [], set()
    low = doc.text.lower()

    def add(a: int, b: int, eid: str, alias: bool = False) -> None:
        sp = doc.char_span(a, b, alignment_mode="strict")
        if sp is None:
            return
        k = sp.start
        while k < sp.end - 1 and not _capital(doc[k]) and doc[k].lower_ in LEAD_WORDS:
            k += 1
        if not _capital(doc[k]):
            return
        sp = doc[k:sp.end]
        label = label_of[eid]
        if label == "ORG" and country(sp.text):
            label = "LOC"
        spans.append(Span(doc, sp.start, sp.end, label=label, kb_id="alias" if alias else ""))
        found.add(eid)

    for eid in label_of:
        for form in _forms(eid, gold, cfg):
            alias = form in _aliases(eid, gold) and slug(form) != eid
            for m in re.finditer(r"(?<![\w-])" + re.escape(form.lower()) + r"(?![\w-])", low):
                add(m.start(), m.end(), eid, alias)
    ids = set(label_of)
    for i, tok in enumerate(doc):
        if not _capital(tok):
            continue
        for j in range(i + 1, min(len(doc), i + MAX_WORDS) + 1):
            if doc[j - 1].is_punct or doc[j - 1].is_space:
                continue
            s = slug(doc[i:j].text)
            if s in ids:
                add(doc[i].idx, doc[j - 1].idx + len(doc[j - 1]), s)
    return filter_spans(spans), ids - found


def reference(nlp, item: Item, cfg, drop_unmatched: bool, relabel_only: bool = False, self_only: bool = False):
    """The annotated Doc for ``item``: entities, tokens left unannotated (missing), the rest O.
    With ``relabel_only``, the stock model's own spans with the gold's label where a gold span has
    exactly their bounds, the other gold spans left unannotated (only the labels are taught)."""
    from spacy.tokens import Doc, Span

    stock = item.stock
    doc = Doc(nlp.vocab, words=[t.text for t in stock], spaces=[bool(t.whitespace_) for t in stock])
    spans, unfound = gold_spans(doc, item.gold, cfg)
    if self_only:  # a control: the model taught its own predictions (what updating alone moves)
        spans = []
    if relabel_only or self_only:
        own = {(e.start, e.end): e for e in stock.ents if not e.ent_id_ and e.label_ in NER_LABELS}
        ents, missing, used = [], [], set()
        for e in stock.ents:
            if e.ent_id_ or e.label_ not in NER_LABELS:
                (ents if e.label_ in NER_LABELS else missing).append(Span(doc, e.start, e.end, label=e.label_
                                                                           if e.label_ in NER_LABELS else ""))
                used.update(range(e.start, e.end))
        told = {(sp.start, sp.end): sp for sp in spans if sp.kb_id_ != "alias"}
        for (a, b), e in own.items():
            if any(k in used for k in range(a, b)):
                continue
            g = told.get((a, b))
            ents.append(Span(doc, a, b, label=g.label_ if g is not None else e.label_))
            used.update(range(a, b))
        for sp in spans:
            if not any(k in used for k in range(sp.start, sp.end)):
                missing.append(Span(doc, sp.start, sp.end))
        doc.set_ents(ents, missing=missing, default="outside")
        return doc, unfound
    used = set()
    missing, ents = [], []

    def free(s) -> bool:
        return not any(k in used for k in range(s.start, s.end))

    for e in stock.ents:  # the gazetteer ruler's spans first (set before "ner" runs), then the gold's
        if not e.ent_id_ and e.label_ in NER_LABELS:
            continue
        lab = e.label_ if e.label_ in NER_LABELS else None
        (ents if lab else missing).append(Span(doc, e.start, e.end, label=lab or ""))
        used.update(range(e.start, e.end))
    told = {(e.start, e.end): e.label_ for e in stock.ents if not e.ent_id_ and e.label_ in ("PER", "LOC")}
    for sp in spans:
        if free(sp):
            # another name of the entity that the model reads as a person or a place (« Moscou » for
            # the Russian state): a metonymy, not a lesson for the model
            other = told.get((sp.start, sp.end))
            conflict = sp.kb_id_ == "alias" and other is not None and other != sp.label_
            (missing if conflict else ents).append(Span(doc, sp.start, sp.end, label="" if conflict else sp.label_))
            used.update(range(sp.start, sp.end))
    complete = not unfound
    for e in stock.ents:
        if e.ent_id_ or e.label_ not in NER_LABELS or not free(e):
            continue
        if e.label_ == "MISC" or not drop_unmatched or not complete:
            ents.append(Span(doc, e.start, e.end, label=e.label_))
        used.update(range(e.start, e.end))
    if unfound:
        for tok in doc:
            if tok.i not in used and _capital(tok) and not tok.is_sent_start and tok.i > 0 \
                    and stock[tok.i].is_sent_start is not True:
                missing.append(Span(doc, tok.i, tok.i + 1))
    doc.set_ents(ents, missing=missing, default="outside")
    return doc, unfound


def train_ner(nlp, examples, *, epochs: int, seed: int, stock_bytes: bytes, drop: float = 0.2, batch: int = 8,
              say=print) -> None:
    import spacy

    ner = nlp.get_pipe("ner")
    ner.from_bytes(stock_bytes)
    spacy.util.fix_random_seed(seed)
    rng = random.Random(seed)
    examples = list(examples)
    with nlp.select_pipes(enable=["ner"]):
        optimizer = nlp.resume_training()
        for epoch in range(epochs):
            rng.shuffle(examples)
            losses: dict[str, float] = {}
            for b in spacy.util.minibatch(examples, size=batch):
                nlp.update(b, sgd=optimizer, drop=drop, losses=losses)
            say(f"    epoch {epoch + 1}/{epochs}: loss {losses.get('ner', 0):.1f}")


def extract(pipe, items: list[Item], cfg, docs=None):
    docs = docs if docs is not None else list(nlp_mod.parse_all(pipe, [it.text for it in items]))
    return {it.id: analyse_doc(doc, it.source, it.ref, cfg) for it, doc in zip(items, docs)}


def per_article(gold, results) -> dict[str, dict[str, tuple[int, int, int]]]:
    out = {}
    for sid in results:
        if sid in gold:
            scores, _ = score({sid: gold[sid]}, {sid: results[sid]})
            out[sid] = {s.field: (s.tp, s.fp, s.fn) for s in scores}
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def totals(arts: dict, field: str, ids) -> tuple[int, int, int]:
    return tuple(sum(arts[i][field][n] for i in ids) for n in range(3))


def bootstrap(a: dict, b: dict, field: str, rounds: int = 2000, seed: int = 0) -> tuple[float, float, float]:
    ids = sorted(a)
    rng = random.Random(seed)
    diffs = []
    for _ in range(rounds):
        pick = [rng.choice(ids) for _ in ids]
        diffs.append(prf(*totals(b, field, pick))[2] - prf(*totals(a, field, pick))[2])
    diffs.sort()
    return (prf(*totals(b, field, ids))[2] - prf(*totals(a, field, ids))[2],
            diffs[int(0.025 * rounds)], diffs[int(0.975 * rounds)])


def add_corpus(x: Corpus, y: Corpus) -> Corpus:
    vals = {}
    for f in fields(Corpus):
        u, v = getattr(x, f.name), getattr(y, f.name)
        vals[f.name] = u + v
    return Corpus(**vals)


def corpus_of(items, results, gold_dir_meta, cfg) -> Corpus:
    sources = {it.id: it.source for it in items}
    meta = {sid: m for sid, m in gold_dir_meta.items() if sid in sources}
    cands = [c for sid in sources for c in results[sid].candidates]
    facts = build_facts(cands, sources, cfg, roles=roles_of(results[s] for s in sources))
    return corpus_scores(meta, facts, cfg.theme_ids())


def _table(a: dict, b: dict) -> None:
    print(f"{'field':<14} {'stock P / R / F1':>20} {'updated P / R / F1':>20} {'dF1 [95% bootstrap]':>24}")
    for field in FIELDS:
        ps, pl = prf(*totals(a, field, a)), prf(*totals(b, field, b))
        d, lo, hi = bootstrap(a, b, field)
        print(f"{field:<14} {ps[0]:.2f} / {ps[1]:.2f} / {ps[2]:.2f}   {pl[0]:.2f} / {pl[1]:.2f} / {pl[2]:.2f}"
              f"   {d:+.3f} [{lo:+.3f}, {hi:+.3f}]")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--texts", type=Path, required=True)
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--always-texts", type=Path)
    ap.add_argument("--always-gold", type=Path)
    ap.add_argument("--config", type=Path, default=ROOT / "config" / "briefgen.yaml")
    ap.add_argument("-k", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--drop", type=float, default=0.2)
    ap.add_argument("--drop-unmatched", action="store_true")
    ap.add_argument("--folds", type=str, default="", help="only these folds (comma-separated, 1-based)")
    ap.add_argument("--relabel-only", action="store_true", help="teach only the labels of the model's own spans")
    ap.add_argument("--self-only", action="store_true", help="control: teach the stock model's own predictions")
    ap.add_argument("--subset", type=Path, help="a file of article ids (one a line) also scored on their own, "
                    "e.g. the articles the rules were never tuned on")
    ap.add_argument("--diffs", action="store_true", help="list per article what the updated ner changed")
    ap.add_argument("--show", action="store_true", help="print the derived spans of the first articles and stop")
    args = ap.parse_args()

    t0 = time.time()
    cfg = load_config(args.config)
    pipe = nlp_mod.load(cfg)
    ner = pipe.get_pipe("ner")
    items = load_items(cfg, args.gold, args.texts, False)
    extra = load_items(cfg, args.always_gold, args.always_texts, True) if args.always_gold else []
    stock_docs = list(nlp_mod.parse_all(pipe, [it.text for it in items + extra]))
    for it, d in zip(items + extra, stock_docs):
        it.stock = d
    # after a parse: the ruler's labels (DATE, QTY, ...) set before "ner" have been added to its moves
    stock_bytes = ner.to_bytes()
    refs, unfound_n, spans_n = {}, 0, 0
    for it in items + extra:
        ref, unfound = reference(pipe, it, cfg, args.drop_unmatched, args.relabel_only, args.self_only)
        refs[it.id] = ref
        unfound_n += len(unfound)
        spans_n += len(ref.ents)
        if args.show and not it.always and len(refs) <= 6:
            print(it.id, "unfound:", sorted(unfound))
            print("  ", [(e.text, e.label_) for e in ref.ents])
    print(f"{len(items)} articles (+{len(extra)} always in training), {spans_n} annotated spans, "
          f"{unfound_n} gold entities not found in their text; {time.time() - t0:.0f} s")
    if args.show:
        return 0
    from spacy.training import Example

    gold = load_gold(args.gold)
    meta = load_meta(args.gold)
    fold = folds([Article(it.id, None, frozenset(it.gold.get("themes") or []), it.group) for it in items], args.k)
    stock_res = extract(pipe, items, cfg, docs=stock_docs[:len(items)])
    learned_res = {}
    wanted = {int(x) - 1 for x in args.folds.split(",") if x} or set(range(args.k))
    c_stock, c_learned = Corpus(), Corpus()
    for f in sorted(wanted):
        t1 = time.time()
        train = [it for n, it in enumerate(items) if fold[n] != f] + extra
        held = [it for n, it in enumerate(items) if fold[n] == f]
        exs = [Example(pipe.make_doc(it.text), refs[it.id]) for it in train]
        print(f"fold {f + 1}/{args.k}: training on {len(train)}, {len(held)} held out")
        train_ner(pipe, exs, epochs=args.epochs, seed=args.seed, stock_bytes=stock_bytes, drop=args.drop)
        res = extract(pipe, held, cfg)
        learned_res.update(res)
        c_stock = add_corpus(c_stock, corpus_of(held, stock_res, meta, cfg))
        c_learned = add_corpus(c_learned, corpus_of(held, res, meta, cfg))
        a, b = per_article(gold, {i.id: stock_res[i.id] for i in held}), per_article(gold, res)
        line = []
        for field in ("people", "organisations", "armed_groups", "places"):
            line.append(f"{field} {prf(*totals(a, field, a))[2]:.2f}->{prf(*totals(b, field, b))[2]:.2f}")
        print(f"  {time.time() - t1:.0f} s; F1 " + ", ".join(line))
    if args.diffs:
        from briefgen.extract.evaluate import predicted
        for sid in sorted(learned_res):
            p0, p1 = predicted(stock_res[sid]), predicted(learned_res[sid])
            for field in ("people", "organisations", "armed_groups", "places"):
                g = gold[sid][field]
                lost, won = p0[field] - p1[field], p1[field] - p0[field]
                if lost or won:
                    tag = lambda x: x + ("+" if x in g else "-")  # noqa: E731 - + in the gold, - not
                    print(f"  {sid}: {field}: now {', '.join(map(tag, sorted(won))) or '-'}; "
                          f"no longer {', '.join(map(tag, sorted(lost))) or '-'}")
    ner.from_bytes(stock_bytes)
    held_ids = [it.id for n, it in enumerate(items) if fold[n] in wanted]
    a = per_article(gold, {i: stock_res[i] for i in held_ids})
    b = per_article(gold, learned_res)
    print(f"\n{len(held_ids)} held-out articles; stock ner vs updated ner (epochs {args.epochs}, drop {args.drop}, "
          f"unmatched stock entities {'dropped' if args.drop_unmatched else 'kept'}"
          f"{', labels only' if args.relabel_only else ''}{', control: own predictions' if args.self_only else ''})")
    _table(a, b)
    if args.subset:
        ids = set(args.subset.read_text(encoding="utf-8").split())
        sa, sb = {i: v for i, v in a.items() if i in ids}, {i: v for i, v in b.items() if i in ids}
        print(f"\nthe {len(sa)} held-out articles listed in {args.subset.name}")
        _table(sa, sb)
    for name, c in (("stock", c_stock), ("updated", c_learned)):
        print(f"{name}: theme articles with a fact {c.theme_articles_with_fact}/{c.theme_articles}, distractors "
              f"with a fact {c.distractors_with_fact}/{c.distractors}, groups merged {c.groups_merged}/{c.groups}, "
              f"wrong joins {c.wrong_joins}, approvable {c.approvable}/{c.proposed}")
    print(f"total {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
