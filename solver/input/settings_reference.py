"""The reference page of every setting (docs/settings.md), generated from what the loader checks.

The keys, their defaults and their bounds come from the models ``solver.input.settings``
validates against; the Chinese labels from the glossary; only the meaning and the unit are
written here, once per key. A test keeps docs/settings.md equal to ``reference_page()``:
regenerate it with ``python -m solver.input.settings_reference > docs/settings.md``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Any

from annotated_types import Ge, Le
from pydantic import BaseModel

from solver.glossary import org_type_word, setting_label, table_name
from solver.input.settings import ORG_TYPES, SECTIONS, build_settings, valid_keys
from solver.scenario import BALANCE_INDICATORS, OrgPolicy

# (meaning, unit) of each key; keys of [policy.<type>] are under "org.".
NOTES: dict[str, tuple[str, str]] = {
    "scenario.name": ("name of the scenario, shown on every output", "text"),
    "scenario.cycle_start": ("first school year of the 3-year cycle", "year"),
    "scenario.cycle_years": ("school years in the cycle", "years"),
    "scenario.replan_from": (
        "first year not yet served when re-planning (SPEC §6); blank: cycle_start",
        "year",
    ),
    "policy.min_tenure_years": (
        "years at the current school before a teacher may be sent",
        "years",
    ),
    "policy.due_tenure_years": ("tenure at which a teacher is due for rotation", "years"),
    "policy.exempt_age_male": (
        "a man at or over this age at cycle_start is exempt",
        "years of age",
    ),
    "policy.exempt_age_female": (
        "a woman at or over this age at cycle_start is exempt",
        "years of age",
    ),
    "policy.allow_principals": ("whether principals may rotate", "true/false"),
    "policy.min_term_years": ("shortest exchange, consecutive years at one host", "years"),
    "policy.max_term_years": ("longest exchange, consecutive years at one host", "years"),
    "policy.max_rotations_per_cycle": ("exchanges a teacher may make in one cycle", "count"),
    "policy.cooldown_years": (
        "rotated within this many years before cycle_start: a repeat (cost term repeat)",
        "years",
    ),
    "policy.max_cadre_out_share": (
        "at most this share of a school's cadres away in one year (H9, rounded down)",
        "ratio 0..1",
    ),
    "policy.rotation_share": (
        "quality schools: teachers away >= this share of due teachers, each year (H10)",
        "ratio 0..1",
    ),
    "policy.backbone_share": (
        "quality schools: backbone teachers >= this share of those away, each year (H10)",
        "ratio 0..1",
    ),
    "org.backbone_out_ratio": (
        "lead's backbone teachers serving at members >= this share of its backbone, each year (H4)",
        "ratio 0..1",
    ),
    "org.reciprocity": ("how flows must balance (H5)", "per_member/aggregate/per_school/none"),
    "org.reciprocity_tolerance": ("largest imbalance H5 allows", "teachers"),
    "org.min_out_per_member": (
        "teachers the lead sends to each member (community: each school sends), each year (H6)",
        "teachers",
    ),
    "org.cadre_per_member": (
        "cadres each way between lead and each member, per cycle (H7)",
        "cadres",
    ),
    "org.subjects": ("if not empty, only these subjects are exchanged (H2)", "list of subjects"),
    "weights.move": ("cost of each teacher-year away", "cost points"),
    "weights.distance_km": (
        "cost of each km between home and host, per year away",
        "cost points/km",
    ),
    "weights.preference": ("gain per point of a teacher's preference for the host", "cost points"),
    "weights.due": ("gain for each due teacher who rotates", "cost points"),
    "weights.repeat": ("cost of a teacher rotated again within cooldown_years", "cost points"),
    "weights.shortage": ("gain for each wanted subject teacher received", "cost points"),
    "weights.spread": (
        "cost of unequal backbone teacher-years among a group's members",
        "cost points",
    ),
    "weights.change": (
        "cost of each teacher-year that differs from the reference plan",
        "cost points",
    ),
    "weights.balance": (
        "cost of each teacher short of a balance floor, per school, year and indicator (SPEC §8)",
        "cost points",
    ),
    "balance.count_at": (
        "where a teacher away is counted: host; home gives the no-exchange baseline",
        "host/home",
    ),
    "balance.pe_art_subjects": ("subjects counted by the pe_art indicator", "list of subjects"),
    "balance.nine_year_band": ("band a nine-year school is measured in", "primary/junior"),
    "balance.cv_max_primary": ("largest 校际差异系数 of a primary band (H13)", "ratio"),
    "balance.cv_max_junior": ("largest 校际差异系数 of a junior band (H13)", "ratio"),
    "balance.enforce": (
        'H13: true keeps every CV within its threshold or not worse; "strict" within it',
        'false/true/"strict"',
    ),
    **{
        f"balance.{table}.{indicator}": (
            f"{band} school floor of {indicator}; blank: none",
            "per 100 students",
        )
        for table, band in (("floor_primary", "primary"), ("floor_junior", "junior"))
        for indicator in BALANCE_INDICATORS
    },
    "publication.issuer": (
        "office that issues the lists and letters; blank: a line to sign",
        "text",
    ),
    "publication.contact": ("who answers questions about the lists", "text"),
    "publication.phone": ("the contact's phone", "text"),
    "publication.notice_days": ("length of the public notice (公示期)", "working days"),
    "publication.date": ("date of issue on lists and letters; blank: a line to date", "date"),
    "publication.term_start": ("first day of a school year of service", "MM-DD"),
    "publication.term_end": (
        "last day of a school year of service, the next calendar year",
        "MM-DD",
    ),
    "publication.report_date": ("day the teacher reports (报到) at the host, first year", "MM-DD"),
    "publication.report_place": ("where to report; blank: the host school's office", "text"),
    "publication.appeal_contact": ("who receives an appeal (申诉); blank: the issuer", "text"),
    "publication.appeal_phone": ("phone for appeals; blank: the contact's phone", "text"),
    "publication.appeal_days": (
        "an appeal is accepted within this long of the letter",
        "working days",
    ),
    "publication.pages": (
        "publication.html as one list (one) or one page to post per organization (org)",
        "one/org",
    ),
}


def note_key(dotted: str) -> str:
    """``policy.group.backbone_out_ratio`` is described once, as ``org.backbone_out_ratio``."""
    parts = dotted.split(".")
    if parts[0] == "policy" and len(parts) == 3 and parts[1] in ORG_TYPES:
        return f"org.{parts[2]}"
    return dotted


def default_value(dotted: str) -> Any:
    """The value a scenario gets when it does not set ``dotted``."""
    built = dict(zip(SECTIONS, build_settings({}, "defaults"), strict=True))
    value: Any = built[dotted.split(".")[0]]
    for part in dotted.split(".")[1:]:
        value = value.get(part) if isinstance(value, dict) else getattr(value, part)
    return value


def bounds(dotted: str) -> str:
    """``>= 0``, ``0..1``: what the loader accepts, from the model's field."""
    *parents, leaf = dotted.split(".")
    if parents[0] == "balance" and len(parents) == 2:
        return ">= 0"  # a floor per 100 students
    model: type[BaseModel] = OrgPolicy if len(parents) == 2 else SECTIONS[parents[0]]
    low = high = None
    for meta in model.model_fields[leaf].metadata:
        if isinstance(meta, Ge):
            low = meta.ge
        if isinstance(meta, Le):
            high = meta.le
    annotation = model.model_fields[leaf].annotation
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "/".join(str(member.value) for member in annotation)
    if low is not None and high is not None:
        return f"{low}..{high}"
    return f">= {low}" if low is not None else ""


