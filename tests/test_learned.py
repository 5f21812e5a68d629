"""The learned part of theme classification (briefgen.extract.learned): a real spaCy training run
on sentences written for this test, the shipped model on clear sentences, the fall back to cue
words when the model is missing or unusable, and ``briefgen train``."""

from __future__ import annotations

import logging
import shutil

import pytest
import yaml
from conftest import ROOT, copy_project

from briefgen.cli import main
from briefgen.core.config import load_config
from briefgen.extract import extract_paths, learned, rules
from briefgen.extract import nlp as nlp_mod

THEMES = ("security_cooperation", "economic_ties", "force_buildup")

TRAIN = {
    "force_buildup": [
        "L'armée a recruté deux mille jeunes soldats qui suivront six mois de formation militaire.",
        "Les nouvelles recrues ont rejoint le camp d'instruction pour leur formation de base.",
        "L'état-major a reçu des blindés et des hélicoptères pour équiper les unités de l'armée.",
        "Une nouvelle promotion d'élèves officiers est sortie de l'école militaire.",
        "Le recrutement de volontaires pour renforcer l'armée commence la semaine prochaine.",
        "Les soldats formés au camp rejoindront les bataillons de l'armée de terre.",
    ],
    "economic_ties": [
        "La société minière a signé une convention pour exploiter le gisement d'or du pays.",
        "Les investisseurs étrangers financeront une centrale solaire et une raffinerie d'or.",
        "Le commerce entre les deux pays a progressé grâce aux exportations de coton et d'or.",
        "La chambre de commerce a réuni des investisseurs autour des projets miniers.",
        "L'État percevra des redevances sur chaque tonne d'or exportée par la société minière.",
        "Un forum économique a attiré des entreprises venues investir dans l'énergie.",
    ],
    "security_cooperation": [
        "Les deux gouvernements ont signé un accord de coopération militaire contre le terrorisme.",
        "Le pays a demandé le départ des troupes étrangères et la fin de l'accord de défense.",
        "Les partenaires partagent le renseignement pour lutter contre les groupes terroristes.",
        "Des sanctions visent les chefs jihadistes accusés d'attaques contre les civils.",
        "La mission de maintien de la paix des casques bleus quittera le pays à la fin de l'année.",
        "Les ministres ont parlé de sécurité et de la lutte contre le terrorisme dans la région.",
    ],
    "": [
        "Le festival de musique a réuni des milliers de spectateurs autour des artistes.",
        "L'équipe nationale de football a gagné son match au stade devant ses supporters.",
        "La troupe de théâtre a joué sa nouvelle pièce pendant la semaine de la culture.",
        "Le concert de danse traditionnelle a clôturé le festival des arts et de la culture.",
    ],
}
HELD_OUT = {
    "force_buildup": "Cinq cents recrues commencent leur formation militaire au camp de l'armée.",
    "economic_ties": "Une société minière va investir dans une nouvelle mine d'or et payer des redevances.",
    "security_cooperation": "Les deux pays renforcent leur coopération militaire contre les groupes terroristes.",
}


def _articles(data: dict[str, list[str]]) -> list[learned.Article]:
    return [learned.Article(f"{theme or 'none'}-{i}", text, frozenset({theme} - {""}))
            for theme, texts in data.items() for i, text in enumerate(texts)]


@pytest.fixture(scope="module")
def cfg(tmp_path_factory):
    return load_config(copy_project(tmp_path_factory.mktemp("learned")))


@pytest.fixture(autouse=True)
def _fresh_models():
    """Each test sees the models as they are on disk now (the module keeps them per process)."""
    learned._LOADED.clear()
    learned._WARNED.clear()
    yield
    learned._LOADED.clear()
    learned._WARNED.clear()


def test_training_on_a_few_sentences_learns_their_themes(tmp_path):
    model = learned.train_model(_articles(TRAIN), THEMES, epochs=15)
    pipe = model.get_pipe(learned.PIPE)
    for theme, text in HELD_OUT.items():
        probs = dict(zip(pipe.labels, pipe.predict([model.make_doc(text)])[0]))
        assert max(probs, key=probs.get) == theme, (text, probs)
    model.to_disk(tmp_path / "m", exclude=["tokenizer"])
    again = learned.load_model(tmp_path / "m")
    assert again.labels == THEMES
    text = HELD_OUT["economic_ties"]
    assert again.probs(model.make_doc(text)) == pytest.approx(
        dict(zip(pipe.labels, map(float, pipe.predict([model.make_doc(text)])[0]))))


