"""A near-optimal first plan for a large model, from its LP relaxation (an LP-guided warm start).

On this model the LP relaxation is almost integral (a few hundred fractional counts among tens
of thousands), yet on large parts CP-SAT takes a while to turn that into good plans. So, before
the main search: solve the LP with GLOP; solve the model restricted to the moves the LP uses
(each count between the floor and the ceiling of its LP value, every other count 0: "RENS"),
which CP-SAT does in a moment when those moves suffice; then widen the neighbourhood to every
move whose reduced cost is small and solve again from the best plan so far, which usually
finds an optimal plan. The best plan is
handed to the full model as a complete hint: the full search starts from it and proves or
improves on it; nothing is fixed for good.
"""

from __future__ import annotations

import math
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ortools.linear_solver import linear_solver_pb2, pywraplp
from ortools.sat import cp_model_pb2
from ortools.sat.python import cp_model

from solver.model.build import BuiltModel
from solver.solving.params import tune
from solver.solving.stopping import StopFlag, stop_watch

INFINITY = float("inf")
TOLERANCE = 1e-6
WIDENED_GAP = 0.01
"""A neighbourhood widened only because the narrower one had no plan stops at its first plan
within this gap of the LP bound (the city's seed 3: the LP's own moves admit no plan on its
largest part; the LP ties give 23,300, its optimum, in about 13 s)."""


def _proto_of(model: cp_model.CpModel) -> cp_model_pb2.CpModelProto:
    """The model as a protobuf message (through a file: the wrapper cannot serialise)."""
    handle, path = tempfile.mkstemp(suffix=".pb")
    os.close(handle)
    try:
        model.export_to_file(path)
        proto = cp_model_pb2.CpModelProto()
        with open(path, "rb") as f:
            proto.ParseFromString(f.read())
        return proto
    finally:
        os.unlink(path)


def lp_relaxation(model: cp_model.CpModel) -> linear_solver_pb2.MPModelProto:
    """The LP relaxation: linear constraints as they are, ``t = max(e...)`` as ``t >= e``.

    Every constraint of the optimisation model is linear or a max/min, and the objective pushes
    each max down and each min up, so this is the model's own LP relaxation.
    """
    proto = _proto_of(model)
    lp = linear_solver_pb2.MPModelProto()
    for v in proto.variables:
        lp.variable.add(lower_bound=v.domain[0], upper_bound=v.domain[-1])
    for var, coeff in zip(proto.objective.vars, proto.objective.coeffs, strict=True):
        lp.variable[var].objective_coefficient = coeff
    lp.objective_offset = proto.objective.offset
    for c in proto.constraints:
        if c.enforcement_literal:
            continue
        kind = c.WhichOneof("constraint")
        if kind == "linear":
            lo, hi = c.linear.domain[0], c.linear.domain[-1]
            lp.constraint.add(
                var_index=c.linear.vars,
                coefficient=c.linear.coeffs,
                lower_bound=lo if lo > cp_model.INT_MIN else -INFINITY,
                upper_bound=hi if hi < cp_model.INT_MAX else INFINITY,
            )
        elif kind == "lin_max":
            target = c.lin_max.target
            for expr in c.lin_max.exprs:
                coeffs: dict[int, int] = {}
                for var, coeff in zip(target.vars, target.coeffs, strict=True):
                    coeffs[var] = coeffs.get(var, 0) + coeff
                for var, coeff in zip(expr.vars, expr.coeffs, strict=True):
                    coeffs[var] = coeffs.get(var, 0) - coeff
                lp.constraint.add(
                    var_index=list(coeffs),
                    coefficient=list(coeffs.values()),
                    lower_bound=expr.offset - target.offset,
                    upper_bound=INFINITY,
                )
    return lp


@dataclass(frozen=True)
class LpSolution:
    """The LP optimum on the run variables: values and reduced costs."""

    values: list[float]
    reduced_costs: list[float]
    objective: float = -INFINITY
    """The LP optimum: a lower bound on the model's cost (the LP relaxes it)."""


