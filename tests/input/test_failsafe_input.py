"""Issue 19: input a careless spreadsheet or a hostile user gives is read right or refused.

Invisible characters in ids, ids that differ only in case, formulas without a cached value,
min_term_years above max_term_years, implausible ages and tenures, negative cost weights.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cli import main
from solver.input.loader import InputError, load_scenario
from solver.input.plan import read_plan
from tests.conftest import edit

INVISIBLE = {
    "zero-width space": "\u200b",
    "byte-order mark inside a cell": "\ufeff",
    "word joiner": "\u2060",
    "zero-width non-joiner": "\u200c",
    "left-to-right mark": "\u200e",
    "soft hyphen": "\u00ad",
}


def validate(folder: Path, *args: str):
    """``rotation validate``; tests/data/basic cannot be planned as given (exit 1), which
    these tests do not look at: only bad input (exit 2) and the warnings."""
    return CliRunner().invoke(main, ["validate", str(folder), *args])


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=list(INVISIBLE))
def test_invisible_twin_of_a_teacher_id_is_a_duplicate(basic: Path, char: str):
    # T9 written again as T8 plus an invisible character: before, a tenth teacher "T8?"
    # that could be rotated; now the same id as row 9's T8, so a duplicate (exit 2).
    edit(basic, "teachers.csv", "T9,周杰", f"T{char}8,周杰")
    result = validate(basic)
    assert result.exit_code == 2, result.output
    assert "teachers.csv" in result.output and "row 10" in result.output
    assert "duplicate teacher_id 'T8'" in result.output


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=list(INVISIBLE))
def test_invisible_characters_are_stripped_from_every_id_column(basic: Path, char: str):
    edit(basic, "teachers.csv", "T5,陈静,B", f"{char}T5{char},陈静,B{char}")
    edit(basic, "memberships.csv", "G1,C", f"G1{char},C")
    edit(
        basic, "organizations.csv", "G1,甲小学教育集团,group,A", f"G1,甲小学教育集团,group,A{char}"
    )
    (basic / "preferences.csv").write_text(
        f"teacher_id,school_id,weight\nT{char}5,A{char},3\n", encoding="utf-8"
    )
    s = load_scenario(basic)
    assert s.teacher_by_id["T5"].school_id == "B"
    assert s.org_by_id["G1"].lead_school_id == "A" and s.org_by_id["G1"].members == ("B", "C")
    assert [(p.teacher_id, p.school_id) for p in s.preferences] == [("T5", "A")]


def test_invisible_characters_are_stripped_from_a_plan_read_by_audit(tmp_path: Path):
    plan = tmp_path / "assignments.csv"
    plan.write_text(
        "teacher_id,year,home_school_id,host_school_id,org_id\nT1\u200b,2023,\ufeffA,B\u2060,G1\n",
        encoding="utf-8",
    )
    (row,) = read_plan(plan)
    assert (row.teacher_id, row.home_school_id, row.host_school_id, row.org_id) == (
        "T1",
        "A",
        "B",
        "G1",
    )


def test_ids_differing_only_in_case_are_warned_about(basic: Path):
    edit(basic, "teachers.csv", "T9,周杰", "t8,周杰")
    result = validate(basic)
    assert result.exit_code != 2, result.output  # a warning, not bad input
    assert "teachers.csv, row 10" in result.output
    assert "'t8'" in result.output and "'T8'" in result.output and "case" in result.output


# ---- xlsx formulas without a cached value


def formula_workbook(path: Path, csv_path: Path, formulas: dict[str, str]) -> None:
    """teachers.csv as a workbook written by a script: some cells hold formulas that no
    spreadsheet program has calculated, so the file stores no value for them."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "teachers"
    for line in csv_path.read_text(encoding="utf-8").splitlines():
        sheet.append([c or None for c in line.split(",")])
    for cell, formula in formulas.items():
        sheet[cell] = formula
    workbook.save(path)


