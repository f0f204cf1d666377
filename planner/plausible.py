"""Rules on what a real project looks like, beyond what each cell allows.

A project far larger than the planner can plan in memory is refused before anything is built;
ids that differ only in what the eye cannot see are pointed out; prices that look typed in VND
in a USD workbook (a part dearer than the whole product) are named by their cell.
"""

from __future__ import annotations

import math
import unicodedata

import pandas as pd

from planner.problems import ERROR, WARNING, Problem
from planner.text import t

# Measured by `locplan bench`: planning holds about 0.5 GB plus 7.7 kB per offer (incumbents
# included) and period, so 400,000 offer-periods is about 3.6 GB, within a 4 GB machine's reach.
MAX_PARTS = 20_000
MAX_PERIODS = 40
MAX_OFFER_PERIODS = 400_000
MB_PER_OFFER_PERIOD = 0.0077
BASE_MB = 500


def size_problems(sheets: dict[str, pd.DataFrame]) -> list[Problem]:
    """The project's size against what the planner can plan: errors, with the numbers."""
    comps, offers, periods = (sheets.get(n) for n in ("Components", "Offers", "Periods"))
    n_parts = 0 if comps is None else len(comps)
    n_offers = 0 if offers is None else len(offers)
    n_periods = 0 if periods is None else len(periods)
    incumbents = 0
    if comps is not None and "current_supplier" in comps.columns:
        incumbents = int(comps["current_supplier"].map(_filled).sum())
    out = []
    if n_parts > MAX_PARTS:
        out.append(
            Problem(
                ERROR,
                "Components",
                None,
                None,
                t(
                    "The project has {n:,} parts; the planner plans at most {m:,}. Split it (by "
                    "product or category) into projects of at most {m:,} parts.",
                    "Dự án có {n:,} linh kiện; công cụ lập kế hoạch tối đa {m:,}. Hãy tách thành "
                    "các dự án (theo sản phẩm hoặc nhóm hàng) không quá {m:,} linh kiện.",
                    n=n_parts,
                    m=MAX_PARTS,
                ),
                "too_large",
            )
        )
    if n_periods > MAX_PERIODS:
        out.append(
            Problem(
                ERROR,
                "Periods",
                None,
                None,
                t(
                    "The horizon has {n} periods; the planner plans at most {m} (ten years of "
                    "quarters). Use quarters rather than months, or a shorter horizon.",
                    "Kế hoạch có {n} kỳ; tối đa {m} kỳ (mười năm theo quý). Hãy dùng quý thay vì "
                    "tháng, hoặc rút ngắn kế hoạch.",
                    n=n_periods,
                    m=MAX_PERIODS,
                ),
                "too_large",
            )
        )
    size = (n_offers + incumbents) * n_periods
    if not out and size > MAX_OFFER_PERIODS:
        need = BASE_MB + size * MB_PER_OFFER_PERIOD
        out.append(
            Problem(
                ERROR,
                "Offers",
                None,
                None,
                t(
                    "{o:,} offers and {i:,} parts with a current supplier over {p} periods make {s:,} "
                    "choices to plan, which would need about {gb:.1f} GB of memory; the planner "
                    "takes at most {m:,} (about 4 GB). Plan fewer parts, offers or periods at "
                    "a time.",
                    "{o:,} báo giá và {i:,} linh kiện có nhà cung cấp hiện tại qua {p} kỳ tạo ra {s:,} lựa "
                    "chọn, cần khoảng {gb:.1f} GB bộ nhớ; tối đa {m:,} (khoảng 4 GB). Hãy lập kế "
                    "hoạch cho ít linh kiện, báo giá hoặc kỳ hơn mỗi lần.",
                    o=n_offers,
                    i=incumbents,
                    p=n_periods,
                    s=size,
                    gb=need / 1024,
                    m=MAX_OFFER_PERIODS,
                ),
                "too_large",
            )
        )
    return out


def _filled(value: object) -> bool:
    return (
        value is not None
        and not (isinstance(value, float) and math.isnan(value))
        and bool(str(value).strip())
    )


# Ids that look alike ---------------------------------------------------------------------


