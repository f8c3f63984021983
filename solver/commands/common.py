"""What every command shares: loading a scenario or exiting 2, the ``--set`` option."""

from __future__ import annotations

import contextlib
import math
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import click

from solver.glossary import DEFAULT_LANG, LANGS
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
    out: Path,
    force: bool,
    scenario: Path | str | None = None,
    *,
    folder: bool = True,
    inputs: Iterable[Path] = (),
) -> None:
    """Exit 2, touching nothing, when OUT may not be written (``check_output``): ``inputs``
    are what the command reads besides the scenario (``--published``, ``--hint``, PLAN)."""
    with writing(out):
        protected = protected_folders(scenario) if scenario else ()
        check_output(out, force, protected, folder=folder, inputs=inputs)


def out_option(*, required: bool = True, file: bool = False, help: str) -> Callable[..., Any]:
    """``-o/--out`` on every command that writes; ``--output`` is kept as an alias."""
    kind = click.Path(dir_okay=False, path_type=Path) if file else click.Path(path_type=Path)
    return click.option("-o", "--out", "--output", "out", required=required, type=kind, help=help)


# ---- the options several commands share: one definition each, so that an option is spelled
# and means the same on every command (issue 19; tests/commands/test_option_family.py walks
# every command and checks it). docs/outputs.md, "Options every command shares", says them once.

MAX_SECONDS = 7 * 24 * 3600
"""Longest --time-limit, a week: a longer search is better resumed from a plan (--hint)."""
MAX_WORKERS = 10_000
"""Most --workers: CP-SAT's own bound ("num_workers should be in [0,10000]", model_invalid)."""
MAX_SEED = 2**31 - 1
"""Largest --seed: CP-SAT's random_seed is a 32-bit integer (a larger one is a TypeError)."""

TIME_LIMIT_HELP = (
    "Seconds for each plan the command searches, from when it starts on that plan (solve, "
    "replan: the command's start, loading included); the best plan found by then is kept."
)


class Seconds(click.ParamType):
    """A number of seconds from 0 to ``MAX_SECONDS``; nan and inf are not."""

    name = "seconds"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            self.fail(f"'{value}' is not a number of seconds", param, ctx)
        if not math.isfinite(seconds) or not 0 <= seconds <= MAX_SECONDS:
            self.fail(f"'{value}' is not from 0 to {MAX_SECONDS} seconds (a week)", param, ctx)
        return seconds

    def __repr__(self) -> str:
        return "Seconds"


def time_limit_option(default: float = 60.0) -> Callable[..., Any]:
    """``--time-limit S`` (docs/outputs.md, "The time limit")."""
    return click.option(
        "--time-limit", type=Seconds(), default=default, show_default=True, help=TIME_LIMIT_HELP
    )


def workers_option(default: int | None = None) -> Callable[..., Any]:
    """``--workers N``: solver threads in all, 1 to ``MAX_WORKERS``."""
    return click.option(
        "--workers",
        type=click.IntRange(1, MAX_WORKERS),
        default=default,
        show_default="number of CPUs" if default is None else True,
        help="Solver threads in all.",
    )


def seed_option(default: int = 0) -> Callable[..., Any]:
    """``--seed N``: the random seed of what the command draws (the solver's search; for
    generate and the benchmarks, the roster), 0 to ``MAX_SEED``."""
    return click.option(
        "--seed",
        type=click.IntRange(0, MAX_SEED),
        default=default,
        show_default=True,
        help="Random seed: the same seed, the same draw.",
    )


def search_options(
    func: Callable[..., Any] | None = None, *, time_limit: float = 60.0, workers: int | None = None
) -> Any:
    """``--time-limit``, ``--workers`` and ``--seed`` of every command that solves."""

    def add(f: Callable[..., Any]) -> Callable[..., Any]:
        for option in (seed_option(), workers_option(workers), time_limit_option(time_limit)):
            f = option(f)
        return f

    return add if func is None else add(func)


def set_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--set key=value`` (repeatable): override any scenario.toml setting for this run."""
    return click.option(
        "--set",
        "sets",
        multiple=True,
        metavar="KEY=VALUE",
        help="Override a scenario.toml setting, e.g. policy.group.backbone_out_ratio=0.2.",
    )(func)


quiet_option = click.option(
    "--quiet",
    is_flag=True,
    help="No progress lines and no input warnings; results and errors are still printed.",
)
lang_option = click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=DEFAULT_LANG,
    show_default=True,
    help="Words for people (lists, pages, letters, plan.xlsx): zh Chinese, en English.",
)
force_option = click.option(
    "--force",
    is_flag=True,
    help="Replace OUT if it is an earlier output of this program (docs/outputs.md).",
)


scenario_argument = click.argument(
    "scenario", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
