"""Python's cycle collector paused while a large scenario or its outputs are made.

A province is 550,000 teachers, millions of objects that all live on; the collector's repeated
passes over them took a third of a load and a tenth of writing the outputs, while neither makes
cycles worth collecting early.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

MANY_OBJECTS = 100_000
"""New objects after which ``collector_paused(settle=True)`` collects once (a scenario of some
10,000 teachers); after less the collector keeps its usual pace."""


@contextlib.contextmanager
def collector_paused(settle: bool = False) -> Iterator[None]:
    """The cycle collector off for the block, back on after (if it was on).

    ``settle``: the objects made in the block live on (a loaded scenario), so after many of
    them one full collection puts them among the old objects at once; otherwise the first
    collections after the block pass over all of them three times (2 s for a province).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if settle and gc.get_count()[0] >= MANY_OBJECTS:
                gc.collect()
            gc.enable()
