"""Message boxes and file choosers with the app's own (translated) button texts.

Every modal question the app asks goes through this module, so tests replace these functions
and a dialog nobody can click never hangs the suite.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ui.i18n import tr

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
SAVE_NEW, REPLACE = "save_new", "replace"


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    return QMessageBox(icon, title, text, QMessageBox.NoButton, parent)


def info(parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
    box = _box(parent, QMessageBox.Information, title, text)
    if detail:
        box.setDetailedText(detail)
    box.addButton(tr("OK"), QMessageBox.AcceptRole)
    box.exec()


def error(parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
    box = _box(parent, QMessageBox.Warning, title, text)
    if detail:
        box.setDetailedText(detail)
    box.addButton(tr("OK"), QMessageBox.AcceptRole)
    box.exec()


def ask_save_changes(parent: QWidget | None, name: str) -> str:
    """'Save changes to X?' -> SAVE, DISCARD or CANCEL."""
    box = _box(
        parent,
        QMessageBox.Question,
        tr("Unsaved changes"),
        tr("Save the changes to {name} before closing it?").format(name=name),
    )
    return _three_way(box, (tr("Save"), SAVE), (tr("Don't save"), DISCARD))


def _three_way(box: QMessageBox, accept: tuple[str, str], destroy: tuple[str, str]) -> str:
    """Buttons: the safe choice (default), the destructive one, Cancel; the chosen answer."""
    safe = box.addButton(accept[0], QMessageBox.AcceptRole)
    destructive = box.addButton(destroy[0], QMessageBox.DestructiveRole)
    box.addButton(tr("Cancel"), QMessageBox.RejectRole)
    box.setDefaultButton(safe)
    box.exec()
    clicked = box.clickedButton()
    if clicked is safe:
        return accept[1]
    if clicked is destructive:
        return destroy[1]
    return CANCEL


def ask_replace_workbook(parent: QWidget | None, name: str, losses: list[str]) -> str:
    """Saving over a workbook the app did not write -> SAVE_NEW, REPLACE or CANCEL."""
    box = _box(
        parent,
        QMessageBox.Warning,
        tr("Replace your workbook?"),
        tr("Saving the project over {name} keeps every value in the tables, but not:").format(
            name=name
        ),
    )
    box.setInformativeText(
        "\n".join(f"• {line}" for line in losses)
        + "\n\n"
        + tr("Save as a new project file instead? Your workbook then stays as it is.")
    )
    return _three_way(
        box,
        (tr("Save as a new file…"), SAVE_NEW),
        (tr("Replace {name}").format(name=name), REPLACE),
    )


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    box = _box(parent, QMessageBox.Question, title, text)
    yes = box.addButton(tr("Yes"), QMessageBox.YesRole)
    no = box.addButton(tr("No"), QMessageBox.NoRole)
    box.setDefaultButton(no)
    box.exec()
    return box.clickedButton() is yes


def open_project_path(parent: QWidget | None, start: str = "") -> str:
    path, _ = QFileDialog.getOpenFileName(
        parent,
        tr("Open project"),
        start,
        tr(
            "Workbooks (*.xlsx *.xls *.ods);;Excel workbooks (*.xlsx *.xls);;"
            "OpenDocument spreadsheets (*.ods);;CSV files (*.csv);;All files (*)"
        ),
    )
    return path


def open_csv_folder(parent: QWidget | None, start: str = "") -> str:
    return QFileDialog.getExistingDirectory(parent, tr("Open a folder of CSV files"), start)


def save_path(parent: QWidget | None, title: str, start: str, filters: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, start, filters)
    return path
