"""Stopping a running CP-SAT search from outside, e.g. on Ctrl-C."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Protocol

from ortools.sat.python import cp_model


class StopFlag(Protocol):
    """A ``threading.Event`` or ``multiprocessing.Event``: set it to stop the search."""

    def is_set(self) -> bool: ...

    def set(self) -> None: ...


@contextlib.contextmanager
def stop_watch(solver: cp_model.CpSolver, stop: StopFlag | None) -> Iterator[threading.Event]:
    """While the block runs ``solver.solving.solve``, stop the search once ``stop`` is set.

    ``stop_search`` only acts on a running search, so it is repeated until the solve returns.
    Yields an event that tells, afterwards, whether the search was stopped this way.
    """
    stopped = threading.Event()
    if stop is None:
        yield stopped
        return
    finished = threading.Event()

    def watch() -> None:
        while not finished.wait(0.05):
            if stop.is_set():
                stopped.set()
                solver.stop_search()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield stopped
    finally:
        finished.set()
        watcher.join()
