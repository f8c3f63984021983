"""``--force`` on every writing command: it replaces an earlier output, nothing else (SPEC §5)."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from cli import main
from solver.generate import generate
from solver.output.files import OUTPUT_MARKER


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A scenario that has a plan (tests/data/basic has none: H7 cannot hold)."""
    generate("tiny", 1, tmp_path / "tiny")
    return tmp_path / "tiny"


SOLVE = ("--workers", "1", "--quiet", "--time-limit", "20")


@pytest.fixture
def solved(tiny: Path, tmp_path: Path) -> Path:
    out = tmp_path / "published" / "plan"
    assert run("solve", str(tiny), "-o", str(out), *SOLVE)[0] == 0
    return out


def writing_commands(scenario: Path, out: Path) -> dict[str, list[str]]:
    return {
        "solve": ["solve", str(scenario), "-o", str(out), *SOLVE],
        "sweep": ["sweep", str(scenario), "--vary", "weights.move=10", "--out", str(out),
                  "--workers", "1", "--time-limit", "20"],
        "generate": ["generate", "--preset", "tiny", "--output", str(out)],
    }  # fmt: skip


@pytest.mark.parametrize("command", ["solve", "sweep", "generate"])
def test_force_refuses_a_folder_it_did_not_write(basic: Path, tmp_path: Path, command: str):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    code, output = run(*writing_commands(basic, out)[command], "--force")
    assert code == 2, output
    assert "not an earlier output of this program" in output
    assert snapshot(out) == {"notes.txt": b"mine"}


@pytest.mark.parametrize("command", ["solve", "sweep"])
@pytest.mark.parametrize("where", ["scenario", "parent", "inside"])
def test_never_writes_into_over_or_around_the_scenario(
    basic: Path, command: str, where: str
) -> None:
    # `rotation solve S -o S --force` once replaced the scenario with outputs.
    out = {"scenario": basic, "parent": basic.parent, "inside": basic / "out"}[where]
    before = snapshot(basic.parent)
    code, output = run(*writing_commands(basic, out)[command], "--force")
    assert code == 2, output
    assert "scenario folder" in output
    assert snapshot(basic.parent) == before


def test_never_writes_over_a_folder_the_scenario_extends(basic: Path, tmp_path: Path):
    child = tmp_path / "variant"
    child.mkdir()
    (child / "scenario.toml").write_text(f'extends = "{basic.as_posix()}"\n', encoding="utf-8")
    before = snapshot(basic)
    code, output = run("solve", str(child), "-o", str(basic), *SOLVE, "--force")
    assert code == 2 and "scenario folder" in output
    assert snapshot(basic) == before


def test_force_replaces_an_earlier_output(tiny: Path, tmp_path: Path):
    out = tmp_path / "out"
    code, output = run("solve", str(tiny), "-o", str(out), *SOLVE)
    assert code == 0, output
    assert (out / OUTPUT_MARKER).is_file()
    code, output = run("solve", str(tiny), "--output", str(out), *SOLVE)
    assert code == 2 and "--force" in output
    code, output = run("solve", str(tiny), "--out", str(out), *SOLVE, "--force")
    assert code == 0, output


