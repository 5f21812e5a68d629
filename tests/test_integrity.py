"""Integrity under faulty input (issue 12, findings 6-9): duplicate YAML keys, article encodings,
articles longer than the model takes, ledgers that lost their history, editions written whole."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, run_cli

from briefgen.articles.readers import read_source, read_sources
from briefgen.core.config import load_config
from briefgen.core.errors import BriefgenError

CONFIG_FILES = ("briefgen", "brief", "delivery", "gazetteer", "outlets", "stakeholders")


# --- 8: a key given twice is an error naming both lines ----------------------------------------------

def _duplicate_top_key(path: Path) -> tuple[int, int, str]:
    """Append a second copy of the file's first top-level key; (first line, second line, key)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines, 1) if re.match(r"^[a-z_-]+:", line))
    key = lines[first - 1].split(":")[0]
    lines.append(f"{key}: ~")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return first, len(lines), key


@pytest.mark.parametrize("name", CONFIG_FILES)
def test_duplicate_key_in_a_config_file_names_both_lines(project, name):
    path = project.parent / f"{name}.yaml"
    first, second, key = _duplicate_top_key(path)
    check = run_cli("check", "--config", str(project))
    assert check.returncode == 1, check.stdout + check.stderr
    assert f"{path}:{second}: '{key}' duplicate key (first at line {first})" in check.stderr, check.stderr
    assert "Traceback" not in check.stderr


def _rejected_then_approved(facts: Path) -> tuple[int, int]:
    """The analyst's rejection of the first fact followed by a second, approving ``status:``."""
    text = facts.read_text(encoding="utf-8")
    text = text.replace("  kind: visit\n  status: approved\n",
                        "  kind: visit\n  status: rejected\n  status: approved\n", 1)
    facts.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    first = lines.index("  status: rejected") + 1
    return first, first + 1


def test_a_second_status_does_not_turn_a_rejection_into_an_approval(project):
    facts = project.parent.parent / "facts" / "2025-W30.yaml"
    first, second = _rejected_then_approved(facts)
    expected = f"{facts}:{second}: 'facts[0].status' duplicate key (first at line {first})"
    check = run_cli("check", "--config", str(project))
    assert check.returncode == 1 and expected in check.stderr, check.stderr
    build = run_cli("build", "--week", "2025-W30", "--config", str(project))
    assert build.returncode == 1 and expected in build.stderr, build.stderr
    assert "Traceback" not in check.stderr + build.stderr
    assert not (project.parent.parent / "output" / "2025-W30").exists()


def test_the_round_trip_loader_names_both_lines(project):
    """extract rewrites fact files through ruamel.yaml's round trip: it refuses the duplicate too, now
    with both lines, and writes nothing."""
    from briefgen.facts.review import update_week

    facts = project.parent.parent / "facts" / "2025-W30.yaml"
    first, second = _rejected_then_approved(facts)
    before = facts.read_bytes()
    with pytest.raises(BriefgenError) as err:
        update_week(load_config(project), "2025-W30", [], {})
    assert f"{facts}:{second}: 'facts[0].status' duplicate key (first at line {first})" in str(err.value)
    assert facts.read_bytes() == before


def test_merge_keys_may_still_override(tmp_path):
    from briefgen.core.yamlio import load_yaml

    path = tmp_path / "m.yaml"
    path.write_text("base: &b {a: 1, b: 2}\nx:\n  <<: *b\n  a: 3\ny: &y\n  <<: *b\n  b: 4\nz: *y\n", encoding="utf-8")
    assert load_yaml(path).data["x"] == {"a": 3, "b": 2} and load_yaml(path).data["z"] == {"a": 1, "b": 4}


def test_duplicate_key_in_front_matter(tmp_path):
    article = tmp_path / "2025-07-24-a.md"
    article.write_text("---\ntitle: Visite\noutlet: bamako-hebdo\ntitle: Autre\n---\nLe texte de l'article.\n",
                       encoding="utf-8")
    warnings: list[str] = []
    assert read_sources(tmp_path, warn=warnings.append) == {}
    assert warnings == [f"{article}:4: 'title' duplicate key (first at line 2)"]


# --- 9: BOM, CRLF and CR line ends are normalised before any offset is taken ---------------------------

