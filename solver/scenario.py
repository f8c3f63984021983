"""The data of a scenario: frozen pydantic models, validated at the edge by ``solver.input.loader``.

Every entity of SPEC §2 is a frozen model. Facts derived from them (tenure, age, eligible,
due, cadre, partner schools) are computed once, on first use, and named in ``Scenario``.
Ratios are ``Decimal`` so that quota arithmetic is exact: ``0.15 × 20 = 3``, not 3.0000000004.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from enum import StrEnum
from functools import cached_property
from typing import Literal, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field


class Frozen(BaseModel):
    """Base of every data model: immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Level(StrEnum):
    PRIMARY = "primary"
    JUNIOR = "junior"
    NINE_YEAR = "nine_year"


class Area(StrEnum):
    URBAN = "urban"
    TOWN = "town"
    RURAL = "rural"


class OrgType(StrEnum):
    GROUP = "group"
    PAIRING = "pairing"
    COMMUNITY = "community"


class Role(StrEnum):
    TEACHER = "teacher"
    RESERVE_CADRE = "reserve_cadre"
    MIDDLE_CADRE = "middle_cadre"
    VICE_PRINCIPAL = "vice_principal"
    PRINCIPAL = "principal"


CADRE_ROLES = frozenset({Role.RESERVE_CADRE, Role.MIDDLE_CADRE, Role.VICE_PRINCIPAL})


class Gender(StrEnum):
    MALE = "M"
    FEMALE = "F"


class Degree(StrEnum):
    """teachers.csv ``degree`` (SPEC §8), lowest last."""

    POSTGRADUATE = "postgraduate"
    BACHELOR = "bachelor"
    ASSOCIATE = "associate"
    SECONDARY = "secondary"


class Title(StrEnum):
    """teachers.csv ``title`` (SPEC §8)."""

    SENIOR_PLUS = "senior_plus"
    SENIOR = "senior"
    FIRST = "first"
    SECOND = "second"
    THIRD = "third"
    NONE = "none"


class BackboneLevel(StrEnum):
    """teachers.csv ``backbone_level`` (SPEC §8), lowest first."""

    SCHOOL = "school"
    COUNTY = "county"
    CITY = "city"
    PROVINCE = "province"
    NATIONAL = "national"


class Reciprocity(StrEnum):
    PER_MEMBER = "per_member"
    AGGREGATE = "aggregate"
    PER_SCHOOL = "per_school"
    NONE = "none"


def ceil_share(ratio: Decimal, count: int) -> int:
    """``ceil(ratio × count)`` computed exactly (SPEC §4: "at least a share" rounds up)."""
    return int((ratio * count).to_integral_value(rounding=ROUND_CEILING))


def floor_share(ratio: Decimal, count: int) -> int:
    """``floor(ratio × count)`` computed exactly (SPEC §4: "at most a share" rounds down)."""
    return int((ratio * count).to_integral_value(rounding=ROUND_FLOOR))


# --------------------------------------------------------------------------- bounds

MAX_WEIGHT = 1_000_000
"""Largest cost weight, either sign (docs/input-formats.md, "Numbers the solver can take").

CP-SAT refuses a model whose objective could pass 2**62 (Σ |coefficient| × largest value of
its variable; measured: two 0/1 terms of 2**61 are "model_invalid", of 2**60 solve). The
largest coefficient is one teacher-year's: move + distance_km × km + preference × weight +
change ≤ 10**6 × (1 + 20,000 + 1,000 + 1) ≈ 2.2·10**10, with ``MAX_KM`` and
``MAX_PREFERENCE``; the per-teacher and per-slot terms add no more than that per
teacher-year. A roster of 2 million teachers (the loader's row limit) over ``MAX_CYCLE_YEARS``
years has 4·10**7 teacher-years: at most about 9·10**17, five times under 2**62."""
MAX_PREFERENCE = 1_000
"""Largest preference weight in preferences.csv, either sign."""
MAX_KM = 20_000
"""Longest distance in distances.csv: half the Earth's circumference, the longest great circle."""
MAX_COUNT = 1_000_000
"""Largest count a table or setting gives (capacity, staff, per-member minimums, tolerance):
more teachers than any province has; beyond it a count only overflows the solver."""
MAX_YEARS = 100
"""Largest span of years in [policy] (tenures, terms, cooldown, rotations, exempt ages)."""
MAX_CYCLE_YEARS = 20
"""Longest cycle: the policy's cycles are 3 years; 20 keeps the objective bound above."""
MIN_YEAR = 1900
MAX_YEAR = 2200
"""cycle_start lies between these: a year outside is a typo (1e20 made every teacher exempt)."""


