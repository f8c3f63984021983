"""Teachers, demand and preferences for a structure of schools and partnerships.

The roster is drawn with vectorised NumPy (a province has half a million teachers), then
topped up where a school is too thin for the least it must send under the default policy
(``solver.needs.school_floors``, asked through ``facts``), so that every generated scenario
leaves the solver some room.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd

from solver.generate.facts import INFO, POLICY, floor_frame, standing, teachers_for
from solver.generate.names import person_names
from solver.generate.structure import Structure
from solver.needs.quotas import school_floors, teachers_needed
from solver.scenario import OrgType, Scenario, ceil_share, floor_share

START = INFO.cycle_start
PRIMARY_SUBJECTS = {
    "语文": 0.27,
    "数学": 0.23,
    "英语": 0.12,
    "科学": 0.07,
    "道德与法治": 0.06,
    "音乐": 0.06,
    "体育": 0.08,
    "美术": 0.06,
    "信息科技": 0.05,
}
JUNIOR_SUBJECTS = {
    "语文": 0.14,
    "数学": 0.14,
    "英语": 0.14,
    "物理": 0.08,
    "化学": 0.06,
    "生物": 0.05,
    "历史": 0.06,
    "地理": 0.05,
    "道德与法治": 0.07,
    "音乐": 0.04,
    "体育": 0.08,
    "美术": 0.04,
    "信息科技": 0.05,
}
SUBJECTS = list(dict.fromkeys([*PRIMARY_SUBJECTS, *JUNIOR_SUBJECTS]))
WANTED_SUBJECTS = ("英语", "音乐", "美术", "信息科技")
WANTED_SHARE = 0.5
PREFERENCE_SHARE = 0.06  # of eligible teachers, in presets that have preferences
FEMALE_SHARE = {"primary": 0.78, "nine_year": 0.68, "junior": 0.60}
EXEMPT_SHARE = 0.05
MARGIN = 1.25  # the generator keeps 25% more than the counting checks need
PROMOTED_EXTRA = Decimal("0.15")  # a thin school gets 15% more backbone than it lacks
CAPACITY_SHARE = Decimal("0.15")  # posts for incoming teachers: 15% of staff
FREE_SHARE = Decimal("0.25")  # min_staff leaves a quarter of each subject free to rotate


def _level_weights(level: str) -> np.ndarray:
    """Subject probabilities over ``SUBJECTS`` for a school level."""
    p = np.array([PRIMARY_SUBJECTS.get(s, 0.0) for s in SUBJECTS])
    j = np.array([JUNIOR_SUBJECTS.get(s, 0.0) for s in SUBJECTS])
    mix = {"primary": p, "junior": j, "nine_year": 0.6 * p + 0.4 * j}[level]
    return mix / mix.sum()


def _subjects(schools: pd.DataFrame, home: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Subjects by the level's timetable: each school gets its share of every subject
    (rounded down, the remainder drawn by weight), shuffled over its teachers."""
    size = schools["size"].to_numpy()
    weights = np.array([_level_weights(v) for v in schools["level"]])
    counts = np.floor(weights * size[:, None]).astype(int)
    for i, left in enumerate(size - counts.sum(axis=1)):
        extra = rng.choice(len(SUBJECTS), size=left, replace=False, p=weights[i])
        counts[i, extra] += 1
    ordered = np.repeat(np.tile(np.arange(len(SUBJECTS)), len(size)), counts.ravel())
    subject = np.empty(len(home), dtype=int)
    subject[np.lexsort((rng.random(len(home)), home))] = ordered
    return np.array(SUBJECTS, dtype=object)[subject]


def cadre_duty(rules: Scenario) -> np.ndarray:
    """Cadres each school must exchange over the cycle (H7), whatever its teachers."""
    floors = school_floors(rules, backbone={}, due={})
    return np.array([floors[s.school_id].cadres for s in rules.schools], dtype=int)


