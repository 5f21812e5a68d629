"""``nlp.staged_pipe`` runs the model's last component (its named-entity reader) in a second
thread while the first thread tokenises and tags the next batch: the Docs must be the ones spaCy's
own ``nlp.pipe`` gives, in the same order, whatever the number of texts and the batch size; and
what goes wrong in either thread reaches the caller. The oracle is ``nlp.pipe`` of the same
pipeline (the bundled settings' real model and gazetteer ruler) on the bundled example's articles
and on texts written for these tests."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy
import pytest
import spacy
from spacy.language import Language

from briefgen.articles.readers import read_source
from briefgen.core.config import load_config
from briefgen.extract import nlp as nlp_mod

ROOT = Path(__file__).resolve().parent.parent
ATTRS = ["ORTH", "TAG", "POS", "MORPH", "LEMMA", "ENT_IOB", "ENT_TYPE", "ENT_ID", "SENT_START"]


@pytest.fixture(scope="module")
def pipe():
    return nlp_mod.load(load_config(ROOT / "config" / "briefgen.yaml"))


def _texts() -> list[str]:
    bundled = [nlp_mod.normalize(read_source(p).text) for p in sorted((ROOT / "sources").glob("*.txt"))]
    own = ["Le Niger a reçu lundi 12 blindés de la Turquie à Niamey.", "", "Fin.\n\n",
           "Le ministre malien de la Défense, Sadio Camara, s'est rendu à Moscou en mars 2025."]
    return bundled + own


def _state(doc) -> tuple:
    return (doc.text, doc.to_array(ATTRS).tolist(), [(e.start, e.end, e.label_, e.ent_id_) for e in doc.ents],
            doc.tensor.tolist())


@pytest.mark.parametrize("batch_size", [1, 3, 16])
def test_the_docs_are_those_of_spacys_own_pipe(pipe, batch_size):
    texts = _texts()
    ours = list(nlp_mod.staged_pipe(pipe, texts, batch_size=batch_size))
    theirs = list(pipe.pipe(texts, batch_size=batch_size))
    assert len(ours) == len(texts) > 4
    assert [_state(d) for d in ours] == [_state(d) for d in theirs]
    assert any(d.ents for d in ours) and numpy.any(ours[0].to_array(["ENT_IOB"]))


def test_no_text_gives_no_doc(pipe):
    assert list(nlp_mod.staged_pipe(pipe, [], batch_size=4)) == []


def _recorder(name: str, seen: dict):
    @Language.component(name)
    def record(doc):
        seen.setdefault(name, set()).add(threading.current_thread().name)
        if "panne" in doc.text and name.endswith("last"):
            raise RuntimeError(f"{name} failed on {doc.text!r}")
        return doc
    return record


def test_the_last_component_runs_in_the_second_thread_and_its_errors_reach_the_caller():
    seen: dict[str, set[str]] = {}
    _recorder("staged_test_first", seen)
    _recorder("staged_test_last", seen)
    nlp = spacy.blank("fr")
    nlp.add_pipe("staged_test_first")
    nlp.add_pipe("staged_test_last")
    texts = [f"Texte {n}." for n in range(7)]
    assert [d.text for d in nlp_mod.staged_pipe(nlp, texts, batch_size=2)] == texts
    assert seen["staged_test_first"] == {threading.current_thread().name}
    assert len(seen["staged_test_last"]) == 1 and seen["staged_test_last"] != seen["staged_test_first"]
    got = []
    with pytest.raises(RuntimeError, match="staged_test_last failed on 'Texte en panne.'"):
        for doc in nlp_mod.staged_pipe(nlp, [*texts[:4], "Texte en panne.", *texts[4:]], batch_size=2):
            got.append(doc.text)
    assert got == texts[:4]  # the batches before the failing one were given


def test_a_pipeline_of_one_component_runs_as_spacys_own():
    nlp = spacy.blank("fr")
    nlp.add_pipe("sentencizer")
    texts = ["Un. Deux.", "Trois."]
    assert [[s.text for s in d.sents] for d in nlp_mod.staged_pipe(nlp, texts, batch_size=1)] == \
        [["Un.", "Deux."], ["Trois."]]
