"""One function per hard rule H1-H11, read exactly as docs/semantics.md says.

Every constraint is added through ``ctx.enforcer`` with the rule instance it stands for, so the
diagnosis can name it. ``HARD_RULES`` lists them in order; a test may build a model without one.
H1 and H2 shape the variables: their entries carry the filters that decide which moves get a
variable at all (``solver.model.variables``), so switching them off also goes through ``rules=``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from solver.model.context import ModelContext
from solver.model.history import history_place
from solver.model.instances import RuleInstance
from solver.model.variables import Unit, rotations_that_fit
from solver.rules import Rule
from solver.scenario import (
    Organization,
    OrgType,
    Reciprocity,
    Scenario,
    Teacher,
    ceil_share,
    floor_share,
)

TeacherFilter = Callable[[Scenario, Teacher], bool]
MoveFilter = Callable[[Scenario, Teacher, Organization, str], bool]
YearFilter = Callable[[Scenario, Teacher, int], bool]


def h1_partner(scenario: Scenario, teacher: Teacher, org: Organization, host: str) -> bool:
    """H1 place: the host is a partner of the home under the org (groups/pairings via the lead)."""
    return org.allows(teacher.school_id, host)


def h1_place(ctx: ModelContext) -> None:
    """H1 place: at most one host per teacher-year (hosts, orgs and directions: variables)."""
    if Rule.H3 in ctx.rules and not ctx.enforcer.literals_on:
        return  # implied by H3, whose runs neither overlap nor touch; kept hard when diagnosing
    v = ctx.v
    for unit in v.units:
        for year in ctx.scenario.open_years:
            runs = v.unit_year(unit.index, year)
            if len(runs) > 1:
                ctx.model.add(v.count(runs) <= unit.size)


def h2_eligible(scenario: Scenario, teacher: Teacher) -> bool:
    """H2 eligible: only eligible teachers move (no exemption, age, tenure, principal)."""
    return scenario.is_eligible(teacher)


def h2_eligible_in(scenario: Scenario, teacher: Teacher, year: int) -> bool:
    """H2 eligible, by year (SPEC §6): not exempt in that year (exempt_from/exempt_until)."""
    return scenario.is_eligible_in(teacher, year)


def h2_subjects(scenario: Scenario, teacher: Teacher, org: Organization, host: str) -> bool:
    """H2 eligible: in a community with a subject list, only those subjects are exchanged."""
    subjects = org.policy.subjects
    return not subjects or teacher.subject in subjects


def h3_term(ctx: ModelContext) -> None:
    """H3 term: at most max_rotations_per_cycle separate runs, each min..max_term_years long."""
    v, years = ctx.v, list(ctx.scenario.years)
    most = rotations_that_fit(ctx.scenario)
    # Two runs of one teacher may neither overlap nor touch (touching runs would be one block
    # whose host or org changes): at most one run meets each pair of consecutive years.
    windows = [(y, y + 1) for y in years[:-1]] or [(years[0], years[0])]
    _h3_history(ctx)
    for unit in v.units:
        runs = v.runs_of_unit[unit.index]
        if len(runs) <= 1:
            continue
        instance = RuleInstance(
            Rule.H3, school_id=unit.home, subject=unit.subject, teachers=unit.teacher_ids,
            need=most,
        )  # fmt: skip
        if ctx.once_per_cycle:
            ctx.enforcer.at_most(instance, v.count(runs), unit.size)
            continue
        for first, last in windows:
            meeting = [r for r in runs if v.runs[r].start <= last and first <= v.runs[r].years[-1]]
            if len(meeting) > 1:
                ctx.enforcer.at_most(instance, v.count(meeting), 1)
        # Runs served in history count; a continuation is part of the run it continues.
        so_far = v.so_far.get(unit.teacher_ids[0]) if unit.size == 1 else None
        fresh = [r for r in runs if v.runs[r].prior == 0]
        cap = most - (so_far.runs if so_far is not None else 0)
        if len(fresh) > cap:
            ctx.enforcer.at_most(instance, v.count(fresh), cap)


def _h3_history(ctx: ModelContext) -> None:
    """H3 across history (SPEC §6): what history already breaks makes the model infeasible; a
    run served too briefly to end at replan_from must continue at its host under its org."""
    s, v = ctx.scenario, ctx.v
    for teacher_id, so_far in v.so_far.items():
        instance = RuleInstance(
            Rule.H3, "history", school_id=s.teacher_by_id[teacher_id].school_id,
            teachers=(teacher_id,), need=s.policy.min_term_years,
        )  # fmt: skip
        if so_far.broken:
            ctx.enforcer.require(instance, ctx.model.new_constant(0), 1, 1)
        elif 0 < so_far.open_length < s.policy.min_term_years:
            unit = v.unit_of_teacher.get(teacher_id)
            runs = [] if unit is None else v.runs_of_unit[unit]
            going_on = [r for r in runs if v.runs[r].prior > 0]
            expr = v.count(going_on) if going_on else ctx.model.new_constant(0)
            ctx.enforcer.require(instance, expr, 1, 1)


def _backbone(unit: Unit) -> bool:
    return unit.backbone


def _cadre(unit: Unit) -> bool:
    return unit.cadre


def h4_backbone_quota(ctx: ModelContext) -> None:
    """H4 backbone-quota: a group lead's backbone teachers at members >= ceil(ratio x backbone)."""
    s, v = ctx.scenario, ctx.v
    for org in s.organizations:
        if org.type is not OrgType.GROUP:
            continue
        lead = org.lead_school_id
        need = ceil_share(org.policy.backbone_out_ratio, len(s.backbone_of(lead)))
        if need == 0:
            continue
        for year in s.open_years:
            runs = [r for m in org.members for r in v.flow(org.org_id, lead, m, year)]
            instance = RuleInstance(
                Rule.H4, org_id=org.org_id, school_id=lead, year=year, need=need
            )
            ctx.enforcer.at_least(instance, v.count(v.pick(runs, _backbone)), need)


