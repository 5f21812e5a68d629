"""Frozen data passed between extraction stages (NLP → mentions → candidate facts → merge).

Everything here is plain data that the cache can write as JSON and read back without the model.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..facts.model import DateSpan, Evidence, Quantity, Quote, References

# Mention labels set by the gazetteer ruler (and mapped from spaCy's PER/ORG/LOC).
LABEL_OF_KIND = {"person": "PER", "organisation": "ORG", "state": "STATE", "armed_group": "ARMED",
                 "place": "LOC", "programme": "PROG"}
KIND_OF_LABEL = {v: k for k, v in LABEL_OF_KIND.items()}


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the article: character span into Source.text and its paragraph number."""

    start: int
    end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity named in the article, linked to a gazetteer id or to a new entity's id."""

    start: int
    end: int
    text: str
    label: str
    """PER, ORG, STATE, ARMED, LOC or PROG."""
    entity: str
    sent: int
    known: bool = True
    """True when ``entity`` is a gazetteer id; False for an entity proposed for the gazetteer."""


@dataclass(frozen=True, slots=True)
class NewEntity:
    """Someone or something the gazetteer does not know yet, as the text names it."""

    id: str
    kind: str
    name: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    span: DateSpan
    sent: int


@dataclass(frozen=True, slots=True)
class QuantityMention:
    start: int
    end: int
    quantity: Quantity
    sent: int


@dataclass(frozen=True, slots=True)
class Candidate(References):
    """One fact as a single sentence (or quote) of one article reports it, before merging; the
    entities it names are its References (keyword arguments)."""

    kind: str
    source: str
    sent: int
    date: DateSpan | None
    date_explicit: bool
    """True when the date is written in the evidence sentence itself (it then outweighs dates
    inherited from the paragraph or the publication week when candidates merge)."""
    evidence: Evidence
    themes: tuple[str, ...] = ()
    action: str | None = None
    quantities: tuple[Quantity, ...] = ()
    quote: Quote | None = None

    def core(self) -> set[str]:
        """The entities that identify the event (who did it, to whom, about what)."""
        return set(self.actors) | set(self.counterparts) | set(self.objects) | set(self.targets)


@dataclass(frozen=True, slots=True)
class SourceResult:
    """What extraction found in one article; cached by the article's content hash."""

    source: str
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    dates: tuple[DateMention, ...]
    quantities: tuple[QuantityMention, ...]
    entities: tuple[NewEntity, ...]
    roles: tuple[tuple[str, str], ...]
    """(entity id, role as the text gives it) for people."""
    candidates: tuple[Candidate, ...]
    reference: str | None = None
    """The reference date relative expressions were resolved against (ISO day + precision)."""
