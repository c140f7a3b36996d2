"""The code that runs inside one worker process: its limits, its task loop, its replies.

Owns the worker side of the protocol between the pool (tutor.answers.worker.pool) and a worker.
Standard library only; the whole package is preloaded in the forkserver, so a worker imports
nothing when it starts unless the forkserver was started by someone else.

Protocol, over one duplex multiprocessing Pipe per worker, every message a pickle in send_bytes:

- worker -> pool, once at start: ("ready", pid) or ("failed", message).
- pool -> worker: the pickled (function, args) of a task, or STOP to exit.
- worker -> pool, once per task: a Reply tuple (kind, value, detail, retire):
  ("ok", result, "", False), ("error", exception, remote traceback, False), or
  ("crashed", message, "", retire) when the outcome cannot be handed back as itself.
  `retire` asks the pool to replace this worker (after a MemoryError, or a SystemExit).

Limits, applied by `main` before the first task:
- RLIMIT_AS (address space) = memory_bytes, soft and hard: big allocations raise MemoryError, or
  a C library that cannot allocate aborts the process; either way the pool replaces the worker.
- RLIMIT_CPU: before every task the soft limit is moved to (CPU used so far + cpu_seconds),
  rounded up to a whole second, so each task gets its own budget however long the worker lives.
  Past it the kernel sends SIGXCPU, whose default action kills the worker.
- RLIMIT_CORE = 0: a crashing worker writes no core file.
- SIGINT is ignored: Ctrl-C in a terminal reaches the parent, which decides.

To extend: add a reply kind here and decode it in pool._outcome; keep this module free of
imports beyond the standard library.
"""

from __future__ import annotations

import importlib
import math
import os
import pickle
import resource
import signal
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

STOP = b"stop"
Reply = tuple[str, Any, str, bool]
_MAX_TEXT = 20_000  # characters kept of a remote traceback or a crash message
_MEMORY_MARGIN = 64 * 2**20  # headroom the limit must leave above the worker's size at start


@dataclass(frozen=True)
class Limits:
    """What one worker may use; pickled to the worker when it starts."""

    memory_bytes: int | None
    cpu_seconds: int | None
    preload: tuple[str, ...] = ()


def main(conn: Connection, limits: Limits) -> None:
    """Entry point of a worker process: set limits, say ready, serve tasks until told to stop."""
    failure = _prepare(limits)
    conn.send_bytes(_dump(("failed", failure) if failure else ("ready", os.getpid())))
    if failure:
        return
    while True:
        try:
            request = conn.recv_bytes()
        except (EOFError, OSError):  # the pool went away
            return
        if request == STOP:
            return
        _limit_cpu(limits.cpu_seconds)
        reply, retire = execute(request, limits)
        conn.send_bytes(reply)
        if retire:
            return


def _prepare(limits: Limits) -> str | None:
    """Import the preloads and set the process limits; a message if the worker cannot serve."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    for name in limits.preload:  # most are already imported: the forkserver preloaded them
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # as the forkserver does; a task that needs the module reports the error
    if limits.memory_bytes is not None:
        size = _address_space_bytes()
        if size + _MEMORY_MARGIN > limits.memory_bytes:
            return (
                f"memory limit {limits.memory_bytes // 2**20} MB leaves no room: the worker "
                f"already uses {size // 2**20} MB of address space"
            )
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    return None


def _address_space_bytes() -> int:
    """This process's virtual memory size (VmSize), 0 if /proc cannot tell."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _limit_cpu(cpu_seconds: int | None) -> None:
    """Give the next task `cpu_seconds` of CPU on top of what this worker has used so far."""
    if cpu_seconds is None:
        return
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(usage.ru_utime + usage.ru_stime + cpu_seconds)
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def execute(request: bytes, limits: Limits) -> tuple[bytes, bool]:
    """Run one pickled (function, args) task: the pickled Reply, and whether to retire.

    Never raises, short of a signal: an unpicklable result is reported as the task's error.
    """
    try:
        function, args = pickle.loads(request)
        return _dump(("ok", function(*args), "", False)), False
    except MemoryError:
        pass  # answered below, once this frame no longer holds the task's memory
    except Exception as exc:
        return _dump(_error_reply(exc)), False
    except BaseException as exc:  # SystemExit, KeyboardInterrupt: never re-raise those in the pool
        return _dump(("crashed", f"task raised {_describe(exc)}", "", True)), True
    mb = limits.memory_bytes // 2**20 if limits.memory_bytes else None
    limit = f" (limit {mb} MB)" if mb else ""
    return _dump(("crashed", f"task ran out of memory{limit}", "", True)), True


def _error_reply(exc: Exception) -> Reply:
    """The exception itself when it survives a pickle round trip, else its text."""
    remote = "".join(traceback.format_exception(exc))[-_MAX_TEXT:]
    try:
        pickle.loads(_dump(("error", exc, remote, False)))
    except Exception:
        return ("crashed", f"task raised {_describe(exc)}\n{remote}", "", False)
    return ("error", exc, remote, False)


def _describe(exc: BaseException) -> str:
    """`Type: message`, safe against exceptions whose str() fails or runs long."""
    try:
        text = str(exc)
    except Exception:
        text = "<unprintable>"
    return f"{type(exc).__qualname__}: {text[:_MAX_TEXT]}"


def _dump(message: object) -> bytes:
    return pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
