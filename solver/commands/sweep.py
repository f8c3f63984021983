"""``rotation sweep``: solve a grid of policy values and tabulate what each one does."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from solver.commands.cluster import cluster_errors
from solver.commands.common import (
    MAX_WORKERS,
    fail_input,
    force_option,
    load_or_exit,
    out_option,
    protected_folders,
    quiet_option,
    refuse_output,
    scenario_argument,
    search_options,
    set_option,
    writing,
)
from solver.input.loader import InputError
from solver.output.files import atomic_output_dir, write_csv
from solver.whatif.sweep import check_values, grid, parse_vary, run_sweep


@click.command("sweep")
@scenario_argument
@click.option(
    "--vary",
    "varies",
    multiple=True,
    required=True,
    metavar="KEY=V1,V2,...",
    help="A setting and the values to try (repeatable: the grid is every combination).",
)
@out_option(help="Folder to write (refused if it exists, unless --force).")
@search_options
@click.option("--jobs", type=click.IntRange(1, MAX_WORKERS), default=1, show_default=True,
              help="Points solved at once, in separate processes sharing the workers "
              "(never more processes than points or workers).")  # fmt: skip
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Solve the points' parts on a Dask distributed cluster (tcp://host:8786); --jobs is "
    "then unused. See docs/scale.md.",
)
@set_option
@force_option
@quiet_option
def sweep_command(
    scenario: Path,
    varies: tuple[str, ...],
    out: Path,
    time_limit: float,
    workers: int | None,
    jobs: int,
    seed: int,
    scheduler: str | None,
    sets: tuple[str, ...],
    force: bool,
    quiet: bool,
) -> None:
    """Solve SCENARIO at every point of the --vary grid; write OUT/point-NNN/ and OUT/sweep.csv.

    A point without a plan is a row with its explanation. Exit 0 when the sweep ran, 2 on bad
    input.
    """
    load_or_exit(scenario, sets, quiet)
    try:
        axes = parse_vary(varies)
        check_values(scenario, sets, axes)  # a bad value stops the sweep before any solving
        points = grid(axes)
    except InputError as exc:
        fail_input(exc)
    refuse_output(out, force, scenario)  # before solving anything
    started = time.monotonic()

    def progress(row: dict) -> None:
        done = progress.count = getattr(progress, "count", 0) + 1  # type: ignore[attr-defined]
        if quiet:
            return
        click.echo(
            f"[{done}/{len(points)}] {row['point']} {row.get('status')} cost {row.get('cost', '-')}"
            f" ({time.monotonic() - started:.1f} s)",
            err=True,
        )

    protected = protected_folders(scenario)
    with writing(out), cluster_errors(), atomic_output_dir(out, force, protected) as tmp:
        rows = run_sweep(
            scenario, sets, points, tmp, time_limit, workers or os.cpu_count() or 1, seed,
            jobs, progress, scheduler,
        )  # fmt: skip
        header: list[str] = []
        for row in rows:
            header += [k for k in row if k not in header]
        write_csv(tmp / "sweep.csv", header, [[r.get(k, "") for k in header] for r in rows])
    for point, r in zip(points, rows, strict=True):
        shown = [
            *point.sets,
            *(f"{k}={r.get(k, '')}" for k in ("status", "cost", "teachers_moved")),
        ]
        click.echo(f"{point.name}  {'  '.join(shown)}")
        if r.get("explanation"):
            click.echo(f"    {r['explanation']}")
    click.echo(f"wrote {out}/sweep.csv ({len(rows)} points) in {time.monotonic() - started:.1f} s")
    sys.exit(0)
