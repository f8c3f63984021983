"""sweep: a two-point grid on the tiny preset, one point infeasible and explained."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner

from cli import main
from solver.generate import generate
from solver.whatif.sweep import grid, parse_vary


def test_grid_is_every_combination():
    points = grid(parse_vary(["weights.move=1,2", "policy.max_term_years=1,2,3"]))
    assert len(points) == 6
    assert points[0].sets == ("weights.move=1", "policy.max_term_years=1")
    assert points[-1].name == "point-006"


def test_two_point_sweep_with_an_infeasible_point(tmp_path: Path):
    scenario = tmp_path / "tiny"
    generate("tiny", 1, scenario)
    out = tmp_path / "sweep"
    # ratio 1.0: every lead backbone teacher must serve at members every year, but each may be
    # away only one year of the cycle (max_term_years = 1): impossible whenever the lead has any.
    result = CliRunner().invoke(
        main,
        ["sweep", str(scenario), "--vary", "policy.group.backbone_out_ratio=0.15,1.0",
         "-o", str(out), "--time-limit", "20", "--workers", "1"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with (out / "sweep.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [r["policy.group.backbone_out_ratio"] for r in rows] == ["0.15", "1.0"]
    assert rows[0]["status"] in ("optimal", "feasible") and int(rows[0]["cost"]) != 0
    assert (out / "point-001" / "assignments.csv").is_file()
    assert rows[1]["status"] == "infeasible"
    assert "H4" in rows[1]["explanation"]
    assert not (out / "point-002").exists()


def test_sweep_unknown_key_is_bad_input(tmp_path: Path):
    scenario = tmp_path / "tiny"
    generate("tiny", 1, scenario)
    result = CliRunner().invoke(
        main, ["sweep", str(scenario), "--vary", "policy.quota=1,2", "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 2 and "unknown key" in result.output
    assert not (tmp_path / "o").exists()


def test_a_bad_value_stops_the_sweep_before_any_solving(tmp_path: Path):
    scenario = tmp_path / "tiny"
    generate("tiny", 1, scenario)
    result = CliRunner().invoke(
        main,
        ["sweep", str(scenario), "--vary", "policy.group.backbone_out_ratio=0.2,abc",
         "-o", str(tmp_path / "o"), "--workers", "1"],
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "--vary policy.group.backbone_out_ratio: value 'abc' must be a number" in result.output
    assert "point-001" not in result.output  # nothing was solved
    assert not (tmp_path / "o").exists()
