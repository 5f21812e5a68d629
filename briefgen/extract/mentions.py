"""From a spaCy Doc to plain data: sentences, entity mentions linked to the gazetteer, new
entities with the role the text gives them, date and quantity mentions."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, replace

from spacy.attrs import ENT_TYPE, LOWER, ORTH

from ..core.config import Config
from ..facts.model import Quantity
from . import dates as dates_mod
from . import lexicon
from . import names as names_mod
from . import nlp as nlp_mod
from . import quantities as qty_mod
from .nlp import gazetteer_phrases, normalize, once_per_config
from .types import (
    KIND_OF_LABEL,
    DateMention,
    Mention,
    NewEntity,
    QuantityMention,
    Sentence,
)

LOCATIVE = {"à", "au", "aux", "en", "dans", "vers", "depuis", "de", "d'", "du", "sur", "près"}
ROLE_HEADS = ("ministre", "directeur", "directrice", "sous-secrétaire", "secrétaire", "envoyé", "envoyée",
              "président", "présidente", "ambassadeur", "ambassadrice", "conseiller", "conseillère",
              "chef", "porte-parole", "commandant", "général", "colonel", "gouverneur", "diplomate",
              "émissaire", "représentant", "représentante", "coordinateur", "coordinatrice", "maire",
              "procureur", "capitaine", "lieutenant", "chargé", "chargée", "responsable", "attaché", "attachée")
_HEAD = "(?:" + "|".join(re.escape(h) for h in ROLE_HEADS) + r")\b"
ORG_HEADS = {"chambre", "banque", "agence", "office", "société", "compagnie", "union", "fédération",
             "association", "conseil", "commission", "fonds", "institut", "université", "école",
             "coopérative", "syndicat", "comité", "organisation", "autorité", "haut-commissariat"}
"""First words that make a name an organisation even when the model tags it as a place."""
_DANGLING = re.compile(r"\s(?:du|de|des|de la|d')$", re.IGNORECASE)
_DET = r"(?:\b(?:le|la|l'|du|de la|au|à la|un|une|des)\s*)"
_BEFORE = re.compile(_DET + r"((?:vice-|ex-)?" + _HEAD + r"[^,.;:«»()]*?)\s*,?\s*$", re.IGNORECASE)
_AFTER = re.compile(r"^\s*,\s*(?:(?:le|la|l')\s*)?(" + _HEAD + r"[^,.;«»()]*)", re.IGNORECASE)
_COPULA = re.compile(r"^\s*(?:est|était|occupe le poste de|, qui est)\s+(?:aussi\s+|également\s+)?"
                     r"(?:(?:le|la|l'|un|une)\s*)?(" + _HEAD + r"[^,.;«»()]*)", re.IGNORECASE)
_NAME_AFTER_TITLE = re.compile(r"[A-ZÀ-Ý][\w'-]+(?: [A-ZÀ-Ý][\w'-]+){1,3}")
"""A person's name as the model may read it for a miscellany: two to four capitalised words."""
_VERB_AFTER_ROLE = re.compile(r"\s(?:a|ont|avait|avaient|aura|va|vont|s'est|se sont|est|sont|était)\s")
"""A verb after a title with no comma before it: the sentence goes on, the title ends there."""
_ANAPHOR_ROLE = re.compile(r"^\s*(?:il|elle|le diplomate|l'émissaire|le ministre)\s+(?:est|occupe le poste de)\s+"
                           r"(?:aussi\s+|également\s+)?(?:(?:le|la|l'|un|une)\s*)?(" + _HEAD + r"[^.;«»()]*)",
                           re.IGNORECASE)
STOP_NAMES = {"état", "etat", "etats", "états", "ouest", "est", "nord", "sud", "premier", "première", "conseiller",
              "président", "gouvernement", "ministère", "nous", "selon", "côté", "coup", "armée", "royaume",
              "république", "nation", "patrie", "pays", "infos", "info",
              "cher", "chers", "chère", "chères", "élève", "élèves", "autorités"}  # (a speech's address: « Chers cadets, vous … »)


_RUN_ON = re.compile(r"\b([A-ZÀ-Ý][a-zà-ÿ]{3,})(?=[A-ZÀ-Ý][a-zà-ÿ])")


def slug(text: str) -> str:
    """ASCII id from a name: « Garde nationale » → ``garde-nationale``; a nationality the text ran
    into the next word is a word of its own (« Centre culturel MalienSeydou Keita »), while a brand
    written in one word stays one (« TotalEnergies »)."""
    text = _RUN_ON.sub(lambda m: m.group(1) + (" " if m.group(1).lower() in lexicon.DEMONYMS else ""), text)
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
    companies: set[str] | None = None
    """New names the text treats as companies somewhere: organisations wherever they are named."""


def find(doc, text: str, sents: list[Sentence], cfg: Config, ref, surnames: dict[str, str],
         outlet: str | None = None) -> _Found:
    """Every mention in ``doc`` (run on the normalised ``text``), linked and resolved; ``outlet``
    is the id of the outlet publishing the article (its name is never an entity)."""
    starts = [s.start for s in sents]

    def sent_of(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    found = _Found([], [], [], {}, {}, [], set())
    role_spans = found.role_spans
    pending_new: list[tuple[object, str]] = []
    formed, formed_names, silent = _formed_names(doc, text, cfg, outlet)
    taken = [(m.start, m.end) for m in formed] + silent
    credits = names_mod.credit_spans(text)
    outlets = {outlet} if outlet else set()
    outlets |= set(cfg.outlets) | {o.name for o in cfg.outlets.values()}
    armed = _armed_spellings(cfg)
    for ent in _split_at_a_country(doc):
        label, a, b = ent.label_, ent.start_char, ent.end_char
        si = sent_of(a)
        if label not in ("DATE", "QTY") and (any(x < b and a < y for x, y in taken)
                                             or any(x < b and a < y for x, y in credits)):
            continue  # a name found from its form replaces the model's cut; credits name nobody
        if label == "DATE":
            if any(m.start < a and b <= m.end for m in formed):
                continue  # a date inside a name (« le Stade du 26 mars »)
            span = dates_mod.resolve(ent.text, ref)
            if span is not None:
                found.dates.append(DateMention(a, b, text[a:b], span, si))
            continue
        if label == "QTY" and (ids := _gazetteer_phrase(ent.text, cfg)):
            # a figure that is a name the gazetteer gives (« la région des “trois frontières” »)
            found.mentions.append(Mention(a, b, text[a:b], _label(cfg.entities[ids[0]].kind), ids[0], si))
            continue
        if label == "QTY":
            start = ent.start
            if not qty_mod.cue_first(ent[0].lower_):
                start -= qty_mod.hedge_before([t.lower_ for t in doc[max(0, start - 3):start]])
                a = doc[start].idx
            q = qty_mod.parse(text[a:b])
            q = q and qty_mod.compound(q, text[b:b + 20])
            if q is not None and qty_mod.in_context(q, [t.lower_ for t in doc[max(0, start - 6):start]]) \
                    and not qty_mod.only_an_article(q, doc[start:ent.end]):
                found.quantities.append(QuantityMention(a, b, q, si))
            continue
        if label == "MISC" and ent.text[:1].isupper() and (_COMPANY_NOUN.search(text[max(0, a - 50):a])
                                                            or _MEMBERS_OF.search(text[max(0, a - 40):a])):
            label = "ORG"  # « la société canadienne B2Gold », « les agents des Eaux et Forêts »
        if label == "MISC" and ent.text[:1].isupper() and (names_mod.is_armed_group(_DANGLING.sub("", ent.text))
                                                            or _known_group_spelled(ent.text, armed)):
            label = "ORG"  # « la Katiba Macina » read as a miscellany: an armed group's name says what it is
        if label in ("ORG", "LOC", "MISC") and not ent.ent_id_ and (m := _CAPITAL_SURNAME.fullmatch(ent.text)) \
                and _capital_surname_start(m, ent.text, cfg, doc.vocab) == 0 and f"({m.group(2)})" not in text:
            label = "PER"  # « Séidou ADAMBI », « Sidi Mohamed RALIOU »: given names, then a surname in capitals
        if label == "MISC" and _NAME_AFTER_TITLE.fullmatch(ent.text) and _BEFORE.search(text[max(0, a - 80):a]) \
                and text[max(0, a - 2):a] == ", ":
            label = "PER"  # « le vice-ministre de la Défense, Younous-Bek Evkourov »: the name the title introduces
        if label == "OUTLET" or (label == "MISC" and not _company(ent.text) and not _RANKED.match(ent.text)):
            continue
        if text[a - 1:a] == "#":
            continue  # a hashtag (« #Mali », « #sahel ») tags the page, it names nothing in the text
        if label in ("LOC", "AMBIG", "ORG", "STATE") and _seat_or_capital(found, ent, cfg, si):
            continue
        eid = ent.ent_id_
        if eid:
            ids = eid.split("|")
            eid = _disambiguate(ids, doc, ent, cfg)
            kind = cfg.entities[eid].kind
            # a state the gazetteer gives no place twin (« aux États-Unis »): its territory by its id
            alone = kind == "state" and len(ids) == 1 and names_mod.country(ent.text) and _country_as_place(doc, ent)
            found.mentions.append(Mention(a, b, text[a:b], "LOC" if alone else _label(kind), eid, si))
            if kind != "place" and _country_of_a_noun(ids, doc, ent, cfg) and _after_an_attribute(doc, ent):
                # « la volonté du Mali »: the state; the reference annotations of the bundled
                # project's seed articles also read the country there (not so after other nouns:
                # « la sécurité du Mali », « la croissance du Mali » are the state alone on the corpus)
                place = next(i for i in ids if cfg.entities[i].kind == "place")
                found.mentions.append(Mention(a, b, text[a:b], "LOC", place, si))
            if kind == "person":
                _roles(found, role_spans, eid, text, sents[si], a, b)
            continue
        pending_new.append((ent, label))
    _anaphor_roles(found, role_spans, text, sents)
    for m in formed:
        m = Mention(m.start, m.end, m.text, m.label, m.entity, sent_of(m.start), m.known)
        found.mentions.append(m)
        if not m.known and m.entity not in found.entities:
            kind = {"ORG": "organisation", "STATE": "state", "ARMED": "armed_group"}.get(m.label, "place")
            found.entities[m.entity] = NewEntity(m.entity, kind, formed_names.get(m.entity) or _formed_name(m.text))
    pending_new += [(span, "PER") for span in _names_with_a_capital_surname(doc, text, cfg, taken + credits)]
    for ent, label in pending_new:
        if names_mod.is_credit(ent.text, outlets):
            continue
        _new_entity(found, ent, label, text, sents, sent_of, role_spans, surnames, cfg)
    _other_spellings(found, armed)
    _schools_named_after_someone(found, text)
    _nested_people(found)
    _towns_of_schools(found, text, cfg)
    # a new name the text gives as an organisation somewhere is one wherever it is named (« Orange
    # Mali détient 62 % du marché » … « boycotter Orange et Moov »); not an institution that is
    # also a place (« l'hôpital du Mali »)
    both = {slug(w) for w in lexicon.BOTH_ORG_AND_PLACE}
    found.companies.update(m.entity for m in found.mentions if m.label == "ORG" and not m.known
                           and m.entity.split("-")[0] not in both)
    for n, m in enumerate(found.mentions):
        if m.entity in found.companies and m.label == "LOC" and not m.known:
            found.mentions[n] = replace(m, label="ORG")
            found.entities[m.entity] = replace(found.entities[m.entity], kind="organisation")
    # a new name the text gives as a place (« la mine d'or de Loulo Gounkoto ») is no person where the
    # model reads it as one (« Loulo Gounkoto constitue un pilier … »)
    sites = {m.entity for m in found.mentions if m.label == "LOC" and not m.known
             and found.entities.get(m.entity) is not None and found.entities[m.entity].kind == "place"
             and _SITE_WORD_BEFORE.search(text[max(0, m.start - 40):m.start])}
    found.mentions[:] = [replace(m, label="LOC") if m.label == "PER" and not m.known and m.entity in sites else m
                         for m in found.mentions]
    _first_words(found)
    _bare_names(found, text, sent_of)
    _surnames_alone(found)
    _the_government(found, text, sent_of)
    _no_fragments_or_nicknames(found, text)
    _states_of_bodies(found, doc, text, cfg, sent_of)
    _bodies_of_titles(found, doc, text, cfg, sent_of)
    _un_missions(found, text, cfg, sent_of)
    _no_menu_countries(found, text)
    found.mentions.sort(key=lambda m: m.start)
    _extra_quantities(found, doc, text, sent_of)
    _members_counted(found, doc, text, cfg)
    return found


CUT_PASSAGE = 1800
"""Length from which a text that stops without a sentence's end was cut off by whoever stored it
(search services keep passages of about 2,000 characters); a shorter one ends on a headline, a
credit or a « Lire aussi » line, whose last word is whole."""
_ALIAS_BEFORE = re.compile(r"\balias\s*[«\"“]?\s*$", re.IGNORECASE)
_ENDS_A_SENTENCE = frozenset(".!?»\")”…:;")


_TOWN_AT_THE_END = re.compile(r"\s(?:de|d')\s*([A-ZÀ-Ý][\w-]+(?:\s[A-ZÀ-Ý][\w-]+)?)\s*$")


def _towns_of_schools(found: _Found, text: str, cfg: Config) -> None:
    """« l'École des Sous-Officiers de Banankôrô », « le Centre d'instruction de Tiby »: the town a
    school, a training centre or a camp is named after is a place of the story too (most of the
    corpus's annotations list it)."""
    phrases = gazetteer_phrases(cfg)
    taken = {(m.start, m.end) for m in found.mentions}
    for m in list(found.mentions):
        head = names_mod.unaccented_head(m.text.split(" ", 1)[0].lower().split("'")[-1])
        if m.label not in ("ORG", "LOC") or m.known or head not in lexicon.SCHOOL_HEADS:
            continue
        hit = _TOWN_AT_THE_END.search(m.text)
        if hit is None or hit.group(1).lower() in lexicon.ORG_HEADS or names_mod.country(hit.group(1)) \
                or hit.group(1).split()[0].lower() in lexicon.PERSON_TITLES \
                or re.search(r"(?:tion|ment|ité|ure|isme|ence|ance|ique|ie)s?$", hit.group(1).lower()):
            continue  # (« … des Arts et de Culture », « … de Défense »: a common noun, no town)
        a, b = m.start + hit.start(1), m.start + hit.end(1)
        if (a, b) in taken:
            continue
        ids = [i for i in phrases.get(normalize(hit.group(1)).lower(), []) if cfg.entities[i].kind == "place"]
        eid = ids[0] if ids else slug(hit.group(1))
        found.mentions.append(Mention(a, b, text[a:b], "LOC", eid, m.sent, bool(ids)))
        if not ids:
            found.entities.setdefault(eid, NewEntity(eid, "place", hit.group(1)))


def _nested_people(found: _Found) -> None:
    """Two readings of one person's name over each other (« Mahamat Idriss Déby » inside « Mahamat
    Idriss Déby Itno »): the longer is the name; the shorter one's entity goes where it names no one else."""
    people = [m for m in found.mentions if m.label == "PER" and not m.known]
    inner = [m for m in people if any(o is not m and o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
                                      for o in people)]
    if not inner:
        return
    found.mentions[:] = [m for m in found.mentions if all(m is not x for x in inner)]
    for e in {m.entity for m in inner} - {m.entity for m in found.mentions}:
        found.entities.pop(e, None)


def _schools_named_after_someone(found: _Found, text: str) -> None:
    """« l'Institut d'enseignement militaire supérieur | Tiéfo Amoro »: a school the model read up to
    the person it is named after, whom it read as a person, is one name with them."""
    people = {m.start: m for m in found.mentions if m.label == "PER" and not m.known}
    for n, m in enumerate(found.mentions):
        head = m.text.split(" ", 1)[0].lower().split("'")[-1]
        if m.label != "ORG" or m.known or names_mod.unaccented_head(head) not in lexicon.SCHOOL_HEADS \
                or len(m.text.split()) < 2:
            continue
        p = people.get(m.end + 1)
        if p is None or text[m.end:p.start] != " " or re.match(r"\s+[A-ZÀ-Ý]", text[p.end:p.end + 2]):
            continue
        name = text[m.start:p.end]
        new = slug(name)
        found.mentions[:] = [replace(x, entity=new, end=p.end, text=name) if x is m else x
                             for x in found.mentions if x is not p]
        # the school's name elsewhere, whole or by its head and the person (« l'Institut Tiéfo Amoro »)
        gone = {m.entity, p.entity}
        for k, x in enumerate(found.mentions):
            if x.label == "ORG" and not x.known and (x.entity == m.entity or _head_and_tail(x.entity, new)):
                gone.add(x.entity)
                found.mentions[k] = replace(x, entity=new)
        for e in gone - {x.entity for x in found.mentions}:
            found.entities.pop(e, None)
        found.entities[new] = NewEntity(new, "organisation", name)
        return _schools_named_after_someone(found, text)


@once_per_config
def _armed_spellings(cfg: Config) -> tuple[tuple[tuple[str, ...], str], ...]:
    """The gazetteer's armed groups by the key of each of their names (``names.spelling_key``)."""
    return tuple((names_mod.spelling_key(n), e.id) for e in cfg.entities.values() if e.kind == "armed_group"
                 for n in (*e.name.values(), *e.aliases))


def _known_group_spelled(name: str, armed: tuple[tuple[tuple[str, ...], str], ...]) -> str | None:
    """The gazetteer's armed group ``name`` spells another way, when exactly one is."""
    key = names_mod.spelling_key(name)
    ids = {eid for k, eid in armed if names_mod.same_spelling(key, k)}
    return ids.pop() if len(ids) == 1 else None


def _other_spellings(found: _Found, armed: tuple[tuple[tuple[str, ...], str], ...]) -> None:
    """An armed group named in another transliteration or French rendering than the gazetteer's
    (« Jama'at Nasr al-Islam wal Muslimin », « Groupe pour le soutien à l'islam et aux
    musulmans ») is the gazetteer's group, wherever its new id was used (its acronym too), also
    when its words did not tell the model or our rules it was an armed group (« Djama'at Nosrat … »)."""
    renamed = {}
    for m in found.mentions:
        if m.label in ("ARMED", "ORG") and not m.known and m.entity not in renamed:
            name = found.entities[m.entity].name if m.entity in found.entities else m.text
            if group := _known_group_spelled(name, armed):
                renamed[m.entity] = group
    if not renamed:
        return
    found.mentions[:] = [replace(m, entity=renamed[m.entity], label="ARMED", known=True) if m.entity in renamed
                         else m for m in found.mentions]
    for eid in renamed:
        found.entities.pop(eid, None)


def _no_fragments_or_nicknames(found: _Found, text: str) -> None:
    """A name the gazetteer lacks that the text cuts off (the last word of a long passage that
    stops mid-sentence: « l'armée a infiltré la Rus ») or a nickname after « alias » (« Viktor Yermolaev,
    alias « Jedi » ») is no entity."""
    end = len(text.rstrip())
    cut = end >= CUT_PASSAGE and text[end - 1] not in _ENDS_A_SENTENCE
    drop = [m for m in found.mentions if not m.known and (
        cut and m.end >= end or _ALIAS_BEFORE.search(text[max(0, m.start - 12):m.start]))]
    if not drop:
        return
    found.mentions[:] = [m for m in found.mentions if m not in drop]
    left = {m.entity for m in found.mentions}
    for m in drop:
        if m.entity not in left:
            found.entities.pop(m.entity, None)


def _gazetteer_phrase(name: str, cfg: Config) -> list[str]:
    """The gazetteer's ids for a name, as its EntityRuler matches them (lower case)."""
    return gazetteer_phrases(cfg).get(name.lower().strip(), [])


def _place_word(word: str) -> bool:
    """Whether ``word`` opens the name of a place, a body or a part of a territory."""
    return word in lexicon.PLACE_HEADS or word in lexicon.FROM_A_COUNTRY or word in lexicon.ORG_HEADS \
        or word in lexicon.SITE_OF or word in lexicon.SITES_NAMED_AFTER


_COMPASS = frozenset({"centre", "nord", "sud", "est", "ouest", "nord-est", "nord-ouest", "sud-est", "sud-ouest"})


_TITLE_OF = re.compile(r"(?i:\b(?:vice-)?champion(?:ne)?s?|\bcoupe|\bchampionnat|\bzone)\s+(?:d'|de l'|du\s+)?$")


def _split_at_a_country(doc):
    """The model's entities, cut at a line break the model ran over (« Sputnik Afrique⏎afrique
    subsaharienne »), with a country it ran into the name before it cut off as a place of its own
    (« la force Sabre au Burkina Faso », « les opérations Sabre au Burkina Faso »), and a country it ran
    on past cut back to the country (``_country_run_on``)."""
    from spacy.tokens import Span

    for ent in doc.ents:
        brk = next((k for k in range(ent.start + 1, ent.end) if "\n" in doc[k].text), None)
        if brk is not None and ent.label_ not in ("DATE", "QTY") and not ent.ent_id_:
            ent = Span(doc, ent.start, brk, label=ent.label_)  # a name ends at a line break
        cut = next((k for k in range(ent.start + 1, ent.end - 1) if doc[k].lower_ in lexicon.PLACE_PREPOSITIONS
                    and doc[k + 1].is_title and names_mod.country(doc[k + 1:ent.end].text)), None)
        if ent.label_ in ("DATE", "QTY") or ent.ent_id_:
            yield ent
            continue
        if len(ent) > 2 and ent.label_ == "LOC" and ent[1].lower_ in ("du", "de", "d'") and names_mod.country(ent[2:].text) \
                and not names_mod.country(ent.text) \
                and (ent[0].lower_ in _COMPASS or ent[0].text[:1].isupper() and not _place_word(ent[0].lower_)):
            # « au Centre du Mali »: a part of the country; « le Mena du Niger »: a nickname (its team)
            # that is no place; the country is read as any other
            yield Span(doc, ent.start + 2, ent.end, label="LOC")
            continue
        if len(ent) == 2 and ent[0].lower_ in _COMPASS and ent[1].lower_ in ("du", "de", "d'") and ent.end < len(doc) \
                and doc[ent.end].ent_type_:
            continue  # (the model's « Centre du » before the country it cut off)
        if len(ent) > 1 and ent[0].lower_ in ("de", "d'", "du") and names_mod.country(ent[1:].text):
            yield Span(doc, ent.start + 1, ent.end, label=ent.label_)  # « l'ambassadeur | de France »: the country
            continue
        if cut is None:
            end = _country_run_on(doc, ent)
            yield ent if end is None else Span(doc, ent.start, end, label=ent.label_)
            continue
        yield Span(doc, ent.start, cut, label=ent.label_)
        yield Span(doc, cut + 1, ent.end, label="LOC")


def _country_run_on(doc, ent) -> int | None:
    """Where a country's name ends in an entity the model ran on past it into the words after
    (« le Burkina Faso | sombre dans une crise », « le Burkina Faso | d'Ibrahim Traoré »): at a
    lower-case word or a « de » after the country's name; None when the entity is no such run-on."""
    if names_mod.country(ent.text):
        return None
    for k in range(ent.end - 1, ent.start, -1):
        nxt = doc[k]
        if not (nxt.is_alpha and nxt.is_lower or nxt.lower_ in ("d'", "du", "de", "des")):
            continue
        if names_mod.country(doc[ent.start:k].text):
            return k
    return None


def _first_words(found: _Found) -> None:
    """« Endeavour » after or before « Endeavour Mining » in the same article is the company."""
    orgs = [e.id for e in found.entities.values() if e.kind == "organisation" and "-" in e.id]
    for n, m in enumerate(found.mentions):
        if m.known or "-" in m.entity or m.label == "PER":
            continue
        full = next((o for o in orgs if o.startswith(m.entity + "-")), None)
        if full:
            found.mentions[n] = Mention(m.start, m.end, m.text, "ORG", full, m.sent, known=False)
            if not any(x.entity == m.entity for x in found.mentions):
                found.entities.pop(m.entity, None)


def _bare_names(found: _Found, text: str, sent_of) -> None:
    """« Wagner » alone, in an article that names the « groupe Wagner »: the same organisation."""
    bare = {}
    for x in found.mentions:
        head, _, rest = x.entity.partition("-")
        last = x.text.split()[-1]
        if x.label == "ORG" and not x.known and head == "groupe" and rest and "-" not in rest \
                and last[:1].isupper() and slug(last) == rest:
            bare[last] = x.entity
    for word, eid in bare.items():
        for m in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text):
            if not any(x.start < m.end() and m.start() < x.end for x in found.mentions):
                found.mentions.append(Mention(m.start(), m.end(), m.group(), "ORG", eid, sent_of(m.start()), False))


