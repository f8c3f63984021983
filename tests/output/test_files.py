"""Safe files out: formula cells escaped, BOM for spreadsheets, all-or-nothing output folders."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solver.output.files import (
    OUTPUT_MARKER,
    OutputExistsError,
    atomic_output_dir,
    check_output,
    replaceable,
    safe_cell,
    write_csv,
)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("张伟", "张伟"),
        (-3, "-3"),
        (True, "true"),
        (None, ""),
    ],
)
def test_safe_cell(value: object, shown: str):
    assert safe_cell(value) == shown


def test_csv_has_bom_and_escapes(tmp_path: Path):
    path = tmp_path / "x.csv"
    write_csv(path, ["name", "n"], [["=HYPERLINK()", -1], ["王芳", 2]])
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig") == "name,n\n'=HYPERLINK(),-1\n王芳,2\n"


def write_outputs(
    out: Path, marker: str, force: bool = False, protected: tuple[Path, ...] = ()
) -> None:
    with atomic_output_dir(out, force, protected) as tmp:
        (tmp / "a.txt").write_text(marker)
        (tmp / "b.txt").write_text(marker)


def test_refuses_to_overwrite_without_force(tmp_path: Path):
    out = tmp_path / "out"
    write_outputs(out, "old")
    with pytest.raises(OutputExistsError):
        write_outputs(out, "new")
    assert (out / "a.txt").read_text() == "old"
    write_outputs(out, "new", force=True)
    assert {p.read_text() for p in out.iterdir() if p.name != OUTPUT_MARKER} == {"new"}


def test_failure_inside_keeps_old_outputs(tmp_path: Path):
    out = tmp_path / "out"
    write_outputs(out, "old")
    with pytest.raises(KeyboardInterrupt), atomic_output_dir(out, force=True) as tmp:
        (tmp / "a.txt").write_text("new")
        raise KeyboardInterrupt
    assert {p.read_text() for p in out.iterdir() if p.name != OUTPUT_MARKER} == {"old"}
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # the temporary folder is gone


WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from solver.output.files import atomic_output_dir
    out = Path(sys.argv[1])
    with atomic_output_dir(out, force=True) as tmp:
        for i in range(200):
            (tmp / f"part{i:03}.txt").write_text("new")
            if i == 5:
                print("writing", flush=True)
            time.sleep(0.01)
    """
)


def test_kill_mid_write_leaves_old_outputs_complete(tmp_path: Path):
    """SIGKILL while the new outputs are half written: OUT still holds the old, whole set."""
    out = tmp_path / "out"
    write_outputs(out, "old")
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(out)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[2],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "writing"
    time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert sorted(p.name for p in out.iterdir()) == [OUTPUT_MARKER, "a.txt", "b.txt"]
    assert {p.read_text() for p in out.iterdir() if p.name != OUTPUT_MARKER} == {"old"}


# --------------------------------------------------------------------------- --force (SPEC §5)


