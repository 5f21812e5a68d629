"""Checks of the words a week's editions print: the analysts' estimative language (ICD 203 scale,
facts.estimative), sentences that open with a numeral, and statements told without what was said."""

from __future__ import annotations

from typing import Callable

from ..core.errors import Problem
from .estimative import language_problems, sentences
from .model import FactFile


def wording_problems(ff: FactFile, gettext_of: Callable[[str], object]) -> list[Problem]:
    """Warnings on one fact file read without problems. ``gettext_of``: the catalogue of a language."""
    doc = None

    def problem(key: tuple, message: str) -> Problem:
        nonlocal doc
        doc = doc or ff.located()
        return doc.problem(key, message)

    out = []
    a = ff.analysis
    texts: list[tuple[tuple, str, str]] = []
    for part in ("key_judgments", "outlook"):
        for lang, text in getattr(a, part).items():
            texts.append((("analysis", part, lang), lang, text))
    for theme, per_lang in a.summaries.items():
        for lang, text in per_lang.items():
            texts.append((("analysis", "summaries", theme, lang), lang, text))
    for lang, items in a.watch.items():
        for j, text in enumerate(items):
            texts.append((("analysis", "watch", lang, j), lang, text))
    for i, fact in enumerate(ff.facts):
        if fact.status == "rejected":
            continue
        for lang, text in fact.text.items():
            texts.append((("facts", i, "text", lang), lang, text))
        if fact.kind == "statement" and not fact.text:
            out.append(problem(("facts", i, "kind"),
                               f"statement {fact.id} has no 'text': the edition can only say what it was about; "
                               "give what was said, in the sources' terms, per language"))
    for key, lang, text in texts:
        for message in language_problems(text or "", lang, gettext_of(lang)):
            out.append(problem(key, message))
        for s in sentences(text or ""):
            if s[:1].isdigit():
                out.append(problem(key, f"« {s[:60]}{'…' if len(s) > 60 else ''} » opens with a numeral: "
                                        "reword it (« À Bougouni, 900 recrues… »)"))
    return out
