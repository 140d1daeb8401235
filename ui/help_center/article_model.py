"""The Articles list as a paged model whose rows can be arranged by drag and drop or keys.

Arranging only changes the order on screen (the proposal); the live order stays recorded, so
moved rows are marked, the proposal can be reset, and a reload shows the live order again. The
page decides when arranging is allowed (``set_reorderable``): one category in one language, the
whole list loaded.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from ui.common.paged_table_model import PagedTableModel
from ui.common.read_only_model import AnyIndex

MIME_TYPE = "application/x-opsdesk-article-rows"
MOVED_BACKGROUND = QColor("#fff1c2")  # the approvals diff's "changed" tint
MOVED_TIP = QT_TRANSLATE_NOOP("ArticlesPage", "Moved from position {before} to {after}")


def encode_ids(article_ids: list[int]) -> QMimeData:
    data = QMimeData()
    data.setData(MIME_TYPE, QByteArray(json.dumps(article_ids).encode()))
    return data


def decode_ids(data: QMimeData) -> list[int] | None:
    """The dragged articles' ids; None when the payload is not ours."""
    try:
        return [int(i) for i in json.loads(bytes(data.data(MIME_TYPE).data()).decode())]
    except (ValueError, TypeError):
        return None


class LiveOrder:
    """The articles' live order as loaded, beside the order on screen: whether the screen shows a
    proposal (``arranged``), and where each article stands live."""

    def __init__(self) -> None:
        self._ids: list[int] = []
        self.arranged = False

    def reloaded(self, ids: list[int]) -> None:
        """A reload shows the live order: any proposal on screen is gone."""
        self._ids = list(ids)
        self.arranged = False

    def rows_arrived(self, ids: list[int]) -> None:
        if not self.arranged:  # pages arrive only while nothing is arranged: they are live
            self._ids = list(ids)

    def follow(self, ids: list[int]) -> bool:
        """The rows on screen are ``ids`` now; returns whether ``arranged`` changed."""
        arranged = ids != self._ids
        changed, self.arranged = arranged != self.arranged, arranged
        return changed

    def position(self, article_id: int) -> int | None:
        """1-based position of the article in the live order."""
        return self._ids.index(article_id) + 1 if article_id in self._ids else None

    def ranks(self) -> dict[int, int]:
        return {article_id: i for i, article_id in enumerate(self._ids)}


