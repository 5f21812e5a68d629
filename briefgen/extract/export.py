"""The documented JSON document of ``briefgen extract … --format json``."""

from __future__ import annotations

from ..core.config import Config
from ..facts.contract import json_form, named
from .pipeline import Extraction


def entities(ex: Extraction, cfg: Config) -> list[dict]:
    """Every entity the articles name (gazetteer ones and new ones), with the role the text gives."""
    seen: dict[str, list[str]] = {}
    for res in ex.results.values():
        for m in res.mentions:
            forms = seen.setdefault(m.entity, [])
            if m.text not in forms:
                forms.append(m.text)
    for mf in ex.facts:
        for eid in named(mf.fact):
            seen.setdefault(eid, [])
    roles: dict[str, str] = {}
    for res in ex.results.values():
        for eid, role in res.roles:
            if len(role) > len(roles.get(eid, "")):
                roles[eid] = role
    new = {e.id: e for e in ex.new_entities}
    out = []
    order = list(cfg.entities)
    for eid in sorted(seen, key=lambda e: (order.index(e) if e in order else len(order), e)):
        ent = cfg.entities.get(eid)
        if ent is not None:
            name = ent.label("fr")
            aliases = list(dict.fromkeys([*ent.aliases, *([ent.acronym] if ent.acronym else []),
                                          *(n for n in ent.name.values() if n != name),
                                          *(f for f in seen[eid] if f != name)]))
            item = {"id": eid, "kind": ent.kind, "name": name, "aliases": aliases}
            role = roles.get(eid) or ent.role.get("fr")
            if ent.kind == "person" and role:
                item["role"] = role
        elif eid in new:
            e = new[eid]
            item = {"id": eid, "kind": e.kind, "name": e.name,
                    "aliases": [f for f in seen[eid] if f != e.name], "new": True}
            if e.role or roles.get(eid):
                item["role"] = e.role or roles[eid]
        else:
            continue
        out.append(item)
    return out


def document(ex: Extraction, cfg: Config) -> dict:
    """``{"sources": […], "entities": […], "facts": […]}``."""
    sources = [{"id": s.id, "path": str(s.path), "title": s.title,
                "published": s.published.isoformat() if s.published else None} for s in ex.sources.values()]
    facts = [json_form(mf.fact, corroboration=mf.corroboration, credibility=mf.grade) for mf in ex.facts]
    return {"sources": sources, "entities": entities(ex, cfg), "facts": facts}
