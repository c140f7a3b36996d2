"""Run expensive answer checks in worker processes with CPU, memory and wall-clock limits.

The answer checker answers most requests in-process; checks that can blow up on hostile input
(symbolic proofs, solving, simplification) run here instead, so a runaway check costs one worker
process, not the server:

    from tutor.answers.worker import WorkerPool, WorkerTimeout, WorkerCrashed, default_pool

    with WorkerPool(size=2, timeout=2.0, memory_mb=1024, cpu_seconds=5) as pool:
        pool.run(module_level_function, arg1, arg2)              # -> its result
        pool.run(module_level_function, arg, timeout=0.5)        # a tighter wall clock
        await pool.run_async(module_level_function, arg)         # from asyncio, loop never blocks

    default_pool().run(...)   # one lazily started pool per process, closed at exit

`function` must be importable by name (a module-level function: pickled by reference); its
arguments and result are pickled. An exception raised by the function is re-raised in the caller
as itself (its worker traceback as __cause__) when it pickles; otherwise WorkerCrashed says what
it was. WorkerTimeout: past the wall-clock timeout (the worker is SIGKILLed and replaced) or the
CPU budget. WorkerCrashed: the worker died (MemoryError, os._exit, a signal) and was replaced.
WorkerBusy (a WorkerTimeout): no worker came free within queue_timeout.

How the limits are enforced (details in child.py, process.py, pool.py):
- Workers are started by the `forkserver` multiprocessing context (never a plain fork of this
  possibly threaded process). The forkserver preloads sympy, tutor and warmup.py (which runs one
  of each common sympy operation, then gc.freeze()), so a new worker is a fork of a warm
  interpreter (~20 ms); workers persist and serve task after task.
- Memory: RLIMIT_AS per worker. CPU: RLIMIT_CPU soft limit re-armed before each task to
  (CPU used so far + cpu_seconds). Wall clock: the calling thread waits on the worker's pipe and
  process sentinel with a timeout, then SIGKILLs. No signal.alarm: it works from any thread.
- Waiting for a free worker is bounded separately (queue_timeout, WorkerBusy) and not counted
  in a task's timeout; nor is a replacement worker's start-up.

Pass the modules your task functions live in as `preload` (with DEFAULT_PRELOAD) to have them
in the forkserver; otherwise each worker imports them when it starts (the pool remembers them).

Package layout: errors.py (exceptions), child.py (code in the worker), process.py (the parent's
handle on one worker), pool.py (WorkerPool: idle queue, replacement, shutdown), warmup.py (the
forkserver's warm-up), this file (public names and default_pool). To add a limit, set it in
child._prepare or child._limit_cpu and carry its setting in child.Limits.
"""

from __future__ import annotations

import atexit
import os
import threading

from tutor.answers.worker.errors import (
    RemoteTraceback,
    WorkerBusy,
    WorkerCrashed,
    WorkerError,
    WorkerTimeout,
)
from tutor.answers.worker.pool import DEFAULT_PRELOAD, WorkerPool

__all__ = [
    "DEFAULT_PRELOAD",
    "RemoteTraceback",
    "WorkerBusy",
    "WorkerCrashed",
    "WorkerError",
    "WorkerPool",
    "WorkerTimeout",
    "default_pool",
]

_default: WorkerPool | None = None
_default_pid: int | None = None
_default_lock = threading.Lock()


def default_pool() -> WorkerPool:
    """The process-wide pool (default settings), started on first use and closed at exit.

    A new one is started if the previous one was closed, or if this process is a fork of the one
    that started it (a pool's pipes cannot be shared across fork).
    """
    global _default, _default_pid
    with _default_lock:
        pool = _default
        if pool is None or pool.closed or _default_pid != os.getpid():
            pool = WorkerPool()
            atexit.register(pool.close)
            _default, _default_pid = pool, os.getpid()
        return pool
