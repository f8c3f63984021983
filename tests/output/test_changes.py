"""changes.csv of a re-plan (SPEC §6): one row per teacher-year whose place differs, and why.

A place is the host of the row, else the teacher's home. Cycle 2023-2025, re-planned from 2024.
"""

from __future__ import annotations

import pytest

from solver.output.changes import Reason, by_reason, changes, kept_rows
from solver.scenario import ScenarioInfo
from tests.helpers_build import lock, org, row, scenario, school, teacher

WORLD = scenario(
    [school("A"), school("B")],
    [org("p", "pairing", "A", ["B"])],
    [
        teacher("stays", "A"),
        teacher("new", "A", school_since=2024),  # joined A since the cycle began
        teacher("ill", "A", exempt=True, exempt_from=2025),
        teacher("held", "A"),
    ],
    years=3,
    locks=(lock("held", 2025, "A"),),
).replace(info=ScenarioInfo(name="t", cycle_start=2023, cycle_years=3, replan_from=2024))
PUBLISHED = [
    row("gone", 2023, "A", "B", "p"),  # history of a teacher who left: kept, no change
    row("gone", 2024, "A", "B", "p"),  # left: a change to nowhere
    row("new", 2025, "A", "B", "p"),
    row("ill", 2025, "A", "B", "p"),
    row("held", 2025, "A", "B", "p"),
    row("stays", 2024, "A", "B", "p"),  # kept as published
]
REPLAN = [PUBLISHED[0], PUBLISHED[5], row("stays", 2025, "A", "B", "p")]


def test_every_changed_teacher_year_with_its_reason() -> None:
    found = {(c.teacher_id, c.year): (c.before, c.after, c.reason) for c in
             changes(WORLD, PUBLISHED, REPLAN)}  # fmt: skip
    assert found == {
        ("gone", 2024): ("B", "", Reason.LEFT),
        ("new", 2025): ("B", "A", Reason.JOINED),
        ("ill", 2025): ("B", "A", Reason.EXEMPT),
        ("held", 2025): ("B", "A", Reason.LOCKED),
        # 'stays' also serves in 2025 now: nothing about them changed
        ("stays", 2025): ("A", "B", Reason.REBALANCED),
    }


def test_counts() -> None:
    found = changes(WORLD, PUBLISHED, REPLAN)
    assert by_reason(found) == {"left": 1, "joined": 1, "exempt": 1, "locked": 1,
                                "rebalanced": 1}  # fmt: skip
    # published rows of 2024-2025: 5; the re-plan keeps 1 (stays 2024)
    assert kept_rows(WORLD, PUBLISHED, REPLAN) == (1, 5)


@pytest.mark.parametrize("plan", [PUBLISHED, list(reversed(PUBLISHED))])
def test_the_same_plan_has_no_change(plan: list) -> None:
    assert changes(WORLD, PUBLISHED, plan) == []