def _years(default: int, low: int = 0) -> int:
    return Field(default=default, ge=low, le=MAX_YEARS)  # type: ignore[no-any-return]


def _count(default: int = 0) -> int:
    return Field(default=default, ge=0, le=MAX_COUNT)  # type: ignore[no-any-return]


def _weight(default: int) -> int:
    return Field(default=default, ge=-MAX_WEIGHT, le=MAX_WEIGHT)  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- settings


class OrgPolicy(Frozen):
    """The per-partnership rules: ``[policy.<type>]`` merged with organizations.csv overrides."""

    backbone_out_ratio: Decimal = Field(default=Decimal("0"), ge=0, le=1)
    reciprocity: Reciprocity = Reciprocity.PER_MEMBER
    reciprocity_tolerance: int = _count()
    min_out_per_member: int = _count()
    cadre_per_member: int = _count()
    subjects: tuple[str, ...] = ()


DEFAULT_ORG_POLICY: dict[OrgType, OrgPolicy] = {
    OrgType.GROUP: OrgPolicy(
        backbone_out_ratio=Decimal("0.15"),
        reciprocity=Reciprocity.PER_MEMBER,
        min_out_per_member=0,
        cadre_per_member=1,
    ),
    OrgType.PAIRING: OrgPolicy(
        reciprocity=Reciprocity.PER_MEMBER, min_out_per_member=1, cadre_per_member=1
    ),
    OrgType.COMMUNITY: OrgPolicy(
        reciprocity=Reciprocity.PER_SCHOOL, min_out_per_member=1, cadre_per_member=0
    ),
}


class Policy(Frozen):
    """``[policy]``: rules that apply to every teacher and school."""

    min_tenure_years: int = _years(1)
    due_tenure_years: int = _years(6)
    exempt_age_male: int = _years(55)
    exempt_age_female: int = _years(50)
    allow_principals: bool = False
    min_term_years: int = _years(1, low=1)
    max_term_years: int = _years(1, low=1)
    max_rotations_per_cycle: int = _years(1)
    cooldown_years: int = _years(3)
    max_cadre_out_share: Decimal = Field(default=Decimal("0.3"), ge=0, le=1)
    rotation_share: Decimal = Field(default=Decimal("0.10"), ge=0, le=1)
    backbone_share: Decimal = Field(default=Decimal("0.20"), ge=0, le=1)
    group: OrgPolicy = DEFAULT_ORG_POLICY[OrgType.GROUP]
    pairing: OrgPolicy = DEFAULT_ORG_POLICY[OrgType.PAIRING]
    community: OrgPolicy = DEFAULT_ORG_POLICY[OrgType.COMMUNITY]

    def for_type(self, org_type: OrgType) -> OrgPolicy:
        return getattr(self, org_type.value)  # type: ignore[no-any-return]


class Weights(Frozen):
    """``[weights]``: the integer cost weights of SPEC §4."""

    move: int = _weight(10)
    distance_km: int = _weight(1)
    preference: int = _weight(5)
    due: int = _weight(8)
    repeat: int = _weight(15)
    shortage: int = _weight(20)
    spread: int = _weight(30)
    change: int = _weight(100)
    balance: int = _weight(0)


MONTH_DAY = r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
"""A day of the school year written as ``MM-DD`` (``09-01``)."""


class PublicPages(StrEnum):
    """How publication.html is laid out: one list, or one page to post per organization."""

    ONE = "one"
    ORG = "org"


