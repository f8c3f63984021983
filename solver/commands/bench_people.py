"""``rotation bench-people``: the benchmark rows of the outputs for people (docs/publication.md).

Two rows, each timed on its own after the plan exists: ``explain`` for every teacher the
lianyun-2023 plan moves (each with its alternative re-solved), and ``roster`` (roster.xlsx and
roster.html) for the generated city. Not a test: it takes minutes.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

import click

from solver.commands.bench import LIANYUN, scenario_folder
from solver.commands.common import seed_option, workers_option
from solver.explain.run import explain_teachers
from solver.input.loader import load_scenario
from solver.input.plan import PlanRow, as_plan_rows, read_plan
from solver.output.people import write_people_outputs
from solver.solving.result import Status
from solver.solving.solve import solve


def bench_explain(workers: int, alternative_limit: float) -> dict[str, Any]:
    """Explain every mover of the lianyun-2023 plan, alternatives included."""
    scenario = load_scenario(LIANYUN)
    result = solve(scenario, 60, workers)
    plan = as_plan_rows(result.plan)
    began = time.monotonic()
    explanations = explain_teachers(
        scenario, plan, alternatives=True, time_limit=alternative_limit, workers=workers
    )
    seconds = time.monotonic() - began
    statuses = [e.alternative.status for e in explanations if e.alternative is not None]
    return {
        "row": "explain lianyun-2023 (every mover)",
        "teachers": len(scenario.teachers),
        "items": len(explanations),
        "proven": sum(s in (Status.OPTIMAL, Status.INFEASIBLE) for s in statuses),
        "plan_status": result.status.value,
        "seconds": round(seconds, 1),
        "target_s": 120,
    }


def bench_roster(
    preset: str,
    seed: int,
    data_dir: Path,
    workers: int,
    solve_limit: float,
    plan_path: Path | None = None,
) -> dict[str, Any]:
    """roster.xlsx and roster.html of a solved preset: load, audit and write are timed, the
    solve is not (``plan_path`` reuses a plan already solved)."""
    folder = scenario_folder(preset, seed, data_dir)
    if plan_path is None:
        result = solve(load_scenario(folder), solve_limit, workers)
        status = result.status.value
        plan: list[PlanRow] = as_plan_rows(result.plan)
    else:
        status, plan = "read", read_plan(plan_path)
    out = Path(tempfile.mkdtemp(prefix="roster-", dir=data_dir))
    began = time.monotonic()
    scenario = load_scenario(folder)
    write_people_outputs(out, scenario, plan, "zh")
    seconds = time.monotonic() - began
    sheets = 1 + len(scenario.organizations) + len(scenario.schools)
    return {
        "row": f"roster {preset} (seed {seed}): {sheets} sheets",
        "teachers": len(scenario.teachers),
        "items": len(plan),
        "proven": None,
        "plan_status": status,
        "seconds": round(seconds, 1),
        "target_s": 10,
    }


COLUMNS = (
    ("row", "benchmark"),
    ("teachers", "teachers"),
    ("items", "teachers explained / rows listed"),
    ("proven", "alternatives proven"),
    ("plan_status", "plan"),
    ("seconds", "seconds"),
    ("target_s", "target s"),
)


def markdown(rows: list[dict[str, Any]]) -> str:
    lines = ["| " + " | ".join(t for _, t in COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for row in rows:
        cells = ["-" if row.get(k) is None else str(row[k]) for k, _ in COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


@click.command("bench-people")
@workers_option(default=2)
@seed_option(default=1)
@click.option(
    "--alternative-limit",
    type=float,
    default=10.0,
    show_default=True,
    help="Seconds for each teacher's alternative re-solve.",
)
@click.option(
    "--solve-limit",
    type=float,
    default=120.0,
    show_default=True,
    help="Seconds to solve the city before its roster is timed.",
)
@click.option(
    "--city-plan",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="A plan of the generated city already solved (skips the solve).",
)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(tempfile.gettempdir()) / "rotation-bench",
    show_default=True,
)
@click.option("--json", "as_json", is_flag=True, help="Print the rows as JSON too.")
def bench_people_command(
    workers: int,
    seed: int,
    alternative_limit: float,
    solve_limit: float,
    city_plan: Path | None,
    data_dir: Path,
    as_json: bool,
) -> None:
    """Benchmark explain (every mover of lianyun-2023) and roster (the city)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    rows = []
    click.echo("explaining every mover of lianyun-2023 ...", err=True)
    rows.append(bench_explain(workers, alternative_limit))
    click.echo("writing the city's roster ...", err=True)
    rows.append(bench_roster("city", seed, data_dir, workers, solve_limit, city_plan))
    click.echo(markdown(rows))
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
