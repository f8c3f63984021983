"""Cheap counting checks that a scenario is not obviously infeasible.

The CP-SAT model is the real proof of feasibility; these counts only catch a roster that is
too thin for the quotas of SPEC §4 (a lead without enough eligible backbone teachers for
three years of H4, a school with fewer than 4 cadres that must still send one, a member that
cannot send back what its lead sends). They work on plain tables, so they run in a second on
a province and the generator can use them while it builds a roster.

Every lower bound below uses the fact that, with zero-tolerance reciprocity in every
partnership (the default), what a school sends in a year equals what it receives.
"""

from __future__ import annotations

import tomllib
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

CADRE_ROLES = ("reserve_cadre", "middle_cadre", "vice_principal")
TRUE_WORDS = {"true", "1", "yes", "是", "y", "t"}

DEFAULT_POLICY: dict[str, Any] = {
    "cycle_start": 2023,
    "cycle_years": 3,
    "min_tenure_years": 1,
    "due_tenure_years": 6,
    "exempt_age_male": 55,
    "exempt_age_female": 50,
    "allow_principals": False,
    "min_term_years": 1,
    "max_term_years": 1,
    "max_rotations_per_cycle": 1,
    "max_cadre_out_share": 0.3,
    "rotation_share": 0.10,
    "backbone_share": 0.20,
    "group": {
        "backbone_out_ratio": 0.15,
        "reciprocity": "per_member",
        "reciprocity_tolerance": 0,
        "min_out_per_member": 0,
        "cadre_per_member": 1,
    },
    "pairing": {
        "reciprocity": "per_member",
        "reciprocity_tolerance": 0,
        "min_out_per_member": 1,
        "cadre_per_member": 1,
    },
    "community": {
        "reciprocity": "per_school",
        "reciprocity_tolerance": 0,
        "min_out_per_member": 1,
        "cadre_per_member": 0,
    },
}