class Publication(Frozen):
    """``[publication]``: who publishes the plan and what a teacher's letter (交流通知书) says.

    Text left blank is a line to fill in by hand on the printed letter, never a made-up value.
    """

    issuer: str = ""
    """The office that issues the lists and letters (教育局人事科); blank: a line to sign."""
    contact: str = ""
    """Who answers questions about the lists."""
    phone: str = ""
    notice_days: int = Field(default=5, ge=0)
    """Length of the public notice (公示期), in working days."""
    date: dt.date | None = Field(default=None, strict=True)
    """Date of issue printed on lists and letters; blank: a line to date by hand."""
    term_start: str = Field(default="09-01", pattern=MONTH_DAY)
    """First day of a school year of service (MM-DD of the year served)."""
    term_end: str = Field(default="07-15", pattern=MONTH_DAY)
    """Last day of a school year of service (MM-DD of the following calendar year)."""
    report_date: str = Field(default="08-28", pattern=MONTH_DAY)
    """Day a teacher reports (报到) at the host school (MM-DD of the first year served)."""
    report_place: str = ""
    """Where to report at the host; blank: the host school's office."""
    appeal_contact: str = ""
    """Who receives an appeal (申诉); blank: the issuer."""
    appeal_phone: str = ""
    appeal_days: int = Field(default=5, ge=0)
    """An appeal is accepted within this many working days of receiving the letter."""
    pages: PublicPages = PublicPages.ONE
    """publication.html as one list (``one``) or one posted page per organization (``org``)."""


BALANCE_INDICATORS = ("teachers", "degree", "title", "backbone", "pe_art")
"""The indicator ids of SPEC §8, in balance.csv's order (also the keys of the floor tables)."""


class BalanceSettings(Frozen):
    """``[balance]``: how the indicators of SPEC §8 are counted and judged."""

    count_at: str = Field(default="host", pattern="^(host|home)$")
    pe_art_subjects: tuple[str, ...] = ("体育", "体育与健康", "音乐", "美术", "艺术")
    nine_year_band: str = Field(default="junior", pattern="^(primary|junior)$")
    cv_max_primary: Decimal = Field(default=Decimal("0.50"), ge=0)
    cv_max_junior: Decimal = Field(default=Decimal("0.45"), ge=0)
    floor_primary: dict[str, Decimal] = Field(
        default_factory=lambda: {
            "degree": Decimal("4.2"),
            "backbone": Decimal("1.0"),
            "pe_art": Decimal("0.9"),
        }
    )
    floor_junior: dict[str, Decimal] = Field(
        default_factory=lambda: {
            "degree": Decimal("5.3"),
            "backbone": Decimal("1.0"),
            "pe_art": Decimal("0.9"),
        }
    )
    enforce: bool | Literal["strict"] = False
    """H13: ``false``, ``true`` or ``"strict"``."""


class ScenarioInfo(Frozen):
    """``[scenario]``: name and cycle."""

    name: str = "scenario"
    cycle_start: int = Field(default=2023, ge=MIN_YEAR, le=MAX_YEAR)
    cycle_years: int = Field(default=3, ge=1, le=MAX_CYCLE_YEARS)
    replan_from: int | None = None
    """First year not yet served (SPEC §6); ``None`` means ``cycle_start``."""

    @property
    def years(self) -> range:
        return range(self.cycle_start, self.cycle_start + self.cycle_years)

    @property
    def first_open_year(self) -> int:
        """``replan_from``, or ``cycle_start`` when nothing has been served yet."""
        return self.cycle_start if self.replan_from is None else self.replan_from


# --------------------------------------------------------------------------- entities


class School(Frozen):
    school_id: str
    name: str
    district: str
    level: Level
    area: Area | None = None
    quality: bool = False
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    capacity_in: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    students: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    """在校生数 (SPEC §8); ``None``: not given, the school has no balance indicators."""


class Organization(Frozen):
    org_id: str
    name: str
    type: OrgType
    lead_school_id: str
    members: tuple[str, ...] = ()
    policy: OrgPolicy

    @property
    def schools(self) -> tuple[str, ...]:
        """Lead first, then members in file order."""
        return (self.lead_school_id, *self.members)

    def allows(self, home: str, host: str) -> bool:
        """H1 direction: both in the org, and for group/pairing one of them is the lead."""
        if home == host or home not in self.schools or host not in self.schools:
            return False
        if self.type is OrgType.COMMUNITY:
            return True
        return self.lead_school_id in (home, host)


class Teacher(Frozen):
    teacher_id: str
    name: str
    school_id: str
    subject: str
    backbone: bool
    role: Role = Role.TEACHER
    gender: Gender | None = None
    birth_year: int | None = None
    school_since: int | None = None
    exempt: bool = False
    exempt_reason: str = ""
    last_rotation_end: int | None = None
    exempt_from: int | None = None
    """First year of the exemption (SPEC §6); ``None``: from before the cycle."""
    exempt_until: int | None = None
    """Last year of the exemption; ``None``: to after the cycle."""
    degree: Degree | None = None
    title: Title | None = None
    backbone_level: BackboneLevel | None = None
    """Given only for a backbone teacher (the loader checks it); blank counts as county."""

    def exempt_in(self, year: int) -> bool:
        """Exempt in ``year``: ``exempt`` limited to ``exempt_from..exempt_until``."""
        if not self.exempt:
            return False
        if self.exempt_from is not None and year < self.exempt_from:
            return False
        return self.exempt_until is None or year <= self.exempt_until

    @property
    def is_cadre(self) -> bool:
        return self.role in CADRE_ROLES


