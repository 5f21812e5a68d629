"""Quantities as the French press writes them: money with currency and scale, percentages, hedged
counts (marked approximate), equipment and other units, and the numbers that are not quantities.

The sentences are written for these tests. Most go through the real spaCy pipeline with the
bundled gazetteer's EntityRuler (the QTY patterns), then ``mentions.find``; a few check ``parse``
alone, the fact contract's forms of ``approximate`` and how the editions say it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
import yaml
from conftest import copy_project

from briefgen.core.config import load_config
from briefgen.edition import i18n, phrasing
from briefgen.extract import mentions, nlp
from briefgen.extract.quantities import UNITS, parse, singular
from briefgen.facts.contract import json_form, yaml_form
from briefgen.facts.load import load_fact_file
from briefgen.facts.model import DateSpan, Evidence, Fact, Quantity

ROOT = Path(__file__).resolve().parent.parent
NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.fixture(scope="module")
def cfg(tmp_path_factory):
    return load_config(copy_project(tmp_path_factory.mktemp("qty")))


@pytest.fixture(scope="module")
def read(cfg):
    """Sentence → [(value, unit, approximate)] as extraction finds them."""
    pipe = nlp.load(cfg)
    names = nlp.surnames(cfg)

    def run(sentence: str) -> list[tuple[float, str, bool]]:
        text = nlp.normalize(sentence)
        doc = pipe(text)
        found = mentions.find(doc, text, mentions.sentences(doc, text), cfg, None, names)
        return [(q.quantity.value, q.quantity.unit, q.quantity.approximate) for q in found.quantities]

    return run


# -- 1. money with currency and scale --------------------------------------------------------------

@pytest.mark.parametrize("sentence, value, unit", [
    ("Le gouvernement consacre 12,5 milliards de FCFA à la défense.", 12_500_000_000, "XOF"),
    ("Le barrage coûtera 1,2 milliard de francs CFA selon le ministère.", 1_200_000_000, "XOF"),
    ("Washington annonce 300 millions de dollars pour la région.", 300_000_000, "USD"),
    ("Bruxelles débloque 50 millions d'euros pour les frontières.", 50_000_000, "EUR"),
    ("Le budget national atteint 2 000 milliards de FCFA cette année.", 2_000_000_000_000, "XOF"),
    ("Pékin prête un milliard de yuans à la compagnie ferroviaire.", 1_000_000_000, "CNY"),
    ("Moscou verse 10 millions de roubles aux partenaires.", 10_000_000, "RUB"),
    ("La mairie a reçu 450 millions F CFA pour les routes.", 450_000_000, "XOF"),
    ("La mairie a reçu 450 millions de F CFA pour les routes.", 450_000_000, "XOF"),
    ("Le fonds dispose de 75 millions XOF pour les semences.", 75_000_000, "XOF"),
    ("Le contrat représente 8 millions $ pour la société.", 8_000_000, "USD"),
    ("Le contrat représente $8 millions pour la société.", 8_000_000, "USD"),
    ("Le partenaire apporte 3 millions € au projet de forage.", 3_000_000, "EUR"),
    ("Le partenaire apporte €3 millions au projet de forage.", 3_000_000, "EUR"),
    ("Un don de 1 500 000 FCFA a été remis au dispensaire.", 1_500_000, "XOF"),
    ("Un don de 1.500.000 FCFA a été remis au dispensaire.", 1_500_000, "XOF"),
    (f"Un don de 1{NBSP}500{NBSP}000 FCFA a été remis au dispensaire.", 1_500_000, "XOF"),
    (f"Un don de 1{NNBSP}500{NNBSP}000 FCFA a été remis au dispensaire.", 1_500_000, "XOF"),
    ("La coopérative a vendu pour 2,5 millions de dollars de mangues.", 2_500_000, "USD"),
    ("Chaque famille touchera 25 000 francs CFA par mois.", 25_000, "XOF"),
])
def test_money(read, sentence, value, unit):
    assert (value, unit, False) in read(sentence)


# -- 2. percentages --------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, value", [
    ("Le taux de réussite atteint 15 % cette session.", 15),
    ("Le taux de réussite atteint 15% cette session.", 15),
    ("Le taux de réussite atteint 15 pour cent cette session.", 15),
    ("La croissance serait de 2,5 % selon la banque centrale.", 2.5),
    (f"Les prix ont augmenté de 7{NNBSP}% en un an.", 7),
    ("Près de 40 % des écoles restent fermées.", 40),
])
def test_percentages(read, sentence, value):
    assert any(q[:2] == (value, "percent") for q in read(sentence))


# -- 3. hedged counts, marked approximate -----------------------------------------------------------

@pytest.mark.parametrize("sentence, value, unit", [
    ("Une vingtaine de soldats ont rejoint le poste de Ménaka.", 20, "person"),
    ("Une centaine de civils ont quitté le village.", 100, "person"),
    ("Une dizaine de véhicules ont été incendiés.", 10, "vehicle"),
    ("Une quinzaine de jours seront nécessaires.", 15, "day"),
    ("Le camp a accueilli près de 1 000 recrues en une semaine.", 1000, "recruit"),
    ("Plus de 300 soldats ont défilé à Kati.", 300, "person"),
    ("Environ 50 véhicules ont été livrés à l'armée.", 50, "vehicle"),
    ("Quelque 200 gendarmes sont déployés dans la région.", 200, "person"),
    ("Au moins 12 civils ont été tués lors de l'attaque.", 12, "person"),
    ("Près d'un millier de personnes ont manifesté à Niamey.", 1000, "person"),
    ("Un millier de volontaires se sont présentés.", 1000, "person"),
    ("Le projet a coûté près de 3 milliards de FCFA.", 3_000_000_000, "XOF"),
    ("Moins de 20 drones ont été commandés.", 20, "drone"),
])
def test_hedged_counts_are_approximate(read, sentence, value, unit):
    assert (value, unit, True) in read(sentence)


@pytest.mark.parametrize("sentence", [
    "Des dizaines de soldats ont été blessés.",
    "Des centaines de familles ont fui les combats.",
    "Plusieurs milliers de personnes ont manifesté.",
])
def test_counts_without_a_value_are_left_out(read, sentence):
    assert read(sentence) == []


def test_exact_counts_are_not_approximate(read):
    assert read("Le camp a accueilli 900 nouvelles recrues.") == [(900, "recruit", False)]


# -- 4. more units ---------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, value, unit", [
    ("L'armée de l'air a reçu deux avions de transport.", 2, "aircraft"),
    ("Quatre aéronefs ont atterri à Gao.", 4, "aircraft"),
    ("Le pays a commandé trois hélicoptères de combat.", 3, "aircraft"),
    ("Six appareils ont survolé la capitale.", 6, "aircraft"),
    ("Cinq drones ont été livrés à la base de Sévaré.", 5, "drone"),
    ("Dix blindés ont été réceptionnés par la garde.", 10, "vehicle"),
    ("Trente véhicules blindés ont quitté le port.", 30, "vehicle"),
    ("Huit engins blindés ont franchi le fleuve.", 8, "vehicle"),
    ("La police a saisi 40 armes dans un entrepôt.", 40, "weapon"),
    ("Les douaniers ont trouvé 12 fusils dans le camion.", 12, "weapon"),
    ("Le pays a exporté 300 tonnes de coton.", 300, "tonne"),
    ("La nouvelle route mesure 120 km.", 120, "km"),
    ("La nouvelle route mesure 120 kilomètres.", 120, "km"),
    ("Le périmètre irrigué couvre 500 hectares.", 500, "ha"),
    ("Le périmètre irrigué couvre 500 ha.", 500, "ha"),
    ("La transition durera pendant trois ans.", 3, "year"),
    ("Il a dirigé la région pendant deux années.", 2, "year"),
    ("Le programme s'étale sur cinq ans.", 5, "year"),
    ("Un mandat de cinq ans lui a été confié.", 5, "year"),
    ("Le ministre a inauguré 12 projets à Sikasso.", 12, "project"),
    ("L'ONG a construit 40 écoles dans le cercle.", 40, "school"),
    ("Le régiment aligne trois bataillons.", 3, "unit"),
    ("Deux compagnies ont été envoyées au nord.", 2, "unit"),
    ("Quatre unités spéciales ont été créées.", 4, "unit"),
    ("Vingt soldats ont été décorés.", 20, "person"),
])
def test_units(read, sentence, value, unit):
    assert (value, unit, False) in read(sentence)


@pytest.mark.parametrize("sentence", [
    "Un avion s'est posé à Mopti.",
    "Une école a rouvert ses portes.",
    "Le ministre a visité un projet agricole.",
    "Une compagnie minière a signé un accord.",
    "Une unité d'élite a été déployée.",
    "Huit engins explosifs ont été neutralisés.",  # mines, not vehicles
])
def test_not_counts_of_things(read, sentence):
    assert read(sentence) == []


# -- 5. numbers that are not quantities ------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "En 2024, le pays a renforcé ses frontières.",
    "Le conseil s'est réuni le 22 juillet à Bamako.",
    "Âgé de 45 ans, le colonel a pris le commandement.",
    "Le colonel, 45 ans, a pris le commandement.",
    "Un homme de 45 ans a été arrêté.",
    "L'article 3 de la charte a été suspendu.",
    "La résolution 2719 a été adoptée.",
    "La réunion a commencé à 10 h au ministère.",
    "La réunion a commencé à 10h30 au ministère.",
    "Le 3e bataillon a quitté Kidal.",
    "Le premier bataillon a quitté Kidal.",
    "Il y a trois ans, le camp a été attaqué.",
    "En 2024 500 tonnes manquaient.",
])
def test_not_quantities(read, sentence):
    found = read(sentence)
    assert all(unit not in ("year",) for _, unit, _ in found), found
    if "tonnes" in sentence:  # the year does not glue onto the figure that follows it
        assert found == [(500, "tonne", False)]
    else:
        assert found == []


def test_ages_in_a_range_are_not_durations(read):
    assert read("Elle cherche 1 500 volontaires âgés de 18 à 25 ans.") == [(1500, "person", False)]


# -- parse alone -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, unit, approximate", [
    ("près de 1 000 recrues", 1000, "recruit", True),
    ("près d’un millier de personnes", 1000, "person", True),
    ("une vingtaine de soldats", 20, "person", True),
    ("1,2 milliard de francs CFA", 1.2e9, "XOF", False),
    ("$5 millions", 5e6, "USD", False),
    ("15 pour cent", 15, "percent", False),
    ("2,5 %", 2.5, "percent", False),
    ("1.500 soldats", 1500, "person", False),
])
def test_parse(text, value, unit, approximate):
    q = parse(text)
    assert q is not None and (q.value, q.unit, q.approximate) == (value, unit, approximate)
    assert q.text == text


def test_parse_needs_a_value():
    assert parse("des dizaines de soldats") is None
    assert parse("une centaine") is None


# -- the fact contract ----------------------------------------------------------------------------

def _fact(cfg, *quantities: Quantity) -> Fact:
    return Fact(id="recruitment-x", kind="recruitment", themes=(cfg.theme_ids()[0],),
                date=DateSpan(dt.date(2025, 7, 22), dt.date(2025, 7, 22)), quantities=quantities,
                evidence=(Evidence("a", 0, 10, "Une phrase."),))


def test_approximate_is_written_only_when_true(cfg, tmp_path):
    near = Quantity(1000.0, "recruit", "près de 1 000 recrues", "participants", approximate=True)
    exact = Quantity(6.0, "month", "six mois", "duration")
    fact = _fact(cfg, near, exact)
    form = yaml_form(fact, cfg.entities)
    assert form["quantities"] == [
        {"value": 1000, "unit": "recruit", "role": "participants", "text": "près de 1 000 recrues", "approximate": True},
        {"value": 6, "unit": "month", "role": "duration", "text": "six mois"}]
    as_json = json_form(fact, corroboration=1, credibility=3)
    assert as_json["quantities"] == [
        {"value": 1000, "unit": "recruit", "text": "près de 1 000 recrues", "role": "participants", "approximate": True},
        {"value": 6, "unit": "month", "text": "six mois", "role": "duration"}]

    path = tmp_path / "2025-W30.yaml"
    path.write_text(yaml.safe_dump({"week": "2025-W30", "facts": [form]}, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    ff, warnings = load_fact_file(cfg, path, strict=True)
    assert warnings == [] and ff.facts == (fact,)
    assert [q.approximate for q in ff.facts[0].quantities] == [True, False]


def test_approximate_is_read_from_a_hand_written_fact_file(cfg, tmp_path):
    path = tmp_path / "2025-W30.yaml"
    path.write_text(
        "week: 2025-W30\nfacts:\n"
        "- id: recruitment-x\n  kind: recruitment\n  themes: [%s]\n  date: 2025-07-22\n"
        "  quantities:\n  - {value: 20, unit: person, text: une vingtaine de soldats, approximate: true}\n"
        "  - {value: 6, unit: month, approximate: false}\n" % cfg.theme_ids()[0], encoding="utf-8")
    ff, warnings = load_fact_file(cfg, path, strict=True)
    assert warnings == []
    assert [(q.value, q.approximate) for q in ff.facts[0].quantities] == [(20, True), (6, False)]


def test_bundled_fact_files_have_no_approximate_key():
    # existing files stay as they are: the key is only written when true
    for path in sorted((ROOT / "facts").glob("*.yaml")):
        assert "approximate" not in path.read_text(encoding="utf-8"), path


# -- the editions --------------------------------------------------------------------------------

def _amount(q: Quantity, lang: str) -> str:
    return phrasing.amount(q, lang, i18n.translations(lang))


def test_editions_say_approximate_figures():
    near = Quantity(1000.0, "recruit", approximate=True)
    assert _amount(near, "fr") == f"près de 1{NNBSP}000 recrues"
    assert _amount(near, "en") == "about 1,000 recruits"
    assert _amount(dataclasses.replace(near, approximate=False), "en") == "1,000 recruits"
    money = Quantity(1.2e9, "XOF", approximate=True)
    assert _amount(money, "fr") == "près de 1,2 milliard de francs CFA"
    assert _amount(money, "en") == "about 1.2 billion CFA francs"


def test_editions_name_the_new_units():
    assert _amount(Quantity(50e6, "EUR"), "fr") == "50 millions d'euros"
    assert _amount(Quantity(50e6, "EUR"), "en") == "50 million euros"
    assert _amount(Quantity(15.0, "percent"), "fr") == f"15{NNBSP}%"
    assert _amount(Quantity(2.5, "percent"), "en") == "2.5%"
    assert _amount(Quantity(3.0, "aircraft"), "fr") == "trois aéronefs"  # two to nine in words
    assert _amount(Quantity(1.0, "year"), "en") == "1 year"
    assert _amount(Quantity(3.0, "year"), "fr") == "trois ans"
    nouns = {  # unit → (French, English) for two of them
        "recruit": ("recrues", "recruits"), "person": ("personnes", "people"),
        "young_person": ("jeunes", "young people"), "day": ("jours", "days"), "week": ("semaines", "weeks"),
        "month": ("mois", "months"), "year": ("ans", "years"), "XOF": ("francs CFA", "CFA francs"),
        "USD": ("dollars américains", "US dollars"), "EUR": ("euros", "euros"), "CNY": ("yuans", "yuan"),
        "RUB": ("roubles", "roubles"), "vehicle": ("véhicules", "vehicles"), "aircraft": ("aéronefs", "aircraft"),
        "drone": ("drones", "drones"), "weapon": ("armes", "weapons"), "tonne": ("tonnes", "tonnes"),
        "kg": ("kg", "kg"),
        "km": ("km", "km"), "km2": ("km²", "km²"), "ha": ("hectares", "hectares"), "project": ("projets", "projects"),
        "school": ("écoles", "schools"), "unit": ("unités", "units")}
    assert set(nouns) == set(UNITS.values()) - {"percent"}  # a percentage is « 15 % », no noun
    for unit, (fr, en) in nouns.items():
        assert phrasing.unit_noun(unit, 2, i18n.translations("fr")) == fr
        assert phrasing.unit_noun(unit, 2, i18n.translations("en")) == en


# -- 6. counted nouns outside the unit list --------------------------------------------------------

@pytest.mark.parametrize("sentence, value, unit", [
    ("Le groupe a ouvert 12 usines au nord du pays.", 12, "usine"),
    ("La mine a livré 30 000 onces d'or en un trimestre.", 30_000, "once"),
    ("La centrale solaire produira 150 mégawatts dès la fin du chantier.", 150, "mégawatt"),
    ("Le tournoi réunit huit équipes venues de la sous-région.", 8, "équipe"),
    ("Le centre de santé dispose désormais de 40 lits.", 40, "lit"),
    ("Le chantier créera 2 000 emplois directs selon le ministre.", 2000, "emploi"),
    ("Le tournoi se jouera en quatre meilleures manches.", 4, "manche"),
    ("Le couvre-feu durera pendant 48 heures.", 48, "heure"),
    # people of any kind are persons
    ("La société emploie 250 ouvriers dans la région.", 250, "person"),
    ("Le pays compte 20 millions d'habitants.", 20_000_000, "person"),
    ("Le bilan fait état de 12 morts et de blessés.", 12, "person"),
    ("Une centaine d'instructeurs accompagnent le matériel.", 100, "person"),
])
def test_counted_nouns(read, sentence, value, unit):
    found = read(sentence)
    assert any((v, u) == (value, unit) for v, u, _ in found), found


@pytest.mark.parametrize("sentence", [
    "Ces deux usines ont fermé leurs portes.",  # counted before: named again
    "Les deux pays ont signé un accord de défense.",  # « les deux »: both
    "Les 2 pays ont signé un accord de défense.",
    "Deux sujets ont dominé la réunion : la sécurité et l'eau.",  # announces a list
    "Une trentaine d'entreprises ont participé au salon.",  # a rough count of things
    "Trois organisations menacent la région selon lui.",  # a vague noun
    "La réunion a commencé à 10 heures au ministère.",  # a clock time
    "Le drone a décollé le 9 janvier de Gao.",
    "Le match s'est terminé 1-0 face au Ghana.",  # a score
    "L'alinéa 3 précise les conditions.",
    "En 2023 plusieurs usines ont fermé.",
])
def test_counted_nouns_not_read(read, sentence):
    assert read(sentence) == []


@pytest.mark.parametrize("word, singular_form", [
    ("entreprises", "entreprise"), ("journaux", "journal"), ("travaux", "travail"), ("bateaux", "bateau"),
    ("jeux", "jeu"), ("pays", "pays"), ("fois", "fois"), ("kg", "kg"), ("demi-finales", "demi-finale")])
def test_singular(word, singular_form):
    assert singular(word) == singular_form


# -- 7. bare billions, glued currencies, signed percentages, decimals, more hedges -------------

@pytest.mark.parametrize("sentence, value, unit, approximate", [
    ("Le ministère recevra 12 milliards pour les routes.", 12_000_000_000, "XOF", False),
    ("Le fonds atteint 527,027 milliards FCFA.", 527_027_000_000, "XOF", False),
    ("Le prix minimum (22.250FCFA) reste stable.", 22_250, "XOF", False),
    ("Le sorgho a pris +12% sur le marché de Zinder.", 12, "percent", False),
    ("Le budget a prévu 1,5 Mds FCFA.", 1_500_000_000, "XOF", False),
    ("Un coût annuel avoisinant 7 milliards FCFA inquiète les élus.", 7_000_000_000, "XOF", True),
    ("La facture dépasse 3 milliards FCFA.", 3_000_000_000, "XOF", True),
    ("Les dépenses sont estimées à 191 millions de dollars.", 191_000_000, "USD", True),
    ("L'État ne garde qu'à peine 9 % des parts.", 9, "percent", True),
    ("L'armée a reçu trois (03) hélicoptères.", 3, "aircraft", False),
])
def test_more_forms(read, sentence, value, unit, approximate):
    found = read(sentence)
    assert (value, unit, approximate) in found, found
    assert all(float(v).is_integer() for v, _, _ in found)  # no 527027000000.00006


# -- 8. durations in years, and recruits -----------------------------------------------------------

@pytest.mark.parametrize("sentence, value, approximate", [
    ("La junte réclame cinq ans de transition.", 5, False),
    ("Le festival se tient tous les deux ans à Ouagadougou.", 2, False),
    ("Le chantier est estimé à deux ans.", 2, True),
    ("Le cinéaste a gagné 28 ans après son premier prix.", 28, False),
    ("La mine a une durée de vie de 20 ans.", 20, False),
    ("Sur les cinq dernières années, les prix ont monté.", 5, False),
    ("Le mandat est fixé à sept ans.", 7, False),
    # the duration's noun a few words back, a verb that extends, « encore »
    ("La durée d'exploitation prévue est de 21 ans.", 21, False),
    ("Le Conseil a prolongé d'un an le régime de sanctions.", 1, False),
    ("Les militaires veulent rester au pouvoir encore cinq ans.", 5, False),
])
def test_durations_in_years(read, sentence, value, approximate):
    assert (value, "year", approximate) in read(sentence)


@pytest.mark.parametrize("sentence", [
    "Il y a un peu plus d'un an, la mine a changé de mains.",
    "Les moins de 25 ans votent peu.",
    "Un enfant de 12 ans a été blessé.",
    "La victime, un commerçant de la ville âgé de 34 ans, est décédée.",
    "Le chef du village, un homme de la région de 60 ans, a témoigné.",
])
def test_years_that_are_no_durations(read, sentence):
    assert all(u != "year" for _, u, _ in read(sentence))


@pytest.mark.parametrize("sentence, value, unit", [
    ("L'armée annonce le recrutement de 20 000 jeunes.", 20_000, "recruit"),
    ("Le pays va recruter 4 000 volontaires.", 4000, "recruit"),
    ("Le recrutement massif de 12 000 VDP commence lundi.", 12_000, "recruit"),
    ("Le recrutement de 600 jeunes soldats est lancé.", 600, "recruit"),
    ("La formation de 5 000 jeunes débutera en mars.", 5000, "young_person"),
])
def test_recruits(read, sentence, value, unit):
    assert read(sentence) == [(value, unit, False)]


def test_hedged_recruits(read):
    assert read("Le pays va recruter plus de 5 000 jeunes cette année.") == [(5000, "recruit", True)]


@pytest.mark.parametrize("sentence, value, unit", [
    ("Le ministre a nommé 14 directeurs régionaux.", 14, "person"),
    ("Le bataillon compte 650 éléments aguerris.", 650, "person"),  # soldiers
    ("La Chine a offert 20 motos à la police.", 20, "vehicle"),
    ("La douane a saisi 15 pistolets au poste frontière.", 15, "weapon"),
    ("L'opération a duré 72 heures dans la forêt.", 72, "heure"),
])
def test_more_people_and_things(read, sentence, value, unit):
    assert (value, unit, False) in read(sentence)


@pytest.mark.parametrize("sentence", [
    "Le Mali a perdu 2 à 1 face au Sénégal.",  # a score
    "Il a exposé deux éléments décisifs.",  # few « éléments » are things
])
def test_scores_and_few_elements_are_not_counts(read, sentence):
    assert read(sentence) == []


# -- figures the words around a span complete; dates beside them ----------------------------------

@pytest.fixture(scope="module")
def read_all(cfg):
    """Sentence → ([(value, unit)], [date keys]) after the pass that reads ranges, recruitment
    sentences, appositions and month pairs."""
    from briefgen.extract import dates as dates_mod
    from briefgen.extract import quantities as qty_mod
    from briefgen.extract.dates import Reference

    pipe = nlp.load(cfg)
    names = nlp.surnames(cfg)

    def run(sentence: str, ref=Reference(dt.date(2024, 3, 15))):
        text = nlp.normalize(sentence)
        doc = pipe(text)
        found = mentions.find(doc, text, mentions.sentences(doc, text), cfg, ref, names)
        found.dates[:] = dates_mod.completed(text, found.dates)
        found.dates[:], found.quantities[:] = dates_mod.relative(text, found.dates, found.quantities)
        found.quantities[:] = qty_mod.completed(doc, found.quantities, found.dates)
        return ([(q.quantity.value, q.quantity.unit) for q in found.quantities],
                [dates_mod.span_key(d.span) for d in found.dates])

    return run


@pytest.mark.parametrize("sentence, expected", [
    ("La part publique dans la société passe de 15 à 40 % cette année.", [(15, "percent"), (40, "percent")]),
    ("Le budget de la santé recule de 8,5 à 7,25 milliards FCFA.",
     [(8_500_000_000, "XOF"), (7_250_000_000, "XOF")]),
    ("Les crédits de l'école et de la police montent à 310 et 295 milliards FCFA.",
     [(310_000_000_000, "XOF"), (295_000_000_000, "XOF")]),
    ("La garde nationale recrute 12 mille volontaires pour les frontières.", [(12_000, "recruit")]),
    ("Cet enrôlement se fera en deux tranches, chacune accueillant 4 000 jeunes des régions.",
     [(2, "tranche"), (4_000, "recruit")]),
    ("Le cortège est passé par Kayes et par Gao, deux villes du fleuve.", []),
    ("L'appareil file à 350 km/h et tient jusqu’à 30 heures sans escale.", [(350, "km/h"), (30, "heure")]),
    ("L'école a formé 84 sous-lieutenants cette année.", [(84, "person")]),
    # « sur les six »: the whole of what the part before counts
    ("L'Espagne a remis trois avions de transport sur les six commandés par l'état-major.",
     [(3, "aircraft"), (6, "aircraft")]),
    ("Les postulants doivent avoir au moins 20 ans et un diplôme.", []),
    ("Le chantier réunit les ingénieurs des deux entreprises.", []),
    ("Nos deux nations partagent une longue histoire.", []),
    ("L'équipe a marqué 41 s.p lors de la saison.", []),
])
def test_figures_the_words_around_a_span_complete(read_all, sentence, expected):
    assert read_all(sentence)[0] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("La foire se tient du 12 mars au 4 avril 2024 à Ségou.", ["2024-03-12/2024-04-04"]),
    ("Des livraisons ont eu lieu en avril et octobre 2022.", ["2022-04", "2022-10"]),
    ("Les supporters ont rempli le Stade du 26 mars pour la finale.", []),
    ("Selon le bulletin (n° 45 du 09/02/24), les prix montent.", ["2024-02-09"]),
    # a range « entre … et … », across two years or inside one month
    ("Les candidats doivent être nés entre le 1er janvier 1994 et le 31 décembre 2001.",
     ["1994-01-01/2001-12-31"]),
    ("Les inscriptions sont ouvertes entre le 3 et le 5 mars 2024 à la mairie.", ["2024-03-03/2024-03-05"]),
])
def test_dates_the_words_around_them_complete(read_all, sentence, expected):
    assert read_all(sentence)[1] == expected


def test_a_date_after_a_sentence_first_word_and_du_is_a_date(read_all):
    assert read_all("Organisée du 3 au 7 juin 2024, la session a réuni les maires.")[1] == ["2024-06-03/2024-06-07"]


def test_this_month_is_a_date(read_all):
    assert read_all("La mine a commencé à produire ce mois-ci, selon la société.")[1] == ["2024-03"]


def test_a_year_glued_to_the_next_sentence_is_read(read_all):
    assert read_all("Le traité date du 9 mai 2011.Cette décision surprend.")[1] == ["2011-05-09"]


def test_months_before_a_date_told_are_a_date(read_all):
    figures, dates = read_all("Le chef rebelle est mort en octobre 2021. Il avait rompu avec Bamako trois mois "
                              "auparavant, selon la presse.")
    assert dates == ["2021-10", "2021-07"] and figures == []


@pytest.mark.parametrize("text, expected", [
    # a promotion of trainees is recruits, and so is every part of it
    ("La promotion compte 150 élèves gendarmes dont 12 féminins ; elle comprend 130 nationaux et 20 des pays "
     "amis, dont 4 du Togo ;\n5 du Tchad et 1 de la Guinée.",
     {(150, "recruit"), (12, "recruit"), (130, "recruit"), (20, "recruit"), (4, "recruit"), (5, "recruit"),
      (1, "recruit")}),
    # officer cadets are people, and so is every part of them
    ("La promotion compte 150 élèves officiers dont 12 féminins ; elle comprend 130 nationaux et 20 des pays "
     "amis.", {(150, "person"), (12, "person"), (130, "person"), (20, "person")}),
    ("Le bataillon compte 150 soldats dont 12 féminins ; il comprend 130 nationaux et 20 des pays amis, dont 4 "
     "du Togo ;\n5 du Tchad et 1 de la Guinée.",
     {(150, "person"), (12, "person"), (130, "person"), (20, "person"), (4, "person"), (5, "person"), (1, "person")}),
    ("Le camp a accueilli 900 recrues, dont 80 originaires de Kayes.", {(900, "recruit"), (80, "recruit")}),
    ("Trois gendarmes ont été blessés et 7 autres restent introuvables.", {(3, "person"), (7, "person")}),
    # « autres » with a noun of its own counts that noun, not the people before
    ("Deux soldats et 4 autres véhicules ont été touchés.", {(2, "person"), (4, "vehicle")}),
    # women picked out of recruits are recruits; out of people wounded they stay people
    ("La caserne a reçu 640 nouveaux gendarmes, dont 58 femmes.", {(640, "recruit"), (58, "recruit")}),
    ("Au total, 312 jeunes recrues, parmi lesquelles on compte 41 femmes, ont prêté serment.",
     {(312, "recruit"), (41, "recruit")}),
    ("L'attaque a fait 30 blessés, dont 6 femmes.", {(30, "person"), (6, "person")}),
    ("Le bataillon compte 80 soldats nigériens et 14 venus de pays amis.", {(80, "person"), (14, "person")}),
])
def test_a_figure_whose_noun_was_counted_just_before_counts_it_too(cfg, text, expected):
    from briefgen.extract.quantities import completed

    pipe = nlp.load(cfg)

    def counted(sentences: str) -> set:
        t = nlp.normalize(sentences)
        doc = pipe(t)
        found = mentions.find(doc, t, mentions.sentences(doc, t), cfg, None, nlp.surnames(cfg))
        return {(q.quantity.value, q.quantity.unit) for q in completed(doc, found.quantities, found.dates)}

    assert counted(text) == expected
    # a figure of another sentence, or of things (« 2 des meilleurs terrains »), counts no people
    got = counted("Le centre forme 300 soldats. Il dispose de 2 des meilleurs terrains du pays, dont 1 à Kati.")
    assert (300, "person") in got and not {(v, u) for v, u in got if v in (1, 2) and u == "person"}


@pytest.mark.parametrize("sentence, value, unit", [
    ("Le ministre a précisé que 1 500 agents seront recrutés dès cette année.", 1500, "recruit"),
    ("Sur les 600 personnes à recruter, la moitié viendra des régions du nord.", 600, "recruit"),
    ("C'est le troisième recrutement après ceux de 7 000 soldats pour l'armée de terre, de 2 000 gendarmes "
     "et de 9 000 volontaires.", 2000, "recruit"),
    # one verb between, in the same clause: the recruitment still counts them
    ("Le recrutement annoncé de 4 500 soldats doit renforcer les unités du Nord.", 4500, "recruit"),
    ("Cette campagne de recrutement concerne 2 700 militaires du rang.", 2700, "recruit"),
    # the recruitment is told in another clause, with its own verb: the people counted did something else
    ("Quand le programme de recrutement a été lancé, 12 000 personnes se sont inscrites.", 12000, "person"),
    ("L'effectif des forces sera porté à 40 000 hommes en 2030 grâce à un rythme plus soutenu de recrues.",
     40000, "person"),
    ("Depuis le recrutement, l'armée a perdu 300 soldats au combat.", 300, "person"),
])
def test_people_counted_as_recruited_are_recruits(cfg, sentence, value, unit):
    """People counted beside a recruiting word in the same clause are recruits, whatever noun
    counts them (« agents », « personnes », « gendarmes »); not when the recruiting is another
    clause's business. (What the words around a figure tell is read after the mentions:
    ``quantities.completed``.)"""
    from briefgen.extract import quantities

    text = nlp.normalize(sentence)
    doc = nlp.load(cfg)(text)
    found = mentions.find(doc, text, mentions.sentences(doc, text), cfg, None, nlp.surnames(cfg))
    got = quantities.completed(doc, found.quantities, found.dates)
    assert (value, unit) in [(q.quantity.value, q.quantity.unit) for q in got]


def test_a_name_the_gazetteer_gives_is_no_figure(read):
    """« la région des « trois frontières » »: the quotes break the gazetteer's longer name, and the
    figure's pattern would count three borders; the name wins."""
    assert read("Les combats ont repris dans la région des « trois frontières » entre le Niger et le Mali.") == []


