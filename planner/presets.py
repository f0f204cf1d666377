"""Tariff presets: public scenarios that name their date, source and status (DOMAIN.md).

Tariffs are data: a preset only fills the Tariffs sheet, which the user can then edit. A row
is (largest Chinese share it covers, rate), optionally from a period, for one product, or for
goods of one origin (VN, not VN); a schedule's last tier covers 100%. A rate keyed to the
share of Chinese content was discussed but never enacted: presets built on it say so.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.text import Text, t

Row = tuple[float, float, str]  # (max_china_share, rate, origin)


@dataclass(frozen=True)
class TariffPreset:
    key: str
    name: Text
    source: Text
    status: Text
    tiers: tuple[Row, ...]
    # a second schedule from a period in the middle of the horizon (a regime change)
    later: tuple[Row, ...] = ()
    hypothetical: bool = False

    def rows(self, periods: list[str] | None = None) -> list[dict[str, object]]:
        """The Tariffs sheet's rows; a preset with a later regime needs the periods."""
        return [_row(s, r, o, start) for s, r, o, start in _preset_rows(self, periods or [])]


def _row(share: float, rate: float, origin: str, start: str) -> dict[str, object]:
    return {"max_china_share": share, "rate": rate, "origin": origin, "from_period": start}


def transshipment_tiers(threshold: float = 0.4) -> tuple[Row, ...]:
    """Hypothetical: 20% up to the threshold, 40% above it. The US never defined a content
    threshold; the planner's assumption, which the user edits in the Tariffs sheet."""
    return ((threshold, 0.20, "any"), (1.0, 0.40, "any"))


ORIGIN_2025: tuple[Row, ...] = ((1.0, 0.20, "VN"), (1.0, 0.40, "not VN"))

