"""Outputs as one Excel workbook (``--xlsx``): sheets plan, compliance, schools, summary.

Headers in English or Chinese (``--lang``); in Chinese the headers, sheet names, summary keys
and coded values (是/否, 副校长, 最优) are the glossary's words. Text that a spreadsheet would run
as a formula is escaped exactly as in the CSV files.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from solver.glossary import Lang, check_lang, header, say, summary_key, value_word
from solver.output.files import safe_cell

SHEETS = {"plan": "assignments.csv", "compliance": "compliance.csv", "schools": "schools.csv"}

SHEET_WORDS = {
    "plan": "plan_sheet",
    "compliance": "compliance_sheet",
    "schools": "schools_sheet",
    "summary": "summary_json_sheet",
}
"""Sheet names by the glossary's label keys (Chinese names with ``--lang zh``)."""
SHEET_COLUMNS = {"schools": {"name": "school_name"}}
"""Columns whose header depends on the sheet: schools.csv's ``name`` is the school's name."""


def sheet_name(sheet: str, lang: Lang) -> str:
    return say(SHEET_WORDS[sheet], lang) if lang == "zh" else sheet


def column_header(sheet: str, column: str, lang: Lang) -> str:
    """The header of ``column`` in ``sheet``: the glossary's word in Chinese, else the id."""
    if lang != "zh":
        return column
    return header(SHEET_COLUMNS.get(sheet, {}).get(column, column), lang)


def words(column: str, text: str, lang: Lang) -> str:
    """A CSV cell in words (true -> 是, vice_principal -> 副校长, (all) -> （全部）) in Chinese."""
    if lang != "zh":
        return text
    return str(value_word(column, text, lang))


def cell(value: str) -> Any:
    """Numbers as numbers (so sums work in Excel), everything else as safe text."""
    try:
        return int(value)
    except ValueError:
        pass
    try:
        return float(value) if value.strip() not in ("", "nan", "inf", "-inf") else value
    except ValueError:
        return safe_cell(value)


def flatten(data: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """summary.json as key/value rows: nested keys joined with dots."""
    if isinstance(data, dict):
        rows: list[tuple[str, Any]] = []
        for k, v in data.items():
            rows += flatten(v, f"{prefix}{k}.")
        return rows
    if isinstance(data, list):
        return [(prefix.rstrip("."), json.dumps(data, ensure_ascii=False))]
    return [(prefix.rstrip("."), data)]


def write_workbook(folder: Path, target: Path, lang: str = "en") -> None:
    """Write ``target`` (.xlsx) from the CSV and JSON outputs already in ``folder``."""
    import openpyxl

    language = check_lang(lang)
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for sheet, file_name in SHEETS.items():
        ws = workbook.create_sheet(sheet_name(sheet, language))
        with (folder / file_name).open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        columns, body = rows[0], rows[1:]
        ws.append([column_header(sheet, h, language) for h in columns])
        for row in body:
            ws.append(
                [
                    v if v.startswith("'") else cell(words(column, v, language))
                    for column, v in zip(columns, row, strict=False)
                ]
            )
    ws = workbook.create_sheet(sheet_name("summary", language))
    ws.append(
        [column_header("summary", "key", language), column_header("summary", "value", language)]
    )
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    for key, value in flatten(summary):
        last = key.rsplit(".", 1)[-1]
        if isinstance(value, bool) or (isinstance(value, str) and last == "status"):
            value = value_word(last, value, language) if language == "zh" else value
        shown = key if language != "zh" else summary_key(key, language)
        ws.append([safe_cell(shown), value if isinstance(value, int | float) else safe_cell(value)])
    workbook.save(target)
