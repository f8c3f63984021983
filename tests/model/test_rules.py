"""Each hard rule H1-H11 on a tiny instance where switching the rule off changes the optimum.

Every test works the expected optimum out by hand, with the rule and without it, and checks that
the audit (which never sees the model) finds the plan compliant and the same cost.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from solver.audit import audit
from solver.model.build import build_model
from solver.rules import Rule
from solver.scenario import Scenario
from solver.solving.result import Result, Status
from solver.solving.solve import solve
from tests.helpers_build import demand, lock, org, preference, scenario, school, teacher

ALL = frozenset(Rule)


def optimum(s: Scenario, off: set[Rule] | None = None) -> Result:
    """Solve to optimality with one worker, with the rules in ``off`` switched off."""
    result = solve(s, time_limit=20, workers=1, rules=ALL - (off or set()))
    assert result.status is Status.OPTIMAL
    if not off:
        report = audit(s, result.plan)
        assert report.compliant, [c.sentence for c in report.violations]
        assert report.cost == result.cost
        assert report.cost_terms == result.terms
    return result


def pair(kind: str = "group", **policy: object) -> list:
    """Lead A and member B in one org ``o``."""
    return [org("o", kind, "A", ["B"], **policy)]


AB = [school("A"), school("B")]


def test_h1_one_host_per_teacher_year() -> None:
    # t may serve at B or C (both members of A's group) and likes both (weight 10 each,
    # preference weight 1). H3 is off in both solves, since it alone already keeps runs apart.
    # With H1: one host in the single year: cost -10. Without H1: both at once: -20.
    s = scenario(
        [school("A"), school("B"), school("C")],
        [org("o", "group", "A", ["B", "C"])],
        [teacher("t", "A")],
        weights={"preference": 1},
        preferences=(preference("t", "B", 10), preference("t", "C", 10)),
    )
    assert optimum(s, {Rule.H3}).cost == -10
    assert optimum(s, {Rule.H3, Rule.H1}).cost == -20


def test_h1_switched_off_through_rules_admits_member_to_member() -> None:
    # A group led by A with members B and C: H1 lets B's teacher serve only at the lead, so the
    # wish for C (weight 10) cannot be met (0). The registry entry of H1 carries that filter:
    # switching H1 off through ``rules=`` lets her take C (-10). H3 is off in both, as above.
    s = scenario(
        [school("A"), school("B"), school("C")],
        [org("o", "group", "A", ["B", "C"])],
        [teacher("t", "B")],
        weights={"preference": 1},
        preferences=(preference("t", "C", 10),),
    )
    assert optimum(s, {Rule.H3}).cost == 0
    assert optimum(s, {Rule.H3, Rule.H1}).cost == -10


def test_h2_only_eligible_teachers_move() -> None:
    # t is exempt but would love to go (weight 10): with H2 nobody moves (0), without -10.
    s = scenario(
        AB, pair(), [teacher("t", "A", exempt=True)],
        weights={"preference": 1}, preferences=(preference("t", "B", 10),),
    )  # fmt: skip
    assert optimum(s).cost == 0
    assert optimum(s, {Rule.H2}).cost == -10


def test_h2_community_subjects() -> None:
    # A community that exchanges only English: the math teacher who wants to go stays (0);
    # without H2 the subject list is ignored and she goes (-10).
    s = scenario(
        AB, [org("c", "community", "A", ["B"], subjects=("英语",))], [teacher("t", "A")],
        weights={"preference": 1}, preferences=(preference("t", "B", 10),),
    )  # fmt: skip
    assert optimum(s).cost == 0
    assert optimum(s, {Rule.H2}).cost == -10


def test_h3_one_run_of_one_year() -> None:
    # 3 years, one rotation of exactly 1 year. t likes B (10 per year away).
    # With H3: one year away, -10. Without: away every year, -30.
    s = scenario(
        AB, pair(), [teacher("t", "A")], years=3,
        weights={"preference": 1}, preferences=(preference("t", "B", 10),),
    )  # fmt: skip
    assert optimum(s).cost == -10
    assert optimum(s, {Rule.H3}).cost == -30


def test_h3_two_runs_need_a_year_at_home_between() -> None:
    # 3 years, up to 2 rotations of 1 year: 2023 and 2025 (2023+2024 would be one 2-year run,
    # longer than max_term_years = 1). So -20, not -30.
    s = scenario(
        AB, pair(), [teacher("t", "A")], years=3,
        policy={"max_rotations_per_cycle": 2},
        weights={"preference": 1}, preferences=(preference("t", "B", 10),),
    )  # fmt: skip
    result = optimum(s)
    assert result.cost == -20
    assert [a.year for a in result.plan] == [2023, 2025]


def test_h3_term_length() -> None:
    # Terms of exactly 2 years in a 3-year cycle: 2 years away, -20 (a single 3-year run or a
    # second run does not fit).
    s = scenario(
        AB, pair(), [teacher("t", "A")], years=3,
        policy={"min_term_years": 2, "max_term_years": 2, "max_rotations_per_cycle": 2},
        weights={"preference": 1}, preferences=(preference("t", "B", 10),),
    )  # fmt: skip
    assert optimum(s).cost == -20


def test_h4_backbone_quota() -> None:
    # Lead A has 2 backbone teachers: ceil(0.5 x 2) = 1 must serve at a member each year.
    # move = 10: with H4 the cost is 10, without it 0.
    s = scenario(
        AB, pair(backbone_out_ratio=Decimal("0.5")),
        [teacher("b1", "A", backbone=True), teacher("b2", "A", backbone=True),
         teacher("n1", "A")],
        weights={"move": 10},
    )  # fmt: skip
    result = optimum(s)
    assert result.cost == 10
    assert s.teacher_by_id[result.plan[0].teacher_id].backbone
    assert optimum(s, {Rule.H4}).cost == 0


def test_h4_counts_ineligible_backbone_in_the_base() -> None:
    # 3 backbone teachers at A, 2 of them exempt: the need is still ceil(0.5 x 3) = 2 (semantics:
    # "eligible or not"), and only one can go, so the model has no plan.
    s = scenario(
        AB, pair(backbone_out_ratio=Decimal("0.5")),
        [teacher("b1", "A", backbone=True), teacher("b2", "A", backbone=True, exempt=True),
         teacher("b3", "A", backbone=True, exempt=True)],
    )  # fmt: skip
    assert solve(s, time_limit=10, workers=1).status is Status.INFEASIBLE


def test_h5_reciprocity_per_member() -> None:
    # A must send 1 teacher to B each year (H6); per_member reciprocity makes B send one back.
    # move = 10: 20 with H5, 10 without.
    s = scenario(
        AB, pair("pairing", min_out_per_member=1, reciprocity="per_member"),
        [teacher("a1", "A"), teacher("b1", "B")], weights={"move": 10},
    )  # fmt: skip
    assert optimum(s).cost == 20
    assert optimum(s, {Rule.H5}).cost == 10


def test_h5_reciprocity_per_school() -> None:
    # Community A-B-C, per_school, tolerance 0: a1 would like B (15 - move 10 = -5), but B
    # cannot send anyone back (no teachers), so with H5 a1 stays (0); without H5, -5.
    s = scenario(
        [school("A"), school("B"), school("C")],
        [org("c", "community", "A", ["B", "C"], reciprocity="per_school")],
        [teacher("a1", "A"), teacher("a2", "A")],
        weights={"move": 10, "preference": 1},
        preferences=(preference("a1", "B", 15),),
    )  # fmt: skip
    # With H5 (tolerance 0), B would receive without sending: a1 stays, cost 0.
    assert optimum(s).cost == 0
    # Without H5, a1 goes for -5.
    assert optimum(s, {Rule.H5}).cost == -5


def test_h6_min_exchange() -> None:
    # Pairing: the lead sends at least 1 to its member each year. move = 10: 10 with, 0 without.
    s = scenario(
        AB, pair("pairing", min_out_per_member=1), [teacher("a1", "A")], weights={"move": 10}
    )
    assert optimum(s).cost == 10
    assert optimum(s, {Rule.H6}).cost == 0


def test_h7_cadre_exchange() -> None:
    # One cadre each way between lead and member per cycle: 2 moves (20) with, 0 without.
    s = scenario(
        AB, pair(cadre_per_member=1),
        [teacher("ac", "A", role="middle_cadre"), teacher("bc", "B", role="vice_principal"),
         teacher("an", "A")],
        weights={"move": 10},
    )  # fmt: skip
    result = optimum(s)
    assert result.cost == 20
    assert {a.teacher_id for a in result.plan} == {"ac", "bc"}
    assert optimum(s, {Rule.H7}).cost == 0


def test_h7_counts_distinct_cadres_over_the_cycle() -> None:
    # Two cadres needed A->B over 2 years; A has 2 cadres, each may go once. Two moves: 20.
    # The same cadre twice would not count twice (and H3 forbids it anyway).
    s = scenario(
        AB, pair(cadre_per_member=2),
        [teacher("c1", "A", role="middle_cadre"), teacher("c2", "A", role="reserve_cadre"),
         teacher("b1", "B", role="middle_cadre"), teacher("b2", "B", role="middle_cadre")],
        weights={"move": 10}, years=2,
    )  # fmt: skip
    assert optimum(s).cost == 40


def test_h8_coverage() -> None:
    # A must send 1 to B (H6). A's two math teachers are both needed (min_staff 2), so the
    # English teacher goes (10), although math teacher m1 would like to (preference 10 makes
    # her move free: 0 without H8).
    s = scenario(
        AB, pair("pairing", min_out_per_member=1),
        [teacher("m1", "A"), teacher("m2", "A"), teacher("e1", "A", subject="英语")],
        weights={"move": 10, "preference": 1},
        demand=(demand("A", "math", 2),), preferences=(preference("m1", "B", 10),),
    )  # fmt: skip
    result = optimum(s)
    assert result.cost == 10
    assert result.plan[0].teacher_id == "e1"
    assert optimum(s, {Rule.H8}).cost == 0


def test_h8_incoming_teachers_count() -> None:
    # B needs 1 math teacher present but has none: one must come from A (10). Without H8: 0.
    s = scenario(
        AB, pair(), [teacher("m1", "A")], weights={"move": 10}, demand=(demand("B", "math", 1),)
    )
    assert optimum(s).cost == 10
    assert optimum(s, {Rule.H8}).cost == 0


def test_h9_capacity_in() -> None:
    # B takes no incoming teacher: t, who wants to go (-10), stays (0).
    s = scenario(
        [school("A"), school("B", capacity_in=0)], pair(), [teacher("t", "A")],
        weights={"preference": 1}, preferences=(preference("t", "B", 10),),
    )  # fmt: skip
    assert optimum(s).cost == 0
    assert optimum(s, {Rule.H9}).cost == -10


def test_h9_cadre_share() -> None:
    # A has 2 cadres, at most floor(0.5 x 2) = 1 away per year; both want to go (10 each).
    s = scenario(
        AB, pair(),
        [teacher("c1", "A", role="middle_cadre"), teacher("c2", "A", role="middle_cadre")],
        policy={"max_cadre_out_share": Decimal("0.5")},
        weights={"preference": 1},
        preferences=(preference("c1", "B", 10), preference("c2", "B", 10)),
    )  # fmt: skip
    assert optimum(s).cost == -10
    assert optimum(s, {Rule.H9}).cost == -20


def test_h10_rotation_share() -> None:
    # Quality school A, 2 due teachers (tenure 10 >= 6): ceil(0.5 x 2) = 1 away each year: 10.
    s = scenario(
        [school("A", quality=True), school("B")], pair(),
        [teacher("d1", "A", school_since=2013), teacher("d2", "A", school_since=2013)],
        policy={"rotation_share": Decimal("0.5")}, weights={"move": 10},
    )  # fmt: skip
    assert optimum(s).cost == 10
    assert optimum(s, {Rule.H10}).cost == 0


def test_h10_backbone_share() -> None:
    # One of A's teachers must be away (ceil(0.5 x 2 due)); nb wants to go (20 > move 10, so
    # -10 alone), but backbone >= ceil(0.5 x away) needs a backbone teacher among them.
    # Best: nb and bb both go: 20 - 20 = 0. Without H10: nb alone, -10.
    s = scenario(
        [school("A", quality=True), school("B")], pair(),
        [teacher("nb", "A", school_since=2013), teacher("bb", "A", backbone=True)],
        policy={"rotation_share": Decimal("0.5"), "backbone_share": Decimal("0.5")},
        weights={"move": 10, "preference": 1}, preferences=(preference("nb", "B", 20),),
    )  # fmt: skip
    assert optimum(s).cost == 0
    assert optimum(s, {Rule.H10}).cost == -10


def test_h11_locked_away() -> None:
    # Locked at B in 2023: 10 with the lock, 0 without.
    s = scenario(
        AB, pair(), [teacher("t", "A")], weights={"move": 10}, locks=(lock("t", 2023, "B"),)
    )
    result = optimum(s)
    assert result.cost == 10 and result.plan[0].host_school_id == "B"
    assert optimum(s, {Rule.H11}).cost == 0


def test_h11_locked_at_home() -> None:
    # Locked at home although t wants to go (-10): 0.
    s = scenario(
        AB, pair(), [teacher("t", "A")], weights={"preference": 1},
        preferences=(preference("t", "B", 10),), locks=(lock("t", 2023, "A"),),
    )  # fmt: skip
    assert optimum(s).cost == 0
    assert optimum(s, {Rule.H11}).cost == -10


def test_variables_follow_h1_directions() -> None:
    # Group lead A, members B and C: A's teacher may go to B or C, B's only to A (never to C).
    s = scenario(
        [school("A"), school("B"), school("C")],
        [org("o", "group", "A", ["B", "C"])],
        [teacher("a", "A"), teacher("b", "B")],
        years=2,
    )
    v = build_model(s).variables
    hosts = {u.teacher_ids[0]: {v.runs[r].host for r in v.runs_of_unit[u.index]} for u in v.units}
    assert hosts == {"a": {"B", "C"}, "b": {"A"}}
    assert len(v.runs) == 3 * 2  # 3 (home, host) pairs x 2 start years


def test_every_rule_has_a_function_with_a_docstring() -> None:
    from solver.model.constraints import HARD_RULES
    from solver.model.objective import COST_TERMS
    from solver.rules import CostTerm

    assert list(HARD_RULES) == list(Rule)
    assert list(COST_TERMS) == list(CostTerm)
    rule_functions = [
        f
        for entry in HARD_RULES.values()
        for f in (entry.constrain, entry.may_move, entry.may_take)
        if f is not None
    ]
    assert all(HARD_RULES[rule].constrain or HARD_RULES[rule].may_take for rule in HARD_RULES)
    for function in [*rule_functions, *COST_TERMS.values()]:
        assert function.__doc__ and len(function.__doc__.strip().splitlines()) == 1


@pytest.mark.parametrize("aggregate", [True, False])
def test_grouping_teachers_changes_nothing(aggregate: bool) -> None:
    # Three backbone teachers at A, one a cadre: H4 needs ceil(0.5 x 3) = 2 of them at B, H7 a
    # cadre each way: b3 (backbone and cadre) plus b1 or b2, and x back: 3 moves = 30, whether
    # teachers are grouped into count variables or not.
    s = scenario(
        AB, pair(backbone_out_ratio=Decimal("0.5"), cadre_per_member=1),
        [teacher("b1", "A", backbone=True), teacher("b2", "A", backbone=True),
         teacher("b3", "A", backbone=True, role="middle_cadre"),
         teacher("x", "B", role="middle_cadre")],
        weights={"move": 10},
    )  # fmt: skip
    result = solve(s, time_limit=10, workers=1, aggregate=aggregate)
    assert result.cost == 30
    assert audit(s, result.plan).compliant
