"""Between run counts and plans: expand a solution into named teachers, or turn a plan into hints.

Expansion is deterministic: a unit's runs are taken in the order they were created, and its
teachers in teacher_id order, so the same counts always give the same plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from solver.model.variables import Variables
from solver.scenario import Assignment


def plan_from_counts(v: Variables, counts: Sequence[int]) -> tuple[Assignment, ...]:
    """The plan rows (sorted by teacher, then year) of a solution given as one count per run,
    with the history rows of the served years (H12: a plan contains them)."""
    rows: list[Assignment] = list(v.fixed_rows)
    for unit in v.units:
        taken = 0
        for r in v.runs_of_unit[unit.index]:
            run = v.runs[r]
            for _ in range(counts[r]):
                # One run per teacher when units hold several teachers; a unit of one may take
                # several runs. (Wrapping only happens with H3 switched off in rule tests.)
                teacher = unit.teacher_ids[taken % unit.size]
                taken += 1
                rows += [
                    Assignment(
                        teacher_id=teacher,
                        year=year,
                        home_school_id=unit.home,
                        host_school_id=run.host,
                        org_id=run.org_id,
                    )
                    for year in run.years
                ]
    rows.sort(key=lambda a: (a.teacher_id, a.year))
    return tuple(rows)


def _blocks(rows: list[Assignment]) -> list[tuple[str, str, int, int]]:
    """A teacher's rows as blocks of consecutive years at one host under one org."""
    blocks: list[tuple[str, str, int, int]] = []
    for row in sorted(rows, key=lambda a: a.year):
        if blocks:
            org, host, start, length = blocks[-1]
            if (org, host) == (row.org_id, row.host_school_id) and start + length == row.year:
                blocks[-1] = (org, host, start, length + 1)
                continue
        blocks.append((row.org_id, row.host_school_id, row.year, 1))
    return blocks


def counts_from_plan(v: Variables, plan: Iterable[Assignment]) -> list[int]:
    """One count per run reproducing ``plan`` as far as the variables allow (for hints).

    Rows the model has no run for (an ineligible teacher, an unknown host) are skipped: a hint
    only needs to be close. Rows of served years are history, not variables: skipped too.
    """
    by_key = {(run.unit, run.org_id, run.host, run.start, run.length): run.index for run in v.runs}
    by_teacher: dict[str, list[Assignment]] = {}
    for row in plan:
        if v.open_from is not None and row.year < v.open_from:
            continue
        by_teacher.setdefault(row.teacher_id, []).append(row)
    counts = [0] * len(v.runs)
    for teacher_id, rows in by_teacher.items():
        unit = v.unit_of_teacher.get(teacher_id)
        if unit is None:
            continue
        for org, host, start, length in _blocks(rows):
            r = by_key.get((unit, org, host, start, length))
            if r is not None and counts[r] < v.units[unit].size:
                counts[r] += 1
    return counts