def h5_reciprocity(ctx: ModelContext) -> None:
    """H5 reciprocity: flows back and forth match within the tolerance, each year."""
    s, v = ctx.scenario, ctx.v
    for org in s.organizations:
        mode, tol, o = org.policy.reciprocity, org.policy.reciprocity_tolerance, org.org_id
        lead = org.lead_school_id
        for year in s.open_years:
            # (school, other school, one way, the other way) of each balance the mode asks for
            pairs: list[tuple[str, str | None, list[int], list[int]]] = []
            if mode is Reciprocity.PER_MEMBER:
                for m in org.members:
                    pairs.append((m, lead, v.flow(o, m, lead, year), v.flow(o, lead, m, year)))
            elif mode is Reciprocity.AGGREGATE:
                back = [r for m in org.members for r in v.flow(o, m, lead, year)]
                forth = [r for m in org.members for r in v.flow(o, lead, m, year)]
                pairs.append((lead, None, back, forth))
            elif mode is Reciprocity.PER_SCHOOL:
                for school in org.schools:
                    incoming = [r for a in org.schools for r in v.flow(o, a, school, year)]
                    outgoing = [r for b in org.schools for r in v.flow(o, school, b, year)]
                    pairs.append((school, None, incoming, outgoing))
            for school, other, left, right in pairs:
                if left or right:
                    instance = RuleInstance(
                        Rule.H5,
                        mode.value,
                        org_id=o,
                        school_id=school,
                        other_school_id=other,
                        year=year,
                        need=tol,
                    )
                    ctx.enforcer.require(instance, v.count(left) - v.count(right), -tol, tol)


