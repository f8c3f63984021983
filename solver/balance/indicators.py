"""Per school and year: how many teachers count for each indicator, and their value per 100
students, before (every teacher at home) and after (where the plan has them serve)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Protocol

from solver.scenario import (
    BALANCE_INDICATORS,
    BackboneLevel,
    BalanceSettings,
    Degree,
    Level,
    Scenario,
    School,
    Teacher,
    Title,
)

INDICATORS = BALANCE_INDICATORS
"""SPEC §8's indicator ids, in its order."""

NEAR_SHARE = Fraction(85, 100)
"""A school at 85% of a floor or more is "near" it."""

DEGREE_ABOVE = {
    "primary": frozenset({Degree.POSTGRADUATE, Degree.BACHELOR, Degree.ASSOCIATE}),
    "junior": frozenset({Degree.POSTGRADUATE, Degree.BACHELOR}),
}
"""高于规定学历 per band: associate or higher in primary schools, bachelor or higher in junior."""
MIDDLE_TITLES = frozenset({Title.FIRST, Title.SENIOR, Title.SENIOR_PLUS})
LOW_BACKBONE = frozenset({BackboneLevel.SCHOOL})


class Placed(Protocol):
    """A plan row of any source (the model's plan, a plan file, history): where and when."""

    @property
    def teacher_id(self) -> str: ...
    @property
    def year(self) -> int: ...
    @property
    def host_school_id(self) -> str: ...


def band_of(school: School, settings: BalanceSettings) -> str:
    """``primary`` or ``junior``; a nine-year school is wholly in ``nine_year_band``."""
    if school.level is Level.NINE_YEAR:
        return settings.nine_year_band
    return "primary" if school.level is Level.PRIMARY else "junior"


def counts_for(indicator: str, settings: BalanceSettings) -> Callable[[Teacher, str], bool]:
    """Whether a teacher counts for ``indicator`` at a school of a band."""
    if indicator == "teachers":
        return lambda t, band: True
    if indicator == "degree":
        return lambda t, band: t.degree in DEGREE_ABOVE[band]
    if indicator == "title":
        return lambda t, band: t.title in MIDDLE_TITLES
    if indicator == "backbone":
        return lambda t, band: t.backbone and t.backbone_level not in LOW_BACKBONE
    subjects = frozenset(settings.pe_art_subjects)
    return lambda t, band: t.subject in subjects


def indicators_of(scenario: Scenario) -> tuple[str, ...]:
    """The indicators the scenario can measure: none without students; ``degree`` and
    ``title`` only when some teacher has one."""
    if not any(s.students for s in scenario.schools):
        return ()
    given = {
        "degree": any(t.degree is not None for t in scenario.teachers),
        "title": any(t.title is not None for t in scenario.teachers),
    }
    return tuple(i for i in INDICATORS if given.get(i, True))


def floor_of(indicator: str, band: str, settings: BalanceSettings) -> Fraction | None:
    """The floor per 100 students of an indicator in a band, or ``None`` without one."""
    floors = settings.floor_primary if band == "primary" else settings.floor_junior
    value = floors.get(indicator)
    return None if value is None else Fraction(value)


def status_of(value: Fraction, floor: Fraction | None) -> str:
    """``meets`` at or above the floor, ``near`` at 85% of it or more, else ``below``."""
    if floor is None:
        return ""
    if value >= floor:
        return "meets"
    return "near" if value >= NEAR_SHARE * floor else "below"


def balance_shortfall(scenario: Scenario, plan: Sequence[Placed]) -> int:
    """The ``balance`` cost term's count: Σ over schools, years and indicators with a floor
    of the teachers short of it after ``plan``."""
    return sum(v.shortfall_after for v in school_values(scenario, plan))


def shortfall(floor: Fraction, students: int, count: int) -> int:
    """Teachers missing to reach the floor: max(0, ceil(floor·P/100) − T)."""
    return max(0, math.ceil(floor * students / 100) - count)


@dataclass(frozen=True)
class SchoolValue:
    """One row of balance.csv: a school's indicator in a year, before and after."""

    school_id: str
    district: str
    band: str
    year: int
    indicator: str
    students: int
    count_before: int
    count_after: int
    floor: Fraction | None

    @property
    def value_before(self) -> Fraction:
        return Fraction(100 * self.count_before, self.students)

    @property
    def value_after(self) -> Fraction:
        return Fraction(100 * self.count_after, self.students)

    @property
    def status_before(self) -> str:
        return status_of(self.value_before, self.floor)

    @property
    def status_after(self) -> str:
        return status_of(self.value_after, self.floor)

    @property
    def shortfall_after(self) -> int:
        """The teachers short of the floor after the plan (the ``balance`` cost term's part)."""
        if self.floor is None:
            return 0
        return shortfall(self.floor, self.students, self.count_after)


def serving_at(
    scenario: Scenario, plan: Iterable[Placed], year: int, count_at: str
) -> dict[str, str]:
    """Where each teacher of the scenario is counted in ``year``: the host when away (unless
    ``count_at`` is ``home``), else the home school. Rows of teachers who left are ignored."""
    place = {t.teacher_id: t.school_id for t in scenario.teachers}
    if count_at == "host":
        for a in plan:
            if a.year == year and a.teacher_id in place:
                place[a.teacher_id] = a.host_school_id
    return place


def tally(
    scenario: Scenario, place: dict[str, str], indicators: Sequence[str]
) -> Counter[tuple[str, str]]:
    """(school, indicator) → teachers who count there."""
    settings = scenario.balance
    bands = {s.school_id: band_of(s, settings) for s in scenario.schools}
    tests = {i: counts_for(i, settings) for i in indicators}
    counted: Counter[tuple[str, str]] = Counter()
    for teacher in scenario.teachers:
        school = place[teacher.teacher_id]
        for indicator, test in tests.items():
            if test(teacher, bands[school]):
                counted[school, indicator] += 1
    return counted


def school_values(scenario: Scenario, plan: Sequence[Placed]) -> list[SchoolValue]:
    """Every school with students, year and measurable indicator, before and after ``plan``
    (balance.csv's rows, in school, year and indicator order)."""
    settings = scenario.balance
    indicators = indicators_of(scenario)
    if not indicators:
        return []
    before = tally(scenario, serving_at(scenario, (), 0, "home"), indicators)
    rows = []
    for year in scenario.years:
        after = tally(scenario, serving_at(scenario, plan, year, settings.count_at), indicators)
        for school in scenario.schools:
            if not school.students:
                continue  # no students: no value (SPEC §8)
            band = band_of(school, settings)
            for indicator in indicators:
                key = (school.school_id, indicator)
                rows.append(
                    SchoolValue(
                        school.school_id, school.district, band, year, indicator,
                        school.students, before[key], after[key],
                        floor_of(indicator, band, settings),
                    )
                )  # fmt: skip
    return rows
