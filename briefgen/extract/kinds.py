"""The fact rules, one per kind of fact, registered like the article readers.

A rule names the words that trigger it (lemmas or lower-case words), the reference fields it fills
(``facts.model.References``), the sentence frame the brief says it with (the message context of
``edition/phrasing.py``, by name: extraction does not import the edition), and the function that
fills those fields from the trigger's sentence (a ``Site``). Adding a kind of fact is one rule
here and its frames in the edition; ``rules.py`` runs the rules over each sentence.

Rules know no entity of the bundled example: what they need of a desk's gazetteer (adjectives of
states, training courses, the home forces, topic cues) is read through ``site``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable

from .anaphora import person_meant
from .quantities import CURRENCIES, EQUIPMENT
from .site import (
    NEAR,
    Roles,
    Site,
    Token,
    country_of_adjective,
    country_of_name,
    fold,
    is_course,
    is_home_forces,
    meant_by_adjective,
)
from .types import LABEL_OF_KIND


@dataclass(frozen=True, slots=True)
class Rule:
    """How one kind of fact is found in a sentence."""

    kind: str
    fill: Callable[[Site], Roles | None]
    """The roles of the fact at a trigger; None when the sentence lacks what the kind needs."""
    triggers: frozenset[str]
    """Lemmas or lower-case words that announce the kind."""
    roles: tuple[str, ...]
    """The reference fields (of facts.model.References) the rule may fill; ``topics`` are filled
    for it, from the gazetteer's topic cues in the sentence."""
    frame: str
    """The message context of the sentence frame that says the fact (edition/phrasing.py)."""
    reading: Callable[[Token, set[str]], str | None] | None = None
    """Which kind a trigger word means in its sentence (given the units the sentence counts): the
    rule's own, another one, or None for no fact at all."""
    implied: Callable[[set[str], set[str]], bool] | None = None
    """Whether a sentence without a trigger tells the fact all the same (its lemmas, its units)."""
    every_trigger: bool = False
    """Each trigger word may be a fact of its own (else the first one found stands for the sentence)."""
    in_names: tuple[str, ...] = ()
    """Labels of names a trigger word may sit inside (else a trigger inside a name does not count)."""
    yields_to: tuple[str, ...] = ()
    """Kinds that, found in the same sentence first, are the fact instead of this one."""
    last: bool = False
    """Tried after every other rule of the sentence (for ``yields_to`` to see them all)."""
    not_in_quotes: bool = False
    """Sentences of a quotation already gave their fact of this kind (rules.py reads quotes)."""
    figures: bool = False
    """The quantities of the sentence are the fact's."""
    paragraph_date: bool = True
    """Without a date of its own, the fact takes the nearest date of its paragraph."""
    later_figures: bool = False
    """A figure in a later sentence without a trigger counts this fact's participants."""


RULES: dict[str, Rule] = {}
WITHOUT_RULE = {"other": "what analysts write by hand: no word of an article announces it (extraction proposes "
                         "one only as the lead fact of an article about a theme where no rule found any)"}
"""Fact kinds no rule proposes, and why."""


def rule(kind: str, *roles: str, triggers=(), frame: str, **options):
    """Register the function that fills the ``roles`` (reference fields) of a kind of fact, like
    ``@reader`` does for article formats; rules are tried on a sentence in registration order."""
    def register(fn: Callable[[Site], Roles | None]):
        RULES[kind] = Rule(kind, fn, frozenset(triggers), roles, frame, **options)
        return fn
    return register


def _claim(site: Site, who: str | None) -> str | None:
    """The actor of this trigger: a later trigger of the same kind looks for someone else."""
    if who is not None:
        site.claimed.add(who)
    return who


def _person(site: Site) -> str | None:
    return site.person.entity if site.person else None


# -- who goes, meets, says ---------------------------------------------------------------------
REFLEXIVE = frozenset({"se", "s'", "est", "sont", "était", "étaient", "sera", "seront", "étant", "fut"})
"""Words before « rendu », « rendre » that make it « se rendre » (going somewhere)."""
NOT_INFINITIVE = frozenset({"hier", "entre", "contre", "notre", "votre", "autre", "premier", "dernier"})


def _visit_reading(t: Token) -> str | None:
    """« s'est rendu à Niamey », « rendre visite », « venu à Bamako » are visits; « venus de
    Bamako » says where people come from, « viennent renforcer » is an auxiliary (an infinitive
    follows), « a rendu les honneurs » or « rendre compte » no visit."""
    if t.lemma == "venir" and (t.next in ("de", "d'", "du", "des")
                               or (t.next.endswith(("er", "ir", "re")) and t.next not in NOT_INFINITIVE)):
        return None
    if t.lemma == "rendre" and t.prev not in REFLEXIVE and t.next not in ("visite", "visites"):
        return None
    return "visit"


