"""Integrity under faulty input (issue 12, findings 6-9): duplicate YAML keys, article encodings,
articles longer than the model takes, ledgers that lost their history, editions written whole."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, run_cli

from briefgen.articles.readers import read_source, read_sources
from briefgen.core.config import load_config
from briefgen.core.errors import BriefgenError

CONFIG_FILES = ("briefgen", "brief", "delivery", "gazetteer", "outlets", "stakeholders")


# --- 8: a key given twice is an error naming both lines ----------------------------------------------

def _duplicate_top_key(path: Path) -> tuple[int, int, str]:
    """Append a second copy of the file's first top-level key; (first line, second line, key)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines, 1) if re.match(r"^[a-z_-]+:", line))
    key = lines[first - 1].split(":")[0]
    lines.append(f"{key}: ~")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return first, len(lines), key


@pytest.mark.parametrize("name", CONFIG_FILES)
def test_duplicate_key_in_a_config_file_names_both_lines(project, name):
    path = project.parent / f"{name}.yaml"
    first, second, key = _duplicate_top_key(path)
    check = run_cli("check", "--config", str(project))
    assert check.returncode == 1, check.stdout + check.stderr
    assert f"{path}:{second}: '{key}' duplicate key (first at line {first})" in check.stderr, check.stderr
    assert "Traceback" not in check.stderr


def _rejected_then_approved(facts: Path) -> tuple[int, int]:
    """The analyst's rejection of the first fact followed by a second, approving ``status:``."""
    text = facts.read_text(encoding="utf-8")
    text = text.replace("  kind: visit\n  status: approved\n",
                        "  kind: visit\n  status: rejected\n  status: approved\n", 1)
    facts.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    first = lines.index("  status: rejected") + 1
    return first, first + 1


def test_a_second_status_does_not_turn_a_rejection_into_an_approval(project):
    facts = project.parent.parent / "facts" / "2025-W30.yaml"
    first, second = _rejected_then_approved(facts)
    expected = f"{facts}:{second}: 'facts[0].status' duplicate key (first at line {first})"
    check = run_cli("check", "--config", str(project))
    assert check.returncode == 1 and expected in check.stderr, check.stderr
    build = run_cli("build", "--week", "2025-W30", "--config", str(project))
    assert build.returncode == 1 and expected in build.stderr, build.stderr
    assert "Traceback" not in check.stderr + build.stderr
    assert not (project.parent.parent / "output" / "2025-W30").exists()


def test_the_round_trip_loader_names_both_lines(project):
    """extract rewrites fact files through ruamel.yaml's round trip: it refuses the duplicate too, now
    with both lines, and writes nothing."""
    from briefgen.facts.review import update_week

    facts = project.parent.parent / "facts" / "2025-W30.yaml"
    first, second = _rejected_then_approved(facts)
    before = facts.read_bytes()
    with pytest.raises(BriefgenError) as err:
        update_week(load_config(project), "2025-W30", [], {})
    assert f"{facts}:{second}: 'facts[0].status' duplicate key (first at line {first})" in str(err.value)
    assert facts.read_bytes() == before


def test_merge_keys_may_still_override(tmp_path):
    from briefgen.core.yamlio import load_yaml

    path = tmp_path / "m.yaml"
    path.write_text("base: &b {a: 1, b: 2}\nx:\n  <<: *b\n  a: 3\ny: &y\n  <<: *b\n  b: 4\nz: *y\n", encoding="utf-8")
    assert load_yaml(path).data["x"] == {"a": 3, "b": 2} and load_yaml(path).data["z"] == {"a": 1, "b": 4}


def test_duplicate_key_in_front_matter(tmp_path):
    article = tmp_path / "2025-07-24-a.md"
    article.write_text("---\ntitle: Visite\noutlet: bamako-hebdo\ntitle: Autre\n---\nLe texte de l'article.\n",
                       encoding="utf-8")
    warnings: list[str] = []
    assert read_sources(tmp_path, warn=warnings.append) == {}
    assert warnings == [f"{article}:4: 'title' duplicate key (first at line 2)"]


