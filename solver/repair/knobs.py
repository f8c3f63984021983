"""What a conflict depends on: each setting, per-org column, school or demand cell, exemption
or locked row that one of its rule instances reads, with the values toward permissive."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from solver.model.instances import RuleInstance
from solver.rules import Rule
from solver.scenario import Organization, Scenario

STEP = Decimal("0.01")
"""Ratios move by 0.01, counts by 1 (SPEC §9)."""

SCOPE_ORDER = {"org": 0, "school": 1, "teacher": 2, "global": 3}
"""A change scoped to the conflicting organization or school comes before the global one."""


@dataclass(frozen=True)
class Knob:
    """One thing a repair may change, and the values to try, nearest the original first.

    ``kind`` says where the change is written: ``setting`` (a ``--set`` key of scenario.toml),
    ``org`` (a column of organizations.csv), ``school`` (schools.csv ``capacity_in``),
    ``demand`` (demand.csv ``min_staff`` of ``subject``), ``exempt`` (teachers.csv) or
    ``locked`` (a locked.csv row dropped).
    """

    scope: str
    target: str
    setting: str
    kind: str
    before: object
    grid: tuple[object, ...]
    subject: str = ""
    year: int | None = None

    @property
    def order(self) -> tuple[int, str, str]:
        return (SCOPE_ORDER[self.scope], self.setting, self.target)


def ratio_grid(before: Decimal, down: bool) -> tuple[Decimal, ...]:
    """0.01 steps from ``before`` to 0 (down) or 1 (up), the original left out."""
    end = Decimal(0) if down else Decimal(1)
    step = -STEP if down else STEP
    values = []
    value = before + step
    while (value >= end) if down else (value <= end):
        values.append(value)
        value += step
    if before != end and (not values or values[-1] != end):
        values.append(end)
    return tuple(values)


def count_grid(before: int, low: int, high: int, down: bool) -> tuple[int, ...]:
    """Whole steps from ``before`` to ``low`` (down) or ``high`` (up), the original left out."""
    if down:
        return tuple(range(before - 1, low - 1, -1))
    return tuple(range(before + 1, high + 1))


def knobs_for(core: Sequence[RuleInstance], scenario: Scenario) -> list[Knob]:
    """Every knob a core's instances depend on, scoped ones first, each once."""
    found: dict[tuple[str, str, str, str], Knob] = {}

    def add(knob: Knob) -> None:
        if knob.grid:
            found.setdefault((knob.kind, knob.target, knob.setting, knob.subject), knob)

    for instance in core:
        for knob in _knobs_of(instance, scenario):
            add(knob)
    return sorted(found.values(), key=lambda k: k.order)


def _org_knobs(org: Organization, key: str, down: bool, s: Scenario) -> list[Knob]:
    """A per-org column and the global ``policy.<type>.<key>`` it overrides."""
    before = getattr(org.policy, key)
    global_before = getattr(s.policy.for_type(org.type), key)
    high = max(len(s.teachers_by_school.get(sid, ())) for sid in org.schools)
    if isinstance(before, Decimal):
        grid: tuple[object, ...] = ratio_grid(before, down)
        global_grid: tuple[object, ...] = ratio_grid(global_before, down)
    else:
        grid = count_grid(before, 0, high, down)
        global_grid = count_grid(global_before, 0, high, down)
    knobs = [Knob("org", org.org_id, key, "org", before, grid)]
    if global_before == before:  # the org follows the global value, so changing it helps
        knobs.append(Knob("global", "", f"policy.{org.type}.{key}", "setting", before, global_grid))
    return knobs


def _setting(s: Scenario, key: str, down: bool, low: int = 0, high: int = 0) -> list[Knob]:
    before = getattr(s.policy, key)
    if isinstance(before, Decimal):
        grid: tuple[object, ...] = ratio_grid(before, down)
    else:
        grid = count_grid(before, low, high, down)
    return [Knob("global", "", f"policy.{key}", "setting", before, grid)]


def _exemptions(
    s: Scenario, school_id: str, backbone: bool = False, cadre: bool = False
) -> list[Knob]:
    """The exempt teachers of a school who could move but for their exemption (H2)."""
    return [
        Knob("teacher", t.teacher_id, "exempt", "exempt", True, (False,))
        for t in s.teachers_by_school.get(school_id, ())
        if t.exempt
        and (t.backbone or not backbone)
        and (t.is_cadre or not cadre)
        and s.ineligibility(t.model_copy(update={"exempt": False})) is None
    ]


def _movers(s: Scenario, school_id: str, **pick: bool) -> list[Knob]:
    """What keeps a school's teachers from moving: exemptions, minimum tenure."""
    knobs = _exemptions(s, school_id, **pick)
    knobs += _setting(s, "min_tenure_years", down=True)
    return knobs


def _knobs_of(i: RuleInstance, s: Scenario) -> list[Knob]:
    years = s.info.cycle_years
    org = s.org_by_id.get(i.org_id or "")
    school = i.school_id or ""
    if i.rule is Rule.H3:
        return [
            *_setting(s, "max_term_years", down=False, high=years),
            *_setting(s, "max_rotations_per_cycle", down=False, high=years),
            *_setting(s, "min_term_years", down=True, low=1),
        ]
    if i.rule is Rule.H4 and org is not None:
        return [*_org_knobs(org, "backbone_out_ratio", True, s), *_movers(s, school, backbone=True)]
    if i.rule is Rule.H5 and org is not None:
        return _org_knobs(org, "reciprocity_tolerance", False, s)
    if i.rule is Rule.H6 and org is not None:
        return [*_org_knobs(org, "min_out_per_member", True, s), *_movers(s, school)]
    if i.rule is Rule.H7 and org is not None:
        return [
            *_org_knobs(org, "cadre_per_member", True, s),
            *_setting(s, "max_cadre_out_share", down=False),
            *_movers(s, school, cadre=True),
        ]
    if i.rule is Rule.H8:
        row = next((d for d in s.demand if d.school_id == school and d.subject == i.subject), None)
        if row is None:
            return []
        grid = count_grid(row.min_staff, 0, 0, down=True)
        return [Knob("school", school, "min_staff", "demand", row.min_staff, grid, row.subject)]
    if i.rule is Rule.H9 and i.aspect == "capacity":
        cap = s.school_by_id[school].capacity_in or 0
        grid = count_grid(cap, 0, len(s.teachers), down=False)
        return [Knob("school", school, "capacity_in", "school", cap, grid)]
    if i.rule is Rule.H9:
        return _setting(s, "max_cadre_out_share", down=False)
    if i.rule is Rule.H10 and i.aspect == "rotation":
        return [*_setting(s, "rotation_share", down=True), *_movers(s, school)]
    if i.rule is Rule.H10:
        return [*_setting(s, "backbone_share", down=True), *_movers(s, school, backbone=True)]
    if i.rule is Rule.H11 and i.teachers:
        before = f"{i.year} {i.school_id}"
        return [Knob("teacher", i.teachers[0], "locked", "locked", before, ("",), year=i.year)]
    return []
