"""Outputs as one Excel workbook (``--xlsx``): sheets plan, compliance, schools, summary.

Headers in English or Chinese (``--lang``); text that a spreadsheet would run as a formula is
escaped exactly as in the CSV files.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from solver.output.files import safe_cell

SHEETS = {"plan": "assignments.csv", "compliance": "compliance.csv", "schools": "schools.csv"}

ZH_HEADERS = {
    "teacher_id": "工号",
    "year": "学年",
    "home_school_id": "原学校代码",
    "host_school_id": "交流学校代码",
    "org_id": "组织代码",
    "name": "姓名",
    "subject": "学科",
    "backbone": "是否骨干",
    "role": "职务",
    "rule": "规则",
    "org": "组织",
    "school": "学校",
    "school_id": "学校代码",
    "school_name": "学校名称",
    "teacher": "教师",
    "need": "要求",
    "actual": "实际",
    "slack": "余量",
    "ok": "是否满足",
    "sentence": "说明",
    "staff": "在编",
    "out": "派出",
    "in": "接收",
    "present": "在岗",
    "min_staff": "最低配备",
    "key": "项目",
    "value": "值",
}
ZH_SHEETS = {"plan": "交流名单", "compliance": "合规检查", "schools": "学校", "summary": "摘要"}


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

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    zh = lang == "zh"
    for sheet, file_name in SHEETS.items():
        ws = workbook.create_sheet(ZH_SHEETS[sheet] if zh else sheet)
        with (folder / file_name).open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        header, body = rows[0], rows[1:]
        ws.append([ZH_HEADERS.get(h, h) if zh else h for h in header])
        for row in body:
            ws.append([cell(v) if not v.startswith("'") else v for v in row])
    ws = workbook.create_sheet(ZH_SHEETS["summary"] if zh else "summary")
    ws.append([ZH_HEADERS["key"], ZH_HEADERS["value"]] if zh else ["key", "value"])
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    for key, value in flatten(summary):
        ws.append([key, value if isinstance(value, int | float) else safe_cell(value)])
    workbook.save(target)
