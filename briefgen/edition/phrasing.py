"""Sentences generated from a fact's fields, in the edition's language.

Both editions are written from the same fields, so they cannot disagree on a name, a date or a
number. Sentence frames live in the gettext catalogues: the English text is the msgid, and the
message context carries the kind of fact and the French agreement of its subject (m, f, mp, fp).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from ..core.models import Entity
from ..facts.contract import REFERENCES
from ..facts.model import Fact
from . import i18n

_VOWELS = tuple("aeiouyâàéèêëîïôûüœhAEIOUYÂÀÉÈÊËÎÏÔÛÜŒH")
# Every reference field is a slot of the frames under its own name ({origins}, {targets}…); these
# three are also known by the singular the catalogues' msgids use ({actor} met {counterpart}…).
_SINGULAR = {"actor": "actors", "counterpart": "counterparts", "place": "places"}


@dataclass
class Speaker:
    """Renders entity names in one language, remembering who has already been introduced."""

    lang: str
    entities: dict[str, Entity]
    introduced: set[str] = field(default_factory=set)
    with_roles: bool = True

    def name(self, eid: str, *, prep: str = "", article: bool = True) -> str:
        """Entity name with article and preposition contracted (« du », « aux », « de l' »).

        People get their role on first mention; bodies with an acronym are written in full with the
        acronym on first mention, then by the acronym alone. Names are wrapped in NAME_OPEN/NAME_CLOSE
        so the HTML can keep them from being hyphenated.
        """
        e = self.entities[eid]
        label = e.label(self.lang)
        art = e.article.get(self.lang, "") if article else ""
        first = eid not in self.introduced
        self.introduced.add(eid)
        acronym = e.acronym_in(self.lang)
        if acronym and e.kind in ("organisation", "armed_group") and not first:
            label, art = acronym, _acronym_article(e, acronym, self.lang) if article else ""
        label = NAME_OPEN + label + NAME_CLOSE
        if self.lang == "fr":
            text = _fr_with(prep, art, label)
        else:
            text = " ".join(x for x in (prep, art, label) if x)
        if acronym and e.kind in ("organisation", "armed_group") and first:
            text = f"{text} ({NAME_OPEN}{acronym}{NAME_CLOSE})"
        if e.kind == "person" and self.with_roles and first and e.role.get(self.lang):
            text = f"{text}, {e.role[self.lang]},"
        return text

    def names(self, ids, *, prep: str = "", gettext=None) -> str:
        """Names joined as a list; when the last one holds the conjunction itself (« le commerce et
        l'investissement »), it closes the list with « ainsi que » / "as well as" instead, so that no
        list reads « la santé et le commerce et l'investissement »."""
        parts = [self.name(i, prep=prep) for i in ids]
        conj = " et " if self.lang == "fr" else " and "
        if gettext is not None and len(parts) > 1 and conj in plain(parts[-1]):
            head = ", ".join(parts[:-1])
            text = gettext.pgettext("list", "{items}, as well as {last}").format(items=head, last=parts[-1])
            return text.replace(",,", ",")
        return i18n.join(parts, self.lang).replace(",,", ",")

    def place_at(self, ids) -> str:
        """« à Bamako », « au Mali »; "in Bamako"."""
        parts = []
        for eid in ids:
            e = self.entities[eid]
            if self.lang != "fr":
                parts.append(self.name(eid))
                continue
            art = e.article.get("fr", "")
            if e.place_kind == "country" and art:
                prep = {"le": "au", "les": "aux"}.get(art, "en")
                parts.append(f"{prep} {NAME_OPEN}{e.label('fr')}{NAME_CLOSE}")
            else:
                parts.append(_fr_with("à", art, NAME_OPEN + e.label("fr") + NAME_CLOSE))
        if not parts:
            return ""
        text = i18n.join(parts, self.lang)
        return text if self.lang == "fr" else f"in {text}"


NAME_OPEN, NAME_CLOSE = "\ue000", "\ue001"  # private-use marks around names in generated text


def plain(text: str) -> str:
    """Generated text without the name marks (for text/plain output)."""
    return text.replace(NAME_OPEN, "").replace(NAME_CLOSE, "")


def _acronym_article(e: Entity, acronym: str, lang: str) -> str:
    """« le JNIM », « l'EIGS », « les FAMa »; English acronyms take no article."""
    if lang != "fr" or not e.article.get("fr"):
        return ""
    if e.number == "pl":
        return "les"
    if acronym[:1] in "AEIOUY":
        return "l'"
    return "la" if e.gender == "f" else "le"


def _fr_with(prep: str, art: str, label: str) -> str:
    contractions = {("de", "le"): "du", ("de", "les"): "des", ("à", "le"): "au", ("à", "les"): "aux"}
    if (prep, art) in contractions:
        return f"{contractions[(prep, art)]} {label}"
    if art == "l'":
        return f"{prep + ' ' if prep else ''}l'{label}"
    if prep == "de" and not art and label.lstrip(NAME_OPEN).startswith(_VOWELS):
        return f"d'{label}"
    return " ".join(x for x in (prep, art, label) if x)


def agreement(ids, entities: dict[str, Entity]) -> str:
    """French agreement of a subject: m, f, mp or fp."""
    ents = [entities[i] for i in ids if i in entities]
    if not ents:
        return "m"
    plural = len(ents) > 1 or ents[0].number == "pl"
    fem = all(e.gender == "f" for e in ents)
    return ("f" if fem else "m") + ("p" if plural else "")


def unit_noun(unit: str, n: float, gettext: Callable) -> str:
    """The counted noun in the edition's language, singular or plural."""
    n = int(n) if float(n).is_integer() else n  # plural rules want whole numbers where there are some
    nouns = {
        "recruit": lambda: gettext.npgettext("unit", "recruit", "recruits", n),
        "person": lambda: gettext.npgettext("unit", "person", "people", n),
        "young_person": lambda: gettext.npgettext("unit", "young person", "young people", n),
        "month": lambda: gettext.npgettext("unit", "month", "months", n),
        "week": lambda: gettext.npgettext("unit", "week", "weeks", n),
        "day": lambda: gettext.npgettext("unit", "day", "days", n),
        "year": lambda: gettext.npgettext("unit", "year", "years", n),
        "XOF": lambda: gettext.pgettext("unit", "CFA francs"),
        "USD": lambda: gettext.pgettext("unit", "US dollars"),
        "EUR": lambda: gettext.pgettext("unit", "euros"),
        "CNY": lambda: gettext.pgettext("unit", "yuan"),
        "RUB": lambda: gettext.pgettext("unit", "roubles"),
        "vehicle": lambda: gettext.npgettext("unit", "vehicle", "vehicles", n),
        "aircraft": lambda: gettext.npgettext("unit", "aircraft", "aircraft", n),
        "drone": lambda: gettext.npgettext("unit", "drone", "drones", n),
        "weapon": lambda: gettext.npgettext("unit", "weapon", "weapons", n),
        "tonne": lambda: gettext.npgettext("unit", "tonne", "tonnes", n),
        "kg": lambda: gettext.pgettext("unit", "kg"),
        "km": lambda: gettext.pgettext("unit", "km"),
        "km2": lambda: gettext.pgettext("unit", "km²"),
        "ha": lambda: gettext.npgettext("unit", "hectare", "hectares", n),
        "project": lambda: gettext.npgettext("unit", "project", "projects", n),
        "school": lambda: gettext.npgettext("unit", "school", "schools", n),
        "unit": lambda: gettext.npgettext("unit", "unit", "units", n),
    }
    return nouns[unit]() if unit in nouns else unit


def numeral(value: float, lang: str, gettext) -> str:
    """A count as text: two to nine in words (« six », "three"), as the press writes them; other
    numbers in digits (« 900 », "1,000"; one is left in digits: its French form agrees with the noun)."""
    words = {
        2: lambda: gettext.pgettext("numeral", "two"), 3: lambda: gettext.pgettext("numeral", "three"),
        4: lambda: gettext.pgettext("numeral", "four"), 5: lambda: gettext.pgettext("numeral", "five"),
        6: lambda: gettext.pgettext("numeral", "six"), 7: lambda: gettext.pgettext("numeral", "seven"),
        8: lambda: gettext.pgettext("numeral", "eight"), 9: lambda: gettext.pgettext("numeral", "nine"),
    }
    if float(value).is_integer() and int(value) in words:
        return words[int(value)]()
    return i18n.number(value, lang)


def amount(q, lang: str, gettext) -> str:
    """« 900 recrues », "six months", « 1,2 milliard de francs CFA », « 15 % »; a figure the text
    hedges is said to be approximate: « près de 1 000 recrues », "about 1,000 recruits"."""
    num = numeral(q.value, lang, gettext) if q.unit != "percent" else i18n.number(q.value, lang)
    if q.unit == "percent":
        text = gettext.pgettext("unit", "{number}%").format(number=num)
    else:
        noun = unit_noun(q.unit, q.value, gettext)
        if abs(q.value) >= 1_000_000 and lang == "fr":
            text = f"{num} {'d' if noun.startswith(_VOWELS) else 'de'}{chr(39) if noun.startswith(_VOWELS) else ' '}{noun}"
        else:
            text = f"{num} {noun}"
    if q.approximate:
        text = gettext.pgettext("quantity", "about {amount}").format(amount=text)
    return text


def action_noun(action: str, gettext) -> str:
    return {
        "create": lambda: gettext.pgettext("action", "the creation"),
        "open": lambda: gettext.pgettext("action", "the opening"),
        "launch": lambda: gettext.pgettext("action", "the launch"),
        "resume": lambda: gettext.pgettext("action", "the resumption"),
        "suspend": lambda: gettext.pgettext("action", "the suspension"),
        "extend": lambda: gettext.pgettext("action", "the extension"),
        "sign": lambda: gettext.pgettext("action", "the signing"),
        "end": lambda: gettext.pgettext("action", "the end"),
    }[action]()


def sentence(fact: Fact, sp: Speaker, gettext, *, date_first: bool = False) -> str:
    """One sentence (or two) saying what the fact says, in ``sp.lang``.

    The date goes first (« Le 22 juillet 2025, 900 recrues… ») when asked (``date_first``: the sentence
    before it opened with the same subject), when the sentence would open with a figure, and when it
    would follow a list of names it does not belong to."""
    if fact.text.get(sp.lang):
        return fact.text[sp.lang]
    lang = sp.lang
    agr = agreement(fact.actors, sp.entities)
    qs = {q.role: q for q in fact.quantities if q.role}
    when = i18n.when(fact.date.start, fact.date.end, fact.date.precision, lang)
    # Computed only when a frame uses them: naming an entity counts as its first mention.
    refs = {name: getattr(fact, name) for name in REFERENCES}
    slots = _Slots({name: (lambda ids=ids: sp.names(ids, gettext=gettext)) for name, ids in refs.items()})
    slots.update({alias: (lambda name=name: slots[name]) for alias, name in _SINGULAR.items()})
    slots.update({
        "place_at": lambda: sp.place_at(fact.places),
        "objects_to": lambda: sp.names(fact.objects, prep="à"),
        "objects_de": lambda: sp.names(fact.objects, prep="de"),
        "date": lambda: when,
        # French agreement with the subject: « s'est rendu », « s'est rendue », « se sont rendus »…
        "e": lambda: {"m": "", "f": "e", "mp": "s", "fp": "es"}[agr],
        "s_est": lambda: "se sont" if agr.endswith("p") else "s'est",
        "est": lambda: "sont" if agr.endswith("p") else "est",
        "a": lambda: "ont" if agr.endswith("p") else "a",
        "counterpart_to": lambda: sp.names(fact.counterparts, prep="à"),
        # the same with the counterpart as subject: « les FAMa ont reçu »
        "a_cp": lambda: "ont" if agreement(fact.counterparts, sp.entities).endswith("p") else "a",
    })
    k = fact.kind
    has = {name: bool(ids) for name, ids in refs.items()}
    has.update({alias: has[name] for alias, name in _SINGULAR.items()})
    has.update({"action": bool(fact.action), "participants": "participants" in qs, "duration": "duration" in qs,
                "items": "items" in qs})
    if has["participants"]:
        slots["participants"] = lambda: amount(qs["participants"], lang, gettext)
    if has["duration"]:
        slots["duration"] = lambda: amount(qs["duration"], lang, gettext)
    if has["items"]:
        slots["items"] = lambda: amount(qs["items"], lang, gettext)
    if has["action"] and has["objects"]:
        slots["what"] = lambda: action_noun(fact.action, gettext) + " " + (
            sp.names(fact.objects, prep="de") if lang == "fr" else "of " + sp.names(fact.objects))
    # Per kind, the frames from the fullest to the sparest; the first whose fields are all there is used,
    # so a machine-proposed fact with missing fields still reads as a sentence.
    frames = {
        "visit": [(("actor", "place"), lambda: gettext.pgettext("visit", "{actor} visited {place} {date}.")),
                  (("actor",), lambda: gettext.pgettext("visit-no-place", "{actor} made a visit {date}."))],
        "meeting": [(("actor", "counterpart"), lambda: gettext.pgettext("meeting", "{actor} met {counterpart} {place_at} {date}.")),
                    (("actor",), lambda: gettext.pgettext("meeting-no-counterpart", "{actor} held talks {place_at} {date}.")),
                    (("objects",), lambda: gettext.pgettext("meeting-about", "A meeting about {objects} was held {place_at} {date}.")),
                    ((), lambda: gettext.pgettext("meeting-unnamed", "A meeting was held {place_at} {date}."))],
        "statement": [(("actor", "topics"), lambda: gettext.pgettext("statement", "{actor} spoke about {topics} {date}.")),
                      (("actor",), lambda: gettext.pgettext("statement-no-topic", "{actor} made a statement {date}."))],
        "announcement": [(("actor", "action", "objects"), lambda: gettext.pgettext("announcement", "{actor} announced {what} {date}.")),
                         (("actor", "objects"), lambda: gettext.pgettext("announcement-object", "{actor} announced {objects} {date}.")),
                         (("actor",), lambda: gettext.pgettext("announcement-plain", "{actor} made an announcement {date}."))],
        "sanction": [(("actor", "targets"), lambda: gettext.pgettext("sanction", "{actor} restated sanctions against {targets} {date}.")),
                     (("targets",), lambda: gettext.pgettext("sanction-no-actor", "Sanctions against {targets} were restated {date}.")),
                     (("actor",), lambda: gettext.pgettext("sanction-no-target", "{actor} restated sanctions {date}."))],
        "programme": [(("actor", "objects"), lambda: gettext.pgettext("programme", "{actor} took part in {objects} {date}.")),
                      (("objects",), lambda: gettext.pgettext("programme-no-actor", "Activity under {objects} was reported {date}."))],
        "agreement": [(("actor", "counterpart"),
                       lambda: gettext.pgettext("agreement", "{actor} and {counterpart} reached an agreement {date}.")),
                      (("actor",), lambda: gettext.pgettext("agreement-one-party", "{actor} reached an agreement {date}."))],
        "delivery": [(("actor", "objects"), lambda: gettext.pgettext("delivery", "{actor} delivered {objects} {place_at} {date}.")),
                     (("actor", "counterpart", "items"),
                      lambda: gettext.pgettext("delivery-to", "{actor} delivered {items} to {counterpart} {place_at} {date}.")),
                     (("actor", "items"), lambda: gettext.pgettext("delivery-items", "{actor} delivered {items} {place_at} {date}.")),
                     (("counterpart", "items"),
                      lambda: gettext.pgettext("delivery-received", "{counterpart} took delivery of {items} {place_at} {date}.")),
                     (("items",), lambda: gettext.pgettext("delivery-unnamed", "Delivery of {items} was reported {place_at} {date}."))],
        "recruitment": [
            (("actor", "participants"),
             lambda: gettext.pgettext("recruitment", "{actor} began recruiting {participants} {place_at} {date}.")),
            (("actor",), lambda: gettext.pgettext("recruitment-no-figure", "{actor} began a recruitment drive {place_at} {date}.")),
            (("participants",),
             lambda: gettext.pgettext("recruitment-no-actor", "Recruitment of {participants} began {place_at} {date}.")),
            ((), lambda: gettext.pgettext("recruitment-unnamed", "A recruitment drive began {place_at} {date}."))],
    }
    training = [
        (("participants", "duration", "origins"),
         lambda: gettext.pgettext("training", "{participants} from {origins} began {duration} of training {place_at} {date}.")),
        (("participants", "duration"),
         lambda: gettext.pgettext("training-no-origin", "{participants} began {duration} of training {place_at} {date}.")),
        (("participants",), lambda: gettext.pgettext("training-short", "{participants} began training {place_at} {date}.")),
        ((), lambda: gettext.pgettext("training-unnamed", "Training began {place_at} {date}.")),
    ]
    frames["training"] = training
    fallback = [(("actor",), lambda: gettext.pgettext("other", "{actor}: a development reported {place_at} {date}.")),
                ((), lambda: gettext.pgettext("other-unnamed", "A development was reported {place_at} {date}."))]
    frame = next(make() for needs, make in frames.get(k, []) + fallback if all(has[n] for n in needs))
    lead = (date_first or frame.startswith(("{participants}", "{items}"))
            or bool(re.search(r"\{(targets|topics)\} \{date\}", frame)))
    if lead and "{date}" in frame:
        slots["date"] = ""
        text = _tidy(when + ", " + _lower_first(frame.format_map(slots)))
    else:
        text = _tidy(frame.format_map(slots))
    phases = [q for q in fact.quantities if q.role == "phase"]
    if phases and k in ("training", "recruitment"):
        parts = [f"{amount(q, lang, gettext)} {q.label.get(lang, '')}".strip() for q in phases]
        text = text[:-1] + " " + gettext.pgettext("phases", "({phases})").format(phases=i18n.join(parts, lang)) + "."
    if k == "meeting" and fact.topics:
        text += " " + gettext.pgettext("meeting-topics", "Talks covered {topics}.").format(topics=slots["topics"])
    return text



def _lower_first(text: str) -> str:
    """A sentence that no longer opens the sentence: its first word lower-cased unless it is a name."""
    if text.startswith(NAME_OPEN) or text[:2].isupper():
        return text
    return text[:1].lower() + text[1:]


class _Slots(dict):
    """Slot values computed on first use, once."""

    def __getitem__(self, key):
        value = super().__getitem__(key)
        if callable(value):
            value = value()
            self[key] = value
        return value


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t\n]+", " ", text).strip()  # not str.split(): it would eat no-break spaces
    text = text.replace(" .", ".").replace(",.", ".").replace(", ,", ",").replace(",,", ",")
    return text[:1].upper() + text[1:]
