"""The spaCy pipeline: fr_core_news_md, loaded once per process and only when needed, with an
EntityRuler fed from the gazetteer placed before "ner" (so armed groups and bodies are not taken
for places) plus token patterns for dates and quantities. The ruler is spaCy's EntityRuler with its
token patterns tried only around the words that can start them (``ruler.AnchoredEntityRuler``): the
same matches, in a third of the time the Matcher takes over whole Docs.

The dependency parser is excluded (sentences come from the lighter "senter"); morphologizer and
lemmatizer stay, because the fact rules trigger on lemmas. The model's "attribute_ruler" (part of
speech copied into the tag, whitespace mended) is applied to the Doc's arrays (``array_pipes.ArrayRules``), and
the lemmatizer is asked once per distinct word and part of speech (``array_pipes.ArrayLemmatizer``).
The model's entity reader, the costliest component, runs in a second thread (``staged_pipe``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, TypeVar

from ..core.config import Config
from . import dates, learned, lexicon, quantities
from .site import gazetteer_data
from .types import LABEL_OF_KIND

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger("briefgen")
MODEL = "fr_core_news_md"
_PIPELINES: dict[str, "Language"] = {}
_SURNAME_PARTICLES = {"de", "du", "ben", "ould", "ag", "el", "al"}
T = TypeVar("T")


def normalize(text: str) -> str:
    """Same-length normalisation for the model: typographic apostrophes and thin/non-breaking
    spaces become ASCII, so character offsets stay valid for Source.text."""
    table = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " ", "\u202f": " ",
                           "\u2009": " ", "\u2011": "-"})
    out = text.translate(table)
    assert len(out) == len(text)
    return out


def once_per_config(build: Callable[[Config], T]) -> Callable[[Config], T]:
    """``build(cfg)``, built once for the configuration last asked for and given again while it is
    the one asked for (the same object); one configuration at a time, so that the tests' many
    copies of one do not pile up."""
    held: list[tuple[Config, T]] = []

    @functools.wraps(build)
    def get(cfg: Config) -> T:
        if held and held[0][0] is cfg:
            return held[0][1]
        value = build(cfg)
        held[:] = [(cfg, value)]
        return value

    return get


@once_per_config
def gazetteer_phrases(cfg: Config) -> dict[str, list[str]]:
    """Lower-cased phrase → entity ids naming it (several ids: an ambiguous name such as Mali);
    built once per loaded configuration (the entity rules ask for it at every name)."""
    return _build_phrases(cfg)


_SMALL_WORDS = lexicon.CONNECTORS | {"en", "au"}


def number_variants(phrase: str) -> set[str]:
    """The forms of a name of two or three words that the press writes with another number on some
    of its words (« armée malienne », « armées maliennes », « armée maliennes »): each word of four
    letters or more, small words left alone, with or without a final « s »."""
    words = phrase.split(" ")
    if not 2 <= len(words) <= 3 or not all(w.isalpha() for w in words):
        return set()
    options = [[w] if w in _SMALL_WORDS or len(w) < 4 else sorted({w, w[:-1] if w.endswith("s") else w + "s"})
               for w in words]
    out = {""}
    for opts in options:
        out = {f"{o} {w}".strip() for o in out for w in opts}
    return out - {phrase}


def _build_phrases(cfg: Config) -> dict[str, list[str]]:
    phrases: dict[str, list[str]] = {}
    variants: dict[str, list[str]] = {}
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
            for v in number_variants(key):
                vids = variants.setdefault(v, [])
                if ent.id not in vids:
                    vids.append(ent.id)
    for v, ids in variants.items():
        phrases.setdefault(v, ids)  # a name as the gazetteer writes it wins over another's variant
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
            "cues": [[t.id, list(t.cues), list(t.between_states)] for t in cfg.brief.themes],
            "off_topic": sorted(cfg.brief.off_topic),
            "kinds": sorted((e.id, e.kind) for e in cfg.entities.values()),
            "rules": gazetteer_data(cfg), "theme_model": learned.fingerprint(cfg)}
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


_COMMON_NOUNS: dict[int, frozenset[str]] = {}


def common_nouns(vocab) -> frozenset[str]:
    """The common nouns the model's lemmatizer lists (lower case, singular: « tactique », « sociologie »),
    for the pipeline whose vocabulary ``vocab`` is; empty for a pipeline without such a list."""
    return _COMMON_NOUNS.get(id(vocab), frozenset())


def _noun_list(nlp: "Language") -> frozenset[str]:
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lemmatizer = nlp.get_pipe("lemmatizer")
    lookups = getattr(getattr(lemmatizer, "inner", lemmatizer), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get("noun", ()))


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
        from .array_pipes import swap_attribute_ruler, swap_lemmatizer

        swap_attribute_ruler(nlp)  # the same tags and lemmas, from the Doc's arrays
        swap_lemmatizer(nlp)
        _COMMON_NOUNS[id(nlp.vocab)] = _noun_list(nlp)
    else:  # same model, another gazetteer: reuse the weights, swap the ruler
        nlp = base
        nlp.remove_pipe("gazetteer")
        _PIPELINES.clear()
    from . import ruler as _ruler  # noqa: F401 - registers the "anchored_entity_ruler" factory

    ruler = nlp.add_pipe("anchored_entity_ruler", name="gazetteer", before="ner",
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


def pieces(text: str, limit: int) -> list[str]:
    """``text`` cut into consecutive slices of at most ``limit`` characters, at a paragraph break
    where there is one in the second half of a slice, else at a line break, a sentence end or a space
    (a word is never cut unless a slice holds no space at all). Joined, they give ``text`` back."""
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            at = window.rfind(sep, limit // 2)
            if at != -1:
                cut = at + len(sep)
                break
        cut = cut if cut > 0 else limit
        out.append(window[:cut])
        start += cut
    out.append(text[start:])
    return out


def parse_all(nlp: "Language", texts: Iterable[str], *, batch_size: int = 16) -> Iterator["Doc"]:
    """``nlp.pipe(texts)``, one Doc per text, in order; a text longer than the model takes
    (``nlp.max_length``, one million characters) is parsed in pieces cut at paragraph breaks and
    joined back into one Doc, with the same text and character offsets."""
    from spacy.tokens import Doc

    limit = max(1000, nlp.max_length // 4)  # pieces well below the limit: memory grows with length
    queue: list[list[str]] = []  # the pieces of each text, in order

    def split(stream: Iterable[str]) -> Iterator[str]:
        for text in stream:
            parts = pieces(text, limit) if len(text) > nlp.max_length else [text]
            queue.append(parts)
            yield from parts

    docs = staged_pipe(nlp, split(texts), batch_size=batch_size)
    for doc in docs:
        parts = queue.pop(0)
        if len(parts) == 1:
            yield doc
            continue
        chunk = [doc] + [next(docs) for _ in parts[1:]]
        yield Doc.from_docs(chunk, ensure_whitespace=False)


def staged_pipe(nlp: "Language", texts: Iterable[str], *, batch_size: int = 16) -> Iterator["Doc"]:
    """``nlp.pipe(texts, batch_size=…)``, the same Docs in the same order, with the last component
    (the model's "ner", the costliest: its own embeddings and a transition-based tagger) run in a
    second thread: while it reads one batch, this thread tokenises and tags the next and the
    caller analyses the Docs of the one before. Its matrix products let go of the interpreter lock,
    so on two cores the stages overlap. At most two batches are in the second thread's hands."""
    from concurrent.futures import ThreadPoolExecutor

    from spacy.util import minibatch

    if len(nlp.pipeline) < 2:
        yield from nlp.pipe(texts, batch_size=batch_size)
        return
    *first, (_, last) = nlp.pipeline

    def stage(proc, docs: list) -> list:
        return list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]

    pending: list = []
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="briefgen-ner") as pool:
        try:
            for batch in minibatch(texts, size=batch_size):
                docs = [nlp.make_doc(t) for t in batch]
                for _, proc in first:
                    docs = stage(proc, docs)
                pending.append(pool.submit(stage, last, docs))
                if len(pending) > 1:
                    yield from pending.pop(0).result()
            while pending:
                yield from pending.pop(0).result()
        finally:
            for f in pending:
                f.cancel()
