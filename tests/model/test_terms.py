"""Each cost term of SPEC §4 on a tiny instance, the optimum worked out by hand.

Each test checks the term's own reported value, that the terms add up to the cost, that the
audit recomputes the same terms, and that switching the term's weight off changes the optimum.
"""

from __future__ import annotations

from decimal import Decimal

from solver.audit import audit
from solver.scenario import BalanceSettings, Distance, Scenario
from solver.solving.result import Result, Status
from solver.solving.solve import solve
from tests.helpers_build import demand, org, preference, row, scenario, school, teacher

AB = [school("A"), school("B")]


def optimum(s: Scenario) -> Result:
    result = solve(s, time_limit=20, workers=1)
    assert result.status is Status.OPTIMAL
    assert sum(result.terms.values()) == result.cost
    report = audit(s, result.plan)
    assert report.compliant, [c.sentence for c in report.violations]
    assert report.cost_terms == result.terms
    return result


def without(s: Scenario, weight: str) -> Scenario:
    return s.replace(weights=s.weights.model_copy(update={weight: 0}))


def test_move() -> None:
    # The pairing lead sends one teacher a year for 2 years: move = 10 x 2 teacher-years.
    s = scenario(
        AB, [org("p", "pairing", "A", ["B"], min_out_per_member=1)],
        [teacher("a1", "A"), teacher("a2", "A")], weights={"move": 10}, years=2,
    )  # fmt: skip
    result = optimum(s)
    assert result.terms["move"] == 20 and result.cost == 20
    assert optimum(without(s, "move")).cost == 0


def test_distance() -> None:
    # One backbone teacher must serve at a member (H4); B is 5 km away, C 12 km: she goes to B.
    s = scenario(
        [school("A"), school("B"), school("C")],
        [org("g", "group", "A", ["B", "C"], backbone_out_ratio=Decimal("0.5"))],
        [teacher("b1", "A", backbone=True)],
        weights={"distance_km": 2},
        distances=(Distance(school_a="A", school_b="B", km=5),
                   Distance(school_a="C", school_b="A", km=12)),
    )  # fmt: skip
    result = optimum(s)
    assert result.terms["distance_km"] == 10  # 2 x 5 km
    assert result.plan[0].host_school_id == "B"


def test_distance_from_coordinates() -> None:
    # No distances.csv: great-circle distance from lat/lon, 0.1 degree of latitude = 11.12 km,
    # rounded to 11.
    s = scenario(
        [school("A", lat=34.6, lon=119.2), school("B", lat=34.7, lon=119.2)],
        [org("p", "pairing", "A", ["B"], min_out_per_member=1)],
        [teacher("a1", "A")], weights={"distance_km": 1},
    )  # fmt: skip
    assert optimum(s).terms["distance_km"] == 11


def test_preference() -> None:
    # t wants B (weight 3), u avoids it (weight -4); one of them must go (H6): t goes.
    # preference term = -5 x 3 = -15; without the term either may go (cost 0).
    s = scenario(
        AB, [org("p", "pairing", "A", ["B"], min_out_per_member=1)],
        [teacher("t", "A"), teacher("u", "A")], weights={"preference": 5},
        preferences=(preference("t", "B", 3), preference("u", "B", -4)),
    )  # fmt: skip
    result = optimum(s)
    assert result.terms["preference"] == -15
    assert result.plan[0].teacher_id == "t"


def test_due() -> None:
    # A due teacher (tenure 10) rotating earns due = 12 > move 10: she goes voluntarily, once
    # (the term counts teachers, not years): -12 + 10 = -2. Without the term she stays: 0.
    s = scenario(
        AB, [org("g", "group", "A", ["B"])],
        [teacher("d", "A", school_since=2013), teacher("n", "A")],
        weights={"move": 10, "due": 12}, years=3,
    )  # fmt: skip
    result = optimum(s)
    assert result.terms == {**result.terms, "due": -12, "move": 10}
    assert result.cost == -2
    assert optimum(without(s, "due")).cost == 0


def test_repeat() -> None:
    # One of two teachers must go (H6); r rotated in 2021 (within the 3-year cooldown), so
    # sending r costs repeat 15 more: n goes. If only r could go, the repeat term would be 15.
    s = scenario(
        AB, [org("p", "pairing", "A", ["B"], min_out_per_member=1)],
        [teacher("r", "A", last_rotation_end=2021), teacher("n", "A")],
        weights={"move": 10, "repeat": 15},
    )  # fmt: skip
    result = optimum(s)
    assert result.plan[0].teacher_id == "n" and result.terms["repeat"] == 0
    only_r = s.replace(teachers=(teacher("r", "A", last_rotation_end=2021),))
    assert optimum(only_r).terms["repeat"] == 15


