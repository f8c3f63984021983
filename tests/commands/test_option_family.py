"""Issue 19 item 12: an option is spelled and means the same on every command that has it.

The definitions live once in solver/commands/common.py; this walks every command of the
``rotation`` group and compares each shared option with its definition (type, bounds, help,
flag or not), so a command that grows its own ``--time-limit`` fails here.
"""

from __future__ import annotations

from typing import Any

import click
import pytest

from cli import COMMANDS, main
from solver.commands import common


def reference(decorator: Any) -> click.Option:
    """The option a shared decorator adds, as click sees it."""

    @click.command()
    def probe(**_: object) -> None:
        """A command holding only the option."""

    (option,) = decorator(probe).params
    return option


SHARED = {
    "--time-limit": reference(common.time_limit_option()),
    "--workers": reference(common.workers_option()),
    "--seed": reference(common.seed_option()),
    "--set": reference(common.set_option),
    "--quiet": reference(common.quiet_option),
    "--lang": reference(common.lang_option),
    "--force": reference(common.force_option),
}
DEFAULTS = {
    # the defaults that differ, and why: explain re-solves once per teacher; the benchmarks
    # and generate draw their rosters from seed 1, and bench measures on 2 workers, 120 s.
    ("explain", "--time-limit"): 10.0,
    ("bench", "--time-limit"): 120.0,
    ("bench", "--workers"): 2,
    ("bench-people", "--workers"): 2,
    ("generate", "--seed"): 1,
    ("bench", "--seed"): 1,
    ("bench-people", "--seed"): 1,
}


def definition(option: click.Option) -> dict[str, Any]:
    """What makes an option's meaning: everything but its default."""
    info = option.to_info_dict()
    for key in ("default", "name"):
        info.pop(key, None)
    info["type"] = repr(option.type)
    return info


def commands() -> dict[str, click.Command]:
    ctx = click.Context(main)
    return {name: main.get_command(ctx, name) for name in COMMANDS}  # type: ignore[misc]


def uses() -> list[tuple[str, str, click.Option]]:
    found = []
    for name, command in commands().items():
        for param in command.params:
            if isinstance(param, click.Option):
                for flag in param.opts:
                    if flag in SHARED:
                        found.append((name, flag, param))
    return found


@pytest.mark.parametrize(
    ("command", "flag", "option"), uses(), ids=[f"{c} {f}" for c, f, _ in uses()]
)
def test_every_shared_option_has_its_one_definition(command: str, flag: str, option: click.Option):
    assert definition(option) == definition(SHARED[flag])
    assert option.default == DEFAULTS.get((command, flag), SHARED[flag].default)


@pytest.mark.parametrize(
    ("command", "flags"),
    [
        ("solve", ("--time-limit", "--workers", "--seed", "--set", "--quiet", "--lang", "--force")),
        (
            "replan",
            ("--time-limit", "--workers", "--seed", "--set", "--quiet", "--lang", "--force"),
        ),
        ("batch", ("--time-limit", "--workers", "--seed", "--set", "--quiet", "--lang", "--force")),
        ("sweep", ("--time-limit", "--workers", "--seed", "--set", "--quiet", "--force")),
        ("compare", ("--time-limit", "--workers", "--seed", "--set", "--quiet")),
        (
            "explain",
            ("--time-limit", "--workers", "--seed", "--set", "--quiet", "--lang", "--force"),
        ),
    ],
)
def test_commands_that_solve_have_the_whole_family(command: str, flags: tuple[str, ...]):
    have = {flag for c, flag, _ in uses() if c == command}
    assert set(flags) <= have, f"{command} lacks {set(flags) - have}"


def test_every_output_option_is_spelled_alike():
    # -o, --out and --output on every command that writes (report and explain define theirs).
    for name, command in commands().items():
        for param in command.params:
            if isinstance(param, click.Option) and "--out" in param.opts:
                assert param.opts == ["-o", "--out", "--output"], name
