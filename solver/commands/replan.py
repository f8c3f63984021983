"""``rotation replan``: re-plan the years not yet served of a published plan (SPEC §6)."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import click

from solver.audit import audit
from solver.commands.common import (
    EXIT_INTERNAL_ERROR,
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
from solver.commands.report import report_hint
from solver.commands.solve import _explain_no_plan, _headline
from solver.input.loader import scenario_files
from solver.input.plan import plan_path, read_plan
from solver.output.changes import CHANGE_COLUMNS, by_reason, change_rows, changes, kept_rows
from solver.output.solve_set import write_outputs
from solver.scenario import Scenario
from solver.solving.progress import ProgressPrinter
from solver.solving.result import Result
from solver.solving.solve import solve, stop_on_interrupt

CHANGES_FILE = "changes.csv"


@click.command("replan")
@scenario_argument
@click.option(
    "--published",
    type=click.Path(exists=True, path_type=Path),
    required=True,
    help="The published plan: an output folder (its assignments.csv) or a plan CSV. Its rows "
    "before --from are the history, kept exactly; the later ones are the plan to stay close to.",
)
@click.option(
    "--from",
    "from_year",
    type=int,
    required=True,
    help="The first school year not yet served (replan_from).",
)
@out_option(help="Folder to write the re-plan to (refused if it exists, unless --force).")
@search_options
@set_option
@force_option
@quiet_option
@click.option("--xlsx", is_flag=True, help="Also write OUT/plan.xlsx.")
@lang_option
def replan_command(
    scenario: Path,
    published: Path,
    from_year: int,
    out: Path,
    time_limit: float,
    workers: int | None,
    seed: int,
    sets: tuple[str, ...],
    force: bool,
    quiet: bool,
    xlsx: bool,
    lang: str,
) -> None:
    """Re-plan SCENARIO from year --from, keeping the served years of PLAN (--published).

    Writes everything ``solve`` writes, and OUT/changes.csv: every teacher-year whose place
    differs from the published plan, with the reason (left, joined, exempt, locked,
    rebalanced). Exit 0 with a plan, 1 without one, 2 on bad input.
    """
    clock_started = time.time()  # the time limit counts loading
    sets = (*sets, f"scenario.replan_from={from_year}")
    data = load_or_exit(scenario, sets, quiet, history=published)
    refuse_output(out, force, scenario, inputs=(published,))
    workers = workers or os.cpu_count() or 1
    printer = None if quiet else ProgressPrinter()
    with stop_on_interrupt() as stop:
        result = solve(
            data,
            time_limit,
            workers,
            seed,
            progress=printer,
            stop=stop,
            clock_started=clock_started,
        )
        if printer is not None:
            printer.close()
        if not result.status.has_plan:
            sys.exit(_explain_no_plan(data, result, time_limit))
        found = changes(data, data.history_plan or (), result.plan)
        with writing(out):
            report = write_outputs(
                out,
                data,
                result,
                scenario_files(scenario, history=published),
                overrides=sets,
                force=force,
                scenario_folder=scenario,
                xlsx_lang=lang if xlsx else None,
                people_lang=lang,
                protected=protected_folders(scenario),
                extra_tables={
                    CHANGES_FILE: (CHANGE_COLUMNS, change_rows(data, found, named(published)))
                },
            )
    for line in summary_lines(data, published, result, found):
        click.echo(line)
    if not report.compliant:
        click.echo(f"internal error: the re-plan fails its own audit; see {out}", err=True)
        sys.exit(EXIT_INTERNAL_ERROR)
    others = sorted(
        p.name
        for p in out.iterdir()
        if p.is_file() and not p.name.startswith(".")
        and p.name not in ("assignments.csv", CHANGES_FILE)
    )  # fmt: skip
    click.echo(f"wrote {out}/assignments.csv ({len(result.plan)} rows), {CHANGES_FILE} "
               f"({len(found)} rows), {', '.join(others)}")  # fmt: skip
    click.echo(report_hint(out))
    sys.exit(EXIT_OK)


def named(published: Path) -> dict[str, str]:
    """The teachers' names the published plan gives (its ``name`` column), by 工号."""
    return {r.teacher_id: r.name for r in read_plan(published) if r.name}


def summary_lines(data: Scenario, published: Path, result: Result, found: list) -> list[str]:
    """The one-screen summary: history kept, published rows kept, changes by reason, costs."""
    history = data.history
    departed = len(data.departed_history)
    served = data.history_years
    years = data.open_years
    kept, planned = kept_rows(data, data.history_plan or (), result.plan)
    reasons = ", ".join(f"{k} {v}" for k, v in by_reason(found).items() if v) or "none"
    before = audit(data, data.history_plan or ())
    verdict = "compliant" if before.compliant else f"{len(before.violations)} rule violation(s)"
    span = f"{served[0]}-{served[-1]}" if len(served) else "none"
    as_solved = _published_cost(published)
    solved = "" if as_solved is None else f"published plan as solved {as_solved}; "
    return [
        f"re-plan of {data.info.name} from {data.replan_from} against {plan_path(published)}",
        f"  history ({span}): {len(history)} rows kept exactly"
        + (f", {departed} of them of teachers who left" if departed else ""),
        f"  published rows of {years[0]}-{years[-1]}: {planned}, kept {kept}",
        f"  teacher-years changed: {len(found)} ({reasons}); see changes.csv",
        f"  cost: {solved}published plan on today's data {before.cost} ({verdict}) -> "
        f"re-plan {result.cost}{_without_change(result)}",
        _headline(result),
    ]


def _published_cost(published: Path) -> int | None:
    """The cost the published plan's own summary.json gives, when PLAN is an output folder."""
    summary = Path(published) / "summary.json"
    if not summary.is_file():
        return None
    try:
        cost = json.loads(summary.read_text(encoding="utf-8")).get("cost")
    except (OSError, ValueError):
        return None
    return cost if isinstance(cost, int) else None


def _without_change(result: Result) -> str:
    """The re-plan's cost without the ``change`` term, when there is one."""
    change = result.terms.get("change", 0)
    if not change or result.cost is None:
        return ""
    return f" ({result.cost - change} + change {change})"
