"""The ``rotation`` command: a thin shell over the ``solver`` package.

Each command lives in ``solver/commands/``; this file only assembles them.
"""

from __future__ import annotations

from solver.commands import interrupt

interrupt.catch_interrupts()  # first: a Ctrl-C while the rest loads is one sentence, exit 130

import importlib  # noqa: E402
from typing import Any  # noqa: E402

import click  # noqa: E402

COMMANDS = {
    "validate": "solver.commands.validate:validate_command",
    "generate": "solver.commands.generate:generate_command",
    "solve": "solver.commands.solve:solve_command",
    "replan": "solver.commands.replan:replan_command",
    "audit": "solver.commands.audit:audit_command",
    "verify": "solver.commands.verify:verify_command",
    "compare": "solver.commands.compare:compare_command",
    "sweep": "solver.commands.sweep:sweep_command",
    "batch": "solver.commands.batch:batch_command",
    "bench": "solver.commands.bench:bench_command",
    "report": "solver.commands.report:report_command",
    "roster": "solver.commands.roster:roster_command",
    "explain": "solver.commands.explain:explain_command",
    "repair": "solver.commands.repair:repair_command",
    "bench-people": "solver.commands.bench_people:bench_people_command",
}


class LazyGroup(click.Group):
    """Import a command only when it runs, so ``rotation validate`` starts fast; Ctrl-C at any
    moment of parsing, importing or running ends in one sentence (solver.commands.interrupt)."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        interrupt.armed()
        with interrupt.one_sentence():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        with interrupt.one_sentence():
            return super().invoke(ctx)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self.get_command(ctx, name) is not None]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                return None
            raise
        return getattr(module, attr)  # type: ignore[no-any-return]


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="teacher-rotation")
def main() -> None:
    """Plan teacher rotation (教师交流轮岗) between partner schools."""


if __name__ == "__main__":
    main()
