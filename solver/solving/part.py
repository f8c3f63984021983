"""Solve one independent part of a scenario with CP-SAT: build, warm-start, search, read back.

This runs in the caller's process or in a worker process (``solver.solving.solve`` decides); all it
needs travels in a picklable ``ComponentJob``, and it reports progress through a callable.
"""

from __future__ import annotations

import math
import multiprocessing
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from ortools.sat.python import cp_model

from solver.model.build import BuiltModel, build_model
from solver.model.extract import counts_from_plan, plan_from_counts
from solver.rules import Rule
from solver.scenario import Assignment, Scenario
from solver.solving.mip import HighsRun, MipOutcome, fixed_plan
from solver.solving.params import tune
from solver.solving.result import ComponentResult, Status, zero_terms
from solver.solving.stopping import StopFlag, stop_watch
from solver.solving.warmstart import WarmStart, add_hint, short_search, warm_start

_STATUS = {
    cp_model.OPTIMAL: Status.OPTIMAL,
    cp_model.FEASIBLE: Status.FEASIBLE,
    cp_model.INFEASIBLE: Status.INFEASIBLE,
    cp_model.UNKNOWN: Status.UNKNOWN,
    cp_model.MODEL_INVALID: Status.MODEL_INVALID,
}


Report = Callable[[tuple[str, int, int, int | None]], None]
"""Receives ``("solution", part, cost, bound)`` or ``("bound", part, bound, None)``."""


@dataclass(frozen=True)
class ComponentJob:
    """Everything a (possibly separate) process needs to solve one component."""

    index: int
    scenario: Scenario
    hint: tuple[Assignment, ...] | None
    deadline: float
    workers: int
    seed: int
    aggregate: bool = True
    rules: frozenset[Rule] | None = None
    limit: float | None = None
    """Seconds for this part from when it starts (and never past ``deadline``)."""
    warm_start: bool = True
    """May start from the LP (off when there is a plan to start from)."""
    warm_share: float = 0.5
    """Share of its time the warm start may take."""
    prove: bool = True
    """May ask HiGHS to prove (or improve) the plan of a large part (``solver.solving.mip``)."""
    plan_first: bool = False
    """A first pass for a plan only: a part large enough for the warm start stops at its first
    plan (the warm start's first step) and is not held to ``limit``, only to ``deadline``;
    smaller parts are solved as usual (they prove optimality in a moment)."""


@dataclass(frozen=True)
class ComponentOutcome:
    result: ComponentResult
    plan: tuple[Assignment, ...]


WARM_START_MIN_RUNS = 5000
"""Components with fewer run variables are solved well enough without a warm start."""
WARM_START_MAX_SECONDS = 60.0
FIRST_PLAN_SECONDS_PER_RUN = 2e-5
"""In a plan-first pass, the warm start's first neighbourhood is searched for at most this long
per run variable (at least 2 s; about 4 s for the province's largest part), and only until a
plan within 1% of the LP bound."""
MIP_MIN_RUNS = 2000
"""Components with fewer run variables are proven optimal by CP-SAT alone in a moment (and
HiGHS's process would take longer to start)."""
SHORT_SEARCH_SECONDS = 2.0
"""A part that HiGHS may prove but that has no warm plan is first searched by CP-SAT for this
long once it has a plan (lianyun's largest part, 2,043 runs, is proven in 0.3 s; the city's
seed 2 has a part of 343 teachers that CP-SAT does not prove in 29 s, and HiGHS does in a
moment)."""
MIP_MAX_RUNS = 100_000
"""Beyond this HiGHS does not finish in minutes on two cores (the province's largest part, 32,073
teachers and 194,280 runs: no proof in 150 s, and the time was lost to CP-SAT's search): such
parts keep CP-SAT's second pass."""


class PartStop:
    """When a part's search must stop: at once once ``halt`` is set; once the part has a plan
    when ``stop`` is set (the first Ctrl-C stops improving, not the search for a first plan)."""

    def __init__(self, stop: StopFlag, halt: StopFlag | None, reporter: _Reporter) -> None:
        self.stop, self.halt, self.reporter = stop, halt, reporter

    def is_set(self) -> bool:
        if self.halt is not None and self.halt.is_set():
            return True
        return self.stop.is_set() and self.reporter.first is not None

    def set(self) -> None:
        self.stop.set()


def _wants_warm_start(job: ComponentJob, built: BuiltModel) -> bool:
    """Warm-start large models, unless the user gave a plan to start from (hint, reference)."""
    return (
        job.warm_start
        and len(built.variables.x) >= WARM_START_MIN_RUNS
        and job.scenario.reference_plan is None
        and job.scenario.history_plan is None  # a re-plan starts from the published plan
    )


