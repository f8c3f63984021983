"""校际差异系数: per district, band, indicator and year, the student-weighted coefficient of
variation of the schools' values, CV = sqrt(ΣP·(x − x̄)² / N) / x̄, kept exact as CV²."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from solver.balance.indicators import SchoolValue
from solver.scenario import BalanceSettings


def threshold_of(band: str, settings: BalanceSettings) -> Fraction:
    return Fraction(settings.cv_max_primary if band == "primary" else settings.cv_max_junior)


def cv_squared(weighted: Sequence[tuple[int, int]]) -> Fraction | None:
    """CV² of schools given as (students P, teachers T), value x = 100·T/P; ``None`` when
    blank (fewer than 2 schools, or mean 0). Exact: the audit compares it with a threshold²."""
    if len(weighted) < 2:
        return None
    n = sum(p for p, _ in weighted)
    total = sum(t for _, t in weighted)
    if total == 0:
        return None
    mean = Fraction(100 * total, n)
    spread = sum((p * (Fraction(100 * t, p) - mean) ** 2 for p, t in weighted), Fraction(0))
    variance = spread / n
    return variance / mean**2


def as_float(squared: Fraction | None) -> float | None:
    return None if squared is None else math.sqrt(squared)


@dataclass(frozen=True)
class GroupCV:
    """One entry of summary.json["balance"]."""

    district: str
    band: str
    indicator: str
    year: int
    schools: int
    cv2_before: Fraction | None
    cv2_after: Fraction | None
    threshold: Fraction
    below_before: int | None
    below_after: int | None

    @property
    def cv_before(self) -> float | None:
        return as_float(self.cv2_before)

    @property
    def cv_after(self) -> float | None:
        return as_float(self.cv2_after)

    def h13_holds(self, strict: bool) -> bool:
        """H13: CV after ≤ max(threshold, CV before), or ≤ threshold when strict; exact."""
        if self.cv2_after is None:
            return True
        limit = self.threshold**2
        if not strict and self.cv2_before is not None:
            limit = max(limit, self.cv2_before)
        return self.cv2_after <= limit

    def to_dict(self) -> dict[str, object]:
        def rounded(x: float | None) -> float | None:
            return None if x is None else round(x, 6)

        return {
            "district": self.district,
            "band": self.band,
            "indicator": self.indicator,
            "year": self.year,
            "schools": self.schools,
            "cv_before": rounded(self.cv_before),
            "cv_after": rounded(self.cv_after),
            "threshold": float(self.threshold),
            "below_before": self.below_before,
            "below_after": self.below_after,
        }


def group_cvs(values: Sequence[SchoolValue], settings: BalanceSettings) -> list[GroupCV]:
    """Every (district, band, indicator, year) of ``values``, in first-seen order."""
    groups: dict[tuple[str, str, str, int], list[SchoolValue]] = {}
    for v in values:
        groups.setdefault((v.district, v.band, v.indicator, v.year), []).append(v)
    result = []
    for (district, band, indicator, year), rows in groups.items():
        has_floor = rows[0].floor is not None
        result.append(
            GroupCV(
                district, band, indicator, year, len(rows),
                cv_squared([(v.students, v.count_before) for v in rows]),
                cv_squared([(v.students, v.count_after) for v in rows]),
                threshold_of(band, settings),
                sum(v.status_before == "below" for v in rows) if has_floor else None,
                sum(v.status_after == "below" for v in rows) if has_floor else None,
            )
        )  # fmt: skip
    return result
