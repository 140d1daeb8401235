"""The product's Argon2id cost: the real one unless the test suite's minimal cost is asked for."""

import pytest
from argon2 import extract_parameters

from services.password_hashing import COST_ENV, MINIMAL, password_hasher


@pytest.fixture
def fresh_hasher(monkeypatch):
    """The hasher as a new process reads it, with this test's environment."""
    password_hasher.cache_clear()
    yield monkeypatch
    password_hasher.cache_clear()


@pytest.mark.parametrize("value", [None, "", "low", "MINIMAL"])
def test_without_the_suites_setting_passwords_get_owasps_argon2id_cost(fresh_hasher, value):
    if value is None:
        fresh_hasher.delenv(COST_ENV, raising=False)
    else:
        fresh_hasher.setenv(COST_ENV, value)
    parameters = extract_parameters(password_hasher().hash("correct horse"))
    assert parameters.type.name == "ID"
    # OWASP's minimum for Argon2id: 19 MiB with 2 passes; this is RFC 9106's low-memory profile.
    assert (parameters.memory_cost, parameters.time_cost, parameters.parallelism) == (65536, 3, 4)


def test_the_suites_minimal_cost_is_argon2id_too_and_verifies(fresh_hasher):
    fresh_hasher.setenv(COST_ENV, MINIMAL)
    hashed = password_hasher().hash("correct horse")
    assert extract_parameters(hashed).type.name == "ID" and extract_parameters(hashed).memory_cost == 8
    assert password_hasher().verify(hashed, "correct horse")
