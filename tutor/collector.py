"""Holding off Python's cyclic garbage collector around bounded work.

A full collection in a long-lived process with many live objects (sympy's caches, the fonts,
matplotlib) walks all of them: hundreds of milliseconds, charged to whatever work it interrupts.
`collector_paused()` keeps it off for one piece of bounded work (an answer's parse, a worksheet
PDF), whose garbage is collected afterwards. `freeze_imports()` moves what a process has loaded
so far out of the collector's sight for good (gc.freeze), so later collections skip it; a
process that forks workers calls it first, and its workers inherit it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the block runs (the collector's state restored)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def freeze_imports() -> None:
    """Collect what is garbage now, then freeze every object left (modules, fonts, tables);
    once a process: what it makes later (a test run's objects) stays collectable."""
    if gc.get_freeze_count() == 0:
        gc.collect()
        gc.freeze()
