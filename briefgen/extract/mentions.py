"""From a spaCy Doc to plain data: sentences, entity mentions linked to the gazetteer, new
entities with the role the text gives them, date and quantity mentions."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from ..core.config import Config
from ..facts.model import Quantity
from . import dates as dates_mod
from . import quantities as qty_mod
from .types import KIND_OF_LABEL, DateMention, Mention, NewEntity, QuantityMention, Sentence

LOCATIVE = {"à", "au", "aux", "en", "dans", "vers", "depuis", "de", "d'", "du", "sur", "près"}
ROLE_HEADS = ("ministre", "directeur", "directrice", "sous-secrétaire", "secrétaire", "envoyé", "envoyée",
              "président", "présidente", "ambassadeur", "ambassadrice", "conseiller", "conseillère",
              "chef", "porte-parole", "commandant", "général", "colonel", "gouverneur", "diplomate",
              "émissaire", "représentant", "représentante", "coordinateur", "coordinatrice", "maire",
              "procureur", "capitaine", "lieutenant", "chargé", "chargée", "responsable")
_HEAD = "(?:" + "|".join(re.escape(h) for h in ROLE_HEADS) + r")\b"
ORG_HEADS = {"chambre", "banque", "agence", "office", "société", "compagnie", "union", "fédération",
             "association", "conseil", "commission", "fonds", "institut", "université", "école",
             "coopérative", "syndicat", "comité", "organisation", "autorité", "haut-commissariat"}
"""First words that make a name an organisation even when the model tags it as a place."""
_DANGLING = re.compile(r"\s(?:du|de|des|de la|d')$", re.IGNORECASE)
_DET = r"(?:\b(?:le|la|l'|du|de la|au|à la|un|une|des)\s*)"
_BEFORE = re.compile(_DET + r"(" + _HEAD + r"[^,.;:«»()]*?)\s*,?\s*$", re.IGNORECASE)
_AFTER = re.compile(r"^\s*,\s*(?:(?:le|la|l')\s*)?(" + _HEAD + r"[^,.;«»()]*)", re.IGNORECASE)
_COPULA = re.compile(r"^\s*(?:est|était|occupe le poste de|, qui est)\s+(?:aussi\s+|également\s+)?"
                     r"(?:(?:le|la|l'|un|une)\s*)?(" + _HEAD + r"[^,.;«»()]*)", re.IGNORECASE)
_ANAPHOR_ROLE = re.compile(r"^\s*(?:il|elle|le diplomate|l'émissaire|le ministre)\s+(?:est|occupe le poste de)\s+"
                           r"(?:aussi\s+|également\s+)?(?:(?:le|la|l'|un|une)\s*)?(" + _HEAD + r"[^.;«»()]*)",
                           re.IGNORECASE)
STOP_NAMES = {"état", "etat", "etats", "états", "ouest", "est", "nord", "sud", "premier", "première", "conseiller",
              "président", "gouvernement", "ministère", "nous", "selon", "côté", "coup", "armée"}


def slug(text: str) -> str:
    """ASCII id from a name: « Garde nationale » → ``garde-nationale``."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-") or "x"


def sentences(doc, text: str) -> list[Sentence]:
    """Sentence spans (whitespace trimmed, split again at line breaks) with paragraph numbers."""
    out: list[Sentence] = []
    breaks = [m.end() for m in re.finditer(r"\n\s*\n", text)]
    for s in doc.sents:
        for m in re.finditer(r"[^\n]+", text[s.start_char:s.end_char]):
            a, b = s.start_char + m.start(), s.start_char + m.end()
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                out.append(Sentence(a, b, bisect.bisect_right(breaks, a)))
    return out


@dataclass
class _Found:
    mentions: list[Mention]
    dates: list[DateMention]
    quantities: list[QuantityMention]
    entities: dict[str, NewEntity]
    roles: dict[str, str]
    role_spans: list[tuple[int, int]]


