"""Each rule of the validator: a broken workbook is reported at the right sheet, row, column."""

from __future__ import annotations

import math

import pytest

from planner.validate import check_file
from tests.planner.conftest import write_book


def problems_of(result, code):
    return [(p.sheet, p.row, p.column) for p in result.problems if p.code == code]


def test_small_project_passes(small_book):
    result = check_file(small_book)
    assert result.ok, [p.format() for p in result.errors]
    project = result.project
    comps = project["Components"].set_index("component_id")
    # Defaults a user relies on: CN incumbent share 1, TW 0, yes/no parsed.
    assert comps.loc["PCB-01", "current_china_share"] == 1.0
    assert comps.loc["SOC-01", "locked"] is True or comps.loc["SOC-01", "locked"] == True  # noqa: E712
    offers = project["Offers"].set_index("component_id")
    assert offers.loc["HSG-01", "china_share"] == 0.0  # VN supplier, blank share
    assert offers.loc["PCB-01", "earliest_period"] == "2027-Q1"  # default first period
    assert math.isinf(offers.loc["PCB-01", "capacity_per_period"])
    periods = project["Periods"].set_index("period")
    assert periods.loc["2027-Q4", "china_cap"] == pytest.approx(0.45)
    assert math.isinf(periods.loc["2027-Q4", "budget"])
    assert periods["tariff_active"].tolist() == [True] * 4
    assert project["Products"].set_index("product_id").loc["CT1", "us_share"] == 0.8
    assert project.settings.plan_name == "Small test plan"
    assert project.settings.incumbent_max_drop == 0.5


# (mutation, expected code, expected (sheet, row, column))
CASES = [
    ("missing_sheet", lambda s: s.pop("Periods"), ("Periods", None, None)),
    (
        "missing_column",
        lambda s: s["Products"][0].__setitem__(2, "whatever"),
        ("Products", 1, "fob_price"),
    ),
    (
        "required",
        lambda s: s["Components"][2].__setitem__(0, None),
        ("Components", 3, "component_id"),
    ),
    ("type", lambda s: s["Products"][1].__setitem__(2, "sixty"), ("Products", 2, "fob_price")),
    ("range", lambda s: s["Products"][1].__setitem__(2, 0), ("Products", 2, "fob_price")),
    ("range", lambda s: s["Offers"][1].__setitem__(3, 1.5), ("Offers", 2, "china_share")),
    ("type", lambda s: s["Components"][1].__setitem__(7, "maybe"), ("Components", 2, "locked")),
    ("type", lambda s: s["Suppliers"][4].__setitem__(2, "Atlantis"), ("Suppliers", 5, "country")),
    ("type", lambda s: s["Offers"][1].__setitem__(4, 1.5), ("Offers", 2, "lead_periods")),
    (
        "duplicate",
        lambda s: s["Components"].append(list(s["Components"][1])),
        ("Components", 5, "component_id"),
    ),
    ("duplicate", lambda s: s["Offers"].append(list(s["Offers"][1])), ("Offers", 4, "supplier_id")),
    ("unknown_ref", lambda s: s["BOM"][2].__setitem__(1, "NOPE-1"), ("BOM", 3, "component_id")),
    ("unknown_ref", lambda s: s["BOM"][1].__setitem__(0, "XX9"), ("BOM", 2, "product_id")),
    ("unknown_ref", lambda s: s["Offers"][1].__setitem__(1, "GHOST"), ("Offers", 2, "supplier_id")),
    (
        "unknown_ref",
        lambda s: s["Offers"][2].__setitem__(7, "2031-Q1"),
        ("Offers", 3, "earliest_period"),
    ),
    (
        "period_order",
        lambda s: s["Periods"].__setitem__(2, ["2026-Q4", None, None, None, "yes"]),
        ("Periods", 3, "period"),
    ),
    ("duplicate", lambda s: s["Periods"][2].__setitem__(0, "2027-Q1"), ("Periods", 3, "period")),
    (
        "tier_order",
        lambda s: s["Tariffs"].__setitem__(2, [0.3, 0.4]),
        ("Tariffs", 3, "max_china_share"),
    ),
    ("last_tier", lambda s: s["Tariffs"][2].__setitem__(0, 0.9), ("Tariffs", 3, "max_china_share")),
    (
        "locked_without_incumbent",
        lambda s: (
            s["Components"][1].__setitem__(3, None),
            s["Components"][1].__setitem__(7, "yes"),
        ),
        ("Components", 2, "locked"),
    ),
    (
        "no_source",
        lambda s: s["Components"].append(
            ["NEW-1", "New part", "Misc", None, None, None, None, "no"]
        ),
        ("Components", 5, "current_supplier"),
    ),
    (
        "incumbent_offer",
        lambda s: s["Offers"][1].__setitem__(1, "SZ-PCB"),
        ("Offers", 2, "supplier_id"),
    ),
    (
        "price_missing",
        lambda s: s["Components"][1].__setitem__(5, None),
        ("Components", 2, "current_unit_price"),
    ),
    ("missing_sheet", lambda s: s.pop("BOM"), ("BOM", None, None)),
    ("type", lambda s: s["Settings"].append(["objective", "cheapest"]), ("Settings", 4, "value")),
]