def test_a_model_designation_between_a_figure_and_its_noun(read):
    assert (6, "vehicle", False) in read("L'armée a présenté six VN22 véhicules de soutien et des mortiers.")
    assert (2, "aircraft", False) in read("Le pays a reçu deux Su-25 avions d'attaque la semaine dernière.")


def test_people_counted_by_their_nationality(read):
    got = read("La promotion compte 85 Burkinabè et 12 Togolais, ainsi que 120 nationaux.")
    assert {(85, "person", False), (120, "person", False)} <= set(got)


@pytest.mark.parametrize("sentence, value", [
    ("Les 3000 hommes que l'armée nationale recrute chaque année seront mieux équipés.", 3000),
    ("La promotion compte près de 1500 nouveaux gendarmes, dont huit femmes.", 1500),
    ("Le ministre a présidé la cérémonie de fin de formation de 219 élèves sous-officiers à Tahoua.", 219),
])
def test_people_recruited_or_trained_into_a_force_are_recruits(read_all, sentence, value):
    counted, _ = read_all(sentence)
    assert (value, "recruit") in counted, counted


@pytest.mark.parametrize("sentence, expected", [
    # a force's trainees, in figures written out then repeated in digits, with the women among them
    ("La promotion compte trois cent quarante-deux (342) élèves gendarmes, dont dix-sept (17) féminins.",
     {(342, "recruit"), (17, "recruit")}),
    ("Le stage a pris fin pour cent soixante-dix-huit (178) élèves sous-officiers, dont neuf (09) femmes.",
     {(178, "recruit"), (9, "recruit")}),
    # officers commissioned at the end of their schooling are people, not a force's recruits
    ("Le stage a pris fin pour cent soixante-dix-huit (178) élèves-officiers, dont neuf (09) femmes.",
     {(178, "person"), (9, "person")}),
    ("L'académie militaire a formé 96 nouveaux sous-lieutenants et 40 élèves officiers.",
     {(96, "person"), (40, "person")}),
    # a school's pupils are no recruits
    ("Les violences ont fermé des écoles qui accueillaient plus de 9 000 élèves.", {(9000, "person")}),
])
def test_trainees_of_a_force_are_recruits_officers_and_pupils_are_people(read_all, sentence, expected):
    counted, _ = read_all(sentence)
    assert expected <= set(counted), counted
    assert not {(v, u) for v, u in counted if v in {v for v, _ in expected}} - expected, counted


