"""What the auditor reads first: names that disagree with teachers.csv, a plan that is not this
scenario's, and names next to codes (issue 10, items 11-13)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.audit.test_plans import plan_text, run, world, write_plan, write_world


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_world(tmp_path / "world", world())


def with_names(text: str, names: dict[str, str]) -> str:
    """The plan with a name column; ``names`` gives the name written for a teacher id."""
    lines = text.splitlines()
    out = [lines[0] + ",name"]
    for line in lines[1:]:
        tid = line.split(",")[0]
        out.append(f"{line},{names.get(tid, f'teacher {tid}')}")
    return "\n".join(out) + "\n"


def test_a_name_that_disagrees_with_teachers_csv_is_a_warning(folder: Path, tmp_path: Path):
    # L1's row says "teacher L2": the ids were swapped by hand. The rules still hold, so the
    # verdict stays compliant (exit 0), but the slip is shown before anything else.
    plan = write_plan(tmp_path / "p.csv", with_names(plan_text(), {"L1": "teacher L2"}))
    result = run(folder, plan)
    assert result.exit_code == 0, result.output
    assert "Warnings (1: names that disagree with teachers.csv)" in result.output
    assert (
        "line 2: name 'teacher L2' but teachers.csv says L1 is 'teacher L1'; "
        "'teacher L2' is L2 (a swapped id?)"
    ) in result.output
    data = json.loads(run(folder, plan, "--format", "json").output)
    assert data["compliant"] is True and len(data["warnings"]) == 1


def test_matching_names_give_no_warning(folder: Path, tmp_path: Path):
    plan = write_plan(tmp_path / "p.csv", with_names(plan_text(), {}))
    result = run(folder, plan)
    assert result.exit_code == 0 and "Warnings" not in result.output


def test_a_plan_of_another_scenario_gets_a_headline_first(folder: Path, tmp_path: Path):
    text = "teacher_id,year,home_school_id,host_school_id,org_id\n"
    text += "".join(f"X{i},2024,LY-S{i:02},LY-S{i + 1:02},LY-G1\n" for i in range(3))
    result = run(folder, write_plan(tmp_path / "p.csv", text))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "WARNING: this plan does not seem to belong to this scenario "
        "(0 of 4 schools known, 0 of 3 teachers known)"
    )


def test_a_plan_of_this_scenario_gets_no_headline(folder: Path, tmp_path: Path):
    result = run(folder, write_plan(tmp_path / "p.csv", plan_text(["ZZ,2024,L,M,G1"])))
    assert "does not seem to belong" not in result.output


def test_violations_show_names_next_to_codes(folder: Path, tmp_path: Path):
    plan = write_plan(tmp_path / "p.csv", plan_text(drop={"M3"}))
    table = run(folder, plan).output
    assert "H5    G1 group  M school M" in table
    rows = list(csv.DictReader(io.StringIO(run(folder, plan, "--format", "csv").output)))
    assert [(r["org"], r["org_name"], r["school"], r["school_name"]) for r in rows] == [
        ("G1", "group", "M", "school M")
    ]
