"""One check per hard rule H1-H12, read exactly as docs/semantics.md says.

Each function returns every instance of its rule it checked (not only the broken ones), because
``rotation solve`` writes them all to compliance.csv with their slack. Nothing here knows how the
CP-SAT model is built: the facts come from the scenario and the plan alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

from solver.audit.facts import PlanFacts
from solver.input.plan import PlanRow
from solver.rules import Rule
from solver.scenario import (
    Assignment,
    Organization,
    OrgType,
    Reciprocity,
    Scenario,
    ceil_share,
    floor_share,
    runs_of,
)

AT_LEAST = ">="
AT_MOST = "<="


class Check(NamedTuple):
    """One instance of a hard rule and its verdict (a named tuple: there are many of them).

    ``need`` and ``actual`` are the counts compared (``sense`` says how: ``>=`` or ``<=``);
    they are ``None`` for a yes/no instance such as one plan row under H1. ``line`` is the
    plan's line number for instances about one plan row.
    """

    rule: Rule
    ok: bool
    sentence: str
    org: str | None = None
    school: str | None = None
    teacher: str | None = None
    year: int | None = None
    subject: str | None = None
    need: int | None = None
    actual: int | None = None
    sense: str | None = None
    line: int | None = None

    @property
    def slack(self) -> int | None:
        """How far the instance is from breaking: >= 0 holds, < 0 is a violation."""
        if self.need is None or self.actual is None:
            return None
        return self.actual - self.need if self.sense == AT_LEAST else self.need - self.actual


def count_check(
    rule: Rule,
    what: str,
    actual: int,
    sense: str,
    need: int,
    why: str = "",
    *,
    org: str | None = None,
    school: str | None = None,
    teacher: str | None = None,
    year: int | None = None,
    subject: str | None = None,
) -> Check:
    """A counting instance: ``what`` is ``actual``, which must be ``sense need``."""
    ok = actual >= need if sense == AT_LEAST else actual <= need
    bound = "at least" if sense == AT_LEAST else "at most"
    return Check(
        rule,
        ok,
        f"{what} = {actual}; needs {bound} {need}{why}",
        org=org,
        school=school,
        teacher=teacher,
        year=year,
        subject=subject,
        need=need,
        actual=actual,
        sense=sense,
    )


def row_check(
    rule: Rule, ok: bool, sentence: str, row: PlanRow | Assignment, line: int | None
) -> Check:
    """An instance about one placement (a plan row, or a history row): its org, home school,
    teacher and year, and the plan's line that holds it, if any."""
    return Check(
        rule,
        ok,
        sentence,
        org=row.org_id,
        school=row.home_school_id,
        teacher=row.teacher_id,
        year=row.year,
        line=line,
    )


def org_label(org: Organization) -> str:
    return f"{org.type.value} {org.org_id}"


def row_label(row: PlanRow) -> str:
    return f"line {row.line}" if row.line is not None else f"{row.teacher_id} in {row.year}"


# --------------------------------------------------------------------------- H1


def h1_place(scenario: Scenario, rows: list[PlanRow]) -> list[Check]:
    """H1 place: one host per teacher-year; host a partner of home under the org; ids exist.

    One instance per plan row, in order. Of two rows for the same teacher and year the first
    is kept and the second reported.
    """
    first_line: dict[tuple[str, int], int | None] = {}
    checks = []
    for row in rows:
        problems = place_problems(scenario, row, first_line)
        first_line.setdefault((row.teacher_id, row.year), row.line)
        if problems:
            sentence = f"{row_label(row)}: {'; '.join(problems)}; row left out of the other checks"
        else:
            sentence = (
                f"{row_label(row)}: {row.teacher_id} serves at {row.host_school_id} "
                f"under {row.org_id} in {row.year}"
            )
        checks.append(row_check(Rule.H1, not problems, sentence, row, row.line))
    return checks


def unknown(what: str, value: str) -> str:
    return f"{what} is blank" if not value else f"unknown {what} '{value}'"


