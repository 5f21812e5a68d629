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
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from ruamel.yaml.comments import CommentedMap

from ..core.config import Config
from ..core.errors import BriefgenError, ConfigError
from ..core.files import write_atomic
from ..core.weeks import week_of
from ..core.yamlio import composed_problem, parse_yaml, same_file
from . import roundtrip as rt
from .contract import MACHINE_KEYS, REFERENCES, yaml_form
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


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""
    except OSError as exc:  # a link loop, a folder, no permission
        raise BriefgenError(f"{path}: cannot be read ({exc.strerror or exc}); fix it before extracting "
                            "again (nothing written)") from None


def _read(path: Path, week: str, raw: bytes | None = None) -> rt.Document:
    """The week file as a round-trip document (a new one when the file is absent or empty);
    ``raw``: its bytes, already read."""
    if raw is None:
        raw = _read_bytes(path)
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


def _validated_write(cfg: Config, path: Path, text: str, source_ids, expect: bytes | None = None):
    """Check the new file with briefgen.facts.load, then replace the old one atomically; ``expect``:
    the bytes the change was made from (the file must still hold them, else VersionConflict).
    Returns the file as briefgen.facts.load read it, and its warnings."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmpdir = Path(tempfile.mkdtemp(dir=path.parent, prefix=".review-"))
    try:
        trial = tmpdir / path.name
        trial.write_text(text, encoding="utf-8")
        try:
            ff, warnings = load_fact_file(cfg, trial, source_ids=source_ids)
        except ConfigError as exc:
            raise BriefgenError(f"{path}: the updated file would not validate, nothing written:\n  "
                                + "\n  ".join(str(p).replace(str(trial), str(path)) for p in exc.problems)) from None
        if expect is not None and _read_bytes(path) != expect:
            raise VersionConflict(path)
        os.replace(trial, path)
        same_file(trial, path)
        from dataclasses import replace

        # its lines are looked up in the file where it now lies, when a problem is reported
        return replace(ff, path=path, keys=None), [replace(w, path=path) if w.path == trial else w for w in warnings]
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


# --- the analysts' decisions (the review desk, ``briefgen serve``) --------------------------------
# Each decision is a small function changing the round-trip document of a week file in place; they
# run through ``edit_week``, which reads the file, refuses to write over a version other than the one
# the decision was made on, validates the result with briefgen.facts.load and replaces the file
# atomically, as extraction does. Only the keys a decision changes are written: comments, key order
# and quoting stay.

FACT_KEYS = ("id", "kind", "status", "themes", "date", *REFERENCES, "action", "quantities", "quote",
             "evidence", "credibility", "conflicts", "key_point", "key_figure", "text", "notes", "merged")
"""The order briefgen writes a fact's keys in (a new key goes to its place among them)."""
ANALYSIS_KEYS = ("key_judgments", "outlook", "summaries", "trends", "watch")
STATUSES = ("proposed", "approved", "rejected")
TRENDS = ("deteriorated", "unchanged", "improved")
_LOCK = threading.Lock()  # one decision at a time per process: read, check, write


class VersionConflict(BriefgenError):
    """The file changed on disk since the version a change was made on: nothing written."""

    def __init__(self, path: Path):
        super().__init__(f"{path}: changed on disk since it was loaded (by an editor, an extraction or "
                         "another tab); nothing written: reload it and make the change again")
        self.path = path


def version_of(data: bytes) -> str:
    """A file's version: the sha256 of its bytes (an absent file is the empty one)."""
    return hashlib.sha256(data).hexdigest()


def file_version(path: Path) -> str:
    return version_of(_read_bytes(path))


@dataclass(frozen=True, slots=True)
class Edit:
    """What ``edit_week`` did: the file's version after it, what the change returned, and the file as
    briefgen.facts.load read it to validate it (None when nothing was written)."""

    version: str
    result: object = None
    facts: object = None
    warnings: tuple = ()


