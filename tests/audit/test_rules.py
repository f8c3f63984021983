"""Each hard rule H1-H11: a compliant plan, then a plan that breaks the rule exactly once.

Like Timefold's ``verify_that(...).penalizes_by(1)``: every test changes the compliant base plan
as little as possible and asserts the audit reports exactly that rule, exactly once, and nothing
else. The world (``world()``) and its base plan are worked out by hand below.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from solver.audit import AuditReport, Check, audit
from solver.input.plan import PlanRow
from solver.rules import Rule
from solver.scenario import (
    Demand,
    Gender,
    Lock,
    Organization,
    OrgPolicy,
    OrgType,
    Policy,
    Reciprocity,
    Role,
    Scenario,
    School,
    Teacher,
)

ROOT = Path(__file__).resolve().parents[2]

# --------------------------------------------------------------------------- the world
#
# Group G1: lead L, members M, N. Community C1: lead Q (a quality school), R, S.
# Cycle 2023-2025. Every teacher joined in 2010 (tenure 13: eligible and due) and was born in
# 1985 (age 38), teaches math, and is plain unless marked. Policy: one-year terms, one rotation
# per cycle, max_cadre_out_share 0.5.
#
# L: L1 backbone+cadre, L2 L3 backbone, L4 cadre, L5 L6 plain, L7 cadre (stays), L8 plain
#    (stays), L9 plain but exempt (stays). 3 backbone -> H4 needs ceil(0.15 x 3) = 1 a year.
#    3 cadres -> H9 allows floor(0.5 x 3) = 1 away a year. capacity_in 2.
# M: M1 cadre, M2 M3 plain, M4 cadre (stays), M5 art (stays). 2 cadres -> 1 away allowed.
# N: N1 cadre, N2 N3 plain, N4 cadre (stays), N5 plain (stays).
# Q: Q1 Q2 Q3 backbone, Q4 plain (stays): 4 due -> H10 needs ceil(0.10 x 4) = 1 away a year,
#    and ceil(0.20 x 1) = 1 of them backbone.
# R: R1 R2 R3, R4 teaches pe (stays). S: S1 S2 S3.
# Demand: (M, art) min_staff 1; (L, math) min_staff 7 (L has 9, and 9 are present every year).
# Locks: L1 serves at M in 2023; L8 stays home in 2023.
#
# Base plan, each year y = 2023, 2024, 2025 (the k-th traveller of each school goes in year k):
#   G1: L->M (L1, L2, L3), L->N (L5, L4, L6), M->L (M1, M2, M3), N->L (N1, N2, N3)
#   C1: Q->R (Q1, Q2, Q3), R->S (R1, R2, R3), S->Q (S1, S2, S3)
# so every flow is 1 each way (H5, H6 hold), L1 and L4 carry the cadres lead->members and M1, N1
# back (H7), L's cadres go in different years (H9), L receives 2 a year (capacity 2).


def teacher(tid: str, school: str, *, backbone=False, cadre=False, subject="math", exempt=False):
    return Teacher(
        teacher_id=tid,
        name=f"teacher {tid}",
        school_id=school,
        subject=subject,
        backbone=backbone,
        role=Role.MIDDLE_CADRE if cadre else Role.TEACHER,
        gender=Gender.MALE,
        birth_year=1985,
        school_since=2010,
        exempt=exempt,
    )


GROUP = OrgPolicy(
    backbone_out_ratio=Decimal("0.15"),
    reciprocity=Reciprocity.PER_MEMBER,
    min_out_per_member=1,
    cadre_per_member=1,
)
COMMUNITY = OrgPolicy(reciprocity=Reciprocity.PER_SCHOOL, min_out_per_member=1)


def world() -> Scenario:
    schools = [
        School(school_id=s, name=f"school {s}", district="d", level="primary") for s in "LMNQRS"
    ]
    schools[0] = schools[0].model_copy(update={"capacity_in": 2})
    schools[3] = schools[3].model_copy(update={"quality": True})
    teachers = [
        teacher("L1", "L", backbone=True, cadre=True),
        teacher("L2", "L", backbone=True),
        teacher("L3", "L", backbone=True),
        teacher("L4", "L", cadre=True),
        teacher("L5", "L"),
        teacher("L6", "L"),
        teacher("L7", "L", cadre=True),
        teacher("L8", "L"),
        teacher("L9", "L", exempt=True),
        teacher("M1", "M", cadre=True),
        teacher("M2", "M"),
        teacher("M3", "M"),
        teacher("M4", "M", cadre=True),
        teacher("M5", "M", subject="art"),
        teacher("N1", "N", cadre=True),
        teacher("N2", "N"),
        teacher("N3", "N"),
        teacher("N4", "N", cadre=True),
        teacher("N5", "N"),
        *(teacher(f"Q{i}", "Q", backbone=True) for i in (1, 2, 3)),
        teacher("Q4", "Q"),
        *(teacher(f"R{i}", "R") for i in (1, 2, 3)),
        teacher("R4", "R", subject="pe"),
        *(teacher(f"S{i}", "S") for i in (1, 2, 3)),
    ]
    orgs = [
        Organization(
            org_id="G1",
            name="group",
            type=OrgType.GROUP,
            lead_school_id="L",
            members=("M", "N"),
            policy=GROUP,
        ),
        Organization(
            org_id="C1",
            name="community",
            type=OrgType.COMMUNITY,
            lead_school_id="Q",
            members=("R", "S"),
            policy=COMMUNITY,
        ),
    ]
    return Scenario(
        policy=Policy(max_cadre_out_share=Decimal("0.5"), group=GROUP, community=COMMUNITY),
        schools=tuple(schools),
        organizations=tuple(orgs),
        teachers=tuple(teachers),
        demand=(
            Demand(school_id="M", subject="art", min_staff=1),
            Demand(school_id="L", subject="math", min_staff=7),
        ),
        locks=(
            Lock(teacher_id="L1", year=2023, school_id="M"),
            Lock(teacher_id="L8", year=2023, school_id="L"),
        ),
    )


TRAVELLERS = {  # (home, host, org): the teacher going in 2023, 2024, 2025
    ("L", "M", "G1"): ("L1", "L2", "L3"),
    ("L", "N", "G1"): ("L5", "L4", "L6"),
    ("M", "L", "G1"): ("M1", "M2", "M3"),
    ("N", "L", "G1"): ("N1", "N2", "N3"),
    ("Q", "R", "C1"): ("Q1", "Q2", "Q3"),
    ("R", "S", "C1"): ("R1", "R2", "R3"),
    ("S", "Q", "C1"): ("S1", "S2", "S3"),
}


def base_plan() -> list[PlanRow]:
    return [
        PlanRow(t, 2023 + k, home, host, org)
        for (home, host, org), ts in TRAVELLERS.items()
        for k, t in enumerate(ts)
    ]


def swap(plan: list[PlanRow], old: str, new: str) -> list[PlanRow]:
    """The same plan with teacher ``new`` travelling instead of ``old``."""
    return [replace(r, teacher_id=new) if r.teacher_id == old else r for r in plan]


def without(plan: list[PlanRow], *teachers: str) -> list[PlanRow]:
    return [r for r in plan if r.teacher_id not in teachers]


def with_org_policy(scenario: Scenario, org_id: str, **changes: object) -> Scenario:
    orgs = tuple(
        o.model_copy(update={"policy": o.policy.model_copy(update=changes)})
        if o.org_id == org_id
        else o
        for o in scenario.organizations
    )
    return scenario.replace(organizations=orgs)


def only_violation(report: AuditReport, rule: Rule) -> Check:
    """The report's single violation, which must be of ``rule``."""
    assert [(c.rule, c.sentence) for c in report.violations] == [
        (rule, report.violations[0].sentence)
    ], [c.sentence for c in report.violations]
    return report.violations[0]