def solve_lp(model: cp_model.CpModel, count: int, time_limit: float) -> LpSolution | None:
    """GLOP's optimum on the first ``count`` variables (the runs), or ``None``."""
    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None:
        return None
    solver.LoadModelFromProto(lp_relaxation(model))
    solver.SetTimeLimit(max(1, int(time_limit * 1000)))
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    variables = solver.variables()[:count]
    return LpSolution(
        [v.solution_value() for v in variables],
        [v.reduced_cost() for v in variables],
        solver.Objective().Value(),
    )


@dataclass(frozen=True)
class WarmStart:
    """A plan of the full model found this way: every variable's value, and the cost terms."""

    values: list[int]
    counts: list[int]
    terms: dict[str, int]
    bound: int | None = None
    """Proven: no plan costs less (the LP relaxation's optimum, or CP-SAT's bound, rounded up:
    the cost is integral)."""

    @property
    def cost(self) -> int:
        return sum(self.terms.values())


def restricted_solve(
    built: BuiltModel,
    lp: LpSolution,
    free_below: float,
    time_limit: float,
    workers: int,
    seed: int,
    start: WarmStart | None = None,
    stop: StopFlag | None = None,
    good_enough: float | None = None,
) -> WarmStart | None:
    """Solve the model with each run count kept near the LP: at least the floor of its LP value,
    at most the ceiling (so 0 where the LP uses none) unless its reduced cost is at most
    ``free_below``, which lets it grow. The best plan found, or ``None``; the search stops at
    a plan costing ``good_enough`` or less."""
    restricted = built.model.clone()
    restricted.clear_hints()
    domains = restricted.proto.variables
    for var, value, cost in zip(built.variables.x, lp.values, lp.reduced_costs, strict=True):
        domain = domains[var.index].domain
        domain[0] = math.floor(value + TOLERANCE)
        if cost > free_below:
            domain[1] = math.ceil(value - TOLERANCE)
    if start is not None:
        hint = restricted.proto.solution_hint
        hint.vars.extend(range(len(start.values)))
        hint.values.extend(start.values)
    solver = _solver(time_limit, workers, seed)
    tune(solver.parameters, presolve=True)
    callback = _StopAt(good_enough) if good_enough is not None else None
    with stop_watch(solver, stop):
        status = solver.solve(restricted, callback)
    return _plan_of(built, solver, status)


def short_search(
    built: BuiltModel,
    time_limit: float,
    seconds: float,
    workers: int,
    seed: int,
    stop: StopFlag | None = None,
) -> WarmStart | None:
    """CP-SAT on the whole model (from the model's own hint, such as a re-plan's published
    plan) until it proves the optimum, or for ``seconds`` once it has a plan (as long as it
    needs for one, within ``time_limit``): its best plan, with its proven bound, or ``None``.

    Small parts are proven this way in a moment; for the others it is the plan HiGHS is asked
    to beat (HiGHS ended at a deadline keeps its own plan to itself)."""
    solver = _solver(time_limit, workers, seed)
    tune(solver.parameters)
    found = _Found()
    with stop_watch(solver, _PlanAndTime(found, time.monotonic() + seconds, stop)):
        status = solver.solve(built.model, found)
    plan = _plan_of(built, solver, status)
    if plan is None or not math.isfinite(solver.best_objective_bound):
        return plan
    return replace(plan, bound=math.ceil(solver.best_objective_bound - TOLERANCE))


class _Found(cp_model.CpSolverSolutionCallback):
    """Notes that the search has a plan."""

    def __init__(self) -> None:
        super().__init__()
        self.any = False

    def on_solution_callback(self) -> None:
        self.any = True


class _PlanAndTime:
    """A stop flag set by ``stop``, or once there is a plan and the time ``until`` is past."""

    def __init__(self, found: _Found, until: float, stop: StopFlag | None) -> None:
        self.found, self.until, self.stop = found, until, stop

    def is_set(self) -> bool:
        if self.stop is not None and self.stop.is_set():
            return True
        return self.found.any and time.monotonic() >= self.until

    def set(self) -> None:
        if self.stop is not None:
            self.stop.set()


