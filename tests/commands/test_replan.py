"""``rotation replan`` end to end on the generated tiny scenario (5 schools, 128 teachers).

The published plan is the optimal ``solve`` of the scenario. Re-planned with nothing changed it
comes back unchanged (the property of SPEC §6); with teachers gone, ill or locked, changes.csv
gives every teacher-year that moved and why, and the served years stay exactly as published.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cli import main
from solver.input.formats import PLAN_COLUMNS


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def plan_of(folder: Path) -> set[tuple[str, ...]]:
    return {tuple(r[c] for c in PLAN_COLUMNS) for r in read(folder / "assignments.csv")}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The tiny scenario and its optimal published plan."""
    root = tmp_path_factory.mktemp("replan")
    scenario, out = root / "tiny", root / "published"
    assert run("generate", "--preset", "tiny", "--seed", "1", "-o", scenario).exit_code == 0
    result = run("solve", scenario, "-o", out, "--workers", "1", "--quiet")
    assert result.exit_code == 0, result.output
    assert json.loads((out / "summary.json").read_text("utf-8"))["status"] == "optimal"
    return scenario, out


@pytest.mark.parametrize("year", [2024, 2025])
def test_nothing_changed_gives_the_published_plan(
    published: tuple[Path, Path], tmp_path: Path, year: int
) -> None:
    scenario, plan = published
    out = tmp_path / "re"
    result = run("replan", scenario, "--published", plan, "--from", year, "-o", out,
                 "--workers", "1", "--quiet")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert read(out / "changes.csv") == []
    assert plan_of(out) == plan_of(plan)
    before = json.loads((plan / "summary.json").read_text("utf-8"))
    after = json.loads((out / "summary.json").read_text("utf-8"))
    assert after["cost"] == before["cost"] and after["audit"]["matches_solver"]
    assert "teacher-years changed: 0" in result.output
    certificate = json.loads((out / "certificate.json").read_text("utf-8"))
    digest = hashlib.sha256((plan / "assignments.csv").read_bytes()).hexdigest()
    assert certificate["replan_from"] == year
    assert certificate["history"]["sha256"] == digest