def edit_week(cfg: Config, week: str, change: Callable[[CommentedMap], object], *, version: str | None = None,
              source_ids: Iterable[str] | None = None, only: Iterable[str] = ()) -> Edit:
    """Apply ``change`` to facts/<week>.yaml and write it (validated, atomically) unless nothing
    changed; ``version``: the file's version the change was made on (VersionConflict, nothing written,
    when the file on disk is another).

    ``only``: the ids of the facts the change touches, when it touches nothing else: then only their
    entries are read and written by the round trip and spliced back into the file, whose other lines
    keep their bytes (a week of hundreds of facts is not parsed and re-emitted by ruamel.yaml, pure
    Python, for one status). The whole file is round-tripped instead whenever an entry does not come
    back from the round trip exactly as it was written."""
    path = cfg.facts_dir / f"{week}.yaml"
    ids = list(source_ids) if source_ids is not None else None
    with _LOCK:
        raw = _read_bytes(path)
        if version is not None and version_of(raw) != version:
            raise VersionConflict(path)
        spliced = _splice(raw, tuple(only), change) if only else None
        if spliced is not None:
            text, result = spliced
        else:
            doc = _read(path, week, raw)
            data = doc.data
            if "week" not in data:
                rt.put(data, "week", week, ("week", *data))
            if not isinstance(data.get("facts"), list):
                rt.put(data, "facts", [], ())
            result = change(data)
            text = doc.dumps()
        if text.encode("utf-8") == raw:
            return Edit(version_of(raw), result)
        ff, warnings = _validated_write(cfg, path, text, ids, expect=raw)
        return Edit(version_of(text.encode("utf-8")), result, ff, tuple(warnings))


def _fact_lines(text: str) -> tuple[int, dict[str, tuple[int, int]]] | None:
    """(indent, {fact id: (first line, end line)}) of the entries of ``facts`` in a file whose list
    is a block list; None when the file is laid out otherwise."""
    import yaml as pyyaml

    loader = getattr(pyyaml, "CSafeLoader", pyyaml.SafeLoader)
    try:
        root = pyyaml.compose(text, Loader=loader)
    except (pyyaml.YAMLError, RecursionError):
        return None
    if not isinstance(root, pyyaml.MappingNode):
        return None
    seq = next((v for k, v in root.value if isinstance(k, pyyaml.ScalarNode) and k.value == "facts"), None)
    if not isinstance(seq, pyyaml.SequenceNode) or seq.flow_style or not seq.value:
        return None
    starts, ids = [], []
    for item in seq.value:
        if not isinstance(item, pyyaml.MappingNode) or item.flow_style:
            return None
        fid = next((v.value for k, v in item.value if isinstance(k, pyyaml.ScalarNode) and k.value == "id"
                    and isinstance(v, pyyaml.ScalarNode)), None)
        starts.append(item.start_mark.line)
        ids.append(str(fid))
    if len(set(ids)) != len(ids) or len(set(starts)) != len(starts):
        return None
    lines = text.splitlines(keepends=True)
    first = lines[starts[0]] if starts[0] < len(lines) else ""
    indent = first.index("-") if "-" in first else -1
    if indent < 0 or first[:indent].strip():
        return None
    ends = starts[1:] + [seq.end_mark.line if seq.end_mark.column == 0 else seq.end_mark.line + 1]
    return indent, {i: (a, b) for i, a, b in zip(ids, starts, ends)}


