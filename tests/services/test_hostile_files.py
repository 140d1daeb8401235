"""Hostile files (tests/fixtures/hostile_workbooks.py) through both importers, each read in a child
process under a memory limit and a deadline: a clear refusal, or errors that name their row and
field; never a row, a crash, a hang, a quoted megabyte, a local file's content or a request to an
external entity's URL (the deadline only catches a hang). The margin reader is also run the way
the desktop runs it, through services/excel/read_in_process.py.

The corpus is made once (one worker runs the module); the readers run in children of a fork server that has
imported them already, so that a child starts in milliseconds with a small address space.
"""

import functools
import multiprocessing
import resource
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.fixtures import hostile_workbooks as hostile
from tests.fixtures.hostile_workbooks import FUND, MARGIN, Importer

MEMORY_LIMIT = 1536 * 2**20  # RLIMIT_AS of each reading child
# A hang guard, not a speed limit: far above any read, even on a loaded machine (the slowest bomb
# reads in about 4 s alone and took over 20 s beside a full test run and the benchmarks). How fast
# the readers refuse a file is a figure of bench/workbook_read.py.
TIME_LIMIT = 180.0
MESSAGE_MAX = 300  # what a reader keeps of a message quoting a cell
IMPORTERS = (MARGIN, FUND)
ENTRIES = {entry.name: entry for entry in hostile.corpus()}
CASES = [(entry.name, importer) for entry in ENTRIES.values() for importer in IMPORTERS if entry.expect(importer)]


@dataclass
class Outcome:
    rows: int
    row_numbers: int
    errors: list[tuple[str, int | None, str, str]]  # (code, row, field, message)
    warnings: list[str]
    seconds: float
    peak_mb: float