def test_training_is_deterministic():
    a = learned.train_model(_articles(TRAIN), THEMES, epochs=3)
    b = learned.train_model(_articles(TRAIN), THEMES, epochs=3)
    assert a.get_pipe(learned.PIPE).model.to_bytes() == b.get_pipe(learned.PIPE).model.to_bytes()


def test_folds_keep_same_event_groups_together():
    arts = [learned.Article(f"a{i}", "", frozenset({THEMES[i % 3]}), "g" if i in (1, 4, 7) else None)
            for i in range(12)]
    fold = learned.folds(arts, 4)
    assert len({fold[1], fold[4], fold[7]}) == 1
    assert set(fold) == {0, 1, 2, 3}


CLEAR = [
    ("force_buildup", "L'armée a lancé le recrutement de trois mille jeunes soldats ; après six mois de formation "
                      "militaire au camp d'instruction, les nouvelles recrues rejoindront les unités du front."),
    ("force_buildup", "Le ministère de la Défense a réceptionné de nouveaux drones, des hélicoptères de combat et "
                      "des blindés pour équiper les forces armées nationales."),
    ("economic_ties", "La société minière exploitera le gisement d'or et versera des redevances à l'État ; l'usine "
                      "doit produire plusieurs tonnes de lingots par an pour l'exportation."),
    ("economic_ties", "Les deux pays ont signé un accord commercial pour développer les investissements, l'énergie "
                      "solaire et les échanges entre leurs chambres de commerce."),
    ("security_cooperation", "Le gouvernement a dénoncé l'accord de coopération militaire avec la France et exigé "
                             "le départ des troupes étrangères engagées contre les groupes terroristes."),
]


def test_the_shipped_model_loads_and_reads_clear_sentences(cfg):
    assert learned.model_dir(cfg) == learned.PACKAGED
    model = learned.model_for(cfg)
    assert model is not None and set(model.labels) == set(cfg.theme_ids())
    nlp = nlp_mod.load(cfg)
    for theme, text in CLEAR:
        probs = model.probs(nlp(text))  # the main pipeline's Doc, as extraction gives it
        assert max(probs, key=probs.get) == theme, (text, probs)


def _themes(cfg) -> set[str]:
    return {t for mf in extract_paths([cfg.sources_dir], cfg).facts for t in mf.fact.themes}


def test_a_missing_model_leaves_themes_to_the_cue_words(tmp_path, monkeypatch, caplog):
    cfg = load_config(copy_project(tmp_path))
    monkeypatch.setattr(learned, "PACKAGED", tmp_path / "no-model")
    with caplog.at_level(logging.WARNING, logger="briefgen"):
        assert learned.model_for(cfg) is None
        assert learned.model_for(cfg) is None
        assert _themes(cfg) == set(THEMES)  # extraction still runs, themes from the cue words
    warnings = [r.getMessage() for r in caplog.records if "theme model" in r.getMessage()]
    assert len(warnings) == 1 and "missing" in warnings[0] and "briefgen train" in warnings[0]


def test_a_corrupt_model_warns_once_and_extraction_goes_on(tmp_path, caplog):
    cfg = load_config(copy_project(tmp_path))
    own = learned.desk_model_dir(cfg)
    shutil.copytree(learned.PACKAGED, own)
    (own / learned.PIPE / "model").write_bytes(b"not a model")
    assert learned.model_dir(cfg) == own
    with caplog.at_level(logging.WARNING, logger="briefgen"):
        assert learned.article_probs(nlp_mod.load(cfg)("Le Mali recrute des soldats."), cfg) is None
        assert _themes(cfg) == set(THEMES)
    warnings = [r.getMessage() for r in caplog.records if "theme model" in r.getMessage()]
    assert len(warnings) == 1 and "unreadable" in warnings[0]


def test_a_model_for_other_themes_is_not_used(tmp_path, caplog):
    cfg = load_config(copy_project(tmp_path))
    other = learned.train_model(_articles({"weather": TRAIN["economic_ties"], "": TRAIN[""]}), ("weather",), epochs=1)
    learned.desk_model_dir(cfg).parent.mkdir()
    other.to_disk(learned.desk_model_dir(cfg), exclude=["tokenizer"])
    with caplog.at_level(logging.WARNING, logger="briefgen"):
        assert learned.model_for(cfg) is None
    assert any("trained for the themes weather" in r.getMessage() for r in caplog.records)


