"""French numbers (digits and words) with what they count → Quantity.

« 900 nouvelles recrues », « neuf cents jeunes recrues », « 5 000 jeunes », « six mois »,
« 1,2 milliard de FCFA », « $5 millions », « 2,5 % », « une vingtaine de soldats »,
« près de 1 000 recrues », « pendant trois ans ». The EntityRuler finds them with the token
patterns below (label QTY); ``parse`` turns the span's text into a value, a unit and whether the
text hedges the figure (``approximate``); ``in_context`` drops what the words before the span show
is no quantity (« âgé de 45 ans »).
"""

from __future__ import annotations

import re
from itertools import product

from ..facts.model import Quantity

_PLURALS = {  # unit → the French nouns that count it, singular and plural
    "recruit": ["recrue", "recrues"],
    "person": ["personne", "personnes", "participant", "participants", "soldat", "soldats",
               "militaire", "militaires", "civil", "civils", "élève", "élèves", "gendarme", "gendarmes",
               "policier", "policiers", "officier", "officiers", "volontaire", "volontaires",
               "combattant", "combattants", "stagiaire", "stagiaires"],
    "young_person": ["jeune", "jeunes"],
    "day": ["jour", "jours"], "week": ["semaine", "semaines"], "month": ["mois"],
    "year": ["an", "ans", "année", "années"],
    "XOF": ["fcfa", "cfa", "franc", "francs", "xof"],
    "USD": ["dollar", "dollars", "usd", "$", "us$"],
    "EUR": ["euro", "euros", "eur", "€"],
    "CNY": ["yuan", "yuans", "cny"],
    "RUB": ["rouble", "roubles", "rub"],
    "percent": ["%"],
    "vehicle": ["véhicule", "véhicules", "blindé", "blindés", "pick-up", "pick-ups", "camion", "camions",
                "engin", "engins"],
    "aircraft": ["avion", "avions", "aéronef", "aéronefs", "hélicoptère", "hélicoptères", "appareil", "appareils"],
    "drone": ["drone", "drones"],
    "weapon": ["arme", "armes", "fusil", "fusils"],
    "tonne": ["tonne", "tonnes"],
    "km": ["km", "kilomètre", "kilomètres"],
    "ha": ["ha", "hectare", "hectares"],
    "project": ["projet", "projets"],
    "school": ["école", "écoles"],
    "unit": ["bataillon", "bataillons", "compagnie", "compagnies", "unité", "unités"],
}
UNITS = {word: unit for unit, words in _PLURALS.items() for word in words}
"""French noun (lower case) → unit. Soldiers are people: they count as ``person``."""
UNIT_WORDS = sorted(UNITS)
CURRENCIES = ("XOF", "USD", "EUR", "CNY", "RUB")
EQUIPMENT = ("vehicle", "aircraft", "drone", "weapon")
SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR"}
"""Currency signs that may also stand before the number (« $5 millions »)."""
ARTICLE_UNITS = ("person", "recruit", "day", "week", "month", "year")
"""Units a bare « un »/« une » counts (« pendant un an », « un soldat »); « un projet », « une
école », « une unité » are articles, not counts."""
# Words that may stand between the number and the noun: « 900 nouvelles recrues ».
QUALIFIERS = ["nouvelles", "nouveaux", "nouvelle", "nouveau", "jeunes", "premiers", "premières",
              "derniers", "dernières", "autres", "prochains", "prochaines", "futures", "futurs"]
# Words that may follow the noun: « véhicules blindés », « francs CFA », « engins explosifs »
# (kept in the span so that parse can tell mines from vehicles).
AFTER = ["blindé", "blindés", "cfa", "explosif", "explosifs"]
_NOT_COUNTED = {"explosif", "explosifs"}

HEDGES = (("près", "de"), ("près", "d'"), ("environ",), ("quelque",), ("plus", "de"), ("plus", "d'"),
          ("au", "moins"), ("pas", "moins", "de"), ("moins", "de"), ("moins", "d'"), ("autour", "de"),
          ("presque",), ("quasiment",), ("approximativement",))
"""Words before a figure that make it approximate: « près de 1 000 », « plus de 300 »."""
APPROX_NOUNS = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
                "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000}
"""« une vingtaine de », « un millier de »: approximate by themselves (« des dizaines » has no value)."""

_UNITS_WORDS = {"zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
                "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
                "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40,
                "cinquante": 50, "soixante": 60, "septante": 70, "octante": 80, "huitante": 80,
                "nonante": 90}
