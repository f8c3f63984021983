"""The decision variables: how many teachers of a unit take each allowed exchange run.

A *unit* is a set of teachers that no rule and no cost term can tell apart (same home, subject,
backbone, cadre, due and repeat; no preference, lock or reference-plan row). A *run* is one
allowed way to serve away: an org, a host, a start year and a length. There is one integer
variable per (unit, run): the number of the unit's teachers taking that run. Only moves H1 and
H2 allow get a variable, so the model never sees an impossible move.

Grouping interchangeable teachers removes the symmetry between them (which otherwise stops the
solver from proving optimality) and shrinks the model many times over. It is exact only when a
teacher rotates at most once per cycle, so with ``max_rotations_per_cycle > 1`` every teacher is
a unit of one. ``solver.model.extract`` turns counts back into named teachers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.model.history import TermSoFar, terms_so_far
from solver.scenario import Assignment, Organization, Scenario, Teacher

TeacherFilter = Callable[[Scenario, Teacher], bool]
MoveFilter = Callable[[Scenario, Teacher, Organization, str], bool]
YearFilter = Callable[[Scenario, Teacher, int], bool]


@dataclass(frozen=True, slots=True)
class Unit:
    """Teachers the rules cannot tell apart; ``teacher_ids`` sorted, so expansion is stable."""

    index: int
    teacher_ids: tuple[str, ...]
    home: str
    subject: str
    backbone: bool
    cadre: bool
    due: bool
    repeat: bool

    @property
    def size(self) -> int:
        return len(self.teacher_ids)


@dataclass(frozen=True, slots=True)
class Run:
    """One allowed way for a unit's teacher to serve away: org, host, first year, length."""

    index: int
    unit: int
    org_id: str
    host: str
    start: int
    length: int
    prior: int = 0
    """Years served in history by the run this one continues (SPEC §6): 0 for a fresh run."""

    @property
    def years(self) -> range:
        return range(self.start, self.start + self.length)


@dataclass
class Variables:
    """The units, their runs, one count variable per run, and indexes for summing them.

    Attributes
    ----------
    units, runs
        Everything that may move, and every way it may move.
    x
        ``x[r]`` = teachers of ``runs[r].unit`` taking run ``r`` (``0..unit.size``).
    aggregated
        True when units may hold several teachers (at most one rotation per teacher).
    """

    units: list[Unit]
    runs: list[Run]
    x: list[cp_model.IntVar]
    aggregated: bool
    so_far: dict[str, TermSoFar] = field(default_factory=dict)
    """Teachers with history rows: their term so far (``solver.model.history``)."""
    fixed_rows: tuple[Assignment, ...] = ()
    """The history rows (SPEC §6 H12): part of every plan, never variables."""
    open_from: int | None = None
    """The first year with variables (``replan_from``)."""
    runs_of_unit: list[list[int]] = field(default_factory=list)
    unit_of_teacher: dict[str, int] = field(default_factory=dict)
    flow_index: dict[tuple[str, str, str, int], list[int]] = field(default_factory=dict)
    away_index: dict[tuple[str, int], list[int]] = field(default_factory=dict)
    incoming_index: dict[tuple[str, int], list[int]] = field(default_factory=dict)
    unit_year_index: dict[tuple[int, int], list[int]] = field(default_factory=dict)

    def unit_of(self, run: int) -> Unit:
        return self.units[self.runs[run].unit]

    def pick(self, runs: Iterable[int], where: Callable[[Unit], bool] | None = None) -> list[int]:
        """The runs among ``runs`` whose unit satisfies ``where``."""
        if where is None:
            return list(runs)
        return [r for r in runs if where(self.units[self.runs[r].unit])]

    def flow(self, org_id: str, home: str, host: str, year: int) -> list[int]:
        """Runs under ``org_id`` from ``home`` to ``host`` covering ``year``."""
        return self.flow_index.get((org_id, home, host, year), [])

    def away(self, home: str, year: int) -> list[int]:
        """Runs of teachers of ``home`` covering ``year``, under any org."""
        return self.away_index.get((home, year), [])

    def incoming(self, host: str, year: int) -> list[int]:
        """Runs at ``host`` covering ``year``, under any org."""
        return self.incoming_index.get((host, year), [])

    def unit_year(self, unit: int, year: int) -> list[int]:
        """Runs of ``unit`` covering ``year``."""
        return self.unit_year_index.get((unit, year), [])

    def count(self, runs: Iterable[int]) -> cp_model.LinearExpr:
        """Teachers taking any of ``runs`` (in the years the runs were picked for)."""
        return cp_model.LinearExpr.sum([self.x[r] for r in runs])

    def teacher_years(self, runs: Iterable[int]) -> cp_model.LinearExpr:
        """Teacher-years served over whole ``runs`` (each run counts its length)."""
        ids = list(runs)
        return cp_model.LinearExpr.weighted_sum(
            [self.x[r] for r in ids], [self.runs[r].length for r in ids]
        )