class ArticleTableModel(PagedTableModel):
    arrangedChanged = Signal(bool)  # the order on screen differs from the live one (or no longer)
    dropped = Signal()  # rows were dropped in a new place (the page asks what to do with it)
    JUMPS_TO_END = False  # the live order is read from the start: Ctrl+End reads every page

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._reorderable = False
        self._live = LiveOrder()
        self.rowsInserted.connect(self._rows_arrived)
        self.modelReset.connect(self._reloaded)

    # --- the live order and the proposal --------------------------------------------------------

    def _reloaded(self) -> None:
        self._live.reloaded(self.ids())
        self.arrangedChanged.emit(False)

    def _rows_arrived(self, *_args: object) -> None:
        self._live.rows_arrived(self.ids())
        self._follow_order()

    def _follow_order(self) -> None:
        if self._live.follow(self.ids()):
            self.arrangedChanged.emit(self._live.arranged)

    def ids(self) -> list[int]:
        return [row.id for row in self._rows]

    @property
    def arranged(self) -> bool:
        return self._live.arranged

    def reset_order(self) -> None:
        """Back to the live order."""
        if not self._live.arranged:
            return
        order = self._live.ranks()
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        rows_before = [self._rows[i.row()].id for i in before]
        self._rows.sort(key=lambda row: order.get(row.id, len(order)))
        positions = {row.id: i for i, row in enumerate(self._rows)}
        self.changePersistentIndexList(before, [self.index(positions[article_id], i.column())
                                                for article_id, i in zip(rows_before, before, strict=True)])
        self.layoutChanged.emit()
        self._live.arranged = False
        self.arrangedChanged.emit(False)

    # --- allowing ------------------------------------------------------------------------------

    @property
    def reorderable(self) -> bool:
        return self._reorderable

    def set_reorderable(self, reorderable: bool) -> None:
        if reorderable != self._reorderable:
            self._reorderable = reorderable
            if self.rowCount():
                self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self._reorderable:
            flags |= Qt.ItemFlag.ItemIsDropEnabled
            if index.isValid():
                flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    # --- moving ---------------------------------------------------------------------------------

    def moveRows(self, source_parent: AnyIndex, source_row: int, count: int, destination_parent: AnyIndex,
                 destination_child: int) -> bool:
        """Moves ``count`` rows to before ``destination_child`` (Qt's meaning of it)."""
        if (source_parent.isValid() or destination_parent.isValid() or count < 1 or source_row < 0
                or source_row + count > len(self._rows) or not 0 <= destination_child <= len(self._rows)
                or source_row <= destination_child <= source_row + count):
            return False
        if not self.beginMoveRows(QModelIndex(), source_row, source_row + count - 1, QModelIndex(),
                                  destination_child):
            return False
        moving = self._rows[source_row:source_row + count]
        del self._rows[source_row:source_row + count]
        insert_at = destination_child - count if destination_child > source_row else destination_child
        self._rows[insert_at:insert_at] = moving
        self.endMoveRows()
        self._follow_order()
        self._emit_moved_marks()
        return True

    def move_row(self, row: int, step: int) -> int:
        """Moves one row up (−1) or down (+1); returns where it is now."""
        target = row + step
        if not 0 <= row < len(self._rows) or not 0 <= target < len(self._rows):
            return row
        self.moveRows(QModelIndex(), row, 1, QModelIndex(), target + 1 if step > 0 else target)
        return target

    def _emit_moved_marks(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1),
                                  [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole])

    # --- drag and drop (Qt's supportedDragActions follows supportedDropActions) ----------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        return encode_ids([self._rows[r].id for r in sorted({i.row() for i in indexes if i.isValid()})])

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: AnyIndex) -> bool:
        return self._reorderable and action == Qt.DropAction.MoveAction and data.hasFormat(MIME_TYPE)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: AnyIndex) -> bool:
        """Moves the dragged articles, in their order, to before ``row`` (or the row dropped on)."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        ids = decode_ids(data)
        if ids is None:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._rows)
        target_id = self._rows[row].id if row < len(self._rows) else None
        moving = [r for r in self._rows if r.id in ids]
        if not moving or (target_id in ids):
            return False
        layout_before = self.ids()
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        persistent_ids = [self._rows[i.row()].id if i.row() < len(self._rows) else None for i in persistent]
        rest = [r for r in self._rows if r.id not in ids]
        at = next((i for i, r in enumerate(rest) if r.id == target_id), len(rest))
        self._rows = rest[:at] + moving + rest[at:]
        positions = {r.id: i for i, r in enumerate(self._rows)}
        self.changePersistentIndexList(persistent, [
            self.index(positions[article_id], i.column()) if article_id in positions else QModelIndex()
            for article_id, i in zip(persistent_ids, persistent, strict=True)])
        self.layoutChanged.emit()
        if self.ids() == layout_before:
            return False
        self._follow_order()
        self._emit_moved_marks()
        self.dropped.emit()
        # True would let the view remove the "moved" rows afterwards (removeRows is refused anyway).
        return True

    # --- display --------------------------------------------------------------------------------

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._live.arranged and index.isValid() and index.row() < len(self._rows):
            before = self._live.position(self._rows[index.row()].id)
            moved = before is not None and before != index.row() + 1
            if moved and role == Qt.ItemDataRole.BackgroundRole:
                return MOVED_BACKGROUND
            if moved and role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate("ArticlesPage", MOVED_TIP).format(before=before,
                                                                                   after=index.row() + 1)
        return super().data(index, role)
