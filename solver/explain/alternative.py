"""The price of the alternative: the cheapest plan with one teacher's place changed, re-solved.

For a teacher who moves, the alternative keeps them home every year of the cycle (one H11
lock per year); for one who stays, it sends them to the cheapest legal host for one term
(``min_term_years`` consecutive years; every partner school and start year is tried). Each is a
real CP-SAT solve of the teacher's part of the scenario, warm-started from the plan and limited
in time; its status and gap say whether the price is proven. Other parts are untouched, so the
alternative's total cost is the plan's cost plus the difference within the part.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from solver.audit import audit
from solver.explain.teacher import Part, PlanParts
from solver.scenario import Assignment, Lock, Scenario, Teacher, Weights
from solver.solving.result import Status
from solver.solving.solve import solve

Change = tuple[str, int, str | None, str | None]
"""(teacher_id, year, host before or None, host after or None)."""


@dataclass(frozen=True)
class Alternative:
    """The re-solve with the teacher's place changed.

    Attributes
    ----------
    kind
        ``home`` (the teacher kept home) or ``away`` (sent for one term), or ``none`` when
        there is no legal alternative to try (``reason`` says why).
    status
        The solve's status; ``optimal`` proves the price, ``feasible`` leaves it unproven,
        ``infeasible`` proves there is no such plan.
    cost, bound
        The alternative plan's total cost and the proven lower bound on it (whole scenario).
    plan_cost
        The total cost of the plan being explained.
    host, years
        For ``away``: the host school and years of the cheapest term found.
    changes
        Other teachers whose place differs: (teacher_id, year, before host or None, after host
        or None) — who takes the place, and whose place is given up.
    """

    kind: str
    status: Status | None
    cost: int | None
    bound: int | None
    plan_cost: int
    host: str | None = None
    years: tuple[int, ...] = ()
    changes: tuple[Change, ...] = ()
    reason: str = ""
    tried: int = 0
    wall_time: float = 0.0

    @property
    def difference(self) -> int | None:
        return None if self.cost is None else self.cost - self.plan_cost

    @property
    def proven(self) -> bool:
        return self.status in (Status.OPTIMAL, Status.INFEASIBLE)

    @property
    def gap(self) -> float | None:
        if self.cost is None or self.bound is None:
            return None
        return abs(self.cost - self.bound) / max(1, abs(self.cost))


def changes_between(
    before: Part, after: Iterable[Assignment], teacher_id: str
) -> tuple[Change, ...]:
    """Teacher-years (other than ``teacher_id``'s) whose host differs between the plans."""
    old = {(r.teacher_id, r.year): r.host_school_id for r in before.rows}
    new = {(a.teacher_id, a.year): a.host_school_id for a in after}
    keys = sorted(k for k in old.keys() | new.keys() if k[0] != teacher_id)
    return tuple(
        (t, y, old.get((t, y)), new.get((t, y)))
        for t, y in keys
        if old.get((t, y)) != new.get((t, y))
    )


@dataclass(frozen=True)
class Resolved:
    """One re-solve of a part: status, the part's cost and bound in SPEC §4 units, the plan."""

    status: Status
    cost: int | None
    bound: int | None
    plan: tuple[Assignment, ...]
    wall_time: float


def resolve(
    variant: Scenario, hint: list[Assignment], time_limit: float, workers: int, seed: int
) -> Resolved:
    """Solve ``variant`` (a part with a lock added), staying as close to ``hint`` as the cost
    allows.

    Among plans of equal cost the solver is free to swap interchangeable teachers, which would
    make "who takes the place" a list of arbitrary renamings. So, when the scenario has no
    reference plan of its own, the cost is made lexicographic: every weight times ``K`` (more
    than the teacher-years that could change) and one unit per teacher-year that differs from
    the plan (``change``). The cheapest plan is unchanged; among the cheapest, the closest to
    the plan wins. The cost reported is the audit's, in the scenario's own weights; the bound
    is ``floor(bound / K)``.
    """
    # the scenario's own change term (reference_plan.csv, or history.csv when re-planning) keeps
    # its meaning: then the re-solve is plain
    lexicographic = variant.change_reference is None or variant.weights.change == 0
    scaled = variant
    k = 1
    if lexicographic:
        k = len(variant.teachers) * len(variant.years) + 1
        weights = {name: value * k for name, value in variant.weights.model_dump().items()}
        weights["change"] = 1
        scaled = variant.replace(weights=Weights(**weights), reference_plan=tuple(hint))
    result = solve(scaled, time_limit, workers, seed, hint=hint)
    if not result.status.has_plan:
        return Resolved(result.status, None, None, (), result.wall_time)
    cost = audit(variant, result.plan).cost
    bound = None if result.bound is None else result.bound // k
    return Resolved(result.status, cost, bound, result.plan, result.wall_time)


def locked(scenario: Scenario, teacher: Teacher, school: str, years: Iterable[int]) -> Scenario:
    """The scenario with the teacher locked at ``school`` in ``years`` (home = stays)."""
    extra = tuple(Lock(teacher_id=teacher.teacher_id, year=y, school_id=school) for y in years)
    return scenario.replace(locks=(*scenario.locks, *extra))


def alternative(
    parts: PlanParts,
    teacher_id: str,
    time_limit: float = 10.0,
    workers: int = 1,
    seed: int = 0,
) -> Alternative:
    """Re-solve the teacher's part with their place changed (see the module note).

    Parameters
    ----------
    parts
        The plan, split and audited (``PlanParts``).
    teacher_id
        The teacher to explain.
    time_limit
        Seconds for the whole alternative (shared among the hosts tried for one who stays).
    workers, seed
        CP-SAT threads and seed.
    """
    scenario = parts.scenario
    teacher = scenario.teacher_by_id[teacher_id]
    part = parts.part(teacher)
    plan_cost = parts.full.cost
    moves = any(r.teacher_id == teacher_id for r in part.rows)
    hint = [r.assignment() for r in part.rows if r.teacher_id != teacher_id]
    # years already served (SPEC §6) cannot change: the alternative is about the open years
    open_years = tuple(scenario.open_years)
    if moves:
        if not any(r.teacher_id == teacher_id and r.year in open_years for r in part.rows):
            return Alternative("none", None, None, None, plan_cost, reason="served")
        variant = locked(part.scenario, teacher, teacher.school_id, open_years)
        result = resolve(variant, hint, time_limit, workers, seed)
        home = _outcome("home", result, part, plan_cost, teacher_id, 1)
        return replace(home, years=open_years)
    reason = scenario.ineligibility(teacher)
    if reason is not None:
        return Alternative("none", None, None, None, plan_cost, reason=reason)
    term = scenario.policy.min_term_years
    years = list(open_years)
    starts = [years[i : i + term] for i in range(len(years) - term + 1)]
    hosts = sorted(part.scenario.partners.get(teacher.school_id, ()))
    if not hosts or not starts or scenario.policy.max_rotations_per_cycle == 0:
        why = "no partner school" if not hosts else "no term fits in the cycle"
        return Alternative("none", None, None, None, plan_cost, reason=why)
    options = [(h, tuple(run)) for h in hosts for run in starts]
    share = time_limit / len(options)
    best: tuple[str, tuple[int, ...], Resolved] | None = None
    all_proven = True
    bounds: list[int | None] = []  # each option's lower bound (None: none known)
    spent = 0.0
    for host, run in options:
        variant = locked(part.scenario, teacher, host, run)
        result = resolve(variant, hint, share, workers, seed)
        spent += result.wall_time
        all_proven &= result.status in (Status.OPTIMAL, Status.INFEASIBLE)
        if result.status is not Status.INFEASIBLE:
            bounds.append(result.bound)
        if result.cost is not None and (best is None or result.cost < (best[2].cost or 0)):
            best = (host, run, result)
    if best is None:
        status = Status.INFEASIBLE if all_proven else Status.UNKNOWN
        return Alternative("away", status, None, None, plan_cost, tried=len(options),
                           wall_time=spent)  # fmt: skip
    host, run, result = best
    status = result.status if all_proven else Status.FEASIBLE
    outcome = _outcome("away", result, part, plan_cost, teacher_id, len(options))
    others = plan_cost - part.report.cost
    known = [b for b in bounds if b is not None]
    bound = others + min(known) if known and len(known) == len(bounds) else None
    return Alternative(
        "away",
        status,
        outcome.cost,
        bound,
        plan_cost,
        host,
        run,
        outcome.changes,
        tried=len(options),
        wall_time=spent,
    )


def _outcome(
    kind: str,
    result: Resolved,
    part: Part,
    plan_cost: int,
    teacher_id: str,
    tried: int,
) -> Alternative:
    """The part's re-solve as a whole-scenario alternative: other parts keep the plan's cost."""
    if result.cost is None:
        return Alternative(kind, result.status, None, None, plan_cost, tried=tried,
                           wall_time=result.wall_time)  # fmt: skip
    others = plan_cost - part.report.cost
    return Alternative(
        kind,
        result.status,
        others + result.cost,
        None if result.bound is None else others + result.bound,
        plan_cost,
        changes=changes_between(part, result.plan, teacher_id),
        tried=tried,
        wall_time=result.wall_time,
    )
