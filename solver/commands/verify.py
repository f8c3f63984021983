"""``rotation verify``: does the certificate of a plan still hold, and its page for signing."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from solver.certify.check import verify
from solver.certify.page import certificate_html
from solver.certify.verdict import verdict_line
from solver.commands.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_VIOLATIONS,
    fail_input,
    lang_option,
    writing,
)
from solver.glossary import check_lang
from solver.input.problems import InputError, Problem
from solver.output.files import note_written, replaceable, write_text_atomic

CERTIFICATE_PAGE = "certificate.html"


def scenario_of(out: Path) -> Path:
    """The scenario folder summary.json records (relative to OUT), for ``verify OUT`` alone."""
    summary = out / "summary.json"
    try:
        recorded = json.loads(summary.read_text(encoding="utf-8-sig")).get("scenario_path")
    except (OSError, ValueError):
        recorded = None
    if not recorded:
        raise InputError(
            [Problem(str(summary), "names no scenario folder: give it with --scenario")]
        )
    return (out / recorded).resolve()


@click.command("verify")
@click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--scenario",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The scenario folder (default: the one OUT/summary.json names).",
)
@click.option(
    "--published",
    type=click.Path(exists=True, path_type=Path),
    help="For a re-plan: the published plan that was its history (as given to replan).",
)
@click.option("--auditor", default="", help="The auditor's name, printed on certificate.html.")
@lang_option
def verify_command(
    out: Path, scenario: Path | None, published: Path | None, auditor: str, lang: str
) -> None:
    """Check that OUT's certificate still holds: re-hash the scenario's files and the plan,
    re-run the audit, and say in one line whether it holds or which file changed or which rule
    now fails. Writes OUT/certificate.html (print-ready, for signature and seal).

    Exit 0 the certificate holds, 1 it does not, 2 bad input.
    """
    language = check_lang(lang)
    try:
        folder = scenario if scenario is not None else scenario_of(out)
        result = verify(out, folder, published)
    except InputError as exc:
        fail_input(exc)
    line = verdict_line(result, language)
    page = out / CERTIFICATE_PAGE
    if not replaceable(page):
        click.echo(line)
        click.echo(f"error: {page} was not written by this program; it is left as it is", err=True)
        sys.exit(EXIT_BAD_INPUT)
    with writing(page):
        write_text_atomic(page, certificate_html(result, auditor, dt.date.today(), language))
        note_written(page)
    click.echo(line)
    click.echo(f"wrote {page}", err=True)
    sys.exit(EXIT_OK if result.holds else EXIT_VIOLATIONS)
