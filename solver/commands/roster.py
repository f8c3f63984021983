"""``rotation roster``: the publication lists (公示名单) of any plan, e.g. one made by hand."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from solver.audit import audit
from solver.commands.common import (
    EXIT_OK,
    fail_input,
    force_option,
    lang_option,
    load_or_exit,
    protected_folders,
    scenario_argument,
    set_option,
    writing,
)
from solver.input.loader import InputError
from solver.input.plan import read_plan
from solver.output.files import atomic_output_dir
from solver.output.people import write_people_outputs


@click.command("roster")
@scenario_argument
@click.argument("plan", type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--out",
    "--output",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write roster.xlsx and roster.html to (refused if it exists, unless --force).",
)
@lang_option
@set_option
@force_option
def roster_command(
    scenario: Path, plan: Path, out: Path, lang: str, sets: tuple[str, ...], force: bool
) -> None:
    """Write OUT/roster.xlsx and OUT/roster.html: the publication lists of PLAN.

    PLAN is an output folder holding assignments.csv, or a plan CSV (also one made by hand).
    The lists show every row of the plan; run ``rotation audit`` to check it. Exit 0 when
    written, 2 on bad input or when OUT may not be written.
    """
    data = load_or_exit(scenario, sets)
    try:
        rows = read_plan(plan)
    except InputError as exc:
        fail_input(exc)
    report = audit(data, rows)
    with writing(out), atomic_output_dir(out, force, protected_folders(scenario)) as folder:
        write_people_outputs(folder, data, rows, lang, report)
    verdict = "" if report.compliant else f" (the audit finds {len(report.violations)} violations)"
    click.echo(
        f"wrote {out}/roster.xlsx, roster.html and publication.html: {len(rows)} rows{verdict}"
    )
    sys.exit(EXIT_OK)
