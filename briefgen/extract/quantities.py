"""French numbers (digits and words) with what they count → Quantity.

« 900 nouvelles recrues », « neuf cents jeunes recrues », « 5 000 jeunes », « six mois »,
« 1,2 milliard de FCFA », « $5 millions », « 2,5 % », « une vingtaine de soldats »,
« près de 1 000 recrues », « pendant trois ans », and any other counted noun (« 11 entreprises » →
``11 entreprise``, « 35 lits », « 400 000 onces »; people of any kind are ``person``). The
EntityRuler finds them with the token patterns below (label QTY; the part of speech tells a counted
noun); ``parse`` turns the span's text into a value, a unit and whether the text hedges the figure
(``approximate``); ``in_context`` drops what the words before the span show is no quantity (« âgé
de 45 ans », « l'article 3 », « les deux pays »).
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from itertools import product

from ..facts.model import Quantity
from .lexicon import DEMONYMS

_PLURALS = {  # unit → the French nouns that count it, singular and plural
    "recruit": ["recrue", "recrues"],
    "person": ["personne", "personnes", "participant", "participants", "soldat", "soldats",
               "militaire", "militaires", "civil", "civils", "élève", "élèves", "gendarme", "gendarmes",
               "policier", "policiers", "officier", "officiers", "volontaire", "volontaires",
               "combattant", "combattants", "stagiaire", "stagiaires"],
    "young_person": ["jeune", "jeunes"],
    "day": ["jour", "jours"], "week": ["semaine", "semaines"], "month": ["mois"],
    "year": ["an", "ans", "année", "années"],
    "XOF": ["fcfa", "cfa", "franc", "francs", "xof", "fr"],
    "USD": ["dollar", "dollars", "usd", "$", "us$"],
    "EUR": ["euro", "euros", "eur", "€"],
    "CNY": ["yuan", "yuans", "cny"],
    "RUB": ["rouble", "roubles", "rub"],
    "percent": ["%"],
    "vehicle": ["véhicule", "véhicules", "blindé", "blindés", "pick-up", "pick-ups", "camion", "camions",
                "engin", "engins", "moto", "motos", "ambulance", "ambulances", "autocar", "autocars", "chars",
                "camionnette", "camionnettes", "mrap", "mraps", "tracteur", "tracteurs", "camion-citerne",
                "camions-citernes"],
    "aircraft": ["avion", "avions", "aéronef", "aéronefs", "hélicoptère", "hélicoptères", "appareil", "appareils"],
    "drone": ["drone", "drones"],
    "weapon": ["arme", "armes", "fusil", "fusils", "pistolet", "pistolets", "mitrailleuse", "mitrailleuses",
               "kalachnikov", "kalachnikovs"],
    "tonne": ["tonne", "tonnes", "t"],
    "kg": ["kg", "kilogramme", "kilogrammes", "kilo", "kilos"],
    "km": ["km", "kilomètre", "kilomètres"],
    "km2": ["km2", "km²"],
    "ha": ["ha", "hectare", "hectares"],
    "project": ["projet", "projets"],
    "school": ["école", "écoles"],
    "unit": ["bataillon", "bataillons", "compagnie", "compagnies", "unité", "unités", "brigade", "brigades",
             "régiment", "régiments", "escadron", "escadrons"],
}
UNITS = {word: unit for unit, words in _PLURALS.items() for word in words}
"""French noun (lower case) → unit. Soldiers are people: they count as ``person``."""
# a capital É is often written E (« 1795 Elèves Gardes », « 12 Ecoles »): the same nouns
UNITS.update({"e" + word[1:]: unit for word, unit in list(UNITS.items()) if word.startswith("é")})
UNIT_WORDS = sorted(UNITS)
CURRENCIES = ("XOF", "USD", "EUR", "CNY", "RUB")
EQUIPMENT = ("vehicle", "aircraft", "drone", "weapon")
SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR"}
"""Currency signs that may also stand before the number (« $5 millions »)."""
ARTICLE_UNITS = ("person", "recruit", "day", "week", "month", "year", "tonne", "aircraft", "vehicle", "drone")
"""Units a bare « un »/« une » counts (« pendant un an », « un soldat », « une tonne d'or »); « un
projet », « une école », « une unité » are articles, not counts. Equipment only in a sentence that
hands it over (``HANDING_OVER``): « ont offert au Niger un avion de type C-130H »."""
HANDING_OVER = frozenset(["offrir", "livrer", "livraison", "réceptionner", "réception", "remettre", "remise",
                          "doter", "don", "céder", "recevoir", "acquérir", "acheter", "commander"])
"""Lemmas of a sentence in which « un avion », « un blindé » counts one delivered."""


def only_an_article(q: Quantity, span) -> bool:
    """Whether the QTY ``span`` read as ``q`` is « un avion », « une ambulance » in a sentence that
    hands nothing over (« un drone a été abattu »): an article, no count."""
    return (q.unit in EQUIPMENT and q.value == 1 and span[0].lower_ in _ARTICLES
            and not any(t.lemma_.lower() in HANDING_OVER for t in span.sent))
# Words that may stand between the number and the noun: « 900 nouvelles recrues ».
QUALIFIERS = ["nouvelles", "nouveaux", "nouvelle", "nouveau", "jeunes", "premiers", "premières",
              "derniers", "dernières", "autres", "prochains", "prochaines", "futures", "futurs"]
# Words that may follow the noun: « véhicules blindés », « francs CFA », « engins explosifs »
# (kept in the span so that parse can tell mines from vehicles).
AFTER = ["blindé", "blindés", "cfa", "explosif", "explosifs"]
_NOT_COUNTED = {"explosif", "explosifs"}

HEDGES = (("près", "de"), ("près", "d'"), ("environ",), ("quelque",), ("plus", "de"), ("plus", "d'"),
          ("au", "moins"), ("pas", "moins", "de"), ("moins", "de"), ("moins", "d'"), ("autour", "de"),
          ("presque",), ("quasiment",), ("approximativement",), ("à", "peine"), ("avoisinant",),
          ("avoisine",), ("dépasse",), ("dépassant",), ("estimé", "à"), ("estimée", "à"), ("estimés", "à"),
          ("estimées", "à"))
"""Words before a figure that make it approximate: « près de 1 000 », « plus de 300 », « estimé à
deux ans », « un coût avoisinant 7 milliards »."""
APPROX_NOUNS = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
                "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000}
"""« une vingtaine de », « un millier de »: approximate by themselves (« des dizaines » has no value)."""

# -- counted nouns outside the unit list ----------------------------------------------------------
# « 11 entreprises » → ``11 entreprise``: a number directly before a common noun counts that noun,
# written in the singular. People of any kind count as ``person``.
PERSON_NOUNS = frozenset(["directeur", "président", "gouverneur", "préfet", "maire", "commandant", "général",
                          "colonel", "capitaine", "lieutenant", "sergent", "caporal", "émissaire", "diplomate",
                          "ambassadeur", "représentant", "sage", "apprenti", "conscrit", "réserviste", "gardien",
                          "surveillant", "chauffeur", "pilote", "mécanicien", "soignant", "secouriste", "bénévole",
                          "notable", "imam", "parlementaire", "personnalité", "adolescent", "promu", "cadet",
                          "festivalier", "cinéaste", "réalisateur", "comédien", "musicien", "chanteur", "danseur",
                          "écrivain", "photographe", "footballeur", "entraîneur", "arbitre", "cycliste", "champion",
                          "médaillé", "finaliste", "client", "consommateur", "usager", "abonné", "vendeur",
                          "acheteur", "producteur", "pêcheur", "creuseur",
                          "agent", "agricultrice", "agriculteur", "apprenant", "artiste", "assaillant", "athlète",
                          "auditeur", "avocat", "bénéficiaire", "blessé", "candidat", "casque", "chef",
                          "citoyen", "collaborateur", "commerçant", "conseiller", "cultivateur", "délégué", "député",
                          "détenu", "diplômé", "dirigeant", "djihadiste", "docteur", "douanier", "électeur", "éleveur",
                          "élu", "employé", "enfant", "enseignant", "entrepreneur", "étudiant", "expert", "femme",
                          "fidèle", "fille", "fonctionnaire", "formateur", "garçon", "habitant", "homme", "individu",
                          "infirmier", "infirmière", "ingénieur", "instructeur", "invité", "jihadiste", "joueur",
                          "journaliste", "juge", "lauréat", "magistrat", "malade", "manifestant", "médecin", "membre",
                          "mercenaire", "migrant", "militant", "ministre", "mort", "observateur", "opposant",
                          "orphelin", "otage", "ouvrier", "paramilitaire", "passager", "patient", "paysan", "pèlerin",
                          "pompier", "prisonnier", "récipiendaire", "réfugié", "ressortissant", "retraité", "salarié",
                          "sénateur", "spectateur", "supporter", "technicien", "terroriste", "touriste", "travailleur",
                          "victime", "visiteur", "déplacé", "rapatrié", "sinistré", "responsable", "chercheur",
                          "sportif", "mineur", "orpailleur", "tué", "disparu", "gradé", "assistant", "lutteur",
                          "boxeur", "coureur", "camionneur", "conducteur", "accusé", "prévenu", "condamné",
                          "venu", "admis", "admi", "inscrit", "recalé"])
"""French nouns for people (singular): counted as ``person``."""
NOT_COUNTED_NOUNS = frozenset(["janvier", "février", "févier", "mars", "avril", "mai", "juin", "juillet", "août",
                               "aout", "septembre", "octobre", "novembre", "décembre", "lundi", "mardi", "mercredi",
                               "jeudi", "vendredi", "samedi", "dimanche", "h", "e", "er", "ème", "ième", "è",
                               "million", "millions", "milliard", "milliards", "millier", "milliers", "centaine",
                               "centaines", "dizaine", "dizaines", "fcfa", "cfa", "pour", "cent", "face",
                               "quart", "quarts", "tiers"])
"""Nouns a number before them does not count: dates (« 9 janvier »), clock times (« 10 h »),
scales and number nouns read elsewhere, fractions (« les trois quarts du budget »). Hours count only
as durations (``in_context``)."""
VAGUE_NOUNS = frozenset(["sujet", "secteur", "domaine", "organisation", "zone", "aspect", "volet", "axe",
                         "thème", "question", "raison", "chose", "catégorie", "niveau", "manière", "façon"])
"""Nouns whose count announces a list rather than a figure (« trois organisations qui menacent :
… »): not read as quantities."""
PRE_ADJ = ["meilleur", "meilleure", "meilleurs", "meilleures", "grand", "grands", "grande", "grandes",
           "petit", "petits", "petite", "petites", "principaux", "principales", "gros", "nouvel", "ancien",
           "anciens", "ancienne", "anciennes", "hauts", "hautes", "vieux", "vieilles"]
"""Adjectives that may stand between a number and the noun it counts (« quatre meilleures équipes »)."""
_INVARIABLE = frozenset(["pays", "fois", "mois", "prix", "cas", "bras", "corps", "poids", "repas", "fonds", "frais",
                         "avis", "permis", "colis", "puits", "bois", "choix", "voix", "noix", "croix", "paix", "taux",
                         "jus", "bus", "virus", "campus", "processus", "concours", "discours", "parcours", "recours",
                         "secours", "cours", "succès", "accès", "procès", "progrès", "excès", "décès", "relais",
                         "palais", "marais", "débris", "os", "gaz", "riz", "kg", "km"])
_AUX_SINGULAR = {"travaux": "travail", "vitraux": "vitrail", "émaux": "émail", "baux": "bail", "coraux": "corail",
                 "matches": "match", "sandwiches": "sandwich"}  # (English plurals the press keeps)


def singular(word: str) -> str:
    """A French plural noun → its singular (« entreprises » → « entreprise », « journaux » →
    « journal »); words the same in both numbers stay as they are (« pays », « fois »)."""
    w = word.lower()
    if w in _INVARIABLE or len(w) <= 2:
        return w
    if w in _AUX_SINGULAR:
        return _AUX_SINGULAR[w]
    if w.endswith(("eaux", "eux", "oux", "aux")):
        return w[:-3] + "al" if w.endswith("aux") and not w.endswith("eaux") else w[:-1]
    if w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


RECRUIT_CUES = ["recrutement", "recrutements", "recruter", "recrute", "recrutent", "recrutera",
                "recruteront", "enrôlement", "enrôler", "enrôle", "enrôlera", "incorporation"]
"""Words before a count of people that make them recruits (« le recrutement de 35 000 jeunes »)."""
_CUE_FILLERS = {"massif", "exceptionnel", "spécial", "nouveau", "de", "des", "d'"}

_UNITS_WORDS = {"zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
                "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
                "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40,
                "cinquante": 50, "soixante": 60, "septante": 70, "octante": 80, "huitante": 80,
                "nonante": 90}
_SCALES = {"cent": 100, "cents": 100, "mille": 1000, "milles": 1000}
_BIG = {"mille": 1000, "million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9, "mds": 10**9,
        "mrds": 10**9}
"""Scales after a figure: « 15 mille », « 1,2 million » (after number words, « mille » is read with them)."""
NUMBER_WORDS = sorted(set(_UNITS_WORDS) | set(_SCALES) | {"et"})
_ARTICLES = ("un", "une")
_NUMBER_WORD = re.compile("^(?:-|(?:{0})(?:-(?:{0}))*)$".format("|".join(NUMBER_WORDS)))
"""One number word or a hyphenated compound of them (« dix-huit », « quatre-vingt-dix »), or the
hyphen the tokenizer split off one (« quarante », « - », « deux »)."""

# Digits: « 900 », « 12,5 », « 1.500.000 » (dots group thousands, a comma marks decimals).
_DIGITS = re.compile(r"^\+?(?:\d+|\d{1,3}(?:\.\d{3})+)(?:,\d+)?$|^\d+\.\d{1,2}$")
_DOT_DECIMAL = re.compile(r"^\d+\.\d{1,2}$")
"""« 37.56 % »: a point before one or two digits marks decimals (before three it groups thousands)."""


def _figure(text: str) -> Decimal:
    """The value of one written figure: « 1.500 » and « 1 500 » are 1500, « 12,5 » and « 37.56 »
    have decimals."""
    text = text.lstrip("+")
    return Decimal(text) if _DOT_DECIMAL.match(text) else Decimal(text.replace(".", "").replace(",", "."))
# A figure glued to its currency: « 22.250FCFA », « 500F ».
_GLUED = re.compile(r"^(?:\d+|\d{1,3}(?:\.\d{3})+)(?:,\d+)?(?:[Ff][Cc][Ff][Aa]|[Ff])$")
# A group of three digits after a number of one to three: « 1 500 », « 2 000 000 » (spaces).
_GROUP = re.compile(r"^\d{3}(?:,\d+)?$")
_SHORT = re.compile(r"^\d{1,3}$")

# Years as durations need a word that makes them one: « pendant trois ans », « sur cinq ans »,
# « un mandat de cinq ans »; « âgé de 45 ans », « il y a trois ans », « de 18 à 25 ans » are not.
DURATION_CUES = {"pendant", "durant", "depuis", "sur", "en", "pour", "dans", "ici", "encore"}
EXTENDED = frozenset({"prolonger", "prolongé", "prolongée", "prolongés", "prolonge", "prolongera", "proroger",
                      "prorogé", "prorogée", "proroge", "prorogera", "reconduit", "reconduite", "reconduire"})
"""Verbs after which « d'un an », « de six mois » say by how long (« prolonger d'un an le régime »)."""
_WEEKDAYS = frozenset({"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"})
_HOURS_AFTER = frozenset({"les", "dure", "duré", "durera", "durer", "après", "donné", "accordé", "laissé", "octroyé",
                          "imparti", "impartis"})
"""Words after which hours are a duration (« après deux heures de combat », « ont donné 48 heures »)."""
DURATION_NOUNS = {"durée", "mandat", "peine", "période", "programme", "plan", "contrat", "prolongation", "visite",
                  "transition", "formation", "séjour", "engagement", "cycle", "délai", "autonomie"}
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
        value = _figure("".join(tokens[:n]))
    else:
        n = 0
        while n < len(tokens) and (tokens[n].lower() in _UNITS_WORDS or tokens[n].lower() in _SCALES
                                   or tokens[n].lower() == "et" and n > 0
                                   or "-" in tokens[n] and words_to_number([tokens[n]]) is not None):
            n += 1
        while n and tokens[n - 1].lower() == "et":
            n -= 1
        words = words_to_number(tokens[:n]) if n else None
        if words is None:
            return None, 0
        value = Decimal(int(words))
    if n < len(tokens) and tokens[n].lower() in _BIG:
        value *= _BIG[tokens[n].lower()]  # in decimal: « 527,027 milliards » is 527027000000 exactly
        n += 1
    return float(value), n


_TOKEN = re.compile(r"\d[\d.]*(?:,\d+)?|[Uu][Ss]\$|\w+'|[\w-]+|[$€%]")


def _tokens(text: str) -> list[str]:
    """Words, numbers and currency signs; elisions apart (« d'un » → « d' », « un »)."""
    return _TOKEN.findall(_clean(text))


def _clean(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")


def _hedge(low: list[str]) -> int:
    """How many of the first words hedge the figure (0 when none)."""
    return max((len(h) for h in HEDGES if tuple(low[:len(h)]) == h), default=0)


def _cue(low: list[str]) -> int:
    """How many of the first words say the people counted are recruited (0 when none):
    « recrutement massif de », « recruter »."""
    if not low or low[0] not in RECRUIT_CUES:
        return 0
    n = 1
    while n < len(low) and low[n] in _CUE_FILLERS:
        n += 1
    return n


SYMBOL_NOUNS = {"MW": "mégawatt", "GW": "gigawatt", "kW": "kilowatt", "MWc": "mégawatt-crête", "mn": "minute",
                "min": "minute"}
"""Symbols of units outside the unit list, read as the noun they stand for (« 240 MW »)."""


def _noun_unit(word: str, value: float, recruit: bool) -> str | None:
    """The unit of a counted noun outside the unit list: people → ``person`` (recruits after a
    recruitment word), an acronym only as recruits, a unit's symbol as the unit's noun
    (``SYMBOL_NOUNS``), any other noun in the singular."""
    if word in SYMBOL_NOUNS:
        return SYMBOL_NOUNS[word]
    if word.isupper():
        return "recruit" if recruit and len(word) > 1 else None
    low = word.lower()
    if low in NOT_COUNTED_NOUNS or not low.isalpha() and "-" not in low or len(low) < 2:
        return None  # « 57 s.p »: a letter is an abbreviation, not a noun
    noun = singular(low) if value > 1 else low
    if "-" in low and any(singular(part) in PERSON_NOUNS or UNITS.get(part) == "person" for part in low.split("-")):
        return "person"  # « sous-lieutenants », « élèves-officiers »
    if noun in VAGUE_NOUNS or noun == "élément" and value < 10:
        return None  # « deux éléments importants »; but « 650 éléments » are soldiers
    if noun == "élément":
        return "person"
    if low in DEMONYMS or noun in ("national", "nationale", "expatrié", "étranger", "féminin", "féminine",
                                   "masculin", "masculine"):
        return "person"  # « 85 Burkinabè », « 120 nationaux », « 13 féminines »: people
    return "person" if noun in PERSON_NOUNS else noun


def scale_after(words: list[str]) -> float:
    """The scale a figure's words end with (« 3 milliards » → 10⁹), 1 when none."""
    return next((_BIG[w.lower()] for w in words if w.lower() in _BIG and w.lower() != "mille"), 1)


