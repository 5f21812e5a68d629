"""French numbers (digits and words) with what they count → Quantity.

« 900 nouvelles recrues », « neuf cents jeunes recrues », « 5 000 jeunes », « six mois »,
« 1,2 milliard de FCFA ». The EntityRuler finds them with the token patterns below (label QTY);
``parse`` turns the span's text into a value and a unit.
"""

from __future__ import annotations

import re

from ..facts.model import Quantity

UNITS = {
    "recrue": "recruit", "recrues": "recruit",
    "personne": "person", "personnes": "person", "participant": "person", "participants": "person",
    "soldat": "person", "soldats": "person", "militaire": "person", "militaires": "person",
    "civil": "person", "civils": "person", "élève": "person", "élèves": "person",
    "gendarme": "person", "gendarmes": "person", "policier": "person", "policiers": "person",
    "officier": "person", "officiers": "person", "volontaire": "person", "volontaires": "person",
    "combattant": "person", "combattants": "person", "stagiaire": "person", "stagiaires": "person",
    "jeune": "young_person", "jeunes": "young_person",
    "mois": "month", "semaine": "week", "semaines": "week", "jour": "day", "jours": "day",
    "fcfa": "XOF", "cfa": "XOF", "francs": "XOF", "franc": "XOF",
    "dollar": "USD", "dollars": "USD", "usd": "USD",
    "véhicule": "vehicle", "véhicules": "vehicle", "blindé": "vehicle", "blindés": "vehicle",
    "pick-up": "vehicle", "camion": "vehicle", "camions": "vehicle",
}
UNIT_WORDS = sorted(UNITS)
# Words that may stand between the number and the noun: « 900 nouvelles recrues ».
QUALIFIERS = ["nouvelles", "nouveaux", "nouvelle", "nouveau", "jeunes", "premiers", "premières",
              "derniers", "dernières", "autres", "prochains", "prochaines", "futures", "futurs"]

_UNITS_WORDS = {"zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
                "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
                "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40,
                "cinquante": 50, "soixante": 60, "septante": 70, "octante": 80, "huitante": 80,
                "nonante": 90}
_SCALES = {"cent": 100, "cents": 100, "mille": 1000, "milles": 1000}
_BIG = {"million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9}
NUMBER_WORDS = sorted(set(_UNITS_WORDS) | set(_SCALES) | {"et"} - {"un", "une"})


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

    Digits may be grouped by spaces (« 5 000 » is two tokens); decimals use a comma."""
    if not tokens:
        return None, 0
    if re.match(r"^\d", tokens[0]):
        n = 1
        while n < len(tokens) and re.match(r"^\d{3}(,\d+)?$", tokens[n]):
            n += 1
        raw = "".join(tokens[:n]).replace(".", "").replace(",", ".")
        try:
            value = float(raw)
        except ValueError:
            return None, 0
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


def parse(text: str) -> Quantity | None:
    """A ruler QTY span's text → Quantity (value, unit, original wording)."""
    tokens = re.findall(r"\d+(?:,\d+)?|[\w'-]+", text.replace("\u00a0", " ").replace("\u202f", " "))
    value, n = number_value(tokens)
    if value is None:
        return None
    unit = None
    for tok in tokens[n:]:
        t = tok.lower()
        if t in UNITS:
            unit = UNITS[t]
            if t not in ("jeunes", "jeune") or tok is tokens[-1]:
                break
    if unit is None:
        return None
    return Quantity(value=value, unit=unit, text=text.strip())


# -- EntityRuler token patterns ----------------------------------------------------------------
_NUM = {"TEXT": {"REGEX": r"^\d+(,\d+)?$"}}
_GROUP = {"TEXT": {"REGEX": r"^\d{3}(,\d+)?$"}, "OP": "*"}
_WORDNUM = {"LOWER": {"IN": [w for w in NUMBER_WORDS if w != "et"] + ["une", "un"]}}


def ruler_patterns() -> list[dict]:
    """Token patterns labelled QTY: number (digits or words), optional scale, « de », qualifier, unit."""
    big = {"LOWER": {"IN": list(_BIG)}, "OP": "?"}
    de = {"LOWER": {"IN": ["de", "d'"]}, "OP": "?"}
    qual = {"LOWER": {"IN": QUALIFIERS}, "OP": "?"}
    unit = {"LOWER": {"IN": UNIT_WORDS}}
    words = [_WORDNUM, {"LOWER": {"IN": [w for w in NUMBER_WORDS]}, "OP": "*"}]
    return [
        {"label": "QTY", "pattern": [_NUM, _GROUP, big, de, qual, unit]},
        {"label": "QTY", "pattern": [*words, big, de, qual, unit]},
        {"label": "QTY", "pattern": [_NUM, _GROUP, big, de, {"LOWER": "francs"}, {"LOWER": "cfa"}]},
    ]