@pytest.mark.parametrize(
    "code, mutate, where", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_each_fault_is_reported_where_it_is(tmp_path, small_sheets, code, mutate, where):
    mutate(small_sheets)
    result = check_file(write_book(small_sheets, tmp_path / "bad.xlsx"))
    assert not result.ok
    assert result.project is None
    assert where in problems_of(result, code), [p.format() for p in result.problems]
    for problem in result.errors:
        assert problem.message.en and problem.message.vi
        assert problem.message.en != problem.message.vi


def test_every_fault_of_a_broken_workbook_is_listed(tmp_path, small_sheets):
    small_sheets["Products"][1][2] = "sixty"
    small_sheets["Offers"][1][3] = 1.5
    small_sheets["BOM"][2][1] = "NOPE-1"
    result = check_file(write_book(small_sheets, tmp_path / "bad.xlsx"))
    found = {(p.sheet, p.row, p.column) for p in result.errors}
    assert {
        ("Products", 2, "fob_price"),
        ("Offers", 2, "china_share"),
        ("BOM", 3, "component_id"),
    } <= found


def test_warnings_do_not_block(tmp_path, small_sheets):
    small_sheets["Components"].append(
        ["SPARE-1", "Spare screw", "Metal", "DG-MOLD", "CN", 0.01, None, "no"]
    )
    small_sheets["Components"][3][7] = "yes"  # locked SoC...
    small_sheets["Offers"].append(
        ["SOC-01", "BN-PCB", 20.0, 0, 1, 0, 1, None, None]
    )  # ...with an offer
    result = check_file(write_book(small_sheets, tmp_path / "w.xlsx"))
    assert result.ok, [p.format() for p in result.errors]
    codes = {p.code for p in result.warnings}
    assert {"unused_part", "locked_with_offer"} <= codes


def test_percent_written_as_whole_numbers_is_read_as_percent(tmp_path, small_sheets):
    small_sheets["Products"][1][3] = 80
    small_sheets["Products"][2][3] = 75
    result = check_file(write_book(small_sheets, tmp_path / "p.xlsx"))
    assert result.ok
    assert result.project["Products"]["us_share"].tolist() == [0.8, 0.75]
    assert any(p.code == "percent" and p.column == "us_share" for p in result.warnings)


def test_single_product_without_bom_uses_qty_per_unit(tmp_path, small_sheets):
    small_sheets.pop("BOM")
    small_sheets["Products"].pop(2)
    header = small_sheets["Components"][0]
    header.append("qty_per_unit")
    for row, q in zip(small_sheets["Components"][1:], [1, 2, None], strict=True):
        row.append(q)
    result = check_file(write_book(small_sheets, tmp_path / "one.xlsx"))
    assert ("Components", 4, "qty_per_unit") in problems_of(result, "required")
    small_sheets["Components"][3][-1] = 1
    result = check_file(write_book(small_sheets, tmp_path / "one.xlsx"))
    assert result.ok
    bom = result.project["BOM"]
    assert bom["qty_per_unit"].tolist() == [1, 2, 1]
    assert set(bom["product_id"]) == {"VR1"}


def test_incumbent_missing_from_suppliers_is_added_unlimited(tmp_path, small_sheets):
    small_sheets["Suppliers"].pop(2)  # DG-MOLD
    result = check_file(write_book(small_sheets, tmp_path / "i.xlsx"))
    assert result.ok
    assert ("Components", 3, "current_supplier") in problems_of(result, "incumbent_not_listed")
    sup = result.project["Suppliers"].set_index("supplier_id")
    assert math.isinf(sup.loc["DG-MOLD", "capacity_per_period"])
    assert sup.loc["DG-MOLD", "country"] == "CN"


def test_validation_never_raises_on_garbage(tmp_path):
    sheets = {
        "Components": [["component_id", "current_unit_price"], [None, "??"], [3.0, float("inf")]],
        "Products": [["x"]],
        "Periods": [],
        "Tariffs": [["rate"], ["a"]],
    }
    result = check_file(write_book(sheets, tmp_path / "g.xlsx"))
    assert not result.ok
    assert all(p.message.en for p in result.problems)


def test_settings_keys_in_vietnamese_and_with_spaces(tmp_path, small_sheets):
    small_sheets["Settings"] = [
        ["key", "value"],
        ["Tên kế hoạch", "Kế hoạch Bắc Ninh"],
        ["incumbent max drop", "40%"],
        ["tiền tệ", "USD"],
    ]
    result = check_file(write_book(small_sheets, tmp_path / "s.xlsx"))
    assert result.ok
    assert not result.warnings, [p.format() for p in result.warnings]
    assert result.project.settings.plan_name == "Kế hoạch Bắc Ninh"
    assert result.project.settings.incumbent_max_drop == 0.4
