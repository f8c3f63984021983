"""Solve a scenario: split it into independent parts, solve them, show progress, combine.

Parts (``solver.solving.parts``) are started largest first (the longest job first keeps both
cores busy to the end), each with all the time left except what the parts not yet started need
for a first plan (``first_plan_seconds``), so a part that proves its optimum early hands its time
on and a part that does not still leaves every other part its plan. A part stopped unproven
gets a second pass if time is left at the end. A scenario past a city's size
(``PLAN_FIRST_MIN_TEACHERS``) has a plan-first first pass instead: largest part first, each
large part stopping at the warm start's first plan, held only to the deadline; its second pass
shares the time left among the parts by size. Parts run in parallel processes when there are
several large ones and the worker budget allows; otherwise in this process. Either way the
solver runs off the main thread, which stays free to draw progress and to receive Ctrl-C.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent import futures
from dataclasses import replace
from typing import Any

from solver.rules import Rule
from solver.scenario import Assignment, Scenario
from solver.solving.cluster import Channels, cluster_solve, connect, slots
from solver.solving.part import ComponentJob, ComponentOutcome, merge, solve_component
from solver.solving.parts import components, restrict, rows_of
from solver.solving.progress import ProgressBoard
from solver.solving.result import ComponentResult, Result, Status, relative_gap, weakest, zero_terms
from solver.solving.stopping import StopFlag

MIN_PART_SECONDS = 5.0
"""Every part gets at least this long (if the limit allows): a first plan needs a moment."""
MIN_PART_SECONDS_IN_PROCESS = 1.0
"""The same when parts are solved in this process (no process to start)."""
FIRST_PASS_SHARE = 0.2
"""Share of its time a part gets in a plan-first pass."""
FIRST_PLAN_SECONDS = 1.5
FIRST_PLAN_SECONDS_PER_TEACHER = 0.001
"""What a part not yet started is expected to need for its first plan (the model, the LP and
its first neighbourhood: about 0.3 ms per teacher on the city's parts on a quiet machine, so
with a margin for a busy one, and for the moment each part overruns its limit); the parts
started before it leave it that much."""
SECONDS_PER_TEACHER = 0.001
"""A part gets at least this long per teacher: building and warm-starting a model of 30,000
teachers takes about 25 s."""
PARALLEL_MIN_TEACHERS = 3000
"""Parts smaller than this are solved in this process: a new process costs about a second."""
PLAN_FIRST_MIN_TEACHERS = 100_000
"""From this size on (beyond a city), the first pass is for plans only, largest part first: a
large part stops at the warm start's first plan, whatever its time share (the province's
107 parts at the usual first-pass floors would use the whole limit before the largest ones
started)."""

FINAL = (Status.OPTIMAL, Status.INFEASIBLE, Status.MODEL_INVALID)


# ------------------------------------------------------------------ child processes

_child: dict[str, Any] = {}


def _child_init(messages: Any, stop: Any, halt: Any) -> None:
    """In each worker process: Ctrl-C is the parent's business; keep the channels."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _child["messages"], _child["stop"], _child["halt"] = messages, stop, halt


def _child_solve(job: ComponentJob) -> ComponentOutcome:
    return solve_component(job, _child["messages"].put, _child["stop"], _child["halt"])


# ------------------------------------------------------------------ the solve


class Interrupt(threading.Event):
    """Set by the first Ctrl-C (stop improving); ``abandon`` is set by the second (stop now and
    keep what is solved)."""

    def __init__(self) -> None:
        super().__init__()
        self.abandon = threading.Event()


@contextlib.contextmanager
def stop_on_interrupt() -> Iterator[Interrupt]:
    """Yield an ``Interrupt`` that Ctrl-C sets; a second Ctrl-C sets its ``abandon``, a third
    interrupts for real."""
    event = Interrupt()
    if threading.current_thread() is not threading.main_thread():
        yield event
        return

    def handler(signum: int, frame: object) -> None:
        if event.abandon.is_set():
            raise KeyboardInterrupt
        if event.is_set():
            event.abandon.set()
        event.set()

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield event
    finally:
        signal.signal(signal.SIGINT, previous)


