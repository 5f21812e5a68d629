"""Two of the French model's components redone on the Doc's attribute arrays, with the same result.

The "attribute_ruler" is 23 one-token rules: twenty copy the coarse part of speech into the fine tag
(``{"POS": "ADJ"}`` → ``{"TAG": "ADJ"}``), three mend whitespace tokens. spaCy runs them as a Matcher
over every token and sets each token through a Span, which costs more than the lemmatizer.
``ArrayRules`` applies the same rules to the arrays: each rule's tokens are found on the arrays as
they stand before any rule (as the Matcher finds them), then the rules are applied in their order,
a later rule overriding an earlier one, as the ruler does. ``swap_attribute_ruler`` puts it in the
ruler's place only when every rule is of a shape it reproduces (``compile_rules``).

The lemmatizer visits every token as a Python object, though its lemma depends only on the word,
its part of speech and (for some modes) its morphology. ``ArrayLemmatizer`` asks the model's own
lemmatizer once per distinct such triple and writes the lemmas as one array.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

MATCHED = ("POS", "TAG", "DEP")
"""Token attributes a rule may test, by value, ``IN`` or ``NOT_IN`` a list of values."""
FLAGS = ("IS_SPACE", "IS_PUNCT", "IS_DIGIT", "IS_ALPHA", "LIKE_NUM")
"""Lexical flags a rule may test (true or false)."""
SET = ("TAG", "POS", "MORPH", "DEP")
"""Attributes a rule may set: per token only, never on the lexeme."""


@dataclass(frozen=True)
class Test:
    attr: str
    values: frozenset[int]  # ids (symbols or string hashes) as ``Doc.to_array`` gives them
    negated: bool = False


@dataclass(frozen=True)
class Rule:
    alternatives: tuple[tuple[Test, ...], ...]  # one token pattern each; the rule holds if one does
    sets: tuple[tuple[str, int], ...]


def _id(attr: str, value, vocab) -> int:
    if attr == "POS":
        from spacy.parts_of_speech import IDS
        return IDS[value]
    return vocab.strings.add(value)


def compile_rules(patterns: list[dict], vocab) -> list[Rule] | None:
    """An attribute ruler's ``patterns`` (as ``AttributeRuler.patterns`` gives them) as ``Rule``\\ s,
    or None when one of them is of a shape this module does not reproduce exactly (several tokens,
    an index, another attribute or operator, extension attributes)."""
    from spacy.attrs import IDS
    from spacy.tokens._retokenize import normalize_token_attrs

    names = {IDS[n]: n for n in SET}
    rules = []
    for pattern in patterns:
        sets = pattern.get("attrs") or {}
        if pattern.get("index", 0) not in (0, -1) or not pattern.get("patterns") or "_" in sets:
            return None
        alternatives = []
        for tokens in pattern["patterns"]:
            if not isinstance(tokens, list) or len(tokens) != 1 or not isinstance(tokens[0], dict):
                return None
            tests = []
            for key, value in tokens[0].items():
                attr = key.upper()
                if attr in FLAGS and isinstance(value, bool):
                    tests.append(Test(attr, frozenset([int(value)])))
                elif attr in MATCHED and isinstance(value, str):
                    tests.append(Test(attr, frozenset([_id(attr, value, vocab)])))
                elif attr in MATCHED and isinstance(value, dict) and len(value) == 1 \
                        and set(value) <= {"IN", "NOT_IN"}:
                    (op, values), = value.items()
                    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                        return None
                    tests.append(Test(attr, frozenset(_id(attr, v, vocab) for v in values), op == "NOT_IN"))
                else:
                    return None
            alternatives.append(tuple(tests))
        try:
            ids = normalize_token_attrs(vocab, sets)
        except (KeyError, ValueError):
            return None
        if any(a not in names for a in ids):
            return None
        rules.append(Rule(tuple(alternatives), tuple((names[a], int(v)) for a, v in ids.items())))
    return rules


class ArrayRules:
    """A pipeline component applying ``rules`` (``compile_rules``) to each Doc's arrays."""

    def __init__(self, rules: list[Rule]):
        import numpy

        self.rules = rules
        self.tested = sorted({t.attr for r in rules for a in r.alternatives for t in a})
        self.set = sorted({a for r in rules for a, _ in r.sets})
        # per rule: its alternatives as (column, values, negated) triples; one value is compared directly
        def values(t: Test):
            return next(iter(t.values)) if len(t.values) == 1 else numpy.array(sorted(t.values), dtype=numpy.uint64)

        self._plan = [([[(self.tested.index(t.attr), values(t), t.negated) for t in tests] for tests in r.alternatives],
                       [(self.set.index(a), v) for a, v in r.sets]) for r in rules]

    def __call__(self, doc: "Doc") -> "Doc":
        import numpy

        if not len(doc):
            return doc
        before = doc.to_array(self.tested).reshape(len(doc), -1) if self.tested else None
        after = doc.to_array(self.set).reshape(len(doc), -1).copy()
        for alternatives, sets in self._plan:
            hit = None
            for tests in alternatives:
                ok = None
                for col, values, negated in tests:
                    inside = before[:, col] == values if isinstance(values, int) else numpy.isin(before[:, col], values)
                    inside = ~inside if negated else inside
                    ok = inside if ok is None else ok & inside
                ok = numpy.ones(len(doc), dtype=bool) if ok is None else ok
                hit = ok if hit is None else hit | ok
            if hit is not None and hit.any():
                for col, value in sets:
                    after[hit, col] = value
        doc.from_array(self.set, after)
        return doc


