"""Write and update facts/<ISO week>.yaml from extraction without ever losing analyst content.

Rules of the review loop:
- an extracted fact matches an existing one when they share an id, when any of their evidence
  spans overlap (same article, overlapping characters), or when the existing fact lists the id
  under ``merged`` (see the README: an analyst merges two facts by moving the evidence of one
  into the other and deleting it — evidence matching then sends re-extracted reports to the
  survivor);
- a matched fact always keeps its id, status, text, notes, key point, key figure, credibility
  and quote translations; new evidence is added to it;
- its machine fields (kind, themes, date, references, quantities, conflicts, quote text) are
  refreshed only while it is ``proposed`` and unedited since briefgen last wrote it (a hash per
  fact is kept in the cache folder); an approved, rejected or edited fact is never rewritten;
- facts extraction no longer finds are kept; unmatched new facts are appended as ``proposed``;
- the file is validated with briefgen.facts.load before it atomically replaces the old one; nothing
  is written when nothing changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import yaml

from ..core.config import Config
from ..core.errors import BriefgenError, ConfigError
from ..core.files import write_atomic
from ..core.weeks import week_of
from .contract import MACHINE_KEYS, yaml_form
from .load import load_fact_file
from .model import Fact

STATE_FILE = "review-state.json"


@dataclass(frozen=True, slots=True)
class WeekUpdate:
    """What one run did to one week's fact file."""

    week: str
    path: Path
    added: int
    updated: int
    kept: int
    written: bool


def fact_to_dict(fact: Fact, cfg: Config) -> dict:
    """The fact file form of an extracted fact (see ``contract.yaml_form``)."""
    return yaml_form(fact, cfg.entities)


def machine_hash(d: dict) -> str:
    data = {k: d.get(k) for k in MACHINE_KEYS}
    data["quote"] = {k: v for k, v in (d.get("quote") or {}).items() if k != "translations"}
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _overlaps(a: dict, b: dict) -> bool:
    for x in a.get("evidence") or []:
        for y in b.get("evidence") or []:
            if x.get("source") == y.get("source") and x.get("start", 0) < y.get("end", 0) and \
                    y.get("start", 0) < x.get("end", 0):
                return True
    return False


def _match(new: dict, existing: list[dict]) -> dict | None:
    for old in existing:
        if old.get("id") == new["id"] or new["id"] in (old.get("merged") or []):
            return old
    for old in existing:
        if old.get("kind") == new["kind"] and _overlaps(old, new):
            return old
    # an analyst merged facts of different kinds: every report of the new one is already there
    for old in existing:
        if new.get("evidence") and all(_overlaps(old, {"evidence": [e]}) for e in new["evidence"]):
            return old
    return None


def _add_evidence(old: dict, new: dict) -> bool:
    ev = old.setdefault("evidence", [])
    changed = False
    for e in new.get("evidence") or []:
        if not _overlaps({"evidence": ev}, {"evidence": [e]}):
            ev.append(e)
            changed = True
    return changed