def find(doc, text: str, sents: list[Sentence], cfg: Config, ref, surnames: dict[str, str]) -> _Found:
    """Every mention in ``doc`` (run on the normalised ``text``), linked and resolved."""
    starts = [s.start for s in sents]

    def sent_of(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    found = _Found([], [], [], {}, {}, [])
    role_spans = found.role_spans
    pending_new: list[tuple[object, str]] = []
    for ent in doc.ents:
        label, a, b = ent.label_, ent.start_char, ent.end_char
        si = sent_of(a)
        if label == "DATE":
            span = dates_mod.resolve(ent.text, ref)
            if span is not None:
                found.dates.append(DateMention(a, b, text[a:b], span, si))
            continue
        if label == "QTY":
            q = qty_mod.parse(ent.text)
            if q is not None and qty_mod.in_context(q, [t.lower_ for t in doc[max(0, ent.start - 4):ent.start]]):
                found.quantities.append(QuantityMention(a, b, q, si))
            continue
        if label == "OUTLET" or label == "MISC":
            continue
        eid = ent.ent_id_
        if eid:
            eid = _disambiguate(eid.split("|"), doc, ent, cfg)
            kind = cfg.entities[eid].kind
            found.mentions.append(Mention(a, b, text[a:b], _label(kind), eid, si))
            if kind == "person":
                _roles(found, role_spans, eid, text, sents[si], a, b)
            continue
        pending_new.append((ent, label))
    _anaphor_roles(found, role_spans, text, sents)
    for ent, label in pending_new:
        _new_entity(found, ent, label, text, sents, sent_of, role_spans, surnames, cfg)
    found.mentions.sort(key=lambda m: m.start)
    _extra_quantities(found, doc, text, sent_of)
    return found


def _label(kind: str) -> str:
    return {v: k for k, v in KIND_OF_LABEL.items()}[kind]


def _disambiguate(ids: list[str], doc, ent, cfg: Config) -> str:
    """« au Mali » is the country as a place, « le Mali a … » the state; « à Bamako » the city."""
    if len(ids) == 1:
        return ids[0]
    prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    places = [i for i in ids if cfg.entities[i].kind == "place"]
    others = [i for i in ids if cfg.entities[i].kind != "place"]
    if places and others:
        return places[0] if prev in LOCATIVE else others[0]
    return ids[0]


def _clean_role(role: str) -> str:
    role = re.sub(r"\s+", " ", role).strip(" ,")
    return re.sub(r"^(?:aussi|également)\s+", "", role)


def _roles(found: _Found, role_spans, eid: str, text: str, sent: Sentence, a: int, b: int) -> None:
    """« le ministre malien des Affaires étrangères, Abdoulaye Diop », « X, directeur …, » , « X est … »."""
    before = text[sent.start:a]
    after = text[b:sent.end]
    for rx, part, base in ((_BEFORE, before, sent.start), (_AFTER, after, b), (_COPULA, after, b)):
        m = rx.search(part)
        if m:
            role = _clean_role(m.group(1))
            if len(role) > len(found.roles.get(eid, "")):
                found.roles[eid] = role
            role_spans.append((base + m.start(1), base + m.end(1)))


def _anaphor_roles(found: _Found, role_spans, text: str, sents: list[Sentence]) -> None:
    """« Il est directeur adjoint … »: the role of the person named last before the sentence."""
    people = [m for m in found.mentions if m.label == "PER"]
    for s in sents:
        m = _ANAPHOR_ROLE.match(text[s.start:s.end])
        if not m:
            continue
        before = [p for p in people if p.end <= s.start]
        if not before:
            continue
        eid = before[-1].entity
        role = _clean_role(m.group(1))
        if len(role) > len(found.roles.get(eid, "")):
            found.roles[eid] = role
        role_spans.append((s.start + m.start(1), s.start + m.end(1)))


def _new_entity(found: _Found, ent, label: str, text: str, sents, sent_of, role_spans, surnames, cfg) -> None:
    """A PER/ORG/LOC the gazetteer does not know: link by surname, else propose a new entity."""
    a, b = ent.start_char, ent.end_char
    if any(ra <= a and b <= rb for ra, rb in role_spans):
        return  # part of someone's title (« pour l'Afrique de l'Ouest »)
    name = re.sub(r"^(?:M\.|Mme|Mlle|Dr)\s+", "", text[a:b]).strip(" '-")
    words = name.split()
    si = sent_of(a)
    if label == "PER":
        if words and words[-1] in surnames:
            found.mentions.append(Mention(a, b, text[a:b], "PER", surnames[words[-1]], si))
            return
        if len(words) < 2 or not all(w[0].isupper() or w.lower() in {"de", "du", "ben", "ould", "ag"}
                                     for w in words) or any(c.isdigit() for c in name):
            return
        if words[0].lower() in ROLE_HEADS or words[0].lower() in STOP_NAMES:
            return
        kind = "person"
    elif label in ("ORG", "LOC"):
        if not name or not name[0].isupper() or len(name) < 3 or name.lower() in STOP_NAMES:
            return
        if words[0].lower() in STOP_NAMES or name.isupper() and len(name) < 3:
            return
        if _DANGLING.search(name):
            # The model stopped at a name the gazetteer had already claimed (« Chambre de commerce
            # et d'industrie du | Mali »): the whole is one name, and the claimed part is not a mention.
            tail = next((m for m in found.mentions if b < m.start <= b + 1 and m.sent == si), None)
            if tail is None:
                return
            found.mentions.remove(tail)
            b = tail.end
            name = text[a:b]
        org = label == "ORG" or words[0].lower() in ORG_HEADS
        kind = "organisation" if org else "place"
    else:
        return
    eid = slug(name)
    if eid in cfg.entities:
        ent_kind = cfg.entities[eid].kind
        found.mentions.append(Mention(a, b, text[a:b], _label(ent_kind), eid, si))
        return
    new = found.entities.get(eid) or NewEntity(eid, kind, name)
    mention = Mention(a, b, text[a:b], _label(kind), eid, si, known=False)
    if kind == "person":
        tmp = _Found([], [], [], {}, {}, [])
        _roles(tmp, role_spans, eid, text, sents[si], a, b)
        if tmp.roles.get(eid) and len(tmp.roles[eid]) > len(new.role or ""):
            new = NewEntity(eid, kind, new.name, tmp.roles[eid])
    found.entities[eid] = new
    found.mentions.append(mention)


def _extra_quantities(found: _Found, doc, text: str, sent_of) -> None:
    """Numbers that borrow their unit: « six mois, dont trois … et trois … » (phases),
    « les trois suivants », and bare figures (« le total de 900 ») equal to a counted figure."""
    by_sent: dict[int, list[QuantityMention]] = {}
    for q in found.quantities:
        by_sent.setdefault(q.sent, []).append(q)
    taken = [(q.start, q.end) for q in found.quantities] + [(d.start, d.end) for d in found.dates]
    extra: list[QuantityMention] = []
    values = {q.quantity.value: q.quantity.unit for q in found.quantities}
    counted = [qty_mod.UNITS[t.lower_] for t in doc if t.lower_ in qty_mod.UNITS
               and qty_mod.UNITS[t.lower_] in ("recruit", "person", "young_person", "vehicle")]
    main_unit = max(set(counted), key=counted.count) if counted else None
    last_unit: str | None = None
    for tok in doc:
        if tok.ent_type_ == "QTY":
            q = next((q for q in found.quantities if q.start <= tok.idx < q.end), None)
            last_unit = q.quantity.unit if q else last_unit
            continue
        if tok.ent_type_ or not qty_mod.could_start_number(tok.text) or any(a <= tok.idx < b for a, b in taken):
            continue
        value, n = qty_mod.number_value([t.text for t in doc[tok.i:tok.i + 4]])
        if value is None or (tok.i > 0 and doc[tok.i - 1].like_num):
            continue
        prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
        nxt = doc[tok.i + n].lower_ if tok.i + n < len(doc) else ""
        a = tok.idx
        b = doc[tok.i + n - 1].idx + len(doc[tok.i + n - 1].text)
        unit = role = None
        if prev in ("dont", "et", "soit") and last_unit in ("month", "week", "day") and nxt in ("en", "au", "de", "d'", "dans"):
            unit, role = last_unit, "phase"
        elif nxt in ("suivants", "suivantes", "derniers", "dernières") and last_unit in ("month", "week", "day"):
            unit, role = last_unit, "phase"
        elif value in values and value >= 100 and prev in ("de", "à", "total", "effectif"):
            unit = values[value]
        elif value >= 10 and prev == "de" and main_unit and any(
                t.lower_ in ("effectif", "total", "nombre", "effectifs") for t in doc[max(0, tok.i - 4):tok.i]):
            unit = main_unit
        if unit:
            b2 = b
            if role == "phase" and prev in ("dont", "et", "soit"):  # keep the words that say which phase (« trois en centre d'instruction »)
                stop = re.search(r"[,.;]|\bet\b", text[b:])
                b2 = b + (stop.start() if stop else 0)
            extra.append(QuantityMention(a, b2, Quantity(value, unit, text[a:b2].strip(), role), sent_of(a)))
            taken.append((a, b2))
    found.quantities.extend(extra)
    found.quantities.sort(key=lambda q: q.start)
