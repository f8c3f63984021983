"""compare: KPIs of two hand-made plans on tests/data/basic, worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cli import main

HEADER = "teacher_id,year,home_school_id,host_school_id,org_id\n"


def output_folder(root: Path, name: str, scenario: Path, rows: str) -> Path:
    """An output folder as `solve` writes it, made by hand: assignments.csv and summary.json."""
    folder = root / name
    folder.mkdir()
    (folder / "assignments.csv").write_text(HEADER + rows, encoding="utf-8")
    summary = {"status": "hand-made", "scenario_path": f"../{scenario.name}", "overrides": []}
    (folder / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    return folder


def test_compare_two_hand_plans(basic: Path):
    root = basic.parent
    # Plan A: T1 (backbone, due) goes A -> B under group G1 in 2024.
    a = output_folder(root, "A", basic, "T1,2024,A,B,G1\n")
    # Plan B: T1 goes A -> C under G1 in 2024, and T2 (backbone, due, middle cadre) A -> B under
    # pairing P1 in 2025.
    b = output_folder(root, "B", basic, "T1,2024,A,C,G1\nT2,2025,A,B,P1\n")
    result = CliRunner().invoke(main, ["compare", str(a), str(b), "--format", "json", "--diff"])
    assert result.exit_code == 0, result.output
    table, _, diff = result.output.partition("\n\n")
    kpis = json.loads(table)
    ka, kb = kpis["A"], kpis["B"]
    assert (ka["teachers_moved"], kb["teachers_moved"]) == (1, 2)
    assert (ka["backbone_moved"], kb["backbone_moved"]) == (1, 2)
    assert (ka["due_moved"], kb["due_moved"]) == (1, 2)
    assert (ka["cadres_moved"], kb["cadres_moved"]) == (0, 1)
    # km(A, B) = 14 (great circle, see test_scenario); C has no coordinates: km 0.
    assert (ka["km_total"], ka["km_longest"]) == (14, 14)
    assert (kb["km_total"], kb["km_longest"]) == (14, 14)
    # Group G1 has members B and C; lead-backbone teacher-years received under G1:
    # A: B 1, C 0 -> spread 1. B: B 0 (T2 went under P1), C 1 -> spread 1.
    assert ka["spread.G1"] == kb["spread.G1"] == 1
    # cost A: move 10 + km 14 - due 8 + spread 30 - shortage 20 (B wants one 语文 teacher a
    # year and T1 teaches 语文) = 26. cost B: 2 x 10 + 14 - 2 x 8 + 30 = 48, no shortage
    # filled (T1 went to C, which wants 英语; T2 teaches 数学).
    assert (ka["shortage_filled"], kb["shortage_filled"]) == (1, 0)
    assert ka["cost"] == 26 and kb["cost"] == 48
    # Two teacher-years differ: (T1, 2024) B -> C and (T2, 2025) A -> B.
    assert ka["changed_vs_first"] == 0 and kb["changed_vs_first"] == 2
    assert "2 teacher-year(s) differ from A" in diff
    assert "B,T1,2024,B,C" in diff and "B,T2,2025,A,B" in diff


def test_compare_markdown_and_bad_input(basic: Path, tmp_path: Path):
    a = output_folder(basic.parent, "A", basic, "T1,2024,A,B,G1\n")
    result = CliRunner().invoke(main, ["compare", str(a), "--format", "markdown"])
    assert result.exit_code == 0
    assert result.output.startswith("| kpi | A |")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "summary.json").write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(broken)])
    assert result.exit_code == 2 and "summary.json" in result.output
