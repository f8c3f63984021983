"""A second opinion on a large part: the same model solved as a mixed-integer program by HiGHS.

CP-SAT finds this model's optimal plans quickly but often cannot prove them: its LP relaxation is
very tight, and what is left of the gap is closed faster by a MIP solver's branch and cut. The
OR-Tools wheel ships HiGHS, so the CP-SAT model is handed to it as it is: every variable integer,
every constraint linear, ``t = max(e...)`` read as ``t >= e`` (and ``min`` as ``<=``). That is a
relaxation of the CP-SAT model with the same optimum (the objective pushes every max down and
every min up, each with a positive weight), so HiGHS's dual bound is a lower bound on the CP-SAT
model's cost. HiGHS's plan is never returned as it is: its run counts are fixed in the CP-SAT
model, which computes every variable and cost term exactly (``fixed_plan``); only that plan is
used, and it is called optimal only when its exact cost reaches HiGHS's proven bound.

HiGHS cannot be interrupted through OR-Tools (neither pywraplp nor MathOpt stops it), so it runs
in a child process that is ended when the user stops the solve.
"""

from __future__ import annotations

import math
import multiprocessing
import time
from dataclasses import dataclass
from typing import Any

from ortools.linear_solver import linear_solver_pb2, pywraplp

from solver.model.build import BuiltModel
from solver.solving.stopping import StopFlag
from solver.solving.warmstart import (
    INFINITY,
    LpSolution,
    WarmStart,
    lp_relaxation,
    restricted_solve,
)

TOLERANCE = 1e-6
FIX_SECONDS = 30.0
"""At most this long to complete a plan whose run counts are fixed (it takes well under a second:
presolve fixes almost everything)."""


@dataclass(frozen=True)
class MipOutcome:
    """What HiGHS found: run counts of its best plan (if any) and its proven lower bound."""

    counts: list[int] | None
    bound: int | None
    optimal: bool
    seconds: float


def mip_model(built: BuiltModel) -> linear_solver_pb2.MPModelProto:
    """The CP-SAT model as a MIP: its LP relaxation with every variable integer."""
    proto = lp_relaxation(built.model)
    for variable in proto.variable:
        variable.is_integer = True
    return proto


def _integer_bound(value: float) -> int | None:
    """A float dual bound as an integer one (the objective is integral), if finite."""
    return math.ceil(value - TOLERANCE) if math.isfinite(value) else None


def _run_highs(
    data: bytes, count: int, time_limit: float, hint: list[int] | None
) -> tuple[list[int] | None, int | None, bool]:
    """HiGHS on the serialised MIP: counts of the first ``count`` variables, bound, proven."""
    proto = linear_solver_pb2.MPModelProto.FromString(data)
    solver = pywraplp.Solver.CreateSolver("HIGHS")
    if solver is None:
        return None, None, False
    solver.LoadModelFromProto(proto)
    solver.SetTimeLimit(max(1, int(time_limit * 1000)))
    # Gap 0: stop only at a proof. The objective is integral; HiGHS's absolute gap (1e-6) is far
    # below the 1 that separates two costs.
    solver.SetSolverSpecificParametersAsString("mip_rel_gap=0\noutput_flag=false\n")
    variables = solver.variables()
    if hint is not None:  # a complete plan: every variable's value
        solver.SetHint(variables, [float(v) for v in hint])
    status = solver.Solve()
    if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
        return None, None, False
    counts = [round(v.solution_value()) for v in variables[:count]]
    bound = _integer_bound(solver.Objective().BestBound())
    return counts, bound, status == pywraplp.Solver.OPTIMAL


def _child(connection: Any, data: bytes, count: int, time_limit: float, hint: Any) -> None:
    try:
        connection.send(_run_highs(data, count, time_limit, hint))
    finally:
        connection.close()


def solve_mip(
    built: BuiltModel,
    time_limit: float,
    hint: list[int] | None,
    stop: StopFlag | None = None,
) -> MipOutcome | None:
    """HiGHS on the model for at most ``time_limit`` seconds, from the plan ``hint`` (the value
    of every variable of the model).

    Runs in a child process, ended as soon as ``stop`` is set (``None`` is returned then, and
    when HiGHS found nothing or could not run).
    """
    began = time.monotonic()
    data = mip_model(built).SerializeToString()
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    args = (send, data, len(built.variables.x), time_limit, hint)
    process = context.Process(target=_child, args=args, daemon=True)
    process.start()
    send.close()
    try:
        while not receive.poll(0.05):
            if (stop is not None and stop.is_set()) or not process.is_alive():
                return None
            if time.monotonic() - began > time_limit + 30:
                return None  # HiGHS overran its own limit by far: give up on it
        counts, bound, optimal = receive.recv()
    except (EOFError, OSError):
        return None
    finally:
        if process.is_alive():
            process.terminate()
        process.join()
        receive.close()
    return MipOutcome(counts, bound, optimal, time.monotonic() - began)


def fixed_plan(
    built: BuiltModel, counts: list[int], workers: int, seed: int, stop: StopFlag | None = None
) -> WarmStart | None:
    """The CP-SAT model with every run count fixed to ``counts``: the complete, exact plan
    (every variable and cost term as CP-SAT defines it), or ``None`` if these counts break a
    rule."""
    fixed = LpSolution([float(c) for c in counts], [INFINITY] * len(counts))
    return restricted_solve(built, fixed, 0.0, FIX_SECONDS, workers, seed, None, stop)