def h6_min_exchange(ctx: ModelContext) -> None:
    """H6 min-exchange: the lead sends each member (community: each school sends) >= minimum."""
    s, v = ctx.scenario, ctx.v
    for org in s.organizations:
        need, o = org.policy.min_out_per_member, org.org_id
        if need == 0:
            continue
        for year in s.open_years:
            if org.type is OrgType.COMMUNITY:
                for school in org.schools:
                    runs = [r for b in org.schools for r in v.flow(o, school, b, year)]
                    instance = RuleInstance(
                        Rule.H6, "community", org_id=o, school_id=school, year=year, need=need
                    )
                    ctx.enforcer.at_least(instance, v.count(runs), need)
            else:
                lead = org.lead_school_id
                for m in org.members:
                    instance = RuleInstance(
                        Rule.H6, "to_member", org_id=o, school_id=lead, other_school_id=m,
                        year=year, need=need,
                    )  # fmt: skip
                    ctx.enforcer.at_least(instance, v.count(v.flow(o, lead, m, year)), need)


def h7_cadre_exchange(ctx: ModelContext) -> None:
    """H7 cadre-exchange: >= cadre_per_member distinct cadres lead->m and m->lead per cycle."""
    s, v = ctx.scenario, ctx.v
    for org in s.organizations:
        need, o, lead = org.policy.cadre_per_member, org.org_id, org.lead_school_id
        if need == 0:
            continue
        for m in org.members:
            for home, host, aspect in ((lead, m, "to_member"), (m, lead, "to_lead")):
                runs = sorted({r for y in s.years for r in v.flow(o, home, host, y)})
                instance = RuleInstance(
                    Rule.H7, aspect, org_id=o, school_id=home, other_school_id=host, need=need
                )
                served = s.history_cadres.get((o, home, host), frozenset())

                def new_cadre(unit: Unit, served: frozenset[str] = served) -> bool:
                    return unit.cadre and not (unit.size == 1 and unit.teacher_ids[0] in served)

                cadres = ctx.distinct_teachers(v.pick(runs, new_cadre))
                ctx.enforcer.at_least(instance, cadres + len(served), need)


def h8_coverage(ctx: ModelContext) -> None:
    """H8 coverage: home teachers of the subject present + incoming of it >= min_staff."""
    s, v = ctx.scenario, ctx.v
    for row in s.demand:
        school, subject = row.school_id, row.subject
        staff = sum(t.subject == subject for t in s.teachers_by_school[school])
        for year in s.open_years:

            def same_subject(unit: Unit, subject: str = subject) -> bool:
                return unit.subject == subject

            incoming = v.pick(v.incoming(school, year), same_subject)
            away = v.pick(v.away(school, year), same_subject)
            if not incoming and not away and staff >= row.min_staff:
                continue
            instance = RuleInstance(
                Rule.H8, school_id=school, subject=subject, year=year, need=row.min_staff
            )
            present_change = v.count(incoming) - v.count(away)
            ctx.enforcer.at_least(instance, present_change, row.min_staff - staff)


def h9_capacity(ctx: ModelContext) -> None:
    """H9 capacity: incoming <= capacity_in; cadres away <= floor(share x cadres)."""
    s, v = ctx.scenario, ctx.v
    share = s.policy.max_cadre_out_share
    for school in s.schools:
        sid = school.school_id
        cadre_cap = floor_share(share, len(s.cadres_of(sid)))
        for year in s.open_years:
            incoming = v.incoming(sid, year)
            if school.capacity_in is not None and incoming:
                instance = RuleInstance(
                    Rule.H9, "capacity", school_id=sid, year=year, need=school.capacity_in
                )
                ctx.enforcer.at_most(instance, v.count(incoming), school.capacity_in)
            cadres_away = v.pick(v.away(sid, year), _cadre)
            if cadres_away:
                instance = RuleInstance(Rule.H9, "cadres", school_id=sid, year=year, need=cadre_cap)
                ctx.enforcer.at_most(instance, v.count(cadres_away), cadre_cap)


def h10_national_share(ctx: ModelContext) -> None:
    """H10 national-share: quality schools send >= ceil(share x due); backbone >= share of them."""
    s, v = ctx.scenario, ctx.v
    # ceil(p/q x away) <= backbone  <=>  p x away <= q x backbone, exactly, in integers.
    p, q = s.policy.backbone_share.as_integer_ratio()
    for school in s.schools:
        if not school.quality:
            continue
        sid = school.school_id
        for year in s.open_years:
            need = ceil_share(s.policy.rotation_share, len(s.due_of(sid, year)))
            away = v.away(sid, year)
            if need > 0:
                instance = RuleInstance(Rule.H10, "rotation", school_id=sid, year=year, need=need)
                ctx.enforcer.at_least(instance, v.count(away), need)
            if p > 0 and away:
                instance = RuleInstance(Rule.H10, "backbone", school_id=sid, year=year)
                backbone = v.count(v.pick(away, _backbone))
                ctx.enforcer.at_least(instance, q * backbone - p * v.count(away), 0)


