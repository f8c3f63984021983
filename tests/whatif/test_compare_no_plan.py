"""compare: an input without a plan shows blank figures and why (SPEC §7), never cost 0 and
"82 violations"; inputs of the same folder name get distinct labels (issue 10, item 15)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cli import main
from solver.whatif.compare import distinct_labels
from tests.whatif.test_compare import output_folder


def test_an_infeasible_scenario_has_blank_kpis_and_its_explanation(basic: Path):
    # tests/data/basic has no plan: G1 needs a cadre from B to A, and B has none (H7).
    plan = output_folder(basic.parent, "A", basic, "T1,2024,A,B,G1\n")
    args = ["compare", str(plan), str(basic), "--workers", "1", "--time-limit", "10"]
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    # stdout is the JSON; stderr says which scenario is being solved
    kpis = json.loads(result.stdout)["basic"]
    assert kpis["status"] == "infeasible"
    assert set(kpis) == {"status", "explanation"}  # no cost, no violations, no zeros
    assert "H7" in kpis["explanation"]
    table = CliRunner().invoke(main, args).output
    cost_line = next(line for line in table.splitlines() if line.startswith("cost "))
    assert cost_line.split() == ["cost", "26"]  # the plan's cost; the infeasible cell is blank
    violations = next(line for line in table.splitlines() if line.startswith("violations"))
    assert len(violations.split()) == 2  # the hand plan has its count; the infeasible none
    assert "basic: no plan: infeasible: H7" in table


def test_same_named_inputs_get_distinct_labels(basic: Path, tmp_path: Path):
    folders = []
    for parent, row in (("a", "T1,2024,A,B,G1\n"), ("b", "T1,2024,A,C,G1\n")):
        (tmp_path / parent).mkdir()
        folder = output_folder(tmp_path / parent, "out", basic, row)
        summary = json.loads((folder / "summary.json").read_text())
        summary["scenario_path"] = "../../basic"
        (folder / "summary.json").write_text(json.dumps(summary))
        folders.append(folder)
    one, two = folders
    result = CliRunner().invoke(main, ["compare", str(one), str(two), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert list(json.loads(result.output)) == ["a/out", "b/out"]


def test_distinct_labels():
    assert distinct_labels([Path("x/a"), Path("y/b")]) == ["a", "b"]
    assert distinct_labels([Path("/r/x/out"), Path("/r/y/out"), Path("/r/z")]) == [
        "x/out",
        "y/out",
        "z",
    ]
    assert distinct_labels([Path("/r/out"), Path("/r/out")]) == ["out", "out#2"]
