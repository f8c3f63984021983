"""Cheap counting checks that a scenario is not obviously infeasible.

The CP-SAT model is the real proof of feasibility; these counts only catch a roster that is
too thin for the quotas of SPEC §4 (a lead without enough eligible backbone teachers for
three years of H4, a school with fewer than 4 cadres that must still send one, a member that
cannot send back what its lead sends). They read the scenario as the loader builds it
(``extends``, scenario.toml and the per-org overrides of organizations.csv all count) and
compare each school's teachers with ``solver.needs.school_floors``, the least it must send in
all its partnerships together, so they agree with ``validate``.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

from solver.input.loader import load_scenario
from solver.needs.quotas import (
    h4_quota,
    h9_cadres_away,
    school_floors,
    sends_what_it_receives,
    teachers_needed,
)
from solver.scenario import OrgType, Scenario


def capacity_issues(scenario: Scenario) -> list[str]:
    """Necessary conditions for a plan to exist, each broken one as a sentence.

    An empty list does not prove feasibility; a non-empty one proves infeasibility (for the
    counting conditions) or a roster with too little slack (for the coverage condition, which
    ignores incoming teachers).
    """
    floors = school_floors(scenario)
    names = {s.school_id: s.name for s in scenario.schools}
    capacity = {s.school_id: s.capacity_in for s in scenario.schools}
    count: Counter[tuple[str, str]] = Counter()  # (school, what) -> teachers
    for t in scenario.teachers:
        ok = scenario.is_eligible(t)
        count[t.school_id, "eligible"] += ok
        count[t.school_id, "eligible backbone"] += ok and t.backbone
        count[t.school_id, "backbone"] += t.backbone
        count[t.school_id, "cadres"] += t.is_cadre
        count[t.school_id, "eligible cadres"] += ok and t.is_cadre

    def balanced(sid: str) -> bool:
        """In some org, and every org of the school returns what it sends (H5)."""
        orgs = scenario.orgs_of_school[sid]
        return bool(orgs) and all(sends_what_it_receives(o) for o in orgs)

    issues: list[str] = []
    years = len(scenario.years)
    spare: dict[str, int] = {}
    spare_capacity: dict[str, float] = {}
    for sid, floor in floors.items():
        label = f"{sid} {names[sid]}"
        eligible = count[sid, "eligible"]
        own_need = teachers_needed(scenario, floor.away) + floor.extra
        spare[sid] = eligible - own_need
        cap = capacity[sid]
        spare_capacity[sid] = (math.inf if cap is None else cap) - floor.away
        if eligible < own_need:
            issues.append(f"{label}: {eligible} eligible teachers, needs {own_need} over the cycle")
        bb_need = teachers_needed(scenario, floor.backbone_away)
        if count[sid, "eligible backbone"] < bb_need:
            issues.append(
                f"{label}: {count[sid, 'eligible backbone']} eligible backbone teachers, "
                f"needs {bb_need} over the cycle"
            )
        if floor.cadres > 0:
            cadres = count[sid, "cadres"]
            per_year = h9_cadres_away(scenario.policy, cadres)
            if per_year * years < floor.cadres:
                issues.append(
                    f"{label}: {cadres} cadres let {per_year} away a year, "
                    f"needs {floor.cadres} cadre exchanges over the cycle"
                )
            if count[sid, "eligible cadres"] < floor.cadres:
                issues.append(
                    f"{label}: {count[sid, 'eligible cadres']} eligible cadres, "
                    f"needs {floor.cadres} over the cycle"
                )
        if balanced(sid) and cap is not None and cap < floor.away:
            issues.append(
                f"{label}: capacity_in {cap:g} below the {floor.away} "
                "it must receive back each year"
            )

    for org in scenario.organizations:
        if org.type is not OrgType.GROUP or not org.members:
            continue
        quota = h4_quota(org, count[org.lead_school_id, "backbone"])
        need = teachers_needed(scenario, quota)
        members_spare = sum(spare[m] for m in org.members)
        if members_spare < need:
            issues.append(
                f"{org.org_id}: members have {members_spare} spare eligible teachers to send "
                f"back, the lead sends {need} backbone over the cycle"
            )
        members_capacity = sum(spare_capacity[m] for m in org.members)
        if all(balanced(m) for m in org.members) and members_capacity < quota:
            issues.append(
                f"{org.org_id}: members can take {members_capacity:g} more teachers a year, "
                f"the lead sends {quota}"
            )
    return issues + _coverage_issues(scenario, floors, names)


def _coverage_issues(scenario: Scenario, floors: dict, names: dict[str, str]) -> list[str]:
    """H8 slack: teachers who can leave without any subject falling below min_staff."""
    staff: Counter[tuple[str, str, str]] = Counter()  # (school, subject, who) -> teachers
    for t in scenario.teachers:
        ok = scenario.is_eligible(t)
        staff[t.school_id, t.subject, "all"] += 1
        staff[t.school_id, t.subject, "eligible"] += ok
        staff[t.school_id, t.subject, "eligible backbone"] += ok and t.backbone
    min_staff = {(d.school_id, d.subject): d.min_staff for d in scenario.demand}
    subjects = {(sid, subject) for sid, subject, _ in staff} | min_staff.keys()
    issues: list[str] = []
    leavable: Counter[tuple[str, str]] = Counter()  # (school, who) -> teachers
    for sid, subject in sorted(subjects):
        n, least = staff[sid, subject, "all"], min_staff.get((sid, subject), 0)
        if least > n:
            issues.append(
                f"{sid} {names[sid]}: min_staff {least} for {subject} but only {n} teachers"
            )
        slack = max(0, n - least)
        for who in ("eligible", "eligible backbone"):
            leavable[sid, who] += min(staff[sid, subject, who], slack)
    for sid, floor in floors.items():
        if leavable[sid, "eligible"] < floor.away:
            issues.append(
                f"{sid} {names[sid]}: only {leavable[sid, 'eligible']} teachers can leave "
                f"without breaking min_staff, needs {floor.away} away a year"
            )
        if leavable[sid, "eligible backbone"] < floor.backbone_away:
            issues.append(
                f"{sid} {names[sid]}: only {leavable[sid, 'eligible backbone']} backbone "
                f"teachers can leave without breaking min_staff, needs {floor.backbone_away} a year"
            )
    return issues


def check_capacity(out_dir: Path) -> list[str]:
    """Counting checks on a scenario folder; an empty list means none failed.

    Parameters
    ----------
    out_dir
        A scenario folder as ``rotation validate`` reads it (``extends`` followed), such as
        one written by :func:`solver.generate.generate`.

    Returns
    -------
    list of str
        One sentence per broken necessary condition (school or org id first).
    """
    return capacity_issues(load_scenario(Path(out_dir)))