@pytest.mark.parametrize("sentence", [
    "Les autorités ont donné mercredi 48 heures aux dirigeants pour quitter le pays.",
    "Il effectue une visite de 48 heures au Tchad.",
])
def test_hours_granted_or_of_a_visit_are_a_duration(read, sentence):
    assert read(sentence) == [(48, "heure", False)]
    assert read("Le rendez-vous est fixé à 10 heures.") == []


def test_one_tonne_written_with_its_article_is_a_weight(read):
    assert read("L'hélicoptère est reparti du site minier avec une tonne d'or à son bord.") == [(1, "tonne", False)]
    assert read("Il a acheté une école à Gao.") == []


def test_parts_and_ranges_of_a_measure_borrow_its_unit(read):
    assert read("L'oléoduc mesure 1982 km dont 1298 sont au Niger et 684 au Bénin.") == [
        (1982, "km", False), (1298, "km", False), (684, "km", False)]
    assert read("Le prix a baissé, passant de 28 000 à 18 500 FCFA le kilo.") == [
        (28000, "XOF", False), (18500, "XOF", False)]
    assert read("Le coût passe de 2 à 3 milliards de FCFA.") == [(2e9, "XOF", False), (3e9, "XOF", False)]


def test_francs_cfa_abbreviated(read):
    assert read("Le Bénin empoche 300 millions de Fr CFA pour le déploiement.") == [(300_000_000, "XOF", False)]


