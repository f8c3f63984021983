"""What the policy demands before any solving: counts, and each quota's need against candidates.

A planner learns here, in seconds, whether a quota can be met at all ("needs 3 backbone
teachers out each year, only 2 eligible"), long before a solver says "infeasible".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass

from solver.rules import Rule
from solver.scenario import (
    Organization,
    OrgType,
    Policy,
    Reciprocity,
    Scenario,
    Teacher,
    ceil_share,
    floor_share,
)


@dataclass(frozen=True)
class QuotaNeed:
    """One quota of one organization or school: what it needs against what exists.

    ``need`` is per year (H4, H6, H10) or per cycle (H7); ``cycle_need`` is the teacher-years
    or teachers the whole cycle needs; ``capacity`` is what the candidates can give over the
    cycle, given term lengths and the cadre share cap.
    """

    rule: str
    org_id: str
    school_id: str
    what: str
    need: int
    per: str
    cycle_need: int
    candidates: int
    capacity: int
    limit: str = ""
    """What caps ``capacity`` below what the candidates could give, in words naming the rule
    and the setting (H7's cadres under H9's ``policy.max_cadre_out_share``); blank when only
    the candidates count."""

    @property
    def ok(self) -> bool:
        return self.candidates >= self.need and self.capacity >= self.cycle_need

    @property
    def short(self) -> int:
        """How many are missing: the number that does not add up (0 when the quota is met)."""
        return max(self.need - self.candidates, self.cycle_need - self.capacity, 0)

    def sentence(self, school_name: str = "") -> str:
        """The quota in one line; ``school_name`` is shown beside the id when given."""
        verdict = "ok" if self.ok else f"CANNOT BE MET: {self.short} short"
        school = f"{school_name} ({self.school_id})" if school_name else self.school_id
        limit = f"; {self.limit}" if self.limit else ""
        return (
            f"{self.rule} {self.org_id or '-'} {school}: {self.what}: needs {self.need} "
            f"per {self.per} ({self.cycle_need} over the cycle); {self.candidates} eligible "
            f"candidates can give {self.capacity}{limit} -> {verdict}"
        )


@dataclass(frozen=True)
class Summary:
    """The headline counts ``validate`` prints."""

    name: str
    years: list[int]
    schools: int
    schools_by_level: dict[str, int]
    schools_by_area: dict[str, int]
    organizations_by_type: dict[str, int]
    teachers: int
    eligible: int
    due: int
    backbone: int
    cadres: int
    ineligible_by_reason: dict[str, int]
    needs: list[QuotaNeed]

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["needs"] = [{**asdict(n), "ok": n.ok} for n in self.needs]
        data["warnings"] = [n.sentence() for n in self.needs if not n.ok]
        return data


def away_years_per_teacher(scenario: Scenario) -> int:
    """Most years one teacher can be away in a cycle (H3)."""
    p = scenario.policy
    return min(len(scenario.years), p.max_rotations_per_cycle * p.max_term_years)


def teachers_needed(scenario: Scenario, per_year: int) -> int:
    """Distinct teachers a need of ``per_year`` takes over the cycle (each away at most
    ``away_years_per_teacher`` years)."""
    return -(-per_year * len(scenario.years) // away_years_per_teacher(scenario))


def h4_quota(org: Organization, backbone: int) -> int:
    """H4: backbone teachers a group's lead sends to its members each year, of its ``backbone``."""
    return ceil_share(org.policy.backbone_out_ratio, backbone)


def h6_senders(org: Organization) -> tuple[str, ...]:
    """H6: the schools that must send, the lead of a group or pairing, every community school."""
    return org.schools if org.type is OrgType.COMMUNITY else (org.lead_school_id,)


def h6_targets(org: Organization) -> int:
    """H6: schools each sender sends to, the lead to every member, a community school once."""
    return 1 if org.type is OrgType.COMMUNITY else len(org.members)


def h6_quota(org: Organization) -> int:
    """H6: teachers each sender sends in the org each year."""
    return org.policy.min_out_per_member * h6_targets(org)


def h7_quota(org: Organization, school: str) -> int:
    """H7: cadres a school exchanges over the cycle, the lead with every member, a member with
    the lead."""
    if not org.members:
        return 0
    count = len(org.members) if school == org.lead_school_id else 1
    return org.policy.cadre_per_member * count


def h9_cadres_away(policy: Policy, cadres: int) -> int:
    """H9: cadres a school with ``cadres`` cadres may have away in a year."""
    return floor_share(policy.max_cadre_out_share, cadres)


