"""What a fact rule sees and gives back: the trigger word in its sentence (``Site``), the roles it
fills (``Roles``), and the helpers rules share: token distances, the nearest mention, the date
written near the trigger, and what the gazetteer says beyond names (cues, adjectives, courses,
home forces). Rules read the desk's gazetteer only through here, never an id of it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..core.config import Config
from ..core.models import Entity
from ..facts.contract import REFERENCES
from ..facts.model import Quantity, References
from .context import Context
from .lexicon import APOSTROPHES
from .types import Candidate, DateMention, Mention

NEAR = 14
"""How many tokens away from its trigger a date, place or person still belongs to it."""
PARTY_LABELS = ("ORG", "STATE", "ARMED")


def fold(text: str) -> str:
    """Lower case without accents, for cue matching; a typographic apostrophe stays an apostrophe
    (« l’armée » is « l'armee », where the cue « armée » begins a word)."""
    return unicodedata.normalize("NFKD", text.translate(APOSTROPHES).lower()).encode("ascii", "ignore").decode()


def cue_pattern(cues) -> str:
    """A regex finding, in folded text, a word that begins with one of ``cues`` (as theme cues do)."""
    return r"\b(?:" + "|".join(re.escape(fold(c)) for c in cues) + ")"


def topics_in(cfg: Config, folded: str) -> list[str]:
    """The gazetteer topics whose cues the (folded) text has, in gazetteer order."""
    return [e.id for e in cfg.entities.values() if e.kind == "topic" and e.cues
            and re.search(cue_pattern(e.cues), folded)]


def meant_by_adjective(cfg: Config, folded: str) -> list[str]:
    """Entities a French adjective of theirs stands for in the (folded) text, first written first
    (« les listes de sanctions américaines »)."""
    found = []
    for e in cfg.entities.values():
        if e.adjectives:
            m = re.search(r"\b(?:" + "|".join(re.escape(fold(a)) for a in e.adjectives) + r")\b", folded)
            if m:
                found.append((m.start(), e.id))
    return [eid for _, eid in sorted(found)]


def country_of_adjective(word: str) -> str | None:
    """The country (folded French name) a nationality adjective stands for (« russes » → russie)."""
    from .same_event import ADJECTIVE_OF

    return ADJECTIVE_OF.get(fold(word))


def country_of_name(cfg: Config, eid: str) -> str | None:
    """The country (folded French name) an entity is or whose capital it is (« Moscou » → russie),
    from its French name in the gazetteer, else from its id (the slug of its name)."""
    from .same_event import country_or_seat

    ent = cfg.entities.get(eid)
    return country_or_seat(ent.name.get("fr", eid) if ent else eid.replace("-", " "))


def is_course(cfg: Config, eid: str) -> bool:
    """A training course recruits follow (``kind: course`` in the gazetteer's programmes)."""
    e = cfg.entities.get(eid)
    return e is not None and e.programme_kind == "course"


def is_home_forces(cfg: Config, eid: str) -> bool:
    e = cfg.entities.get(eid)
    return e is not None and e.home_forces


def gazetteer_data(cfg: Config) -> list:
    """What the rules read of the gazetteer besides names and kinds (part of the cache key)."""
    def entry(e: Entity) -> list:
        return [e.id, e.place_kind, list(e.adjectives), e.home_forces, e.programme_kind, list(e.cues)]
    return [entry(e) for e in cfg.entities.values()]  # in order: meetings order people by it


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the sentence as trigger matching sees it, with its neighbours."""

    lemma: str
    word: str
    idx: int
    prev: str = ""
    next: str = ""
    ahead: tuple[str, ...] = ()  # the next few words (lower case), « de nouveaux équipements »


@dataclass(frozen=True, slots=True, kw_only=True)
class Roles(References):
    """What a rule fills: entity ids by reference field, as facts declare them (each id once, in
    the order given), and the action."""

    action: str | None = None

    def __post_init__(self) -> None:
        for name in REFERENCES:
            object.__setattr__(self, name, tuple(dict.fromkeys(getattr(self, name))))


@dataclass
class Site:
    """One trigger in its sentence: the article, the mentions around, what earlier sentences found."""

    kind: str
    idx: int
    """Character offset of the trigger word."""
    span: Any
    """The sentence as a spaCy span."""
    i: int
    """Sentence number."""
    ctx: Context
    people: list[Mention]
    """Persons named in the sentence."""
    places: list[Mention]
    """Places named in the sentence (also inside someone's title)."""
    mentions: list[Mention]
    """Mentions of the sentence outside people's titles."""
    person: Mention | None
    """The person named nearest the trigger that no earlier trigger of the kind took."""
    claimed: set[str]
    previous: list[Candidate]

    @property
    def doc(self):
        return self.span.doc

    @property
    def cfg(self) -> Config:
        return self.ctx.cfg

    @property
    def trigger(self):
        """The trigger word as a spaCy token (None if the sentence span lost it)."""
        return next((t for t in self.span if t.idx == self.idx), None)

    @property
    def text(self) -> str:
        s = self.ctx.sents[self.i]
        return self.ctx.text[s.start:s.end]

    @property
    def low(self) -> str:
        """The sentence folded (lower case, no accents)."""
        return fold(self.text)

    @property
    def orgs(self) -> list[Mention]:
        return [m for m in self.mentions if m.label in PARTY_LABELS]

    @property
    def progs(self) -> list[Mention]:
        return [m for m in self.mentions if m.label == "PROG"]

    @property
    def quantities(self) -> list[Quantity]:
        return [q.quantity for q in self.ctx.in_sent(self.ctx.quantities, self.i)]

    def dist(self, pos: int) -> int:
        """Distance in tokens from the trigger to character offset ``pos``."""
        return tok_dist(pos, self.idx, self.doc)

    def nearest(self, items: list[Mention]) -> Mention | None:
        return nearest(items, self.idx, self.doc)

    def explicit_date(self) -> DateMention | None:
        return explicit_date(self.ctx, self.i, self.idx, self.doc)


def tok_dist(a: int, b: int, doc) -> int:
    """Distance in tokens between two character offsets."""
    ta = doc.char_span(a, a + 1, alignment_mode="expand")
    tb = doc.char_span(b, b + 1, alignment_mode="expand")
    return abs(ta.start - tb.start) if ta is not None and tb is not None else 999


def nearest(items: list[Mention], idx: int, doc) -> Mention | None:
    return min(items, key=lambda m: tok_dist(m.start, idx, doc)) if items else None


def explicit_date(ctx: Context, i: int, idx: int, doc) -> DateMention | None:
    """The date written in sentence ``i`` nearest the trigger at ``idx``, if near enough."""
    dates = ctx.in_sent(ctx.dates, i)
    # a date after the trigger and a relative pronoun dates that clause (« a fermé son consulat dans
    # une ville dont les milices ont pillé le marché le 2 mai »), not the trigger's event
    near = [d for d in dates if tok_dist(d.start, idx, doc) <= NEAR and not in_a_clause_after(ctx, idx, d)]
    if near:
        return min(near, key=lambda d: tok_dist(d.start, idx, doc))
    return next((d for d in dates if _opens(ctx, i, d)), None)


def in_a_clause_after(ctx: Context, idx: int, d: DateMention) -> bool:
    """Whether date ``d`` comes after the trigger at ``idx`` behind a relative pronoun: it dates
    that clause, not the trigger's event."""
    return d.start > idx and bool(_RELATIVE.search(ctx.text[idx:d.start]))


_RELATIVE = re.compile(r"\b(?:qui|que|dont|lequel|laquelle|lesquels|lesquelles)\b|\bqu['’]", re.IGNORECASE)
_OPENING = re.compile(r"(?:en|dès|le|au|à|à la|fin|début|mi|courant)?[\s-]*", re.IGNORECASE)


def _opens(ctx: Context, i: int, d: DateMention) -> bool:
    """A date that opens its sentence and is set apart by a comma (« En mars 2021, … ») frames the
    whole sentence, however far its event's word comes."""
    text = ctx.text
    return bool(_OPENING.fullmatch(text[ctx.sents[i].start:d.start])) and text[d.end:d.end + 2].lstrip().startswith(",")
