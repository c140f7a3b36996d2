"""Tests for tutor.answers.worker: results, errors, time/CPU/memory limits, threads, asyncio,
recovery and shutdown of the worker pool.

Task functions live at module level so the workers can import them by name. Timeouts are short
(0.05 to 1 s) to keep the file fast; the timing assertions leave a second of slack for a loaded
2-core machine.
"""

from __future__ import annotations

import asyncio
import ctypes
import multiprocessing
import operator
import os
import pathlib
import pickle
import signal
import threading
import time
from collections.abc import Iterator

import pytest
import sympy

import tutor.answers.worker as worker_package
from tutor.answers.worker import (
    RemoteTraceback,
    WorkerBusy,
    WorkerCrashed,
    WorkerError,
    WorkerPool,
    WorkerTimeout,
    default_pool,
)

TIMEOUT = 0.5

# --- tasks (module level: the worker imports them by name) -----------------------------------


def add(a: int, b: int) -> int:
    return a + b


def derivative(text: str) -> sympy.Expr:
    x = sympy.Symbol("x")
    return sympy.diff(sympy.sympify(text), x)  # test input is ours, not a student's


def spin() -> None:
    while True:
        pass


def sleep_then(seconds: float, value: int) -> int:
    time.sleep(seconds)
    return value


def fail(message: str) -> None:
    raise ValueError(message)


class TwoArgumentError(Exception):
    def __init__(self, code: int, why: str) -> None:
        super().__init__(f"{code}: {why}")  # args no longer match __init__: cannot unpickle


def fail_unpicklably() -> None:
    raise TwoArgumentError(7, "odd one")


def unpicklable_result() -> object:
    return threading.Lock()


def exit_politely() -> None:
    raise SystemExit(0)


def big_bytearray() -> int:
    return len(bytearray(10**10))


def growing_list() -> int:
    chunks = []
    while True:
        chunks.append(bytes(2**20))


def factorial_bomb() -> int:
    return int(sympy.factorial(10**7) % 7)


def big_result(megabytes: int) -> bytes:
    return bytes(megabytes * 2**20)


def segfault() -> None:
    ctypes.string_at(0)


def pid() -> int:
    return os.getpid()


def loaded_modules() -> list[str]:
    import sys

    return sorted(name for name in ("sympy", "tutor") if name in sys.modules)


# --- helpers -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pool() -> Iterator[WorkerPool]:
    with WorkerPool(2, timeout=TIMEOUT) as shared:
        yield shared


def elapsed(function, *args, **kwargs) -> tuple[float, BaseException | None]:
    start = time.monotonic()
    try:
        function(*args, **kwargs)
    except BaseException as exc:
        return time.monotonic() - start, exc
    return time.monotonic() - start, None