# --- 9: BOM, CRLF and CR line ends are normalised before any offset is taken ---------------------------

ENDINGS = {"bom": lambda t: "\ufeff" + t, "crlf": lambda t: t.replace("\n", "\r\n"),
           "cr": lambda t: t.replace("\n", "\r"), "bom-cr": lambda t: "\ufeff" + t.replace("\n", "\r")}
ARTICLES = ("2025-07-23-courrier-sahel-stevens-bamako.txt", "2025-07-24-bamako-hebdo-visite-americaine.md")


@pytest.mark.parametrize("ending", ENDINGS)
@pytest.mark.parametrize("name", ARTICLES)
def test_article_line_ends_and_bom_change_nothing(tmp_path, name, ending):
    original = read_source(ROOT / "sources" / name)
    variant = tmp_path / name
    variant.write_bytes(ENDINGS[ending]((ROOT / "sources" / name).read_text(encoding="utf-8")).encode("utf-8"))
    source = read_source(variant)
    assert (source.text, source.title, source.outlet, source.published, source.url) == \
        (original.text, original.title, original.outlet, original.published, original.url)


def test_evidence_of_a_cr_or_bom_article_is_the_same(tmp_path):
    """extract on the article as shipped and as another system saves it: the same facts, the same
    evidence spans (else the fact file gets each evidence twice)."""
    from briefgen.extract import extract_paths

    cfg = load_config(copy_project(tmp_path / "desk"))
    name = ARTICLES[0]
    text = (ROOT / "sources" / name).read_text(encoding="utf-8")
    spans = []
    for ending in ("lf", "bom-cr", "crlf"):
        folder = tmp_path / ending
        folder.mkdir()
        (folder / name).write_bytes((ENDINGS[ending](text) if ending != "lf" else text).encode("utf-8"))
        ex = extract_paths([folder], cfg)
        spans.append(sorted((e.source, e.start, e.end, e.text) for mf in ex.facts for e in mf.fact.evidence))
    assert spans[0] and spans[0] == spans[1] == spans[2]