def make_array_rules(nlp, name: str, patterns: list[dict]) -> ArrayRules:
    rules = compile_rules(patterns, nlp.vocab)
    if rules is None:
        raise ValueError(f"{name}: an attribute rule of a shape ArrayRules does not reproduce")
    return ArrayRules(rules)


def swap_attribute_ruler(nlp) -> bool:
    """Put an ``ArrayRules`` in place of ``nlp``'s "attribute_ruler" when it reproduces every rule;
    whether it did."""
    from spacy.language import Language

    if "attribute_ruler" not in nlp.pipe_names:
        return False
    patterns = nlp.get_pipe("attribute_ruler").patterns
    if not compile_rules(patterns, nlp.vocab):
        return False
    if not Language.has_factory("briefgen_array_rules"):
        Language.factory("briefgen_array_rules", default_config={"patterns": []}, func=make_array_rules)
    nlp.replace_pipe("attribute_ruler", "briefgen_array_rules", config={"patterns": patterns})
    return True


LEMMA_MODES = ("rule", "lookup", "pos_lookup")
"""spaCy's lemmatizer modes whose lemma is a function of the word, its part of speech and morphology."""


class ArrayLemmatizer:
    """A pipeline component: the lemmas ``inner`` (spaCy's lemmatizer) gives, one call per distinct
    (word, part of speech, morphology), for the tokens it would lemmatise (those without a lemma,
    or all of them when it overwrites)."""

    def __init__(self, inner=None):
        self.inner = inner
        self._memo: dict[tuple[int, int, int], int] = {}
        self._checked = False

    def __call__(self, doc: "Doc") -> "Doc":
        if self.inner is None:
            raise ValueError("ArrayLemmatizer: no lemmatizer to ask (swap_lemmatizer sets it)")
        if not self._checked:  # spaCy's own way the first time: it checks its tables then
            self._checked = True
            return self.inner(doc)
        if not len(doc):
            return doc
        arr = doc.to_array(["ORTH", "POS", "MORPH", "LEMMA"])
        lemmas = arr[:, 3].copy()
        overwrite = self.inner.overwrite
        memo, strings = self._memo, doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(arr.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                value = memo[key] = strings.add(self.inner.lemmatize(doc[i])[0])
            lemmas[i] = value
        doc.from_array(["LEMMA"], lemmas.reshape(-1, 1))
        return doc


def swap_lemmatizer(nlp) -> bool:
    """Put an ``ArrayLemmatizer`` around ``nlp``'s "lemmatizer" when it is spaCy's own, in a mode
    whose lemma depends on nothing else; whether it did."""
    from spacy.language import Language

    if "lemmatizer" not in nlp.pipe_names:
        return False
    inner = nlp.get_pipe("lemmatizer")
    if not type(inner).__module__.startswith("spacy.") or getattr(inner, "mode", None) not in LEMMA_MODES:
        return False
    if not Language.has_factory("briefgen_array_lemmatizer"):
        Language.factory("briefgen_array_lemmatizer", func=lambda nlp, name: ArrayLemmatizer())
    nlp.replace_pipe("lemmatizer", "briefgen_array_lemmatizer")
    nlp.get_pipe("lemmatizer").inner = inner
    return True
