"""The gazetteer's ruler matches its token patterns only on windows around their anchors; what it
finds must be what spaCy's own EntityRuler finds on the whole Doc, with the same patterns.

The oracle is spaCy's EntityRuler itself, built beside ours from the same patterns. The texts are
written for these tests, or are the bundled example's articles.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from conftest import copy_project
from spacy.pipeline import EntityRuler

from briefgen.articles.readers import read_source
from briefgen.core.config import load_config
from briefgen.extract import nlp
from briefgen.extract.ruler import AnchoredEntityRuler, anchor_of

ROOT = Path(__file__).resolve().parent.parent

# a repetition before the rarest word, optional words before an anchor, a set of words, a regular
# expression on the text, and a name: every shape of pattern the gazetteer's ruler is given
PATTERNS = [
    {"label": "QTY", "pattern": [{"LOWER": "le"}, {"LOWER": "très", "OP": "*"}, {"LOWER": "long"},
                                 {"LOWER": "convoi"}]},
    {"label": "QTY", "pattern": [{"LOWER": "près", "OP": "?"}, {"LOWER": "de", "OP": "?"},
                                 {"TEXT": {"REGEX": r"^\d+$"}}, {"TEXT": {"REGEX": r"^\d{3}$"}, "OP": "*"},
                                 {"LOWER": {"IN": ["soldats", "recrues"]}}]},
    {"label": "DATE", "pattern": [{"LOWER": {"IN": ["au", "début", "fin"]}}, {"LOWER": "mars"}]},
    {"label": "PER", "pattern": [{"TEXT": "Koné"}]},
]

FILLER = "La réunion s'est tenue dans le calme et chacun a pu parler à son tour. " * 6
TEXT = (FILLER + "Le " + "très " * 11 + "long convoi est arrivé. "
        + FILLER + "Près de 1 200 000 recrues et 300 soldats sont attendus fin mars, selon Koné. " + FILLER)


def _pair(patterns):
    """Our ruler and spaCy's, on a blank French pipeline, with the same patterns."""
    ours = spacy.blank("fr")
    ours.add_pipe("anchored_entity_ruler").add_patterns(patterns)
    theirs = spacy.blank("fr")
    theirs.add_pipe("entity_ruler").add_patterns(patterns)
    return ours, theirs


def test_the_anchored_ruler_finds_what_spacy_finds_on_the_whole_doc():
    ours, theirs = _pair(PATTERNS)
    a, b = ours(TEXT), theirs(TEXT)
    found = [(e.text, e.label_) for e in a.ents]
    assert found == [(e.text, e.label_) for e in b.ents]
    assert ("Le " + "très " * 11 + "long convoi", "QTY") in found
    assert ("Près de 1 200 000 recrues", "QTY") in found
    assert ("fin mars", "DATE") in found and ("Koné", "PER") in found
    ruler = ours.get_pipe("anchored_entity_ruler")
    assert isinstance(ruler, AnchoredEntityRuler)
    assert ruler.match(a) == theirs.get_pipe("entity_ruler").match(b)
    # and it did not look at the whole Doc to find them
    spans = ruler.windows(a)
    assert spans is not None and sum(end - start for start, end in spans) < len(a) / 3


def test_a_window_grows_with_each_word_a_repetition_may_take():
    """Eleven « très » make the convoy thirteen words long, past the four tokens the pattern takes
    without them: a window of the pattern's fixed width would cut the match off."""
    ours, _ = _pair(PATTERNS)
    doc = ours(TEXT)
    ruler = ours.get_pipe("anchored_entity_ruler")
    convoy = next(e for e in doc.ents if e.text.endswith("convoi"))
    assert len(convoy) == 14
    assert any(start <= convoy.start and convoy.end <= end for start, end in ruler.windows(doc))


def test_anchors_are_the_rarest_word_no_repetition_precedes():
    common = frozenset(spacy.blank("fr").Defaults.stop_words)
    token, back, fixed = anchor_of(PATTERNS[0]["pattern"], common)
    assert token == {"LOWER": "le"} and back == 0 and fixed == 3  # « long » comes after « très »*
    token, back, fixed = anchor_of(PATTERNS[1]["pattern"], common)
    assert token == {"TEXT": {"REGEX": r"^\d+$"}} and back == 2 and fixed == 4
    token, back, _ = anchor_of(PATTERNS[2]["pattern"], common)
    assert token == {"LOWER": "mars"} and back == 1  # « au » is a frequent word, « mars » is not
    assert anchor_of([{"IS_DIGIT": True}, {"LOWER": "soldats", "OP": "?"}], common) is None


def test_a_pattern_without_an_anchor_makes_the_ruler_match_whole_docs():
    patterns = PATTERNS + [{"label": "QTY", "pattern": [{"IS_DIGIT": True, "OP": "+"}, {"IS_ALPHA": True}]}]
    ours, theirs = _pair(patterns)
    assert ours.get_pipe("anchored_entity_ruler").windows(ours(TEXT)) is None
    assert [(e.text, e.label_) for e in ours(TEXT).ents] == [(e.text, e.label_) for e in theirs(TEXT).ents]


@pytest.fixture(scope="module")
def cfg(tmp_path_factory):
    return load_config(copy_project(tmp_path_factory.mktemp("anchored")))


def test_the_gazetteer_ruler_matches_as_spacy_on_the_bundled_articles(cfg):
    """The real model, the bundled gazetteer's patterns (names, outlets, dates, quantities) and the
    bundled articles plus sentences written here: the same matches, article by article."""
    pipe = nlp.load(cfg)
    ours = pipe.get_pipe("gazetteer")
    assert isinstance(ours, AnchoredEntityRuler)
    theirs = EntityRuler(pipe, name="stock", phrase_matcher_attr="LOWER")  # beside the pipeline, not in it
    with pipe.select_pipes(enable=[]):  # phrase patterns need only the tokenizer
        theirs.add_patterns(nlp.ruler_patterns(cfg))
    texts = [read_source(p).text for p in sorted((ROOT / "sources").rglob("*.txt"))]
    texts += ["Le recrutement exceptionnel de quelque trente-cinq mille (35 000) jeunes débutera le "
              "lundi 3 mars 2025 ; près de 1 200 000 000 000 FCFA y seront consacrés d'ici fin mars.",
              "Une vingtaine de blindés et 12,5 milliards de francs CFA, soit 40 % de plus que l'an dernier."]
    assert len(texts) > 5
    with pipe.select_pipes(disable=["gazetteer", "ner"]):
        docs = list(pipe.pipe(texts))
    for doc in docs:
        assert ours.match(doc) == theirs.match(doc)
    assert any(ours.match(doc) for doc in docs[-2:])
