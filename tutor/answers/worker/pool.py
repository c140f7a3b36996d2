"""WorkerPool: a fixed set of persistent, resource-limited worker processes shared by threads.

Owns scheduling: the queue of idle workers, handing one to each caller, replacing workers that
time out or die, and shutdown. The worker side is tutor.answers.worker.child; one process's
handle is tutor.answers.worker.process.

Scheduling rules:
- A caller takes an idle worker, waiting at most `queue_timeout` seconds for one (else
  WorkerBusy, a WorkerTimeout). That wait is NOT counted in the task's `timeout`: the timeout
  starts when the task is handed to a worker, so whether a check times out does not depend on
  how busy the server is. run_async counts its time in the thread executor's queue as queue wait.
- A worker that times out, dies, runs out of memory or raises SystemExit is SIGKILLed, reaped,
  and replaced at once (the replacement's start-up is not counted in anyone's timeout; a caller
  that picks it up waits up to `start_timeout` for it to be ready).
- Modules the pool's tasks come from are remembered and imported by every worker started
  later, before it says it is ready: a replacement's first task does not pay for imports
  inside its timeout. (Pass them as `preload` to have them in the forkserver from the start.)
- An empty slot (None in the idle queue) is left when a replacement cannot be started; the next
  caller to take it tries again.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import math
import multiprocessing
import pickle
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tutor.answers.worker.child import Limits
from tutor.answers.worker.errors import (
    RemoteTraceback,
    WorkerBusy,
    WorkerCrashed,
    WorkerError,
)
from tutor.answers.worker.process import WorkerProcess

DEFAULT_PRELOAD = ("sympy", "tutor", "tutor.answers.worker.warmup")
_CLOSE_WAIT_SECONDS = 5.0  # how long close() waits for busy callers to reap their killed workers


class WorkerPool:
    """Run module-level functions in persistent worker processes with CPU, memory, time limits.

    `size` workers; `timeout` default wall-clock seconds per task; `memory_mb` address-space
    limit per worker (None: unlimited); `cpu_seconds` CPU budget per task (None: unlimited);
    `queue_timeout` longest wait for a free worker; `start_timeout` longest wait for a new
    worker to be ready; `max_result_mb` largest pickled result (or error) let into this
    process (None: any); `preload` modules imported in the forkserver and in every worker.
    """

    def __init__(
        self,
        size: int = 2,
        *,
        timeout: float = 2.0,
        memory_mb: int | None = 1024,
        cpu_seconds: int | None = 5,
        queue_timeout: float = 10.0,
        start_timeout: float = 60.0,
        max_result_mb: int | None = 64,
        preload: Sequence[str] = DEFAULT_PRELOAD,
    ) -> None:
        if size < 1:
            raise ValueError(f"size must be at least 1, not {size}")
        if cpu_seconds is not None and cpu_seconds < 1:
            raise ValueError(f"cpu_seconds must be at least 1, not {cpu_seconds}")
        self.size = size
        self.timeout = _positive("timeout", timeout)
        self.queue_timeout = _positive("queue_timeout", queue_timeout)
        self.start_timeout = _positive("start_timeout", start_timeout)
        memory = None if memory_mb is None else memory_mb * 2**20
        self._limits = Limits(memory, cpu_seconds, tuple(preload))
        self._task_modules: dict[str, None] = {}  # modules of functions run so far, in order
        self._max_reply = None if max_result_mb is None else max_result_mb * 2**20
        self._context = multiprocessing.get_context("forkserver")
        # Takes effect only if the forkserver is not running yet (it is one per process). This
        # package comes too: every worker runs child.main from it.
        self._context.set_forkserver_preload([*preload, __package__ or "tutor.answers.worker"])
        self._cond = threading.Condition()
        self._idle: deque[WorkerProcess | None] = deque()
        self._busy: set[WorkerProcess] = set()
        self._closed = False
        self._executor: ThreadPoolExecutor | None = None
        self._start_all()

    def run(self, function: Callable[..., Any], *args: Any, timeout: float | None = None) -> Any:
        """function(*args) in a worker; its result, or its exception re-raised here.

        Raises WorkerTimeout (incl. WorkerBusy) or WorkerCrashed when the worker could not
        finish the task; pickling errors for `function` or `args` are raised before any wait.
        """
        return self._run(function, args, timeout, time.monotonic())

    async def run_async(
        self, function: Callable[..., Any], *args: Any, timeout: float | None = None
    ) -> Any:
        """`run` for asyncio: waits in a thread of the pool's executor, never in the loop.

        Cancelling the awaiting task does not stop the worker: it finishes or times out.
        """
        call = functools.partial(self._run, function, args, timeout, time.monotonic())
        return await asyncio.get_running_loop().run_in_executor(self._get_executor(), call)

    @property
    def closed(self) -> bool:
        return self._closed

    def pids(self) -> list[int]:
        """Process ids of the current workers (idle and busy)."""
        with self._cond:
            workers = [w for w in self._idle if w is not None] + list(self._busy)
        return sorted(worker.pid for worker in workers)

    def close(self) -> None:
        """Stop every worker and reap it; busy workers are SIGKILLed (their callers get
        WorkerCrashed). Idempotent. The shared forkserver process is left running."""
        with self._cond:
            if self._closed:
                return
            self._closed = True
            idle = [worker for worker in self._idle if worker is not None]
            self._idle.clear()
            for worker in self._busy:
                worker.signal_kill()
            self._cond.notify_all()
            self._cond.wait_for(lambda: not self._busy, _CLOSE_WAIT_SECONDS)
            executor, self._executor = self._executor, None
        for worker in idle:
            worker.stop()
        if executor is not None:
            executor.shutdown(wait=False)  # queued run_async calls fail with "closed"

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- one task -------------------------------------------------------------------------

    def _run(
        self,
        function: Callable[..., Any],
        args: tuple[Any, ...],
        timeout: float | None,
        since: float,
    ) -> Any:
        limit = self.timeout if timeout is None else _positive("timeout", timeout)
        self._remember_module(function)
        payload = pickle.dumps((function, args), protocol=pickle.HIGHEST_PROTOCOL)
        worker = self._acquire(since + self.queue_timeout)
        try:
            reply = worker.call(payload, limit)
        except WorkerCrashed as exc:
            self._replace(worker)
            if self._closed:
                raise WorkerCrashed("the worker pool was closed while the task ran") from exc
            raise
        except BaseException:
            self._replace(worker)
            raise
        kind, value, detail, retire = reply
        if retire:
            self._replace(worker)
        else:
            self._release(worker)
        return _outcome(kind, value, detail)

    # --- the idle queue -------------------------------------------------------------------

    def _start_all(self) -> None:
        """Start `size` workers in parallel and wait until all are ready (or fail loudly)."""
        workers: list[WorkerProcess] = []
        try:
            for _ in range(self.size):
                workers.append(self._new_worker())
            for worker in workers:
                worker.wait_ready(self.start_timeout)
        except BaseException:
            for worker in workers:
                worker.reap()
            raise
        self._idle.extend(workers)

    def _acquire(self, deadline: float) -> WorkerProcess:
        """Take an idle worker (starting one for an empty slot), waiting until `deadline`.

        The worker is in the busy set from the moment it is taken, so close() sees it.
        """
        with self._cond:
            while not self._idle:
                self._check_open()
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not self._cond.wait(remaining):
                    if not self._idle:
                        raise WorkerBusy(
                            f"no worker became free within {self.queue_timeout:g} s "
                            f"({self.size} workers, all busy)"
                        )
            self._check_open()
            worker = self._idle.popleft()
            if worker is not None:
                self._busy.add(worker)
        if worker is not None and not worker.alive():  # died while idle: start another
            self._forget(worker)
            worker = None
        if worker is None:
            worker = self._start_busy()
        try:
            worker.wait_ready(self.start_timeout)  # a replacement may still be starting
        except BaseException:
            self._forget(worker)
            self._give_back(None)
            raise
        return worker

    def _start_busy(self) -> WorkerProcess:
        """Start a worker for an empty slot, as busy; on failure the slot stays empty."""
        try:
            worker = self._new_worker()
        except BaseException:
            self._give_back(None)
            raise
        with self._cond:
            if not self._closed:
                self._busy.add(worker)
                return worker
        worker.reap()
        raise WorkerError("the worker pool is closed")

    def _forget(self, worker: WorkerProcess) -> None:
        """Reap a worker and drop it from the busy set (its slot is dealt with separately)."""
        worker.reap()
        with self._cond:
            self._busy.discard(worker)
            self._cond.notify_all()

    def _release(self, worker: WorkerProcess) -> None:
        """Put a healthy worker back in the idle queue (or stop it, if the pool was closed)."""
        with self._cond:
            if not self._closed:
                self._busy.discard(worker)
                self._idle.append(worker)
                self._cond.notify_all()
                return
        worker.stop()
        self._forget(worker)

    def _replace(self, worker: WorkerProcess) -> None:
        """Reap a worker that failed and start its replacement (without waiting for it)."""
        self._forget(worker)
        replacement: WorkerProcess | None = None
        if not self._closed:
            try:
                replacement = self._new_worker()
            except Exception:
                replacement = None  # an empty slot: the next caller retries
        self._give_back(replacement)

    def _give_back(self, worker: WorkerProcess | None) -> None:
        with self._cond:
            closed = self._closed
            if not closed:
                self._idle.append(worker)
            self._cond.notify_all()
        if closed and worker is not None:
            worker.reap()

    def _remember_module(self, function: Callable[..., Any]) -> None:
        module = getattr(function, "__module__", None)
        if isinstance(module, str) and module not in self._task_modules and module != "__main__":
            with self._cond:
                self._task_modules[module] = None

    def _new_worker(self) -> WorkerProcess:
        with self._cond:
            learned = tuple(m for m in self._task_modules if m not in self._limits.preload)
        limits = dataclasses.replace(self._limits, preload=self._limits.preload + learned)
        return WorkerProcess(self._context, limits, self._max_reply)

    def _check_open(self) -> None:
        if self._closed:
            raise WorkerError("the worker pool is closed")

    def _get_executor(self) -> ThreadPoolExecutor:
        with self._cond:
            self._check_open()
            if self._executor is None:
                self._executor = ThreadPoolExecutor(
                    max_workers=max(32, 4 * self.size), thread_name_prefix="tutor-worker-wait"
                )
            return self._executor


def _outcome(kind: str, value: Any, detail: str) -> Any:
    """The task's result, or raise what the worker reported."""
    if kind == "ok":
        return value
    if kind == "error" and isinstance(value, BaseException):
        raise value from RemoteTraceback(detail)
    raise WorkerCrashed(str(value))


def _positive(name: str, seconds: float) -> float:
    if not (isinstance(seconds, int | float) and math.isfinite(seconds) and seconds > 0):
        raise ValueError(f"{name} must be a positive number of seconds, not {seconds!r}")
    return float(seconds)
