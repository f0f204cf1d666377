"""The approved versions of a plan of record as one table (the app's Plan of record page)."""

from __future__ import annotations

import pandas as pd

from planner.record.store import Record
from planner.report.tables import COUNT, MONEY, TEXT, Column, Table
from planner.text import t

VERSION_TABLE = "versions"


def versions_table(record: Record, lang: str = "en") -> Table:
    """One row per version, the latest (the plan of record) first."""

    def say(en: str, vi: str) -> str:
        return t(en, vi).get(lang)

    columns = [
        Column("version", say("Version", "Phiên bản"), COUNT),
        Column("approved_on", say("Approved on", "Ngày duyệt"), TEXT),
        Column("approved_by", say("Approved by", "Người duyệt"), TEXT),
        Column("through", say("Re-planned after", "Lập lại sau kỳ"), TEXT),
        Column("total_cost", say("Total cost", "Tổng chi phí"), MONEY),
        Column("material_cost", say("Material", "Vật tư"), MONEY),
        Column("one_time_cost", say("One-time", "Một lần"), MONEY),
        Column("tariff_cost", say("Duty", "Thuế"), MONEY),
        Column("sunk_cost", say("Sunk (failed)", "Đã mất (không đạt)"), MONEY),
        Column("note", say("Note", "Ghi chú"), TEXT),
    ]
    rows = [
        {
            "version": v.number,
            "approved_on": v.approved_on,
            "approved_by": v.approved_by,
            "through": v.through,
            "total_cost": v.total_cost,
            "material_cost": v.material_cost,
            "one_time_cost": v.one_time_cost,
            "tariff_cost": v.tariff_cost,
            "sunk_cost": v.sunk_cost,
            "note": v.note,
        }
        for v in reversed(record.versions)
    ]
    frame = pd.DataFrame(rows, columns=[c.key for c in columns])
    title = say("Approved versions", "Các phiên bản đã duyệt")
    return Table(VERSION_TABLE, title, columns, frame)


__all__ = ["versions_table"]
