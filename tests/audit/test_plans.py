"""Hand-made plans and the ``rotation audit`` command: H1 findings with line numbers, exit codes,
output formats and the certificate (SPEC §3, §5)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Collection, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from solver.audit import audit
from solver.input.loader import load_scenario, scenario_files
from solver.input.plan import read_plan
from solver.output.files import write_csv
from solver.rules import Rule
from solver.scenario import Scenario, Teacher
from tests.audit.test_rules import base_plan, world

PLAN_HEADER = ["teacher_id", "year", "home_school_id", "host_school_id", "org_id"]

SETTINGS = """\
[scenario]
name = "audit-world"
cycle_start = 2023
cycle_years = 3

[policy]
max_cadre_out_share = 0.5

[policy.group]
backbone_out_ratio = 0.15
reciprocity = "per_member"
min_out_per_member = 1
cadre_per_member = 1

[policy.community]
reciprocity = "per_school"
min_out_per_member = 1
cadre_per_member = 0
"""


TEACHER_COLUMNS = [
    "teacher_id",
    "name",
    "school_id",
    "subject",
    "backbone",
    "role",
    "gender",
    "birth_year",
    "school_since",
    "exempt",
]


def teacher_row(t: Teacher) -> list[object]:
    gender = t.gender.value if t.gender else ""
    fields = (t.teacher_id, t.name, t.school_id, t.subject, t.backbone, t.role.value, gender)
    return [*fields, t.birth_year, t.school_since, t.exempt]


def write_world(folder: Path, scenario: Scenario) -> Path:
    """The test world of test_audit_rules as a scenario folder, as a planner would keep it."""
    folder.mkdir()
    (folder / "scenario.toml").write_text(SETTINGS, encoding="utf-8")
    tables = {
        "schools.csv": (
            ["school_id", "name", "district", "level", "quality", "capacity_in"],
            [
                [s.school_id, s.name, s.district, s.level.value, s.quality, s.capacity_in]
                for s in scenario.schools
            ],
        ),
        "organizations.csv": (
            ["org_id", "name", "type", "lead_school_id"],
            [[o.org_id, o.name, o.type.value, o.lead_school_id] for o in scenario.organizations],
        ),
        "memberships.csv": (
            ["org_id", "school_id"],
            [[o.org_id, m] for o in scenario.organizations for m in o.members],
        ),
        "teachers.csv": (TEACHER_COLUMNS, [teacher_row(t) for t in scenario.teachers]),
        "demand.csv": (
            ["school_id", "subject", "min_staff", "wanted_in"],
            [[d.school_id, d.subject, d.min_staff, d.wanted_in] for d in scenario.demand],
        ),
        "locked.csv": (
            ["teacher_id", "year", "school_id"],
            [[k.teacher_id, k.year, k.school_id] for k in scenario.locks],
        ),
    }
    for name, (header, rows) in tables.items():
        write_csv(folder / name, header, rows)
    return folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_world(tmp_path / "world", world())


def plan_text(extra: Sequence[str] = (), drop: Collection[str] = ()) -> str:
    """The base plan as CSV text (rows on lines 2-22), plus ``extra`` lines at the end."""
    lines = [",".join(PLAN_HEADER)]
    lines += [
        f"{r.teacher_id},{r.year},{r.home_school_id},{r.host_school_id},{r.org_id}"
        for r in base_plan()
        if r.teacher_id not in drop
    ]
    return "\n".join([*lines, *extra]) + "\n"


def write_plan(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def h1_lines(folder: Path, plan: Path) -> list[tuple[int | None, str]]:
    """(line, sentence) of every violation; asserts that all of them are H1."""
    report = audit(load_scenario(folder), read_plan(plan))
    assert {c.rule for c in report.violations} <= {Rule.H1}, [c.sentence for c in report.violations]
    return [(c.line, c.sentence) for c in report.violations]


def test_the_world_folder_loads_as_the_world(folder: Path):
    loaded = audit(load_scenario(folder), base_plan())
    assert loaded.compliant
    assert loaded.cost_terms == audit(world(), base_plan()).cost_terms


# --------------------------------------------------------------------------- hand-made plans


def test_unknown_ids(folder: Path, tmp_path: Path):
    extra = [
        "ZZ,2024,L,M,G1",  # line 23
        "L8,2024,XX,M,G1",
        "L8,2025,L,YY,G1",
        "L9,2024,L,M,G9",
        ",2025,L,M,G1",
    ]
    found = h1_lines(folder, write_plan(tmp_path / "p.csv", plan_text(extra)))
    assert [line for line, _ in found] == [23, 24, 25, 26, 27]
    assert "unknown teacher 'ZZ'" in found[0][1]
    assert "unknown home school 'XX'" in found[1][1]
    assert "unknown host school 'YY'" in found[2][1]
    assert "unknown organization 'G9'" in found[3][1]
    assert "teacher is blank" in found[4][1]


def test_duplicate_row_keeps_the_first(folder: Path, tmp_path: Path):
    # L1's row (line 2) repeated on line 23: the second is reported, the first still counts,
    # so nothing else breaks.
    found = h1_lines(folder, write_plan(tmp_path / "p.csv", plan_text(["L1,2023,L,M,G1"])))
    assert found == [
        (23, "line 23: L1 already has a row for 2023 (line 2); row left out of the other checks")
    ]


def test_teacher_in_two_places_in_one_year(folder: Path, tmp_path: Path):
    found = h1_lines(folder, write_plan(tmp_path / "p.csv", plan_text(["L1,2023,L,N,G1"])))
    assert [line for line, _ in found] == [23]


def test_year_outside_the_cycle(folder: Path, tmp_path: Path):
    found = h1_lines(folder, write_plan(tmp_path / "p.csv", plan_text(["L8,2026,L,M,G1"])))
    assert "year 2026 is outside the cycle 2023-2025" in found[0][1]


def test_home_contradicts_teachers_csv(folder: Path, tmp_path: Path):
    found = h1_lines(folder, write_plan(tmp_path / "p.csv", plan_text(["L8,2024,M,L,G1"])))
    assert "home school 'M' contradicts teachers.csv (L8 is at L)" in found[0][1]


@pytest.mark.parametrize(
    ("row", "why"),
    [
        ("M4,2024,M,N,G1", "neither 'M' nor 'N' is the lead of group G1"),
        ("L8,2024,L,R,G1", "'R' not in group G1"),
        ("L8,2024,L,L,G1", "host 'L' is the home school"),
        ("L8,2024,L,Q,C1", "'L' not in community C1"),
    ],
)
def test_host_not_a_partner_under_the_org(folder: Path, tmp_path: Path, row: str, why: str):
    found = h1_lines(folder, write_plan(tmp_path / "p.csv", plan_text([row])))
    assert len(found) == 1
    assert why in found[0][1]


def test_excel_saved_plan_with_blank_lines(folder: Path, tmp_path: Path):
    # GBK, CRLF, a Chinese extra column, blank lines: the bad row is still found on line 25.
    text = plan_text(["", ",,,,", "ZZ,2024,L,M,G1"]).replace("org_id", "org_id,备注")
    path = write_plan(tmp_path / "p.csv", text.replace("\n", "\r\n"), "gbk")
    assert [line for line, _ in h1_lines(folder, path)] == [25]


# --------------------------------------------------------------------------- the command


def run(*args: object):
    return CliRunner().invoke(main, ["audit", *map(str, args)])


def test_compliant_plan_exits_0(folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    write_plan(out / "assignments.csv", plan_text())
    result = run(folder, out)
    assert result.exit_code == 0, result.output
    assert "COMPLIANT: no violations" in result.output
    assert re.search(r"H10 +national-share +国家交流比例 +6 +0 ", result.output)


def test_violations_exit_1_and_are_listed(folder: Path, tmp_path: Path):
    plan = write_plan(tmp_path / "p.csv", plan_text(["ZZ,2024,L,M,G1"], drop={"M3"}))
    result = run(folder, plan)
    assert result.exit_code == 1, result.output
    out = result.output
    assert "NOT COMPLIANT: 2 violations" in out
    assert "line 22: unknown teacher 'ZZ'" in out
    assert "G1 group  M school M" in out and "|M->lead L (0) - lead->M (1)| = 1" in out
    assert "Per rule" in out and "Cost (recomputed" in out and "total" in out


def test_json_and_csv_formats(folder: Path, tmp_path: Path):
    plan = write_plan(tmp_path / "p.csv", plan_text(drop={"M3"}))
    data = json.loads(run(folder, plan, "--format", "json").output)
    assert data["compliant"] is False
    assert [(v["rule"], v["school"], v["need"], v["actual"]) for v in data["violations"]] == [
        ("H5", "M", 0, 1)
    ]
    assert data["per_rule"]["H5"] == {"name": "reciprocity", "checked": 15, "violations": 1}
    assert data["cost"] == sum(data["cost_terms"].values())
    result = run(folder, plan, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["rule"], r["org"], r["year"]) for r in rows] == [("H5", "G1", "2025")]


def test_output_file(folder: Path, tmp_path: Path):
    plan = write_plan(tmp_path / "p.csv", plan_text(drop={"M3"}))
    report = tmp_path / "report.csv"
    result = run(folder, plan, "--format", "csv", "-o", report)
    assert result.exit_code == 1
    assert report.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets show Chinese
    assert "1 violations; report written to" in result.output


def test_set_overrides_the_rules(folder: Path, tmp_path: Path):
    # rotation_share 0.5: Q needs ceil(0.5 x 4 due) = 2 away, has 1, in each of 3 years.
    plan = write_plan(tmp_path / "p.csv", plan_text())
    result = run(folder, plan, "--set", "policy.rotation_share=0.5", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.output)["per_rule"]["H10"]["violations"] == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("teacher_id,year,home_school_id,org_id\nL1,2023,L,G1\n", "column 'host_school_id'"),
        (plan_text(["L8,next,L,M,G1"]), "row 23, column 'year'"),
    ],
)
def test_unusable_plan_exits_2(folder: Path, tmp_path: Path, text: str, expected: str):
    result = run(folder, write_plan(tmp_path / "p.csv", text))
    assert result.exit_code == 2
    assert "p.csv" in result.output and expected in result.output
    assert "Traceback" not in result.output


def test_binary_plan_and_missing_plan_exit_2(folder: Path, tmp_path: Path):
    binary = tmp_path / "p.csv"
    binary.write_bytes(b"\x00\x01\x02")
    assert run(folder, binary).exit_code == 2
    assert run(folder, tmp_path / "nothing.csv").exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run(folder, empty)
    assert result.exit_code == 2 and "holds no assignments.csv" in result.output


def test_bad_scenario_exits_2(folder: Path, tmp_path: Path):
    (folder / "teachers.csv").write_text("teacher_id\nL1\n", encoding="utf-8")
    result = run(folder, write_plan(tmp_path / "p.csv", plan_text()))
    assert result.exit_code == 2 and "teachers.csv" in result.output


# --------------------------------------------------------------------------- certificate


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_certificate(folder: Path, tmp_path: Path):
    plan = write_plan(tmp_path / "p.csv", plan_text(["ZZ,2024,L,M,G1"], drop={"M3"}))
    cert = tmp_path / "cert.json"
    assert run(folder, plan, "--certificate", cert, "--set", "weights.move=3").exit_code == 1
    data = json.loads(cert.read_text(encoding="utf-8"))
    assert data["catalogue_version"]
    assert data["scenario_files"] == {
        name: sha256(path) for name, path in scenario_files(folder).items()
    }
    assert set(data["scenario_files"]) >= {"scenario.toml", "teachers.csv", "locked.csv"}
    assert data["plan"] == {"file": "p.csv", "sha256": sha256(plan), "rows": 21, "rows_kept": 20}
    assert data["overrides"] == ["weights.move=3"]
    assert data["compliant"] is False
    assert data["rules"]["H1"] == {"name": "place", "checked": 21, "violations": 1}
    assert data["rules"]["H5"]["violations"] == 1
    assert data["cost_terms"]["move"] == 3 * 20
    assert data["cost"] == sum(data["cost_terms"].values())
    first = cert.read_bytes()
    run(folder, plan, "--certificate", cert, "--set", "weights.move=3")
    assert cert.read_bytes() == first  # same inputs, same certificate
