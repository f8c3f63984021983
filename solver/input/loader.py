"""Read a scenario folder (SPEC §2) into a validated, frozen ``Scenario``.

All problems of a load are collected and raised together as one ``InputError``, each naming
file, row and column, so a planner fixes the spreadsheet in one pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from solver.input import formats
from solver.input.collector import collector_paused
from solver.input.formats import OPTIONAL_FILES, REQUIRED_FILES, plan_path
from solver.input.settings import (
    SETTINGS_FILE,
    apply_overrides,
    build_settings,
    plain,
    resolve_chain,
    settings_sheet,
)
from solver.input.tables import (
    Column,
    InputError,
    Problem,
    Problems,
    Table,
    one_of,
    parse_bool,
    parse_count,
    parse_decimal,
    parse_float,
    parse_int,
    parse_list,
    parse_ratio,
    parse_rows,
    parse_text,
    read_table,
)
from solver.scenario import (
    Area,
    Assignment,
    BackboneLevel,
    Degree,
    Demand,
    Distance,
    Gender,
    Level,
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
    Title,
    round_half_up,
)

__all__ = ["InputError", "Problem", "Table", "load_scenario", "read_table", "scenario_files"]

HISTORY_FILE = "history.csv"
MIN_AGE = 18
MAX_AGE = 80
"""A teacher's age at cycle_start outside these is probably a typo: validate warns."""

SCHOOL_COLUMNS = [
    Column("school_id", required=True),
    Column("name", required=True),
    Column("district", required=True),
    Column("level", one_of(*Level), required=True),
    Column("area", one_of(*Area)),
    Column("quality", parse_bool),
    Column("lat", parse_float),
    Column("lon", parse_float),
    Column("capacity_in", parse_count),
    Column("students", parse_count),
]
ORG_OVERRIDE_COLUMNS = [
    Column("backbone_out_ratio", parse_ratio),
    Column("reciprocity", one_of(*Reciprocity)),
    Column("reciprocity_tolerance", parse_count),
    Column("min_out_per_member", parse_count),
    Column("cadre_per_member", parse_count),
    Column("subjects", parse_list),
]
ORG_COLUMNS = [
    Column("org_id", required=True),
    Column("name", required=True),
    Column("type", one_of(*OrgType), required=True),
    Column("lead_school_id", required=True),
    *ORG_OVERRIDE_COLUMNS,
]
MEMBERSHIP_COLUMNS = [Column("org_id", required=True), Column("school_id", required=True)]
TEACHER_COLUMNS = [
    Column("teacher_id", required=True),
    Column("name", required=True),
    Column("school_id", required=True),
    Column("subject", required=True),
    Column("backbone", parse_bool, required=True),
    Column("role", one_of(*Role)),
    Column("gender", one_of(*Gender)),
    Column("birth_year", parse_int),
    Column("school_since", parse_int),
    Column("exempt", parse_bool),
    Column("exempt_reason"),
    Column("last_rotation_end", parse_int),
    Column("exempt_from", parse_int),
    Column("exempt_until", parse_int),
    Column("degree", one_of(*Degree)),
    Column("title", one_of(*Title)),
    Column("backbone_level", one_of(*BackboneLevel)),
]
DEMAND_COLUMNS = [
    Column("school_id", required=True),
    Column("subject", required=True),
    Column("min_staff", parse_count, required=True),
    Column("wanted_in", parse_count),
]
PREFERENCE_COLUMNS = [
    Column("teacher_id", required=True),
    Column("school_id", required=True),
    Column("weight", parse_int, required=True),
]
LOCK_COLUMNS = [
    Column("teacher_id", required=True),
    Column("year", parse_int, required=True),
    Column("school_id", required=True, also=("host_school_id",)),  # rows pasted from a plan
]
PLAN_COLUMNS = [
    Column(name, parse_int if name == "year" else parse_text, required=True)
    for name in formats.PLAN_COLUMNS
]
PLACE_COLUMNS = ["home_school_id", "host_school_id", "org_id"]
"""The ids of a plan row that name where it serves (checked in reference and history plans)."""
DISTANCE_COLUMNS = [
    Column("school_a", required=True),
    Column("school_b", required=True),
    Column("km", parse_decimal, required=True),
]