# --------------------------------------------------------------------------- base


def test_base_plan_is_compliant():
    report = audit(world(), base_plan())
    assert report.compliant, [c.sentence for c in report.violations]
    assert report.per_rule[Rule.H1].checked == 21  # one instance per plan row
    assert len(report.kept) == 21
    # H4: G1 x 3 years. H5 per_member 2 members x 3 years + per_school 3 schools x 3 years.
    # H7: 2 members x 2 directions. H8: 2 demand rows x 3 years. H9: L's capacity 3 + 6 x 3.
    # H10: 2 checks x 3 years at Q. H11: 2 locks.
    expected = {Rule.H4: 3, Rule.H5: 15, Rule.H6: 15, Rule.H7: 4, Rule.H8: 6, Rule.H9: 21}
    expected |= {Rule.H10: 6, Rule.H11: 2, Rule.H2: 21, Rule.H3: 21 * 4}
    assert {r: report.per_rule[r].checked for r in expected} == expected


def test_every_instance_is_reported_with_slack():
    report = audit(world(), base_plan())
    h4 = [c for c in report.checks if c.rule is Rule.H4]
    assert [(c.year, c.need, c.actual, c.slack) for c in h4] == [
        (2023, 1, 1, 0),
        (2024, 1, 1, 0),
        (2025, 1, 1, 0),
    ]
    capacity = [c for c in report.checks if c.rule is Rule.H9 and "incoming" in c.sentence]
    assert [(c.school, c.need, c.actual, c.slack) for c in capacity] == [("L", 2, 2, 0)] * 3