def ceil_share(ratio: float, count: Any) -> Any:
    """``ceil(ratio × count)`` exactly, reading the ratio as the decimal written (0.15 × 20 = 3)."""
    f = Fraction(str(ratio))
    return -((-f.numerator * count) // f.denominator)


def floor_share(ratio: float, count: Any) -> Any:
    """``floor(ratio × count)`` exactly."""
    f = Fraction(str(ratio))
    return (f.numerator * count) // f.denominator


def as_bool(values: pd.Series) -> np.ndarray:
    """Booleans as the loader reads them (true/1/yes/是 ...); blank is false."""
    if values.dtype == bool:
        return values.to_numpy()
    return values.fillna("").astype(str).str.strip().str.lower().isin(TRUE_WORDS).to_numpy()


def eligibility(teachers: pd.DataFrame, policy: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """Eligible and due flags per teacher (SPEC §4)."""
    start = policy["cycle_start"]
    since = pd.to_numeric(teachers["school_since"], errors="coerce").to_numpy(dtype=float)
    born = pd.to_numeric(teachers["birth_year"], errors="coerce").to_numpy(dtype=float)
    tenure = np.where(np.isnan(since), 0, start - since)
    gender = teachers["gender"].fillna("").astype(str).to_numpy()
    male, female = policy["exempt_age_male"], policy["exempt_age_female"]
    limit = np.where(gender == "M", male, np.where(gender == "F", female, min(male, female)))
    with np.errstate(invalid="ignore"):
        old = ~np.isnan(born) & (start - born >= limit)
    principal = (teachers["role"].to_numpy() == "principal") & (not policy["allow_principals"])
    exempt = as_bool(teachers["exempt"])
    eligible = ~exempt & ~principal & (tenure >= policy["min_tenure_years"]) & ~old
    due = eligible & (tenure >= policy["due_tenure_years"])
    return eligible, due


def school_needs(
    schools: pd.DataFrame,
    orgs: pd.DataFrame,
    members: pd.DataFrame,
    teachers: pd.DataFrame,
    policy: dict[str, Any] | None = None,
) -> pd.DataFrame:
    """Per school: what it has (eligible, backbone, cadres) and the least it must send.

    Returns
    -------
    pandas.DataFrame
        Indexed by school_id. ``out_year`` is a lower bound on teachers away per year,
        ``backbone_year`` on backbone teachers away per year, ``cadre_cycle`` on cadres sent
        over the cycle, ``extra_cycle`` on teachers a group member must send over the cycle
        beyond ``out_year`` (its cadre to the lead), ``group_q`` the H4 quota of the groups it
        leads.
    """
    policy = policy or DEFAULT_POLICY
    ids = schools["school_id"].to_numpy()
    pos = {sid: i for i, sid in enumerate(ids)}
    count = len(ids)
    home = teachers["school_id"].map(pos).to_numpy()
    eligible, due = eligibility(teachers, policy)
    backbone = as_bool(teachers["backbone"])
    cadre = teachers["role"].isin(CADRE_ROLES).to_numpy()

    def tally(mask: np.ndarray) -> np.ndarray:
        return np.bincount(home[mask], minlength=count)

    n_backbone = tally(backbone)
    out_year = np.zeros(count, dtype=np.int64)
    backbone_year = np.zeros(count, dtype=np.int64)
    cadre_cycle = np.zeros(count, dtype=np.int64)
    extra_cycle = np.zeros(count, dtype=np.int64)
    group_q = np.zeros(count, dtype=np.int64)
    years = policy["cycle_years"]
    member_lists = members.groupby("org_id", sort=False)["school_id"].agg(list).to_dict()
    for org_id, kind, lead_id in orgs[["org_id", "type", "lead_school_id"]].itertuples(index=False):
        rules = policy[kind]
        lead = pos[lead_id]
        ms = [pos[m] for m in member_lists.get(org_id, [])]
        min_out = rules["min_out_per_member"]
        if kind == "community":
            out_year[[lead, *ms]] += min_out
            continue
        lead_out = min_out * len(ms)
        if kind == "group":
            q = ceil_share(rules["backbone_out_ratio"], int(n_backbone[lead]))
            group_q[lead] += q
            backbone_year[lead] += q
            lead_out = max(lead_out, q)
        out_year[lead] += lead_out
        cadre_cycle[lead] += rules["cadre_per_member"] * len(ms)
        tight = rules["reciprocity"] == "per_member"
        back = max(0, min_out - rules["reciprocity_tolerance"]) if tight else 0
        for m in ms:
            out_year[m] += back
            cadre_cycle[m] += rules["cadre_per_member"]
            extra_cycle[m] += max(0, rules["cadre_per_member"] - years * back)

    quality = as_bool(schools["quality"]) if "quality" in schools else np.zeros(count, bool)
    n_due = tally(due)
    h10 = np.where(quality, ceil_share(policy["rotation_share"], n_due), 0)
    out_year = np.maximum(out_year, h10)
    h10_backbone = np.where(quality, ceil_share(policy["backbone_share"], out_year), 0)
    backbone_year = np.maximum(backbone_year, h10_backbone)
    if "capacity_in" in schools:
        capacity = pd.to_numeric(schools["capacity_in"], errors="coerce").to_numpy(dtype=float)
    else:
        capacity = np.full(count, np.nan)
    return pd.DataFrame(
        {
            "n": tally(np.ones(len(home), bool)),
            "eligible": tally(eligible),
            "due": n_due,
            "backbone": n_backbone,
            "eligible_backbone": tally(eligible & backbone),
            "cadres": tally(cadre),
            "eligible_cadres": tally(eligible & cadre),
            "out_year": out_year,
            "backbone_year": backbone_year,
            "cadre_cycle": cadre_cycle,
            "extra_cycle": extra_cycle,
            "group_q": group_q,
            "capacity_in": capacity,
        },
        index=pd.Index(ids, name="school_id"),
    )


def teacher_years(policy: dict[str, Any]) -> int:
    """Most years one teacher can be away in a cycle (H3)."""
    return min(policy["cycle_years"], policy["max_rotations_per_cycle"] * policy["max_term_years"])


def teachers_needed(per_year: Any, policy: dict[str, Any]) -> Any:
    """Distinct teachers a per-year need takes over the whole cycle."""
    return -((-per_year * policy["cycle_years"]) // teacher_years(policy))


def capacity_issues(
    schools: pd.DataFrame,
    orgs: pd.DataFrame,
    members: pd.DataFrame,
    teachers: pd.DataFrame,
    demand: pd.DataFrame,
    policy: dict[str, Any] | None = None,
) -> list[str]:
    """Necessary conditions for a plan to exist, each broken one as a sentence.

    An empty list does not prove feasibility; a non-empty one proves infeasibility (for the
    counting conditions) or a roster with too little slack (for the coverage condition, which
    ignores incoming teachers).
    """
    policy = policy or DEFAULT_POLICY
    needs = school_needs(schools, orgs, members, teachers, policy)
    names = dict(zip(schools["school_id"], schools["name"], strict=True))
    issues: list[str] = []
    own_need = teachers_needed(needs["out_year"], policy) + needs["extra_cycle"]
    share = policy["max_cadre_out_share"]
    balanced = all(
        policy[k]["reciprocity"] in ("per_member", "per_school")
        and policy[k]["reciprocity_tolerance"] == 0
        for k in ("group", "pairing", "community")
    )
    in_org = set(orgs["lead_school_id"]) | set(members["school_id"])
    for row in needs.itertuples():
        sid = row.Index
        label = f"{sid} {names[sid]}"
        if row.eligible < own_need[sid]:
            issues.append(
                f"{label}: {row.eligible} eligible teachers, needs {own_need[sid]} over the cycle"
            )
        bb_need = teachers_needed(row.backbone_year, policy)
        if row.eligible_backbone < bb_need:
            issues.append(
                f"{label}: {row.eligible_backbone} eligible backbone teachers, "
                f"needs {bb_need} over the cycle"
            )
        if row.cadre_cycle > 0:
            per_year = floor_share(share, int(row.cadres))
            if per_year * policy["cycle_years"] < row.cadre_cycle:
                issues.append(
                    f"{label}: {row.cadres} cadres let {per_year} away a year, "
                    f"needs {row.cadre_cycle} cadre exchanges over the cycle"
                )
            if row.eligible_cadres < row.cadre_cycle:
                issues.append(
                    f"{label}: {row.eligible_cadres} eligible cadres, "
                    f"needs {row.cadre_cycle} over the cycle"
                )
        if balanced and sid in in_org and row.capacity_in < row.out_year:
            issues.append(
                f"{label}: capacity_in {row.capacity_in:g} below the {row.out_year} "
                "it must receive back each year"
            )

    spare = (needs["eligible"] - own_need).to_numpy()
    spare_capacity = (needs["capacity_in"].fillna(np.inf) - needs["out_year"]).to_numpy()
    pos = {sid: i for i, sid in enumerate(needs.index)}
    ratio = policy["group"]["backbone_out_ratio"]
    member_lists = members.groupby("org_id", sort=False)["school_id"].agg(list).to_dict()
    for org_id, lead in orgs.loc[orgs["type"] == "group", ["org_id", "lead_school_id"]].values:
        ms = [pos[m] for m in member_lists.get(org_id, [])]
        if not ms:
            continue
        q = ceil_share(ratio, int(needs["backbone"].iat[pos[lead]]))
        if spare[ms].sum() < teachers_needed(q, policy):
            issues.append(
                f"{org_id}: members have {spare[ms].sum()} spare eligible teachers to send "
                f"back, the lead sends {teachers_needed(q, policy)} backbone over the cycle"
            )
        if balanced and spare_capacity[ms].sum() < q:
            issues.append(
                f"{org_id}: members can take {spare_capacity[ms].sum():g} more teachers a year, "
                f"the lead sends {q}"
            )
    issues += _coverage_issues(teachers, demand, needs, names, policy)
    return issues


def _coverage_issues(
    teachers: pd.DataFrame,
    demand: pd.DataFrame,
    needs: pd.DataFrame,
    names: dict[str, str],
    policy: dict[str, Any],
) -> list[str]:
    """H8 slack: teachers who can leave without any subject falling below min_staff."""
    issues: list[str] = []
    eligible, _ = eligibility(teachers, policy)
    frame = pd.DataFrame(
        {
            "school_id": teachers["school_id"].to_numpy(),
            "subject": teachers["subject"].to_numpy(),
            "n": 1,
            "eligible": eligible.astype(int),
            "eligible_backbone": (eligible & as_bool(teachers["backbone"])).astype(int),
        }
    )
    staff = frame.groupby(["school_id", "subject"]).sum()
    rows = demand.set_index(["school_id", "subject"])["min_staff"].astype(int)
    staff = staff.join(rows.rename("min_staff"), how="outer").fillna(0)
    for (sid, subject), row in staff[staff["min_staff"] > staff["n"]].iterrows():
        issues.append(
            f"{sid} {names[sid]}: min_staff {int(row.min_staff)} for {subject} "
            f"but only {int(row.n)} teachers"
        )
    slack = (staff["n"] - staff["min_staff"]).clip(lower=0)
    leavable = np.minimum(staff["eligible"], slack).groupby(level=0).sum()
    leavable_bb = np.minimum(staff["eligible_backbone"], slack).groupby(level=0).sum()
    for row in needs.itertuples():
        sid = row.Index
        if leavable.get(sid, 0) < row.out_year:
            issues.append(
                f"{sid} {names[sid]}: only {int(leavable.get(sid, 0))} teachers can leave "
                f"without breaking min_staff, needs {row.out_year} away a year"
            )
        if leavable_bb.get(sid, 0) < row.backbone_year:
            issues.append(
                f"{sid} {names[sid]}: only {int(leavable_bb.get(sid, 0))} backbone teachers "
                f"can leave without breaking min_staff, needs {row.backbone_year} a year"
            )
    return issues


def read_policy(folder: Path) -> dict[str, Any]:
    """SPEC defaults merged with ``[scenario]`` and ``[policy]`` of the folder's scenario.toml.

    ``extends`` is not followed: the check is meant for complete generated folders.
    """
    policy = {k: (dict(v) if isinstance(v, dict) else v) for k, v in DEFAULT_POLICY.items()}
    path = folder / "scenario.toml"
    if not path.exists():
        return policy
    settings = tomllib.loads(path.read_text(encoding="utf-8"))
    for key in ("cycle_start", "cycle_years"):
        if key in settings.get("scenario", {}):
            policy[key] = settings["scenario"][key]
    for key, value in settings.get("policy", {}).items():
        if isinstance(value, dict):
            policy[key].update(value)
        else:
            policy[key] = value
    return policy


def check_capacity(out_dir: Path) -> list[str]:
    """Counting checks on a complete scenario folder; an empty list means none failed.

    Parameters
    ----------
    out_dir
        A scenario folder holding every required file itself (no ``extends``), such as one
        written by :func:`solver.generate.generate`.

    Returns
    -------
    list of str
        One sentence per broken necessary condition (school or org id first).
    """
    out_dir = Path(out_dir)

    def read(name: str) -> pd.DataFrame:
        return pd.read_csv(out_dir / name, dtype=str, keep_default_na=False, na_values=[""])

    schools = read("schools.csv")
    demand = read("demand.csv")
    demand["min_staff"] = pd.to_numeric(demand["min_staff"])
    return capacity_issues(
        schools,
        read("organizations.csv"),
        read("memberships.csv"),
        read("teachers.csv"),
        demand,
        read_policy(out_dir),
    )
