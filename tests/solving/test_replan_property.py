"""The property of SPEC §6: re-planning with nothing changed returns the published plan.

The published plan is the optimal plan of a generated tiny scenario (5 schools, 128 teachers);
re-planned from 2024 or 2025 with that plan as history.csv and the same roster, the re-plan is
the same plan, row for row, at the same cost (change 0), under the default policy and under
two-to-three-year terms (where 2023 runs continue into the open years). The audit agrees with
the solver term by term.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from solver.audit import audit
from solver.generate import generate
from solver.input.formats import PLAN_COLUMNS
from solver.input.loader import load_scenario
from solver.output.changes import changes
from solver.output.files import write_csv
from solver.solving.result import Status
from solver.solving.solve import solve

LONG_TERMS = [
    "policy.min_term_years=2",
    "policy.max_term_years=3",
    "policy.pairing.reciprocity=none",
    "policy.community.reciprocity=none",
    "policy.group.reciprocity=none",
]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("property") / "tiny"
    generate("tiny", 1, folder)
    return folder


@pytest.mark.parametrize("sets", [[], LONG_TERMS], ids=["default", "long-terms"])
@pytest.mark.parametrize("year", [2024, 2025])
def test_nothing_changed_returns_the_published_plan(
    tiny: Path, tmp_path: Path, sets: list[str], year: int
) -> None:
    published = solve(load_scenario(tiny, sets), 30, 1)
    assert published.status is Status.OPTIMAL
    plan = tmp_path / "published.csv"
    write_csv(plan, PLAN_COLUMNS, [[getattr(a, c) for c in PLAN_COLUMNS] for a in published.plan])
    s = load_scenario(tiny, [*sets, f"scenario.replan_from={year}"], history=plan)
    again = solve(s, 30, 1)
    assert again.status is Status.OPTIMAL
    assert set(again.plan) == set(published.plan) and again.cost == published.cost
    assert changes(s, s.history_plan, again.plan) == []
    report = audit(s, again.plan)
    assert report.compliant and report.cost_terms == again.terms
