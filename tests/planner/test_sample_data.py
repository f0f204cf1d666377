"""The sample factory (sample_data/): it reads cleanly in English and in Vietnamese, the script
regenerates it, and it looks like a project a procurement team in Bắc Ninh would recognise."""

from __future__ import annotations

import functools
import importlib.util
import math
import sys
from pathlib import Path
from types import ModuleType

import openpyxl
import pandas as pd
import pytest

from planner import schema
from planner.project import TypedProject
from planner.validate import Validation, check_file

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_data"
ENGLISH = SAMPLE_DIR / "vr_headset_bac_ninh.xlsx"
VIETNAMESE = SAMPLE_DIR / "vr_headset_bac_ninh_vi.xlsx"
# the electronics clusters named in DOMAIN.md, as provinces since the merger of 1 Jul 2025
# (Bắc Giang is part of Bắc Ninh, Vĩnh Phúc of Phú Thọ, Hà Nam of Ninh Bình, Bình Dương of
# TP. Hồ Chí Minh)
PROVINCES = {
    "Bắc Ninh",
    "Thái Nguyên",
    "Phú Thọ",
    "Hải Phòng",
    "Ninh Bình",
    "Hà Nội",
    "Đồng Nai",
    "TP. Hồ Chí Minh",
    "Đà Nẵng",
}
MERGED = {"Bắc Giang", "Vĩnh Phúc", "Hà Nam", "Bình Dương"}  # no longer provinces