def test_one_aircraft_or_vehicle_handed_over_is_counted_by_its_article(read_all):
    """« un avion » counts one only where the sentence hands it over; elsewhere it is an article."""
    assert (1, "aircraft") in read_all("Washington a offert au Niger un avion de transport C-130H mardi.")[0]
    assert (1, "vehicle") in read_all("La garde a réceptionné une ambulance neuve et 12 motos.")[0]
    for sentence in ("Un drone a été abattu près de la frontière, selon l'armée.",
                     "Un hélicoptère a transporté les lingots vers Bamako."):
        assert [q for q in read_all(sentence)[0] if q[1] in ("drone", "aircraft")] == []
    # « une centaine de » is no article
    assert (100, "vehicle") in read_all("Une centaine de blindés ont défilé à Bamako.")[0]
    # « neuf » is new, not nine: one lorry received
    assert read_all("Il a reçu un camion flambant neuf pour la commune.")[0] == [(1, "vehicle")]


def test_mraps_are_vehicles(read):
    assert (160, "vehicle", False) in read("Le contrat porte sur 160 MRAP destinés aux forces maliennes.")


def test_power_in_megawatts_and_an_endurance_in_hours(read):
    assert (240, "mégawatt", False) in read("Le plan prévoit 240 MW de capacité solaire d'ici 2030.")
    assert (100, "mégawatt", False) in read("La centrale de Koulikoro (100 mégawatts) sera livrée en 2026.")
    assert (24, "heure", False) in read("Ces drones ont une autonomie de 24 heures et une portée de 150 km.")
    assert all(u != "heure" for _, u, _ in read("La réunion a commencé à 10 heures au ministère."))


