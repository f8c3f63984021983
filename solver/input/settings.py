"""scenario.toml: the ``extends`` chain, merging table by table, and ``--set`` overrides.

Ratios are read as ``Decimal`` (``tomllib``'s ``parse_float``) so that the quota arithmetic of
SPEC §4 is exact.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from solver.glossary import TABLE_NAMES
from solver.input.problems import InputError, Problem
from solver.input.xlsx import sheet_names
from solver.scenario import (
    BALANCE_INDICATORS,
    BalanceSettings,
    OrgPolicy,
    OrgType,
    Policy,
    Publication,
    ScenarioInfo,
    Weights,
)

SETTINGS_FILE = "scenario.toml"
ORG_TYPES = frozenset(t.value for t in OrgType)
BALANCE_FLOORS = ("floor_primary", "floor_junior")
TABLES = frozenset(
    {"scenario", "policy", "weights", "publication", "balance"}
    | {f"policy.{t}" for t in ORG_TYPES}
    | {f"balance.{f}" for f in BALANCE_FLOORS}
)
SECTIONS: dict[str, type[BaseModel]] = {
    "scenario": ScenarioInfo,
    "policy": Policy,
    "weights": Weights,
    "publication": Publication,
    "balance": BalanceSettings,
}


def table_names(file_name: str) -> tuple[str, ...]:
    """The names a table may go by: ``teachers.csv``, ``teachers`` and its Chinese name 教师."""
    stem = Path(file_name).stem
    chinese = TABLE_NAMES[stem][0] if stem in TABLE_NAMES else stem
    return tuple(dict.fromkeys((file_name, stem, chinese)))


@dataclass(frozen=True)
class Chain:
    """A scenario folder and its ancestors (nearest first) with their merged settings."""

    folders: tuple[Path, ...]
    settings: dict[str, Any]
    origin: str = SETTINGS_FILE
    """How messages name the scenario's own settings: its scenario.toml or its 设置 sheet."""

    def find(self, file_name: str) -> Source | None:
        """Where a table comes from: the nearest folder that has it as ``name.csv``,
        ``name.xlsx``, or a sheet ``name`` in one of its workbooks, ``name`` being the English
        or the Chinese table name (``teachers`` or 教师)."""
        names = table_names(file_name)
        stems = [Path(n).stem for n in names]
        for folder in self.folders:
            for stem in stems:
                for path in (folder / f"{stem}.csv", folder / f"{stem}.xlsx"):
                    if path.is_file():
                        return Source(path)
            for workbook in sorted(folder.glob("*.xlsx")):
                for sheet in sheet_names(workbook):
                    if sheet in names:
                        return Source(workbook, sheet)
        return None


@dataclass(frozen=True)
class Source:
    """A table's origin: a CSV or workbook file, and the sheet within a workbook."""

    path: Path
    sheet: str | None = None


def read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"), parse_float=Decimal)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(str(path), f"cannot be read: {exc}")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError([Problem(str(path), f"is not valid TOML: {exc}")]) from None