def solve(
    scenario: Scenario,
    time_limit: float = 60.0,
    workers: int | None = None,
    seed: int = 0,
    hint: Sequence[Assignment] | None = None,
    *,
    decompose: bool = True,
    aggregate: bool = True,
    rules: frozenset[Rule] | None = None,
    progress: Callable[[ProgressBoard], None] | None = None,
    stop: StopFlag | None = None,
    abandon: StopFlag | None = None,
    scheduler: str | None = None,
    clock_started: float | None = None,
) -> Result:
    """Find the cheapest plan meeting every hard rule, within the time limit.

    Parameters
    ----------
    scenario
        The scenario to plan.
    time_limit
        Seconds for the whole solve, model building included.
    workers
        CP-SAT workers in all (default: the number of CPUs). Several large parts are solved in
        parallel processes, sharing them.
    seed
        CP-SAT's random seed; with one worker the same seed gives the same plan.
    hint
        A plan to start from (default: the scenario's reference plan, if any). It may cover
        only some parts (a partial output): the others start from scratch.
    decompose
        Solve independent parts separately (the optimum is the same; it is faster).
    aggregate
        Group interchangeable teachers into count variables (the optimum is the same).
    rules
        The hard rules to enforce (default: all; rule tests switch one off).
    progress
        Called about ten times a second with the live figures.
    stop
        When set (the first Ctrl-C), parts stop improving; parts still without a plan go on
        searching for their first one (within the time limit), so a complete plan is returned.
    abandon
        When set (the second Ctrl-C), every search stops at once; if some parts have no plan,
        the result is ``partial``: the plans of the parts that have one, the others listed.
    scheduler
        The address of a Dask distributed scheduler (``tcp://host:8786``): the parts are solved
        on its workers, as many at once as they have threads, each exactly as it would be
        here (same seed and CP-SAT workers). Default: this machine's processes.
    clock_started
        When (``time.time()``) the time limit started to run: a command's start, so that
        loading counts (default: now).

    Returns
    -------
    Result
        Status, plan, cost and terms, bound, gap, timings, and figures per part.
    """
    started = time.monotonic()
    deadline = (time.time() if clock_started is None else clock_started) + time_limit
    workers = max(1, workers or os.cpu_count() or 1)
    parts = components(scenario) if decompose else [tuple(s.school_id for s in scenario.schools)]
    board = ProgressBoard(len(parts), started)
    user_stop = stop if stop is not None else threading.Event()
    jobs = []
    for index, school_ids in enumerate(parts):
        part = restrict(scenario, school_ids) if len(parts) > 1 else scenario
        names = {t.teacher_id for t in part.teachers}
        part_hint = rows_of(hint, names) if hint is not None else None
        job = ComponentJob(
            index, part, part_hint or None, deadline, workers, seed, aggregate, rules
        )
        jobs.append(replace(job, warm_start=not part_hint))
    large = sum(_size(j) >= PARALLEL_MIN_TEACHERS for j in jobs)
    parallel = min(workers, len(jobs)) if large >= 2 else 1
    if parallel > 1:
        jobs = [replace(j, workers=max(1, workers // parallel)) for j in jobs]
    user_abandon = abandon if abandon is not None else threading.Event()
    with contextlib.ExitStack() as stack:
        client = None
        if scheduler is not None:
            client = stack.enter_context(connect(scheduler))
            parallel = min(slots(client), len(jobs))
        plan_first = sum(_size(j) for j in jobs) >= PLAN_FIRST_MIN_TEACHERS
        outcomes = _Scheduler(
            jobs,
            parallel,
            deadline,
            board,
            user_stop,
            progress,
            user_abandon,
            client,
            plan_first=plan_first,
        ).run()
    return _combine(
        outcomes,
        board,
        user_stop.is_set(),
        time_limit,
        workers,
        seed,
        started,
        partial=user_abandon.is_set(),
    )


def _size(job: ComponentJob) -> int:
    return len(job.scenario.teachers)


def first_plan_seconds(job: ComponentJob) -> float:
    """About how long a part needs for its first plan, with a margin."""
    return FIRST_PLAN_SECONDS + FIRST_PLAN_SECONDS_PER_TEACHER * _size(job)


class _Scheduler:
    """Runs the passes over the parts, feeding the board, until done, stopped or out of time.

    A first pass gets all the time left but the first plans of the parts not yet started
    (``parallel`` at once); a second pass (and a plan-first pass) gets its share of the time
    left, by size. Time a part does not use (it proved optimality early) flows to the parts
    after it; the very last part to start may use all that is left.
    """

    def __init__(
        self,
        jobs: list[ComponentJob],
        parallel: int,
        deadline: float,
        board: ProgressBoard,
        user_stop: StopFlag,
        progress: Callable[[ProgressBoard], None] | None,
        user_abandon: StopFlag | None = None,
        cluster: Any = None,
        *,
        plan_first: bool = False,
    ) -> None:
        self.cluster, self.plan_first = cluster, plan_first
        self.parallel, self.deadline = parallel, deadline
        self.board, self.user_stop, self.progress = board, user_stop, progress
        self.user_abandon = user_abandon if user_abandon is not None else threading.Event()
        # Largest first: the largest part's proof is the longest job (the city's: HiGHS for
        # about 25 s), and started first it runs on one core while the others share the other.
        self.first_pass = deque(sorted(jobs, key=_size, reverse=True))
        self.second_pass: list[ComponentJob] = []
        self.unfinished = sum(_size(j) for j in jobs)
        self.best: dict[int, ComponentOutcome] = {}
        self.jobs = jobs
        self.ends: dict[futures.Future[Any], float] = {}
        """When each running part must stop, at the latest."""

    def run(self) -> list[ComponentOutcome]:
        self.messages: Any
        self.halt: StopFlag
        self.soft: StopFlag
        executor: futures.Executor
        if self.cluster is not None:
            channels = Channels(self.cluster)
            self.messages, self.soft, self.halt = channels, channels.soft, channels.halt
            self.names = channels.names
            executor = self.cluster.get_executor(pure=False)
        elif self.parallel > 1:
            context = multiprocessing.get_context("spawn")
            self.messages = context.Queue()
            self.halt = context.Event()
            self.soft = context.Event()
            executor = futures.ProcessPoolExecutor(
                self.parallel,
                mp_context=context,
                initializer=_child_init,
                initargs=(self.messages, self.soft, self.halt),
            )
        else:
            self.messages = queue.Queue()
            self.halt = threading.Event()
            self.soft = threading.Event()
            executor = futures.ThreadPoolExecutor(1)
        try:
            self._loop(executor)
        except BaseException:
            self.halt.set()
            raise
        finally:
            if self.cluster is not None:
                executor.shutdown(wait=True)
            else:
                executor.shutdown(wait=True, cancel_futures=True)
        self._drain()
        for job in self.jobs:
            if job.index not in self.best:
                self.best[job.index] = _not_started(job)
        return [self.best[i] for i in sorted(self.best)]

    def _submit(self, executor: futures.Executor, job: ComponentJob) -> futures.Future[Any]:
        if self.cluster is not None:
            return executor.submit(cluster_solve, job, self.names)
        if isinstance(executor, futures.ProcessPoolExecutor):
            return executor.submit(_child_solve, job)
        return executor.submit(solve_component, job, self.messages.put, self.soft, self.halt)

    def _loop(self, executor: futures.Executor) -> None:
        running: dict[futures.Future[Any], tuple[ComponentJob, int]] = {}
        while self._waiting() or running:
            self._heed_user()
            while self._waiting() and len(running) < self.parallel and not self.halt.is_set():
                job, round_ = self._next()
                limit = self._limit(job, round_, last=not self._waiting() and not running)
                # A plan-first pass is for a plan only; otherwise a part is solved to its proof
                # (HiGHS on a large part, from the warm start's plan) within its limit.
                plan_only = round_ == 1 and self.plan_first
                task = replace(
                    job,
                    limit=limit,
                    warm_share=0.8 if plan_only else 0.5,
                    prove=job.prove and not plan_only,
                    plan_first=plan_only,
                )
                future = self._submit(executor, task)
                running[future] = (job, round_)
                self.ends[future] = time.time() + limit
            if not running:
                break  # halted with parts not started: they have no plan
            done, _ = futures.wait(running, 0.1, futures.FIRST_COMPLETED)
            self._drain()
            for future in done:
                job, round_ = running.pop(future)
                del self.ends[future]
                self._finished(job, round_, future.result())
            self._heed_user()
            if self.progress is not None:
                self.progress(self.board)

    def _heed_user(self) -> None:
        """Pass the user's stops on to the parts."""
        if self.user_stop.is_set() and not self.soft.is_set():
            self.soft.set()  # stop improving; parts without a plan still look for one
            self.board.stopping = True
        if self.user_abandon.is_set():
            self.halt.set()

    def _waiting(self) -> bool:
        # Stopped improving, or out of time: second passes only for parts without a plan (a
        # second pass started at the deadline would only build its model again).
        if self.soft.is_set() or time.time() >= self.deadline:
            self.second_pass = [j for j in self.second_pass if not self._has_plan(j)]
        return bool(self.first_pass or self.second_pass)

    def _has_plan(self, job: ComponentJob) -> bool:
        return job.index in self.best and self.best[job.index].result.status.has_plan

    def _next(self) -> tuple[ComponentJob, int]:
        """First passes, largest part first; then second passes: parts still without a plan
        first (largest first: they need the most time), then the others, smallest first."""
        if self.first_pass:
            return self.first_pass.popleft(), 1
        planless = [j for j in self.second_pass if not self._has_plan(j)]
        job = max(planless, key=_size) if planless else min(self.second_pass, key=_size)
        self.second_pass.remove(job)
        return job, 2

    def _limit(self, job: ComponentJob, round_: int, last: bool) -> float:
        remaining = max(0.0, self.deadline - time.time())
        if round_ == 1 and not self.plan_first:
            return min(remaining, max(remaining - self._reserve(), first_plan_seconds(job)))
        if last and round_ == 2:
            return remaining
        share = remaining * self.parallel * _size(job) / max(1, self.unfinished)
        if round_ == 1:
            share *= FIRST_PASS_SHARE
        # A worker process needs a moment to start, and a large model to be built and warmed.
        least = MIN_PART_SECONDS if self.parallel > 1 else MIN_PART_SECONDS_IN_PROCESS
        least = max(least, _size(job) * SECONDS_PER_TEACHER)
        return min(remaining, max(share, least))

    def _reserve(self) -> float:
        """Seconds a part starting now must leave: what the parts not yet started need for
        their first plans, beyond what the other workers can give them before the deadline
        (each is idle, or busy until its part's limit)."""
        remaining = max(0.0, self.deadline - time.time())
        needed = sum(first_plan_seconds(j) for j in self.first_pass)
        idle = self.parallel - 1 - len(self.ends)
        spare = idle * remaining + sum(max(0.0, self.deadline - end) for end in self.ends.values())
        return max(0.0, needed - spare)

    def _finished(self, job: ComponentJob, round_: int, outcome: ComponentOutcome) -> None:
        if job.index in self.best:
            outcome = merge(self.best[job.index], outcome)
        self.best[job.index] = outcome
        r = outcome.result
        time_left = self.deadline - time.time() > 0
        stopped = self.halt.is_set() or (self.soft.is_set() and r.status.has_plan)
        if round_ == 1 and r.status not in FINAL and time_left and not stopped:
            again = replace(job, hint=outcome.plan, warm_start=False) if outcome.plan else job
            self.second_pass.append(again)
            return
        self.unfinished -= _size(job)
        self.board.finished(r.index, r.status, r.cost, r.bound)
        if r.status in (Status.INFEASIBLE, Status.MODEL_INVALID):
            self.halt.set()  # the whole has no plan: no point going on elsewhere

    def _drain(self) -> None:
        while True:
            try:
                kind, part, value, bound = self.messages.get_nowait()
            except queue.Empty:
                return
            if self.board.parts[part].status is not None:
                continue  # late news of a finished part
            if kind == "solution":
                self.board.solution(part, value, bound)
            else:
                self.board.bound_found(part, value)


def _not_started(job: ComponentJob) -> ComponentOutcome:
    """A part the solve stopped before reaching: no plan, no figures."""
    s = job.scenario
    result = ComponentResult(
        index=job.index,
        school_ids=tuple(x.school_id for x in s.schools),
        teachers=len(s.teachers),
        units=0,
        variables=0,
        constraints=0,
        status=Status.UNKNOWN,
        cost=None,
        bound=None,
        terms=zero_terms(),
        wall_time=0.0,
        first_plan_time=None,
        interrupted=True,
    )
    return ComponentOutcome(result, ())


def _combine(
    outcomes: list[ComponentOutcome],
    board: ProgressBoard,
    interrupted: bool,
    time_limit: float,
    workers: int,
    seed: int,
    started: float,
    partial: bool = False,
) -> Result:
    """One Result from the parts: plans concatenate, costs and bounds add up.

    With ``partial`` (the user abandoned the solve), parts without a plan do not void the
    others: the status is ``partial`` and the plan and cost are those of the solved parts.
    """
    parts = tuple(o.result for o in outcomes)
    status = weakest(p.status for p in parts)
    if partial and status is Status.UNKNOWN and any(p.status.has_plan for p in parts):
        status = Status.PARTIAL
    plan: tuple[Assignment, ...] = ()
    terms = zero_terms()
    cost = bound = None
    if status.has_plan or status is Status.PARTIAL:
        rows = [row for o in outcomes if o.result.status.has_plan for row in o.plan]
        plan = tuple(sorted(rows, key=lambda a: (a.teacher_id, a.year)))
        for p in parts:
            for term, value in p.terms.items():
                terms[term] += value
        cost = sum(terms.values())
        if status.has_plan and all(p.bound is not None for p in parts):
            bound = sum(p.bound for p in parts if p.bound is not None)
    return Result(
        status=status,
        plan=plan,
        cost=cost,
        terms=terms,
        bound=bound,
        gap=relative_gap(cost, bound),
        wall_time=time.monotonic() - started,
        components=parts,
        interrupted=interrupted,
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        first_plan_time=board.first_plan_time if status.has_plan else None,
        gap_1pct_time=board.gap_1pct_time if status.has_plan else None,
    )