def _long_article(size: int) -> str:
    src = (ROOT / "sources" / "2025-07-25-sahel-depeches-bilan-semaine.txt").read_text(encoding="utf-8")
    head, body = src.split("\n\n", 1)
    return head + "\n\n" + (body.strip() + "\n\n") * (size // len(body) + 1)


@pytest.fixture
def small_model(tmp_path):
    """The real pipeline with spaCy's own ``max_length`` set low, so that an article of 30,000
    characters stands for one of 1-2 MB (the default limit is one million characters): analysing a
    real one takes minutes."""
    from briefgen.extract import nlp as nlp_mod

    cfg = load_config(copy_project(tmp_path / "desk"))
    pipe = nlp_mod.load(cfg)
    saved = pipe.max_length
    pipe.max_length = 10_000
    yield cfg, pipe
    pipe.max_length = saved


def test_an_article_longer_than_the_model_takes_is_split(tmp_path, small_model):
    from briefgen.extract import extract_paths

    cfg, pipe = small_model
    text = _long_article(30_000)
    with pytest.raises(ValueError, match="E088"):
        pipe(text)  # what the model does with it whole
    folder = tmp_path / "long"
    folder.mkdir()
    (folder / "2025-07-25-long.txt").write_text(text, encoding="utf-8")
    warnings: list[str] = []
    ex = extract_paths([folder], cfg, warn=warnings.append)
    assert not warnings and ex.facts
    source = ex.sources["2025-07-25-long"]
    for mf in ex.facts:
        for e in mf.fact.evidence:
            assert source.text[e.start:e.end] == e.text


def test_pieces_join_into_one_doc_with_the_same_offsets(small_model):
    from briefgen.extract import nlp as nlp_mod

    _cfg, pipe = small_model
    text, short = _long_article(30_000), "Le Mali et le Niger.\n"
    docs = list(nlp_mod.parse_all(pipe, [short, text, short]))
    assert [d.text for d in docs] == [short, text, short]
    pieces = nlp_mod.pieces(text, pipe.max_length // 4)
    assert len(pieces) > 3 and "".join(pieces) == text and all(p.endswith("\n\n") for p in pieces[:-1])
    found = {(e.start_char, e.end_char, e.ent_id_) for e in docs[1].ents if e.ent_id_}
    pipe.max_length = 10**6
    whole = {(e.start_char, e.end_char, e.ent_id_) for e in pipe(text).ents if e.ent_id_}
    assert found == whole


# --- 6: a week's editions appear whole or not at all ----------------------------------------------------

W30 = "2025-W30"
MARK = re.compile(r"\((?:variante|variant) (\d+)\)")


def _variant(root: Path, n: int) -> None:
    """Facts of 2025-W30 whose outlook says « (variante n) » in French and "(variant n)" in English."""
    facts = root / "facts" / f"{W30}.yaml"
    text = MARK.sub("", facts.read_text(encoding="utf-8")).replace("  ", " ")
    text = (ROOT / "facts" / f"{W30}.yaml").read_text(encoding="utf-8")
    text = text.replace("Les annonces de Bamako devront", f"Les annonces de Bamako (variante {n}) devront")
    text = text.replace("The announcements made in Bamako", f"The announcements made in Bamako (variant {n})")
    facts.write_text(text, encoding="utf-8")


def _build(root: Path, **kw):
    import os
    import subprocess
    import sys

    return subprocess.Popen([sys.executable, "-m", "briefgen", "build", "--week", W30, "--force", "--config",
                             str(root / "config" / "briefgen.yaml")], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, **kw)


def _shown(root: Path, names=("brief.en.html", "brief.en.pdf", "brief.fr.html", "brief.fr.pdf")) -> int:
    """The variant every edition file of output/2025-W30 shows; fails unless all of them (both
    languages, both formats, the manifest) belong to one build."""
    import hashlib
    import json

    folder = root / "output" / W30
    shown = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and p.name.startswith(("brief.", "edition."))}
    manifest = json.loads(shown.pop("edition.json"))
    recorded = {name: digest for e in manifest["editions"].values() for name, digest in e["files"].items()}
    assert {n: hashlib.sha256(b).hexdigest() for n, b in shown.items()} == recorded
    assert len({e["inputs"] for e in manifest["editions"].values()}) == 1
    assert sorted(shown) == sorted(names)
    marks = {MARK.search(shown[f"brief.{lang}.html"].decode("utf-8")).group(1) for lang in ("fr", "en")}
    assert len(marks) == 1, marks
    return int(marks.pop())


def _leftovers(root: Path) -> list[str]:
    gens = root / "output" / ".generations" / W30
    extra = [p.name for p in gens.iterdir() if p.name != "current" and p.resolve() != (gens / "current").resolve()] \
        if gens.is_dir() else []
    extra += [p.name for p in (root / "output" / W30).iterdir() if p.name.startswith(".")]
    return extra


def _inodes(output: Path, *, before_walk: bool = True) -> set[int]:
    """Inodes of the regular files under output/ (but revisions/); quicker, ``before_walk=False``
    looks only where a build writes: output/<week>/ and the generation folders."""
    import os
    import stat

    out = set()
    folders = os.walk(output) if before_walk else []
    for d in [] if before_walk else _write_folders(output):
        try:
            folders.append((str(d), [], [f.name for f in os.scandir(d)]))
        except FileNotFoundError:  # removed meanwhile
            pass
    for folder, dirs, files in folders:  # folders removed meanwhile are passed over
        dirs[:] = [d for d in dirs if d != "revisions"]
        for name in files:
            try:
                st = os.lstat(os.path.join(folder, name))
            except FileNotFoundError:
                continue
            if stat.S_ISREG(st.st_mode):
                out.add(st.st_ino)
    return out


def _write_folders(output: Path) -> list[Path]:
    import os

    found = [output / W30]
    gens = output / ".generations" / W30
    try:
        found += [gens / e.name for e in os.scandir(gens) if e.is_dir(follow_symlinks=False)]
    except FileNotFoundError:
        pass
    return [d for d in found if d.is_dir()]


KILL_POINTS = (1, 2, 3, 4, 5, "shown") * 2
"""Where the build is killed: once it has written so many new files (temporary ones included), or
once the English PDF users open is a new one."""


def test_a_build_killed_while_writing_shows_whole_editions(tmp_path, capsys):
    """kill -9 at chosen points of the write phase, found by watching the files of output/ (the build
    is stopped with SIGSTOP the moment its n-th new file is seen, then killed). After each kill, every
    edition shown is entirely of one build; the next build cleans what the killed one left."""
    import os
    import signal

    root = tmp_path
    copy_project(root)
    _variant(root, 0)
    first = _build(root)
    assert first.wait() == 0, first.stderr.read()
    assert _shown(root) == 0
    output, pdf = root / "output", root / "output" / W30 / "brief.en.pdf"
    outcome = []
    for n, point in enumerate(KILL_POINTS, 1):
        before, old_pdf, shown_before = _inodes(output), pdf.stat().st_ino, _shown(root)
        _variant(root, n)
        # the build runs at a lower priority than this watcher, so that on a loaded machine the watcher
        # still sees the chosen point before the build has gone past it
        proc = _build(root, preexec_fn=lambda: os.nice(10))
        while proc.poll() is None:
            new = len(_inodes(output, before_walk=False) - before)
            try:
                switched = pdf.stat().st_ino != old_pdf
            except FileNotFoundError:
                switched = False
            if switched or (point != "shown" and new >= point):
                os.kill(proc.pid, signal.SIGSTOP)  # frozen where it is, then killed there
                os.kill(proc.pid, signal.SIGKILL)
                break
        proc.wait()
        shown = _shown(root)
        assert shown in (shown_before, n)
        outcome.append((point, proc.returncode, "new" if shown == n else "old"))
    with capsys.disabled():
        print(f"\nkill -9 in the write phase (point, exit, edition shown): {outcome}")
    assert all(code == -signal.SIGKILL for _point, code, _now in outcome)
    _variant(root, 99)
    last = _build(root)
    assert last.wait() == 0, last.stderr.read()
    assert _shown(root) == 99 and _leftovers(root) == []


TAILORED = """\
stakeholders:
  - name: Aminata Coulibaly
    email: aminata@example.org
    language: fr
  - name: Mariam Diallo
    email: mariam@example.org
    language: fr
    themes: [force_buildup]
"""


def test_send_shows_full_and_tailored_editions_together(tmp_path):
    """send brings stale editions up to date, the full ones and the tailored one in one generation:
    killed the moment the new full edition is shown, the tailored one shown is new as well."""
    import os
    import signal
    import subprocess
    import sys

    copy_project(tmp_path)
    (tmp_path / "config" / "stakeholders.yaml").write_text(TAILORED, encoding="utf-8")
    names = ("brief.en.html", "brief.en.pdf", "brief.fr.html", "brief.fr.pdf", "brief.fr.force_buildup.html",
             "brief.fr.force_buildup.pdf")

    def dry_run():
        return subprocess.Popen([sys.executable, "-m", "briefgen", "send", "--dry-run", "--week", W30, "--config",
                                 str(tmp_path / "config" / "briefgen.yaml")], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})

    _variant(tmp_path, 1)
    first = dry_run()
    assert first.wait() == 0, first.stderr.read()
    assert _shown(tmp_path, names) == 1
    pdf = tmp_path / "output" / W30 / "brief.fr.pdf"
    old = pdf.stat().st_ino
    _variant(tmp_path, 2)
    proc = dry_run()
    while proc.poll() is None:
        if pdf.stat().st_ino != old:
            os.kill(proc.pid, signal.SIGSTOP)
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait()
    assert _shown(tmp_path, names) == 2
    tailored = (tmp_path / "output" / W30 / "brief.fr.force_buildup.html").read_text(encoding="utf-8")
    assert "(variante 2)" in tailored


