"""Reading a workbook in a child process gives the same result as reading it here; cancelling
kills the child. Run on the app's own (qasync) loop through ``aio``: asyncio.run would leave the
session without a current loop for the Qt tests after it."""

import threading

import pytest

from services.excel.margin_reader import ReadCancelled, read_margin_workbook
from services.excel.read_in_process import read_in_process
from tests.fixtures.margin_workbooks import KNOWN, good_long, maintenance_above_initial, many_rows


def test_the_child_reads_exactly_what_this_process_reads(aio, tmp_path):
    for path in (good_long(tmp_path), maintenance_above_initial(tmp_path)):
        here = read_margin_workbook(path, "long", known=KNOWN)
        there = aio(read_in_process(path, "long", known=KNOWN))
        assert (there.rows, there.row_numbers, there.errors, there.warnings) == (
            here.rows, here.row_numbers, here.errors, here.warnings)


def test_progress_arrives_and_cancelling_stops_the_child(aio, tmp_path):
    path = many_rows(tmp_path, 40_000)
    cancel = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        cancel.set()  # stop at the first sign of life

    with pytest.raises(ReadCancelled):
        aio(read_in_process(path, "long", progress=progress, cancel=cancel))
    assert seen and seen[0][1] >= 40_000
