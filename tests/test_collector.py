"""tutor.collector: the collector held off around a block, imports frozen once a process."""

import gc
import subprocess
import sys

import pytest

from tutor.collector import collector_paused


def test_the_collector_is_off_inside_and_restored_after():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # an inner block leaves the outer one's state
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("the collector comes back on an error too")
    assert gc.isenabled()


def test_imports_are_frozen_once_a_process():
    """In a fresh process: the first call freezes what is loaded, a second freezes nothing new."""
    script = (
        "import gc; from tutor.collector import freeze_imports\n"
        "freeze_imports(); first = gc.get_freeze_count()\n"
        "later = [[] for _ in range(1000)]\n"
        "freeze_imports(); print(first > 1000, gc.get_freeze_count() == first)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.split() == ["True", "True"], result.stderr
