"""``rotation report``: the plan, or the options, on one page an administrator opens offline."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from solver.commands.common import EXIT_OK, fail_input, force_option, lang_option, writing
from solver.glossary import check_lang
from solver.input.loader import InputError
from solver.output.report import build_report, write_report


def report_hint(out: Path) -> str:
    """The line ``solve`` and ``replan`` print under their output: how to see it as a page.

    The page goes beside OUT, not into it: OUT holds only what solve wrote (its marker lists
    it), so a later ``solve --force`` may still replace it.
    """
    name = Path(os.path.abspath(out)).name or "plan"
    return f"to see it: rotation report {out} -o {Path(out).parent / f'{name}-report.html'}"


@click.command("report")
@click.argument(
    "outs", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option("-o", "--out", "--output", "target", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML file to write (refused if it exists, unless --force).")  # fmt: skip
@lang_option
@force_option
def report_command(outs: tuple[Path, ...], target: Path, lang: str, force: bool) -> None:
    """Write one self-contained HTML report of OUT folders (solve outputs or sweep folders).

    One OUT: the plan (map, quotas, schools, coverage, cost). Several: also the KPI table and
    the differences per school and per organization against the first. A sweep folder: cost
    and teachers moved against the swept values. Exit 0 written, 2 bad input.
    """
    started = time.monotonic()
    try:
        html = build_report(outs, check_lang(lang), warn=lambda line: click.echo(line, err=True))
    except InputError as exc:
        fail_input(exc)
    with writing(target):
        write_report(target, html, force, inputs=outs)
    size = target.stat().st_size
    click.echo(f"wrote {target} ({size / 1e6:.2f} MB) in {time.monotonic() - started:.1f} s")
    sys.exit(EXIT_OK)