def test_people_counted_at_the_start_of_a_sentence_are_no_list(read):
    """« Deux sujets ont dominé … : » announces a list; « Deux ressortissants … » counts people."""
    assert (2, "person", False) in read("Deux ressortissants chinois ont été enlevés près de Kayes.")
    assert (3, "person", False) in read("Trois ouvriers ont été blessés sur le chantier.")
    assert read("Deux sujets ont dominé la réunion : la sécurité et l'eau.") == []


@pytest.mark.parametrize("sentence, expected", [
    # some of those named before
    ("Selon l'ONG, au moins six de ces combattants étrangers ont été tués.", (6, "person", True)),
    ("Le directeur a été interpellé avec trois de ses collaborateurs.", (3, "person", False)),
    # people named by what befell them or by their rank, and a pick-up the tokenizer splits
    ("L'armée annonce 45 tués dans les rangs de l'ennemi.", (45, "person", False)),
    ("Les mesures visent quatre gradés de la garde.", (4, "person", False)),
    ("Trois pick-ups armés ont été saisis à Ménaka.", (3, "vehicle", False)),
    ("La fédération a réuni 64 lutteurs venus des huit régions.", (64, "person", False)),
    ("Les ravisseurs ont relâché cinq camionneurs sénégalais.", (5, "person", False)),
    ("La cour a jugé 95 accusés au cours de la session.", (95, "person", False)),
])
def test_more_ways_to_count_people_and_vehicles(read, sentence, expected):
    assert expected in read(sentence)


