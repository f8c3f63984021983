"""Parts solved on a Dask distributed cluster (``--scheduler tcp://host:8786``).

The parts of a scenario are independent, so each is one task: the part's data travels with it
(no shared disk is needed), the worker builds and solves it exactly as a local worker process
would (``solve_component``, same seed, same CP-SAT workers), and the outcome comes back. Progress
and the two Ctrl-C stops travel through a Dask ``Queue`` and two ``Event``s named for this solve.
Without ``--scheduler`` nothing here is used and nothing extra starts.
"""

from __future__ import annotations

import queue
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from solver.solving.part import ComponentJob, ComponentOutcome, solve_component

CONNECT_SECONDS = 10


class ClusterError(Exception):
    """The scheduler given with ``--scheduler`` cannot be reached."""


@contextmanager
def connect(address: str) -> Iterator[Any]:
    """A client of the cluster whose scheduler is at ``address`` (closed afterwards).

    Raises
    ------
    ClusterError
        When no scheduler answers at ``address`` within ``CONNECT_SECONDS``.
    """
    from distributed import Client

    try:
        client = Client(address, set_as_default=False, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        yield client
    finally:
        client.close()


def slots(client: Any) -> int:
    """Tasks the cluster runs at once: the threads of all its workers."""
    return max(1, sum(client.nthreads().values()))


class Channels:
    """This solve's progress queue and stop events on the cluster.

    ``get_nowait`` behaves like ``queue.Queue.get_nowait`` (the scheduler loop drains it);
    ``soft`` and ``halt`` are the stop events the parts watch.
    """

    def __init__(self, client: Any) -> None:
        from distributed import Event, Queue

        tag = uuid.uuid4().hex
        self.names = (f"rotation-progress-{tag}", f"rotation-stop-{tag}", f"rotation-halt-{tag}")
        self.queue = Queue(self.names[0], client=client)
        self.soft = Event(self.names[1], client=client)
        self.halt = Event(self.names[2], client=client)
        self.buffer: list[Any] = []

    def get_nowait(self) -> Any:
        if not self.buffer and self.queue.qsize():
            self.buffer = list(self.queue.get(batch=True))
        if not self.buffer:
            raise queue.Empty
        return tuple(self.buffer.pop(0))


def cluster_solve(job: ComponentJob, names: tuple[str, str, str]) -> ComponentOutcome:
    """On a cluster worker: solve one part, reporting through this solve's channels."""
    from distributed import Event, Queue

    messages = Queue(names[0])
    return solve_component(job, messages.put, Event(names[1]), Event(names[2]))