def h10_quota(policy: Policy, due: int) -> int:
    """H10: teachers a quality school with ``due`` due teachers has away each year."""
    return ceil_share(policy.rotation_share, due)


def h10_backbone_quota(policy: Policy, away: int) -> int:
    """H10: backbone teachers among the ``away`` teachers of a quality school."""
    return ceil_share(policy.backbone_share, away)


def sends_what_it_receives(org: Organization) -> bool:
    """H5 without tolerance: every school of the org receives each year as many as it sends."""
    p = org.policy
    balanced = p.reciprocity in (Reciprocity.PER_MEMBER, Reciprocity.PER_SCHOOL)
    return balanced and p.reciprocity_tolerance == 0


def returned_per_member(org: Organization) -> int:
    """H5 per member: teachers each member sends its lead back a year for the lead's H6 ones."""
    p = org.policy
    if p.reciprocity is not Reciprocity.PER_MEMBER:
        return 0
    return max(0, p.min_out_per_member - p.reciprocity_tolerance)


@dataclass(frozen=True)
class SchoolFloor:
    """The least one school must send in all its partnerships together: lower bounds for
    counting checks against its teachers (its quotas of the orgs added up, where ``QuotaNeed``
    takes each quota alone)."""

    away: int = 0
    """Teachers away each year: its H4/H6 quotas, what it returns under per-member H5, and
    at least its H10 share."""
    backbone_away: int = 0
    """Backbone teachers away each year: the H4 quotas it carries, at least H10's share of
    ``away``."""
    cadres: int = 0
    """Cadre exchanges over the cycle (H7)."""
    extra: int = 0
    """Teachers over the cycle beyond ``away`` a year: a member's H7 cadres to a lead that its
    H5 returns do not cover."""
    group_quota: int = 0
    """H4 quota a year of the groups the school leads."""


def school_floors(
    scenario: Scenario,
    backbone: Mapping[str, int] | None = None,
    due: Mapping[str, int] | None = None,
) -> dict[str, SchoolFloor]:
    """What each school must send at least, with every quota of every org it is in.

    Parameters
    ----------
    scenario
        Schools, organizations (with their merged policies), policy and cycle.
    backbone, due
        Backbone and due teachers per school id when the caller counts them itself (the
        generator while it draws a roster); by default they are counted in ``scenario``.

    Returns
    -------
    dict
        A ``SchoolFloor`` per school id, in the order of ``scenario.schools``.
    """
    if backbone is None:
        leads = {o.lead_school_id for o in scenario.organizations if o.type is OrgType.GROUP}
        backbone = {sid: len(scenario.backbone_of(sid)) for sid in leads}
    if due is None:
        due = {
            s.school_id: len(scenario.due_of(s.school_id)) for s in scenario.schools if s.quality
        }
    years = len(scenario.years)
    away: Counter[str] = Counter()
    backbone_away: Counter[str] = Counter()
    cadres: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    group_quota: Counter[str] = Counter()
    for org in scenario.organizations:
        lead = org.lead_school_id
        for sid in org.schools:
            cadres[sid] += h7_quota(org, sid)
        if org.type is OrgType.COMMUNITY:
            for sid in h6_senders(org):
                away[sid] += h6_quota(org)
            continue
        lead_away = h6_quota(org)
        if org.type is OrgType.GROUP:
            quota = h4_quota(org, backbone.get(lead, 0))
            group_quota[lead] += quota
            backbone_away[lead] += quota
            lead_away = max(lead_away, quota)
        away[lead] += lead_away
        back = returned_per_member(org)
        for member in org.members:
            away[member] += back
            extra[member] += max(0, org.policy.cadre_per_member - years * back)
    floors: dict[str, SchoolFloor] = {}
    for school in scenario.schools:
        sid = school.school_id
        out, out_backbone = away[sid], backbone_away[sid]
        if school.quality:
            out = max(out, h10_quota(scenario.policy, due.get(sid, 0)))
            out_backbone = max(out_backbone, h10_backbone_quota(scenario.policy, out))
        floors[sid] = SchoolFloor(out, out_backbone, cadres[sid], extra[sid], group_quota[sid])
    return floors