@pytest.mark.parametrize("sentence, expected", [
    # hours that a duration's words follow
    ("Trois heures plus tard, le convoi a quitté la mine.", [(3, "heure")]),
    ("Deux heures après, les blessés étaient évacués.", [(2, "heure")]),
    ("Le drone a déjà cumulé plus de 4 000 heures de vol.", [(4000, "heure")]),
    # a range of years written in words, both ends
    ("Les pilotes suivront une formation d'une durée de quatre à cinq ans.", [(4, "year"), (5, "year")]),
    # ages, not durations
    ("Les enfants de six à sept ans seront vaccinés.", []),
    ("Les candidats doivent avoir un âge compris entre 18 et 25 ans.", []),
])
def test_hours_and_ranges_of_years_that_are_durations(read_all, sentence, expected):
    counted, _ = read_all(sentence)
    assert sorted(counted) == sorted(expected), counted


@pytest.mark.parametrize("sentence, expected", [
    # a range whose ends are grouped by spaces (no score: the figures are too large)
    ("La mine doit livrer de 60 000 à 75 000 onces d'or de plus par an.", [(60000, "once"), (75000, "once")]),
    ("L'armée passera de 12 000 à 15 000 soldats d'ici 2027.", [(12000, "person"), (15000, "person")]),
    # part of a whole
    ("Les assaillants disent avoir détruit 40 sur les 73 camions du convoi.", [(40, "vehicle"), (73, "vehicle")]),
])
def test_ranges_of_grouped_figures_and_parts_of_a_whole(read_all, sentence, expected):
    counted, _ = read_all(sentence)
    assert sorted(counted) == sorted(expected), counted


