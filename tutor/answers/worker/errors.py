"""The exceptions the worker pool raises in the caller (a task's own exceptions pass through).

WorkerError
├── WorkerTimeout   the task ran past its wall-clock timeout or its CPU limit; worker replaced
│   └── WorkerBusy  no worker became free within the pool's queue_timeout; the task never ran
└── WorkerCrashed   the worker died (out of memory, os._exit, a signal), or the task's outcome
                    could not be handed back as itself (an unpicklable exception, SystemExit)

Also raised as a plain WorkerError: using a pool after close().
"""

from __future__ import annotations


class WorkerError(Exception):
    """Something went wrong running a task in a worker process, not in the task itself."""


class WorkerTimeout(WorkerError):
    """The task used up its wall-clock timeout or its CPU budget; the worker was killed."""


class WorkerBusy(WorkerTimeout):
    """Every worker stayed busy for the pool's whole queue_timeout; the task was not started."""


class WorkerCrashed(WorkerError):
    """The worker died, or the task's outcome could not be returned as itself."""


class RemoteTraceback(Exception):
    """Set as __cause__ of a task's exception re-raised in the caller: the worker's traceback."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return f"\n\n(in the worker process)\n{self.text}"