def _solver(time_limit: float, workers: int, seed: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.catch_sigint_signal = False
    return solver


def _plan_of(built: BuiltModel, solver: cp_model.CpSolver, status: Any) -> WarmStart | None:
    """The plan a finished search found (every variable's value and the cost terms), if any."""
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    values = [int(v) for v in solver.response_proto.solution]
    counts = [values[var.index] for var in built.variables.x]
    terms = {term.value: int(solver.value(expr)) for term, expr in built.terms.items()}
    return WarmStart(values, counts, terms)


class _StopAt(cp_model.CpSolverSolutionCallback):
    """Stops the search at a plan costing ``target`` or less."""

    def __init__(self, target: float) -> None:
        super().__init__()
        self.target = target

    def on_solution_callback(self) -> None:
        if self.objective_value <= self.target:
            self.stop_search()


def warm_start(
    built: BuiltModel,
    time_limit: float,
    workers: int,
    seed: int,
    free_below: float,
    on_plan: Callable[[int], None] | None = None,
    stop: StopFlag | None = None,
    steps: int = 3,
    first_plan: tuple[float, float] | None = None,
) -> WarmStart | None:
    """A good plan for ``built``, or ``None`` when none was found in time.

    Neighbourhoods of the LP optimum, each solved from the best plan so far: the moves the LP
    uses (a plan in a moment, when they suffice), then also every move whose reduced cost is 0
    (LP ties), then every move whose reduced cost is at most ``free_below`` (a wider, still
    small, neighbourhood that usually holds an optimal plan). ``on_plan`` hears the cost of
    each better plan as it is found. ``steps = 1`` stops after the first neighbourhood that
    gives a plan (a plan in a moment, when HiGHS is to improve and prove it; a neighbourhood
    searched past ``steps`` stops at a plan within ``WIDENED_GAP`` of the LP bound).
    ``first_plan = (seconds, gap)`` (``steps`` neighbourhoods, never widened): each is
    searched for at most ``seconds``, and only until a plan within ``gap`` (relative) of the
    LP bound: a plan, fast.
    """
    began = time.monotonic()
    lp = solve_lp(built.model, len(built.variables.x), time_limit)
    if lp is None:
        return None
    best: WarmStart | None = None
    thresholds = (-INFINITY, TOLERANCE, free_below)
    for n, threshold in enumerate(thresholds):
        if n >= steps and (best is not None or first_plan is not None):
            # Widened for want of a plan (the LP's own moves may not suffice); not in a
            # plan-first pass, where the search finds one sooner than capped neighbourhoods.
            break
        left = time_limit - (time.monotonic() - began)
        if left <= 0 or (stop is not None and stop.is_set()):
            break
        share = left / max(1, min(steps, len(thresholds)) - n)
        good_enough = None
        if first_plan is not None:
            share = min(share, first_plan[0])
            good_enough = lp.objective + first_plan[1] * abs(lp.objective)
        elif n >= steps:  # searched only for want of a plan: the first good one will do
            good_enough = lp.objective + WIDENED_GAP * abs(lp.objective)
        found = restricted_solve(
            built, lp, threshold, share, workers, seed, best, stop, good_enough
        )
        if found is not None and (best is None or found.cost < best.cost):
            best = found
            if on_plan is not None:
                on_plan(best.cost)
    if best is not None and math.isfinite(lp.objective):
        best = replace(best, bound=math.ceil(lp.objective - TOLERANCE))
    return best


def add_hint(built: BuiltModel, values: Sequence[int]) -> None:
    """Hint every variable (a complete hint, replacing any hint already there)."""
    built.model.clear_hints()
    hint = built.model.proto.solution_hint
    hint.vars.extend(range(len(values)))
    hint.values.extend(values)
