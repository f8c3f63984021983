"""The fixed facts behind each preset: the real 连云区 partnerships, the tiny test region, and
the scale and geography of the synthetic city and province.

Only ``LIANYUN_*`` holds facts from policy (the 2023 连云区 opinion on 集团化办学, 教育共同体);
sizes, coordinates and every roster detail are generated.
"""

from __future__ import annotations

from dataclasses import dataclass

# ----------------------------------------------------------------------------- schools


@dataclass(frozen=True)
class SchoolSpec:
    """One school of a hand-written region; ``size`` is a range the seed draws from."""

    key: str
    name: str
    level: str
    area: str
    size: tuple[int, int]
    lat: float
    lon: float


@dataclass(frozen=True)
class OrgSpec:
    """One partnership of a hand-written region: ``lead`` and ``members`` are school keys."""

    key: str
    name: str
    type: str
    lead: str
    members: tuple[str, ...]


LIANYUN_DISTRICT = "连云区"

# Coordinates are approximate neighbourhood positions inside 连云区 (墟沟, 连云, 板桥, 宿城),
# good enough for distance costs, not surveyed school locations.
LIANYUN_SCHOOLS = (
    SchoolSpec("LY-S01", "墟沟小学", "primary", "urban", (100, 115), 34.741, 119.386),
    SchoolSpec("LY-S02", "墟沟小学(合成成员校区)", "primary", "urban", (50, 60), 34.733, 119.372),
    SchoolSpec("LY-S03", "院前小学", "primary", "urban", (85, 100), 34.736, 119.363),
    SchoolSpec("LY-S04", "院前小学(合成成员校区)", "primary", "town", (48, 58), 34.722, 119.351),
    SchoolSpec("LY-S05", "云山小学", "primary", "urban", (80, 95), 34.728, 119.405),
    SchoolSpec(
        "LY-S06", "云山小学新校区(原东港中学校址)", "primary", "urban", (42, 52), 34.733, 119.414
    ),
    SchoolSpec("LY-S07", "东港中学(本部)", "junior", "urban", (110, 125), 34.735, 119.418),
    SchoolSpec("LY-S08", "东港中学海棠校区", "junior", "urban", (50, 62), 34.744, 119.398),
    SchoolSpec("LY-S09", "东港中学新城校区", "junior", "urban", (50, 62), 34.721, 119.380),
    SchoolSpec("LY-S10", "临海路小学", "primary", "urban", (60, 75), 34.746, 119.394),
    SchoolSpec("LY-S11", "庙岭小学", "primary", "town", (40, 50), 34.748, 119.425),
    SchoolSpec(
        "LY-S12", "苏州外国语学校连云港分校小学部", "primary", "urban", (55, 68), 34.725, 119.388
    ),
    SchoolSpec("LY-S13", "东港小学", "primary", "urban", (52, 65), 34.731, 119.424),
    SchoolSpec("LY-S14", "西苑中学", "junior", "urban", (70, 85), 34.739, 119.371),
    SchoolSpec("LY-S15", "连云中学", "junior", "urban", (60, 75), 34.756, 119.446),
    SchoolSpec("LY-S16", "新港中学", "junior", "urban", (55, 70), 34.751, 119.432),
    SchoolSpec("LY-S17", "板桥中学", "junior", "town", (45, 58), 34.668, 119.402),
    SchoolSpec(
        "LY-S18", "苏州外国语学校连云港分校初中部", "junior", "urban", (50, 62), 34.725, 119.390
    ),
    SchoolSpec("LY-S19", "板桥小学", "primary", "town", (40, 50), 34.664, 119.395),
    SchoolSpec("LY-S20", "海州湾小学", "primary", "urban", (50, 62), 34.718, 119.367),
    SchoolSpec("LY-S21", "宿城小学", "primary", "rural", (26, 34), 34.703, 119.447),
)

