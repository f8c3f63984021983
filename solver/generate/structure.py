"""Schools and partnerships: copied from a hand-written region, or synthesised for a city
or a province.

Synthetic partnerships follow how districts organise them: strong urban schools lead, members
are the nearest schools of the same stage, a lead with a large enough set of members runs a
group (教育集团) and otherwise a pairing (结对共建), a few pairings reach into a neighbouring
district, and every school also joins one community (教育共同体) of 3-5 nearby schools.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from solver.generate.names import place_names
from solver.generate.presets import CitySpec, OrgSpec, RegionSpec, SchoolSpec

LEVELS = ("primary", "junior", "nine_year")
AREAS = ("urban", "town", "rural")
LEVEL_SHARE = (0.58, 0.27, 0.15)
AREA_SHARE = (0.42, 0.33, 0.25)
# Teachers per school (low, mode, high) before scaling to the region's total.
SIZE = {
    ("primary", "urban"): (45, 100, 125),
    ("primary", "town"): (30, 62, 92),
    ("primary", "rural"): (18, 32, 60),
    ("junior", "urban"): (55, 120, 155),
    ("junior", "town"): (40, 85, 120),
    ("junior", "rural"): (25, 50, 80),
    ("nine_year", "urban"): (50, 105, 140),
    ("nine_year", "town"): (35, 72, 105),
    ("nine_year", "rural"): (20, 42, 70),
}
MIN_SIZE = 18
SPREAD_DEG = {"urban": 0.03, "town": 0.12, "rural": 0.18}
STRENGTH = {"urban": 1.0, "town": 0.8, "rural": 0.6}
GROUP_MEMBER_SIZE = 0.6  # members' teachers / lead's teachers needed to run a group
CROSS_DISTRICT_PAIRING = 0.15
CN_DIGITS = "一二三四五六七八九十"


@dataclass
class _Org:
    """A partnership while it is being formed: row positions of lead and members."""

    kind: str
    lead: int
    members: list[int]


@dataclass(frozen=True)
class Structure:
    """Schools (with target ``size`` and ``backbone_share``), organizations and memberships."""

    schools: pd.DataFrame
    orgs: pd.DataFrame
    members: pd.DataFrame


def _finish(
    schools: pd.DataFrame, orgs: pd.DataFrame, members: pd.DataFrame, rng: np.random.Generator
) -> Structure:
    """Quality and backbone share follow the role a school plays: group leads are the
    quality schools, leads have more backbone teachers than the schools they help."""
    group_leads = set(orgs.loc[orgs["type"] == "group", "lead_school_id"])
    leads = set(orgs.loc[orgs["type"] != "community", "lead_school_id"])
    sid = schools["school_id"]
    schools["quality"] = sid.isin(group_leads).to_numpy()
    low = np.where(sid.isin(group_leads), 0.25, np.where(sid.isin(leads), 0.20, 0.12))
    schools["backbone_share"] = low + rng.random(len(schools)) * 0.10
    return Structure(schools.reset_index(drop=True), orgs, members)


def spec_structure(
    district: str,
    specs: tuple[SchoolSpec, ...],
    org_specs: tuple[OrgSpec, ...],
    rng: np.random.Generator,
) -> Structure:
    """A hand-written region (lianyun, tiny): sizes drawn from each school's range."""
    schools = pd.DataFrame(
        {
            "school_id": [s.key for s in specs],
            "name": [s.name for s in specs],
            "district": district,
            "level": [s.level for s in specs],
            "area": [s.area for s in specs],
            "lat": [s.lat for s in specs],
            "lon": [s.lon for s in specs],
            "size": [int(rng.integers(s.size[0], s.size[1] + 1)) for s in specs],
        }
    )
    orgs = pd.DataFrame(
        {
            "org_id": [o.key for o in org_specs],
            "name": [o.name for o in org_specs],
            "type": [o.type for o in org_specs],
            "lead_school_id": [o.lead for o in org_specs],
        }
    )
    members = pd.DataFrame(
        [(o.key, m) for o in org_specs for m in o.members], columns=["org_id", "school_id"]
    )
    return _finish(schools, orgs, members, rng)


# ----------------------------------------------------------------------------- synthetic