def test_shortage() -> None:
    # B wants 1 incoming English teacher; A has two. One goes for -20 + 10; the second would
    # add move 10 but no shortage gain (min(wanted_in, incoming)): optimum -10 with one move.
    s = scenario(
        AB, [org("g", "group", "A", ["B"])],
        [teacher("e1", "A", subject="英语"), teacher("e2", "A", subject="英语")],
        weights={"move": 10, "shortage": 20},
        demand=(demand("B", "英语", 0, wanted_in=1),),
    )  # fmt: skip
    result = optimum(s)
    assert result.terms["shortage"] == -20 and result.cost == -10
    assert optimum(without(s, "shortage")).cost == 0


def test_spread() -> None:
    # One lead backbone teacher at a member each year for 2 years (H4), B 1 km away, C 3 km.
    # Without spread both years go to B: 2 x (10 + 1) = 22, spread 2 - 0 = 2 (60 if weighed).
    # With spread 30: one year each: 20 + 1 + 3 = 24, spread 0.
    s = scenario(
        [school("A"), school("B"), school("C")],
        [org("g", "group", "A", ["B", "C"], backbone_out_ratio=Decimal("0.5"))],
        [teacher("b1", "A", backbone=True), teacher("b2", "A", backbone=True)],
        weights={"move": 10, "distance_km": 1, "spread": 30}, years=2,
        distances=(Distance(school_a="A", school_b="B", km=1),
                   Distance(school_a="A", school_b="C", km=3)),
    )  # fmt: skip
    result = optimum(s)
    assert result.cost == 24 and result.terms["spread"] == 0
    assert optimum(without(s, "spread")).cost == 22


def test_change() -> None:
    # The reference plan has t at B in 2023: going costs move 10, staying costs change 100.
    s = scenario(
        AB, [org("g", "group", "A", ["B"])], [teacher("t", "A"), teacher("u", "A")],
        weights={"move": 10, "change": 100},
        reference_plan=(row("t", 2023, "A", "B", "g"),),
    )  # fmt: skip
    result = optimum(s)
    assert result.cost == 10 and result.terms["change"] == 0
    assert [a.teacher_id for a in result.plan] == ["t"]
    assert optimum(without(s, "change")).cost == 0


def test_change_counts_the_reference_for_teachers_who_cannot_move() -> None:
    # u is exempt but the reference sends u away: that teacher-year differs whatever we do.
    s = scenario(
        AB, [org("g", "group", "A", ["B"])], [teacher("u", "A", exempt=True)],
        weights={"change": 100}, reference_plan=(row("u", 2023, "A", "B", "g"),),
    )  # fmt: skip
    result = optimum(s)
    assert result.terms["change"] == 100


def test_zero_weight_terms_are_not_in_the_model() -> None:
    from solver.model.build import build_model

    s = scenario(AB, [org("g", "group", "A", ["B"])], [teacher("t", "A")], weights={"move": 1})
    assert set(build_model(s).terms) == {"move"}


def test_balance() -> None:
    # SPEC §8, the backbone floor only. A (200 students) has 4 county backbone teachers:
    # 2.0 per 100; B (100 students) has none: below the floor 1.0 by
    # ceil(1.0 x 100 / 100) - 0 = 1 teacher.
    # Without balance nothing moves (move 10): cost 0, balance shortfall 1 (50 if weighed).
    # With balance 50: one backbone teacher to B (10), A keeps 3 >= ceil(2.0) = 2: cost 10.
    s = scenario(
        [school("A", students=200), school("B", students=100)],
        [org("g", "group", "A", ["B"])],
        [teacher(f"b{i}", "A", backbone=True) for i in range(4)] + [teacher("m", "A")],
        weights={"move": 10, "balance": 50},
        balance=BalanceSettings(floor_primary={"backbone": Decimal("1.0")}),
    )  # fmt: skip
    result = optimum(s)
    assert result.cost == 10 and result.terms["balance"] == 0
    assert [(a.teacher_id[0], a.host_school_id) for a in result.plan] == [("b", "B")]
    quota_only = optimum(without(s, "balance"))
    assert quota_only.cost == 0 and audit(s, quota_only.plan).cost_terms["balance"] == 50
