"""The least change toward permissive, per knob, found with the solver (SPEC §9).

Each knob's values are monotone (a looser value never removes a plan), so the least value that
gives a plan is found by bisection on its grid: the loosest value first (no plan there: the
knob cannot repair), then halving between the last value without a plan and the first with
one. ``minimal`` holds when the value one step nearer the original was proven infeasible.
Knobs are searched in parallel threads, one CP-SAT worker each, every probe time-limited.
"""

from __future__ import annotations

import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from solver.input.loader import InputError, load_scenario
from solver.repair.knobs import Knob
from solver.repair.variant import write_variant
from solver.solving.result import Result, Status
from solver.solving.solve import solve


@dataclass(frozen=True)
class Repair:
    """One change on its own that gives a plan, with the plan's cost."""

    knob: Knob
    after: object
    minimal: bool
    status: str
    cost: int | None
    gap: float | None

    @property
    def order(self) -> tuple[int, int, str, str]:
        scope, setting, target = self.knob.order
        return (scope, self.cost if self.cost is not None else 2**62, setting, target)


@dataclass(frozen=True)
class Progress:
    """Where the search stands: knobs finished of all, probes run, repairs found."""

    done: int
    total: int
    probes: int
    found: int


def probe(
    original: Path, sets: Sequence[str], knob: Knob, value: object, time_limit: float
) -> Result | None:
    """Solve the original with ``knob`` at ``value``; ``None`` when the variant is bad input."""
    with tempfile.TemporaryDirectory(prefix="rotation-repair-") as tmp:
        folder = Path(tmp)
        write_variant(folder, original, sets, knob, value)
        try:
            scenario = load_scenario(folder)
        except InputError:
            return None
        return solve(scenario, time_limit, workers=1, decompose=True)


def least_change(
    original: Path,
    sets: Sequence[str],
    knob: Knob,
    time_limit: float,
    deadline: float,
    original_infeasible: bool,
    counted: Callable[[], None] = lambda: None,
) -> Repair | None:
    """Bisect ``knob.grid`` for the value nearest the original that gives a plan."""
    grid = knob.grid
    results: dict[int, Result | None] = {}

    def run(index: int) -> Result | None:
        limit = min(time_limit, deadline - time.monotonic())
        if limit <= 0:
            return None
        results[index] = probe(original, sets, knob, grid[index], limit)
        counted()
        return results[index]

    def has_plan(index: int) -> bool:
        result = run(index)
        return result is not None and result.status.has_plan

    high = len(grid) - 1
    if not has_plan(high):
        return None
    low = -1  # the original: no plan
    while high - low > 1:
        middle = (low + high) // 2
        if has_plan(middle):
            high = middle
        else:
            low = middle
    best = results[high]
    assert best is not None
    if low == -1:
        minimal = original_infeasible
    else:
        before = results.get(low)
        minimal = before is not None and before.status is Status.INFEASIBLE
    return Repair(knob, grid[high], minimal, best.status.value, best.cost, best.gap)


def find_repairs(
    original: Path,
    sets: Sequence[str],
    knobs: Sequence[Knob],
    *,
    time_limit: float,
    workers: int,
    budget: float | None = None,
    original_infeasible: bool = True,
    progress: Callable[[Progress], None] | None = None,
) -> list[Repair]:
    """Every knob's least repair, scoped ones first, then by cost.

    Parameters
    ----------
    original, sets
        The scenario folder and the ``--set`` values it was found infeasible with.
    knobs
        What the conflict depends on (``knobs_for``).
    time_limit
        Seconds per probe.
    workers
        Knobs searched at once (one CP-SAT worker each).
    budget
        Seconds for the whole search (``solve``'s quick ending); knobs not reached are skipped.
    """
    deadline = time.monotonic() + (budget if budget is not None else float("inf"))
    lock = threading.Lock()
    state = {"done": 0, "probes": 0, "found": 0}

    def tell() -> None:
        if progress is not None:
            progress(Progress(state["done"], len(knobs), state["probes"], state["found"]))

    def counted() -> None:
        with lock:
            state["probes"] += 1
            tell()

    def one(knob: Knob) -> Repair | None:
        repair = least_change(
            original, sets, knob, time_limit, deadline, original_infeasible, counted
        )
        with lock:
            state["done"] += 1
            state["found"] += repair is not None
            tell()
        return repair

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        found = [r for r in pool.map(one, knobs) if r is not None]
    return sorted(found, key=lambda r: r.order)
