"""When two articles tell the same event: the cross-outlet rule of the merge.

Two outlets rarely tell one event alike. One names the minister, the other the ministry or the
state; one calls the handover a delivery, the other an announcement; one gives « le 19 janvier »,
the other only the month of its dateline. An ``Account`` sums up what one article (or a group of
articles already merged) says about one event, and ``same_event`` says whether two accounts from
different articles can be one event, and how strongly (to prefer the best of several matches).

The rule, all of which must hold:

- no article on both sides (what one article tells apart stays apart);
- compatible kinds (``KIND_FAMILIES``: a delivery may be told as its announcement, a signing as
  the talks it closed) and at least one theme in common (unless the kind and a party are the
  same: themes are read sentence by sentence, two outlets may word one event for two themes);
- compatible dates: the same day, a day inside the other's range, week or month, or two spans of
  one month; dates not written in the evidence (taken from the paragraph or the dateline) only
  place the report in time, so two of them may be a few days apart, and a date written on one
  side may fall a few days before the other's dateline (« lundi » in one outlet, only the
  dateline of Tuesday in the other), never after it; not for statements (what was said on Monday
  and on Thursday may be two things);
- no two different towns or sites (a site named after a town is in it), and no state on each side
  that the other side lacks (Russia in one account, Turkey in the other);
- something that names the event on both sides: the same participant (a person, a body, a
  programme), the same one spelled otherwise (``Affiliations.alike``: « Goïta » and « Assimi
  Goïta », « Barrick Gold » and « Barrick Mining », a slip of one letter in a long name), a
  minister on one side and their ministry on the other (``Affiliations``), two states (a capital
  standing for its state: « Niamey », « le Niger »), the same distinctive figure (rounded
  alike: « 165,3 millions » and « 165 millions »), or the same town or evidence
  sentences that echo one another (``ECHO`` words that few articles of the run use) with
  participants of the same state; across kinds, a shared participant (or the same town and
  figure with participants of the same state);
- no figures of one thing far apart (``CLOSE``): 25 vehicles and 40 vehicles are two deliveries.

Two articles that tell one story use the same uncommon words all along (``story_vectors``,
``STORY``): when they do, the same state on both sides (or the same day written on both) is
enough to name the event, as a shared participant would. When they surely do (``SURE_STORY``),
the first fact under a theme of each (its lead) is one event whatever kind and parties each outlet
gave it, unless dates, states or figures say otherwise (``one_story``, applied by
``merge.join_outlets`` after the rule above).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache
from typing import Iterable, Mapping

from ..core.config import Config
from ..facts.model import DateSpan
from .lexicon import APOSTROPHES

KIND_FAMILIES = (
    frozenset({"delivery", "announcement", "programme"}),  # an equipment handover, told or announced
    frozenset({"recruitment", "announcement", "programme"}),  # « l'armée a annoncé le recrutement de … »
    frozenset({"agreement", "meeting"}),  # a signing and the talks it closed
    frozenset({"agreement", "statement"}),  # a signing and what the signatories said of it
    frozenset({"agreement", "announcement"}),  # « ont annoncé la fin de leur différend » / « un accord conclu »
    frozenset({"graduation", "training"}),  # the end of a training is a promotion's graduation
    frozenset({"sanction", "announcement"}),  # « Washington a annoncé des sanctions contre … »
)
"""Kinds two outlets may give one event; a kind is always compatible with itself. A visit and
the talks held during it stay two facts, as do talks and what was said after them."""
WORDED_FAMILIES = (
    frozenset({"announcement", "statement"}),  # « X a lancé la construction … » / « … », a déclaré X
)
"""Kinds two outlets may also give one event, but only when one participant that is more than a
state is on both sides and their evidence sentences share words besides the names
(``WORDED_ECHO``): a head of state says many things in a month, and announces several."""

SPECIFIC_FIRST = ("delivery", "agreement", "recruitment", "graduation", "sanction", "visit", "training",
                  "programme", "meeting", "announcement", "statement")
"""When accounts of different kinds merge, the fact takes the most specific kind."""

COUNTED = {"person": "people", "recruit": "people", "young_person": "people"}
"""Units that count the same things (figures in them compare)."""
UNCOUNTED = {"day", "week", "month", "year", "percent"}
"""Units whose figures do not identify an event (durations, shares)."""
DISTINCTIVE = 10
"""Smallest figure that identifies an event on its own (« 2 avions » does not, « 25 blindés » does)."""
CLOSE = 1.25
"""Figures of one thing further apart than this ratio count different things (different events)."""
REPORTING_SLACK = timedelta(days=3)
"""How far apart two dates neither of which is written in the evidence may be, and how long
before a report date (not written) a date written on the other side may be."""
MONTH_DATELINE_SLACK = timedelta(days=7)
"""How long before a month-only dateline's month a date written on the other side may be: the
report may have come out on the first, a week after the event."""
ROUNDED = 1.02
"""Large figures (``ROUNDED_FROM`` and up) this close are one figure told with more or fewer
digits (« 165,3 millions » and « plus de 165 millions »)."""
ROUNDED_FROM = 1000

# Countries as French writes them, with the adjectives that stand for them (« malien »): a
# language resource, not a desk's entities (those are the gazetteer's, found by their ids).
DEMONYMS = {
    "Mali": ("malien", "malienne", "maliens", "maliennes"),
    "Niger": ("nigérien", "nigérienne", "nigériens", "nigériennes"),
    "Burkina Faso": ("burkinabè", "burkinabé", "burkinabès", "Burkina"),
    "Tchad": ("tchadien", "tchadienne"),
    "Sénégal": ("sénégalais", "sénégalaise"),
    "Guinée": ("guinéen", "guinéenne"),
    "Mauritanie": ("mauritanien", "mauritanienne"),
    "Algérie": ("algérien", "algérienne"),
    "Maroc": ("marocain", "marocaine"),
    "Nigeria": ("nigérian", "nigériane"),
    "Côte d'Ivoire": ("ivoirien", "ivoirienne"),
    "Russie": ("russe", "russes", "Fédération de Russie"),
    "Chine": ("chinois", "chinoise", "chinoises"),
    "Turquie": ("turc", "turque", "turcs", "turques"),
    "États-Unis": ("américain", "américaine", "américains", "américaines"),
    "France": ("français", "française", "françaises"),
    "Iran": ("iranien", "iranienne"),
    "Émirats arabes unis": ("émirien", "émirienne", "émirati"),
}
# Capitals as French writes them: the press lets them stand for their state (« Niamey a dénoncé
# l'accord »). A language resource like the one above.
CAPITALS = {
    "Bamako": "Mali", "Niamey": "Niger", "Ouagadougou": "Burkina Faso", "Moscou": "Russie", "Pékin": "Chine",
    "Beijing": "Chine", "Ankara": "Turquie", "Washington": "États-Unis", "Paris": "France", "Téhéran": "Iran",
    "Alger": "Algérie", "Rabat": "Maroc", "Dakar": "Sénégal", "Abidjan": "Côte d'Ivoire", "Conakry": "Guinée",
    "Nouakchott": "Mauritanie", "N'Djamena": "Tchad", "Abuja": "Nigeria", "Abou Dhabi": "Émirats arabes unis",
}
# A person's title → the body it heads (« ministre de la Défense » → « ministère de la Défense »).
BODY_OF_TITLE = {"ministre": "ministere", "ambassadeur": "ambassade", "ambassadrice": "ambassade"}
_BODY = re.compile(r"\b(" + "|".join({*BODY_OF_TITLE, *BODY_OF_TITLE.values()}) + r")\b(.*)")
_NAME_FILLER = {"de", "des", "du", "la", "le", "les", "l", "d", "et", "en", "au", "aux", "pour", "sur",
                "national", "nationale", "nationaux", "general", "generale", "international", "internationale",
                "republique", "gouvernement", "etat", "etats", "ministre", "president", "presidente"}
"""Words that name nothing on their own inside a name (with the heads and company suffixes of
``lexicon`` and the countries and their adjectives)."""
_FILLER = {"de", "des", "du", "la", "le", "les", "l", "d", "et", "en", "au", "aux", "charge", "chargee",
           "delegue", "deleguee", "ministre", "ministere", "adjoint", "adjointe", "etat", "pres", "premier"}


def fold(text: str) -> str:
    """Lower case, no accents, words separated by single spaces (« Ministère de la Défense du
    Niger » and ``ministere-de-la-defense-du-niger`` fold alike)."""
    t = unicodedata.normalize("NFKD", text.translate(APOSTROPHES).lower()).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9']+", t.replace("-", " ").replace("'", " ")))


_COUNTRY_OF_FORM = {fold(form): fold(c) for c, forms in DEMONYMS.items() for form in (c, *forms)}
"""A country's name or adjective (folded) → the country (its folded name)."""
_SEAT_OF = {fold(city): fold(country) for city, country in CAPITALS.items()}
"""A capital (folded) → its country (folded)."""
ADJECTIVE_OF = {fold(form): fold(c) for c, forms in DEMONYMS.items() for form in forms if " " not in form}
"""A nationality adjective (folded, one word) → the country (its folded name)."""