def place_problems(
    scenario: Scenario, row: PlanRow, first_line: dict[tuple[str, int], int | None]
) -> list[str]:
    """Everything wrong with one row under H1, in words; empty when the row is fine.

    A row of a served year (before replan_from, SPEC §6) is checked for ids only: its teacher
    may have left, its home may differ from today's teachers.csv, its pair need not be partners
    today; whether it is the history's row is H12's business."""
    problems = []
    teacher = scenario.teacher_by_id.get(row.teacher_id)
    schools = scenario.school_by_id
    org = scenario.org_by_id.get(row.org_id)
    home, host = row.home_school_id, row.host_school_id
    served = row.year < scenario.replan_from
    if teacher is None and not served:
        problems.append(unknown("teacher", row.teacher_id))
    if row.year not in scenario.years:
        years = scenario.years
        problems.append(f"year {row.year} is outside the cycle {years[0]}-{years[-1]}")
    if (row.teacher_id, row.year) in first_line:
        first = first_line[row.teacher_id, row.year]
        where = f" (line {first})" if first is not None else ""
        problems.append(f"{row.teacher_id} already has a row for {row.year}{where}")
    if home not in schools:
        problems.append(unknown("home school", home))
    elif teacher is not None and home != teacher.school_id and not served:
        problems.append(
            f"home school '{home}' contradicts teachers.csv ({teacher.teacher_id} "
            f"is at {teacher.school_id})"
        )
    if host not in schools:
        problems.append(unknown("host school", host))
    if org is None:
        problems.append(unknown("organization", row.org_id))
    elif home in schools and host in schools and not org.allows(home, host) and not served:
        problems.append(not_partner(org, home, host))
    return problems


def not_partner(org: Organization, home: str, host: str) -> str:
    """Why ``org`` does not let a teacher of ``home`` serve at ``host``."""
    if home == host:
        return f"host '{host}' is the home school"
    outside = [s for s in (home, host) if s not in org.schools]
    if outside:
        return f"{', '.join(repr(s) for s in outside)} not in {org_label(org)}"
    return f"neither '{home}' nor '{host}' is the lead of {org_label(org)}"


# --------------------------------------------------------------------------- H2, H3


def h2_eligible(scenario: Scenario, facts: PlanFacts) -> list[Check]:
    """H2 eligible: only eligible teachers move; in an org with subjects, only those subjects."""
    checks = []
    for row in facts.rows:
        teacher = scenario.teacher_by_id.get(row.teacher_id)
        if teacher is None or row.year < scenario.replan_from:
            continue  # a served year: not checked (SPEC §6)
        org = scenario.org_by_id[row.org_id]
        subjects = org.policy.subjects
        ok = scenario.is_eligible_in(teacher, row.year) and (
            not subjects or teacher.subject in subjects
        )
        if ok:
            sentence = f"{row.teacher_id} may serve under {org.org_id} in {row.year}"
        else:
            reason = scenario.ineligibility(teacher, row.year) or (
                f"subject {teacher.subject} is not among the subjects of {org_label(org)} "
                f"({', '.join(org.policy.subjects)})"
            )
            sentence = (
                f"{row_label(row)}: {row.teacher_id} serves at {row.host_school_id} in "
                f"{row.year} but may not move: {reason}"
            )
        checks.append(row_check(Rule.H2, ok, sentence, row, row.line))
    return checks


