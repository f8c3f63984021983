"""What the policy says of a roster while it is drawn, asked of the one source of each rule.

The generator holds its roster as NumPy arrays (a province has half a million teachers) and
does not build a ``Scenario`` of every teacher. Instead it keeps a ``Scenario`` of its schools and
partnerships under the policy it writes (the defaults), asks ``Scenario.is_eligible`` and
``is_due`` once per distinct set of the fields H2 reads, and ``solver.needs.school_floors`` with
per-school counts. It defines no rule or policy constant of its own.
"""

from __future__ import annotations

from dataclasses import asdict, fields

import numpy as np
import pandas as pd

from solver.generate.structure import Structure
from solver.needs.quotas import SchoolFloor, school_floors, teachers_needed
from solver.scenario import (
    Organization,
    OrgType,
    Policy,
    Scenario,
    ScenarioInfo,
    School,
    Teacher,
)

# The settings every generated scenario.toml states or leaves to the defaults.
INFO = ScenarioInfo()
POLICY = Policy()
FLOOR_COLUMNS = [f.name for f in fields(SchoolFloor)]


def rules_scenario(structure: Structure) -> Scenario:
    """The structure's schools and partnerships under the default policy, without teachers."""
    schools = structure.schools
    members = structure.members.groupby("org_id", sort=False)["school_id"].agg(tuple).to_dict()
    return Scenario(
        info=INFO,
        policy=POLICY,
        schools=tuple(
            School(school_id=sid, name=name, district=district, level=level, quality=quality)
            for sid, name, district, level, quality in schools[
                ["school_id", "name", "district", "level", "quality"]
            ].itertuples(index=False)
        ),
        organizations=tuple(
            Organization(
                org_id=org_id,
                name=name,
                type=OrgType(kind),
                lead_school_id=lead,
                members=members.get(org_id, ()),
                policy=POLICY.for_type(OrgType(kind)),
            )
            for org_id, name, kind, lead in structure.orgs[
                ["org_id", "name", "type", "lead_school_id"]
            ].itertuples(index=False)
        ),
        teachers=(),
    )


def standing(rules: Scenario, roster: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Eligible (H2) and due flags per teacher, by ``Scenario.is_eligible`` and ``is_due``.

    The rules are asked once for each distinct (role, gender, birth year, start at the school,
    exempt): every field of a generated teacher that they read.
    """
    key = np.zeros(len(roster["role"]), dtype=np.int64)
    for name in ("role", "gender", "birth_year", "school_since", "exempt"):
        codes = pd.factorize(roster[name])[0]
        key = key * (codes.max(initial=0) + 1) + codes
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    probes = tuple(
        Teacher(
            teacher_id=str(i),
            name="",
            school_id="",
            subject="",
            backbone=False,
            role=roster["role"][row],
            gender=roster["gender"][row],
            birth_year=int(roster["birth_year"][row]),
            school_since=int(roster["school_since"][row]),
            exempt=bool(roster["exempt"][row]),
        )
        for i, row in enumerate(first)
    )
    probe = rules.replace(teachers=probes)
    eligible = np.array([probe.is_eligible(t) for t in probes], dtype=bool)
    due = np.array([probe.is_due(t) for t in probes], dtype=bool)
    return eligible[inverse], due[inverse]


def floor_frame(
    rules: Scenario, home: np.ndarray, backbone: np.ndarray, due: np.ndarray
) -> pd.DataFrame:
    """``school_floors`` of the roster (``home`` is each teacher's school position), a row per
    school in the order of ``rules.schools``."""
    ids = [s.school_id for s in rules.schools]

    def count(mask: np.ndarray) -> dict[str, int]:
        return dict(zip(ids, np.bincount(home[mask], minlength=len(ids)).tolist(), strict=True))

    floors = school_floors(rules, backbone=count(backbone), due=count(due))
    return pd.DataFrame(
        [asdict(floors[sid]) for sid in ids],
        index=pd.Index(ids, name="school_id"),
        columns=FLOOR_COLUMNS,
    )


def teachers_for(rules: Scenario, per_year: np.ndarray) -> np.ndarray:
    """``solver.needs.teachers_needed`` of each per-year need."""
    return np.array([teachers_needed(rules, int(n)) for n in per_year], dtype=np.int64)
