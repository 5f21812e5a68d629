"""Names extraction found that the gazetteer lacks, written as a gazetteer fragment for analysts.

Facts keep only gazetteer ids, so a fact whose speaker or place is new loses it until the analyst
adds the entry; the fragment is ready to check and paste into config/gazetteer.yaml, after which
the next extraction gives those facts their actors and places back.
"""

from __future__ import annotations

import json
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
    text = gazetteer_fragment(list(ex.new_entities), seen_in, used_by, cfg.languages)
    write_atomic(path, text.encode("utf-8"))
    return path