COMPOUND_NOUNS = (
    ("coup", r"d['’]\s*[ée]tat\b", "coup d'État"),
    ("salle", r"de\s+classes?\b", "salle de classe"),
    ("tête", r"de\s+bétail\b", "tête de bétail"),
    ("point", r"d['’]\s*emport\b", "point d'emport"),
    ("mètre", r"cubes?\b", "mètre cube"),
    ("mètre", r"carrés?\b", "mètre carré"),
    ("km", r"carrés?\b", "km2"),  # the unit « km² » is, which the editions render
)
"""Nouns whose complement is part of what they count (« deux coups d'État » are not two blows,
« 100 kilomètres carrés » no distance): the noun as a quantity's unit, the words after it, the unit."""


def compound(q: Quantity, after: str) -> Quantity:
    """``q`` with the compound noun the words ``after`` its span complete (``COMPOUND_NOUNS``)."""
    for unit, rest, whole in COMPOUND_NOUNS:
        if q.unit == unit and re.match(r"\s+" + rest, after, re.IGNORECASE):
            return replace(q, unit=whole)
    return q


def parse(text: str) -> Quantity | None:
    """A ruler QTY span's text → Quantity (value, unit, original wording, approximate)."""
    found = list(_TOKEN.finditer(_clean(text)))
    tokens = [m.group() for m in found]
    low = [t.lower() for t in tokens]
    i = _cue(low)
    recruit = i > 0
    if i >= len(low):
        return None
    wording = text[found[i].start():].strip() if recruit else text.strip()
    h = _hedge(low[i:])
    approximate = h > 0
    skipped = i
    while not h and i < len(low) - 1 and low[i].isalpha() and low[i] not in _UNITS_WORDS and low[i] not in _SCALES:
        i += 1  # words of no hedge that the prefix patterns mix (« au de »): left out
    if i > skipped:
        wording = text[found[i].start():].strip()
    i += h
    unit = SYMBOLS.get(low[i]) if i < len(low) else None
    i += unit is not None
    value, n = number_value(tokens[i:])
    if value is None:
        return None
    scaled = any(t in ("milliard", "milliards") for t in low[i:i + n])
    i += n
    vague = i < len(low) and low[i] in APPROX_NOUNS
    if vague:  # « une vingtaine », « un millier »
        value *= APPROX_NOUNS[low[i]]
        approximate = True
        i += 1
    rest = low[i:]
    if _NOT_COUNTED & set(rest):
        return None
    if unit is None and _SPEED.search(_clean(text)):
        unit = "km/h"  # « 400 km/h »: a speed, written as the text writes it
    if unit is None and "pour" in rest and rest[rest.index("pour") + 1:][:1] == ["cent"]:
        unit = "percent"
    for t in rest if unit is None else ():
        if t in UNITS:
            unit = UNITS[t]
            if t not in ("jeunes", "jeune") or t is rest[-1]:  # « jeunes recrues » are recruits
                break
    if unit is None and rest[:2] and {"heure", "heures"} & set(rest[:2]):
        unit = "heure"  # « cinq heures plus tard », « 10 000 heures de vol »: the hours, not what follows
    last = next((t for t in reversed(tokens[i:]) if t[:1].isalpha()), None)
    if last is not None and unit in (None, "young_person") and last.lower() not in UNITS:
        unit = _noun_unit(last, value, recruit) or unit  # « 11 entreprises », « 3 jeunes entrepreneurs »
        if unit is not None and unit not in _KNOWN and (value <= 0 or vague):
            return None  # « une trentaine d'entreprises »: a rough count of things is no figure
    if unit is None and scaled and not rest:
        unit = "XOF"  # « 6 milliards pour la commission »: a bare sum in billions is in CFA francs
    if recruit and unit in ("person", "young_person"):
        unit = "recruit"
    if unit is None:
        return None
    return Quantity(value=value, unit=unit, text=wording, approximate=approximate)


