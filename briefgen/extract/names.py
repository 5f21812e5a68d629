"""Names the statistical model cuts or mislabels in French press, found from their form: organisations
from their head noun (« Ministère de la Défense et des Anciens combattants », « l'armée burkinabè »),
names defined by an acronym in parentheses (« Caisse malienne de sécurité sociale (CMSS) », the
acronym then an alias), sites (« aéroport international de Niamey », « la mine de Goulamina »),
countries as states or places, and the parts of an article that name no entity (bylines, agency
and photo credits, the outlet itself).

Works on the normalised article text line by line (a name never spans a line break); the word
lists are in ``lexicon.py``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from . import lexicon as lx
from .dates import MONTHS

_WORD = re.compile(r"[dDlL]'|\w[\w-]*|[()]|[^\w\s]")
_ADJ_END = re.compile(r"(?:al|ale|aux|ales|ien|ienne|iens|iennes|ais|aise|ique|iques|aire|aires|if|ive|ifs|ives|el|"
                      r"elle|els|elles|ain|aine|aines|ains|é|ée|és|ées|ère|ères|ier|iers|ière|ières|eur|eurs|euse|euses|ant|ante|ants|antes|"
                      r"ente|iste|istes|iale|ile|iles|ble|bles|unis|unies|joint|jointe|joints|jointes|mixte|mixtes)$")
_NOT_ADJ = frozenset({"selon", "pendant", "durant", "avant", "devant", "cependant", "maintenant", "notamment",
                      "était", "avait", "étaient", "avaient", "sont", "ont", "est", "qui", "dont", "lequel",
                      "laquelle", "lesquels", "lesquelles", "auquel", "auxquels", "auxquelles", "duquel",
                      "desquels", "desquelles", "quel", "quelle", "quels", "quelles", "tel", "telle", "tels",
                      "telles", "président", "présidente", "commandant", "représentant", "représentante",
                      "agent", "ministre", "directeur", "directrice", "chef", "responsable", "secrétaire",
                      "hier", "demain", "avant-hier", "après-demain",  # (« … de Niamey | hier »)
                      "affaires"})  # the noun of « affaires étrangères », not an adjective in -aire
_ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z0-9&-]{1,9}$|^[A-Z][a-z]{2,7}$")


@dataclass(frozen=True, slots=True)
class Name:
    """A name found from its form: character span into the text, kind and acronym."""

    start: int
    end: int
    name: str
    kind: str
    """``organisation``, ``place`` or ``both`` (an institution that is also a site)."""
    acronym: str | None = None
    by_acronym: bool = False
    """True when the acronym after the name delimited it (its words give the acronym's letters)."""


_STANDING_FIRST = frozenset(k[0] for k in lx.STANDING_BODIES)
_UNACCENTED_HEADS = {"e" + w[1:]: w for w in lx.ORG_HEADS | lx.LOWER_ORG_HEADS | lx.PLACE_HEADS | lx.ACRONYM_HEADS
                     if w[:1] in "éè"}
"""Heads capitalised without their accent (« l'Ecole nationale … », « l'Etat-major »): read as written
with it."""


class _W:
    """One word of a line, with its offsets; its lower-case form, whether it is capitalised (or a
    figure) and whether it starts with a letter or a digit, computed once (the name rules ask for
    them at every word)."""

    __slots__ = ("text", "start", "end", "lower", "cap", "alpha")

    def __init__(self, text: str, start: int, end: int):
        self.text, self.start, self.end = text, start, end
        low = text.lower()
        self.lower = _UNACCENTED_HEADS.get(low, low) if text[:1] == "E" else low
        first = text[:1]
        self.cap = first.isupper() or first.isdigit()
        self.alpha = first.isalnum()

    def __repr__(self) -> str:
        return f"_W({self.text!r}, {self.start}, {self.end})"


def unaccented_head(low: str) -> str:
    """A head noun written with E for É (« etat-major », « ecole ») as the lexicon spells it."""
    return _UNACCENTED_HEADS.get(low, low)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def fold_name(name: str) -> str:
    """A name in lower case without accents and with single spaces, to compare forms."""
    return re.sub(r"\s+", " ", _ascii(name).lower()).strip()


def _lines(text: str):
    for m in re.finditer(r"[^\n]+", text):
        yield [_W(w.group(), m.start() + w.start(), m.start() + w.end()) for w in _WORD.finditer(m.group())]


def _is_adj(w: _W, nxt: _W | None = None) -> bool:
    t = w.text
    if nxt is not None and re.search(r"é(?:e|s|es)?$", t) and nxt.lower in (
            "à", "au", "aux", "par", "en", "dans", "sur", "près", "depuis", "avec", "pour", "contre", "sous", "vers",
            "entre", "chez", "hors", "auprès", "aussi", "également", "notamment", "dès", "lors", "ici", "là", "du"):
        # a participle opening a phrase (« la Banque mondiale | basée à Washington », « une circulaire
        # du ministère des Mines | datée du 3 avril »)
        return False
    if nxt is not None and t.endswith("ant") and nxt.lower in (
            "le", "la", "les", "l'", "un", "une", "des", "du", "son", "sa", "ses", "leur", "leurs", "ce", "cette", "ces"):
        return False  # a present participle and its object (« … des Nations unies | prolongeant les sanctions »)
    return (t.islower() and len(t) >= 4 and t not in _NOT_ADJ and not t.endswith("ment")
            and (t in lx.DEMONYMS or bool(_ADJ_END.search(t))))


_LOWER_IN_NAMES = frozenset({"air", "terre", "mer", "ouest", "est", "nord", "sud"})
"""Lower-case words that end a name after « de » (« Armée de l'air », « Armée de terre », « États
d'Afrique de l'ouest »)."""
_CARDINAL = frozenset({"ouest", "est", "nord", "sud"})


def _name_word(w: _W) -> bool:
    """A word that carries a name: capitalised (not a lone letter), or a figure with letters (« 4-Août »)."""
    if w.text[:1].isdigit():
        return any(c.isalpha() for c in w.text)
    return w.text[:1].isupper()


def _extend(words: list[_W], k: int, stop_at: set[str], commas: bool = False, nouns_on_the_way: int = 2) -> int:
    """Index after the name that starts before ``k``: capitalised words, adjectives, and small
    words that lead to another capitalised word (at most ``nouns_on_the_way`` lower-case nouns)."""
    n, first = len(words), k
    adjs = 0
    while k < n:
        w = words[k]
        if w.text in ("(", ")"):
            break
        if w.text == "," and commas and k + 2 < n and words[k + 1].lower in ("de", "du", "des", "d'") and (
                words[k + 2].cap or words[k + 2].lower in ("la", "l'")):
            k += 1  # « ministère de la Réconciliation nationale, de la Paix et … »
            continue
        if w.text.isdigit() and k + 1 < n and words[k + 1].lower in MONTHS and k > first \
                and words[k - 1].lower in ("du", "de"):
            k += 2  # a date in a name (« Stade du 26 mars », « place du 4 août »)
            adjs = 0
            continue
        if not w.alpha:
            break
        if _name_word(w) or (w.lower in _LOWER_IN_NAMES and k and words[k - 1].lower in ("de", "d'", "l'")):
            if w.lower in stop_at:
                break
            k += 1
            adjs = 0
            continue
        if (_is_adj(w, words[k + 1] if k + 1 < n else None) or _acronym_after(words, k + 1)) and adjs < 3 \
                and w.lower not in lx.CONNECTORS:  # an acronym closes the name (« … interarmes (EMIA) »)
            k += 1
            adjs += 1
            continue
        if w.lower in lx.CONNECTORS:
            if w.lower == "et" and (k + 1 >= n or words[k + 1].lower not in ("de", "du", "des", "d'")):
                break
            m, nouns = k, 0
            most = nouns_on_the_way if w.lower in ("de", "du", "des", "d'", "et") else 0  # « sur les plateaux … »
            while m < n and words[m].alpha and not words[m].cap and words[m].lower not in _LOWER_IN_NAMES and (
                    words[m].lower in lx.CONNECTORS or (nouns < most and len(words[m].text) > 2)):
                nouns += words[m].lower not in lx.CONNECTORS
                m += 1
            if m + 1 < n and words[m].text.isdigit() and words[m + 1].lower in MONTHS and m - 1 == k \
                    and words[m - 1].lower in ("du", "de") and words[k - 1].cap \
                    and not (m + 2 < n and words[m + 2].text.isdigit()):  # not a date (« … du 28 mai 2025 »)
                k = m
                continue
            if commas and nouns and m + 2 < n and words[m].text == "," \
                    and words[m + 1].lower in ("de", "du", "des", "d'") \
                    and (words[m + 2].cap or words[m + 2].lower in ("la", "l'")) and words[k - 1].cap:
                k = m  # a portfolio in common words, then the next (« de l'Élevage de base, de la Pêche »)
                continue
            if w.lower == "et" and m < n and words[m].cap and words[m].lower in lx.ORG_HEADS:
                break  # another body begins (« Télé Tchad et de Radio Dounia »)
            if m < n and (_name_word(words[m]) or words[m].lower in _LOWER_IN_NAMES) \
                    and words[m - 1].lower in lx.CONNECTORS and words[m].lower not in stop_at \
                    and words[m].lower not in lx.NEWS_ORGANISATIONS:  # « la Brigade Bear | sur Telegram », « … | sur RFI »
                k = m
                continue
        break
    while k > first and (words[k - 1].text == "," or words[k - 1].lower in lx.CONNECTORS):
        k -= 1
    return k


def _one_name(words: list[_W], j: int) -> bool:
    """Whether a town's name of one word stands at ``j`` (« le camp de Kati », not « le camp
    d'Edmond Tapsoba », a player's side)."""
    return j + 1 >= len(words) or not words[j + 1].cap


def _acronym_after(words: list[_W], j: int) -> str | None:
    if j + 2 < len(words) and words[j].text == "(" and words[j + 2].text == ")" and _ACRONYM.match(words[j + 1].text) \
            and country(words[j + 1].text) is None:  # « le port de Lomé (Togo) » says where it is
        return words[j + 1].text
    return None


def _head_names(words: list[_W], places: set[str]) -> list[Name]:
    """Organisations and sites from their first word."""
    out: list[Name] = []
    for i, w in enumerate(words):
        lw = w.lower
        standing = None if lw not in _STANDING_FIRST else next(
            (k for k in lx.STANDING_BODIES if tuple(x.lower for x in words[i:i + len(k)]) == k), None)
        inside = i > 1 and words[i - 1].lower in ("des", "du", "de", "d'") and any(x.cap for x in words[max(0, i - 4):i - 1])
        if standing and (not w.cap or lw not in lx.ORG_HEADS) and not inside:  # (« l'École nationale des Eaux et Forêts »)
            # « les forces de défense et de sécurité », « les Eaux et forêts »: a body by its usual designation
            out.append(Name(w.start, words[i + len(standing) - 1].end, lx.STANDING_BODIES[standing], "organisation",
                            _acronym_after(words, i + len(standing))))
            continue
        if lw not in lx.ORG_HEADS and lw not in lx.PLACE_HEADS and lw not in lx.LOWER_ORG_HEADS:
            continue
        prev = words[i - 1].lower if i > 0 else ""
        nxt = words[i + 1] if i + 1 < len(words) else None
        if nxt is None or prev in lx.POSSESSIVES and not (
                lw in lx.PLACE_HEADS and any(x.text.isdigit() for x in words[i + 1:i + 3])):
            continue  # « leur base » is none in particular; « leur base aérienne 101 » is named
        if prev in ("de", "d'") and i > 1 and (words[i - 2].lower in lx.PERSON_TITLES or (
                lw == "armée" and words[i - 2].lower == "corps" and i > 3 and words[i - 4].lower in lx.PERSON_TITLES)):
            continue  # a rank (« Général de Brigade Moussa Yoro Kanté », « Général de Corps d'Armée Salifou Mody »)
        place = lw in lx.PLACE_HEADS or not w.cap and lw in lx.LOWER_SITE_HEADS and " ".join(
            x.lower for x in words[i + 1:i + 3]).replace("' ", "'").startswith(lx.LOWER_SITE_HEADS[lw])
        if place and not w.cap and prev in ("un", "une", "des", "plusieurs", "quelques"):
            continue  # any such site, no name (« interpellé dans un hôtel de Bamako »)
        if not w.cap and lw not in lx.LOWER_ORG_HEADS and not place:
            continue
        if lw == "groupe" and nxt.lower.startswith("arm"):
            continue
        if lw in lx.PLACE_HEAD_NEEDS and not " ".join(x.lower for x in words[i + 1:i + 3]).startswith(
                lx.PLACE_HEAD_NEEDS[lw]) and not (lw in lx.HEADS_OF_A_TOWN and nxt.lower in ("de", "d'")
                                                  and i + 2 < len(words) and words[i + 2].cap
                                                  and (lw == "port" or _one_name(words, i + 2))) \
                and not (w.cap and _name_word(nxt) and lw in lx.SITES_NAMED_AFTER):  # « Camp Bila Zagré »
            continue
        if lw == "groupe" and nxt.cap and (i + 2 >= len(words) or not words[i + 2].cap) and _FORCE_NEAR.search(
                " ".join(x.lower for x in words[i + 2:i + 10])):
            # « le groupe Wagner, la société de mercenaires russes »: a force's « groupe » is its name
            out.append(Name(w.start, nxt.end, f"groupe {nxt.text}", "organisation"))
            continue
        # a site named after a known city stops before it (« aéroport … Modibo Kéita | de Bamako »)
        end = _extend(words, i + 1, set(), commas=lw == "ministère",
                      nouns_on_the_way=3 if lw in lx.SCHOOL_HEADS else 2)
        if place and not _acronym_after(words, end):  # (an acronym after it names the whole)
            for k in range(i + 2, end - 1):
                if words[k].lower in ("de", "du", "d'") and words[k + 1].lower in places and any(
                        x.cap for x in words[i + 1:k]):
                    end = k
                    break
        used_for = None
        numbered = place and end < len(words) and words[end].text.isdigit() and lw in lx.PLACE_HEAD_NEEDS \
            and words[end - 1].lower in lx.PLACE_HEAD_NEEDS[lw]
        numbered = numbered or place and lw in lx.SITES_NAMED_AFTER and end < len(words) and end > i + 1 \
            and words[end - 1].cap and words[end].text.isdigit() and len(words[end].text) <= 2 \
            and (end + 1 >= len(words) or not words[end + 1].alpha)  # « le Camp Naaba-Koom 2. »
        if numbered:
            end += 1  # « la base aérienne 101 »: a site named by its number
        elif place and lw in lx.PLACE_HEAD_NEEDS and end + 2 < len(words) \
                and words[end - 1].lower in lx.PLACE_HEAD_NEEDS[lw] \
                and words[end].lower in ("de", "d'") and words[end + 1].alpha and not words[end + 1].cap \
                and words[end + 2].text.isdigit() and len(words[end + 2].text) <= 3:
            # « la base aérienne de transport 101 »: its use, then its number; it goes by « base aérienne 101 »
            used_for = (end, end + 2)
            end, numbered = end + 3, True
        national_ministry = False
        if lw == "ministère" and end == i + 2 and words[i + 1].lower in lx.DEMONYMS and end + 2 < len(words) \
                and words[end].lower in ("de", "du", "des", "d'"):
            j = end + 1 + (words[end + 1].lower in ("la", "l'"))
            if j < len(words) and _common_noun(words[j]) and (j == end + 2 or words[end].lower != "de"):
                end, national_ministry = j + 1, True  # « le ministère russe de la défense »
                if end < len(words) and _is_adj(words[end], words[end + 1] if end + 1 < len(words) else None):
                    end += 1  # « le ministère français des affaires étrangères »
        body = words[i + 1:end]
        if lw == "centre" and len(body) >= 2 and body[0].lower in ("du", "de", "d'") and country(_text(body, 1, len(body))):
            continue  # « au Centre du Mali »: the middle of the country, no body's name
        if lw in ("pipeline", "oléoduc") and body and all(country(x) for b in body for x in b.text.split("-")):
            continue  # the route through two countries (« le pipeline Tchad-Cameroun »), no name
        if not body and w.cap and not place and i > 0 and words[i - 1].alpha and i + 2 < len(words) \
                and words[i + 1].lower in ("de", "des", "du") and words[i + 2].text.isalpha() \
                and words[i + 2].text.islower() and len(words[i + 2].text) > 3 and not _is_adj(words[i + 2]) \
                and not re.search(r"(?:er|ir|oir)$", words[i + 2].text):  # « la Mission de commencer »
            # « à l'issue du Conseil des ministres »: a capitalised head inside a sentence names an
            # institution even with a common noun after it; « et de » another noun goes on with the
            # name (« les Forces de défense et de sécurité »)
            last = i + 2
            while last + 3 < len(words) and words[last + 1].lower == "et" and words[last + 2].lower in (
                    "de", "des", "du", "d'") and _common_noun(words[last + 3]):
                last += 3
            tail = last + 1
            while tail < len(words) and tail - last <= 3 and words[tail].text.isalpha() and words[tail].text.islower() \
                    and words[tail].lower not in lx.CONNECTORS:
                tail += 1
            if tail > last + 1 and _acronym_after(words, tail):
                last = tail - 1  # up to the acronym (« Groupement des forces antiterroristes (GFAT) »)
            name = _text(words, i, last + 1)
            if name.lower() not in lx.NOT_NAMES and not name.lower().startswith(lx.NOT_NAME_STARTS):
                out.append(Name(w.start, words[last].end, name, "organisation", _acronym_after(words, last + 1)))
            continue
        if not body:
            continue
        proper = numbered or any((_name_word(x) and len(x.text) > 1) or x.lower in _LOWER_IN_NAMES - _CARDINAL
                     or (x.text.isdigit() and k + 1 < len(body) and body[k + 1].lower in MONTHS)
                     for k, x in enumerate(body))
        first_proper = next((k for k, x in enumerate(body) if _name_word(x)), len(body))
        via_connector = any(x.lower in lx.CONNECTORS for x in body[:first_proper])
        if w.cap and not proper and not any(_is_adj(x) for x in body):
            continue
        if not place and is_description(_text(words, i, end)):
            continue  # « la Commission de l'organisation régionale »: a description, not a name
        if not w.cap:
            national = lw in lx.NATIONAL_ADJ_HEADS and any(
                ((x.lower in lx.DEMONYMS or demonym_country(x.text)) and x.lower not in ("national", "nationale"))
                or (lw == "état-major" and x.lower in ("général", "générale")) for x in body)
            direct_ok = lw in ("fondation", "mission", "force", "opération") or place
            if lw == "groupe" and 0 < first_proper < len(body) and all(x.lower in lx.FORCE_ADJECTIVES or x.lower in lx.DEMONYMS
                                                           for x in body[:first_proper]):
                # « le groupe paramilitaire russe Wagner » is the « groupe Wagner »
                if any(x.lower in lx.FORCE_ADJECTIVES for x in body):
                    named = _text(body, first_proper, len(body))
                    # « le groupe terroriste Boko Haram » is Boko Haram: an armed group goes by its name
                    out.append(Name(w.start, words[end - 1].end, named if is_armed_group(named) else "groupe " + named,
                                    "organisation"))
                continue
            if not (proper and (via_connector or direct_ok)) and not national and not national_ministry:
                continue
        kind = "place" if place else ("both" if lw in lx.BOTH_ORG_AND_PLACE else "organisation")
        if lw == "centre" and _venue(body):
            kind = "place"
        if lw == "ministères":
            out += _ministries(words, i, end)
            continue
        if lw == "état-major" and len(body) > 2 and body[0].lower in ("de", "du", "des", "d'") \
                and (body[1].lower in lx.ORG_HEADS or body[2].lower in lx.ORG_HEADS):
            continue  # the staff of a force is named by the force (« l'État-major de l'Armée de l'air »)
        if " ".join(x.lower for x in [w, *body]) in lx.NOT_NAMES:
            continue
        split = next((k for k in range(i + 2, end - 1) if words[k].lower == "et" and words[k + 1].lower in
                      ("de", "du", "d'", "des") and words[k - 1].cap), None) if kind != "organisation" else None
        if split is not None:
            # « les CHU de Gabriel Touré et du Point G »: a site is in one place, so two sites
            out.append(Name(w.start, words[split - 1].end, _text(words, i, split), kind))
            out.append(Name(words[split + 1].start, words[end - 1].end, w.text + " " + _text(words, split + 1, end), kind))
            continue
        end = _branch_end(words, i, end)
        name = _text(words, i, end) if not used_for else f"{_text(words, i, used_for[0])} {words[end - 1].text}"
        out.append(Name(w.start, words[end - 1].end, name, kind, _acronym_after(words, end)))
    return out


def branch_cut(name: str) -> int:
    """Where a name read by the model that starts with an army's branch should end (its length when
    it should not be cut): « Armée de l'air | de professionnels aguerris »."""
    words = [_W(m.group(), m.start(), m.end()) for m in _WORD.finditer(name)]
    end = _branch_end(words, 0, len(words)) if words else 0
    return words[end - 1].end if 0 < end < len(words) else len(name)


def _branch_end(words: list[_W], i: int, end: int) -> int:
    """« l'Armée de l'air | de professionnels », « … | résiliente »: an army's branch ends its name,
    unless a nationality or the country follows (« l'Armée de l'air malienne », « … du Niger »)."""
    if words[i].lower != "armée" or i + 3 >= end:
        return end
    k = next((k for k in range(i + 2, min(end, i + 5)) if words[k].lower in ("air", "terre", "mer")), None)
    if k is None or k + 1 >= end:
        return end
    rest = words[k + 1:end]
    nationality = len(rest) == 1 and (rest[0].lower in lx.DEMONYMS or demonym_country(rest[0].text))
    after = _text(words, k + 2, end) if len(rest) > 1 else ""  # (« du Niger », « de la Côte d'Ivoire »)
    of_country = rest[0].lower in ("du", "de", "d'") and country(re.sub(r"^(?:la|l')\s*", "", after)) is not None
    return end if nationality or of_country else k + 1


def _venue(body: list[_W]) -> bool:
    """The words after « centre » that make it a site rather than a body: a venue (« le Centre culturel …
    a abrité », « Centre de conférences ») or a military training camp (« le centre d'instruction de
    Dosso », where recruits are trained)."""
    first = body[0].lower if body else ""
    second = body[1].lower if len(body) > 1 else ""
    later = [x.lower for x in body[1:4]]  # (« le Centre international de conférences de Bamako »)
    return first == "culturel" or (first in ("de", "d'") and second in ("conférences", "instruction")) or any(
        x in ("de", "des", "d'") and y in ("conférences", "congrès", "expositions") for x, y in zip(later, later[1:]))


_FORCE_NEAR = re.compile(r"\b(?:mercenaire|paramilitaire|armé|jihadist|djihadist|terroris|rebelle)")


def is_description(name: str) -> bool:
    """« Commission de l'organisation régionale »: a capitalised head, then « de la », « du » or « des »
    and lower-case words only; it describes a body named elsewhere rather than naming one."""
    words = [w.group() for w in _WORD.finditer(name)]
    if len(words) < 4 or not words[0][:1].isupper() or any(w[:1].isupper() or w[:1].isdigit() or w in _LOWER_IN_NAMES
                                                           for w in words[1:]):
        return False  # (« Armée de l'air » is a name)
    return words[1].lower() in ("du", "des") or (words[1].lower() == "de" and words[2].lower() in ("la", "l'"))


def _common_noun(w: _W) -> bool:
    """A lower-case word that may be the noun of a name's complement (« de sécurité »)."""
    t = w.text
    return (t.isalpha() and t.islower() and len(t) > 3 and (not _is_adj(w) or t.endswith("té"))
            and not re.search(r"(?:er|ir|oir)$", t))


def _text(words: list[_W], i: int, j: int) -> str:
    return "".join(w.text + (" " if k + 1 < j and words[k + 1].start > w.end else "")
                   for k, w in enumerate(words[i:j], i))


def _ministries(words: list[_W], i: int, end: int) -> list[Name]:
    """« les ministères de la Défense et de la Sécurité »: one ministry per complement."""
    out, k = [], i + 1
    while k < end:
        m = k + 1
        while m < end and not (words[m].lower == "et" or words[m].text == ","):
            m += 1
        part = _text(words, k, m)
        out.append(Name(words[k].start, words[m - 1].end, "ministère " + part, "organisation"))
        k = m + 1
    return out


def _spells(words: list[_W], letters: str, skips: int = 0) -> bool:
    """Whether the words spell ``letters``: each capitalised word gives the first one to three
    letters (« SOciété NAtionale … » → SONASP), small words give none, and at most two lower-case
    words none; the last word must give a letter."""
    if not words:
        return not letters
    w, rest = words[0], words[1:]
    low = _ascii(w.lower)
    if w.lower in lx.CONNECTORS and (_spells(rest, letters, skips) or not w.cap):
        return _spells(rest, letters, skips)  # (a capitalised article may give its letter: « Les Mines … (LMLB) »)
    initials = "".join(p[:1] for p in low.split("-") if p)
    options = [initials] if "-" in low and len(initials) > 1 else []
    options += [low[:r] for r in range(1, 4)]
    if any(o and letters.startswith(o) and _spells(rest, letters[len(o):], skips) for o in options):
        return True
    return not w.cap and skips < 2 and bool(rest) and _spells(rest, letters, skips + 1)


def _acronym_names(words: list[_W]) -> list[Name]:
    """« Conseil national pour la sauvegarde de la patrie (CNSP) »: the words before an acronym
    that spell it, from the nearest capitalised word that can start it; the name must begin with
    a head noun or hold two capitalised words (« Procréation médicalement assistée (PMA) » is
    no organisation)."""
    out: list[Name] = []
    for j in range(1, len(words)):
        acr = _acronym_after(words, j)
        if acr is None:
            continue
        letters = "".join(c for c in _ascii(acr).lower() if c.isalpha())
        # « Banque confédérale pour l'investissement et le développement (BCID-AES) »: the part of
        # an acronym before a hyphen may be the body's own, the rest its parent's
        own = "".join(c for c in _ascii(acr.split("-")[0]).lower() if c.isalpha()) if "-" in acr else letters
        for start in range(j - 1, max(-1, j - 16), -1):
            x = words[start]
            if not x.alpha:
                break
            # (an article capitalised inside a sentence begins a company's name: « par Les Mines de
            # Lithium de Bougouni (LMLB) »)
            article = x.text in ("Les", "La", "Le") and start > 0 and words[start - 1].text.islower()
            if not x.cap or (x.lower in lx.CONNECTORS and not article) or not (
                    _spells(words[start:j], letters) or len(own) >= 3 and _spells(words[start:j], own)):
                continue
            if start and words[start - 1].lower in lx.POSSESSIVES:
                break
            head = x.lower
            if head not in lx.ORG_HEADS and head not in lx.PLACE_HEADS and head not in lx.ACRONYM_HEADS and sum(
                    _name_word(y) for y in words[start:j]) < 2:
                break
            kind = "place" if head in lx.PLACE_HEADS else ("both" if head in lx.BOTH_ORG_AND_PLACE else "organisation")
            if head == "centre" and _venue(words[start + 1:j]):
                kind = "place"
            if head in lx.TITLE_WORDS or head in lx.TRAINEES:
                kind = "title"  # « le Chef d'État-major des Armées (CEMA) » is a person's title, the EOS trainees
            end, name = words[j - 1].end, _text(words, start, j)
            k = _named_on_after_acronym(words, j + 3) if head in lx.SCHOOL_HEADS else j + 3
            if k > j + 3:  # « Institut d'enseignement militaire supérieur (IEMS) Tiéfo Amoro »
                end, name = words[k - 1].end, name + " " + _text(words, j + 3, k)
            out.append(Name(x.start, end, name, kind, acr, True))
            break
    out += _expanded_acronyms(words)
    return out


def _named_on_after_acronym(words: list[_W], k: int) -> int:
    """Where a school's or a camp's name goes on after its acronym in brackets: the person it is named
    after (one to three capitalised words); ``k`` when it does not (a town after « de » stays the
    town: « l'ENSOA de Kamboinsé »)."""
    n = len(words)
    m = k
    while m < n and m - k < 3 and words[m].alpha and words[m].cap and words[m].lower not in lx.CONNECTORS:
        m += 1
    return m if m > k and (m >= n or not words[m].cap) else k


def _expanded_acronyms(words: list[_W]) -> list[Name]:
    """« nos FDS (forces de défense et de sécurité) »: an acronym, then the words that spell it in
    parentheses, which name the entity even in lower case."""
    out = []
    for j in range(len(words) - 3):
        if words[j + 1].text != "(" or not _ACRONYM.match(words[j].text) or not words[j].text.isupper():
            continue
        close = next((k for k in range(j + 2, min(len(words), j + 18)) if words[k].text == ")"), None)
        inside = words[j + 2:close] if close else []
        if len(inside) < 2 or not all(x.alpha for x in inside) or inside[0].lower in lx.CONNECTORS:
            continue
        letters = "".join(c for c in _ascii(words[j].text).lower() if c.isalpha())
        if _spells(inside, letters):
            head = inside[0].lower
            kind = "place" if head in lx.PLACE_HEADS else "title" if head in lx.TITLE_WORDS else "organisation"
            out.append(Name(inside[0].start, inside[-1].end, _text(words, j + 2, close), kind, words[j].text, True))
    return out


_LEGAL_FORMS = frozenset({"sa", "sarl", "sas", "ltd", "inc", "plc", "corp", "gmbh", "llc", "limited"})
_LOWER_SUFFIXES = frozenset({"lithium", "mining", "gold", "resources", "minerals", "petroleum", "energy"})


def _company_names(words: list[_W]) -> list[Name]:
    """« Lilium Mining services Burkina Faso SARL », « Gangfeng lithium »: capitalised words up to a
    company's last word (a legal form, or a trade such as Mining or Lithium), with at most one
    lower-case word on the way."""
    out = []
    for k, w in enumerate(words):
        low = w.lower
        if low not in lx.ORG_SUFFIXES or k == 0 or not _name_word(words[k - 1]):
            continue
        if not (w.text[:1].isupper() if low not in _LOWER_SUFFIXES else True):
            continue
        if low in _LEGAL_FORMS and w.text != w.text.upper() and not w.text.istitle():
            continue
        j, lower = k, 0
        while j > 0:
            x = words[j - 1]
            if _name_word(x) and x.lower not in lx.CONNECTORS and x.lower not in lx.PERSON_TITLES:
                j -= 1
            elif (x.alpha and x.text.islower() and len(x.text) > 4 and x.lower not in lx.CONNECTORS and not lower and j < k
                  and j > 1 and _name_word(words[j - 2])):
                j -= 1
                lower += 1
            else:
                break
        if k - j >= 1 and _name_word(words[j]):
            out.append(Name(words[j].start, w.end, _text(words, j, k + 1), "organisation"))
    return out


_SITE = re.compile(
    r"\b(?i:" + "|".join(lx.SITE_OF) + r")\s+(?:(?:" + "|".join(re.escape(s) for s in lx.SITE_OF_WHAT) + r")\s+)?"
    r"(?:de +l'|de +la +|des +|de +|d'|du +)([A-ZÀ-Ý][\w-]*(?: +[A-ZÀ-Ý][\w-]*)*(?: +\d{2,4}(?=[\s,.;)])(?! +\d))?)"
    r"(?: +et +(?:de +|d')?([A-ZÀ-Ý][\w-]*))?"
    r"|\b((?i:commune)\s+[IVX]+)\b")


def _site_names(text: str) -> list[Name]:
    """« la région de Bougouni », « la région des Cascades », « la région de l'Est », « les mines d'or de
    Boungou et Wahgnion », « le quartier de Sikasso 2000 »: the names are places."""
    out = []
    for m in _SITE.finditer(text):
        for g in (1, 2, 3):
            if m.group(g):
                out.append(Name(m.start(g), m.end(g), m.group(g), "place"))
    return out


def find(text: str, claimed: list[tuple[int, int]], places: set[str],
         orgs: list[tuple[int, int]] = ()) -> list[Name]:
    """Every name found from its form, longest first where they overlap. A name whose head word
    lies inside a span the gazetteer already claimed (``claimed``) is left to the gazetteer.
    ``places`` are known place names, lower case."""
    found: list[Name] = []
    for words in _lines(text):
        found += _acronym_names(words)
        found += _head_names(words, places)
        found += _company_names(words)
    found += _site_names(text)
    found += capital_names(text)
    found += _quoted_sites(text)
    found += state_names(text)
    found += [Name(m.start(1), m.end(1), m.group(1), "organisation") for m in _ISLAMIC_STATE.finditer(text)]
    found += [Name(m.start(), m.end(), "G5 Sahel", "organisation") for m in _G5.finditer(text)]
    found += regional_names(text)
    found += that_of_names(text)
    # left to the gazetteer: a name whose head it claimed, or that holds one of its organisations
    # (« l'État-major de la Garde nationale du Mali » is the Garde nationale's)
    # (unless an acronym defines the whole: « Direction centrale du matériel de l'armée de terre (DCMAT) »)
    defined = {f.name.lower() for f in found if f.by_acronym}
    # (an acronym's definition that runs past the gazetteer's name is a longer name: « Al-Qaïda au
    # Maghreb islamique (Aqmi) » is not Al-Qaïda)
    def longer(f: Name, b: int) -> bool:
        rest = re.fullmatch(r"\s*(?:du|de la|de l'|des|de|d')\s*(.+?)\s*", text[b:f.end])
        return f.by_acronym and f.end > b and not (rest and country(rest.group(1)))  # (« Garde nationale du Mali »)

    found = [f for f in found if not any(a <= f.start < b and not longer(f, b) for a, b in claimed)
             and (f.name.lower() in defined or not any(f.start <= a and b <= f.end for a, b in orgs))]
    # acronym-delimited names first, then the longest
    found.sort(key=lambda f: (not f.by_acronym, -(f.end - f.start), f.start))
    kept: list[Name] = []
    for f in found:
        # a site may hold an organisation's name (« Poste de commandement de la Force unifiée de l'AES »)
        if not any(f.start < k.end and k.start < f.end and not _nests(f, k) for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


_G5 = re.compile(r"(?<![\w-])G5(?:[ -]Sahel)?(?![\w-])")
"""The G5 Sahel (its states' organisation, 2014–2023), also called « le G5 » alone."""
_ISLAMIC_STATE = re.compile(r"\b([ÉE]tat [Ii]slamique(?: (?:au|dans le|du|en|d'|de l') ?[A-ZÀ-Ý][\w-]*"
                            r"(?: (?:de l'|du )?[A-ZÀ-Ý][\w-]*)?)?)")
"""« l'État islamique au Sahel »: not a state, though « État » opens it (an armed group by its name)."""


def _nests(a: Name, b: Name) -> bool:
    """Whether one of two names is a site that holds the other, an organisation, whole."""
    outer, inner = (a, b) if a.end - a.start >= b.end - b.start else (b, a)
    return outer.kind == "place" and inner.kind == "organisation" and outer.start <= inner.start \
        and inner.end <= outer.end


_CAPITAL_OF = re.compile(r"\b(?i:la capitale) ([a-zà-ÿ-]+)")
_CAPITAL_NAMES: dict[str, str] = {}
for _city, _country in lx.CAPITALS.items():
    _CAPITAL_NAMES.setdefault(_country, " ".join("-".join(p[:1].upper() + p[1:] for p in w.split("-"))
                                                 for w in _city.split()))


def capital_names(text: str) -> list[Name]:
    """« la capitale burkinabè » is Ouagadougou: the city, by the capitals the lexicon knows."""
    out = []
    for m in _CAPITAL_OF.finditer(text):
        c = demonym_country(m.group(1))
        if c and c in _CAPITAL_NAMES:
            a = m.start() + 3
            out.append(Name(a, m.end(1), _CAPITAL_NAMES[c], "place"))
    return out


_QUOTED_SITE = re.compile(r"\b((?i:" + "|".join(lx.QUOTED_SITE_HEADS) + r"))\s+«\s*([^»\n]{2,40}?)\s*»")


def _quoted_sites(text: str) -> list[Name]:
    """« au pavillon « arc-en-ciel » »: a site named by a quoted word after its head noun."""
    return [Name(m.start(), m.end(), f"{m.group(1)} {m.group(2)}", "place") for m in _QUOTED_SITE.finditer(text)]


# -- what is not an entity ---------------------------------------------------------------------

_BYLINE = re.compile(r"^\s*(?:\d{1,2}(?:er)? \w+ \d{4},?\s+)?(?i:Par|Avec|Source\s*:|Crédit\s*:?|Photo\s*:?)"
                     r"\s+[\w.@-]+(?:\s+[\w.@-]+){0,4}"
                     r"(?:\s*[-–—|,]\s*(?:le\s+)?\d{1,2}(?:er)?\s+[\w.]+\s+\d{4}(?:\s+(?:à\s+)?\d{1,2}[:hH]\d{2})?)?\s*$")
"""A byline or a credit line, also after or before the day it was written (« 21 septembre 2025 par
Prénom NOM », « par Prénom NOM - 23 févr. 2024 »)."""
_NAME_LINE = re.compile(r"^\s*(?:[A-ZÀ-Ý][\w'.-]+\s+){1,3}[A-ZÀ-Ý][\w'.-]*\s*$")
"""A name alone on one of the last lines (« Prénom Nom », « Prénom N. »): the author's."""
_AGENCY_OPENING = re.compile(r"^\s*\((?:Agence\s+)?[A-ZÀ-Ý][\w.'-]*(?:\s+[A-ZÀ-Ý][\w.'-]*){0,2}\)\s*[-–—]")
"""« (Agence Ecofin) - C'est … »: the agency a text opens with, a credit."""
_BYLINE_PLACE = re.compile(r"^\s*(?:Par|De)\s+[A-ZÀ-Ý][\w.'-]*(?:\s+[A-ZÀ-Ý][\w.'-]*){0,4}\s*\([^)\n]{0,40}\)")
"""A byline with where it was written (« Par Prénom Nom (Bamako, correspondance) »)."""
_AUTHOR_BOX = re.compile(r"^\s*(?i:(?:derniers\s+)?articles\s+(?:publiés\s+)?par)\s*:?\s+\S")
"""An author box (« Derniers articles par : Prénom Nom (voir tous) »), its name often alone on the line before."""
_SIGNED = re.compile(r"^\s*(?:[A-ZÀ-Ý][\w'.-]*\s+){0,3}[A-ZÀ-Ý][\w'.-]*\s*/\s*(?:[Ll]a [Rr]édaction|[A-ZÀ-Ý][\w'.-]+)\s*$")
"""A signature line (« Wilfrid K./La rédaction », « A. Traoré/AMAP »)."""


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Spans that credit rather than report: bylines (« Par Bernard BOUGOUM », a name alone on
    the last lines), « Avec seneweb », photo credits from « © » to the end of the line, and the
    editor's note marker (« NDLR »)."""
    out = []
    lines = list(re.finditer(r"[^\n]+", text))
    signed = {re.sub(r"\s+", " ", b.group(1)).strip().lower() for m in lines
              if (b := re.match(r"^\s*(?i:par)\s+((?:[A-ZÀ-Ý][\w.'-]*\s+){1,3}[A-ZÀ-Ý][\w.'-]*)", m.group()))
              and _BYLINE.match(m.group())}
    for n, m in enumerate(lines):
        line = m.group()
        if _BYLINE.match(line) or _SIGNED.match(line) or re.sub(r"\s+", " ", line).strip().lower() in signed \
                or _NAME_LINE.match(line) and n >= len(lines) - 3 and (
                    not line.strip().endswith(".") or re.search(r"\s[A-ZÀ-Ý]\.$", line.strip())):
            out.append((m.start(), m.end()))
        if _AUTHOR_BOX.match(line):
            out.append((m.start(), m.end()))
            if n and _NAME_LINE.match(lines[n - 1].group()):
                out.append((lines[n - 1].start(), lines[n - 1].end()))
        c = _AGENCY_OPENING.match(line)
        if c:
            out.append((m.start(), m.start() + c.end()))
        c = _BYLINE_PLACE.match(line)
        if c:  # « Par Diemba Moussa Konaté (Bamako, correspondance) Le 21/10/2023 … »
            out.append((m.start(), m.start() + c.end()))
        c = line.find("©")
        if c >= 0:
            out.append((m.start() + c, m.end()))
        c = _PHOTO.search(line)
        if c:  # « … au Niger Image : Prénom Nom/AA/picture alliance »
            out.append((m.start() + c.start(), m.end()))
    out += [(m.start(), m.end()) for m in _NEWS_IN_TEXT.finditer(text)]
    out += [(m.start(), m.end()) for m in _EDITORS_NOTE.finditer(text)]
    return out


_EDITORS_NOTE = re.compile(r"(?<![\w-])(?:N\.\s?D\.\s?L\.\s?R\.?|NDLR|[Nn]dlr)(?![\w-])")
"""« NDLR », « N.D.L.R. »: the editor's note marker, which names nobody."""


_PHOTO = re.compile(r"(?:^|\s)(?:Image|Photo|Crédit photo|Crédits photo|Photo d'illustration)\s?:\s|"
                    r"\b(?:Photo|Image|Crédits? photo)\s?:?\s?D\.?R\.?(?![\w-])|"  # « (Photo DR) »: rights reserved
                    r"\b[A-ZÀ-Ý][\w'-]+(?: [A-ZÀ-Ý][\w'-]+)*/(?:AP|AFP|AA|Reuters|Getty|picture alliance)\b")
_NEWS_IN_TEXT = re.compile(r"(?<![\w-])(?:" + "|".join(
    re.escape(n.upper()) if len(n) <= 4 else r"(?=[A-ZÀ-Ý])(?i:" + re.escape(n) + ")"
    for n in sorted((x for x in lx.NEWS_ORGANISATIONS if " " in x or len(x) <= 4), key=len, reverse=True))
    + r")(?![\w-])")
"""News organisations written in the text (« rapporte France 24 »): the model's cuts inside them
(« France ») name nobody."""


_MEDIA_WORDS = re.compile(r"\b(?:info|infos|news|fm|tv|media|medias|actu|online|en live|live)\b")


def _collapse(name: str) -> str:
    """An outlet's name or id without spaces, articles and the words any outlet may add (« Radars
    Info Burkina » and radarsburkina, « MALIBA EN LIVE » and malibafm are one outlet)."""
    s = _MEDIA_WORDS.sub("", _ascii(name).lower())
    s = re.sub(r"[^a-z0-9]+", "", s)
    s = re.sub(r"^(?:le|la|les|l)(?=[a-z]{4})", "", s)
    return re.sub(r"(?:com|net|info|org|fr|africa|news|fm|tv|media|actu)$", "", s) or s


def is_credit(name: str, outlets: set[str]) -> bool:
    """Whether ``name`` is a news organisation or one of the ``outlets`` (ids or names)."""
    low = re.sub(r"\s+", " ", name.lower()).strip(" .")
    if low in lx.NEWS_ORGANISATIONS or re.sub(r"^(?:l'|la |le )", "", low) in lx.NEWS_ORGANISATIONS:
        return True
    if country(name):
        return False  # « Niger » is the country, even in an outlet named Niger News
    c = _collapse(name)
    if c and _MEDIA_WORDS.search(_ascii(name).lower()):
        # « Lomé Actu » for actulome: a name with a media word is the outlet whose id has it first
        # (but « Lomé » alone is the city)
        if any(c == re.sub(r"^(?:actu|infos?|news)(?=[a-z]{4})", "", _collapse(o)) for o in outlets):
            return True
    return bool(c) and any(c == _collapse(o) for o in outlets)


_COUNTRY = {c.lower(): lx.COUNTRY_ALIASES.get(c.lower(), c) for c in (*lx.world_countries(), *lx.COUNTRIES,
                                                                       *lx.COUNTRY_ALIASES)}


_COUNTRY_FOLDED = {_ascii(k): v for k, v in _COUNTRY.items()}


def country(name: str, known: set[str] = frozenset()) -> str | None:
    """The country a name designates (« Chine », « République populaire de Chine »), or None;
    ``known`` are more country names (lower case), as the gazetteer has them."""
    low = re.sub(r"\s+", " ", name.lower()).strip()
    low = re.sub(r"^(?:(?:la|le)\s+|l')\s*", "", low)
    found = _country_named(low)
    if found is not None or not known:
        return found
    for form in lx.STATE_FORMS:
        if low.startswith(form + " ") or (form.endswith("'") and low.startswith(form)):
            rest = low[len(form):].strip()
            rest = re.sub(r"^(?:(?:la|le)\s+|l')\s*", "", rest)
            return rest.title() if rest in known else None
    return None


@functools.lru_cache(maxsize=4096)
def _country_named(low: str) -> str | None:
    if low in _COUNTRY:
        return _COUNTRY[low]
    if _ascii(low) in _COUNTRY_FOLDED:
        return _COUNTRY_FOLDED[_ascii(low)]  # « Guinée Equatoriale », « Egypte »: capitals lose their accents
    for form in lx.STATE_FORMS:
        if low.startswith(form + " ") or (form.endswith("'") and low.startswith(form)):
            rest = low[len(form):].strip()
            rest = re.sub(r"^(?:(?:la|le)\s+|l')\s*", "", rest)
            return _COUNTRY.get(rest)
    return None


def demonym_country(word: str) -> str | None:
    """The country a nationality adjective of any gender and number designates (« nigériennes » →
    Niger), or None."""
    w = word.lower()
    forms = [w, w[:-1] if w.endswith("s") else w]
    for f in list(forms):
        if f.endswith("nne"):
            forms.append(f[:-2])  # nigérienne → nigérien
        if f.endswith("que"):
            forms.append(f[:-3] + "c")  # turque → turc
        if f.endswith("e"):
            forms.append(f[:-1])  # malienne → malien(ne), française → français
    return next((lx.DEMONYM_COUNTRIES[f] for f in forms if f in lx.DEMONYM_COUNTRIES), None)


_STATE = re.compile(
    r"\b(?i:l'|le |la |les )((?i:" + "|".join(lx.STATE_NOUNS) + r")(?: militaires?| de (?:la )?[Tt]ransition)?)"
    r"(?:( au pouvoir (?:au|en)| du) ([A-ZÀ-Ý][\w'-]*(?: [A-ZÀ-Ý][\w-]*)?)| ([a-zà-ÿA-ZÀ-Ý][a-zà-ÿ-]+)\b)")


_REGIONAL = re.compile(r"\b((?i:gouvernement|conseil|assemblée) (?:provincial|provinciale|régional|régionale|local|"
                       r"fédéral|autonome) (?:du |de la |de l'|de |des )[A-ZÀ-Ý][\w-]*(?: [A-ZÀ-Ý][\w-]*)?)")


def regional_names(text: str) -> list[Name]:
    """« le gouvernement provincial du Zhejiang », « le conseil régional de Ségou »: a body, named
    with its region."""
    return [Name(m.start(1), m.end(1), m.group(1), "organisation") for m in _REGIONAL.finditer(text)]


_THAT_OF = re.compile(r"\bcelui (de la |de l'|du |des |d')([A-ZÀ-Ý][\w-]*(?: [a-zà-ÿ]{4,}(?=[ ,.;(]))?)")
_THAT_HEAD = re.compile(r"\b(ministère|agence|direction|office|commission|conseil|comité)\b", re.IGNORECASE)


def that_of_names(text: str) -> list[Name]:
    """« le ministère de la Défense …, tandis que celui de la Sécurité … »: another body of the same
    kind, named by the head noun said just before in the sentence."""
    out = []
    for m in _THAT_OF.finditer(text):
        start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        heads = list(_THAT_HEAD.finditer(text, start, m.start()))
        if heads:
            head = heads[-1].group(1).lower()
            out.append(Name(m.start(1), m.end(2), f"{head} {m.group(1)}{m.group(2)}", "organisation"))
    return out


def state_names(text: str) -> list[Name]:
    """« l'État burkinabè », « le gouvernement nigérien », « les autorités de la transition
    burkinabè », « le gouvernement du Mali », « la junte au pouvoir au Niger »: the state itself
    (``name`` is the country; a country after « au pouvoir au » stays a place of its own)."""
    out = []
    for m in _STATE.finditer(text):
        if m.group(4):
            out += [Name(m.start(1), m.end(4), c, "state")] if (c := demonym_country(m.group(4))) else []
        else:  # the caller checks that the name is a country's
            end = m.end(3) if m.group(2) == " du" else m.end(2) - 3
            out.append(Name(m.start(1), end, country(m.group(3)) or m.group(3), "state"))
    return out


_ARMED = re.compile(lx.ARMED_NAME)


_GLUE = re.compile(r"\b(?:al|el|ul|wal|wa)(?:[-'\s]+|$)")


def spelling_key(name: str) -> tuple[str, ...]:
    """A name's words as consonant skeletons, without function words and Arabic articles, so that
    two transliterations or two French renderings of one name compare equal (« Jama'at Nusrat
    al-Islam wal-Muslimin », « Jamaat Nasr al-Islam wal Muslimeen », « Djama'at Nosrat … »;
    « Groupe pour le soutien à l'islam … » and « Groupe de soutien à l'islam … »)."""
    folded = _ascii(name).lower().replace("’", "'")
    folded = _GLUE.sub(" ", re.sub(r"\b[ld]'", " ", folded))
    folded = re.sub(r"(?<=\w)['-](?=\w)", "", folded)
    words = [w for w in re.findall(r"[a-z]+", folded) if w not in lx.NAME_SMALL_WORDS]
    out = []
    for w in words:
        w = re.sub(r"^dj", "j", w).replace("sh", "ch")  # « Djama'at », « Daesh »: the French spellings
        skeleton = re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouyh]", "", w[1:]))
        out.append(w[0] + skeleton if w[0] in "aeiouy" else re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouyh]", "", w)))
    return tuple(out)


def same_spelling(new: tuple[str, ...], known: tuple[str, ...]) -> bool:
    """Whether a name's key (``spelling_key``) is a known name's, or its first three words or more
    (« Jamaat Nusrat al-Islam »). In a name of three words or more, one word's skeleton may be the
    start of the other's (« Nasr », « Nusrat »); a shorter name must be the same word for word
    (« December » is not « Daech »). A longer name is never a shorter known one (« État islamique
    au Grand Sahara » is not « État islamique »)."""
    if not new or len(new) > len(known) or (len(new) < len(known) and len(new) < 3):
        return False
    if len(new) < 3:
        return new == known
    pairs = list(zip(new, known))
    loose = [a != b for a, b in pairs]
    return sum(loose) <= 1 and all(min(len(a), len(b)) >= 2 and (a.startswith(b) or b.startswith(a))
                                   for a, b in pairs)


def is_armed_group(name: str) -> bool:
    """Whether a name is that of a non-state armed group, from its words."""
    folded = _ascii(name).lower().replace("'", " ")
    folded = re.sub(r"^(?:le|la|les|l)\s+", "", re.sub(r"\s+", " ", folded)).strip()
    return bool(_ARMED.search(folded))
