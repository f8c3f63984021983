"""Infeasible scenarios: the explanation names exactly the rule instances that clash.

Each expected set is worked out by hand and is minimal: dropping any one instance leaves a plan.
"""

from __future__ import annotations

from decimal import Decimal

from solver.rules import Rule
from solver.solving.diagnose import diagnose
from solver.solving.result import Status
from solver.solving.solve import solve
from tests.helpers_build import demand, lock, org, scenario, school, teacher

AB = [school("A"), school("B")]


def keys(diagnosis) -> set[tuple]:
    return {(c.instance.rule, c.instance.year) for c in diagnosis.conflicts}


def test_backbone_quota_with_too_few_eligible() -> None:
    # Lead A has 3 backbone teachers, 2 exempt: ceil(0.5 x 3) = 2 must go in 2023, 1 can.
    # The H4 instance alone cannot hold.
    s = scenario(
        [school("A", name="东港中学(本部)"), school("B")],
        [org("g", "group", "A", ["B"], backbone_out_ratio=Decimal("0.5"))],
        [teacher("b1", "A", backbone=True), teacher("b2", "A", backbone=True, exempt=True),
         teacher("b3", "A", backbone=True, exempt=True)],
    )  # fmt: skip
    assert solve(s, time_limit=10, workers=1).status is Status.INFEASIBLE
    d = diagnose(s, 20)
    assert d.verdict == "infeasible" and d.minimal
    assert keys(d) == {(Rule.H4, 2023)}
    assert d.lines() == [
        "H4 org org g 2023: needs 2 of 东港中学(本部)'s 3 backbone teachers at members "
        "(ceil(0.5 x 3)); only 1 are eligible"
    ]


def test_two_locks_and_one_rotation() -> None:
    # t is locked at B in 2023 and at C in 2025: two separate runs, but a teacher rotates once
    # (H3). The three instances together clash; any two of them can hold.
    s = scenario(
        [school("A"), school("B"), school("C")],
        [org("g", "group", "A", ["B", "C"])],
        [teacher("t", "A")],
        years=3,
        locks=(lock("t", 2023, "B"), lock("t", 2025, "C")),
    )
    d = diagnose(s, 20)
    assert d.verdict == "infeasible" and d.minimal
    assert keys(d) == {(Rule.H3, None), (Rule.H11, 2023), (Rule.H11, 2025)}
    assert d.lines()[0].startswith("H3 teacher t teacher t (school A): at most 1 rotation")


def test_lock_of_a_teacher_who_may_not_move() -> None:
    s = scenario(
        AB, [org("g", "group", "A", ["B"])],
        [teacher("t", "A", exempt=True, exempt_reason="pregnancy")],
        locks=(lock("t", 2023, "B"),),
    )  # fmt: skip
    d = diagnose(s, 20)
    assert keys(d) == {(Rule.H11, 2023)}
    assert d.lines() == [
        "H11 teacher t teacher t 2023: locked at school B, but the teacher may not move "
        "(exempt (pregnancy))"
    ]


def test_minimum_exchange_against_coverage() -> None:
    # The pairing lead must send one teacher to B in 2023 (H6), but A's only two teachers are
    # both needed at home (H8, min_staff 2 math): those two instances clash.
    s = scenario(
        AB, [org("p", "pairing", "A", ["B"], min_out_per_member=1)],
        [teacher("m1", "A"), teacher("m2", "A")], demand=(demand("A", "math", 2),),
    )  # fmt: skip
    d = diagnose(s, 20)
    assert keys(d) == {(Rule.H6, 2023), (Rule.H8, 2023)}
    assert any("must send at least 1 teacher(s) to school B" in line for line in d.lines())
    assert any("at least 2 math teachers present; 2 on the staff" in line for line in d.lines())


def test_cadre_exchange_against_cadre_share() -> None:
    # A has one cadre; H7 wants a cadre A -> B once in the cycle, but floor(0.3 x 1) = 0 of
    # A's cadres may be away in any year (H9): the H7 instance and the H9 instance of the
    # single year clash.
    s = scenario(
        AB, [org("g", "group", "A", ["B"], cadre_per_member=1)],
        [teacher("c", "A", role="middle_cadre"), teacher("d", "B", role="middle_cadre")],
        policy={"max_cadre_out_share": Decimal("0.3")},
    )  # fmt: skip
    d = diagnose(s, 20)
    assert keys(d) == {(Rule.H7, None), (Rule.H9, 2023)}


def test_feasible_scenario_has_no_conflicts() -> None:
    s = scenario(AB, [org("g", "group", "A", ["B"])], [teacher("t", "A")])
    d = diagnose(s, 20)
    assert d.verdict == "feasible" and d.conflicts == ()


def test_only_the_infeasible_component_is_explained() -> None:
    # Two independent pairs; only C-D is infeasible (C must send one, has nobody).
    s = scenario(
        [school("A"), school("B"), school("C"), school("D")],
        [org("g", "group", "A", ["B"]),
         org("p", "pairing", "C", ["D"], min_out_per_member=1)],
        [teacher("a", "A")],
    )  # fmt: skip
    d = diagnose(s, 20)
    assert {c.instance.org_id for c in d.conflicts} == {"p"}