def _warm_start(
    job: ComponentJob,
    built: BuiltModel,
    deadline: float,
    reporter: _Reporter,
    stop: StopFlag,
) -> WarmStart | None:
    """A first plan from the LP relaxation for a large model, set as the search's hint."""
    if not _wants_warm_start(job, built) or stop.is_set():
        return None
    budget = min(job.warm_share * (deadline - time.time()), WARM_START_MAX_SECONDS)
    free_below = max(1, job.scenario.weights.move)
    # HiGHS does the rest, and faster; a plan-first pass wants the first step's plan only.
    steps = 1 if _wants_mip(job, built) or job.plan_first else 3
    first_plan = None
    if job.plan_first:  # a plan, fast: the second pass improves it
        first_plan = (max(2.0, len(built.variables.x) * FIRST_PLAN_SECONDS_PER_RUN), 0.01)
    warm = warm_start(
        built,
        budget,
        job.workers,
        job.seed,
        free_below,
        reporter.found,
        stop,
        steps=steps,
        first_plan=first_plan,
    )
    if warm is not None:
        add_hint(built, warm.values)
        reporter.found(warm.cost)
    return warm


class _Always:
    """A stop flag that is always set (and setting it changes nothing)."""

    def is_set(self) -> bool:
        return True

    def set(self) -> None:
        pass


def _bound_of(value: float) -> int | None:
    """CP-SAT's float bound as an integer bound (the objective is integral), if it has one."""
    return math.ceil(value - 1e-6) if math.isfinite(value) else None


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Passes every improving solution's cost and bound on; notes when the first one came."""

    def __init__(self, index: int, report: Report, started: float) -> None:
        super().__init__()
        self.index, self.report, self.started = index, report, started
        self.first: float | None = None

    def on_solution_callback(self) -> None:
        bound = _bound_of(self.best_objective_bound)
        self.found(round(self.objective_value), bound)

    def found(self, cost: int, bound: int | None = None) -> None:
        """A plan of this cost exists (from the search, or from the warm start)."""
        if self.first is None:
            self.first = time.monotonic() - self.started
        self.report(("solution", self.index, cost, bound))


def _from_hint(
    job: ComponentJob, built: BuiltModel, reporter: _Reporter, stop: StopFlag
) -> WarmStart | None:
    """The plan given as a hint, completed and costed by CP-SAT, if it keeps every rule."""
    if not job.hint or stop.is_set():
        return None
    plan = fixed_plan(built, counts_from_plan(built.variables, job.hint), job.workers, job.seed)
    if plan is not None:
        add_hint(built, plan.values)
        reporter.found(plan.cost)
    return plan


def _wants_mip(job: ComponentJob, built: BuiltModel) -> bool:
    return job.prove and MIP_MIN_RUNS <= len(built.variables.x) <= MIP_MAX_RUNS


def _start_mip(
    job: ComponentJob, built: BuiltModel, deadline: float, warm: WarmStart | None, stop: StopFlag
) -> HighsRun | None:
    """HiGHS on a large part, seeking plans cheaper than the warm one."""
    if not _wants_mip(job, built) or stop.is_set():
        return None
    if warm is not None and warm.bound is not None and warm.bound >= warm.cost:
        return None  # proven already (the LP's bound, or CP-SAT's)
    if multiprocessing.current_process().daemon:
        return None  # e.g. a Dask worker under a nanny: it may not start a process
    budget = deadline - time.time()
    if budget < 1:
        return None
    return HighsRun(built, budget, warm.cost if warm is not None else None)


def _mip_plan(
    job: ComponentJob,
    built: BuiltModel,
    mip: MipOutcome | None,
    warm: WarmStart | None,
    reporter: _Reporter,
) -> WarmStart | None:
    """The better of the warm plan and HiGHS's (completed and costed by CP-SAT)."""
    if mip is None or mip.counts is None:
        return warm
    found = fixed_plan(built, mip.counts, job.workers, job.seed)
    if found is not None and (warm is None or found.cost < warm.cost):
        reporter.found(found.cost, mip.bound)
        return found
    return warm