_KNOWN = set(UNITS.values()) | {"percent"}
_SPEED = re.compile(r"\bkm\s*/\s*h\b", re.IGNORECASE)
_COUNTED_PEOPLE = re.compile(r"\b(?:" + "|".join(w for w, u in UNITS.items() if u == "person") + r")\b", re.IGNORECASE)
LABEL_NOUNS = frozenset(["article", "articles", "alinéa", "page", "pages", "chapitre", "section", "résolution",
                         "décret", "loi", "numéro", "n°", "no", "lot", "point", "titre", "paragraphe", "tome",
                         "volume", "arrondissement", "secteur", "quartier", "route", "rn", "type", "modèle", "version",
                         "niveau", "catégorie", "classe", "étape", "ligne", "pk", "vol", "code", "hôtel"])
"""Nouns a number after them names (« l'article 3 », « l'arrondissement 12 ») or rates (« l'hôtel quatre
étoiles »): it counts nothing."""
_YEAR_BEFORE = {"en", "depuis", "dès", "avant", "après", "fin", "début", "mi", "entre", "courant", "année",
                "an", "jusqu'en"}
_MONTHS = {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"}
_SET_TO = {"fixé", "fixée", "fixés", "fixées", "limité", "limitée", "porté", "portée", "ramené", "ramenée",
           "prolongé", "prolongée", "réduit", "réduite", "évalué", "évaluée"}
_RELATIVE = {"derniers", "dernières", "prochains", "prochaines", "premiers", "premières"}
_HAVE = {"avoir", "a", "ont", "avait", "avaient", "aura", "auront", "ayant"}
_DEFINITE = {"les", "des", "nos", "vos", "leurs", "ses", "ces"}
_PARTIES = frozenset({"pays", "état", "etat", "partie", "nation", "peuple", "gouvernement", "président", "chef",
                      "dirigeant", "camp", "capitale", "ministre", "délégation", "côté", "voisin", "armée",
                      "institution", "organisation", "homologue", "frère", "ville", "équipe", "sélection", "société",
                      "groupe", "entreprise", "compagnie", "partenaire", "site", "localité", "village", "région",
                      "rive"})
"""The parties and places a text names before and then counts again (« les deux pays », « les deux
chefs d'État »); « ses deux filiales », « les deux mines » are counted as the text counts them."""
"""« les deux pays », « des deux pays », « nos deux peuples » name again what the text has named."""


def people_word(word: str) -> bool:
    """« enfants », « jeunes », « soldats »: a noun for people (whose « de six à sept ans » is an age)."""
    return word in UNITS and UNITS[word] in _PEOPLE or word in PERSON_NOUNS or singular(word) in PERSON_NOUNS


def in_context(q: Quantity, before: list[str]) -> bool:
    """Whether ``q`` is a quantity given the lower-cased words just before its span (nearest last):
    years count only as durations (« pendant trois ans »), never as ages (« âgé de 45 ans »); a
    counted noun outside the unit list never follows a label (« l'article 3 ») or reads a year. Four
    words are read; a duration's noun may stand up to six words before (« la durée d'exploitation
    est de 21 ans »)."""
    wide, before = before, before[-4:]
    prev = before[-1] if before else ""
    if before[-2:] == ["vous", "reste"] or "lecture" in before[-2:]:
        return False  # a paywall's « Il vous reste 75.15% de cet article à lire », « Lecture : 2 min »
    if q.unit not in _KNOWN or q.unit == "person" and not _COUNTED_PEOPLE.search(q.text):
        first = next((t for t in _tokens(q.text) if t[:1].isdigit() or t.lower() in _UNITS_WORDS), "")
        if (prev in LABEL_NOUNS or prev in ("-", "/", "+", "ces") or prev[-1:].isdigit()
                or prev in _DEFINITE and first.lower() in ("deux", "2") and (
                    q.unit == "person" or singular(_tokens(q.text)[-1]) in _PARTIES)
                or prev in ("à", "contre") and before[-2:-1] and before[-2][-1:].isdigit()
                and q.value < 100 and len(before[-2]) <= 2):  # a score: « 2 à 1 », not « de 80 000 à 100 000 »
            return False  # « ces trois sites », « les deux pays » name again what the text has counted
        if q.unit == "person":
            return True  # « Deux ressortissants chinois ont été enlevés »: people are counted, not listed
        if q.unit == "heure":  # « pendant 48 heures », not « à 10 heures »
            words = [w for w in before if w not in _WEEKDAYS]  # « ont donné mercredi 48 heures »
            last = words[-1] if words else ""
            said = [t.lower() for t in _tokens(q.text)]
            return (last in DURATION_CUES or last in _HOURS_AFTER
                    or said[-1] in ("après", "auparavant", "tard")  # « cinq heures plus tard »
                    or len(said) > 2 and said[-2] in ("de", "d'")  # « 10 000 heures de vol »
                    or last in ("de", "d'") and any(w in DURATION_NOUNS for w in words[-4:-1])  # « une visite de 48 heures »
                    or prev == "à" and before[-2:-1] in (["jusqu'"], ["jusqu’"]))  # « jusqu'à 24 heures »
        if first[:1].isupper() and q.value <= 3 and first.lower() not in _ARTICLES:
            return False  # « Deux sujets ont dominé la semaine : … » announces a short list
        year_like = q.value.is_integer() and 1800 <= q.value <= 2100
        return not (year_like and (prev in _YEAR_BEFORE or _MONTHS & set(before)))
    if q.unit != "year":
        return True
    if AGE_WORDS & set(before) or " y a " in f" {' '.join(before)} ":  # « il y a plus d'un an »: a date
        return False
    if prev in _HAVE:
        return False  # « avoir au moins 18 ans », « il a 45 ans »: an age
    if prev in ("de", "d'"):  # « un mandat de cinq ans », not « un homme de 45 ans »
        # « la durée d'exploitation est de 21 ans »; « prolonger d'un an le régime »
        return any(w in DURATION_NOUNS for w in wide[-6:-1]) or before[-2:-1] and before[-2] in EXTENDED
    words = [t.lower() for t in _tokens(q.text)]
    return (prev in DURATION_CUES
            or before[-2:] in (["tous", "les"], ["toutes", "les"])
            or prev == "à" and len(before) > 1 and before[-2] in _SET_TO
            # « d'une durée de six à sept ans »: the far end of a range of years
            or prev in ("à", "et") and len(before) > 2 and (before[-2].isdigit() or before[-2] in _UNITS_WORDS)
            and before[-3] in ("de", "d'", "entre") and not (len(before) > 3 and people_word(before[-4]))
            and not AGE_WORDS & set(wide[-6:])  # « un âge compris entre 20 et 30 ans »
            or q.approximate and words[:1] != ["moins"]  # « les moins de 25 ans » are an age
            or bool(_RELATIVE & set(words))
            or words[-1] in ("après", "auparavant", "tard")  # « 28 ans après »
            or len(words) > 2 and words[-2] in ("de", "d'") and words[-1] not in UNITS)  # « cinq ans de transition »


# -- EntityRuler token patterns ----------------------------------------------------------------
def _in(words) -> dict:
    return {"LOWER": {"IN": sorted(words)}}


_OPT_DE = {"LOWER": {"IN": ["de", "d'"]}, "OP": "?"}
_OPT_QUAL = {"LOWER": {"IN": QUALIFIERS}, "OP": "?"}
_OPT_AFTER = {"LOWER": {"IN": AFTER}, "OP": "?"}
_OPT_MODEL = {"TEXT": {"REGEX": r"^(?=[\w-]*\d)[A-Z][\w-]*$"}, "OP": "?"}
"""A model's designation between a figure and its noun (« six WMA301 véhicules », « deux Su-25 avions »)."""
_OPT_BIG = {"LOWER": {"IN": list(_BIG)}, "OP": "?"}
_WORD_RX = "(?:" + "|".join(sorted((set(_UNITS_WORDS) | set(_SCALES)) - set(_ARTICLES))) + ")"


def _numbers(counted: bool = False) -> list[list[dict]]:
    """The ways a figure is written, with its optional scale: « 1 500 », « 12,5 », « 1.500 »,
    « neuf cents », « quatre-vingt-dix », « deux millions », « neuf (09) ». With ``counted`` (before a
    noun outside the unit list) a number word must be tagged a numeral: « flambant neuf » is new."""
    grouped = [{"TEXT": {"REGEX": _SHORT.pattern}}, {"TEXT": {"REGEX": _GROUP.pattern}, "OP": "+"}]
    digits = [{"TEXT": {"REGEX": _DIGITS.pattern}}]
    # a first number word (or a hyphenated compound), then more number words (« vingt et un »)
    first = {"LOWER": {"REGEX": f"^{_WORD_RX}(?:-(?:{_WORD_RX}|et|un|une))*$"}}
    if counted:
        first = {**first, "POS": "NUM"}
    # then more words, compounds too (« deux cent vingt-neuf », « cinq cent dix-huit »)
    words = [first, {"LOWER": {"REGEX": _NUMBER_WORD.pattern}, "OP": "*"}]
    # « neuf (09) avions », « trente-cinq mille (35 000) »: the digits repeat the words
    repeated = words + [{"ORTH": "("}, {"TEXT": {"REGEX": r"^\d+$"}},
                        {"TEXT": {"REGEX": _GROUP.pattern}, "OP": "*"}, {"ORTH": ")"}]
    return [grouped + [_OPT_BIG], digits + [_OPT_BIG], words + [_OPT_BIG], repeated]


_NOUN = {"POS": "NOUN", "IS_LOWER": True, "LOWER": {"NOT_IN": sorted(NOT_COUNTED_NOUNS)}}
_OPT_PRE = {"LOWER": {"IN": QUALIFIERS + PRE_ADJ}, "OP": "?"}
_YEAR_WORDS = [w for w, u in UNITS.items() if u == "year"]
_HOUR_WORDS = ["heure", "heures"]


_HEDGE_SET = frozenset(HEDGES)
_HEDGE_LENGTHS = sorted({len(h) for h in HEDGES}, reverse=True)


def cue_first(word: str) -> bool:
    """Whether a QTY span opens with a recruitment word (its patterns carry their own hedge)."""
    return word in RECRUIT_CUES


def hedge_before(words: list[str]) -> int:
    """How many of the last ``words`` (lower case, the tokens before a figure) are a hedge of
    HEDGES (« près de », « au moins »): the longest one, 0 when none."""
    for n in _HEDGE_LENGTHS:
        if len(words) >= n and tuple(words[-n:]) in _HEDGE_SET:
            return n
    return 0


def ruler_patterns() -> list[dict]:
    """Token patterns labelled QTY: an optional hedge, a figure (digits, words, « un milliard »,
    « une vingtaine », or a currency sign and digits), « de », a qualifier, the unit or another
    counted noun; durations in years with what follows (« cinq ans de transition », « 28 ans
    après »); counts of people after a recruitment word (« le recrutement de 35 000 VDP »)."""
    article = _in(_ARTICLES)
    unit_tail = [_OPT_DE, _OPT_QUAL, _OPT_MODEL, _in(UNIT_WORDS), _OPT_AFTER]
    noun_tail = [_OPT_DE, _OPT_PRE, _NOUN]
    article_tail = [_OPT_DE, _OPT_QUAL, _in(w for w, u in UNITS.items() if u in ARTICLE_UNITS)]
    # years and hours with what makes them a duration: « cinq ans de transition », « 28 ans après »,
    # « cinq heures plus tard », « 10 000 heures de vol »
    year_tails = [[_OPT_QUAL, _in(words), *after] for words in (_YEAR_WORDS, _HOUR_WORDS)
                  for after in ([_in(["de", "d'"]), _NOUN], [_in(["après", "auparavant"])],
                                [{"LOWER": "plus"}, {"LOWER": "tard"}])]
    speed = [[{"LOWER": "km"}, {"ORTH": "/"}, {"LOWER": "h"}], [{"LOWER": "km/h"}],  # « 400 km/h »
             [_OPT_DE, {"LOWER": "pick"}, {"ORTH": "-"}, {"LOWER": {"IN": ["up", "ups"]}}]]  # (split by the tokenizer)
    tails = [unit_tail, [_OPT_DE, {"LOWER": "f"}, {"LOWER": "cfa"}], [{"LOWER": "pour"}, {"LOWER": "cent"}],
             *year_tails, *speed, [{"ORTH": {"IN": sorted(SYMBOL_NOUNS)}}]]  # « 240 MW »
    forms = [num + tail for num, tail in product(_numbers(), tails)]
    forms += [num + noun_tail for num in _numbers(counted=True)]
    forms += [num + [_in(DEMONYMS)] for num in _numbers(counted=True)]  # « 85 Burkinabè » (the model's PROPN)
    # « la promotion compte 13 féminines »: people by their sex (adjectives to the model)
    forms += [num + [_in(["féminins", "féminines", "masculins", "masculines"])] for num in _numbers()]
    # « 3 215 admis sur 40 120 inscrits »: those who passed, registered or failed (participles to the model)
    forms += [num + [_in(["admis", "inscrits", "inscrites", "recalés", "recalées"])] for num in _numbers()]
    # some of those named before: « trois de ces mercenaires », « deux de ses collaborateurs »
    of_those = [_in(["de", "d'"]), _in(["ces", "ses", "leurs", "nos", "vos"]), _OPT_PRE]
    forms += [num + of_those + [noun] for num in _numbers()
              for noun in (_in(UNIT_WORDS), _NOUN)]
    forms += [[article, _in(_BIG)] + unit_tail, [article, _in(APPROX_NOUNS)] + unit_tail, [article] + article_tail,
              [article, _in(_BIG)] + noun_tail, [article, _in(APPROX_NOUNS)] + noun_tail]
    digits = _numbers()[:2]
    forms += [[_in(SYMBOLS)] + num for num in digits]  # « $5 millions », « € 3 millions »
    forms += [num[:-1] + [{"LOWER": {"IN": ["milliard", "milliards"]}}] for num in digits]  # « 6 milliards »
    forms.append([{"TEXT": {"REGEX": _GLUED.pattern}}])  # « 22.250FCFA »
    # one prefix per hedge length, each word from the hedges' words at that place (« près de », « au
    # moins »): a few patterns instead of one per hedge; ``parse`` reads which hedge it is
    prefixes = [[]] + [[_in({h[k] for h in HEDGES if len(h) == n}) for k in range(n)]
                       for n in sorted({len(h) for h in HEDGES})]
    # the hedge before a figure is not in these patterns: ``hedge_before`` adds it to the span (a
    # pattern per hedge family made the Matcher follow every « au », « pas », « plus » of a text)
    pats = [{"label": "QTY", "pattern": form} for form in forms]
    cue = [_in(RECRUIT_CUES), {"LOWER": {"IN": sorted(_CUE_FILLERS)}, "OP": "*"}]
    people = [unit_tail, noun_tail, [{"IS_UPPER": True, "LENGTH": {">=": 2}}]]
    pats += [{"label": "QTY", "pattern": cue + prefix + num + tail}
             for prefix, num, tail in product(prefixes, _numbers(), people)]
    return pats


# -- what a span alone does not show ------------------------------------------------------------
_RANGE_LINKS = {"à", "et", "au"}
_RECRUITING = re.compile(r"^(?:recrut|enrôl|incorpor|recrue)", re.IGNORECASE)


_PUPILS = frozenset(["élève", "élèves", "elève", "elèves"])
MILITARY_TRAINING = frozenset(["officier", "officiers", "sous-officier", "sous-officiers", "garde", "gardes",
                               "gendarme", "gendarmes", "militaire", "militaires", "soldat", "soldats", "sergent",
                               "sergents", "pilote", "pilotes", "sapeurs", "pompiers", "sapeurs-pompiers",
                               "promotion", "armée", "armées", "caserne", "drapeau", "épaulettes"])
"""Words that make « élèves » the trainees of a force, not a school's pupils."""


def _in_training(span) -> bool:
    """Whether ``span`` counts a force's trainees (« 229 élèves-officiers », « 125 élèves
    sous-officiers », « la 16e promotion … forte de 665 élèves »): recruits, as the new members of a
    force; « 800 écoles accueillant 69 400 élèves » stay people."""
    if not any(t.lower_ in _PUPILS for t in span):
        return False
    return any(t.lower_ in MILITARY_TRAINING for t in span.sent)


_OFFICERS = re.compile(r"(?<!\w)(?<!sous )(?<!sous-)(?:officiers?|sous-lieutenants?|lieutenants?)\b")


def _officers(span) -> bool:
    """Whether ``span`` counts officers (« 144 élèves officiers », « 100 nouveaux sous-lieutenants »):
    commissioned at the end of their schooling, they are people, not a force's recruits, who are
    its soldiers, gendarmes and non-commissioned officers (« 219 élèves sous-officiers »)."""
    doc = span.doc
    # the noun may follow what the ruler took (« 229 élèves » -officiers)
    return bool(_OFFICERS.search(doc[span.start:min(span.end + 2, len(doc))].text.lower().replace("- ", "-")))


_PARTICIPLES = frozenset(["équipé", "armé", "doté", "basé", "stationné", "déployé", "livré", "destiné", "composé",
                          "formé", "affecté", "présenté", "acquis", "reçu"])
"""Past participles the model may take for the noun a figure counts (« cinq équipés de caméras »)."""
_COMPARED = frozenset(["plus", "moins", "supérieur", "supérieure", "supérieurs", "supérieures", "inférieur",
                       "inférieure", "inférieurs", "inférieures", "autant", "mieux"])
"""Words after which « N fois » multiplies (« trois fois plus chers »): no count of times."""
_MADE_OF = frozenset(["composer", "constituer", "comprendre", "répartir"])
_COUNTS = frozenset(["compte", "comptent", "comptait", "comptaient", "comptera", "compteront", "compterait"])


def _recruited(span) -> bool:
    """Whether the people counted in ``span`` are recruited: a recruiting word follows within a few
    words (« 2 000 agents seront recrutés », « 300 personnes à recruter ») or comes before in the
    sentence with no verb in between (« un recrutement après ceux de 14 000 militaires du rang, de
    3 000 … »; not « le programme de recrutement a été lancé, 90 000 personnes se sont inscrites »)."""
    doc, sent = span.doc, span.sent
    # « l'armée, qui compte près de 25 000 hommes, lance un recrutement »: a force's strength
    strength = any(t.lower_ in _COUNTS for t in doc[max(sent.start, span.start - 3):span.start])
    if not strength and any(_RECRUITING.match(t.text) for t in doc[span.end:min(span.end + 6, sent.end)]):
        return True
    if any(t.lower_ in ("nouveaux", "nouvelles") for t in span):
        return True  # « près de 1500 nouveaux gendarmes »: new members of a force are its recruits
    if any(t.lower_ == "drapeau" and any(x.lower_.startswith("présent") for x in doc[max(sent.start, t.i - 3):t.i])
           for t in sent):
        return True  # « 830 soldats … présentés au drapeau »: the ceremony that ends recruits' training
    for t in doc[sent.start:span.start]:
        if _RECRUITING.match(t.text) or t.lower_ == "formation" and t.i > 1 and doc[t.i - 2].lower_ == "fin":
            # « la cérémonie de fin de formation de 219 élèves sous-officiers »: trained recruits
            between = doc[t.i + 1:span.start]
            if not any(x.pos_ in ("VERB", "AUX") for x in between):
                return True
            # « les recrues sont composées de 612 soldats et de 88 gendarmes »: what the recruits are made of
            if any(x.lemma_ in _MADE_OF for x in between) \
                    and all(x.lemma_ in _MADE_OF or x.pos_ not in ("VERB", "AUX") or x.lemma_ == "être" for x in between):
                return True
            # one verb, close, in the same clause: « le recrutement annoncé de 5000 soldats »,
            # « ce recrutement concerne 3 000 soldats »
            if len(between) <= 3 and sum(x.pos_ == "VERB" for x in between) == 1 and not any(
                    x.pos_ in ("AUX", "PUNCT") for x in between):
                return True
    return False


def completed(doc, found: list, dates: list = ()) -> list:
    """The quantities of ``found`` (QuantityMention) with what the words around a span tell:

    - the first figure of a range or a pair takes the unit and scale of the second (« de 20 à
      35 % », « de 8,5 à 7,25 milliards FCFA », « 310 et 295 milliards FCFA »);
    - a small count in apposition to a name is no figure (« …et au Niger, deux pays voisins »);
    - young people counted in a sentence about recruiting are recruits (« cet enrôlement se fera en
      deux tranches de 4 000 jeunes »)."""
    from dataclasses import replace

    from .types import QuantityMention

    taken = [(m.start, m.end) for m in found] + [(d.start, d.end) for d in dates]
    out = list(found)
    for m in found:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        q = m.quantity
        if q.unit == "young_person" and any(_RECRUITING.match(t.text) for t in span.sent if t.idx < m.start) \
                or q.unit == "person" and not _officers(span) and (_recruited(span) or _in_training(span)):
            out[out.index(m)] = replace(m, quantity=replace(q, unit="recruit"))
        if q.unit == "force" and span.end < len(doc) and doc[span.end].lower_ in ("spéciales", "spéciale"):
            # « un contingent de 250 forces spéciales »: soldiers
            out[out.index(m)] = replace(m, quantity=replace(q, unit="person"))
        if q.unit in _PARTICIPLES:
            # « huit drones, trois en version d'attaque et cinq équipés de caméras »: a part of the
            # count before, described by what is done to it
            before = [x for x in out if x.sent == m.sent and x.start < m.start and x.quantity.unit in _KNOWN
                      and x.quantity.value > q.value]
            if before:
                out[out.index(m)] = replace(m, quantity=replace(q, unit=before[-1].quantity.unit))
            else:
                out.remove(m)
            continue
        first = span[0]
        if q.unit == "fois" and span.end < len(doc) and (doc[span.end].lower_ in _COMPARED or doc[span.end].like_num):
            out.remove(m)  # « deux à trois fois plus chers », « deux fois 45 minutes »
            continue
        if _a_score(span):
            out.remove(m)  # « sur le score de 4 buts à 2 »: a result, not a count
            continue
        if (q.unit not in _KNOWN and q.value <= 3 and first.i > 1
                and doc[first.i - 1].text == "," and doc[first.i - 2].pos_ == "PROPN" and not first.text[:1].isdigit()):
            out.remove(m)  # « à Kayes et à Gao, deux villes »: an apposition names them again
            continue
        link = first.i - 1
        if link > 1 and doc[link].lower_ == "les" and doc[link - 1].lower_ == "sur" and first.text[:1].isdigit():
            link -= 1  # « 90 sur les 119 véhicules »: part of the whole
        elif first.i < 2 or doc[link].lower_ not in _RANGE_LINKS:
            continue
        other = doc[link - 1]
        while other.i > 0 and _GROUP.match(other.text) and _DIGITS.match(doc[other.i - 1].text) \
                and (_SHORT.match(doc[other.i - 1].text) or _GROUP.match(doc[other.i - 1].text)):
            other = doc[other.i - 1]  # « de 80 000 à 100 000 onces »: the whole first figure
        figure = doc[other.i:link]
        # digits to digits (« de 20 à 35 % »), or words to words (« de six à sept ans »)
        worded = first.lower_ in _UNITS_WORDS and other.lower_ in _UNITS_WORDS and other.lower_ not in _ARTICLES \
            and first.lower_ not in _ARTICLES and other.i > 0 and doc[other.i - 1].lower_ in ("de", "d'", "entre")
        if not (worded or first.text[:1].isdigit() and _DIGITS.match(other.text)) \
                or (other.i > 0 and doc[other.i - 1].like_num):
            continue
        a, b = figure.start_char, figure.end_char
        if any(x < b and a < y for x, y in taken):
            continue
        value, used = number_value([t.text for t in figure])
        if used != len(figure):
            continue
        tokens = _tokens(q.text)
        _, n = number_value(tokens)
        scale = _BIG.get(tokens[n - 1].lower(), 1) if n else 1
        if value is None or value.is_integer() and 1800 <= value <= 2100 and scale == 1:
            continue  # « entre 2020 et 2025 »: years
        if len(figure) == 1 and not worded:  # in decimal: « de 8,5 à 7,25 milliards »
            value = float(_figure(other.text) * scale)
        else:
            value *= scale
        out.append(QuantityMention(a, b, Quantity(value=value, unit=q.unit, text=figure.text), m.sent))
        taken.append((a, b))
    out.sort(key=lambda x: x.start)
    return _elided(doc, out, taken)


def _a_score(span) -> bool:
    """Whether a count of goals or points is one side of a score (« 4 buts à 2 », « 2 buts à zéro »)."""
    doc = span.doc
    if span[-1].lower_ not in ("buts", "but", "points", "point", "sets", "set") or span.end + 1 >= len(doc):
        return False
    after, other = doc[span.end], doc[span.end + 1]
    return after.lower_ in ("à", "contre") and (other.text.isdigit() or other.lower_ in _UNITS_WORDS
                                                or other.lower_ == "zéro")


PEOPLE_ADJECTIVES = frozenset(["national", "nationale", "nationaux", "nationales", "féminin", "féminins", "féminine",
                               "féminines", "masculin", "masculins", "étranger", "étrangers", "étrangère",
                               "étrangères", "femme", "femmes", "homme", "hommes", "fille", "filles", "garçon",
                               "garçons", "provenant", "originaire", "originaires", "issu", "issus", "issue", "issues",
                               "venu", "venus", "venue", "venues"])
"""Words that, after a figure, say who among people counted before (« 134 dont 9 féminins »,
« 120 nationaux », « 213 provenant de pays amis »): the figure counts people too."""
ORIGINS = frozenset(["la", "l'", "pays", "région", "régions", "états", "provinces", "villes"])
"""After « du », « de », « des »: where people come from (« 4 du Togo », « 20 des pays amis »)."""
_PEOPLE = ("person", "recruit", "young_person")
_SENTENCE_END = re.compile(r"[.!?]\s")


def _splits_people(m) -> bool:
    """A count of women, men or nationals that splits people counted before (« 2002 nouveaux
    gendarmes, dont 174 femmes », « 469 jeunes recrues, parmi lesquelles 250 femmes », « 150 élèves
    officiers ; elle comprend 130 nationaux »): it counts what they count."""
    words = _tokens(m.quantity.text)
    return bool(words) and words[-1].lower() in PEOPLE_ADJECTIVES


def _elided(doc, found: list, taken: list) -> list:
    """Figures whose noun French leaves out because the sentence (or the enumeration, ``;`` by
    ``;``) counted it just before: « un effectif de 134 dont 09 féminins, composé de 120 nationaux
    et 14 des pays amis dont 2 du Togo ; 3 du Tchad » — each counts people like the 134. A figure
    after « dont », before a word of ``PEOPLE_ADJECTIVES`` or before « du », « de la », « des »
    and a name or a word of ``ORIGINS``, or before « autres » with no noun of its own (« et 11
    autres sont portés disparus »); a nominalised adjective the ruler took for the noun (« 120
    nationaux ») too."""
    from dataclasses import replace

    from .types import QuantityMention

    people = [m for m in found if m.quantity.unit in _PEOPLE]
    if not people:
        return found
    out = list(found)

    def counted_before(pos: int) -> QuantityMention | None:
        # the closest count of people before, as read so far (a split of recruits counts recruits)
        prior = max((m for m in out if m.quantity.unit in _PEOPLE and m.end <= pos and pos - m.end <= 400),
                    key=lambda m: m.end, default=None)
        if prior is None or _SENTENCE_END.search(doc.text[prior.end:pos]) or "\n\n" in doc.text[prior.end:pos]:
            return None
        return prior

    for n, m in enumerate(out):
        if (m.quantity.unit.lower() in PEOPLE_ADJECTIVES or m.quantity.unit == "person" and _splits_people(m)) \
                and (p := counted_before(m.start)) is not None:
            out[n] = replace(m, quantity=replace(m.quantity, unit=p.quantity.unit))
    for tok in doc:
        if not (_DIGITS.match(tok.text) or tok.pos_ == "NUM" and tok.lower_ in _UNITS_WORDS) or tok.lower_ in _ARTICLES:
            continue
        if tok.i > 0 and _GROUP.match(tok.text) and _DIGITS.match(doc[tok.i - 1].text):
            continue  # « 35 000 »: a group of the figure before, read with it
        first, last = _repeated(doc, tok)
        while last.i + 1 < len(doc) and _GROUP.match(doc[last.i + 1].text) and last is tok:
            last = tok = doc[last.i + 1]  # the figure's groups of three digits
        a, b = first.idx, last.idx + len(last.text)
        if any(x < b and a < y for x, y in taken) or any(x.start < b and a < x.end for x in out):
            continue
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        after = doc[last.i + 2] if last.i + 2 < len(doc) else None
        elided = (first.i > 0 and doc[first.i - 1].lower_ == "dont") or (
            nxt is not None and (nxt.lower_ in PEOPLE_ADJECTIVES or nxt.lower_ in ("du", "des", "de", "d'")
                                 and after is not None and (after.text[:1].isupper() or after.lower_ in ORIGINS))) or (
            # « cinq soldats ont été tués et 11 autres sont portés disparus »; not « 3 autres pays »
            nxt is not None and nxt.lower_ == "autres" and (after is None or after.pos_ not in ("NOUN", "PROPN", "ADJ")))
        if not elided:
            continue
        words = [t.text for t in doc[first.i:last.i + 1]] if first.i != last.i and _GROUP.match(last.text) else [tok.text]
        value, used = number_value(words)
        p = counted_before(a)
        if value is None or used != len(words) or p is None or (value.is_integer() and 1800 <= value <= 2100):
            continue
        out.append(QuantityMention(a, b, Quantity(value=value, unit=p.quantity.unit, text=doc.text[a:b]), p.sent))
    out.sort(key=lambda x: x.start)
    return out


def _repeated(doc, tok):
    """The first and last token of a figure written in words and repeated in digits around ``tok``
    (« trente-sept (37) »), or ``tok`` twice when the digits stand alone."""
    i = tok.i
    if not (i >= 2 and doc[i - 1].text == "(" and i + 1 < len(doc) and doc[i + 1].text == ")"):
        return tok, tok
    k = i - 2
    while k >= 0 and _NUMBER_WORD.match(doc[k].lower_):
        k -= 1
    return (doc[k + 1], doc[i + 1]) if k < i - 2 else (tok, tok)
