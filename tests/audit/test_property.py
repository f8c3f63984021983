"""Every solved plan passes the independent audit, and the audit's cost equals the solver's,
term by term, over generated scenarios (PyVRP's ``Solution.is_feasible()`` discipline).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import solver.generate as generate_module
import solver.solving.solve as solve_module
from solver.audit import audit
from solver.input.loader import load_scenario
from solver.rules import CostTerm

VARIANTS = [
    [],
    ["policy.max_term_years=2"],
    ["policy.group.reciprocity=aggregate", "policy.group.reciprocity_tolerance=1"],
    ["weights.change=0", "weights.spread=0"],
]


def solve_and_audit(folder: Path, overrides: list[str], time_limit: float) -> bool:
    """Solve, then audit the plan; ``False`` when the solver found no plan to audit."""
    scenario = load_scenario(folder, overrides)
    result = solve_module.solve(scenario, time_limit=time_limit, workers=4, seed=0)
    if not result.status.has_plan:
        return False
    report = audit(scenario, result.plan)
    assert report.compliant, [c.sentence for c in report.violations[:10]]
    assert len(report.kept) == len(result.plan)
    for term in CostTerm:
        assert report.cost_terms[term] == result.terms[term], term
    assert report.cost == result.cost
    return True


SEEDS = range(10)


@pytest.mark.parametrize("seed", SEEDS)
def test_solved_tiny_plans_pass_the_audit(tmp_path: Path, seed: int):
    """Ten generated tiny scenarios, each under one of the policy variants in turn."""
    generate_module.generate("tiny", seed, tmp_path)
    overrides = VARIANTS[seed % len(VARIANTS)]
    assert solve_and_audit(tmp_path, overrides, time_limit=20), f"no plan: seed {seed}"


@pytest.mark.parametrize("seed", [0, 1])
def test_replanning_against_a_reference_plan(tmp_path: Path, seed: int):
    """The change term: re-plan with half of a previous plan as reference_plan.csv."""
    generate_module.generate("tiny", seed, tmp_path)
    first = solve_module.solve(load_scenario(tmp_path), time_limit=20, workers=4, seed=0)
    lines = ["teacher_id,year,home_school_id,host_school_id,org_id"] + [
        f"{a.teacher_id},{a.year},{a.home_school_id},{a.host_school_id},{a.org_id}"
        for a in first.plan[::2]
    ]
    (tmp_path / "reference_plan.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert solve_and_audit(tmp_path, ["weights.change=7"], time_limit=20)


def test_solved_lianyun_plan_passes_the_audit(tmp_path: Path):
    generate_module.generate("lianyun", 1, tmp_path)
    assert solve_and_audit(tmp_path, [], time_limit=60), "no plan for lianyun in 60 s"