# --------------------------------------------------------------------------- H1 .. H11


def test_h1_host_not_a_partner():
    # L8 serving at Q under G1: Q is not in G1. The row is reported and then ignored, so the
    # rest of the plan stays compliant (L8's lock is for 2023, this row is 2024).
    plan = [*base_plan(), PlanRow("L8", 2024, "L", "Q", "G1", line=23)]
    c = only_violation(audit(world(), plan), Rule.H1)
    assert (c.teacher, c.year, c.org, c.line) == ("L8", 2024, "G1", 23)
    assert "'Q' not in group G1" in c.sentence
    assert "line 23" in c.sentence


def test_h1_row_is_left_out_of_every_other_check():
    # M3's row claims home N (teachers.csv says M): H1. Without it, M sends nobody back in
    # 2025 while L sends L3 to M: |0 - 1| = 1 > 0 breaks H5 for M, exactly as if the row
    # were absent. L's math coverage drops to 9 - 2 + 1 = 8 >= 7, still fine.
    plan = [r if r.teacher_id != "M3" else PlanRow("M3", 2025, "N", "L", "G1") for r in base_plan()]
    report = audit(world(), plan)
    assert [c.rule for c in report.violations] == [Rule.H1, Rule.H5]
    assert "contradicts teachers.csv" in report.violations[0].sentence
    assert report.violations[1].school == "M"
    assert len(report.kept) == 20
    assert report.cost_terms == audit(world(), without(base_plan(), "M3")).cost_terms


def test_h2_ineligible_teacher_moves():
    # L9 is exempt; she replaces L6 (same profile: plain math) on L->N in 2025. Only H2 breaks.
    c = only_violation(audit(world(), swap(base_plan(), "L6", "L9")), Rule.H2)
    assert (c.teacher, c.year, c.org) == ("L9", 2025, "G1")
    assert "exempt" in c.sentence


def test_h2_subject_outside_the_community_subjects():
    # C1 exchanges only math; R4 teaches pe and replaces R2 on R->S in 2024.
    scenario = with_org_policy(world(), "C1", subjects=("math",))
    assert audit(scenario, base_plan()).compliant
    c = only_violation(audit(scenario, swap(base_plan(), "R2", "R4")), Rule.H2)
    assert c.teacher == "R4"
    assert "subject pe" in c.sentence


def test_h3_run_longer_than_max_term():
    # L2 serves at M in 2024 and (instead of L3) in 2025: one run of 2 years > max_term 1.
    # Both are backbone, so H4 still sees one backbone teacher at members each year.
    c = only_violation(audit(world(), swap(base_plan(), "L3", "L2")), Rule.H3)
    assert (c.teacher, c.year, c.need, c.actual) == ("L2", 2024, 1, 2)
    assert "max_term_years" in c.sentence


def test_h3_two_rotations_in_one_cycle():
    # L1 goes to M in 2023 and (instead of L3) again in 2025: 2 runs > max_rotations 1.
    # L1 is a cadre, but no other L cadre is away in 2025 (floor(0.5 x 3) = 1 allowed).
    c = only_violation(audit(world(), swap(base_plan(), "L3", "L1")), Rule.H3)
    assert (c.teacher, c.need, c.actual) == ("L1", 1, 2)
    assert "max_rotations_per_cycle" in c.sentence


def test_h3_host_changes_within_a_run():
    # With 2-year terms allowed, L2 serves at M in 2024 then at N in 2025 (instead of L6):
    # one run, two hosts. L2 is backbone, so H4 2025 counts 2 >= 1.
    scenario = world().replace(policy=world().policy.model_copy(update={"max_term_years": 2}))
    c = only_violation(audit(scenario, swap(base_plan(), "L6", "L2")), Rule.H3)
    assert (c.teacher, c.need, c.actual) == ("L2", 1, 2)
    assert "M under G1; N under G1" in c.sentence


def test_h3_run_shorter_than_min_term():
    # min_term_years 2 (max 2): every one of the 21 one-year runs is too short, and only that.
    policy = world().policy.model_copy(update={"min_term_years": 2, "max_term_years": 2})
    report = audit(world().replace(policy=policy), base_plan())
    assert {c.rule for c in report.violations} == {Rule.H3}
    assert len(report.violations) == 21
    assert all("min_term_years" in c.sentence for c in report.violations)


