"""A 设置 (settings) sheet: the scenario.toml of a one-workbook scenario, as key/value rows.

A planner who keeps the whole scenario in one workbook writes each setting on a row: the key in
the first column (``policy.max_cadre_out_share``, or its Chinese label 干部外出最高比例 from the
glossary), the value in the second. A header row (设置项/值 or key/value) is optional. Values are
read as ``--set`` reads them (numbers exact, text as text), plus 是/否 and lists in one cell.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from solver.glossary import setting_label
from solver.input.problems import InputError, Problem
from solver.input.tables import CellError, parse_bool, parse_list
from solver.input.xlsx import xlsx_rows

HEADER_KEYS = frozenset({"key", "setting", "设置项", "设置", "项目", "名称"})
LIST_KEYS = frozenset({"subjects"})
BOOL_KEYS = frozenset({"allow_principals"})


def key_by_label() -> dict[str, str]:
    """Every dotted key by itself and by its Chinese label."""
    from solver.input.settings import valid_keys

    keys: dict[str, str] = {"extends": "extends"}
    for key in valid_keys():
        keys[key] = key
        keys[setting_label(key, "zh")] = key
    return keys


def cell_value(key: str, text: str) -> Any:
    """The value of a cell as scenario.toml would hold it."""
    leaf = key.rsplit(".", 1)[-1]
    if leaf in LIST_KEYS:
        return list(parse_list(text))
    if leaf in BOOL_KEYS:
        return parse_bool(text)
    try:
        return tomllib.loads(f"v = {text}", parse_float=Decimal)["v"]
    except tomllib.TOMLDecodeError:
        return text


def sheet_settings(path: Path, sheet: str) -> dict[str, Any]:
    """The nested settings of ``sheet`` in workbook ``path``; a row with an unknown key or a
    bad value is reported with its row and column, all of them at once."""
    label = f"{path.name}[{sheet}]"
    keys = key_by_label()
    settings: dict[str, Any] = {}
    problems: list[Problem] = []
    for row, cells in xlsx_rows(path, sheet):
        key_text = cells[0].strip() if cells else ""
        value_text = cells[1].strip() if len(cells) > 1 else ""
        if not key_text or (row == 1 and key_text.lower() in HEADER_KEYS):
            continue
        key = keys.get(key_text)
        if key is None:
            problems.append(Problem(label, f"unknown setting '{key_text}'", row, "A"))
            continue
        if value_text == "":
            continue  # a blank value keeps the default, as a blank cell does in every table
        try:
            value = cell_value(key, value_text)
        except CellError as exc:
            problems.append(Problem(label, str(exc), row, "B"))
            continue
        table = settings
        *parents, leaf = key.split(".")
        for part in parents:
            table = table.setdefault(part, {})
        if leaf in table:
            problems.append(Problem(label, f"'{key}' is set twice", row, "A"))
        table[leaf] = value
    if problems:
        raise InputError(problems)
    return settings
