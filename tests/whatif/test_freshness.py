"""An output read after its files changed (issue 19.5): report and compare say which files
changed, on the console and on the page, and never show the solver's recorded cost or verdict
as the plan's."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from solver.whatif.freshness import freshness


@pytest.fixture
def solved(solved_tiny: Path) -> Path:
    return solved_tiny


def copy(solved: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of scenario and output with the same relative layout (the summary names the
    scenario as ../tiny)."""
    shutil.copytree(solved / "tiny", tmp_path / "tiny")
    shutil.copytree(solved / "out", tmp_path / "out")
    return tmp_path / "tiny", tmp_path / "out"


def drop_first_rows(plan: Path, n: int) -> None:
    lines = plan.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    plan.write_text("".join([lines[0], *lines[1 + n :]]), encoding="utf-8-sig")


def summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def tile(html: str, key: str) -> str:
    found = re.search(rf'data-key="p1\.{re.escape(key)}">([^<]*)<', html)
    assert found, key
    return found.group(1)


def test_an_untouched_output_is_fresh(solved: Path):
    fresh = freshness(solved / "out", summary(solved / "out"), solved / "tiny")
    assert not fresh.stale and fresh.files() == []


def test_a_plan_edited_by_hand_is_named_and_its_recorded_cost_not_shown(
    solved: Path, tmp_path: Path
):
    _, out = copy(solved, tmp_path)
    recorded = summary(out)
    assert recorded["audit"]["compliant"]
    drop_first_rows(out / "assignments.csv", 2)  # two movers fewer: the quotas break
    page = tmp_path / "r.html"
    result = CliRunner().invoke(main, ["report", str(out), "-o", str(page)])
    assert result.exit_code == 0, result.output
    assert "assignments.csv" in result.stderr and "改动" in result.stderr
    html = page.read_text(encoding="utf-8")
    assert 'class="stale"' in html and "assignments.csv" in html
    # Not the recorded cost, nor "every rule holds" beside the violations of the plan as it is.
    assert tile(html, "summary.cost") != str(recorded["cost"])
    assert tile(html, "status") == "已改动（非求解结果）"
    assert "全部规则满足" not in html
    assert tile(html, "summary.bound") == ""


def test_compare_names_the_changed_plan_and_shows_the_audit_figures(solved: Path, tmp_path: Path):
    _, out = copy(solved, tmp_path)
    drop_first_rows(out / "assignments.csv", 1)
    result = CliRunner().invoke(main, ["compare", str(solved / "out"), str(out), "--format",
                                       "json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "assignments.csv" in result.stderr
    kpis = json.loads(result.stdout)
    first, edited = kpis.values()  # in the order given
    assert edited["status"] == "edited" and edited["changed_files"] == "assignments.csv"
    assert edited["cost"] != first["cost"]  # the audit's cost of the edited plan
    assert "changed_files" not in first


def test_an_edited_scenario_file_is_named(solved: Path, tmp_path: Path):
    scenario, out = copy(solved, tmp_path)
    demand = scenario / "demand.csv"
    lines = demand.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    demand.write_text("".join(lines[:-1]), encoding="utf-8-sig")  # one demand row fewer
    page = tmp_path / "r.html"
    result = CliRunner().invoke(main, ["report", str(out), "-o", str(page)])
    assert result.exit_code == 0, result.output
    assert "demand.csv" in result.stderr
    html = page.read_text(encoding="utf-8")
    assert "demand.csv" in html and 'class="stale"' in html
    assert tile(html, "status") != "已改动（非求解结果）"  # the plan itself is as solved
    fresh = freshness(out, summary(out), scenario)
    assert fresh.changed == ("demand.csv",) and not fresh.plan_changed


def test_english_warning_with_lang_en(solved: Path, tmp_path: Path):
    _, out = copy(solved, tmp_path)
    drop_first_rows(out / "assignments.csv", 1)
    result = CliRunner().invoke(main, ["report", str(out), "-o", str(tmp_path / "r.html"),
                                       "--lang", "en"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "changed after it was solved (assignments.csv)" in result.stderr
