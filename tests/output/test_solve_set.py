"""Solve outputs: byte-identical with one worker and a seed, a certificate, a safe workbook."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from cli import main
from solver.generate import generate

# summary.json fields that measure time; every other byte of the outputs is deterministic.
TIMING_FIELDS = {"wall_time", "first_plan_time", "gap_1pct_time"}


def solve(scenario: Path, out: Path, *extra: str) -> None:
    args = ["solve", str(scenario), "-o", str(out), "--workers", "1", "--seed", "7", "--quiet"]
    result = CliRunner().invoke(main, [*args, *extra])
    assert result.exit_code == 0, result.output


def without_timing(data: object) -> object:
    if isinstance(data, dict):
        return {k: without_timing(v) for k, v in data.items() if k not in TIMING_FIELDS}
    if isinstance(data, list):
        return [without_timing(v) for v in data]
    return data


def test_same_inputs_seed_one_worker_give_identical_outputs(tmp_path: Path):
    generate("tiny", 2, tmp_path / "s")
    solve(tmp_path / "s", tmp_path / "a")
    solve(tmp_path / "s", tmp_path / "b")
    for name in ("assignments.csv", "compliance.csv", "schools.csv", "certificate.json",
                 "roster.xlsx", "roster.html", "publication.html"):  # fmt: skip
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    a, b = (json.loads((tmp_path / x / "summary.json").read_text("utf-8")) for x in "ab")
    assert without_timing(a) == without_timing(b)


def test_summary_records_settings_and_certificate_matches(tmp_path: Path):
    generate("tiny", 2, tmp_path / "s")
    solve(tmp_path / "s", tmp_path / "o", "--set", "weights.move=12")
    summary = json.loads((tmp_path / "o" / "summary.json").read_text("utf-8"))
    assert summary["overrides"] == ["weights.move=12"]
    assert summary["settings"]["weights"]["move"] == 12
    assert summary["settings"]["policy"]["group"]["backbone_out_ratio"] == "0.15"
    certificate = json.loads((tmp_path / "o" / "certificate.json").read_text("utf-8"))
    assert certificate["compliant"] is True
    assert certificate["cost_terms"] == summary["terms"]


def test_workbook_with_chinese_headers_and_escaped_cells(tmp_path: Path):
    generate("tiny", 2, tmp_path / "s")
    teachers = tmp_path / "s" / "teachers.csv"
    lines = teachers.read_text("utf-8").splitlines()
    header = lines[0].split(",")
    name_col = header.index("name")
    # Every teacher's name becomes a formula: whoever moves, the workbook must show it as text.
    rewritten = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        cells[name_col] = "=1+1"
        rewritten.append(",".join(cells))
    teachers.write_text("\n".join(rewritten) + "\n", "utf-8")
    solve(tmp_path / "s", tmp_path / "o", "--xlsx", "--lang", "zh")
    workbook = openpyxl.load_workbook(tmp_path / "o" / "plan.xlsx")
    assert workbook.sheetnames == ["交流名单", "合规检查", "学校", "摘要"]
    plan = workbook["交流名单"]
    headers = [c.value for c in plan[1]]
    assert headers[:2] == ["工号", "年度"]
    assert headers[5:8] == ["派出学校", "接收学校", "组织名称"]
    body = list(plan.iter_rows(min_row=2, values_only=True))
    # values are words, never codes alone
    assert {row[headers.index("骨干")] for row in body} <= {"是", "否"}
    assert {row[headers.index("职务")] for row in body} <= {
        "教师",
        "后备干部",
        "中层干部",
        "副校长",
    }
    schools = workbook["学校"]
    assert [c.value for c in schools[1]][:4] == ["学校代码", "学校名称", "年度", "学科"]
    assert "（全部）" in [r[3] for r in schools.iter_rows(min_row=2, values_only=True)]
    summary = dict(workbook["摘要"].iter_rows(min_row=2, values_only=True))
    assert summary["求解状态"] == "最优" and "成本项.交流人次" in summary
    assert summary["独立核查.全部合规"] == "是"
    names = [row[headers.index("姓名")] for row in plan.iter_rows(min_row=2, values_only=True)]
    assert names and all(n == "'=1+1" for n in names)
    assert all(c.data_type != "f" for row in plan.iter_rows() for c in row)
    csv_text = (tmp_path / "o" / "assignments.csv").read_text("utf-8-sig")
    assert ",'=1+1," in csv_text and ",=1+1," not in csv_text
