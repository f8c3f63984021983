"""Differences per school and per organization: swaps of same-kind teachers against real changes.

On tests/data/basic with two identical teachers added at lead school A (数学, not backbone, plain
teacher, born 1985, at A since 2015: eligible and due, no preference, no reference plan):
T10 or T11 serving at B in 2024 under group G1 is the same move done by another person.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from solver.audit import audit
from solver.input.loader import load_scenario
from solver.input.plan import PlanRow
from solver.whatif.differences import (
    SCHOOL_COLUMNS,
    PlanInput,
    by_org,
    by_school,
    from_status,
    render,
)
from tests.whatif.test_compare import output_folder

TWINS = (
    "T10,郑一,A,数学,false,teacher,M,1985,2015,false,,\n"
    "T11,郑二,A,数学,false,teacher,M,1985,2015,false,,\n"
)


@pytest.fixture
def twins(basic: Path) -> Path:
    with (basic / "teachers.csv").open("a", encoding="utf-8") as handle:
        handle.write(TWINS)
    return basic


def plan(scenario, label: str, *rows: tuple[str, int, str, str, str]) -> PlanInput:
    return PlanInput(label, scenario, [PlanRow(*r) for r in rows])


def by_key(rows, key):
    return {r[key]: r for r in rows}


def test_a_swap_of_twins_is_an_equal_cost_reshuffle(twins: Path):
    scenario = load_scenario(twins)
    first = plan(scenario, "first", ("T10", 2024, "A", "B", "G1"))
    swap = plan(scenario, "swap", ("T11", 2024, "A", "B", "G1"))
    elsewhere = plan(scenario, "elsewhere", ("T10", 2024, "A", "C", "G1"))
    # The swap costs exactly the same, term by term (the audit recomputes both).
    assert audit(scenario, first.rows).cost_terms == audit(scenario, swap.rows).cost_terms
    schools = by_school([first, swap, elsewhere])
    got = {(r["input"], r["school_id"]): r for r in schools}
    # Swap: two teacher-years differ at A and B (T10 and T11 in 2024), one swapped move, no
    # added or removed move: the schools' figures are the same.
    a = got["swap", "A"]
    assert (a["changed"], a["swapped"], a["added"], a["removed"]) == (2, 1, 0, 0)
    assert a["verdict"] == "reshuffle" and (a["out_first"], a["out"]) == (1, 1)
    assert got["swap", "B"]["verdict"] == "reshuffle"
    assert got["swap", "C"]["verdict"] == "same" and got["swap", "C"]["changed"] == 0
    # Elsewhere: T10 goes to C instead of B, a real change: at A the move of kind (A->B) is
    # removed and one of kind (A->C) added; B loses one incoming teacher, C gains one.
    a = got["elsewhere", "A"]
    assert (a["changed"], a["swapped"], a["added"], a["removed"]) == (1, 0, 1, 1)
    assert a["verdict"] == "changed"
    b = got["elsewhere", "B"]
    assert (b["in_first"], b["in"], b["removed"], b["added"]) == (1, 0, 1, 0)
    c = got["elsewhere", "C"]
    assert (c["in_first"], c["in"], c["added"]) == (0, 1, 1)
    orgs = {(r["input"], r["org_id"]): r for r in by_org([first, swap, elsewhere])}
    assert orgs["swap", "G1"]["verdict"] == "reshuffle"
    assert orgs["swap", "P1"]["verdict"] == "same"
    assert orgs["elsewhere", "G1"]["verdict"] == "changed"
    assert (orgs["elsewhere", "G1"]["moves_first"], orgs["elsewhere", "G1"]["moves"]) == (1, 1)


def test_a_teacher_of_another_kind_is_a_real_change(twins: Path):
    # T1 is backbone and teaches 语文, which B wants (wanted_in 1): not the same kind as T10.
    scenario = load_scenario(twins)
    first = plan(scenario, "first", ("T10", 2024, "A", "B", "G1"))
    other = plan(scenario, "other", ("T1", 2024, "A", "B", "G1"))
    assert audit(scenario, first.rows).cost != audit(scenario, other.rows).cost
    a = by_key(by_school([first, other]), "school_id")["A"]
    assert (a["swapped"], a["added"], a["removed"], a["verdict"]) == (0, 1, 1, "changed")


def test_no_plan_gives_blank_cells_and_the_explanation(twins: Path):
    scenario = load_scenario(twins)
    first = plan(scenario, "first", ("T10", 2024, "A", "B", "G1"))
    none = from_status("none", scenario, "infeasible", [], "H4 G1 2024 conflicts with H9 A")
    rows = by_school([first, none])
    assert {r["input"] for r in rows} == {"none"}
    for r in rows:
        assert r["out"] == r["in"] == r["changed"] == r["verdict"] == ""
        assert r["explanation"] == "H4 G1 2024 conflicts with H9 A"
        assert r["out_first"] != ""  # the first plan's own figures stay
    text = render(rows, SCHOOL_COLUMNS, "table")
    assert text.count("H4 G1 2024 conflicts with H9 A") == 1  # once, under the table


def test_compare_by_school_and_org_formats(twins: Path):
    root = twins.parent
    first = output_folder(root, "first", twins, "T10,2024,A,B,G1\n")
    swap = output_folder(root, "swap", twins, "T11,2024,A,B,G1\n")
    runner = CliRunner()
    result = runner.invoke(main, ["compare", str(first), str(swap), "--by", "school",
                                  "--format", "json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["school_id"] for r in rows] == ["A", "B", "C"]
    assert [r["verdict"] for r in rows] == ["reshuffle", "reshuffle", "same"]
    result = runner.invoke(main, ["compare", str(first), str(swap), "--by", "org",
                                  "--format", "csv"])  # fmt: skip
    lines = result.output.splitlines()
    assert lines[0].startswith("input,org_id,organization,type,moves_first,moves")
    assert lines[1].startswith("swap,G1,甲小学教育集团,group,1,1,")
    assert lines[1].endswith(",2,1,0,0,reshuffle,")
    result = runner.invoke(main, ["compare", str(first), str(swap), "--by", "org",
                                  "--format", "markdown"])  # fmt: skip
    assert result.output.startswith("| input | org_id | organization |")


def test_compare_by_school_with_an_infeasible_scenario(twins: Path):
    # ceil(1.0 x 3 backbone teachers of A) = 3 must serve at members each year, but only
    # T1 and T2 are eligible backbone teachers (T3 is 50, the female exempt age): no plan.
    first = output_folder(twins.parent, "first", twins, "T10,2024,A,B,G1\n")
    result = CliRunner().invoke(
        main,
        ["compare", str(first), str(twins), "--by", "school", "--format", "json",
         "--set", "policy.group.backbone_out_ratio=1", "--workers", "1", "--time-limit", "10"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["input"] for r in rows} == {"basic"}
    assert all(r["out"] == "" and r["verdict"] == "" and r["explanation"] for r in rows)
