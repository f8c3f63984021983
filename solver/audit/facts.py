"""What a plan says, counted once: every check and cost term reads these counters.

One pass over the rows that passed H1 fills dictionaries and ``Counter``s keyed by school, org
and year, so the whole audit stays linear in the size of the scenario and the plan.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from solver.input.plan import PlanRow
from solver.scenario import Scenario, Teacher


@dataclass
class PlanFacts:
    """Counts over the kept rows (those that passed H1), in the notation of docs/semantics.md.

    ``flow[o, a, b, y]`` is ``flow_o(a→b, y)``; ``out_org`` and ``in_org`` are ``out_o`` and
    ``in_o``; ``away`` and ``incoming`` count over all orgs.
    """

    rows: list[PlanRow]
    by_teacher: dict[str, list[PlanRow]] = field(default_factory=dict)
    host_of: dict[tuple[str, int], str] = field(default_factory=dict)
    flow: Counter[tuple[str, str, str, int]] = field(default_factory=Counter)
    out_org: Counter[tuple[str, str, int]] = field(default_factory=Counter)
    in_org: Counter[tuple[str, str, int]] = field(default_factory=Counter)
    away: Counter[tuple[str, int]] = field(default_factory=Counter)
    incoming: Counter[tuple[str, int]] = field(default_factory=Counter)
    backbone_away: Counter[tuple[str, int]] = field(default_factory=Counter)
    cadre_away: Counter[tuple[str, int]] = field(default_factory=Counter)
    away_subject: Counter[tuple[str, str, int]] = field(default_factory=Counter)
    incoming_subject: Counter[tuple[str, str, int]] = field(default_factory=Counter)
    backbone_flow: Counter[tuple[str, str, str, int]] = field(default_factory=Counter)
    cadres_sent: dict[tuple[str, str, str], set[str]] = field(default_factory=dict)


def plan_facts(scenario: Scenario, rows: list[PlanRow]) -> PlanFacts:
    """Count what the kept rows say; every row is assumed to have passed H1."""
    facts = PlanFacts(rows)
    teachers = scenario.teacher_by_id
    by_teacher: defaultdict[str, list[PlanRow]] = defaultdict(list)
    cadres_sent: defaultdict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in rows:
        if row.teacher_id not in teachers:
            continue  # a departed teacher's history row: move and distance only (SPEC §6)
        t: Teacher = teachers[row.teacher_id]
        o, a, b, y = row.org_id, row.home_school_id, row.host_school_id, row.year
        by_teacher[t.teacher_id].append(row)
        facts.host_of[t.teacher_id, y] = b
        facts.flow[o, a, b, y] += 1
        facts.out_org[o, a, y] += 1
        facts.in_org[o, b, y] += 1
        facts.away[a, y] += 1
        facts.incoming[b, y] += 1
        facts.away_subject[a, t.subject, y] += 1
        facts.incoming_subject[b, t.subject, y] += 1
        if t.backbone:
            facts.backbone_away[a, y] += 1
            facts.backbone_flow[o, a, b, y] += 1
        if t.is_cadre:
            facts.cadre_away[a, y] += 1
            cadres_sent[o, a, b].add(t.teacher_id)
    facts.by_teacher = {k: sorted(v, key=lambda r: r.year) for k, v in by_teacher.items()}
    facts.cadres_sent = dict(cadres_sent)
    return facts
