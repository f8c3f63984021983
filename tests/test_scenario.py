"""Derived facts: eligibility edges (age by gender, tenure, principals), due, exact quotas."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from solver.input.loader import load_scenario
from solver.scenario import ceil_share, floor_share


def test_eligibility_edges(basic: Path):
    s = load_scenario(basic)
    why = {t.teacher_id: s.ineligibility(t) for t in s.teachers}
    assert why["T1"] is None  # male, 43, tenure 13
    assert why["T2"] is None  # female, 49: one below the female exempt age 50
    assert why["T3"] == "age exemption"  # female, exactly 50
    assert why["T4"] == "principal"
    assert why["T5"] == "tenure below min_tenure_years"  # joined 2023: tenure 0 < 1
    assert why["T6"] == "age exemption"  # no gender, 54: the lower exempt age (50) applies
    assert why["T7"] == "exempt (孕期)"
    assert why["T8"] == "age exemption"  # male, exactly 55
    assert why["T9"] == "tenure below min_tenure_years"  # no school_since: tenure 0


def test_no_birth_year_means_no_age_exemption(basic: Path):
    s = load_scenario(basic, ["policy.min_tenure_years=0"])
    assert s.ineligibility(s.teacher_by_id["T9"]) is None


def test_principals_allowed(basic: Path):
    s = load_scenario(basic, ["policy.allow_principals=true"])
    assert s.is_eligible(s.teacher_by_id["T4"])


def test_due_at_tenure_boundary(basic: Path):
    s = load_scenario(basic, ["policy.due_tenure_years=8"])
    assert s.is_due(s.teacher_by_id["T2"])  # tenure exactly 8
    s = load_scenario(basic, ["policy.due_tenure_years=9"])
    assert not s.is_due(s.teacher_by_id["T2"])
    assert s.is_due(s.teacher_by_id["T1"])  # tenure 13


def test_repeat_within_cooldown(basic: Path):
    s = load_scenario(basic)
    assert s.is_repeat(s.teacher_by_id["T6"])  # last rotation 2021 >= 2023 - 3
    assert not s.is_repeat(s.teacher_by_id["T1"])
    s = load_scenario(basic, ["policy.cooldown_years=1"])
    assert not s.is_repeat(s.teacher_by_id["T6"])  # 2021 < 2022


def test_exact_quota_rounding():
    assert ceil_share(Decimal("0.15"), 20) == 3  # not 4 from 3.0000000000000004
    assert ceil_share(Decimal("0.15"), 21) == 4
    assert ceil_share(Decimal("0.10"), 30) == 3
    assert floor_share(Decimal("0.3"), 10) == 3
    assert floor_share(Decimal("0.3"), 3) == 0


def test_partners_follow_org_directions(basic: Path):
    s = load_scenario(basic)
    # group G1 and pairing P1 both run through the lead A: members B and C are not partners.
    assert s.partners["A"] == {"B", "C"}
    assert s.partners["B"] == {"A"}
    assert s.partners["C"] == {"A"}


def test_distance_great_circle_and_override(basic: Path):
    s = load_scenario(basic)
    # A (34.60, 119.20) to B (34.70, 119.30): about 14.5 km, rounded half up.
    assert s.km("A", "B") == s.km("B", "A") == 14
    assert s.km("A", "C") == 0  # C has no coordinates
    (basic / "distances.csv").write_text("school_a,school_b,km\nB,A,7.5\n", "utf-8")
    s = load_scenario(basic)
    assert s.km("A", "B") == 8