def fold(text: str) -> str:
    """What the eye sees: full-width letters as ASCII, no invisible characters, no case."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")  # zero-width, BOM
    return " ".join(text.split()).casefold()


def _invisible(text: str) -> bool:
    return (
        any(unicodedata.category(ch) == "Cf" for ch in text)
        or unicodedata.normalize("NFKC", text) != text
    )


def lookalike_problems(sheet: str, column: str, ids: pd.Series, what: str) -> list[Problem]:
    """Warnings for ids of one sheet that differ only by case, invisible or full-width
    characters: they are two different ids to the planner, rarely to the user."""
    seen: dict[str, tuple[int, str]] = {}
    out = []
    for row, value in ids.items():
        if not value:
            continue
        key = fold(value)
        if key in seen and seen[key][1] != value:
            first_row, first = seen[key]
            out.append(
                Problem(
                    WARNING,
                    sheet,
                    row,
                    column,
                    t(
                        "{w} '{v}' looks the same as '{f}' in row {r} but differs in capital "
                        "letters, invisible or full-width characters, so they are two different "
                        "{w}s. If they are the same, type them alike.",
                        "{w_vi} '{v}' trông giống '{f}' ở dòng {r} nhưng khác chữ hoa/thường, ký "
                        "tự ẩn hoặc ký tự toàn độ, nên bị coi là hai {w_vi} khác nhau. Nếu là "
                        "một, hãy gõ giống nhau.",
                        w=what,
                        w_vi=_WHAT_VI.get(what, what),
                        v=_visible(value),
                        f=_visible(first),
                        r=first_row,
                    ),
                    "lookalike_id",
                )
            )
        elif key not in seen:
            seen[key] = (row, value)
            if _invisible(value):
                out.append(
                    Problem(
                        WARNING,
                        sheet,
                        row,
                        column,
                        t(
                            "{w} '{v}' contains invisible or full-width characters; other "
                            "sheets must type it exactly so.",
                            "{w_vi} '{v}' chứa ký tự ẩn hoặc ký tự toàn độ; các sheet khác phải "
                            "gõ đúng như vậy.",
                            w=what,
                            w_vi=_WHAT_VI.get(what, what),
                            v=_visible(value),
                        ),
                        "lookalike_id",
                    )
                )
    return out


_WHAT_VI = {"part": "linh kiện", "product": "sản phẩm", "supplier": "nhà cung cấp"}


def _visible(text: str) -> str:
    """The id with its invisible characters shown as <U+200B>."""
    return "".join(f"<U+{ord(ch):04X}>" if unicodedata.category(ch) == "Cf" else ch for ch in text)


def suggestion(value: str, known: set[str]) -> str | None:
    """The known id that `value` looks like, for an 'is not in the sheet' error."""
    key = fold(value)
    return next((k for k in sorted(known) if fold(k) == key), None)


# Prices that look typed in VND -------------------------------------------------------------


def magnitude_problems(tables: dict[str, pd.DataFrame], fx: float | None) -> list[Problem]:
    """A part that costs more per product than the product's whole FOB price, and a product
    whose Chinese content today is above 100% of its FOB: prices typed in VND, most often."""
    products, bom = tables["Products"], tables["BOM"]
    comps, offers = tables["Components"], tables["Offers"]
    fob = dict(zip(products["product_id"], products["fob_price"], strict=True))
    price = dict(zip(comps["component_id"], comps["current_unit_price"], strict=True))
    row_of = dict(zip(comps["component_id"], comps.index, strict=True))
    uses: dict[str, list[tuple[str, float]]] = {}
    for p, c, q in zip(bom["product_id"], bom["component_id"], bom["qty_per_unit"], strict=True):
        uses.setdefault(c, []).append((p, float(q)))
    priced = [
        ("Components", row_of[c], "current_unit_price", c, unit)
        for c, unit in price.items()
        if not math.isnan(unit)
    ]
    priced += [
        ("Offers", row, "unit_price", c, float(unit))
        for row, c, unit in zip(
            offers.index, offers["component_id"], offers["unit_price"], strict=True
        )
    ]
    out = [_price_above_fob(*cell, uses, fob, fx) for cell in priced]
    return [p for p in out if p is not None] + _content_above_fob(tables, price, fob)


def _price_above_fob(
    sheet: str,
    row: int,
    column: str,
    part: str,
    unit: float,
    uses: dict[str, list[tuple[str, float]]],
    fob: dict,
    fx: float | None,
) -> Problem | None:
    """A part's price that, times its quantity, is above the FOB of a product using it."""
    worst = max(
        ((unit * q / fob[p], p, q) for p, q in uses.get(part, []) if fob.get(p, 0) > 0),
        default=None,
    )
    if worst is None or worst[0] <= 1 or not math.isfinite(unit):
        return None
    _, p, q = worst
    hint = t("", "")
    if fx:
        hint = t(
            " ({u:,.2f} VND is ${d:,.4f} at {fx:,.0f} VND/USD)",
            " ({u:,.2f} VND là {d:,.4f} USD theo tỷ giá {fx:,.0f})",
            u=unit,
            d=unit / fx,
            fx=fx,
        )
    return Problem(
        WARNING,
        sheet,
        row,
        column,
        t(
            "Part {c} at {u:,.2f} a unit, {q:g} per {p}, costs more than {p}'s whole FOB "
            "price ({f:,.2f}): was it typed in VND{h}? Prices are in the project's "
            "currency.",
            "Linh kiện {c} giá {u:,.2f} mỗi cái, {q:g} cái cho mỗi {p}, đắt hơn cả giá FOB "
            "của {p} ({f:,.2f}): có phải đã gõ theo VND{h_vi}? Giá phải theo tiền tệ của "
            "dự án.",
            c=part,
            u=unit,
            q=q,
            p=p,
            f=fob[p],
            h=hint.en,
            h_vi=hint.vi,
        ),
        "price_above_fob",
    )


def _content_above_fob(tables: dict[str, pd.DataFrame], price: dict, fob: dict) -> list[Problem]:
    """Products whose Chinese content today is above their FOB price."""
    products, bom, comps = tables["Products"], tables["BOM"], tables["Components"]
    share = dict(zip(comps["component_id"], comps["current_china_share"], strict=True))
    content: dict[str, float] = {}
    for p, c, q in zip(bom["product_id"], bom["component_id"], bom["qty_per_unit"], strict=True):
        unit = price.get(c, math.nan)
        if not math.isnan(unit):
            content[p] = content.get(p, 0.0) + q * unit * share.get(c, 0.0)
    out = []
    for row, p in zip(products.index, products["product_id"], strict=True):
        if fob[p] > 0 and content.get(p, 0.0) > fob[p]:
            out.append(
                Problem(
                    WARNING,
                    "Products",
                    row,
                    "fob_price",
                    t(
                        "The Chinese content of {p} today is {s:,.0%} of its FOB price, above "
                        "100%: a price typed in VND, or an FOB price too low?",
                        "Hàm lượng Trung Quốc của {p} hiện là {s:,.0%} giá FOB, trên 100%: có giá "
                        "gõ theo VND, hoặc giá FOB quá thấp?",
                        p=p,
                        s=content[p] / fob[p],
                    ),
                    "share_above_100",
                )
            )
    return out
