"""How the solve shares its time among the parts, and the warm start's fallback.

Parts start largest first, each with all the time left except what the parts not yet started
need for their first plans and the other workers cannot give them; a warm start whose first
neighbourhood has no plan widens it rather than give up.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from solver.audit import audit
from solver.input.loader import load_scenario
from solver.model.build import build_model
from solver.model.extract import plan_from_counts
from solver.scenario import Scenario
from solver.solving import warmstart
from solver.solving.part import ComponentJob
from solver.solving.parts import components, restrict
from solver.solving.progress import ProgressBoard
from solver.solving.solve import _Scheduler, first_plan_seconds, solve

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def lianyun() -> Scenario:
    return load_scenario(ROOT / "scenarios" / "lianyun-2023")


def _scheduler(scenario: Scenario, parallel: int, seconds: float) -> _Scheduler:
    parts = components(scenario)
    deadline = time.time() + seconds
    jobs = [
        ComponentJob(i, restrict(scenario, ids), None, deadline, 1, 0)
        for i, ids in enumerate(parts)
    ]
    board = ProgressBoard(len(jobs), time.monotonic())
    return _Scheduler(jobs, parallel, deadline, board, threading.Event(), None)


def test_largest_part_first_with_all_the_time_beside_an_idle_worker(lianyun: Scenario) -> None:
    scheduler = _scheduler(lianyun, parallel=2, seconds=60)
    job, round_ = scheduler._next()
    sizes = [len(j.scenario.teachers) for j in scheduler.jobs]
    assert round_ == 1 and len(job.scenario.teachers) == max(sizes)
    # The other worker is idle: it can give every other part its first plan.
    assert scheduler._limit(job, round_, last=False) == pytest.approx(60, abs=0.5)


def test_a_part_beside_a_busy_worker_leaves_the_others_their_first_plans(
    lianyun: Scenario,
) -> None:
    scheduler = _scheduler(lianyun, parallel=2, seconds=60)
    scheduler._next()
    scheduler.ends[object()] = scheduler.deadline  # the largest part may run to the deadline
    job, round_ = scheduler._next()
    left = sum(first_plan_seconds(j) for j in scheduler.first_pass)
    assert left > 0
    assert scheduler._limit(job, round_, last=False) == pytest.approx(60 - left, abs=0.5)
    # When the time left is all reserved, a part still gets its own first plan's time.
    scheduler.deadline = time.time() + left / 2
    assert scheduler._limit(job, round_, last=False) == pytest.approx(
        min(left / 2, first_plan_seconds(job)), abs=0.5
    )


def test_time_limit_is_kept_and_every_part_planned(lianyun: Scenario) -> None:
    result = solve(lianyun, time_limit=20, workers=2)
    assert result.status.has_plan and all(c.status.has_plan for c in result.components)
    assert result.wall_time < 20 + 2


def test_warm_start_widens_when_the_lps_own_moves_admit_no_plan(
    lianyun: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An LP "optimum" that moves nobody: its own moves (none) cannot meet lianyun's quotas,
    # so the first neighbourhood has no plan. Every reduced cost is 0, so the next one (the LP's
    # ties) is the whole model: asked for one neighbourhood, the warm start goes on to it.
    largest = max(
        (restrict(lianyun, ids) for ids in components(lianyun)), key=lambda s: len(s.teachers)
    )
    built = build_model(largest)
    runs = len(built.variables.x)
    nobody = warmstart.LpSolution([0.0] * runs, [0.0] * runs, 0.0)
    monkeypatch.setattr(warmstart, "solve_lp", lambda model, count, limit: nobody)
    first = warmstart.restricted_solve(built, nobody, -warmstart.INFINITY, 10, 1, 0)
    assert first is None  # the LP's own moves: no plan
    found = warmstart.warm_start(built, 20, 1, 0, free_below=10, steps=1)
    assert found is not None
    plan = plan_from_counts(built.variables, found.counts)
    report = audit(largest, plan)
    assert report.compliant and report.cost == found.cost


def test_time_limit_counts_from_the_clock_given(lianyun: Scenario) -> None:
    # solve and replan start the clock when the command starts, so loading counts: a limit
    # already used up by then leaves no time to search.
    spent = solve(lianyun, time_limit=5, workers=1, clock_started=time.time() - 5)
    assert not spent.status.has_plan and spent.plan == ()
    fresh = solve(lianyun, time_limit=5, workers=1, clock_started=time.time())
    assert fresh.status.has_plan


def test_short_search_proves_a_small_part_and_bounds_a_plan(lianyun: Scenario) -> None:
    # Lianyun's largest part (2,043 runs: HiGHS's size, too small for the LP warm start) is
    # proven by the short CP-SAT search alone, so no HiGHS process is started for it.
    largest = max(
        (restrict(lianyun, ids) for ids in components(lianyun)), key=lambda s: len(s.teachers)
    )
    built = build_model(largest)
    found = warmstart.short_search(built, 30, 2.0, 1, 0)
    assert found is not None and found.bound == found.cost
    report = audit(largest, plan_from_counts(built.variables, found.counts))
    assert report.compliant and report.cost == found.cost
