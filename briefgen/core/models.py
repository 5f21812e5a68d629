"""What a desk knows before reading any article: the entities of its gazetteer and its outlets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

ENTITY_KINDS = ("person", "organisation", "state", "armed_group", "place", "programme", "topic")
RELIABILITY = ("A", "B", "C", "D", "E", "F")
TLP_LABELS = ("TLP:RED", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:GREEN", "TLP:CLEAR")


@dataclass(frozen=True, slots=True)
class Entity:
    """Someone or something the brief names: a gazetteer entry."""

    id: str
    """Canonical id, referenced by facts."""
    kind: str
    """One of ENTITY_KINDS."""
    name: Mapping[str, str]
    """Display name per language (people: the same name in every language)."""
    aliases: tuple[str, ...] = ()
    """Other names and spellings found in articles (also acronyms and long forms)."""
    acronym: str | None = None
    """Acronym (in the first configured language), explained once in the glossary."""
    acronyms: Mapping[str, str] = field(default_factory=dict)
    """The acronym per language (ISGS in English, EIGS in French); see ``acronym_in``."""
    role: Mapping[str, str] = field(default_factory=dict)
    """People: their function, per language."""
    gender: str = "m"
    """Grammatical gender in French: ``m`` or ``f`` (people: drives « s'est rendu / rendue »)."""
    number: str = "sg"
    """Grammatical number in French: ``sg`` or ``pl`` (« les États-Unis maintiennent »)."""
    article: Mapping[str, str] = field(default_factory=dict)
    """Definite article per language when the name takes one (« les », « le », « l' »; "the")."""
    place_kind: str | None = None
    """Places: city, country, region or site (chooses « à » / « au » / « en »)."""
    lat: float | None = None
    lon: float | None = None
    adjectives: tuple[str, ...] = ()
    """Organisations: French adjectives that stand for them (« américain », « américaines »), so that
    « les sanctions américaines » are the United States' sanctions."""
    home_forces: bool = False
    """Organisations: the armed forces whose build-up the brief follows. A delivery, recruitment or
    training that names them, and no one else in the part, has them as receiver or recruiter."""
    programme_kind: str | None = None
    """Programmes: ``programme`` (something launched, suspended or resumed) or ``course`` (a training
    course recruits follow: what trainings are about, never a programme fact of its own)."""
    cues: tuple[str, ...] = ()
    """Topics: French words (or their beginnings) that make a statement or talks about the topic."""

    def acronym_in(self, lang: str) -> str | None:
        """The acronym an edition in ``lang`` uses, if the entity has one."""
        return self.acronyms.get(lang) or self.acronym

    def label(self, lang: str) -> str:
        """The name in ``lang``; proper nouns fall back to the French form."""
        return self.name.get(lang) or self.name.get("fr") or next(iter(self.name.values()))


@dataclass(frozen=True, slots=True)
class Outlet:
    """A news outlet and its reliability grade (NATO/Admiralty A–F)."""

    id: str
    name: str
    url: str
    reliability: str
