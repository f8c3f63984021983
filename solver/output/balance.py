"""balance.csv and summary.json["balance"] (SPEC §8): the indicators of a plan for machines."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from solver.balance import SchoolValue, group_cvs, school_values
from solver.scenario import Assignment, Scenario

BALANCE_COLUMNS = (
    "school_id",
    "year",
    "indicator",
    "students",
    "count_before",
    "value_before",
    "count_after",
    "value_after",
    "floor",
    "status_before",
    "status_after",
)
DIGITS = 4
"""Values per 100 students are written to 4 decimals (the audit keeps them exact)."""


def shown(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), DIGITS)


def balance_rows(values: Sequence[SchoolValue]) -> list[list[object]]:
    """balance.csv rows, one per school, year and indicator with a value."""
    return [
        [v.school_id, v.year, v.indicator, v.students, v.count_before, shown(v.value_before),
         v.count_after, shown(v.value_after), shown(v.floor), v.status_before, v.status_after]
        for v in values
    ]  # fmt: skip


def balance_summary(scenario: Scenario, plan: Sequence[Assignment]) -> list[dict[str, object]]:
    """summary.json["balance"]: one entry per district, band, indicator and year."""
    values = school_values(scenario, plan)
    return [group.to_dict() for group in group_cvs(values, scenario.balance)]
