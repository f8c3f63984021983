"""SPEC §8's optional columns: students, degree, title, backbone_level, in English or Chinese."""

from __future__ import annotations

from pathlib import Path

from solver.input.loader import load_scenario
from solver.scenario import BackboneLevel, Degree, Title
from tests.conftest import edit
from tests.input.test_loader import assert_bad_input


def add_columns(folder: Path, school_header: str, teacher_header: str, t1: str, t2: str) -> None:
    schools = (folder / "schools.csv").read_text(encoding="utf-8").splitlines()
    schools[0] += f",{school_header}"
    schools[1:] = [line + f",{100 * (i + 1)}" for i, line in enumerate(schools[1:])]
    (folder / "schools.csv").write_text("\n".join(schools) + "\n", encoding="utf-8")
    teachers = (folder / "teachers.csv").read_text(encoding="utf-8").splitlines()
    teachers[0] += f",{teacher_header}"
    teachers[1] += f",{t1}"
    teachers[2] += f",{t2}"
    teachers[3:] = [line + ",,," for line in teachers[3:]]
    (folder / "teachers.csv").write_text("\n".join(teachers) + "\n", encoding="utf-8")


def test_chinese_headers_and_values(basic: Path):
    add_columns(basic, "在校生数", "学历,职称,骨干级别", "研究生,高级,市级", "专科,未评,")
    s = load_scenario(basic)
    assert [school.students for school in s.schools] == [100, 200, 300]
    t1, t2 = s.teacher_by_id["T1"], s.teacher_by_id["T2"]
    assert (t1.degree, t1.title, t1.backbone_level) == (
        Degree.POSTGRADUATE,
        Title.SENIOR,
        BackboneLevel.CITY,
    )
    assert (t2.degree, t2.title, t2.backbone_level) == (Degree.ASSOCIATE, Title.NONE, None)


def test_without_the_columns_nothing_changes(basic: Path):
    s = load_scenario(basic)
    assert all(school.students is None for school in s.schools)
    assert all(t.degree is None and t.backbone_level is None for t in s.teachers)


def test_a_bad_degree_names_file_row_and_column(basic: Path):
    add_columns(basic, "students", "degree,title,backbone_level", "博士后,senior,", "bachelor,,")
    assert_bad_input(basic, "teachers.csv", "row 2", "degree", "博士后")


def test_negative_students_are_bad_input(basic: Path):
    add_columns(basic, "students", "degree,title,backbone_level", ",,", ",,")
    edit(basic, "schools.csv", ",100\n", ",-5\n")
    assert_bad_input(basic, "schools.csv", "row 2", "students")


def test_a_level_without_backbone_is_bad_input(basic: Path):
    # T4 is not backbone: a level there is a contradiction (SPEC §8)
    add_columns(basic, "students", "degree,title,backbone_level", ",,", ",,")
    edit(
        basic,
        "teachers.csv",
        "T4,刘洋,A,语文,false,principal,M,1975,2000,no,,,,,",
        "T4,刘洋,A,语文,false,principal,M,1975,2000,no,,,,,county",
    )
    assert_bad_input(basic, "teachers.csv", "row 5", "backbone_level", "not backbone")


def test_balance_settings_are_read_and_a_floor_keeps_the_others(basic: Path):
    with (basic / "scenario.toml").open("a", encoding="utf-8") as f:
        f.write('\n[balance]\nenforce = "strict"\n\n[balance.floor_primary]\nbackbone = 1.2\n')
    s = load_scenario(basic)
    assert s.balance.enforce == "strict"
    assert str(s.balance.floor_primary["backbone"]) == "1.2"
    assert str(s.balance.floor_primary["degree"]) == "4.2"


def test_an_unknown_floor_is_bad_input(basic: Path):
    with (basic / "scenario.toml").open("a", encoding="utf-8") as f:
        f.write("\n[balance.floor_junior]\nteachers_per_class = 1\n")
    assert_bad_input(basic, "balance.floor_junior.teachers_per_class")
