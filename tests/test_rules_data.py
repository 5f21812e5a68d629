"""The fact rules are data: one registered rule per kind of fact, and nothing in code that only the
bundled example's gazetteer has. A desk with other ids, or its own states, forces, courses and
topics, gets the same behaviour from its own gazetteer. Extraction runs the real spaCy model."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_project

from briefgen.core.config import load_config
from briefgen.core.errors import ConfigError
from briefgen.extract import extract_paths
from briefgen.extract.kinds import RULES, WITHOUT_RULE
from briefgen.extract.site import Token
from briefgen.facts.contract import REFERENCES
from briefgen.facts.model import FACT_KINDS

PACKAGE = ROOT / "briefgen"
SECTIONS = ("people", "organisations", "places", "programmes", "topics")


def _gazetteer_ids(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [eid for section in SECTIONS for eid in data.get(section) or {}]


# -- the registry ---------------------------------------------------------------------------------

def test_every_fact_kind_has_a_rule_or_says_why_not():
    assert set(RULES) | set(WITHOUT_RULE) == set(FACT_KINDS)
    assert not set(RULES) & set(WITHOUT_RULE)
    assert all(reason for reason in WITHOUT_RULE.values())


@pytest.mark.parametrize("kind", list(RULES))
def test_a_rule_fills_reference_fields_and_names_a_frame(kind):
    rule = RULES[kind]
    assert rule.kind == kind
    assert rule.roles and set(rule.roles) <= set(REFERENCES), rule.roles
    assert len(set(rule.roles)) == len(rule.roles)
    assert rule.triggers or rule.implied
    assert set(rule.yields_to) <= set(RULES)
    # the frame is a message context of the edition's sentence frames (read, not imported)
    assert rule.frame in _frame_contexts(), rule.frame


def _frame_contexts() -> set[str]:
    tree = ast.parse((PACKAGE / "edition" / "phrasing.py").read_text(encoding="utf-8"))
    return {node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "pgettext"
            and node.args and isinstance(node.args[0], ast.Constant)}


def test_readings_of_a_trigger_word():
    visit, meeting = RULES["visit"].reading, RULES["meeting"].reading
    assert visit(Token("venir", "venus", 0, next="de"), set()) is None  # « venus de Bamako »
    assert visit(Token("venir", "venu", 0, next="à"), set()) == "visit"
    assert meeting(Token("recevoir", "reçu", 0), {"vehicle"}) == "delivery"  # « a reçu 30 blindés »
    assert meeting(Token("recevoir", "reçu", 0), set()) == "meeting"
    assert RULES["statement"].reading(Token("préciser", "précisée", 0, prev="été"), set()) is None
    assert RULES["training"].implied({"débuter"}, {"recruit"}) and not RULES["training"].implied({"débuter"}, set())


# -- no id of the example in code ---------------------------------------------------------------

def test_no_gazetteer_id_of_the_example_is_written_in_code():
    ids = set(_gazetteer_ids(ROOT / "config" / "gazetteer.yaml"))
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "lexicon.py":  # French head nouns; « gendarmerie » is a word before it is an id
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in ids:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert found == [], "gazetteer ids belong in config/gazetteer.yaml, not in code:\n" + "\n".join(found)


def test_the_gazetteer_keys_the_rules_read_are_declared(project):
    cfg = load_config(project, strict=True)
    us, fama, fcb = cfg.entities["united-states"], cfg.entities["fama"], cfg.entities["fcb"]
    assert "américaine" in us.adjectives and fama.home_forces and fcb.programme_kind == "course"
    assert cfg.entities["sovereignty"].cues and not cfg.entities["mali"].home_forces
    gaz = project.parent / "gazetteer.yaml"
    text = gaz.read_text(encoding="utf-8")
    gaz.write_text(text.replace("    home_forces: true\n", "    home_forces: yes please\n")
                   .replace("    kind: course\n", "    kind: cursus\n")
                   .replace("    cues: [sanction]\n", "    cues: [sanction]\n    adjectives: [punitif]\n"),
                   encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(project)
    problems = "\n".join(map(str, exc.value.problems))
    assert "'organisations.fama.home_forces'" in problems and "'programmes.fcb.kind'" in problems
    gaz.write_text(text.replace("    cues: [sanction]\n", "    cues: [sanction]\n    adjectives: [punitif]\n"),
                   encoding="utf-8")
    (warning,) = map(str, load_config(project).warnings)
    assert "'topics.sanctions.adjectives' unknown key" in warning  # adjectives are organisations'


def test_the_keys_the_rules_read_are_part_of_the_extraction_cache_key(project):
    from briefgen.extract.nlp import config_key

    before = config_key(load_config(project))
    gaz = project.parent / "gazetteer.yaml"
    gaz.write_text(gaz.read_text(encoding="utf-8").replace("cues: [sanction]", "cues: [sanction, embargo]"),
                   encoding="utf-8")
    assert config_key(load_config(project)) != before


# -- the same facts under other ids -------------------------------------------------------------

def _renamed_copy(dest: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the example whose every gazetteer id is another one (same entries, same order,
    ids sorting differently); no fact files. Returns the config and new id → old id."""
    cfg = copy_project(dest)
    for old in (dest / "facts").glob("*.yaml"):
        old.unlink()
    path = cfg.parent / "gazetteer.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    ids = [eid for section in SECTIONS for eid in data.get(section) or {}]
    new_of = {eid: f"entry-{len(ids) - n:03d}" for n, eid in enumerate(ids)}
    for section in SECTIONS:
        data[section] = {new_of[eid]: entry for eid, entry in (data.get(section) or {}).items()}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return cfg, {new: old for old, new in new_of.items()}


