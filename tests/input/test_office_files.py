"""Real office files in: Chinese headers and values, full-width text, .xlsx, size limits."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cli import main
from solver.input.loader import InputError, load_scenario
from solver.input.tables import read_table
from tests.conftest import edit


def test_chinese_headers_and_values(basic: Path):
    (basic / "schools.csv").write_text(
        "学校代码,学校名称,所属区县,学段,区域,优质学校,纬度,经度,接收容量\n"
        "A,甲小学,连云区,小学,城区,是,34.60,119.20,5\n"
        "B,乙小学,连云区,小学,镇区,否,34.70,119.30,\n"
        "C,丙小学,连云区,九年一贯制,乡村,否,,,\n",
        encoding="utf-8",
    )
    edit(
        basic,
        "teachers.csv",
        "teacher_id,name,school_id,subject,backbone,role,gender",
        "工号,姓名,学校代码,学科,是否骨干,职务,性别",
    )
    edit(basic, "teachers.csv", "T1,张伟,A,语文,true,teacher,M", "T1,张伟,A,语文,是,教师,男")
    edit(basic, "organizations.csv", "G1,甲小学教育集团,group", "G1,甲小学教育集团,教育集团")
    s = load_scenario(basic)
    a = s.school_by_id["A"]
    assert (a.level, a.area, a.quality, a.capacity_in) == ("primary", "urban", True, 5)
    assert s.school_by_id["C"].level == "nine_year"
    t1 = s.teacher_by_id["T1"]
    assert (t1.gender, t1.role, t1.backbone) == ("M", "teacher", True)
    assert s.org_by_id["G1"].type == "group"


def test_full_width_digits_and_padding(basic: Path):
    edit(
        basic,
        "teachers.csv",
        "T1,张伟,A,语文,true,teacher,M,1980,2010",
        "T1, 张伟 ,Ａ,语文,true,teacher,M,１９８０,２０１０",
    )
    t1 = load_scenario(basic).teacher_by_id["T1"]
    assert (t1.name, t1.school_id, t1.birth_year, t1.school_since) == ("张伟", "A", 1980, 2010)


def write_xlsx(path: Path, sheets: dict[str, Path]) -> None:
    """A workbook with one sheet per CSV, numbers stored as numbers like Excel does."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for sheet, csv_path in sheets.items():
        ws = workbook.create_sheet(sheet)
        for line in csv_path.read_text(encoding="utf-8").splitlines():
            cells = line.split(",")
            ws.append([float(c) if c.replace(".", "", 1).isdigit() else c or None for c in cells])
    workbook.save(path)


def test_xlsx_file_per_table(basic: Path):
    write_xlsx(basic / "teachers.xlsx", {"Sheet1": basic / "teachers.csv"})
    (basic / "teachers.csv").unlink()
    s = load_scenario(basic)
    assert s.teacher_by_id["T1"].birth_year == 1980  # stored as 1980.0 in the workbook
    assert s.teacher_by_id["T7"].exempt_reason == "孕期"


def test_one_workbook_with_a_sheet_per_table(basic: Path):
    names = ["schools", "organizations", "memberships", "teachers", "demand"]
    write_xlsx(basic / "roster.xlsx", {n: basic / f"{n}.csv" for n in names})
    for n in names:
        (basic / f"{n}.csv").unlink()
    s = load_scenario(basic)
    assert len(s.teachers) == 9 and len(s.schools) == 3


def test_broken_xlsx_is_bad_input(basic: Path):
    (basic / "teachers.csv").unlink()
    (basic / "teachers.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    result = CliRunner().invoke(main, ["validate", str(basic)])
    assert result.exit_code == 2
    assert "teachers.xlsx" in result.output and "Traceback" not in result.output


def test_repeated_column(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text("teacher_id,工号\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="column 'teacher_id': column appears twice"):
        read_table(path)


def test_cell_size_limit(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\nx," + "y" * 10_001 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="row 2: a cell is over 10,000 characters"):
        read_table(path)


def test_row_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("solver.input.tables.MAX_ROWS", 3)
    path = tmp_path / "t.csv"
    path.write_text("a\n1\n2\n3\n4\n", encoding="utf-8")
    with pytest.raises(InputError, match="row 5: has more than 3 rows"):
        read_table(path)
