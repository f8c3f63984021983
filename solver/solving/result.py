"""What a solve returns: a status that keeps "no plan yet" apart from "no plan exists", the plan,
its cost term by term, the bound, the gap and the timings, overall and per component."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from solver.rules import CostTerm
from solver.scenario import Assignment


class Status(StrEnum):
    """How a solve ended.

    ``unknown`` means no plan was found within the time limit *and* none was proven impossible;
    only ``infeasible`` says that no plan exists. ``partial`` (a whole solve only, never a
    part): the user stopped before every part had a plan; the plan covers the parts that have
    one and is not a plan of the scenario.
    """

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"
    MODEL_INVALID = "model_invalid"
    PARTIAL = "partial"

    @property
    def has_plan(self) -> bool:
        return self in (Status.OPTIMAL, Status.FEASIBLE)


_STRENGTH = {
    Status.MODEL_INVALID: 0,
    Status.INFEASIBLE: 1,
    Status.UNKNOWN: 2,
    Status.PARTIAL: 2,
    Status.FEASIBLE: 3,
    Status.OPTIMAL: 4,
}


def weakest(statuses: Iterable[Status]) -> Status:
    """The status of a whole made of independent parts: one infeasible part makes it infeasible,
    one part without a plan leaves it without one, one part not proven optimal leaves it so."""
    return min(statuses, key=_STRENGTH.__getitem__, default=Status.OPTIMAL)


def relative_gap(cost: int | None, bound: int | None) -> float | None:
    """``|cost - bound| / max(1, |cost|)``, as CP-SAT reports it; ``None`` without both."""
    if cost is None or bound is None:
        return None
    return abs(cost - bound) / max(1, abs(cost))


def zero_terms() -> dict[str, int]:
    return {term.value: 0 for term in CostTerm}


@dataclass(frozen=True)
class ComponentResult:
    """One independent part of the scenario (schools linked by partnerships), solved alone."""

    index: int
    school_ids: tuple[str, ...]
    teachers: int
    units: int
    variables: int
    constraints: int
    status: Status
    cost: int | None
    bound: int | None
    terms: dict[str, int]
    wall_time: float
    first_plan_time: float | None
    interrupted: bool = False

    @property
    def gap(self) -> float | None:
        return relative_gap(self.cost, self.bound)


@dataclass(frozen=True)
class Result:
    """The outcome of ``solve``.

    Attributes
    ----------
    status
        The weakest status over the components.
    plan
        The rows of the best plan found, sorted by teacher and year (empty without a plan).
    cost, terms
        The plan's cost and each SPEC §4 term, signed, summing to the cost (``None``/zeros
        without a plan).
    bound, gap
        The best proven lower bound on the cost and the relative gap to it.
    wall_time, first_plan_time, gap_1pct_time
        Seconds: the whole solve, until every component had a plan, until the gap was 1% or less.
    interrupted
        The search was stopped by the user (Ctrl-C); the plan is the best found until then.
    """

    status: Status
    plan: tuple[Assignment, ...]
    cost: int | None
    terms: dict[str, int]
    bound: int | None
    gap: float | None
    wall_time: float
    components: tuple[ComponentResult, ...] = ()
    interrupted: bool = False
    time_limit: float = 0.0
    workers: int = 1
    seed: int = 0
    first_plan_time: float | None = None
    gap_1pct_time: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def variables(self) -> int:
        return sum(c.variables for c in self.components)

    @property
    def constraints(self) -> int:
        return sum(c.constraints for c in self.components)

    @property
    def parts_without_plan(self) -> tuple[ComponentResult, ...]:
        """The parts that have no plan (those a ``partial`` result leaves out)."""
        return tuple(c for c in self.components if not c.status.has_plan)

    def to_dict(self) -> dict[str, Any]:
        """The figures of summary.json (the plan itself goes to assignments.csv)."""
        return {
            "status": self.status.value,
            "cost": self.cost,
            "terms": dict(self.terms),
            "bound": self.bound,
            "gap": self.gap,
            "wall_time": round(self.wall_time, 3),
            "first_plan_time": _rounded(self.first_plan_time),
            "gap_1pct_time": _rounded(self.gap_1pct_time),
            "interrupted": self.interrupted,
            "time_limit": self.time_limit,
            "workers": self.workers,
            "seed": self.seed,
            "rows": len(self.plan),
            "variables": self.variables,
            "constraints": self.constraints,
            "components": [
                {
                    "index": c.index,
                    "schools": len(c.school_ids),
                    "teachers": c.teachers,
                    "units": c.units,
                    "variables": c.variables,
                    "constraints": c.constraints,
                    "status": c.status.value,
                    "cost": c.cost,
                    "bound": c.bound,
                    "gap": c.gap,
                    "wall_time": round(c.wall_time, 3),
                    "first_plan_time": _rounded(c.first_plan_time),
                }
                for c in self.components
            ],
            **(
                {
                    "parts_without_plan": [
                        {"index": c.index, "teachers": c.teachers, "school_ids": list(c.school_ids)}
                        for c in self.parts_without_plan
                    ]
                }
                if self.status is Status.PARTIAL
                else {}
            ),
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
