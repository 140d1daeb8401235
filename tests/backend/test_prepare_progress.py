"""What a start tells whoever waits for it (``--announce-progress``: the sign-in dialog): each step
with work to do, in order; a later start has none to tell."""

import pytest

from backend.startup import prepare_database
from services.contract.launch import PREPARE_STEPS
from tests.conftest import fresh_postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def new_database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'new.db'}"
        return
    with fresh_postgres_database() as url:
        yield url


def test_a_first_start_tells_each_step_and_a_later_start_none(new_database):
    told: list[str] = []
    prepare_database(new_database, demo=True, demo_accounts=40, demo_messages=30, progress=told.append)
    assert told == list(PREPARE_STEPS)
    again: list[str] = []
    prepare_database(new_database, demo=True, demo_accounts=40, demo_messages=30, progress=again.append)
    assert again == []