@pytest.mark.parametrize("sentence, expected", [
    ("Le permis d'exploitation couvre une superficie de 48,6 km2 au nord de Kayes.", [(48.6, "km2", False)]),
    ("La concession s'étend sur 12,25 km² le long du fleuve.", [(12.25, "km2", False)]),
    # a point before two digits marks decimals, before three it groups thousands
    ("Le taux de réussite était de 41.27 % l'an dernier.", [(41.27, "percent", False)]),
    ("La taxe s'élève à 2.500 FCFA par tonne.", [(2500, "XOF", False)]),
    # a paywall's notice is no figure of the story
    ("Il vous reste 64.3% de cet article à lire.", []),
])
def test_areas_decimals_with_a_point_and_paywall_notices(read, sentence, expected):
    assert read(sentence) == expected


def test_english_plurals_and_ratings(read):
    assert read("L'équipe reste sur sept victoires lors de ses huit derniers matches.") == [
        (7, "victoire", False), (8, "match", False)]
    assert read("Le ministère a fermé l'hôtel cinq étoiles de la capitale.") == []


def test_minutes_by_their_symbols_and_no_reading_time(read):
    assert read("Le coureur a bouclé l'étape en 2h 27 mn 40 s.") == [(27, "minute", False)]
    assert read("La navette relie les deux sites en 35 min.") == [(35, "minute", False)]
    assert read("Publié le 3 mars. Lecture : 4 min. Le ministre a reçu les diplomates.") == []


@pytest.mark.parametrize("sentence, key", [
    ("Bobo-Dioulasso, 9 févr. 2024 (AIB) - Le gouverneur a reçu les délégués.", "2024-02-09"),
    ("Niamey, 14 janv. 2025(ANP)-Les nouvelles recrues ont prêté serment.", "2025-01-14"),
])
def test_a_dateline_with_a_month_abbreviated_by_a_point(read_all, sentence, key):
    counted, dates = read_all(sentence)
    assert key in dates and not [c for c in counted if c[1] in ("janv", "févr")], (counted, dates)


def test_people_counted_by_their_sex_alone(read_all):
    counted, _ = read_all("Au total, la promotion compte 21 féminines.")
    assert counted == [(21, "person")], counted
    counted, _ = read_all("Le camp a accueilli 640 recrues dont 31 féminines.")
    assert sorted(counted) == [(31, "recruit"), (640, "recruit")], counted


@pytest.mark.parametrize("sentence, expected", [
    ("Les Aigles se sont imposés sur le score de 3 buts à 1 face au Bénin.", []),
    ("Le match s'est achevé sur le score de deux buts à zéro.", []),
    ("L'attaquant a inscrit 5 buts en trois matches de qualification.", [(5, "but"), (3, "match")]),
])
def test_a_score_is_no_count_of_goals(read_all, sentence, expected):
    counted, _ = read_all(sentence)
    assert sorted(counted) == sorted(expected), counted


@pytest.mark.parametrize("sentence, expected", [
    # the example gazetteer writes FAMa out as « Forces armées maliennes »: its members
    ("Le détachement envoyé à Gao réunit 640 FAMa et leurs véhicules.", [(640, "person")]),
    # an acronym the article defines with a noun for people
    ("Les Volontaires de la garde civique (VGC) surveillent les pistes, à raison de 40 VGC par commune.",
     [(40, "person")]),
    # an acronym of a body of things counts nothing here
    ("Les Organisations non gouvernementales (ONG) du pays, soit 45 ONG, ont signé l'appel.", []),
])
def test_a_figure_before_the_acronym_of_a_body_of_people_counts_its_members(read_all, sentence, expected):
    counted, _ = read_all(sentence)
    assert counted == expected, counted