def _ignore_sigxfsz():
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past RLIMIT_FSIZE fails with EFBIG instead


def test_a_full_disk_is_a_clear_error_and_changes_nothing(tmp_path):
    """The disk fills while the editions are written. Simulated by a file size limit (a small tmpfs
    would need root): with SIGXFSZ ignored, a write past RLIMIT_FSIZE fails with EFBIG as one past the
    end of the disk fails with ENOSPC. The limit is set once the build reaches its write phase (fonts
    written while rendering are larger than the editions): the manifest it reads there is made a FIFO,
    so the build waits at that point until the test has set the limit and written the manifest."""
    import os
    import resource

    copy_project(tmp_path)
    _variant(tmp_path, 1)
    assert _build(tmp_path).wait() == 0
    folder = tmp_path / "output" / W30
    html = (folder / "brief.fr.html").stat().st_size
    assert (folder / "brief.fr.pdf").stat().st_size > html + 10_000  # the HTML fits, the PDF does not
    shown = {p.name: p.read_bytes() for p in folder.iterdir()}
    _variant(tmp_path, 2)
    link = folder / "edition.json"
    target = os.readlink(link) if link.is_symlink() else None
    link.unlink()
    os.mkfifo(link)
    try:
        proc = _build(tmp_path, preexec_fn=_ignore_sigxfsz)
        with open(link, "wb") as fifo:  # returns when the build opens the manifest: its write phase is next
            resource.prlimit(proc.pid, resource.RLIMIT_FSIZE, (html + 10_000, html + 10_000))
            fifo.write(shown["edition.json"])
        err = proc.communicate()[1]
    finally:
        link.unlink()
        if target:
            os.symlink(target, link)
        else:
            link.write_bytes(shown["edition.json"])
    assert proc.returncode == 1, err
    assert "Traceback" not in err and "File too large" in err and f"{folder}/brief." in err, err
    assert "nothing of this build was published" in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == shown
    assert _shown(tmp_path) == 1 and _leftovers(tmp_path) == []


