"""An EntityRuler whose token patterns are tried only where they can match.

spaCy's Matcher starts every token pattern at every token and asks each pattern's first predicates
there (a set look-up or a regular expression through Python for each token and predicate): on news
text the date and quantity patterns cost it a tenth of the whole pipeline. Here each pattern gets an
*anchor*, one of its mandatory tokens whose words can be read off the token's text alone and are rare
(« milliards », a month, a figure; not « de », « la »). A Doc's tokens are looked up once per distinct
text; the Matcher then runs only on windows around the anchors it holds, each wide enough for every
pattern that anchor stands for, and the matches are the same as on the whole Doc:

- a match starts at most ``back`` tokens before its anchor (the pattern's tokens before the anchor
  each take one token: the anchor is never chosen past a repeated token);
- it ends at most ``fixed`` tokens after its anchor plus one token per token of the window a repeated
  token of some pattern (``*``, ``+``, ``{n,m}``) could take, and never on a token none of them could
  take: the window grows until both hold.

Predicates the token's text does not decide (``POS``, ``IS_UPPER``…) are left out of the look-up,
which can only let more tokens in. A pattern with no usable anchor makes the ruler match whole Docs,
as spaCy's does.
"""

from __future__ import annotations

import json
import re
import warnings
from typing import Callable

import numpy as np
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.pipeline.entityruler import DEFAULT_ENT_ID_SEP

_LEXICAL = ("ORTH", "TEXT", "LOWER")
_ONE = (None, "1", "!", "?")  # operators that take at most one token
_FREQUENT_SIGNS = frozenset(".,;:-'’()/\"«»")


def _conditions(token: dict) -> list[tuple[bool, str, object]]:
    """The conditions of ``token`` (a pattern token) on a token's text, as (on the lower-cased text,
    operator, argument); conditions on anything else are left out (a superset)."""
    out = []
    for key in _LEXICAL:
        value = token.get(key)
        conds = {"==": value} if isinstance(value, str) else value
        if isinstance(conds, dict):
            out.extend((key == "LOWER", op, arg) for op, arg in conds.items()
                       if op in ("==", "IN", "NOT_IN", "REGEX"))
    return out


def _test(conditions) -> Callable[[str], bool]:
    """One function of a token's text that holds when every condition does."""
    tests = []
    for lower, op, arg in conditions:
        if op == "==":
            tests.append(lambda s, v=arg, lo=lower: (s.lower() if lo else s) == v)
        elif op == "IN":
            tests.append(lambda s, v=frozenset(arg), lo=lower: (s.lower() if lo else s) in v)
        elif op == "NOT_IN":
            tests.append(lambda s, v=frozenset(arg), lo=lower: (s.lower() if lo else s) not in v)
        else:
            tests.append(lambda s, r=re.compile(arg), lo=lower: r.search(s.lower() if lo else s) is not None)
    return lambda s: all(t(s) for t in tests)


def _rarity(token: dict, common: frozenset[str]) -> float:
    """How many frequent words ``token`` accepts (lower is a better anchor); infinite when its text
    alone does not narrow it (no equality, set or regular expression on the text)."""
    best = float("inf")
    for _lower, op, arg in _conditions(token):
        if op == "==":
            best = min(best, float(arg.lower() in common))
        elif op == "IN":
            best = min(best, float(sum(w.lower() in common for w in arg)))
        elif op == "REGEX":
            best = min(best, 0.0)
    return best


def anchor_of(pattern: list[dict], common: frozenset[str]) -> tuple[dict, int, int] | None:
    """The anchor of ``pattern``: its rarest mandatory token that no repeated token precedes, how many
    pattern tokens come before it (``back``) and how many tokens the pattern takes at most outside
    repetitions (``fixed``); None when no such token has a condition on the text."""
    best, best_rarity, back = None, float("inf"), 0
    for token in pattern:
        op = token.get("OP")
        if op in (None, "1", "+"):
            rarity = _rarity(token, common)
            if rarity < best_rarity:
                best, best_rarity = (token, back), rarity
        if op not in _ONE:
            break
        back += 1
    if best is None:
        return None
    fixed = sum(1 for t in pattern if t.get("OP") in _ONE or t.get("OP") == "+")
    return best[0], best[1], fixed


