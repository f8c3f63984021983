"""Balance of teaching resources (SPEC §8): per school, year and indicator the teachers per
100 students before and after a plan (``indicators``), and per district, band, indicator and
year the student-weighted coefficient of variation across schools (``variation``).

Pure arithmetic on a scenario and a plan, in exact fractions, so that validate, the audit, the
report, compare and the outputs share one formula. May import only ``solver.scenario``.
"""

from solver.balance.indicators import (
    INDICATORS,
    Placed,
    SchoolValue,
    balance_shortfall,
    band_of,
    counts_for,
    floor_of,
    indicators_of,
    school_values,
    shortfall,
)
from solver.balance.variation import GroupCV, group_cvs, threshold_of

__all__ = [
    "INDICATORS",
    "GroupCV",
    "Placed",
    "SchoolValue",
    "balance_shortfall",
    "band_of",
    "counts_for",
    "floor_of",
    "group_cvs",
    "indicators_of",
    "school_values",
    "shortfall",
    "threshold_of",
]
