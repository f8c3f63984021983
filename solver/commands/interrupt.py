"""Ctrl-C at any moment of any command: one clear sentence and exit 130, never a traceback.

Python raises ``KeyboardInterrupt`` wherever the program happens to be: inside an import (an
extension such as OR-Tools' then fails with ``ImportError: initialization failed``), inside
click (which prints a bare "Aborted!"), inside loading. cli.py installs ``catch_interrupts``
before it imports anything else, so every such moment ends the same way. The searches install
their own handler while they run (``solver.solving.solve.stop_on_interrupt``: first Ctrl-C
keeps the best plan), and give this one back afterwards. This module imports nothing of the
solver, so it is in place within milliseconds of the start.
"""

from __future__ import annotations

import contextlib
import itertools
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

EXIT_INTERRUPTED = 130
"""What shells report for a program ended by Ctrl-C (128 + SIGINT); SPEC §5's 0/1/2 are the
outcomes of a command that ran to its end, and 1 would read as "no plan" or "violations"."""

_hit: list[bool] = []
_deferred: list[bool] = [True]


def _on_sigint(signum: int, frame: FrameType | None) -> None:
    _hit.append(True)
    if not _deferred[0]:
        raise KeyboardInterrupt


PROGRAMS = ("rotation", "cli.py")
"""How the program is started (the entry point, ``python cli.py``); imported by a test
runner, cli.py leaves Ctrl-C to it."""


def catch_interrupts() -> None:
    """Take over Ctrl-C; until ``armed()`` it is only remembered (imports are not cut)."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        return  # started to ignore Ctrl-C (a shell script's background job): so it stays
    if Path(sys.argv[0]).name in PROGRAMS:
        signal.signal(signal.SIGINT, _on_sigint)


def armed() -> None:
    """From now on Ctrl-C interrupts; one that came while importing ends the command now."""
    _deferred[0] = False
    if _hit:
        stop()


def interrupted() -> bool:
    """Whether Ctrl-C has been pressed while this module's handler was in place."""
    return bool(_hit)


def stop() -> None:
    """Say that the command was interrupted and exit 130; a further Ctrl-C is ignored."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from solver.glossary import phrase

    sentence = phrase("interrupted_command", "en" if _wants_english(sys.argv) else "zh")
    print(sentence, file=sys.stderr, flush=True)
    sys.exit(EXIT_INTERRUPTED)


@contextlib.contextmanager
def one_sentence() -> Iterator[None]:
    """Run a piece of the command: Ctrl-C in it, or an error it caused (an extension that fails
    to import when interrupted), ends the command with ``stop()``. When the piece ends with
    an exit code, Ctrl-C no longer matters (``finished``)."""
    try:
        yield
    except KeyboardInterrupt:
        stop()
    except SystemExit:
        finished()
        raise
    except BaseException:
        if interrupted():
            stop()
        raise


def finished() -> None:
    """The command's outcome is decided: Ctrl-C during the interpreter's exit changes nothing
    (Python restores the default action then, and the exit code would be -2)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _wants_english(argv: list[str]) -> bool:
    """``--lang en`` on the command line (the sentence follows the command's language)."""
    return "--lang=en" in argv or ("--lang", "en") in itertools.pairwise(argv)
