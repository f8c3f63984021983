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


def rows_text(rows: list[int]) -> str:
    """``row 12``, ``rows 109-168 (60 rows)``, ``rows 3, 7, 20-22 (5 rows)``."""
    rows = sorted(set(rows))
    if len(rows) == 1:
        return f"row {rows[0]}"
    spans: list[str] = []
    start = prev = rows[0]
    for row in [*rows[1:], None]:
        if row is not None and row == prev + 1:
            prev = row
            continue
        spans.append(str(start) if start == prev else f"{start}-{prev}")
        if row is not None:
            start = prev = row
    return f"rows {', '.join(spans)} ({len(rows)} rows)"


def group_lines(problems: list[Problem]) -> list[tuple[str, int]]:
    """One line per cause: problems with the same message (say ``unknown school 'LY-S02'``)
    become one line listing each file's rows as ranges. Returns (line, problems in it)."""
    groups: dict[str, list[Problem]] = {}
    for p in problems:
        groups.setdefault(p.message, []).append(p)
    lines: list[tuple[str, int]] = []
    for message, members in groups.items():
        if len(members) == 1 or any(p.row is None for p in members):
            lines += [(str(p), 1) for p in members]
            continue
        columns = {p.column for p in members}
        by_file: dict[str, list[int]] = {}
        for p in members:
            by_file.setdefault(p.file, []).append(p.row)  # type: ignore[arg-type]
        where = ", ".join(f"{file} {rows_text(rows)}" for file, rows in by_file.items())
        if len(columns) == 1 and None not in columns:
            where += f", column '{columns.pop()}'"
        lines.append((f"{message}: {where}", len(members)))
    return lines


class InputError(Exception):
    """Bad input: the CLI prints every problem and exits 2 without writing anything."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(self.render())

    def render(self) -> str:
        """Every problem, those of one cause on one line; the count of problems is exact."""
        grouped = group_lines(self.problems)
        lines = [line for line, _ in grouped[:MAX_PROBLEMS]]
        if len(grouped) > MAX_PROBLEMS:
            rest = sum(n for _, n in grouped[MAX_PROBLEMS:])
            lines.append(f"... and {rest} more problems")
        if len(grouped) < len(self.problems):
            lines.append(f"({len(self.problems)} problems in all)")
        return "\n".join(lines)


@dataclass
class Problems:
    """Collects problems during a load; raises them all at the end.

    ``labels`` names where a table really came from (``数据.xlsx[teachers]`` for the sheet of
    one workbook): a problem added under the table's file name is reported under its label.
    """

    items: list[Problem] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)

    def add(self, file: str, message: str, row: int | None = None, column: str | None = None):
        self.items.append(Problem(self.labels.get(file, file), message, row, column))

    def raise_if_any(self) -> None:
        if self.items:
            raise InputError(self.items)
