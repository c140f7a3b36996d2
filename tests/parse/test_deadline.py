"""The parse budget counts this thread's CPU time, with garbage collection paused."""

from __future__ import annotations

import gc
import time

import pytest

from tutor.collector import collector_paused
from tutor.parse import ParseError
from tutor.parse.build import Deadline


def test_waiting_does_not_spend_the_budget():
    # A loaded machine or a paused process leaves the reading's CPU time untouched.
    deadline = Deadline(0.05)
    time.sleep(0.15)
    deadline.check()


def test_computing_spends_the_budget():
    deadline = Deadline(0.02)
    end = time.thread_time() + 0.05
    while time.thread_time() < end:
        pass
    with pytest.raises(ParseError, match="took too long to read"):
        deadline.check()


def test_an_enclosing_budget_that_ends_first_wins():
    answer = Deadline(0.0)
    entry = Deadline(10.0, within=answer)
    assert entry.seconds == 0.0


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_then_restored(enabled):
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled() == enabled
        with pytest.raises(RuntimeError), collector_paused():
            raise RuntimeError
        assert gc.isenabled() == enabled
    finally:
        (gc.enable if was else gc.disable)()
