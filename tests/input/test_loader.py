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
    assert run_validate(basic).exit_code == 0


# ---- one test per bad-input case of SPEC §2


def test_unknown_school_in_membership(basic: Path):
    edit(basic, "memberships.csv", "G1,C", "G1,Z")
    assert_bad_input(basic, "memberships.csv", "row 3", "'school_id'", "unknown school 'Z'")


def test_unknown_org_in_membership(basic: Path):
    edit(basic, "memberships.csv", "P1,B", "P9,B")
    assert_bad_input(basic, "memberships.csv", "row 4", "'org_id'", "unknown organization 'P9'")


def test_duplicate_school_id(basic: Path):
    edit(basic, "schools.csv", "C,丙小学", "B,丙小学")
    assert_bad_input(basic, "schools.csv", "row 4", "'school_id'", "duplicate")


def test_duplicate_teacher_id(basic: Path):
    edit(basic, "teachers.csv", "T9,", "T8,")
    assert_bad_input(basic, "teachers.csv", "row 10", "'teacher_id'", "duplicate")


def test_duplicate_membership(basic: Path):
    edit(basic, "memberships.csv", "P1,B", "G1,B")
    assert_bad_input(basic, "memberships.csv", "row 4", "duplicate")


def test_teacher_at_unknown_school(basic: Path):
    edit(basic, "teachers.csv", "T9,周杰,C", "T9,周杰,Q")
    assert_bad_input(basic, "teachers.csv", "row 10", "'school_id'", "unknown school 'Q'")


def test_lead_listed_as_member(basic: Path):
    edit(basic, "memberships.csv", "G1,C", "G1,A")
    assert_bad_input(basic, "memberships.csv", "row 3", "'school_id'", "is the lead of G1")


def test_malformed_number(basic: Path):
    edit(basic, "teachers.csv", "1980,2010", "19x0,2010")
    assert_bad_input(basic, "teachers.csv", "row 2", "'birth_year'", "'19x0'")


def test_missing_required_column(basic: Path):
    edit(basic, "demand.csv", "min_staff", "staff_min")
    assert_bad_input(basic, "demand.csv", "row 1", "'min_staff'", "required column is missing")


def test_unknown_org_type(basic: Path):
    edit(basic, "organizations.csv", "pairing", "alliance")
    assert_bad_input(basic, "organizations.csv", "row 3", "'type'", "'alliance'")


def test_negative_count(basic: Path):
    edit(basic, "demand.csv", "A,语文,1,0", "A,语文,-1,0")
    assert_bad_input(basic, "demand.csv", "row 2", "'min_staff'", "'-1'")


def test_ratio_outside_range_in_org_override(basic: Path):
    edit(
        basic,
        "organizations.csv",
        "org_id,name,type,lead_school_id,min_out_per_member",
        "org_id,name,type,lead_school_id,min_out_per_member,backbone_out_ratio",
    )
    edit(basic, "organizations.csv", "group,A,", "group,A,,1.5")
    assert_bad_input(basic, "organizations.csv", "row 2", "'backbone_out_ratio'", "between 0 and 1")


def test_ratio_outside_range_in_settings(basic: Path):
    with (basic / "scenario.toml").open("a", encoding="utf-8") as f:
        f.write("\n[policy]\nrotation_share = 1.2\n")
    assert_bad_input(basic, "scenario.toml", "'policy.rotation_share'")


@pytest.mark.parametrize(
    ("file_name", "old", "new", "column"),
    [
        ("schools.csv", "A,甲小学,连云区,primary", "A,甲小学,连云区,college", "level"),
        ("teachers.csv", "T1,张伟,A,语文,true,teacher", "T1,张伟,A,语文,true,boss", "role"),
        ("teachers.csv", "true,teacher,M,1980", "true,teacher,X,1980", "gender"),
    ],
)
def test_value_outside_its_list(basic: Path, file_name: str, old: str, new: str, column: str):
    edit(basic, file_name, old, new)
    assert_bad_input(basic, file_name, "row 2", f"'{column}'", "expected one of")


def test_reciprocity_outside_its_list(basic: Path):
    with (basic / "scenario.toml").open("a", encoding="utf-8") as f:
        f.write('\n[policy.group]\nreciprocity = "sometimes"\n')
    assert_bad_input(basic, "scenario.toml", "'policy.group.reciprocity'")


def test_school_since_in_the_future(basic: Path):
    edit(basic, "teachers.csv", "1980,2010", "1980,2024")
    assert_bad_input(basic, "teachers.csv", "row 2", "'school_since'", "after cycle_start 2023")


def test_locked_year_outside_cycle(basic: Path):
    (basic / "locked.csv").write_text("teacher_id,year,school_id\nT1,2026,B\n", encoding="utf-8")
    assert_bad_input(basic, "locked.csv", "row 2", "'year'", "outside the cycle")


def test_locked_at_school_not_partner(basic: Path):
    # B's only partner is A (through G1 and P1); C is a fellow member, not a partner.
    (basic / "locked.csv").write_text("teacher_id,year,school_id\nT5,2024,C\n", encoding="utf-8")
    assert_bad_input(basic, "locked.csv", "row 2", "'school_id'", "nor a partner")


@pytest.mark.parametrize(("row", "column"), [("T99,B,3", "teacher_id"), ("T1,Z,3", "school_id")])
def test_preference_for_unknown_teacher_or_school(basic: Path, row: str, column: str):
    (basic / "preferences.csv").write_text(f"teacher_id,school_id,weight\n{row}\n", "utf-8")
    assert_bad_input(basic, "preferences.csv", "row 2", f"'{column}'", "unknown")


def test_empty_required_file(basic: Path):
    (basic / "teachers.csv").write_text("", encoding="utf-8")
    assert_bad_input(basic, "teachers.csv", "is empty")


def test_header_only_required_file(basic: Path):
    (basic / "demand.csv").write_text("school_id,subject,min_staff\n", encoding="utf-8")
    assert_bad_input(basic, "demand.csv", "row 2", "no rows")


def test_unreadable_required_file(basic: Path):
    (basic / "schools.csv").write_bytes(b"\x00\x01\x02binary\xff\xfe")
    assert_bad_input(basic, "schools.csv", "binary")


def test_missing_required_file(basic: Path):
    (basic / "memberships.csv").unlink()
    assert_bad_input(basic, "memberships.csv", "required file is missing")


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
    assert result.exit_code == 0
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
