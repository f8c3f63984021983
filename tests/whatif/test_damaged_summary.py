"""A damaged summary.json is bad input for report and compare (issue 19.9): exit 2, the key."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main


@pytest.fixture
def solved(solved_tiny: Path) -> Path:
    return solved_tiny / "out"


DAMAGE = {
    "scenario_path": ("scenario_path", None),
    "terms.x": ("terms", {"x": 1}),
    "cost": ("cost", "abc"),
}


@pytest.mark.parametrize("command", ["report", "compare"])
@pytest.mark.parametrize("key", list(DAMAGE))
def test_a_damaged_summary_is_bad_input(solved: Path, tmp_path: Path, command: str, key: str):
    damaged = tmp_path / "out"
    shutil.copytree(solved, damaged)
    summary = json.loads((damaged / "summary.json").read_text(encoding="utf-8"))
    field, value = DAMAGE[key]
    summary[field] = {**summary[field], **value} if isinstance(value, dict) else value
    (damaged / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    args = {"report": ["report", str(damaged), "-o", str(tmp_path / "r.html")],
            "compare": ["compare", str(damaged), str(solved)]}[command]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert f"'{key}'" in result.output and "summary.json" in result.output
    assert not (tmp_path / "r.html").exists()
