"""Python's cyclic garbage collector, paused while proxygraph makes many objects and no cycles.

Reading a dataset, (un)pickling it for the cache and turning it into Neo4j rows each make
millions of small objects and no reference cycle: every collection the collector would start
meanwhile only walks them again (100,000 relations: seconds). `paused` turns it off for the
block and back on after, if it was on.

>>> import gc
>>> with paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No garbage collection within the block (nested blocks are fine)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
