"""Reading plan files: ours, and the ones people save from spreadsheets (SPEC §3)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from solver.input.loader import InputError
from solver.input.plan import PlanRow, as_plan_rows, read_plan
from solver.output.files import write_csv
from solver.scenario import Assignment

HEADER = "teacher_id,year,home_school_id,host_school_id,org_id,name\n"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_reads_rows_with_line_numbers_skipping_blank_lines(tmp_path: Path):
    text = HEADER + "T1,2023,A,B,G1,张伟\n\n,,,,,\nT2, 2024 ,A,C,G1,李娜\n"
    rows = read_plan(write(tmp_path / "plan.csv", text))
    assert rows == [
        PlanRow("T1", 2023, "A", "B", "G1", line=2),
        PlanRow("T2", 2024, "A", "C", "G1", line=5),
    ]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk", "gb18030"])
def test_excel_encodings(tmp_path: Path, encoding: str):
    # Excel saves "CSV UTF-8" with a BOM, and plain "CSV" in the system code page (GBK).
    path = write(tmp_path / "plan.csv", HEADER + "T1,2023,A,B,G1,张伟\r\n", encoding)
    assert read_plan(path) == [PlanRow("T1", 2023, "A", "B", "G1", line=2)]


def test_folder_holding_assignments_csv(tmp_path: Path):
    write(tmp_path / "assignments.csv", HEADER + "T1,2023,A,B,G1,x\n")
    assert [r.teacher_id for r in read_plan(tmp_path)] == ["T1"]


def test_our_own_output_round_trips(tmp_path: Path):
    # write_csv adds a BOM and escapes a formula-like id with an apostrophe; reading undoes it.
    path = tmp_path / "assignments.csv"
    write_csv(path, HEADER.strip().split(","), [["-T1", 2023, "A", "B", "G1", "=cmd"]])
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert read_plan(path) == [PlanRow("-T1", 2023, "A", "B", "G1", line=2)]


def test_duplicates_and_unknown_ids_are_not_input_errors(tmp_path: Path):
    # Judging the content is the audit's job (H1); the reader keeps every row.
    text = HEADER + "T1,2023,A,B,G1,\nT1,2023,A,B,G1,\nZZ,1999,?,?,?,\n"
    assert len(read_plan(write(tmp_path / "plan.csv", text))) == 3


def problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        read_plan(path)
    return [str(p) for p in info.value.problems]


def test_missing_required_column(tmp_path: Path):
    path = write(
        tmp_path / "plan.csv", "teacher_id,year,home_school_id,host_school_id\nT1,2023,A,B\n"
    )
    [found] = problems(path)
    assert found.startswith(f"{path}, row 1, column 'org_id': required column is missing; ")
    assert "the header row has 'teacher_id', 'year', 'home_school_id', 'host_school_id'" in found
    assert found.endswith("name the column 'org_id' (or in Chinese: 组织代码, 组织编号)")


def test_year_that_is_not_a_whole_number(tmp_path: Path):
    text = HEADER + "T1,2023,A,B,G1,\nT2,2023年,A,B,G1,\nT3,,A,B,G1,\nT4,2023.5,A,B,G1,\n"
    found = problems(write(tmp_path / "plan.csv", text))
    assert [p.split(": ")[0] for p in found] == [
        f"{tmp_path / 'plan.csv'}, row {n}, column 'year'" for n in (3, 4, 5)
    ]
    assert "2023年" in found[0]


def test_not_a_csv(tmp_path: Path):
    path = tmp_path / "plan.csv"
    path.write_bytes(b"PK\x03\x04\x00\x00binary")
    assert "plan.csv" in problems(path)[0]


def test_empty_file(tmp_path: Path):
    assert "plan.csv" in problems(write(tmp_path / "plan.csv", ""))[0]


def test_folder_without_a_plan(tmp_path: Path):
    assert "holds no assignments.csv" in problems(tmp_path)[0]


def test_solver_assignments_become_rows():
    a = Assignment(teacher_id="T1", year=2023, home_school_id="A", host_school_id="B", org_id="G")
    assert as_plan_rows([a]) == [PlanRow("T1", 2023, "A", "B", "G")]


def test_xlsx_plan(tmp_path: Path):
    book = openpyxl.Workbook()
    book.active.append(HEADER.strip().split(","))
    book.active.append(["T1", 2023, "A", "B", "G1", "张伟"])
    book.save(tmp_path / "plan.xlsx")
    assert read_plan(tmp_path / "plan.xlsx") == [PlanRow("T1", 2023, "A", "B", "G1", line=2)]
