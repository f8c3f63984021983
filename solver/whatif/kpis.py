"""The figures an administrator compares across plans: who moves, how far, how tight each rule.

Everything is computed from the scenario and the plan through the audit, never from the model,
so a hand-made plan and a solved one are measured the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from solver.audit import AuditReport
from solver.input.plan import PlanRow
from solver.rules import CostTerm, Rule
from solver.scenario import OrgType, Scenario

Place = dict[tuple[str, int], str]


def places(scenario: Scenario, rows: Sequence[PlanRow]) -> Place:
    """Where every teacher is each year: the host if away, else home."""
    hosts = {(r.teacher_id, r.year): r.host_school_id for r in rows}
    return {
        (t.teacher_id, y): hosts.get((t.teacher_id, y), t.school_id)
        for t in scenario.teachers
        for y in scenario.years
    }


def changed(first: Place, other: Place) -> list[tuple[str, int, str, str]]:
    """(teacher, year, place in first, place in other) wherever the two differ."""
    return sorted(
        (t, y, first.get((t, y), ""), other.get((t, y), ""))
        for t, y in first.keys() | other.keys()
        if first.get((t, y)) != other.get((t, y))
    )


def spread_by_group(scenario: Scenario, rows: Sequence[PlanRow]) -> dict[str, int]:
    """Per group with 2+ members: max - min lead-backbone teacher-years received by a member."""
    received: Counter[tuple[str, str]] = Counter()
    for r in rows:
        org = scenario.org_by_id[r.org_id]
        teacher = scenario.teacher_by_id.get(r.teacher_id)  # None: left (a history row)
        if (
            org.type is OrgType.GROUP
            and r.home_school_id == org.lead_school_id
            and teacher is not None
            and teacher.backbone
        ):
            received[org.org_id, r.host_school_id] += 1
    return {
        o.org_id: max(received[o.org_id, m] for m in o.members)
        - min(received[o.org_id, m] for m in o.members)
        for o in scenario.organizations
        if o.type is OrgType.GROUP and len(o.members) >= 2
    }


def plan_kpis(scenario: Scenario, report: AuditReport) -> dict[str, object]:
    """Every KPI of one plan, in display order."""
    rows = report.kept
    by_id = scenario.teacher_by_id
    # A re-plan's history may hold rows of teachers who have left (SPEC §6): they count as
    # rows and km only.
    known = [r for r in rows if r.teacher_id in by_id]
    teachers = {r.teacher_id for r in known}
    kms = [scenario.km(r.home_school_id, r.host_school_id) for r in rows]
    incoming = Counter((r.host_school_id, by_id[r.teacher_id].subject, r.year) for r in known)
    wanted = filled = 0
    for d in scenario.demand:
        for y in scenario.years:
            wanted += d.wanted_in
            filled += min(d.wanted_in, incoming[d.school_id, d.subject, y])
    kpis: dict[str, object] = {"cost": report.cost}
    kpis.update({f"cost.{term.value}": report.cost_terms.get(term.value, 0) for term in CostTerm})
    kpis.update(
        {
            "violations": len(report.violations),
            "teacher_years_away": len(rows),
            "teachers_moved": len(teachers),
            "backbone_moved": sum(by_id[t].backbone for t in teachers),
            "due_moved": sum(scenario.is_due(by_id[t]) for t in teachers),
            "cadres_moved": sum(by_id[t].is_cadre for t in teachers),
            "repeats_moved": sum(scenario.is_repeat(by_id[t]) for t in teachers),
            "shortage_filled": filled,
            "shortage_wanted": wanted,
            "km_total": sum(kms),
            "km_longest": max(kms, default=0),
        }
    )
    slack: dict[Rule, int] = {}
    for check in report.checks:
        if check.slack is not None and check.rule is not Rule.H1:
            slack[check.rule] = min(slack.get(check.rule, check.slack), check.slack)
    kpis.update(
        {f"slack.{rule.value}": slack.get(rule, "") for rule in Rule if rule is not Rule.H1}
    )
    kpis.update({f"spread.{g}": v for g, v in spread_by_group(scenario, rows).items()})
    return kpis