def _splice(raw: bytes, only: tuple[str, ...], change) -> tuple[str, object] | None:
    """The file's text with ``change`` applied to the entries of the facts ``only`` alone (see
    ``edit_week``), or None when that cannot be done faithfully."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\r" in text:
        return None
    found = _fact_lines(text)  # a file over briefgen's limits (aliases, depth) is refused by the validation
    if found is None or any(i not in found[1] for i in only):
        return None
    indent, spans = found
    lines = text.splitlines(keepends=True)
    pad = " " * indent
    blocks = {}
    for fid in only:
        a, b = spans[fid]
        block = lines[a:b]
        if any(line.strip() and not line.startswith(pad) for line in block):
            return None
        body = "".join(line[indent:] if line.strip() else line for line in block)
        try:
            doc = rt.load(body)
        except rt.YAMLError:
            return None
        if doc.head or doc.tail or doc.dumps() != body or not isinstance(doc.data, list) or len(doc.data) != 1:
            return None
        blocks[fid] = doc
    result = change({"facts": [d.data[0] for d in blocks.values()]})
    for fid in sorted(only, key=lambda i: spans[i][0], reverse=True):
        a, b = spans[fid]
        out = blocks[fid].dumps()
        new = "".join(pad + line if line.strip() else line for line in out.splitlines(keepends=True))
        lines[a:b] = [new]
    return "".join(lines), result


def _fact(data: CommentedMap, fact_id: str) -> CommentedMap:
    for f in data.get("facts") or []:
        if isinstance(f, dict) and str(f.get("id")) == fact_id:
            return f
    raise BriefgenError(f"no fact {fact_id!r} in the week's file (nothing written)")


def _set(fact: CommentedMap, key: str, value) -> None:
    """Set or (None, empty) remove one key of a fact."""
    if value is None or value == "" or value == [] or value == {} or value is False:
        if key in fact:
            rt.remove(fact, key)
    elif key in fact:
        rt.put(fact, key, rt.merge(fact[key], value), FACT_KEYS)
    else:
        rt.put(fact, key, value, FACT_KEYS)


def set_status(data: CommentedMap, fact_id: str, status: str, note: str | None = None) -> None:
    """Approve, reject or send back to proposed; ``note``: the analyst's note (kept in ``notes``)."""
    if status not in STATUSES:
        raise BriefgenError(f"status {status!r}: expected one of {', '.join(STATUSES)}")
    fact = _fact(data, fact_id)
    rt.put(fact, "status", status, FACT_KEYS)
    if note is not None and note.strip():
        _set(fact, "notes", note.strip())


def set_notes(data: CommentedMap, fact_id: str, notes: str) -> None:
    _set(_fact(data, fact_id), "notes", notes.strip())


def _per_language(fact: CommentedMap, key: str, lang: str, text: str) -> None:
    current = dict(fact.get(key) or {})
    if text.strip():
        current[lang] = text.strip()
    else:
        current.pop(lang, None)
    _set(fact, key, current)


def set_text(data: CommentedMap, fact_id: str, lang: str, text: str) -> None:
    """The analyst's wording of the fact in ``lang`` (empty: back to the generated sentence)."""
    _per_language(_fact(data, fact_id), "text", lang, text)


def set_quote_translation(data: CommentedMap, fact_id: str, lang: str, text: str) -> None:
    fact = _fact(data, fact_id)
    quote = fact.get("quote")
    if not isinstance(quote, dict):
        raise BriefgenError(f"fact {fact_id!r} has no quote to translate (nothing written)")
    translations = dict(quote.get("translations") or {})
    if text.strip():
        translations[lang] = text.strip()
    else:
        translations.pop(lang, None)
    if translations:
        rt.put(quote, "translations", rt.merge(quote.get("translations"), translations), ("translations",))
    elif "translations" in quote:
        rt.remove(quote, "translations")


def set_key_point(data: CommentedMap, fact_id: str, on: bool) -> None:
    _set(_fact(data, fact_id), "key_point", bool(on))


def set_key_figure(data: CommentedMap, fact_id: str, quantity: int | None, caption: dict | None = None) -> None:
    """The fact's key figure: its quantity number and caption per language (None: no key figure)."""
    fact = _fact(data, fact_id)
    if quantity is None:
        _set(fact, "key_figure", None)
        return
    value: dict = {"quantity": int(quantity)}
    caption = {k: v.strip() for k, v in (caption or {}).items() if v and v.strip()}
    if caption:
        value["caption"] = caption
    _set(fact, "key_figure", value)