def _as_original(fact, back: dict[str, str]):
    """The fact with its references (and its quote's speaker) named by the original ids."""
    refs = {name: tuple(back.get(e, e) for e in getattr(fact, name)) for name in REFERENCES}
    quote = fact.quote and dataclasses.replace(fact.quote, speaker=back.get(fact.quote.speaker, fact.quote.speaker))
    return dataclasses.replace(fact, **refs, quote=quote)


def _facts(ex, back: dict[str, str]) -> list:
    """Merged facts (without their generated ids, which spell entity ids) and every article's
    candidates, in a fixed order."""
    facts = [dataclasses.replace(_as_original(mf.fact, back), id="") for mf in ex.facts]
    cands = [_as_original(c, back) for sid in sorted(ex.results) for c in ex.results[sid].candidates]
    return sorted(facts, key=repr) + cands


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    cfg = load_config(copy_project(tmp_path_factory.mktemp("original")))
    return extract_paths([ROOT / "sources"], cfg)


def test_renaming_every_gazetteer_id_changes_no_fact(tmp_path, bundled):
    config, back = _renamed_copy(tmp_path)
    renamed = extract_paths([ROOT / "sources"], load_config(config))
    assert renamed.facts and back  # something to compare
    got, want = _facts(renamed, back), _facts(bundled, {})
    assert got == want, "\n".join(["with the example's ids only:", *map(repr, (f for f in want if f not in got)),
                                   "with other ids only:", *map(repr, (f for f in got if f not in want))])
    assert renamed.new_entities == bundled.new_entities


def test_a_candidate_fills_only_the_roles_its_rule_declares(bundled):
    for result in bundled.results.values():
        for c in result.candidates:
            filled = {name for name in REFERENCES if getattr(c, name)}
            assert filled <= set(RULES[c.kind].roles), (c.kind, filled, c.evidence.text)


# -- another desk's gazetteer drives the same rules ----------------------------------------------

DESK_GAZETTEER = """\
people:
  amina-sow:
    name: Amina Sow
    gender: f
    role: {fr: ministre nigérienne de l'Agriculture, en: Nigerien Minister of Agriculture}
organisations:
  royaume-uni:
    kind: state
    name: {fr: Royaume-Uni, en: United Kingdom}
    article: {fr: le, en: the}
    aliases: [Londres]
    adjectives: [britannique, britanniques]
  fan:
    acronym: FAN
    name: {fr: Forces armées nigériennes, en: Nigerien Armed Forces}
    article: {fr: les, en: the}
    gender: f
    number: pl
    aliases: [armée nigérienne]
    home_forces: true
  jnim:
    kind: armed_group
    acronym: JNIM
    name: {fr: JNIM, en: JNIM}
  eigs:
    kind: armed_group
    acronym: EIGS
    name: {fr: État islamique au Grand Sahara, en: Islamic State in the Greater Sahara}
places:
  niamey: {kind: city, name: {fr: Niamey, en: Niamey}}
  agadez: {kind: city, name: {fr: Agadez, en: Agadez}}
programmes:
  fib:
    kind: course
    name: {fr: Formation initiale de base, en: initial basic training}
topics:
  food-security:
    name: {fr: la sécurité alimentaire, en: food security}
    cues: [alimentaire, famine]
"""

DESK_ARTICLE = """\
date 2025-03-12
Le JNIM et l'EIGS multiplient les attaques dans l'ouest du pays. Ces deux groupes figurent déjà sur les listes de sanctions britanniques.

Une campagne de recrutement de 500 jeunes a été ouverte à Agadez par l'armée nigérienne lundi 10 mars.

Le programme de la Formation initiale de base reprendra à Niamey le 20 mars.

Amina Sow a déclaré mardi que la sécurité alimentaire restait la priorité du gouvernement.
"""

_DATA_KEYS = re.compile(r"^\s*(?:adjectives:|home_forces:|cues:|kind: course).*\n", re.MULTILINE)


def _desk(dest: Path, gazetteer: str):
    cfg = copy_project(dest)
    (cfg.parent / "gazetteer.yaml").write_text(gazetteer, encoding="utf-8")
    article = dest / "article.txt"
    article.write_text(DESK_ARTICLE, encoding="utf-8")
    ex = extract_paths([article], load_config(cfg))
    return [c for result in ex.results.values() for c in result.candidates]


def test_a_desk_s_own_adjectives_forces_courses_and_topics(tmp_path):
    cands = _desk(tmp_path / "with", DESK_GAZETTEER)
    bare = _desk(tmp_path / "without", _DATA_KEYS.sub("", DESK_GAZETTEER))

    def of(cs, kind):
        return [c for c in cs if c.kind == kind]

    # « sanctions britanniques »: the state the adjective stands for
    assert [c.actors for c in of(cands, "sanction")] == [("royaume-uni",)]
    assert [c.actors for c in of(bare, "sanction")] == [()]
    # a recruitment the home forces are named in, without a recruiter before it, is theirs
    assert [c.actors for c in of(cands, "recruitment")] == [("fan",)]
    assert [c.actors for c in of(bare, "recruitment")] == [()]
    # a training course is no programme fact
    assert not [c for c in of(cands, "programme") if "fib" in c.objects]
    assert [c for c in of(bare, "programme") if "fib" in c.objects]
    # topic cues
    assert [c.topics for c in of(cands, "statement")] == [("food-security",)]
    assert [c.topics for c in of(bare, "statement")] == [()]
