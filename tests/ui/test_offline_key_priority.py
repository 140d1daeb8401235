"""The workstation's Argon2id of the password runs beside the server's check of it at a lower
priority, so the check the first page waits for goes first (desktop/offline_sign_in.py)."""

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


def test_the_key_is_derived_beside_and_handed_to_the_sign_in(aio, tmp_path):
    from desktop.offline_session import open_workstation
    from services.offline import proof

    workstation = open_workstation(tmp_path)
    assert aio(offline_sign_in.derive_beside(workstation, "maker", "maker-demo")) is None  # never here before
    salt, kdf = proof.salt_of(workstation, "maker")  # signed in here once
    assert aio(offline_sign_in.derive_beside(workstation, "maker", "maker-demo")) == (
        salt, proof.secret("maker-demo", salt, kdf))
