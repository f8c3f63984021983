"""``rotation solve``: the files it writes, its exit codes and messages, Ctrl-C."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from solver.generate import generate
from solver.input.loader import scenario_files
from solver.input.plan import read_plan
from solver.output.certificate import sha256_of
from solver.output.files import atomic_output_dir

ROOT = Path(__file__).resolve().parents[2]
LIANYUN = ROOT / "scenarios" / "lianyun-2023"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["solve", *args])
    return result.exit_code, result.stdout, result.stderr


def test_writes_the_outputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = run(str(LIANYUN), "-o", str(out), "--workers", "2", "--quiet")
    assert code == 0, stderr
    assert stdout.startswith("optimal: cost ")
    assert sorted(p.name for p in out.iterdir()) == [
        ".rotation-output", "assignments.csv", "balance.csv", "certificate.json", "compliance.csv",
        "publication.html", "roster.html", "roster.xlsx", "schools.csv", "summary.json"
    ]  # fmt: skip
    raw = (out / "assignments.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM, for spreadsheets
    header = raw.decode("utf-8-sig").splitlines()[0]
    assert header == (
        "teacher_id,year,home_school_id,host_school_id,org_id,home_school_name,host_school_name,"
        "org_name,name,subject,backbone,role"
    )
    rows = read_plan(out)
    assert [(r.teacher_id, r.year) for r in rows] == sorted((r.teacher_id, r.year) for r in rows)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["status"] == "optimal" and summary["gap"] == 0
    assert summary["cost"] == sum(summary["terms"].values())
    assert summary["audit"]["compliant"] and summary["audit"]["matches_solver"]
    assert summary["assignments_sha256"] == sha256_of(out / "assignments.csv")
    files = scenario_files(LIANYUN)
    assert summary["input_files"] == {n: sha256_of(p) for n, p in sorted(files.items())}
    assert summary["seed"] == 0 and summary["workers"] == 2
    assert summary["solver"].startswith("ortools ")
    compliance = (out / "compliance.csv").read_text(encoding="utf-8-sig").splitlines()
    assert compliance[0].startswith("rule,org,org_name,school,school_name,teacher,teacher_name,")
    assert all(line.endswith(",true") for line in compliance[1:])
    schools = (out / "schools.csv").read_text(encoding="utf-8-sig").splitlines()
    assert schools[0] == "school_id,name,year,subject,staff,out,in,present,min_staff,ok"


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    code, _, stderr = run(str(LIANYUN), "-o", str(out), "--quiet")
    assert code == 2 and "--force" in stderr
    assert (out / "keep.txt").read_text() == "mine"
    # --force replaces only an earlier output: a folder holding someone's file is kept whole.
    code, _, stderr = run(str(LIANYUN), "-o", str(out), "--quiet", "--force")
    assert code == 2 and "not an earlier output" in stderr
    assert (out / "keep.txt").read_text() == "mine"


def test_infeasible_explains_and_writes_nothing(tmp_path: Path) -> None:
    # Every backbone teacher of every group lead at a member every year cannot be.
    out = tmp_path / "out"
    ratio = "policy.group.backbone_out_ratio=1"
    code, _, stderr = run(str(LIANYUN), "-o", str(out), "--quiet", "--set", ratio, "--lang", "en")
    assert code == 1
    assert "no plan: these rules cannot all hold together" in stderr
    assert "  H4 org " not in stderr  # the long list only with --verbose
    # one line per conflict: 墟沟小学's 36 backbone teachers are all needed at members in 2023
    assert "墟沟小学教育集团 2023: H4 backbone quota needs 36 backbone teacher-years" in stderr
    assert f"rotation repair {LIANYUN} --set {ratio} -o OUT" in stderr
    assert not out.exists()
    code, _, stderr = run(str(LIANYUN), "-o", str(out), "--quiet", "--set", ratio, "--verbose")
    assert code == 1 and "无可行方案" in stderr and "  H4 org " in stderr
    assert not out.exists()


def test_time_limit_without_plan_is_not_called_infeasible(tmp_path: Path) -> None:
    code, _, stderr = run(str(LIANYUN), "-o", str(tmp_path / "out"), "--time-limit", "0")
    assert code == 1
    assert "no plan found within 0 s; not proven infeasible" in stderr
    assert "infeasible" not in stderr.replace("not proven infeasible", "")


def test_bad_input_exits_2(tmp_path: Path) -> None:
    code, _, stderr = run(str(tmp_path), "-o", str(tmp_path / "out"))
    assert code == 2 and "bad input" in stderr


def test_progress_lines_on_a_pipe(tmp_path: Path) -> None:
    code, _, stderr = run(str(LIANYUN), "-o", str(tmp_path / "out"))
    assert code == 0
    assert "solving" in stderr and "components 6/6" in stderr


@pytest.mark.parametrize("over_a_plan", [False, True])
def test_ctrl_c_twice_writes_what_is_solved_as_partial(tmp_path: Path, over_a_plan: bool) -> None:
    # The generated city (9 parts) needs many seconds before every part has a plan. A real
    # SIGINT once the first part is done, then a second: the solved parts are written as a
    # partial output that cannot be mistaken for a plan (no assignments.csv), exit 1.
    # Over a complete earlier output (--force) the partial goes beside it (issue 19.4).
    generate("city", 1, tmp_path / "city")
    out = tmp_path / "out"
    force = []
    if over_a_plan:
        with atomic_output_dir(out) as folder:
            (folder / "assignments.csv").write_text("the complete plan\n", encoding="utf-8")
        before = {p.name: p.read_bytes() for p in out.iterdir()}
        force = ["--force"]
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "cli.py"), "solve", str(tmp_path / "city"), "-o", str(out),
         "--time-limit", "60", "--workers", "2", *force],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stderr is not None
    for line in process.stderr:
        if line.startswith("solving") and "components 0/" not in line:
            break  # at least one part is done
    process.send_signal(signal.SIGINT)
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    began = time.monotonic()
    _, stderr = process.communicate(timeout=60)
    assert time.monotonic() - began < 15
    assert process.returncode == 1, stderr
    assert "partial" in stderr and "NOT a plan" in stderr
    if over_a_plan:
        assert {p.name: p.read_bytes() for p in out.iterdir()} == before
        assert "keeps its complete plan" in stderr
        out = tmp_path / "out.partial"
    assert not (out / "assignments.csv").exists()
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["status"] == "partial" and summary["parts_without_plan"]
    solved = [c for c in summary["components"] if c["status"] in ("optimal", "feasible")]
    assert solved and summary["cost"] == sum(c["cost"] for c in solved)
    rows = read_plan(out / "assignments.partial.csv")
    assert len(rows) == summary["rows"]


def test_hint_resumes_from_a_partial_output(tmp_path: Path) -> None:
    # --hint takes an output folder; one holding only assignments.partial.csv (a stopped
    # solve) is read too. Here: the first half of an optimal plan's rows, by teacher.
    first = tmp_path / "first"
    code, _, _ = run(str(LIANYUN), "-o", str(first), "--workers", "2", "--quiet")
    assert code == 0
    cost = json.loads((first / "summary.json").read_text(encoding="utf-8"))["cost"]
    lines = (first / "assignments.csv").read_text(encoding="utf-8-sig").splitlines()
    stopped = tmp_path / "stopped"
    stopped.mkdir()
    half = lines[: len(lines) // 2]
    (stopped / "assignments.partial.csv").write_text("\n".join(half) + "\n", encoding="utf-8")
    again = tmp_path / "again"
    code, _, stderr = run(
        str(LIANYUN), "-o", str(again), "--workers", "2", "--quiet", "--hint", str(stopped)
    )
    assert code == 0, stderr
    summary = json.loads((again / "summary.json").read_text(encoding="utf-8"))
    assert summary["status"] == "optimal" and summary["cost"] == cost
