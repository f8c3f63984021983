"""``rotation bench``: solve the reference instances and print the figures of docs/performance.md.

Each instance runs in a fresh process, so its peak memory (``ru_maxrss`` of that process and of
its own solver processes) is its own.
"""

from __future__ import annotations

import json
import multiprocessing
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

import click

from solver.audit import audit
from solver.commands.common import seed_option, time_limit_option, workers_option
from solver.generate import generate
from solver.generate.replan import august
from solver.input.formats import PLAN_COLUMNS
from solver.input.loader import load_scenario
from solver.output.changes import changes
from solver.output.files import write_csv
from solver.solving.result import Status
from solver.solving.solve import solve

ROOT = Path(__file__).resolve().parents[2]
LIANYUN = ROOT / "scenarios" / "lianyun-2023"
LIANYUN_REPLAN = ROOT / "scenarios" / "lianyun-2024-replan"
PUBLISH_SECONDS = 120.0
"""Time limit of the city's published plan that ``city-replan`` re-plans (solved once, kept)."""


def scenario_folder(preset: str, seed: int, data_dir: Path) -> Path:
    """The scenario a preset is benchmarked on: lianyun-2023, lianyun-2024-replan, a generated
    roster, or (``city-replan``) the generated city re-planned from its second year after
    about 1% of roster changes (``solver.generate.replan``)."""
    if preset == "lianyun":
        return LIANYUN
    if preset == "lianyun-replan":
        return LIANYUN_REPLAN
    if preset == "city-replan":
        return city_replan(seed, data_dir)
    folder = data_dir / f"{preset}-seed{seed}"
    if not (folder / "teachers.csv").is_file():
        generate(preset, seed, folder)
    return folder


def city_replan(seed: int, data_dir: Path) -> Path:
    """The city re-planned in August of its second year; its published plan is the city's
    solve with ``PUBLISH_SECONDS`` and 2 workers, made once and kept in ``data_dir``."""
    city = scenario_folder("city", seed, data_dir)
    published = data_dir / f"city-seed{seed}-published.csv"
    if not published.is_file():
        scenario = load_scenario(city)
        result = solve(scenario, PUBLISH_SECONDS, 2, seed=0)
        rows = [[getattr(a, c) for c in PLAN_COLUMNS] for a in result.plan]
        write_csv(published, PLAN_COLUMNS, rows)
    folder = data_dir / f"city-seed{seed}-replan"
    if not (folder / "teachers.csv").is_file():
        august(city, published, folder, load_scenario(city).info.cycle_start + 1)
    return folder


def bench_one(
    preset: str, time_limit: float, workers: int, seed: int, data_dir: Path
) -> dict[str, Any]:
    """Load, solve and audit one instance; every figure of a benchmark row."""
    folder = scenario_folder(preset, seed, data_dir)
    began, clock_started = time.monotonic(), time.time()
    scenario = load_scenario(folder)
    loaded = time.monotonic() - began
    # As for `rotation solve`: the time limit counts loading.
    result = solve(scenario, time_limit, workers, seed=0, clock_started=clock_started)
    audited = audit(scenario, result.plan) if result.status.has_plan else None
    changed = None
    if scenario.history_plan is not None and result.status.has_plan:
        changed = len(changes(scenario, scenario.history_plan, result.plan))
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "preset": preset,
        "schools": len(scenario.schools),
        "teachers": len(scenario.teachers),
        "components": len(result.components),
        "parts_optimal": sum(c.status is Status.OPTIMAL for c in result.components),
        "parts_without_plan": sum(not c.status.has_plan for c in result.components),
        "variables": result.variables,
        "constraints": result.constraints,
        "load_s": round(loaded, 1),
        "first_plan_s": _round(result.first_plan_time),
        "gap_1pct_s": _round(result.gap_1pct_time),
        "wall_s": round(result.wall_time, 1),
        "status": result.status.value,
        "cost": result.cost,
        "bound": result.bound,
        "gap": None if result.gap is None else round(result.gap, 5),
        "audit_matches": None if audited is None else audited.cost == result.cost,
        "changed": changed,
        "peak_mb_self": round(own),
        "peak_mb_children": round(children),
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _child(connection: Any, *args: Any) -> None:
    try:
        connection.send(bench_one(*args))
    except Exception as exc:  # reported in the table rather than lost in a child
        connection.send({"preset": args[0], "error": repr(exc)})
    finally:
        connection.close()


def run_isolated(
    preset: str, time_limit: float, workers: int, seed: int, data_dir: Path
) -> dict[str, Any]:
    """``bench_one`` in a fresh process (its memory peak is then its own)."""
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(
        target=_child, args=(send, preset, time_limit, workers, seed, data_dir)
    )
    process.start()
    send.close()
    row: dict[str, Any] = receive.recv()
    process.join()
    return row


COLUMNS = (
    ("preset", "instance"),
    ("schools", "schools"),
    ("teachers", "teachers"),
    ("components", "parts"),
    ("variables", "variables"),
    ("constraints", "constraints"),
    ("load_s", "load s"),
    ("first_plan_s", "first plan s"),
    ("gap_1pct_s", "gap<=1% s"),
    ("wall_s", "wall s"),
    ("status", "status"),
    ("cost", "cost"),
    ("gap", "gap"),
    ("changed", "teacher-years changed"),
    ("peak_mb_self", "peak MB"),
    ("peak_mb_children", "peak MB children"),
)


def markdown(rows: list[dict[str, Any]]) -> str:
    """The rows as a Markdown table (what docs/performance.md holds)."""
    lines = [
        "| " + " | ".join(title for _, title in COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
    ]
    for row in rows:
        if "error" in row:
            lines.append(f"| {row['preset']} | error: {row['error']} |")
            continue
        cells = ["-" if row.get(key) is None else str(row[key]) for key, _ in COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


@click.command("bench")
@click.option(
    "--presets",
    default="lianyun,city",
    show_default=True,
    help="Comma-separated: lianyun, lianyun-replan, city, city-replan, province.",
)
@time_limit_option(default=120.0)
@workers_option(default=2)
@seed_option(default=1)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(tempfile.gettempdir()) / "rotation-bench",
    show_default=True,
    help="Where generated rosters are kept between runs.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the rows as JSON too.")
def bench_command(
    presets: str, time_limit: float, workers: int, seed: int, data_dir: Path, as_json: bool
) -> None:
    """Benchmark the solver: time to a first plan and to a 1% gap, status, memory, model size.

    Not a test: it takes minutes. The table is what docs/performance.md records.
    """
    rows = []
    for preset in [p.strip() for p in presets.split(",") if p.strip()]:
        click.echo(f"benchmarking {preset} ...", err=True)
        rows.append(run_isolated(preset, time_limit, workers, seed, data_dir))
        click.echo(markdown(rows[-1:]).splitlines()[-1], err=True)
    click.echo(markdown(rows))
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
