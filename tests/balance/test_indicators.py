"""The indicators and the 校际差异系数 of SPEC §8, worked by hand on three schools."""

from __future__ import annotations

import math
from fractions import Fraction

from solver.balance import group_cvs, indicators_of, school_values
from tests.helpers_build import org, row, scenario, school, teacher


def three_schools(**extra):
    """One primary district: A has 200 students and 4 county backbone teachers, B 100 and 1,
    C 100 and none (C has one school-level backbone teacher, who does not count)."""
    schools = [school("A", students=200), school("B", students=100), school("C", students=100)]
    teachers = [teacher(f"A{i}", "A", backbone=True) for i in range(4)]
    teachers += [teacher("B0", "B", backbone=True, backbone_level="city")]
    teachers += [teacher("C0", "C", backbone=True, backbone_level="school")]
    return scenario(schools, [org("g", "group", "A", ["B", "C"])], teachers, **extra)


def backbone(values, school_id):
    return next(v for v in values if v.school_id == school_id and v.indicator == "backbone")


def test_cv_worked_by_hand_on_three_schools():
    # x = 100·T/P: A 2.0, B 1.0, C 0.0. N = 400, x̄ = 100·5/400 = 1.25.
    # ΣP(x − x̄)² / N = (200·0.75² + 100·0.25² + 100·1.25²) / 400 = 275/400 = 0.6875,
    # CV = sqrt(0.6875) / 1.25, so CV² = 0.6875 / 1.5625 = 0.44 exactly, CV ≈ 0.6633.
    s = three_schools()
    values = school_values(s, [])
    group = next(g for g in group_cvs(values, s.balance) if g.indicator == "backbone")
    assert group.cv2_before == Fraction(44, 100) == group.cv2_after
    assert math.isclose(group.cv_before, 0.663324958, rel_tol=1e-9)
    assert group.schools == 3 and group.threshold == Fraction(1, 2)
    # floor 1.0: A 2.0 meets, B 1.0 meets (at the floor), C 0 is below
    assert [backbone(values, x).status_before for x in "ABC"] == ["meets", "meets", "below"]
    assert group.below_before == 1
    assert not group.h13_holds(strict=True)  # 0.66 > 0.50
    assert group.h13_holds(strict=False)  # not worse than before


def test_a_move_counts_at_the_host_and_narrows_the_gap():
    # A0 serves at C in 2023: A 3/200 → 1.5, C 1/100 → 1.0; x̄ still 1.25.
    # ΣP(x − x̄)²/N = (200·0.25² + 100·0.25² + 100·0.25²)/400 = 0.0625, CV² = 0.0625/1.5625 = 0.04
    s = three_schools()
    plan = [row("A0", 2023, "A", "C", "g")]
    values = school_values(s, plan)
    c = backbone(values, "C")
    assert (c.count_before, c.count_after) == (0, 1)
    assert (c.status_before, c.status_after) == ("below", "meets")
    group = next(g for g in group_cvs(values, s.balance) if g.indicator == "backbone")
    assert group.cv2_after == Fraction(4, 100)
    assert group.below_after == 0
    assert group.h13_holds(strict=True)
    assert c.shortfall_after == 0 and backbone(school_values(s, []), "C").shortfall_after == 1


def test_home_counting_is_the_no_exchange_baseline():
    s = three_schools()
    s = s.replace(balance=s.balance.model_copy(update={"count_at": "home"}))
    c = backbone(school_values(s, [row("A0", 2023, "A", "C", "g")]), "C")
    assert c.count_after == c.count_before == 0


def test_near_is_85_percent_of_the_floor():
    # pe_art floor 0.9: 1 teacher per 110 students is 0.909 (meets); per 115, 0.870 ≥ 0.765 (near)
    schools = [school("A", students=110), school("B", students=115), school("C", students=200)]
    teachers = [teacher("a", "A", subject="体育"), teacher("b", "B", subject="音乐")]
    teachers += [teacher("c", "C", subject="math")]
    s = scenario(schools, [org("g", "group", "A", ["B", "C"])], teachers)
    status = {v.school_id: v.status_before for v in school_values(s, []) if v.indicator == "pe_art"}
    assert status == {"A": "meets", "B": "near", "C": "below"}


def test_without_students_nothing_is_measured_and_degree_needs_degrees():
    plain = scenario([school("A"), school("B")], [org("g", "group", "A", ["B"])], [])
    assert indicators_of(plain) == () and school_values(plain, []) == []
    assert indicators_of(three_schools()) == ("teachers", "backbone", "pe_art")


def test_degree_above_the_required_depends_on_the_band():
    # 专科 is above the requirement in a primary school, not in a junior school
    schools = [school("P", students=100), school("J", students=100, level="junior")]
    teachers = [teacher("p", "P", degree="associate"), teacher("j", "J", degree="associate")]
    s = scenario(schools, [org("g", "group", "P", ["J"])], teachers)
    degree = {v.school_id: v.count_before for v in school_values(s, []) if v.indicator == "degree"}
    assert degree == {"P": 1, "J": 0}


def test_fewer_than_two_schools_or_a_zero_mean_leave_the_cv_blank():
    schools = [school("A", students=100), school("B", students=0), school("C", students=50)]
    s = scenario(schools, [org("g", "group", "A", ["B", "C"])], [teacher("t", "A")])
    values = school_values(s, [])
    assert {v.school_id for v in values} == {"A", "C"}  # B has no students: no value
    groups = {g.indicator: g for g in group_cvs(values, s.balance)}
    assert groups["backbone"].cv2_before is None  # x̄ = 0
    assert groups["teachers"].cv2_before is not None
