"""The plan's settings as a form, built from the field registry (planner.fields): one row per
setting that has an editor there, with its title, range and help in the app's language.
Every change is an undo step on the Settings sheet; the form shows the sheet again after each
edit there (or an undo), read as the planner reads it (planner.validate.read_setting)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from planner import fields
from planner.text import Text
from ui import i18n
from ui.document import ProjectDocument
from ui.i18n import tr
from ui.settings_cells import read_setting_value, set_setting

CHANGE = Text("Set “{0}”", "Đặt “{0}”")  # the undo step of a change on the form
ZERO_IS_NONE = Text("0 = none", "0 = không có")


def _object_name(key: str) -> str:
    return "setting" + "".join(part.capitalize() for part in key.split("_"))


def _editor(field: fields.Field) -> QWidget:
    """The widget the registry asks for, with the field's range."""
    if field.editor == fields.LINE:
        widget: QWidget = QLineEdit()
    elif field.editor == fields.CHOICES:
        widget = QComboBox()
    elif field.editor == fields.TICK:
        widget = QCheckBox()
    elif field.editor == fields.SECONDS:
        widget = QSpinBox()
        widget.setRange(int(field.minimum or 0), int(field.maximum or 86400))
    else:  # a percent or an amount
        widget = QDoubleSpinBox()
        if field.editor == fields.PERCENT:
            widget.setRange(100 * (field.minimum or 0), 100 * (field.maximum or 1))
            widget.setDecimals(1)
            widget.setSuffix(" %")
        else:
            widget.setRange(field.minimum or 0, field.maximum or 1e9)
            widget.setDecimals(0)
            widget.setGroupSeparatorShown(True)
    widget.setObjectName(_object_name(field.key))
    return widget


class SettingsForm(QGroupBox):
    def __init__(self, doc: ProjectDocument, parent=None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._loading = False
        self.fields = [f for f in fields.SETTINGS if f.editor is not None]
        self.editors: dict[str, QWidget] = {f.key: _editor(f) for f in self.fields}
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        for f in self.fields:
            self.form.addRow(QLabel(), self.editors[f.key])
            self._connect(f, self.editors[f.key])
        doc.cells_changed.connect(self._sheet_changed)
        doc.rows_changed.connect(self._sheet_changed)

    def _connect(self, f: fields.Field, widget: QWidget) -> None:
        def changed(*_: object) -> None:
            self._set(f, self._typed(f, widget))

        if isinstance(widget, QComboBox):
            widget.activated.connect(changed)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(changed)
        else:
            widget.editingFinished.connect(changed)

    @staticmethod
    def _typed(f: fields.Field, widget: QWidget) -> object:
        """What the editor holds, as the Settings sheet stores it."""
        if isinstance(widget, QLineEdit):
            return widget.text().strip()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QCheckBox):
            return "yes" if widget.isChecked() else "no"
        value = widget.value()
        if f.editor == fields.PERCENT:
            value = round(value / 100, 6)
        # a blank setting (no rule, no rate) is shown as 0
        return None if f.default is None and value == 0 else value

    def _sheet_changed(self, sheet: str, *_: object) -> None:
        if sheet == "Settings":
            self.load()

    def _set(self, f: fields.Field, value: object) -> None:
        if not self._loading:
            title = f.title.get(i18n.current())
            set_setting(self.doc, f.key, value, CHANGE.get(i18n.current()).format(title))

    def load(self) -> None:
        """Show the Settings sheet's values (after opening, undo, or an edit in the table)."""
        self._loading = True
        try:
            for f in self.fields:
                widget, value = self.editors[f.key], read_setting_value(self.doc, f.key)
                if isinstance(widget, QLineEdit):
                    widget.setText(str(value or ""))
                elif isinstance(widget, QComboBox):
                    widget.setCurrentIndex(max(0, widget.findData(value)))
                elif isinstance(widget, QCheckBox):
                    widget.setChecked(bool(value))
                elif f.editor == fields.PERCENT:
                    widget.setValue(100 * float(value or 0))
                elif f.editor == fields.SECONDS:
                    widget.setValue(int(value or 0))
                else:
                    widget.setValue(float(value or 0))
        finally:
            self._loading = False

    def retranslate(self) -> None:
        lang = i18n.current()
        self.setTitle(tr("The plan"))
        for row, f in enumerate(self.fields):
            text = f.title.get(lang)
            if f.unit:
                text += f" ({fields.UNIT_TITLES[f.unit].get(lang)})"
            elif f.default is None:
                text += f" ({ZERO_IS_NONE.get(lang)})"
            label = self.form.itemAt(row, QFormLayout.LabelRole).widget()
            label.setText(text)
            for widget in (label, self.editors[f.key]):
                widget.setToolTip(f.help.get(lang))
            widget = self.editors[f.key]
            if isinstance(widget, QComboBox):
                widget.blockSignals(True)
                widget.clear()
                for choice, title in zip(f.choices, f.choice_titles, strict=True):
                    widget.addItem(title.get(lang)[:1].upper() + title.get(lang)[1:], choice)
                widget.blockSignals(False)
        self.load()