def solve_component(
    job: ComponentJob, report: Report, stop: StopFlag, halt: StopFlag | None = None
) -> ComponentOutcome:
    """Build and solve one component.

    ``stop`` set: stop improving; a part without a plan still searches for its first one.
    ``halt`` set: stop at once, plan or not. The time spent building the model (and
    warm-starting it) counts against the deadline.
    """
    started = time.monotonic()
    deadline = job.deadline if job.limit is None else min(job.deadline, time.time() + job.limit)
    built = build_model(job.scenario, rules=job.rules, aggregate=job.aggregate, hint=job.hint)
    reporter = _Reporter(job.index, report, started)
    plan_only = job.plan_first and len(built.variables.x) >= WARM_START_MIN_RUNS
    if plan_only:
        deadline, job = job.deadline, replace(job, warm_share=1.0)
    # A plan-first pass stops at the first plan: PartStop stops once there is one when its
    # ``stop`` is set.
    part_stop = PartStop(_Always() if plan_only else stop, halt, reporter)
    warm = _from_hint(job, built, reporter, part_stop)
    if warm is None:
        warm = _warm_start(job, built, deadline, reporter, part_stop)
    if warm is None and _wants_mip(job, built) and not part_stop.is_set():
        # No warm plan (a part too small for the LP, or a re-plan): CP-SAT first, which proves
        # a small part in a moment, and otherwise gives HiGHS a plan to beat.
        left = deadline - time.time()
        warm = short_search(built, left, SHORT_SEARCH_SECONDS, job.workers, job.seed, part_stop)
        if warm is not None:
            reporter.found(warm.cost, warm.bound)
    warm_bound = warm.bound if warm is not None else None
    # HiGHS first, alone (on few cores, CP-SAT beside it would only slow it down); CP-SAT's
    # search for the time left, unless HiGHS proved the optimum.
    highs = _start_mip(job, built, deadline, warm, part_stop)
    mip = highs.wait(deadline, part_stop) if highs is not None else None
    warm = _mip_plan(job, built, mip, warm, reporter)
    bounds = [b for b in (warm_bound, mip.bound if mip is not None else None) if b is not None]
    mip_bound = max(bounds) if bounds else None  # proven before the search: the LP's, HiGHS's
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.max_time_in_seconds = max(0.0, deadline - time.time())
    params.num_workers = job.workers
    params.random_seed = job.seed
    params.catch_sigint_signal = False  # Ctrl-C is ours: we stop the search and keep the plan
    tune(params)
    solver.best_bound_callback = lambda b: _report_bound(report, job.index, b)
    proven = warm is not None and mip_bound is not None and mip_bound >= warm.cost
    code = None
    if not proven and (warm is None or not part_stop.is_set()):
        with stop_watch(solver, part_stop):
            code = solver.solve(built.model, reporter)
    status, plan, terms, bound = _outcome(solver, code, built, warm, mip_bound)
    s = job.scenario
    result = ComponentResult(
        index=job.index,
        school_ids=tuple(x.school_id for x in s.schools),
        teachers=len(s.teachers),
        units=len(built.variables.units),
        variables=built.num_variables,
        constraints=built.num_constraints,
        status=status,
        cost=sum(terms.values()) if status.has_plan else None,
        bound=bound,
        terms=terms,
        wall_time=time.monotonic() - started,
        first_plan_time=reporter.first,
        interrupted=stop.is_set() or (halt is not None and halt.is_set()),
    )
    return ComponentOutcome(result, plan)


def _report_bound(report: Report, index: int, value: float) -> None:
    bound = _bound_of(value)
    if bound is not None:
        report(("bound", index, bound, None))


def _outcome(
    solver: cp_model.CpSolver,
    code: Any,
    built: BuiltModel,
    warm: WarmStart | None,
    mip_bound: int | None = None,
) -> tuple[Status, tuple[Assignment, ...], dict[str, int], int | None]:
    """Status, plan, cost terms and bound of a finished search (the warm plan if better), or
    of the warm plan alone when there was no search (``code`` is ``None``). The bound is the
    best of CP-SAT's and the one proven without it (the LP relaxation's, HiGHS's)."""
    status = Status.UNKNOWN if code is None else _STATUS[code]
    terms = zero_terms()
    if status.has_plan:
        counts = [solver.value(x) for x in built.variables.x]
        terms.update({t.value: int(solver.value(e)) for t, e in built.terms.items()})
    elif status is Status.UNKNOWN and warm is not None:
        status, counts = Status.FEASIBLE, warm.counts
        terms.update(warm.terms)
    else:
        return status, (), terms, None
    if warm is not None and warm.cost < sum(terms.values()):
        # The search stopped (time, Ctrl-C) before it repeated the warm start's plan.
        counts = warm.counts
        terms = {**zero_terms(), **warm.terms}
    cost = sum(terms.values())
    bounds = [
        b
        for b in (mip_bound, None if code is None else _bound_of(solver.best_objective_bound))
        if b is not None
    ]
    bound = max(bounds) if bounds else None
    if bound is not None and bound >= cost:
        status, bound = Status.OPTIMAL, cost
    elif status is Status.OPTIMAL:  # a stopped search may claim optimality it did not prove
        status = Status.FEASIBLE
    return status, plan_from_counts(built.variables, counts), terms, bound


def merge(earlier: ComponentOutcome, later: ComponentOutcome) -> ComponentOutcome:
    """One outcome from two solves of the same part: the cheaper plan, the higher bound."""
    a, b = earlier.result, later.result
    if b.status in (Status.INFEASIBLE, Status.MODEL_INVALID) or not a.status.has_plan:
        best = later
    elif not b.status.has_plan or (a.cost is not None and b.cost is not None and a.cost < b.cost):
        best = earlier
    else:
        best = later
    bounds = [x for x in (a.bound, b.bound) if x is not None]
    bound = max(bounds) if bounds and best.result.status.has_plan else None
    status = best.result.status
    if bound is not None and best.result.cost is not None and bound >= best.result.cost:
        status, bound = Status.OPTIMAL, best.result.cost
    first = a.first_plan_time
    if first is None and b.first_plan_time is not None:
        first = a.wall_time + b.first_plan_time
    result = replace(
        best.result,
        status=status,
        bound=bound,
        wall_time=a.wall_time + b.wall_time,
        first_plan_time=first,
        interrupted=b.interrupted,
    )
    return ComponentOutcome(result, best.plan)