def _child(conn, importer: str, path: str) -> None:
    """Reads ``path`` under RLIMIT_AS; sends ("done", Outcome) or ("raised", repr)."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    started = time.perf_counter()
    try:
        if importer == MARGIN.name:
            from services.excel.margin_reader import read_margin_workbook

            result = read_margin_workbook(path, hostile.MARGIN_KIND)
            row_numbers, warnings = len(result.row_numbers), [v.code for v in result.warnings]
        else:
            from services.excel.fund_confirmation import read_confirmation

            result = read_confirmation(path, Path(path).name)
            row_numbers, warnings = 0, []
        outcome = Outcome(len(result.rows), row_numbers, [(v.code, v.row, v.field, v.message) for v in result.errors],
                          warnings, time.perf_counter() - started,
                          resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        conn.send(("done", outcome))
    except BaseException as exc:  # noqa: BLE001 - the test reports it
        conn.send(("raised", repr(exc)[:2000]))
    finally:
        conn.close()


@functools.cache
def _context():
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["services.excel.margin_reader", "services.excel.fund_confirmation", __name__])
    return context


def read_bounded(importer: Importer, path: Path) -> Outcome:
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, importer.name, str(path)), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(TIME_LIMIT):
            pytest.fail(f"{path.name}: no answer within {TIME_LIMIT:.0f} s")
        try:
            kind, payload = receiver.recv()
        except EOFError:
            child.join(5)
            pytest.fail(f"{path.name}: the reading process died (exit code {child.exitcode})")
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if kind != "done":
        pytest.fail(f"{path.name}: the reader raised {payload}")
    return payload


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory, canary) -> dict[tuple[str, str], Path]:
    """Every corpus file, written once: (entry name, importer name) → path."""
    folder = tmp_path_factory.mktemp("hostile")
    files = {}
    for entry in hostile.corpus(canary.url):
        for importer in IMPORTERS:
            if entry.expect(importer) is not None:
                (folder / importer.name).mkdir(exist_ok=True)
                files[entry.name, importer.name] = entry.write(folder / importer.name, importer)
    return files


def test_the_corpus_is_small_on_disk(hostile_files):
    sizes = {key: path.stat().st_size for key, path in hostile_files.items()}
    assert len(sizes) == len(CASES)
    assert max(sizes.values()) < 16 * 2**20, max(sizes.items(), key=lambda item: item[1])


def test_the_canary_counts_requests(canary):
    import urllib.request

    before = len(canary.requests)
    with urllib.request.urlopen(canary.url.replace("/xxe", "/probe"), timeout=5) as answer:
        assert answer.read() == b"CANARY-CONTENT"
    assert canary.requests[before:] == ["/probe"]
    del canary.requests[before:]


@pytest.mark.parametrize(("name", "importer"), CASES, ids=[f"{name}-{importer.name}" for name, importer in CASES])
def test_a_hostile_file_gives_errors_and_no_rows_within_bounds(hostile_files, canary, name, importer):
    expect = ENTRIES[name].expect(importer)
    outcome = read_bounded(importer, hostile_files[name, importer.name])
    print(f"{name} [{importer.name}]: {outcome.seconds:.2f} s, peak {outcome.peak_mb:.0f} MB, "
          f"{len(outcome.errors)} error(s), first {outcome.errors[:1]}")
    assert (outcome.rows, outcome.row_numbers) == (0, 0)
    assert outcome.errors, "a hostile file must be answered with errors"
    assert outcome.peak_mb < MEMORY_LIMIT / 2**20
    for code, _, field, message in outcome.errors:
        assert code and field and message.strip()
        assert len(message) <= MESSAGE_MAX, message[:200]
        assert not any(word in message for word in (*hostile.SECRET_WORDS, "CANARY")), message
    if expect.per_row:
        assert all(isinstance(row, int) and row >= 1 and field != "file" for _, row, field, _ in outcome.errors), \
            outcome.errors[:5]
        if expect.codes:
            assert {code for code, *_ in outcome.errors} <= expect.codes, outcome.errors[:5]
        missing = expect.cells - {(row, field) for _, row, field, _ in outcome.errors}
        assert not missing, (sorted(missing), outcome.errors[:10])
    else:
        [(code, row, field, message)] = outcome.errors
        assert code in expect.codes and row is None, outcome.errors
    if expect.warning:
        assert expect.warning in outcome.warnings
    assert canary.requests == []


def test_wrong_types_name_the_row_and_the_field_in_the_message(hostile_files):
    """Each bad cell of the wrong-type files: its own error, whose message says which column."""
    for name, importer, columns in (("margin_wrong_types", MARGIN, dict(zip(
            ["symbol", "market", "im", "mcm", "mm", "fm", "financeable", "effective_from", "remark"], "ABCDEFGHI",
            strict=True))), ("fund_wrong_types_xlsx", FUND, dict(zip(
                ["order_ref", "side", "nav", "confirmed_units", "confirmed_amount"], "ABCDE", strict=True)))):
        outcome = read_bounded(importer, hostile_files[name, importer.name])
        wanted = hostile.MARGIN_WRONG_CELLS if importer is MARGIN else hostile.FUND_WRONG_CELLS
        for row, field in wanted:
            found = [message for _, r, f, message in outcome.errors if (r, f) == (row, field)]
            assert found and found[0].startswith(f"Column {columns[field]} ("), (row, field, found)


READ_IN_PROCESS_CASES = ["bomb_sheet", "far_apart_cells", "shared_string_amplified", "xxe_file", "formulas",
                         "huge_rows", "excel4_macro_sheet", "margin_wrong_types"]


def test_the_desktops_child_process_reader_returns_no_rows(aio, hostile_files, canary):
    """What the upload dialog runs: services/excel/read_in_process.read_in_process."""
    from services.excel.read_in_process import read_in_process

    for name in READ_IN_PROCESS_CASES:
        result = aio(read_in_process(hostile_files[name, MARGIN.name], hostile.MARGIN_KIND), timeout=TIME_LIMIT)
        assert result.rows == [] and result.row_numbers == [] and result.errors, name
        assert all(len(v.message) <= MESSAGE_MAX for v in result.errors)
    assert canary.requests == []