@rule("visit", "actors", "places", frame="visit", every_trigger=True,
      triggers={"visite", "séjourner", "séjour", "venue", "passage", "déplacement", "rendre", "venir",
                "délégation", "dépêcher"},
      reading=lambda t, units: _visit_reading(t))
def visit(site: Site) -> Roles | None:
    who = _person(site)
    if who is None and re.search(r"\b(?:cette|la|sa) visite\b", site.low):
        last = [c for c in site.previous if c.kind == "visit" and c.source == site.ctx.source.id]
        who = last[-1].actors[0] if last and last[-1].actors else None
        if who is None:
            return None
    who = who or person_meant(site.span, site.ctx)
    if who is None:
        org = site.nearest([m for m in site.orgs if m.label == "ORG"])
        who = org.entity if org else None
    if _claim(site, who) is None:
        return None
    near = [p for p in site.places if site.dist(p.start) <= NEAR + 4]
    where = [site.nearest(near).entity] if near else []
    if not where and re.search(r"\by\b", site.low):  # « il y a rencontré … »: the place named before
        m = site.ctx.before(site.ctx.sents[site.i].start, ("LOC",))
        where = [m.entity] if m else []
    return Roles(actors=[who], places=where)


MATERIEL = frozenset({"équipement", "équipements", "matériel", "matériels", "armement", "armements", "armes",
                      "munitions", "lot", "lots", "cargaison", "cargaisons", "véhicules", "blindés", "engins"})
"""What an army or a ministry receives when it is given things, not visitors (« la garde a reçu des
munitions »): the words after « recevoir » that make it a delivery."""


@rule("meeting", "actors", "counterparts", "objects", "places", "topics", frame="meeting",
      triggers={"entretien", "entrevue", "audience", "recevoir", "rencontrer", "rencontre", "réunir", "réunion",
                "entretenir", "forum", "sommet", "colloque", "atelier", "séminaire"},
      # « l'armée a reçu 30 blindés », « … reçoivent de nouveaux équipements » is a delivery
      reading=lambda t, units: "delivery" if t.lemma == "recevoir" and (
          set(units) & set(EQUIPMENT) or set(t.ahead) & MATERIEL) else "meeting")
def meeting(site: Site) -> Roles | None:
    people = site.people
    parts = [m.entity for m in people] + ([person_meant(site.span, site.ctx)] if len(people) < 2 else [])
    parts = [p for p in dict.fromkeys(parts) if p]
    about = [m.entity for m in site.orgs + site.progs if m.label in ("ORG", "PROG")]
    where = [m.entity for m in site.places]
    if len(parts) < 2 and not (about and where) and not (where and site.explicit_date()):
        return None
    order = {eid: n for n, eid in enumerate(site.cfg.entities)}
    parts.sort(key=lambda p: order.get(p, len(order)))  # gazetteer order, new names after
    host = [m.entity for m in site.orgs if m.label == "ORG" and m.end <= site.idx]
    if not parts and host:  # « L'AmCham a tenu son premier forum … à Bamako »: the host holds it
        parts, about = host[:1], [o for o in about if o != host[0]]
    return Roles(actors=parts[:1], counterparts=parts[1:], objects=about, places=where)


# -- what is announced, sanctioned, agreed, run ------------------------------------------------
ACTION_CUES = (("create", r"creat|verrai?t? (?:bientot )?le jour|voir le jour|installation|ouverture prochaine"
                          r"|premiere pierre|\bconstrui|\bconstruction"),
               ("resume", r"\breouv|\brouv(?:r|ert)"),
               ("open", r"\bouvr|ouverture|inaugur"), ("launch", r"lance"), ("resume", r"relanc|reprise|reactiv"),
               ("suspend", r"suspen|\bgel|pause|sommeil|\bbloqu|\bblocage|\binterdi|\brappel\w* (?:\w+ ){0,2}ambassadeur"),
               ("extend", r"prolong"),
               # before « sign »: « a dénoncé la convention signée avec… » ends it
               ("end", r"denon|retrait|retir|quitt|rompu|rompr|mettre fin|met fin|nationalis|\bdepart\b"
                       r"|un terme|\bla fin d"),
               ("sign", r"sign"))