class Demand(Frozen):
    school_id: str
    subject: str
    min_staff: int = Field(ge=0, le=MAX_COUNT)
    wanted_in: int = Field(default=0, ge=0, le=MAX_COUNT)


class Preference(Frozen):
    teacher_id: str
    school_id: str
    weight: int = Field(ge=-MAX_PREFERENCE, le=MAX_PREFERENCE)


class Lock(Frozen):
    teacher_id: str
    year: int
    school_id: str


class Assignment(Frozen):
    """One row of a plan: a teacher serving away from home for one year."""

    teacher_id: str
    year: int
    home_school_id: str
    host_school_id: str
    org_id: str


class Dated(Protocol):
    """A plan row of any source (history, plan file, model): what ``runs_of`` reads."""

    @property
    def year(self) -> int: ...


Row = TypeVar("Row", bound=Dated)


def runs_of(rows: Iterable[Row]) -> list[list[Row]]:
    """A teacher's runs (H3): maximal blocks of consecutive away years, from rows sorted by year."""
    runs: list[list[Row]] = []
    for row in rows:
        if runs and runs[-1][-1].year == row.year - 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    return runs


class Distance(Frozen):
    school_a: str
    school_b: str
    km: int = Field(ge=0, le=MAX_KM)


# --------------------------------------------------------------------------- scenario


EARTH_RADIUS_KM = 6371.0


def round_half_up(value: float) -> int:
    return int(Decimal(repr(value)).to_integral_value(rounding="ROUND_HALF_UP"))


