"""Who « il », « elle », « le diplomate » or « l'émissaire » means: the last person named before
whose title fits (the ministry for « le ministre », a diplomatic post for « le diplomate ») and whose
grammatical gender agrees with the pronoun."""

from __future__ import annotations

import re

from .context import Context

_ANAPHOR = re.compile(r"(?:^|\W)(?:(il|elle)\b|-t-(il|elle)\b|(?:le |l')(diplomate|émissaire|envoyé|ministre)\b)",
                      re.IGNORECASE)
_TITLE_ROLES = {"diplomate": r"envoy|ambassad|diplomat|secrétaire d'état|émissaire",
                "ministre": r"ministre"}


_FEMININE_ROLE = re.compile(r"^\W*(?:\w+\s+)?(?:présidente|directrice|ambassadrice|conseillère|représentante|"
                            r"coordinatrice|chargée|envoyée|secrétaire générale)\b")
_MASCULINE_ROLE = re.compile(r"^\W*(?:\w+\s+)?(?:président|directeur|ambassadeur|conseiller|représentant|"
                             r"coordinateur|chargé|envoyé|lieutenant|colonel|capitaine|commandant|général|"
                             r"lieutenant-colonel|sous-secrétaire d'état adjoint)\b")


def role_gender(role: str) -> str | None:
    """The grammatical gender a French title shows (« présidente » f, « lieutenant-colonel » m)."""
    if _FEMININE_ROLE.search(role):
        return "f"
    if _MASCULINE_ROLE.search(role):
        return "m"
    return None


def person_meant(span, ctx: Context) -> str | None:
    """« il », « le diplomate », « l'émissaire »: the last person named before whose role fits."""
    named = {x.entity for x in ctx.mentions if span.start_char <= x.start < span.end_char and x.label == "PER"}
    prior = [x for x in ctx.mentions if x.end <= span.start_char and x.label == "PER" and x.entity not in named]
    for m in _ANAPHOR.finditer(span.text):
        title = (m.group(3) or "").lower()
        rx = _TITLE_ROLES.get("ministre" if title == "ministre" else "diplomate") if title else None
        pronoun = (m.group(1) or m.group(2) or "").lower()
        for x in reversed(prior):
            ent = ctx.cfg.entities.get(x.entity)
            role = " ".join([(ctx.roles or {}).get(x.entity, ""), ent.role.get("fr", "") if ent else ""]).lower()
            gender = ent.gender if ent and ent.gender else role_gender(role)
            if pronoun and gender and gender != {"il": "m", "elle": "f"}[pronoun]:
                continue  # « elle » is not the lieutenant-colonel named before
            if rx is None or re.search(rx, role):
                return x.entity
    return None
