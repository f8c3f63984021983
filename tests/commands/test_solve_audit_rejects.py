"""``solve`` never blesses a plan its own audit rejects (issue 10, item 3).

A model that disagrees with the audit is a bug; the rule registry lets a test create exactly
that bug: with the "at least" rules switched off in the model (and only there), the cheapest
plan sends nobody, which the independent audit rejects.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from solver.generate import generate
from solver.model.constraints import HARD_RULES, HardRule
from solver.output.files import OUTPUT_MARKER
from solver.rules import Rule


def test_a_plan_the_audit_rejects_is_an_internal_error_kept_as_evidence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    generate("tiny", 1, tmp_path / "s")
    for rule in (Rule.H4, Rule.H5, Rule.H6, Rule.H7, Rule.H10):
        monkeypatch.setitem(HARD_RULES, rule, HardRule())
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["solve", str(tmp_path / "s"), "-o", str(out), "--workers", "1", "--quiet"]
    )
    assert result.exit_code == 1, result.output
    assert "internal error" in result.stderr and "fails its own audit" in result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        OUTPUT_MARKER,
        "REJECTED-plan-failed-its-audit.csv",
        "compliance.csv",
        "summary.json",
    ]  # no assignments.csv and no certificate: nothing here reads as a plan
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["status"] == "internal_error"
    assert summary["violations"]  # rule id -> count
    # `rotation audit` cannot mistake the folder for a plan.
    audited = CliRunner().invoke(main, ["audit", str(tmp_path / "s"), str(out)])
    assert audited.exit_code == 2
