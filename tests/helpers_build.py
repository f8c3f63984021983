"""Build small scenarios in Python for model and solve tests, with every weight off by default.

Rule and term tests state exactly which weights and rules matter, so the hand-worked optimum in
their comments depends on nothing hidden.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from solver.scenario import (
    DEFAULT_ORG_POLICY,
    Assignment,
    Demand,
    Lock,
    Organization,
    OrgPolicy,
    OrgType,
    Policy,
    Preference,
    Reciprocity,
    Role,
    Scenario,
    ScenarioInfo,
    School,
    Teacher,
    Weights,
)

NO_WEIGHTS = Weights(
    move=0, distance_km=0, preference=0, due=0, repeat=0, shortage=0, spread=0, change=0
)

# Org policies with no quota at all; a test switches on what it studies.
QUIET_ORG = {
    "backbone_out_ratio": Decimal("0"),
    "reciprocity": Reciprocity.NONE,
    "min_out_per_member": 0,
    "cadre_per_member": 0,
}


def school(school_id: str, **fields: Any) -> School:
    fields.setdefault("name", f"school {school_id}")
    fields.setdefault("district", "d1")
    fields.setdefault("level", "primary")
    return School(school_id=school_id, **fields)


def teacher(teacher_id: str, school_id: str, **fields: Any) -> Teacher:
    """An eligible, not-due teacher of math unless told otherwise (joined 2020, born 1985)."""
    fields.setdefault("name", f"teacher {teacher_id}")
    fields.setdefault("subject", "math")
    fields.setdefault("backbone", False)
    fields.setdefault("school_since", 2020)
    fields.setdefault("birth_year", 1985)
    fields.setdefault("gender", "M")
    return Teacher(teacher_id=teacher_id, school_id=school_id, **fields)


def org(
    org_id: str, type_: str, lead: str, members: tuple[str, ...] | list[str], **policy: Any
) -> Organization:
    """An org whose policy is QUIET_ORG unless ``policy`` switches something on."""
    kind = OrgType(type_)
    settings = OrgPolicy(**{**DEFAULT_ORG_POLICY[kind].model_dump(), **QUIET_ORG, **policy})
    return Organization(
        org_id=org_id,
        name=f"org {org_id}",
        type=kind,
        lead_school_id=lead,
        members=tuple(members),
        policy=settings,
    )


def scenario(
    schools: list[School],
    orgs: list[Organization],
    teachers: list[Teacher],
    *,
    weights: dict[str, int] | None = None,
    policy: dict[str, Any] | None = None,
    years: int = 1,
    start: int = 2023,
    **extra: Any,
) -> Scenario:
    """A scenario with no weights and a lenient policy unless told otherwise.

    The default policy has no national share quotas (rotation_share 0), no cadre cap
    (max_cadre_out_share 1), term length 1 and one rotation per cycle.
    """
    base = {
        "rotation_share": Decimal("0"),
        "backbone_share": Decimal("0"),
        "max_cadre_out_share": Decimal("1"),
    }
    return Scenario(
        info=ScenarioInfo(name="test", cycle_start=start, cycle_years=years),
        policy=Policy(**{**base, **(policy or {})}),
        weights=Weights(**{**NO_WEIGHTS.model_dump(), **(weights or {})}),
        schools=tuple(schools),
        organizations=tuple(orgs),
        teachers=tuple(teachers),
        **extra,
    )


def demand(school_id: str, subject: str, min_staff: int, wanted_in: int = 0) -> Demand:
    return Demand(school_id=school_id, subject=subject, min_staff=min_staff, wanted_in=wanted_in)


def preference(teacher_id: str, school_id: str, weight: int) -> Preference:
    return Preference(teacher_id=teacher_id, school_id=school_id, weight=weight)


def lock(teacher_id: str, year: int, school_id: str) -> Lock:
    return Lock(teacher_id=teacher_id, year=year, school_id=school_id)


def row(teacher_id: str, year: int, home: str, host: str, org_id: str) -> Assignment:
    return Assignment(
        teacher_id=teacher_id, year=year, home_school_id=home, host_school_id=host, org_id=org_id
    )


__all__ = [
    "NO_WEIGHTS",
    "Role",
    "demand",
    "lock",
    "org",
    "preference",
    "row",
    "scenario",
    "school",
    "teacher",
]
