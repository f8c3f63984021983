"""Re-planning input (SPEC §6): replan_from, history.csv, exempt_from/exempt_until, school_since.

Every bad input exits 2 naming file, row and column and writes nothing; the legal cases load.
tests/data/basic is a 2023-2025 cycle; A leads G1 (members B, C) and P1 (member B).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from solver.input.loader import load_scenario
from tests.conftest import edit

HISTORY = "teacher_id,year,home_school_id,host_school_id,org_id\n"


def replan_from(folder: Path, year: int) -> None:
    edit(folder, "scenario.toml", "cycle_years = 3", f"cycle_years = 3\nreplan_from = {year}")


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def bad(folder: Path, *pieces: str) -> None:
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for piece in pieces:
        assert piece in result.output, f"{piece!r} not in:\n{result.output}"


def teachers_edit(old: str, new: str):
    return lambda f: edit(f, "teachers.csv", old, new)


# (what is changed in tests/data/basic, pieces of the message)
BAD_INPUT = {
    "replan_from before the cycle": (
        lambda f: replan_from(f, 2022),
        ("scenario.toml", "'scenario.replan_from'", "replan_from 2022 is outside the cycle"),
    ),
    "replan_from after the cycle": (
        lambda f: replan_from(f, 2026),
        ("scenario.toml", "'scenario.replan_from'", "outside the cycle 2023-2025"),
    ),
    "history.csv missing when needed": (
        lambda f: replan_from(f, 2024),
        ("history.csv", "required file is missing", "replan_from 2024"),
    ),
    "history year outside the cycle": (
        lambda f: (replan_from(f, 2024), write(f, "history.csv", HISTORY + "T1,2022,A,B,G1\n")),
        ("history.csv", "row 2", "'year'", "year 2022 is outside the cycle"),
    ),
    "history unknown home school": (
        lambda f: (replan_from(f, 2024), write(f, "history.csv", HISTORY + "T1,2023,Q,B,G1\n")),
        ("history.csv", "row 2", "'home_school_id'", "unknown school 'Q'"),
    ),
    "history unknown host school": (
        lambda f: (replan_from(f, 2024), write(f, "history.csv", HISTORY + "T1,2023,A,Q,G1\n")),
        ("history.csv", "row 2", "'host_school_id'", "unknown school 'Q'"),
    ),
    "history unknown org": (
        lambda f: (replan_from(f, 2024), write(f, "history.csv", HISTORY + "T1,2023,A,B,G9\n")),
        ("history.csv", "row 2", "'org_id'", "unknown organization 'G9'"),
    ),
    "history second row for a teacher and year": (
        lambda f: (
            replan_from(f, 2024),
            write(f, "history.csv", HISTORY + "T1,2023,A,B,G1\nT1,2023,A,C,G1\n"),
        ),
        ("history.csv", "row 3", "'teacher_id+year'", "duplicate"),
    ),
    "history: every row is checked, the future ones too": (
        lambda f: (replan_from(f, 2024), write(f, "history.csv", HISTORY + "T1,2025,A,Q,G1\n")),
        ("history.csv", "row 2", "'host_school_id'", "unknown school 'Q'"),
    ),
    "history malformed year": (
        lambda f: (replan_from(f, 2024), write(f, "history.csv", HISTORY + "T1,20x3,A,B,G1\n")),
        ("history.csv", "row 2", "'year'", "expected a whole number"),
    ),
    "history missing column": (
        lambda f: (replan_from(f, 2024), write(f, "history.csv", "teacher_id,year\nT1,2023\n")),
        ("history.csv", "row 1", "'org_id'", "required column is missing"),
    ),
    "school_since after replan_from": (
        lambda f: (
            replan_from(f, 2024),
            write(f, "history.csv", HISTORY),
            edit(f, "teachers.csv", "1990,2023", "1990,2025"),
        ),
        ("teachers.csv", "row 6", "'school_since'", "year 2025 is after replan_from 2024"),
    ),
    "school_since after cycle_start without re-planning": (
        teachers_edit("1990,2023", "1990,2024"),
        ("teachers.csv", "row 6", "'school_since'", "year 2024 is after cycle_start 2023"),
    ),
    "exempt_from without exempt": (
        lambda f: (
            edit(f, "teachers.csv", "last_rotation_end", "last_rotation_end,exempt_from"),
            edit(f, "teachers.csv", "1980,2010,false,,", "1980,2010,false,,,2024"),
        ),
        ("teachers.csv", "row 2", "'exempt_from'", "not exempt"),
    ),
    "exempt_until without exempt": (
        lambda f: (
            edit(f, "teachers.csv", "last_rotation_end", "last_rotation_end,exempt_until"),
            edit(f, "teachers.csv", "1980,2010,false,,", "1980,2010,false,,,2024"),
        ),
        ("teachers.csv", "row 2", "'exempt_until'", "not exempt"),
    ),
    "both without exempt: exempt_from is named": (
        lambda f: (
            edit(
                f, "teachers.csv", "last_rotation_end", "last_rotation_end,exempt_from,exempt_until"
            ),
            edit(f, "teachers.csv", "1980,2010,false,,", "1980,2010,false,,,2024,2025"),
        ),
        ("teachers.csv", "row 2", "'exempt_from'", "not exempt"),
    ),
    "exempt_until before exempt_from": (
        lambda f: (
            edit(
                f, "teachers.csv", "last_rotation_end", "last_rotation_end,exempt_from,exempt_until"
            ),
            edit(f, "teachers.csv", "2018,true,孕期,", "2018,true,孕期,,2025,2024"),
        ),
        ("teachers.csv", "row 8", "'exempt_until'", "before exempt_from"),
    ),
}


@pytest.mark.parametrize("case", BAD_INPUT, ids=list(BAD_INPUT))
def test_bad_replan_input_exits_2(basic: Path, case: str) -> None:
    change, pieces = BAD_INPUT[case]
    change(basic)
    bad(basic, *pieces)


def test_history_splits_at_replan_from(basic: Path) -> None:
    # T99 left the school (not in teachers.csv): legal. T5 joined B in 2024 (school_since up
    # to replan_from): legal, tenure at cycle_start 2023 - 2024 = -1, never eligible.
    replan_from(basic, 2024)
    edit(basic, "teachers.csv", "1990,2023", "1990,2024")
    write(basic, "history.csv", HISTORY + "T99,2023,A,B,G1\nT1,2023,A,B,G1\nT1,2024,A,B,G1\n")
    s = load_scenario(basic)
    assert s.replan_from == 2024 and list(s.open_years) == [2024, 2025]
    assert [(a.teacher_id, a.year) for a in s.history] == [("T99", 2023), ("T1", 2023)]
    assert [a.teacher_id for a in s.departed_history] == ["T99"]
    reference, years = s.change_reference
    assert [(a.teacher_id, a.year) for a in reference] == [("T1", 2024)] and years == range(
        2024, 2026
    )
    assert not s.is_eligible(s.teacher_by_id["T5"])


def test_history_with_chinese_headers(basic: Path) -> None:
    replan_from(basic, 2024)
    write(basic, "history.csv", "工号,年度,派出学校代码,接收学校代码,组织代码\nT1,2023,A,B,G1\n")
    assert [a.host_school_id for a in load_scenario(basic).history] == ["B"]


def test_history_at_cycle_start_is_only_the_reference(basic: Path) -> None:
    write(basic, "history.csv", HISTORY + "T1,2023,A,B,G1\n")
    s = load_scenario(basic)
    assert s.history == () and s.change_reference[1] == range(2023, 2026)


def test_reference_plan_wins_over_history(basic: Path) -> None:
    replan_from(basic, 2024)
    write(basic, "history.csv", HISTORY + "T1,2024,A,B,G1\n")
    write(basic, "reference_plan.csv", HISTORY + "T1,2023,A,B,G1\n")
    reference, years = load_scenario(basic).change_reference
    assert [a.year for a in reference] == [2023] and years == range(2023, 2026)


@pytest.mark.parametrize(
    ("exempt_from", "exempt_until", "exempt_years"),
    [("", "", [2023, 2024, 2025]), ("2024", "", [2024, 2025]), ("", "2023", [2023]),
     ("2024", "2024", [2024])],
)  # fmt: skip
def test_exemption_by_year(basic: Path, exempt_from: str, exempt_until: str, exempt_years) -> None:
    # T7 is exempt (孕期); the window limits it to those years, eligible in the others.
    edit(basic, "teachers.csv", "last_rotation_end", "last_rotation_end,exempt_from,exempt_until")
    edit(basic, "teachers.csv", "2018,true,孕期,", f"2018,true,孕期,,{exempt_from},{exempt_until}")
    s = load_scenario(basic)
    t7 = s.teacher_by_id["T7"]
    assert [y for y in s.years if not s.is_eligible_in(t7, y)] == exempt_years


def test_validate_shows_the_history_and_what_is_left(basic: Path) -> None:
    # T99 left after serving 2023; T5 joined B in 2024; T7 is exempt in 2025 only. G1 (lead A,
    # members B, C) exchanges 1 cadre each way per cycle: T2 (middle cadre of A) served A->B in
    # 2023, so A->B needs 0 more; B->A still needs 1.
    replan_from(basic, 2024)
    edit(basic, "teachers.csv", "1990,2023", "1990,2024")
    edit(basic, "teachers.csv", "last_rotation_end", "last_rotation_end,exempt_from,exempt_until")
    edit(basic, "teachers.csv", "2018,true,孕期,", "2018,true,孕期,,2025,2025")
    # T98 was published for 2025 only and left before serving: gone too.
    write(basic, "history.csv", HISTORY + "T99,2023,A,C,G1\nT2,2023,A,B,G1\nT98,2025,A,B,G1\n")
    result = CliRunner().invoke(main, ["validate", str(basic)])
    assert result.exit_code == 0, result.output
    for piece in [
        "re-planning from 2024: served 2023-2023",
        "history rows     2023: 2",
        "left             2 teacher(s) of the published plan, 1 served row(s): T98, T99",
        "joined           1 teacher(s) since the cycle began: T5",
        "T7 (C) 2025-2025 孕期",
        "cadres A->B in the cycle (1 served)",
    ]:
        assert piece in result.output, f"{piece!r} not in:\n{result.output}"


def test_history_as_a_workbook_with_chinese_headers(basic: Path) -> None:
    from openpyxl import Workbook

    replan_from(basic, 2024)
    book = Workbook()
    sheet = book.active
    sheet.append(["工号", "年度", "原学校代码", "交流学校代码", "组织代码"])
    sheet.append(["T1", 2023, "A", "B", "G1"])
    book.save(basic / "history.xlsx")
    assert [(a.teacher_id, a.year) for a in load_scenario(basic).history] == [("T1", 2023)]


def test_validate_flags_a_lock_that_contradicts_history(basic: Path) -> None:
    # T1 served A->B in 2023 (history); a lock keeps T1 at home in 2023: no plan can keep it.
    replan_from(basic, 2024)
    write(basic, "history.csv", HISTORY + "T1,2023,A,B,G1\n")
    write(basic, "locked.csv", "teacher_id,year,school_id\nT1,2023,A\n")
    result = CliRunner().invoke(main, ["validate", str(basic)])
    assert result.exit_code == 1, result.output
    assert "2023 is served and the history has them at" in result.output
