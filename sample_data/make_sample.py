"""Write the sample factory: a VR-headset and controller assembler in Bắc Ninh.

Run from the repository root: `python sample_data/make_sample.py`. Deterministic: the same
workbooks every time. See sample_data/README.md for how the numbers were chosen.
"""

from __future__ import annotations

import dataclasses
import sys
import unicodedata
from pathlib import Path

import pandas as pd
from openpyxl.styles import Font

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

from planner import schema  # noqa: E402
from planner.generate import generate_project  # noqa: E402
from planner.io.parse import COUNTRIES  # noqa: E402
from planner.io.write import atomic_save, build_workbook, typed_frames  # noqa: E402
from planner.project import TypedProject  # noqa: E402

ENGLISH = ROOT / "vr_headset_bac_ninh.xlsx"
VIETNAMESE = ROOT / "vr_headset_bac_ninh_vi.xlsx"
COUNTRY_VI = {"CN": "Trung Quốc", "VN": "Việt Nam", "KR": "Hàn Quốc", "JP": "Nhật Bản",
              "TW": "Đài Loan", "TH": "Thái Lan", "MY": "Malaysia"}


def sample_project() -> TypedProject:
    project = generate_project(150, seed=2027, n_periods=8)
    products = project.tables["Products"]
    products["name"] = ["VR headset X1 (Bắc Ninh line 3)", "Controller pair C1"]
    # Tariff tiers after the July 2025 deal: 20% for goods of Vietnam, 40% for goods deemed
    # transshipped; no content threshold was ever published, so it is a scenario input.
    project.tables["Tariffs"] = pd.DataFrame({"max_china_share": [0.5, 1.0],
                                              "rate": [0.2, 0.4]})
    settings = dataclasses.replace(project.settings,
                                   plan_name="VR X1 localisation plan 2027-2028, Bắc Ninh",
                                   time_limit_s=60.0)
    return TypedProject(project.tables, settings)


def _vietnamese_header(col: schema.Column) -> str:
    for name in col.synonyms:
        if not name.isascii():
            return name[0].upper() + name[1:]
    return col.name


def vietnamese_frames(project: TypedProject) -> dict[str, pd.DataFrame]:
    """The same tables with Vietnamese sheet names, headers, countries, có/không and %."""
    out = {}
    for name, frame in typed_frames(project).items():
        sheet = schema.SHEET_BY_NAME[name]
        frame = frame.copy()
        for col in sheet.columns:
            if col.name not in frame.columns:
                continue
            if col.kind == schema.COUNTRY:
                frame[col.name] = [COUNTRY_VI.get(v, v) for v in frame[col.name]]
            elif col.kind == schema.BOOL:
                frame[col.name] = frame[col.name].map({"yes": "có", "no": "không"})
            elif col.kind == schema.SHARE and name in ("Offers", "Components", "Products"):
                frame[col.name] = [f"{v * 100:g}%" if pd.notna(v) else None
                                   for v in frame[col.name]]
        frame.columns = [_vietnamese_header(sheet.column(c)) for c in frame.columns]
        out[sheet.title_vi] = frame
    return out


def write_vietnamese(project: TypedProject, path: Path) -> None:
    frames = vietnamese_frames(project)
    # build_workbook orders sheets by the schema; name them after it, then rename.
    by_schema = {schema.match_sheet(title).name: frame for title, frame in frames.items()}
    wb = build_workbook(by_schema, annotate=False)
    for sheet in schema.SHEETS:
        if sheet.name in wb.sheetnames:
            wb[sheet.name].title = sheet.title_vi
    ws = wb["Linh kiện"]
    ws.insert_rows(1, amount=2)  # a title above the header, as teams write them
    ws["A1"] = "DANH SÁCH LINH KIỆN - KÍNH VR X1 - NHÀ MÁY BẮC NINH"
    ws["A1"].font = Font(bold=True, size=14)
    ws.freeze_panes = "A4"
    atomic_save(wb, path)


def main() -> None:
    project = sample_project()
    from planner.io.write import write_typed

    write_typed(project, ENGLISH)
    write_vietnamese(project, VIETNAMESE)
    assert all(unicodedata.is_normalized("NFC", v) for v in COUNTRY_VI.values())
    assert set(COUNTRY_VI) <= set(COUNTRIES)
    print(f"Wrote {ENGLISH.name} and {VIETNAMESE.name}")


if __name__ == "__main__":
    main()