"""What happens to what is announced (facts.model.ACTIONS), by the words that say it, matched against
the folded sentence (lower case, no accents)."""


def _action(site: Site, among=None) -> str | None:
    return next((a for a, rx in ACTION_CUES if (among is None or a in among) and re.search(rx, site.low)), None)


PUBLISHED_ACTS = re.compile(r"\b(?:loi|budget|decret|arrete|ordonnance|plan|strategie)\b")
"""What a government publishes as a decision (the folded sentence has one of these)."""
DECISIONS = frozenset({"adopter", "adoption", "approuver", "publier", "nationaliser", "nationalisation", "retirer",
                       "retrait", "quitter", "rompre", "dénoncer", "départ", "suspendre", "suspension", "bloquer",
                       "blocage", "interdire", "interdiction", "rappeler", "rappel"})
"""Triggers that, with a state or a body as their subject, are its decision even without a place or a date
(« le gouvernement a adopté un budget »); a building or a launch says where or when."""
RECALL = frozenset({"rappeler", "rappel"})
"""Triggers that announce only where an envoy is called home (« ont rappelé leurs ambassadeurs »)."""
ENVOYS = re.compile(r"^(?:ambassadeurs?|diplomates?|chargés? d'affaires|émissaires?|représentants? diplomatiques?)\b")


def _recalls_an_envoy(site: Site, trigger) -> bool:
    """« a rappelé son ambassadeur », « le rappel de nos diplomates à Paris »: an envoy
    within the next three words, after at most a determiner and « de »."""
    if trigger is None:
        return False
    doc = site.doc
    words = doc[trigger.i + 1:min(trigger.i + 5, len(doc))]
    for t in words:
        if ENVOYS.match(doc.text[t.idx:t.idx + 40].lower()):
            return True
        if t.lower_ not in ("son", "sa", "ses", "leur", "leurs", "l'", "le", "la", "les", "de", "des", "du", "d'"):
            return False
    return False


SAID_ONLY = frozenset({"annoncer", "annonce"})
"""Announcement triggers that say nothing of what is announced: the fact needs its object named."""
ANNOUNCED_EVENTS = frozenset({"départ", "retrait", "nationalisation", "construction", "création", "lancement",
                              "ouverture", "réouverture", "inauguration", "adoption", "fin"})
"""Nouns after « annoncer » that say the event announced (« a annoncé son retrait »)."""
COORDINATED = re.compile(r"^[^,;.]{0,60}\bet\b[^,;.]{0,60}$")
"""The text between two names that makes them one subject (« X au Mali et la compagnie Y »)."""
INVESTMENT = frozenset({"investir", "investissement", "financer", "financement", "lever", "mobiliser", "emprunter",
                        "emprunt"})
"""Triggers of an investment, a financing or funds raised (« va lever 30 milliards sur le marché régional »), a
fact when the sentence gives its amount (« lever l'embargo » is none)."""


def _first_reading(t: Token, units: set[str]) -> str | None:
    """« la première pierre » is laid at the start of a construction; another stone is no fact; an
    investment or a financing is one when the sentence gives its amount."""
    if t.lemma == "pierre" and t.prev != "première":
        return None
    if t.word == "départ" and t.prev not in ("son", "leur"):
        return None  # « son départ » is a withdrawal; « le départ d'une délégation » is no fact
    if (t.lemma in INVESTMENT or t.word in INVESTMENT) and not units & set(CURRENCIES):
        return None
    if t.word in ("fermé", "fermée", "fermés", "fermées") and t.next == "depuis":
        return None  # « fermée depuis 1992 »: how long it has been shut, no closure of the day
    return "announcement"


@rule("announcement", "actors", "objects", "places", frame="announcement", figures=True,
      reading=_first_reading,
      triggers={"annoncer", "annonce", "inaugurer", "inauguration", "lancer", "lancement", "ouverture", "création",
                "réouverture", "rouvrir", "réouvrir", "rouvert", "rouverte", "réouvert", "réouverte",
                "fermer", "fermeture", "fermé", "fermée",  # an embassy, a border, a base closed: as reopened
                "dénoncer", "retirer", "retrait", "quitter", "rompre", "nationaliser", "nationalisation",
                "construire", "construction", "adopter", "adoption", "approuver", "pierre", "départ", "publier",
                "suspendre", "suspension", "bloquer", "blocage", "interdire", "interdiction", "rappeler", "rappel",
                # forms the lemmatiser leaves unread (« nationalise » → « nationalis »)
                "nationalise", "nationalisent", "nationalisé", "nationalisée", "nationalisés", "nationalisées",
                *INVESTMENT})