def test_what_the_recruits_are_made_of_counts_recruits(read_all):
    counted, _ = read_all("Les nouvelles recrues sont composées de 612 soldats et de 88 gendarmes.")
    assert sorted(counted) == [(88, "recruit"), (612, "recruit")], counted
    # another verb between: the figure is no longer what the recruits are made of
    counted, _ = read_all("Les recrues sont arrivées au village, dont les foyers sont composés de 3 000 habitants.")
    assert (3000, "recruit") not in counted, counted


def test_special_forces_are_soldiers_and_a_capital_e_without_its_accent(read_all):
    counted, _ = read_all("Un contingent de 250 forces spéciales est arrivé à la base.")
    assert counted == [(250, "person")], counted
    counted, _ = read_all("La promotion de la garde réunit 1 240 Elèves Gardes cette année.")
    assert counted == [(1240, "recruit")], counted


@pytest.mark.parametrize("sentence, expected", [
    # the ceremony that ends recruits' training
    ("Les 830 soldats de la classe 2024, dont 64 féminins, ont été présentés au drapeau à Kati.",
     [(64, "recruit"), (830, "recruit")]),
    # the end of a training, then what the intake is made of
    ("Le ministre a présidé la fin de formation d'un contingent composé de 1.205 soldats venus des régions.",
     [(1205, "recruit")]),
    # a force's strength, though a recruitment follows
    ("L'armée, qui compte près de 25 000 hommes, lance un nouveau recrutement.", [(25000, "person")]),
])
def test_recruits_presented_to_the_flag_or_trained_and_a_force_s_strength(read_all, sentence, expected):
    counted, _ = read_all(sentence)
    assert sorted(counted) == expected, counted


@pytest.mark.parametrize("sentence, expected", [
    ("Sur ce chantier, les salaires sont deux à trois fois plus élevés qu'en ville.", []),
    ("La rencontre s'est disputée en deux fois 45 minutes.", [(45, "minute")]),
    ("Les trois quarts du budget vont à la défense, un tiers à l'éducation.", []),
])
def test_a_multiplier_or_a_fraction_counts_nothing(read_all, sentence, expected):
    counted, _ = read_all(sentence)
    assert counted == expected, counted


def test_a_count_broken_down_by_place_takes_the_count_s_unit(read_all):
    counted, _ = read_all("La campagne a retenu 4 800 recrues : Kayes 1200, Sikasso 950, Ségou 870 et Mopti 640.")
    assert sorted(counted) == [(640, "recruit"), (870, "recruit"), (950, "recruit"), (1200, "recruit"),
                               (4800, "recruit")], counted
    # a single name and a figure is no breakdown (a channel, a year)
    counted, _ = read_all("Trois avions ont atterri à Niamey, rapporte Africa 24, qui cite l'armée.")
    assert counted == [(3, "aircraft")], counted


@pytest.mark.parametrize("sentence, expected", [
    ("Le groupe exploite ses deux filiales minières depuis 2019.", [(2, "filiale")]),
    ("L'État rachète les deux mines d'or pour 90 millions de dollars.", [(2, "mine"), (90_000_000, "USD")]),
    # parties and places named before and counted again
    ("Le Ghana et le Togo ont signé : les deux pays renforcent leurs liens.", []),
    ("Sonatrach et Sonidep ont conclu l'accord ; les deux sociétés le mettront en œuvre.", []),
])
def test_two_things_the_text_owns_are_counted_two_parties_named_before_are_not(read_all, sentence, expected):
    counted, _ = read_all(sentence)
    assert sorted(counted) == sorted(expected), counted


def test_the_parts_of_a_count_take_its_unit(read_all):
    counted, _ = read_all("La marine a reçu six patrouilleurs et huit drones, trois en version d'attaque et cinq "
                          "équipés de caméras thermiques.")
    assert sorted(counted) == [(3, "drone"), (5, "drone"), (6, "patrouilleur"), (8, "drone")], counted
    # « une » after a count is an article, not a part of it
    counted, _ = read_all("Le pays compte 900 soldats sur place et une vaste piste pour ses drones au nord.")
    assert counted == [(900, "person")], counted


def test_people_said_to_be_of_a_kind_and_others_of_a_count(read_all):
    counted, _ = read_all("Sur l'ensemble des inscrits, 4210 sont des femmes.")
    assert counted == [(4210, "person")], counted
    counted, _ = read_all("Les combats ont tué 120 civils et chassé de chez eux 35 000 autres.")
    assert sorted(counted) == [(120, "person"), (35000, "person")], counted
    counted, _ = read_all("Les violences ont fait 400 morts et poussé à l'exil près de 2 millions d'autres.")
    assert sorted(counted) == [(400, "person"), (2_000_000, "person")], counted


def test_a_noun_with_the_complement_it_cannot_lose(read):
    """« deux coups d'État » count coups, not blows; an area in square kilometres is no distance;
    the same nouns with another complement stay the noun alone."""
    got = read("Depuis 2020, deux coups d'État ont secoué le pays, et la concession couvre 120 kilomètres carrés. "
               "La commune a reçu 40 salles de classe et 3 coups de pouce.")
    units = {(v, u) for v, u, _ in got}
    assert {(2, "coup d'État"), (120, "km2"), (40, "salle de classe"), (3, "coup")} <= units
    assert (120, "km") not in units


def test_brigades_regiments_and_squadrons_are_units(read):
    got = read("Le décret crée sept brigades d'intervention, deux régiments blindés et quatre escadrons.")
    assert {(7, "unit"), (2, "unit"), (4, "unit")} <= {(v, u) for v, u, _ in got}


def test_those_who_passed_or_registered_are_counted_as_people(read):
    got = read("Au concours de la gendarmerie, 3 215 admis sur 40 120 inscrits ont été publiés.")
    assert {(3215, "person"), (40120, "person")} <= {(v, u) for v, u, _ in got}


def test_tractor_units_and_tanker_trucks_are_vehicles(read):
    got = read("Le convoi comptait 12 camions-citernes et 8 tracteurs venus du port de Lomé.")
    assert {(12, "vehicle"), (8, "vehicle")} <= {(v, u) for v, u, _ in got}


def test_kilogrammes_and_kilos_are_kg(read):
    got = read("Les douanes ont saisi 150 kilogrammes d'or et 12 kilos de cannabis à la frontière.")
    assert {(150, "kg"), (12, "kg")} <= {(v, u) for v, u, _ in got}
