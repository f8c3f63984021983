"""The cost of SPEC §4 recomputed term by term from the kept rows, as docs/semantics.md reads it.

Each term is signed as it enters the cost (``preference``, ``due`` and ``shortage`` reward, so
they are zero or negative), and the cost is their sum. Every term is always reported, also when
its weight is zero, so two reports can be compared key by key.
"""

from __future__ import annotations

from solver.audit.facts import PlanFacts
from solver.balance import balance_shortfall
from solver.rules import CostTerm
from solver.scenario import OrgType, Scenario


def cost_terms(scenario: Scenario, facts: PlanFacts) -> dict[str, int]:
    """Every SPEC §4 cost term of the plan, signed, keyed by ``CostTerm`` value.

    Parameters
    ----------
    scenario
        The scenario the plan is for.
    facts
        The counts over the rows that passed H1.

    Returns
    -------
    dict[str, int]
        One entry per ``CostTerm``, in catalogue order; their sum is the cost.
    """
    w = scenario.weights
    rows = facts.rows
    teachers = scenario.teacher_by_id
    km: dict[tuple[str, str], int] = {}
    for r in rows:
        pair = (r.home_school_id, r.host_school_id)
        if pair not in km:
            km[pair] = scenario.km(*pair)
    weight = scenario.preference_weight
    rotating = [teachers[t] for t in facts.by_teacher]  # teachers of teachers.csv only
    terms = {
        CostTerm.MOVE: w.move * len(rows),
        CostTerm.DISTANCE: w.distance_km
        * sum(km[r.home_school_id, r.host_school_id] for r in rows),
        CostTerm.PREFERENCE: -w.preference
        * sum(weight.get((r.teacher_id, r.host_school_id), 0) for r in rows),
        CostTerm.DUE: -w.due * sum(1 for t in rotating if scenario.is_due(t)),
        CostTerm.REPEAT: w.repeat * sum(1 for t in rotating if scenario.is_repeat(t)),
        CostTerm.SHORTAGE: -w.shortage * shortage_filled(scenario, facts),
        CostTerm.SPREAD: w.spread * backbone_spread(scenario, facts),
        CostTerm.CHANGE: w.change * changed_places(scenario, facts),
        CostTerm.BALANCE: w.balance * balance_shortfall(scenario, rows) if w.balance else 0,
    }
    return {term.value: terms[term] for term in CostTerm}


def shortage_filled(scenario: Scenario, facts: PlanFacts) -> int:
    """Σ over demand rows and years of min(wanted_in, incoming teachers of that subject)."""
    return sum(
        min(d.wanted_in, facts.incoming_subject[d.school_id, d.subject, y])
        for d in scenario.demand
        for y in scenario.years
    )


def backbone_spread(scenario: Scenario, facts: PlanFacts) -> int:
    """Σ over groups with >= 2 members of max - min lead-backbone teacher-years received."""
    total = 0
    for org in scenario.organizations:
        if org.type is not OrgType.GROUP or len(org.members) < 2:
            continue
        received = [
            sum(facts.backbone_flow[org.org_id, org.lead_school_id, m, y] for y in scenario.years)
            for m in org.members
        ]
        total += max(received) - min(received)
    return total


def changed_places(scenario: Scenario, facts: PlanFacts) -> int:
    """Teacher-years whose place (host, else home) differs from the reference plan, in the years
    it is compared (reference_plan.csv: the cycle; history.csv: the open years).

    Only teacher-years that are away in the plan or in the reference can differ, so only those
    are compared. Reference rows for unknown teachers or outside the cycle are ignored.
    """
    if scenario.change_reference is None:
        return 0
    plan, years = scenario.change_reference  # SPEC §6: history.csv's open years when re-planning
    teachers = scenario.teacher_by_id
    reference = {
        (r.teacher_id, r.year): r.host_school_id
        for r in plan
        if r.teacher_id in teachers and r.year in years
    }
    changed = 0
    for key in reference.keys() | {k for k in facts.host_of if k[1] in years}:
        home = teachers[key[0]].school_id
        changed += facts.host_of.get(key, home) != reference.get(key, home)
    return changed
