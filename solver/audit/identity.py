"""Does the plan speak about this scenario's people? Slips an auditor must see first.

Two things no hard rule catches: a row whose ``name`` column names someone else than
teachers.csv says for its teacher_id (the most common hand-editing slip is a swapped id), and a
plan that matches almost none of the scenario's ids (the wrong scenario folder, or the wrong
file). Neither changes the verdict on the rules; both are said before the details.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from solver.input.aliases import normalise
from solver.input.plan import PlanRow
from solver.scenario import Scenario

BELONGS_SHARE = 0.5
"""Below this share of the plan's distinct teacher ids or school ids known to the scenario,
the plan gets the headline "does not seem to belong to this scenario"."""


@dataclass(frozen=True)
class PlanNotes:
    """What the auditor reads before the violations."""

    headline: str | None
    warnings: tuple[str, ...]


def name_mismatches(scenario: Scenario, rows: Sequence[PlanRow]) -> list[str]:
    """Rows whose name column disagrees with teachers.csv for their teacher_id."""
    by_name: dict[str, list[str]] = {}
    for t in scenario.teachers:
        by_name.setdefault(t.name, []).append(t.teacher_id)
    notes = []
    for row in rows:
        teacher = scenario.teacher_by_id.get(row.teacher_id)
        name = normalise(row.name or "")
        if teacher is None or not name or name == teacher.name:
            continue
        where = f"line {row.line}" if row.line is not None else f"{row.teacher_id} {row.year}"
        note = f"{where}: name '{name}' but teachers.csv says {row.teacher_id} is '{teacher.name}'"
        others = [i for i in by_name.get(name, []) if i != row.teacher_id]
        if others:
            note += f"; '{name}' is {', '.join(others)} (a swapped id?)"
        notes.append(note)
    return notes


def belonging(scenario: Scenario, rows: Sequence[PlanRow]) -> str | None:
    """The headline for a plan that matches almost none of the scenario's ids, else ``None``."""
    schools = {r.home_school_id for r in rows} | {r.host_school_id for r in rows}
    teachers = {r.teacher_id for r in rows}
    known_schools = len(schools & scenario.school_by_id.keys())
    known_teachers = len(teachers & scenario.teacher_by_id.keys())
    if not rows or (
        known_schools >= BELONGS_SHARE * len(schools)
        and known_teachers >= BELONGS_SHARE * len(teachers)
    ):
        return None
    return (
        f"this plan does not seem to belong to this scenario ({known_schools} of {len(schools)} "
        f"schools known, {known_teachers} of {len(teachers)} teachers known)"
    )


def plan_notes(scenario: Scenario, rows: Sequence[PlanRow]) -> PlanNotes:
    """The headline and the warnings of a plan (see the module docstring)."""
    return PlanNotes(belonging(scenario, rows), tuple(name_mismatches(scenario, rows)))
