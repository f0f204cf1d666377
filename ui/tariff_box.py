"""The tariff box of the settings page: what the Tariffs sheet holds now, the preset it matches
(if any) and Apply, which replaces the sheet with a preset's tiers as one undo step."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from planner.io import parse
from planner.presets import PRESET_BY_KEY, PRESETS
from ui import i18n
from ui.commands import ReplaceSheet
from ui.document import ProjectDocument
from ui.i18n import tr
from ui.settings_cells import share

OWN_TIERS = ""  # the preset box's item for tiers that are no preset's


class TariffPresetBox(QGroupBox):
    def __init__(self, doc: ProjectDocument, parent=None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.preset = QComboBox()
        self.preset.setObjectName("tariffPreset")
        self.apply_preset = QPushButton()
        self.apply_preset.setObjectName("applyTariffPreset")
        self.preset_source = QLabel()
        self.preset_source.setWordWrap(True)
        self.preset_source.setStyleSheet("color: #555555;")
        row = QHBoxLayout()
        row.addWidget(self.preset, 1)
        row.addWidget(self.apply_preset)
        self.current_tiers = QLabel()
        self.current_tiers.setObjectName("currentTariffs")
        self.current_tiers.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current_tiers)
        layout.addLayout(row)
        layout.addWidget(self.preset_source)
        self.preset.currentIndexChanged.connect(self._show_source)
        self.apply_preset.clicked.connect(self.apply_tariff_preset)
        doc.cells_changed.connect(self._sheet_changed)
        doc.rows_changed.connect(self._sheet_changed)

    def _sheet_changed(self, sheet: str, *_: object) -> None:
        if sheet == "Tariffs":
            self._show_tiers()

    def _show_tiers(self) -> None:
        """What the Tariffs sheet holds now (a preset replaces it)."""
        frame = self.doc.frame("Tariffs")
        tiers = []
        for cap, rate in zip(frame["max_china_share"], frame["rate"], strict=False):
            s, r = share(cap, float("nan")), share(rate, float("nan"))
            if s == s and r == r:  # both numbers
                tiers.append(
                    tr("up to {share}: {rate}").format(
                        share=i18n.pct(s, None), rate=i18n.pct(r, None)
                    )
                )
        text = "; ".join(tiers) if tiers else tr("none")
        self.current_tiers.setText(tr("In the Tariffs sheet now: {tiers}").format(tiers=text))
        # the box shows what the sheet holds: a preset only when its tiers are the sheet's
        matching = self._matching_preset()
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(max(0, self.preset.findData(matching or OWN_TIERS)))
        self.preset.blockSignals(False)
        self._show_source()

    def _matching_preset(self) -> str | None:
        """The preset whose rows the Tariffs sheet holds, if any (shares, rates, origins and
        the periods a schedule starts from, in any order)."""
        frame = self.doc.frame("Tariffs")
        periods = [str(p) for p in self.doc.frame("Periods")["period"] if str(p)]

        def column(name: str) -> list[object]:
            return list(frame[name]) if name in frame.columns else [None] * len(frame)

        def row(cap: object, rate: object, origin: object, start: object, product: object):
            if not parse.is_blank(product):
                return None  # a product's own schedule: no preset has one
            text = "" if parse.is_blank(origin) else str(origin).strip()
            return (
                round(share(cap, float("nan")), 9),
                round(share(rate, float("nan")), 9),
                text or "any",
                "" if parse.is_blank(start) else str(start).strip(),
            )

        cells = zip(
            column("max_china_share"),
            column("rate"),
            column("origin"),
            column("from_period"),
            column("product_id"),
            strict=True,
        )
        sheet = [row(*c) for c in cells]
        if None in sheet:
            return None
        for preset in PRESETS:
            rows = [
                row(r["max_china_share"], r["rate"], r["origin"], r["from_period"], None)
                for r in preset.rows(periods)
            ]
            if sorted(rows) == sorted(sheet):  # type: ignore[type-var]
                return preset.key
        return None

    def apply_tariff_preset(self) -> None:
        if self.preset.currentData() not in PRESET_BY_KEY:
            return  # the sheet's own tiers: nothing to apply
        preset = PRESET_BY_KEY[self.preset.currentData()]
        periods = [str(p) for p in self.doc.frame("Periods")["period"] if str(p)]
        self.doc.undo.push(
            ReplaceSheet(
                self.doc,
                "Tariffs",
                preset.rows(periods),
                tr("Apply the tariff preset: {name}").format(name=preset.name.get(i18n.current())),
            )
        )

    def _show_source(self) -> None:
        key = self.preset.currentData()
        self.apply_preset.setEnabled(key in PRESET_BY_KEY)
        if key == OWN_TIERS:
            self.preset_source.setText(
                tr("The Tariffs sheet holds its own tiers; choose a preset to replace them.")
            )
        elif key in PRESET_BY_KEY:
            preset = PRESET_BY_KEY[key]
            tiers = "; ".join(
                tr("up to {share}: {rate}").format(share=i18n.pct(s, None), rate=i18n.pct(r, None))
                + ("" if origin == "any" else f" ({origin})")
                for s, r, origin in preset.tiers
            )
            lang = i18n.current()
            self.preset_source.setText(
                f"{tiers}\n{preset.status.get(lang)} {preset.source.get(lang)}"
            )

    def retranslate(self) -> None:
        self.setTitle(tr("Tariff on US-bound units"))
        current = self.preset.currentData()
        self.preset.blockSignals(True)
        self.preset.clear()
        self.preset.addItem(tr("The Tariffs sheet's own tiers"), OWN_TIERS)
        for p in PRESETS:
            self.preset.addItem(p.name.get(i18n.current()), p.key)
        self.preset.setCurrentIndex(max(0, self.preset.findData(current)))
        self.preset.blockSignals(False)
        self.apply_preset.setText(tr("Apply to the Tariffs sheet"))
        self._show_tiers()
        self._show_source()
