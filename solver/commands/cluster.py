"""What the commands that solve on a Dask cluster share (solve, sweep, batch).

Apart from ``common.py`` because it reaches the solver: ``rotation audit`` must not.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

import click

from solver.commands.common import EXIT_BAD_INPUT
from solver.solving.cluster import ClusterError


@contextlib.contextmanager
def cluster_errors() -> Iterator[None]:
    """A Dask scheduler that cannot be reached is bad input: exit 2, before anything is
    written."""
    try:
        yield
    except ClusterError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_BAD_INPUT)
