"""Safe files out: formula cells escaped, BOM for spreadsheets, all-or-nothing output folders."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from solver.output.files import OutputExistsError, atomic_output_dir, safe_cell, write_csv


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


def write_outputs(out: Path, marker: str, force: bool = False) -> None:
    with atomic_output_dir(out, force) as tmp:
        (tmp / "a.txt").write_text(marker)
        (tmp / "b.txt").write_text(marker)


def test_refuses_to_overwrite_without_force(tmp_path: Path):
    out = tmp_path / "out"
    write_outputs(out, "old")
    with pytest.raises(OutputExistsError):
        write_outputs(out, "new")
    assert (out / "a.txt").read_text() == "old"
    write_outputs(out, "new", force=True)
    assert {p.read_text() for p in out.iterdir()} == {"new"}


def test_failure_inside_keeps_old_outputs(tmp_path: Path):
    out = tmp_path / "out"
    write_outputs(out, "old")
    with pytest.raises(KeyboardInterrupt), atomic_output_dir(out, force=True) as tmp:
        (tmp / "a.txt").write_text("new")
        raise KeyboardInterrupt
    assert {p.read_text() for p in out.iterdir()} == {"old"}
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
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "b.txt"]
    assert {p.read_text() for p in out.iterdir()} == {"old"}