def _surnames_alone(found: _Found) -> None:
    """« Le général Tiani, qui dirige … », « Tiani et Poutine » where the model read a place: the
    person the article names in full elsewhere (one person of that surname)."""
    people = {e.id for e in found.entities.values() if e.kind == "person"}
    people |= {m.entity for m in found.mentions if m.label == "PER"}
    by_surname: dict[str, list[str]] = {}
    for pid in people:
        if "-" in pid:
            by_surname.setdefault(pid.rsplit("-", 1)[1], []).append(pid)
    for n, m in enumerate(found.mentions):
        pids = by_surname.get(m.entity, [])
        if m.known or m.label != "LOC" or " " in m.text.strip() or len(pids) != 1 or names_mod.country(m.text):
            continue
        found.mentions[n] = replace(m, label="PER", entity=pids[0])
        if not any(x.entity == m.entity for x in found.mentions):
            found.entities.pop(m.entity, None)


def _country_pair(found: _Found, name: str, text: str, a: int, si: int, cfg: Config) -> bool:
    """« Niger-Russie : … », « la réunion tripartite Algérie-Niger-Nigeria »: countries joined by
    hyphens are the states of a relation, each a mention of its own. Says whether it was one."""
    parts = name.split("-")
    if len(parts) < 2 or names_mod.country(name) or not all(p and names_mod.country(p) for p in parts) \
            or len({names_mod.country(p) for p in parts}) < len(parts):
        return False  # « Burkina-Faso » is one country
    phrases = gazetteer_phrases(cfg)
    kind = "place" if _ROUTE_BEFORE.search(text[max(0, a - 40):a]) else "state"
    pos = a
    for part in parts:
        start = text.index(part, pos)
        pos = start + len(part)
        cname = names_mod.country(part)
        ids = [i for i in phrases.get(cname.lower(), []) if cfg.entities[i].kind == kind]
        eid = ids[0] if ids else slug(cname)
        found.mentions.append(Mention(start, pos, part, _label(kind), eid, si, bool(ids)))
        if not ids:
            found.entities.setdefault(eid, NewEntity(eid, kind, cname))
    return True


_ROUTE_BEFORE = re.compile(r"\b(?i:pipeline|oléoduc|gazoduc|corridor|route|axe|frontière|liaison|ligne|tronçon)s?"
                           r"\s+(?:du |de la |de l'|des )?$")
"""« le pipeline Niger-Bénin », « l'axe Mali-Guinée »: countries joined by a hyphen after a route are
the territories it goes through, not the states of a relation."""


_GOVERNMENT = re.compile(r"\b(?i:le|la|les) (gouvernement|autorités|junte)(?: (?:de (?:la )?[Tt]ransition|militaires?))?"
                         r"(?= (?:a|ont|avait|avaient|vient|viennent|entend|entendent|doit|doivent)\b)")


def _the_government(found: _Found, text: str, sent_of) -> None:
    """« Le gouvernement de transition a publié … » in an article about one state: that state (the
    one its mentions name most), when the government is the subject of a verb."""
    states = [m.entity for m in found.mentions if m.label == "STATE"]
    if not states:
        return
    main = max(dict.fromkeys(states), key=states.count)
    for m in _GOVERNMENT.finditer(text):
        a = m.start(1)
        if not any(x.start < m.end() and a < x.end for x in found.mentions):
            found.mentions.append(Mention(a, m.end(), text[a:m.end()], "STATE", main, sent_of(a),
                                          main not in found.entities))


def _formed_name(text: str) -> str:
    return text[0].upper() + text[1:] if text[:1].islower() else text


def _body_key(name: str) -> tuple[frozenset[str], str] | None:
    """A state's body by its words and its state, however the state is written: « ministère malien
    des Affaires étrangères » and « ministère des Affaires étrangères du Mali » are one key."""
    words = re.findall(r"[\w-]+", names_mod.fold_name(name.replace("’", "'")).replace("'", " "))
    states = {c for w in words if (c := names_mod.demonym_country(w) or names_mod.country(w))}
    rest = frozenset(w for w in words if len(w) > 2 and w not in lexicon.NAME_SMALL_WORDS
                     and not (names_mod.demonym_country(w) or names_mod.country(w)))
    return (rest, states.pop()) if len(states) == 1 and len(rest) >= 3 else None


@once_per_config
def _bodies_by_words(cfg: Config) -> dict:
    """The gazetteer's organisations by ``_body_key`` of each of their names (keys two share are left out)."""
    out: dict = {}
    for e in cfg.entities.values():
        if e.kind != "organisation":
            continue
        for n in (*e.name.values(), *e.aliases):
            if (key := _body_key(n)) is not None:
                out[key] = e.id if out.get(key, e.id) == e.id else None
    return {k: v for k, v in out.items() if v}


@once_per_config
def _name_tables(cfg: Config) -> tuple[set[str], dict[str, str], dict[str, list[str]]]:
    """What ``_formed_names`` reads of the gazetteer: its place names (lower case), the states by
    their adjectives, and its names without accents (« Etat islamique » is « État islamique »)."""
    places = {normalize(n).lower() for e in cfg.entities.values() if e.kind == "place"
              for n in (*e.name.values(), *e.aliases)}
    by_adjective = {a.lower(): e.id for e in cfg.entities.values() if e.kind == "state" for a in e.adjectives}
    folded: dict[str, list[str]] = {}
    for k, ids in gazetteer_phrases(cfg).items():
        folded.setdefault(names_mod.fold_name(k), ids)
    return places, by_adjective, folded