def test_formula_without_cached_value_is_bad_input(basic: Path):
    # H8 is T7's birth_year (column H, row 8 is T7); the script wrote =1960+25 and nothing
    # calculated it: before, read as blank, so the teacher silently had no age at all.
    formula_workbook(basic / "teachers.xlsx", basic / "teachers.csv", {"H8": "=1960+25"})
    (basic / "teachers.csv").unlink()
    result = validate(basic)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for piece in ("teachers.xlsx[teachers]", "row 8", "'birth_year'", "formula", "=1960+25"):
        assert piece in result.output, f"{piece!r} not in {result.output}"


def test_formula_with_cached_value_is_read(basic: Path, tmp_path: Path):
    # The same workbook after a spreadsheet program saved it: the value is stored beside the
    # formula, and that value is what the planner saw.
    path = basic / "teachers.xlsx"
    formula_workbook(path, basic / "teachers.csv", {"H8": "=1960+25"})
    add_cached_value(path, "H8", "1985")
    (basic / "teachers.csv").unlink()
    assert load_scenario(basic).teacher_by_id["T7"].birth_year == 1985


def add_cached_value(path: Path, cell: str, value: str) -> None:
    """Store ``value`` as the calculated result of the formula in ``cell`` (what Excel does
    when it saves), editing the sheet's XML in place."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    name = "xl/worksheets/sheet1.xml"
    xml = parts[name].decode("utf-8")
    start = xml.index(f'<c r="{cell}"')
    end = xml.index("</c>", start)
    cell_xml = xml[start:end]
    formula_end = cell_xml.index("</f>") + len("</f>")
    fixed = cell_xml[:formula_end] + f"<v>{value}</v>"
    parts[name] = (xml[:start] + fixed + xml[end:]).encode("utf-8")
    with zipfile.ZipFile(path, "w") as z:
        for part, data in parts.items():
            z.writestr(part, data)


# ---- policy and plausibility (item 11)


def test_min_term_above_max_term_is_bad_input(basic: Path):
    result = validate(basic, "--set", "policy.min_term_years=3")
    assert result.exit_code == 2, result.output
    assert "--set policy.min_term_years=3" in result.output
    assert "max_term_years 1" in result.output


def test_min_term_above_max_term_in_scenario_toml(basic: Path):
    with (basic / "scenario.toml").open("a", encoding="utf-8") as f:
        f.write("\n[policy]\nmin_term_years = 2\nmax_term_years = 1\n")
    with pytest.raises(InputError, match=r"policy\.min_term_years"):
        load_scenario(basic)


PLAUSIBILITY = {
    # cycle_start 2023: born 2010 is 13, born 1940 is 83, born 1980 and at the school since
    # 1995 joined at 15.
    "younger than 18": (
        ("T1,张伟,A,语文,true,teacher,M,1980", "T1,张伟,A,语文,true,teacher,M,2010"),
        "row 2",
        "13",
    ),
    "older than 80": (
        ("T8,孙强,C,语文,false,teacher,M,1968", "T8,孙强,C,语文,false,teacher,M,1940"),
        "row 9",
        "83",
    ),
    "school_since before 18": (("1980,2010", "1980,1995"), "row 2", "15"),
}


@pytest.mark.parametrize(("change", "row", "figure"), PLAUSIBILITY.values(), ids=list(PLAUSIBILITY))
def test_implausible_ages_are_warned_about(basic: Path, change, row: str, figure: str):
    edit(basic, "teachers.csv", *change)
    result = validate(basic)
    assert result.exit_code != 2, result.output  # a warning, not bad input
    lines = [line for line in result.output.splitlines() if f"teachers.csv, {row}" in line]
    assert lines and figure in lines[0], result.output


def test_plausible_teachers_give_no_age_warning(basic: Path):
    output = validate(basic).output
    assert "younger than" not in output and "older than" not in output
    assert "before 18" not in output


def test_negative_cost_weight_is_warned_about(basic: Path):
    result = validate(basic, "--set", "weights.move=-5")
    assert result.exit_code != 2, result.output  # a warning, not bad input
    assert "weights.move" in result.output and "-5" in result.output