def shown(value: Any) -> str:
    if value is None:
        return "(blank)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, Decimal | int | dt.date):
        return str(value)
    return str(value)


def heading(table: str) -> str:
    """政策 for ``policy``, 教育集团 for ``policy.group``."""
    parts = table.split(".")
    if parts[0] == "policy" and len(parts) == 2:
        return org_type_word(parts[1], "zh")
    return setting_label(table, "zh")


def reference_page() -> str:
    """docs/settings.md: one row per setting, table by table."""
    lines = [
        "# Settings reference",
        "",
        "<!-- generated by `python -m solver.input.settings_reference > docs/settings.md`;",
        "     tests/input/test_settings_reference.py fails when this page is out of date -->",
        "",
        "Every setting a scenario may give, in `scenario.toml` (a TOML table per section) or in",
        f"the `{table_name('settings', 'zh')}` sheet of a one-workbook scenario (one row per "
        "setting: the key or its Chinese label in column A, the value in column B), or for one "
        "run with",
        "`--set key=value`. A setting left out takes its default. See docs/input-formats.md.",
        "",
    ]
    section = ""
    for key in valid_keys():
        table = ".".join(key.split(".")[:-1])
        if table != section:
            section = table
            lines += [
                "",
                f"## [{table}] ({heading(table)})",
                "",
                "| key | 中文 | meaning | unit | default | accepted |",
                "|---|---|---|---|---|---|",
            ]
        meaning, unit = NOTES[note_key(key)]
        label = setting_label(key, "zh")
        default = shown(default_value(key))
        lines.append(f"| `{key}` | {label} | {meaning} | {unit} | `{default}` | {bounds(key)} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(reference_page(), end="")
