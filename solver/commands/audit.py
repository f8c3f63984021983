"""``rotation audit``: check any plan against every hard rule and recompute its cost."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from solver.audit import audit
from solver.audit.identity import plan_notes
from solver.audit.render import render_csv, render_json, render_table
from solver.commands.common import (
    EXIT_OK,
    EXIT_VIOLATIONS,
    fail_input,
    force_option,
    load_or_exit,
    out_option,
    refuse_output,
    scenario_argument,
    set_option,
)
from solver.input.loader import InputError, scenario_files
from solver.input.plan import plan_path, read_plan
from solver.output.certificate import write_certificate
from solver.output.files import write_text_atomic


@click.command("audit")
@scenario_argument
@click.argument("plan", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="table for people; csv lists the violations; json holds everything.",
)
@out_option(required=False, file=True, help="Write the report to this file instead of the screen.")
@set_option
@click.option(
    "--certificate",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a JSON certificate: file hashes, rule catalogue, verdict, cost.",
)
@force_option
def audit_command(
    scenario: Path,
    plan: Path,
    fmt: str,
    out: Path | None,
    sets: tuple[str, ...],
    certificate: Path | None,
    force: bool,
) -> None:
    """Check PLAN against every hard rule of SCENARIO and recompute its cost.

    PLAN is an output folder holding assignments.csv, or a plan CSV itself (also one made by
    hand in a spreadsheet). Exit 0 when compliant, 1 with violations, 2 on unusable input.
    """
    data = load_or_exit(scenario, sets)
    output = out
    for target in (output, certificate):
        if target is not None:  # never into the scenario, never over a file without --force
            refuse_output(target, force, scenario, folder=False, inputs=(plan,))
    file = plan_path(plan)
    try:
        rows = read_plan(plan)
    except InputError as exc:
        fail_input(exc)
    report = audit(data, rows)
    notes = plan_notes(data, rows)  # a foreign plan, names that disagree: said first
    if fmt == "json":
        text = render_json(report, str(file), data, notes)
    elif fmt == "csv":
        text = render_csv(report, data)
        if notes.headline:
            click.echo(f"warning: {notes.headline}", err=True)
    else:
        text = render_table(report, str(file), data, notes)
    try:
        if output is not None:
            write_text_atomic(output, text, "utf-8-sig" if fmt == "csv" else "utf-8")
        if certificate is not None:
            write_certificate(
                certificate, scenario_files(scenario), file, report, sets, data.info.name, scenario
            )
    except OSError as exc:
        click.echo(f"error: cannot write {exc.filename}: {exc.strerror}", err=True)
        sys.exit(2)
    if output is None:
        click.echo(text, nl=False)
    else:
        verdict = "compliant" if report.compliant else f"{len(report.violations)} violations"
        click.echo(f"{file}: {verdict}; report written to {output}", err=True)
    sys.exit(EXIT_OK if report.compliant else EXIT_VIOLATIONS)
