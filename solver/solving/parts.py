"""Split a scenario into independent parts: schools linked by no partnership share no rule.

Every hard rule and cost term looks at one school, one org, or a teacher and the partners of
the teacher's school, so the schools of different connected components (linked through orgs)
never meet in a constraint. Each component can be solved as its own, smaller model; the plans
concatenate and the cost terms add up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from solver.scenario import Assignment, Scenario

Row = TypeVar("Row")


def components(scenario: Scenario) -> list[tuple[str, ...]]:
    """The school ids of each component, in the order schools are listed.

    Schools in no partnership cannot send or receive anyone; they are gathered into one last
    component (their rules still hold and may still fail, e.g. coverage).

    When re-planning, a history row also links its home, its host and its teacher's school of
    today (SPEC §6: the pair need not be partners today, the teacher may have moved), so that
    each history row and everything it counts in lie in one component.
    """
    parent = {s.school_id: s.school_id for s in scenario.schools}

    def find(school: str) -> str:
        while parent[school] != school:
            parent[school] = parent[parent[school]]
            school = parent[school]
        return school

    def link(a: str, b: str) -> None:
        root, other = find(a), find(b)
        if other != root:
            parent[other] = root

    linked: set[str] = set()
    for org in scenario.organizations:
        for member in org.members:
            link(org.lead_school_id, member)
    for a in scenario.history:
        teacher = scenario.teacher_by_id.get(a.teacher_id)
        ends = [a.home_school_id, a.host_school_id]
        ends += [teacher.school_id] if teacher is not None else []
        for school in ends[1:]:
            link(ends[0], school)
        linked.update(ends)
    groups: dict[str, list[str]] = {}
    lone: list[str] = []
    for s in scenario.schools:
        if scenario.orgs_of_school[s.school_id] or s.school_id in linked:
            groups.setdefault(find(s.school_id), []).append(s.school_id)
        else:
            lone.append(s.school_id)
    parts = [tuple(g) for g in groups.values()]
    if lone:
        parts.append(tuple(lone))
    return parts


def restrict(scenario: Scenario, school_ids: Iterable[str]) -> Scenario:
    """The part of ``scenario`` about these schools (a whole component), settings unchanged.

    Teachers and demand rows are taken by position (``Scenario.teacher_positions``), in file
    order: a scan of every teacher for each part took 9 s for the province's 107 parts."""
    keep = set(school_ids)
    teachers = _of_schools(scenario.teachers, scenario.teacher_positions, keep)
    names = {t.teacher_id for t in teachers}
    return scenario.replace(
        schools=tuple(s for s in scenario.schools if s.school_id in keep),
        organizations=tuple(o for o in scenario.organizations if o.lead_school_id in keep),
        teachers=teachers,
        demand=_of_schools(scenario.demand, scenario.demand_positions, keep),
        preferences=tuple(p for p in scenario.preferences if p.teacher_id in names),
        locks=tuple(lock for lock in scenario.locks if lock.teacher_id in names),
        reference_plan=rows_of(scenario.reference_plan, names),
        history_plan=_history_of(scenario, keep, names),
        distances=tuple(d for d in scenario.distances if d.school_a in keep and d.school_b in keep),
    )


def _of_schools(
    rows: Sequence[Row], positions: dict[str, tuple[int, ...]], keep: set[str]
) -> tuple[Row, ...]:
    """The rows of the schools ``keep``, in their order in ``rows``."""
    return tuple(rows[i] for i in sorted(i for s in keep for i in positions.get(s, ())))


def rows_of(
    plan: Sequence[Assignment] | None, teacher_ids: set[str]
) -> tuple[Assignment, ...] | None:
    """The rows of ``plan`` about these teachers (``None`` stays ``None``)."""
    if plan is None:
        return None
    return tuple(a for a in plan if a.teacher_id in teacher_ids)


def _history_of(
    scenario: Scenario, keep: set[str], names: set[str]
) -> tuple[Assignment, ...] | None:
    """The history.csv rows of a component: its teachers' rows, and departed teachers' rows
    from its schools (``components`` put every history row in one component)."""
    if scenario.history_plan is None:
        return None
    return tuple(
        a
        for a in scenario.history_plan
        if a.teacher_id in names
        or (a.teacher_id not in scenario.teacher_by_id and a.home_school_id in keep)
    )