def set_themes(data: CommentedMap, fact_id: str, themes: list[str]) -> None:
    if not themes:
        raise BriefgenError(f"fact {fact_id!r}: at least one theme (nothing written)")
    _set(_fact(data, fact_id), "themes", list(themes))


def set_date(data: CommentedMap, fact_id: str, start, end=None, precision: str = "day") -> None:
    """The fact's date: one day, or a range with its precision (as the fact file writes them)."""
    start, end = _day(start), _day(end) if end else None
    value = start if (end in (None, start) and precision == "day") else \
        {"start": start, "end": end or start, "precision": precision}
    _set(_fact(data, fact_id), "date", value)


def _day(value):
    import datetime as dt

    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise BriefgenError(f"date {value!r}: expected YYYY-MM-DD (nothing written)") from None


def set_quantities(data: CommentedMap, fact_id: str, quantities: list[dict]) -> None:
    _set(_fact(data, fact_id), "quantities", list(quantities) or None)


def merge_facts(data: CommentedMap, keep_id: str, other_id: str) -> None:
    """Fold ``other_id`` into ``keep_id`` as the README says an analyst does by hand: its evidence
    moved into the kept fact (reports already there are not repeated), its id (and those merged
    into it) listed under ``merged``, the other fact deleted."""
    if keep_id == other_id:
        raise BriefgenError("a fact cannot be merged into itself (nothing written)")
    keep, other = _fact(data, keep_id), _fact(data, other_id)
    _add_evidence(keep, {"evidence": [dict(e) for e in other.get("evidence") or []]})
    merged = [str(m) for m in keep.get("merged") or []]
    for m in [other_id, *(str(x) for x in other.get("merged") or [])]:
        if m not in merged and m != keep_id:
            merged.append(m)
    _set(keep, "merged", merged)
    facts = data["facts"]
    rt.delete(facts, next(i for i, f in enumerate(facts) if f is other))


def _plain(value):
    """A copy of round-trip data as plain dicts and lists (dates stay dates)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def split_fact(data: CommentedMap, fact_id: str, evidence: list[int]) -> str:
    """Move the reports numbered ``evidence`` of a fact into a new proposed fact with the same machine
    fields (kind, themes, date, references, quantities); returns the new fact's id."""
    fact = _fact(data, fact_id)
    reports = list(fact.get("evidence") or [])
    chosen = sorted(set(evidence))
    if not chosen or any(not 0 <= i < len(reports) for i in chosen) or len(chosen) == len(reports):
        raise BriefgenError(f"fact {fact_id!r}: choose some of its {len(reports)} reports to split off, "
                            "not all (nothing written)")
    ids = {str(f.get("id")) for f in data["facts"] if isinstance(f, dict)}
    n = 2
    while f"{fact_id}-{n}" in ids:
        n += 1
    new = {"id": f"{fact_id}-{n}", "status": "proposed"}
    for k in ("kind", "themes", "date", *REFERENCES, "action", "quantities"):
        if k in fact:
            new[k] = _plain(fact[k])
    new["evidence"] = [dict(reports[i]) for i in chosen]
    new = {k: new[k] for k in FACT_KEYS if k in new}
    for i in reversed(chosen):
        rt.delete(fact["evidence"], i)
    rt.append(data["facts"], new)
    return new["id"]