def scenario_files(folder: Path, history: Path | None = None) -> dict[str, Path]:
    """The files a scenario is made of after ``extends``: settings of every ancestor, then the
    nearest copy of each table. Used for input hashes in summaries and certificates.

    ``history`` is a plan given on the command line (``rotation replan --published``): it is
    the history.csv of this run."""
    chain = resolve_chain(folder)
    files: dict[str, Path] = {}
    for i, ancestor in enumerate(chain.folders):
        settings = ancestor / SETTINGS_FILE
        sheet = None if settings.is_file() else settings_sheet(ancestor)
        if settings.is_file() or sheet is not None:
            key = SETTINGS_FILE if i == 0 else f"{SETTINGS_FILE}@{i}"
            files[key] = settings if sheet is None else sheet.path
    for name in REQUIRED_FILES + OPTIONAL_FILES:
        source = chain.find(name)
        if source is not None:
            files[name] = source.path
    if history is not None:
        files[HISTORY_FILE] = plan_path(history)
    return files


class Loader:
    """One load of one scenario folder: tables in, entities out, problems collected."""

    def __init__(self, folder: Path, warnings: list[str], history: Path | None = None):
        self.folder = Path(folder)
        self.warnings = warnings
        self.problems = Problems()
        self.history_path = None if history is None else plan_path(history)

    def table(self, name: str, required: bool) -> Table | None:
        source = self.chain.find(name)
        if source is None:
            if required:
                self.problems.add(name, f"required file is missing from {self.folder}")
            return None
        try:
            table = read_table(source.path, sheet=source.sheet)
        except InputError as exc:
            self.problems.items.extend(exc.problems)
            return None
        self.problems.labels[name] = table.name  # a workbook's sheet is named as such
        if required and not table.rows:
            self.problems.add(table.name, "has a header but no rows", row=2)
        return table

    def rows(self, name: str, columns: list[Column], required: bool = False):
        table = self.table(name, required)
        if table is None:
            return []
        return list(parse_rows(table, columns, self.problems, self.warnings))

    def keyed_rows(
        self, name: str, columns: list[Column], key: tuple[str, ...], required: bool = False
    ):
        """The rows of ``name``; those that repeat the natural ``key`` (its columns) are dropped
        and reported. A one-column key is the cell itself, a longer one a tuple of cells."""
        rows, label = self.rows(name, columns, required), "+".join(key)
        if len(key) == 1:
            kept = self.unique(name, rows, lambda v: v[key[0]], label)
            self.warn_case_twins(name, kept, key[0])
            return kept
        return self.unique(name, rows, lambda v: tuple(v[column] for column in key), label)

    def unique(self, name: str, rows, key: Callable[[dict[str, Any]], object], label: str):
        """Drop and report rows that repeat a natural key."""
        seen: dict[object, int] = {}
        kept = []
        for line, values in rows:
            k = key(values)
            if k in seen:
                self.problems.add(
                    name, f"duplicate {label} {k!r} (first at row {seen[k]})", line, label
                )
                continue
            seen[k] = line
            kept.append((line, values))
        return kept

    def warn_case_twins(self, name: str, rows, column: str) -> None:
        """Ids that differ only in case (``t8`` beside ``T8``) are two entities to the
        program but probably one to the person who typed them: legal, with a warning."""
        first: dict[str, tuple[str, int]] = {}
        for line, values in rows:
            value = values[column]
            twin = first.setdefault(value.casefold(), (value, line))
            if twin[0] != value:
                self.warnings.append(
                    f"{self.problems.labels.get(name, name)}, row {line}: {column} '{value}' "
                    f"differs only in case from '{twin[0]}' (row {twin[1]}); they are read "
                    "as two different ids"
                )

    def build(self, name: str, model: Callable[..., Any], line: int, values: dict[str, Any]):
        try:
            return model(**values)
        except ValidationError as exc:
            for err in exc.errors():
                column = str(err["loc"][0]) if err["loc"] else None
                self.problems.add(name, plain(err["msg"]), line, column)
            return None

    def exists(
        self, name: str, line: int, column: str, value: str, known: Iterable[str], what: str
    ):
        if value not in known:
            self.problems.add(name, f"unknown {what} '{value}'", line, column)
            return False
        return True

    def known(
        self, name: str, line: int, values: dict[str, Any], scenario: Scenario, columns: list[str]
    ) -> bool:
        """Whether each id of ``columns`` names a teacher, school or org of ``scenario``; every
        unknown one is reported."""
        schools = (scenario.school_by_id, "school")
        ids: dict[str, tuple[Mapping[str, object], str]] = {
            "teacher_id": (scenario.teacher_by_id, "teacher"),
            "school_id": schools,
            "home_school_id": schools,
            "host_school_id": schools,
            "org_id": (scenario.org_by_id, "organization"),
        }
        ok = True
        for column in columns:
            known, what = ids[column]
            ok &= self.exists(name, line, column, values[column], known, what)
        return ok

    def in_cycle(self, name: str, line: int, year: int, years: range) -> bool:
        """Whether ``year`` lies in the cycle ``years``; a year outside it is reported."""
        if year not in years:
            self.problems.add(
                name, f"year {year} is outside the cycle {years[0]}-{years[-1]}", line, "year"
            )
            return False
        return True

    # ---- the load

    def load(self, overrides: list[str]) -> Scenario:
        self.chain = resolve_chain(self.folder)
        settings_origin = self.chain.origin
        settings = apply_overrides(self.chain.settings, overrides)
        info, policy, weights, publication, balance = build_settings(settings, settings_origin)
        self.info = info
        for term, weight in weights.model_dump().items():
            if weight < 0:
                self.warnings.append(
                    f"weights.{term} = {weight} is negative: the plan is rewarded for what "
                    "this cost term counts, not charged"
                )
        self.check_replan_from(info, settings_origin)

        schools = self.load_schools()
        school_ids = set(schools)
        orgs = self.load_organizations(policy, school_ids)
        teachers = self.load_teachers(school_ids, info.first_open_year)
        demand = self.load_demand(school_ids)
        distances = self.load_distances(school_ids)
        self.problems.raise_if_any()

        scenario = Scenario(
            info=info,
            policy=policy,
            weights=weights,
            publication=publication,
            balance=balance,
            schools=tuple(schools.values()),
            organizations=tuple(orgs),
            teachers=tuple(teachers.values()),
            demand=tuple(demand),
            distances=tuple(distances),
        )
        preferences = self.load_preferences(scenario)
        locks = self.load_locks(scenario)
        reference = self.load_reference_plan(scenario)
        history = self.load_history(scenario)
        self.problems.raise_if_any()
        return scenario.replace(
            preferences=preferences, locks=locks, reference_plan=reference, history_plan=history
        )

    def check_replan_from(self, info: ScenarioInfo, origin: str) -> None:
        """SPEC §6: replan_from lies in the cycle."""
        y = info.replan_from
        if y is not None and y not in info.years:
            self.problems.add(
                origin,
                f"replan_from {y} is outside the cycle {info.years[0]}-{info.years[-1]}",
                column="scenario.replan_from",
            )

    def load_schools(self) -> dict[str, School]:
        name = "schools.csv"
        rows = self.keyed_rows(name, SCHOOL_COLUMNS, ("school_id",), True)
        schools = {}
        for line, values in rows:
            school = self.build(name, School, line, values)
            if school is not None:
                schools[school.school_id] = school
        return schools

    def load_organizations(self, policy: Policy, school_ids: set[str]) -> list[Organization]:
        name = "organizations.csv"
        rows = self.keyed_rows(name, ORG_COLUMNS, ("org_id",), True)
        members = self.load_memberships(rows, school_ids)
        orgs = []
        for line, values in rows:
            self.exists(
                name, line, "lead_school_id", values["lead_school_id"], school_ids, "school"
            )
            org_type = OrgType(values["type"])
            overrides = {c.name: values[c.name] for c in ORG_OVERRIDE_COLUMNS if c.name in values}
            base = policy.for_type(org_type).model_dump()
            org_policy = self.build(name, OrgPolicy, line, {**base, **overrides})
            if org_policy is None:
                continue
            org = self.build(
                name,
                Organization,
                line,
                {
                    "org_id": values["org_id"],
                    "name": values["name"],
                    "type": org_type,
                    "lead_school_id": values["lead_school_id"],
                    "members": tuple(members.get(values["org_id"], [])),
                    "policy": org_policy,
                },
            )
            if org is not None:
                if not org.members:
                    self.warnings.append(
                        f"{name}, row {line}: organization {org.org_id} has no members"
                    )
                orgs.append(org)
        return orgs

    def load_memberships(self, org_rows, school_ids: set[str]) -> dict[str, list[str]]:
        name = "memberships.csv"
        leads = {v["org_id"]: v["lead_school_id"] for _, v in org_rows}
        rows = self.keyed_rows(name, MEMBERSHIP_COLUMNS, ("org_id", "school_id"), True)
        members: dict[str, list[str]] = {}
        for line, values in rows:
            org_id, school_id = values["org_id"], values["school_id"]
            ok = self.exists(name, line, "org_id", org_id, leads, "organization")
            ok &= self.exists(name, line, "school_id", school_id, school_ids, "school")
            if ok and leads[org_id] == school_id:
                self.problems.add(
                    name,
                    f"school '{school_id}' is the lead of {org_id}, not a member",
                    line,
                    "school_id",
                )
                continue
            if ok:
                members.setdefault(org_id, []).append(school_id)
        return members

    def load_teachers(self, school_ids: set[str], first_open_year: int) -> dict[str, Teacher]:
        """teachers.csv. ``school_since`` may be up to ``replan_from`` (a teacher who joined
        since the cycle began, SPEC §6), which is ``cycle_start`` when nothing was served."""
        name = "teachers.csv"
        rows = self.keyed_rows(name, TEACHER_COLUMNS, ("teacher_id",), True)
        teachers = {}
        limit = "replan_from" if self.replanning else "cycle_start"
        for line, values in rows:
            ok = self.exists(name, line, "school_id", values["school_id"], school_ids, "school")
            since = values.get("school_since")
            if since is not None and since > first_open_year:  # type: ignore[operator]
                self.problems.add(
                    name,
                    f"year {since} is after {limit} {first_open_year}",
                    line,
                    "school_since",
                )
                ok = False
            ok &= self.check_exemption_years(name, line, values)
            if values.get("backbone_level") is not None and not values.get("backbone"):
                self.problems.add(
                    name,
                    "backbone_level is given but the teacher is not backbone",
                    line,
                    "backbone_level",
                )
                ok = False
            teacher = self.build(name, Teacher, line, values) if ok else None
            if teacher is not None:
                teachers[teacher.teacher_id] = teacher
                self.warn_implausible_age(name, line, teacher)
        return teachers

    def warn_implausible_age(self, name: str, line: int, teacher: Teacher) -> None:
        """A birth_year or school_since that is probably a typo (1908 for 1980): legal, but
        it decides exemption and tenure, so say it (issue 19)."""
        if teacher.birth_year is None:
            return
        start = self.info.cycle_start
        age = start - teacher.birth_year
        label = self.problems.labels.get(name, name)
        if not MIN_AGE <= age <= MAX_AGE:
            bound = f"younger than {MIN_AGE}" if age < MIN_AGE else f"older than {MAX_AGE}"
            self.warnings.append(
                f"{label}, row {line}, column 'birth_year': {teacher.teacher_id} is {age} at "
                f"cycle_start {start} ({bound}); check the year"
            )
        since = teacher.school_since
        if since is not None and since - teacher.birth_year < MIN_AGE:
            self.warnings.append(
                f"{label}, row {line}, column 'school_since': {teacher.teacher_id} joined the "
                f"school in {since}, at {since - teacher.birth_year} (before {MIN_AGE}); "
                "check the year"
            )

    def check_exemption_years(self, name: str, line: int, values: dict[str, Any]) -> bool:
        """SPEC §6: exempt_from/exempt_until only with exempt = true, and in order."""
        start, end = values.get("exempt_from"), values.get("exempt_until")
        if (start is not None or end is not None) and not values.get("exempt", False):
            column = "exempt_from" if start is not None else "exempt_until"
            self.problems.add(
                name, f"{column} is given but the teacher is not exempt", line, column
            )
            return False
        if start is not None and end is not None and end < start:
            self.problems.add(
                name, f"exempt_until {end} is before exempt_from {start}", line, "exempt_until"
            )
            return False
        return True

    def load_demand(self, school_ids: set[str]) -> list[Demand]:
        name = "demand.csv"
        rows = self.keyed_rows(name, DEMAND_COLUMNS, ("school_id", "subject"), True)
        demand = []
        for line, values in rows:
            if self.exists(name, line, "school_id", values["school_id"], school_ids, "school"):
                row = self.build(name, Demand, line, values)
                if row is not None:
                    demand.append(row)
        return demand

    def load_distances(self, school_ids: set[str]) -> list[Distance]:
        name = "distances.csv"
        rows = self.unique(
            name,
            self.rows(name, DISTANCE_COLUMNS),
            lambda v: tuple(sorted((v["school_a"], v["school_b"]))),
            "school_a+school_b",
        )
        distances = []
        for line, values in rows:
            ok = self.exists(name, line, "school_a", values["school_a"], school_ids, "school")
            ok &= self.exists(name, line, "school_b", values["school_b"], school_ids, "school")
            km = values["km"]
            if km < 0:  # type: ignore[operator]
                self.problems.add(name, f"expected a distance of 0 or more, found {km}", line, "km")
                ok = False
            if ok:
                values["km"] = round_half_up(float(km))  # type: ignore[arg-type]
                row = self.build(name, Distance, line, values)
                if row is not None:
                    distances.append(row)
        return distances

    def load_preferences(self, scenario: Scenario) -> tuple[Preference, ...]:
        name = "preferences.csv"
        rows = self.keyed_rows(name, PREFERENCE_COLUMNS, ("teacher_id", "school_id"))
        kept = []
        for line, values in rows:
            if self.known(name, line, values, scenario, ["teacher_id", "school_id"]):
                preference = self.build(name, Preference, line, values)
                if preference is not None:
                    kept.append(preference)
        return tuple(kept)

    def load_locks(self, scenario: Scenario) -> tuple[Lock, ...]:
        name = "locked.csv"
        rows = self.keyed_rows(name, LOCK_COLUMNS, ("teacher_id", "year"))
        kept = []
        for line, values in rows:
            if not self.known(name, line, values, scenario, ["teacher_id"]):
                continue
            if not self.in_cycle(name, line, values["year"], scenario.years):
                continue
            teacher = scenario.teacher_by_id[values["teacher_id"]]
            school = values["school_id"]
            if school != teacher.school_id and school not in scenario.partners[teacher.school_id]:
                self.problems.add(
                    name,
                    f"school '{school}' is neither the home of {teacher.teacher_id} "
                    f"nor a partner of {teacher.school_id}",
                    line,
                    "school_id",
                )
                continue
            kept.append(Lock(**values))
        return tuple(kept)

    def load_reference_plan(self, scenario: Scenario) -> tuple[Assignment, ...] | None:
        name = "reference_plan.csv"
        if self.chain.find(name) is None:
            return None
        rows = self.keyed_rows(name, PLAN_COLUMNS, ("teacher_id", "year"), True)
        kept = []
        for line, values in rows:
            if self.known(name, line, values, scenario, ["teacher_id", *PLACE_COLUMNS]):
                kept.append(Assignment(**values))
        return tuple(kept)

    # ---- re-planning (SPEC §6)

    @property
    def replanning(self) -> bool:
        return self.info.first_open_year > self.info.cycle_start

    def history_table(self) -> Table | None:
        """history.csv: the --published plan, else the scenario's own file (CSV or xlsx)."""
        if self.history_path is None:
            return self.table(HISTORY_FILE, required=False)
        if not self.history_path.is_file():
            self.problems.add(str(self.history_path), "the published plan is missing")
            return None
        try:
            return read_table(self.history_path, display=str(self.history_path))
        except InputError as exc:
            self.problems.items.extend(exc.problems)
            return None

    def load_history(self, scenario: Scenario) -> tuple[Assignment, ...] | None:
        """history.csv: required when replan_from is after cycle_start. Every row is checked:
        a year in the cycle, known schools and org, one row per teacher and year. A teacher no
        longer in teachers.csv is legal (the teacher left)."""
        table = self.history_table()
        if table is None:
            if self.replanning and self.history_path is None:
                self.problems.add(
                    HISTORY_FILE,
                    f"required file is missing from {self.folder}: replan_from "
                    f"{scenario.replan_from} is after cycle_start {scenario.info.cycle_start}",
                )
            return None
        name = table.name
        # A plan's extra columns (names, subject, ...) are part of its format (SPEC §3): no
        # warning about them; cells our writer escaped are read back as written.
        rows = self.unique(
            name,
            list(parse_rows(table, PLAN_COLUMNS, self.problems, [])),
            lambda v: (v["teacher_id"], v["year"]),
            "teacher_id+year",
        )
        years = scenario.years
        kept = []
        for line, values in rows:
            for column in ("teacher_id", "home_school_id", "host_school_id", "org_id"):
                values[column] = formats.unescape_formula(str(values[column]))
            ok = self.in_cycle(name, line, values["year"], years)
            ok &= self.known(name, line, values, scenario, PLACE_COLUMNS)
            if ok:
                kept.append(Assignment(**values))
        return tuple(kept)


def load_scenario(
    folder: Path,
    overrides: Iterable[str] | Mapping[str, str] | None = None,
    warnings: list[str] | None = None,
    history: Path | None = None,
) -> Scenario:
    """Load and validate a scenario folder.

    Parameters
    ----------
    folder
        The scenario folder (``scenario.toml`` and CSVs, possibly through ``extends``).
    overrides
        ``key=value`` strings (or a mapping) from ``--set``, applied after ``extends``.
    warnings
        If given, non-fatal notes (extra columns, empty organizations) are appended to it.
    history
        A plan file (or output folder) to read as history.csv instead of the scenario's own
        (``rotation replan --published``).

    Raises
    ------
    InputError
        With every problem found, each naming file, row and column.
    """
    if isinstance(overrides, Mapping):
        overrides = [f"{k}={v}" for k, v in overrides.items()]
    loader = Loader(Path(folder), warnings if warnings is not None else [], history)
    with collector_paused(settle=True):  # 14 s -> 9 s for a province
        return loader.load(list(overrides or []))
