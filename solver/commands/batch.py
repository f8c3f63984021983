"""``rotation batch``: plan several scenarios, one output folder each, and a summary table.

Without ``--scheduler`` the scenarios are solved one after the other on this machine (each with
the local process pool, as ``solve`` does). With ``--scheduler tcp://host:8786`` they are all
started at once and their parts queue on the Dask cluster; loading and writing stay here.
"""

from __future__ import annotations

import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import click

from solver.commands.cluster import cluster_errors
from solver.commands.common import (
    EXIT_NO_PLAN,
    EXIT_OK,
    force_option,
    lang_option,
    load_or_exit,
    out_option,
    protected_folders,
    quiet_option,
    refuse_output,
    search_options,
    set_option,
    writing,
)
from solver.input.loader import scenario_files
from solver.output.files import atomic_output_dir, write_csv
from solver.output.solve_set import write_outputs
from solver.scenario import Scenario
from solver.solving.result import Result
from solver.solving.solve import solve, stop_on_interrupt
from solver.solving.stopping import StopFlag

BATCH_COLUMNS = (
    "scenario",
    "folder",
    "status",
    "cost",
    "bound",
    "gap",
    "wall_time",
    "teachers",
    "parts",
    "rows",
    "explanation",
)


def folder_names(scenarios: list[Path]) -> list[str]:
    """One output folder name per scenario: its folder's name, numbered when repeated."""
    names: list[str] = []
    for path in scenarios:
        base = Path(path).resolve().name or "scenario"
        name, n = base, 1
        while name in names:
            n += 1
            name = f"{base}-{n}"
        names.append(name)
    return names


@click.command("batch")
@click.argument(
    "scenarios",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
@out_option(help="Folder to write: OUT/<scenario>/ per scenario and OUT/batch.csv.")
@search_options
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Solve on a Dask distributed cluster (tcp://host:8786); see docs/scale.md.",
)
@set_option
@force_option
@quiet_option
@lang_option
def batch_command(
    scenarios: tuple[Path, ...],
    out: Path,
    time_limit: float,
    workers: int | None,
    seed: int,
    scheduler: str | None,
    sets: tuple[str, ...],
    force: bool,
    quiet: bool,
    lang: str,
) -> None:
    """Plan every SCENARIO; write OUT/<scenario>/ (as solve does) and OUT/batch.csv.

    A scenario without a plan is a row with its reason and no folder. Exit 0 when every
    scenario has a plan, 1 when some have none, 2 on bad input (nothing is solved then).
    """
    folders = list(scenarios)
    # every input is checked before solving
    data = [load_or_exit(folder, sets, quiet) for folder in folders]
    for folder in folders:
        refuse_output(out, force, folder)
    names = folder_names(folders)
    workers = workers or os.cpu_count() or 1
    started = time.monotonic()
    protected = tuple(p for folder in folders for p in protected_folders(folder))
    with stop_on_interrupt() as stop:
        with cluster_errors():
            results = _solve_all(
                data, time_limit, workers, seed, scheduler, stop, names, started, quiet
            )
        rows = []
        with writing(out), atomic_output_dir(out, force, protected) as tmp:
            for folder, name, scenario, result in zip(folders, names, data, results, strict=True):
                rows.append(_write_one(tmp, folder, name, scenario, result, time_limit, sets, lang))
            write_csv(
                tmp / "batch.csv",
                BATCH_COLUMNS,
                [[r.get(k, "") for k in BATCH_COLUMNS] for r in rows],
            )
    for r in rows:
        gap = "" if r["gap"] in ("", None) else f"  gap {float(r['gap']):.2%}"
        click.echo(f"{r['folder']}  {r['status']}  cost {r['cost']}{gap}  {r['wall_time']} s")
        if r["explanation"]:
            click.echo(f"    {r['explanation']}")
    click.echo(f"wrote {out}/batch.csv ({len(rows)} scenarios) in "
               f"{time.monotonic() - started:.1f} s")  # fmt: skip
    planned = all(r["status"] in ("optimal", "feasible") for r in rows)
    sys.exit(EXIT_OK if planned else EXIT_NO_PLAN)


def _solve_all(
    data: list[Scenario],
    time_limit: float,
    workers: int,
    seed: int,
    scheduler: str | None,
    stop: StopFlag,
    names: list[str],
    started: float,
    quiet: bool = False,
) -> list[Result]:
    """Every scenario's result, in order: one by one here, or all at once on a cluster."""

    def one(index: int) -> Result:
        result = solve(data[index], time_limit, workers, seed, stop=stop, scheduler=scheduler)
        if quiet:
            return result
        click.echo(
            f"[{names[index]}] {result.status.value} cost {result.cost} "
            f"({time.monotonic() - started:.1f} s)",
            err=True,
        )
        return result

    if scheduler is None:
        return [one(i) for i in range(len(data))]
    with ThreadPoolExecutor(max_workers=len(data)) as threads:
        return list(threads.map(one, range(len(data))))


def _write_one(
    tmp: Path,
    folder: Path,
    name: str,
    scenario: Scenario,
    result: Result,
    time_limit: float,
    sets: tuple[str, ...] = (),
    lang: str = "zh",
) -> dict[str, Any]:
    """Write one scenario's outputs (when it has a plan); its batch.csv row."""
    row: dict[str, Any] = {
        "scenario": scenario.info.name,
        "folder": name,
        "status": result.status.value,
        "cost": result.cost,
        "bound": result.bound,
        "gap": result.gap,
        "wall_time": round(result.wall_time, 2),
        "teachers": len(scenario.teachers),
        "parts": len(result.components),
        "rows": len(result.plan),
        "explanation": "",
    }
    if not result.status.has_plan:
        row["explanation"] = (
            "no plan exists: run rotation solve on it for the conflicting rules"
            if result.status.value == "infeasible"
            else f"no plan found within {time_limit:g} s; not proven infeasible"
        )
        return row
    report = write_outputs(
        tmp / name,
        scenario,
        result,
        scenario_files(folder),
        overrides=sets,
        scenario_folder=folder,
        people_lang=lang,
    )
    if not report.compliant:  # a bug: write_outputs kept the plan only as evidence
        row.update(status="internal_error", explanation="the plan fails its own audit")
    return row
