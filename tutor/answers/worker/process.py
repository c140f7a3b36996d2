"""The pool's handle on one worker process: start it, hand it a task, wait, kill and reap it.

Owns the parent side of the protocol described in tutor.answers.worker.child. A WorkerProcess is
used by one thread at a time (the pool hands it out exclusively); the one exception is
`signal_kill`, which close() may send to a busy worker from another thread. Only the owning
thread closes file descriptors, so no thread ever waits on a descriptor another one closed.

Starting, joining and closing multiprocessing.Process objects is serialized by one module-wide
lock: Process.start() polls every other child (multiprocessing.process._cleanup), which races with
another thread joining or closing one of them.

Waiting never uses signal.alarm: the owner waits on the pipe and the process sentinel together
(multiprocessing.connection.wait) with a timeout, and SIGKILLs the worker when it runs out.
"""

from __future__ import annotations

import pickle
import signal
import threading
import time
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from typing import Any

from tutor.answers.worker import child
from tutor.answers.worker.errors import WorkerCrashed, WorkerTimeout

_REAP_SECONDS = 5.0  # how long to wait for a SIGKILLed worker's exit status
_STOP_SECONDS = 1.0  # how long a worker asked to stop gets before it is killed
_LIFECYCLE = threading.Lock()  # serializes Process.start / join / close across threads


class WorkerProcess:
    """One worker process and the parent's end of its pipe."""

    def __init__(
        self, context: BaseContext, limits: child.Limits, max_reply_bytes: int | None = None
    ) -> None:
        parent_end, child_end = context.Pipe(duplex=True)
        self.process: Any = context.Process(  # type: ignore[attr-defined]
            target=child.main, args=(child_end, limits), name="tutor-worker", daemon=True
        )
        try:
            with _LIFECYCLE:
                self.process.start()
        except BaseException:
            parent_end.close()
            raise
        finally:
            child_end.close()  # the worker holds its own copy; ours would hide its exit
        self.conn: Connection = parent_end
        self.pid: int = self.process.pid
        self.max_reply_bytes = max_reply_bytes
        self.ready = False
        self.exitcode: int | None = None
        self._reaped = False

    def wait_ready(self, timeout: float) -> None:
        """Wait for the worker's hello; WorkerCrashed (worker reaped) if it fails or is late."""
        if self.ready:
            return
        if not wait([self.conn, self.process.sentinel], timeout):
            self.reap()
            raise WorkerCrashed(f"worker did not start within {timeout:g} s")
        message = self._receive()
        if message is None or message[0] != "ready":
            self.reap()
            why = message[1] if message else self.describe_exit()
            raise WorkerCrashed(f"worker failed to start: {why}")
        self.ready = True

    def call(self, payload: bytes, timeout: float) -> tuple[Any, ...]:
        """Send a pickled task, wait up to `timeout` s for the reply tuple.

        On timeout or death the worker is killed and reaped, and WorkerTimeout or WorkerCrashed
        is raised; the caller then replaces it.
        """
        deadline = time.monotonic() + timeout
        try:
            self.conn.send_bytes(payload)
        except OSError:
            return self._died()
        if not wait([self.conn, self.process.sentinel], max(0.0, deadline - time.monotonic())):
            self.reap()
            raise WorkerTimeout(f"task ran past its {timeout:g} s timeout; worker killed")
        reply = self._receive(self.max_reply_bytes)
        return self._died() if reply is None else reply

    def alive(self) -> bool:
        """Whether the process still runs (a cheap, non-blocking check)."""
        return not self._reaped and not wait([self.process.sentinel], 0)

    def stop(self) -> None:
        """Ask an idle worker to exit, kill it if it does not, and reap it."""
        if self._reaped:
            return
        try:
            self.conn.send_bytes(child.STOP)
        except OSError:
            pass
        wait([self.process.sentinel], _STOP_SECONDS)
        self.reap()

    def signal_kill(self) -> None:
        """SIGKILL the process, without waiting or touching descriptors (safe from any thread)."""
        try:
            self.process.kill()
        except (OSError, ValueError):
            pass

    def reap(self) -> None:
        """SIGKILL if still running, collect the exit status, release the descriptors."""
        if self._reaped:
            return
        self._reaped = True
        self.signal_kill()
        wait([self.process.sentinel], _REAP_SECONDS)  # outside the lock: may take a moment
        with _LIFECYCLE:
            self.process.join(0)
            self.exitcode = self.process.exitcode
            if self.exitcode is not None:
                self.process.close()  # frees the sentinel; only legal once it has exited
        self.conn.close()

    def describe_exit(self) -> str:
        """The worker's exit status in words, for error messages."""
        code = self.exitcode if self._reaped else self.process.exitcode
        if code is None:
            return "worker stopped answering"
        if code >= 0:
            return f"worker exited with status {code}"
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"worker was killed by {name}{_SIGNAL_HINTS.get(-code, '')}"

    def _receive(self, max_bytes: int | None = None) -> tuple[Any, ...] | None:
        """The next message, or None if the worker died (EOF) or sent garbage."""
        try:
            data = self.conn.recv_bytes(max_bytes)
        except (EOFError, OSError) as exc:
            if "bad message length" not in str(exc):
                return None
            self.reap()
            limit = f"{(max_bytes or 0) / 2**20:g} MB"
            raise WorkerCrashed(f"the task's result is larger than {limit}") from None
        try:
            message = pickle.loads(data)
        except Exception as exc:
            raise WorkerCrashed(f"worker reply could not be unpickled: {exc!r}") from exc
        return message if isinstance(message, tuple) else None

    def _died(self) -> Any:
        """Reap a worker found dead mid-task and raise the matching error."""
        self.reap()
        if self.exitcode == -signal.SIGXCPU:
            raise WorkerTimeout(f"task used up its CPU limit; {self.describe_exit()}")
        raise WorkerCrashed(self.describe_exit())


_SIGNAL_HINTS: dict[int, str] = {
    signal.SIGKILL: " (out of memory, or killed from outside)",
    signal.SIGXCPU: " (CPU time limit)",
    signal.SIGSEGV: " (segmentation fault)",
    signal.SIGABRT: " (abort, often a failed allocation inside a C library)",
}
