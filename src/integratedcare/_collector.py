"""Pausing Python's cyclic garbage collector around bulk work.

Reading, building and checking a large landscape make hundreds of thousands of objects that hold
no reference cycles. Each time the allocations pass the collector's threshold it walks every
tracked object, so the walks grow with everything already made and the work becomes more than
linear. Pausing the collector for the duration costs nothing in memory: objects without cycles
are freed by reference counting anyway.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


class _Pauses:
    """How many blocks are paused now, across threads, and whether to switch back on after the last."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.depth = 0
        self.restore = False


_PAUSES = _Pauses()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector inside the block, then restore it as the first block found it.

    The switch is process-wide, so the blocks of every thread are counted together: the first
    to enter notes whether the collector was on and switches it off; the last to leave switches
    it back on if it was. (Checking and switching per block would race: a second thread could
    note "off" while the first has it paused, and leave it off for good.)
    """
    with _PAUSES.lock:
        if _PAUSES.depth == 0:
            _PAUSES.restore = gc.isenabled()
            gc.disable()
        _PAUSES.depth += 1
    try:
        yield
    finally:
        with _PAUSES.lock:
            _PAUSES.depth -= 1
            if _PAUSES.depth == 0 and _PAUSES.restore:
                gc.enable()
