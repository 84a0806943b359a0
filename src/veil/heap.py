"""The garbage collector's settings for a process that serves requests after a start-up."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

#: Net allocations of container objects between two collections of the youngest generation
#: (Python's default is 700). A request allocates tens of thousands of short-lived objects,
#: nearly all freed by reference counting, so with the default most collections found nothing
#: to free: a 1 MB text took 4.2-4.5 s with the default and 3.7-4.0 s with this, and a
#: gateway worker spent about 5% less CPU per request (docs/performance.md, "Sixth round").
YOUNG_THRESHOLD = 50_000


def settle_heap() -> None:
    """Put what start-up loaded (models, tables, metadata) out of the collector's reach, so a
    full collection walks only what requests created, and collect the young generation less
    often. Cyclic garbage waits a little longer for its collection; nothing else changes."""
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, older, oldest)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection inside the block: for a client that times requests one by one,
    whose own collector's passes (30-45 ms, every few hundred requests) would otherwise be
    counted as the latency of whichever request was in flight."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