def set_analysis(data: CommentedMap, part: str, lang: str | None, text: str, theme: str | None = None) -> None:
    """One piece of the analysts' text: ``key_judgments``, ``outlook`` or ``watch`` in ``lang``
    (the watch list one item per line), a theme's ``summaries`` in ``lang``, or its ``trends``
    (``text``: deteriorated, unchanged, improved or empty)."""
    if part not in ANALYSIS_KEYS:
        raise BriefgenError(f"analysis part {part!r}: expected one of {', '.join(ANALYSIS_KEYS)}")
    if "analysis" not in data or not isinstance(data.get("analysis"), dict):
        rt.put(data, "analysis", {}, ("week", "issued", "analysis", "facts"))
    analysis = data["analysis"]
    text = text.strip()
    if part in ("summaries", "trends"):
        if not theme:
            raise BriefgenError(f"analysis.{part}: which theme?")
        if part == "trends":
            if text and text not in TRENDS:
                raise BriefgenError(f"trend {text!r}: expected one of {', '.join(TRENDS)}")
            current = dict(analysis.get("trends") or {})
            current[theme] = text
            new_value = {k: v for k, v in current.items() if v}
        else:
            current = {k: dict(v) for k, v in (analysis.get("summaries") or {}).items()}
            per = current.setdefault(theme, {})
            per[lang] = text
            current[theme] = {k: v for k, v in per.items() if v}
            new_value = {k: v for k, v in current.items() if v}
    else:
        old = analysis.get(part)
        if isinstance(old, list):
            raise BriefgenError(f"analysis.{part} is a list of tagged items: edit it in the file (nothing written)")
        current = dict(old or {})
        if part == "watch":
            items = [line.strip().removeprefix("- ").strip() for line in text.splitlines()]
            current[lang] = [i for i in items if i]
        else:
            current[lang] = text + "\n" if "\n" in text else text
        new_value = {k: v for k, v in current.items() if v}
    if new_value:
        if part in analysis:
            rt.put(analysis, part, rt.merge(analysis[part], new_value), ANALYSIS_KEYS)
        else:
            rt.put(analysis, part, new_value, ANALYSIS_KEYS)
    elif part in analysis:
        rt.remove(analysis, part)


TAGGED_PARTS = ("key_judgments", "watch")
"""The parts of the analysis that can be a list of items tagged with themes."""


def _tagged_items(data: CommentedMap, part: str):
    if part not in TAGGED_PARTS:
        raise BriefgenError(f"analysis part {part!r}: only {' and '.join(TAGGED_PARTS)} are lists of items")
    analysis = data.get("analysis")
    items = analysis.get(part) if isinstance(analysis, dict) else None
    if not isinstance(items, list):
        raise BriefgenError(f"analysis.{part} is not a list of tagged items: edit it per language (nothing written)")
    return items


def _item_index(items, part: str, index: int) -> int:
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(items):
        raise BriefgenError(f"analysis.{part}: no item {index!r} (it has {len(items)}; nothing written)")
    return index


def set_analysis_item(data: CommentedMap, part: str, index: int | None, text: dict[str, str],
                      themes: list[str]) -> None:
    """One item of a list of tagged ``key_judgments`` or ``watch`` items: its Markdown per language
    and its themes (none: shown in every edition); ``index`` None adds it at the end of the list. An
    item written as one text for every language stays so while its languages say the same."""
    items = _tagged_items(data, part)
    if index is not None:
        index = _item_index(items, part, index)
    texts = {}
    for lang, value in text.items():
        value = value.strip()
        if value:
            texts[lang] = value + "\n" if "\n" in value else value
    if not texts:
        raise BriefgenError(f"analysis.{part}: an item needs its text (nothing written)")
    old = items[index] if index is not None else None
    old_text = old.get("text") if isinstance(old, dict) else old
    same_for_all = len(set(texts.values())) == 1 and len(texts) == len(text)
    new_text = next(iter(texts.values())) if isinstance(old_text, str) and same_for_all else texts
    new = {"text": new_text}
    if themes:
        new["themes"] = list(dict.fromkeys(themes))
    elif isinstance(old, str) and isinstance(new_text, str):
        new = new_text  # a plain item stays plain
    if old is None:
        rt.append(items, new)
    elif isinstance(old, dict) and isinstance(new, dict):
        rt.merge(old, new)
    else:
        rt.replace(items, index, new)


def remove_analysis_item(data: CommentedMap, part: str, index: int) -> None:
    """Delete one item of a list of tagged items (the part goes when its last item does)."""
    items = _tagged_items(data, part)
    rt.delete(items, _item_index(items, part, index))
    if not items:
        rt.remove(data["analysis"], part)