def announcement(site: Site) -> Roles | None:
    """Who announces, launches, builds, nationalises, invests or withdraws: the person or the body
    named nearest before the trigger (its subject, with the one coordinated to it), else the person
    named after it or meant by a pronoun. What is announced: the bodies and programmes named;
    without them, the trigger must say the event itself (« a lancé la construction », « son retrait
    du Mali ») and the sentence where or when, or be a body's decision (« a adopté un budget »)."""
    before = [m for m in site.people + site.orgs if m.end <= site.idx and m.label in ("PER", "ORG", "STATE")
              and m.entity not in site.claimed]
    subject = max(before, key=lambda m: m.end, default=None)  # the name nearest before the trigger
    if subject is not None and subject.label == "PER" and site.person is not None:
        subject = site.person if site.person.end <= site.idx else subject
    who = _claim(site, subject.entity if subject else _person(site) or person_meant(site.span, site.ctx))
    if who is None:
        return None
    objects = [m.entity for m in site.orgs + site.progs if m.label in ("ORG", "PROG") and m.entity != who]
    places = [m.entity for m in site.places if site.dist(m.start) <= NEAR + 4]
    trigger = site.trigger
    said = {trigger.lemma_.lower(), trigger.lower_} if trigger is not None else set()
    if said & RECALL and not _recalls_an_envoy(site, trigger):
        return None  # « il a rappelé que … », « pour rappel »: said, not a recall
    if said & SAID_ONLY:  # « annonce son départ »: the event announced says what it is
        said |= {w for t in site.span if t.idx > site.idx for w in (t.lemma_.lower(), t.lower_)
                 if w in ANNOUNCED_EVENTS}
    said_only = not said or said <= SAID_ONLY
    if "publier" in said and not PUBLISHED_ACTS.search(site.low):
        return None  # a message or a report is published; a law or a budget is announced
    body = who not in {m.entity for m in site.people} and bool(said & DECISIONS or any(w.startswith("nationalis")
                                                                                     for w in said))
    # « X et Y ont annoncé … », « entre X et Y »: both are the subject
    partners = [m.entity for m in before if m.label != "PER" and m.entity != who and subject is not None
                and COORDINATED.match(site.ctx.text[m.end:subject.start])]
    who_all = partners[:1] + [who]
    if not objects and not partners and (said_only or subject is None
                                         or not (places or site.explicit_date() or body)):
        return None  # without its object, the event needs its subject named, and where or when
    return Roles(actors=who_all, objects=objects, places=places, action=_action(site))


GROUP_ANAPHORS = re.compile(r"\b(?:ces|les|plusieurs|trois|deux)\s+(?:groupes|organisations|terroristes|entités)\b"
                            r"|\b(?:ils|leur|leurs|eux)\b", re.IGNORECASE)


@rule("sanction", "actors", "targets", frame="sanction", paragraph_date=False,
      triggers={"sanction", "sanctionner", "sanctionnant", "geler", "gel"})
def sanction(site: Site) -> Roles | None:
    targets = [m.entity for m in site.mentions if m.label == "ARMED"]
    if not targets and GROUP_ANAPHORS.search(site.text):  # « ces groupes »: those named just before
        window = [m for m in site.ctx.mentions if m.label == "ARMED" and abs(m.sent - site.i) <= 3]
        targets = list(dict.fromkeys(m.entity for m in window))
    states = [m.entity for m in site.orgs if m.label == "STATE"]
    if not targets and (aimed := _AIMED_AT.search(site.text)):
        # « en sanctionnant trois hauts responsables maliens : le colonel Sadio Camara, … », « des
        # sanctions contre le Niger »: the people named, else the states named after the word that aims
        at = site.ctx.sents[site.i].start + aimed.start()
        targets = [m.entity for m in site.people if m.start > at] or [
            m.entity for m in site.orgs if m.label == "STATE" and m.start > at]
        if not targets:
            # « en sanctionnant quatre hauts fonctionnaires tchadiens »: the state their nationality names
            words = re.findall(r"[a-zà-ÿ-]+", site.text[aimed.end():aimed.end() + 60].lower())
            countries = {country_of_adjective(w) for w in words} - {None}
            if len(countries) == 1:
                targets = _state_named(site, countries.pop(), ())
        # who sanctions: a state or a body named before (« la CEDEAO a levé les sanctions contre … »)
        states = [m.entity for m in site.orgs if m.start < at and m.entity not in targets] or [
            e for e in states if e not in targets]
    if not targets:
        return None
    # « les listes de sanctions américaines »: the state its adjective stands for; « Ces sanctions
    # visent … » after « Washington a annoncé … »: the state named last in the two sentences before,
    # else first in the next one
    near = [m for m in site.ctx.mentions if m.label == "STATE" and m.entity not in targets]
    actors = states[:1] or meant_by_adjective(site.cfg, site.low)[:1] or [
        m.entity for m in reversed(near) if site.i - 2 <= m.sent < site.i][:1] or [
        m.entity for m in near if m.sent == site.i + 1][:1]
    return Roles(actors=actors, targets=targets)


