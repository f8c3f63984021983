"""Ctrl-C semantics without a terminal: stopping the search keeps the best plan found so far."""

from __future__ import annotations

import threading
from pathlib import Path

from solver.audit import audit
from solver.io import load_scenario
from solver.progress import ProgressBoard
from solver.solve import solve

LIANYUN = Path(__file__).parents[1] / "scenarios" / "lianyun-2023"


def test_stop_after_the_first_plan_returns_it():
    # Two rotations of up to two years make the model far slower to prove optimal than to
    # find a first plan; the stop flag is raised the moment a complete plan exists.
    scenario = load_scenario(
        LIANYUN, ["policy.max_rotations_per_cycle=2", "policy.max_term_years=2"]
    )
    stop = threading.Event()

    def on_progress(board: ProgressBoard) -> None:
        if board.cost is not None:
            stop.set()

    result = solve(scenario, 60, 1, 0, decompose=False, progress=on_progress, stop=stop)
    assert stop.is_set()
    assert result.interrupted
    assert result.status.has_plan and result.plan
    assert result.wall_time < 60
    report = audit(scenario, result.plan)
    assert report.compliant and report.cost == result.cost
