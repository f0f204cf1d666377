"""The open project: the cells as typed (a RawProject), its file, its undo history, its problems.

Every change goes through an undo command (ui/commands.py) that calls the three mutators here,
so the views, the Problems panel and the saved file never disagree. Rows are addressed by
position; their labels are the row numbers Excel shows, kept from the source file so that a
problem's "row 12" is the row the user sees in Excel.
"""

from __future__ import annotations

import copy
import dataclasses
import itertools
from pathlib import Path

import pandas as pd
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from planner.io.read import ColumnMapping, RawProject
from planner.problems import Problem
from planner.validate import Validation, validate
from ui.open_project import complete


class ProjectDocument(QObject):
    cells_changed = Signal(str, int, int, int, int)  # sheet, first/last position, first/last col
    rows_changed = Signal(str)  # rows added or removed: the sheet's views reset
    validated = Signal()

    def __init__(
        self,
        raw: RawProject,
        path: Path | None = None,
        mapping: ColumnMapping | None = None,
        encoding: str | None = None,
        parent: QObject | None = None,
        validation: Validation | None = None,
    ) -> None:
        """`validation`: the completed `raw` already checked (off the GUI thread)."""
        super().__init__(parent)
        self.raw = complete(raw)
        self.path = Path(path) if path else None
        self.source = raw.path  # the file or CSV folder it came from
        self.mapping = mapping
        self.encoding = encoding
        self.undo = QUndoStack(self)
        self.validation: Validation | None = None
        # the Scenarios sheet's problems (planner.scenarios.check_scenarios, checked after the
        # validation, ui/validation.py): in the Problems panel and on the Scenarios page
        self.scenario_problems: list[Problem] = []
        # True once `path` holds what this app wrote: saving over it then loses nothing
        self.replaces_freely = False
        self.generation = 0  # counts changes to the cells: a check or a save says which it saw
        if validation is None:
            self.revalidate()
        else:
            self.validation = validation

    # reading ---------------------------------------------------------------------------------
    def frame(self, sheet: str) -> pd.DataFrame:
        return self.raw.sheets[sheet]

    @property
    def name(self) -> str:
        if self.path is not None:
            return self.path.name
        if self.source is not None:
            return Path(self.source).name
        return "untitled.xlsx"

    @property
    def problems(self) -> list[Problem]:
        """Every problem: the check's (they begin with the reader's notes, planner.validate,
        so the notes are added only while the cells are not yet checked), then the Scenarios
        sheet's."""
        found = (
            list(self.validation.problems) if self.validation is not None else list(self.raw.notes)
        )
        return found + list(self.scenario_problems)

    @property
    def is_empty(self) -> bool:
        """No rows in any table (settings aside): a new project, not yet a faulty one."""
        return all(len(f) == 0 for name, f in self.raw.sheets.items() if name != "Settings")

    @property
    def can_plan(self) -> bool:
        return self.validation is not None and self.validation.ok

    # mutators (called by undo commands only) -------------------------------------------------
    def set_values(self, sheet: str, changes: list[tuple[int, str, object]]) -> None:
        """changes: (row position, column name, new value)."""
        frame = self.raw.sheets[sheet]
        cols = list(frame.columns)
        for pos, col, value in changes:
            frame.iat[pos, cols.index(col)] = value
        if changes:
            self.generation += 1
            rows = [p for p, _, _ in changes]
            js = [cols.index(c) for _, c, _ in changes]
            self.cells_changed.emit(sheet, min(rows), max(rows), min(js), max(js))

    def insert_rows(self, sheet: str, positions: list[int], rows: pd.DataFrame) -> None:
        """Insert `rows` (with their labels) so that they end at `positions` (ascending)."""
        frame = self.raw.sheets[sheet]
        records = list(frame.itertuples(index=False, name=None))
        labels = list(frame.index)
        for pos, label, record in zip(
            positions, rows.index, rows.itertuples(index=False, name=None), strict=True
        ):
            records.insert(pos, record)
            labels.insert(pos, label)
        if any(b <= a for a, b in itertools.pairwise(labels)):
            start = labels[0] if labels else self.raw.header_rows.get(sheet, 1) + 1
            labels = list(range(start, start + len(labels)))
        self._replace(sheet, records, labels, list(frame.columns))

    def remove_rows(self, sheet: str, positions: list[int]) -> pd.DataFrame:
        """Remove rows by position; returns them (with labels) for undo."""
        frame = self.raw.sheets[sheet]
        removed = frame.iloc[positions].copy()
        keep = [i for i in range(len(frame)) if i not in set(positions)]
        kept = frame.iloc[keep]
        self._replace(
            sheet,
            list(kept.itertuples(index=False, name=None)),
            list(kept.index),
            list(frame.columns),
        )
        return removed

    def next_label(self, sheet: str) -> int:
        frame = self.raw.sheets[sheet]
        if len(frame):
            return int(frame.index[-1]) + 1
        return self.raw.header_rows.get(sheet, 1) + 1

    def _replace(self, sheet: str, records: list, labels: list, columns: list) -> None:
        frame = pd.DataFrame(records, columns=columns, index=labels, dtype=object)
        frame.index.name = "row"
        self.raw.sheets[sheet] = frame
        self.generation += 1
        self.rows_changed.emit(sheet)

    # checking and saving ---------------------------------------------------------------------
    def revalidate(self) -> Validation:
        return self.set_validation(validate(self.raw))

    def set_validation(self, validation: Validation) -> Validation:
        """The result of checking the cells as they are now (checked here or in a worker)."""
        self.validation = validation
        self.validated.emit()
        return validation

    def set_scenario_problems(self, problems: list[Problem]) -> None:
        """The Scenarios sheet's problems as checked now (warnings: never stop the base)."""
        self.scenario_problems = list(problems)
        self.validated.emit()

    def records_changed(self) -> None:
        """The plan of record's sheets (raw.records) were replaced: the file must be saved."""
        self.generation += 1
        self.undo.resetClean()

    def snapshot(self) -> RawProject:
        """A copy of the cells a worker can read (check, save) while the user edits on."""
        raw = self.raw
        # every fact the reader kept, so that a check in a worker sees what the first check
        # saw: formulas without results, a ';' CSV's decimal comma, sheets the file lacked
        return dataclasses.replace(
            raw,
            sheets={k: v.copy() for k, v in raw.sheets.items()},
            header_rows=dict(raw.header_rows),
            source_names=dict(raw.source_names),
            original_headers=copy.deepcopy(raw.original_headers),
            notes=list(raw.notes),
            formulas={k: dict(v) for k, v in raw.formulas.items()},
            delimiters=dict(raw.delimiters),
            unused_sheets=list(raw.unused_sheets),
            absent=set(raw.absent),
            header_units=copy.deepcopy(raw.header_units),
            records=dict(raw.records),
        )

    @staticmethod
    def target(path: Path | str | None) -> Path:
        """The .xlsx file a save to `path` writes."""
        target = Path(path or "")
        if not str(path or "") or target.is_dir():
            raise ValueError("no file name")
        return target if target.suffix.lower() == ".xlsx" else target.with_suffix(".xlsx")

    def mark_saved(self, target: Path) -> None:
        """The cells were written to `target` (planner.io.write.write_raw, atomic): rows are
        renumbered as the saved file has them."""
        for name, frame in self.raw.sheets.items():
            frame.index = pd.RangeIndex(2, 2 + len(frame), name="row")
            self.raw.header_rows[name] = 1
            self.rows_changed.emit(name)
        # the saved file has every project sheet, under its own name, and no other
        dropped = ("unknown_sheet", "doubtful_sheet", "guessed_sheet", "duplicate_sheet")
        self.raw.notes = [n for n in self.raw.notes if n.code not in dropped]
        self.raw.absent, self.raw.unused_sheets = set(), []
        self.path = target
        self.replaces_freely = True
        self.generation += 1
        self.undo.setClean()
