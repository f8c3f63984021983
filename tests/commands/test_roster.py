"""``rotation roster SCENARIO PLAN -o OUT``: the lists of any plan, also one made by hand."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from click.testing import CliRunner

from cli import main
from solver.output.roster import HEADER_ROW

DATA = Path(__file__).parents[1] / "data" / "basic"


def test_roster_of_a_hand_made_plan(tmp_path: Path):
    # 张伟 (T1, backbone) serves at 乙小学 under the group in 2024; 李娜 (T2, middle cadre)
    # at 丙小学 in 2023. The roster lists both, in words, whatever the audit thinks of the plan.
    plan = tmp_path / "plan.csv"
    plan.write_text(
        "teacher_id,year,home_school_id,host_school_id,org_id\nT1,2024,A,B,G1\nT2,2023,A,C,G1\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["roster", str(DATA), str(plan), "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "2 rows" in result.output
    wb = openpyxl.load_workbook(tmp_path / "o" / "roster.xlsx")
    rows = list(wb["甲小学教育集团"].iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    assert rows == [
        (2023, "T2", "李娜", "数学", "是", "中层干部", "甲小学", "丙小学"),
        (2024, "T1", "张伟", "语文", "是", "教师", "甲小学", "乙小学"),
    ]
    assert list(wb["甲乙结对"].iter_rows(min_row=HEADER_ROW + 1, values_only=True)) == []
    assert "张伟" in (tmp_path / "o" / "roster.html").read_text("utf-8")
    # never overwritten without --force
    again = CliRunner().invoke(main, ["roster", str(DATA), str(plan), "-o", str(tmp_path / "o")])
    assert again.exit_code == 2


def test_roster_in_english(tmp_path: Path):
    plan = tmp_path / "plan.csv"
    plan.write_text(
        "teacher_id,year,home_school_id,host_school_id,org_id\nT2,2023,A,C,G1\n", encoding="utf-8"
    )
    args = ["roster", str(DATA), str(plan), "-o", str(tmp_path / "o"), "--lang", "en"]
    assert CliRunner().invoke(main, args).exit_code == 0
    wb = openpyxl.load_workbook(tmp_path / "o" / "roster.xlsx")
    assert wb.sheetnames[:2] == ["Public list", "Summary"]
    ws = wb["甲小学教育集团"]
    assert [c.value for c in ws[HEADER_ROW]][:3] == ["year", "teacher id", "name"]
    assert next(ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True))[4:6] == (
        "yes",
        "middle cadre",
    )
