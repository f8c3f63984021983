"""Safe outputs: spreadsheet-proof CSV cells and all-or-nothing output folders (SPEC §5)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class OutputExistsError(Exception):
    """OUT exists and ``--force`` was not given: we never overwrite silently."""


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text and never runs as a formula.

    Text starting with ``= + - @`` (or tab/CR) gets a leading apostrophe. Numbers are left
    alone: ``-3`` is a number, not a formula.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text with safe cells and ``\\n`` line ends (the BOM is added when writing)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return buffer.getvalue()


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write a CSV in UTF-8 with BOM, so spreadsheets show Chinese text."""
    path.write_text(csv_text(header, rows), encoding="utf-8-sig", newline="")


def write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


@contextlib.contextmanager
def atomic_output_dir(out: Path, force: bool = False) -> Iterator[Path]:
    """Yield a temporary folder that replaces ``out`` only when the block completes.

    A crash, kill or Ctrl-C inside the block leaves the previous ``out`` untouched; with
    ``force`` the old outputs survive until the new ones are complete.
    """
    out = Path(out)
    if out.exists() and not force:
        raise OutputExistsError(f"{out} exists; use --force to replace it")
    if out.exists() and not out.is_dir():
        raise OutputExistsError(f"{out} exists and is not a folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = None
    if out.exists():
        old = out.parent / f".{out.name}.old-{os.getpid()}"
        os.replace(out, old)
    os.replace(tmp, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