def country_or_seat(name: str) -> str | None:
    """The country (folded) a name is, or whose capital it is."""
    f = fold(name)
    return _COUNTRY_OF_FORM.get(f) or _SEAT_OF.get(f)


_FORMS_OF_COUNTRY = {fold(c): tuple(dict.fromkeys(fold(f) for f in (c, *forms))) for c, forms in DEMONYMS.items()}


def _countries_in(text: str) -> set[str]:
    """The countries a folded text names or qualifies (« ministre malien », « du Niger »)."""
    return {c for c, forms in _FORMS_OF_COUNTRY.items()
            if any(re.search(r"\b" + re.escape(f) + r"\b", text) for f in forms)}


def _word(token: str) -> str:
    """A folded word without its plural ending (« armees » → « armee »)."""
    return token[:-1] if len(token) > 4 and token[-1] in "sx" else token


def _generic_words() -> frozenset[str]:
    from . import lexicon

    words = set(_NAME_FILLER)
    for group in (lexicon.ORG_HEADS, lexicon.ORG_SUFFIXES, lexicon.DEMONYMS, lexicon.COUNTRIES, lexicon.CONNECTORS,
                  *((c, *forms) for c, forms in DEMONYMS.items())):
        words.update(fold(w) for phrase in group for w in fold(phrase).split())
    return frozenset(_word(w) for w in words)


