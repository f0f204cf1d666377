"""Undo commands: one per cell edit, per paste, per row insert or delete, per preset applied."""

from __future__ import annotations

import pandas as pd
from PySide6.QtGui import QUndoCommand

from ui.document import ProjectDocument


class SetCells(QUndoCommand):
    """Set cells of one sheet: (row position, column, old value, new value)."""

    def __init__(
        self,
        doc: ProjectDocument,
        sheet: str,
        changes: list[tuple[int, str, object, object]],
        text: str,
    ) -> None:
        super().__init__(text)
        self.doc, self.sheet, self.changes = doc, sheet, changes

    def redo(self) -> None:
        self.doc.set_values(self.sheet, [(p, c, new) for p, c, _, new in self.changes])

    def undo(self) -> None:
        self.doc.set_values(self.sheet, [(p, c, old) for p, c, old, _ in self.changes])


class AddRows(QUndoCommand):
    """Append rows (values per column) at the end of a sheet."""

    def __init__(
        self, doc: ProjectDocument, sheet: str, rows: list[dict[str, object]], text: str
    ) -> None:
        super().__init__(text)
        self.doc, self.sheet = doc, sheet
        columns = list(doc.frame(sheet).columns)
        start = doc.next_label(sheet)
        self.rows = pd.DataFrame(
            [[r.get(c) for c in columns] for r in rows],
            columns=columns,
            index=range(start, start + len(rows)),
            dtype=object,
        )
        self.positions: list[int] = []

    def redo(self) -> None:
        n = len(self.doc.frame(self.sheet))
        self.positions = list(range(n, n + len(self.rows)))
        self.doc.insert_rows(self.sheet, self.positions, self.rows)

    def undo(self) -> None:
        self.doc.remove_rows(self.sheet, self.positions)


class RemoveRows(QUndoCommand):
    def __init__(self, doc: ProjectDocument, sheet: str, positions: list[int], text: str) -> None:
        super().__init__(text)
        self.doc, self.sheet = doc, sheet
        self.positions = sorted(set(positions))
        self.removed: pd.DataFrame | None = None

    def redo(self) -> None:
        self.removed = self.doc.remove_rows(self.sheet, self.positions)

    def undo(self) -> None:
        assert self.removed is not None
        self.doc.insert_rows(self.sheet, self.positions, self.removed)


class ReplaceSheet(QUndoCommand):
    """Replace every row of a sheet (a tariff preset, a glide path filled in)."""

    def __init__(
        self, doc: ProjectDocument, sheet: str, rows: list[dict[str, object]], text: str
    ) -> None:
        super().__init__(text)
        self.doc, self.sheet = doc, sheet
        self.old = doc.frame(sheet).copy()
        columns = list(self.old.columns)
        start = doc.raw.header_rows.get(sheet, 1) + 1
        self.new = pd.DataFrame(
            [[r.get(c) for c in columns] for r in rows],
            columns=columns,
            index=range(start, start + len(rows)),
            dtype=object,
        )

    def _put(self, frame: pd.DataFrame) -> None:
        self.doc.remove_rows(self.sheet, list(range(len(self.doc.frame(self.sheet)))))
        self.doc.insert_rows(self.sheet, list(range(len(frame))), frame)

    def redo(self) -> None:
        self._put(self.new)

    def undo(self) -> None:
        self._put(self.old)
