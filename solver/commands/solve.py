"""``rotation solve``: the cheapest plan, written with its audit, or why there is none."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from solver.audit import AuditReport
from solver.commands.cluster import cluster_errors
from solver.commands.common import (
    EXIT_INTERNAL_ERROR,
    EXIT_NO_PLAN,
    EXIT_OK,
    fail_input,
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
from solver.commands.report import report_hint
from solver.glossary import Lang, repair_phrase
from solver.input.formats import PLAN_FILE
from solver.input.loader import InputError, scenario_files
from solver.input.plan import read_plan
from solver.output.partial import PARTIAL_PLAN, partial_folder, write_partial
from solver.output.solve_set import REJECTED_PLAN, write_outputs
from solver.repair.conflict import conflict_lines
from solver.repair.run import repairs_of
from solver.repair.words import repair_line
from solver.scenario import Assignment, Scenario
from solver.solving.diagnose import diagnose
from solver.solving.progress import ProgressPrinter
from solver.solving.result import Result, Status
from solver.solving.solve import solve, stop_on_interrupt


@click.command("solve")
@scenario_argument
@out_option(
    help="Folder to write the plan to (refused if it exists, unless --force; --force replaces "
    "only an earlier output)."
)
@search_options
@click.option(
    "--hint",
    "hint_path",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="Start from an earlier plan: an output folder (its assignments.csv, or the "
    f"{PARTIAL_PLAN} of a stopped solve) or a plan CSV.",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Solve the parts on a Dask distributed cluster (tcp://host:8786); see docs/scale.md.",
)
@set_option
@force_option
@quiet_option
@click.option(
    "--xlsx", is_flag=True, help="Also write OUT/plan.xlsx (plan, compliance, schools, summary)."
)
@lang_option
@click.option("--verbose", is_flag=True, help="With no plan: list every conflicting rule instance.")
def solve_command(
    scenario: Path,
    out: Path,
    time_limit: float,
    workers: int | None,
    seed: int,
    hint_path: Path | None,
    scheduler: str | None,
    sets: tuple[str, ...],
    force: bool,
    quiet: bool,
    xlsx: bool,
    lang: Lang,
    verbose: bool,
) -> None:
    """Plan SCENARIO and write OUT/assignments.csv, compliance.csv, schools.csv, balance.csv,
    summary.json.

    Ctrl-C stops improving: parts still without a plan search for a first one, then the
    complete plan is written. A second Ctrl-C writes what is solved as a partial output
    (OUT/assignments.partial.csv, summary status 'partial'; exit 1); --hint resumes from it.
    Exit 0 when a plan is written, 1 when there is none (the conflicting rules are printed,
    or the plan failed its own audit: an internal error), 2 on bad input or an OUT that may
    not be written.
    """
    clock_started = time.time()  # the time limit counts loading
    data = load_or_exit(scenario, sets, quiet)
    hints = (hint_path,) if hint_path is not None else ()
    refuse_output(out, force, scenario, inputs=hints)  # before the search: nothing is touched
    hint = _read_hint(hint_path) if hint_path is not None else None
    workers = workers or os.cpu_count() or 1
    printer = None if quiet else ProgressPrinter()
    # The handler stays until the outputs are written: a Ctrl-C that arrives once the search has
    # ended is ignored (a second one aborts, and the atomic write leaves OUT as it was).
    with stop_on_interrupt() as stop, cluster_errors():
        result = solve(
            data,
            time_limit,
            workers,
            seed,
            hint,
            progress=printer,
            stop=stop,
            abandon=stop.abandon,
            scheduler=scheduler,
            clock_started=clock_started,
        )
        if printer is not None:
            printer.close()
        if result.status is Status.PARTIAL:
            sys.exit(_write_partial(out, data, result, scenario, sets, force))
        if result.status is Status.INFEASIBLE:
            sys.exit(_explain_infeasible(scenario, sets, data, result, workers, lang, verbose))
        if not result.status.has_plan:
            sys.exit(_explain_no_plan(data, result, time_limit))
        report = _write(
            out, data, result, scenario, sets, force, lang if xlsx else None, people_lang=lang
        )
    click.echo(_headline(result))
    if result.interrupted:
        click.echo("interrupted: the best plan found so far was written")
    if not report.compliant:  # never expected: the audit disagrees with the model
        rules = ", ".join(sorted({c.rule.value for c in report.violations}))
        click.echo(
            f"internal error: the plan found fails its own audit ({len(report.violations)} "
            f"violation(s) of {rules}); this is a bug, not a property of your data. No plan was "
            f"written; the rows are kept as evidence in {out}/{REJECTED_PLAN} with "
            "compliance.csv and summary.json",
            err=True,
        )
        sys.exit(EXIT_INTERNAL_ERROR)
    extra = ", roster.xlsx, roster.html, publication.html" + (", plan.xlsx" if xlsx else "")
    click.echo(f"wrote {out}/assignments.csv ({len(result.plan)} rows), compliance.csv, "
               f"schools.csv, balance.csv, summary.json, certificate.json{extra}")  # fmt: skip
    click.echo(report_hint(out))
    sys.exit(EXIT_OK)


def _write(
    out: Path,
    data: Scenario,
    result: Result,
    scenario: Path,
    sets: tuple[str, ...],
    force: bool,
    xlsx_lang: str | None,
    people_lang: str = "zh",
) -> AuditReport:
    """Write the outputs; a folder that cannot be written is bad input (exit 2)."""
    with writing(out):
        return write_outputs(
            out,
            data,
            result,
            scenario_files(scenario),
            overrides=sets,
            force=force,
            scenario_folder=scenario,
            xlsx_lang=xlsx_lang,
            people_lang=people_lang,
            protected=protected_folders(scenario),
        )


def _read_hint(path: Path) -> list[Assignment]:
    """The plan to start from: a plan CSV, or an output folder's assignments.csv (or, after a
    stopped solve, its assignments.partial.csv). An unreadable plan is bad input (exit 2)."""
    if path.is_dir() and not (path / PLAN_FILE).exists():
        path = path / PARTIAL_PLAN
    try:
        rows = read_plan(path)
    except InputError as exc:
        fail_input(exc)
    return [r.assignment() for r in rows]


def _write_partial(
    out: Path, data: Scenario, result: Result, scenario: Path, sets: tuple[str, ...], force: bool
) -> int:
    """Write what a solve stopped by a second Ctrl-C had solved, clearly partial; exit 1.
    Over a complete earlier output it goes beside it (``partial_folder``), never over it."""
    complete = out
    out = partial_folder(out)
    with writing(out):
        write_partial(
            out,
            data,
            result,
            scenario_files(scenario),
            overrides=sets,
            force=force,
            scenario_folder=scenario,
            protected=protected_folders(scenario),
        )
    missing = result.parts_without_plan
    if out != complete:
        click.echo(f"{complete} keeps its complete plan; the partial goes to {out}", err=True)
    click.echo(
        f"partial: stopped after {result.wall_time:.1f} s with {len(missing)} of "
        f"{len(result.components)} parts without a plan; this is NOT a plan of the scenario",
        err=True,
    )
    for part in missing:
        shown = ", ".join(part.school_ids[:5]) + (", ..." if len(part.school_ids) > 5 else "")
        click.echo(f"  part {part.index}: {part.teachers} teachers, schools {shown}", err=True)
    click.echo(
        f"wrote {out}/{PARTIAL_PLAN} ({len(result.plan)} rows of the solved parts) and "
        f"summary.json; resume with: rotation solve {scenario} -o NEW_OUT --hint {out}",
        err=True,
    )
    return EXIT_NO_PLAN


def _headline(result: Result) -> str:
    gap = "" if result.gap is None else f", gap {result.gap:.2%}"
    terms = ", ".join(f"{k} {v}" for k, v in result.terms.items() if v)
    return (
        f"{result.status.value}: cost {result.cost} ({terms or 'no terms'}), bound "
        f"{result.bound}{gap}, {result.wall_time:.1f} s"
    )


REPAIR_BUDGET = 20.0
"""Seconds an infeasible solve spends looking for repairs (``rotation repair`` has no bound)."""
REPAIR_PROBE_LIMIT = 5.0
"""Seconds per probe within that budget."""


def _explain_infeasible(
    folder: Path,
    sets: tuple[str, ...],
    data: Scenario,
    result: Result,
    workers: int,
    lang: Lang,
    verbose: bool,
) -> int:
    """The conflicts in one line each, the best one or two repairs, and the command that
    gives the rest (SPEC §9); the time spent is bounded by ``REPAIR_BUDGET``."""
    click.echo(repair_phrase("conflict_head", lang), err=True)
    outcome = repairs_of(
        folder, sets, data, result, time_limit=REPAIR_PROBE_LIMIT, workers=workers,
        budget=REPAIR_BUDGET,
    )  # fmt: skip
    for diagnosis in outcome.diagnoses:
        for line in conflict_lines([c.instance for c in diagnosis.conflicts], data, lang):
            click.echo(f"  {line}", err=True)
        if verbose:
            for line in diagnosis.lines():
                click.echo(f"    {line}", err=True)
    for repair in outcome.repairs[:2]:
        click.echo(f"  {repair_line(repair, data, lang)}", err=True)
    command = " ".join(["rotation repair", str(folder), *(f"--set {s}" for s in sets), "-o OUT"])
    click.echo(repair_phrase("more", lang, command=command), err=True)
    return EXIT_NO_PLAN


def _explain_no_plan(data: Scenario, result: Result, time_limit: float) -> int:
    """Say why there is no plan; the exit code."""
    if result.status is Status.INFEASIBLE:
        click.echo("no plan: these rules cannot all hold together", err=True)
        infeasible = [c.school_ids for c in result.components if c.status is Status.INFEASIBLE]
        diagnosis = diagnose(data, max(10.0, time_limit), parts=infeasible or None)
        for line in diagnosis.lines():
            click.echo(f"  {line}", err=True)
        if diagnosis.verdict == "infeasible" and not diagnosis.minimal:
            click.echo("  (the time limit stopped the search for a smaller set)", err=True)
        elif diagnosis.verdict != "infeasible":
            click.echo("  (no small set of conflicting rules was found in time)", err=True)
    elif result.interrupted:
        click.echo(
            f"interrupted after {result.wall_time:.1f} s before any plan was found", err=True
        )
    elif result.status is Status.UNKNOWN:
        click.echo(f"no plan found within {time_limit:g} s; not proven infeasible", err=True)
    else:
        click.echo(f"error: the solver rejected the model ({result.status.value})", err=True)
    return EXIT_NO_PLAN