_GENERIC = _generic_words()
"""Words of a name that do not tell one bearer from another: heads (« ministère », « société »),
company suffixes (« Gold », « Mining »), countries and their adjectives, small words."""


_PLAIN = frozenset(_word(w) for w in """
    depuis contre pendant plusieurs ainsi notamment egalement autres annonce declare indique precise souligne
    affirme ajoute presence occasion toujours encore desormais prochain prochaine dernier derniere
    semaine janvier fevrier juillet septembre octobre novembre decembre mercredi vendredi samedi dimanche
    defense securite cooperation militaire economique gouvernement transition partenariat soutien
    renforcer renforcement capacite operation terrorisme terroriste
    capitaine colonel commandant lieutenant sergent marechal
    estime estimee estimes rappelle rappele insiste explique souhaite assure ajoutant selon
    million millions milliard milliards dollars francs""".split())
"""Long words of any news sentence, and of any sentence about the brief's themes (with the
heads, countries and small words of names)."""
_WORDS = re.compile(r"[a-z0-9]{6,}")
ECHO = 3
"""Rare content words two evidence sentences must share to echo one another."""
STEM = 6
"""Letters that make two words one stem when comparing what two accounts are about."""
TALK = frozenset({"statement", "announcement"})
"""Kinds whose accounts join across outlets only when what is said meets too (a figure, a party
besides the speakers, ``WORDED_ECHO`` words), or both write the same day: who speaks is not enough."""
WORDED_ECHO = 2
"""Content words (stems), none of a participant's name, that two accounts of what one speaker said
or announced must share (``TALK``, ``WORDED_FAMILIES``): what was launched or signed (« raffinerie »,
« construction »). Rare or not: a story many outlets tell uses its words in many articles."""


@lru_cache(maxsize=1 << 16)
def content_words(text: str) -> frozenset[str]:
    """The words of a sentence that may tell its event apart, cut to seven letters so that the
    forms of one word meet (« nationalisation », « nationalisé »): six letters and more, none of
    the words every sentence or name has."""
    words = (_word(w) for w in _WORDS.findall(fold(text)))
    return frozenset(w[:7] for w in words if w not in _GENERIC and w not in _PLAIN)


STORY = 0.25
"""Cosine of two articles' word weights (``story_vectors``) from which they tell one story. On the
development corpus, articles of one event score 0.07–0.63 (most from 0.2), other pairs of
articles published within a month of each other rarely above 0.2."""
SURE_STORY = 0.25
"""Cosine from which two articles surely tell one story, so that their leads are one event
(``one_story``, which also asks their dates, states and figures to agree). On the 326 development
articles, of the pairs published within a month of each other, 52 pairs of articles of one event
reach it and 2 other pairs do (at 0.3: 40 and none; at 0.22: 54 and 4); with 0.25, two more
same-event groups are merged there and no fact joins articles of no common group."""
UNSEEN = 10
"""Articles counted in the run besides its own, none of them using any of its words: in a run of
a handful of articles a word they all use still weighs something, in a run of hundreds it
weighs little."""


