"""The recomputed cost, term by term, on a plan small enough to add up by hand (SPEC §4)."""

from __future__ import annotations

from solver.audit import audit
from solver.input.plan import PlanRow
from solver.rules import CostTerm
from solver.scenario import (
    Assignment,
    Demand,
    Distance,
    Gender,
    Organization,
    OrgPolicy,
    OrgType,
    Preference,
    Scenario,
    School,
    Teacher,
    Weights,
)

# Group G: lead A (0°N 0°E), members B and C (0°N 1°E). distances.csv says A-B is 12 km (a row
# serves both directions); A-C is the great circle 6371 x π/180 = 111.19 km -> 111.
#   t1 A backbone, due (joined 2010)        2023 A->B  12 km, prefers B (+3)
#   t2 A backbone, not due (joined 2020)    2024 A->B  12 km
#   t3 B, repeat (last rotation 2021 >= 2023 - 3 = 2020)  2023 B->A  12 km, avoids A (-2)
#   t4 C, due, teaches art                  2023 C->A  111 km
#   t5 A, not due                           2025 A->C  111 km
# Demand: (A, math) wanted_in 1; (B, math) wanted_in 2.
# Reference plan: t1 2023 A->B (same), t2 2023 A->B (plan: 2024), t5 2025 A->B (plan: C), and a
# row from 2020, outside the cycle (ignored).


def teacher(tid: str, school: str, since: int = 2020, **fields: object) -> Teacher:
    return Teacher(
        teacher_id=tid,
        name=tid,
        school_id=school,
        subject=fields.pop("subject", "math"),  # type: ignore[arg-type]
        backbone=fields.pop("backbone", False),  # type: ignore[arg-type]
        gender=Gender.FEMALE,
        birth_year=1990,
        school_since=since,
        **fields,  # type: ignore[arg-type]
    )


def row(tid: str, year: int, home: str, host: str) -> Assignment:
    return Assignment(
        teacher_id=tid, year=year, home_school_id=home, host_school_id=host, org_id="G"
    )


def scenario(**update: object) -> Scenario:
    base = Scenario(
        schools=(
            School(school_id="A", name="A", district="d", level="primary", lat=0.0, lon=0.0),
            School(school_id="B", name="B", district="d", level="primary"),
            School(school_id="C", name="C", district="d", level="primary", lat=0.0, lon=1.0),
        ),
        organizations=(
            Organization(
                org_id="G",
                name="G",
                type=OrgType.GROUP,
                lead_school_id="A",
                members=("B", "C"),
                policy=OrgPolicy(),
            ),
        ),
        teachers=(
            teacher("t1", "A", 2010, backbone=True),
            teacher("t2", "A", backbone=True),
            teacher("t3", "B", last_rotation_end=2021),
            teacher("t4", "C", 2010, subject="art"),
            teacher("t5", "A"),
        ),
        demand=(
            Demand(school_id="A", subject="math", min_staff=0, wanted_in=1),
            Demand(school_id="B", subject="math", min_staff=0, wanted_in=2),
        ),
        preferences=(
            Preference(teacher_id="t1", school_id="B", weight=3),
            Preference(teacher_id="t3", school_id="A", weight=-2),
            Preference(teacher_id="t4", school_id="B", weight=9),  # t4 goes to A: no effect
        ),
        distances=(Distance(school_a="A", school_b="B", km=12),),
        reference_plan=(
            row("t1", 2023, "A", "B"),
            row("t2", 2023, "A", "B"),
            row("t5", 2025, "A", "B"),
            row("t4", 2020, "C", "A"),
        ),
    )
    return base.replace(**update)


PLAN = [
    row("t1", 2023, "A", "B"),
    row("t2", 2024, "A", "B"),
    row("t3", 2023, "B", "A"),
    row("t4", 2023, "C", "A"),
    row("t5", 2025, "A", "C"),
]


def test_every_term_by_hand():
    report = audit(scenario(), PLAN)
    assert report.cost_terms == {
        "move": 10 * 5,  # 5 away teacher-years
        "distance_km": 1 * (12 + 12 + 12 + 111 + 111),  # = 258
        "preference": -5 * (3 - 2),  # t1 likes B, t3 dislikes A
        "due": -8 * 2,  # t1 and t4 are due and rotate
        "repeat": 15 * 1,  # t3
        # A, math, wanted 1: 2023 t3 arrives -> 1; 2024, 2025 nobody. (t4 teaches art.)
        # B, math, wanted 2: 2023 t1 -> 1; 2024 t2 -> 1; 2025 nobody. Total 3.
        "shortage": -20 * 3,
        # Backbone teacher-years from A: B receives 2 (t1, t2), C receives 0 (t5 is not).
        "spread": 30 * (2 - 0),
        # t2 2023: reference B, plan home; t2 2024: reference home, plan B; t3 and t4 2023:
        # away in the plan, home in the reference; t5 2025: B vs C. t1 2023 agrees.
        "change": 100 * 5,
        "balance": 0,
    }
    assert report.cost == 50 + 258 - 5 - 16 + 15 - 60 + 60 + 500 == 802
    assert list(report.cost_terms) == [t.value for t in CostTerm]


def test_weights_scale_each_term_and_zero_weights_report_zero():
    weights = Weights(
        move=1, distance_km=0, preference=2, due=0, repeat=3, shortage=0, spread=1, change=0
    )
    report = audit(scenario(weights=weights), PLAN)
    assert report.cost_terms == {
        "move": 5,
        "distance_km": 0,
        "preference": -2,
        "due": 0,
        "repeat": 3,
        "shortage": 0,
        "spread": 2,
        "change": 0,
        "balance": 0,
    }


def test_no_reference_plan_means_no_change_cost():
    assert audit(scenario(reference_plan=None), PLAN).cost_terms["change"] == 0


def test_empty_plan():
    # Nobody moves: only the reference plan's in-cycle rows differ (t1 2023, t2 2023, t5 2025
    # away in the reference, home in the plan; t4 2020 is outside the cycle) -> 3 changes.
    report = audit(scenario(), [])
    assert report.cost_terms == {t.value: 0 for t in CostTerm} | {"change": 300}


def test_spread_needs_two_members_and_a_group():
    one_member = scenario().organizations[0].model_copy(update={"members": ("B",)})
    plan = [PlanRow("t1", 2023, "A", "B", "G")]
    assert audit(scenario(organizations=(one_member,)), plan).cost_terms["spread"] == 0
    community = scenario().organizations[0].model_copy(update={"type": OrgType.COMMUNITY})
    assert audit(scenario(organizations=(community,)), plan).cost_terms["spread"] == 0
    assert audit(scenario(), plan).cost_terms["spread"] == 30 * (1 - 0)


def test_rows_breaking_h1_cost_nothing():
    bad = [
        *PLAN,
        PlanRow("t9", 2023, "A", "B", "G"),  # unknown teacher
        PlanRow("t1", 2023, "A", "C", "G"),  # second row for t1 in 2023
        PlanRow("t5", 2026, "A", "C", "G"),  # outside the cycle
    ]
    report = audit(scenario(), bad)
    assert [c.line for c in report.violations if c.rule == "H1"] == [None, None, None]
    assert report.cost_terms == audit(scenario(), PLAN).cost_terms
