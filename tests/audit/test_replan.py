"""The audit of a re-planned cycle (SPEC §6): H12 both ways, and the readings of served years.

Cycle 2023-2025 re-planned from 2024: 2023 is history. Pairing p: lead A, member B; the lead
sends 1 a year (H6), so a plan without a 2024 or 2025 row breaks H6 but a 2023 gap does not.
"""

from __future__ import annotations

import pytest

from solver.audit import audit
from solver.input.plan import PlanRow
from solver.rules import Rule
from solver.scenario import ScenarioInfo
from tests.helpers_build import org, row, scenario, school, teacher

HISTORY = (row("a1", 2023, "A", "B", "p"), row("gone", 2023, "A", "B", "p"))
WORLD = scenario(
    [school("A"), school("B"), school("C")],
    [org("p", "pairing", "A", ["B"], min_out_per_member=1)],
    [teacher(t, "A") for t in ("a1", "a2", "a3")] + [teacher("old", "A", birth_year=1950)],
    weights={"move": 10},
    years=3,
).replace(
    info=ScenarioInfo(name="t", cycle_start=2023, cycle_years=3, replan_from=2024),
    history_plan=HISTORY,
)
SERVED = [row("a2", 2024, "A", "B", "p"), row("a3", 2025, "A", "B", "p")]


def broken(plan: list) -> dict[Rule, int]:
    report = audit(WORLD, plan)
    return {r: s.violations for r, s in report.per_rule.items() if s.violations}


def test_the_history_and_a_legal_future_are_compliant() -> None:
    # 'gone' left (not in teachers.csv): legal in 2023. 4 rows x move 10 = 40.
    report = audit(WORLD, [*HISTORY, *SERVED])
    assert report.compliant, [c.sentence for c in report.violations]
    assert report.per_rule[Rule.H12].checked == 2 and report.cost == 40


@pytest.mark.parametrize(
    ("plan", "expected"),
    [
        # a history row missing: H12 once
        ([HISTORY[0], *SERVED], {Rule.H12: 1}),
        # a history row changed (host C): H12 once; its pair is not a partner, but in a served
        # year H1 checks ids only
        ([row("a1", 2023, "A", "C", "p"), HISTORY[1], *SERVED], {Rule.H12: 1}),
        # a row added in 2023 (an ineligible teacher, but H2 is not read in served years)
        ([*HISTORY, row("old", 2023, "A", "B", "p"), *SERVED], {Rule.H12: 1}),
        # 'gone' in an open year is an unknown teacher (H1)
        ([*HISTORY, *SERVED, row("gone", 2025, "A", "B", "p")], {Rule.H1: 1}),
        # a1 rotates again after a run that ended in history (H3, one rotation per cycle)
        ([*HISTORY, *SERVED, row("a1", 2025, "A", "B", "p")], {Rule.H3: 1}),
        # nobody sent in 2025 (H6 in an open year)
        ([*HISTORY, SERVED[0]], {Rule.H6: 1}),
    ],
)
def test_audit_of_a_re_plan(plan: list, expected: dict) -> None:
    assert broken(plan) == expected


def test_h12_names_the_row() -> None:
    plan = [PlanRow("a1", 2023, "A", "C", "p", line=2), HISTORY[1], *SERVED]
    (check,) = audit(WORLD, plan).violations
    assert check.rule is Rule.H12 and check.line == 2 and check.teacher == "a1"
    assert "A->B under p" in check.sentence and "A->C under p" in check.sentence


def test_departed_rows_cost_move_and_distance_only() -> None:
    report = audit(WORLD, [*HISTORY, *SERVED])
    assert report.cost_terms["move"] == 40 and report.cost_terms["due"] == 0
