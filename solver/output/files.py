"""Safe outputs: spreadsheet-proof CSV cells and all-or-nothing output folders (SPEC §5)."""

from __future__ import annotations

import contextlib
import csv
import hashlib
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
SCENARIO_FILE = "scenario.toml"
"""A folder holding it is a scenario (SPEC §5): never replaced, written into or over."""
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


def _fingerprint(path: Path) -> str:
    """``size sha256`` of a file: what the marker records, so an edited file is not ours."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return f"{path.stat().st_size} {digest.hexdigest()}"


def _entry(folder: Path, name: str) -> str:
    """The marker line of ``name``: ``name<TAB>size sha256`` for a file, the name for a folder."""
    path = folder / name
    if path.is_file() and not path.is_symlink():
        return f"{name}\t{_fingerprint(path)}"
    return name


def _listed(folder: Path) -> dict[str, str | None] | None:
    """What our marker in ``folder`` says we wrote (name -> ``size sha256``, ``None`` for a
    folder or a marker line of an older version without it), or ``None`` without a marker."""
    marker = folder / OUTPUT_MARKER
    if not marker.is_file() or marker.is_symlink():
        return None
    try:
        lines = marker.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if not lines or lines[0] != MARKER_HEADER:
        return None
    listed: dict[str, str | None] = {}
    for line in lines[1:]:
        name, _, fingerprint = line.partition("\t")
        listed[name] = fingerprint or None
    return listed


def replaceable(path: Path) -> bool:
    """Whether the program may write ``path`` inside an output folder: it does not exist, or
    the folder's marker lists it as ours, as written (a file a person put there or edited is
    never replaced)."""
    path = Path(path)
    if not path.exists():
        return True
    listed = _listed(path.parent)
    return (
        path.is_file()
        and listed is not None
        and path.name in listed
        and path.name not in changed_since_written(path.parent)
    )


def not_written_by_program(folder: Path) -> list[str]:
    """What in ``folder`` our marker does not list (everything when there is no marker)."""
    listed = _listed(folder)
    return [name for name in _listing(folder) if listed is None or name not in listed]


def changed_since_written(folder: Path) -> list[str]:
    """The files our marker lists whose size or SHA-256 is no longer what was written: a
    person edited them, so they are theirs now and ``--force`` must not replace them."""
    listed = _listed(folder) or {}
    changed = []
    for name, fingerprint in sorted(listed.items()):
        path = folder / name
        if fingerprint is None or not path.is_file() or path.is_symlink():
            continue
        if _fingerprint(path) != fingerprint:
            changed.append(name)
    return changed


def _write_listing(folder: Path, entries: Iterable[str]) -> None:
    text = "\n".join([MARKER_HEADER, *sorted(entries)]) + "\n"
    (folder / OUTPUT_MARKER).write_text(text, encoding="utf-8")


def write_marker(folder: Path) -> None:
    """Mark ``folder`` as an output set, listing every file (with its size and SHA-256) and
    folder in it, sorted, so the marker of the same outputs is the same bytes."""
    _write_listing(folder, (_entry(folder, name) for name in _listing(folder)))


def note_written(path: Path) -> None:
    """Add a file just written by the program into an output folder (``report.html`` beside
    the plan, an audit report) to that folder's marker, with its size and SHA-256, so a later
    ``--force`` may replace the folder. A folder without our marker is left as it is."""
    path = Path(path)
    listed = _listed(path.parent)
    if listed is None:
        return
    entries = [name if fp is None else f"{name}\t{fp}" for name, fp in listed.items()]
    entries = [e for e in entries if e.partition("\t")[0] != path.name]
    _write_listing(path.parent, [*entries, _entry(path.parent, path.name)])


def scenario_holding(target: Path) -> Path | None:
    """The scenario folder (one holding ``scenario.toml``) that ``target`` is or lies inside,
    or ``None``. Whoever wrote it, a scenario is a person's data: no output goes there."""
    for folder in (target, *target.parents):
        if (folder / SCENARIO_FILE).is_file():
            return folder
    return None


def check_output(
    out: Path,
    force: bool = False,
    protected: Iterable[Path] = (),
    *,
    folder: bool = True,
    inputs: Iterable[Path] = (),
    replaces_reports: bool = False,
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
    inputs
        What the command reads besides the scenario (``--published``, ``--hint``, an audit's
        PLAN, a report's output folders). A folder OUT is never one of them, around or inside
        one; a file OUT is never one, and inside an input folder it never replaces a file
        there (``replaces_reports``: except an earlier report, which the report checks).

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
    _refuse_inputs(out, target, inputs, folder=folder, replaces_reports=replaces_reports)
    holder = scenario_holding(target if folder else target.parent)
    if holder is not None:
        raise OutputExistsError(
            f"{out} {'is' if holder == target else 'lies inside'} the scenario folder {holder} "
            f"(it holds {SCENARIO_FILE}); a scenario is never replaced or written into: "
            "choose an output folder outside it"
        )
    if not out.exists() and not out.is_symlink():
        return
    if not force:
        raise OutputExistsError(f"{out} exists; use --force to replace it")
    if not folder:
        if not out.is_file():
            raise OutputExistsError(f"{out} exists and is not a file; not replaced")
        if out.name in changed_since_written(out.parent):
            raise OutputExistsError(
                f"{out} was edited since this program wrote it; --force does not replace "
                "edited files. Nothing was touched: choose another file name"
            )
        return
    if out.is_symlink() or not out.is_dir():
        raise OutputExistsError(f"{out} exists and is not a folder; not replaced")
    if any(out.rglob(SCENARIO_FILE)):
        raise OutputExistsError(
            f"{out} holds a scenario ({SCENARIO_FILE}); --force never replaces a scenario. "
            "Nothing was touched: choose another folder"
        )
    foreign = not_written_by_program(out)
    changed = changed_since_written(out)
    if not foreign and changed:
        raise OutputExistsError(
            f"{out} holds {len(changed)} file(s) edited since this program wrote them: "
            f"{', '.join(changed[:5])}; --force does not replace edited files. Nothing was "
            "touched: choose another folder, or move the edited files away first"
        )
    if not foreign:  # empty, or every entry is listed by our marker, as written
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


def _refuse_inputs(
    out: Path, target: Path, inputs: Iterable[Path], *, folder: bool, replaces_reports: bool
) -> None:
    """OUT never is, contains or lies inside what the command reads (SPEC §5, issue 19.3)."""
    for given in inputs:
        read = Path(os.path.realpath(given))
        if target == read or _inside(read, target):
            what = "is an input of this command" if target == read else f"contains {given}, "
            what += "" if target == read else "which this command reads"
            raise OutputExistsError(
                f"{out} {what}; an output never replaces its input. Nothing was touched: "
                "choose another output"
            )
        if not _inside(target, read):
            continue
        if folder:
            raise OutputExistsError(
                f"{out} lies inside {given}, which this command reads; an output never goes "
                "into its input. Nothing was touched: choose another output"
            )
        if target.exists() and not replaces_reports:
            raise OutputExistsError(
                f"{out} is a file of {given}, which this command reads; it is never replaced. "
                "Nothing was touched: choose another file name"
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
