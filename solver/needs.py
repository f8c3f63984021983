"""What the policy demands before any solving: counts, and each quota's need against candidates.

A planner learns here, in seconds, whether a quota can be met at all ("needs 3 backbone
teachers out each year, only 2 eligible"), long before a solver says "infeasible".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

from solver.rules import Rule
from solver.scenario import OrgType, Scenario, Teacher, ceil_share, floor_share


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

    @property
    def ok(self) -> bool:
        return self.candidates >= self.need and self.capacity >= self.cycle_need

    def sentence(self) -> str:
        verdict = "ok" if self.ok else "CANNOT BE MET"
        return (
            f"{self.rule} {self.org_id or '-'} {self.school_id}: {self.what}: needs {self.need} "
            f"per {self.per} ({self.cycle_need} over the cycle); {self.candidates} eligible "
            f"candidates can give {self.capacity} -> {verdict}"
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
            need = ceil_share(policy.backbone_out_ratio, len(scenario.backbone_of(lead)))
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
            senders = org.schools if org.type is OrgType.COMMUNITY else (lead,)
            for school in senders:
                targets = 1 if org.type is OrgType.COMMUNITY else len(org.members)
                need = policy.min_out_per_member * targets
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
            for school, count in [(lead, len(org.members))] + [(m, 1) for m in org.members]:
                need = policy.cadre_per_member * count
                pool = candidates(school, org, lambda t: t.is_cadre)
                cap_per_year = floor_share(
                    scenario.policy.max_cadre_out_share, len(scenario.cadres_of(school))
                )
                capacity = min(len(pool) * per_teacher, cap_per_year * years)
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
                    )
                )
    for quality_school in scenario.schools:
        if not quality_school.quality:
            continue
        sid = quality_school.school_id
        need = ceil_share(scenario.policy.rotation_share, len(scenario.due_of(sid)))
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
        bb_need = ceil_share(scenario.policy.backbone_share, need)
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
