"""What marks a workbook as this app's: the mark in its document properties (written as a
project or as a plan; planner.io.provenance reads it back) and the titles of the sheets a plan
adds.

Reading, saving and the plan workbook all need these names; keeping them here, below both
planner.io and planner.report, lets imports run one way (report -> io -> marks).
"""

from __future__ import annotations

from openpyxl import Workbook

CREATOR = "Supplier Localization Planner"
PROJECT, PLAN = "project", "plan"

# key -> (English, Vietnamese). A plan sheet's title never matches an input sheet or one of
# its synonyms, so the project reader ignores these sheets when a plan is opened as a project.
PLAN_SHEETS: dict[str, tuple[str, str]] = {
    "decision": ("Plan decision", "KH - Quyết định"),
    "summary": ("Plan summary", "KH - Tóm tắt"),
    "changes": ("Plan changes", "KH - Thay đổi"),
    "awards": ("Plan awards", "KH - Giao hàng theo NCC"),
    "matrix": ("Plan matrix", "KH - Ma trận số lượng"),
    "countries": ("Plan countries", "KH - Chi tiêu theo nước"),
    "phases": ("Plan phases", "KH - Giai đoạn"),
    "why": ("Plan why", "KH - Lý do"),
    "limits": ("Plan limits worth", "KH - Giá trị giới hạn"),
    "margins": ("Plan margins", "KH - Biên an toàn"),
    "periods": ("Plan periods", "KH - Chi phí theo kỳ"),
    "allocation": ("Plan allocation", "KH - Phân bổ"),
    "suppliers": ("Plan suppliers", "KH - Tải nhà cung cấp"),
    "content": ("Plan content", "KH - Hàm lượng TQ"),
    "assumptions": ("Plan assumptions", "KH - Giả định"),
    "chart": ("Plan chart", "KH - Biểu đồ"),
}


# key -> (English, Vietnamese). The plan of record (planner.record.store): sheets the app writes
# into the project workbook and reads back, never input sheets the user fills.
RECORD_SHEETS: dict[str, tuple[str, str]] = {
    "versions": ("Plan versions", "KH - Các phiên bản"),
    "decisions": ("Plan of record", "KH - Kế hoạch đã duyệt"),
    "inputs": ("Plan inputs", "KH - Dữ liệu đã duyệt"),
    # a plan workbook's own plan, as decisions (not a version: nothing approved it)
    "plan": ("Plan decisions", "KH - Các quyết định"),
}
KEPT_RECORDS = ("versions", "decisions", "inputs")  # what saving a project writes back


def record_sheet_key(title: str) -> str | None:
    """The record sheet a workbook sheet's title names (in either language), or None."""
    folded = title.strip().casefold()
    for key, names in RECORD_SHEETS.items():
        if folded in (n.casefold() for n in names):
            return key
    return None


def plan_sheet_names(lang: str = "en") -> list[str]:
    """Titles of the sheets the plan adds, in the order the plan workbook shows them."""
    return [vi if lang == "vi" else en for en, vi in PLAN_SHEETS.values()]


def mark(wb: Workbook, kind: str = PROJECT) -> None:
    """Sign a workbook as written by this app, as a project or as a plan."""
    wb.properties.creator = CREATOR
    wb.properties.category = kind


__all__ = [
    "CREATOR",
    "KEPT_RECORDS",
    "PLAN",
    "PLAN_SHEETS",
    "PROJECT",
    "RECORD_SHEETS",
    "mark",
    "plan_sheet_names",
    "record_sheet_key",
]