_AIMED_AT = re.compile(r"\b(?i:contre|visant|visent|vise|ciblant|ciblent|cible|à l'encontre d|sanctionnant|sanctionné|"
                       r"sanctionnés|sanctionne|sanctionnent|frappant|frappent)")
"""Words after which a sanction's targets are named."""


@rule("agreement", "actors", "counterparts", "places", frame="agreement", paragraph_date=False,
      triggers={"accord", "convenir", "signer", "protocole", "mémorandum", "convention"},
      # « d'accord », « en accord avec »: an opinion, no agreement
      reading=lambda t, units: None if t.prev in ("d'", "en") else "agreement")
def agreement(site: Site) -> Roles | None:
    """Two parties named with the trigger; or one, when the sentence says when or where the
    agreement was reached (« Lundi, des conventions ont été signées avec X », « un accord a été
    trouvé sur la mine de Y, exploitée par X »)."""
    parties = list(dict.fromkeys(m.entity for m in site.orgs + site.people if m.label in ("STATE", "ORG", "PER")))
    places = [m.entity for m in site.places if site.dist(m.start) <= NEAR + 4]
    if len(parties) >= 2 or (parties and (places or site.explicit_date())):
        return Roles(actors=parties[:1], counterparts=parties[1:], places=places)
    return None


@rule("programme", "actors", "objects", frame="programme", figures=True, paragraph_date=False,
      triggers={"programme", "dispositif", "initiative"})
def programme(site: Site) -> Roles | None:
    # a training course (« Formation commune de base ») is what trainings are about, not a programme
    objects = [m.entity for m in site.progs if not is_course(site.cfg, m.entity)]
    if not objects and re.search(r"\b(?:ces|ils)\b", site.low):
        window = [m for m in site.ctx.mentions if m.label == "PROG" and not is_course(site.cfg, m.entity)
                  and 0 < site.i - m.sent <= 2]
        objects = list(dict.fromkeys(m.entity for m in window))
    if not objects:
        return None
    actors = [m.entity for m in site.orgs if m.label == "STATE"][:1]
    return Roles(actors=actors, objects=objects, action=_action(site, ("resume", "suspend", "launch", "extend")))


# -- force build-up: deliveries, training, recruitment, graduation ------------------------------
ORIGIN_CUES = {"venir", "issu", "originaire", "provenir", "venu"}
"""After these words, places are where people come from (origins), not where the fact happens."""
RECEIVE = {"recevoir", "réceptionner", "accueillir", "acquérir"}
START_VERBS = {"arriver", "débuter", "entamer", "commencer", "accueillir"}


def _where_and_what(site: Site) -> Roles:
    """Places (where it happens, or where people come from), the camp named earlier, programmes."""
    here: list[str] = []
    came_from: list[str] = []
    cue_at = next((t.idx for t in site.span if t.lemma_.lower() in ORIGIN_CUES), None)
    for m in site.places:
        (came_from if cue_at is not None and m.start > cue_at or _set_out_from(site, m) else here).append(m.entity)
    if not here and re.search(r"\bcamp\b", site.low):  # « le camp »: the one named before
        camps = list(re.finditer(r"camp (?:militaire )?de ", site.ctx.text[:site.ctx.sents[site.i].start]))
        if camps:
            m = next((m for m in site.ctx.mentions if m.start == camps[-1].end() and m.label == "LOC"), None)
            here = [m.entity] if m else []
    return Roles(places=here, origins=came_from, objects=[m.entity for m in site.progs])


_FROM_THERE = re.compile(r"\b(?:depuis|en provenance d[eu']?|au départ d[eu']?)\s*(?:la |le |les |l')?$", re.IGNORECASE)