ENDINGS = {"bom": lambda t: "\ufeff" + t, "crlf": lambda t: t.replace("\n", "\r\n"),
           "cr": lambda t: t.replace("\n", "\r"), "bom-cr": lambda t: "\ufeff" + t.replace("\n", "\r")}
ARTICLES = ("2025-07-23-courrier-sahel-stevens-bamako.txt", "2025-07-24-bamako-hebdo-visite-americaine.md")


@pytest.mark.parametrize("ending", ENDINGS)
@pytest.mark.parametrize("name", ARTICLES)
def test_article_line_ends_and_bom_change_nothing(tmp_path, name, ending):
    original = read_source(ROOT / "sources" / name)
    variant = tmp_path / name
    variant.write_bytes(ENDINGS[ending]((ROOT / "sources" / name).read_text(encoding="utf-8")).encode("utf-8"))
    source = read_source(variant)
    assert (source.text, source.title, source.outlet, source.published, source.url) == \
        (original.text, original.title, original.outlet, original.published, original.url)


def test_evidence_of_a_cr_or_bom_article_is_the_same(tmp_path):
    """extract on the article as shipped and as another system saves it: the same facts, the same
    evidence spans (else the fact file gets each evidence twice)."""
    from briefgen.extract import extract_paths

    cfg = load_config(copy_project(tmp_path / "desk"))
    name = ARTICLES[0]
    text = (ROOT / "sources" / name).read_text(encoding="utf-8")
    spans = []
    for ending in ("lf", "bom-cr", "crlf"):
        folder = tmp_path / ending
        folder.mkdir()
        (folder / name).write_bytes((ENDINGS[ending](text) if ending != "lf" else text).encode("utf-8"))
        ex = extract_paths([folder], cfg)
        spans.append(sorted((e.source, e.start, e.end, e.text) for mf in ex.facts for e in mf.fact.evidence))
    assert spans[0] and spans[0] == spans[1] == spans[2]


def _long_article(size: int) -> str:
    src = (ROOT / "sources" / "2025-07-25-sahel-depeches-bilan-semaine.txt").read_text(encoding="utf-8")
    head, body = src.split("\n\n", 1)
    return head + "\n\n" + (body.strip() + "\n\n") * (size // len(body) + 1)


@pytest.fixture
def small_model(tmp_path):
    """The real pipeline with spaCy's own ``max_length`` set low, so that an article of 30,000
    characters stands for one of 1-2 MB (the default limit is one million characters): analysing a
    real one takes minutes."""
    from briefgen.extract import nlp as nlp_mod

    cfg = load_config(copy_project(tmp_path / "desk"))
    pipe = nlp_mod.load(cfg)
    saved = pipe.max_length
    pipe.max_length = 10_000
    yield cfg, pipe
    pipe.max_length = saved


def test_an_article_longer_than_the_model_takes_is_split(tmp_path, small_model):
    from briefgen.extract import extract_paths

    cfg, pipe = small_model
    text = _long_article(30_000)
    with pytest.raises(ValueError, match="E088"):
        pipe(text)  # what the model does with it whole
    folder = tmp_path / "long"
    folder.mkdir()
    (folder / "2025-07-25-long.txt").write_text(text, encoding="utf-8")
    warnings: list[str] = []
    ex = extract_paths([folder], cfg, warn=warnings.append)
    assert not warnings and ex.facts
    source = ex.sources["2025-07-25-long"]
    for mf in ex.facts:
        for e in mf.fact.evidence:
            assert source.text[e.start:e.end] == e.text


def test_pieces_join_into_one_doc_with_the_same_offsets(small_model):
    from briefgen.extract import nlp as nlp_mod

    _cfg, pipe = small_model
    text, short = _long_article(30_000), "Le Mali et le Niger.\n"
    docs = list(nlp_mod.parse_all(pipe, [short, text, short]))
    assert [d.text for d in docs] == [short, text, short]
    pieces = nlp_mod.pieces(text, pipe.max_length // 4)
    assert len(pieces) > 3 and "".join(pieces) == text and all(p.endswith("\n\n") for p in pieces[:-1])
    found = {(e.start_char, e.end_char, e.ent_id_) for e in docs[1].ents if e.ent_id_}
    pipe.max_length = 10**6
    whole = {(e.start_char, e.end_char, e.ent_id_) for e in pipe(text).ents if e.ent_id_}
    assert found == whole