def merge(base: dict[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """Tables merge key by key, the child winning; anything else (lists too) is replaced."""
    merged = dict(base)
    for key, value in child.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def resolve_chain(folder: Path) -> Chain:
    """Follow ``extends`` from ``folder`` up; detect missing parents and loops."""
    folders: list[Path] = []
    layers: list[dict[str, Any]] = []
    current = Path(folder)
    while True:
        if not current.is_dir():
            origin = folders[-1] / SETTINGS_FILE if folders else current
            what = "extends a folder that does not exist" if folders else "is not a folder"
            raise InputError([Problem(str(origin), f"{what}: {current}", column="extends")])
        resolved = current.resolve()
        if resolved in folders:
            loop = " -> ".join(str(f) for f in [*folders, resolved])
            raise InputError(
                [
                    Problem(
                        str(folders[-1] / SETTINGS_FILE), f"extends loops: {loop}", None, "extends"
                    )
                ]
            )
        folders.append(resolved)
        toml_path = resolved / SETTINGS_FILE
        data = read_toml(toml_path) if toml_path.is_file() else read_settings_sheet(resolved)
        parent = data.pop("extends", None)
        layers.append(data)
        if parent is None:
            break
        if not isinstance(parent, str):
            raise InputError([Problem(str(toml_path), "must be a path string", None, "extends")])
        current = resolved / parent
    settings: dict[str, Any] = {}
    for layer in reversed(layers):
        settings = merge(settings, layer)
    if not any(has_settings(f) for f in folders):
        raise InputError(
            [
                Problem(
                    str(folders[0] / SETTINGS_FILE), "is missing (and no workbook has a 设置 sheet)"
                )
            ]
        )
    sheet = None if (folders[0] / SETTINGS_FILE).is_file() else settings_sheet(folders[0])
    own = str(folders[0] / SETTINGS_FILE) if sheet is None else f"{sheet.path}[{sheet.sheet}]"
    return Chain(tuple(folders), settings, own)


def settings_sheet(folder: Path) -> Source | None:
    """The 设置 (or ``settings``) sheet of a workbook in ``folder``: the scenario.toml of a
    one-workbook scenario."""
    names = table_names("settings")
    for workbook in sorted(Path(folder).glob("*.xlsx")):
        for sheet in sheet_names(workbook):
            if sheet in names:
                return Source(workbook, sheet)
    return None


def has_settings(folder: Path) -> bool:
    return (folder / SETTINGS_FILE).is_file() or settings_sheet(folder) is not None


def read_settings_sheet(folder: Path) -> dict[str, Any]:
    """The settings of a 设置 sheet, as scenario.toml would give them (none without one)."""
    source = settings_sheet(folder)
    if source is None:
        return {}
    from solver.input.settings_sheet import sheet_settings

    return sheet_settings(source.path, source.sheet or "")


def valid_keys() -> list[str]:
    """Every settable key, dotted, for error messages and ``--set``."""
    keys = [f"scenario.{k}" for k in ScenarioInfo.model_fields]
    for name in Policy.model_fields:
        if name in ORG_TYPES:
            keys += [f"policy.{name}.{k}" for k in OrgPolicy.model_fields]
        else:
            keys.append(f"policy.{name}")
    keys += [f"weights.{k}" for k in Weights.model_fields]
    keys += [f"publication.{k}" for k in Publication.model_fields]
    for name in BalanceSettings.model_fields:
        if name in BALANCE_FLOORS:
            keys += [f"balance.{name}.{k}" for k in BALANCE_INDICATORS]
        else:
            keys.append(f"balance.{name}")
    return keys


def parse_override(text: str) -> tuple[list[str], Any]:
    """``policy.group.backbone_out_ratio=0.2`` → (path, value), the value read as TOML."""
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise InputError([Problem("--set", f"expected key=value, found '{text}'")])
    if key not in valid_keys():
        raise InputError(
            [Problem("--set", f"unknown key '{key}'; valid keys: {', '.join(valid_keys())}")]
        )
    raw = raw.strip()
    try:
        value = tomllib.loads(f"v = {raw}", parse_float=Decimal)["v"]
    except tomllib.TOMLDecodeError:
        value = raw
    return key.split("."), value


def apply_overrides(settings: dict[str, Any], overrides: list[str]) -> dict[str, Any]:
    """The settings with every ``--set`` applied; a bad value names the override that set it
    (``--set policy.group.backbone_out_ratio=1.5: must be at most 1``), not scenario.toml."""
    applied: dict[str, str] = {}
    for text in overrides:
        path, value = parse_override(text)
        patch: dict[str, Any] = {path[-1]: value}
        for part in reversed(path[:-1]):
            patch = {part: patch}
        settings = merge(settings, patch)
        applied[".".join(path)] = text.strip()
    if applied:
        check_overrides(settings, applied)
    return settings


PLAIN_WORDS = (
    (re.compile(r"^Input should be less than or equal to (.+)$"), r"must be at most \1"),
    (re.compile(r"^Input should be greater than or equal to (.+)$"), r"must be at least \1"),
    (re.compile(r"^Input should be less than (.+)$"), r"must be less than \1"),
    (re.compile(r"^Input should be greater than (.+)$"), r"must be more than \1"),
    (re.compile(r"^Input should be a valid integer.*$"), "must be a whole number"),
    (re.compile(r"^Input should be a valid decimal.*$"), "must be a number"),
    (re.compile(r"^Input should be (.+)$"), r"must be \1"),
)


def plain(message: str) -> str:
    """pydantic's wording in a planner's words ("Input should be less than or equal to 1" →
    "must be at most 1")."""
    for pattern, words in PLAIN_WORDS:
        if pattern.match(message):
            return pattern.sub(words, message)
    return message


def check_overrides(settings: Mapping[str, Any], applied: Mapping[str, str]) -> None:
    """Raise the problems of the overridden keys, each under its ``--set`` (the others are
    reported later, under scenario.toml, by ``build_settings``)."""
    try:
        build_settings(settings, SETTINGS_FILE)
    except InputError as exc:
        own = [
            Problem(f"--set {applied[p.column]}", plain(p.message))
            for p in exc.problems
            if p.column is not None and p.column in applied
        ]
        if own:
            raise InputError(own) from None


def check_unknown_keys(settings: Mapping[str, Any], origin: str) -> list[Problem]:
    known = set(valid_keys())
    problems = []

    def walk(prefix: str, table: Mapping[str, Any]) -> None:
        for key, value in table.items():
            dotted = f"{prefix}{key}"
            if isinstance(value, Mapping) and dotted in TABLES:
                walk(dotted + ".", value)
            elif dotted not in known:
                problems.append(Problem(origin, "unknown setting", column=dotted))

    walk("", settings)
    return problems


def build_settings(
    settings: Mapping[str, Any], origin: str
) -> tuple[ScenarioInfo, Policy, Weights, Publication, BalanceSettings]:
    """Validate the merged settings into models; each bad value names its dotted key."""
    problems = check_unknown_keys(settings, origin)
    built: dict[str, BaseModel] = {}
    for section, model in SECTIONS.items():
        data = settings.get(section, {})
        if not isinstance(data, Mapping):
            problems.append(Problem(origin, "must be a table", column=section))
            continue
        if section == "policy":
            data = dict(data)
            for org_type in OrgType:
                defaults = Policy.model_fields[org_type.value].default.model_dump()
                data[org_type.value] = {**defaults, **data.get(org_type.value, {})}
        if section == "balance":  # a floor given replaces its default, the others stay
            data = dict(data)
            for floor in BALANCE_FLOORS:
                defaults = BalanceSettings.model_fields[floor].get_default(
                    call_default_factory=True
                )
                data[floor] = {**defaults, **data.get(floor, {})}
        data = {k: v for k, v in data.items() if k in model.model_fields}
        try:
            built[section] = model.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                dotted = ".".join([section, *(str(p) for p in err["loc"])])
                problems.append(Problem(origin, err["msg"], column=dotted))
    policy = built.get("policy")
    if isinstance(policy, Policy) and policy.min_term_years > policy.max_term_years:
        problems.append(
            Problem(
                origin,
                f"must be at most max_term_years {policy.max_term_years} (an exchange lasts "
                f"min..max years), found {policy.min_term_years}",
                column="policy.min_term_years",
            )
        )
    if problems:
        raise InputError(problems)
    return (  # type: ignore[return-value]
        built["scenario"],
        built["policy"],
        built["weights"],
        built["publication"],
        built["balance"],
    )