def test_h4_backbone_quota():
    # L8 (plain) replaces backbone L2 on L->M in 2024: 0 backbone teachers of L at members,
    # need ceil(0.15 x 3) = 1.
    c = only_violation(audit(world(), swap(base_plan(), "L2", "L8")), Rule.H4)
    assert (c.org, c.school, c.year, c.need, c.actual) == ("G1", "L", 2024, 1, 0)


def test_h5_reciprocity_per_member():
    # Drop M3 (M->L, 2025): flow(M->L) 0 vs flow(L->M) 1, |0 - 1| = 1 > tolerance 0.
    c = only_violation(audit(world(), without(base_plan(), "M3")), Rule.H5)
    assert (c.org, c.school, c.year, c.need, c.actual) == ("G1", "M", 2025, 0, 1)


def test_h5_reciprocity_aggregate():
    # Aggregate over members, 2025: back 1 (N3) vs forth 2 (L3, L6) -> 1 > 0; one instance
    # per year, reported at the lead.
    scenario = with_org_policy(world(), "G1", reciprocity=Reciprocity.AGGREGATE)
    assert audit(scenario, base_plan()).compliant
    c = only_violation(audit(scenario, without(base_plan(), "M3")), Rule.H5)
    assert (c.school, c.year, c.actual) == ("L", 2025, 1)


def test_h5_reciprocity_per_school_and_tolerance():
    # S1 goes to R instead of Q in 2023: Q has in 0 / out 1, R in 2 / out 1: two schools off
    # by 1 (in a community one unbalanced row always unbalances two schools). Tolerance 1
    # forgives both.
    plan = [r if r.teacher_id != "S1" else PlanRow("S1", 2023, "S", "R", "C1") for r in base_plan()]
    report = audit(world(), plan)
    assert [(c.rule, c.school, c.actual) for c in report.violations] == [
        (Rule.H5, "Q", 1),
        (Rule.H5, "R", 1),
    ]
    assert audit(with_org_policy(world(), "C1", reciprocity_tolerance=1), plan).compliant


def test_h6_min_exchange_group():
    # Drop L6 (L->N) and N3 (N->L) in 2025: reciprocity still holds (0 = 0) but the lead sends
    # N nobody, need min_out_per_member 1. L6 and N3 are plain: H4, H7 unaffected.
    c = only_violation(audit(world(), without(base_plan(), "L6", "N3")), Rule.H6)
    assert (c.org, c.school, c.year, c.need, c.actual) == ("G1", "N", 2025, 1, 0)


def test_h6_min_exchange_community():
    # Without reciprocity in C1, drop R1 (R->S 2023): R sends 0 < 1 in 2023.
    scenario = with_org_policy(world(), "C1", reciprocity=Reciprocity.NONE)
    c = only_violation(audit(scenario, without(base_plan(), "R1")), Rule.H6)
    assert (c.org, c.school, c.year, c.actual) == ("C1", "R", 2023, 0)


def test_h7_cadre_exchange():
    # N5 (plain) replaces cadre N1 on N->L in 2023: no cadre from N serves at L this cycle.
    c = only_violation(audit(world(), swap(base_plan(), "N1", "N5")), Rule.H7)
    assert (c.org, c.school, c.year, c.need, c.actual) == ("G1", "N", None, 1, 0)
    assert "cadres from N serving at L" in c.sentence


def test_h8_coverage():
    # M5, M's only art teacher, replaces M2 on M->L in 2024: art present at M = 0 < 1.
    # L's math: 9 - 2 away + 1 math incoming = 8 >= 7.
    c = only_violation(audit(world(), swap(base_plan(), "M2", "M5")), Rule.H8)
    assert (c.school, c.subject, c.year, c.need, c.actual) == ("M", "art", 2024, 1, 0)


def test_h9_cadre_share():
    # L7 (cadre) replaces plain L5 on L->N in 2023, when L1 (cadre) is already away: 2 cadres
    # away > floor(0.5 x 3) = 1.
    c = only_violation(audit(world(), swap(base_plan(), "L5", "L7")), Rule.H9)
    assert (c.school, c.year, c.need, c.actual) == ("L", 2023, 1, 2)
    assert "cadres away" in c.sentence


def test_h9_capacity():
    # L receives 2 a year (one from M, one from N); with capacity_in 1 each year breaks once.
    schools = tuple(
        s.model_copy(update={"capacity_in": 1}) if s.school_id == "L" else s
        for s in world().schools
    )
    report = audit(world().replace(schools=schools), base_plan())
    assert [(c.rule, c.year, c.need, c.actual) for c in report.violations] == [
        (Rule.H9, y, 1, 2) for y in (2023, 2024, 2025)
    ]


