"""Memory of bulk loads: the cyclic garbage collector paused while millions of objects that
all stay alive are made (table rows, graph dicts, result rows)."""

from __future__ import annotations

import gc
from contextlib import contextmanager

#: Objects allocated during a :func:`paused_gc` block above which the survivors are frozen.
BULK_OBJECTS = 100_000


@contextmanager
def paused_gc():
    """Pause the cyclic garbage collector while a bulk load allocates millions of objects that
    all stay alive (rows, graph dicts); otherwise every collection walks the whole growing heap.
    When more than :data:`BULK_OBJECTS` new objects survive the block, they are moved to the
    collector's permanent generation (``gc.freeze``) before it is enabled again: else its next
    run walks them all (1.4 s after building a 1M-edge graph) and every full run again. They
    are still freed as usual when no longer referenced; only reference cycles among them are
    never collected, which the loaded tables and graphs do not form in any quantity.
    Restores the previous state."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_count()[0] > BULK_OBJECTS:
            gc.freeze()
        if enabled:
            gc.enable()
