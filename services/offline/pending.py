"""The draft grid's journal: every change the editor makes to a batch's grid, written to the
workstation's database as it is made, before the next keystroke is handled.

A full save of the grid (drafts.set_rows) rewrites every row of the batch: too much for each
keystroke of a big batch, so the editor does it after a pause. Between two full saves each change
is one small INSERT here (one transaction per user action: a keystroke's cell, a paste, rows added
or removed, an undo), so a killed process loses nothing it had handled. The next full save deletes
the journal in the transaction that writes the rows; opening the store (open_store) or a batch
folds what a killed process left into the batch's rows, in order, in one transaction. Either way the
rows with the journal replayed over them are the grid as the editor last showed it.

An op is JSON, positions counted from 0 in the grid as it was when the op was made:
``{"cells": [[row, field, text], ...]}``, ``{"insert": position, "rows": [[values, base], ...]}``,
``{"remove": [position, ...]}`` (ascending).

With the store's WAL journal and synchronous=NORMAL a committed op survives the process being
killed (the OS holds the write); a power cut may take the last few, as it may take a full save.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError

from services.offline.drafts import EDITABLE_STATES
from services.offline.models import DraftBatch, DraftRow, PendingEdit
from services.offline.store import LocalStore
from services.rules.symbols import normalise

log = logging.getLogger(__name__)

Op = Mapping[str, Any]


@dataclass
class JournalRow:
    values: dict[str, str]
    base: dict | None = None
    conflict: dict | None = None


def cells_op(cells: Iterable[tuple[int, str, str]]) -> dict:
    return {"cells": [[row, name, text] for row, name, text in cells]}


def insert_op(position: int, rows: Iterable[tuple[Mapping[str, str], dict | None]]) -> dict:
    return {"insert": position, "rows": [[dict(values), base] for values, base in rows]}


def remove_op(positions: Iterable[int]) -> dict:
    return {"remove": sorted(positions)}


def record(store: LocalStore, batch_id: str, ops: Sequence[Op]) -> bool:
    """Writes ``ops`` in one transaction; False when the batch is gone."""
    if not ops:
        return True
    rows = [{"batch_id": batch_id, "op": dict(op)} for op in ops]
    try:
        with store.engine.begin() as conn:
            conn.execute(insert(PendingEdit), rows[0] if len(rows) == 1 else rows)
    except IntegrityError:  # the batch was deleted (its foreign key)
        return False
    return True


def replay(rows: list[JournalRow], ops: Iterable[Op]) -> list[JournalRow]:
    """``rows`` with ``ops`` applied in order; an op that does not fit the rows is skipped."""
    rows = list(rows)
    for op in ops:
        if "cells" in op:
            for row, name, text in op["cells"]:
                if 0 <= row < len(rows):
                    rows[row].values[name] = text
        elif "insert" in op:
            position = min(max(int(op["insert"]), 0), len(rows))
            rows[position:position] = [JournalRow(dict(values), base) for values, base in op["rows"]]
        elif "remove" in op:
            for position in sorted(set(op["remove"]), reverse=True):
                if 0 <= position < len(rows):
                    del rows[position]
        else:
            log.warning("unknown pending edit skipped: %s", sorted(op))
    return rows


def fold(store: LocalStore, batch_id: str | None = None) -> list[str]:
    """Applies the journal of ``batch_id`` (None: of every batch) to its rows and empties it, in one
    transaction; returns the batches whose rows changed. A batch no longer editable (queued
    meanwhile) keeps its rows: the journal of a batch the user cannot change is dropped."""
    with store.session() as session, session.begin():
        stmt = select(PendingEdit).order_by(PendingEdit.id)
        if batch_id is not None:
            stmt = stmt.where(PendingEdit.batch_id == batch_id)
        edits = list(session.scalars(stmt))
        if not edits:
            return []
        ops: dict[str, list[Op]] = {}
        for edit in edits:
            ops.setdefault(edit.batch_id, []).append(edit.op)
        folded = []
        for batch, batch_ops in ops.items():
            if _fold_batch(session, batch, batch_ops):
                folded.append(batch)
        session.execute(delete(PendingEdit).where(PendingEdit.id.in_([e.id for e in edits])))
    return folded


def _fold_batch(session, batch_id: str, ops: list[Op]) -> bool:
    batch = session.get(DraftBatch, batch_id)
    if batch is None or batch.state not in EDITABLE_STATES:
        log.warning("pending edits of batch %s dropped: it is %s", batch_id, "gone" if batch is None else batch.state)
        return False
    saved = session.scalars(select(DraftRow).where(DraftRow.batch_id == batch_id).order_by(DraftRow.position))
    rows = replay([JournalRow(dict(r.values or {}), r.base, r.conflict) for r in saved], ops)
    session.execute(delete(DraftRow).where(DraftRow.batch_id == batch_id))
    if rows:
        session.execute(insert(DraftRow), [
            {"batch_id": batch_id, "position": i, "symbol": normalise(str(r.values.get("symbol", ""))),
             "values": r.values, "base": r.base, "conflict": r.conflict} for i, r in enumerate(rows)])
    batch.updated_at = time.time()
    return True
