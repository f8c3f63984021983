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


@pytest.mark.parametrize("command", ["roster", "explain"])
def test_people_outputs_never_land_in_the_scenario(tiny: Path, tmp_path: Path, command: str):
    out = tmp_path / "out"
    assert run("solve", str(tiny), "-o", str(out), *SOLVE)[0] == 0
    before = snapshot(tiny)
    extra = ["--no-alternative"] if command == "explain" else []
    code, output = run(command, str(tiny), str(out), "-o", str(tiny), *extra, "--force")
    assert code == 2, output
    assert "scenario folder" in output
    assert snapshot(tiny) == before


def test_a_report_written_into_an_output_keeps_it_replaceable(tiny: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert run("solve", str(tiny), "-o", str(out), *SOLVE)[0] == 0
    code, output = run("report", str(out), "-o", str(out / "report.html"))
    assert code == 0, output
    assert "report.html" in (out / OUTPUT_MARKER).read_text(encoding="utf-8")
    code, output = run("solve", str(tiny), "-o", str(out), *SOLVE, "--force")
    assert code == 0, output
    (out / "notes.txt").write_text("mine")  # but a person's file is never replaced
    code, output = run("solve", str(tiny), "-o", str(out), *SOLVE, "--force")
    assert code == 2 and (out / "notes.txt").read_text() == "mine"
