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

from solver.input.formats import FORMULA_STARTS, escape_formula

OUTPUT_MARKER = ".rotation-output"
"""The file every output set carries: it lists what the program wrote, so ``--force`` can tell
an earlier output (which it may replace) from anything else (which it never touches)."""
MARKER_HEADER = "written by rotation (teacher rotation planner); --force may replace this folder"


class OutputExistsError(Exception):
    """OUT may not be written: it exists without ``--force``, or replacing it could destroy
    something the program did not write (SPEC §5). The command exits 2, nothing touched."""


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _listing(folder: Path) -> list[str]:
    """Every file and folder under ``folder``, relative, as posix paths (the marker excluded)."""
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.relative_to(folder).as_posix() != OUTPUT_MARKER
    )


def _listed(folder: Path) -> set[str] | None:
    """What our marker in ``folder`` says we wrote, or ``None`` without a valid marker."""
    marker = folder / OUTPUT_MARKER
    if not marker.is_file() or marker.is_symlink():
        return None
    try:
        lines = marker.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if not lines or lines[0] != MARKER_HEADER:
        return None
    return set(lines[1:])


def replaceable(path: Path) -> bool:
    """Whether the program may write ``path`` inside an output folder: it does not exist, or
    the folder's marker lists it as ours (a file a person put there is never replaced)."""
    path = Path(path)
    if not path.exists():
        return True
    listed = _listed(path.parent)
    return path.is_file() and listed is not None and path.name in listed


def not_written_by_program(folder: Path) -> list[str]:
    """What in ``folder`` our marker does not list (everything when there is no marker)."""
    listed = _listed(folder)
    return [name for name in _listing(folder) if listed is None or name not in listed]


def write_marker(folder: Path) -> None:
    """Mark ``folder`` as an output set, listing every file and folder in it (sorted, so the
    marker of the same outputs is the same bytes)."""
    text = "\n".join([MARKER_HEADER, *_listing(folder)]) + "\n"
    (folder / OUTPUT_MARKER).write_text(text, encoding="utf-8")


def note_written(path: Path) -> None:
    """Add a file just written by the program into an output folder (``report.html`` beside
    the plan, an audit report) to that folder's marker, so a later ``--force`` may replace
    the folder. A folder without our marker is left as it is."""
    path = Path(path)
    listed = _listed(path.parent)
    if listed is None or path.name in listed:
        return
    names = sorted([*listed, path.name])
    text = "\n".join([MARKER_HEADER, *names]) + "\n"
    (path.parent / OUTPUT_MARKER).write_text(text, encoding="utf-8")


def check_output(
    out: Path, force: bool = False, protected: Iterable[Path] = (), *, folder: bool = True
) -> None:
    """Refuse an output path that could destroy data (SPEC §5); every writing command calls it.

    Parameters
    ----------
    out
        The folder (or, with ``folder=False``, the file) a command is about to write.
    force
        ``--force``: an existing OUT may be replaced, but only when it is empty or an earlier
        output of this program (its marker lists everything in it). A single file may be
        replaced with ``--force`` when it is not inside a protected folder.
    protected
        Folders never to write into, over or around: the scenario folder and every folder of
        its ``extends`` chain. OUT that is, contains or lies inside one of them is refused.

    Raises
    ------
    OutputExistsError
        Saying why; nothing has been touched.
    """
    out = Path(out)
    target = Path(os.path.realpath(out))
    for guarded in protected:
        guarded = Path(os.path.realpath(guarded))
        if _inside(target, guarded) or _inside(guarded, target):
            how = (
                "is"
                if target == guarded
                else "lies inside"
                if _inside(target, guarded)
                else "contains"
            )
            raise OutputExistsError(
                f"{out} {how} the scenario folder {guarded} (or a folder it extends); "
                "choose an output folder outside the scenario"
            )
    if not out.exists() and not out.is_symlink():
        return
    if not force:
        raise OutputExistsError(f"{out} exists; use --force to replace it")
    if not folder:
        if not out.is_file():
            raise OutputExistsError(f"{out} exists and is not a file; not replaced")
        return
    if out.is_symlink() or not out.is_dir():
        raise OutputExistsError(f"{out} exists and is not a folder; not replaced")
    foreign = not_written_by_program(out)
    if not foreign:  # empty, or every entry is listed by our marker
        return
    why = (
        f"it has no {OUTPUT_MARKER} marker"
        if _listed(out) is None
        else f"it holds {len(foreign)} file(s) this program did not write: {', '.join(foreign[:3])}"
    )
    raise OutputExistsError(
        f"{out} is not an earlier output of this program ({why}); --force replaces only an "
        "empty folder or an earlier output. Nothing was touched: choose another folder"
    )


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
    return escape_formula(str(value))


AS_WRITTEN = frozenset({int, float, type(None)})
"""Cells the csv module writes as ``safe_cell`` would: numbers as ``str`` does, ``None`` blank."""


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text with safe cells and ``\\n`` line ends (the BOM is added when writing).

    Numbers, blanks and text that needs no apostrophe go to the csv module as they are, the
    others through ``safe_cell``: a call per cell was most of the time (14 million cells for
    a province)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([safe_cell(h) for h in header])
    writer.writerows(
        [
            v
            if type(v) in AS_WRITTEN or (type(v) is str and not v.startswith(FORMULA_STARTS))
            else safe_cell(v)
            for v in row
        ]
        for row in rows
    )
    return buffer.getvalue()


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write a CSV in UTF-8 with BOM, so spreadsheets show Chinese text."""
    path.write_text(csv_text(header, rows), encoding="utf-8-sig", newline="")


def write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def normal_mode(directory: bool) -> int:
    """The permissions a plain ``open``/``mkdir`` would give under the current umask."""
    mask = os.umask(0)
    os.umask(mask)
    return (0o777 if directory else 0o666) & ~mask


def write_text_atomic(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write a file so that readers see the old content or the whole new one, never a part."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as f:
            f.write(text)
        os.chmod(tmp, normal_mode(directory=False))  # mkstemp's 0600 is not for a report
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    note_written(path)


@contextlib.contextmanager
def atomic_output_dir(
    out: Path, force: bool = False, protected: Iterable[Path] = ()
) -> Iterator[Path]:
    """Yield a temporary folder that replaces ``out`` only when the block completes.

    ``check_output`` decides first whether ``out`` may be written at all. A crash, kill or
    Ctrl-C inside the block leaves the previous ``out`` untouched; with ``force`` the old
    outputs survive until the new ones are complete. The new folder gets the marker that
    lets a later ``--force`` replace it, and normal permissions (not mkdtemp's 0700).
    """
    check_output(Path(out), force, protected)
    out = Path(os.path.abspath(out))  # ``-o .`` has a parent to put the temporary folder in
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        yield tmp
        write_marker(tmp)
        os.chmod(tmp, normal_mode(directory=True))
        check_output(out, force, protected)  # OUT may have changed while we worked
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
