"""The fact contract: reference fields declared once (model.References), the YAML and JSON forms
of a fact, and the declared shape of a fact file with every problem reported at its line and key
path."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
from pathlib import Path

import pytest
import yaml

from briefgen.core.config import load_config
from briefgen.core.errors import ConfigError
from briefgen.core.models import ENTITY_KINDS
from briefgen.extract.types import Candidate
from briefgen.facts.contract import (
    MACHINE_KEYS,
    REFERENCES,
    FactEntry,
    json_form,
    yaml_form,
)
from briefgen.facts.load import load_fact_file
from briefgen.facts.model import (
    Conflict,
    DateSpan,
    Evidence,
    Fact,
    Quantity,
    Quote,
    References,
)

PACKAGE = Path(__file__).resolve().parent.parent / "briefgen"
CONTRACT = PACKAGE / "facts" / "contract.py"
DECLARATION = (PACKAGE / "facts" / "model.py", "References")


@pytest.fixture(scope="module")
def cfg(tmp_path_factory):
    from conftest import copy_project

    return load_config(copy_project(tmp_path_factory.mktemp("contract")))


def _full_fact(cfg) -> Fact:
    """A fact with every reference field set, each to a gazetteer entity of a kind it accepts."""
    by_kind: dict[str, str] = {}
    for eid, ent in cfg.entities.items():
        by_kind.setdefault(ent.kind, eid)
    refs = {name: (next(by_kind[k] for k in kinds if k in by_kind),) for name, kinds in REFERENCES.items()}
    speaker = by_kind["person"]
    return Fact(
        id="fact-with-everything", kind="meeting", themes=(cfg.theme_ids()[0],),
        date=DateSpan(dt.date(2025, 7, 21), dt.date(2025, 7, 22), "day"), **refs, action="open",
        quantities=(Quantity(900.0, "recruit", "900 recrues", "participants"), Quantity(1.5, "month", "six semaines")),
        quote=Quote("Nous sommes prêts.", speaker, "fr"),
        evidence=(Evidence("a", 0, 10, "Une phrase."), Evidence("b", 5, 20, "Une autre phrase.")),
        conflicts=(Conflict("quantity", (("900", ("a",)), ("1000", ("b",)))),))


def test_reference_fields_are_the_declared_ones():
    assert list(REFERENCES) == [f.name for f in dataclasses.fields(References)]
    assert {"actors", "places", "topics"} <= set(REFERENCES) and REFERENCES["places"] == ("place",)
    for name, kinds in REFERENCES.items():
        assert kinds and set(kinds) <= set(ENTITY_KINDS), name
        assert name in Fact.__dataclass_fields__ and name in Candidate.__dataclass_fields__
        assert name in FactEntry.model_fields and name in MACHINE_KEYS


def test_every_reference_field_is_written_and_read_back(cfg, tmp_path):
    fact = _full_fact(cfg)
    form = yaml_form(fact, cfg.entities)
    as_json = json_form(fact, corroboration=2, credibility=1)
    for name in REFERENCES:
        assert form[name] == list(getattr(fact, name)), name
        assert as_json[name] == list(getattr(fact, name)), name
    assert as_json["date"] == {"start": "2025-07-21", "end": "2025-07-22", "precision": "day"}
    assert form["date"] == {"start": dt.date(2025, 7, 21), "end": dt.date(2025, 7, 22), "precision": "day"}
    assert as_json["quantities"][0] == {"value": 900, "unit": "recruit", "text": "900 recrues", "role": "participants"}
    assert (as_json["corroboration"], as_json["credibility"]) == (2, 1)

    path = tmp_path / "2025-W30.yaml"
    path.write_text(yaml.safe_dump({"week": "2025-W30", "facts": [form]}, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    ff, warnings = load_fact_file(cfg, path, strict=True)
    assert warnings == []
    assert ff.facts == (fact,)


def test_yaml_form_leaves_out_what_the_gazetteer_lacks(cfg):
    fact = _full_fact(cfg)
    lone = Fact(id="x", kind="statement", themes=fact.themes, date=DateSpan(dt.date(2025, 7, 22), dt.date(2025, 7, 22)),
                actors=("somebody-new", *fact.actors), places=fact.actors,  # an actor is no place
                quote=Quote("…", "somebody-new"))
    form = yaml_form(lone, cfg.entities)
    assert form["date"] == dt.date(2025, 7, 22)  # a single day is a bare date
    assert form["actors"] == list(fact.actors) and "places" not in form and "quote" not in form
    as_json = json_form(lone, corroboration=1, credibility=3)
    assert as_json["places"] == list(fact.actors) and as_json["quote"]["speaker"] == "somebody-new"
    assert "counterparts" not in as_json and as_json["quantities"] == []


# -- the reference fields are spelled in one place ------------------------------------------------

def _spelled_lists(tree: ast.AST):
    """(line, class or None, names) for every literal collection that names three or more
    reference fields, as text (``"origins"``) or as attributes (``*f.origins``), every class
    that declares three or more of them as fields, and every call that passes three or more of
    them through by name (``Fact(actors=actors, places=places, origins=origins)``)."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            items = node.elts
        elif isinstance(node, ast.Dict):
            items = [k for k in node.keys if k is not None]
        elif isinstance(node, ast.ClassDef):
            items = [s.target for s in node.body if isinstance(s, ast.AnnAssign)]
        elif isinstance(node, ast.Call):
            items = [k.value for k in node.keywords if isinstance(k.value, ast.Name) and k.value.id == k.arg]
        else:
            continue
        names = set()
        for item in items:
            if isinstance(item, ast.Starred):
                item = item.value
            if isinstance(item, ast.Constant) and item.value in REFERENCES:
                names.add(item.value)
            elif isinstance(item, ast.Attribute) and item.attr in REFERENCES:
                names.add(item.attr)
            elif isinstance(item, ast.Name) and item.id in REFERENCES:
                names.add(item.id)
        if len(names) >= 3:
            yield node.lineno, getattr(node, "name", None), sorted(names)


