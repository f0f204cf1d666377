"""Write a project back to .xlsx: the raw cells as typed, or a typed project, or a template.

Saving is atomic (written beside the target, then moved over it), and text that Excel would
run as a formula is stored as text, so read -> write -> read gives the same project.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from planner import fields as registry
from planner import schema
from planner.io.files import atomic_write
from planner.io.marks import KEPT_RECORDS, PROJECT, RECORD_SHEETS, mark
from planner.io.parse import COUNTRY_NAMES_EN
from planner.io.provenance import save_fingerprinted
from planner.io.read import RawProject, language_of
from planner.project import Settings, TypedProject
from planner.text import visible_controls

# what Excel (or a CSV import) may run as a formula when a text starts with it, also after
# spaces or line breaks (a program that trims the text before it looks runs it)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
REQUIRED_FILL = PatternFill("solid", fgColor="833C0B")
HEADER_FONT = Font(bold=True, color="FFFFFF")


def cell_value(value: object) -> object:
    """A value openpyxl can store: blanks for NaN/inf/None, plain Python scalars."""
    if value is None:
        return None
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalar
        return value.item()
    if value is pd.NaT:
        return None
    return value


def looks_like_formula(text: str) -> bool:
    """True for text Excel, or a program reading the workbook, might run as a formula: it
    starts with =, +, - or @, also after spaces, tabs or line breaks."""
    return text.startswith(FORMULA_START) or text.lstrip().startswith(FORMULA_START)


def set_cell(ws, row: int, col: int, value: object):
    """Store a value: text as typed, never a formula. Text that looks like one is stored as a
    string and quote-prefixed (Excel shows no apostrophe, and keeps it text when the cell is
    edited); characters no workbook can hold are shown as symbols (planner.text.
    visible_controls), never a crash. Every cell a workbook of this app holds goes through
    here, headers included."""
    cell = ws.cell(row=row, column=col)
    value = cell_value(value)
    if isinstance(value, str):
        value = visible_controls(value)
        cell.value = value
        cell.data_type = "s"  # openpyxl takes any text starting with = for a formula
        if looks_like_formula(value):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def safe_title(title: str, fallback: str) -> str:
    """A sheet title that no program takes for a formula (titles cannot be quote-prefixed)
    and that a workbook can hold."""
    if looks_like_formula(title) or visible_controls(title) != title:
        return fallback
    return title


def _header(
    ws,
    sheet: schema.Sheet | None,
    headers: list[str],
    annotate: bool,
    own: dict[str, str] | None = None,
) -> list[str]:
    """The header row, returned as written; `own` holds the user's header texts, kept where
    the reader knows them."""
    own = own or {}
    written = []
    for j, name in enumerate(headers, start=1):
        col = None
        if sheet is not None and name in sheet.column_names:
            col = sheet.column(name)
        text = col.label if col else name
        if (  # a column is only found in a sheet
            sheet is not None
            and col is not None
            and name in own
            and schema.match_column(sheet, own[name]) is col
        ):
            text = own[name]
        written.append(text)
        cell = set_cell(ws, 1, j, text)
        cell.font = HEADER_FONT
        cell.fill = REQUIRED_FILL if col and col.required else HEADER_FILL
        cell.alignment = Alignment(vertical="center")
        if annotate and col is not None:
            unit = f" [{col.unit}]" if col.unit else ""
            default = "" if col.default in (None, "") else f"\nDefault: {col.default}"
            title = f"{col.title.en} / {col.title.vi}\n" if col.title is not None else ""
            text = f"{title}{col.help_en}{unit}{default}\n—\n{col.help_vi}"
            cell.comment = Comment(text, "Supplier Localization Planner", height=140, width=300)
    ws.freeze_panes = "A2"
    return written


def _write_frame(
    wb: Workbook,
    sheet: schema.Sheet,
    frame: pd.DataFrame,
    annotate: bool,
    title: str | None = None,
    own: dict[str, str] | None = None,
) -> None:
    ws = wb.create_sheet(title or sheet.name)
    headers = _header(ws, sheet, [str(c) for c in frame.columns], annotate, own)
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        for j, value in enumerate(row, start=1):
            set_cell(ws, i, j, value)
    if len(frame.columns):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, len(frame) + 1)}"
    _fit_for_reading(ws, headers, frame)


def _fit_for_reading(ws, headers: list[str], frame: pd.DataFrame) -> None:
    """Widths from the content (first rows only: bounded time on big sheets), the header row
    frozen and repeated on printed pages, one printed page wide."""
    sample = frame.head(500)
    for j, header in enumerate(headers, start=1):
        longest = sample.iloc[:, j - 1].map(lambda v: len(str(v)) if v is not None else 0)
        text = max([len(header) + 2, *longest.tolist()])
        ws.column_dimensions[get_column_letter(j)].width = max(12, min(45, text + 2))
    print_setup(ws, landscape=len(headers) > 4)


def print_setup(ws, landscape: bool, one_page: bool = False) -> None:
    """A4, one page wide (and tall if `one_page`), the header row repeated on every page."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if one_page:
        return
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = "1:1"


