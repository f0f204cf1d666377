"""Small workbooks built cell by cell with openpyxl, as a user would type them."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import openpyxl
import pytest
from hypothesis import settings

# Property tests draw the same examples on every run, so CI never fails on a fresh random
# draw; HYPOTHESIS_RANDOM=1 explores new ones (add what they find as @example).
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile("explore" if os.environ.get("HYPOTHESIS_RANDOM") else "repeatable")

# sheet -> rows (first row is the header), as typed in Excel
SMALL: dict[str, list[list[object]]] = {
    "Components": [
        [
            "component_id",
            "description",
            "category",
            "current_supplier",
            "current_country",
            "current_unit_price",
            "current_china_share",
            "locked",
        ],
        ["PCB-01", "Main board", "PCB", "SZ-PCB", "CN", 4.2, None, "no"],
        ["HSG-01", "Front housing", "Plastics", "DG-MOLD", "China", 1.1, 1, "no"],
        ["SOC-01", "SoC", "IC", "TW-SOC", "TW", 22.0, 0, "yes"],
    ],
    "Products": [
        ["product_id", "name", "fob_price", "us_share", "units_per_period"],
        ["VR1", "Headset", 60.0, 0.8, 1000],
        ["CT1", "Controller", 15.0, "80%", 2000],
    ],
    "BOM": [
        ["product_id", "component_id", "qty_per_unit"],
        ["VR1", "PCB-01", 1],
        ["VR1", "HSG-01", 2],
        ["VR1", "SOC-01", 1],
        ["CT1", "PCB-01", 1],
    ],
    "Suppliers": [
        ["supplier_id", "name", "country", "province", "onboarding_cost", "capacity_per_period"],
        ["SZ-PCB", "Shenzhen PCB", "CN", "Guangdong", 0, None],
        ["DG-MOLD", "Dongguan Mold", "CN", "Guangdong", 0, None],
        ["TW-SOC", "Taiwan SoC", "TW", "Hsinchu", 0, None],
        ["BN-PCB", "Bắc Ninh PCB", "VN", "Bắc Ninh", 10000, 5000],
        ["HP-PLA", "Hải Phòng Plastics", "Việt Nam", "Hải Phòng", 5000, None],
    ],
    "Offers": [
        [
            "component_id",
            "supplier_id",
            "unit_price",
            "china_share",
            "lead_periods",
            "switching_cost",
            "max_ramp",
            "earliest_period",
            "capacity_per_period",
        ],
        ["PCB-01", "BN-PCB", 4.8, 0.4, 1, 20000, 0.5, None, None],
        ["HSG-01", "HP-PLA", 1.3, None, 2, 30000, 1, "2027-Q2", None],
    ],
    "Periods": [
        ["period", "budget", "max_new_qualifications", "china_cap", "tariff_active"],
        ["2027-Q1", 50000, 2, None, "yes"],
        ["2027-Q2", 50000, 2, None, "yes"],
        ["2027-Q3", 50000, 2, 0.5, "có"],
        ["2027-Q4", None, None, "45%", "y"],
    ],
    "Tariffs": [
        ["max_china_share", "rate"],
        [0.4, 0.2],
        [1, 0.4],
    ],
    "Settings": [
        ["key", "value"],
        ["plan_name", "Small test plan"],
        ["incumbent_max_drop", 0.5],
    ],
}


# Every workbook the tests write, so that tests/ui/test_verdicts.py can run each one through
# both `locplan check` and the app and compare their verdicts (one validation, one verdict).
WRITTEN: list[Path] = []


def remember(path: Path) -> Path:
    WRITTEN.append(Path(path))
    return path


def write_book(sheets: dict[str, list[list[object]]], path: Path) -> Path:
    remember(path)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for cells in ws.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # typed text that looks like a formula, not a formula
    wb.save(path)
    return path


@pytest.fixture
def small_sheets() -> dict[str, list[list[object]]]:
    return copy.deepcopy(SMALL)


@pytest.fixture
def small_book(tmp_path, small_sheets) -> Path:
    return write_book(small_sheets, tmp_path / "small.xlsx")


@pytest.fixture(autouse=True)
def no_qt_application_left():
    """An engine test leaves no Qt application behind: a QGuiApplication made here (by the
    PDF exporter, for instance) would be the one a later window test of the same worker gets,
    and a window needs a QApplication (Qt aborts). Write PDFs in a subprocess."""
    yield
    import sys

    core = sys.modules.get("PySide6.QtCore")
    if core is not None and core.QCoreApplication.instance() is not None:
        pytest.fail("this test made a Qt application in the test process: run it as a command")