def h3_term(scenario: Scenario, facts: PlanFacts) -> list[Check]:
    """H3 term: at most max_rotations_per_cycle runs, each at one host and org, of legal length."""
    p = scenario.policy
    checks = []
    for teacher_id, rows in facts.by_teacher.items():
        runs = runs_of(rows)
        home = rows[0].home_school_id
        spans = ", ".join(f"{r[0].year}-{r[-1].year}" for r in runs)
        checks.append(
            count_check(
                Rule.H3,
                f"{teacher_id}: rotations (runs of away years: {spans})",
                len(runs),
                AT_MOST,
                p.max_rotations_per_cycle,
                " (max_rotations_per_cycle)",
                org=rows[0].org_id,
                school=home,
                teacher=teacher_id,
                year=rows[0].year,
            )
        )
        for run in runs:
            span = f"{teacher_id} {run[0].year}-{run[-1].year}"
            places = sorted({f"{r.host_school_id} under {r.org_id}" for r in run})
            tests = [
                (f"hosts and orgs ({'; '.join(places)})", len(places), AT_MOST, 1, "one per run"),
                ("years in the run", len(run), AT_LEAST, p.min_term_years, "min_term_years"),
                ("years in the run", len(run), AT_MOST, p.max_term_years, "max_term_years"),
            ]
            for what, actual, sense, need, why in tests:
                checks.append(
                    count_check(
                        Rule.H3,
                        f"{span}: {what}",
                        actual,
                        sense,
                        need,
                        f" ({why})",
                        org=run[0].org_id,
                        school=home,
                        teacher=teacher_id,
                        year=run[0].year,
                    )
                )
    return checks


# --------------------------------------------------------------------------- H4-H7


def h4_backbone_quota(scenario: Scenario, facts: PlanFacts) -> list[Check]:
    """H4 backbone-quota: a group lead sends ceil(ratio x its backbone teachers) to members."""
    checks = []
    for org in scenario.organizations:
        if org.type is not OrgType.GROUP:
            continue
        lead = org.lead_school_id
        ratio = org.policy.backbone_out_ratio
        backbone = len(scenario.backbone_of(lead))
        need = ceil_share(ratio, backbone)
        why = f" = ceil({ratio} x {backbone} backbone teachers of the lead)"
        for y in scenario.open_years:
            actual = sum(facts.backbone_flow[org.org_id, lead, m, y] for m in org.members)
            what = f"{org_label(org)}, {y}: backbone teachers of lead {lead} serving at members"
            checks.append(
                count_check(
                    Rule.H4, what, actual, AT_LEAST, need, why, org=org.org_id, school=lead, year=y
                )
            )
    return checks


def h5_reciprocity(scenario: Scenario, facts: PlanFacts) -> list[Check]:
    """H5 reciprocity: flows back and forth match within the tolerance, each year."""
    checks = []
    for org in scenario.organizations:
        tol = org.policy.reciprocity_tolerance
        for y in scenario.open_years:
            for school, what, back, forth in balances(org, facts, y):
                checks.append(
                    count_check(
                        Rule.H5,
                        f"{org_label(org)}, {y}: {what}",
                        abs(back - forth),
                        AT_MOST,
                        tol,
                        " (reciprocity_tolerance)",
                        org=org.org_id,
                        school=school,
                        year=y,
                    )
                )
    return checks


def balances(org: Organization, facts: PlanFacts, y: int) -> list[tuple[str, str, int, int]]:
    """The flows H5 balances in ``org`` in year ``y``, by its reciprocity mode: (school named,
    what is compared, one way, the other way); none for ``none``."""
    o, lead, mode = org.org_id, org.lead_school_id, org.policy.reciprocity
    if mode is Reciprocity.PER_MEMBER:
        pairs = [(m, facts.flow[o, m, lead, y], facts.flow[o, lead, m, y]) for m in org.members]
        return [
            (m, f"|{m}->lead {lead} ({back}) - lead->{m} ({forth})|", back, forth)
            for m, back, forth in pairs
        ]
    if mode is Reciprocity.AGGREGATE:
        back = sum(facts.flow[o, m, lead, y] for m in org.members)
        forth = sum(facts.flow[o, lead, m, y] for m in org.members)
        return [(lead, f"|members->lead ({back}) - lead->members ({forth})|", back, forth)]
    if mode is Reciprocity.PER_SCHOOL:
        pairs = [(s, facts.in_org[o, s, y], facts.out_org[o, s, y]) for s in org.schools]
        return [
            (s, f"|in {s} ({n_in}) - out of {s} ({n_out})|", n_in, n_out)
            for s, n_in, n_out in pairs
        ]
    return []


