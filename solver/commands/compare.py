"""``rotation compare``: the KPIs of several plans or scenarios side by side."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from solver.commands.common import fail_input, quiet_option, search_options, set_option
from solver.input.loader import InputError
from solver.scenario import Scenario
from solver.whatif.compare import as_table, collect, stale_warnings, teacher_diff
from solver.whatif.differences import differences_table


def solver_for(time_limit: float, workers: int, seed: int, quiet: bool = True):
    """Solve a scenario input of ``compare`` with the usual options; unless ``quiet``, a line
    on stderr says which scenario is being solved (each may take the whole time limit)."""

    def run(scenario: Scenario) -> tuple[str, Sequence[Any]]:
        if not quiet:
            click.echo(f"solving {scenario.info.name} (at most {time_limit:g} s)", err=True)
        from solver.solving.solve import solve

        result = solve(scenario, time_limit, workers, seed)
        return result.status.value, result.plan

    return run


def explainer(time_limit: float):
    """Why a scenario input of ``compare`` has no plan, in the words ``solve`` prints."""

    def explain(scenario: Scenario, status: str) -> str:
        if status == "infeasible":
            from solver.solving.diagnose import diagnose

            lines = diagnose(scenario, max(10.0, time_limit)).lines()
            return "infeasible: " + ("; ".join(lines) or "these rules cannot all hold together")
        return f"no plan found within {time_limit:g} s; not proven infeasible"

    return explain


@click.command("compare")
@click.argument(
    "inputs", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "markdown"]),
    default="table",
    show_default=True,
)
@click.option("--diff", is_flag=True, help="List every teacher whose plan differs from the first.")
@click.option("--by", type=click.Choice(["school", "org"]), default=None,
              help="Instead of the KPIs: the differences per school or per organization "
              "against the first input (equal-cost swaps apart from real changes).")  # fmt: skip
@search_options
@set_option
@quiet_option
def compare_command(
    inputs: tuple[Path, ...],
    fmt: str,
    diff: bool,
    by: str | None,
    time_limit: float,
    workers: int | None,
    seed: int,
    sets: tuple[str, ...],
    quiet: bool,
) -> None:
    """Compare OUT_OR_SCENARIO folders: solved outputs are read, scenarios solved first.

    --set applies to scenario inputs; an output folder is read with the settings it was
    solved with (recorded in its summary.json).
    """
    solve = solver_for(time_limit, workers or os.cpu_count() or 1, seed, quiet)
    try:
        columns = collect(inputs, sets, solve, explainer(time_limit))
    except InputError as exc:
        fail_input(exc)
    for line in stale_warnings(columns):
        click.echo(line, err=True)
    click.echo(differences_table(columns, by, fmt) if by else as_table(columns, fmt))
    if diff:
        rows = teacher_diff(columns)
        click.echo(f"\n{len(rows)} teacher-year(s) differ from {columns[0].label}:")
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["input", "teacher_id", "year", "first_place", "this_place"])
        writer.writerows(rows)
        click.echo(buffer.getvalue().rstrip("\n"))