def test_force_refuses_a_folder_the_program_did_not_write(tmp_path: Path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(OutputExistsError, match="not an earlier output"):
        write_outputs(out, "new", force=True)
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


def test_force_refuses_an_output_someone_added_a_file_to(tmp_path: Path):
    out = tmp_path / "out"
    write_outputs(out, "old")
    (out / "my-notes.txt").write_text("mine")
    with pytest.raises(OutputExistsError, match=r"did not write: my-notes\.txt"):
        write_outputs(out, "new", force=True)
    assert (out / "my-notes.txt").read_text() == "mine"
    assert (out / "a.txt").read_text() == "old"


def test_force_replaces_an_empty_folder(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    write_outputs(out, "new", force=True)
    assert (out / "a.txt").read_text() == "new"


@pytest.mark.parametrize("where", ["scenario", "inside", "parent", "ancestor", "inside-ancestor"])
def test_never_into_over_or_around_a_protected_folder(tmp_path: Path, where: str):
    scenario = tmp_path / "data" / "scenario"
    ancestor = tmp_path / "base"
    for folder in (scenario, ancestor):
        folder.mkdir(parents=True)
        (folder / "teachers.csv").write_text("teacher_id\n")
    out = {
        "scenario": scenario,
        "inside": scenario / "out",
        "parent": tmp_path / "data",
        "ancestor": ancestor,
        "inside-ancestor": ancestor / "out",
    }[where]
    with pytest.raises(OutputExistsError, match="scenario folder"):
        write_outputs(out, "new", force=True, protected=(scenario, ancestor))
    assert (scenario / "teachers.csv").read_text() == "teacher_id\n"
    assert (ancestor / "teachers.csv").read_text() == "teacher_id\n"
    assert not (scenario / "out").exists() and not (ancestor / "out").exists()


def test_outputs_get_normal_permissions(tmp_path: Path):
    old = os.umask(0o022)
    try:
        write_outputs(tmp_path / "out", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "out").stat().st_mode & 0o777 == 0o755
    assert (tmp_path / "out" / "a.txt").stat().st_mode & 0o777 == 0o644


def test_a_single_file_is_replaced_only_with_force_and_never_in_the_scenario(tmp_path: Path):
    report = tmp_path / "report.csv"
    report.write_text("old")
    with pytest.raises(OutputExistsError, match="--force"):
        check_output(report, False, folder=False)
    check_output(report, True, folder=False)
    with pytest.raises(OutputExistsError, match="scenario folder"):
        check_output(report, True, (tmp_path,), folder=False)


# A random layout: paths (folder parts a-c, depth <= 3) with content, some of them written by
# the program (inside an output set), the rest by a person. Then --force to random places.
PARTS = st.sampled_from(["a", "b", "c"])
LAYOUT = st.lists(st.lists(PARTS, min_size=1, max_size=3), min_size=1, max_size=8)
TARGETS = st.lists(st.lists(PARTS, min_size=0, max_size=3), min_size=1, max_size=4)


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,  # repeatable in CI, like the loader fuzz
    suppress_health_check=[HealthCheck.too_slow],
)
@given(layout=LAYOUT, outputs=TARGETS, targets=TARGETS, protect=st.booleans())
def test_force_never_removes_a_file_the_program_did_not_write(
    layout: list[list[str]], outputs: list[list[str]], targets: list[list[str]], protect: bool
):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "root"
        root.mkdir()
        for parts in outputs:  # earlier outputs of the program
            with contextlib.suppress(OutputExistsError, OSError):
                write_outputs(root.joinpath(*parts), "program", force=True)
        people: dict[Path, str] = {}
        for i, parts in enumerate(layout):  # then a person's files, anywhere
            path = root.joinpath(*parts, f"person{i}.txt")
            with contextlib.suppress(OSError):
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(f"person {i}")
                people[path] = f"person {i}"
        protected = (root / "a",) if protect else ()
        for parts in targets:
            with contextlib.suppress(OutputExistsError, OSError):
                write_outputs(root.joinpath(*parts), "new", force=True, protected=protected)
        for path, text in people.items():
            assert path.read_text() == text, path
        if protect:  # nothing new was written into, over or around the protected folder
            inside = [p for p in (root / "a").rglob("*") if p.is_file()]
            assert all(p.read_text() != "new" for p in inside)


def test_a_listed_file_someone_edited_is_no_longer_replaceable(tmp_path: Path):
    """Issue 19.1: the marker records size and SHA-256, so an edited file is the person's."""
    out = tmp_path / "out"
    with atomic_output_dir(out) as tmp:
        (tmp / "certificate.html").write_text("ours", encoding="utf-8")
    page = out / "certificate.html"
    assert replaceable(page)
    page.write_text("signed and sealed", encoding="utf-8")
    assert not replaceable(page)
    with pytest.raises(OutputExistsError, match="edited since this program wrote"):
        check_output(out, force=True)
