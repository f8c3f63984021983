"""What every command shares: loading a scenario or exiting 2, the ``--set`` option."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import click

from solver.input.loader import InputError, load_scenario
from solver.input.settings import resolve_chain
from solver.output.files import OutputExistsError, check_output
from solver.scenario import Scenario

EXIT_OK = 0
EXIT_NO_PLAN = 1
EXIT_VIOLATIONS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL_ERROR = 1
"""A bug (the solver's plan fails its own audit): SPEC §5 knows 0/1/2, and no plan is
delivered, so 1; the message says it is an internal error."""


def fail_input(error: InputError | str) -> NoReturn:
    """Print a bad-input message and exit 2; nothing has been written."""
    text = error.render() if isinstance(error, InputError) else error
    click.echo(f"error: bad input\n{text}", err=True)
    sys.exit(EXIT_BAD_INPUT)


def load_or_exit(
    folder: Path | str,
    sets: Iterable[str] = (),
    quiet: bool = False,
    history: Path | None = None,
) -> Scenario:
    """Load a scenario, printing warnings; on bad input print every problem and exit 2.

    ``history`` is a published plan read as the scenario's history.csv (SPEC §6)."""
    warnings: list[str] = []
    try:
        scenario = load_scenario(Path(folder), list(sets), warnings, history=history)
    except InputError as exc:
        fail_input(exc)
    if not quiet:
        for warning in warnings:
            click.echo(f"warning: {warning}", err=True)
    return scenario


def protected_folders(scenario: Path | str) -> tuple[Path, ...]:
    """The scenario folder and every folder of its ``extends`` chain: no output may be
    written into, over or around them (SPEC §5)."""
    try:
        return resolve_chain(Path(scenario)).folders
    except InputError:
        return (Path(scenario),)


@contextlib.contextmanager
def writing(out: Path) -> Iterator[None]:
    """An OUT that may not be written, or cannot be, is bad input: exit 2 with the reason."""
    try:
        yield
    except OutputExistsError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except OSError as exc:
        click.echo(f"error: cannot write {out}: {exc}", err=True)
        sys.exit(EXIT_BAD_INPUT)


def refuse_output(
    out: Path, force: bool, scenario: Path | str | None = None, *, folder: bool = True
) -> None:
    """Exit 2, touching nothing, when OUT may not be written (``check_output``)."""
    with writing(out):
        check_output(out, force, protected_folders(scenario) if scenario else (), folder=folder)


def out_option(*, required: bool = True, file: bool = False, help: str) -> Callable[..., Any]:
    """``-o/--out`` on every command that writes; ``--output`` is kept as an alias."""
    kind = click.Path(dir_okay=False, path_type=Path) if file else click.Path(path_type=Path)
    return click.option("-o", "--out", "--output", "out", required=required, type=kind, help=help)


def set_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--set key=value`` (repeatable): override any scenario.toml setting for this run."""
    return click.option(
        "--set",
        "sets",
        multiple=True,
        metavar="KEY=VALUE",
        help="Override a scenario.toml setting, e.g. policy.group.backbone_out_ratio=0.2.",
    )(func)


def search_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--time-limit``, ``--workers`` and ``--seed`` of every command that solves."""
    return _search_options(func, "Seconds for the search; the best plan found by then is kept.")


def command_search_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The same for a command that solves one scenario (solve, replan): its time limit counts
    from the command's start, loading included, so that it is what the user waits."""
    return _search_options(
        func,
        "Seconds from the command's start (loading included) to the end of the search; the "
        "best plan found by then is kept, then the outputs are written.",
    )


def _search_options(func: Callable[..., Any], time_help: str) -> Callable[..., Any]:
    options = [
        click.option(
            "--time-limit",
            type=click.FloatRange(min=0),
            default=60.0,
            show_default=True,
            help=time_help,
        ),
        click.option(
            "--workers",
            type=click.IntRange(min=1),
            default=None,
            help="Solver threads in all [default: number of CPUs].",
        ),
        click.option("--seed", type=int, default=0, show_default=True, help="Solver random seed."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


scenario_argument = click.argument(
    "scenario", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