@functools.cache
def _script() -> ModuleType:
    """sample_data/make_sample.py, loaded from its path (sample_data is not a package)."""
    spec = importlib.util.spec_from_file_location("make_sample", SAMPLE_DIR / "make_sample.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Registered first: its dataclasses look their module up while being defined.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _checked(path: Path) -> Validation:
    result = check_file(path)
    for problem in result.problems:
        print(f"{path.name}: {problem}")  # shown with -s or on failure
    return result


@pytest.fixture(scope="module")
def english() -> TypedProject:
    result = _checked(ENGLISH)
    assert result.ok, [str(p) for p in result.errors]
    assert result.project is not None
    return result.project


@pytest.fixture(scope="module")
def vietnamese() -> TypedProject:
    result = _checked(VIETNAMESE)
    assert result.ok, [str(p) for p in result.errors]
    assert result.project is not None
    return result.project


def assert_same_project(a: TypedProject, b: TypedProject, check_dtype: bool = True) -> None:
    """Same tables row for row (Excel row numbers aside) and the same settings."""
    assert a.tables.keys() == b.tables.keys()
    for name in a.tables:
        pd.testing.assert_frame_equal(
            a[name].reset_index(drop=True),
            b[name].reset_index(drop=True),
            check_dtype=check_dtype,
            obj=name,
        )
    assert a.settings == b.settings


def share_today(project: TypedProject) -> dict[str, float]:
    """Chinese content of each product with today's incumbents, as a share of FOB."""
    comps = project["Components"].set_index("component_id")
    content = comps["current_unit_price"] * comps["current_china_share"]
    bom = project["BOM"]
    fob = project["Products"].set_index("product_id")["fob_price"]
    value = (bom["qty_per_unit"] * bom["component_id"].map(content)).groupby(bom["product_id"])
    return (value.sum() / fob).to_dict()


# Reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [ENGLISH, VIETNAMESE], ids=["english", "vietnamese"])
def test_sample_checks_without_errors_or_warnings(path):
    result = _checked(path)
    assert result.ok, [str(p) for p in result.errors]
    # The sample is what a new user opens first: it should not greet them with warnings.
    assert not result.warnings, [str(p) for p in result.warnings]


def test_vietnamese_workbook_reads_as_the_same_project(english, vietnamese):
    assert_same_project(english, vietnamese)


def test_vietnamese_workbook_is_written_the_vietnamese_way():
    wb = openpyxl.load_workbook(VIETNAMESE, read_only=True)
    try:
        # every sheet but Actuals: a project under way records events, the sample has none
        assert wb.sheetnames == [s.title_vi for s in schema.SHEETS if s.name != "Actuals"]
        rows = {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    finally:
        wb.close()
    parts = rows["Linh kiện"]
    assert parts[0][0].startswith("DANH SÁCH LINH KIỆN")  # a title above the header
    header = next(r for r in parts if r and r[0] == "Mã linh kiện")
    assert {"Mã linh kiện", "Đơn giá (USD)", "Xuất xứ"} <= set(header)
    cells = {v for r in parts for v in r if isinstance(v, str)}
    assert {"Trung Quốc", "Việt Nam", "có", "không"} <= cells
    assert any(v.endswith("%") for v in cells)  # shares written like "45%"
    quotes = rows["Báo giá"]
    assert any(r and r[0] == "Mã linh kiện" and "Đơn giá (USD)" in r for r in quotes)


def test_vietnamese_headers_are_schema_synonyms():
    """Each header the script writes is one the reader knows, for the intended column."""
    script = _script()
    for sheet_name, headers in script.VI_HEADERS.items():
        sheet = schema.SHEET_BY_NAME[sheet_name]
        assert schema.match_sheet(sheet.title_vi) is sheet
        for column, header in headers.items():
            matched = schema.match_column(sheet, header)
            assert matched is not None and matched.name == column, (sheet_name, header)


# Regenerating ----------------------------------------------------------------------------


def test_script_regenerates_the_committed_workbooks(tmp_path, english, vietnamese):
    script = _script()
    script.main(tmp_path)
    assert_same_project(_checked(tmp_path / ENGLISH.name).project, english)
    assert_same_project(_checked(tmp_path / VIETNAMESE.name).project, vietnamese)


def test_built_project_is_what_the_workbook_reads_back(english):
    # Values only: pandas infers its own text dtype for tables built in code.
    assert_same_project(_script().build_project(), english, check_dtype=False)


# A project a procurement team would recognise --------------------------------------------


def test_size_and_shape(english):
    comps, offers = english["Components"], english["Offers"]
    assert 140 <= len(comps) <= 160
    assert len(english["Products"]) == 2
    assert english.periods == [f"{y}-Q{q}" for y in (2027, 2028) for q in (1, 2, 3, 4)]
    candidates = set(offers["supplier_id"])
    assert 35 <= len(candidates) <= 45
    # Both products use the shared parts (passives, screws, IMU, labels...).
    bom = english["BOM"]
    shared = set(bom[bom["product_id"] == "VRH-1"]["component_id"]) & set(
        bom[bom["product_id"] == "VRC-1"]["component_id"]
    )
    assert len(shared) >= 20
    assert english["Volumes"].groupby("product_id").size().to_dict() == {"VRC-1": 8, "VRH-1": 8}


def test_incumbents_mostly_chinese_with_a_few_exceptions(english):
    comps = english["Components"]
    origin = comps["current_country"].value_counts()
    assert origin["CN"] / len(comps) >= 0.8
    assert {"TW", "KR", "JP", "VN"} <= set(origin.index)
    # Taiwanese dies packaged in China: part of the value only.
    partly = comps[(comps["current_country"] == "CN") & (comps["current_china_share"] < 1)]
    assert len(partly) >= 3
    # Locked parts (the SoC, display drivers...) have no quotes to be tempted by.
    locked = set(comps.loc[comps["locked"], "component_id"])
    assert {"SOC-XR2", "IC-DDIC"} <= locked
    assert not locked & set(english["Offers"]["component_id"])


def test_candidates_spread_over_the_clusters(english):
    suppliers = english["Suppliers"].set_index("supplier_id")
    candidates = suppliers.loc[sorted(set(english["Offers"]["supplier_id"]))]
    local = candidates[candidates["country"] == "VN"]
    assert set(local["province"]) == PROVINCES
    assert not (set(suppliers["province"]) & MERGED)
    assert {"KR", "JP", "TW", "TH", "MY"} <= set(candidates["country"])
    new = candidates[candidates["onboarding_cost"] > 0]["onboarding_cost"]
    assert new.between(5_000, 40_000).all()


def test_quotes_look_like_quotes(english):
    offers = english["Offers"]
    price_today = english["Components"].set_index("component_id")["current_unit_price"]
    premium = offers["unit_price"] / offers["component_id"].map(price_today) - 1
    assert premium.between(0.04, 0.36).all()
    assert offers.groupby("component_id").size().between(1, 3).all()
    assert offers["lead_periods"].between(1, 3).all()
    assert offers["max_ramp"].between(0.25, 1).all()
    assert offers["switching_cost"].between(500, 100_000).all()
    country = english["Suppliers"].set_index("supplier_id")["country"]
    local = offers[offers["supplier_id"].map(country) == "VN"]
    assert (local["china_share"] > 0).mean() > 0.9  # local parts still hold Chinese inputs
    assert (offers["earliest_period"] != english.periods[0]).any()
    assert offers["capacity_per_period"].lt(math.inf).any()


def test_chinese_share_today_makes_the_tariff_threshold_matter(english):
    tiers = english["Tariffs"]
    assert tiers["max_china_share"].iloc[-1] == 1
    assert tiers["rate"].is_monotonic_increasing
    threshold = tiers["max_china_share"].iloc[0]
    shares = share_today(english)
    assert 0.45 <= shares["VRH-1"] <= 0.60
    assert 0.40 <= shares["VRC-1"] <= 0.60
    assert all(s > threshold for s in shares.values())  # both pay the higher rate today


def test_glide_path_tightens_and_is_within_reach(english):
    periods = english["Periods"]
    caps = periods["china_cap"].dropna()
    assert periods["china_cap"].iloc[0:3].isna().all()  # no cap in the first quarters
    assert caps.is_monotonic_decreasing and caps.iloc[-1] < caps.iloc[0]
    assert periods["tariff_active"].all()
    assert periods["budget"].between(100_000, 400_000).all()
    # Taking every quote at full share (ignoring time, budget and capacity) gets each product
    # well below the last cap: the glide path is a question of pace, not of possibility.
    comps = english["Components"].set_index("component_id")
    offers = english["Offers"]
    best = comps["current_unit_price"] * comps["current_china_share"]
    offered = (offers["unit_price"] * offers["china_share"]).groupby(offers["component_id"]).min()
    free = ~comps["locked"]
    best[free] = pd.concat([best[free], offered], axis=1).min(axis=1)
    bom = english["BOM"]
    fob = english["Products"].set_index("product_id")["fob_price"]
    lowest = (bom["qty_per_unit"] * bom["component_id"].map(best)).groupby(
        bom["product_id"]
    ).sum() / fob
    assert (lowest <= caps.iloc[-1] - 0.05).all(), lowest.to_dict()


def test_settings(english):
    s = english.settings
    assert s.content_basis == "fob" and s.objective == "min_cost"
    assert s.incumbent_max_drop == 0.5 and s.time_limit_s == 60
    assert 24_000 <= (s.fx_vnd_per_usd or 0) <= 28_000
    assert english["Products"]["us_share"].between(0.7, 0.9).all()