_SCALES = {"cent": 100, "cents": 100, "mille": 1000, "milles": 1000}
_BIG = {"million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9}
NUMBER_WORDS = sorted(set(_UNITS_WORDS) | set(_SCALES) | {"et"})
_ARTICLES = ("un", "une")

# Digits: « 900 », « 12,5 », « 1.500.000 » (dots group thousands, a comma marks decimals).
_DIGITS = re.compile(r"^(?:\d+|\d{1,3}(?:\.\d{3})+)(?:,\d+)?$")
# A group of three digits after a number of one to three: « 1 500 », « 2 000 000 » (spaces).
_GROUP = re.compile(r"^\d{3}(?:,\d+)?$")
_SHORT = re.compile(r"^\d{1,3}$")

# Years as durations need a word that makes them one: « pendant trois ans », « sur cinq ans »,
# « un mandat de cinq ans »; « âgé de 45 ans », « il y a trois ans », « de 18 à 25 ans » are not.
DURATION_CUES = {"pendant", "durant", "depuis", "sur", "en", "pour", "dans", "ici"}
DURATION_NOUNS = {"durée", "mandat", "peine", "période", "programme", "plan", "contrat", "prolongation",
                  "transition", "formation", "séjour", "engagement", "cycle", "délai"}
AGE_WORDS = {"âgé", "âgée", "âgés", "âgées", "âge"}


def words_to_number(words: list[str]) -> float | None:
    """French number words → value: « neuf cents » → 900, « cinq mille » → 5000,
    « quatre-vingt-dix » → 90. None when the words are not a number."""
    joined = " ".join(w.lower() for w in words).replace("-", " ")
    joined = re.sub(r"\bquatre vingts?\b", "octante", joined)
    parts = joined.split()
    if not parts:
        return None
    total, current, seen = 0, 0, False
    for p in parts:
        if p == "et":
            continue
        if p in _UNITS_WORDS:
            current += _UNITS_WORDS[p]
        elif p in ("cent", "cents"):
            current = (current or 1) * 100
        elif p in ("mille", "milles"):
            total += (current or 1) * 1000
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def could_start_number(word: str) -> bool:
    """Cheap test before number_value: digits, a number word, or a hyphenated compound."""
    w = word.lower()
    return w[:1].isdigit() or w in _UNITS_WORDS or w in _SCALES or ("-" in w and len(w) > 3)


def number_value(tokens: list[str]) -> tuple[float | None, int]:
    """Value of the number at the start of ``tokens`` and how many tokens it takes.

    Digits may be grouped by spaces (« 5 000 » is two tokens) or dots (« 5.000 »); decimals use a
    comma; « millions » and « milliards » multiply."""
    if not tokens:
        return None, 0
    if tokens[0][:1].isdigit():
        if not _DIGITS.match(tokens[0]):
            return None, 0
        n = 1
        while _SHORT.match(tokens[0]) and n < len(tokens) and _GROUP.match(tokens[n]) and "," not in tokens[n - 1]:
            n += 1
        value = float("".join(tokens[:n]).replace(".", "").replace(",", "."))
    else:
        n = 0
        while n < len(tokens) and (tokens[n].lower() in _UNITS_WORDS or tokens[n].lower() in _SCALES
                                   or tokens[n].lower() == "et" and n > 0
                                   or "-" in tokens[n] and words_to_number([tokens[n]]) is not None):
            n += 1
        while n and tokens[n - 1].lower() == "et":
            n -= 1
        value = words_to_number(tokens[:n]) if n else None
        if value is None:
            return None, 0
    if n < len(tokens) and tokens[n].lower() in _BIG:
        value *= _BIG[tokens[n].lower()]
        n += 1
    return value, n


def _tokens(text: str) -> list[str]:
    """Words, numbers and currency signs; elisions apart (« d'un » → « d' », « un »)."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")
    return re.findall(r"\d[\d.]*(?:,\d+)?|[Uu][Ss]\$|\w+'|[\w-]+|[$€%]", text)


def _hedge(low: list[str]) -> int:
    """How many of the first words hedge the figure (0 when none)."""
    return max((len(h) for h in HEDGES if tuple(low[:len(h)]) == h), default=0)


def parse(text: str) -> Quantity | None:
    """A ruler QTY span's text → Quantity (value, unit, original wording, approximate)."""
    tokens = _tokens(text)
    low = [t.lower() for t in tokens]
    i = _hedge(low)
    approximate = i > 0
    unit = SYMBOLS.get(low[i]) if i < len(low) else None
    i += unit is not None
    value, n = number_value(tokens[i:])
    if value is None:
        return None
    i += n
    if i < len(low) and low[i] in APPROX_NOUNS:  # « une vingtaine », « un millier »
        value *= APPROX_NOUNS[low[i]]
        approximate = True
        i += 1
    rest = low[i:]
    if _NOT_COUNTED & set(rest):
        return None
    if unit is None and "pour" in rest and rest[rest.index("pour") + 1:][:1] == ["cent"]:
        unit = "percent"
    for t in rest if unit is None else ():
        if t in UNITS:
            unit = UNITS[t]
            if t not in ("jeunes", "jeune") or t is rest[-1]:  # « jeunes recrues » are recruits
                break
    if unit is None:
        return None
    return Quantity(value=value, unit=unit, text=text.strip(), approximate=approximate)


def in_context(q: Quantity, before: list[str]) -> bool:
    """Whether ``q`` is a quantity given the lower-cased words just before its span (nearest last):
    years count only as durations (« pendant trois ans »), never as ages (« âgé de 45 ans »)."""
    if q.unit != "year":
        return True
    if AGE_WORDS & set(before):
        return False
    prev = before[-1] if before else ""
    return prev in DURATION_CUES or prev in ("de", "d'") and len(before) > 1 and before[-2] in DURATION_NOUNS


# -- EntityRuler token patterns ----------------------------------------------------------------
def _in(words) -> dict:
    return {"LOWER": {"IN": sorted(words)}}


_OPT_DE = {"LOWER": {"IN": ["de", "d'"]}, "OP": "?"}
_OPT_QUAL = {"LOWER": {"IN": QUALIFIERS}, "OP": "?"}
_OPT_AFTER = {"LOWER": {"IN": AFTER}, "OP": "?"}
_OPT_BIG = {"LOWER": {"IN": list(_BIG)}, "OP": "?"}
_WORD_RX = "(?:" + "|".join(sorted((set(_UNITS_WORDS) | set(_SCALES)) - set(_ARTICLES))) + ")"


def _numbers() -> list[list[dict]]:
    """The ways a figure is written, with its optional scale: « 1 500 », « 12,5 », « 1.500 »,
    « neuf cents », « quatre-vingt-dix », « deux millions »."""
    grouped = [{"TEXT": {"REGEX": _SHORT.pattern}}, {"TEXT": {"REGEX": _GROUP.pattern}, "OP": "+"}]
    digits = [{"TEXT": {"REGEX": _DIGITS.pattern}}]
    # a first number word (or a hyphenated compound), then more number words (« vingt et un »)
    words = [{"LOWER": {"REGEX": f"^{_WORD_RX}(?:-(?:{_WORD_RX}|et|un|une))*$"}},
             {"LOWER": {"IN": NUMBER_WORDS}, "OP": "*"}]
    return [grouped + [_OPT_BIG], digits + [_OPT_BIG], words + [_OPT_BIG]]


def ruler_patterns() -> list[dict]:
    """Token patterns labelled QTY: an optional hedge, a figure (digits, words, « un milliard »,
    « une vingtaine », or a currency sign and digits), « de », a qualifier, the unit."""
    article = _in(_ARTICLES)
    unit_tail = [_OPT_DE, _OPT_QUAL, _in(UNIT_WORDS), _OPT_AFTER]
    article_tail = [_OPT_DE, _OPT_QUAL, _in(w for w, u in UNITS.items() if u in ARTICLE_UNITS)]
    tails = [unit_tail, [_OPT_DE, {"LOWER": "f"}, {"LOWER": "cfa"}], [{"LOWER": "pour"}, {"LOWER": "cent"}]]
    forms = [num + tail for num, tail in product(_numbers(), tails)]
    forms += [[article, _in(_BIG)] + unit_tail, [article, _in(APPROX_NOUNS)] + unit_tail, [article] + article_tail]
    digits = _numbers()[:2]
    forms += [[_in(SYMBOLS)] + num for num in digits]  # « $5 millions », « € 3 millions »
    prefixes = [[]] + [[{"LOWER": w} for w in h] for h in HEDGES]
    return [{"label": "QTY", "pattern": prefix + form} for prefix, form in product(prefixes, forms)]