PRESETS: tuple[TariffPreset, ...] = (
    TariffPreset(
        "section122_2026",
        t("Flat 10% (Section 122 surcharge, 2026)", "Đồng mức 10% (phụ thu Mục 122, 2026)"),
        t(
            "After the Supreme Court ruled on 20 Feb 2026 that IEEPA does not authorise tariffs, "
            "a 10% surcharge on all imports under Section 122 ran for 150 days, 24 Feb to 24 Jul "
            "2026 (a raise to 15% was announced). It kept the 2025 electronics exemptions.",
            "Sau phán quyết của Tòa án Tối cao Mỹ ngày 20/02/2026 (IEEPA không cho phép áp thuế), "
            "phụ thu 10% với mọi hàng nhập khẩu theo Mục 122 áp dụng 150 ngày, 24/02 đến "
            "24/07/2026 (đã công bố tăng lên 15%). Vẫn giữ các miễn trừ hàng điện tử năm 2025.",
        ),
        t("Enacted; in force 24 Feb-24 Jul 2026.", "Đã ban hành; hiệu lực 24/02-24/07/2026."),
        ((1.0, 0.10, "any"),),
    ),
    TariffPreset(
        "origin_2025",
        t(
            "20% Vietnamese origin, 40% transshipped (Aug 2025-Feb 2026)",
            "20% hàng xuất xứ Việt Nam, 40% hàng trung chuyển (8/2025-2/2026)",
        ),
        t(
            "Announced 2 Jul 2025; the executive order of 31 Jul 2025 (in force 7 Aug 2025) set "
            "40% on goods customs finds transshipped to evade duties: an origin finding, not a "
            "content share. Kept on 26 Oct 2025 for goods of Vietnamese origin.",
            "Công bố 02/07/2025; sắc lệnh 31/07/2025 (hiệu lực 07/08/2025) áp 40% với hàng hải "
            "quan xác định trung chuyển để trốn thuế: là kết luận về xuất xứ, không phải tỷ lệ "
            "hàm lượng. Giữ nguyên ngày 26/10/2025 với hàng xuất xứ Việt Nam.",
        ),
        t(
            "Lapsed: collection stopped on 24 Feb 2026 (IEEPA ruling).",
            "Hết hiệu lực: ngừng thu từ 24/02/2026 (phán quyết IEEPA).",
        ),
        ORIGIN_2025,
    ),
    TariffPreset(
        "content_hypothetical",
        t(
            "Hypothetical: 20%, 40% above a 40% Chinese share",
            "Giả định: 20%, 40% khi tỷ lệ TQ trên 40%",
        ),
        t(
            "The July 2025 announcement read as a content rule. No content threshold was ever "
            "defined: the 40% Chinese share is an assumption to edit.",
            "Thông báo 7/2025 được hiểu như một quy tắc hàm lượng. Chưa từng có ngưỡng hàm "
            "lượng chính thức: ngưỡng 40% tỷ lệ TQ là giả định, có thể sửa.",
        ),
        t("Never enacted: an assumption.", "Chưa từng ban hành: chỉ là giả định."),
        transshipment_tiers(0.4),
        hypothetical=True,
    ),
    TariffPreset(
        "reciprocal_2025",
        t("Flat 46% (reciprocal rate announced Apr 2025)", "Đồng mức 46% (thuế đối ứng 4/2025)"),
        t(
            "Announced on 2 Apr 2025 for Vietnam, then paused at a 10% baseline: a stress case.",
            "Công bố ngày 02/04/2025 cho Việt Nam, sau đó tạm hoãn ở mức nền 10%: kịch bản xấu.",
        ),
        t("Announced, never applied: a stress case.", "Đã công bố, chưa áp dụng: kịch bản xấu."),
        ((1.0, 0.46, "any"),),
    ),
    TariffPreset(
        "regime_change",
        t(
            "Schedule: 10% now, origin-based 20%/40% from mid-horizon",
            "Theo kỳ: 10% hiện nay, 20%/40% theo xuất xứ từ giữa kỳ",
        ),
        t(
            "A flat 10% (as under Section 122) for the first half of the horizon, then 20% on "
            "goods of Vietnamese origin and 40% on others, as if the 2025 regime returned (the "
            "Section 301 investigations opened on 11 Mar 2026 could lead there).",
            "10% đồng mức (như Mục 122) trong nửa đầu kỳ kế hoạch, sau đó 20% với hàng xuất xứ "
            "Việt Nam và 40% với hàng khác, như thể chế độ 2025 quay lại (các cuộc điều tra "
            "Mục 301 mở ngày 11/03/2026 có thể dẫn tới đó).",
        ),
        t("A scenario, not law.", "Kịch bản, không phải luật."),
        ((1.0, 0.10, "any"),),
        later=ORIGIN_2025,
    ),
    TariffPreset(
        "none",
        t("No tariff", "Không có thuế"),
        t(
            "No duty on US-bound units: the plan then weighs only prices and the glide path. "
            "Exempt products (HS codes on the 2025 exemption list) are marked in Products.",
            "Không thuế với hàng xuất Mỹ: kế hoạch chỉ cân nhắc giá và lộ trình trần. Sản phẩm "
            "được miễn (mã HS trong danh sách miễn trừ 2025) được đánh dấu ở sheet Sản phẩm.",
        ),
        t("A scenario.", "Kịch bản."),
        ((1.0, 0.0, "any"),),
    ),
)
PRESET_BY_KEY = {p.key: p for p in PRESETS}


def glide_path(n_periods: int, start: float, end: float, hold: int = 0) -> list[float]:
    """A straight glide path of the Chinese-share cap from `start` to `end`, flat for the first
    `hold` periods (suppliers need time to qualify before the cap can bite)."""
    if n_periods <= 0:
        return []
    steps = max(1, n_periods - 1 - hold)
    out = []
    for i in range(n_periods):
        k = min(max(0, i - hold), steps)
        out.append(round(start + (end - start) * k / steps, 4))
    return out


def _preset_rows(preset: TariffPreset, periods: list[str]) -> list[tuple[float, float, str, str]]:
    """A preset's rows as (share, rate, origin, from_period)."""
    out = [(s, r, o, "") for s, r, o in preset.tiers]
    if preset.later and periods:
        switch = periods[len(periods) // 2]
        out += [(s, r, o, switch) for s, r, o in preset.later]
    return out


def matching(tariffs, periods: list[str]) -> TariffPreset | None:
    """The preset whose rows the Tariffs sheet holds as they are (every product, any order),
    or None when the sheet was typed or edited by hand: the plan then states the sheet."""
    typed = set()
    for r in tariffs.to_dict("records"):
        if str(r.get("product_id") or ""):
            return None
        typed.add(
            (
                round(float(r["max_china_share"]), 6),
                round(float(r["rate"]), 6),
                str(r.get("origin") or "any"),
                str(r.get("from_period") or ""),
            )
        )
    for preset in PRESETS:
        rows = {
            (round(share, 6), round(rate, 6), origin, start)
            for share, rate, origin, start in _preset_rows(preset, periods)
        }
        if rows == typed:
            return preset
    return None
