"""What every command shares: loading a scenario or exiting 2, the ``--set`` option."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NoReturn

import click

from solver.input.loader import InputError, load_scenario
from solver.scenario import Scenario

EXIT_OK = 0
EXIT_NO_PLAN = 1
EXIT_VIOLATIONS = 1
EXIT_BAD_INPUT = 2


def fail_input(error: InputError | str) -> NoReturn:
    """Print a bad-input message and exit 2; nothing has been written."""
    text = error.render() if isinstance(error, InputError) else error
    click.echo(f"error: bad input\n{text}", err=True)
    sys.exit(EXIT_BAD_INPUT)


def load_or_exit(folder: Path | str, sets: Iterable[str] = (), quiet: bool = False) -> Scenario:
    """Load a scenario, printing warnings; on bad input print every problem and exit 2."""
    warnings: list[str] = []
    try:
        scenario = load_scenario(Path(folder), list(sets), warnings)
    except InputError as exc:
        fail_input(exc)
    if not quiet:
        for warning in warnings:
            click.echo(f"warning: {warning}", err=True)
    return scenario


def set_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--set key=value`` (repeatable): override any scenario.toml setting for this run."""
    return click.option(
        "--set",
        "sets",
        multiple=True,
        metavar="KEY=VALUE",
        help="Override a scenario.toml setting, e.g. policy.group.backbone_out_ratio=0.2.",
    )(func)


scenario_argument = click.argument(
    "scenario", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