def great_circle_km(a: School, b: School) -> float | None:
    """Haversine distance, or ``None`` when a coordinate is missing."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


class OfSchool(Protocol):
    """A row about one school (a teacher, a demand row)."""

    @property
    def school_id(self) -> str: ...


def positions_by_school(rows: Sequence[OfSchool]) -> dict[str, tuple[int, ...]]:
    """The positions of the rows of each school, in order."""
    grouped: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        grouped.setdefault(row.school_id, []).append(i)
    return {k: tuple(v) for k, v in grouped.items()}


class Scenario(Frozen):
    """A whole scenario. References between entities were checked by the loader."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    info: ScenarioInfo = ScenarioInfo()
    policy: Policy = Policy()
    weights: Weights = Weights()
    publication: Publication = Publication()
    balance: BalanceSettings = BalanceSettings()
    schools: tuple[School, ...]
    organizations: tuple[Organization, ...]
    teachers: tuple[Teacher, ...]
    demand: tuple[Demand, ...] = ()
    preferences: tuple[Preference, ...] = ()
    locks: tuple[Lock, ...] = ()
    reference_plan: tuple[Assignment, ...] | None = None
    distances: tuple[Distance, ...] = ()
    history_plan: tuple[Assignment, ...] | None = None
    """Every row of history.csv (SPEC §6): years before ``replan_from`` are the history, the
    others the reference for ``change`` when there is no reference_plan.csv."""

    # ---- lookups

    @cached_property
    def school_by_id(self) -> dict[str, School]:
        return {s.school_id: s for s in self.schools}

    @cached_property
    def org_by_id(self) -> dict[str, Organization]:
        return {o.org_id: o for o in self.organizations}

    @cached_property
    def teacher_by_id(self) -> dict[str, Teacher]:
        return {t.teacher_id: t for t in self.teachers}

    @cached_property
    def teachers_by_school(self) -> dict[str, tuple[Teacher, ...]]:
        grouped: dict[str, list[Teacher]] = {s.school_id: [] for s in self.schools}
        for t in self.teachers:
            grouped[t.school_id].append(t)
        return {k: tuple(v) for k, v in grouped.items()}

    @cached_property
    def teacher_positions(self) -> dict[str, tuple[int, ...]]:
        """Where each school's teachers stand in ``teachers``: the teachers of some schools,
        in file order, without a scan of every teacher (``solver.solving.parts.restrict``)."""
        return positions_by_school(self.teachers)

    @cached_property
    def demand_positions(self) -> dict[str, tuple[int, ...]]:
        """Where each school's rows stand in ``demand`` (as ``teacher_positions``)."""
        return positions_by_school(self.demand)

    @cached_property
    def orgs_of_school(self) -> dict[str, tuple[Organization, ...]]:
        grouped: dict[str, list[Organization]] = {s.school_id: [] for s in self.schools}
        for o in self.organizations:
            for s in o.schools:
                grouped[s].append(o)
        return {k: tuple(v) for k, v in grouped.items()}

    @cached_property
    def partners(self) -> dict[str, frozenset[str]]:
        """Schools a teacher of each school may serve at, under some org (H1)."""
        result: dict[str, set[str]] = {s.school_id: set() for s in self.schools}
        for o in self.organizations:
            for home in o.schools:
                result[home].update(h for h in o.schools if o.allows(home, h))
        return {k: frozenset(v) for k, v in result.items()}

    @property
    def years(self) -> range:
        return self.info.years

    # ---- re-planning (SPEC §6)

    @property
    def replan_from(self) -> int:
        return self.info.first_open_year

    @property
    def open_years(self) -> range:
        """The years to plan: ``replan_from`` to the last year (all of them without history).

        The per-year rules (H1 beyond ids, H2, H4-H6, H8-H10) apply in these years only."""
        return range(self.replan_from, self.years.stop)

    @property
    def history_years(self) -> range:
        """The years already served, fixed by H12."""
        return range(self.years.start, self.replan_from)

    @cached_property
    def history(self) -> tuple[Assignment, ...]:
        """The served rows: history.csv rows of the years before ``replan_from``."""
        return tuple(a for a in self.history_plan or () if a.year < self.replan_from)

    @cached_property
    def history_by_teacher(self) -> dict[str, tuple[Assignment, ...]]:
        """History rows per teacher id (departed teachers included), by year."""
        grouped: dict[str, list[Assignment]] = {}
        for a in sorted(self.history, key=lambda a: a.year):
            grouped.setdefault(a.teacher_id, []).append(a)
        return {k: tuple(v) for k, v in grouped.items()}

    @cached_property
    def departed_history(self) -> tuple[Assignment, ...]:
        """History rows of teachers no longer in teachers.csv: they count in move and
        distance_km only."""
        return tuple(a for a in self.history if a.teacher_id not in self.teacher_by_id)

    @cached_property
    def history_cadres(self) -> dict[tuple[str, str, str], frozenset[str]]:
        """(org, home, host) -> cadres of teachers.csv who served that way in history (they
        count for H7; a departed teacher's row does not: their role is unknown)."""
        served: dict[tuple[str, str, str], set[str]] = {}
        for a in self.history:
            t = self.teacher_by_id.get(a.teacher_id)
            if t is not None and t.is_cadre:
                key = (a.org_id, a.home_school_id, a.host_school_id)
                served.setdefault(key, set()).add(a.teacher_id)
        return {k: frozenset(v) for k, v in served.items()}

    @cached_property
    def change_reference(self) -> tuple[tuple[Assignment, ...], range] | None:
        """The plan ``change`` compares with, and the years compared (SPEC §6).

        reference_plan.csv over every year; else history.csv's rows of the open years, in
        those years; else nothing."""
        if self.reference_plan is not None:
            return self.reference_plan, self.years
        if self.history_plan is not None:
            future = tuple(a for a in self.history_plan if a.year >= self.replan_from)
            return future, self.open_years
        return None

    # ---- derived teacher facts

    def tenure(self, t: Teacher) -> int:
        return 0 if t.school_since is None else self.info.cycle_start - t.school_since

    def age(self, t: Teacher) -> int | None:
        return None if t.birth_year is None else self.info.cycle_start - t.birth_year

    def exempt_age(self, t: Teacher) -> int:
        p = self.policy
        if t.gender is Gender.MALE:
            return p.exempt_age_male
        if t.gender is Gender.FEMALE:
            return p.exempt_age_female
        return min(p.exempt_age_male, p.exempt_age_female)

    def ineligibility(self, t: Teacher, year: int | None = None) -> str | None:
        """Why a teacher may not move (H2) in ``year``, or ``None`` when eligible.

        Without a year: why the teacher may move in no year of the cycle (an exemption limited
        by exempt_from/exempt_until leaves the other years eligible)."""
        exempt = t.exempt_in(year) if year is not None else self._exempt_every_year(t)
        if exempt:
            return f"exempt ({t.exempt_reason})" if t.exempt_reason else "exempt"
        if t.role is Role.PRINCIPAL and not self.policy.allow_principals:
            return "principal"
        if self.tenure(t) < self.policy.min_tenure_years:
            return "tenure below min_tenure_years"
        age = self.age(t)
        if age is not None and age >= self.exempt_age(t):
            return "age exemption"
        return None

    def _exempt_every_year(self, t: Teacher) -> bool:
        # ``t.exempt`` first: most teachers are not exempt (a third of eligible_ids' time)
        return t.exempt and all(t.exempt_in(y) for y in self.years)

    @cached_property
    def eligible_ids(self) -> frozenset[str]:
        """Teachers eligible in at least one year of the cycle."""
        return frozenset(t.teacher_id for t in self.teachers if self.ineligibility(t) is None)

    def is_eligible(self, t: Teacher) -> bool:
        """Eligible in at least one year of the cycle (every year unless exempt_from/until)."""
        return t.teacher_id in self.eligible_ids

    def is_eligible_in(self, t: Teacher, year: int) -> bool:
        """Eligible in ``year`` (SPEC §6: exemption by year; the rest taken at cycle_start)."""
        return self.is_eligible(t) and not t.exempt_in(year)

    def eligible_years(self, t: Teacher) -> tuple[int, ...]:
        return tuple(y for y in self.years if self.is_eligible_in(t, y))

    def is_due(self, t: Teacher) -> bool:
        """Due for the ``due`` cost: eligible in some year, tenure >= due_tenure_years."""
        return self.is_eligible(t) and self.tenure(t) >= self.policy.due_tenure_years

    def is_due_in(self, t: Teacher, year: int) -> bool:
        """Due in ``year`` (H10): eligible in that year, tenure >= due_tenure_years."""
        return self.is_eligible_in(t, year) and self.tenure(t) >= self.policy.due_tenure_years

    def is_repeat(self, t: Teacher) -> bool:
        """Rotated within the cooldown before this cycle (the ``repeat`` cost)."""
        return (
            t.last_rotation_end is not None
            and t.last_rotation_end >= self.info.cycle_start - self.policy.cooldown_years
        )

    def may_serve(self, t: Teacher, org: Organization) -> bool:
        """H2 for one org: eligible, and a community's subject list admits the subject."""
        subjects = org.policy.subjects
        return self.is_eligible(t) and (not subjects or t.subject in subjects)

    # ---- school facts

    @cached_property
    def km_table(self) -> dict[tuple[str, str], int]:
        """distances.csv rows, both directions, already rounded."""
        table: dict[tuple[str, str], int] = {}
        for d in self.distances:
            table[d.school_a, d.school_b] = d.km
            table[d.school_b, d.school_a] = d.km
        return table

    def km(self, home: str, host: str) -> int:
        """SPEC §4 distance: distances.csv, else great-circle rounded half up, else 0."""
        if (home, host) in self.km_table:
            return self.km_table[home, host]
        gc = great_circle_km(self.school_by_id[home], self.school_by_id[host])
        return 0 if gc is None else round_half_up(gc)

    @cached_property
    def preference_weight(self) -> dict[tuple[str, str], int]:
        return {(p.teacher_id, p.school_id): p.weight for p in self.preferences}

    def cadres_of(self, school_id: str) -> list[Teacher]:
        return [t for t in self.teachers_by_school[school_id] if t.is_cadre]

    def backbone_of(self, school_id: str) -> list[Teacher]:
        return [t for t in self.teachers_by_school[school_id] if t.backbone]

    def due_of(self, school_id: str, year: int | None = None) -> list[Teacher]:
        """Due teachers of a school; in ``year`` when given (H10 counts them per year)."""
        if year is None:
            return [t for t in self.teachers_by_school[school_id] if self.is_due(t)]
        return [t for t in self.teachers_by_school[school_id] if self.is_due_in(t, year)]

    def replace(self, **update: object) -> Scenario:
        """A variant with some fields replaced (never mutate).

        Unlike ``model_copy`` this does not carry over cached lookups, which would go stale.
        """
        fields = {name: getattr(self, name) for name in type(self).model_fields}
        return type(self)(**{**fields, **update})