def _edit_roster(scenario: Path, copy: Path, published: Path) -> dict[str, str]:
    """A copy of the scenario where one teacher serving in 2024 left and one serving in 2025 is
    ill from 2025 (exempt_from = 2025)."""
    rows = read(published / "assignments.csv")
    gone = next(r for r in rows if r["year"] == "2024")
    ill = next(r for r in rows if r["year"] == "2025" and r["teacher_id"] != gone["teacher_id"])
    text = {p.name: p.read_text("utf-8-sig") for p in scenario.iterdir()}
    teachers = [line for line in text["teachers.csv"].splitlines() if line]
    header = teachers[0].split(",")
    body = []
    for line in teachers[1:]:
        cells = dict(zip(header, line.split(","), strict=True))
        if cells["teacher_id"] == gone["teacher_id"]:
            continue
        if cells["teacher_id"] == ill["teacher_id"]:
            cells["exempt"], cells["exempt_from"] = "true", "2025"
        body.append(cells)
    copy.mkdir()
    for name, content in text.items():
        if name != "teachers.csv":
            (copy / name).write_text(content, encoding="utf-8")
    columns = [*header, "exempt_from"]
    lines = [",".join(columns)] + [",".join(c.get(k, "") for k in columns) for c in body]
    (copy / "teachers.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"gone": gone["teacher_id"], "ill": ill["teacher_id"]}


def test_changes_name_the_reason_and_history_stays(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    scenario, plan = published
    changed = tmp_path / "changed"
    who = _edit_roster(scenario, changed, plan)
    out = tmp_path / "re"
    result = run("replan", changed, "--published", plan, "--from", 2024, "-o", out,
                 "--workers", "1", "--quiet")  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = read(out / "changes.csv")
    reasons = {(r["teacher_id"], r["year"]): r["reason"] for r in rows}
    assert reasons[who["gone"], "2024"] == "left"
    assert reasons[who["ill"], "2025"] == "exempt"
    # names, not codes: the leaver's name comes from the published plan's name column
    published_names = {r["teacher_id"]: r["name"] for r in read(plan / "assignments.csv")}
    gone = next(r for r in rows if r["teacher_id"] == who["gone"])
    assert gone["name"] == published_names[who["gone"]] != ""
    assert gone["before_name"] and gone["before_name"] != gone["before"]
    assert gone["after"] == "" and gone["after_name"] == ""
    assert set(reasons.values()) <= {"left", "joined", "exempt", "locked", "rebalanced"}
    history = {r for r in plan_of(plan) if r[1] == "2023"}
    assert {r for r in plan_of(out) if r[1] == "2023"} == history  # H12
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["audit"]["compliant"] and summary["audit"]["matches_solver"]
    assert f"teacher-years changed: {len(rows)}" in result.output
    # The re-plan audits clean against the changed scenario with the published plan as its
    # history.csv (the audit's own reading of SPEC §6, without the model).
    (changed / "history.csv").write_bytes((plan / "assignments.csv").read_bytes())
    audited = run("audit", changed, out, "--set", "scenario.replan_from=2024")
    assert audited.exit_code == 0, audited.output


@pytest.mark.parametrize(
    ("args", "piece"),
    [
        (("--from", "2027"), "replan_from 2027 is outside the cycle"),
        (("--from", "2022"), "'scenario.replan_from'"),
    ],
)
def test_bad_replan_input_writes_nothing(
    published: tuple[Path, Path], tmp_path: Path, args: tuple[str, ...], piece: str
) -> None:
    scenario, plan = published
    out = tmp_path / "re"
    result = run("replan", scenario, "--published", plan, *args, "-o", out, "--quiet")
    assert result.exit_code == 2 and piece in result.output and not out.exists()


def test_a_published_plan_with_a_repeated_row_is_bad_input(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    scenario, plan = published
    text = (plan / "assignments.csv").read_text("utf-8-sig").splitlines()
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([*text, text[1]]) + "\n", encoding="utf-8")
    out = tmp_path / "re"
    result = run("replan", scenario, "--published", bad, "--from", 2024, "-o", out, "--quiet")
    assert result.exit_code == 2 and "duplicate" in result.output and not out.exists()
    assert f"row {len(text) + 1}" in result.output


def test_validate_a_re_plan_with_the_published_plan(published: tuple[Path, Path]) -> None:
    scenario, plan = published
    rows = read(plan / "assignments.csv")
    served = sum(r["year"] == "2023" for r in rows)
    result = run("validate", scenario, "--published", plan, "--from", 2024)
    assert result.exit_code == 0, result.output
    assert f"history rows     2023: {served}" in result.output
    assert "still needed in the remaining years:" in result.output


def test_no_plan_exits_1_and_writes_nothing(published: tuple[Path, Path], tmp_path: Path) -> None:
    # A lock keeps at home, in 2023, a teacher the history has serving in 2023: no plan (H11
    # holds in every year), and the explanation says so.
    scenario, plan = published
    copy = tmp_path / "locked"
    copy.mkdir()
    for p in scenario.iterdir():
        (copy / p.name).write_bytes(p.read_bytes())
    first = next(r for r in read(plan / "assignments.csv") if r["year"] == "2023")
    (copy / "locked.csv").write_text(
        f"teacher_id,year,school_id\n{first['teacher_id']},2023,{first['home_school_id']}\n",
        encoding="utf-8",
    )
    out = tmp_path / "re"
    result = run("replan", copy, "--published", plan, "--from", 2024, "-o", out, "--quiet")
    assert result.exit_code == 1, result.output
    assert "2023 is served and the history has them at" in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("lang", "sheets"), [("zh", ["公示名单", "汇总"]), ("en", ["Public list", "Summary"])]
)
def test_replan_writes_the_publication_lists_in_the_language_asked(
    published: tuple[Path, Path], tmp_path: Path, lang: str, sheets: list[str]
) -> None:
    scenario, plan = published
    out = tmp_path / "re"
    result = run("replan", scenario, "--published", plan, "--from", 2024, "-o", out,
                 "--workers", "1", "--quiet", "--lang", lang)  # fmt: skip
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out / "roster.xlsx", read_only=True)
    assert book.sheetnames[:2] == sheets
    assert (out / "roster.html").is_file() and (out / "publication.html").is_file()
