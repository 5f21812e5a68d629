"""The documented JSON document of ``briefgen extract … --format json``."""

from __future__ import annotations

from ..core.config import Config
from ..facts.model import DateSpan
from .pipeline import Extraction


def _date(d: DateSpan) -> dict:
    return {"start": d.start.isoformat(), "end": d.end.isoformat(), "precision": d.precision}


def _value(v: float):
    return int(v) if float(v).is_integer() else v


def entities(ex: Extraction, cfg: Config) -> list[dict]:
    """Every entity the articles name (gazetteer ones and new ones), with the role the text gives."""
    seen: dict[str, list[str]] = {}
    for res in ex.results.values():
        for m in res.mentions:
            forms = seen.setdefault(m.entity, [])
            if m.text not in forms:
                forms.append(m.text)
    for mf in ex.facts:
        f = mf.fact
        for eid in (*f.actors, *f.counterparts, *f.places, *f.origins, *f.objects, *f.targets, *f.topics):
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
    facts = []
    for mf in ex.facts:
        f = mf.fact
        item = {
            "id": f.id, "kind": f.kind, "themes": list(f.themes), "date": _date(f.date),
            "actors": list(f.actors), "places": list(f.places),
            "quantities": [{"value": _value(q.value), "unit": q.unit, "text": q.text,
                            **({"role": q.role} if q.role else {})} for q in f.quantities],
            "evidence": [{"source": e.source, "start": e.start, "end": e.end, "text": e.text} for e in f.evidence],
            "corroboration": mf.corroboration,
            "credibility": mf.grade,
        }
        for extra in ("counterparts", "origins", "objects", "targets", "topics"):
            if getattr(f, extra):
                item[extra] = list(getattr(f, extra))
        if f.action:
            item["action"] = f.action
        if f.quote:
            item["quote"] = {"speaker": f.quote.speaker, "lang": f.quote.lang, "text": f.quote.text}
        if f.conflicts:
            item["conflicts"] = [{"field": c.field, "values": [{"value": v, "sources": list(s)} for v, s in c.values]}
                                 for c in f.conflicts]
        facts.append(item)
    return {"sources": sources, "entities": entities(ex, cfg), "facts": facts}
