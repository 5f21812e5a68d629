"""Fact rules on turns of phrase of the press that the bundled articles do not use (sentences of our own)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_project

from briefgen.core.config import load_config
from briefgen.extract import extract_paths

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cfg():
    return load_config(ROOT / "config" / "briefgen.yaml")


def _facts(cfg, tmp_path, name: str, body: str, date: str = "2025-03-05"):
    path = tmp_path / f"{date}-essai-{name}.txt"
    path.write_text(f"date {date}\noutlet essai\ntitle Essai\n\n{body}\n", encoding="utf-8")
    return [mf.fact for mf in extract_paths([path], cfg).facts]


def _of_kind(facts, kind: str):
    return [f for f in facts if f.kind == kind]


def test_equipment_received_without_a_count_is_a_delivery(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "avions", "Le lundi 3 mars 2025, les Forces armées maliennes ont réceptionné de "
                   "nouveaux avions de combat et des hélicoptères à Sévaré, en présence du chef d'état-major.")
    deliveries = _of_kind(facts, "delivery")
    assert deliveries and deliveries[0].date.start.isoformat() == "2025-03-03"
    assert "force_buildup" in deliveries[0].themes


def test_an_accord_denounced_is_an_announcement_that_ends_something(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "accord", "Le ministre des Mines, Amadou Sow, a dénoncé lundi 3 mars 2025 la "
                   "convention minière signée avec la Société des mines du Nord, un gisement aurifère de la région de Kayes.")
    ended = [f for f in facts if f.kind == "announcement" and f.action == "end"]
    assert ended, [(f.kind, f.action) for f in facts]
    assert "economic_ties" in ended[0].themes


def test_a_creation_announced_is_read_as_create(cfg, tmp_path):
    # the cues are matched against the folded sentence: « création » must read as « creation »
    facts = _facts(cfg, tmp_path, "creation", "Le ministre des Mines, Amadou Sow, a annoncé lundi 3 mars 2025 la "
                   "création de l'Agence nationale de recherche minière à Kayes.")
    created = _of_kind(facts, "announcement")
    assert created and created[0].action == "create", [(f.kind, f.action) for f in facts]


def test_a_construction_launched_by_a_state_is_an_announcement(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "usine", "Mardi 4 mars 2025, les autorités de la transition burkinabè ont entamé "
                   "à Ouagadougou la construction d'une raffinerie d'or.")
    found = _of_kind(facts, "announcement")
    assert found, [(f.kind, f.actors) for f in facts]
    assert found[0].actors == ("burkina-faso",) and found[0].places == ("ouagadougou",)
    assert found[0].action == "create" and found[0].date.start.isoformat() == "2025-03-04"


def test_a_first_stone_laid_by_a_person_is_an_announcement(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "pierre", "Le mardi 4 mars 2025, le ministre des Mines, Amadou Sow, a posé la "
                   "première pierre d'une usine de traitement du lithium à Bougouni.")
    found = _of_kind(facts, "announcement")
    assert found and found[0].places == ("bougouni",), [(f.kind, f.actors, f.places) for f in facts]


def test_another_stone_is_no_fact(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "pierres", "Le mardi 4 mars 2025, des enfants ont jeté une pierre sur un "
                   "camion à Bougouni.")
    assert not _of_kind(facts, "announcement")


def test_a_force_withdrawing_is_an_announcement_that_ends(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "retrait", "Le groupe paramilitaire russe Wagner a confirmé lundi 3 mars 2025 "
                   "son retrait du Mali.")
    found = _of_kind(facts, "announcement")
    assert found and found[0].actors == ("groupe-wagner",) and found[0].action == "end"
    assert "mali-country" in found[0].places


def test_a_budget_adopted_by_a_government_is_an_announcement(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "budget", "Le gouvernement malien a adopté un budget rectificatif qui augmente "
                   "les crédits de l'armée.")
    found = _of_kind(facts, "announcement")
    assert found and found[0].actors == ("mali",), [(f.kind, f.actors) for f in facts]


def test_a_nationalisation_by_a_government_is_an_announcement(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "nationalisation", "Depuis lundi, le gouvernement nigérien nationalise la "
                   "Compagnie minière du Ténéré (Comiten), détenue par des capitaux étrangers.")
    found = _of_kind(facts, "announcement")
    assert found and found[0].actors == ("niger",) and found[0].action == "end"
    assert found[0].objects, found[0]


def test_an_agreement_with_one_party_named_when_the_sentence_says_where(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "accord", "Un accord a été trouvé lundi 3 mars 2025 sur la mine aurifère de Sanbrado, "
                   "exploitée par Orezone Gold.")
    found = _of_kind(facts, "agreement")
    assert found and "orezone-gold" in found[0].actors, [(f.kind, f.actors) for f in facts]
    assert found[0].date.start.isoformat() == "2025-03-03"


def test_being_of_one_mind_is_no_agreement(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "daccord", "Le ministre Amadou Sow s'est dit d'accord avec la Banque mondiale "
                   "lundi 3 mars 2025 à Bamako.")
    assert not _of_kind(facts, "agreement")


def test_a_report_published_is_no_announcement(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "rapport", "Le gouvernement malien a publié lundi 3 mars 2025 un message de "
                   "condoléances à Bamako.")
    assert not _of_kind(facts, "announcement")


def test_two_parties_announcing_the_end_of_a_dispute_are_both_actors(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "differend", "Le gouvernement burkinabè et la société minière Orezone Gold ont "
                   "annoncé mardi 4 mars 2025 la fin de leur litige sur les redevances.")
    found = _of_kind(facts, "announcement")
    assert found and set(found[0].actors) == {"burkina-faso", "orezone-gold"} and found[0].action == "end"


def test_announcing_a_departure_names_who_leaves(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "depart", "Tchad : le groupe paramilitaire russe Wagner annonce son départ, "
                   "selon des sources sécuritaires.")
    found = _of_kind(facts, "announcement")
    assert found and found[0].actors == ("groupe-wagner",) and found[0].action == "end"


def test_a_relative_clause_launch_without_its_subject_is_no_fact(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "procedures", "De son côté, la société renonce aux recours miniers qu'elle avait "
                   "lancés à Paris et à Londres.")
    assert not _of_kind(facts, "announcement")


def test_an_investment_with_its_amount_is_an_announcement(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "invest", "La société Orezone Gold investira 40 millions de dollars dans la mine "
                   "de Sanbrado, a-t-on appris mardi 4 mars 2025.")
    found = _of_kind(facts, "announcement")
    assert found and found[0].actors == ("orezone-gold",), [(f.kind, f.actors) for f in facts]


def test_an_investment_without_an_amount_is_no_fact(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "invest2", "La société Orezone Gold veut investir davantage dans la mine "
                   "de Sanbrado, a-t-on appris mardi 4 mars 2025.")
    assert not _of_kind(facts, "announcement")


def test_a_delegation_s_departure_is_no_withdrawal(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "delegation", "La décision du Tchad survient lundi 3 mars 2025 après le départ "
                   "d'une délégation française venue discuter de sécurité à N'Djamena.")
    assert not [f for f in facts if f.kind == "announcement" and f.action == "end"]


@pytest.mark.parametrize("body", [
    "Le jeudi 6 mars 2025, les Forces armées maliennes ont accueilli un lot d'équipements militaires neufs, parmi "
    "lesquels des drones de reconnaissance.",
    "L'armée malienne a reçu, le 6 mars, de nouveaux vecteurs aériens payés sur fonds propres.",
])
def test_equipment_welcomed_or_received_on_a_given_day_is_a_delivery_to_the_receiver(cfg, tmp_path, body):
    facts = _facts(cfg, tmp_path, "accueil", body, date="2025-03-07")
    deliveries = _of_kind(facts, "delivery")
    assert deliveries and deliveries[0].date.start.isoformat() == "2025-03-06", [(f.kind, f.date) for f in facts]
    assert not deliveries[0].actors  # who receives is no supplier


def test_a_minister_received_by_a_general_is_still_a_meeting(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "audience", "Le chef d'état-major général des armées, le général Oumar Diarra, a "
                   "reçu le jeudi 6 mars 2025 l'ambassadeur de Chine, Chen Zhihong, à Bamako.", date="2025-03-07")
    assert {f.kind for f in facts} == {"meeting"}, [(f.kind, f.date) for f in facts]


def test_a_state_equipping_another_is_a_delivery_from_the_nearest_subject(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "equiper", "Dans le cadre de la coopération entre Ouagadougou et Ankara, la Turquie "
                   "a équipé le Burkina Faso d'un système de défense antiaérienne contre les groupes terroristes.")
    deliveries = _of_kind(facts, "delivery")
    assert deliveries, [(f.kind, f.actors) for f in facts]
    assert deliveries[0].actors and deliveries[0].counterparts
    assert not set(deliveries[0].actors) & set(deliveries[0].counterparts)
    assert "burkina" not in deliveries[0].actors[0]


@pytest.mark.parametrize("body", [
    "Le ministre de la Défense, Sadio Camara, a annoncé lundi 3 mars 2025 que ces blindés viennent renforcer "
    "les unités de Gao dans la lutte contre le terrorisme.",
    "Un détachement a rendu les honneurs au ministre de la Défense, Sadio Camara, lundi 3 mars 2025 à Kati, "
    "avant la formation des nouvelles recrues.",
])
def test_coming_to_do_something_or_rendering_honours_is_no_visit(cfg, tmp_path, body):
    facts = _facts(cfg, tmp_path, "auxiliaire", body)
    assert not _of_kind(facts, "visit"), [(f.kind, f.actors) for f in facts]
    # going somewhere is still a visit
    facts = _facts(cfg, tmp_path, "visite", "Le ministre de la Défense, Sadio Camara, s'est rendu lundi 3 mars 2025 "
                   "à Kati pour suivre la formation des nouvelles recrues.")
    assert _of_kind(facts, "visit"), [(f.kind, f.actors) for f in facts]


def test_medicines_donated_are_a_delivery_with_the_value_told_next(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "dons", "Lundi 3 mars 2025, l'ambassade de Chine a offert un lot de médicaments "
                   "à l'hôpital de Kati. Leur valeur est estimée à 150 millions de FCFA.\n\nLa ministre de la Santé "
                   "a salué ce geste.")
    deliveries = _of_kind(facts, "delivery")
    assert deliveries, [(f.kind, f.actors) for f in facts]
    assert (150000000, "XOF") in [(q.value, q.unit) for q in deliveries[0].quantities]


def test_a_sum_in_another_paragraph_is_not_the_delivery_s(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "dons2", "Lundi 3 mars 2025, l'ambassade de Chine a offert un lot de médicaments "
                   "à l'hôpital de Kati.\n\nLe budget de la santé atteint 150 millions de FCFA.")
    deliveries = _of_kind(facts, "delivery")
    assert deliveries and not [q for q in deliveries[0].quantities if q.unit == "XOF"]


def test_the_supplier_is_the_state_its_adjective_names(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "russes", "Des instructeurs russes sont arrivés à Niamey, qui a réceptionné "
                   "mercredi 5 mars 2025 sa première livraison de matériel militaire russe.\n\nLa coopération "
                   "entre la Russie et le Niger se renforce depuis un an.")
    deliveries = _of_kind(facts, "delivery")
    assert deliveries, [(f.kind, f.actors) for f in facts]
    assert deliveries[0].actors == ("russie",) and deliveries[0].counterparts == ("niger",)
    # the adjective of who receives (before « réceptionner ») is no supplier
    facts = _facts(cfg, tmp_path, "maliens", "Lundi 3 mars 2025, les soldats maliens ont réceptionné des drones "
                   "à Sévaré.\n\nLe Mali poursuit l'équipement de son armée.")
    deliveries = _of_kind(facts, "delivery")
    assert deliveries and "mali" not in deliveries[0].actors, [(f.kind, f.actors) for f in deliveries]


def test_who_acquires_receives(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "acquis", "Le Mali a acquis lundi 3 mars 2025 des drones turcs pour son armée de "
                   "l'air.\n\nLa Turquie est devenue un fournisseur d'armes de la région.")
    deliveries = _of_kind(facts, "delivery")
    assert deliveries, [(f.kind, f.actors) for f in facts]
    assert deliveries[0].counterparts == ("mali",) and deliveries[0].actors == ("turquie",)


@pytest.mark.parametrize("body", [
    "Le colonel Abdoulaye Maïga a déployé lundi 3 mars 2025 des soldats à Kati pour assurer la sécurité du "
    "ministre de la Défense, Sadio Camara, en pleine lutte contre le terrorisme.",
    "Le ministre de la Défense, Sadio Camara, était lundi 3 mars 2025 au camp de Kati, où la formation des "
    "recrues est assurée par des instructeurs.",
])
def test_ensuring_something_is_no_statement(cfg, tmp_path, body):
    facts = _facts(cfg, tmp_path, "assurer", body)
    assert not _of_kind(facts, "statement"), [(f.kind, f.actors) for f in facts]
    # asserting something still is
    facts = _facts(cfg, tmp_path, "assure", "Le ministre de la Défense, Sadio Camara, a assuré lundi 3 mars 2025 "
                   "que la formation des recrues reprendrait à Kati.")
    assert _of_kind(facts, "statement"), [(f.kind, f.actors) for f in facts]


def test_fuel_given_to_a_neighbour_is_a_delivery(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "carburant", "Samedi 1er mars 2025, le Niger a offert au Tchad un convoi de "
                   "camions-citernes chargés de carburant, escorté jusqu'à N'Djamena.\n\nLa pénurie touche les "
                   "importations de produits pétroliers du Tchad depuis un mois, selon le ministère du Commerce.")
    deliveries = _of_kind(facts, "delivery")
    assert deliveries, [(f.kind, f.actors) for f in facts]
    assert deliveries[0].actors == ("niger",) and deliveries[0].date.start.isoformat() == "2025-03-01"


def test_materiel_delivered_to_a_country_is_a_delivery_to_its_state(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "convoi", "Un long convoi de matériel russe livré au Tchad a traversé les "
                   "faubourgs de N'Djamena le 3 mars 2025. Il doit renforcer les capacités opérationnelles de l'armée."
                   "\n\nLa Russie renforce ainsi sa présence dans la région, selon plusieurs analystes.")
    deliveries = _of_kind(facts, "delivery")
    assert deliveries, [(f.kind, f.actors) for f in facts]
    assert deliveries[0].actors == ("russie",) and deliveries[0].counterparts == ("tchad",)


def test_goods_routed_from_a_country_are_a_delivery_from_there(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "acheminement", "Une centaine de véhicules blindés ont été acheminés depuis le "
                   "Cameroun et sont arrivés à N'Djamena le 3 mars 2025.")
    deliveries = _of_kind(facts, "delivery")
    assert deliveries, [(f.kind, f.actors) for f in facts]
    d = deliveries[0]
    assert d.origins == ("cameroun",) and "n-djamena" in d.places and "cameroun" not in d.counterparts
    assert [(q.value, q.unit, q.approximate) for q in d.quantities] == [(100, "vehicle", True)]
    assert d.date.start.isoformat() == "2025-03-03"


def test_goods_meant_for_a_state_offered_by_another(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "faveur", "Cette cargaison de matériel militaire en faveur du Tchad offerte par "
                   "le Cameroun a été convoyée jusqu'à N'Djamena samedi 1er mars 2025.")
    deliveries = _of_kind(facts, "delivery")
    assert deliveries, [(f.kind, f.actors) for f in facts]
    assert deliveries[0].actors == ("cameroun",) and deliveries[0].counterparts == ("tchad",)


def test_a_delivery_from_one_state_to_another_is_also_security_cooperation(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "etats", "Lundi 3 mars 2025, la Turquie a livré au Tchad six drones de combat "
                   "qui équiperont l'armée de l'air.")
    deliveries = _of_kind(facts, "delivery")
    assert deliveries and set(deliveries[0].themes) == {"force_buildup", "security_cooperation"}
    # received by the home forces from nobody named: the national forces' equipment alone
    facts = _facts(cfg, tmp_path, "forces", "Lundi 3 mars 2025, les Forces armées maliennes ont réceptionné six "
                   "drones de combat à Bamako.")
    deliveries = _of_kind(facts, "delivery")
    assert deliveries and deliveries[0].themes == ("force_buildup",)
    # a desk whose theme lists no kind between states: the cue words alone
    settings = copy_project(tmp_path / "desk")
    brief = settings.parent / "brief.yaml"
    brief.write_text(brief.read_text(encoding="utf-8").replace("    between_states: [delivery]", ""), encoding="utf-8")
    facts = _facts(load_config(settings), tmp_path, "etats2", "Lundi 3 mars 2025, la Turquie a livré au Tchad six "
                   "drones de combat qui équiperont l'armée de l'air.")
    assert _of_kind(facts, "delivery")[0].themes == ("force_buildup",)


def test_food_aid_received_is_a_delivery(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "ble", "Lundi 3 mars 2025 à N'Djamena, le gouvernement tchadien a reçu 25 000 tonnes "
                   "de blé offertes par la Russie au titre de leur coopération économique.")
    deliveries = _of_kind(facts, "delivery")
    assert deliveries, [(f.kind, f.actors) for f in facts]
    assert (25000, "tonne") in [(q.value, q.unit) for q in deliveries[0].quantities]


def test_an_embassy_reopened_is_an_announcement_that_resumes(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "ambassade", "Fermée depuis 1992, l'ambassade du Tchad à Moscou a été rouverte le "
                   "lundi 3 mars 2025, ce qui renforce la coopération militaire entre les deux pays.")
    found = _of_kind(facts, "announcement")
    assert found and found[0].action == "resume", [(f.kind, f.action) for f in facts]


def test_sanctions_on_people_and_on_states(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "sanc1", "Les États-Unis ont répondu hier en sanctionnant deux officiers "
                   "maliens, dont le colonel Sadio Camara.")
    (s,) = _of_kind(facts, "sanction")
    assert s.actors == ("united-states",) and "sadio-camara" in s.targets
    facts = _facts(cfg, tmp_path, "sanc2", "La CEDEAO a levé les sanctions contre le Niger le 24 février 2024.")
    (s,) = _of_kind(facts, "sanction")
    assert s.actors == ("cedeao",) and s.targets == ("niger",)
    assert (s.date.start.isoformat(), s.date.precision) == ("2024-02-24", "day")


def test_a_sanction_on_people_named_only_by_their_nationality_targets_their_state(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "sanc4", "Le Mali au cœur de la crise. Les États-Unis ont réagi en sanctionnant "
                   "quatre hauts fonctionnaires maliens pour leur rôle dans l'arrivée de mercenaires étrangers.")
    (s,) = _of_kind(facts, "sanction")
    assert s.actors == ("united-states",) and s.targets == ("mali",), (s.actors, s.targets)
    # the sanctioned people's assets « aux États-Unis » are where they are, not the event's place
    facts = _facts(cfg, tmp_path, "sanc5", "Les États-Unis sanctionnent trois ministres maliens. Leurs avoirs aux "
                   "États-Unis sont gelés.")
    assert all("united-states" not in f.places for f in facts), [(f.kind, f.places) for f in facts]


def test_a_sanction_s_author_named_in_the_next_sentence(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "sanc3", "Ces sanctions frappent deux gradés : le colonel Sadio Camara et le "
                   "colonel Adama Bagayoko. Washington les accuse d'aider Wagner.")
    (s,) = _of_kind(facts, "sanction")
    assert s.actors == ("united-states",) and {"sadio-camara", "adama-bagayoko"} <= set(s.targets)


def test_new_equipment_shown_to_the_troops_is_a_delivery(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "presentes", "Quatre hélicoptères de transport flambant neufs ont été présentés "
                   "aux équipages de la base aérienne de Sévaré par le général Moussa Keïta, au terme d'une longue "
                   "attente, le vendredi 28 février 2025.")
    deliveries = _of_kind(facts, "delivery")
    assert deliveries, [(f.kind, f.date) for f in facts]
    assert deliveries[0].date.start.isoformat() == "2025-02-28"
    # something else presented is no delivery, even where equipment is named
    facts = _facts(cfg, tmp_path, "bilan", "Le gouvernement a présenté vendredi 28 février 2025 aux députés le "
                   "bilan de la loi de programmation, qui prévoyait l'achat de véhicules blindés.")
    assert not _of_kind(facts, "delivery"), [(f.kind, f.date) for f in facts]


def test_a_date_opening_the_sentence_dates_its_event(cfg, tmp_path):
    # « En décembre 2024, » frames the whole sentence, however far the handover's word comes
    # (not the day of the delivery told just before)
    facts = _facts(cfg, tmp_path, "cadre", "Le lundi 3 mars 2025, les Forces armées maliennes ont réceptionné "
                   "à Gao un nouveau lot de véhicules blindés. En décembre 2024, bien avant la cérémonie de Gao et "
                   "sous la conduite du même officier général, les soldats du camp de Sévaré avaient déjà "
                   "réceptionné dix véhicules blindés.", date="2025-03-05")
    dates = {(f.date.start.isoformat(), f.date.precision) for f in _of_kind(facts, "delivery")}
    assert dates == {("2025-03-03", "day"), ("2024-12-01", "month")}, dates


def test_the_lead_is_dated_by_the_day_after_its_main_verb(cfg, tmp_path):
    # no rule reads « passer en revue »: the lead proposes the fact, dated by what it writes after
    # its verb, however long its subject
    facts = _facts(cfg, tmp_path, "revue", "Le chef de l'État burkinabè, le capitaine Ibrahim Traoré, entouré de "
                   "plusieurs ministres et de l'état-major au complet, a passé en revue le 9 janvier dernier les "
                   "nouvelles unités de l'armée burkinabè à Ouagadougou.\\n\\nCes unités renforceront la lutte "
                   "contre les groupes armés dans le nord du pays.", date="2025-01-20")
    lead = [f for f in facts if f.kind == "other"]
    assert lead, [(f.kind, f.date) for f in facts]
    assert lead[0].date.start.isoformat() == "2025-01-09", lead[0].date


@pytest.mark.parametrize("body", [
    "Le gouvernement malien a décidé le lundi 3 mars 2025 de bloquer les exportations d'or brut vers Dubaï.",
    "Mardi 4 mars 2025, les autorités burkinabè ont suspendu les achats de coton auprès des sociétés ivoiriennes.",
    "Le Niger interdit depuis le mercredi 5 mars 2025 le passage de ses camions-citernes par le port de Cotonou.",
])
def test_a_state_blocking_suspending_or_banning_something_is_its_decision(cfg, tmp_path, body):
    decided = [f for f in _facts(cfg, tmp_path, "mesure", body) if f.kind == "announcement"]
    assert decided, [(f.kind, f.actors) for f in _facts(cfg, tmp_path, "mesure", body)]
    assert decided[0].action == "suspend" and decided[0].actors[:1] in (("mali",), ("burkina-faso",), ("niger",))


def test_a_ban_that_no_state_or_body_decides_is_no_fact(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "reglement", "Selon le règlement du stade, il est interdit d'introduire des "
                   "fumigènes dans les tribunes lors des matchs.")
    assert not [f for f in facts if f.kind == "announcement"], [(f.kind, f.actors) for f in facts]


def test_crude_loaded_on_a_tanker_is_a_delivery_and_two_outlets_tell_one(cfg, tmp_path):
    first = tmp_path / "2025-03-10-essai-petrolier.txt"
    first.write_text("date 2025-03-10\noutlet essai\ntitle Essai\n\nLe pétrolier Nordic Star a chargé le samedi "
                     "8 mars 2025 au terminal de Sèmè-Podji 950 000 barils de pétrole brut nigérien, destinés à "
                     "une raffinerie indienne.\n", encoding="utf-8")
    second = tmp_path / "2025-03-12-autre-petrolier.txt"
    second.write_text("date 2025-03\noutlet autre\ntitle Autre\n\nUne nouvelle cargaison est partie du Bénin : "
                      "le samedi 8 mars 2025, 950 000 barils de brut du Niger ont été chargés à Sèmè-Podji sur "
                      "le Nordic Star.\n", encoding="utf-8")
    facts = [mf.fact for mf in extract_paths([first, second], cfg).facts]
    deliveries = _of_kind(facts, "delivery")
    assert len(deliveries) == 1, [(f.kind, f.date, [e.source for e in f.evidence]) for f in facts]
    assert {e.source for e in deliveries[0].evidence} == {first.stem, second.stem}
    assert deliveries[0].date.start.isoformat() == "2025-03-08"


def test_an_envoy_recalled_is_a_decision_something_recalled_in_words_is_not(cfg, tmp_path):
    recalled = _of_kind(_facts(cfg, tmp_path, "rappel", "Le lundi 3 mars 2025, le Niger a rappelé son "
                               "ambassadeur en poste à Abuja pour consultations."), "announcement")
    assert recalled and recalled[0].action == "suspend" and recalled[0].actors[:1] == ("niger",), recalled
    said = _facts(cfg, tmp_path, "rappel2", "Le lundi 3 mars 2025, le ministre nigérien de la Défense a rappelé "
                  "que les frontières resteraient fermées.")
    assert not _of_kind(said, "announcement"), [(f.kind, f.action) for f in said]


def test_a_date_in_a_relative_clause_after_the_trigger_dates_that_clause(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "relative", "Le Mali a annoncé la fermeture de son consulat à Tamanrasset, "
                   "ville d'un pays dont l'aviation a survolé le samedi 1er mars 2025 une base de l'armée.",
                   date="2025-03-12")
    closed = _of_kind(facts, "announcement")
    assert closed, [(f.kind, f.date) for f in facts]
    assert closed[0].date.start.isoformat() != "2025-03-01" and closed[0].date.precision == "week", closed[0].date


def _results(tmp_path, day: str, **texts: str):
    """Extraction results of short articles written for a test, by name, in a copy of the bundled settings."""
    cfg = load_config(copy_project(tmp_path / "p"))
    src = tmp_path / "s"
    src.mkdir()
    for name, body in texts.items():
        (src / f"{name}.txt").write_text(f"date {day}\noutlet journal-du-sahel\n\n{body}\n", encoding="utf-8")
    return extract_paths([src], cfg, warn=lambda m: None).results


def test_funds_raised_on_a_market_are_a_fact_an_embargo_lifted_is_none(tmp_path):
    res = _results(tmp_path, "2025-09-02",
                   a="Le gouvernement nigérien va lever 30 milliards de francs CFA ce jeudi 4 septembre 2025 sur le "
                     "marché régional. L'émission porte sur des Obligations assimilables du Trésor (OAT) à cinq ans.",
                   b="La CEDEAO va lever l'embargo sur le Niger ce jeudi 4 septembre 2025.")
    a = [c for c in res["a"].candidates if c.kind == "announcement"]
    assert a and a[0].date.start.isoformat() == "2025-09-04" and "economic_ties" in a[0].themes
    assert not any(e.entity.startswith("obligations") for e in res["a"].mentions)
    assert not [c for c in res["b"].candidates if c.kind == "announcement" and "economic_ties" in c.themes]


def test_enrolment_for_passports_is_no_recruitment(tmp_path):
    res = _results(tmp_path, "2025-10-28",
                   a="Le ministre de la Sécurité a lancé lundi à Bamako la délivrance du nouveau passeport biométrique. "
                     "La salle compte douze postes d'enrôlement pour accueillir les demandeurs.",
                   b="L'armée a ouvert lundi à Kati l'enrôlement de 2 000 jeunes volontaires.")
    assert not [c for c in res["a"].candidates if c.kind == "recruitment"]
    assert [c for c in res["b"].candidates if c.kind == "recruitment"]


def test_what_a_statement_is_about_does_not_speak(tmp_path):
    res = _results(tmp_path, "2024-01-31",
                   a="Le président a reçu mardi à Bamako un émissaire venu d'Ankara. Concernant les États-Unis, le "
                     "visiteur a dit comprendre leurs raisons.")
    said = [c for c in res["a"].candidates if c.kind == "statement"]
    assert not any("united-states" in c.actors for c in said)


def test_an_army_receiving_materiel_is_a_delivery_not_a_meeting(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "lot", "Le lundi 3 mars 2025, la Garde nationale a reçu un lot de matériel "
                   "et de munitions à Kati, devant le chef d'état-major.")
    assert _of_kind(facts, "delivery") and not _of_kind(facts, "meeting")


def test_a_closure_is_an_announcement(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "base", "Le lundi 3 mars 2025, l'armée française a fermé sa base de Gao, "
                   "a indiqué l'état-major.")
    assert _of_kind(facts, "announcement")


def test_the_speaker_after_an_inverted_verb_of_saying(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "port", "Le port de Lomé restera ouvert aux camions maliens, a déclaré lundi le "
                   "ministère des Transports.")
    said = _of_kind(facts, "statement")
    assert said and "ministere-des-transports" in said[0].actors


def test_a_lead_does_not_take_the_date_of_the_background_after_it(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "port", "Le Togo a livré 40 camions-citernes au Niger pour le transport du "
                   "carburant.\nLe mois dernier, le Niger avait reçu 20 bus de la Turquie.", date="2024-06")
    trucks = [f for f in _of_kind(facts, "delivery") if any(q.value == 40 for q in f.quantities)]
    assert trucks and trucks[0].date.start.isoformat() == "2024-06-01", [(f.id, f.date) for f in facts]
