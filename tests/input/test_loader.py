"""The loader: every bad-input case of SPEC §2 exits 2 naming file, row and column."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from solver.input.loader import InputError, load_scenario, scenario_files
from tests.conftest import edit


def run_validate(folder: Path, *args: str):
    return CliRunner().invoke(main, ["validate", str(folder), *args])


def assert_bad_input(folder: Path, *expected: str) -> str:
    """The CLI exits 2, prints no traceback, and the message holds every expected piece."""
    result = run_validate(folder)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for piece in expected:
        assert piece in result.output, f"{piece!r} not in:\n{result.output}"
    return result.output


def test_basic_loads(basic: Path):
    scenario = load_scenario(basic)
    assert len(scenario.schools) == 3
    assert len(scenario.teachers) == 9
    assert scenario.org_by_id["G1"].members == ("B", "C")
    assert run_validate(basic).exit_code == 1  # well formed; its quotas cannot be met (exit 1)


# ---- every bad-input case of SPEC §2: (change to tests/data/basic, pieces of the message)


def _append(file_name: str, text: str):
    def change(folder: Path) -> None:
        with (folder / file_name).open("a", encoding="utf-8") as f:
            f.write(text)

    return change


def _write(file_name: str, text: str | bytes):
    def change(folder: Path) -> None:
        if isinstance(text, bytes):
            (folder / file_name).write_bytes(text)
        else:
            (folder / file_name).write_text(text, encoding="utf-8")

    return change


def _edit(file_name: str, *pairs: tuple[str, str]):
    def change(folder: Path) -> None:
        for old, new in pairs:
            edit(folder, file_name, old, new)

    return change


def _remove(file_name: str):
    return lambda folder: (folder / file_name).unlink()


LOCKED = "teacher_id,year,school_id\n"
PREFERENCES = "teacher_id,school_id,weight\n"
ORG_HEADER = "org_id,name,type,lead_school_id,min_out_per_member"

BAD_INPUT = {
    "unknown school in membership": (
        _edit("memberships.csv", ("G1,C", "G1,Z")),
        ("memberships.csv", "row 3", "'school_id'", "unknown school 'Z'"),
    ),
    "unknown org in membership": (
        _edit("memberships.csv", ("P1,B", "P9,B")),
        ("memberships.csv", "row 4", "'org_id'", "unknown organization 'P9'"),
    ),
    "duplicate school id": (
        _edit("schools.csv", ("C,丙小学", "B,丙小学")),
        ("schools.csv", "row 4", "'school_id'", "duplicate"),
    ),
    "duplicate teacher id": (
        _edit("teachers.csv", ("T9,", "T8,")),
        ("teachers.csv", "row 10", "'teacher_id'", "duplicate"),
    ),
    "duplicate membership": (
        _edit("memberships.csv", ("P1,B", "G1,B")),
        ("memberships.csv", "row 4", "duplicate"),
    ),
    "teacher at unknown school": (
        _edit("teachers.csv", ("T9,周杰,C", "T9,周杰,Q")),
        ("teachers.csv", "row 10", "'school_id'", "unknown school 'Q'"),
    ),
    "lead listed as member": (
        _edit("memberships.csv", ("G1,C", "G1,A")),
        ("memberships.csv", "row 3", "'school_id'", "is the lead of G1"),
    ),
    "malformed number": (
        _edit("teachers.csv", ("1980,2010", "19x0,2010")),
        ("teachers.csv", "row 2", "'birth_year'", "expected a whole number, found '19x0'"),
    ),
    "missing required column": (
        _edit("demand.csv", ("min_staff", "staff_min")),
        ("demand.csv", "row 1", "'min_staff'", "required column is missing"),
    ),
    "unknown org type": (
        _edit("organizations.csv", ("pairing", "alliance")),
        ("organizations.csv", "row 3", "'type'", "'alliance'"),
    ),
    "negative count": (
        _edit("demand.csv", ("A,语文,1,0", "A,语文,-1,0")),
        ("demand.csv", "row 2", "'min_staff'", "'-1'"),
    ),
    "ratio outside 0..1 in an org override": (
        _edit(
            "organizations.csv",
            (ORG_HEADER, f"{ORG_HEADER},backbone_out_ratio"),
            ("group,A,", "group,A,,1.5"),
        ),
        ("organizations.csv", "row 2", "'backbone_out_ratio'", "between 0 and 1"),
    ),
    "ratio outside 0..1 in settings": (
        _append("scenario.toml", "\n[policy]\nrotation_share = 1.2\n"),
        ("scenario.toml", "'policy.rotation_share'"),
    ),
    "level outside its list": (
        _edit("schools.csv", ("A,甲小学,连云区,primary", "A,甲小学,连云区,college")),
        ("schools.csv", "row 2", "'level'", "expected one of"),
    ),
    "role outside its list": (
        _edit("teachers.csv", ("T1,张伟,A,语文,true,teacher", "T1,张伟,A,语文,true,boss")),
        ("teachers.csv", "row 2", "'role'", "expected one of"),
    ),
    "gender outside its list": (
        _edit("teachers.csv", ("true,teacher,M,1980", "true,teacher,X,1980")),
        ("teachers.csv", "row 2", "'gender'", "expected one of"),
    ),
    "reciprocity outside its list": (
        _append("scenario.toml", '\n[policy.group]\nreciprocity = "sometimes"\n'),
        ("scenario.toml", "'policy.group.reciprocity'"),
    ),
    "school_since in the future": (
        _edit("teachers.csv", ("1980,2010", "1980,2024")),
        ("teachers.csv", "row 2", "'school_since'", "after cycle_start 2023"),
    ),
    "locked year outside the cycle": (
        _write("locked.csv", LOCKED + "T1,2026,B\n"),
        ("locked.csv", "row 2", "'year'", "outside the cycle"),
    ),
    # B's only partner is A (through G1 and P1); C is a fellow member, not a partner.
    "locked at a school that is not a partner": (
        _write("locked.csv", LOCKED + "T5,2024,C\n"),
        ("locked.csv", "row 2", "'school_id'", "nor a partner"),
    ),
    "preference for an unknown teacher": (
        _write("preferences.csv", PREFERENCES + "T99,B,3\n"),
        ("preferences.csv", "row 2", "'teacher_id'", "unknown"),
    ),
    "preference for an unknown school": (
        _write("preferences.csv", PREFERENCES + "T1,Z,3\n"),
        ("preferences.csv", "row 2", "'school_id'", "unknown"),
    ),
    "empty required file": (_write("teachers.csv", ""), ("teachers.csv", "is empty")),
    "required file with a header only": (
        _write("demand.csv", "school_id,subject,min_staff\n"),
        ("demand.csv", "row 2", "no rows"),
    ),
    "unreadable required file": (
        _write("schools.csv", b"\x00\x01\x02binary\xff\xfe"),
        ("schools.csv", "binary"),
    ),
    "missing required file": (
        _remove("memberships.csv"),
        ("memberships.csv", "required file is missing"),
    ),
}


@pytest.mark.parametrize(("change", "expected"), BAD_INPUT.values(), ids=list(BAD_INPUT))
def test_bad_input_names_file_row_and_column(basic: Path, change, expected: tuple[str, ...]):
    change(basic)
    assert_bad_input(basic, *expected)


def test_extends_missing(basic: Path):
    (basic / "scenario.toml").write_text('extends = "../nowhere"\n', encoding="utf-8")
    assert_bad_input(basic, "scenario.toml", "'extends'", "does not exist")


def test_extends_loop(tmp_path: Path):
    for name, parent in (("a", "../b"), ("b", "../a")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "scenario.toml").write_text(f'extends = "{parent}"\n', "utf-8")
    assert_bad_input(tmp_path / "a", "scenario.toml", "'extends'", "loops")


def test_all_problems_reported_together(basic: Path):
    edit(basic, "teachers.csv", "1980,2010", "19x0,2010")
    edit(basic, "memberships.csv", "G1,C", "G1,Z")
    output = assert_bad_input(basic, "teachers.csv", "memberships.csv")
    assert "'birth_year'" in output and "unknown school 'Z'" in output


def test_extra_column_is_a_warning(basic: Path):
    edit(basic, "demand.csv", "wanted_in\n", "wanted_in,remark\n")
    result = run_validate(basic)
    assert result.exit_code == 1  # not bad input (2): basic's quotas cannot be met
    assert "extra columns ignored: remark" in result.output


def test_nothing_written_on_bad_input(basic: Path):
    edit(basic, "teachers.csv", "1980,2010", "19x0,2010")
    before = sorted(p.name for p in basic.iterdir())
    assert run_validate(basic).exit_code == 2
    assert sorted(p.name for p in basic.iterdir()) == before


# ---- encodings and booleans


def test_utf8_bom_and_gbk_are_read(basic: Path):
    text = (basic / "teachers.csv").read_text(encoding="utf-8")
    (basic / "teachers.csv").write_bytes(text.encode("gbk"))
    (basic / "schools.csv").write_bytes(b"\xef\xbb\xbf" + (basic / "schools.csv").read_bytes())
    scenario = load_scenario(basic)
    assert scenario.teacher_by_id["T1"].name == "张伟"
    assert scenario.teacher_by_id["T7"].exempt_reason == "孕期"
    assert scenario.school_by_id["A"].name == "甲小学"


def test_booleans_in_every_spelling(basic: Path):
    scenario = load_scenario(basic)
    # T2 backbone "yes", T3 "是", T2 exempt "否", T3 exempt "0", T7 exempt "true".
    assert scenario.teacher_by_id["T2"].backbone and scenario.teacher_by_id["T3"].backbone
    assert not scenario.teacher_by_id["T2"].exempt and not scenario.teacher_by_id["T3"].exempt
    assert scenario.teacher_by_id["T7"].exempt


# ---- extends and precedence


def test_extends_takes_missing_files_and_merges_settings(basic: Path, tmp_path: Path):
    with (basic / "scenario.toml").open("a", encoding="utf-8") as f:
        f.write("\n[policy]\ncooldown_years = 2\nmax_term_years = 2\n")
    child = tmp_path / "child"
    child.mkdir()
    (child / "scenario.toml").write_text(
        'extends = "../basic"\n[scenario]\nname = "child"\n[policy]\nmax_term_years = 3\n', "utf-8"
    )
    (child / "demand.csv").write_text("school_id,subject,min_staff\nA,语文,0\n", "utf-8")
    scenario = load_scenario(child)
    assert scenario.info.name == "child"
    assert scenario.info.cycle_start == 2023  # from the parent
    assert scenario.policy.cooldown_years == 2  # parent key kept
    assert scenario.policy.max_term_years == 3  # child wins
    assert len(scenario.demand) == 1  # child's own file
    assert len(scenario.teachers) == 9  # parent's file
    assert scenario_files(child)["demand.csv"] == child.resolve() / "demand.csv"
    assert scenario_files(child)["teachers.csv"] == basic.resolve() / "teachers.csv"


def test_list_setting_replaced_whole(basic: Path, tmp_path: Path):
    with (basic / "scenario.toml").open("a", encoding="utf-8") as f:
        f.write('\n[policy.community]\nsubjects = ["语文", "数学"]\n')
    child = tmp_path / "child"
    child.mkdir()
    (child / "scenario.toml").write_text(
        'extends = "../basic"\n[policy.community]\nsubjects = ["英语"]\n', "utf-8"
    )
    assert load_scenario(child).policy.community.subjects == ("英语",)


def test_org_column_beats_type_policy_beats_default(basic: Path):
    with (basic / "scenario.toml").open("a", encoding="utf-8") as f:
        f.write("\n[policy.pairing]\nmin_out_per_member = 3\ncadre_per_member = 2\n")
    scenario = load_scenario(basic)
    pairing = scenario.org_by_id["P1"].policy
    assert pairing.min_out_per_member == 2  # organizations.csv column wins
    assert pairing.cadre_per_member == 2  # [policy.pairing] wins over the default 1
    group = scenario.org_by_id["G1"].policy
    assert group.min_out_per_member == 0  # blank cell inherits the group default
    assert group.backbone_out_ratio == Decimal("0.15")


def test_set_override_beats_file(basic: Path):
    scenario = load_scenario(basic, ["policy.group.backbone_out_ratio=0.2", "weights.move=3"])
    assert scenario.org_by_id["G1"].policy.backbone_out_ratio == Decimal("0.2")
    assert scenario.weights.move == 3


def test_set_unknown_key_lists_valid_keys(basic: Path):
    with pytest.raises(InputError) as err:
        load_scenario(basic, ["policy.group.quota=0.2"])
    assert "unknown key 'policy.group.quota'" in str(err.value)
    assert "policy.group.backbone_out_ratio" in str(err.value)
    result = run_validate(basic, "--set", "weights.nothing=1")
    assert result.exit_code == 2


def test_set_type_error(basic: Path):
    result = run_validate(basic, "--set", "weights.move=lots")
    assert result.exit_code == 2
    assert "weights.move" in result.output


def test_precedence_parent_child_set_org_cell(basic: Path, tmp_path: Path):
    """defaults < parent scenario.toml < child scenario.toml < --set < organizations.csv cell."""
    with (basic / "scenario.toml").open("a", encoding="utf-8") as f:
        f.write("\n[policy.pairing]\ncadre_per_member = 2\n[weights]\nmove = 11\nrepeat = 16\n")
    child = tmp_path / "child"
    child.mkdir()
    (child / "scenario.toml").write_text(
        'extends = "../basic"\n[weights]\nmove = 12\nspread = 31\n', "utf-8"
    )
    s = load_scenario(child, ["weights.spread=32", "policy.pairing.min_out_per_member=5"])
    assert s.weights.due == 8  # default
    assert s.weights.repeat == 16  # parent
    assert s.weights.move == 12  # child over parent
    assert s.weights.spread == 32  # --set over child
    assert s.org_by_id["P1"].policy.cadre_per_member == 2  # parent's [policy.pairing]
    assert s.org_by_id["P1"].policy.min_out_per_member == 2  # organizations.csv cell over --set
