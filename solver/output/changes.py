"""What a re-plan changed against the published plan (SPEC §6): changes.csv and its summary.

A teacher-year's *place* is the host of its row, else the teacher's home school (the reading of
the ``change`` cost). Every teacher-year whose place differs between the published plan and the
re-plan is one change, with the reason the input gives for it, if any.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from solver.glossary import school_name
from solver.scenario import Assignment, Scenario

CHANGE_COLUMNS = (
    "teacher_id",
    "year",
    "before",
    "after",
    "reason",
    "name",
    "before_name",
    "after_name",
)
"""SPEC §6's columns, then the names people read: the teacher's (from teachers.csv, else the
published plan's, for one who has left) and the schools' before and after."""


class Reason(StrEnum):
    """Why a teacher-year changed, in the order they are looked for."""

    LEFT = "left"  # no longer in teachers.csv
    JOINED = "joined"  # school_since after cycle_start: joined the school since the cycle began
    EXEMPT = "exempt"  # exempt in that year
    LOCKED = "locked"  # a locked.csv row for that teacher and year
    REBALANCED = "rebalanced"  # nothing about the teacher changed: the plan around them did


@dataclass(frozen=True, slots=True)
class Change:
    """One teacher-year whose place differs: ``before`` and ``after`` are school ids (blank
    after: the teacher has left)."""

    teacher_id: str
    year: int
    before: str
    after: str
    reason: Reason


def reason_for(scenario: Scenario, teacher_id: str, year: int) -> Reason:
    """The first reason the input gives for a teacher-year to change, else ``rebalanced``."""
    t = scenario.teacher_by_id.get(teacher_id)
    if t is None:
        return Reason.LEFT
    if t.school_since is not None and t.school_since > scenario.info.cycle_start:
        return Reason.JOINED
    if t.exempt_in(year):
        return Reason.EXEMPT
    if any(lock.teacher_id == teacher_id and lock.year == year for lock in scenario.locks):
        return Reason.LOCKED
    return Reason.REBALANCED


def changes(
    scenario: Scenario, published: Iterable[Assignment], plan: Iterable[Assignment]
) -> list[Change]:
    """Every teacher-year of the cycle whose place differs, by teacher and year.

    A teacher who left keeps the published rows of the served years (H12); each published row
    of a later year is a change to nowhere (``after`` blank)."""
    years = scenario.years
    before = {(a.teacher_id, a.year): a.host_school_id for a in published if a.year in years}
    after = {(a.teacher_id, a.year): a.host_school_id for a in plan}
    found = []
    for key in sorted(before.keys() | after.keys()):
        teacher_id, year = key
        t = scenario.teacher_by_id.get(teacher_id)
        if t is None:
            was, now = before.get(key, ""), after.get(key, "")
        else:
            was, now = before.get(key, t.school_id), after.get(key, t.school_id)
        if was != now:
            found.append(Change(teacher_id, year, was, now, reason_for(scenario, teacher_id, year)))
    return found


def change_rows(
    scenario: Scenario, found: Sequence[Change], published_names: Mapping[str, str] = {}
) -> list[list[object]]:
    """changes.csv rows. ``published_names`` are the names the published plan gives (its
    ``name`` column): the only name left of a teacher no longer in teachers.csv."""
    names = {**published_names, **{t.teacher_id: t.name for t in scenario.teachers}}

    def place(school_id: str) -> str:
        return school_name(scenario, school_id) if school_id else ""

    return [
        [
            c.teacher_id,
            c.year,
            c.before,
            c.after,
            c.reason.value,
            names.get(c.teacher_id, ""),
            place(c.before),
            place(c.after),
        ]
        for c in found
    ]


def kept_rows(
    scenario: Scenario, published: Iterable[Assignment], plan: Iterable[Assignment]
) -> tuple[int, int]:
    """(published rows of the open years the re-plan keeps, published rows of those years)."""
    now = {(a.teacher_id, a.year, a.host_school_id, a.org_id) for a in plan}
    rows = [a for a in published if a.year in scenario.open_years]
    kept = sum((a.teacher_id, a.year, a.host_school_id, a.org_id) in now for a in rows)
    return kept, len(rows)


def by_reason(found: Iterable[Change]) -> dict[str, int]:
    """Changes counted by reason, every reason listed (zeros too), in catalogue order."""
    counts = Counter(c.reason for c in found)
    return {r.value: counts[r] for r in Reason}