def test_a_read_only_output_folder_is_a_clear_error(tmp_path):
    """output/ read-only: a read-only bind mount of it when the tests run as root (EROFS; permissions do
    not stop root), its folders made 0555 otherwise (EACCES)."""
    import os
    import subprocess

    copy_project(tmp_path)
    _variant(tmp_path, 1)
    assert _build(tmp_path).wait() == 0
    output = tmp_path / "output"
    folders = (output, output / W30, output / ".generations" / W30)
    mounted = False
    if os.geteuid() == 0:
        done = subprocess.run(["mount", "--bind", "-o", "ro", str(output), str(output)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"running as root and no read-only bind mount: {done.stderr.decode().strip()}")
        mounted = True
        expected = "Read-only file system"
    else:
        for folder in folders:
            os.chmod(folder, 0o555)
        expected = "Permission denied"
    try:
        _variant(tmp_path, 2)
        proc = _build(tmp_path)
        err = proc.communicate()[1]
    finally:
        if mounted:
            subprocess.run(["umount", str(output)], check=True)
        else:
            for folder in folders:
                os.chmod(folder, 0o755)
    assert proc.returncode == 1 and "Traceback" not in err, err
    assert expected in err and str(output) in err and "nothing of this build was published" in err, err
    assert _shown(tmp_path) == 1 and _leftovers(tmp_path) == []
