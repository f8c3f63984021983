"""Reading one CSV table as a planner's spreadsheet really is: BOM, GBK, stray blanks.

Every problem becomes a ``Problem`` naming file, row and column, so a planner can fix the
spreadsheet in one pass; ``InputError`` carries all of them together.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from solver.input.aliases import (
    COLUMN_ALIASES,
    VALUE_ALIASES,
    canonical_column,
    normalise_cells,
)
from solver.input.problems import InputError, Problem, Problems

MAX_CELL_CHARS = 10_000
MAX_ROWS = 2_000_000
TRUE_WORDS = frozenset({"true", "1", "yes", "是", "y", "t"})
FALSE_WORDS = frozenset({"false", "0", "no", "否", "n", "f"})


def decode(path: Path) -> str:
    """Text of a CSV in UTF-8 (with or without BOM) or GBK/GB18030, as Excel saves it."""
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise InputError([Problem(path.name, "looks like a binary file, not a CSV text file")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise InputError(
            [Problem(path.name, f"is neither UTF-8 nor GBK text (byte {exc.start})")]
        ) from None


@dataclass(frozen=True)
class Table:
    """A CSV file: its column names and its non-blank rows with their line numbers."""

    path: Path
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]
    label: str = ""

    @property
    def name(self) -> str:
        """How messages name the table: the file (and sheet) it came from."""
        return self.label or self.path.name


def read_table(path: Path, display: str | None = None, sheet: str | None = None) -> Table:
    """Read a CSV (or an .xlsx sheet) into a ``Table``.

    Headers go through the Chinese aliases, cells are trimmed and full-width characters folded,
    blank lines skipped. Raises ``InputError`` when the file cannot be read, is empty, has no
    header, repeats a column, or exceeds the size limits (a cell over 10,000 characters, more
    than 2 million rows) that keep a broken file from exhausting memory.
    """
    label = display or (f"{path.name}[{sheet}]" if sheet else path.name)
    try:
        if path.suffix.lower() == ".xlsx":
            from solver.input.xlsx import xlsx_rows  # only users with workbooks pay for calamine

            lines = xlsx_rows(path, sheet)
        else:
            lines = csv_rows(path, label)
        return build_table(path, label, lines)
    except OSError as exc:
        raise InputError([Problem(label, f"cannot be read: {exc.strerror or exc}")]) from None
    except csv.Error as exc:
        raise InputError([Problem(label, f"is not valid CSV: {exc}")]) from None


def csv_rows(path: Path, label: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of a CSV file, whatever its encoding."""
    text = decode(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    for cells in reader:
        yield reader.line_num, cells


def build_table(path: Path, label: str, lines: Iterable[tuple[int, list[str]]]) -> Table:
    columns: list[str] | None = None
    rows: list[tuple[int, dict[str, str]]] = []
    for line, cells in lines:
        if cells and max(map(len, cells)) > MAX_CELL_CHARS:
            raise InputError(
                [Problem(label, f"a cell is over {MAX_CELL_CHARS:,} characters", line)]
            )
        cells = normalise_cells(cells)
        if not any(cells):
            continue
        if columns is None:
            columns = [canonical_column(c) for c in cells]
            repeated = sorted({c for c in columns if c and columns.count(c) > 1})
            if repeated:
                raise InputError(
                    [Problem(label, "column appears twice", line, c) for c in repeated]
                )
            continue
        if len(rows) >= MAX_ROWS:
            raise InputError([Problem(label, f"has more than {MAX_ROWS:,} rows", line)])
        rows.append((line, dict(zip(columns, cells, strict=False))))
    if columns is None:
        raise InputError([Problem(label, "is empty: a header row is required")])
    return Table(path, columns, rows, label)


# --------------------------------------------------------------------------- cell parsers


class CellError(ValueError):
    """A cell that does not hold what its column needs."""


MAX_DIGITS_BEFORE_POINT = 12


def parse_int(text: str) -> int:
    if text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS_BEFORE_POINT:
        return int(text)  # the common case, as parse_decimal would read it, without Decimal
    try:
        value = parse_decimal(text)
    except CellError as exc:
        if str(exc).startswith("expected a number"):  # say what the column really needs
            raise CellError(f"expected a whole number, found '{text}'") from None
        raise
    if value != value.to_integral_value():
        raise CellError(f"expected a whole number, found '{text}'")
    return int(value)


def parse_count(text: str) -> int:
    value = parse_int(text)
    if value < 0:
        raise CellError(f"expected a count of 0 or more, found '{text}'")
    return value


def parse_decimal(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise CellError(f"expected a number, found '{text}'") from None
    if not value.is_finite():
        raise CellError(f"expected a finite number, found '{text}'")
    if value.adjusted() >= MAX_DIGITS_BEFORE_POINT:  # no arithmetic on 1e999999999
        raise CellError(f"number '{text}' is too large")
    return value


def parse_ratio(text: str) -> Decimal:
    value = parse_decimal(text)
    if not 0 <= value <= 1:
        raise CellError(f"expected a ratio between 0 and 1, found '{text}'")
    return value


def parse_float(text: str) -> float:
    return float(parse_decimal(text))


def parse_bool(text: str) -> bool:
    lowered = text.lower()
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    raise CellError(f"expected true/false/1/0/yes/no/是/否, found '{text}'")


def parse_text(text: str) -> str:
    return text


def parse_list(text: str) -> tuple[str, ...]:
    """A list in one cell, separated by ``;`` ``|`` ``、`` or ``,``."""
    for sep in "|、,；":
        text = text.replace(sep, ";")
    return tuple(part.strip() for part in text.split(";") if part.strip())


def one_of(*allowed: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in allowed:
            raise CellError(f"expected one of {', '.join(allowed)}; found '{text}'")
        return text

    return parse


@dataclass(frozen=True)
class Column:
    """How one column is read: its parser, whether it is required, its default when blank.

    ``also`` names other columns read in its place when it is absent, with a warning (a
    locked.csv pasted from assignments.csv has ``host_school_id`` where ``school_id`` goes).
    """

    name: str
    parse: Callable[[str], object] = parse_text
    required: bool = False
    also: tuple[str, ...] = ()


def accepted_names(column: str) -> list[str]:
    """The header ``column`` and every Chinese header accepted for it (solver/input/aliases)."""
    return [column, *(alias for alias, name in COLUMN_ALIASES.items() if name == column)]


def missing_column(column: str, found: Iterable[str]) -> str:
    """The message for a missing required column: what the header row has, what to write."""
    headers = ", ".join(f"'{h}'" for h in found if h) or "nothing"
    names = accepted_names(column)
    chinese = f" (or in Chinese: {', '.join(names[1:])})" if len(names) > 1 else ""
    return (
        f"required column is missing; the header row has {headers}; "
        f"name the column '{column}'{chinese}"
    )


def parse_rows(
    table: Table, columns: list[Column], problems: Problems, warnings: list[str]
) -> Iterator[tuple[int, dict[str, object]]]:
    """Yield each row as ``{column: value}`` with blank optional cells left out.

    Missing required columns are reported once and stop the table; a bad cell is reported
    and its row skipped, so every other row is still checked.
    """
    source = {c.name: c.name for c in columns}
    for c in columns:
        alternative = next((a for a in c.also if a in table.columns), None)
        if c.name not in table.columns and alternative is not None:
            source[c.name] = alternative
            warnings.append(f"{table.name}: column '{alternative}' read as '{c.name}'")
    present = set(table.columns)
    missing = [c.name for c in columns if c.required and source[c.name] not in present]
    if missing:
        for name in missing:
            problems.add(table.name, missing_column(name, table.columns), row=1, column=name)
        return
    known = set(source.values())
    extra = [c for c in table.columns if c and c not in known]
    if extra:
        warnings.append(f"{table.name}: extra columns ignored: {', '.join(extra)}")
    # What each column needs, looked up once and not for each of the cells (8 million in a
    # province's teachers.csv); an optional column the table lacks is blank in every row, and
    # text columns keep their cell as it is.
    readers = [
        (c.name, source[c.name], VALUE_ALIASES.get(c.name, {}), c.parse, c.required)
        for c in columns
        if source[c.name] in present
    ]
    for line, cells in table.rows:
        values: dict[str, object] = {}
        ok = True
        for name, cell, aliases, parse, required in readers:
            text = cells.get(cell, "")
            text = aliases.get(text, text)
            if text == "":
                if required:
                    problems.add(table.name, "a value is required", line, name)
                    ok = False
                continue
            if parse is parse_text:
                values[name] = text
                continue
            try:
                values[name] = parse(text)
            except CellError as exc:
                problems.add(table.name, str(exc), line, name)
                ok = False
        if ok:
            yield line, values