def _formed_names(doc, text: str, cfg: Config, outlet: str | None
                  ) -> tuple[list[Mention], dict[str, str], list[tuple[int, int]]]:
    """Mentions of the names found from their form (``names.find``) and of the acronyms they
    define; ``sent`` is filled in by the caller. An acronym-defined name, repeated with a place
    after it (« l'École militaire interarmes de Koulikoro »), is the same entity; an acronym the
    article defines, inside another name, stands for its definition there (« la Force unifiée de
    l'AES » is the « Force unifiée de l'Alliance des États du Sahel »). Also gives the spans that
    name nobody: persons' titles (« Chef d'État-major des Armées (CEMA) ») and their acronyms."""
    phrases = gazetteer_phrases(cfg)
    places, by_adjective, folded = _name_tables(cfg)
    claimed = [(e.start_char, e.end_char) for e in doc.ents if e.ent_id_ and e.label_ not in ("DATE", "QTY")]
    orgs = [(e.start_char, e.end_char) for e in doc.ents if e.ent_id_ and e.label_ in ("ORG", "ARMED")]
    outlets = set(cfg.outlets) | {o.name for o in cfg.outlets.values()} | ({outlet} if outlet else set())
    out: list[Mention] = []
    named: dict[str, str] = {}
    aliases: dict[str, list[Mention]] = {}
    found = [n for n in names_mod.find(text, claimed, places, orgs)
             if not names_mod.is_credit(n.name, outlets) and not (n.acronym and names_mod.is_credit(n.acronym, outlets))]
    found = [_as_long_as_the_model(n, doc, text) for n in found]
    found = [replace(n, end=n.start + cut, name=text[n.start:n.start + cut])
             if (cut := names_mod.branch_cut(text[n.start:n.end])) < n.end - n.start else n for n in found]
    persons = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PER"]
    found = [_before_a_verb(_before_a_person(n, persons, text), doc, text) for n in found]
    found = [_numbered_unit(n, text) for n in found
             if not _ARMY_OF_A_REGION.match(n.name) and not _ARMED_GROUPS_AT_LARGE.match(n.name)]
    found = [_with_its_host(_up_to_its_acronym(n, text), text) for n in found]
    found = [replace(n, kind="title") if _diploma(n.name) else n for n in found]  # and their acronyms name nobody
    silent = [(n.start, n.end) for n in found if n.kind == "title"]
    for n in found:
        if n.kind == "title" and n.acronym:
            silent += [(m.start(), m.end()) for m in re.finditer(r"(?<![\w-])" + re.escape(n.acronym) + r"(?![\w-])", text)]
    found = [n for n in found if n.kind != "title"]
    found = _spelled_acronyms(found, text, phrases)
    defined = {n.acronym: n.name for n in found if n.acronym and n.by_acronym and n.kind != "state"}
    found = [_expand(n, defined) for n in found]
    slugs = {(slug(n.name), n.kind == "place") for n in found}
    by_acronym = {slug(n.name) for n in found if n.acronym}
    for n in found:
        if n.kind == "organisation" and not n.acronym and names_mod.country(n.name):
            n = replace(n, kind="state")  # « la Fédération de Russie » is Russia
        if n.kind == "state":
            made = _state_mention(n, text, cfg, phrases)
            out += made
            named.update({m.entity: names_mod.country(n.name) or n.name for m in made})
            continue
        eid = slug(n.name)
        known_ids = phrases.get(normalize(n.name).lower()) or folded.get(names_mod.fold_name(n.name))
        head, _, adj = n.name.lower().partition(" ")
        if (not known_ids and head in lexicon.NATIONAL_ADJ_HEADS - lexicon.OWN_NAME_NATIONAL_HEADS
                and adj in by_adjective):
            # « les forces américaines » where the gazetteer says « américaines » stands for a state:
            # that state's forces, the state itself (as « les sanctions américaines » are its sanctions)
            known_ids = [by_adjective[adj]]
        if not known_ids and n.kind == "organisation" and (same := _bodies_by_words(cfg).get(_body_key(n.name))):
            known_ids = [same]  # « le ministère des Affaires étrangères et de la Coopération internationale du Mali »
        # « l'armée nigérienne » where the article names the « Forces armées nigériennes »
        army = None if known_ids else _army_in_full(n.name, slugs | {(slug(e.text), False) for e in doc.ents
                                                                     if e.label_ == "ORG"})
        if known_ids:
            eid = known_ids[0]
        elif army:
            eid = army
        elif eid not in by_acronym and not _company(n.name):
            # the name an acronym defined, repeated with a place (« … interarmes de Koulikoro »), or a
            # shorter form of a fuller name in the article (« le Conseil de sécurité »)
            eid = next((s for s in by_acronym if eid.startswith(s + "-d")), None) or max(
                (s for s, site in slugs if (s.startswith(eid + "-") or s.endswith("-" + eid) or _head_and_tail(eid, s))
                 and site == (n.kind == "place")), key=len, default=eid)
        known = eid in cfg.entities
        labels = ("ORG", "LOC") if n.kind == "both" else ("LOC",) if n.kind == "place" else ("ORG",)
        if labels == ("ORG",) and names_mod.is_armed_group(n.name):
            labels = ("ARMED",)
        if known:
            labels = (_label(cfg.entities[eid].kind),)
        made = [Mention(n.start, n.end, text[n.start:n.end], lab, eid, 0, known) for lab in labels]
        if text[n.start:n.end] != n.name:  # the name differs from its span (« … et du Point G »)
            named.setdefault(eid, n.name)
        out += made
        if n.acronym and n.acronym.lower() not in phrases:
            aliases[n.acronym] = made
    taken = [(m.start, m.end) for m in out]
    for acr, made in aliases.items():
        for m in re.finditer(r"(?<![\w-])" + re.escape(acr) + r"(?![\w-])", text):
            if not any(x < m.end() and m.start() < y for x, y in taken):
                out += [Mention(m.start(), m.end(), acr, x.label, x.entity, 0, x.known) for x in made]
                taken.append((m.start(), m.end()))
    return sorted(out, key=lambda m: m.start), named, silent


def _army_in_full(name: str, slugs: set[tuple[str, bool]]) -> str | None:
    """The id of the article's « Forces armées … » that an army named by its nationality is (« l'armée
    burkinabè » and « les Forces armées du Burkina »; « les forces armées nationales » when the article
    names no other nation's), or None."""
    words = name.lower().split()
    country = names_mod.demonym_country(words[1]) if len(words) == 2 and words[0] == "armée" else None
    if not country:
        return None
    adj, state = slug(words[1]).rstrip("s"), slug(country)
    full = sorted(s[len("forces-armees-"):] for s, site in slugs if not site and s.startswith("forces-armees-"))
    for rest in full:
        of = re.sub(r"^(?:du|de-la|de-l|des|de|d)-", "", rest)
        if rest.rstrip("s") == adj or (of != rest and state.startswith(of)):
            return "forces-armees-" + rest
    return "forces-armees-nationales" if full == ["nationales"] else None


_LIST_OF_TOWNS_BEFORE = re.compile(r"\b(?:à|de|dans|vers)\s+(?:[A-ZÀ-Ý][\w-]+,\s+)+$")
_LIST_OF_TOWNS_AFTER = re.compile(r"^(?:,\s+[A-ZÀ-Ý][\w-]+)*\s+et\s+(?:à\s+)?[A-ZÀ-Ý][\w-]+\s*[.,;]")


