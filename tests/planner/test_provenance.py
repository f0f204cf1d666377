"""Which workbooks the app wrote, and what saving over a user's own workbook would drop."""

from __future__ import annotations

import copy
import zipfile

import openpyxl

from planner.io.provenance import PLAN, PROJECT, save_losses, written_as
from planner.io.read import ColumnMapping, read_project
from planner.io.write import write_raw, write_template
from planner.optimise import plan_project
from planner.report.workbook import write_plan_workbook
from planner.validate import validate
from tests.planner.conftest import SMALL, write_book


def test_the_apps_project_files_replace_freely(tmp_path):
    user = write_book(copy.deepcopy(SMALL), tmp_path / "user.xlsx")
    assert written_as(user) is None
    raw = read_project(user)
    assert [loss.kind for loss in save_losses(raw)] == ["foreign"]  # formatting, formulas...

    saved = tmp_path / "saved.xlsx"
    write_raw(raw, saved)
    assert written_as(saved) == PROJECT
    assert save_losses(read_project(saved)) == []

    template = tmp_path / "template.xlsx"
    write_template(template)
    assert written_as(template) == PROJECT


def test_a_users_layout_is_listed(tmp_path):
    sheets = copy.deepcopy(SMALL)
    offers = sheets.pop("Offers")
    offers[0].append("Ghi chú NCC")  # a column of their own
    for row in offers[1:]:
        row.append("gọi lại")
    path = write_book(sheets, tmp_path / "theirs.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet("Báo giá")  # a Vietnamese sheet name, under two title rows
    ws.append(["Báo giá nhà cung cấp - Bắc Ninh"])
    ws.append([])
    for row in offers:
        ws.append(row)
    wb.create_sheet("Notes").append(["call Hưng on Monday"])
    wb.save(path)

    raw = read_project(path)
    losses = save_losses(raw)
    found = {(x.kind, x.sheet, x.detail) for x in losses}
    assert ("foreign", "", "") in found
    assert ("title_rows", "Báo giá", "2") in found
    assert ("sheet", "Notes", "") in found
    assert not any(x.kind == "names" for x in losses)  # names the reader knows are kept

    saved = tmp_path / "saved.xlsx"
    write_raw(raw, saved)
    book = openpyxl.load_workbook(saved)
    assert "Báo giá" in book.sheetnames and "Offers" not in book.sheetnames
    again = read_project(saved)
    assert (
        again.sheets["Offers"]
        .reset_index(drop=True)
        .equals(raw.sheets["Offers"].reset_index(drop=True))
    )
    assert list(again.sheets["Offers"].columns)[-1] == "Ghi chú NCC"  # their column stays
    assert save_losses(again) == []


def test_mapped_headers_are_written_in_the_project_format(tmp_path):
    sheets = copy.deepcopy(SMALL)
    sheets["Suppliers"][0][0] = "Ref XYZ"  # no synonym: the user mapped it
    path = write_book(sheets, tmp_path / "mapped.xlsx")
    mapping = ColumnMapping(columns={"Suppliers": {"Ref XYZ": "supplier_id"}})
    raw = read_project(path, mapping)
    assert ("names", "Suppliers", "Suppliers") in {
        (x.kind, x.sheet, x.detail) for x in save_losses(raw)
    }
    saved = tmp_path / "saved.xlsx"
    write_raw(raw, saved)
    header = [c.value for c in openpyxl.load_workbook(saved)["Suppliers"][1]]
    assert "Ref XYZ" not in header and read_project(saved).sheets["Suppliers"] is not None


def test_an_exported_plan_says_its_plan_sheets_go(tmp_path):
    path = write_book(copy.deepcopy(SMALL), tmp_path / "small.xlsx")
    raw = read_project(path)
    result = validate(raw)
    plan = plan_project(result.project, time_limit_s=20)
    out = tmp_path / "plan.xlsx"
    write_plan_workbook(result.project, plan, out, raw=raw)
    assert written_as(out) == PLAN
    kinds = [x.kind for x in save_losses(read_project(out))]
    assert kinds == ["plan_sheets"]  # not one line per plan sheet


def test_unreadable_or_oversized_properties_mean_not_ours(tmp_path):
    text = tmp_path / "notes.xlsx"
    text.write_text("not a zip")
    assert written_as(text) is None
    assert written_as(tmp_path / "missing.xlsx") is None
    big = tmp_path / "big.xlsx"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as archive:
        filler = " " * 10_000_000  # compresses to almost nothing; never read
        archive.writestr(
            "docProps/core.xml",
            "<dc:creator>Supplier Localization Planner</dc:creator>"
            f"<cp:category>project</cp:category>{filler}",
        )
    assert written_as(big) is None


def test_saved_files_are_not_made_private(tmp_path):
    """Atomic save writes a temporary file first; the result keeps the file's permissions
    (or the umask's for a new file), so a shared project stays readable by colleagues."""
    import os

    raw = read_project(write_book(copy.deepcopy(SMALL), tmp_path / "user.xlsx"))
    new = tmp_path / "new.xlsx"
    write_raw(raw, new)
    umask = os.umask(0)
    os.umask(umask)
    assert new.stat().st_mode & 0o777 == 0o666 & ~umask
    new.chmod(0o640)
    write_raw(raw, new)
    assert new.stat().st_mode & 0o777 == 0o640