def test_audit_report_needs_force_and_never_lands_in_the_scenario(tiny: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert run("solve", str(tiny), "-o", str(out), *SOLVE)[0] == 0
    before = snapshot(tiny)
    code, output = run("audit", str(tiny), str(out), "--out", str(tiny / "teachers.csv"))
    assert code == 2 and "scenario folder" in output
    assert snapshot(tiny) == before
    report = tmp_path / "report.txt"
    report.write_text("keep")
    code, output = run("audit", str(tiny), str(out), "-o", str(report))
    assert code == 2 and "--force" in output and report.read_text() == "keep"
    code, output = run("audit", str(tiny), str(out), "-o", str(report), "--force")
    assert code == 0 and "COMPLIANT" in report.read_text()


def test_every_command_that_writes_says_o_out_and_keeps_output():
    from cli import COMMANDS, main

    ctx = click.Context(main)
    for name in COMMANDS:
        command = main.get_command(ctx, name)
        if command is None:
            continue
        writes = [p for p in command.params if "-o" in getattr(p, "opts", [])]
        for option in writes:
            assert option.opts[:2] == ["-o", "--out"], (name, option.opts)
            assert "--output" in option.opts, (name, option.opts)


@pytest.mark.parametrize(
    "command", ["roster", "explain", "report teachers.csv", "report sub/report.html"]
)
def test_people_outputs_never_land_in_the_scenario(tiny: Path, tmp_path: Path, command: str):
    """Issue 19.2 for report: ``report A -o SCENARIO/teachers.csv`` shadowed the inherited
    file; no command's output goes into a folder holding a scenario.toml."""
    out = tmp_path / "out"
    assert run("solve", str(tiny), "-o", str(out), *SOLVE)[0] == 0
    before = snapshot(tiny)
    if command.startswith("report"):
        args = ["report", str(out), "-o", str(tiny / command.split()[1])]
    else:
        extra = ["--no-alternative"] if command == "explain" else []
        args = [command, str(tiny), str(out), "-o", str(tiny), *extra]
    code, output = run(*args, "--force")
    assert code == 2, output
    assert "scenario folder" in output
    assert snapshot(tiny) == before


def test_a_report_written_into_an_output_keeps_it_replaceable(tiny: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert run("solve", str(tiny), "-o", str(out), *SOLVE)[0] == 0
    code, output = run("report", str(out), "-o", str(out / "report.html"))
    assert code == 0, output
    # with its size and SHA-256, so a later edit of it would be seen (issue 19.1)
    assert "report.html\t" in (out / OUTPUT_MARKER).read_text(encoding="utf-8")
    code, output = run("solve", str(tiny), "-o", str(out), *SOLVE, "--force")
    assert code == 0, output
    (out / "notes.txt").write_text("mine")  # but a person's file is never replaced
    code, output = run("solve", str(tiny), "-o", str(out), *SOLVE, "--force")
    assert code == 2 and (out / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("command", ["solve", "generate"])
def test_force_refuses_a_generated_scenario_someone_edited(tmp_path: Path, command: str):
    """Issue 19.1: the marker listed names only, so an edited teachers.csv still counted as
    ours and ``--force`` replaced the person's scenario. A scenario is never replaced."""
    scenario = tmp_path / "x"
    assert run("generate", "--preset", "tiny", "--seed", "1", "-o", str(scenario))[0] == 0
    teachers = scenario / "teachers.csv"
    teachers.write_bytes(teachers.read_bytes() + b"\n")
    before = snapshot(scenario)
    other = tmp_path / "other"
    generate("tiny", 2, other)
    args = {
        "solve": ["solve", str(other), "-o", str(scenario), *SOLVE, "--force"],
        "generate": ["generate", "--preset", "tiny", "--seed", "2", "-o", str(scenario),
                     "--force"],
    }[command]  # fmt: skip
    code, output = run(*args)
    assert code == 2, output
    assert "scenario.toml" in output
    assert snapshot(scenario) == before


def test_force_refuses_an_output_whose_plan_was_edited(tiny: Path, solved: Path):
    """Issue 19.1: a hand-edited assignments.csv is the person's now; it names the file."""
    out = solved
    plan = out / "assignments.csv"
    plan.write_text(plan.read_text(encoding="utf-8-sig") + "\n", encoding="utf-8-sig")
    before = snapshot(out)
    code, output = run("solve", str(tiny), "-o", str(out), *SOLVE, "--force")
    assert code == 2, output
    assert "edited since this program wrote them: assignments.csv" in output
    assert snapshot(out) == before


@pytest.mark.parametrize("where", ["is", "inside", "contains"])
def test_replan_never_writes_over_the_published_plan(
    tiny: Path, solved: Path, tmp_path: Path, where: str
):
    """Issue 19.3: ``replan --published P -o P --force`` replaced the only record of the
    years served. OUT is never, contains or lies inside an input."""
    out = {"is": solved, "inside": solved / "new", "contains": solved.parent}[where]
    before = snapshot(solved)
    code, output = run("replan", str(tiny), "--published", str(solved), "--from", "2024",
                       "-o", str(out), *SOLVE, "--force")  # fmt: skip
    assert code == 2, output
    assert "input" in output
    assert snapshot(solved) == before


def test_solve_never_writes_over_its_hint(tiny: Path, solved: Path):
    before = snapshot(solved)
    code, output = run("solve", str(tiny), "-o", str(solved), "--hint", str(solved), *SOLVE,
                       "--force")  # fmt: skip
    assert code == 2, output
    assert snapshot(solved) == before


@pytest.mark.parametrize("option", ["-o", "--certificate"])
def test_audit_never_writes_over_the_plan_it_checks(tiny: Path, solved: Path, option: str):
    before = snapshot(solved)
    code, output = run("audit", str(tiny), str(solved), option, str(solved / "assignments.csv"),
                       "--force")  # fmt: skip
    assert code == 2, output
    assert "which this command reads" in output
    assert snapshot(solved) == before
    plan = solved / "assignments.csv"
    code, output = run("audit", str(tiny), str(plan), option, str(plan), "--force")
    assert code == 2, output
    assert snapshot(solved) == before