def h6_min_exchange(scenario: Scenario, facts: PlanFacts) -> list[Check]:
    """H6 min-exchange: the lead sends each member (community: each school sends) a minimum."""
    checks = []
    for org in scenario.organizations:
        o, lead = org.org_id, org.lead_school_id
        for y in scenario.open_years:
            if org.type is OrgType.COMMUNITY:
                sends = [
                    (s, f"teachers {s} sends within the community", facts.out_org[o, s, y])
                    for s in org.schools
                ]
            else:
                sends = [
                    (m, f"teachers lead {lead} sends to {m}", facts.flow[o, lead, m, y])
                    for m in org.members
                ]
            for school, what, actual in sends:
                checks.append(
                    count_check(
                        Rule.H6,
                        f"{org_label(org)}, {y}: {what}",
                        actual,
                        AT_LEAST,
                        org.policy.min_out_per_member,
                        " (min_out_per_member)",
                        org=o,
                        school=school,
                        year=y,
                    )
                )
    return checks


def h7_cadre_exchange(scenario: Scenario, facts: PlanFacts) -> list[Check]:
    """H7 cadre-exchange: cadre_per_member cadres each way, lead and each member, per cycle."""
    checks = []
    for org in scenario.organizations:
        o, lead, need = org.org_id, org.lead_school_id, org.policy.cadre_per_member
        if need <= 0:
            continue
        for m in org.members:
            for a, b in ((lead, m), (m, lead)):
                actual = len(facts.cadres_sent.get((o, a, b), ()))
                what = f"{org_label(org)}, cycle: cadres from {a} serving at {b}"
                checks.append(
                    count_check(
                        Rule.H7,
                        what,
                        actual,
                        AT_LEAST,
                        need,
                        " (cadre_per_member)",
                        org=o,
                        school=m,
                    )
                )
    return checks


# --------------------------------------------------------------------------- H8-H11


def h8_coverage(scenario: Scenario, facts: PlanFacts) -> list[Check]:
    """H8 coverage: teachers of the subject present at the school >= min_staff, each year."""
    staff = Counter((t.school_id, t.subject) for t in scenario.teachers)
    checks = []
    for d in scenario.demand:
        s, subject = d.school_id, d.subject
        for y in scenario.open_years:
            stay = staff[s, subject] - facts.away_subject[s, subject, y]
            came = facts.incoming_subject[s, subject, y]
            what = f"{s}, {subject}, {y}: teachers present ({stay} home + {came} incoming)"
            checks.append(
                count_check(
                    Rule.H8,
                    what,
                    stay + came,
                    AT_LEAST,
                    d.min_staff,
                    " (min_staff)",
                    school=s,
                    subject=subject,
                    year=y,
                )
            )
    return checks


def h9_capacity(scenario: Scenario, facts: PlanFacts) -> list[Check]:
    """H9 capacity: incoming <= capacity_in; cadres away <= floor(share x cadres), each year."""
    share = scenario.policy.max_cadre_out_share
    cadres = Counter(t.school_id for t in scenario.teachers if t.is_cadre)
    checks = []
    for school in scenario.schools:
        s = school.school_id
        cap = floor_share(share, cadres[s])
        why = f" = floor({share} x {cadres[s]} cadres)"
        for y in scenario.open_years:
            if school.capacity_in is not None:
                checks.append(
                    count_check(
                        Rule.H9,
                        f"{s}, {y}: incoming teachers",
                        facts.incoming[s, y],
                        AT_MOST,
                        school.capacity_in,
                        " (capacity_in)",
                        school=s,
                        year=y,
                    )
                )
            checks.append(
                count_check(
                    Rule.H9,
                    f"{s}, {y}: cadres away",
                    facts.cadre_away[s, y],
                    AT_MOST,
                    cap,
                    why,
                    school=s,
                    year=y,
                )
            )
    return checks