class Plan:
    """What a token's text tells the windows, built once from the token patterns: anchors on one
    word or a set of words in a dictionary by word, the others as tests; the tests of the tokens a
    repetition may take; and a cache by text of what each text was found to be."""

    def __init__(self, patterns: list[list[dict]], common: frozenset[str]):
        self.words: dict[bool, dict[str, list[int]]] = {False: {}, True: {}}
        self.others: list[list] = []
        self.repeats: list[Callable[[str], bool]] = []
        self.seen: dict[int, tuple[int, int, bool]] = {}
        self.whole = False  # a pattern without an anchor: match whole Docs
        others: dict[str, list] = {}
        repeats: dict[str, Callable[[str], bool]] = {}
        for pattern in patterns:
            found = anchor_of(pattern, common)
            if found is None:
                self.whole = True
                return
            token, back, fixed = found
            conds = _conditions(token)
            if len(conds) == 1 and conds[0][1] in ("==", "IN"):
                lower, op, arg = conds[0]
                for word in ([arg] if op == "==" else arg):
                    self._widen(self.words[lower].setdefault(word, [back, fixed]), back, fixed)
            else:
                key = json.dumps(conds, sort_keys=True, ensure_ascii=False, default=list)
                self._widen(others.setdefault(key, [back, fixed, _test(conds)]), back, fixed)
            for token in pattern:
                if token.get("OP") not in _ONE:
                    conds = _conditions(token)
                    repeats.setdefault(json.dumps(conds, sort_keys=True, ensure_ascii=False, default=list),
                                       _test(conds))
        self.others = list(others.values())
        self.repeats = list(repeats.values())

    @staticmethod
    def _widen(entry: list, back: int, fixed: int) -> None:
        entry[0], entry[1] = max(entry[0], back), max(entry[1], fixed)

    def lookup(self, text: str) -> tuple[int, int, bool]:
        """For a token's text: how far back a match anchored on it may start and how many fixed
        tokens it may take from there (-1, 0 when it anchors nothing), and whether a repetition may
        take it."""
        back, fixed = -1, 0
        for lower, form in ((False, text), (True, text.lower())):
            hit = self.words[lower].get(form)
            if hit is not None:
                back, fixed = max(back, hit[0]), max(fixed, hit[1])
        for b, f, test in self.others:
            if test(text):
                back, fixed = max(back, b), max(fixed, f)
        return back, fixed, any(test(text) for test in self.repeats)


class AnchoredEntityRuler(EntityRuler):
    """spaCy's EntityRuler with its token patterns matched on windows around their anchors."""

    def add_patterns(self, patterns) -> None:
        super().add_patterns(patterns)
        self._plan = None

    def _planned(self) -> Plan:
        if getattr(self, "_plan", None) is None:
            common = frozenset(self.nlp.Defaults.stop_words) | _FREQUENT_SIGNS
            self._plan = Plan([p for ps in self.token_patterns.values() for p in ps], common)
        return self._plan

    def windows(self, doc) -> list[tuple[int, int]] | None:
        """The token ranges to match in, merged and in order; None for the whole Doc."""
        plan = self._planned()
        if plan.whole:
            return None
        n = len(doc)
        if not n:
            return []
        orths = doc.to_array(ORTH)
        uniq, inverse = np.unique(orths, return_inverse=True)
        strings = doc.vocab.strings
        table = []
        for orth in uniq.tolist():
            row = plan.seen.get(orth)
            if row is None:
                row = plan.seen[orth] = plan.lookup(strings[orth])
            table.append(row)
        rows = np.array(table, dtype=np.int64).reshape(-1, 3)[inverse.reshape(-1)]
        back, fixed, repeatable = rows[:, 0], rows[:, 1], rows[:, 2].astype(bool)
        cumulative = np.concatenate(([0], np.cumsum(repeatable)))
        spans = []
        for a in np.nonzero(back >= 0)[0].tolist():
            f = int(fixed[a])
            end = min(n, a + f)
            while True:
                need = a + f + int(cumulative[end] - cumulative[a])  # a token more per repeatable one
                if end < need and end < n:
                    end = min(n, need)
                elif end < n and repeatable[end]:  # never end on a token a repetition could take
                    end += 1
                else:
                    break
            spans.append((max(0, a - int(back[a])), end))
        spans.sort()
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged

    def _token_matches(self, doc) -> list[tuple[int, int, int]]:
        spans = self.windows(doc)
        if spans is None:
            return list(self.matcher(doc))
        out = []
        for start, end in spans:
            out.extend((key, start + s, start + e) for key, s, e in self.matcher(doc[start:end]))
        return out

    def match(self, doc):
        self._require_patterns()
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="\\[W036")  # as spaCy's: no pattern of a kind
            matches = self._token_matches(doc) + list(self.phrase_matcher(doc))
        final = {(key, start, end) for key, start, end in matches if start != end}
        return sorted(final, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)


@Language.factory("anchored_entity_ruler", default_config={
    "phrase_matcher_attr": None, "validate": False, "overwrite_ents": False, "ent_id_sep": DEFAULT_ENT_ID_SEP})
def make_anchored_entity_ruler(nlp: Language, name: str, phrase_matcher_attr, validate: bool,
                               overwrite_ents: bool, ent_id_sep: str) -> AnchoredEntityRuler:
    return AnchoredEntityRuler(nlp, name, phrase_matcher_attr=phrase_matcher_attr, validate=validate,
                               overwrite_ents=overwrite_ents, ent_id_sep=ent_id_sep)