def cadre_count(rules: Scenario, size: np.ndarray, duty: np.ndarray) -> np.ndarray:
    """About 10% cadres; a school owing cadre exchanges gets at least 5 and enough that the
    yearly cap (H9) lets all its exchanges (plus one) happen in the cycle."""
    share = rules.policy.max_cadre_out_share
    years = len(rules.years)
    count = np.maximum(1, np.round(0.10 * (size - 1))).astype(int)
    for i in np.flatnonzero(duty):
        need = 5
        while years * floor_share(share, need) < duty[i] + 1:
            need += 1
        count[i] = max(count[i], need)
    return count


def draw_teachers(
    schools: pd.DataFrame, cadres: np.ndarray, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """One row per teacher, school by school: principal, cadres, then teachers."""
    size = schools["size"].to_numpy()
    home = np.repeat(np.arange(len(size)), size)
    total = len(home)
    start = np.cumsum(size) - size
    slot = np.arange(total) - start[home]
    n_vp = np.where(size < 60, 1, 2)[home]
    cad = cadres[home]
    n_reserve = np.round(0.3 * cad).astype(int)
    role = np.full(total, "teacher", dtype=object)
    role[slot == 0] = "principal"
    is_cadre = (slot >= 1) & (slot <= cad)
    role[is_cadre] = "middle_cadre"
    role[is_cadre & (slot <= n_vp)] = "vice_principal"
    role[is_cadre & (slot > n_vp) & (slot <= n_vp + n_reserve)] = "reserve_cadre"

    p_female = np.array([FEMALE_SHARE[v] for v in schools["level"]])[home]
    p_female = np.where(np.isin(role, ["principal", "vice_principal"]), 0.4, p_female)
    female = rng.random(total) < p_female

    # Ages: teachers 23 to retirement (55 F, 60 M); cadres young enough to be eligible.
    top = np.where(female, 55, 60)
    age = 23 + np.floor((top - 22) * rng.beta(2.0, 2.4, total)).astype(int)
    cap = np.where(female, POLICY.exempt_age_female, POLICY.exempt_age_male) - 1
    age = np.where(role == "reserve_cadre", rng.integers(26, 38, total), age)
    age = np.where(role == "middle_cadre", rng.integers(30, cap + 1), age)
    age = np.where(role == "vice_principal", rng.integers(36, cap + 1), age)
    age = np.where(role == "principal", rng.integers(42, np.where(female, 55, 59)), age)

    # Tenure at the current school: mostly a few to a dozen years, 5% newly arrived.
    tenure = 1 + np.floor(rng.exponential(7.0, total)).astype(int)
    tenure = np.where((role == "teacher") & (rng.random(total) < 0.05), 0, tenure)
    tenure = np.minimum(tenure, np.maximum(age - 22, 0))
    tenure = np.where(role != "teacher", np.maximum(tenure, POLICY.min_tenure_years), tenure)

    subject = _subjects(schools, home, rng)

    # Backbone: a per-school share, picked with weights favouring experienced teachers.
    weight = np.select([age < 28, age < 35, age < 55], [0.05, 0.6, 1.0], 0.7)
    weight = np.where(role == "principal", 0.0, weight)
    with np.errstate(divide="ignore"):
        key = rng.exponential(1.0, total) / weight
    order = np.lexsort((key, home))
    rank = np.empty(total, dtype=int)
    rank[order] = np.arange(total) - start[home[order]]
    wanted = np.round(schools["backbone_share"].to_numpy() * size).astype(int)
    backbone = rank < wanted[home]

    # Exemptions with a reason (age exemption is derived by the rules, not flagged here).
    exempt = (role == "teacher") & (rng.random(total) < EXEMPT_SHARE)
    pregnant_age = female & (age <= 40)
    r = rng.random(total)
    reason = np.where(
        pregnant_age,
        np.select([r < 0.5, r < 0.85], ["孕期", "病休"], "处分期"),
        np.where(r < 0.75, "病休", "处分期"),
    )
    reason = np.where(exempt, reason, "")

    # Earlier rotations: a few recent ones (repeat cost), some long ago.
    r = rng.random(total)
    last = np.where(r < 0.04, rng.integers(2020, 2023, total), rng.integers(2012, 2020, total))
    last = np.where((r < 0.10) & (age >= 28) & (role != "principal"), last, 0)

    width = max(6, len(str(total)))
    return {
        "teacher_id": np.array([f"T{i + 1:0{width}d}" for i in range(total)], dtype=object),
        "name": np.array(person_names(rng, female), dtype=object),
        "home": home,
        "subject": subject,
        "backbone": backbone,
        "role": role,
        "gender": np.where(female, "F", "M").astype(object),
        "birth_year": START - age,
        "school_since": START - tenure,
        "exempt": exempt,
        "exempt_reason": reason.astype(object),
        "last_rotation_end": last,
    }


def teacher_frame(schools: pd.DataFrame, roster: dict[str, np.ndarray]) -> pd.DataFrame:
    """The teachers.csv table (last_rotation_end blank when there was none)."""
    last = pd.Series(roster["last_rotation_end"])
    return pd.DataFrame(
        {
            "teacher_id": roster["teacher_id"],
            "name": roster["name"],
            "school_id": schools["school_id"].to_numpy()[roster["home"]],
            "subject": roster["subject"],
            "backbone": roster["backbone"],
            "role": roster["role"],
            "gender": roster["gender"],
            "birth_year": roster["birth_year"],
            "school_since": roster["school_since"],
            "exempt": roster["exempt"],
            "exempt_reason": roster["exempt_reason"],
            "last_rotation_end": last.where(last > 0).astype("Int64"),
        }
    )


def _make_eligible(
    roster: dict[str, np.ndarray], rows: np.ndarray, rng: np.random.Generator
) -> None:
    """Redraw age and tenure of ineligible plain teachers so they become eligible."""
    age = rng.integers(30, 46, len(rows))
    tenure = np.minimum(1 + np.floor(rng.exponential(7.0, len(rows))).astype(int), age - 22)
    roster["birth_year"][rows] = START - age
    roster["school_since"][rows] = START - tenure


def roster_floors(rules: Scenario, roster: dict[str, np.ndarray]) -> pd.DataFrame:
    """The least each school must send with this roster (``solver.needs.school_floors``)."""
    _, due = standing(rules, roster)
    return floor_frame(rules, roster["home"], roster["backbone"], due)


def top_up(rules: Scenario, roster: dict[str, np.ndarray], rng: np.random.Generator) -> None:
    """Raise eligible and backbone counts where a school is too thin for its quotas.

    A thin school gets a few more eligible backbone teachers (its most experienced eligible
    teachers are promoted) or a few ineligible plain teachers redrawn as eligible. The changes
    are few and keep every school's size, so the drawn distributions stay intact.
    """
    home = roster["home"]
    size = np.bincount(home, minlength=len(rules.schools))
    start = np.cumsum(size) - size
    pos = {s.school_id: i for i, s in enumerate(rules.schools)}
    groups = [o for o in rules.organizations if o.type is OrgType.GROUP]
    for _ in range(20):
        eligible, due = standing(rules, roster)
        floors = floor_frame(rules, home, roster["backbone"], due)
        have_el = np.bincount(home[eligible], minlength=len(size))
        have_bb = np.bincount(home[eligible & roster["backbone"]], minlength=len(size))
        own = teachers_for(rules, floors["away"].to_numpy())
        want_el = np.ceil(MARGIN * (own + floors["extra"].to_numpy())).astype(int) + 2
        bb_need = teachers_for(rules, floors["backbone_away"].to_numpy())
        want_bb = np.ceil(MARGIN * bb_need).astype(int)
        plain = (roster["role"] == "teacher") & ~roster["exempt"] & ~eligible
        convertible = np.bincount(home[plain], minlength=len(size))
        # Group members together must send back what the lead sends over the cycle.
        for org in groups:
            ms = sorted((pos[m] for m in org.members), key=lambda s: -size[s])
            q = int(floors["group_quota"].to_numpy()[pos[org.lead_school_id]])
            target = int(np.ceil(MARGIN * teachers_needed(rules, q)))
            short = target - (have_el[ms] - want_el[ms]).sum()
            for m in ms:
                give = min(short, int(convertible[m]))
                if give > 0:
                    want_el[m] = max(want_el[m], have_el[m]) + give
                    short -= give
        changed = False
        backbone = roster["backbone"]
        for s in np.flatnonzero(have_bb < want_bb):
            rows = np.arange(start[s], start[s] + size[s])
            pick = rows[eligible[rows] & ~backbone[rows]]
            pick = pick[np.argsort(roster["birth_year"][pick], kind="stable")]
            extra = int(want_bb[s] - have_bb[s])
            backbone[pick[: extra + ceil_share(PROMOTED_EXTRA, extra)]] = True
            changed = changed or len(pick) > 0
        for s in np.flatnonzero(have_el < want_el):
            rows = np.arange(start[s], start[s] + size[s])
            pick = rows[plain[rows]][: want_el[s] - have_el[s]]
            if len(pick):
                _make_eligible(roster, pick, rng)
                changed = True
        if not changed:
            return


def capacity_in(rules: Scenario, roster: dict[str, np.ndarray]) -> np.ndarray:
    """Posts for incoming exchange teachers: 15% of staff, at least 4 and twice what the
    school must take back each year; group members together take the lead's quota twice."""
    floors = roster_floors(rules, roster)
    size = np.bincount(roster["home"], minlength=len(rules.schools))
    out = floors["away"].to_numpy()
    share = np.array([ceil_share(CAPACITY_SHARE, int(n)) for n in size], dtype=np.int64)
    cap = np.maximum.reduce([np.full(len(size), 4), share, 2 * out])
    pos = {sid: i for i, sid in enumerate(floors.index)}
    for org in rules.organizations:
        if org.type is not OrgType.GROUP:
            continue
        ms = [pos[m] for m in org.members]
        short = 2 * floors.at[org.lead_school_id, "group_quota"] - (cap[ms] - out[ms]).sum()
        if ms and short > 0:
            cap[ms] += -(-short // len(ms))
    return cap


def demand_frame(
    structure: Structure, teachers: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    """min_staff leaves a quarter of each subject (at least one teacher) free to rotate;
    about half of the schools that lead no group or pairing (at least one) want one incoming
    teacher of a scarce subject."""
    staff = teachers.groupby(["school_id", "subject"], sort=False).size().rename("n")
    staff = staff.reset_index()
    free = np.array([ceil_share(FREE_SHARE, int(n)) for n in staff["n"]], dtype=np.int64)
    staff["min_staff"] = staff["n"] - np.maximum(1, free)
    staff["wanted_in"] = 0
    leads = set(structure.orgs.loc[structure.orgs["type"] != "community", "lead_school_id"])
    ids = structure.schools["school_id"].to_numpy()
    helped = ~np.isin(ids, list(leads))
    wants = helped & (rng.random(len(ids)) < WANTED_SHARE)
    if helped.any() and not wants.any():
        wants[np.argmax(helped)] = True
    subject = np.array(WANTED_SUBJECTS)[rng.integers(len(WANTED_SUBJECTS), size=len(ids))]
    extra = pd.DataFrame({"school_id": ids, "subject": subject, "n": 0, "min_staff": 0})
    extra["wanted_in"] = 1
    extra = extra[wants]
    frame = (
        pd.concat([staff, extra])
        .groupby(["school_id", "subject"], as_index=False)
        .agg({"min_staff": "max", "wanted_in": "max"})
    )
    order = {s: i for i, s in enumerate(SUBJECTS)}
    frame["_s"] = frame["subject"].map(order)
    return frame.sort_values(["school_id", "_s"])[
        ["school_id", "subject", "min_staff", "wanted_in"]
    ].reset_index(drop=True)


def preference_frame(
    rules: Scenario,
    roster: dict[str, np.ndarray],
    teachers: pd.DataFrame,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """A few teachers name a partner school (H1) they would like (+) or rather avoid (−)."""
    eligible, _ = standing(rules, roster)
    rows = []
    r = rng.random(len(teachers))
    for i in np.flatnonzero(eligible & (r < PREFERENCE_SHARE)):
        home = teachers.at[i, "school_id"]
        options = sorted(rules.partners[home])
        if not options:
            continue
        host = options[int(rng.integers(len(options)))]
        weight = int(rng.integers(1, 4)) * (-1 if r[i] < PREFERENCE_SHARE / 4 else 1)
        rows.append((teachers.at[i, "teacher_id"], host, weight))
    return pd.DataFrame(rows, columns=["teacher_id", "school_id", "weight"])
