"""Messages point at the real cause (issue 10): the workbook and sheet, one line per cause,
what a missing column may be called, and locks pasted from a plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from solver.input.loader import InputError, load_scenario
from solver.input.problems import Problem
from tests.conftest import edit
from tests.input.test_office_files import write_xlsx

TABLES = ["schools", "organizations", "memberships", "teachers", "demand"]


def problems_of(folder: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        load_scenario(folder)
    return caught.value


def test_a_sheet_of_one_workbook_is_named_as_such(basic: Path):
    edit(basic, "teachers.csv", "T5,陈静,B,", "T5,陈静,ZZ,")
    write_xlsx(basic / "数据.xlsx", {n: basic / f"{n}.csv" for n in TABLES})
    for n in TABLES:
        (basic / f"{n}.csv").unlink()
    text = problems_of(basic).render()
    # T5 is on line 6 of the sheet (header on line 1).
    assert "数据.xlsx[teachers], row 6, column 'school_id': unknown school 'ZZ'" in text
    assert "teachers.csv" not in text


def test_many_problems_of_one_cause_are_one_line_with_row_ranges(basic: Path):
    # School B is gone: teachers T5 and T6 (rows 6-7), memberships G1,B and P1,B (rows 2, 4),
    # demand B,语文 (row 3) and the pairing P1 (no longer a partner) all point at it.
    edit(basic, "schools.csv", "B,乙小学,连云区,primary,town,false,34.70,119.30,\n", "")
    error = problems_of(basic)
    lines = error.render().splitlines()
    unknown_b = [line for line in lines if line.startswith("unknown school 'B'")]
    assert unknown_b == [
        "unknown school 'B': memberships.csv rows 2, 4 (2 rows), teachers.csv rows 6-7 "
        "(2 rows), demand.csv row 3, column 'school_id'"
    ]
    assert lines[-1] == f"({len(error.problems)} problems in all)"
    assert len(error.problems) == 5


def test_the_count_stays_exact_beyond_the_line_limit():
    problems = [Problem("t.csv", f"bad value {i}", i, "x") for i in range(60)]
    problems += [Problem("t.csv", "unknown school 'S'", i, "school_id") for i in range(100, 140)]
    text = InputError(problems).render()
    assert "... and 50 more problems" in text  # 10 one-problem lines and the 40 of one cause
    assert text.endswith("(100 problems in all)")
    assert "unknown school 'S'" not in text  # the 51st line


@pytest.mark.parametrize(
    ("header", "missing", "accepted"),
    [
        ("工号,教师姓名,所在学校", "school_id", "'school_id' (or in Chinese: 学校代码, 学校编号"),
        ("工号,教师姓名,所在学校", "name", "'name' (or in Chinese: 学校名称, 组织名称, 姓名)"),
    ],
)
def test_a_missing_column_lists_the_headers_found_and_the_names_accepted(
    basic: Path, header: str, missing: str, accepted: str
):
    text = (basic / "teachers.csv").read_text(encoding="utf-8").splitlines()
    old = "teacher_id,name,school_id"
    (basic / "teachers.csv").write_text(
        "\n".join([text[0].replace(old, header), *text[1:]]) + "\n", encoding="utf-8"
    )
    rendered = problems_of(basic).render()
    line = next(x for x in rendered.splitlines() if f"column '{missing}'" in x.split(":")[0])
    assert "the header row has 'teacher_id', '教师姓名', '所在学校', 'subject'" in line
    assert accepted in line


def test_locked_rows_pasted_from_assignments(basic: Path):
    (basic / "locked.csv").write_text(
        "teacher_id,year,home_school_id,host_school_id,org_id,name\nT1,2024,A,B,G1,张伟\n",
        encoding="utf-8",
    )
    warnings: list[str] = []
    scenario = load_scenario(basic, warnings=warnings)
    lock = scenario.locks[0]
    assert (lock.teacher_id, lock.year, lock.school_id) == ("T1", 2024, "B")
    assert "locked.csv: column 'host_school_id' read as 'school_id'" in warnings
    assert "locked.csv: extra columns ignored: home_school_id, org_id, name" in warnings


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("policy.group.backbone_out_ratio=1.5", "must be at most 1"),
        ("policy.group.reciprocity=abc", "must be 'per_member', 'aggregate', 'per_school'"),
        ("weights.move=abc", "must be a whole number"),
    ],
)
def test_a_bad_override_names_the_override(basic: Path, override: str, message: str):
    with pytest.raises(InputError) as caught:
        load_scenario(basic, [override])
    text = caught.value.render()
    assert text.startswith(f"--set {override}: {message}")
    assert "scenario.toml" not in text