def _set_out_from(site: Site, m) -> bool:
    """« acheminés depuis la Guinée », « en provenance du Togo »: where the goods or people set out."""
    return bool(_FROM_THERE.search(site.ctx.text[max(0, m.start - 30):m.start]))


def _enough(site: Site, r: Roles) -> Roles | None:
    """A build-up fact needs a town, a figure, a programme or where people come from."""
    ents = site.cfg.entities
    towns = [p for p in r.places if p not in ents or ents[p].place_kind != "country"]
    return r if towns or site.quantities or r.objects or r.origins else None


def _home_forces(site: Site) -> list[str]:
    """The brief's home forces, if the sentence names them (gazetteer ``home_forces: true``)."""
    return [m.entity for m in site.orgs if is_home_forces(site.cfg, m.entity)]


EQUIPMENT_WORDS = re.compile(r"equipement|\bmateriels?\b|armement|munition|\bdrones?\b|aeronef|\bavions?\b|\bchars?\b"
                             r"|helicoptere|blindes?\b|vecteurs? aeriens?|anti-?aerienn?e?s?\b|\bvehicules?\b"
                             r"|medicaments?\b|materiels? medica|\bvivres\b|\bambulances?\b"
                             r"|acquisitions? militaires?|\bbarils?\b|petrole brut|\bciternes?\b|\bcarburant\b|produits? petroliers?|\bengrais\b|\bcereales?\b"
                             r"|\bchargements?\b|\bcargaisons?\b|\bble\b|\briz\b|\bfarine\b|\bdenrees?\b|\bvaccins?\b")
"""Words that make a handover a delivery of goods even without a count (the sentence is folded):
military equipment, vehicles, and the medicines, medical supplies, food, fuel and fertiliser of aid."""


@rule("delivery", "actors", "counterparts", "places", "origins", "objects", frame="delivery", figures=True,
      yields_to=("programme",),  # « programmes … par des équipements »: the programme is the fact
      triggers={"livrer", "livraison", "réceptionner", "réception", "remettre", "remise", "don", "acquérir",
                "acquisition", "doter", "équiper", "recevoir", "accueillir", "offrir", "offert", "offerts",
                "acheminer", "acheminement", "fournir", "fourniture", "présenter", "charger", "chargement"})
def delivery(site: Site) -> Roles | None:
    if not any(q.unit in EQUIPMENT for q in site.quantities) and not EQUIPMENT_WORDS.search(site.low):
        return None
    if _shown(site) is False:
        return None
    giver, receiver = _delivery_parties(site)
    roles = replace(_where_and_what(site), actors=giver, counterparts=receiver)
    if receiver and (giver or site.ctx.in_sent(site.ctx.dates, site.i)):
        # « l'armée a reçu lundi 3 mars des avions neufs »: dated, received;
        # « la Chine a équipé le Tchad de radars antiaériens »: one side to the other
        return roles
    return _enough(site, roles)


def _shown(site: Site) -> bool | None:
    """For « présenter »: True when it is new equipment that is shown (« les drones ont été
    présentés aux pilotes », « a présenté les nouveaux blindés »), False when something else is
    presented (a report, a budget); None for any other trigger."""
    trigger = site.trigger
    if trigger is None or trigger.lemma_.lower() != "présenter":
        return None
    doc = site.doc
    after = doc[trigger.i + 1:trigger.i + 8]
    to = next((t.i for t in after if t.lower_ in ("à", "aux", "au")), trigger.i + 8)
    near = fold(doc[max(trigger.i - 10, site.span.start):to].text)  # the thing shown, subject or object
    return bool(EQUIPMENT_WORDS.search(near))