def _settings_rows(settings: Settings) -> pd.DataFrame:
    """Every setting of the registry, in its order, with the value the plan read."""
    return pd.DataFrame(
        {
            "key": [f.key for f in registry.current()],
            "value": [settings.value(f.key) for f in registry.current()],
        }
    )


def _add_choice_lists(wb: Workbook, max_row: int = 2000) -> None:
    """Drop-down lists for yes/no and country columns, so a filled template parses."""
    countries = ",".join(sorted(COUNTRY_NAMES_EN))
    for ws in wb.worksheets:
        sheet = schema.match_sheet(ws.title)
        if sheet is None:
            continue
        headers = [c.value for c in ws[1]]
        for j, header in enumerate(headers, start=1):
            col = schema.match_column(sheet, header)
            if col is None:
                continue
            if col.kind == schema.BOOL:
                formula = '"yes,no"'
            elif col.kind == schema.COUNTRY:
                formula = f'"{countries}"'
            else:
                continue
            dv = DataValidation(
                type="list", formula1=formula, allow_blank=True, showErrorMessage=False
            )
            letter = get_column_letter(j)
            dv.add(f"{letter}2:{letter}{max_row}")
            ws.add_data_validation(dv)


def atomic_save(wb: Workbook, path: Path) -> None:
    """Write beside the target, flush to the disk, then replace it: a crash or a full disk never
    leaves half a file; failures are CannotWrite with a sentence. The saved parts' fingerprint
    goes into the document properties, so an edit in another program can be told."""
    atomic_write(Path(path), lambda handle: save_fingerprinted(wb, handle))


def _sheets_in_order(
    frames: dict[str, pd.DataFrame],
) -> Iterable[tuple[schema.Sheet, pd.DataFrame]]:
    for sheet in schema.SHEETS:
        if sheet.name in frames and frames[sheet.name] is not None:
            yield sheet, frames[sheet.name]


def own_title(sheet: schema.Sheet, source: str | None) -> str:
    """The user's name for a sheet when the reader knows it (e.g. "Báo giá"), else canonical."""
    if source and source != sheet.name and schema.match_sheet(source) is sheet:
        return safe_title(source, sheet.name)
    return sheet.name


def build_workbook(
    frames: dict[str, pd.DataFrame],
    annotate: bool = False,
    names: dict[str, str] | None = None,
    headers: dict[str, dict[str, str]] | None = None,
) -> Workbook:
    """One sheet per project table. `names` and `headers` are the user's own sheet names and
    header texts (RawProject.source_names, .original_headers): kept where the reader
    recognises them, so a Vietnamese workbook stays Vietnamese."""
    names, headers = names or {}, headers or {}
    wb = Workbook()
    wb.remove(wb.active)
    for sheet, frame in _sheets_in_order(frames):
        title = own_title(sheet, names.get(sheet.name))
        _write_frame(wb, sheet, frame, annotate, title, headers.get(sheet.name))
    _add_choice_lists(wb)
    return wb


