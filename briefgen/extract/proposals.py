"""Names extraction found that the gazetteer lacks, written as a gazetteer fragment for analysts.

Facts keep only gazetteer ids, so a fact whose speaker or place is new loses it until the analyst
adds the entry; the fragment is ready to check and paste into config/gazetteer.yaml, after which
the next extraction gives those facts their actors and places back.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..core.config import Config
from ..core.files import write_atomic
from ..facts.contract import named
from .anaphora import role_gender
from .names import country
from .types import NewEntity

FILE_NAME = "gazetteer-proposals.yaml"
_SECTIONS = (("people", ("person",)), ("organisations", ("organisation", "state", "armed_group")),
             ("places", ("place",)))
"""Gazetteer section → the kinds of new entity it gets (a country acting is a state)."""


def _scalar(text: str) -> str:
    """A YAML scalar for any text (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def gazetteer_fragment(entities: list[NewEntity], seen_in: dict[str, list[str]],
                       used_by: dict[str, list[str]], langs: tuple[str, ...]) -> str:
    """The YAML text: one section per kind, each entry with what an analyst must check."""
    others = [lang for lang in langs if lang != "fr"]
    lines = ["# Names found in the articles that config/gazetteer.yaml does not have yet.",
             "# Check each entry, complete it (names and roles in every language; lat/lon for places),",
             "# move it into config/gazetteer.yaml and run `briefgen extract` again: the facts listed",
             "# under each entry then get it back. Written by `briefgen extract`; rewritten every run."]
    for section, kinds in _SECTIONS:
        chosen = sorted((e for e in entities if e.kind in kinds), key=lambda e: e.id)
        if not chosen:
            continue
        lines += ["", f"{section}:"]
        for e in chosen:
            lines.append(f"  # seen in: {', '.join(seen_in.get(e.id, []))}")
            if used_by.get(e.id):
                lines.append(f"  # facts waiting for it: {', '.join(used_by[e.id])}")
            lines.append(f"  {e.id}:")
            if e.kind == "person":
                lines.append(f"    name: {_scalar(e.name)}")
                gender = role_gender((e.role or "").lower())
                lines.append(f"    gender: {gender or 'm'}" + ("" if gender else "   # check: not told by the role"))
                if e.role:
                    lines += ["    role:", f"      fr: {_scalar(e.role)}"]
                    lines += [f"      # {lang}: the role in this language" for lang in others]
            elif e.kind in ("organisation", "state", "armed_group"):
                said = e.kind if e.kind != "organisation" else "organisation   # or state, armed_group"
                lines += [f"    kind: {said}", "    name:", f"      fr: {_scalar(e.name)}"]
                lines += [f"      {lang}: {_scalar(e.name)}   # translate" for lang in others]
            else:
                said = "country" if country(e.name) else "city   # or region, country, site"
                lines += [f"    kind: {said}", f"    name: {_scalar(e.name)}",
                          "    # lat: …   # for the locator map", "    # lon: …"]
    return "\n".join(lines) + "\n"


def write_proposals(cfg: Config, ex, facts) -> Path | None:
    """Write output/gazetteer-proposals.yaml for the new entities of ``ex`` (an Extraction); remove
    a stale one when there are none. Returns the path written, or None."""
    path = cfg.output_dir / FILE_NAME
    if not ex.new_entities:
        path.unlink(missing_ok=True)
        return None
    seen_in: dict[str, list[str]] = {}
    for sid, res in ex.results.items():
        for e in res.entities:
            seen_in.setdefault(e.id, []).append(sid)
    used_by: dict[str, list[str]] = {}
    for f in facts:
        for eid in named(f):
            used_by.setdefault(eid, []).append(f.id)
    data = gazetteer_fragment(list(ex.new_entities), seen_in, used_by, cfg.languages).encode("utf-8")
    if not (path.is_file() and path.read_bytes() == data):  # a run with nothing new touches nothing
        write_atomic(path, data)
    return path


# --- an entry accepted into the gazetteer (the review desk) -------------------------------------

SECTIONS = tuple(section for section, _ in _SECTIONS)
_ENTITY_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,119}$")


@dataclass(frozen=True, slots=True)
class Proposal:
    """One entry of output/gazetteer-proposals.yaml: its section and id, the comment lines above it
    (where it was seen, the facts waiting for it) and its body as written (YAML, comments kept)."""

    section: str
    id: str
    notes: tuple[str, ...]
    body: str