def h10_national_share(scenario: Scenario, facts: PlanFacts) -> list[Check]:
    """H10 national-share: quality schools rotate a share of due teachers, enough backbone."""
    p = scenario.policy
    checks = []
    for school in scenario.schools:
        if not school.quality:
            continue
        s = school.school_id
        for y in scenario.open_years:
            due = len(scenario.due_of(s, y))
            need = ceil_share(p.rotation_share, due)
            away, backbone = facts.away[s, y], facts.backbone_away[s, y]
            checks += [
                count_check(
                    Rule.H10,
                    f"{s}, {y}: teachers away",
                    away,
                    AT_LEAST,
                    need,
                    f" = ceil({p.rotation_share} x {due} due teachers)",
                    school=s,
                    year=y,
                ),
                count_check(
                    Rule.H10,
                    f"{s}, {y}: backbone teachers away",
                    backbone,
                    AT_LEAST,
                    ceil_share(p.backbone_share, away),
                    f" = ceil({p.backbone_share} x {away} teachers away)",
                    school=s,
                    year=y,
                ),
            ]
    return checks


def h11_locked(scenario: Scenario, facts: PlanFacts) -> list[Check]:
    """H11 locked: every locked.csv row holds."""
    checks = []
    for lock in scenario.locks:
        t, y, s = lock.teacher_id, lock.year, lock.school_id
        home = scenario.teacher_by_id[t].school_id
        host = facts.host_of.get((t, y))
        wanted = f"stays at home {s}" if s == home else f"serves at {s}"
        ok = host is None if s == home else host == s
        found = "the plan keeps them at home" if host is None else f"the plan has them at {host}"
        sentence = f"locked: {t} {wanted} in {y}" + ("" if ok else f", but {found}")
        checks.append(Check(Rule.H11, ok, sentence, school=s, teacher=t, year=y))
    return checks


# --------------------------------------------------------------------------- H12


def h12_history(scenario: Scenario, facts: PlanFacts) -> list[Check]:
    """H12 history: before replan_from the plan's rows are exactly history.csv's, both ways."""
    served = scenario.replan_from
    plan = {(r.teacher_id, r.year): r for r in facts.rows if r.year < served}
    checks = []
    for h in scenario.history:
        row = plan.pop((h.teacher_id, h.year), None)
        want = f"{h.home_school_id}->{h.host_school_id} under {h.org_id}"
        if row is None:
            ok, found = False, "the plan has no row"
        else:
            got = f"{row.home_school_id}->{row.host_school_id} under {row.org_id}"
            ok, found = got == want, f"the plan has {got}"
        sentence = f"history: {h.teacher_id} served {want} in {h.year}" + (
            "" if ok else f", but {found}"
        )
        checks.append(row_check(Rule.H12, ok, sentence, h, None if row is None else row.line))
    for row in plan.values():
        sentence = (
            f"{row_label(row)}: {row.teacher_id} at {row.host_school_id} in {row.year} is not "
            f"in the history (years before {served} are served)"
        )
        checks.append(row_check(Rule.H12, False, sentence, row, row.line))
    return checks


RULE_CHECKS: dict[Rule, Callable[[Scenario, PlanFacts], list[Check]]] = {
    Rule.H2: h2_eligible,
    Rule.H3: h3_term,
    Rule.H4: h4_backbone_quota,
    Rule.H5: h5_reciprocity,
    Rule.H6: h6_min_exchange,
    Rule.H7: h7_cadre_exchange,
    Rule.H8: h8_coverage,
    Rule.H9: h9_capacity,
    Rule.H10: h10_national_share,
    Rule.H11: h11_locked,
    Rule.H12: h12_history,
}
"""The checks that read the kept rows; H1 (``h1_place``) decides which rows are kept."""