def test_the_finder_sees_a_spelled_out_list():
    assert list(_spelled_lists(ast.parse('KEYS = ("id", "actors", "counterparts", "origins")')))
    assert list(_spelled_lists(ast.parse("ids = (*f.actors, *f.places, *f.origins)")))
    assert list(_spelled_lists(ast.parse("class C:\n    actors: tuple\n    places: tuple\n    topics: tuple\n")))
    assert list(_spelled_lists(ast.parse("Fact(actors=actors, places=places, origins=origins)")))
    assert not list(_spelled_lists(ast.parse('pair = ("actors", "counterparts")')))


def test_reference_fields_are_not_spelled_out_again():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == CONTRACT:
            continue
        for line, cls, names in _spelled_lists(ast.parse(path.read_text(encoding="utf-8"))):
            if (path, cls) != DECLARATION:
                found.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {', '.join(names)}")
    assert found == [], ("declare reference fields in model.References and iterate over "
                         "briefgen.facts.contract.REFERENCES:\n" + "\n".join(found))


# -- schema errors -------------------------------------------------------------------------------

BAD = """\
week: 2025-W31
analysis:
  trends:
    security_cooperation: better
    no_such_theme: improved
facts:
- id: one
  kind: visit
  themes: [security_cooperation, force_build_up]
  date: yesterday
  actors: [william-stevens]
  places: [william-stevens]
  colour: blue
  evidence:
  - {source: no-such-article, start: 50, end: 10, text: "…"}
- id: one
  kind: meeting
  themes: security_cooperation
  date: {start: 2025-07-22, end: 2025-07-21}
  counterparts: [abdoulaye-dop]
  quantities:
  - {value: 900, unit: recruit}
  key_figure: {quantity: 3}
  key_point: 12
  evidence:
  - {source: 2025-07-22-echo-sikasso-bougouni-recrues, start: 0, end: 10, text: "…"}
  credibility: 1
- id: two
  kind: rumour
  themes: []
  date: 2025-13
"""