def story_vectors(texts: Mapping[str, str]) -> dict[str, dict[str, float]]:
    """Article id → its content words (``content_words``, line by line), each weighted by how often
    the article uses it and how few articles of the run do (tf-idf), scaled to unit length."""
    counts = {sid: Counter(w for line in text.splitlines() for w in content_words(line)) for sid, text in texts.items()}
    df = Counter(w for c in counts.values() for w in c)
    n = len(counts) + UNSEEN
    out = {}
    for sid, c in counts.items():
        v = {w: (1 + math.log(k)) * math.log(n / df[w]) for w, k in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out[sid] = {w: x / norm for w, x in v.items()}
    return out


def story_pairs(stories: Mapping[str, Mapping[str, float]]) -> list[tuple[float, str, str]]:
    """Pairs of articles whose stories are alike from ``SURE_STORY``, likest first (the cosines of
    every pair at once, over the words two articles or more use: a word of one article adds
    nothing to any pair)."""
    import numpy as np

    ids = sorted(stories)
    used = Counter(w for sid in ids for w in stories[sid])
    column = {w: j for j, w in enumerate(w for w, n in used.items() if n > 1)}
    if not column or len(ids) * len(column) > PAIRS_DENSE:
        return _story_pairs_one_by_one(stories)
    m = np.zeros((len(ids), len(column)), dtype=np.float64)
    for i, sid in enumerate(ids):
        for w, x in stories[sid].items():
            if w in column:
                m[i, column[w]] = x
    alike = np.triu(m @ m.T, k=1)
    rows, cols = np.nonzero(alike >= SURE_STORY - 1e-9)
    return sorted((round(-float(alike[i, j]), 9), ids[i], ids[j]) for i, j in zip(rows.tolist(), cols.tolist()))


PAIRS_DENSE = 12_500_000
"""Largest articles × shared words matrix ``story_pairs`` builds (100 MB); a larger run
compares its articles pair by pair."""


def _story_pairs_one_by_one(stories: Mapping[str, Mapping[str, float]]) -> list[tuple[float, str, str]]:
    ids = sorted(stories)
    pairs = []
    for n, a in enumerate(ids):
        for b in ids[n + 1:]:
            alike = story_alike([stories[a]], [stories[b]])
            if alike >= SURE_STORY - 1e-9:
                pairs.append((round(-alike, 9), a, b))  # ties in reading order, however summed
    return sorted(pairs)


def told_clusters(clusters) -> dict[str, list[int]]:
    """Article id → the clusters holding its candidates under a theme, in the order the article
    first tells them (its lead first)."""
    first: dict[str, dict[int, int]] = {}
    for i, cl in enumerate(clusters):
        for c in cl:
            if c.themes:
                seen = first.setdefault(c.source, {})
                seen[i] = min(c.evidence.start, seen.get(i, c.evidence.start))
    return {sid: sorted(seen, key=seen.get) for sid, seen in first.items()}


def one_story(a: "Account", b: "Account", who: "Affiliations") -> bool:
    """Whether events of two articles that tell one story (``SURE_STORY``) can be one event:
    no article on both sides, dates that meet (a day inside the other's month, or a report a few
    days after), no state on each side the other lacks, no figures of one thing far apart."""
    if a.articles & b.articles or a.date is None or b.date is None or opposed(a, b):
        return False
    if not overlap(a.date, b.date, REPORTING_SLACK):
        return False
    if two_days(a, b):
        return False
    if who.other_states(a.participants, b.participants):
        return False
    counted = a.figures.keys() & b.figures.keys()
    return all(any(close(x, y) for x in a.figures[u] for y in b.figures[u]) for u in counted)


def two_days(a: "Account", b: "Account") -> bool:
    """Two events of one kind, each on a day its article writes, the days apart (an accord signed on
    Monday, another on Thursday): two events, and two articles whose stories differ at that point."""
    return (a.kinds == b.kinds and a.written and b.written and a.date is not None and b.date is not None
            and a.date.precision == b.date.precision == "day" and a.date != b.date)


def story_alike(xs: Iterable[Mapping[str, float]], ys: Iterable[Mapping[str, float]],
                memo: dict | None = None) -> float:
    """The highest cosine between an article of one side and one of the other. ``memo`` keeps each
    pair's cosine for the next call (``Affiliations.cosines``: one merge compares the same two
    articles once per pair of their events)."""
    ys = list(ys)
    best = 0.0
    for x in xs:
        for y in ys:
            if memo is not None:
                hit = memo.get((id(x), id(y)))
                if hit is not None and hit[0] is x and hit[1] is y:  # the vectors themselves, kept alive
                    best = max(best, hit[2])
                    continue
            small, big = (x, y) if len(x) <= len(y) else (y, x)
            value = sum(w * big.get(k, 0.0) for k, w in small.items())
            if memo is not None:
                memo[(id(x), id(y))] = (x, y, value)
            best = max(best, value)
    return best


def _one_slip(a: str, b: str) -> bool:
    """Whether two words differ by one letter left out, added or changed (« Endevour », « Endeavour »)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((n for n, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def _same_word(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 5 and _one_slip(a, b))


def _named_after(site: str, town: str) -> bool:
    """Whether the id ``site`` holds the words of the id ``town`` (``aeroport-de-niamey``, ``niamey``)."""
    words, name = site.split("-"), town.split("-")
    return len(town) >= 4 and len(words) > len(name) and any(
        words[i:i + len(name)] == name for i in range(len(words) - len(name) + 1))


SITE_HEADS = ("base", "aeroport", "camp", "caserne", "ecole", "stade", "palais", "hotel", "centre", "academie",
              "garnison", "salle", "siege", "port", "aerodrome", "place")
"""Head nouns of sites (in ids, folded): « base-aerienne-de-senou » is somewhere in a town not named."""


def _is_site(eid: str) -> bool:
    return eid.split("-", 1)[0] in SITE_HEADS and "-" in eid


def _body_in(text: str, countries: set[str]) -> tuple[str, tuple[str, ...]] | None:
    """(« ministere », its portfolio words) for a ministry or a minister, an embassy or an ambassador."""
    m = _BODY.search(text)
    if m is None:
        return None
    head = BODY_OF_TITLE.get(m.group(1), m.group(1))
    skip = _FILLER | {w for c in countries for form in _FORMS_OF_COUNTRY[c] for w in form.split()}
    words = [w for w in m.group(2).split() if w not in skip]
    return head, tuple(words[:2])


@dataclass(frozen=True, slots=True)
class Affiliation:
    """The states and the body an entity stands for."""

    states: frozenset[str]
    """Countries (folded French names) the entity belongs to or is."""
    body: tuple[str, tuple[str, ...]] | None = None
    """A ministry or embassy (head word, portfolio words) it is or heads; None for anything else."""
    is_state: bool = False
    """The entity is a state or a country itself (« le Mali », « la Fédération de Russie »)."""
    seat: bool = False
    """The entity is a capital, which stands for its state when it acts (« Niamey a dénoncé »)."""

    @property
    def stands_for_state(self) -> bool:
        return self.is_state or self.seat


class Affiliations:
    """Who stands for what: an entity's states and body, from the gazetteer (name, aliases, role)
    and the roles the articles give (« Sadio Camara, ministre de la Défense »); for an entity
    the gazetteer does not know, from its id, the slug of its name."""

    def __init__(self, cfg: Config, roles: Mapping[str, str] | None = None):
        self.cfg = cfg
        self.roles = dict(roles or {})
        self._cache: dict[str, Affiliation] = {}
        self._words: dict[str, tuple[str, ...]] = {}
        self.cosines: dict = {}  # (id, id) of two story vectors → (vector, vector, cosine): ``story_alike``
        self._towns = tuple(e for e, ent in cfg.entities.items() if ent.place_kind not in (None, "site", "country"))

    def of(self, eid: str) -> Affiliation:
        if eid not in self._cache:
            self._cache[eid] = self._resolve(eid)
        return self._cache[eid]

    def words(self, eid: str) -> tuple[str, ...]:
        """The words that tell the entity apart, in the order of its name: « Barrick Gold » →
        (barrick,), « Assimi Goïta » → (assimi, goita), « ministère de la Défense du Niger » →
        (defense,); none for a country or a name made only of common words."""
        if eid not in self._words:
            ent = self.cfg.entities.get(eid)
            name = fold(ent.name.get("fr", eid)) if ent else eid.replace("-", " ")
            self._words[eid] = tuple(w for w in map(_word, name.split()) if len(w) >= 3 and w not in _GENERIC)
        return self._words[eid]

    def names_one(self, shared) -> bool:
        """Whether participants two accounts share name the event: one that is more than a state
        (« le Mali » is in too many events to name one), or two states (the parties of a
        bilateral accord, « le Niger » and « les États-Unis »)."""
        states = {self.state_key(p) for p in shared if self.of(p).stands_for_state}
        return any(not self.of(p).stands_for_state for p in shared) or len(states) >= 2

    def state_key(self, eid: str) -> str:
        """One key for a state, its country entity and its capital (« niger », « niamey »); the
        id itself for anything else."""
        af = self.of(eid)
        return f"state:{min(af.states)}" if af.stands_for_state and len(af.states) == 1 else eid

    def shared(self, xs, ys) -> set[str]:
        """The participants of ``xs`` that ``ys`` has too, a state and its capital as one."""
        keys = {self.state_key(y) for y in ys}
        return {x for x in xs if self.state_key(x) in keys}

    def other_states(self, xs, ys) -> bool:
        """Whether each side names a state the other side has nothing of (no state, nobody of
        it): Russia on one side and Turkey on the other are two deliveries, two accords."""
        def countries(ids, *, states_only: bool) -> set[str]:
            return {c for p in ids if self.of(p).stands_for_state or not states_only for c in self.of(p).states}

        return bool(countries(xs, states_only=True) - countries(ys, states_only=False)
                    and countries(ys, states_only=True) - countries(xs, states_only=False))

    def places_meet(self, xs, ys) -> bool:
        """Whether two accounts' towns and sites can be one place: one in common, or a site named
        after the other's town (« aéroport international de Niamey » and « Niamey »)."""
        if not xs or not ys or set(xs) & set(ys):
            return True
        if any(_named_after(x, y) or _named_after(y, x) for x in xs for y in ys):
            return True
        # « la base aérienne de Tabakoro » says no town: it may be in the other account's town
        def townless(x: str) -> bool:  # « base-aerienne-de-gao » is in Gao
            return _is_site(x) and not any(x.endswith("-" + t) for t in self._towns)

        return all(map(townless, xs)) != all(map(townless, ys))

    def alike(self, x: str, y: str) -> bool:
        """Whether two ids, one at least not the gazetteer's, name one bearer spelled otherwise:
        the words that tell one apart begin or end the other's (« Goïta », « Assimi Goïta »;
        « Barrick Gold », « Barrick Mining »; « Conseil de sécurité », « Conseil de sécurité des
        Nations unies »), a long word may have one letter amiss; no state, and no two
        different states behind them. Two gazetteer ids are always two entities."""
        if x == y:
            return True
        if x in self.cfg.entities and y in self.cfg.entities:
            return False
        ax, ay = self.of(x), self.of(y)
        if ax.stands_for_state or ay.stands_for_state or (ax.states and ay.states and not ax.states & ay.states):
            return False
        if (ax.body is None) != (ay.body is None):
            return False  # a ministry is named by its portfolio: « défense » is in many other names
        if ax.body is not None and bool(ax.states) != bool(ay.states):
            return False  # « le ministère de la Défense russe » and one that names no state: any state's
        short, long = sorted((self.words(x), self.words(y)), key=len)
        if not short or max(map(len, short)) < 4:
            return False
        return any(all(_same_word(a, b) for a, b in zip(short, part))
                   for part in (long[:len(short)], long[len(long) - len(short):]))

    def _resolve(self, eid: str) -> Affiliation:
        ent = self.cfg.entities.get(eid)
        name = fold(ent.name.get("fr", eid) if ent else eid)
        country = _COUNTRY_OF_FORM.get(name)
        if country and (ent is None or ent.kind in ("state", "place")):
            return Affiliation(frozenset({country}), is_state=True)
        seat = _SEAT_OF.get(name)
        if seat and (ent is None or ent.kind == "place"):
            return Affiliation(frozenset({seat}), seat=True)
        if (ent is not None and ent.kind == "person") or (ent is None and eid in self.roles):
            role = " ".join(filter(None, [self.roles.get(eid, ""), ent.role.get("fr", "") if ent else ""]))
            texts = [fold(role)]
        elif ent is not None and ent.kind in ("organisation", "state"):
            texts = [name, *(fold(a) for a in ent.aliases)]
        elif ent is None:
            texts = [name]
        else:
            return Affiliation(frozenset(), None)
        states = set().union(*(_countries_in(t) for t in texts))
        body = next((b for b in (_body_in(t, states) for t in texts) if b and b[1]), None)
        return Affiliation(frozenset(states), body, ent is not None and ent.kind == "state")


@dataclass(frozen=True, slots=True)
class Account:
    """What one or more articles say about one event, as the rule compares it."""

    articles: frozenset[str]
    kinds: frozenset[str]
    themes: frozenset[str]
    date: DateSpan | None
    written: bool
    """True when the date is written in an evidence sentence (not inherited)."""
    participants: frozenset[str]
    """Who did it, to whom, about what (entity ids)."""
    places: frozenset[str]
    """Towns and sites (countries left out: a country holds any of its towns)."""
    figures: Mapping[str, frozenset[float]]
    """Distinctive figures by what they count."""
    countries: frozenset[str] = frozenset()
    """The countries it happened in, as places (« au Niger »): two accounts in none in common are
    two events, whatever else they share (a hundred Russian instructors in Niger, a hundred
    officers at a Burkinabè academy)."""
    dateline: bool = False
    """True when the date is not written and holds the articles' publication date: the date of
    the report, not of the event, which may be a few days older."""
    words: frozenset[str] = frozenset()
    """The rare content words of its evidence (``content_words``, kept by ``join_outlets`` when
    few articles of the run use them)."""
    leads: Mapping[str, frozenset[float]] = field(default_factory=dict)
    """Its articles' leading figures by what they count (``lead_figures``)."""
    speakers: frozenset[str] = frozenset()
    """Who said or announced it (the actors of its ``TALK`` accounts)."""
    said: frozenset[str] = frozenset()
    """All the content words of its evidence (``content_words``), rare or not: what was said."""
    stories: tuple[Mapping[str, float], ...] = ()
    """Its articles' word weights (``story_vectors``), one per article whose text the run gave."""
    bans: bool = False
    """True when it is announcements only, each of something suspended, blocked or banned."""


def opposed(a: Account, b: Account) -> bool:
    """A ban or a suspension on one side, an accord on the other: two events, whoever is named
    (« Bamako suspend ses exportations » and « Bamako signe avec Moscou » in one week)."""
    return a.bans and "agreement" in b.kinds or b.bans and "agreement" in a.kinds


def compatible_kinds(a: str, b: str, families=KIND_FAMILIES) -> bool:
    return a == b or any(a in family and b in family for family in families)


def kinds_meet(a: Account, b: Account) -> str | None:
    """``"kinds"`` when every kind of one account is compatible with every kind of the other,
    ``"worded"`` when they are so only through ``WORDED_FAMILIES``, else None."""
    return _kind_sets_meet(a.kinds, b.kinds)


@lru_cache(maxsize=4096)
def _kind_sets_meet(a: frozenset[str], b: frozenset[str]) -> str | None:
    pairs = [(x, y) for x in a for y in b]
    if all(compatible_kinds(x, y) for x, y in pairs):
        return "kinds"
    if all(compatible_kinds(x, y, KIND_FAMILIES + WORDED_FAMILIES) for x, y in pairs):
        return "worded"
    return None


def merged_kind(kinds) -> str:
    """The kind of a fact whose accounts give several: the most specific."""
    kinds = set(kinds)
    return next((k for k in SPECIFIC_FIRST if k in kinds), sorted(kinds)[0])


def figures_of(quantities) -> dict[str, frozenset[float]]:
    out: dict[str, set[float]] = {}
    for q in quantities:
        if q.unit not in UNCOUNTED and q.value >= DISTINCTIVE:
            out.setdefault(COUNTED.get(q.unit, q.unit), set()).add(q.value)
    return {k: frozenset(v) for k, v in out.items()}


def lead_figures(cands) -> dict[str, dict[str, frozenset[float]]]:
    """Article id → what it counts → the figures of its first sentence that counts it: the
    article's own event (« 35 000 VDP » in the lede; the « 15 000 » of an earlier call recalled
    further down belongs to another story)."""
    out: dict[str, dict[str, frozenset[float]]] = {}
    for c in sorted(cands, key=lambda c: (c.source, c.sent)):
        mine = out.setdefault(c.source, {})
        for unit, values in figures_of(c.quantities).items():
            mine.setdefault(unit, values)
    return out


def leads_differ(a: Mapping[str, frozenset[float]], b: Mapping[str, frozenset[float]], units) -> bool:
    """Whether two articles' (or accounts') leading figures of one of ``units`` (what both
    accounts themselves count) are far apart: an account without a figure may tell another event
    of its article than the lede's."""
    return any(not any(close(x, y) for x in a[u] for y in b[u]) for u in a.keys() & b.keys() & set(units))


def overlap(a: DateSpan, b: DateSpan, slack: timedelta = timedelta(0)) -> bool:
    return a.start <= b.end + slack and b.start <= a.end + slack


def compatible_dates(a: Account, b: Account) -> bool:
    """The same day; a day (or range) inside the other's week or month; spans that share days.
    Dates taken from the paragraph or the dateline place the report, not the event: a few days
    apart still agree."""
    if a.date is None or b.date is None:
        return False
    if a.written == b.written:
        # the slack is for a report's day or week; two months side by side are two months
        months = a.date.precision == b.date.precision == "month"
        return overlap(a.date, b.date, timedelta(0) if a.written or months else REPORTING_SLACK)
    told, report = (a, b) if a.written else (b, a)
    if overlap(told.date, report.date):
        return True
    # what one outlet dates (« lundi 24 »), the other may date only by its dateline (Tuesday);
    # not so for what was said, nor for a date taken from another sentence of the article
    # (a day or a few: « fin mai » in a June article is not the June event its dateline dates)
    # under a month-only dateline the report may have come out on the month's first day: a week
    slack = MONTH_DATELINE_SLACK if report.date.precision == "month" else REPORTING_SLACK
    return (report.dateline and told.date.precision == "day" and "statement" not in a.kinds | b.kinds
            and report.date.start - slack <= told.date.end < report.date.start)


def same_event(a: Account, b: Account, who: Affiliations) -> int:
    """How strongly ``a`` and ``b`` tell one event: 0 when they do not, more the more they share."""
    if a.articles & b.articles:
        return 0
    kinds = kinds_meet(a, b)
    if kinds is None or opposed(a, b):
        return 0
    if not compatible_dates(a, b):
        return 0
    if not who.places_meet(a.places, b.places) or a.countries and b.countries and not a.countries & b.countries:
        return 0
    if who.other_states(a.participants, b.participants):
        return 0
    counted = a.figures.keys() & b.figures.keys()
    # 25 armoured vehicles and 40 all-terrain ones are two deliveries, whoever received them;
    # 900 and « près de 1 000 » recruits may be one intake told loosely
    if any(not any(close(x, y) for x in a.figures[u] for y in b.figures[u]) for u in counted):
        return 0
    if leads_differ(a.leads, b.leads, counted):
        return 0  # 35 000 and 15 000 recruits in their ledes: two calls, though one recalls the other
    figures = any(rounded_alike(x, y) for u in counted for x in a.figures[u] for y in b.figures[u])
    # one place on both sides (or a site named after the other's town); a site that names no
    # town may be in the other's town (``places_meet``), but that names nothing
    place = bool(set(a.places) & set(b.places)) or any(
        _named_after(x, y) or _named_after(y, x) for x in a.places for y in b.places)
    shared = who.shared(a.participants, b.participants)
    theirs = who.shared(b.participants, a.participants)
    alike = any(who.alike(x, y) for x in a.participants - shared for y in b.participants - theirs)
    named = who.names_one(shared) or alike or _same_body(a.participants, b.participants, who)
    states_a = {s for p in a.participants for s in who.of(p).states}
    states_b = {s for p in b.participants for s in who.of(p).states}
    # or the country one side's event is in is the other side's state (a body the gazetteer does
    # not know, « l'armée de l'air », at a base in Mali; the Malian army there on the other side)
    states = bool(shared) or alike or bool(states_a & states_b) or bool(
        not states_a and {s for c in a.countries for s in who.of(c).states} & states_b) or bool(
        not states_b and {s for c in b.countries for s in who.of(c).states} & states_a)
    same_kind = len(a.kinds | b.kinds) == 1
    # what was said or announced, not who: stems of six letters (« raffinerie », « raffinage »)
    names = {w[:STEM] for p in a.participants | b.participants for w in who.words(p)}
    topical = len({w[:STEM] for w in a.said} & {w[:STEM] for w in b.said} - names) >= WORDED_ECHO
    said_alike = same_kind and a.kinds <= TALK and topical and bool(shared)  # one speaker, the same words
    # the same two states on both sides (an accord between them, told by each one's press)
    pair = same_kind and not a.kinds <= TALK and len({s for p in a.participants for s in who.of(p).states}
                                                     & {s for p in b.participants for s in who.of(p).states}) >= 2
    if not a.themes & b.themes and not (same_kind and named or said_alike or pair):
        return 0  # themes are read per sentence: one event of one kind and party may get two
    # the two evidence sentences share words few other articles use (« loi de finances rectificative »)
    echoed = len(a.words & b.words) >= ECHO
    if kinds == "worded" and not (topical and any(not who.of(p).stands_for_state for p in shared)):
        return 0
    one_day = a.written and b.written and a.date.precision == b.date.precision == "day"
    # what was announced, named on both sides (a company, a programme), besides who spoke
    about = any(not who.of(p).stands_for_state for p in shared - a.speakers - b.speakers)
    # the two articles tell one story all along, not only in the evidence sentences
    story = story_alike(a.stories, b.stories, who.cosines) >= STORY
    if a.kinds | b.kinds <= TALK and not (figures or topical or about or (one_day and named) or (story and shared)):
        return 0  # one speaker says and announces many things in a week: the words must meet too
    if same_kind:
        # « les autorités maliennes » said the same thing in two outlets: the state and the words
        ok = named or figures or said_alike or (states and (place or echoed)) or (story and (states or one_day)) \
            or (one_day and states and not a.kinds <= TALK) or pair  # one delivery to one state, dated the same day
    else:
        # what was said is only the event when the speaker is one of its parties
        talk = "statement" in a.kinds | b.kinds
        ok = named or ((states and (figures or place) or story and states) and not talk)
    if not ok:
        return 0
    return 4 * named + 2 * figures + place + states + 2 * same_kind + echoed + 2 * story + 1


def close(x: float, y: float) -> bool:
    return max(x, y) <= CLOSE * min(x, y)


def rounded_alike(x: float, y: float) -> bool:
    """One figure, maybe rounded otherwise (large figures within ``ROUNDED``)."""
    return x == y or (min(x, y) >= ROUNDED_FROM and max(x, y) <= ROUNDED * min(x, y))


def _same_body(a, b, who: Affiliations) -> bool:
    """A minister on one side and their ministry (or the minister named again) on the other: the
    same head word, the same portfolio (« affaires étrangères » in both), the same state."""
    for x in a:
        ax = who.of(x)
        if ax.body is None:
            continue
        for y in b:
            by = who.of(y)
            if by.body is None or ax.body[0] != by.body[0]:
                continue
            n = min(len(ax.body[1]), len(by.body[1]))
            # every state has its ministry of defence: the state must be known on both sides
            if n and ax.body[1][:n] == by.body[1][:n] and ax.states & by.states:
                return True
    return False
