"""Fact rules on turns of phrase of the press that the bundled articles do not use (sentences of our own)."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_equipment_received_without_a_count_is_a_delivery(cfg, tmp_path):
    facts = _facts(cfg, tmp_path, "avions", "Le lundi 3 mars 2025, les Forces armées maliennes ont réceptionné de "
                   "nouveaux avions de combat et des hélicoptères à Sévaré, en présence du chef d'état-major.")
    deliveries = [f for f in facts if f.kind == "delivery"]
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
    created = [f for f in facts if f.kind == "announcement"]
    assert created and created[0].action == "create", [(f.kind, f.action) for f in facts]