def process_state(number: int) -> str | None:
    """The /proc state letter of a process (R, S, Z, ...), None if there is no such process."""
    try:
        stat = pathlib.Path(f"/proc/{number}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[0]


def direct_children() -> list[int]:
    children: list[int] = []
    for task in pathlib.Path("/proc/self/task").iterdir():
        children += [int(p) for p in (task / "children").read_text().split()]
    return children


# --- results and errors ------------------------------------------------------------------------


def test_returns_the_result(pool: WorkerPool) -> None:
    assert pool.run(add, 2, 3) == 5


def test_sympy_objects_round_trip(pool: WorkerPool) -> None:
    x = sympy.Symbol("x")
    assert pool.run(derivative, "x**2*sin(x)") == 2 * x * sympy.sin(x) + x**2 * sympy.cos(x)


def test_workers_have_sympy_preloaded(pool: WorkerPool) -> None:
    assert pool.run(loaded_modules) == ["sympy", "tutor"]


def test_exception_is_reraised_as_itself_with_the_remote_traceback(pool: WorkerPool) -> None:
    with pytest.raises(ValueError, match="bad input") as caught:
        pool.run(fail, "bad input")
    assert isinstance(caught.value.__cause__, RemoteTraceback)
    assert "in fail" in caught.value.__cause__.text
    assert pool.run(add, 1, 1) == 2


def test_unpicklable_exception_becomes_worker_crashed_with_its_message(pool: WorkerPool) -> None:
    with pytest.raises(WorkerCrashed, match="TwoArgumentError: 7: odd one"):
        pool.run(fail_unpicklably)
    assert pool.run(add, 1, 1) == 2


def test_unpicklable_result_is_an_error_and_the_worker_survives(pool: WorkerPool) -> None:
    before = pool.pids()
    with pytest.raises(TypeError, match="pickle"):
        pool.run(unpicklable_result)
    assert pool.pids() == before


def test_unpicklable_function_fails_in_the_caller_without_using_a_worker(pool: WorkerPool) -> None:
    with pytest.raises((pickle.PicklingError, AttributeError)):
        pool.run(lambda: 1)
    assert pool.run(add, 1, 1) == 2


def test_system_exit_in_a_task_is_not_reraised_in_the_caller(pool: WorkerPool) -> None:
    with pytest.raises(WorkerCrashed, match="SystemExit"):
        pool.run(exit_politely)
    assert pool.run(add, 1, 1) == 2


# --- wall clock, CPU and memory limits ---------------------------------------------------------


def test_busy_loop_times_out_within_a_second_of_the_timeout(pool: WorkerPool) -> None:
    took, error = elapsed(pool.run, spin)
    assert isinstance(error, WorkerTimeout)
    assert TIMEOUT <= took < TIMEOUT + 1
    assert pool.run(add, 2, 2) == 4


def test_timed_out_worker_is_killed_and_replaced(pool: WorkerPool) -> None:
    before = set(pool.pids())
    with pytest.raises(WorkerTimeout):
        pool.run(sleep_then, 10, 0, timeout=0.1)
    after = set(pool.pids())
    assert len(after) == 2 and after != before
    (killed,) = before - after
    assert process_state(killed) is None


def test_per_call_timeout_overrides_the_default(pool: WorkerPool) -> None:
    assert pool.run(sleep_then, 0.7, 1, timeout=2.0) == 1  # past the pool's 0.5 s default
    took, error = elapsed(pool.run, spin, timeout=0.1)
    assert isinstance(error, WorkerTimeout) and took < 1.0


def test_sympy_cpu_bomb_times_out(pool: WorkerPool) -> None:
    took, error = elapsed(pool.run, factorial_bomb, timeout=0.3)
    assert isinstance(error, WorkerTimeout) and took < 1.3
    assert pool.run(add, 3, 3) == 6


def test_cpu_limit_stops_a_task_the_wall_clock_would_allow() -> None:
    with WorkerPool(1, timeout=20, cpu_seconds=1) as limited:
        took, error = elapsed(limited.run, spin)
        assert isinstance(error, WorkerTimeout) and "CPU" in str(error)
        assert took < 10  # 1-2 s of CPU; more wall time only if the machine is busy
        assert limited.run(add, 1, 2) == 3


def test_cpu_budget_is_per_task_not_per_worker_lifetime() -> None:
    with WorkerPool(1, timeout=5, cpu_seconds=1) as limited:
        first = limited.run(pid)
        for _ in range(4):  # 2.8 s of CPU in all, past the first task's limit (at most 2 s)
            assert limited.run(burn, 0.7) is True
        assert limited.run(pid) == first


def burn(seconds: float) -> bool:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    return True


def test_huge_allocation_fails_cleanly_and_the_worker_is_replaced(pool: WorkerPool) -> None:
    before = set(pool.pids())
    with pytest.raises(WorkerCrashed, match="out of memory"):
        pool.run(big_bytearray)
    assert set(pool.pids()) != before
    assert pool.run(add, 4, 4) == 8


def test_growing_memory_hits_the_limit() -> None:
    with WorkerPool(1, timeout=10, memory_mb=512) as small:
        took, error = elapsed(small.run, growing_list)
        assert isinstance(error, WorkerCrashed) and took < 5
        assert small.run(add, 5, 5) == 10


def test_memory_limit_below_the_worker_size_fails_at_start() -> None:
    with pytest.raises(WorkerCrashed, match="leaves no room"):
        WorkerPool(1, memory_mb=20)


def test_invalid_settings_are_rejected() -> None:
    with pytest.raises(ValueError):
        WorkerPool(0)
    with pytest.raises(ValueError):
        WorkerPool(1, timeout=-1)
    with pytest.raises(ValueError):
        WorkerPool(1, cpu_seconds=0)


# --- crashes and recovery ----------------------------------------------------------------------


def test_os_exit_is_a_crash_and_the_pool_keeps_serving(pool: WorkerPool) -> None:
    with pytest.raises(WorkerCrashed, match="status 3"):
        pool.run(os._exit, 3)
    assert pool.run(add, 1, 2) == 3


def test_segfault_is_a_crash(pool: WorkerPool) -> None:
    with pytest.raises(WorkerCrashed, match="SIGSEGV"):
        pool.run(segfault)
    assert pool.run(add, 1, 2) == 3


def test_worker_killed_while_idle_is_replaced_transparently() -> None:
    with WorkerPool(1) as single:
        (victim,) = single.pids()
        os.kill(victim, signal.SIGKILL)
        time.sleep(0.05)
        assert single.run(add, 1, 1) == 2
        assert single.pids() != [victim]


# Standard-library tasks only below: a worker started after this module's tasks ran imports
# this module (and pytest) before it is ready, ~0.2 s per replacement; tutor's modules cost less.


def test_recovers_after_twenty_timeouts_and_crashes_in_a_row() -> None:
    with WorkerPool(2, timeout=0.05) as fresh:
        for attempt in range(20):
            if attempt % 2:
                with pytest.raises(WorkerTimeout):
                    fresh.run(time.sleep, 10)
            else:
                with pytest.raises(WorkerCrashed):
                    fresh.run(os._exit, 1)
        assert fresh.run(operator.add, 20, 22) == 42
        assert len(fresh.pids()) == 2


def test_oversized_result_is_refused_before_it_reaches_the_caller() -> None:
    with WorkerPool(1, max_result_mb=1) as capped:
        assert len(capped.run(big_result, 0)) == 0
        with pytest.raises(WorkerCrashed, match="larger than 1 MB"):
            capped.run(big_result, 3)
        assert capped.run(add, 1, 1) == 2


# --- threads and asyncio -----------------------------------------------------------------------


def test_eight_threads_get_their_own_results_or_timeouts(pool: WorkerPool) -> None:
    results: dict[int, object] = {}

    def call(index: int) -> None:
        try:
            if index % 2:
                results[index] = pool.run(spin, timeout=0.3)
            else:
                results[index] = pool.run(add, index, 100)
        except WorkerError as exc:
            results[index] = exc

    threads = [threading.Thread(target=call, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(15)
    for index in range(8):
        if index % 2:
            assert isinstance(results[index], WorkerTimeout)
        else:
            assert results[index] == index + 100


def test_many_threads_crashing_workers_at_once_leave_a_working_pool() -> None:
    failures: list[BaseException] = []

    def churn(pool: WorkerPool, index: int) -> None:
        for round_ in range(8):
            try:
                if (index + round_) % 3 == 0:
                    pool.run(os._exit, 1)
                elif (index + round_) % 3 == 1:
                    pool.run(time.sleep, 10, timeout=0.02)
                else:
                    assert pool.run(operator.add, index, round_) == index + round_
            except (WorkerCrashed, WorkerTimeout):
                pass
            except BaseException as exc:
                failures.append(exc)

    with WorkerPool(2) as fresh:
        threads = [threading.Thread(target=churn, args=(fresh, i)) for i in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert failures == []
        assert fresh.run(operator.add, 1, 1) == 2 and len(fresh.pids()) == 2


def test_queue_wait_is_bounded_separately_from_the_task_timeout() -> None:
    with WorkerPool(1, timeout=1.0, queue_timeout=0.2) as single:
        hog = threading.Thread(target=lambda: elapsed(single.run, spin))
        hog.start()
        time.sleep(0.1)
        took, error = elapsed(single.run, add, 1, 1)
        assert isinstance(error, WorkerBusy) and isinstance(error, WorkerTimeout)
        assert took < 0.6
        hog.join()
        assert single.run(add, 1, 1) == 2


def test_asyncio_loop_keeps_ticking_while_tasks_hang(pool: WorkerPool) -> None:
    async def scenario() -> tuple[list[object], float, int]:
        ticks: list[float] = []
        done = asyncio.Event()

        async def ticker() -> None:
            while not done.is_set():
                ticks.append(time.monotonic())
                await asyncio.sleep(0.01)

        ticking = asyncio.create_task(ticker())
        calls = [pool.run_async(spin, timeout=1.0)]
        calls += [pool.run_async(add, i, i) for i in range(9)]
        outcomes = await asyncio.gather(*calls, return_exceptions=True)
        done.set()
        await ticking
        gaps = [later - earlier for earlier, later in zip(ticks, ticks[1:], strict=False)]
        return outcomes, max(gaps), len(ticks)

    outcomes, longest_gap, count = asyncio.run(scenario())
    assert isinstance(outcomes[0], WorkerTimeout)
    assert outcomes[1:] == [2 * i for i in range(9)]
    assert longest_gap < 0.1 and count > 20


def test_run_async_reraises_task_errors(pool: WorkerPool) -> None:
    async def scenario() -> None:
        with pytest.raises(ValueError, match="async"):
            await pool.run_async(fail, "async")
        assert await pool.run_async(add, 1, 2) == 3

    asyncio.run(scenario())


# --- latency, shutdown, default pool -----------------------------------------------------------


def test_close_reaps_every_worker_and_leaves_no_zombies() -> None:
    local = WorkerPool(2)
    workers = local.pids()
    assert local.run(add, 1, 1) == 2
    local.close()
    local.close()  # idempotent
    assert all(process_state(number) is None for number in workers)
    assert not {child.pid for child in multiprocessing.active_children()} & set(workers)
    assert all(process_state(child) not in ("Z", None) for child in direct_children())
    with pytest.raises(WorkerError, match="closed"):
        local.run(add, 1, 1)


def test_close_kills_a_busy_worker_and_its_caller_gets_an_error() -> None:
    local = WorkerPool(1, timeout=30)
    (busy,) = local.pids()
    outcome: list[tuple[float, BaseException | None]] = []
    caller = threading.Thread(target=lambda: outcome.append(elapsed(local.run, spin)))
    caller.start()
    time.sleep(0.2)
    took, _ = elapsed(local.close)
    caller.join(5)
    assert took < 2 and not caller.is_alive()
    assert isinstance(outcome[0][1], WorkerCrashed) and "closed" in str(outcome[0][1])
    assert process_state(busy) is None and local.pids() == []


def test_default_pool_is_created_once() -> None:
    first = default_pool()
    assert default_pool() is first
    assert first.run(add, 1, 1) == 2


def test_no_alarm_eval_or_exec_in_the_worker_package() -> None:
    source = "".join(
        path.read_text() for path in pathlib.Path(worker_package.__file__).parent.glob("*.py")
    )
    for banned in ("alarm(", "setitimer(", "eval(", "exec(", '"fork"'):
        assert banned not in source
