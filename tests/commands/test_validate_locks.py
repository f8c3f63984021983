"""``validate`` checks locked.csv against eligibility and partnerships (issue 10, item 9)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cli import main
from solver.generate import generate


def test_a_lock_that_sends_an_ineligible_teacher_cannot_be_planned(tmp_path: Path):
    folder = tmp_path / "tiny"
    generate("tiny", 1, folder)
    # T000001 is the principal of TN-S1 (principals may not move); TN-S2 is its partner.
    (folder / "locked.csv").write_text("teacher_id,year,school_id\nT000001,2024,TN-S2\n")
    validated = CliRunner().invoke(main, ["validate", str(folder)])
    assert validated.exit_code == 1, validated.output
    assert "cannot be planned as given: 1 locked.csv row(s)" in validated.output
    [line] = [x.strip() for x in validated.output.splitlines() if x.strip().startswith("H11")]
    assert line.endswith("but the teacher may not move (principal)")
    as_json = CliRunner().invoke(main, ["validate", str(folder), "--format", "json"])
    assert as_json.exit_code == 1
    assert json.loads(as_json.stdout)["unplannable_locks"] == [line]
    # solve says the same, in the same words, when it explains why there is no plan.
    solved = CliRunner().invoke(
        main, ["solve", str(folder), "-o", str(tmp_path / "out"), "--workers", "1", "--quiet"]
    )
    assert solved.exit_code == 1
    assert line in solved.stderr


def test_a_lock_at_home_or_at_a_partner_for_an_eligible_teacher_is_fine(tmp_path: Path):
    folder = tmp_path / "tiny"
    generate("tiny", 1, folder)
    (folder / "locked.csv").write_text("teacher_id,year,school_id\nT000001,2024,TN-S1\n")
    validated = CliRunner().invoke(main, ["validate", str(folder)])
    assert validated.exit_code == 0, validated.output
    assert "cannot be planned" not in validated.output
