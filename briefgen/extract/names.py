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

import re
import unicodedata
from dataclasses import dataclass

from . import lexicon as lx

_WORD = re.compile(r"[dDlL]'|\w[\w-]*|[()]|[^\w\s]")
_ADJ_END = re.compile(r"(?:al|ale|aux|ales|ien|ienne|iens|iennes|ais|aise|ique|iques|aire|aires|if|ive|ifs|ives|el|"
                      r"elle|els|elles|ain|aine|aines|ains|é|ée|és|ées|ère|ier|ière|eur|euse|ant|ante|ants|antes|"
                      r"ente|iste|istes|iale|ile|iles|ble|bles|unis|unies)$")
_NOT_ADJ = frozenset({"selon", "pendant", "durant", "avant", "devant", "cependant", "maintenant", "notamment",
                      "était", "avait", "étaient", "avaient", "sont", "ont", "est", "qui", "dont", "lequel",
                      "laquelle", "président", "présidente", "commandant", "représentant", "représentante",
                      "agent", "ministre", "directeur", "directrice", "chef", "responsable", "secrétaire"})
_ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z0-9&-]{1,9}$|^[A-Z][a-z]{2,5}$")


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


@dataclass(frozen=True, slots=True)
class _W:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper() or self.text[:1].isdigit()

    @property
    def alpha(self) -> bool:
        return self.text[:1].isalnum()


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _lines(text: str):
    for m in re.finditer(r"[^\n]+", text):
        yield [_W(w.group(), m.start() + w.start(), m.start() + w.end()) for w in _WORD.finditer(m.group())]


def _is_adj(w: _W, nxt: _W | None = None) -> bool:
    t = w.text
    if nxt is not None and re.search(r"é(?:e|s|es)?$", t) and nxt.lower in ("à", "au", "aux", "par", "en", "dans", "sur"):
        return False  # a participle opening a phrase (« la Banque mondiale | basée à Washington »)
    return (t.islower() and len(t) >= 4 and t not in _NOT_ADJ and not t.endswith("ment")
            and (t in lx.DEMONYMS or bool(_ADJ_END.search(t))))


_LOWER_IN_NAMES = frozenset({"air", "terre", "mer"})
"""Lower-case words that end a name after « de » (« Armée de l'air », « Armée de terre »)."""


def _name_word(w: _W) -> bool:
    """A word that carries a name: capitalised (not a lone letter), or a figure with letters (« 4-Août »)."""
    if w.text[:1].isdigit():
        return any(c.isalpha() for c in w.text)
    return w.text[:1].isupper()


def _extend(words: list[_W], k: int, stop_at: set[str], commas: bool = False) -> int:
    """Index after the name that starts before ``k``: capitalised words, adjectives, and small
    words that lead to another capitalised word (at most two lower-case nouns on the way)."""
    n, first = len(words), k
    adjs = 0
    while k < n:
        w = words[k]
        if w.text in ("(", ")"):
            break
        if w.text == "," and commas and k + 2 < n and words[k + 1].lower in ("de", "du", "des", "d'") and (
                words[k + 2].cap or words[k + 2].lower in ("la", "l'")):
            k += 1  # « ministère de la Réconciliation nationale, de la Paix et de la Cohésion sociale »
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
            most = 2 if w.lower in ("de", "du", "des", "d'", "et") else 0  # « sur les plateaux … » is no name
            while m < n and words[m].alpha and not words[m].cap and words[m].lower not in _LOWER_IN_NAMES and (
                    words[m].lower in lx.CONNECTORS or (nouns < most and len(words[m].text) > 2)):
                nouns += words[m].lower not in lx.CONNECTORS
                m += 1
            if m < n and (_name_word(words[m]) or words[m].lower in _LOWER_IN_NAMES) \
                    and words[m - 1].lower in lx.CONNECTORS and words[m].lower not in stop_at:
                k = m
                continue
        break
    while k > first and (words[k - 1].text == "," or words[k - 1].lower in lx.CONNECTORS):
        k -= 1
    return k


def _acronym_after(words: list[_W], j: int) -> str | None:
    if j + 2 < len(words) and words[j].text == "(" and words[j + 2].text == ")" and _ACRONYM.match(words[j + 1].text):
        return words[j + 1].text
    return None


