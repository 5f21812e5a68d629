"""The model's attribute ruler is applied to the Doc's arrays (``array_pipes.ArrayRules``) and its
lemmatizer asked once per distinct word (``array_pipes.ArrayLemmatizer``); the tags, parts of speech,
morphology, dependencies and lemmas they leave must be the ones spaCy's own components leave.

The oracles are spaCy's AttributeRuler and Lemmatizer themselves, run on a copy of the same Doc. The texts are written
for these tests, or are the bundled example's articles.
"""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy
from spacy.tokens import Doc

from briefgen.articles.readers import read_source
from briefgen.extract.array_pipes import (
    ArrayLemmatizer,
    ArrayRules,
    compile_rules,
    swap_attribute_ruler,
    swap_lemmatizer,
)

ROOT = Path(__file__).resolve().parent.parent
ATTRS = ["TAG", "POS", "MORPH", "DEP", "LEMMA"]

# spaces of every kind, a non-breaking one glued to a word, tabs, blank lines, figures, a symbol
TEXT = ("Le  ministre\u00a0 a reçu, lundi 3 mars, 12 500 recrues à Kati.\n\n\tPuis  il est parti ;"
        " « 40 % » disait-on.\u202f \n Fin.")


def _states(doc: Doc) -> numpy.ndarray:
    return doc.to_array(ATTRS)


def _both(nlp_upstream, ruler, doc: Doc):
    """The Doc after spaCy's ruler and after ours, from one state of the upstream components."""
    a, b = doc.copy(), doc.copy()
    ruler(a)
    ArrayRules(compile_rules(ruler.patterns, ruler.vocab))(b)
    return a, b


@pytest.fixture(scope="module")
def model():
    return spacy.load("fr_core_news_md", exclude=["parser"])


def _upstream(model, text: str) -> Doc:
    doc = model.make_doc(text)
    for name in ("tok2vec", "morphologizer"):
        doc = model.get_pipe(name)(doc)
    return doc


def test_the_models_rules_are_all_reproduced(model):
    rules = compile_rules(model.get_pipe("attribute_ruler").patterns, model.vocab)
    assert rules is not None and len(rules) == len(model.get_pipe("attribute_ruler").patterns)


def test_the_models_rules_give_spacys_tags_on_written_text(model):
    doc = _upstream(model, TEXT)
    a, b = _both(model, model.get_pipe("attribute_ruler"), doc)
    assert numpy.array_equal(_states(a), _states(b))
    # the ruler did something: every tag set, the whitespace mended
    assert all(t.tag_ for t in b)
    assert {t.tag_ for t in b if t.is_space} == {"SPACE"} and {t.pos_ for t in b if t.is_space} == {"SPACE"}


def test_a_token_the_tagger_called_space_that_is_not_whitespace_becomes_x(model):
    doc = _upstream(model, "Le Mali et le Niger.")
    doc[1].pos_ = "SPACE"  # what the model sometimes says of a glued symbol
    a, b = _both(model, model.get_pipe("attribute_ruler"), doc)
    assert numpy.array_equal(_states(a), _states(b))
    assert (b[1].pos_, b[1].tag_) == ("X", "X")


def test_the_bundled_articles_get_spacys_tags_and_lemmas_in_the_whole_pipeline(model):
    theirs = spacy.load("fr_core_news_md", exclude=["parser"])
    ours = spacy.load("fr_core_news_md", exclude=["parser"])
    assert swap_attribute_ruler(ours) and swap_lemmatizer(ours)
    assert isinstance(ours.get_pipe("lemmatizer"), ArrayLemmatizer)
    assert ours.pipe_names == theirs.pipe_names  # the same place, the same name
    texts = [read_source(p).text for p in sorted((ROOT / "sources").rglob("*")) if p.is_file()]
    assert len(texts) >= 5
    for a, b in zip(theirs.pipe(texts), ours.pipe(texts)):
        assert numpy.array_equal(_states(a), _states(b)), a.text[:60]


RULES = [
    {"patterns": [[{"POS": "NOUN"}]], "attrs": {"TAG": "NC"}},
    {"patterns": [[{"POS": {"IN": ["NOUN", "PROPN"]}, "IS_PUNCT": False}]], "attrs": {"MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["NC", ""]}}], [{"IS_DIGIT": True}]], "attrs": {"POS": "X"}},
    {"patterns": [[{"POS": "NOUN"}]], "attrs": {"TAG": "NOM"}},  # later: overrides the first rule
]


def test_rules_of_every_shape_apply_in_order_as_spacys_ruler_applies_them():
    nlp = spacy.blank("fr")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(RULES)
    words = ["Le", "convoi", "de", "12", "camions", "arrive", "à", "Gao", "."]
    pos = ["DET", "NOUN", "ADP", "NUM", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"]
    tags = ["", "", "ADP", "", "", "V", "", "", ""]
    doc = Doc(nlp.vocab, words=words, pos=pos, tags=tags)
    a, b = _both(nlp, ruler, doc)
    assert numpy.array_equal(_states(a), _states(b))
    assert [t.tag_ for t in b][:2] == ["", "NOM"]  # the fourth rule after the first
    assert b[2].pos_ == "X" and b[3].pos_ == "X" and b[5].pos_ == "X"  # a tag not in the list; a digit
    assert str(b[7].morph) == "Number=Sing" and str(b[8].morph) == ""


@pytest.mark.parametrize("pattern", [
    {"patterns": [[{"POS": "NOUN"}, {"POS": "ADJ"}]], "attrs": {"TAG": "NC"}},  # two tokens
    {"patterns": [[{"POS": "NOUN"}]], "attrs": {"TAG": "NC"}, "index": 1},
    {"patterns": [[{"LOWER": "mali"}]], "attrs": {"TAG": "NPP"}},  # an attribute not tested here
    {"patterns": [[{"POS": "NOUN", "OP": "+"}]], "attrs": {"TAG": "NC"}},
    {"patterns": [[{"POS": "NOUN"}]], "attrs": {"LEMMA": "x"}},  # an attribute not set here
])
def test_a_ruler_with_a_rule_of_another_shape_is_kept(pattern):
    nlp = spacy.blank("fr")
    nlp.add_pipe("attribute_ruler").add_patterns([RULES[0], pattern])
    assert compile_rules(nlp.get_pipe("attribute_ruler").patterns, nlp.vocab) is None
    assert not swap_attribute_ruler(nlp)
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"


def test_the_lemmatizer_keeps_a_lemma_already_set_and_gives_spacys_elsewhere(model):
    theirs = model.get_pipe("lemmatizer")
    ours = ArrayLemmatizer(theirs)
    first = _upstream(model, "Les soldats sont arrivés.")
    assert [t.lemma_ for t in ours(first.copy())] == [t.lemma_ for t in theirs(first.copy())]  # spaCy's path
    doc = _upstream(model, "Les soldats maliens ont reçu des drones ; les soldats les attendaient.")
    doc[1].lemma_ = "militaire"  # set before, by another component
    a, b = doc.copy(), doc.copy()
    theirs(a)
    ours(b)
    assert numpy.array_equal(_states(a), _states(b))
    assert b[1].lemma_ == "militaire" and b[9].lemma_ == "soldat" and b[4].lemma_ == "recevoir"
    assert not ours(model.make_doc(""))  # an empty Doc


def test_a_lemmatizer_of_another_kind_is_kept():
    nlp = spacy.blank("fr")

    @spacy.Language.component("briefgen_test_lemmas")
    def lemmas(doc):
        return doc

    nlp.add_pipe("briefgen_test_lemmas", name="lemmatizer")
    assert not swap_lemmatizer(nlp)
