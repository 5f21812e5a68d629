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
- the file is read and written with ruamel.yaml's round trip (briefgen.facts.roundtrip): only the
  keys that change are written, so the analysts' comments (above the document, beside a key, between
  facts, at the end), key order, quoting and flow/block styles stay; new facts and new keys are written
  in briefgen's style (new keys at their usual place among a fact's keys);
- the file is validated with briefgen.facts.load before it atomically replaces the old one; nothing
  is written when nothing changed (the file keeps its bytes and its modification time).
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

from ruamel.yaml.comments import CommentedMap

from ..core.config import Config
from ..core.errors import BriefgenError, ConfigError
from ..core.files import write_atomic
from ..core.weeks import week_of
from ..core.yamlio import composed_problem, parse_yaml
from . import roundtrip as rt
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


def _add_evidence(old: CommentedMap, new: dict) -> bool:
    changed = False
    for e in new.get("evidence") or []:
        if not _overlaps(old, {"evidence": [e]}):
            if not isinstance(old.get("evidence"), list):
                rt.put(old, "evidence", [], new)
            rt.append(old["evidence"], e)
            changed = True
    return changed


def _refresh(old: CommentedMap, new: dict) -> bool:
    """Machine fields and quote text of ``old`` set to the extraction's (``old`` is untouched by the
    analysts); only the keys that differ are written."""
    changed = False
    for k in MACHINE_KEYS:
        if new.get(k) != old.get(k):
            changed = True
            if k in new:
                rt.put(old, k, rt.merge(old.get(k), new[k]), new)
            else:
                rt.remove(old, k)
    if "quote" in new:
        translations = (old.get("quote") or {}).get("translations")
        q = dict(new["quote"], **({"translations": translations} if translations else {}))
        if q != old.get("quote"):
            rt.put(old, "quote", rt.merge(old.get("quote"), q), new)
            changed = True
    return changed


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
        write_atomic(cfg.cache_dir / STATE_FILE, json.dumps(state, indent=1, sort_keys=True).encode("utf-8"))
    except OSError:
        pass


def dump(data: dict) -> str:
    """Readable YAML as briefgen writes fact files: keys in the order given, short lists and date
    ranges in flow style, multi-line text as literal blocks, accents as they are."""
    return rt.dumps(data)


def _read(path: Path, week: str) -> rt.Document:
    """The week file as a round-trip document (a new one when the file is absent or empty)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raw = b""
    except OSError as exc:  # a link loop, a folder, no permission
        raise BriefgenError(f"{path}: cannot be read ({exc.strerror or exc}); fix it before extracting "
                            "again (nothing written)") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise BriefgenError(f"{path}:{line}: not UTF-8 text; fix it before extracting again "
                            "(nothing written)") from None
    limit = composed_problem(text)
    if limit:
        raise BriefgenError(f"{path}:{limit[0]}: {limit[1]}; fix it before extracting again (nothing written)")
    try:
        doc = rt.load(text)
    except rt.YAMLError as exc:
        try:  # ruamel.yaml refuses a key given twice without saying where the first one is
            parse_yaml(text, path)
        except ConfigError as named:
            if named.problems[0].key:
                raise BriefgenError(f"{named}; fix it before extracting again (nothing written)") from None
        except BriefgenError:
            pass
        problem = str(getattr(exc, "problem", None) or "").strip()
        raise BriefgenError(f"{path}: is not valid YAML{f' ({problem})' if problem else ''}; fix it before "
                            "extracting again (nothing written)") from None
    if doc.data is None:
        doc.data = rt.styled({"week": week, "facts": []})
    if not isinstance(doc.data, CommentedMap) or not isinstance(doc.data.get("facts") or [], list):
        raise BriefgenError(f"{path}: unexpected layout; fix it before extracting again (nothing written)")
    return doc


def update_week(cfg: Config, week: str, facts: Iterable[Fact], state: dict, *,
                source_ids: Iterable[str] | None = None) -> WeekUpdate:
    """Merge the extracted ``facts`` of ``week`` into facts/<week>.yaml (created if absent).

    The file is read and written with ruamel.yaml's round trip (see briefgen.facts.roundtrip), so
    whatever an analyst wrote that the merge does not change (comments anywhere, key order, quoting,
    flow or block style) is written back as it was; a file with nothing to change is not written."""
    path = cfg.facts_dir / f"{week}.yaml"
    doc = _read(path, week)
    data = doc.data
    before = json.dumps(data, sort_keys=True, default=str)
    if "week" not in data:
        rt.put(data, "week", week, ("week", *data))
    if not isinstance(data.get("facts"), list):
        rt.put(data, "facts", [], ())
    existing: list[dict] = [f for f in data["facts"] if isinstance(f, dict)]
    hashes = state.setdefault(week, {})
    matches: dict[int, list[dict]] = {}
    added = 0
    for fact in facts:
        new = fact_to_dict(fact, cfg)
        old = _match(new, existing)
        if old is None:
            rt.append(data["facts"], new)
            existing.append(data["facts"][-1])
            added += 1
        else:
            matches.setdefault(id(old), [old]).append(new)
    updated = 0
    for old, *news in matches.values():
        fresh = (old.get("status", "proposed") == "proposed" and len(news) == 1
                 and hashes.get(str(old.get("id"))) == machine_hash(old))
        changed = _refresh(old, news[0]) if fresh else False
        for new in news:
            changed = _add_evidence(old, new) or changed
        updated += changed
    for f in data["facts"]:
        if isinstance(f, dict) and f.get("status", "proposed") == "proposed" and "id" in f:
            hashes[str(f["id"])] = machine_hash(f)
    if json.dumps(data, sort_keys=True, default=str) == before and path.exists():
        return WeekUpdate(week, path, 0, 0, len(existing), False)
    _validated_write(cfg, path, doc.dumps(), source_ids)
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
