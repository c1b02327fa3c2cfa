"""Pausing Python's cyclic garbage collector around bulk work.

Reading, building and checking a large landscape make hundreds of thousands of objects that hold
no reference cycles. Each time the allocations pass the collector's threshold it walks every
tracked object, so the walks grow with everything already made and the work becomes more than
linear. Pausing the collector for the duration costs nothing in memory: objects without cycles
are freed by reference counting anyway.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector inside the block, then restore it as it was.

    The switch is process-wide; in a second thread the collector stays paused until the first
    thread's block ends, which only delays collection.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