# Groups as named by the opinion; a group that leads a community appears there by its lead.
LIANYUN_ORGS = (
    OrgSpec("LY-G01", "墟沟小学教育集团", "group", "LY-S01", ("LY-S02",)),
    OrgSpec("LY-G02", "院前小学教育集团", "group", "LY-S03", ("LY-S04",)),
    OrgSpec("LY-G03", "云山小学教育集团", "group", "LY-S05", ("LY-S06",)),
    OrgSpec("LY-G04", "东港中学教育集团", "group", "LY-S07", ("LY-S08", "LY-S09")),
    OrgSpec(
        "LY-C01",
        "墟沟小学教育集团—临海路小学—庙岭小学—苏外小学部",
        "community",
        "LY-S01",
        ("LY-S10", "LY-S11", "LY-S12"),
    ),
    OrgSpec("LY-C02", "院前小学教育集团—东港小学", "community", "LY-S03", ("LY-S13",)),
    OrgSpec("LY-C03", "西苑中学—连云中学", "community", "LY-S14", ("LY-S15",)),
    OrgSpec(
        "LY-C04",
        "东港中学—新港中学—板桥中学—苏外初中部",
        "community",
        "LY-S07",
        ("LY-S16", "LY-S17", "LY-S18"),
    ),
    OrgSpec("LY-C05", "云山小学教育集团—板桥小学", "community", "LY-S05", ("LY-S19",)),
    OrgSpec("LY-C06", "海州湾小学—宿城小学", "community", "LY-S20", ("LY-S21",)),
)

# A five-school region small enough for unit tests of the model: one of each partnership.
TINY_DISTRICT = "样例区"
TINY_SCHOOLS = (
    SchoolSpec("TN-S1", "样例实验小学", "primary", "urban", (34, 38), 34.600, 119.200),
    SchoolSpec("TN-S2", "样例实验小学分校", "primary", "town", (24, 28), 34.640, 119.250),
    SchoolSpec("TN-S3", "城南小学", "primary", "urban", (26, 30), 34.585, 119.215),
    SchoolSpec("TN-S4", "河口小学", "primary", "rural", (17, 20), 34.520, 119.300),
    SchoolSpec("TN-S5", "白塔小学", "primary", "rural", (17, 20), 34.680, 119.310),
)
TINY_ORGS = (
    OrgSpec("TN-G1", "样例实验小学教育集团", "group", "TN-S1", ("TN-S2",)),
    OrgSpec("TN-P1", "城南小学—河口小学结对共建", "pairing", "TN-S3", ("TN-S4",)),
    OrgSpec("TN-C1", "样例区乡村教育共同体", "community", "TN-S2", ("TN-S4", "TN-S5")),
)

# ----------------------------------------------------------------------------- regions


@dataclass(frozen=True)
class CitySpec:
    """A prefecture-level city: centre and its districts (names, or a count to synthesise)."""

    name: str
    lat: float
    lon: float
    districts: tuple[tuple[str, float, float], ...] = ()
    district_count: int = 0


@dataclass(frozen=True)
class RegionSpec:
    """Scale of a synthetic region; sizes are scaled to hit ``teachers`` in total."""

    prefix: str
    cities: tuple[CitySpec, ...]
    schools: int
    teachers: int


# The seven county-level areas of 连云港 with approximate centres.
LIANYUNGANG = CitySpec(
    "连云港",
    34.60,
    119.22,
    districts=(
        ("海州区", 34.57, 119.16),
        ("连云区", 34.73, 119.38),
        ("赣榆区", 34.84, 119.13),
        ("东海县", 34.54, 118.77),
        ("灌云县", 34.28, 119.24),
        ("灌南县", 34.09, 119.32),
        ("开发区", 34.64, 119.31),
    ),
)

CITY = RegionSpec("LYG", (LIANYUNGANG,), schools=450, teachers=35_000)

# The 13 cities of Jiangsu with approximate centres; districts are synthetic (90 in all).
_JIANGSU = (
    ("南京", 32.06, 118.80, 8),
    ("无锡", 31.49, 120.31, 7),
    ("徐州", 34.26, 117.18, 8),
    ("常州", 31.81, 119.97, 6),
    ("苏州", 31.30, 120.58, 8),
    ("南通", 32.01, 120.86, 7),
    ("连云港", 34.60, 119.22, 7),
    ("淮安", 33.61, 119.02, 7),
    ("盐城", 33.35, 120.16, 8),
    ("扬州", 32.39, 119.41, 6),
    ("镇江", 32.19, 119.42, 6),
    ("泰州", 32.46, 119.92, 6),
    ("宿迁", 33.96, 118.28, 6),
)
PROVINCE = RegionSpec(
    "JS",
    tuple(CitySpec(name, lat, lon, district_count=n) for name, lat, lon, n in _JIANGSU),
    schools=7_000,
    teachers=550_000,
)
