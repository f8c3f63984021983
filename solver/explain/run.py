"""Explain many teachers of one plan: split and audit the plan once, then each teacher."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from solver.explain.alternative import Alternative, alternative
from solver.explain.teacher import Placement, PlanParts, placement
from solver.explain.why import Why, why
from solver.input.plan import PlanRow
from solver.scenario import Scenario


@dataclass(frozen=True)
class Explanation:
    """Everything said about one teacher: the placement's reasons and cost, the alternative."""

    placement: Placement
    alternative: Alternative | None
    why: Why | None = None
    """What set a mover apart from the colleagues who could have gone, and who takes the place."""


def explain_teachers(
    scenario: Scenario,
    plan: Sequence[PlanRow],
    teacher_ids: Sequence[str] | None = None,
    *,
    alternatives: bool = True,
    time_limit: float = 10.0,
    workers: int = 1,
    seed: int = 0,
    progress: Callable[[int, int, float], None] | None = None,
) -> list[Explanation]:
    """The explanation of each teacher (default: every teacher the plan moves).

    Parameters
    ----------
    scenario, plan
        The scenario and any plan of it (rows the audit rejects under H1 are left out).
    teacher_ids
        Teachers to explain, in this order; ``None`` for every mover in teachers.csv order.
    alternatives
        Re-solve the alternative for each teacher (``time_limit`` seconds each).
    progress
        Called after each teacher with (done, total, seconds so far).
    """
    started = time.monotonic()
    parts = PlanParts(scenario, plan)
    ids = list(teacher_ids) if teacher_ids is not None else parts.movers
    moving = {r.teacher_id for r in parts.kept}
    result = []
    for i, teacher_id in enumerate(ids, start=1):
        alt = alternative(parts, teacher_id, time_limit, workers, seed) if alternatives else None
        placed = placement(parts, teacher_id)
        result.append(Explanation(placed, alt, why(scenario, placed, moving, alt)))
        if progress is not None:
            progress(i, len(ids), time.monotonic() - started)
    return result