def _leading_comments(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if line.startswith("#") or (not line.strip() and lines):
            lines.append(line)
        else:
            break
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


def _load_state(cfg: Config) -> dict:
    if cfg.cache_dir is None:
        return {}
    try:
        return json.loads((cfg.cache_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _save_state(cfg: Config, state: dict) -> None:
    if cfg.cache_dir is None:
        return
    try:
        cfg.cache_dir.mkdir(parents=True, exist_ok=True)
        write_atomic(cfg.cache_dir / STATE_FILE, json.dumps(state, indent=1, sort_keys=True).encode("utf-8"))
    except OSError:
        pass




class _Dumper(yaml.SafeDumper):
    """Safe dumper that writes multi-line text (analysts' Markdown) as literal blocks."""


def _str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value.rstrip("\n") or value.endswith("\n") and "\n" in value[:-1] else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list(dumper: yaml.SafeDumper, value: list):
    flat = all(isinstance(x, (str, int, float)) and not isinstance(x, bool) for x in value)
    short = flat and sum(len(str(x)) + 2 for x in value) < 90
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=short)


def _dict(dumper: yaml.SafeDumper, value: dict):
    flow = set(value) <= {"start", "end", "precision"} and "start" in value
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=flow)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(list, _list)
_Dumper.add_representer(dict, _dict)


def dump(data: dict) -> str:
    """Readable YAML: block style, keys in the order given, accents as they are."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110,
                     default_flow_style=False)


def update_week(cfg: Config, week: str, facts: Iterable[Fact], state: dict, *,
                source_ids: Iterable[str] | None = None) -> WeekUpdate:
    """Merge the extracted ``facts`` of ``week`` into facts/<week>.yaml (created if absent)."""
    path = cfg.facts_dir / f"{week}.yaml"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    try:
        data = yaml.safe_load(text) if text else None
    except yaml.YAMLError:
        raise BriefgenError(f"{path}: is not valid YAML; fix it before extracting again (nothing written)") from None
    if data is None:
        data = {"week": week, "facts": []}
    if not isinstance(data, dict) or not isinstance(data.get("facts") or [], list):
        raise BriefgenError(f"{path}: unexpected layout; fix it before extracting again (nothing written)")
    before = json.dumps(data, sort_keys=True, default=str)
    existing: list[dict] = [f for f in (data.get("facts") or []) if isinstance(f, dict)]
    data["facts"] = data.get("facts") or []
    hashes = state.setdefault(week, {})
    matches: dict[int, list[dict]] = {}
    added = 0
    for fact in facts:
        new = fact_to_dict(fact, cfg)
        old = _match(new, existing)
        if old is None:
            data["facts"].append(new)
            existing.append(new)
            added += 1
        else:
            matches.setdefault(id(old), [old]).append(new)
    updated = 0
    for old, *news in matches.values():
        fresh = (old.get("status", "proposed") == "proposed" and len(news) == 1
                 and hashes.get(str(old.get("id"))) == machine_hash(old))
        changed = False
        if fresh:
            new = news[0]
            for k in MACHINE_KEYS:
                if new.get(k) != old.get(k):
                    changed = True
                    if k in new:
                        old[k] = new[k]
                    else:
                        old.pop(k, None)
            if "quote" in new:
                translations = (old.get("quote") or {}).get("translations")
                q = dict(new["quote"], **({"translations": translations} if translations else {}))
                if q != old.get("quote"):
                    old["quote"], changed = q, True
        for new in news:
            changed = _add_evidence(old, new) or changed
        updated += changed
    for f in data["facts"]:
        if isinstance(f, dict) and f.get("status", "proposed") == "proposed" and "id" in f:
            hashes[str(f["id"])] = machine_hash(f)
    if json.dumps(data, sort_keys=True, default=str) == before and path.exists():
        return WeekUpdate(week, path, 0, 0, len(existing), False)
    ordered = {"week": data.pop("week", week)}
    ordered.update(data)
    ordered["facts"] = ordered.pop("facts")
    out = _leading_comments(text) + ("\n" if text and _leading_comments(text) else "") + dump(ordered)
    _validated_write(cfg, path, out, source_ids)
    return WeekUpdate(week, path, added, updated, len(existing) - added, True)


def _validated_write(cfg: Config, path: Path, text: str, source_ids) -> None:
    """Check the new file with briefgen.facts.load, then replace the old one atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmpdir = Path(tempfile.mkdtemp(dir=path.parent, prefix=".review-"))
    try:
        trial = tmpdir / path.name
        trial.write_text(text, encoding="utf-8")
        try:
            load_fact_file(cfg, trial, source_ids=source_ids)
        except ConfigError as exc:
            raise BriefgenError(f"{path}: the updated file would not validate, nothing written:\n  "
                                + "\n  ".join(str(p) for p in exc.problems)) from None
        os.replace(trial, path)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def update_fact_files(cfg: Config, facts: Iterable[Fact], *, source_ids: Iterable[str] | None = None,
                      log: Callable[[str], None] = lambda m: None) -> list[WeekUpdate]:
    """Update one file per ISO week of the facts' start dates (weeks before the first edition are
    background and are not written)."""
    by_week: dict[str, list[Fact]] = {}
    for f in facts:
        by_week.setdefault(week_of(f.date.start), []).append(f)
    state = _load_state(cfg)
    ids = list(source_ids) if source_ids is not None else None
    out = []
    for week in sorted(by_week):
        if week < cfg.brief.first_edition:
            log(f"  {week}: {len(by_week[week])} background fact(s) before the first edition "
                f"({cfg.brief.first_edition}); not written")
            continue
        out.append(update_week(cfg, week, by_week[week], state, source_ids=ids))
    _save_state(cfg, state)
    return out
