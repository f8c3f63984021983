"""``rotation report``: one self-contained HTML page about one or several plans, or a sweep.

- ``data``: solve outputs and sweep folders, read and audited;
- ``svg``: chart primitives (bars with the need and the slack, balance, columns, lines);
- ``map``: schools by lat/lon and the flows between them;
- ``sections``: one HTML fragment per section, from the audit's rule instances and facts;
- ``page``: the document, its style and its small script.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from solver.glossary import Lang
from solver.output.files import OutputExistsError, check_output, normal_mode, note_written
from solver.output.report.data import read_inputs
from solver.output.report.page import GENERATOR, render_page
from solver.whatif.freshness import freshness_warning

__all__ = ["GENERATOR", "build_report", "write_report"]


def build_report(
    folders: Sequence[Path], lang: Lang, warn: Callable[[str], None] | None = None
) -> str:
    """The report's HTML for solve outputs and sweep folders (``InputError`` if unreadable).

    ``warn`` is given a sentence for each output whose files changed since it was solved (the
    page says it too, above that plan)."""
    plans, sweeps = read_inputs([Path(f) for f in folders])
    for view in plans:
        if warn is not None and view.freshness.stale:
            warn(freshness_warning(view.label, view.freshness, lang))
    return render_page(plans, sweeps, lang)


def write_report(out: Path, html: str, force: bool = False, inputs: Sequence[Path] = ()) -> None:
    """Write ``out`` all at once; an existing file is replaced only with ``force`` and only
    when it is an earlier report (it carries our generator tag), never anything else, and
    never one of ``inputs`` (the folders reported on) or a scenario's file."""
    out = Path(out)
    check_output(out, force, folder=False, inputs=inputs, replaces_reports=True)
    if out.exists() and not _is_report(out):
        raise OutputExistsError(
            f"{out} is not a report written by this program; --force replaces only an earlier "
            "report. Nothing was touched: choose another file name"
        )
    out = Path(os.path.abspath(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{out.name}.tmp-", dir=out.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(html)
        os.chmod(tmp, normal_mode(directory=False))
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    note_written(out)  # report.html beside a plan: a later --force may still replace OUT


def _is_report(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8", errors="replace") as stream:
            head = stream.read(2000)
    except OSError:
        return False
    return f'<meta name="generator" content="{GENERATOR}">' in head