def _head_names(words: list[_W], places: set[str]) -> list[Name]:
    """Organisations and sites from their first word."""
    out: list[Name] = []
    for i, w in enumerate(words):
        lw = w.lower
        if lw not in lx.ORG_HEADS and lw not in lx.PLACE_HEADS:
            continue
        prev = words[i - 1].lower if i > 0 else ""
        nxt = words[i + 1] if i + 1 < len(words) else None
        if prev in lx.POSSESSIVES or nxt is None:
            continue
        if prev == "de" and i > 1 and words[i - 2].lower in lx.PERSON_TITLES:
            continue  # a rank (« Général de Brigade Moussa Yoro Kanté »)
        place = lw in lx.PLACE_HEADS
        if not w.cap and lw not in lx.LOWER_ORG_HEADS and not place:
            continue
        if lw == "groupe" and nxt.lower.startswith("arm"):
            continue
        if lw in lx.PLACE_HEAD_NEEDS and nxt.lower not in lx.PLACE_HEAD_NEEDS[lw]:
            continue
        # a site named after a known city stops before it (« aéroport … Modibo Kéita | de Bamako »)
        end = _extend(words, i + 1, set(), commas=lw == "ministère")
        if place:
            for k in range(i + 2, end - 1):
                if words[k].lower in ("de", "du", "d'") and words[k + 1].lower in places and any(
                        x.cap for x in words[i + 1:k]):
                    end = k
                    break
        body = words[i + 1:end]
        if not body and w.cap and not place and i > 0 and words[i - 1].alpha and i + 2 < len(words) \
                and words[i + 1].lower in ("de", "des", "du") and words[i + 2].text.isalpha() \
                and words[i + 2].text.islower() and len(words[i + 2].text) > 3 and not _is_adj(words[i + 2]) \
                and not re.search(r"(?:er|ir|oir)$", words[i + 2].text):  # « la Mission de commencer »
            # « à l'issue du Conseil des ministres »: a capitalised head inside a sentence names an
            # institution even with a common noun after it
            out.append(Name(w.start, words[i + 2].end, _text(words, i, i + 3), "organisation"))
            continue
        if not body:
            continue
        proper = any((_name_word(x) and len(x.text) > 1) or x.lower in _LOWER_IN_NAMES for x in body)
        first_proper = next((k for k, x in enumerate(body) if _name_word(x)), len(body))
        via_connector = any(x.lower in lx.CONNECTORS for x in body[:first_proper])
        if w.cap and not proper and not any(_is_adj(x) for x in body):
            continue
        if not w.cap:
            national = lw in lx.NATIONAL_ADJ_HEADS and any(
                (x.lower in lx.DEMONYMS and x.lower not in ("national", "nationale"))
                or (lw == "état-major" and x.lower in ("général", "générale")) for x in body)
            direct_ok = lw in ("fondation", "mission") or place
            if lw == "groupe" and 0 < first_proper < len(body) and all(x.lower in lx.FORCE_ADJECTIVES or x.lower in lx.DEMONYMS
                                                           for x in body[:first_proper]):
                # « le groupe paramilitaire russe Wagner » is the « groupe Wagner »
                if any(x.lower in lx.FORCE_ADJECTIVES for x in body):
                    out.append(Name(w.start, words[end - 1].end, "groupe " + _text(body, first_proper, len(body)),
                                    "organisation"))
                continue
            if not (proper and (via_connector or direct_ok)) and not national:
                continue
        kind = "place" if place else ("both" if lw in lx.BOTH_ORG_AND_PLACE else "organisation")
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
        out.append(Name(w.start, words[end - 1].end, _text(words, i, end), kind, _acronym_after(words, end)))
    return out


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
    if w.lower in lx.CONNECTORS:
        return _spells(rest, letters, skips)
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
        for start in range(j - 1, max(-1, j - 16), -1):
            x = words[start]
            if not x.alpha:
                break
            if not x.cap or x.lower in lx.CONNECTORS or not _spells(words[start:j], letters):
                continue
            if start and words[start - 1].lower in lx.POSSESSIVES:
                break
            head = x.lower
            if head not in lx.ORG_HEADS and head not in lx.PLACE_HEADS and sum(
                    _name_word(y) for y in words[start:j]) < 2:
                break
            kind = "place" if head in lx.PLACE_HEADS else ("both" if head in lx.BOTH_ORG_AND_PLACE else "organisation")
            out.append(Name(x.start, words[j - 1].end, _text(words, start, j), kind, acr, True))
            break
    return out


