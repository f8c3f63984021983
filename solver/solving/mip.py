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

HiGHS cannot be interrupted through OR-Tools (neither pywraplp nor MathOpt stops it, and its
time limit is loose under load), so it runs in a child process that a stop or the deadline
ends.
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
    data: bytes, count: int, time_limit: float, cutoff: int | None
) -> tuple[list[int] | None, int | None, bool]:
    """HiGHS on the serialised MIP: counts of the first ``count`` variables, bound, proven.

    With ``cutoff`` (the cost of a plan in hand) only cheaper plans are sought: the objective
    is kept at most ``cutoff - 1``. No such plan ("infeasible") proves ``cutoff`` optimal; the
    bound is then ``cutoff``, and it never exceeds ``cutoff`` otherwise. (HiGHS's own solution
    hint, ``SetHint``, crashes the process on this model in OR-Tools 9.15; a cutoff prunes
    the same way an incumbent does.)
    """
    proto = linear_solver_pb2.MPModelProto.FromString(data)
    if cutoff is not None:
        row = proto.constraint.add(upper_bound=cutoff - 1 - proto.objective_offset)
        for index, variable in enumerate(proto.variable):
            if variable.objective_coefficient:
                row.var_index.append(index)
                row.coefficient.append(variable.objective_coefficient)
    solver = pywraplp.Solver.CreateSolver("HIGHS")
    if solver is None:
        return None, None, False
    solver.LoadModelFromProto(proto)
    solver.SetTimeLimit(max(1, int(time_limit * 1000)))
    # Gap 0: stop only at a proof. The objective is integral; HiGHS's absolute gap (1e-6) is far
    # below the 1 that separates two costs.
    solver.SetSolverSpecificParametersAsString("mip_rel_gap=0\noutput_flag=false\n")
    status = solver.Solve()
    if status == pywraplp.Solver.INFEASIBLE and cutoff is not None:
        return None, cutoff, True
    if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
        return None, None, False
    counts = [round(v.solution_value()) for v in solver.variables()[:count]]
    bound = _integer_bound(solver.Objective().BestBound())
    if bound is not None and cutoff is not None:
        bound = min(bound, cutoff)
    return counts, bound, status == pywraplp.Solver.OPTIMAL


def _child(connection: Any, data: bytes, count: int, time_limit: float, cutoff: Any) -> None:
    try:
        connection.send(_run_highs(data, count, time_limit, cutoff))
    finally:
        connection.close()


class HighsRun:
    """HiGHS on the model in a child process.

    ``poll`` collects its outcome once it is there; ``proved`` tells when HiGHS has proven an
    optimum; ``wait`` waits for it within a deadline; ``finish`` collects the outcome or ends
    the process.
    """

    def __init__(self, built: BuiltModel, time_limit: float, cutoff: int | None) -> None:
        self.began = time.monotonic()
        self.time_limit = time_limit
        self.outcome: MipOutcome | None = None
        data = mip_model(built).SerializeToString()
        context = multiprocessing.get_context("spawn")
        self.receive, send = context.Pipe(duplex=False)
        args = (send, data, len(built.variables.x), time_limit, cutoff)
        self.process = context.Process(target=_child, args=args, daemon=True)
        self.process.start()
        send.close()
        self.done = False

    def poll(self) -> MipOutcome | None:
        """The outcome, if HiGHS has finished (never waits)."""
        if not self.done:
            try:
                if self.receive.poll():
                    counts, bound, optimal = self.receive.recv()
                    seconds = time.monotonic() - self.began
                    self.outcome = MipOutcome(counts, bound, optimal, seconds)
                    self.done = True
                elif not self.process.is_alive():
                    self.done = True  # it failed without a word
            except (EOFError, OSError):
                self.done = True
        return self.outcome

    def proved(self) -> bool:
        outcome = self.poll()
        return outcome is not None and outcome.optimal

    def wait(self, deadline: float, stop: StopFlag | None = None) -> MipOutcome | None:
        """Wait for the outcome until ``deadline`` (``time.time()``) or ``stop``, then end the
        process: HiGHS's own time limit is loose, the deadline is not."""
        while not self.done and time.time() < deadline:
            if stop is not None and stop.is_set():
                break
            self.poll()
            time.sleep(0.05)
        return self.finish()

    def finish(self) -> MipOutcome | None:
        """The outcome if there is one; the process is ended either way."""
        self.poll()
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.receive.close()
        self.done = True
        return self.outcome


def fixed_plan(
    built: BuiltModel, counts: list[int], workers: int, seed: int, stop: StopFlag | None = None
) -> WarmStart | None:
    """The CP-SAT model with every run count fixed to ``counts``: the complete, exact plan
    (every variable and cost term as CP-SAT defines it), or ``None`` if these counts break a
    rule."""
    fixed = LpSolution([float(c) for c in counts], [INFINITY] * len(counts))
    return restricted_solve(built, fixed, 0.0, FIX_SECONDS, workers, seed, None, stop)
