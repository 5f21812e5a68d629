"""The annotated corpus of real articles (tests/corpus): complete, consistent, and without any text.

The article texts are not in the repository; these tests read only our annotations."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

CORPUS = Path(__file__).resolve().parent / "corpus"
FILES = sorted((CORPUS / "gold").glob("*/*.yaml"))
TOPICS = {"security_cooperation", "economic_ties", "force_buildup", "distractor"}
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DATE = re.compile(r"^\d{4}-(\d{2}(-\d{2})?(/\d{4}-\d{2}(-\d{2})?)?|W\d{2})$")
QUANTITY = re.compile(r"^-?\d+(\.\d+)? \S.*$")


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_corpus_is_as_large_and_varied_as_asked():
    docs = [_load(p) for p in FILES]
    assert len(docs) >= 60
    assert len({d["outlet"] for d in docs}) >= 12
    assert sum(d["topic"] == "distractor" for d in docs) >= 10
    for theme in TOPICS - {"distractor"}:
        assert sum(theme in d["themes"] for d in docs) >= 10, theme
    groups = defaultdict(set)
    for d in docs:
        if d.get("group"):
            groups[d["group"]].add(d["outlet"])
    assert sum(len(outlets) >= 2 for outlets in groups.values()) >= 10
    assert all(len(outlets) >= 2 for outlets in groups.values()), "a group needs two outlets"
    dev = sum(d["split"] == "dev" for d in docs)
    assert 0.25 <= (len(docs) - dev) / len(docs) <= 0.45, "about a third is the test part"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_each_annotation_is_well_formed(path):
    d = _load(path)
    assert d["source"] == path.stem and ID.match(d["source"])
    assert d["split"] == path.parent.name
    assert d["topic"] in TOPICS
    assert d["url"].startswith(("http://", "https://")) and d["query"]
    for field in ("people", "organisations", "armed_groups", "places"):
        assert all(ID.match(x) for x in d.get(field) or []), field
    assert all(DATE.match(str(x)) for x in d.get("dates") or []), d.get("dates")
    assert all(QUANTITY.match(str(x)) for x in d.get("quantities") or []), d.get("quantities")
    assert set(d.get("approximate") or []) <= set(d.get("quantities") or [])
    if d["topic"] == "distractor":
        assert d["themes"] == [] and not d.get("events")
    else:
        assert d["topic"] in d["themes"]
    named = {x for f in ("people", "organisations", "armed_groups", "places") for x in d.get(f) or []}
    for event in d.get("events") or []:
        assert set(event.get("actors") or []) | set(event.get("places") or []) <= named, event


def test_groups_stay_in_one_split():
    splits = defaultdict(set)
    for path in FILES:
        d = _load(path)
        if d.get("group"):
            splits[d["group"]].add(d["split"])
    assert all(len(s) == 1 for s in splits.values()), {g: s for g, s in splits.items() if len(s) > 1}


def _strings(value, key=""):
    """(top-level key, text) for every text value."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, key or str(k))
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, key)
    elif isinstance(value, str):
        yield key, value


def test_no_article_text_is_in_the_repository():
    ignored = (CORPUS.parent.parent / ".gitignore").read_text(encoding="utf-8")
    assert "tests/corpus/texts/" in ignored
    for path in FILES:  # ids, numbers, dates, short role phrases; only the title and query are sentences
        for key, text in _strings(_load(path)):
            if key not in ("title", "query", "url"):
                assert len(text.split()) <= 8, (path.name, key, text[:60])