def read_proposals(cfg: Config) -> list[Proposal]:
    """The entries of output/gazetteer-proposals.yaml whose id the gazetteer does not have yet."""
    path = cfg.output_dir / FILE_NAME
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    out, section, notes = [], None, []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line and not line.startswith((" ", "#")) and line.rstrip().endswith(":"):
            section, notes = line.rstrip()[:-1], []
        elif line.startswith("  # "):
            notes.append(line[4:])
        elif section in SECTIONS and line.startswith("  ") and not line.startswith("   ") and line.rstrip().endswith(":"):
            eid = line.strip()[:-1]
            body = []
            while i + 1 < len(lines) and (not lines[i + 1].strip() or lines[i + 1].startswith("    ")):
                i += 1
                body.append(lines[i][4:])
            if _ENTITY_ID.match(eid) and eid not in cfg.entities:
                out.append(Proposal(section, eid, tuple(notes), "\n".join(body).strip("\n") + "\n"))
            notes = []
        i += 1
    return out


def accept_proposal(cfg: Config, section: str, entity_id: str, body: str, *, version: str | None = None) -> str:
    """Add the entry ``entity_id`` (its YAML ``body``, as an analyst completed it) at the end of
    ``section`` of the gazetteer: the text is inserted, every other line keeps its bytes; the new file
    is checked as ``check`` checks it before it replaces the old one (atomically). ``version``: the
    gazetteer's version (sha256) the analyst saw (VersionConflict when it changed). Returns the
    new version."""
    import yaml as pyyaml

    from ..core.config import GazetteerFile, _entities
    from ..core.errors import BriefgenError, ConfigError
    from ..core.schema import validate
    from ..core.yamlio import load_yaml, parse_yaml
    from ..facts.review import VersionConflict, version_of

    path = cfg.files.get("gazetteer")
    if path is None:
        raise BriefgenError("the project names no gazetteer (paths.gazetteer): nothing written")
    if section not in SECTIONS:
        raise BriefgenError(f"section {section!r}: expected one of {', '.join(SECTIONS)}")
    if not _ENTITY_ID.match(entity_id):
        raise BriefgenError(f"{entity_id!r} is not an entity id (lower-case letters, digits and dashes)")
    if entity_id in cfg.entities:
        raise BriefgenError(f"{entity_id!r} is in the gazetteer already: nothing written")
    raw = path.read_bytes()
    if version is not None and version_of(raw) != version:
        raise VersionConflict(path)
    entry = parse_yaml(body, path).data
    if not isinstance(entry, dict) or not entry:
        raise BriefgenError(f"{entity_id}: the entry must be a mapping of keys (name, kind…): nothing written")
    text = raw.decode("utf-8")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    root = pyyaml.compose(text, Loader=getattr(pyyaml, "CSafeLoader", pyyaml.SafeLoader))
    node = next((v for k, v in (root.value if isinstance(root, pyyaml.MappingNode) else [])
                 if k.value == section), None)
    entry_lines = [f"{entity_id}:\n"] + [("  " + line if line.strip() else line) + "\n"
                                        for line in body.rstrip("\n").split("\n")]
    if isinstance(node, pyyaml.MappingNode) and node.value and not node.flow_style:
        pad = " " * node.value[0][0].start_mark.column
        end = node.end_mark.line if node.end_mark.column == 0 else node.end_mark.line + 1
        while end > 0 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")) \
                and not lines[end - 1].startswith(pad + " ") and end - 1 > node.start_mark.line:
            end -= 1  # comments and blank lines before the next section stay above it
        lines[end:end] = [pad + line if line.strip() else line for line in entry_lines]
    elif node is None:
        lines += ["\n", f"{section}:\n"] + ["  " + line if line.strip() else line for line in entry_lines]
    else:
        raise BriefgenError(f"{path}: '{section}' is not a block mapping: add the entry by hand (nothing written)")
    new = "".join(lines)
    trial = path.parent / f".{path.name}.trial"
    try:
        trial.write_text(new, encoding="utf-8")
        value, errors, _ = validate(load_yaml(trial), GazetteerFile, context={"languages": cfg.languages},
                                    languages=cfg.languages)
        if errors or value is None:
            raise ConfigError([p for p in errors])
        _entities(value, cfg.languages)
    except ConfigError as exc:
        raise BriefgenError(f"{path}: the entry would not validate, nothing written:\n  " + "\n  ".join(
            str(p).replace(str(trial), str(path)) for p in exc.problems)) from None
    finally:
        trial.unlink(missing_ok=True)
    if path.read_bytes() != raw:
        raise VersionConflict(path)
    write_atomic(path, new.encode("utf-8"), private=False)
    return version_of(new.encode("utf-8"))