def test_h10_national_share_backbone():
    # Q4 (plain) replaces backbone Q2 on Q->R in 2024: 1 away >= ceil(0.10 x 4 due) = 1, but
    # backbone away 0 < ceil(0.20 x 1) = 1.
    c = only_violation(audit(world(), swap(base_plan(), "Q2", "Q4")), Rule.H10)
    assert (c.school, c.year, c.need, c.actual) == ("Q", 2024, 1, 0)
    assert "backbone" in c.sentence


def test_h10_national_share_rotation():
    # rotation_share 0.5: ceil(0.5 x 4 due) = 2 away needed at Q, 1 away each year.
    policy = world().policy.model_copy(update={"rotation_share": Decimal("0.5")})
    report = audit(world().replace(policy=policy), base_plan())
    assert [(c.rule, c.need, c.actual) for c in report.violations] == [(Rule.H10, 2, 1)] * 3


def test_h11_locked():
    # L8 is locked at home in 2023 and replaces L5 on L->N that year.
    c = only_violation(audit(world(), swap(base_plan(), "L5", "L8")), Rule.H11)
    assert (c.teacher, c.year, c.school) == ("L8", 2023, "L")
    assert "the plan has them at N" in c.sentence


def test_h11_locked_away():
    # Extra locks: L2 at N in 2024 (the plan has her at M), L8 at M in 2024 (the plan keeps
    # him home): one violation each, worded by what the plan does instead.
    locks = (Lock(teacher_id="L2", year=2024, school_id="N"),)
    c = only_violation(audit(world().replace(locks=locks), base_plan()), Rule.H11)
    assert c.sentence == "locked: L2 serves at N in 2024, but the plan has them at M"
    locks = (Lock(teacher_id="L8", year=2024, school_id="M"),)
    c = only_violation(audit(world().replace(locks=locks), base_plan()), Rule.H11)
    assert c.sentence == "locked: L8 serves at M in 2024, but the plan keeps them at home"


def test_solver_assignments_are_accepted():
    from solver.scenario import Assignment

    plan = [
        Assignment(
            teacher_id=r.teacher_id,
            year=r.year,
            home_school_id=r.home_school_id,
            host_school_id=r.host_school_id,
            org_id=r.org_id,
        )
        for r in base_plan()
    ]
    assert audit(world(), plan).compliant
    assert audit(world(), plan).cost_terms == audit(world(), base_plan()).cost_terms


# --------------------------------------------------------------------------- independence

FORBIDDEN = ("solver.model", "solver.solving", "ortools")


def solver_imports(module: str) -> set[str]:
    """Modules imported by ``module``'s source (absolute names), parsed, not executed."""
    path = ROOT / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = ROOT / module.replace(".", "/") / "__init__.py"
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            package = module if path.name == "__init__.py" else module.rpartition(".")[0]
            for _ in range(node.level - 1):
                package = package.rpartition(".")[0]
            base = ".".join(p for p in (package if node.level else "", node.module or "") if p)
            names.add(base)
            names |= {f"{base}.{alias.name}" for alias in node.names}
    return names


def is_module(name: str) -> bool:
    base = ROOT / name.replace(".", "/")
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def test_audit_never_imports_the_model():
    """Transitively within solver/, the audit and certificate reach no model, solver, ortools."""
    todo = [
        "solver.audit",
        "solver.audit.render",
        "solver.output.certificate",
        "solver.commands.audit",
        "solver.certify.check",
        "solver.certify.page",
        "solver.commands.verify",
    ]
    seen: set[str] = set()
    reached: set[str] = set()
    while todo:
        module = todo.pop()
        if module in seen or not is_module(module):
            continue
        seen.add(module)
        for name in solver_imports(module):
            reached.add(name)
            parts = name.split(".")
            if parts[0] == "solver":  # importing a.b.c runs a, a.b and a.b.c
                todo += [".".join(parts[:i]) for i in range(1, len(parts) + 1)]
    bad = sorted(n for n in reached if n.startswith(FORBIDDEN))
    assert not bad, f"the audit imports {bad}"
    assert {"solver.scenario", "solver.audit.checks", "solver.input.plan"} <= seen


def test_audit_never_loads_the_model_at_run_time():
    code = (
        "import sys, solver.audit, solver.audit.render, solver.output.certificate\n"
        "import solver.input.plan\n"
        f"bad = [m for m in sys.modules if m.startswith({FORBIDDEN!r})]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