def quota_needs(scenario: Scenario) -> list[QuotaNeed]:
    """Every H4, H6, H7 and H10 quota with its need and its eligible candidates."""
    years = len(scenario.years)
    per_teacher = away_years_per_teacher(scenario)
    needs: list[QuotaNeed] = []

    def candidates(school_id: str, org=None, pick=lambda t: True) -> list[Teacher]:
        return [
            t
            for t in scenario.teachers_by_school[school_id]
            if pick(t) and (scenario.may_serve(t, org) if org else scenario.is_eligible(t))
        ]

    for org in scenario.organizations:
        policy = org.policy
        lead = org.lead_school_id
        if org.type is OrgType.GROUP:
            need = h4_quota(org, len(scenario.backbone_of(lead)))
            pool = candidates(lead, org, lambda t: t.backbone)
            needs.append(
                QuotaNeed(
                    Rule.H4,
                    org.org_id,
                    lead,
                    "lead backbone teachers at members",
                    need,
                    "year",
                    need * years,
                    len(pool),
                    len(pool) * per_teacher,
                )
            )
        if policy.min_out_per_member:
            for school in h6_senders(org):
                targets = h6_targets(org)
                need = h6_quota(org)
                pool = candidates(school, org)
                what = (
                    "teachers sent in the community"
                    if school != lead or org.type is OrgType.COMMUNITY
                    else f"teachers to its {targets} member(s)"
                )
                needs.append(
                    QuotaNeed(
                        Rule.H6,
                        org.org_id,
                        school,
                        what,
                        need,
                        "year",
                        need * years,
                        len(pool),
                        len(pool) * per_teacher,
                    )
                )
        if policy.cadre_per_member and org.members:
            for school in org.schools:
                need = h7_quota(org, school)
                pool = candidates(school, org, lambda t: t.is_cadre)
                cadres = len(scenario.cadres_of(school))
                cap_per_year = h9_cadres_away(scenario.policy, cadres)
                capacity = min(len(pool) * per_teacher, cap_per_year * years)
                limit = ""
                if cap_per_year * years < min(need, len(pool) * per_teacher):
                    share = scenario.policy.max_cadre_out_share
                    limit = (
                        f"but H9 lets floor({share} x {cadres}) = {cap_per_year} of its "
                        f"{cadres} cadre(s) be away a year (policy.max_cadre_out_share = "
                        f"{share}), {cap_per_year * years} over the cycle"
                    )
                needs.append(
                    QuotaNeed(
                        Rule.H7,
                        org.org_id,
                        school,
                        "cadres exchanged with the " + ("members" if school == lead else "lead"),
                        need,
                        "cycle",
                        need,
                        len(pool),
                        capacity,
                        limit,
                    )
                )
    for quality_school in scenario.schools:
        if not quality_school.quality:
            continue
        sid = quality_school.school_id
        need = h10_quota(scenario.policy, len(scenario.due_of(sid)))
        pool = candidates(sid) if scenario.partners[sid] else []
        needs.append(
            QuotaNeed(
                Rule.H10,
                "",
                sid,
                "teachers away (national share)",
                need,
                "year",
                need * years,
                len(pool),
                len(pool) * per_teacher,
            )
        )
        bb_need = h10_backbone_quota(scenario.policy, need)
        bb_pool = [t for t in pool if t.backbone]
        needs.append(
            QuotaNeed(
                Rule.H10,
                "",
                sid,
                "backbone teachers away (national share)",
                bb_need,
                "year",
                bb_need * years,
                len(bb_pool),
                len(bb_pool) * per_teacher,
            )
        )
    return needs


def summarize(scenario: Scenario) -> Summary:
    teachers = scenario.teachers
    exempt = Counter(
        scenario.ineligibility(t) or "" for t in teachers if not scenario.is_eligible(t)
    )
    return Summary(
        name=scenario.info.name,
        years=list(scenario.years),
        schools=len(scenario.schools),
        schools_by_level=dict(sorted(Counter(s.level.value for s in scenario.schools).items())),
        schools_by_area=dict(
            sorted(Counter(s.area.value if s.area else "unknown" for s in scenario.schools).items())
        ),
        organizations_by_type=dict(
            sorted(Counter(o.type.value for o in scenario.organizations).items())
        ),
        teachers=len(teachers),
        eligible=len(scenario.eligible_ids),
        due=sum(scenario.is_due(t) for t in teachers),
        backbone=sum(t.backbone for t in teachers),
        cadres=sum(t.is_cadre for t in teachers),
        ineligible_by_reason=dict(sorted(exempt.items())),
        needs=quota_needs(scenario),
    )