def _unit_key(scenario: Scenario, t: Teacher) -> tuple[object, ...]:
    return (
        t.school_id,
        t.subject,
        t.backbone,
        t.is_cadre,
        scenario.is_due(t),
        scenario.is_repeat(t),
        scenario.eligible_years(t),
        (t.degree, t.title, t.backbone_level),  # SPEC §8's indicators tell these apart
    )


def single_teachers(scenario: Scenario) -> set[str]:
    """Teachers the model must see by name: a preference, a lock, a row of the plan ``change``
    compares with, or a history row."""
    named = {p.teacher_id for p in scenario.preferences}
    named |= {lock.teacher_id for lock in scenario.locks}
    reference = scenario.change_reference
    named |= {a.teacher_id for a in reference[0]} if reference is not None else set()
    named |= set(scenario.history_by_teacher)
    return named


def rotations_that_fit(scenario: Scenario) -> int:
    """Most runs one teacher can really have: ``max_rotations_per_cycle``, but no more than fit
    in the cycle with a year at home between them (3 years, terms of 1: two runs; terms of 2:
    one)."""
    p = scenario.policy
    fit = (scenario.info.cycle_years + 1) // (p.min_term_years + 1)
    return min(p.max_rotations_per_cycle, fit)


def make_units(
    scenario: Scenario, aggregate: bool = True, may_move: Iterable[TeacherFilter] = ()
) -> list[Unit]:
    """Group the teachers every filter of ``may_move`` admits into units (singletons when
    ``aggregate`` is off).

    Grouping is switched off as well when a teacher may really rotate more than once per cycle,
    since then counts could not always be split back into valid per-teacher terms.
    """
    aggregate = aggregate and rotations_that_fit(scenario) <= 1
    named = single_teachers(scenario) if aggregate else set()
    groups: dict[tuple[object, ...], list[Teacher]] = {}
    filters = list(may_move)
    for t in scenario.teachers:
        if not all(admits(scenario, t) for admits in filters):
            continue
        key: tuple[object, ...] = _unit_key(scenario, t)
        if not aggregate or t.teacher_id in named:
            key = (*key, t.teacher_id)
        groups.setdefault(key, []).append(t)
    units: list[Unit] = []
    for members in groups.values():
        first = members[0]
        units.append(
            Unit(
                index=len(units),
                teacher_ids=tuple(sorted(t.teacher_id for t in members)),
                home=first.school_id,
                subject=first.subject,
                backbone=first.backbone,
                cadre=first.is_cadre,
                due=scenario.is_due(first),
                repeat=scenario.is_repeat(first),
            )
        )
    return units


def run_shapes(scenario: Scenario, after: int | None = None) -> list[tuple[int, int]]:
    """Every (start, length) a run may take in the open years (all of them without history),
    within the term lengths (H3); starting after ``after`` when given."""
    policy = scenario.policy
    if policy.max_rotations_per_cycle < 1:
        return []
    last = scenario.years[-1]
    first = scenario.replan_from if after is None else max(scenario.replan_from, after + 1)
    return [
        (start, length)
        for start in range(first, last + 1)
        for length in range(policy.min_term_years, policy.max_term_years + 1)
        if start + length - 1 <= last
    ]


