"""Re-planning a running cycle (SPEC §6) on tiny instances, the optimum worked out by hand.

Cycle 2023-2025, re-planned from 2024 unless said otherwise: 2023 is history. Every solved case
also checks that the audit (which never sees the model) finds the plan compliant with the same
cost, term by term, and that the plan holds the history rows.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from solver.audit import audit
from solver.rules import Rule
from solver.scenario import Distance, Scenario, ScenarioInfo
from solver.solving.result import Result, Status
from solver.solving.solve import solve
from tests.helpers_build import demand, lock, org, preference, row, scenario, school, teacher

AB = [school("A"), school("B")]
ABC = [school("A"), school("B"), school("C")]


def replan(s: Scenario, history: list, year: int = 2024) -> Scenario:
    """The scenario re-planned from ``year`` with ``history`` as history.csv."""
    info = ScenarioInfo(name="test", cycle_start=s.info.cycle_start,
                        cycle_years=s.info.cycle_years, replan_from=year)  # fmt: skip
    return s.replace(info=info, history_plan=tuple(history))


def optimum(s: Scenario) -> Result:
    result = solve(s, time_limit=20, workers=1)
    assert result.status is Status.OPTIMAL, result.status
    assert sum(result.terms.values()) == result.cost
    report = audit(s, result.plan)
    assert report.compliant, [c.sentence for c in report.violations]
    assert report.cost_terms == result.terms
    assert set(s.history) <= set(result.plan)  # H12: the plan holds the history
    return result


def infeasible(s: Scenario) -> None:
    assert solve(s, time_limit=20, workers=1).status is Status.INFEASIBLE


def moves(result: Result) -> list[tuple[str, int, str]]:
    return [(a.teacher_id, a.year, a.host_school_id) for a in result.plan]


def test_history_fixed_and_per_year_rules_skipped_in_history() -> None:
    # The pairing lead A must send 1 a year (H6); one rotation of one year each. a1 served in
    # 2023 and may not go again; a2 and a3 cover 2024 and 2025: move = 10 x 3 rows = 30.
    s = scenario(AB, [org("p", "pairing", "A", ["B"], min_out_per_member=1)],
                 [teacher("a1", "A"), teacher("a2", "A"), teacher("a3", "A")],
                 weights={"move": 10}, years=3)  # fmt: skip
    result = optimum(replan(s, [row("a1", 2023, "A", "B", "p")]))
    assert result.cost == 30
    assert ("a1", 2023, "B") in moves(result) and len(result.plan) == 3
    assert {t for t, y, _ in moves(result) if y > 2023} == {"a2", "a3"}
    # An empty 2023 breaks H6 in 2023, but 2023 happened: not checked. 2 rows, cost 20.
    assert optimum(replan(s, [])).cost == 20


def test_h3_a_run_begun_in_history_continues() -> None:
    # Terms of exactly 2 years: a1 served 2023 only, so the run must go on in 2024 at B under
    # p (H3 counts the history year): rows 2023 and 2024, move = 10 x 2 = 20.
    s = scenario(AB, [org("p", "pairing", "A", ["B"])], [teacher("a1", "A")],
                 weights={"move": 10}, years=3,
                 policy={"min_term_years": 2, "max_term_years": 2})  # fmt: skip
    result = optimum(replan(s, [row("a1", 2023, "A", "B", "p")]))
    assert moves(result) == [("a1", 2023, "B"), ("a1", 2024, "B")] and result.cost == 20


def test_h3_a_run_may_stop_at_replan_from_when_long_enough() -> None:
    # Terms of 1-2 years: the 2023 year is a whole term; going on costs 10 more, so a1 stays.
    s = scenario(AB, [org("p", "pairing", "A", ["B"])], [teacher("a1", "A")],
                 weights={"move": 10}, years=3, policy={"max_term_years": 2})  # fmt: skip
    assert moves(optimum(replan(s, [row("a1", 2023, "A", "B", "p")]))) == [("a1", 2023, "B")]


@pytest.mark.parametrize(
    ("policy", "locked", "why"),
    [
        ({}, lock("a1", 2025, "B"), "one rotation per cycle: the run ended in history"),
        ({"max_term_years": 2}, lock("a1", 2024, "C"), "a run crossing 2024 changes host"),
        ({"min_term_years": 2, "max_term_years": 2}, lock("a1", 2024, "A"),
         "the 2-year term begun in 2023 cannot stop"),
        ({}, lock("a1", 2023, "A"), "a lock that contradicts history"),
    ],
)  # fmt: skip
def test_history_can_make_a_re_plan_infeasible(policy: dict, locked, why: str) -> None:
    s = scenario(ABC, [org("p", "pairing", "A", ["B", "C"])], [teacher("a1", "A")],
                 years=3, policy=policy, locks=(locked,))  # fmt: skip
    infeasible(replan(s, [row("a1", 2023, "A", "B", "p")]))


def test_a_departed_teachers_rows_count_in_move_and_distance_only() -> None:
    # 'gone' (not in teachers.csv) served A->B in 2023, 7 km: move 10 + distance 7. a1, due
    # (tenure 2023 - 2010 = 13 >= 6), served too: move 10 + 7 km - due 8. B wants 1 math
    # teacher: a1 (math) filled it in 2023, -shortage 20; gone's row fills nothing. No quota:
    # nobody moves in 2024-2025. Cost = move 20 + distance 14 - due 8 - shortage 20 = 6.
    s = scenario(AB, [org("p", "pairing", "A", ["B"])],
                 [teacher("a1", "A", school_since=2010)],
                 weights={"move": 10, "distance_km": 1, "due": 8, "shortage": 20,
                          "preference": 5}, years=3,
                 demand=(demand("B", "math", 0, wanted_in=1),),
                 distances=(Distance(school_a="A", school_b="B", km=7),))  # fmt: skip
    history = [row("gone", 2023, "A", "B", "p"), row("a1", 2023, "A", "B", "p")]
    result = optimum(replan(s, history))
    assert result.terms == {"move": 20, "distance_km": 14, "preference": 0, "due": -8,
                            "repeat": 0, "shortage": -20, "spread": 0, "change": 0,
                            "balance": 0}  # fmt: skip
    assert ("gone", 2023, "B") in moves(result)


def test_history_rows_use_their_own_home() -> None:
    # t1 served A->B in 2023 and has since moved to C: the row keeps home A (distance A-B 4 km,
    # not C-B 9 km), and the pair need not be partners today.
    s = scenario(ABC, [org("p", "pairing", "C", ["B"])],
                 [teacher("t1", "C", school_since=2024)],
                 weights={"distance_km": 1}, years=3,
                 distances=(Distance(school_a="A", school_b="B", km=4),
                            Distance(school_a="C", school_b="B", km=9)))  # fmt: skip
    assert optimum(replan(s, [row("t1", 2023, "A", "B", "p")])).cost == 4


def test_exemption_by_year_in_h2() -> None:
    # 2024-2025, the lead sends 1 a year, one rotation each. a1 is ill in 2024 only: a2 goes in
    # 2024 and a1 in 2025. Exempt the whole cycle, a1 cannot go at all: no plan.
    ill = teacher("a1", "A", exempt=True, exempt_from=2024, exempt_until=2024)
    s = scenario(AB, [org("p", "pairing", "A", ["B"], min_out_per_member=1)],
                 [ill, teacher("a2", "A")], years=2, start=2024)  # fmt: skip
    assert sorted(moves(optimum(s))) == [("a1", 2025, "B"), ("a2", 2024, "B")]
    always = ill.model_copy(update={"exempt_from": None, "exempt_until": None})
    infeasible(s.replace(teachers=(always, teacher("a2", "A"))))


def test_h10_counts_due_teachers_eligible_in_the_year() -> None:
    # Quality school A, rotation_share 0.5; a1..a4 due (tenure 14); a1, a2 exempt in 2024 only.
    # Due in 2024: a3, a4 -> ceil(0.5 x 2) = 1 away; in 2025: all 4 -> 2 away. 3 rows x 10 = 30
    # (counting a1, a2 as due in 2024 would need 2 away in 2024: 40).
    due = {"school_since": 2010}
    ill = {"exempt": True, "exempt_from": 2024, "exempt_until": 2024}
    s = scenario([school("A", quality=True), school("B")], [org("p", "pairing", "A", ["B"])],
                 [teacher("a1", "A", **due, **ill), teacher("a2", "A", **due, **ill),
                  teacher("a3", "A", **due), teacher("a4", "A", **due)],
                 weights={"move": 10}, years=2, start=2024,
                 policy={"rotation_share": Decimal("0.5")})  # fmt: skip
    result = optimum(s)
    assert result.cost == 30
    assert sum(y == 2024 for _, y, _ in moves(result)) == 1


@pytest.mark.parametrize(
    ("served", "cost"),
    [
        ("c1", 20),  # c1 (cadre of A) served A->B in 2023: only B->A is left: cb, 1 row
        ("gone", 30),  # a departed teacher's row does not count (role unknown): ca and cb
    ],
)
def test_h7_counts_cadres_who_served_in_history(served: str, cost: int) -> None:
    # Group A-B, one cadre each way per cycle (H7). move = 10 per row, the 2023 row included.
    cadre = {"role": "middle_cadre"}
    s = scenario(AB, [org("g", "group", "A", ["B"], cadre_per_member=1)],
                 [teacher("c1", "A", **cadre), teacher("ca", "A", **cadre),
                  teacher("cb", "B", **cadre)],
                 weights={"move": 10}, years=3)  # fmt: skip
    assert optimum(replan(s, [row(served, 2023, "A", "B", "g")])).cost == cost


def test_history_future_rows_are_the_reference_for_change() -> None:
    # Published: a1 2023, a2 2024, a3 2025 at B (one a year, H6). Nothing changed: the re-plan
    # keeps a2 and a3, change 0, cost = move 30. a2 leaves: someone else (a4) serves in 2024,
    # 1 teacher-year changed (a2's own row does not count: a departed teacher has no change).
    published = [row("a1", 2023, "A", "B", "p"), row("a2", 2024, "A", "B", "p"),
                 row("a3", 2025, "A", "B", "p")]  # fmt: skip
    staff = [teacher(t, "A") for t in ("a1", "a2", "a3", "a4")]
    s = scenario(AB, [org("p", "pairing", "A", ["B"], min_out_per_member=1)], staff,
                 weights={"move": 10, "change": 100}, years=3)  # fmt: skip
    same = optimum(replan(s, published))
    assert sorted(same.plan, key=lambda a: a.year) == published and same.cost == 30
    left = replan(s.replace(teachers=tuple(t for t in staff if t.teacher_id != "a2")), published)
    result = optimum(left)
    assert result.terms["change"] == 100 and result.cost == 130
    assert ("a4", 2024, "B") in moves(result)


def test_preference_and_spread_count_history_rows() -> None:
    # Group A (lead) with members B, C; b1 backbone served A->B in 2023 (preference +2 for B).
    # spread = 30 x (max - min) backbone teacher-years received: B 1, C 0 -> 30, unless b2
    # serves at C (move 10 < 30): then 0. Cost = move 20 - preference 5 x 2 = 10.
    s = scenario(ABC, [org("g", "group", "A", ["B", "C"])],
                 [teacher("b1", "A", backbone=True), teacher("b2", "A", backbone=True)],
                 weights={"move": 10, "spread": 30, "preference": 5}, years=3,
                 preferences=(preference("b1", "B", 2),))  # fmt: skip
    result = optimum(replan(s, [row("b1", 2023, "A", "B", "g")]))
    assert result.terms["spread"] == 0 and result.cost == 10


def test_model_has_no_variable_in_history_years() -> None:
    from solver.model.build import build_model

    s = scenario(AB, [org("p", "pairing", "A", ["B"])], [teacher("a1", "A")], years=3)
    built = build_model(replan(s, [], year=2025))
    assert {run.start for run in built.variables.runs} == {2025}
    assert Rule.H12 in set(Rule)


def test_reference_plan_csv_is_compared_over_every_year() -> None:
    # reference_plan.csv has a1 at B in 2023 and a2 at B in 2024; history.csv has a2 at B in
    # 2023 (a1 stayed home). Served 2023 differs twice from the reference (a1 home vs B, a2 B vs
    # home): change 2 x 100, whatever the plan. In 2024 a2 cannot go again (one rotation,
    # served): a2's 2024 differs too, +100. Nothing else moves (no quota): cost 300.
    reference = (row("a1", 2023, "A", "B", "p"), row("a2", 2024, "A", "B", "p"))
    s = scenario(AB, [org("p", "pairing", "A", ["B"])], [teacher("a1", "A"), teacher("a2", "A")],
                 weights={"change": 100}, years=3, reference_plan=reference)  # fmt: skip
    result = optimum(replan(s, [row("a2", 2023, "A", "B", "p")]))
    assert result.terms["change"] == 300 and moves(result) == [("a2", 2023, "B")]
