"""``rotation validate``: is the data usable, and what will the policy demand of it?"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from solver.commands.common import load_or_exit, scenario_argument, set_option
from solver.glossary import school_name
from solver.needs.quotas import QuotaNeed, Summary, summarize
from solver.needs.replan import render as render_replan
from solver.needs.replan import replan_summary
from solver.rules import Rule
from solver.scenario import Scenario

EXIT_CANNOT_PLAN = 1  # the data is well formed, but no plan can exist (a quota, a lock)


def counts(data: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in data.items()) or "none"


def impossible_quotas(summary: Summary, scenario: Scenario) -> list[QuotaNeed]:
    """Quotas no plan can meet. In a re-plan (SPEC §6) the served years and the cadres who
    served count too, so only a per-year quota with fewer eligible candidates than it needs
    each year is sure to fail; the whole-cycle counts stay warnings."""
    if scenario.replan_from == scenario.info.cycle_start:
        return [n for n in summary.needs if not n.ok]
    return [n for n in summary.needs if n.per == "year" and n.candidates < n.need]


def render(summary: Summary, scenario: Scenario) -> str:
    years = summary.years
    lines = [
        f"scenario {summary.name}: cycle {years[0]}-{years[-1]}",
        f"schools        {summary.schools} ({counts(summary.schools_by_level)}; "
        f"{counts(summary.schools_by_area)})",
        f"organizations  {sum(summary.organizations_by_type.values())} "
        f"({counts(summary.organizations_by_type)})",
        f"teachers       {summary.teachers}",
        f"eligible       {summary.eligible}",
        f"due            {summary.due}",
        f"backbone       {summary.backbone}",
        f"cadres         {summary.cadres}",
        f"not eligible   {counts(summary.ineligible_by_reason)}",
        "",
        "quota needs (each applies every year of the cycle unless 'per cycle'):",
        f"  {'rule':<4} {'org':<14} {'school':<10} {'need':>4} {'per':<5} {'cycle':>5} "
        f"{'cand.':>5} {'cap.':>5}  what",
    ]
    for n in summary.needs:
        flag = "" if n.ok else "  <-- cannot be met"
        lines.append(
            f"  {n.rule:<4} {n.org_id or '-':<14} {n.school_id:<10} {n.need:>4} {n.per:<5} "
            f"{n.cycle_need:>5} {n.candidates:>5} {n.capacity:>5}  {n.what}{flag}"
        )
    problems = [n for n in summary.needs if not n.ok]
    impossible = impossible_quotas(summary, scenario)
    lines.append("")
    if problems:
        lines.append(f"{len(problems)} quota(s) cannot be met:")
        lines += [
            f"  {'error' if n in impossible else 'warning'}: "
            f"{n.sentence(school_name(scenario, n.school_id))}"
            for n in problems
        ]
    else:
        lines.append("every quota has enough eligible candidates")
    return "\n".join(lines)


def unplannable_locks(scenario: Scenario) -> list[str]:
    """locked.csv rows that send a teacher where no plan can: an ineligible (exempt, principal,
    too new, too old) teacher, a school that is no partner, a subject not exchanged there.

    Each is said in the words ``solve`` uses when it explains why there is no plan.
    """
    from solver.model.instances import RuleInstance
    from solver.solving.diagnose import describe

    sentences = []
    for lock in scenario.locks:
        teacher = scenario.teacher_by_id[lock.teacher_id]
        if lock.school_id == teacher.school_id and lock.year >= scenario.replan_from:
            continue  # staying home is always possible (in an open year)
        instance = RuleInstance(
            Rule.H11, school_id=lock.school_id, year=lock.year, teachers=(lock.teacher_id,)
        )
        sentence = describe(instance, scenario)
        if ", but " in sentence:
            sentences.append(sentence)
    return sentences


@click.command("validate")
@scenario_argument
@set_option
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option(
    "--published",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="Check a re-plan: this published plan (output folder or CSV) is the history.csv.",
)
@click.option("--from", "from_year", type=int, default=None, help="Check a re-plan from this year.")
def validate_command(
    scenario: Path,
    sets: tuple[str, ...],
    fmt: str,
    published: Path | None,
    from_year: int | None,
) -> None:
    """Load and check SCENARIO; print counts and what each quota needs.

    With --published and --from (as ``rotation replan`` takes them), or replan_from and
    history.csv in the scenario, also the history and what the remaining years still need.
    Exit 0 when the data is usable, 1 when it cannot be planned as given (a quota with too
    few candidates, a locked.csv row no plan can keep), 2 on bad input.
    """
    if from_year is not None:
        sets = (*sets, f"scenario.replan_from={from_year}")
    data = load_or_exit(scenario, sets, history=published)
    summary = summarize(data)
    locks = unplannable_locks(data)
    impossible = impossible_quotas(summary, data)
    replanning = data.replan_from > data.info.cycle_start  # SPEC §6: history and what is left
    if fmt == "json":
        content = {
            **summary.to_dict(),
            "unplannable_locks": locks,
            "impossible_quotas": [n.sentence() for n in impossible],
        }
        if replanning:
            content["replan"] = replan_summary(data).to_dict()
        click.echo(json.dumps(content, ensure_ascii=False, indent=2))
    else:
        click.echo(render(summary, data))
        if replanning:
            click.echo("\n" + render_replan(replan_summary(data)))
        if locks:
            click.echo(
                f"\ncannot be planned as given: {len(locks)} locked.csv row(s) no plan can keep"
            )
            for sentence in locks:
                click.echo(f"  {sentence}")
        if impossible:
            click.echo(f"\ncannot be planned as given: {len(impossible)} quota(s) no plan can meet")
    if locks or impossible:
        sys.exit(EXIT_CANNOT_PLAN)