def _delivery_parties(site: Site) -> tuple[list[str], list[str]]:
    """(who delivers, who receives). « L'armée malienne a reçu 30 blindés »: the subject receives;
    « Washington a livré 30 blindés aux FAMa »: the subject delivers, the armed forces receive;
    unsaid, the receiver is the home forces when the sentence names them."""
    trigger = site.trigger
    before = [m.entity for m in site.orgs if m.end <= site.idx]
    home = _home_forces(site)
    if trigger is not None and trigger.lemma_.lower() in RECEIVE:
        # « Niamey, qui a réceptionné … »: a capital or a country before the verb receives for its state
        seat = [country_of_name(site.cfg, m.entity) for m in site.places if m.end <= site.idx]
        seat = [c for c in seat if c]
        receiver = before[:1] or _state_named(site, seat[-1], ()) if seat else before[:1]
        receiver = receiver or home[:1]
        return supplier_by_adjective(site, receiver, after=True), receiver
    text = site.ctx.text
    agent = [m.entity for m in site.orgs if m.start > site.idx and _BY.search(text[max(0, m.start - 12):m.start])]
    meant = [m.entity for m in site.orgs if _FOR.search(text[max(0, m.start - 25):m.start])]
    if agent or meant:  # « ce chargement en faveur du Mali offert par Niamey »
        giver = agent[:1] or [e for e in before if e not in meant][-1:]
        receiver = [e for e in meant if e not in giver][:1]
        if receiver:
            return giver, receiver
    giver = agent[:1] or before[-1:]  # the nearest: « après Dakar et Rabat, la Chine a équipé le Tchad »
    receiver = [m.entity for m in site.orgs if m.start > site.idx and m.entity not in giver][:1] or \
        [e for e in home if e not in giver]
    if not receiver:  # « ce convoi de matériel russe livré au Mali », « Au Mali, la Russie poursuit ses
        # livraisons »: the state of the country the goods go to (named after the trigger, else before)
        where = sorted((m for m in site.places if not _set_out_from(site, m)), key=lambda m: (m.start < site.idx, m.start))
        countries = [country_of_name(site.cfg, m.entity) for m in where]
        receiver = next((named for c in countries if c and (named := _state_named(site, c, giver))), [])
    return giver or supplier_by_adjective(site, receiver, after=False), receiver[:1]


_BY = re.compile(r"\bpar\s+(?:la |le |les |l')?$", re.IGNORECASE)
"""« offert par Niamey »: the agent of a passive gives."""
_FOR = re.compile(r"\b(?:en faveur|au profit|au bénéfice|à destination|à l'intention)\s+(?:du |de la |de l'|des |de |d')$",
                  re.IGNORECASE)
"""« en faveur du Mali »: who the goods are meant for receives them."""


def supplier_by_adjective(site: Site, taken, *, after: bool) -> list[str]:
    """The state an adjective gives as the goods' origin when no body delivers them by name:
    after a verb of receiving (« a réceptionné des drones turcs », « du matériel militaire
    russe »), before a verb of giving (« des instructeurs russes ont remis »); the other side of
    the verb is the receiver's. Adjectives inside a name (« l'armée nigérienne ») do not count;
    the state is the one the article names (« la Russie », « Moscou »), never a new id."""
    s0 = site.ctx.sents[site.i].start
    text = site.text[site.idx - s0:] if after else site.text[:site.idx - s0]
    base = site.idx if after else s0
    for m in site.mentions:  # names are blanked: their adjectives are theirs
        a, b = min(max(m.start - base, 0), len(text)), min(max(m.end - base, 0), len(text))
        text = text[:a] + " " * (b - a) + text[b:]
    words = set(re.findall(r"[a-zà-ÿ-]+", text.lower()))
    countries = {country_of_adjective(w) for w in words} - {None} - {country_of_name(site.cfg, e) for e in taken}
    if len(countries) != 1:
        return []  # none, or several origins: not for a rule to choose
    return _state_named(site, countries.pop(), taken)


def _state_named(site: Site, country: str, taken) -> list[str]:
    """The article's entity for ``country`` (folded French name): its state, country or capital
    as a mention gives it; none when the article names it nowhere."""
    named = [m.entity for m in sorted(site.ctx.mentions, key=lambda m: m.label != "STATE")
             if m.label in ("STATE", "LOC", "ORG") and m.entity not in taken
             and country_of_name(site.cfg, m.entity) == country]
    return named[:1]


def _trained(site: Site) -> Roles | None:
    """Who trains or recruits: an organisation named before the trigger (« La garde nationale a
    ouvert … une campagne de recrutement »), else the home forces if the sentence names them."""
    who = [m.entity for m in site.orgs if m.label == "ORG" and m.end <= site.idx][:1] or _home_forces(site)[:1]
    return _enough(site, replace(_where_and_what(site), actors=who))


# The same roles, filled the same way, for three kinds of the build-up.
rule("training", "actors", "places", "origins", "objects", frame="training", figures=True, later_figures=True,
     triggers={"formation", "instruction", "entraînement", "cursus", "former"},
     in_names=("PROG",),  # « la Formation commune de base » is trained in
     yields_to=("programme",),  # « programmes … par des formations »: the programme is the fact
     # « 900 recrues ont débuté … au camp »: recruits who start something start their training
     implied=lambda lemmas, units: "recruit" in units and bool(lemmas & START_VERBS))(_trained)