def test_a_fact_file_with_many_mistakes_reports_them_all(cfg, tmp_path):
    path = tmp_path / "2025-W30.yaml"
    path.write_text(BAD, encoding="utf-8")
    lines = BAD.splitlines()

    def line(needle: str, after: int = 0) -> int:
        return next(n for n, text in enumerate(lines, 1) if n > after and needle in text)

    with pytest.raises(ConfigError) as err:
        load_fact_file(cfg, path, source_ids=["2025-07-22-echo-sikasso-bougouni-recrues"])
    got = {(p.line, p.key): p.message for p in err.value.problems}
    second = line("- id: one", line("- id: one"))
    expected = {
        (line("week:"), "week"): "'2025-W31' does not match the file name '2025-W30.yaml'",
        (line("better"), "analysis.trends.security_cooperation"): "'better' is not one of: deteriorated, unchanged, improved",
        (line("no_such_theme"), "analysis.trends.no_such_theme"): "unknown theme 'no_such_theme' (configured: ",
        (line("force_build_up"), "facts[0].themes[1]"): "unknown theme 'force_build_up' (configured: security_cooperation",
        (line("yesterday"), "facts[0].date"): "expected a date (2025-07-22), a month (2025-07) or start/end/precision, "
                                              "got 'yesterday' (text)",
        (line("places:"), "facts[0].places[0]"): "'william-stevens' is a person; places takes: place",
        (line("no-such-article"), "facts[0].evidence[0].source"): "unknown source 'no-such-article' (no such article in sources/)",
        (line("no-such-article"), "facts[0].evidence[0].end"): "span ends (10) before it starts (50)",
        (line("credibility: 1"), "facts[1].credibility"): "1 (confirmed) needs at least two independent sources",
        (second, "facts[1].id"): "fact id 'one' is used twice",
        (line("end: 2025-07-21"), "facts[1].date.end"): "2025-07-21 is before the start 2025-07-22",
        (line("abdoulaye-dop"), "facts[1].counterparts[0]"): "unknown entity id 'abdoulaye-dop' (not in gazetteer.yaml)",
        (line("key_figure"), "facts[1].key_figure.quantity"): "no quantity number 3 in this fact (it has 1)",
        (line("key_point: 12"), "facts[1].key_point"): "expected true or false, got 12 (a whole number)",
        (line("rumour"), "facts[2].kind"): "'rumour' is not one of: visit, meeting",
        (line("themes: []"), "facts[2].themes"): "a fact needs at least one theme",
        (line("2025-13"), "facts[2].date"): "'2025-13' is not a month like 2025-07",
    }
    for key, message in expected.items():
        assert key in got, (key, sorted(got))
        assert got[key].startswith(message), (key, got[key])
    assert set(got) == set(expected), sorted(set(got) - set(expected))
    # in the order of the file, each printed as file:line: 'key' message
    assert [p.line for p in err.value.problems] == sorted(p.line for p in err.value.problems)
    assert str(err.value.problems[0]) == f"{path}:1: 'week' '2025-W31' does not match the file name '2025-W30.yaml'"


def test_unknown_keys_warn_and_strict_makes_them_errors(cfg, tmp_path):
    path = tmp_path / "2025-W30.yaml"
    path.write_text(BAD.split("facts:")[0].replace("2025-W31", "2025-W30").replace("better", "improved")
                    .replace("    no_such_theme: improved\n", "")
                    + "facts:\n- {id: a, kind: visit, themes: [security_cooperation], date: 2025-07, colour: blue}\n",
                    encoding="utf-8")
    ff, warnings = load_fact_file(cfg, path)
    assert ff.facts[0].date == DateSpan(dt.date(2025, 7, 1), dt.date(2025, 7, 31), "month")
    assert [(p.line, p.key) for p in warnings] == [(6, "facts[0].colour")]
    assert warnings[0].message.startswith("unknown key (expected one of: id, kind, status, themes, date, actors,")
    with pytest.raises(ConfigError) as err:
        load_fact_file(cfg, path, strict=True)
    assert [p.key for p in err.value.problems] == ["facts[0].colour"]
