"""Why a plan places one teacher: the rule instances the placement serves and the cost it adds.

Both come from the audit, run on the plan with and without the teacher's rows, within the
teacher's part of the scenario (schools linked by partnerships; ``solver.solving.parts``): an
instance whose numbers change is one the placement serves (or strains), and the difference of
each cost term is what the teacher's placement costs. Nothing is counted here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from solver.audit import AuditReport, audit
from solver.audit.checks import Check
from solver.explain.words import InstanceKey, keyed
from solver.input.plan import PlanRow
from solver.scenario import Scenario, Teacher
from solver.solving.parts import components, restrict

PLACEMENT_RULES = ("H2", "H3")
"""Instances about the teacher alone (eligible, term): reported when they hold for her rows."""


@dataclass(frozen=True)
class Served:
    """One rule instance and its numbers with and without the teacher."""

    key: InstanceKey
    check: Check
    without: Check | None

    @property
    def nth(self) -> int:
        return self.key[6]


@dataclass(frozen=True)
class Part:
    """The teacher's part of the scenario, the plan's kept rows in it, and their audit."""

    scenario: Scenario
    rows: tuple[PlanRow, ...]
    report: AuditReport


class PlanParts:
    """A plan split along the scenario's parts, each audited once (explaining many teachers
    re-uses them)."""

    def __init__(self, scenario: Scenario, plan: Sequence[PlanRow]) -> None:
        self.scenario = scenario
        self.full = audit(scenario, plan)
        self.kept = self.full.kept
        self._parts = components(scenario)
        self._part_of = {s: i for i, part in enumerate(self._parts) for s in part}
        self._cache: dict[int, Part] = {}

    def part(self, teacher: Teacher) -> Part:
        index = self._part_of[teacher.school_id]
        if index not in self._cache:
            schools = self._parts[index]
            scenario = restrict(self.scenario, schools) if len(self._parts) > 1 else self.scenario
            names = {t.teacher_id for t in scenario.teachers}
            known = self.scenario.teacher_by_id
            # a teacher's rows go with the teacher; a departed teacher's history rows (SPEC §6)
            # with their home school
            rows = tuple(
                r
                for r in self.kept
                if r.teacher_id in names
                or (r.teacher_id not in known and r.home_school_id in schools)
            )
            self._cache[index] = Part(scenario, rows, audit(scenario, rows))
        return self._cache[index]

    @cached_property
    def movers(self) -> list[str]:
        """Teachers with at least one kept row, in teacher order of teachers.csv."""
        moving = {r.teacher_id for r in self.kept}
        return [t.teacher_id for t in self.scenario.teachers if t.teacher_id in moving]


@dataclass(frozen=True)
class Placement:
    """What a teacher's rows do in the plan."""

    teacher: Teacher
    rows: tuple[PlanRow, ...]
    served: tuple[Served, ...]
    own: tuple[Check, ...]
    cost_terms: dict[str, int]

    @property
    def cost(self) -> int:
        return sum(self.cost_terms.values())

    @property
    def moves(self) -> bool:
        return bool(self.rows)


def placement(parts: PlanParts, teacher_id: str) -> Placement:
    """The instances a teacher's placement serves and the cost it adds (see the module note).

    For a teacher who stays home there is nothing to take away: no instance, zero cost.
    """
    teacher = parts.scenario.teacher_by_id[teacher_id]
    part = parts.part(teacher)
    mine = tuple(r for r in part.rows if r.teacher_id == teacher_id)
    if not mine:
        zero = dict.fromkeys(part.report.cost_terms, 0)
        return Placement(teacher, (), (), (), zero)
    without = audit(part.scenario, [r for r in part.rows if r.teacher_id != teacher_id])
    other = dict(keyed(without.checks))
    served = []
    own = []
    for key, check in keyed(part.report.checks):
        if key[0] in PLACEMENT_RULES and check.teacher == teacher_id:
            own.append(check)
            continue
        if key[0] in ("H1", *PLACEMENT_RULES):
            continue
        before = other.get(key)
        if before is None or (before.actual, before.need, before.ok) != (
            check.actual,
            check.need,
            check.ok,
        ):
            served.append(Served(key, check, before))
    terms = {k: v - without.cost_terms.get(k, 0) for k, v in part.report.cost_terms.items()}
    return Placement(teacher, mine, tuple(served), tuple(own), terms)