_SITE = re.compile(
    r"\b(?i:" + "|".join(lx.SITE_OF) + r")\s+(?:(?:" + "|".join(re.escape(s) for s in lx.SITE_OF_WHAT) + r")\s+)?"
    r"(?:de +|d'|du +)([A-ZÀ-Ý][\w-]*(?: +[A-ZÀ-Ý][\w-]*)*)(?: +et +(?:de +|d')?([A-ZÀ-Ý][\w-]*))?"
    r"|\b((?i:commune)\s+[IVX]+)\b")


def _site_names(text: str) -> list[Name]:
    """« la région de Bougouni », « les mines d'or de Boungou et Wahgnion »: the names are places."""
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
    found += _site_names(text)
    found += state_names(text)
    found += regional_names(text)
    found += that_of_names(text)
    # left to the gazetteer: a name whose head it claimed, or that holds one of its organisations
    # (« l'État-major de la Garde nationale du Mali » is the Garde nationale's)
    found = [f for f in found if not any(a <= f.start < b for a, b in claimed)
             and not any(f.start <= a and b <= f.end for a, b in orgs)]
    # acronym-delimited names first, then the longest
    found.sort(key=lambda f: (not f.by_acronym, -(f.end - f.start), f.start))
    kept: list[Name] = []
    for f in found:
        if not any(f.start < k.end and k.start < f.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


# -- what is not an entity ---------------------------------------------------------------------

_BYLINE = re.compile(r"^\s*(?:Par|Avec|Source\s*:|Crédit\s*:?|Photo\s*:?)\s+[\w.@-]+(?:\s+[\w.@-]+){0,4}\s*$")
_NAME_LINE = re.compile(r"^\s*(?:[A-ZÀ-Ý][\w'.-]+\s+){1,3}[A-ZÀ-Ý][\w'.-]+\s*$")


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Spans that credit rather than report: bylines (« Par Bernard BOUGOUM », a name alone on
    the last lines), « Avec seneweb », and photo credits from « © » to the end of the line."""
    out = []
    lines = list(re.finditer(r"[^\n]+", text))
    for n, m in enumerate(lines):
        line = m.group()
        if _BYLINE.match(line) or _NAME_LINE.match(line) and n >= len(lines) - 3 and not line.strip().endswith("."):
            out.append((m.start(), m.end()))
        c = line.find("©")
        if c >= 0:
            out.append((m.start() + c, m.end()))
    return out


def _collapse(name: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "", _ascii(name).lower())
    s = re.sub(r"^(?:le|la|les|l)(?=[a-z]{4})", "", s)
    return re.sub(r"(?:com|net|info|org|fr|africa|news)$", "", s) or s


def is_credit(name: str, outlets: set[str]) -> bool:
    """Whether ``name`` is a news organisation or one of the ``outlets`` (ids or names)."""
    low = re.sub(r"\s+", " ", name.lower()).strip(" .")
    if low in lx.NEWS_ORGANISATIONS or re.sub(r"^(?:l'|la |le )", "", low) in lx.NEWS_ORGANISATIONS:
        return True
    c = _collapse(name)
    return bool(c) and any(c == _collapse(o) for o in outlets)


_COUNTRY = {c.lower(): lx.COUNTRY_ALIASES.get(c.lower(), c) for c in (*lx.COUNTRIES, *lx.COUNTRY_ALIASES)}


def country(name: str, known: set[str] = frozenset()) -> str | None:
    """The country a name designates (« Chine », « République populaire de Chine »), or None;
    ``known`` are more country names (lower case), as the gazetteer has them."""
    low = re.sub(r"\s+", " ", name.lower()).strip()
    low = re.sub(r"^(?:la|le|l')\s*", "", low)
    if low in _COUNTRY:
        return _COUNTRY[low]
    for form in lx.STATE_FORMS:
        if low.startswith(form + " ") or (form.endswith("'") and low.startswith(form)):
            rest = low[len(form):].strip()
            rest = re.sub(r"^(?:la|le|l')\s*", "", rest)
            return _COUNTRY.get(rest) or (rest.title() if rest in known else None)
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
    r"(?:( au pouvoir (?:au|en)| du) ([A-ZÀ-Ý][\w'-]*(?: [A-ZÀ-Ý][\w-]*)?)| ([a-zà-ÿ-]+)\b)")


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


def is_armed_group(name: str) -> bool:
    """Whether a name is that of a non-state armed group, from its words."""
    folded = _ascii(name).lower().replace("'", " ")
    folded = re.sub(r"^(?:le|la|les|l)\s+", "", re.sub(r"\s+", " ", folded)).strip()
    return bool(_ARMED.search(folded))