def shapes_of(
    scenario: Scenario, so_far: TermSoFar | None, shapes: list[tuple[int, int]]
) -> list[tuple[int, int, int, str | None, str | None]]:
    """(start, length, prior, org, host) of every run a teacher may take (H3 across history).

    Without history: the fresh ``shapes``. With history: continuations of the open run (same
    org and host, from ``replan_from``, the whole run within the term lengths), and fresh runs
    only while runs are left, never touching the open run.
    """
    if so_far is None:
        return [(start, length, 0, None, None) for start, length in shapes]
    p, y = scenario.policy, scenario.replan_from
    result: list[tuple[int, int, int, str | None, str | None]] = []
    if so_far.open_length:
        for k in range(1, scenario.years.stop - y + 1):
            if p.min_term_years <= so_far.open_length + k <= p.max_term_years:
                result.append((y, k, so_far.open_length, so_far.open_org, so_far.open_host))
    if p.max_rotations_per_cycle - so_far.runs >= 1:
        after = y if so_far.open_length else None
        fresh = shapes if after is None else run_shapes(scenario, after)
        result += [(start, length, 0, None, None) for start, length in fresh]
    return result


def make_variables(
    model: cp_model.CpModel,
    scenario: Scenario,
    aggregate: bool = True,
    may_move: Iterable[TeacherFilter] = (),
    may_take: Iterable[MoveFilter] = (),
    may_serve_in: Iterable[YearFilter] = (),
) -> Variables:
    """Create one count variable per unit and allowed run, and the indexes to sum them.

    Parameters
    ----------
    model
        The model the variables are added to.
    scenario
        The scenario; each unit may take a run at any host of any org of its home school that
        the filters admit.
    aggregate
        Group interchangeable teachers into units (see the module docstring).
    may_move, may_take
        The filters of the active rules that shape the variables (H1, H2 in
        ``solver.model.constraints.HARD_RULES``): who may move, and to which (org, host).
        Teachers of one unit share home and subject, so a unit's first teacher stands for all.
    may_serve_in
        The filters by year (H2's eligibility by year): every year of a run must pass them.

    Runs lie in the open years only (SPEC §6: served years are history, not variables); a
    teacher with history rows gets the runs ``shapes_of`` allows.
    """
    units = make_units(scenario, aggregate, may_move)
    take = list(may_take)
    by_year = list(may_serve_in)
    shapes = run_shapes(scenario)
    so_far = terms_so_far(scenario)
    teacher_by_id = scenario.teacher_by_id
    runs: list[Run] = []
    x: list[cp_model.IntVar] = []
    for unit in units:
        sample = teacher_by_id[unit.teacher_ids[0]]
        unit_shapes = [
            shape
            for shape in shapes_of(scenario, so_far.get(sample.teacher_id), shapes)
            if all(
                f(scenario, sample, y)
                for f in by_year
                for y in range(shape[0], shape[0] + shape[1])
            )
        ]
        if not unit_shapes:
            continue
        for org in scenario.orgs_of_school[unit.home]:
            for host in org.schools:
                if host == unit.home or not all(f(scenario, sample, org, host) for f in take):
                    continue
                for start, length, prior, only_org, only_host in unit_shapes:
                    if only_org is not None and (only_org, only_host) != (org.org_id, host):
                        continue
                    runs.append(Run(len(runs), unit.index, org.org_id, host, start, length, prior))
                    x.append(model.new_int_var(0, unit.size, ""))
    variables = Variables(
        units,
        runs,
        x,
        aggregated=any(u.size > 1 for u in units),
        so_far=so_far,
        fixed_rows=scenario.history,
        open_from=scenario.replan_from,
    )
    _index(variables)
    return variables


def _index(v: Variables) -> None:
    """Fill the lookup tables: by unit, by flow, by home, by host, by unit and year."""
    by_unit: list[list[int]] = [[] for _ in v.units]
    flow: defaultdict[tuple[str, str, str, int], list[int]] = defaultdict(list)
    away: defaultdict[tuple[str, int], list[int]] = defaultdict(list)
    incoming: defaultdict[tuple[str, int], list[int]] = defaultdict(list)
    unit_year: defaultdict[tuple[int, int], list[int]] = defaultdict(list)
    for run in v.runs:
        home = v.units[run.unit].home
        by_unit[run.unit].append(run.index)
        for year in run.years:
            flow[run.org_id, home, run.host, year].append(run.index)
            away[home, year].append(run.index)
            incoming[run.host, year].append(run.index)
            unit_year[run.unit, year].append(run.index)
    v.runs_of_unit = by_unit
    v.unit_of_teacher = {t: u.index for u in v.units for t in u.teacher_ids}
    v.flow_index = dict(flow)
    v.away_index = dict(away)
    v.incoming_index = dict(incoming)
    v.unit_year_index = dict(unit_year)