def test_train_help_explains(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["train", "--help"])
    assert exc.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    for words in ("--gold DIR", "--texts DIR", "--out DIR", "cross-validated", "distractor", "split: test",
                  "same seed: same model"):
        assert words in out, words


def _desk_article(folder, sid, text):
    (folder / f"{sid}.txt").write_text(f"date 2025-07-1{len(sid) % 9}\noutlet test\n\n{text}\n", encoding="utf-8")


def test_briefgen_train_cross_validates_and_writes_a_model_extraction_then_uses(tmp_path, capsys):
    cfg_path = copy_project(tmp_path)
    texts, gold = tmp_path / "texts", tmp_path / "gold"
    texts.mkdir()
    gold.mkdir()
    for theme, sentences in TRAIN.items():
        for i in range(0, len(sentences), 2):
            sid = f"2025-07-{theme or 'distractor'}-{i}".replace("_", "-")
            _desk_article(texts, sid, " ".join(sentences[i:i + 2]))
            (gold / f"{sid}.yaml").write_text(yaml.safe_dump(
                {"source": sid, "topic": theme or "distractor", "themes": [theme] if theme else []}), encoding="utf-8")
    (gold / "secret.yaml").write_text("source: secret\nsplit: test\nthemes: [economic_ties]\n", encoding="utf-8")
    out = tmp_path / "models" / "themes"
    code = main(["train", "--config", str(cfg_path), "--gold", str(gold), "--texts", str(texts), "--folds", "3"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "3-fold cross-validation over 11 article(s) (2 distractors)" in printed
    for name in ("cue words", "classifier", "combined"):
        assert name in printed
    assert (out / "meta.json").is_file()
    cfg = load_config(cfg_path)
    assert learned.model_dir(cfg) == out  # the desk's own model now comes first
    assert set(learned.model_for(cfg).labels) == set(THEMES)
    assert ROOT not in out.parents


MINE = ("Lundi à Kangaba, le ministre des Mines a signé avec la société Kobada Gold un accord d'exploitation, "
        "sous la garde des forces de sécurité.")
MINE_MORE = ("La société minière exploitera le gisement d'or pendant douze ans et versera des redevances à l'État. "
             "Les investisseurs financeront aussi une centrale solaire pour l'usine, et la chambre de commerce salue "
             "un projet qui fera progresser les exportations d'or.\n\nLe commerce de l'or et les exportations du pays "
             "progresseront, selon les investisseurs, grâce aux redevances versées par la société minière.")
WAR_MORE = ("Les deux gouvernements ont signé un accord de coopération militaire contre le terrorisme. Les partenaires "
            "partagent le renseignement pour lutter contre les groupes terroristes et les chefs jihadistes.")


@pytest.fixture(scope="module")
def desk_with_model(tmp_path_factory):
    """A copy of the project whose own theme model was trained on the sentences above."""
    cfg = load_config(copy_project(tmp_path_factory.mktemp("veto")))
    model = learned.train_model(_articles(TRAIN), THEMES, epochs=15)
    learned.desk_model_dir(cfg).parent.mkdir(exist_ok=True)
    model.to_disk(learned.desk_model_dir(cfg), exclude=["tokenizer"])
    return cfg


def _agreement_themes(cfg, folder, more: str) -> tuple[tuple[str, ...], dict[str, float]]:
    folder.mkdir()
    (folder / "2025-03-04-test-kangaba.txt").write_text(f"date 2025-03-04\noutlet test\n\n{MINE}\n\n{more}\n",
                                                        encoding="utf-8")
    ex = extract_paths([folder], cfg)
    (src,) = ex.sources.values()
    probs = learned.article_probs(nlp_mod.load(cfg)(nlp_mod.mask_header(nlp_mod.normalize(src.text))), cfg)
    (fact,) = [mf.fact for mf in ex.facts if "Kangaba" in mf.fact.evidence[0].text]
    return tuple(fact.themes), probs


def test_a_cue_word_the_classifier_finds_foreign_to_the_article_gives_way_to_its_likeliest_theme(
        desk_with_model, tmp_path):
    from briefgen.extract.rules import theme_scores

    assert set(theme_scores(desk_with_model, MINE)) == {"security_cooperation"}  # « sécurité » is its only cue
    themes, probs = _agreement_themes(desk_with_model, tmp_path / "mine", MINE_MORE)
    assert probs["security_cooperation"] < learned.VETO < probs["economic_ties"]
    assert themes == ("economic_ties",)


def test_the_same_cue_in_an_article_about_its_theme_keeps_it(desk_with_model, tmp_path):
    themes, probs = _agreement_themes(desk_with_model, tmp_path / "war", WAR_MORE)
    assert probs["security_cooperation"] >= learned.VETO
    assert themes == ("security_cooperation",)


def _facts_of(cfg, folder, sid: str, text: str):
    folder.mkdir()
    (folder / f"{sid}.txt").write_text(f"date 2025-03-04\noutlet test\n\n{text}\n", encoding="utf-8")
    ex = extract_paths([folder], cfg)
    (src,) = ex.sources.values()
    probs = learned.article_probs(nlp_mod.load(cfg)(nlp_mod.mask_header(nlp_mod.normalize(src.text))), cfg)
    return [mf.fact for mf in ex.facts], probs


def test_an_article_about_a_theme_where_no_rule_fires_still_proposes_its_lead(desk_with_model, tmp_path):
    text = ("La société minière Kobada Gold exploitera le gisement d'or de Kangaba pendant douze ans.\n\n"
            "Les lingots partiront vers l'exportation, et l'État percevra des redevances sur chaque tonne d'or "
            "vendue. Des investisseurs étrangers financeront aussi une centrale solaire pour l'usine.")
    facts, probs = _facts_of(desk_with_model, tmp_path / "lead", "2025-03-04-test-kangaba-lead", text)
    assert max(probs, key=probs.get) == "economic_ties" and probs["economic_ties"] >= learned.LEAD
    (fact,) = facts  # no rule reads these sentences: "other" is a kind no rule proposes
    assert fact.kind == "other" and fact.themes == ("economic_ties",)
    assert fact.evidence[0].text.startswith("La société minière Kobada Gold exploitera")
    assert "kangaba" in fact.places and fact.actors  # the company, as a new entity
    assert (fact.date.start.isoformat(), fact.date.precision) == ("2025-03-03", "week")  # the dateline's week


def test_an_article_about_no_theme_gets_no_lead(desk_with_model, tmp_path):
    text = ("L'équipe nationale de football a battu le Ghana au stade devant des milliers de supporters.\n\n"
            "Le festival de musique a réuni les artistes et la troupe de théâtre a joué sa nouvelle pièce.")
    facts, probs = _facts_of(desk_with_model, tmp_path / "match", "2025-03-04-test-match", text)
    assert max(probs.values()) < learned.LEAD
    assert not [f for f in facts if f.themes]


def test_a_lead_no_rule_reads_is_proposed_beside_the_facts_found_further_down(desk_with_model, tmp_path):
    text = ("La société minière Kobada Gold exploitera le gisement d'or de Kangaba pendant douze ans.\n\n"
            "Les lingots partiront vers l'exportation, et l'État percevra des redevances sur chaque tonne d'or "
            "vendue. Des investisseurs étrangers financeront aussi une centrale solaire pour l'usine.\n\n"
            "Le 2 mars, le Mali et la Chine ont signé à Bamako un accord de coopération minière.")
    facts, probs = _facts_of(desk_with_model, tmp_path / "lead2", "2025-03-04-test-kangaba-lead2", text)
    assert probs["economic_ties"] >= learned.LEAD
    kinds = {f.kind: f for f in facts if f.themes}
    assert {"other", "agreement"} <= set(kinds)
    assert kinds["other"].evidence[0].text.startswith("La société minière Kobada Gold exploitera")
    # a lead that gives a fact itself gets no second one
    text = "Le 2 mars, le Mali et la Chine ont signé à Bamako un accord de coopération minière.\n\n" + text
    facts, _ = _facts_of(desk_with_model, tmp_path / "lead3", "2025-03-04-test-kangaba-lead3", text)
    assert not [f for f in facts if f.kind == "other"]


# An army's football tournament, written for this test: the minister of defence, the army's
# branches and soldiers are there, but the story is sport (config/brief.yaml ``off_topic``).
ARMY_TOURNAMENT = """date 2025-06-14
outlet sahel-eco
title L'armée fête son tournoi de football

Le ministre de la Défense, le général Sadio Camara, a présidé samedi 14 juin 2025 au stade du 26 mars de Bamako la finale du tournoi de football des forces armées, qui réunissait les équipes de l'armée de terre, de la gendarmerie, de la garde nationale et de l'armée de l'air.
L'équipe de la garde nationale s'est imposée aux tirs au but devant des milliers de supporters en tenue militaire.
Le meilleur joueur du tournoi, un sergent de la gendarmerie, a reçu un trophée et une médaille des mains du ministre.
Selon les organisateurs, ce championnat renforce la cohésion des unités et le moral des soldats engagés sur le terrain.
L'orchestre de l'armée a animé la cérémonie de clôture avant un concert de musique mandingue.
"""

# The same kind of story told in the words of the pitch alone (« coupe », « finale », « buts »,
# « ballon », « arbitre »), without « football », « match » or « tournoi »; written for this test.
ARMY_CUP = """date 2025-09-20
outlet sahel-eco
title La coupe des armées reprend

Le chef d'état-major général des armées, le général Moussa Diallo, a donné vendredi 19 septembre 2025 le coup d'envoi de la coupe des armées au camp Guillaume Ouédraogo de Ouagadougou.
Pour la rencontre d'ouverture, les sapeurs-pompiers ont battu la gendarmerie par quatre buts à deux.
L'arbitre a sifflé deux penalties et le ballon du coup d'envoi a été offert par le chef d'état-major.
La finale de la coupe est prévue en décembre, après les demi-finales entre les équipes des régions militaires.
"""


# A domestic criminal court's session, written for this test: sums owed to the state and a case of
# military equipment purchases are named, but the story is the verdicts (« accusés »,
# « condamnations », « acquittements »…).
COURT_SESSION = """date 2025-11-08
outlet sahel-eco
title Fin de session pour la cour d'assises de Kayes

La session ordinaire de la cour d'assises de Kayes s'est achevée vendredi 7 novembre 2025 après trois semaines d'audiences consacrées aux détournements de fonds publics.
Sur les 40 accusés appelés à la barre, la cour a prononcé 14 condamnations à des peines de réclusion, 9 condamnations avec sursis et 17 acquittements.
Les accusés condamnés devront reverser au Trésor public plus de 12 milliards de francs CFA, a indiqué le procureur, qui a requis l'emprisonnement ferme pour les principaux prévenus.
Le dossier relatif à l'achat d'équipements militaires et de véhicules blindés pour l'armée a été renvoyé à la prochaine session, faute de pièces suffisantes.
Le bâtonnier a salué la tenue des plaidoiries et rappelé que chaque verdict doit rester fondé sur les preuves versées aux débats.
"""


@pytest.mark.parametrize("text, theme", [(ARMY_TOURNAMENT, "force_buildup"), (ARMY_CUP, None),
                                         (COURT_SESSION, "force_buildup")],
                         ids=["tournament", "cup", "court"])
def test_a_story_dense_in_off_topic_words_proposes_no_fact_under_a_theme(tmp_path, text, theme):
    """The army's football tournament names the minister and every branch of the army, so the
    cue words alone file its lead under force build-up; the brief's ``off_topic`` words (sport,
    culture) are 1.5 % and more of its words and the classifier is unsure: no theme. A desk that
    lists no such words gets the fact back. The cup told in the pitch's words alone reaches the
    share too (the classifier trained on 326 dev articles also finds it about no theme, so its fact
    does not come back without the words: ``theme`` None). A criminal court's session, where the
    cue words file a case of equipment purchases under force build-up, reaches it with the verdicts'
    words (« accusés », « condamnations », « acquittements »)."""
    cfg_path = copy_project(tmp_path / "desk")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "cup.txt").write_text(text, encoding="utf-8")
    cfg = load_config(cfg_path)
    assert not [mf for mf in extract_paths([tmp_path / "in"], cfg).facts if mf.fact.themes]
    doc = next(nlp_mod.parse_all(nlp_mod.load(cfg), [text.split("\n\n", 1)[1]]))
    assert rules.off_topic(doc, cfg, None)

    brief = cfg_path.parent / "brief.yaml"
    data = yaml.safe_load(brief.read_text(encoding="utf-8"))
    data["off_topic"] = []
    brief.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    bare = load_config(cfg_path)
    assert not rules.off_topic(doc, bare, None)
    if theme is not None:
        themed = [mf.fact for mf in extract_paths([tmp_path / "in"], bare).facts if mf.fact.themes]
        assert themed and themed[0].themes == (theme,)