_ENROLLED_FOR_PAPERS = re.compile(r"\b(?:passeports?|cartes? (?:d'identite|nationales?|biometriques?|d'electeurs?)"
                                  r"|biometri\w*|electoral\w*|etat civil|liste electorale|recensement)\b")
"""What people are enrolled for when it is no force (the sentence folded): papers, voters' rolls."""


def _recruited(site: Site) -> Roles | None:
    """A recruitment, unless the people are enrolled for papers (« neuf box d'enrôlement » for
    biometric passports) with no force or recruit named."""
    if _ENROLLED_FOR_PAPERS.search(site.low) or _ENROLLED_FOR_PAPERS.search(fold(site.ctx.text[:2000])) and not (
            _home_forces(site) or any(q.unit in ("recruit", "person") for q in site.quantities)
            or re.search(r"\b(?:armee|militaire|soldat|gendarm|garde|recrue|volontaire|forces)", site.low)):
        return None
    return _trained(site)


rule("recruitment", "actors", "places", "origins", "objects", frame="recruitment", figures=True, later_figures=True,
     triggers={"recrutement", "recruter", "enrôler", "enrôlement"})(_recruited)
rule("graduation", "actors", "places", "origins", "objects", figures=True, later_figures=True,
     frame="other",  # no frame of its own yet: said with the fallback
     triggers={"promotion", "diplômer", "baptême"})(_trained)


# -- statements: tried last, a sentence reporting something more specific is about that ----------
def _said_reading(t: Token) -> str | None:
    """A speech verb in the passive (« n'a pas été précisée ») has no speaker; « assurer » says
    something only before « que » or as a speaker's verb (« a assuré le ministre »): « pour
    assurer la sécurité », « la direction serait assurée par » ensure, they do not speak."""
    if t.prev == "été":
        return None
    if t.lemma == "assurer" and t.next not in ("que", "qu'", "qu’") and (
            t.word == "assurer" or t.next == "par" or t.prev in ("s'", "se", "à", "d'", "de", "pour")):
        return None
    return "statement"


_TOPIC_BEFORE = re.compile(r"\b(?i:concernant|s'agissant d[eu']?|quant [àa]u?x?|à propos d[eu']?|au sujet d[eu']?"
                           r"|sur la question d[eu']?)\s*(?:la |le |les |l')?$")
"""Before a name, the words that make it what a sentence is about (« Concernant l'AES, … »)."""


@rule("statement", "actors", "targets", "topics", frame="statement", last=True,
      not_in_quotes=True, in_names=tuple(LABEL_OF_KIND.values()),
      yields_to=("announcement", "sanction", "agreement", "programme", "meeting"),
      triggers={"déclarer", "souligner", "résumer", "affirmer", "indiquer", "ajouter", "expliquer", "estimer",
                "préciser", "rappeler", "insister", "redire", "dire", "plaider", "assurer", "promettre",
                "saluer", "répéter", "désigner", "citer", "réaffirmer", "selon"},
      reading=lambda t, units: _said_reading(t))
def statement(site: Site) -> Roles | None:
    who = _person(site) or person_meant(site.span, site.ctx)
    if who is None:  # « Les autorités maliennes rappellent … »: the body that opens the sentence
        first = min(site.orgs, key=lambda m: m.start, default=None)
        who = first.entity if first and first.label in ("STATE", "ORG") and first.start < site.idx else None
        if who is not None and _TOPIC_BEFORE.search(site.ctx.text[max(0, first.start - 30):first.start]):
            return None  # « Concernant l'AES, l'envoyé … a dit »: what is spoken about, not who speaks
    if who is None and _REPORTED.search(site.ctx.text[max(0, site.idx - 12):site.idx]):
        # « … restera ouvert, a déclaré lundi le ministère des Transports »: the speaker after the verb
        after = [m for m in site.orgs if m.label in ("STATE", "ORG") and site.idx < m.start
                 and _SPEAKER_AFTER.fullmatch(site.ctx.text[site.idx:m.start])]
        who = after[0].entity if after else None
    return Roles(actors=[who]) if _claim(site, who) is not None else None


_REPORTED = re.compile(r",\s*(?:a|ont|avait|avaient)\s+$")
"""Before a verb of saying, the inversion that reports what was said before it (« …, a déclaré … »)."""
_SPEAKER_AFTER = re.compile(r"[\w-]+(?:\s+[\w-]+){0,2}?\s+(?:le|la|les|l')\s*")
"""From the verb of saying to the speaker it inverts: the verb, a day or an adverb, an article."""
