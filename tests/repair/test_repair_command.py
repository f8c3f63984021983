"""``rotation repair`` on the tiny preset (SPEC §9): the conflict in one line, each repair a
scenario that plans as it is, minimality checked by solving one step further."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from solver.generate import generate

REPAIRS_COLUMNS = ["repair", "scope", "target", "setting", "before", "after", "minimal",
                   "status", "cost", "folder"]  # fmt: skip
FAST = ("--workers", "1", "--time-limit", "10", "--quiet")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("repair")
    generate("tiny", 1, root / "tiny")
    return root / "tiny"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_a_scenario_with_a_plan_has_nothing_to_repair(tiny: Path, tmp_path: Path):
    result = run("repair", str(tiny), "-o", str(tmp_path / "r"), *FAST)
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "r").exists()  # no folders


def test_each_repair_plans_and_a_minimal_one_is_infeasible_one_step_further(
    tiny: Path, tmp_path: Path
):
    # Ratio 1: the lead must send every backbone teacher every year; with one term of one year
    # per cycle that cannot hold (the report fixture: 12 backbone teacher-years needed, 10
    # eligible), so no plan exists and each repair must move a setting toward permissive.
    out = tmp_path / "r"
    ratio = "policy.group.backbone_out_ratio=1"
    result = run("repair", str(tiny), "--set", ratio, "-o", str(out), *FAST)
    assert result.exit_code == 0, result.output
    assert "H4" in result.output
    with (out / "repairs.csv").open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == REPAIRS_COLUMNS
        rows = list(reader)
    assert rows
    for row in rows:
        folder = out / row["folder"]
        solved = run("solve", str(folder), "-o", str(tmp_path / f"s-{row['repair']}"), *FAST)
        assert solved.exit_code == 0, solved.output  # the repair folder plans as it is
    ratio_rows = [r for r in rows if r["setting"] == "policy.group.backbone_out_ratio"]
    assert ratio_rows, rows
    row = ratio_rows[0]
    assert Decimal(row["after"]) < Decimal(row["before"]) == 1  # toward permissive
    if row["minimal"] == "true":  # one step (0.01) back toward the original has no plan
        step = Decimal(row["after"]) + Decimal("0.01")
        again = run("solve", str(tiny), "--set", f"policy.group.backbone_out_ratio={step}",
                    "-o", str(tmp_path / "step"), *FAST)  # fmt: skip
        assert again.exit_code == 1, again.output


def test_out_inside_the_scenario_is_refused(tiny: Path):
    result = run("repair", str(tiny), "--set", "policy.group.backbone_out_ratio=1",
                 "-o", str(tiny / "r"), *FAST)  # fmt: skip
    assert result.exit_code == 2
    assert not (tiny / "r").exists()
