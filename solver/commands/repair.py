"""``rotation repair``: when no plan exists, the conflict in one line and the least change that
gives a plan, with its price (SPEC §9)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

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
    scenario_argument,
    search_options,
    set_option,
    writing,
)
from solver.glossary import Lang, repair_phrase
from solver.output.repairs import REPAIRS_FILE, folder_name, write_repairs
from solver.repair.conflict import conflict_lines
from solver.repair.run import repairs_of
from solver.repair.search import Progress
from solver.repair.words import repair_line
from solver.solving.result import Status
from solver.solving.solve import solve


@click.command("repair")
@scenario_argument
@out_option(
    required=False,
    help="Folder for repairs.csv and one scenario folder per repair (OUT/repair-1, ...).",
)
@search_options
@set_option
@force_option
@click.option("--verbose", is_flag=True, help="Also list every rule instance of the conflict.")
@quiet_option
@lang_option
def repair_command(
    scenario: Path,
    out: Path | None,
    time_limit: float,
    workers: int | None,
    seed: int,
    sets: tuple[str, ...],
    force: bool,
    verbose: bool,
    quiet: bool,
    lang: Lang,
) -> None:
    """Find, for a SCENARIO without a plan, each single change that gives one.

    --time-limit is the limit of each probe (a solve of a changed scenario). Exit 0 when a
    repair is found (or there is nothing to repair), 1 when none is, 2 on bad input.
    """
    data = load_or_exit(scenario, sets, quiet)
    if out is not None:
        refuse_output(out, force, scenario)
    workers = workers or os.cpu_count() or 1
    result = solve(data, time_limit, workers, seed)
    if result.status.has_plan:
        click.echo(repair_phrase("nothing", lang))
        sys.exit(EXIT_OK)
    if result.status is not Status.INFEASIBLE:
        click.echo(f"no plan found within {time_limit:g} s, but none proven impossible; "
                   "try a longer --time-limit", err=True)  # fmt: skip
        sys.exit(EXIT_NO_PLAN)
    outcome = repairs_of(
        scenario, sets, data, result, time_limit=time_limit, workers=workers,
        progress=None if quiet else _progress,
    )  # fmt: skip
    if not quiet:
        click.echo("", err=True)
    click.echo(repair_phrase("conflict_head", lang))
    for diagnosis in outcome.diagnoses:
        for line in conflict_lines([c.instance for c in diagnosis.conflicts], data, lang):
            click.echo(f"  {line}")
        if verbose:
            for line in diagnosis.lines():
                click.echo(f"    {line}")
    if not outcome.repairs:
        click.echo(repair_phrase("none_found", lang))
        sys.exit(EXIT_NO_PLAN)
    click.echo(repair_phrase("repairs_head", lang))
    for n, repair in enumerate(outcome.repairs, start=1):
        shown = f"  {n}. {repair_line(repair, data, lang)}"
        click.echo(shown + (f"  [{out}/{folder_name(n)}]" if out is not None else ""))
    if out is not None:
        with writing(out):
            write_repairs(out, scenario, sets, outcome.repairs, force, protected_folders(scenario))
        click.echo(f"wrote {out}/{REPAIRS_FILE} and {len(outcome.repairs)} folder(s)")
    sys.exit(EXIT_OK)


def _progress(p: Progress) -> None:
    click.echo(
        f"\rrepair: {p.done}/{p.total} settings searched, {p.probes} probes, {p.found} repairs",
        err=True,
        nl=False,
    )