def h11_locked(ctx: ModelContext) -> None:
    """H11 locked: each locked.csv row holds (home = stays; otherwise serves at that school)."""
    s, v = ctx.scenario, ctx.v
    for lock in s.locks:
        teacher = s.teacher_by_id[lock.teacher_id]
        unit = v.unit_of_teacher.get(lock.teacher_id)
        runs = [] if unit is None else v.unit_year(unit, lock.year)
        instance = RuleInstance(
            Rule.H11, school_id=lock.school_id, year=lock.year, teachers=(lock.teacher_id,)
        )
        if lock.year < s.replan_from:  # a served year: the lock holds or contradicts history
            held = history_place(s, lock.teacher_id, lock.year) == lock.school_id
            ctx.enforcer.require(instance, ctx.model.new_constant(int(held)), 1, 1)
        elif lock.school_id == teacher.school_id:
            if runs:
                ctx.enforcer.at_most(instance, v.count(runs), 0)
        else:
            there = [r for r in runs if v.runs[r].host == lock.school_id]
            ctx.enforcer.require(instance, v.count(there), 1, 1)


@dataclass(frozen=True)
class HardRule:
    """A registry entry: the constraints a rule adds, and the filters by which it shapes the
    variables (a move no active filter admits gets no variable)."""

    constrain: Callable[[ModelContext], None] | None = None
    may_move: TeacherFilter | None = None
    may_take: MoveFilter | None = None
    may_serve_in: YearFilter | None = None


def h12_history(ctx: ModelContext) -> None:
    """H12 history: the years before replan_from are exactly history.csv's rows (SPEC §6)."""
    # Nothing to add: no variable exists for a served year (``make_variables``), and every plan
    # read back holds the history rows (``Variables.fixed_rows``, ``plan_from_counts``).


HARD_RULES: dict[Rule, HardRule] = {
    Rule.H1: HardRule(constrain=h1_place, may_take=h1_partner),
    Rule.H2: HardRule(may_move=h2_eligible, may_take=h2_subjects, may_serve_in=h2_eligible_in),
    Rule.H3: HardRule(constrain=h3_term),
    Rule.H4: HardRule(constrain=h4_backbone_quota),
    Rule.H5: HardRule(constrain=h5_reciprocity),
    Rule.H6: HardRule(constrain=h6_min_exchange),
    Rule.H7: HardRule(constrain=h7_cadre_exchange),
    Rule.H8: HardRule(constrain=h8_coverage),
    Rule.H9: HardRule(constrain=h9_capacity),
    Rule.H10: HardRule(constrain=h10_national_share),
    Rule.H11: HardRule(constrain=h11_locked),
    Rule.H12: HardRule(constrain=h12_history),
}
"""Every hard rule, in order; ``build_model(rules=...)`` may leave some out."""


def teacher_filters(rules: frozenset[Rule]) -> list[TeacherFilter]:
    """Who may move at all, by the active rules that shape the variables."""
    return [e.may_move for r, e in HARD_RULES.items() if r in rules and e.may_move is not None]


def move_filters(rules: frozenset[Rule]) -> list[MoveFilter]:
    """Which (org, host) a teacher may take, by the active rules that shape the variables."""
    return [e.may_take for r, e in HARD_RULES.items() if r in rules and e.may_take is not None]


def year_filters(rules: frozenset[Rule]) -> list[YearFilter]:
    """In which years a teacher may serve, by the active rules that shape the variables."""
    return [
        e.may_serve_in for r, e in HARD_RULES.items() if r in rules and e.may_serve_in is not None
    ]
