"""Problems with the input: each names file, row and column; ``InputError`` carries them all.

A leaf module (imports nothing of the package), so every reader can raise problems without
import cycles.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_PROBLEMS = 50


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class InputError(Exception):
    """Bad input: the CLI prints every problem and exits 2 without writing anything."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(self.render())

    def render(self) -> str:
        lines = [str(p) for p in self.problems[:MAX_PROBLEMS]]
        if len(self.problems) > MAX_PROBLEMS:
            lines.append(f"... and {len(self.problems) - MAX_PROBLEMS} more problems")
        return "\n".join(lines)


@dataclass
class Problems:
    """Collects problems during a load; raises them all at the end."""

    items: list[Problem] = field(default_factory=list)

    def add(self, file: str, message: str, row: int | None = None, column: str | None = None):
        self.items.append(Problem(file, message, row, column))

    def raise_if_any(self) -> None:
        if self.items:
            raise InputError(self.items)
