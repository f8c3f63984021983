"""One workbook is a scenario: Chinese table names and a 设置 (settings) sheet."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cli import main
from solver.glossary import TABLE_NAMES
from solver.input.loader import InputError, load_scenario, scenario_files
from tests.input.test_office_files import write_xlsx

TABLES = ["schools", "organizations", "memberships", "teachers", "demand"]


def add_settings_sheet(workbook_path: Path, rows: list[tuple[object, object]]) -> None:
    workbook = openpyxl.load_workbook(workbook_path)
    sheet = workbook.create_sheet("设置")
    sheet.append(["设置项", "值"])
    for row in rows:
        sheet.append(list(row))
    workbook.save(workbook_path)


def one_workbook(folder: Path, settings: list[tuple[object, object]]) -> Path:
    """The tables of ``folder`` as sheets named in Chinese (学校, 教师, ...) of 方案.xlsx, with a
    设置 sheet instead of scenario.toml; the CSV files and scenario.toml removed."""
    book = folder / "方案.xlsx"
    write_xlsx(book, {TABLE_NAMES[n][0]: folder / f"{n}.csv" for n in TABLES})
    add_settings_sheet(book, settings)
    for n in TABLES:
        (folder / f"{n}.csv").unlink()
    (folder / "scenario.toml").unlink()
    return book


def test_chinese_sheet_names_and_a_settings_sheet_make_a_scenario(basic: Path):
    one_workbook(
        basic,
        [
            ("scenario.name", "一本工作簿"),
            ("周期起始年", 2023),  # the Chinese label of scenario.cycle_start
            ("policy.max_cadre_out_share", 0.5),
            ("教育集团骨干派出比例", 0.2),  # policy.group.backbone_out_ratio
            ("校长可交流", "是"),
            ("教育共同体交流学科", "语文、数学"),
            ("publication.issuer", "连云区教育局"),
        ],
    )
    s = load_scenario(basic)
    assert len(s.teachers) == 9 and len(s.schools) == 3
    assert s.info.name == "一本工作簿" and s.info.cycle_start == 2023
    # exact decimals, as scenario.toml gives them
    assert s.policy.max_cadre_out_share == Decimal("0.5")
    assert s.policy.group.backbone_out_ratio == Decimal("0.2")
    assert s.policy.allow_principals is True
    assert s.policy.community.subjects == ("语文", "数学")
    assert s.publication.issuer == "连云区教育局"
    # the workbook is hashed as the scenario's settings
    assert scenario_files(basic)["scenario.toml"].name == "方案.xlsx"


def test_chinese_file_names(basic: Path):
    (basic / "teachers.csv").rename(basic / "教师.csv")
    (basic / "demand.csv").rename(basic / "学科需求.csv")
    assert len(load_scenario(basic).teachers) == 9


def test_a_bad_setting_names_the_sheet_row_and_column(basic: Path):
    one_workbook(basic, [("policy.max_cadre_out_share", 1.5), ("no_such_setting", 1)])
    with pytest.raises(InputError) as exc:
        load_scenario(basic)
    text = exc.value.render()
    assert "方案.xlsx[设置], row 3, column 'A': unknown setting 'no_such_setting'" in text


def test_a_bad_value_of_the_settings_sheet_is_named_by_its_key(basic: Path):
    one_workbook(basic, [("policy.max_cadre_out_share", 1.5)])
    result = CliRunner().invoke(main, ["validate", str(basic)])
    assert result.exit_code == 2
    assert "方案.xlsx[设置]" in result.output and "policy.max_cadre_out_share" in result.output


def test_without_scenario_toml_or_settings_sheet_the_message_says_both(basic: Path):
    (basic / "scenario.toml").unlink()
    result = CliRunner().invoke(main, ["validate", str(basic)])
    assert result.exit_code == 2
    assert "scenario.toml" in result.output and "设置" in result.output
