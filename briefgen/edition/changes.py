"""What changed between two revisions of an edition, said in the edition's language.

``summary`` reduces an edition to a digest of each part a reader sees (marking, title, key points,
each section, the analysts' texts, the annexes); the manifest keeps it beside each edition and the
archive beside each revision that was mailed. ``changes`` compares two summaries and ``describe``
turns the differences into the lines a correction shows.
"""

from __future__ import annotations

import hashlib
import json

from . import i18n, phrasing
from .brief import Brief, Item


def _h(value) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()[:16]


def summary(brief: Brief, lang: str) -> dict:
    """The parts of ``brief``'s ``lang`` edition, each as a digest of what the reader sees of it."""
    tr = i18n.translations(lang)
    speaker = phrasing.Speaker(lang, dict(brief.entities))

    def item(i: Item) -> list:
        return [i.fact.id, phrasing.plain(phrasing.sentence(i.fact, speaker, tr)), i.grade,
                [[s.id, s.outlet, s.published, s.title] for s in i.sources], repr(i.fact.quote),
                repr(i.fact.conflicts), i.fact.text.get(lang) if i.fact.text else None,
                *([i.late] if i.late else [])]  # told late, after its own week's edition

    a = brief.analysis
    parts = {
        "key_points": _h([item(i) for i in brief.key_points]),
        "judgments": _h(a.key_judgments.get(lang)),
        "figures": _h([[item(f.item), repr(f.quantity), f.caption.get(lang)] for f in brief.figures]),
        "outlook": _h(a.outlook.get(lang)),
        "watch": _h(list(a.watch.get(lang, ()))),
        "annexes": _h([[e.id for e in brief.people], [e.id for e in brief.places], [e.id for e in brief.glossary],
                       [[s.id, s.outlet, s.published, s.title] for s in brief.sources], list(brief.annexes)]),
        "dates": _h([brief.edition, brief.start, brief.end, brief.issued, brief.next_issue]),
    }
    for section in brief.sections:
        tid = section.theme.id
        parts[f"section:{tid}"] = _h([[item(i) for i in section.items], section.trend,
                                      a.summaries.get(tid, {}).get(lang)])
    return {"tlp": brief.tlp, "title": brief.title[lang], "edition": brief.edition,
            "themes": {s.theme.id: s.theme.title[lang] for s in brief.sections}, "parts": parts}


def changes(old: dict | None, new: dict) -> list[tuple[str, ...]]:
    """The differences from ``old`` to ``new`` (summaries), in reading order; ``[("unknown",)]``
    when the earlier summary is not known."""
    if not old:
        return [("unknown",)]
    out: list[tuple[str, ...]] = []
    if old.get("tlp") != new["tlp"]:
        out.append(("marking", str(old.get("tlp")), new["tlp"]))
    if old.get("title") != new["title"]:
        out.append(("title", str(old.get("title")), new["title"]))
    before, after = old.get("parts", {}), new["parts"]
    for part in ("dates", "key_points", "judgments", "figures"):
        if before.get(part) != after.get(part):
            out.append((part,))
    themes = {**old.get("themes", {}), **new["themes"]}
    sections = [k for k in after if k.startswith("section:")] + \
               [k for k in before if k.startswith("section:") and k not in after]
    for key in sections:
        tid = key.split(":", 1)[1]
        if key not in before:
            out.append(("section_added", themes.get(tid, tid)))
        elif key not in after:
            out.append(("section_removed", themes.get(tid, tid)))
        elif before[key] != after[key]:
            out.append(("section_revised", themes.get(tid, tid)))
    for part in ("outlook", "watch", "annexes"):
        if before.get(part) != after.get(part):
            out.append((part,))
    return out or [("wording",)]


def describe(diff: list[tuple[str, ...]], lang: str) -> tuple[str, ...]:
    """One line per difference, in ``lang``."""
    tr = i18n.translations(lang)
    fixed = {
        "dates": tr.gettext("edition dates revised"),
        "key_points": tr.gettext("key points revised"),
        "judgments": tr.gettext("key judgments revised"),
        "figures": tr.gettext("key figures revised"),
        "outlook": tr.gettext("outlook revised"),
        "watch": tr.gettext("watch list revised"),
        "annexes": tr.gettext("annexes revised"),
        "wording": tr.gettext("wording or layout revised"),
        "unknown": tr.gettext("the changes to the earlier version were not recorded"),
    }
    lines = []
    for kind, *args in diff:
        if kind == "marking":
            lines.append(tr.gettext("marking changed from %(old)s to %(new)s") % {"old": args[0], "new": args[1]})
        elif kind == "title":
            lines.append(tr.gettext("title changed to “%(title)s”") % {"title": args[1]})
        elif kind == "section_added":
            lines.append(tr.gettext("new section “%(theme)s”") % {"theme": args[0]})
        elif kind == "section_removed":
            lines.append(tr.gettext("section “%(theme)s” removed") % {"theme": args[0]})
        elif kind == "section_revised":
            lines.append(tr.gettext("section “%(theme)s” revised") % {"theme": args[0]})
        else:
            lines.append(fixed[kind])
    return tuple(lines)
