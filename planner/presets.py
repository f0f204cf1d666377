"""Tariff presets: public scenarios that name their date and source (see DOMAIN.md).

Tariffs are data: a preset only fills the Tariffs sheet, which the user can then edit.
Each tier is (largest Chinese share it covers, tariff rate); the last tier covers 100%.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.text import Text, t


@dataclass(frozen=True)
class TariffPreset:
    key: str
    name: Text
    source: Text
    tiers: tuple[tuple[float, float], ...]

    def rows(self) -> list[dict[str, float]]:
        return [{"max_china_share": s, "rate": r} for s, r in self.tiers]


def transshipment_tiers(threshold: float = 0.4) -> tuple[tuple[float, float], ...]:
    """20% up to the threshold, 40% above it. The US never defined the threshold: the planner's
    assumption, which the user edits in the Tariffs sheet."""
    return ((threshold, 0.20), (1.0, 0.40))


PRESETS: tuple[TariffPreset, ...] = (
    TariffPreset(
        "section122_2026",
        t("Flat 10% (Section 122 surcharge, 2026)", "Đồng mức 10% (phụ thu Mục 122, 2026)"),
        t(
            "After the Supreme Court ruled on 20 Feb 2026 that IEEPA does not authorise tariffs, "
            "a 10% surcharge on all imports under Section 122 ran for 150 days from 24 Feb 2026.",
            "Sau phán quyết của Tòa án Tối cao Mỹ ngày 20/02/2026 (IEEPA không cho phép áp thuế), "
            "phụ thu 10% với mọi hàng nhập khẩu theo Mục 122 áp dụng 150 ngày từ 24/02/2026.",
        ),
        ((1.0, 0.10),),
    ),
    TariffPreset(
        "deal_2025",
        t(
            "20%, 40% above 40% Chinese share (July 2025 deal)",
            "20%, 40% khi tỷ lệ TQ trên 40% (thỏa thuận 7/2025)",
        ),
        t(
            "Announced 2 Jul 2025 and kept on 26 Oct 2025: 20% on goods of Vietnamese origin, "
            "40% on transshipped goods (executive order of 31 Jul 2025). No content threshold "
            "was ever defined: 40% Chinese share is an assumption to edit.",
            "Công bố 02/07/2025, giữ nguyên ngày 26/10/2025: 20% với hàng xuất xứ Việt Nam, 40% "
            "với hàng trung chuyển (sắc lệnh 31/07/2025). Chưa từng có ngưỡng hàm lượng chính "
            "thức: ngưỡng 40% tỷ lệ TQ là giả định, có thể sửa.",
        ),
        transshipment_tiers(0.4),
    ),
    TariffPreset(
        "reciprocal_2025",
        t("Flat 46% (reciprocal rate announced Apr 2025)", "Đồng mức 46% (thuế đối ứng 4/2025)"),
        t(
            "Announced on 2 Apr 2025 for Vietnam, then paused at a 10% baseline: a stress case.",
            "Công bố ngày 02/04/2025 cho Việt Nam, sau đó tạm hoãn ở mức nền 10%: kịch bản xấu.",
        ),
        ((1.0, 0.46),),
    ),
    TariffPreset(
        "none",
        t("No tariff", "Không có thuế"),
        t(
            "No duty on US-bound units: the plan then weighs only prices and the glide path.",
            "Không thuế với hàng xuất Mỹ: kế hoạch chỉ cân nhắc giá và lộ trình trần.",
        ),
        ((1.0, 0.0),),
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