def _split(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers proportional to ``weights`` summing to ``total`` (largest remainder)."""
    raw = weights / weights.sum() * total
    counts = np.floor(raw).astype(int)
    order = np.argsort(-(raw - counts), kind="stable")
    counts[order[: total - counts.sum()]] += 1
    return counts


def _districts(spec: RegionSpec, rng: np.random.Generator) -> list[tuple[str, str, float, float]]:
    """(district, city, lat, lon) of every district; synthetic ones ring their city centre."""
    out = []
    for city in spec.cities:
        out += [(name, city.name, lat, lon) for name, lat, lon in city.districts]
        for i in range(city.district_count):
            lat, lon = city.lat + rng.normal(0, 0.15), city.lon + rng.normal(0, 0.18)
            out.append((_district_name(city, i), city.name, lat, lon))
    return out


def _district_name(city: CitySpec, i: int) -> str:
    return f"{city.name}{CN_DIGITS[i]}区"


def _schools(spec: RegionSpec, rng: np.random.Generator) -> pd.DataFrame:
    """Every school with district, level, area, position and size, sorted and numbered."""
    districts = _districts(spec, rng)
    per_district = _split(spec.schools, rng.dirichlet(np.full(len(districts), 12.0)))
    d = np.repeat(np.arange(len(districts)), per_district)
    n = len(d)
    level = rng.choice(len(LEVELS), size=n, p=LEVEL_SHARE)
    area = rng.choice(len(AREAS), size=n, p=AREA_SHARE)
    lo, mode, hi = (
        np.array([SIZE[LEVELS[v], AREAS[a]][i] for v, a in zip(level, area, strict=True)])
        for i in range(3)
    )
    raw = rng.triangular(lo, mode, hi)
    size = np.maximum(MIN_SIZE, np.round(raw * spec.teachers / raw.sum())).astype(int)
    spread = np.array([SPREAD_DEG[AREAS[a]] for a in area])
    lat0 = np.array([x[2] for x in districts])[d]
    lon0 = np.array([x[3] for x in districts])[d]
    lat = lat0 + rng.normal(0, 1, n) * spread
    lon = lon0 + rng.normal(0, 1, n) * spread / np.cos(np.radians(lat0))
    frame = pd.DataFrame(
        {
            "d": d,
            "district": [districts[i][0] for i in d],
            "city": [districts[i][1] for i in d],
            "level": np.array(LEVELS)[level],
            "area": np.array(AREAS)[area],
            "area_rank": area,
            "level_rank": level,
            "lat": lat.round(5),
            "lon": lon.round(5),
            "size": size,
        }
    )
    frame = frame.sort_values(
        ["d", "area_rank", "level_rank", "size", "lat"], ascending=[True, True, True, False, True]
    )
    frame = frame.reset_index(drop=True)
    width = max(4, len(str(n)))
    frame.insert(0, "school_id", [f"{spec.prefix}-S{i + 1:0{width}d}" for i in range(n)])
    frame.insert(1, "name", _school_names(frame, rng))
    return frame


def _school_names(frame: pd.DataFrame, rng: np.random.Generator) -> list[str]:
    """Urban schools are numbered (海州区第3小学); town and rural ones take a place name."""
    suffix = {
        "urban": {"primary": "小学", "junior": "中学", "nine_year": "实验学校"},
        "town": {"primary": "中心小学", "junior": "初级中学", "nine_year": "学校"},
        "rural": {"primary": "小学", "junior": "初级中学", "nine_year": "学校"},
    }
    names: list[str] = []
    for _, block in frame.groupby("d", sort=True):
        district = block["district"].iloc[0]
        places = iter(place_names(rng, len(block)))
        numbers: dict[str, int] = {}
        for level, area in zip(block["level"], block["area"], strict=True):
            if area == "urban":
                numbers[level] = numbers.get(level, 0) + 1
                names.append(f"{district}第{numbers[level]}{suffix[area][level]}")
            else:
                names.append(f"{district}{next(places)}{suffix[area][level]}")
    return names


def _planar(frame: pd.DataFrame) -> np.ndarray:
    """Degrees to a flat km-like plane, good enough to find nearest neighbours."""
    lat = frame["lat"].to_numpy()
    return np.column_stack([lat * 111.0, frame["lon"].to_numpy() * 111.0 * np.cos(np.radians(lat))])


def _pools(block: pd.DataFrame) -> list[np.ndarray]:
    """Stage pools of one district: primary side and junior side, nine-year schools split
    between them; a district too small to split keeps one pool."""
    level = block["level"].to_numpy()
    nine = np.flatnonzero(level == "nine_year")
    junior_side = level == "junior"
    junior_side[nine[1::2]] = True
    pools = [block.index[~junior_side].to_numpy(), block.index[junior_side].to_numpy()]
    if min(len(p) for p in pools) < 5:
        return [block.index.to_numpy()]
    return pools


def _member_counts(leads: int, members: int, rng: np.random.Generator) -> np.ndarray:
    """1-4 members per lead, summing to ``members``."""
    k = rng.integers(1, 5, leads)
    while k.sum() > members:
        k[rng.choice(np.flatnonzero(k > 1))] -= 1
    while k.sum() < members:
        k[rng.choice(np.flatnonzero(k < 4))] += 1
    return k


def _lead_partnerships(
    frame: pd.DataFrame, pool: np.ndarray, xy: np.ndarray, rng: np.random.Generator
) -> list[_Org]:
    """Groups and pairings covering every school of a pool once."""
    if len(pool) < 2:
        return []
    size = frame["size"].to_numpy()
    strength = size[pool] * np.array([STRENGTH[a] for a in frame["area"].to_numpy()[pool]])
    order = pool[np.lexsort((pool, -strength))]
    lead_count = max(1, round(len(pool) / 3.5))
    leads, free = order[:lead_count], list(order[lead_count:])
    counts = _member_counts(lead_count, len(free), rng)
    out = []
    for lead, k in zip(leads, counts, strict=True):
        dist = np.linalg.norm(xy[free] - xy[lead], axis=1)
        picked = [free[i] for i in np.argsort(dist, kind="stable")[:k]]
        free = [s for s in free if s not in picked]
        big_enough = size[picked].sum() >= GROUP_MEMBER_SIZE * size[lead]
        kind = "group" if big_enough and rng.random() >= 0.2 else "pairing"
        out.append(_Org(kind, int(lead), sorted(int(m) for m in picked)))
    return out


def _communities(
    frame: pd.DataFrame, pool: np.ndarray, xy: np.ndarray, rng: np.random.Generator
) -> list[_Org]:
    """Communities of 3-5 neighbouring schools, seeded from the west; lead is the largest."""
    size = frame["size"].to_numpy()
    free = list(pool[np.lexsort((pool, xy[pool, 1]))])
    out = []
    while len(free) >= 3:
        take = len(free) if len(free) <= 5 else int(rng.integers(3, 6))
        if 0 < len(free) - take < 3:
            take = len(free) - 3
        seed = free[0]
        dist = np.linalg.norm(xy[free] - xy[seed], axis=1)
        picked = [free[i] for i in np.argsort(dist, kind="stable")[:take]]
        free = [s for s in free if s not in picked]
        lead = max(picked, key=lambda s: (size[s], -s))
        out.append(_Org("community", int(lead), sorted(int(s) for s in picked if s != lead)))
    return out


def _cross_district(
    frame: pd.DataFrame, orgs: list[_Org], xy: np.ndarray, rng: np.random.Generator
) -> None:
    """Some pairings with fewer than 4 members take one more from another district of the
    same city (结对共建 may cross district lines)."""
    leads = {o.lead for o in orgs if o.kind != "community"}
    taken: set[int] = set()
    level = frame["level"].to_numpy()
    fits = {
        "primary": {"primary", "nine_year"},
        "junior": {"junior", "nine_year"},
        "nine_year": set(LEVELS),
    }
    for org in orgs:
        if org.kind != "pairing" or len(org.members) >= 4:
            continue
        if rng.random() >= CROSS_DISTRICT_PAIRING:
            continue
        lead = org.lead
        ok = (
            (frame["city"] == frame.at[lead, "city"])
            & (frame["d"] != frame.at[lead, "d"])
            & frame["level"].isin(fits[level[lead]])
            & (frame["size"] >= 30)
        ).to_numpy()
        candidates = [int(s) for s in np.flatnonzero(ok) if s not in leads and s not in taken]
        if candidates:
            dist = np.linalg.norm(xy[candidates] - xy[lead], axis=1)
            extra = candidates[int(np.argmin(dist))]
            taken.add(extra)
            org.members.append(extra)


def region_structure(spec: RegionSpec, rng: np.random.Generator) -> Structure:
    """A synthetic city or province at the scale of ``spec``."""
    frame = _schools(spec, rng)
    xy = _planar(frame)
    orgs: list[_Org] = []
    for _, block in frame.groupby("d", sort=True):
        pools = _pools(block)
        for pool in pools:
            orgs += _lead_partnerships(frame, pool, xy, rng)
        for pool in pools:
            orgs += _communities(frame, pool, xy, rng)
    _cross_district(frame, orgs, xy, rng)

    ids = frame["school_id"].to_numpy()
    names = frame["name"].to_numpy()
    code = {"group": "G", "pairing": "P", "community": "C"}
    label = {"group": "{}教育集团", "pairing": "{}结对共建", "community": "{}教育共同体"}
    width = max(3, len(str(len(orgs))))
    numbers = dict.fromkeys(code, 0)
    org_rows, member_rows = [], []
    for org in orgs:
        kind, lead, ms = org.kind, org.lead, org.members
        numbers[kind] += 1
        org_id = f"{spec.prefix}-{code[kind]}{numbers[kind]:0{width}d}"
        org_rows.append((org_id, label[kind].format(names[lead]), kind, ids[lead]))
        member_rows += [(org_id, ids[m]) for m in ms]
    schools = frame[["school_id", "name", "district", "level", "area", "lat", "lon", "size"]].copy()
    return _finish(
        schools,
        pd.DataFrame(org_rows, columns=["org_id", "name", "type", "lead_school_id"]),
        pd.DataFrame(member_rows, columns=["org_id", "school_id"]),
        rng,
    )