def write_records(
    wb: Workbook,
    records: dict[str, pd.DataFrame],
    lang: str = "en",
    keys: tuple[str, ...] = KEPT_RECORDS,
) -> None:
    """The plan of record's sheets (planner.record.store), after the inputs, titled in the
    workbook's language; their cells as they are (the reader gives them back unchanged). A
    sheet of that name already in `wb` is replaced."""
    for key, (en, vi) in RECORD_SHEETS.items():
        frame = records.get(key)
        if frame is None or key not in keys:
            continue
        for title in (en, vi):
            if title in wb.sheetnames:
                del wb[title]
            continue
        ws = wb.create_sheet(vi if lang == "vi" else en)
        headers = _header(ws, None, [str(c) for c in frame.columns], False)
        for i, row in enumerate(frame.itertuples(index=False), start=2):
            for j, value in enumerate(row, start=1):
                set_cell(ws, i, j, value)
        _fit_for_reading(ws, headers, frame)


def write_raw(raw: RawProject, path: Path) -> None:
    """Save the cells as the user typed them (errors included) to a workbook, with the plan
    of record's sheets when it has them."""
    wb = build_workbook(raw.sheets, True, raw.source_names, raw.original_headers)
    write_records(wb, raw.records, language_of(raw))
    mark(wb, PROJECT)
    atomic_save(wb, path)


def typed_frames(project: TypedProject) -> dict[str, pd.DataFrame]:
    """The typed tables as a workbook shows them (blank for unlimited, yes/no for flags)."""
    frames = {}
    for name, frame in project.tables.items():
        if name == "Volumes" and frame.empty:
            continue
        out = frame.copy()
        for col in out.columns:
            if out[col].dtype == bool:
                out[col] = out[col].map({True: "yes", False: "no"})
        frames[name] = out.reset_index(drop=True)
    frames["Settings"] = _settings_rows(project.settings)
    return frames


def write_typed(project: TypedProject, path: Path) -> None:
    wb = build_workbook(typed_frames(project), annotate=True)
    mark(wb, PROJECT)
    atomic_save(wb, path)


def _annotate_settings(ws) -> None:
    """Each setting's key with its titles and help in both languages (planner.fields), as a
    column's header has them."""
    for row in range(2, ws.max_row + 1):
        found = registry.setting_named(ws.cell(row=row, column=1).value)
        if found is not None:
            text = f"{found.title.en} / {found.title.vi}\n{found.help.en}\n—\n{found.help.vi}"
            ws.cell(row=row, column=1).comment = Comment(
                text, "Supplier Localization Planner", height=140, width=300
            )


def write_template(path: Path) -> None:
    """An empty workbook with every sheet, annotated headers and drop-down lists."""
    frames = {s.name: pd.DataFrame(columns=s.column_names) for s in schema.SHEETS}
    frames["Settings"] = _settings_rows(Settings())
    wb = build_workbook(frames, annotate=True)
    _annotate_settings(wb["Settings"])
    readme = wb.create_sheet("Read me", 0)
    lines = [
        "Supplier Localization Planner: project workbook",
        "Fill one sheet per table. Columns marked * are required; hover a header for help.",
        "Shares may be written 0.3, 30% or 30. yes/no accepts yes/no, y/n, 1/0, x, có/không.",
        "Money is USD unless Settings says otherwise.",
        "",
        "Dự án nội địa hóa nhà cung cấp: tệp dự án",
        "Mỗi sheet là một bảng. Cột có dấu * là bắt buộc; rê chuột lên tiêu đề để xem hướng dẫn.",
        "Tỷ lệ có thể ghi 0.3, 30% hoặc 30. Có/không nhận yes/no, y/n, 1/0, x, có/không.",
    ]
    for i, line in enumerate(lines, start=1):
        readme.cell(row=i, column=1, value=line).font = Font(bold=i in (1, 6))
    readme.column_dimensions["A"].width = 100
    mark(wb, PROJECT)
    atomic_save(wb, path)
