"""The workstation's Argon2id of the password runs after the sign-in, at a lower priority, so the
window and its first page go first (desktop/offline_sign_in.py)."""

import os
import sys
import threading

import pytest

from desktop import offline_sign_in


@pytest.mark.skipif(sys.platform != "linux", reason="a thread has its own priority on Linux only")
def test_the_thread_that_derives_the_offline_key_yields_to_the_others():
    seen: dict[str, int] = {}

    def derive() -> None:
        tid = threading.get_native_id()
        seen["before"] = os.getpriority(os.PRIO_PROCESS, tid)
        offline_sign_in._yield_to_others()
        seen["after"] = os.getpriority(os.PRIO_PROCESS, tid)

    thread = threading.Thread(target=derive)
    thread.start()
    thread.join()
    assert seen["after"] > seen["before"]
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == seen["before"]  # this thread untouched


@pytest.mark.skipif(sys.platform != "linux", reason="a thread has its own priority on Linux only")
def test_low_priority_work_runs_below_the_window(aio):
    def priority() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    assert aio(offline_sign_in.in_low_priority(priority)) > priority()


def test_low_priority_work_hands_back_its_result_or_its_error(aio):
    assert aio(offline_sign_in.in_low_priority(lambda: 6 * 7)) == 42

    def broken() -> int:
        raise ValueError("no salt")

    with pytest.raises(ValueError, match="no salt"):
        aio(offline_sign_in.in_low_priority(broken))