def _towns_without_their_comma(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The two towns a two-word « person » is in a list of one-word towns (« à Kaya, Dori, Gorom
    Sebba et Fada »: a comma left out), as (start, end) each; [] for anything else."""
    words = list(re.finditer(r"[A-ZÀ-Ý][\w-]+", text[a:b]))
    if len(words) != 2 or text[a:b].strip() != f"{words[0].group()} {words[1].group()}":
        return []
    if not (_LIST_OF_TOWNS_BEFORE.search(text[max(0, a - 80):a]) and _LIST_OF_TOWNS_AFTER.match(text[b:b + 80])):
        return []
    return [(a + w.start(), a + w.end()) for w in words]


_CAPITAL_SURNAME = re.compile(r"(?<![\w'’-])((?:[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?\s+){1,4})"
                             r"([A-ZÀ-Ý][A-ZÀ-Ý'-]{2,}(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'-]{2,})?)(?![\w'’-])")
"""Given names, then a surname in capitals, as official communiqués write people (« Assimi GOÏTA »)."""


def _names_with_a_capital_surname(doc, text: str, cfg: Config, taken) -> list:
    """Spans of people named with their surname in capitals that the model read as nothing (« le
    Général d'Armée Assimi GOÏTA »): the given names are no title, common noun, country or known
    name, and the surname is no acronym the gazetteer or the text defines."""
    ents = [(e.start_char, e.end_char) for e in doc.ents]
    out = []
    for m in _CAPITAL_SURNAME.finditer(text):
        a = _capital_surname_start(m, text, cfg, doc.vocab)
        b = m.end(2)
        if a is None or any(x < b and a < y for x, y in ents) or any(x < b and a < y for x, y in taken):
            continue
        span = doc.char_span(a, b, label="PER")
        if span is not None:
            out.append(span)
    return out


def _capital_surname_start(m, text: str, cfg: Config, vocab) -> int | None:
    """Where the person of a ``_CAPITAL_SURNAME`` match starts, after the titles before the given
    names; None when it is no person's name."""
    phrases = gazetteer_phrases(cfg)
    nouns = nlp_mod.common_nouns(vocab)

    def noun(w: str) -> bool:  # (in the singular too: « Passeports AES »)
        low = w.lower()
        return low in nouns or low[-1:] in ("s", "x") and low[:-1] in nouns

    given = m.group(1).split()
    while given and (given[0].lower() in lexicon.PERSON_TITLES or given[0].lower() in ROLE_HEADS
                     or noun(given[0]) or given[0].lower() in ORG_HEADS):
        given = given[1:]  # titles and ranks before the name (« Général », « Excellence »)
    if not given or any(noun(w) or names_mod.country(w) or w.lower() in phrases for w in given):
        return None
    surname = m.group(2)
    if surname.lower() in phrases or f"({surname})" in text or len(surname.replace("'", "")) < 3:
        return None
    return text.rfind(given[0], m.start(1), m.end(1))


_HOSTED = re.compile(r"\s+(?:au|aux|en|à la|à l'|auprès du|auprès de la|auprès de l')\s*"
                     r"((?:République (?:du |de |de la |d')|Royaume (?:du |de ))?[A-ZÀ-Ý][\w'-]+(?: [A-ZÀ-Ý][\w'-]+)*)")


_ON_TO_AN_ACRONYM = re.compile(r"^((?:\s+(?:d'|de|du|des|au|aux|à|en|pour|la|le|les|l')\s*[a-zà-ÿ-]{3,}){0,3}"
                               r"(?:\s+(?:au|aux|à|en|du|de)\s+[A-ZÀ-Ý][\w-]+)?)\s*\(([A-Z][A-Za-z]{2,9})\)")


def _up_to_its_acronym(n, text: str):
    """« la Mission bilatérale | d'appui au Niger (MISIN) »: a body's name the form reader stopped at a
    lower-case noun runs on to the acronym in brackets that closes it, a few words later (the acronym
    may be of another language's name and spell nothing here); the acronym then names it."""
    if n.acronym or n.kind not in ("organisation", "both"):
        return n
    m = _ON_TO_AN_ACRONYM.match(text[n.end:n.end + 90])
    if not m or names_mod.country(m.group(2)) or names_mod.is_credit(m.group(2), set()):
        return n
    tail = m.group(1)
    return replace(n, end=n.end + len(tail), name=n.name + tail, acronym=m.group(2))


def _head_and_tail(short: str, full: str) -> bool:
    """« l'Institut Tiéfo Amoro » after « l'Institut d'enseignement militaire supérieur (IEMS) Tiéfo
    Amoro »: the same head noun and the same last name, the words between left out."""
    head, _, tail = short.partition("-")
    return bool(tail) and "-" in tail and full.startswith(head + "-") and full.endswith("-" + tail) and full != short


def _with_its_host(n, text: str):
    """« la Mission italienne de soutien au Niger », « la Mission de partenariat militaire de l'Union
    européenne au Niger »: a mission is named with the country that hosts it, part of its name."""
    words = n.name.split()
    if not words or words[0].lower() not in lexicon.HOSTED_BODIES or n.acronym:
        return n
    m = _HOSTED.match(text[n.end:n.end + 60])
    if not m or not names_mod.country(re.sub(r"^(?:République|Royaume) (?:du |de la |de l'|de |d')", "", m.group(1))):
        return n
    if words[0].lower() in lexicon.NAMED_WITH_WHERE_THEY_ARE:
        return replace(n, name=n.name + text[n.end:n.end + m.end()])  # the country stays a place of its own
    return replace(n, end=n.end + m.end(), name=n.name + text[n.end:n.end + m.end()])


def _numbered_unit(n, text: str):
    """« le 26e Bataillon d'intervention rapide », « la 3e Région militaire »: a numbered unit keeps
    its number in its name (three battalions of one decree are three entities)."""
    rank = _unit_number(n.name, text, n.start)
    return replace(n, start=n.start - len(rank), name=rank + n.name) if rank else n


def _unit_number(name: str, text: str, start: int) -> str:
    """The number written before a military unit's name (« 26e » of « le 26e Bataillon … »), or ""."""
    words = name.split()
    rank = _ORDINAL_BEFORE.search(text[max(0, start - 8):start])
    return rank.group() if rank and words and words[0].lower() in lexicon.MILITARY_UNITS else ""


def _before_a_person(n, persons: list[tuple[int, int]], text: str):
    """A name found from its form that runs on from a country into a person the model names at its end
    (« l'ambassade de Chine Wang Jun », said of its chargé d'affaires) stops before the person; a body
    named after a person (« CHU Gabriel Touré », « Académie militaire Georges Namoana ») does not."""
    if text[n.start:n.end] != n.name:
        return n
    for a, b in persons:
        if n.start < a and b >= n.end and a < n.end:
            name = text[n.start:a].rstrip(" ,")
            head, _, last = name.rpartition(" de ")
            if head and names_mod.country(last):
                return replace(n, end=n.start + len(name), name=name)
    return n


def _before_a_verb(n, doc, text: str):
    """A name found from its form ends before a verb the model reads as conjugated or as a present
    participle (« la Brigade Bear | représente une centaine », « le ministère malien de la Sécurité |
    tempère », « la Mission | commençant à »): such a word closes the name, whatever its ending says.
    Past participles stay (« Forces armées », « Mission … intégrée »)."""
    if text[n.start:n.end] != n.name:
        return n
    span = doc.char_span(n.start, n.end, alignment_mode="expand")
    if span is None:
        return n
    for t in span[1:]:
        if t.pos_ in ("VERB", "AUX") and t.is_lower and t.idx < n.end:
            form, tense = t.morph.get("VerbForm"), t.morph.get("Tense")
            if "Fin" in form or "Part" in form and "Pres" in tense:
                name = text[n.start:t.idx].rstrip(" ,")
                return replace(n, end=n.start + len(name), name=name)
    return n


_COMPLEMENT_LINKS = frozenset({"de", "du", "des", "d'", "la", "l'", "le", "les", "pour", "et", "aux", "à", "au"})
_COMPLEMENT_POS = frozenset({"NOUN", "ADJ", "PROPN"})


def _as_long_as_the_model(n, doc, text: str):
    """An organisation's name found from its head, lengthened to the model's span when the model
    reads on through the complement of its head noun (« Organisation mondiale | de la santé »,
    « Direction générale | des douanes », « Association des jeunes | pour la paix »), or an adjective
    of its last noun (« Front de libération | nationale »), or takes in a
    capitalised word before it (« Haut | Conseil islamique »): French bodies' names go on in lower
    case after « de », « pour », « et ». Only nouns, adjectives and the small words between them are
    taken, never a verb (« la Banque ouest-africaine de développement | finance … »)."""
    if n.kind not in ("organisation", "place", "both") or n.acronym or n.by_acronym:
        return n
    span = doc.char_span(n.start, n.end, alignment_mode="expand")
    if span is None:
        return n
    labels = ("ORG", "MISC") if n.kind == "organisation" else ("LOC", "ORG", "MISC")
    ent = next((e for e in doc.ents if e.start <= span.start < e.end and e.label_ in labels and not e.ent_id_), None)
    if ent is None or "\n" in ent.text:
        return n
    start, end = n.start, n.end
    if n.kind == "organisation" and ent.end > span.end and (
            doc[span.end].lower_ in _COMPLEMENT_LINKS or doc[span.end].pos_ == "ADJ" and doc[span.end].text.islower()
            and not names_mod.demonym_country(doc[span.end].text)):  # « le Conseil des ministres | burkinabè »: whose
        k = span.end
        while k < ent.end and (doc[k].lower_ in _COMPLEMENT_LINKS or doc[k].pos_ in _COMPLEMENT_POS) \
                and doc[k].text[:1].isalpha():
            k += 1
        while k > span.end and (doc[k - 1].lower_ in _COMPLEMENT_LINKS or doc[k - 1].pos_ not in _COMPLEMENT_POS):
            k -= 1
        if k == ent.end and (k >= len(doc) or not doc[k].text[:1].isalpha() or doc[k].pos_ not in _COMPLEMENT_POS):
            end = doc[k - 1].idx + len(doc[k - 1].text)
    if ent.start < span.start and all(t.is_title and t.pos_ in _COMPLEMENT_POS and t.lower_ not in lexicon.PERSON_TITLES
                                      for t in doc[ent.start:span.start]):
        start = ent.start_char
    if (start, end) == (n.start, n.end):
        return n
    return replace(n, start=start, end=end, name=text[start:n.start] + n.name + text[n.end:end])




def _diploma(name: str) -> bool:
    """« le Brevet d'études du premier cycle (BEPC) », « le Baccalauréat », « le Règlement de service
    dans l'armée »: an exam, a diploma, a security, a text or a policy, no body (``NOT_BODY_HEADS``)."""
    first = name.split()[0].lower() if name.split() else ""
    return first in lexicon.NOT_BODY_HEADS


def _spelled_acronyms(found: list, text: str, phrases) -> list:
    """« les Forces Armées Royales » … « l'État-Major Général des FAR »: an acronym the article uses
    without defining it, whose letters are the initials of a body's name it gives in full, stands
    for that name (the first name that spells it; never one the gazetteer knows as a phrase)."""
    defined = {n.acronym for n in found if n.acronym}
    used = set(re.findall(r"(?<![\w-])[A-Z]{2,6}(?![\w-])", text)) - defined
    out = []
    for n in found:
        words = [w for w in re.findall(r"\w+", n.name) if w.lower() not in lexicon.NAME_SMALL_WORDS]
        initials = "".join(w[0] for w in words).upper()
        if n.acronym is None and n.kind in ("organisation", "both") and len(words) >= 2 \
                and words[0][:1].isupper() and initials in used and initials.lower() not in phrases \
                and not names_mod.is_credit(initials, set()) and not names_mod.is_credit(n.name, set()):
            n = replace(n, acronym=initials, by_acronym=True)
            used.discard(initials)
        out.append(n)
    return out


def _expand(n, defined: dict[str, str]):
    """The name with an acronym the article defines replaced by its definition."""
    words = n.name.split()
    if len(words) < 2 or not any(w.split("'")[-1] in defined for w in words):
        return n
    if words[0].islower() and words[1] in defined and (len(words) == 2 or len(words) == 3 and (
            names_mod.country(words[2]) or words[2].lower() in lexicon.CAPITALS)):
        # « la mission EUTM (Mali) »: a common noun before the acronym says what the body is; the
        # name is the acronym's definition (and the country after it where it works)
        return replace(n, name=defined[words[1]])
    full = " ".join(w[:len(w) - len(w.split("'")[-1])] + defined[w.split("'")[-1]] if w.split("'")[-1] in defined
                    else w for w in words)
    return replace(n, name=full)


_COUNTRY_AFTER_OF = re.compile(r"\b(?:du|de la|de l'|d'|de)\s*(" + "|".join(
    sorted((re.escape(c) for c in lexicon.COUNTRIES), key=len, reverse=True)) + r")\b")


def _no_menu_countries(found: _Found, text: str) -> None:
    """A country alone on its line (« Actualités / Sénégal / Sénégal ») is a site's menu
    or a tag under the article, not the text naming it."""
    def alone(m: Mention) -> bool:
        start = text.rfind("\n", 0, m.start) + 1
        end = text.find("\n", m.end)
        return text[start:end if end != -1 else len(text)].strip() == m.text and names_mod.country(m.text) is not None

    found.mentions[:] = [m for m in found.mentions if not alone(m)]


_ALSO_OF = re.compile(r"\s*(?:et\s+(?:de\s+la|de\s+l'|du|des|d')\s*[\w-]+\s*)?$")


def _states_of_bodies(found: _Found, doc, text: str, cfg: Config, sent_of) -> None:
    """« le ministère de l'Intérieur du Tchad », « le Président de la République du Togo », « le chef
    des armées du Bénin »: the country a state's body or office is named after
    is that state, also where the body's name (the model's or ours) takes the country in."""
    read = [(m.start, m.end) for m in found.mentions if m.label in ("STATE", "LOC")]
    names = [(m.start, m.end) for m in found.mentions if m.label in ("ORG", "PER")]
    names += [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("ORG", "PER", "MISC")]
    for hit in _COUNTRY_AFTER_OF.finditer(text):
        a, b = hit.span(1)
        if any(x < b and a < y for x, y in read):
            continue
        # the name that takes the country in, or the one just before « du » (and a second complement:
        # « la ministre de la Pêche et de l'Élevage du Ghana »)
        start = min((x for x, y in names if x < a and (y >= b or y <= hit.start() and _ALSO_OF.match(text, y, hit.start()))),
                    default=None)
        if start is None:
            continue
        head = text[start:hit.start()].split(" ", 1)[0].lower().split("'")[-1]
        if head not in lexicon.STATE_BODY_HEADS and not _PORTFOLIO_BEFORE.search(text[max(0, start - 160):start]):
            continue  # (a minister's portfolio is a body of the state: « …, de la Recherche du Niger »)
        cname = names_mod.country(hit.group(1)) or hit.group(1)
        _add_state(found, cfg, cname, a, b, text[a:b], sent_of(a))
        read.append((a, b))


_TITLE_OF_A_BODY = re.compile(r"^([\w-]+)(?:\s+[a-zé]+)?\s+(?:de la|du|de l'|d')\s*([A-Z][A-Za-z]{1,9})$")


def _bodies_of_titles(found: _Found, doc, text: str, cfg: Config, sent_of) -> None:
    """« le porte-parole de la MINUSMA », « le directeur général de la SONIDEP »: the model reads the
    title and the body as one name, which names nobody; the body, by its acronym, is an organisation."""
    taken = [(m.start, m.end) for m in found.mentions]
    for ent in doc.ents:
        if ent.label_ not in ("ORG", "PER", "MISC"):
            continue
        hit = _TITLE_OF_A_BODY.match(ent.text)
        if hit is None or hit.group(1).lower() not in lexicon.TITLE_WORDS:
            continue
        acronym = hit.group(2)
        if sum(c.isupper() for c in acronym) < 2 or names_mod.country(acronym):
            continue
        a = ent.start_char + hit.start(2)
        b = a + len(acronym)
        if any(x < b and a < y for x, y in taken):
            continue
        ids = [i for i in gazetteer_phrases(cfg).get(acronym.lower(), []) if cfg.entities[i].kind != "place"]
        eid = ids[0] if ids else slug(acronym)
        label = _label(cfg.entities[eid].kind) if ids else "ORG"
        found.mentions.append(Mention(a, b, acronym, label, eid, sent_of(a), known=bool(ids)))
        if not ids:
            found.entities.setdefault(eid, NewEntity(eid, "organisation", acronym))
        taken.append((a, b))


_UN_MISSION = re.compile(r"\b(?:M[IO]NU[A-Z]{1,5}|M[io]nu(?!t|scul|m|i)[a-z]{1,5})\b")
"""The form of a United Nations mission's French acronym (« MINUSMA », « la Minusca », « Monusco »),
not « minute », « minuscule » or « monument »."""


def _un_missions(found: _Found, text: str, cfg: Config, sent_of) -> None:
    """A UN mission named by its acronym is an organisation, wherever the model put it (a place,
    a person) or left it out; the acronym is its name, also where the article spells it out first
    (« la Mission des Nations unies en Centrafrique (Minusca) »: every mention of that new body
    takes the acronym's id)."""
    for m in list(found.mentions):
        if m.label != "ORG" or m.known or not _UN_MISSION.fullmatch(m.text):
            continue
        eid = slug(m.text)
        # the name it stands for, spelt out just before its brackets, or the one the alias reading gave it
        spelt = [x.entity for x in found.mentions if x.label == "ORG" and not x.known and x.end <= m.start
                 and text[x.end:m.start].strip() == "("]
        for old in {m.entity, *spelt} - {eid}:
            found.mentions[:] = [replace(x, entity=eid) if x.entity == old else x for x in found.mentions]
            found.entities.pop(old, None)
        found.entities[eid] = NewEntity(eid, "organisation", m.text)
    for hit in _UN_MISSION.finditer(text):
        a, b = hit.span()
        inside = [n for n, m in enumerate(found.mentions) if m.start < b and a < m.end]
        if any(found.mentions[n].label in ("ORG", "ARMED", "STATE") or (found.mentions[n].start, found.mentions[n].end) != (a, b)
               for n in inside):
            continue  # part of a longer name, or already a body
        ids = [i for i in gazetteer_phrases(cfg).get(hit.group().lower(), []) if cfg.entities[i].kind != "place"]
        eid = ids[0] if ids else slug(hit.group())
        mention = Mention(a, b, hit.group(), _label(cfg.entities[eid].kind) if ids else "ORG", eid, sent_of(a),
                          known=bool(ids))
        if inside:
            found.mentions[inside[0]] = mention
        else:
            found.mentions.append(mention)
        if not ids:
            found.entities[eid] = NewEntity(eid, "organisation", hit.group())


def _add_state(found: _Found, cfg: Config, cname: str, a: int, b: int, said: str, si: int) -> None:
    """A STATE mention of the country ``cname``, written ``said`` at ``a:b`` in sentence ``si``: the
    gazetteer's state of that name, else a new state."""
    states = [i for i in gazetteer_phrases(cfg).get(normalize(cname).lower(), []) if cfg.entities[i].kind == "state"]
    eid = states[0] if states else slug(cname)
    found.mentions.append(Mention(a, b, said, "STATE", eid, si, known=bool(states)))
    if not states:
        found.entities.setdefault(eid, NewEntity(eid, "state", cname))


def _state_mention(n, text: str, cfg: Config, phrases) -> list[Mention]:
    """The state a phrase such as « le gouvernement nigérien » names: the gazetteer's state of that
    name, else a new state when the name is a country's."""
    ids = [i for i in phrases.get(normalize(n.name).lower(), []) if cfg.entities[i].kind == "state"]
    if ids:
        return [Mention(n.start, n.end, text[n.start:n.end], "STATE", ids[0], 0, True)]
    cname = names_mod.country(n.name)
    if cname is None:
        return []
    return [Mention(n.start, n.end, text[n.start:n.end], "STATE", slug(cname), 0, False)]


def _seat_or_capital(found: _Found, ent, cfg: Config, si: int) -> bool:
    """« le Kremlin » is an institution; a capital acting (« Niamey reproche à … », « entre Paris et
    Niamey », « les intérêts de Moscou ») is its state; a state's capital after « à » is the city.
    Adds the mention and says so, or leaves the name to the other rules."""
    low = ent.text.lower()
    a, b = ent.start_char, ent.end_char
    ids = [i for i in ent.ent_id_.split("|") if i]
    if low in lexicon.SEAT_INSTITUTIONS and not ids:
        found.mentions.append(Mention(a, b, ent.text, "ORG", slug(ent.text), si, known=False))
        found.entities.setdefault(slug(ent.text), NewEntity(slug(ent.text), "organisation", ent.text))
        return True
    country = lexicon.CAPITALS.get(low)
    if country is None:
        return False
    kinds = {cfg.entities[i].kind for i in ids}
    doc = ent.doc
    prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if kinds and kinds <= {"state"} and prev in lexicon.PLACE_PREPOSITIONS:
        found.mentions.append(Mention(a, b, ent.text, "LOC", slug(ent.text), si, known=False))
        found.entities.setdefault(slug(ent.text), NewEntity(slug(ent.text), "place", ent.text))
        return True
    if kinds - {"place"} or not _acts(ent):
        return False
    _add_state(found, cfg, country, a, b, ent.text, si)
    return True


_CLITICS = frozenset({"n'", "ne", "se", "s'", "l'", "lui", "leur", "y", "en", "le", "la", "les"})


def _acts(ent) -> bool:
    """Whether a place name stands for who acts: the subject of a verb (« Niamey reproche … », « si
    Bamako n'a pas réagi »), one side « entre X et Y », or after « de » a state's attribute (« les
    intérêts extérieurs de Moscou », « se détourner de Paris »)."""
    doc = ent.doc
    prev = doc[ent.start - 1] if ent.start > 0 else None
    k = ent.end
    if k + 1 < len(doc) and doc[k].lower_ == "et" and doc[k + 1].ent_type_:
        k += 1  # « Moscou et Bamako entendent … »: the first of two subjects
        while k < len(doc) and doc[k].ent_type_:
            k += 1
    while k < len(doc) and (doc[k].lower_ in _CLITICS or doc[k].text in ("«", "\"", "“")):
        k += 1  # « Londres « ne peut pas déployer … »: the words it says are its own
    if (prev is None or ent[0].is_sent_start or prev.pos_ in ("PUNCT", "SPACE", "SCONJ", "CCONJ", "PRON", "ADV")) \
            and k < len(doc) and doc[k].pos_ in ("VERB", "AUX"):
        return True
    back = [t.lower_ for t in doc[max(0, ent.start - 4):ent.start]]
    if back[-1:] in (["selon"], ["avec"], ["contre"]) or back[-2:] in (["encontre", "de"], ["encontre", "d'"]):
        return True  # « selon Moscou », « à l'encontre d'Alger »: a side
    if _seat_of_power(doc, ent):
        return True  # « la junte au pouvoir à Bamako »: the regime, its state
    if back[-1:] == ["à"] and ent.start > 1 and doc[ent.start - 2].lemma_.lower() in lexicon.TIES_VERBS:
        return True  # « se sont liés à Moscou »: the partner
    if prev is not None and prev.pos_ == "VERB" and prev.lemma_.lower() in lexicon.SAYING_VERBS \
            and ent.start > 1 and doc[ent.start - 2].pos_ == "AUX" and (k >= len(doc) or doc[k].is_punct):
        return True  # « …, a indiqué Moscou. »: who said it
    if back[-1:] == ["et"] and "entre" in [t.lower_ for t in doc[max(0, ent.start - 10):ent.start - 4]]:
        back = [t.lower_ for t in doc[max(0, ent.start - 10):ent.start]]  # « entre la junte au pouvoir à Bamako et Moscou »
    if back[-1:] == ["par"] and ent.start > 1 and doc[ent.start - 2].pos_ in ("VERB", "AUX"):
        return True  # « offert par Niamey »: who does it
    if back[-1:] == ["entre"] or (back[-1:] == ["et"] and "entre" in back):
        # one side « entre Paris et Niamey », not a stage of a road « entre Kayes et Bamako »
        sides = [e for e in doc.ents if e.sent == ent.sent and e != ent and e.label_ not in ("DATE", "QTY")
                 and abs(e.start - ent.start) <= 4]
        return not sides or any(e.text.lower() in lexicon.CAPITALS or names_mod.country(e.text) for e in sides)
    if back[-1:] in (["de"], ["d'"]):
        k = ent.start - 2
        while k > 0 and doc[k].pos_ == "ADJ":
            k -= 1
        return k >= 0 and doc[k].lemma_.lower() in lexicon.STATE_ATTRIBUTES
    return False


def _seat_of_power(doc, ent) -> bool:
    """« la junte au pouvoir à Bamako »: the capital where a regime holds power stands for its state."""
    return [t.lower_ for t in doc[max(0, ent.start - 3):ent.start]] == ["au", "pouvoir", "à"]


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
        after = ent[-1].whitespace_ + "".join(t.text_with_ws for t in doc[ent.end:ent.end + 8])  # not doc.text:
        if _DATELINE.match(after[:20]) and (  # that joins the whole article again at every name
                ent.start == 0 or "\n" in doc[ent.start - 1].text_with_ws or doc[ent.start - 1].is_space):
            return places[0]  # « Bamako, 30 juin 2023 - » opens a dispatch: where it is written
        if _country_of_a_noun(ids, doc, ent, cfg):
            return others[0]  # « la sécurité du Mali », « le président du Mali »: the state
        if all(cfg.entities[i].place_kind == "country" for i in places):
            return places[0] if _country_as_place(doc, ent) else others[0]
        if (prev not in lexicon.PLACE_PREPOSITIONS or _seat_of_power(doc, ent)) and _acts(ent):
            return others[0]  # « la décision de Bamako », « Bamako a décidé »: the state the capital stands for
        return places[0] if (prev in LOCATIVE and not _dative(doc, ent)) or _listed(doc, ent) \
            or _town_reached_or_left(doc, ent) else others[0]
    return ids[0]


_DATELINE = re.compile(r"^\s*,\s*(?:le\s+)?\d{1,2}\s")


def _after_an_attribute(doc, ent) -> bool:
    """Whether the noun before « du » is one of a state's attributes (« la volonté du Mali »)."""
    k = ent.start - 2
    while k > 0 and doc[k].pos_ == "ADJ" and doc[k].text.islower():
        k -= 1
    return k >= 0 and doc[k].lemma_.lower() in lexicon.STATE_ATTRIBUTES


def _country_of_a_noun(ids: list[str], doc, ent, cfg: Config) -> bool:
    """Whether a country name that is also a state comes after « de » and a noun other than a
    withdrawal, a region or a name (« la sécurité du Mali », not « le retrait du Mali »)."""
    places = [i for i in ids if cfg.entities[i].kind == "place" and cfg.entities[i].place_kind == "country"]
    if not places or len(places) == len(ids) or ent.start < 2 or doc[ent.start - 1].lower_ not in ("de", "d'", "du"):
        return False
    k = ent.start - 2
    while k > 0 and doc[k].pos_ == "ADJ" and doc[k].text.islower():
        k -= 1  # « la croissance économique du Mali »
    noun = doc[k]
    return noun.pos_ in ("NOUN", "PROPN") and not noun.ent_id_ and noun.lemma_.lower() not in lexicon.FROM_A_COUNTRY


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
            end = m.end(1)
            if rx is not _BEFORE and (verb := _VERB_AFTER_ROLE.search(m.group(1))):
                end = m.start(1) + verb.start()  # « X, ministre de l'Intérieur | a reçu Y »: the title ends
            role = _clean_role(part[m.start(1):end])
            if len(role) > len(found.roles.get(eid, "")):
                found.roles[eid] = role
            role_spans.append((base + m.start(1), base + end))


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


_TITLE_OF_ONE_WORD = re.compile(r"(?i:président|présidente|ministre|directeur|directrice|gouverneur|chef|commandant)"
                                r"\s+(?:de la|de l'|du|des|de)\s*[A-ZÀ-Ý][\w-]+\s+"
                                r"(?=[A-ZÀ-Ý][\w'-]+(?:\s+[A-ZÀ-Ý][\w'-]+){1,3}$)")
"""A title whose portfolio is one capitalised word, run by the model into the name after it."""


def _name_after_portfolio(ent, text: str):
    """The person at the end of a span that runs a minister's portfolio into their name (« ministre
    de la Défense Nationale Salifou Mody », « … et des Ressources Halidou Sawadogo »): the last two
    to four proper nouns, when what comes before them in the span or just before it is a title's
    portfolio (a small word before a capitalised noun or adjective, after a minister's title)."""
    doc = ent.doc
    k = ent.end
    while k > ent.start and doc[k - 1].pos_ == "PROPN" and doc[k - 1].is_title and doc[k - 1].lower_ not in ROLE_HEADS:
        k -= 1
    while k < ent.end and doc[k].lower_ in lexicon.DEMONYMS:
        k += 1  # « Défense Nationale » ends the portfolio
    if not 2 <= ent.end - k <= 4 or k == ent.start and ent.label_ == "PER":
        return None
    j = k - 1
    while j >= 0 and doc[j].pos_ in ("NOUN", "ADJ") and doc[j].is_title:
        j -= 1  # the portfolio's capitalised words (« Défense Nationale », « Ressources »)
    if j == k - 1 or j < 0 or doc[j].lower_ not in ("de", "des", "du", "d'", "la", "l'", "et", "aux"):
        return None
    start = doc[max(0, j - 12)].idx
    if not re.search(r"\b(?i:ministre|ministres|secrétaire|commissaire|ministère)\b", text[start:doc[j].idx]):
        return None
    return doc[k:ent.end]


def _imperative(t) -> bool:
    """A capitalised verb of the second person plural opening a line, followed by its pronoun or
    by a verb, adverb, article or preposition: what a web page tells its reader, not a name."""
    if not (t.text[:1].isupper() and t.lower_.endswith("ez") and len(t.text) > 4) or t.i + 1 >= len(t.doc):
        return False
    nxt = t.doc[t.i + 1]
    return (t.i == 0 or "\n" in t.doc[t.i - 1].text_with_ws or t.is_sent_start) and (
        nxt.lower_ in ("-vous", "-nous", "-le", "-la", "-les") or nxt.pos_ in ("VERB", "ADV", "DET", "ADP"))


_TOWN_AFTER_A_COMMON_NOUN = re.compile(r"^([a-zà-ÿ][\w-]*)(?:\s+[a-zà-ÿ][\w-]*)?\s+(?:de|du|d')\s*"
                                       r"([A-ZÀ-Ý][\w'-]+(?:[ -][A-ZÀ-Ý][\w'-]+)?)$")
"""A place the model read with the common noun before it (« marché de Diffa »): the noun, maybe an
adjective, « de », then one or two capitalised words."""
_SITE_WORD_BEFORE = re.compile(r"\b(?i:" + "|".join(lexicon.SITE_OF) + r")(?: [\w']+){0,2} (?:de|du|d')\s*$")
"""« la mine d'or de | Loulo », « la région de | Tahoua »: a site word before a name makes it a place."""
_WHERE_BEFORE = re.compile(r"(?:\b(?i:à|au|aux|en|dans|vers|depuis|jusqu'à|près de|près du|sur|sous|via)(?: la| l'| le| les)?|"
                           r"\b(?i:" + "|".join(lexicon.SITE_OF) + r")(?: \w+)? (?:de|du|d'))\s*$")


def _person_shaped(ent, text: str, a: int, b: int, cfg: Config) -> bool:
    """Whether a name the model takes for a place is shaped as a person's: two to four capitalised
    words, none a head noun, a small word, a nationality or a country, not a place the gazetteer
    knows, and nothing before it that says where (« à », « dans », « la ville de »). Towns of more
    than one word are written after a preposition, or hyphenated."""
    words = text[a:b].split()
    if not 2 <= len(words) <= 4 or names_mod.country(text[a:b]):
        return False
    for w in words:
        low = w.lower()
        if not (w[:1].isupper() and w[1:2].islower() and re.fullmatch(r"[\w'-]+", w) and not any(c.isdigit() for c in w)):
            return False
        if low in lexicon.ORG_HEADS or low in lexicon.PLACE_HEADS or low in lexicon.CONNECTORS or low in ORG_HEADS \
                or low in lexicon.DEMONYMS or names_mod.demonym_country(w) or names_mod.country(w) \
                or low in lexicon.ORG_SUFFIXES or low in STOP_NAMES or low in lexicon.CAPITALS:
            return False
    phrases = gazetteer_phrases(cfg)
    if any(w.lower() in phrases for w in words):
        return False  # « Bamako Sénou »: a known name inside
    # (the same name written elsewhere after « à », « dans »… is a town: « à Koira Tegui »)
    return not any(_WHERE_BEFORE.search(text[max(0, m.start() - 30):m.start()])
                   for m in re.finditer(r"(?<![\w-])" + re.escape(text[a:b]) + r"(?![\w-])", text))


def _new_entity(found: _Found, ent, label: str, text: str, sents, sent_of, role_spans, surnames, cfg) -> None:
    """A PER/ORG/LOC the gazetteer does not know: link by surname, else propose a new entity."""
    a, b = ent.start_char, ent.end_char
    if "\n" in text[a:b]:  # the model ran a name into the next line (a byline, a heading)
        b = a + text[a:b].index("\n")
    if "|" in text[a:b]:
        return  # a page's breadcrumb of sections (« Burkina Faso|Mine »), no name
    if any(ra <= a and b <= rb for ra, rb in role_spans) and not (
            label == "ORG" and " " in ent.text and ent[0].lower_ in lexicon.ORG_HEADS
            and not names_mod.is_description(ent.text)):
        return  # part of someone's title (« pour l'Afrique de l'Ouest »), unless a body's name
                # (« président du Forum citoyen pour la République »)
    if re.search(r"[«»\"]", text[a:b].strip("«» \"")):
        return  # the model cut across a quotation mark (« les « Aigles » du Mali »)
    if len(ent) == 1 and ent[0].pos_ == "VERB":
        return  # a verb capitalised at the start of a heading (« Renforcer sa présence »)
    if ent[0].lower_ in ("sommet", "sommets") or re.search(r"\b(?i:sommets?)\s+$", text[max(0, a - 10):a]):
        return  # a meeting's name (« le Sommet Russie-Afrique »): an event, not an entity
    if _ARMED_GROUPS_AT_LARGE.match(ent.text):
        return  # « les Groupes armés terroristes »: armed groups at large
    if len(ent) == 1 and _imperative(ent[0]):
        return  # a page's call to the reader (« Abonnez-vous », « Restez informé »)
    if len(ent) == 1 and ent[0].pos_ == "NOUN" and text[b:b + 2] in (" :", ":") \
            and text[max(0, a - 1):a] in ("", "\n") and not names_mod.country(ent.text):
        return  # the common noun a headline opens with (« Coton : … »)
    if label in ("ORG", "LOC", "MISC") and len(ent) >= 3 and ent[0].lower_ in ("armée", "brigade", "division") \
            and _RANK_OF.search(text[max(0, a - 20):a]) and all(t.text[:1].isupper() for t in ent[1:]):
        ent, label = ent[1:], "PER"  # « le général d'Armée Assimi Goïta »: the rank's end, then a name
        a, b = ent.start_char, ent.end_char
    if label in ("ORG", "LOC", "MISC") and _RANKED.match(text[a:b]):
        label = "PER"  # « le Capitaine Ibrahim Traoré »: a rank, then a name
    if (named := _name_after_portfolio(ent, text)) is not None:
        ent, label = named, "PER"  # « le ministre de la Défense Nationale | Salifou Mody »
        a, b = ent.start_char, ent.end_char
    elif label == "PER" and (t := _TITLE_OF_ONE_WORD.match(ent.text)) \
            and (named := ent.doc.char_span(a + t.end(), b)) is not None:
        ent, a = named, a + t.end()  # « Président de la Transition | Mamadi Doumbouya »
    if label == "LOC" and _person_shaped(ent, text, a, b, cfg):
        label = "PER"  # « … les présidents du Niger, Abdourahamane Tiani, et du Mali »

    if label == "PER" and names_mod.is_armed_group(ent.text):
        label = "ORG"  # « Boko Haram » read as a person: the group's name says what it is
    if label == "ORG" and len(ent) == 1 and re.search(r"\([A-ZÀ-Ý][\w&-]+\)\s+(?:de|d')\s*$", text[max(0, a - 20):a]):
        label = "LOC"  # « l'École nationale … (ENSOA) de Kamboinsé »: where the body named before sits
    if label == "PER" and len(ent) == 1 and _TOWN_BEFORE.search(text[max(0, a - 20):a]) \
            and ent.text not in surnames and not any(e.label_ == "PER" and len(e) > 1 and ent.text in e.text.split()
                                                     for e in ent.doc.ents):
        label = "LOC"  # « s'est conclu à Dosso », « le Gouverneur de Dosso »: one word nobody bears as a name
    if label == "PER" and " " in text[a:b].strip() and _GROUP_BEFORE.search(text[max(0, a - 30):a]):
        label = "ORG"  # « la troupe Mamar Kassey », « le groupe ‘’Mamar Kassey’’ »: a band, not a person
    if ent.text.lower() in lexicon.DEMONYMS:
        return  # a nationality capitalised (« une compagnie Africaine d'exploitation »): no name
    named_after = _named_after_someone(ent, label, text, a)
    if named_after is not None:
        # « au camp Boubacar Sada Sy », « le lycée Askia Mohamed »: a place or a body named after
        # someone, its noun with the name
        start, noun = named_after
        kind = "place" if noun.lower() in lexicon.SITES_NAMED_AFTER else "organisation"
        b = a + len(re.sub(r"\s+(?:de|du|des|d')$", "", text[a:b]))  # « … Keita | de Kati »: the town is not its name
        eid = slug(text[start:b])
        found.mentions.append(Mention(start, b, text[start:b], _label(kind), eid, sent_of(a), known=False))
        found.entities.setdefault(eid, NewEntity(eid, kind, _formed_name(text[start:b])))
        return
    if label == "PER" and (len(ent) == 1 and _COMPANY_NOUN.search(text[max(0, a - 50):a])
                           or _after_company_noun(text, a) and not _BY_OR_TO.search(text[max(0, a - 40):a])):
        # « la société russe de sécurité Wagner », « la société minière Iamgold Essakane », « des
        # sociétés dont Wagnion Gold, Roxgold Sanu et Golden Hand »: companies, whatever the model says
        label = "ORG"
    if label == "PER" and (towns := _towns_without_their_comma(text, a, b)):
        for x, y in towns:  # « à Kaya, Dori, Gorom Sebba et Fada »: two towns, their comma left out
            eid = slug(text[x:y])
            found.entities.setdefault(eid, NewEntity(eid, "place", text[x:y]))
            found.mentions.append(Mention(x, y, text[x:y], "LOC", eid, sent_of(x), known=False))
        return
    if label == "PER":
        a, b = _person_bounds(ent, text, a, b)
        if (m := re.search(r"\s+(?:du|de la|de l'|de|d')\s*([A-ZÀ-Ý][\w' -]+)$", text[a:b])) and (
                names_mod.country(m.group(1)) or m.group(1).lower() in lexicon.CAPITALS):
            b = a + m.start()  # « Moussa Adamou Zakari du Niger »: where the person comes from is no part of the name
        if (first := re.match(r"([A-ZÀ-Ý][\w-]+)\s+(?=[A-ZÀ-Ý][\w-]+\s+[A-ZÀ-Ý])", text[a:b])) \
                and _COMPANY_BEFORE.search(text[max(0, a - 40):a]) \
                and re.search(r"(?<![\w-])" + re.escape(first.group(1)) + r"(?![\w-])(?!\s+[A-ZÀ-Ý])", text[:a] + text[b:]):
            # « le dirigeant de Rosatom Alexeï Likhatchev », « Rosatom » written alone elsewhere: the
            # company, then its head
            a += first.end()
    if label == "ORG":
        a -= len(_unit_number(ent.text, text, a))  # « le 26e Bataillon d'intervention rapide »: its number in its name
        b = a + names_mod.branch_cut(text[a:b])  # « l'Armée de l'air | de professionnels »
    if label == "LOC" and ent.text in lexicon.CONTINENTS and _TITLE_OF.search(text[max(0, a - 30):a]):
        return  # « les champions d'Afrique 2019 », « la Coupe d'Afrique »: a title or a cup, no place
    if label == "LOC" and ent.text in lexicon.CONTINENTS and (part := _PART_OF_A_CONTINENT.match(text[b:b + 20])):
        b += part.end()  # « l'Afrique australe », « l'Afrique de l'Ouest »: a region of its own
    name = re.sub(r"^(?:M\.|Mme\.?|Mlle\.?|Dr\.?)\s*", "", text[a:b]).strip(" '-")  # « Dr. Omar Touray »
    if label != "PER":
        name = re.sub(r"^(?:(?:la|le|les)\s+|l')\s*", "", name, flags=re.IGNORECASE)
    words = name.split()
    si = sent_of(a)
    if label in ("PER", "LOC", "MISC") and _company(name):
        label = "ORG"  # « Barrick Gold », « Ganfeng Lithium »: companies the model takes for people
    if label == "PER" and (full := _same_surname(found, name) if len(words) == 1 else _fuller_name(found, name)):
        found.mentions.append(Mention(a, b, text[a:b], "PER", full, si, known=False))
        return
    if label == "PER":
        while len(words) > 2 and words[0].lower() in _LEADING_WORDS | lexicon.RANKS:
            # « Pour Abdoulaye Seydou », « le Sous-lieutenant Mama Sanogo »: the name is after
            a = text.index(words[1], a + len(words[0]))
            name = name[name.index(words[1]):]
            words = words[1:]
        if len(words) > 1 and words[0].lower() in _LEADING_WORDS:
            a = text.index(words[1], a + len(words[0]))
            name = name[name.index(words[1]):]
            words = words[1:]
        if all(w.lower().strip(".") in lexicon.PERSON_TITLES or w.lower() in ROLE_HEADS for w in words):
            return  # a title alone (« Le Colonel a souligné »)
        if len(words) == 2 and words[0].lower().strip(".") in lexicon.PERSON_TITLES:
            # « Dame N'Kpo » after « N'Kpo Charlotte »: the person named before
            if full := _same_surname(found, words[1]):
                found.mentions.append(Mention(a, b, text[a:b], "PER", full, si, known=False))
            return
        if words and not (words[0][0].isupper() and words[-1][0].isupper()):
            return
        if words and words[-1] in surnames:
            found.mentions.append(Mention(a, b, text[a:b], "PER", surnames[words[-1]], si))
            return
        mister = re.match(r"M\.\s*[A-ZÀ-Ý][\w-]+$", text[a:b])  # « M.Camara »: a person, by surname
        if (len(words) < 2 and not mister) or not all(w[0].isupper() or w.lower() in {"de", "du", "ben", "ould", "ag"}
                                                       for w in words) or any(c.isdigit() for c in name):
            return
        head = re.sub(r"^[ld]['’]", "", words[0].lower())  # (« L'Ambassadeur Ceylan »)
        if head in ROLE_HEADS or words[0].lower() in STOP_NAMES:
            if head in ROLE_HEADS and len(words) == 2 and (full := _same_surname(found, words[1])):
                found.mentions.append(Mention(a, b, text[a:b], "PER", full, si, known=False))
            return  # a title (« l'Ambassadeur Ceylan » is Efe Ceylan when the text names him so)
        kind = "person"
    elif label in ("ORG", "LOC"):
        if mister := re.match(r"M\.\s*([A-ZÀ-Ý][\w-]+)$", text[a:b]):
            kind, name = "person", mister.group(1)
        else:
            kind = None
        if label == "LOC" and name.lower() in lexicon.ARTICLE_CITIES and text[max(0, a - 3):a] in ("du ", "au "):
            name, kind = lexicon.ARTICLE_CITIES[name.lower()], "place"
        if kind is None and label == "LOC" and len(name) == 2 and name.istitle() and text[max(0, a - 2):a] == "à ":
            kind = "place"  # « à Pô »: a short town name after « à »
        if kind is None and words and words[0][:1].isupper() and not names_mod.country(name) \
                and _COMPANY_NOUN.search(text[max(0, a - 50):a]) and name.lower() not in STOP_NAMES:
            kind = "organisation"  # « la société canadienne B2Gold », « l'entreprise chinoise Kunlun »
            if len(words) > 1 and words[0].lower() in lexicon.DEMONYMS:
                cut = text.index(words[1], a)
                a, name = cut, text[cut:b]  # « la société Russe Glavkosmos »: a nationality, then the name
            found.companies.add(slug(name))
        if kind is None and name.lower() in lexicon.BODIES_BY_NAME and name[:1].isupper():
            kind = "organisation"  # « la Primature »
        if kind is None and label == "LOC" and (town := _TOWN_AFTER_A_COMMON_NOUN.match(name)) \
                and town.group(1).lower() in lexicon.PLACES_OF_A_TOWN:
            # « le marché de Diffa », « le camp militaire de Léré », read as one name: the town
            a, name, kind = a + town.start(2), town.group(2), "place"
            b = a + len(name)
        if kind is None and not names_mod.country(name) and _not_a_name(name, text, a, listed=label == "LOC"):
            return
        if kind is None and len(ent) == 1 and ent[0].pos_ == "NOUN" and ent[0].lemma_.lower() != ent[0].lower_:
            return  # a common noun in the plural, capitalised in a heading (« … d'Affaires et d'Emplois »)
        if kind is None and len(ent) == 1 and ent.start > 0 and ent.doc[ent.start - 1].lower_ in ("la", "le", "l'", "d'") \
                and ent[0].lower_ in nlp_mod.common_nouns(ent.doc.vocab) and ent[0].lower_ not in ORG_HEADS \
                and slug(name) not in cfg.entities and not names_mod.country(name):
            return  # a common noun with its article, capitalised as a subject is (« la Topographie, la Tactique »)
        if kind is None and _DANGLING.search(name):
            # The model stopped at a name the gazetteer had already claimed (« Chambre de commerce
            # et d'industrie du | Mali »): the whole is one name, and the claimed part is not a mention.
            tail = next((m for m in found.mentions if b < m.start <= b + 1 and m.sent == si), None)
            if tail is None or (tail.label == "LOC" and words[0].lower() in lexicon.SITE_OF):
                return  # « le District de | Bamako », « la Région de | Kayes »: the place is the town
            own = _DANGLING.sub("", name)
            if tail.label == "ARMED" and names_mod.is_armed_group(own):
                b, name = a + len(own), own  # « la Katiba Macina du JNIM »: a group, then the group it belongs to
            else:
                found.mentions.remove(tail)
                b = tail.end
                name = text[a:b]
        if kind is None and label in ("ORG", "LOC") and words and words[0].lower() not in ORG_HEADS \
                and not names_mod.country(name) and _PORTFOLIO_BEFORE.search(text[max(sents[si].start, a - 160):a]):
            return  # a minister's portfolio, cut from the title by a comma (« … supérieur, de la Recherche »)
        if kind is None and _country_pair(found, name, text, a, si, cfg):
            return
        if kind is None and (state := _country(ent, name, cfg)):
            eid, kind, cname = state
            if eid in cfg.entities:
                found.mentions.append(Mention(a, b, text[a:b], _label(cfg.entities[eid].kind), eid, si))
                return
            before = found.entities.get(eid)
            stated = kind == "state" or (before is not None and before.kind == "state")
            found.entities[eid] = NewEntity(eid, "state" if stated else kind, cname)
            found.mentions.append(Mention(a, b, text[a:b], _label(kind), eid, si, known=False))
            return
        if kind is None:
            company = _company_context(text, a, b) or (label == "LOC" and len(words) == 1 and ent.start > 0 and
                                                        ent.doc[ent.start - 1].lower_ in ("le", "la", "l'")
                                                        and (ent.start < 2 or ent.doc[ent.start - 2].pos_ != "ADP"
                                                             or ent.doc[ent.start - 2].lower_ == "à"))
            if company:
                found.companies.add(slug(name))
            org = label == "ORG" or words[0].lower() in ORG_HEADS or company or bool(_MEMBERS_OF.search(text[max(0, a - 40):a]))
            kind = "armed_group" if names_mod.is_armed_group(name) else "organisation" if org else "place"
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


_PORTFOLIO_BEFORE = re.compile(
    r"\b(?i:ministres?|ministères?|collègues?|homologues?)\b(?:\s+[a-zà-ÿ-]+)?"
    r"(?:\s*,?\s*(?:et\s+)?(?:de\s+la|de\s+l'|du|des|d')\s*[A-ZÀ-Ý][\w-]*(?:\s+(?!(?:de|du|des|et)\b)[\w-]+){0,2})*"
    r"\s*,?\s*(?:et\s+)?(?:de\s+la|de\s+l'|du|des|d')\s*$")
"""What comes before a minister's portfolio: the title (or « son collègue », « son homologue »), a
nationality, the portfolios before it (« le ministre nigérien de l'Hydraulique, de la | … »)."""
_RANKED = re.compile(r"^(?:(?i:le|la) )?(?i:capitaine|colonel|colonel-major|lieutenant-colonel|général|commandant|"
                     r"lieutenant|sous-lieutenant|sergent|adjudant|adjudant-chef|caporal|docteur|professeur|diva|dame|madame|"
                     r"monsieur|contrôleur|inspecteur|commissaire|intendant|médecin|pr\.?|dr\.?)"
                     r"(?: (?:général|générale|principal|divisionnaire|en chef))?"
                     r"(?: (?i:de|d')\s?(?i:brigade|division|corps d'armée|armée))?"
                     r" [A-ZÀ-Ý][\w'-]+(?: [A-ZÀ-Ý][\w'-]+)+$")
"""A rank, then a first name and a surname: a person, whatever label the model gave."""
_ARMY_OF_A_REGION = re.compile(r"(?:armées?|forces?|troupes?) (?:de l'|d'|du |de la |des )(?:"
                               + "|".join(sorted(lexicon.CONTINENTS)) + r"|Sahel)\b")
"""« la première armée d'Afrique de l'Ouest »: an army described by its region, no body's name."""
_ARMED_GROUPS_AT_LARGE = re.compile(r"(?i:groupes armés)\b")
"""« les Groupes armés terroristes (GAT) »: armed groups at large, in the plural, no group's name."""
_TOWN_BEFORE = re.compile(r"(?:(?<![\w'])(?i:à)|\b(?i:gouverneur|gouvernorat|préfet|préfecture|maire|mairie)"
                          r" (?:de|du|d'))\s*$")
"""Before one word the model takes for a person, what makes it a town (« à », « le gouverneur de »)."""
_PART_OF_A_CONTINENT = re.compile(r"\s+(?:australe|centrale|subsaharienne|sub-saharienne|occidentale|orientale|"
                                  r"méridionale|septentrionale|du (?i:nord)|du (?i:sud)|de l'(?i:ouest)|de l'(?i:est))\b")
def _named_after_someone(ent, label: str, text: str, a: int) -> tuple[int, str] | None:
    """(where the name starts, its noun) when a person's name is that of a place or a body named after
    them: the noun before the name the model read as a person (« le camp | Boubacar Sada Sy »), or
    taken in by the model (« lycée Mamadou Konaté »)."""
    if label == "PER" and (site := _SITE_BEFORE.search(text[max(0, a - 25):a])):
        return max(0, a - 25) + site.start("noun"), site.group("noun")

    if label in ("LOC", "ORG") and len(ent) > 1 and ent[0].text.islower() and _SITE_BEFORE.match(ent[0].text + " ") \
            and all(t.text[:1].isupper() for t in ent[1:]):
        return a, ent[0].text
    if label == "PER" and len(ent) >= 3 and _SITE_BEFORE.match(ent[0].lower_ + " ") \
            and all(t.text[:1].isupper() for t in ent):
        return a, ent[0].text  # the noun capitalised, read into the person (« au Camp Guillaume Ouédraogo »)
    return None


_SITE_BEFORE = re.compile(r"\b(?P<noun>(?i:camp|stade|lycée|école|collège|hôpital|caserne|avenue|boulevard|rue|place|"
                          r"quartier|pont|aéroport|centre hospitalier))\s+$")
"""Before a person's name, the noun of a place or a body named after them (« le camp Boubacar Sada Sy »)."""
_ORDINAL_BEFORE = re.compile(r"(?<![\w-])\d{1,3}(?:e|ème|eme|er|ère)\s+$")
_RANK_OF = re.compile(r"\b(?i:général|générale|général de corps)\s+(?:de\s+|d')$")
"""« général de | Brigade », « général d'| Armée »: a rank the model ran into the name after it."""
_GROUP_BEFORE = re.compile(r"\b(?i:troupe|groupe|orchestre|ensemble|chorale)(?: (?:musical|de musique))?\s*[«‘’'\"]*\s*$")
"""Before a name, the noun that makes it a band (« la troupe Mamar Kassey »)."""
_LEADING_WORDS = frozenset({"pour", "selon", "avec", "chez", "après", "avant", "pendant", "comme", "si", "mais", "et",
                            "par", "sur", "dans", "depuis", "contre", "entre", "sans", "vers", "lors", "dès",
                            "malgré", "quant", "ainsi", "alors", "enfin", "donc", "ici", "là"})
"""Capitalised at the start of a sentence, these are not part of the name after them (« Pour
Abdoulaye Seydou, … »)."""

_COMPANY_BEFORE = re.compile(r"(?:\bPDG|\bdirecteur(?: général)?|\bdirectrice|\bdirigeants?|\breprésentants?|\bactionnaires?"
                             r"|\bfiliales?|\bcapital|\bpatron|\bemployés|\bsalariés|\bnationalis\w+|\bprivatis\w+"
                             r"|\brachat)\s+(?:de\s+la\s+|de\s+l'|de\s+|d'|du\s+|la\s+|le\s+|l')?$", re.IGNORECASE)
_COMPANY_NOUN = re.compile(r"\b(?i:sociétés?|entreprises?|compagnies?|firmes?|opérateurs?|constructeurs?|fabricants?|géants?)"
                           r"(?: (?!(?:de|du|des|d'|la|le|les)\b)[a-zà-ÿ-]+){0,3}(?: de [a-zà-ÿ-]+)? $")
"""Before a name, the noun that makes it a company (« la société canadienne B2Gold »)."""
_MEMBERS_OF = re.compile(r"\b(?i:agents?|membres?|éléments?|personnels?|effectifs?|employés?|salariés?|adhérents?)"
                         r"\s+(?:des|du|de la|de l'|d')\s*$")
"""Before a name that is no town the gazetteer knows, people who belong to it: a body (« 4 000 agents
des Eaux et Forêts », « les membres du Haraka »), not a place."""
_BY_OR_TO = re.compile(r"\b(?:par|à|au|pour|avec)\s*$", re.IGNORECASE)
"""Before a person's name after a company noun, the words that make them someone else (« la
société dirigée par Aliko Dangote », « l'entreprise confiée à … »)."""
_COMPANY_AFTER = re.compile(r"^\s*,\s*(?:une\s+|la\s+|l')?(?:filiale|société|entreprise|compagnie|firme|opérateur)\b")


def _company_context(text: str, a: int, b: int) -> bool:
    """A name the model takes for a place that the text treats as a company: « le PDG de Novawind »,
    « la nationalisation de la Somaïr », « X, filiale du groupe Y », « les compagnies CNPC, Soraz
    et Wapco »."""
    return bool(_COMPANY_BEFORE.search(text[max(0, a - 40):a]) or _COMPANY_AFTER.match(text[b:b + 40])
                or _after_company_noun(text, a))


def _after_company_noun(text: str, a: int) -> bool:
    """A company noun heads the name at ``a``, or the list it ends (« les compagnies CNPC, Soraz
    et | Wapco », « des sociétés dont | Roxgold Sanu »)."""
    return bool(_COMPANY_NOUN.search(_LISTED_BEFORE.sub("", text[max(0, a - 120):a])))


_LISTED_BEFORE = re.compile(r"(?:[A-ZÀ-Ý][\w'&.-]*(?: [A-ZÀ-Ý][\w'&.-]*)*\s*(?:,|\bet\b)\s*)+$")
"""The names of a list before the last one (« CNPC, Soraz et »): the noun before them heads it."""


def _company(name: str) -> bool:
    words = name.lower().replace("-", " ").split()
    return len(words) >= 2 and words[-1] in lexicon.ORG_SUFFIXES


def _same_surname(found: _Found, surname: str) -> str | None:
    """The person named in full earlier in the article whose surname this is (« M. Goïta »), or
    whose name it starts (« Dame N'Kpo » after « N'Kpo Charlotte »)."""
    s = slug(surname)
    return next((e.id for e in found.entities.values() if e.kind == "person"
                 and (e.id.endswith("-" + s) or e.id.startswith(s + "-"))), None)


def _fuller_name(found: _Found, name: str) -> str | None:
    """The person named earlier with more names in between (« Ali Lamine Zeine » after « Ali
    Mahaman Lamine Zeine »): same first and last names, the others among theirs; or with one more
    name before three or more of the same (« Jean-Emmanuel Ouédraogo » after « Rimtalba
    Jean-Emmanuel Ouédraogo »)."""
    parts = slug(name).split("-")
    for e in found.entities.values():
        full = e.id.split("-")
        if e.kind == "person" and len(full) > len(parts) >= 2 and full[0] == parts[0] and full[-1] == parts[-1] \
                and all(p in full for p in parts):
            return e.id
        if e.kind == "person" and len(parts) >= 3 and len(full) > len(parts) and full[-len(parts):] == parts:
            return e.id
    return None


def _person_bounds(ent, text: str, a: int, b: int) -> tuple[int, int]:
    """A person's name without the titles in front (« Général de Brigade », « Madame »), with the
    parts the model left out: a capitalised first name before (« Mme Djiré | Mariam Diallo ») and
    a surname after (« Assa Badiallo | TOURE », « Colonel Major Mounkaila | Sofiani »)."""
    doc = ent.doc

    def namelike(t) -> bool:
        # a sentence does not start right after a word: the model's cut there is wrong
        cut = t.is_sent_start and (t.i == 0 or not doc[t.i - 1].is_alpha)
        portfolio = t.pos_ in ("NOUN", "ADJ") and t.i > 0 and doc[t.i - 1].lower_ in (
            "de", "des", "du", "d'", "la", "l'", "et", "aux")  # « … et des Ressources | Halidou Sawadogo »
        return (t.is_alpha and len(t.text) > 1 and (t.is_upper or t.is_title) and not cut and not portfolio
                and t.lower_ not in lexicon.PERSON_TITLES and t.lower_ not in ROLE_HEADS and not t.ent_id_
                and t.lower_ not in lexicon.DEMONYMS and not names_mod.country(t.text))

    k = ent.end
    while k < len(doc) and namelike(doc[k]) and "\n" not in text[b:doc[k].idx] and k - ent.end < 2:
        b = doc[k].idx + len(doc[k].text)
        k += 1
    k = ent.start - 1
    while k >= 0 and namelike(doc[k]) and "\n" not in text[doc[k].idx:a] and ent.start - k < 2 \
            and not (doc[k].is_upper and doc[k].ent_type_ in ("ORG", "LOC")):  # (« auprès de l'ONU | Vassili Nebenzia »)
        a = doc[k].idx
        k -= 1
    if re.search(r"(?<![\w'])[A-Z]'$", text[max(0, a - 3):a]):
        a -= 2  # an elided first syllable (« N'Kpo Charlotte », « M'Bareck »)
    while True:
        m = re.match(r"([\w'.-]+)\s+", text[a:b])
        if not m or m.group(1).lower() not in lexicon.PERSON_TITLES or len(text[a:b].split()) <= 2:
            return a, b
        a += m.end()


_MINISTER_WORDS = frozenset({",", "de", "du", "des", "d'", "la", "l'", "et", "chargé", "chargée", "délégué", "déléguée",
                             "aux", "adjoint", "adjointe", "d'état", "d'etat", "en", "charge"})
_MINISTER_HEADS = frozenset({"ministre", "ministres", "secrétaire", "sous-secrétaire", "commissaire", "portefeuille"})


def _in_minister_title(before: str) -> bool:
    """Whether the text just before a name is « le ministre des Sports, de la Jeunesse et de » (the
    name is then a department in a minister's title, not an organisation of its own)."""
    for w in reversed(re.findall(r"[dl]'|[\w-]+|,", before[-160:], re.IGNORECASE)):
        low = w.lower()
        if low in _MINISTER_HEADS:
            return True
        if not (low in _MINISTER_WORDS or w[0].isupper()
                or re.search(r"(?:al|ale|aux|ique|elle|ien|ienne|aire|ère|ais|aise|ain|aine|é|ée)s?$", low)):
            return False
    return False


_EQUIPMENT = (r"(?i:drones?|avions?|hélicoptères?|appareils?|chars?|blindés?|missiles?|systèmes?|véhicules?|navires?"
              r"|fusils?|radars?|modèles?)")
_PRODUCT = (r"\b" + _EQUIPMENT + r"(?: (?:de|d')\s?[a-zà-ÿ]+(?: et (?:de|d')\s?[a-zà-ÿ]+)?)?"
            r"(?: (?:" + "|".join(sorted(map(re.escape, lexicon.DEMONYMS), key=len, reverse=True)) + r"))?(?: de type)? ")
"""Before a name, the equipment it is a model of (« le drone de combat turc Aksungur »)."""
_PRODUCT_AFTER = r"\b,? (?:un |une |l'|le |la |autre |nouvel |nouveau )*(?:autre )?" + _EQUIPMENT + r"\b"
"""After a name, the equipment it is one of, in apposition (« l'Akinci, autre drone de pointe »)."""

_LOWER_PHRASE_ACRONYM = re.compile(r"^(?:\s+[a-zà-ÿ]+){1,4}\s*\([A-Z]{2,}\)")
"""After a capitalised word, lower-case words and an acronym: a common noun phrase, not a name."""


def _not_a_name(name: str, text: str, a: int, listed: bool = False) -> bool:
    """Fragments the model takes for organisations or places: common words capitalised at the
    start of a line or a heading, titles, nationalities, figures, and the departments in a
    minister's title (« le ministre des Sports, de la Jeunesse et de l'Emploi »). ``listed``: the
    model read a place, so a word ending like a participle after a comma or « et » is a town of a
    list (« arrivés de Kayes, Nioro et Sévaré »)."""
    words = name.split()
    if listed and name.lower() in _CARDINAL_REGIONS and text[a - 1:a] == "(" and text[a + len(name):a + len(name) + 1] == ")" \
            and re.search(r"[A-ZÀ-Ý][\w'-]+\s*$", text[max(0, a - 30):a - 1]):
        return False  # « Gourcy (Nord), Bogandé (Est) »: the region a town is in
    if not name or not name[0].isupper() or len(name) < 3 or name.lower() in STOP_NAMES:
        return True
    if _TEXT_NAMED_AFTER.search(text[max(0, a - 70):a]):
        return True  # « l'Accord d'Alger », « le traité de Niamey »: a text's name, no place of the story
    if _heading_subject(name, text, a) or _diploma(name) or name.lower().startswith(lexicon.NOT_NAME_STARTS):
        return True
    first = words[0].lower()
    if first in STOP_NAMES or first in lexicon.POSSESSIVES or name.isupper() and len(name) < 3:
        return True
    bare = re.sub(r"^(?:vice|ex|co|pro)-", "", first)  # « le vice-ministre turc des Affaires étrangères »
    if first.rstrip("s") in ROLE_HEADS or bare.rstrip("s") in ROLE_HEADS or first in lexicon.PERSON_TITLES \
            or first.rstrip("s") in lexicon.PERSON_TITLES:
        return True
    if any(c.isdigit() for c in name):
        return True  # a model, a date or a figure (« Albatros L39 », « U17 »)
    if _LOWER_PHRASE_ACRONYM.match(text[a + len(name):a + len(name) + 80]) or (
            name.isupper() and re.search(r"\b\w+(?:\s+[a-zà-ÿ]+){1,5}\s*\(" + re.escape(name) + r"\)", text)):
        return True  # « Procréation médicalement assistée (PMA) », « loi de finances rectificative (LFR) »
    if names_mod.is_description(name):
        return True  # « la Commission de l'organisation régionale »
    if name.lower() in lexicon.NOT_NAMES or (len(words) == 2 and len(words[1].strip(".")) == 1):
        return True  # « Forces armées » alone, « Groupe E »
    if re.search(_PRODUCT + re.escape(name) + r"\b", text) or re.search(r"\b" + re.escape(name) + _PRODUCT_AFTER, text):
        return True  # a model of equipment (« le drone de combat Akinci », « l'Akinci, autre drone »)
    if "-" in words[-1] and (words[-1].lower().rsplit("-", 1)[1] in lexicon.DEMONYMS
                             or names_mod.demonym_country(words[-1].rsplit("-", 1)[1])):
        return True  # a nationality (« un artiste Bissau-Guinéen »)
    if len(words) == 1:
        low = name.lower()
        low = names_mod.unaccented_head(low) if name[:1] == "E" else low  # « Etat-major » is « État-major »
        line_start, line_end = text.rfind("\n", 0, a) + 1, (text.find("\n", a) + 1 or len(text) + 1) - 1
        if (low in ORG_HEADS or low in lexicon.ORG_HEADS or low.rstrip("s") in lexicon.DEMONYMS
                or low in lexicon.DEMONYMS or low in lexicon.FRAGMENT_WORDS or low in lexicon.COMMON_ABBREVIATIONS
                or re.search(r"(?:ment|ons|ial|iale|iaux)$", low)
                or re.search(r"(?:é|ée|és|ées)$", low) and not re.search(
                    r"(?:\b(?:à|de|du|vers|depuis|en)\s+)$", text[max(0, a - 12):a])  # « à Sévaré » is a town
                and not (listed and re.search(r"(?:,|\bet)\s+$", text[max(0, a - 6):a]))
                or text[line_start:line_end].strip(" .:") == name  # a word alone on its line: a heading
                or re.search(r"(?<![\w-])" + re.escape(low) + r"(?![\w-])", text)):
            return True
    line_start = text.rfind("\n", 0, a) + 1
    return _in_minister_title(text[line_start:a])


_TEXT_NAMED_AFTER = re.compile(r"\b(?i:accords?|traités?|pactes?|protocoles?|chartes?|processus)(?:\s+(?i:de\s+paix"
                               r"|pour\s+la\s+paix(?:\s+et\s+la\s+réconciliation)?(?:\s+au\s+Mali)?(?:,)?"
                               r"|de\s+coopération))?\s+(?:d'|de\s+)$")
"""The words before a town that make it the name of an agreement, a treaty or the negotiations held
there (« le processus d'Alger »)."""

def _heading_subject(name: str, text: str, a: int) -> bool:
    """« Coopération bilatérale : l'ambassadeur … », « Coopération militaire entre l'Italie et … »:
    a common noun and its adjectives opening a line is the heading's subject, not a body (a head
    noun of bodies, « Banque mondiale », still names one)."""
    words = re.split(r"\s+", name.strip())
    first = words[0].lower()
    if len(words) > 3 or text[text.rfind("\n", 0, a) + 1:a].strip() or first in ORG_HEADS \
            or words[0] in lexicon.CONTINENTS or names_mod.country(words[0]) \
            or first in lexicon.ORG_HEADS or first in lexicon.PLACE_HEADS or first in lexicon.LOWER_ORG_HEADS:
        return False
    rest = [w for w in words[1:] if w.lower() not in ("et", "de", "des", "du")]
    return bool(rest) and all(w[:1].islower() for w in rest) and words[0][:1].isupper()


_CARDINAL_REGIONS = frozenset({"nord", "sud", "est", "ouest", "centre", "centre-nord", "centre-sud", "centre-est",
                               "centre-ouest", "nord-est", "nord-ouest", "sud-est", "sud-ouest"})

_DATIVE_VERBS = frozenset({"permettre", "demander", "accorder", "offrir", "proposer", "promettre", "reprocher",
                           "donner", "remettre", "octroyer", "conseiller", "interdire"})


def _dative(doc, ent) -> bool:
    """« … permet au Burkina Faso de glaner … »: « au » after a verb of giving or allowing introduces
    who receives, and after « face » who is faced: a state, not a place."""
    k = ent.start - 1
    if k >= 0 and doc[k].lower_ == "à" and (ent[0].lower_ in ("la", "l'", "le", "les")
                                            or k + 1 < ent.start and doc[k + 1].lower_ in ("la", "l'")):
        # a country's territory is « en France », « au Mali »: « à la France » is whom, unless a
        # link's end (« relie le pays à l'Italie »)
        return not any(t.lemma_.lower() in lexicon.LINK_VERBS for t in doc[max(0, k - 4):k])
    if k < 1 or doc[k].lower_ not in ("au", "aux"):
        return False
    k -= 1
    while k > 0 and doc[k].lower_ in ("ne", "n'", "pas", "aussi", "également", "donc", "enfin", "encore"):
        k -= 1
    if doc[k].lower_ == "face":
        return True  # « face au Burkina Faso »: the side played or faced, not where
    if doc[k].ent_type_ and k > 1:  # « le soutien de la Russie au Niger »: past the giver
        while k > 0 and doc[k - 1].ent_type_ and doc[k].ent_iob_ != "B":
            k -= 1
        k -= 1
        if k > 0 and doc[k].lower_ in ("la", "l'") and doc[k - 1].lower_ in ("de", "d'"):
            k -= 1
        if doc[k].lower_ not in ("de", "du", "d'", "des"):
            return False
        k -= 1
        if k > 0 and doc[k].is_quote:
            k -= 1  # « le « soutien » de la Russie au Niger »
    if doc[k].pos_ == "NOUN" and doc[k].lemma_.lower() in lexicon.SUPPORT_NOUNS:
        return True  # « son soutien au Mali »: who is supported
    if doc[k].pos_ in ("NOUN", "ADJ"):  # « offrir une qualification au Niger »: past the thing given
        j = k
        while j > max(0, k - 4) and doc[j].pos_ in ("NOUN", "ADJ", "DET", "NUM"):
            j -= 1
        return j < k and doc[j].pos_ == "VERB" and doc[j].lemma_.lower() in _DATIVE_VERBS
    return doc[k].pos_ in ("VERB", "AUX") and doc[k].lemma_.lower() in _DATIVE_VERBS


def _listed_with_articles(doc, ent) -> bool:
    """A country in a list of three or more with their articles (« notamment le Bénin, la Guinée, le
    Sénégal et le Togo ») that is not the subject of a verb: where people come from, not states acting."""
    glue = (",", "et", "le", "la", "l'", "les")
    i = ent.start
    while i > 0 and (doc[i - 1].lower_ in glue or doc[i - 1].ent_type_ and doc[i - 1].ent_type_ not in ("DATE", "QTY")):
        i -= 1
    j = ent.end
    while j < len(doc) and (doc[j].lower_ in glue or doc[j].ent_type_ and doc[j].ent_type_ not in ("DATE", "QTY")):
        j += 1
    while j > ent.end and doc[j - 1].lower_ in glue:
        j -= 1
    members = sum(1 for t in doc[i:j] if t.ent_iob_ == "B")
    if members < 3 or doc[i].lower_ not in ("le", "la", "l'", "les") and not doc[i].ent_type_:
        return False
    if i > 1 and doc[i - 1].lemma_ == "être" and doc[i - 2].lower_ == "que" and any(
            t.lemma_.lower() in lexicon.FROM_A_COUNTRY or t.lower_ in lexicon.FROM_A_COUNTRY for t in doc[max(0, i - 8):i - 2]):
        return True  # « 15 venus de pays amis que sont le Sénégal, le Gabon … »: where they come from
    if i > 0 and (doc[i - 1].pos_ in ("VERB", "AUX") or doc[i - 1].lower_ in ("entre", "avec", "par", "dont")):
        return False  # what a verb names (« l'AES regroupant le Burkina Faso, le Mali et le Niger »): states
    k = j
    while k < len(doc) and doc[k].lower_ in _CLITICS:
        k += 1
    if k < len(doc) and doc[k].pos_ in ("VERB", "AUX"):
        return False
    if i > 0 and doc[i - 1].lower_ in lexicon.PLACE_PREPOSITIONS:
        return True  # « en Tanzanie, Ouganda et Kenya »: the preposition of the first is every one's
    # where people or things come from (« des stagiaires venus notamment du Bénin, … »), not a list of
    # states (« les pays de la côte : le Ghana, le Togo, le Bénin et le Nigeria »)
    return any(t.lemma_.lower() in _ORIGIN or t.lower_ in _ORIGIN for t in doc[max(0, i - 10):i])


_ORIGIN = frozenset({"venir", "venu", "venus", "venue", "venues", "issu", "issus", "issue", "issues", "originaire",
                     "originaires", "provenance", "ressortissant", "ressortissants", "stagiaire", "stagiaires",
                     "participant", "participants", "délégation", "délégations", "athlète", "athlètes", "équipe",
                     "équipes", "artiste", "artistes", "élève", "élèves", "officier", "officiers"})


def _listed(doc, ent) -> bool:
    """A country without an article in a list of names (« … pays amis : Côte d'Ivoire, Gabon, Togo »):
    where people come from or something is, not a state acting."""
    k = ent.start + (1 if ent[0].lower_ in ("la", "le", "l'") else 0)
    if k != ent.start or ent.start == 0:
        return False
    prev, nxt = doc[ent.start - 1].text, doc[ent.end].text if ent.end < len(doc) else "."
    k = ent.end
    while k < len(doc) and (doc[k].text in (",", "et") or doc[k].ent_type_):
        k += 1
    if k < len(doc) and doc[k].pos_ in ("VERB", "AUX"):
        return False  # the list is the subject (« Mali, Burkina Faso et Niger ont signé »): states acting
    if prev in (",", ":") and nxt in (",", "et", ".", ";"):
        return True  # (not a headline's subject: « Lire aussi : Burkina Faso : une attaque … »)
    return prev == "et" and ent.start > 1 and bool(doc[ent.start - 2].ent_type_) and nxt in (".", ",", ";") \
        or _listed_with_articles(doc, ent)


def _country_as_place(doc, ent) -> bool:
    """Whether a country named by its name stands for its territory (the annotation guide): after a
    preposition of place, direction or origin, in a list of names, after a noun of place or of
    movement, beyond a border, as where goods come from, or as a side of a zone; else the state."""
    prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    return (prev in lexicon.PLACE_PREPOSITIONS and not _dative(doc, ent)) or _toward(doc, ent) \
        or _listed(doc, ent) or _of_a_place_noun(doc, ent) or _border_with(doc, ent) \
        or _goods_from(doc, ent) or _bounds_a_zone(doc, ent) or _locates_a_place(doc, ent) or _crossed(doc, ent)


_CROSSING_VERBS = frozenset({"quitter", "sillonner", "parcourir", "traverser", "regagner", "survoler"})


def _town_reached_or_left(doc, ent) -> bool:
    """« a quitté Bamako », « a regagné Niamey »: a town left, reached or visited right after the verb
    is the town, not the state its name may stand for."""
    k = ent.start - 1
    return k >= 0 and _moving_verb(doc, k, _CROSSING_VERBS | _REACHING_VERBS)


def _moving_verb(doc, k: int, verbs: frozenset[str]) -> bool:
    """Whether token ``k`` is one of ``verbs`` with the name after it as its object: not after « que »,
    where the name is the verb's subject put last (« les crises que traverse le Mali »)."""
    return doc[k].pos_ in ("VERB", "AUX") and doc[k].lemma_.lower() in verbs \
        and not (k > 0 and doc[k - 1].lower_ in ("que", "qu'"))


_REACHING_VERBS = frozenset({"rejoindre", "rallier", "visiter", "atteindre"})


def _crossed(doc, ent) -> bool:
    """« ont quitté le Mali », « sillonneront tout le Mali », « traverser le Niger »: a country left,
    crossed or gone over is its territory."""
    k = ent.start - (0 if ent[0].lower_ in _ARTICLES else 1)
    if k < 1 or doc[k].lower_ not in _ARTICLES:
        return False
    k -= 1
    if doc[k].lower_ in ("tout", "toute") and k > 0:
        k -= 1
    return _moving_verb(doc, k, _CROSSING_VERBS)


def _locates_a_place(doc, ent) -> bool:
    """« le port de Tema (Ghana) », « Ségou (Mali) »: a country in brackets after a place
    says where that place is."""
    if ent.start < 2 or ent.end >= len(doc) or doc[ent.start - 1].text != "(" or doc[ent.end].text != ")":
        return False
    return doc[ent.start - 2].ent_type_ in ("LOC", "AMBIG")  # not a person's (« Paul Kaboré (Bénin) »)


def _toward(doc, ent) -> bool:
    """« vers la Turquie », « chez la Zambie », « dans tout le Tchad », « s'est envolé pour la Russie »:
    a preposition of direction or of place before the country's article."""
    k = ent.start - 1
    if ent[0].lower_ not in _ARTICLES:
        if k < 0 or doc[k].lower_ not in _ARTICLES:
            return False
        k -= 1
    if k >= 0 and doc[k].lower_ in ("tout", "toute"):
        k -= 1
    if k < 0:
        return False
    if doc[k].lower_ in lexicon.TOWARD_PREPOSITIONS:
        return True
    if doc[k].lower_ == "par" and k > 0 and doc[k - 1].lemma_.lower() in ("passer", "transiter"):
        return True  # « en passant par le Niger »: a route's way through
    return doc[k].lower_ == "pour" and any(t.lemma_.lower() in lexicon.DEPARTURE_WORDS for t in doc[max(0, k - 3):k])


def _goods_from(doc, ent) -> bool:
    """« des hélicoptères de Russie », « des blindés de Chine »: goods « de » a country without its
    article come from that country; « l'ambassadeur de Russie » stays the state."""
    k = ent.start - 1
    if k < 1 or doc[k].lower_ not in ("de", "d'") or ent[0].lower_ in _ARTICLES:
        return False
    k -= 1
    while k > 0 and (doc[k].pos_ == "ADJ" and doc[k].text.islower() or doc[k].like_num):
        k -= 1
    return doc[k].pos_ == "NOUN" and doc[k].lemma_.lower() in lexicon.GOODS


def _bounds_a_zone(doc, ent) -> bool:
    """« la zone frontalière entre le Tchad, le Cameroun et le Nigeria », « la région des trois
    frontières entre le Niger, le Mali et … »: countries that bound an area are places; « un accord
    entre le Tchad et le Cameroun » names states."""
    k = ent.start - 1
    while k > 0 and (doc[k].lower_ in _ARTICLES or doc[k].text in (",", "et")
                     or doc[k].ent_type_ and doc[k].ent_type_ not in ("DATE", "QTY")):
        k -= 1
    if k < 1 or doc[k].lower_ != "entre":
        return False
    for t in reversed(doc[max(0, k - 4):k]):
        if t.lemma_.lower() in lexicon.ZONE_NOUNS or t.lower_ in lexicon.ZONE_NOUNS:
            return True
        if not (t.is_punct or t.is_quote or t.pos_ == "ADJ" and t.text.islower()):
            return False
    return False


_ARTICLES = ("le", "la", "l'", "les")


def _border_with(doc, ent) -> bool:
    """« près de la frontière avec la Guinée », « la zone des trois frontières avec le Mali et le
    Burkina Faso »: the countries on the other side of a border are places."""
    k = ent.start - 1
    if k >= 0 and doc[k].lower_ in ("la", "le", "l'", "les"):
        k -= 1
    while k > 2 and doc[k].lower_ in ("et", ",") and doc[k - 1].ent_type_:  # back along a list of countries
        k -= 1
        while k > 0 and doc[k - 1].ent_type_ and doc[k].ent_iob_ != "B":
            k -= 1
        k -= 1
        if k >= 0 and doc[k].lower_ in ("la", "le", "l'", "les"):
            k -= 1
    return k >= 1 and doc[k].lower_ == "avec" and (
        doc[k - 1].lemma_.lower() == "frontière" or doc[k - 1].lower_.startswith("frontali"))


def _of_a_place_noun(doc, ent) -> bool:
    """« les régions frontalières du Niger », « venue du Bénin », « en direction de la Chine »: a
    country after a noun of place or of movement is the country as a place."""
    k = ent.start - 1
    for _ in range(6):  # back along a list (« venus du Togo, de la Côte d'Ivoire et du Ghana »)
        if k >= 0 and doc[k].lower_ in ("la", "l'") and ent[0].lower_ not in ("la", "l'"):
            k -= 1
        if k < 1 or doc[k].lower_ not in ("de", "d'", "du", "des"):
            return False
        k -= 1
        if doc[k].text not in (",", "et") or k < 2 or not doc[k - 1].ent_type_:
            break
        k -= 1
        while k > 0 and doc[k - 1].ent_type_ and doc[k].ent_iob_ != "B":
            k -= 1
        k -= 1
    while k > 0 and (doc[k].pos_ in ("ADJ", "ADV") and doc[k].text.islower() or doc[k].is_space):
        k -= 1  # (« venus notamment du Bénin »)
    if k > 2 and doc[k].text == ")" and doc[k - 1].like_num and doc[k - 2].text == "(":
        k -= 3  # « dont un (01) du Cameroun »: a figure written twice
    return doc[k].lemma_.lower() in lexicon.FROM_A_COUNTRY or doc[k].lower_ in lexicon.FROM_A_COUNTRY \
        or doc[k].like_num  # « dont 12 du Mali »: where some of a number come from


def _country(ent, name: str, cfg: Config) -> tuple[str, str, str] | None:
    """A country named by the model: the state when it acts, a place after « à, au, en, dans »."""
    phrases = gazetteer_phrases(cfg)
    cname = names_mod.country(name, {k for k, ids in phrases.items() if cfg.entities[ids[0]].kind in ("state", "place")})
    if cname is None:
        return None
    doc = ent.doc
    place = _country_as_place(doc, ent)
    ids = phrases.get(cname.lower(), [])
    for i in ids:
        if (cfg.entities[i].kind == "place") == place:
            return i, cfg.entities[i].kind, cname
    return slug(cname), ("place" if place else "state"), cname


_MEASURES = frozenset({"km", "km2", "tonne", "kg", "ha", *qty_mod.CURRENCIES})
"""Units of measures and sums, whose parts and ranges the text may write as bare figures."""
_PARTS_OF = frozenset({"vehicle", "aircraft", "drone", "weapon", "person", "recruit"})
"""Units whose count a text may split into parts with bare figures after it."""
_DURATIONS = frozenset({"day", "week", "month", "year", "heure", "minute"})
_BARE_AFTER = frozenset({"sont", "se", "en", "au", "aux", "à", "dans", "sur", "pour", "ont", "vont", ",", ".", ";", ")"})
"""What may follow a bare figure that borrows the unit of the measure before it."""


_ACRONYM = re.compile(r"^(?=(?:\w*[A-Z]){2})[A-Za-z]{2,6}$")


def _members_counted(found: _Found, doc, text: str, cfg: Config) -> None:
    """« 640 FAMa », « soit 40 VGC par village »: a figure before the acronym of a body of people (its
    name, the gazetteer's or one the article defines, opens with a noun for people: « Forces … »,
    « Volontaires de la garde civique (VGC) ») counts its members, as people (recruits where the
    sentence recruits)."""
    taken = [(q.start, q.end) for q in found.quantities] + [(d.start, d.end) for d in found.dates]
    extra: list[QuantityMention] = []
    for m in found.mentions:
        if m.label != "ORG" or not _ACRONYM.match(m.text):
            continue
        known = cfg.entities.get(m.entity) if m.known else None
        name = known.label("fr") if known else (found.entities[m.entity].name if m.entity in found.entities else "")
        first = name.split(" ", 1)[0].lower() if name else ""
        if not (qty_mod.people_word(first) or first in ("forces", "force")):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.start == 0:
            continue
        k = span.start - 1
        while k > 0 and doc[k - 1].like_num and doc[k].like_num:  # « 35 000 VDP »
            k -= 1
        value, n = qty_mod.number_value([t.text for t in doc[k:span.start]])
        if value is None or n != span.start - k or any(a < m.start and doc[k].idx < b for a, b in taken):
            continue
        a = doc[k].idx
        extra.append(QuantityMention(a, m.end, Quantity(value, "person", text[a:m.end]), m.sent))
    found.quantities.extend(extra)
    found.quantities.sort(key=lambda q: q.start)


def _quantities_or_numbers(doc):
    """The tokens of ``doc``, in order, inside a QTY entity or outside any entity and able to start
    a number (``could_start_number``): the only ones ``_extra_quantities`` reads. Tested once per
    distinct text, over the Doc's arrays rather than a Token per word."""
    array = doc.to_array([ENT_TYPE, ORTH])
    qty = doc.vocab.strings.add("QTY")
    strings = doc.vocab.strings
    numeric: dict[int, bool] = {}
    for i, (ent, orth) in enumerate(array.tolist()):
        if ent == qty:
            yield doc[i]
        elif ent == 0:
            hit = numeric.get(orth)
            if hit is None:
                hit = numeric[orth] = qty_mod.could_start_number(strings[orth])
            if hit:
                yield doc[i]


def _named_figure(doc, i: int) -> bool:
    """Whether token ``i`` is a figure in digits right after a capitalised name and before a comma,
    « et » or the end of a sentence: one item of a count by place (« Maradi 22531, Zinder 17168 »)."""
    if not 0 < i < len(doc) - 1 or not doc[i].text[:1].isdigit():
        return False
    name, nxt = doc[i - 1], doc[i + 1].lower_
    return name.text[:1].isupper() and name.is_alpha and name.pos_ in ("PROPN", "NOUN") \
        and nxt in (",", "et", ".", ";", ")")


def _extra_quantities(found: _Found, doc, text: str, sent_of) -> None:
    """Numbers that borrow their unit: « six mois, dont trois … et trois … » (phases),
    « les trois suivants », and bare figures (« le total de 900 ») equal to a counted figure."""
    by_sent: dict[int, list[QuantityMention]] = {}
    for q in found.quantities:
        by_sent.setdefault(q.sent, []).append(q)
    taken = [(q.start, q.end) for q in found.quantities] + [(d.start, d.end) for d in found.dates]
    extra: list[QuantityMention] = []
    values = {q.quantity.value: q.quantity.unit for q in found.quantities}
    values_max = max(values, default=0)
    # how often each unit's nouns occur, counted by spaCy over the lower-case forms (no Token
    # objects made); ties go to the unit named first in alphabetical order, the same every run
    counted: dict[str, int] = {}
    for lower, n in doc.count_by(LOWER).items():
        unit = qty_mod.UNITS.get(doc.vocab.strings[lower])
        if unit in ("recruit", "person", "young_person", "vehicle"):
            counted[unit] = counted.get(unit, 0) + n
    main_unit = min(counted, key=lambda u: (-counted[u], u)) if counted else None
    last_unit: str | None = None
    q_sent = -1
    for tok in _quantities_or_numbers(doc):
        if tok.ent_type_ == "QTY":
            q = next((q for q in found.quantities if q.start <= tok.idx < q.end), None)
            last_unit, q_sent = (q.quantity.unit, q.sent) if q else (last_unit, q_sent)
            continue
        if any(a <= tok.idx < b for a, b in taken):
            continue
        value, n = qty_mod.number_value([t.text for t in doc[tok.i:tok.i + 4]])
        if value is None or (tok.i > 0 and doc[tok.i - 1].like_num):
            continue
        prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
        nxt = doc[tok.i + n].lower_ if tok.i + n < len(doc) else ""
        a = tok.idx
        b = doc[tok.i + n - 1].idx + len(doc[tok.i + n - 1].text)
        unit = role = None
        ahead = (doc[tok.i + n + 1] if nxt in ("à", "et") and tok.i + n + 1 < len(doc) else None)
        nextq = next((q for q in found.quantities if ahead is not None and q.start == ahead.idx), None)
        if prev in ("de", "entre") and nextq is not None and nextq.quantity.unit in _MEASURES:
            # « passant de 28 000 à 18 500 FCFA »: the first end of a range in the unit of the second
            value *= qty_mod.scale_after([t.text for t in doc[ahead.i:ahead.i + 4]])  # (« de 2 à 3 milliards »)
            unit = nextq.quantity.unit
        elif prev in ("dont", "et", "soit") and last_unit in _MEASURES and q_sent == sent_of(tok.idx) \
                and nxt in _BARE_AFTER:
            unit = last_unit  # « long de 1 982 km dont 1 298 sont au Niger et 684 au Bénin »: parts of a measure
        elif prev in ("dont", "et", "soit", ",") and last_unit in _PARTS_OF and q_sent == sent_of(tok.idx) \
                and 2 <= value < values_max and (nxt in _BARE_AFTER - {",", ".", ";", ")"} or tok.i + n < len(doc)
                                           and doc[tok.i + n].pos_ in ("VERB", "ADJ") and doc[tok.i + n].is_lower):
            unit = last_unit  # « huit drones, trois en version d'attaque et cinq équipés de caméras »: the parts
        elif nxt in ("sont", "étaient", "seront") and tok.i + n + 2 < len(doc) and doc[tok.i + n + 1].lower_ == "des" \
                and qty_mod.people_word(doc[tok.i + n + 2].lower_):
            unit = "person"  # « Sur les inscrits, 4210 sont des femmes »
        elif nxt in ("d'", "de") and tok.i + n + 1 < len(doc) and doc[tok.i + n + 1].lower_ == "autres" \
                and last_unit in _PARTS_OF and q_sent == sent_of(tok.idx):
            unit = last_unit  # « 400 morts, et l'exil pour près de 2 millions d'autres »
        elif prev in ("dont", "et", "soit") and last_unit in ("month", "week", "day") and nxt in ("en", "au", "de", "d'", "dans"):
            unit, role = last_unit, "phase"
        elif prev == "les" and tok.i > 1 and doc[tok.i - 2].lower_ == "sur" and q_sent == sent_of(tok.idx) \
                and last_unit and last_unit not in _MEASURES and last_unit not in _DURATIONS:
            unit = last_unit  # « deux hélicoptères … sur les quatre prévus »: the whole of what the part counts
        elif nxt in ("suivants", "suivantes", "derniers", "dernières") and last_unit in ("month", "week", "day"):
            unit, role = last_unit, "phase"
        elif q_sent == sent_of(tok.idx) and last_unit and last_unit not in _DURATIONS and _named_figure(doc, tok.i) \
                and (_named_figure(doc, tok.i - 3) or _named_figure(doc, tok.i + 3)) \
                and not (value.is_integer() and 1900 <= value <= 2100):
            unit = last_unit  # « 4 800 recrues : Kayes 1200, Sikasso 950 … »: a count by place
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
