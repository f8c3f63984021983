"""``rotation explain``: why a plan places each teacher, and what the alternative would cost."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from solver.commands.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    fail_input,
    force_option,
    lang_option,
    load_or_exit,
    protected_folders,
    quiet_option,
    refuse_output,
    scenario_argument,
    search_options,
    set_option,
)
from solver.explain.letters import letter_pages, letters_html
from solver.explain.render import EXPLAIN_COLUMNS, explain_row, explanation_text
from solver.explain.run import explain_teachers
from solver.glossary import check_lang, header
from solver.input.loader import InputError
from solver.input.plan import read_plan
from solver.output.files import OutputExistsError, atomic_output_dir, write_csv

EXPLAIN_CSV = "explain.csv"
LETTERS_HTML = "letters.html"
LETTERS_DIR = "letters"


@click.command("explain")
@scenario_argument
@click.argument("plan", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--teacher",
    "teachers",
    multiple=True,
    metavar="ID",
    help="Explain this teacher on the screen (repeatable); default: every teacher who moves.",
)
@click.option(
    "-o",
    "--out",
    "--output",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for explain.csv (and letters.html); required without --teacher.",
)
@click.option(
    "--letters",
    is_flag=True,
    help="Also write the notices: OUT/letters.html (a page per mover) and OUT/letters/ID.html.",
)
@lang_option
@search_options(time_limit=10.0)
@click.option("--no-alternative", is_flag=True, help="Skip the re-solves (reasons and cost only).")
@set_option
@force_option
@quiet_option
def explain_command(
    scenario: Path,
    plan: Path,
    teachers: tuple[str, ...],
    out: Path | None,
    letters: bool,
    lang: str,
    time_limit: float,
    workers: int | None,
    seed: int,
    no_alternative: bool,
    sets: tuple[str, ...],
    force: bool,
    quiet: bool,
) -> None:
    """Why PLAN places each teacher: the rule instances served, the cost, the alternative.

    With --teacher ID the explanation is printed. Without, OUT/explain.csv gets one row per
    teacher who moves. The alternative is a real re-solve (warm-started from PLAN, limited by
    --time-limit): the cheapest plan with the teacher kept home every year (for one who stays:
    sent to the cheapest partner school for one term); its status says whether the price is
    proven. Exit 0, or 2 on bad input.
    """
    language = check_lang(lang)
    data = load_or_exit(scenario, sets, quiet)
    if not teachers and out is None:
        click.echo("error: give --teacher ID or -o OUT (for explain.csv)", err=True)
        sys.exit(EXIT_BAD_INPUT)
    unknown = [t for t in teachers if t not in data.teacher_by_id]
    if unknown:
        fail_input(f"unknown teacher id(s): {', '.join(unknown)} (not in teachers.csv)")
    try:
        rows = read_plan(plan)
    except InputError as exc:
        fail_input(exc)
    if out is not None:  # refused before minutes of re-solving, not after
        refuse_output(out, force, scenario)

    def progress(done: int, total: int, seconds: float) -> None:
        if not quiet and not teachers and (done % 10 == 0 or done == total):
            click.echo(f"\rexplained {done}/{total} teachers, {seconds:.1f} s", nl=False, err=True)

    explanations = explain_teachers(
        data,
        rows,
        list(teachers) if teachers else None,
        alternatives=not no_alternative,
        time_limit=time_limit,
        workers=workers or os.cpu_count() or 1,
        seed=seed,
        progress=progress,
    )
    if not teachers and not quiet:
        click.echo("", err=True)
    for e in explanations if teachers else ():
        click.echo(explanation_text(data, e, language))
    if out is not None:
        try:
            with atomic_output_dir(out, force, protected_folders(scenario)) as folder:
                write_csv(
                    folder / EXPLAIN_CSV,
                    [header(c, language) for c in EXPLAIN_COLUMNS],
                    [explain_row(data, e, language) for e in explanations if e.placement.moves],
                )
                if letters:
                    (folder / LETTERS_HTML).write_text(
                        letters_html(data, explanations, language), encoding="utf-8"
                    )
                    one_by_one = folder / LETTERS_DIR
                    one_by_one.mkdir()
                    for teacher_id, text in letter_pages(data, explanations, language).items():
                        (one_by_one / f"{safe_file_name(teacher_id)}.html").write_text(
                            text, encoding="utf-8"
                        )
        except (OutputExistsError, OSError) as exc:
            click.echo(f"error: cannot write {out}: {exc}", err=True)
            sys.exit(EXIT_BAD_INPUT)
        movers = sum(e.placement.moves for e in explanations)
        extra = f", {LETTERS_HTML} and {LETTERS_DIR}/ (a notice per mover)" if letters else ""
        click.echo(f"wrote {out}/{EXPLAIN_CSV} ({movers} teachers){extra}", err=True)
    sys.exit(EXIT_OK)


def safe_file_name(teacher_id: str) -> str:
    """A teacher id as a file name: characters a file system may refuse become ``_``."""
    cleaned = "".join("_" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in teacher_id)
    return cleaned.strip(". ") or "_"
