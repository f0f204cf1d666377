"""Build the sample project: a VR-headset and controller assembler in Bắc Ninh.

Run `python sample_data/make_sample.py` to (re)write, beside this file:
  vr_headset_bac_ninh.xlsx     the project with canonical English sheets and headers
  vr_headset_bac_ninh_vi.xlsx  the same project as a Vietnamese team would type it
                               (Vietnamese sheet names and headers, "Trung Quốc", "có/không",
                               "30%", title rows above the header)

Everything is written out by hand below or drawn from a random generator with a fixed seed,
so two runs give the same project. How the numbers were chosen is in README.md beside this file;
all company names are invented.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from planner import schema
from planner.io.write import HEADER_FILL, HEADER_FONT, atomic_save, set_cell, typed_frames
from planner.project import INF, Settings, TypedProject

HERE = Path(__file__).resolve().parent
EN_FILE = "vr_headset_bac_ninh.xlsx"
VI_FILE = "vr_headset_bac_ninh_vi.xlsx"
SEED = 20270101  # fixed: premiums and sub-content shares are jittered, reproducibly

PERIODS = [f"{year}-Q{q}" for year in (2027, 2028) for q in (1, 2, 3, 4)]
HEADSET, CONTROLLERS = "VRH-1", "VRC-1"


# Suppliers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """How a candidate supplier quotes: the pattern procurement sees across its offers."""

    premium: tuple[float, float]  # price above the incumbent's, drawn in this range
    china_share: float  # Chinese sub-content of its parts (laminate, resin, cells, magnets...)
    lead: int  # quarters from the start of qualification to the first delivery
    ramp: float  # largest rise of its share per quarter
    nre_factor: float = 1.0  # its switching cost relative to the part's typical NRE/tooling
    earliest: str | None = None  # e.g. a new line that only opens later


@dataclass(frozen=True)
class Supplier:
    supplier_id: str
    name: str
    country: str
    province: str
    onboarding_cost: float = 0.0
    capacity: float = INF  # units per quarter over all its parts
    profile: Profile | None = None  # None: an incumbent that quotes nothing new


P = Profile
# Incumbents: mostly Chinese; a few parts already come from Taiwan, Korea, Japan or Vietnam.
INCUMBENTS: list[Supplier] = [
    Supplier("CN-PENGXIN-PCB", "Pengxin Multilayer Circuit Co.", "CN", "Guangdong"),
    Supplier("CN-YUECHENG-FPC", "Yuecheng Flexible Electronics Co.", "CN", "Jiangsu"),
    Supplier("CN-RUIFENG-MOLD", "Ruifeng Precision Moulding Co.", "CN", "Guangdong"),
    Supplier("CN-JINHUI-MOLD", "Jinhui Plastic Technology Co.", "CN", "Guangdong"),
    Supplier("CN-HENGTAI-MET", "Hengtai Precision Stamping Co.", "CN", "Guangdong"),
    Supplier("CN-JINGGU-FAST", "Jinggu Micro Fasteners Co.", "CN", "Guangdong"),
    Supplier("CN-ROUXIN-DIECUT", "Rouxin Die-Cut Materials Co.", "CN", "Jiangsu"),
    Supplier("CN-HUACAI-PKG", "Huacai Packaging & Printing Co.", "CN", "Guangdong"),
    Supplier("CN-QINGROU-TEX", "Qingrou Soft Goods Co.", "CN", "Fujian"),
    Supplier("CN-ANBO-BAT", "Anbo Cell Technology Co.", "CN", "Guangdong"),
    Supplier("CN-ANNENG-PWR", "Anneng Power Adapter Co.", "CN", "Guangdong"),
    Supplier("CN-RUISHI-CAM", "Ruishi Vision Module Co.", "CN", "Guangdong"),
    Supplier("CN-JINGCAI-LCD", "Jingcai Display Technology Co.", "CN", "Anhui"),
    Supplier("CN-LANJING-OPT", "Lanjing Optical Co.", "CN", "Guangdong"),
    Supplier("CN-SHENGYIN-ACO", "Shengyin Acoustic Co.", "CN", "Shandong"),
    Supplier("CN-ZHENDONG-MOT", "Zhendong Micro Motor Co.", "CN", "Zhejiang"),
    Supplier("CN-LIANXUN-CON", "Lianxun Interconnect Co.", "CN", "Jiangsu"),
    Supplier("CN-BAIYUAN-DIST", "Baiyuan Components Trading Co.", "CN", "Guangdong"),
    Supplier("CN-XINNENG-IC", "Xinneng Analog Semiconductor Co.", "CN", "Shanghai"),
    # Sells Taiwanese and US chips packaged and tested in China: only part of the value is CN.
    Supplier("CN-TIANCHUANG-DIST", "Tianchuang Electronics Supply Co.", "CN", "Guangdong"),
    Supplier("CN-HUAYI-RF", "Huayi Wireless Module Co.", "CN", "Guangdong"),
    Supplier("TW-XINYI-SEMI", "Xinyi Semiconductor Distribution Ltd.", "TW", "Taipei"),
    Supplier("KR-SEORIN-MEM", "Seorin Memory Solutions Co.", "KR", "Gyeonggi"),
    Supplier("JP-HODAKA-SENS", "Hodaka Sensing Devices K.K.", "JP", "Nagano"),
]

# Candidates: Vietnamese industrial provinces first, then Korea, Japan, Taiwan, Thailand,
# Malaysia. Onboarding (audit, supplier set-up, quality agreement) is $5k-40k; PCB, battery and
# display makers need the longest audits. Capacities are units per quarter over all parts.
CANDIDATES: list[Supplier] = [
    Supplier(
        "VN-KINHBAC-PCB",
        "Kinh Bắc Circuit Technology JSC",
        "VN",
        "Bắc Ninh",
        38_000,
        420_000,
        # Laminate, copper foil and prepreg still come from China.
        P((0.12, 0.20), 0.45, 2, 0.5),
    ),
    Supplier(
        "VN-TAMDAO-PCB",
        "Tam Đảo Electronic Board Co., Ltd.",
        "VN",
        "Phú Thọ",  # the former Vĩnh Phúc
        32_000,
        300_000,
        P((0.10, 0.18), 0.40, 2, 0.5),
    ),
    Supplier(
        "VN-SONGCAU-FPC",
        "Song Cầu Flex Circuits Co., Ltd.",
        "VN",
        "Bắc Ninh",  # the former Bắc Giang
        24_000,
        None,
        P((0.10, 0.22), 0.40, 2, 0.5),
    ),
    Supplier(
        "VN-LACHTRAY-FPC",
        "Lạch Tray Flexible Technology JSC",
        "VN",
        "Hải Phòng",
        22_000,
        None,
        P((0.12, 0.25), 0.45, 2, 0.5),
    ),
    Supplier(
        "VN-YENPHONG-MOLD",
        "Yên Phong Precision Plastics Co., Ltd.",
        "VN",
        "Bắc Ninh",
        18_000,
        2_500_000,
        # PC/ABS resin partly Chinese, partly Korean and Taiwanese.
        P((0.08, 0.16), 0.25, 2, 0.5),
    ),
    Supplier(
        "VN-DONGVAN-MOLD",
        "Đồng Văn Mould & Plastic JSC",
        "VN",
        "Ninh Bình",  # the former Hà Nam
        14_000,
        None,
        P((0.06, 0.14), 0.30, 2, 0.5),
    ),
    Supplier(
        "VN-TANUYEN-MOLD",
        "Tân Uyên Molding Technology Co., Ltd.",
        "VN",
        "TP. Hồ Chí Minh",  # the former Bình Dương
        12_000,
        None,
        P((0.05, 0.12), 0.30, 2, 0.5),
    ),
    Supplier(
        "VN-BIENHOA-POLY",
        "Biên Hòa Polymer Parts Co., Ltd.",
        "VN",
        "Đồng Nai",
        12_000,
        None,
        P((0.07, 0.15), 0.30, 2, 0.5),
    ),
    Supplier(
        "VN-SONGCONG-MET",
        "Sông Công Metal Stamping Co., Ltd.",
        "VN",
        "Thái Nguyên",
        12_000,
        None,
        # Stainless coil and zinc alloy bought from China.
        P((0.06, 0.14), 0.35, 2, 0.5),
    ),
    Supplier(
        "VN-DINHVU-MET",
        "Đình Vũ Precision Metal JSC",
        "VN",
        "Hải Phòng",
        14_000,
        None,
        P((0.08, 0.16), 0.35, 2, 0.5),
    ),
    Supplier(
        "VN-DONGANH-FAST",
        "Đông Anh Micro Fasteners Co., Ltd.",
        "VN",
        "Hà Nội",
        6_000,
        None,
        P((0.05, 0.12), 0.40, 1, 1.0),
    ),
    Supplier(
        "VN-QUEVO-DIECUT",
        "Quế Võ Die-Cut Solutions Co., Ltd.",
        "VN",
        "Bắc Ninh",
        6_000,
        None,
        # Converts foam and tape rolls bought from China, Korea and Japan.
        P((0.05, 0.12), 0.40, 1, 1.0),
    ),
    Supplier(
        "VN-VIETYEN-CONV",
        "Việt Yên Converting Co., Ltd.",
        "VN",
        "Bắc Ninh",  # the former Bắc Giang
        7_000,
        None,
        P((0.06, 0.14), 0.45, 1, 1.0),
    ),
    Supplier(
        "VN-TUSON-PKG",
        "Từ Sơn Packaging JSC",
        "VN",
        "Bắc Ninh",
        0,  # already the incumbent of the pulp trays and cartons: no new onboarding
        None,
        P((0.05, 0.10), 0.05, 1, 1.0),
    ),
    Supplier(
        "VN-THUANAN-PKG",
        "Thuận An Carton & Print Co., Ltd.",
        "VN",
        "TP. Hồ Chí Minh",  # the former Bình Dương
        5_000,
        None,
        P((0.06, 0.12), 0.08, 1, 1.0),
    ),
    Supplier(
        "VN-LONGBIEN-PRINT",
        "Long Biên Label & Print Co., Ltd.",
        "VN",
        "Hà Nội",
        0,  # already prints the quick start guide
        None,
        P((0.05, 0.10), 0.10, 1, 1.0),
    ),
    Supplier(
        "VN-ANDUONG-CABLE",
        "An Dương Cable Co., Ltd.",
        "VN",
        "Hải Phòng",
        9_000,
        None,
        # Copper is local, connectors and overmould compound Chinese.
        P((0.08, 0.18), 0.50, 2, 0.5),
    ),
    Supplier(
        "VN-NHONTRACH-WIRE",
        "Nhơn Trạch Wire & Cable JSC",
        "VN",
        "Đồng Nai",
        8_000,
        None,
        P((0.06, 0.15), 0.50, 2, 0.5),
    ),
    Supplier(
        "VN-SAIGON-POWER",
        "Sài Gòn Power Electronics Co., Ltd.",
        "VN",
        "TP. Hồ Chí Minh",
        22_000,
        None,
        # Transformers, controller ICs and capacitors mostly Chinese.
        P((0.10, 0.20), 0.55, 2, 0.5),
    ),
    Supplier(
        "VN-BACGIANG-ENERGY",
        "Bắc Giang Energy Pack JSC",
        "VN",
        "Bắc Ninh",  # the former Bắc Giang
        40_000,
        260_000,
        # Packs Chinese cells: most of the value stays Chinese.
        P((0.06, 0.12), 0.62, 2, 0.5),
    ),
    Supplier(
        "VN-LONGTHANH-BAT",
        "Long Thành Battery Technology Co., Ltd.",
        "VN",
        "Đồng Nai",
        36_000,
        300_000,
        # Packs Korean cells; its new line opens in 2027-Q3.
        P((0.18, 0.28), 0.20, 2, 0.5, earliest="2027-Q3"),
    ),
    Supplier(
        "VN-PHUCYEN-ACO",
        "Phúc Yên Acoustics Co., Ltd.",
        "VN",
        "Phú Thọ",  # the former Vĩnh Phúc
        15_000,
        None,
        # NdFeB magnets come from China.
        P((0.10, 0.20), 0.45, 2, 0.5),
    ),
    Supplier(
        "VN-TIENDU-OPTO",
        "Tiên Du Opto Module Co., Ltd.",
        "VN",
        "Bắc Ninh",
        30_000,
        650_000,
        # Image sensors from Korea and Japan, lens barrels and holders from China; one new
        # line at a time, so it ramps slowly.
        P((0.12, 0.22), 0.45, 3, 0.35),
    ),
    Supplier(
        "VN-HOAKHANH-OPT",
        "Hòa Khánh Optics Co., Ltd.",
        "VN",
        "Đà Nẵng",
        28_000,
        None,
        P((0.15, 0.30), 0.30, 3, 0.5, earliest="2027-Q2"),
    ),
    Supplier(
        "VN-PHULY-MOTOR",
        "Phủ Lý Micro Motor Co., Ltd.",
        "VN",
        "Ninh Bình",  # the former Hà Nam
        15_000,
        None,
        P((0.10, 0.20), 0.45, 2, 0.5),
    ),
    Supplier(
        "VN-MYPHUOC-CONN",
        "Mỹ Phước Connector Co., Ltd.",
        "VN",
        "TP. Hồ Chí Minh",  # the former Bình Dương
        12_000,
        None,
        # Stamped and plated locally; the insulator resin and some contacts are Chinese.
        P((0.08, 0.18), 0.35, 2, 0.5),
    ),
    Supplier(
        "VN-THUONGTIN-TEX",
        "Thường Tín Textile Co., Ltd.",
        "VN",
        "Hà Nội",
        8_000,
        None,
        # Chinese yarn and elastic.
        P((0.06, 0.14), 0.35, 1, 1.0),
    ),
    Supplier(
        "VN-GOVAP-SOFT",
        "Gò Vấp Soft Goods Co., Ltd.",
        "VN",
        "TP. Hồ Chí Minh",
        7_000,
        None,
        P((0.08, 0.16), 0.30, 1, 1.0),
    ),
    Supplier(
        "VN-LIENCHIEU-THERM",
        "Liên Chiểu Thermal Solutions Co., Ltd.",
        "VN",
        "Đà Nẵng",
        12_000,
        None,
        P((0.10, 0.20), 0.30, 2, 0.5),
    ),
    Supplier(
        "VN-KIENAN-SILICONE",
        "Kiến An Silicone Rubber Co., Ltd.",
        "VN",
        "Hải Phòng",
        8_000,
        None,
        P((0.06, 0.14), 0.40, 1, 1.0),
    ),
    Supplier(
        "VN-QUEVO-LCM",
        "Quế Võ Display Module Co., Ltd.",
        "VN",
        "Bắc Ninh",
        40_000,
        320_000,
        # Assembles modules on Chinese glass cells; its line opens in 2027-Q3 and ramps slowly.
        P((0.05, 0.10), 0.62, 2, 0.25, earliest="2027-Q3"),
    ),
    Supplier(
        "KR-MIRAEON-CER",
        "Miraeon Ceramic Components Co., Ltd.",
        "KR",
        "Gyeonggi",
        12_000,
        None,
        P((0.15, 0.30), 0.0, 1, 1.0, nre_factor=1.2),
    ),
    Supplier(
        "KR-DAESAN-CELL",
        "Daesan Cell Energy Co., Ltd.",
        "KR",
        "Chungcheongbuk",
        30_000,
        None,
        P((0.20, 0.32), 0.10, 3, 0.35, nre_factor=1.2),
    ),
    Supplier(
        "KR-HANUL-DISP",
        "Hanul Display Co., Ltd.",
        "KR",
        "Gyeonggi",
        40_000,
        None,
        # Allocation for a new customer only from 2027-Q2.
        P((0.22, 0.32), 0.08, 3, 0.5, nre_factor=1.2, earliest="2027-Q2"),
    ),
    Supplier(
        "KR-SEOGWANG-OPTO",
        "Seogwang Opto-Module Co., Ltd.",
        "KR",
        "Gyeonggi",
        25_000,
        None,
        P((0.25, 0.35), 0.08, 3, 0.5, nre_factor=1.2),
    ),
    Supplier(
        "JP-KITAMORI-PARTS",
        "Kitamori Electronic Parts K.K.",
        "JP",
        "Nagano",
        15_000,
        None,
        P((0.18, 0.35), 0.0, 1, 1.0, nre_factor=1.3),
    ),
    Supplier(
        "JP-ASHITAKA-OPT",
        "Ashitaka Optical K.K.",
        "JP",
        "Shizuoka",
        25_000,
        None,
        P((0.28, 0.35), 0.02, 3, 0.5, nre_factor=1.3),
    ),
    Supplier(
        "TW-HSINPEI-CONN",
        "Hsinpei Interconnect Corp.",
        "TW",
        "Taoyuan",
        10_000,
        None,
        P((0.08, 0.18), 0.10, 1, 1.0),
    ),
    Supplier(
        "TW-NEIHU-SEMI",
        "Neihu Semiconductor Supply Corp.",
        "TW",
        "Taipei",
        8_000,
        None,
        # Direct from Taiwanese fabs and test houses, no Chinese packaging step.
        P((0.05, 0.15), 0.05, 2, 1.0),
    ),
    Supplier(
        "TW-ZHUBEI-PCB",
        "Zhubei HDI Circuits Corp.",
        "TW",
        "Hsinchu",
        35_000,
        None,
        P((0.18, 0.28), 0.12, 2, 0.5, nre_factor=1.1),
    ),
    Supplier(
        "TH-CHONBURI-MOTOR",
        "Chonburi Precision Motor Co., Ltd.",
        "TH",
        "Chonburi",
        18_000,
        None,
        P((0.12, 0.25), 0.15, 2, 0.5),
    ),
    Supplier(
        "MY-BAYANLEPAS-SEMI",
        "Bayan Lepas Power Semiconductor Sdn. Bhd.",
        "MY",
        "Penang",
        15_000,
        None,
        # Power-tree ICs need a full requalification: three quarters.
        P((0.10, 0.25), 0.08, 3, 0.5),
    ),
    Supplier(
        "MY-SENAI-CABLE",
        "Senai Cable Assembly Sdn. Bhd.",
        "MY",
        "Johor",
        9_000,
        None,
        P((0.10, 0.20), 0.20, 2, 0.5),
    ),
]


# Parts -----------------------------------------------------------------------------------

# Typical one-time cost of qualifying a new source, by category, when the part has no tooling
# of its own: samples, reliability tests, PPAP, certification (UL/FCC for chargers, UN38.3 and
# IEC 62133 for batteries), firmware retuning for ICs.
NRE = {
    "SoC/memory": 8_000,
    "PMIC/power IC": 12_000,
    "IC": 6_000,
    "Sensor": 5_000,
    "Passives": 800,
    "LED": 1_500,
    "Connector": 3_000,
    "Antenna": 6_000,
    "Switch/input": 3_000,
    "PCB": 25_000,
    "FPC/flex cable": 9_000,
    "Camera module": 35_000,
    "Display": 60_000,
    "Optics": 30_000,
    "Battery": 28_000,
    "Charger/cable": 15_000,
    "Speaker/microphone": 8_000,
    "Haptics/motor": 7_000,
    "Thermal": 9_000,
    "Plastic housing": 30_000,
    "Metal stamping": 15_000,
    "Screw/fastener": 1_200,
    "Foam/adhesive": 2_000,
    "Textile/silicone": 4_000,
    "Packaging": 2_500,
    "Label/print": 600,
}


CRITICAL = {"PCB-MAIN", "BAT-HS-5060"}  # the headset's main board and battery pack


@dataclass(frozen=True)
class Part:
    component_id: str
    description: str
    category: str
    hs_code: str
    price: float  # USD per unit from the incumbent today
    qty_headset: float  # per headset
    qty_controllers: float  # per controller pair
    incumbent: str
    quotes: tuple[str, ...] = ()  # candidate suppliers that have quoted
    china_share: float | None = None  # None: 1 for a Chinese incumbent, else 0
    locked: bool = False
    tooling: float | None = None  # part-specific tooling/NRE; None: the category's
    capacity: dict[str, float] | None = None  # per offer, units per quarter


def _parts() -> list[Part]:
    """The bill of materials of both products: about 150 parts, by commodity."""
    parts: list[Part] = []

    def add(*args, **kwargs) -> None:
        parts.append(Part(*args, **kwargs))

    # Processor and memory: the SoC and the display drivers are design-locked.
    add("SOC-XR2", "XR application processor, 4 nm", "SoC/memory", "8542.31", 58.0, 1, 0,
        "TW-XINYI-SEMI", locked=True)  # fmt: skip
    add("MEM-LP5X-12G", "LPDDR5X 12 GB", "SoC/memory", "8542.32", 26.5, 1, 0, "KR-SEORIN-MEM")
    add("MEM-UFS-256G", "UFS 3.1 storage 256 GB", "SoC/memory", "8542.32", 15.8, 1, 0,
        "KR-SEORIN-MEM")  # fmt: skip
    add("MEM-NOR-16M", "SPI NOR flash 16 Mb (controller)", "SoC/memory", "8542.32", 0.22, 0, 2,
        "CN-BAIYUAN-DIST", ("TW-NEIHU-SEMI",))  # fmt: skip
    add("IC-BLE-CT", "Bluetooth LE 5.3 SoC (controller)", "SoC/memory", "8542.31", 1.85, 0, 2,
        "CN-TIANCHUANG-DIST", china_share=0.30, locked=True)  # fmt: skip
    add("RF-WIFI-MOD", "Wi-Fi 6E + BT 5.3 module, FCC modular approval", "SoC/memory",
        "8517.62", 6.8, 1, 0, "CN-HUAYI-RF", china_share=0.45, locked=True)  # fmt: skip
    add("IC-DDIC", "Display driver IC, 2160 x 2160", "IC", "8542.39", 2.4, 2, 0,
        "TW-XINYI-SEMI", locked=True)  # fmt: skip

    # Power management.
    pw = "PMIC/power IC"
    add("PMIC-MAIN", "PMIC, 14 channels, main rails", pw, "8542.39", 3.4, 1, 0, "CN-XINNENG-IC",
        ("MY-BAYANLEPAS-SEMI", "TW-NEIHU-SEMI"))  # fmt: skip
    add("PMIC-AUX", "PMIC, display and camera rails", pw, "8542.39", 1.25, 1, 0, "CN-XINNENG-IC",
        ("MY-BAYANLEPAS-SEMI",))  # fmt: skip
    add("IC-CHG-HS", "Li-ion charger IC 3 A, USB-PD input", pw, "8542.39", 0.95, 1, 0,
        "CN-XINNENG-IC", ("MY-BAYANLEPAS-SEMI", "TW-NEIHU-SEMI"))  # fmt: skip
    add("IC-CHG-CT", "Li-ion charger IC 500 mA (controller)", pw, "8542.39", 0.32, 0, 2,
        "CN-XINNENG-IC", ("MY-BAYANLEPAS-SEMI",))  # fmt: skip
    add("IC-FUELGAUGE", "Fuel gauge IC", pw, "8542.39", 0.55, 1, 0, "CN-XINNENG-IC",
        ("TW-NEIHU-SEMI",))  # fmt: skip
    add("IC-LDO-300", "LDO regulator 300 mA", pw, "8542.39", 0.055, 7, 2, "CN-XINNENG-IC",
        ("MY-BAYANLEPAS-SEMI", "TW-NEIHU-SEMI"), tooling=4_000)  # fmt: skip
    add("IC-BUCK-2A", "Buck converter 2 A", pw, "8542.39", 0.24, 3, 2, "CN-XINNENG-IC",
        ("MY-BAYANLEPAS-SEMI",), tooling=6_000)  # fmt: skip
    add("MOS-DUAL-N", "Dual N-channel MOSFET", pw, "8541.29", 0.045, 4, 2, "CN-BAIYUAN-DIST",
        ("MY-BAYANLEPAS-SEMI",), tooling=2_000)  # fmt: skip
    add("DIO-ESD", "ESD protection array, 4 lines", pw, "8541.10", 0.028, 10, 6,
        "CN-BAIYUAN-DIST", ("MY-BAYANLEPAS-SEMI", "TW-NEIHU-SEMI"), tooling=1_500)  # fmt: skip
    add("DIO-TVS-VBUS", "TVS diode, USB VBUS", pw, "8541.10", 0.03, 2, 2, "CN-BAIYUAN-DIST",
        ("MY-BAYANLEPAS-SEMI",), tooling=1_500)  # fmt: skip

    # Other ICs; the TIANCHUANG ones are Taiwanese dies packaged in China.
    add("IC-CODEC", "Audio codec with headphone amplifier", "IC", "8542.39", 0.88, 1, 0,
        "CN-TIANCHUANG-DIST", ("TW-NEIHU-SEMI",), china_share=0.35)  # fmt: skip
    add("IC-SMARTAMP", "Smart speaker amplifier", "IC", "8542.39", 0.62, 2, 0, "CN-XINNENG-IC",
        ("TW-NEIHU-SEMI",))  # fmt: skip
    add("IC-USBPD", "USB-PD controller", "IC", "8542.39", 0.58, 1, 0, "CN-TIANCHUANG-DIST",
        ("TW-NEIHU-SEMI",), china_share=0.30)  # fmt: skip
    add("IC-MIPI-BRIDGE", "MIPI bridge IC", "IC", "8542.39", 1.65, 1, 0, "CN-TIANCHUANG-DIST",
        ("TW-NEIHU-SEMI",), china_share=0.25)  # fmt: skip
    add("IC-MCU-HUB", "Sensor hub MCU", "IC", "8542.31", 0.95, 1, 0, "CN-XINNENG-IC",
        ("TW-NEIHU-SEMI", "MY-BAYANLEPAS-SEMI"))  # fmt: skip
    add("IC-EEPROM", "EEPROM 64 kb", "IC", "8542.32", 0.09, 1, 2, "CN-BAIYUAN-DIST",
        ("TW-NEIHU-SEMI", "MY-BAYANLEPAS-SEMI"), tooling=2_000)  # fmt: skip
    add("IC-LEDDRV-CT", "IR LED driver (controller)", "IC", "8542.39", 0.28, 0, 2,
        "CN-XINNENG-IC", ("MY-BAYANLEPAS-SEMI",))  # fmt: skip
    add("IC-HAPDRV-CT", "Haptic driver (controller)", "IC", "8542.39", 0.36, 0, 2,
        "CN-XINNENG-IC", ("TW-NEIHU-SEMI", "MY-BAYANLEPAS-SEMI"))  # fmt: skip

    # Sensors; the IMU already comes from Japan.
    add("SEN-IMU-6AX", "6-axis IMU", "Sensor", "8542.39", 1.15, 1, 2, "JP-HODAKA-SENS")
    add("SEN-MAG", "3-axis magnetometer", "Sensor", "8542.39", 0.38, 1, 0, "CN-BAIYUAN-DIST",
        ("TW-NEIHU-SEMI",))  # fmt: skip
    add("SEN-PROX", "Proximity sensor, wear detection", "Sensor", "8541.49", 0.32, 1, 0,
        "CN-BAIYUAN-DIST", ("TW-NEIHU-SEMI",))  # fmt: skip
    add("SEN-HALL", "Hall-effect sensor", "Sensor", "8542.39", 0.12, 2, 4, "CN-BAIYUAN-DIST",
        ("JP-KITAMORI-PARTS", "MY-BAYANLEPAS-SEMI"), tooling=2_500)  # fmt: skip
    add("SEN-TOUCH-CT", "Capacitive touch sensor IC (controller)", "Sensor", "8542.39", 0.26, 0,
        2, "CN-BAIYUAN-DIST", ("TW-NEIHU-SEMI",))  # fmt: skip
    add("SEN-NTC", "NTC thermistor 10 k", "Sensor", "8533.40", 0.015, 3, 2, "CN-BAIYUAN-DIST",
        ("JP-KITAMORI-PARTS", "KR-MIRAEON-CER"), tooling=800)  # fmt: skip

    # Passives: Chinese brands through a Shenzhen distributor today.
    pa = "Passives"
    add("CAP-0201-100N", "MLCC 0201 100 nF X5R 6.3 V", pa, "8532.24", 0.0016, 180, 36,
        "CN-BAIYUAN-DIST", ("KR-MIRAEON-CER", "JP-KITAMORI-PARTS"))  # fmt: skip
    add("CAP-0201-1U", "MLCC 0201 1 µF X5R 6.3 V", pa, "8532.24", 0.0024, 95, 20,
        "CN-BAIYUAN-DIST", ("KR-MIRAEON-CER", "JP-KITAMORI-PARTS"))  # fmt: skip
    add("CAP-0402-4U7", "MLCC 0402 4.7 µF X5R 10 V", pa, "8532.24", 0.0045, 60, 16,
        "CN-BAIYUAN-DIST", ("KR-MIRAEON-CER", "JP-KITAMORI-PARTS"))  # fmt: skip
    add("CAP-0402-10U", "MLCC 0402 10 µF X5R 6.3 V", pa, "8532.24", 0.0068, 40, 10,
        "CN-BAIYUAN-DIST", ("KR-MIRAEON-CER",))  # fmt: skip
    add("CAP-0603-22U", "MLCC 0603 22 µF X5R 10 V", pa, "8532.24", 0.012, 22, 6,
        "CN-BAIYUAN-DIST", ("KR-MIRAEON-CER", "JP-KITAMORI-PARTS"))  # fmt: skip
    add("CAP-POLY-100U", "Polymer tantalum capacitor 100 µF", pa, "8532.21", 0.095, 4, 0,
        "CN-BAIYUAN-DIST", ("JP-KITAMORI-PARTS", "KR-MIRAEON-CER"))  # fmt: skip
    add("RES-0201", "Chip resistor 0201 1 %", pa, "8533.21", 0.0007, 150, 40, "CN-BAIYUAN-DIST",
        ("KR-MIRAEON-CER", "JP-KITAMORI-PARTS"))  # fmt: skip
    add("RES-0402", "Chip resistor 0402 1 %", pa, "8533.21", 0.0009, 45, 14, "CN-BAIYUAN-DIST",
        ("KR-MIRAEON-CER",))  # fmt: skip
    add("IND-PWR-1U0", "Power inductor 1.0 µH, 2016", pa, "8504.50", 0.075, 10, 4,
        "CN-BAIYUAN-DIST", ("JP-KITAMORI-PARTS", "KR-MIRAEON-CER"), tooling=1_500)  # fmt: skip
    add("IND-RF-0201", "RF chip inductor 0201", pa, "8504.50", 0.009, 14, 6, "CN-BAIYUAN-DIST",
        ("JP-KITAMORI-PARTS",))  # fmt: skip
    add("FB-0402", "Ferrite bead 0402", pa, "8504.50", 0.0035, 22, 8, "CN-BAIYUAN-DIST",
        ("KR-MIRAEON-CER", "JP-KITAMORI-PARTS"))  # fmt: skip
    add("CMC-USB", "Common-mode choke, USB 2.0", pa, "8504.50", 0.058, 1, 2, "CN-BAIYUAN-DIST",
        ("JP-KITAMORI-PARTS",))  # fmt: skip
    add("XTAL-38M4", "Crystal 38.4 MHz", pa, "8541.60", 0.11, 1, 0, "CN-BAIYUAN-DIST",
        ("JP-KITAMORI-PARTS",), tooling=1_500)  # fmt: skip
    add("XTAL-32K", "Crystal 32.768 kHz", pa, "8541.60", 0.055, 1, 2, "CN-BAIYUAN-DIST",
        ("JP-KITAMORI-PARTS",), tooling=1_500)  # fmt: skip

    # LEDs.
    add("LED-IR-CT", "IR LED 850 nm, tracking constellation", "LED", "8541.41", 0.042, 0, 30,
        "CN-BAIYUAN-DIST", ("TW-NEIHU-SEMI", "MY-BAYANLEPAS-SEMI"))  # fmt: skip
    add("LED-IR-HS", "IR LED 850 nm, eye and face illumination", "LED", "8541.41", 0.05, 8, 0,
        "CN-BAIYUAN-DIST", ("TW-NEIHU-SEMI",))  # fmt: skip
    add("LED-RGB", "RGB status LED", "LED", "8541.41", 0.035, 1, 2, "CN-BAIYUAN-DIST",
        ("TW-NEIHU-SEMI",))  # fmt: skip

    # Connectors and antennas.
    co = "Connector"
    add("CON-USBC-24P", "USB-C receptacle 24-pin, mid-mount", co, "8536.69", 0.34, 1, 2,
        "CN-LIANXUN-CON", ("VN-MYPHUOC-CONN", "TW-HSINPEI-CONN"))  # fmt: skip
    add("CON-B2B-40P", "Board-to-board connector 40-pin 0.35 mm, pair", co, "8536.69", 0.27, 4,
        0, "CN-LIANXUN-CON", ("TW-HSINPEI-CONN", "JP-KITAMORI-PARTS"))  # fmt: skip
    add("CON-B2B-24P", "Board-to-board connector 24-pin 0.35 mm, pair", co, "8536.69", 0.19, 3,
        2, "CN-LIANXUN-CON", ("TW-HSINPEI-CONN", "VN-MYPHUOC-CONN"))  # fmt: skip
    add("CON-ZIF-30P", "FPC ZIF connector 30-pin", co, "8536.69", 0.14, 4, 0, "CN-LIANXUN-CON",
        ("VN-MYPHUOC-CONN", "TW-HSINPEI-CONN"))  # fmt: skip
    add("CON-BAT-3P", "Battery connector 3-pin", co, "8536.69", 0.07, 1, 2, "CN-LIANXUN-CON",
        ("VN-MYPHUOC-CONN", "TW-HSINPEI-CONN"))  # fmt: skip
    add("CON-POGO", "Spring contact (pogo pin)", co, "8536.69", 0.045, 4, 4, "CN-LIANXUN-CON",
        ("VN-MYPHUOC-CONN",))  # fmt: skip
    add("CON-UFL", "RF coaxial receptacle, U.FL type", co, "8536.69", 0.09, 3, 0,
        "CN-LIANXUN-CON", ("TW-HSINPEI-CONN", "JP-KITAMORI-PARTS"))  # fmt: skip
    add("ANT-LDS-HS", "LDS antenna, Wi-Fi/BT (headset)", "Antenna", "8529.10", 0.42, 2, 0,
        "CN-LIANXUN-CON", ("TW-HSINPEI-CONN", "VN-YENPHONG-MOLD"))  # fmt: skip
    add("ANT-FPC-CT", "FPC antenna, BLE (controller)", "Antenna", "8529.10", 0.12, 0, 2,
        "CN-LIANXUN-CON", ("VN-SONGCAU-FPC", "TW-HSINPEI-CONN"))  # fmt: skip

    # Switches and input.
    sw = "Switch/input"
    add("SW-TACT-3X2", "Tact switch 3 x 2 mm", sw, "8536.50", 0.028, 3, 12, "CN-LIANXUN-CON",
        ("JP-KITAMORI-PARTS", "VN-MYPHUOC-CONN"))  # fmt: skip
    add("JOY-THUMB", "Thumbstick module, hall-effect", sw, "8538.90", 1.42, 0, 2,
        "CN-ZHENDONG-MOT", ("JP-KITAMORI-PARTS", "TH-CHONBURI-MOTOR"), tooling=12_000)  # fmt: skip
    add("SW-TRIGGER", "Analog trigger sensor assembly", sw, "8538.90", 0.22, 0, 4,
        "CN-ZHENDONG-MOT", ("TH-CHONBURI-MOTOR",), tooling=8_000)  # fmt: skip

    # Bare boards: the board assembly (SMT) is done in-house in Bắc Ninh.
    add("PCB-MAIN", "Main board, 10-layer any-layer HDI", "PCB", "8534.00", 11.8, 1, 0,
        "CN-PENGXIN-PCB", ("VN-KINHBAC-PCB", "TW-ZHUBEI-PCB"), tooling=35_000,
        capacity={"VN-KINHBAC-PCB": 120_000})  # fmt: skip
    add("PCB-SUB", "Sub-board, 6-layer HDI", "PCB", "8534.00", 3.2, 1, 0, "CN-PENGXIN-PCB",
        ("VN-KINHBAC-PCB", "VN-TAMDAO-PCB"))  # fmt: skip
    add("PCB-IPD", "IPD sensor board, 4-layer", "PCB", "8534.00", 0.85, 1, 0, "CN-PENGXIN-PCB",
        ("VN-TAMDAO-PCB", "VN-KINHBAC-PCB"), tooling=12_000)  # fmt: skip
    add("PCB-CT-MAIN", "Controller main board, 6-layer", "PCB", "8534.00", 1.45, 0, 2,
        "CN-PENGXIN-PCB", ("VN-KINHBAC-PCB", "VN-TAMDAO-PCB"), tooling=20_000)  # fmt: skip
    add("PCB-CT-KEY", "Controller button board, 2-layer", "PCB", "8534.00", 0.24, 0, 2,
        "CN-PENGXIN-PCB", ("VN-TAMDAO-PCB",), tooling=8_000)  # fmt: skip

    # Flex circuits and cable assemblies.
    fp = "FPC/flex cable"
    add("FPC-DISP", "Display flex, 4-layer", fp, "8534.00", 1.15, 2, 0, "CN-YUECHENG-FPC",
        ("VN-SONGCAU-FPC", "TW-HSINPEI-CONN"))  # fmt: skip
    add("FPC-CAM", "Camera flex, 2-layer", fp, "8534.00", 0.62, 6, 0, "CN-YUECHENG-FPC",
        ("VN-SONGCAU-FPC", "VN-LACHTRAY-FPC"))  # fmt: skip
    add("FPC-MAIN-SUB", "Main-to-sub-board flex", fp, "8534.00", 0.88, 1, 0, "CN-YUECHENG-FPC",
        ("VN-LACHTRAY-FPC", "VN-SONGCAU-FPC"))  # fmt: skip
    add("FPC-BAT", "Battery flex", fp, "8534.00", 0.42, 1, 0, "CN-YUECHENG-FPC",
        ("VN-LACHTRAY-FPC",), tooling=5_000)  # fmt: skip
    add("FPC-CT-LED", "Controller LED ring flex", fp, "8534.00", 0.46, 0, 2, "CN-YUECHENG-FPC",
        ("VN-SONGCAU-FPC",))  # fmt: skip
    add("CAB-COAX", "Micro-coax cable assembly", fp, "8544.42", 0.52, 2, 0, "CN-YUECHENG-FPC",
        ("MY-SENAI-CABLE", "VN-ANDUONG-CABLE"), tooling=6_000)  # fmt: skip

    # Cameras.
    ca = "Camera module"
    add("CAM-TRACK", "Tracking camera, mono global shutter", ca, "8525.89", 4.1, 4, 0,
        "CN-RUISHI-CAM", ("VN-TIENDU-OPTO", "KR-SEOGWANG-OPTO"))  # fmt: skip
    add("CAM-RGB-16M", "Passthrough camera, 16 MP colour", ca, "8525.89", 7.6, 2, 0,
        "CN-RUISHI-CAM", ("VN-TIENDU-OPTO", "KR-SEOGWANG-OPTO"), tooling=40_000)  # fmt: skip
    add("CAM-DEPTH", "Depth sensor module, time of flight", ca, "8525.89", 9.2, 1, 0,
        "CN-RUISHI-CAM", ("KR-SEOGWANG-OPTO",), china_share=0.40)  # fmt: skip
    add("CAM-EYE", "Eye-tracking camera, IR", ca, "8525.89", 2.8, 2, 0, "CN-RUISHI-CAM",
        ("VN-TIENDU-OPTO",), tooling=25_000)  # fmt: skip
    add("CAM-COVER", "Camera cover glass, AR coated", "Optics", "7007.19", 0.11, 6, 0,
        "CN-LANJING-OPT", ("VN-HOAKHANH-OPT", "JP-ASHITAKA-OPT"), tooling=6_000)  # fmt: skip

    # Display and optics.
    add("LCD-256", "Fast-switch LCD 2.56 in, 2160 x 2160, 120 Hz", "Display", "8524.11", 21.5,
        2, 0, "CN-JINGCAI-LCD", ("KR-HANUL-DISP", "VN-QUEVO-LCM"),
        capacity={"KR-HANUL-DISP": 300_000})  # fmt: skip
    add("BLU-256", "Mini-LED backlight unit 2.56 in", "Display", "8529.90", 3.3, 2, 0,
        "CN-JINGCAI-LCD", ("VN-QUEVO-LCM", "KR-HANUL-DISP"), tooling=30_000)  # fmt: skip
    add("LENS-PANCAKE", "Pancake lens assembly", "Optics", "9002.90", 9.4, 2, 0,
        "CN-LANJING-OPT", ("VN-HOAKHANH-OPT", "JP-ASHITAKA-OPT"), tooling=45_000,
        capacity={"VN-HOAKHANH-OPT": 260_000})  # fmt: skip
    add("OPT-QWP-FILM", "Quarter-wave plate and reflective polariser film", "Optics",
        "9001.20", 0.95, 2, 0, "CN-LANJING-OPT", ("JP-ASHITAKA-OPT",), tooling=12_000)  # fmt: skip
    add("OPT-OCA", "Optically clear adhesive, die-cut", "Optics", "3919.90", 0.18, 2, 0,
        "CN-ROUXIN-DIECUT", ("VN-QUEVO-DIECUT", "JP-KITAMORI-PARTS"), tooling=3_000)  # fmt: skip
    add("LENS-IR-WINDOW", "Front IR window, PMMA", "Optics", "3926.90", 0.28, 1, 0,
        "CN-LANJING-OPT", ("VN-HOAKHANH-OPT", "VN-YENPHONG-MOLD"), tooling=14_000)  # fmt: skip

    # Batteries, charger and cable in the box.
    add("BAT-HS-5060", "Li-ion pack 2S 5060 mAh with protection board", "Battery", "8507.60",
        8.6, 1, 0, "CN-ANBO-BAT", ("VN-BACGIANG-ENERGY", "KR-DAESAN-CELL", "VN-LONGTHANH-BAT"),
        tooling=35_000)  # fmt: skip
    add("BAT-CT-600", "Li-ion pack 1S 600 mAh (controller)", "Battery", "8507.60", 1.55, 0, 2,
        "CN-ANBO-BAT", ("VN-BACGIANG-ENERGY", "VN-LONGTHANH-BAT"), tooling=22_000)  # fmt: skip
    add("CHG-18W", "USB-C charger 18 W, US plug", "Charger/cable", "8504.40", 3.1, 1, 0,
        "CN-ANNENG-PWR", ("VN-SAIGON-POWER",), tooling=24_000)  # fmt: skip
    add("CAB-USBC-1M", "USB-C to USB-C cable 1 m, braided", "Charger/cable", "8544.42", 0.82,
        1, 0, "CN-ANNENG-PWR", ("VN-ANDUONG-CABLE", "MY-SENAI-CABLE",
        "VN-NHONTRACH-WIRE"), tooling=5_000)  # fmt: skip

    # Audio and haptics.
    add("SPK-1511", "Speaker module 15 x 11 mm with chamber", "Speaker/microphone", "8518.29",
        1.35, 2, 0, "CN-SHENGYIN-ACO", ("VN-PHUCYEN-ACO",), tooling=14_000)  # fmt: skip
    add("MIC-MEMS", "MEMS microphone, bottom port", "Speaker/microphone", "8518.10", 0.28, 4, 0,
        "CN-SHENGYIN-ACO", ("TW-NEIHU-SEMI", "VN-PHUCYEN-ACO"), tooling=5_000)  # fmt: skip
    add("ACO-MESH", "Acoustic mesh, die-cut", "Speaker/microphone", "5911.90", 0.04, 4, 0,
        "CN-ROUXIN-DIECUT", ("VN-QUEVO-DIECUT",), tooling=1_500)  # fmt: skip
    add("HAP-LRA", "LRA haptic actuator", "Haptics/motor", "8501.10", 1.25, 0, 2,
        "CN-ZHENDONG-MOT", ("VN-PHULY-MOTOR", "TH-CHONBURI-MOTOR"))  # fmt: skip
    add("MOT-FAN-30", "Blower fan 30 x 30 x 5 mm", "Haptics/motor", "8414.59", 1.85, 1, 0,
        "CN-ZHENDONG-MOT", ("VN-PHULY-MOTOR", "TH-CHONBURI-MOTOR"), tooling=10_000)  # fmt: skip

    # Thermal.
    add("THM-VC", "Vapor chamber heat spreader", "Thermal", "7419.80", 2.55, 1, 0,
        "CN-HENGTAI-MET", ("VN-LIENCHIEU-THERM",), tooling=18_000)  # fmt: skip
    add("THM-GRAPHITE", "Graphite sheet, die-cut", "Thermal", "3801.90", 0.24, 3, 0,
        "CN-ROUXIN-DIECUT", ("VN-LIENCHIEU-THERM", "VN-QUEVO-DIECUT"), tooling=3_000)  # fmt: skip
    add("THM-PAD", "Thermal pad 1.5 W/mK", "Thermal", "3910.00", 0.07, 4, 2, "CN-ROUXIN-DIECUT",
        ("VN-LIENCHIEU-THERM",), tooling=2_000)  # fmt: skip

    # Plastic housings: tooling is the switching cost ($8k for a light pipe, $75k for a painted
    # front cover with slides).
    pl, hs = "Plastic housing", "3926.90"
    for cid, desc, price, qh, qc, inc, quotes, tool in (
        ("PLA-FRONT", "Front cover, PC/ABS, painted", 2.85, 1, 0, "CN-RUIFENG-MOLD",
         ("VN-YENPHONG-MOLD", "VN-DONGVAN-MOLD"), 75_000),
        ("PLA-REAR", "Rear housing, PC/ABS", 1.95, 1, 0, "CN-RUIFENG-MOLD",
         ("VN-YENPHONG-MOLD", "VN-TANUYEN-MOLD"), 60_000),
        ("PLA-MIDFRAME", "Middle frame, PC + 30 % GF", 2.3, 1, 0, "CN-RUIFENG-MOLD",
         ("VN-YENPHONG-MOLD", "VN-DONGVAN-MOLD"), 70_000),
        ("PLA-LENSHOLDER", "Lens holder, PC", 0.46, 2, 0, "CN-RUIFENG-MOLD",
         ("VN-DONGVAN-MOLD", "VN-BIENHOA-POLY"), 28_000),
        ("PLA-FACEBKT", "Facial interface bracket, PP", 0.92, 1, 0, "CN-RUIFENG-MOLD",
         ("VN-TANUYEN-MOLD", "VN-BIENHOA-POLY"), 32_000),
        ("PLA-STRAPARM", "Strap arm, PA12", 0.68, 2, 0, "CN-RUIFENG-MOLD",
         ("VN-YENPHONG-MOLD",), 40_000),
        ("PLA-BUTTONS", "Button caps, power and volume", 0.05, 3, 0, "CN-RUIFENG-MOLD",
         ("VN-DONGVAN-MOLD",), 12_000),
        ("PLA-LIGHTPIPE", "Light pipe, clear PC", 0.035, 1, 0, "CN-RUIFENG-MOLD",
         ("VN-BIENHOA-POLY",), 8_000),
        ("PLA-IPDSLIDER", "IPD slider, POM", 0.31, 1, 0, "CN-RUIFENG-MOLD",
         ("VN-DONGVAN-MOLD",), 18_000),
        ("PLA-CAMBEZEL", "Camera bezel", 0.08, 6, 0, "CN-RUIFENG-MOLD",
         ("VN-TANUYEN-MOLD", "VN-YENPHONG-MOLD"), 15_000),
        ("PLA-FANDUCT", "Fan duct", 0.34, 1, 0, "CN-RUIFENG-MOLD",
         ("VN-BIENHOA-POLY",), 20_000),
        ("PLA-BATHOLDER", "Battery holder", 0.28, 1, 0, "CN-RUIFENG-MOLD",
         ("VN-TANUYEN-MOLD",), 16_000),
        ("PLA-CT-GRIP", "Controller grip housing, soft-touch PC/ABS", 0.88, 0, 2,
         "CN-JINHUI-MOLD", ("VN-YENPHONG-MOLD", "VN-TANUYEN-MOLD"), 55_000),
        ("PLA-CT-TOP", "Controller top cover", 0.56, 0, 2, "CN-JINHUI-MOLD",
         ("VN-DONGVAN-MOLD", "VN-YENPHONG-MOLD"), 42_000),
        ("PLA-CT-RING", "Tracking ring, IR-transparent PC", 0.78, 0, 2, "CN-JINHUI-MOLD",
         ("VN-YENPHONG-MOLD",), 50_000),
        ("PLA-CT-TRIGGER", "Trigger, PC", 0.12, 0, 2, "CN-JINHUI-MOLD",
         ("VN-DONGVAN-MOLD", "VN-BIENHOA-POLY"), 14_000),
        ("PLA-CT-FACEBTN", "Face button set, A/B and X/Y", 0.08, 0, 2, "CN-JINHUI-MOLD",
         ("VN-DONGVAN-MOLD",), 14_000),
        ("PLA-CT-DOOR", "Battery door", 0.11, 0, 2, "CN-JINHUI-MOLD",
         ("VN-TANUYEN-MOLD",), 12_000),
        ("PLA-CT-IRWIN", "IR window", 0.17, 0, 2, "CN-JINHUI-MOLD",
         ("VN-BIENHOA-POLY",), 16_000),
    ):  # fmt: skip
        add(cid, desc, pl, hs, price, qh, qc, inc, quotes, tooling=tool)

    # Metal stamping and die-casting.
    me = "Metal stamping"
    for cid, desc, hs_code, price, qh, qc, quotes, tool in (
        ("MET-SHIELD", "RF shield can, SUS 0.15 mm", "7326.90", 0.055, 6, 2,
         ("VN-SONGCONG-MET", "VN-DINHVU-MET"), 12_000),
        ("MET-BRKT-MAIN", "Main board bracket, SUS", "7326.90", 0.44, 1, 0,
         ("VN-SONGCONG-MET", "VN-DINHVU-MET"), 18_000),
        ("MET-BRKT-LENS", "Lens module bracket, Al die-cast", "7616.99", 0.36, 2, 0,
         ("VN-DINHVU-MET",), 32_000),
        ("MET-HINGE", "Strap hinge, zinc die-cast", "7907.00", 0.42, 2, 0,
         ("VN-SONGCONG-MET",), 26_000),
        ("MET-STIFFENER", "FPC stiffener, SUS", "7326.90", 0.018, 8, 4,
         ("VN-SONGCONG-MET", "VN-DINHVU-MET"), 6_000),
        ("MET-SPRING-CT", "Trigger torsion spring", "7320.20", 0.018, 0, 4,
         ("VN-SONGCONG-MET",), 5_000),
        ("MET-WEIGHT-CT", "Controller balance weight, zinc", "7907.00", 0.14, 0, 2,
         ("VN-DINHVU-MET",), 10_000),
        ("MET-DECO-RING", "Decorative ring, anodised aluminium", "7616.99", 0.38, 1, 0,
         ("VN-DINHVU-MET", "VN-SONGCONG-MET"), 22_000),
    ):  # fmt: skip
        add(cid, desc, me, hs_code, price, qh, qc, "CN-HENGTAI-MET", quotes, tooling=tool)

    # Screws and inserts.
    sc = "Screw/fastener"
    for cid, desc, hs_code, price, qh, qc in (
        ("SCR-M14X3", "Screw M1.4 x 3, black zinc", "7318.15", 0.0055, 18, 8),
        ("SCR-M16X4", "Screw M1.6 x 4, black zinc", "7318.15", 0.0065, 8, 4),
        ("SCR-M2X5", "Screw M2 x 5", "7318.15", 0.0078, 6, 0),
        ("SCR-PT17X5-CT", "Self-tapping screw PT 1.7 x 5 (controller)", "7318.15", 0.0045, 0, 12),
        ("NUT-INSERT-M16", "Heat-set insert M1.6, brass", "7318.16", 0.011, 8, 4),
    ):  # fmt: skip
        add(cid, desc, sc, hs_code, price, qh, qc, "CN-JINGGU-FAST", ("VN-DONGANH-FAST",))

    # Foam, gaskets, adhesives and tapes (die-cut).
    fo = "Foam/adhesive"
    for cid, desc, hs_code, price, qh, qc, quotes in (
        ("FOA-FACE", "Facial interface foam, PU", "3921.13", 0.86, 1, 0,
         ("VN-QUEVO-DIECUT", "VN-GOVAP-SOFT")),
        ("FOA-DUST", "Dust gasket set", "3921.13", 0.12, 1, 0,
         ("VN-QUEVO-DIECUT", "VN-VIETYEN-CONV")),
        ("ADH-DISPLAY", "Display frame adhesive, die-cut", "3919.90", 0.1, 2, 0,
         ("VN-QUEVO-DIECUT", "VN-VIETYEN-CONV")),
        ("ADH-BATTERY", "Battery stretch-release adhesive", "3919.90", 0.05, 1, 2,
         ("VN-VIETYEN-CONV",)),
        ("FOA-CT", "Controller cushioning foam", "3921.13", 0.05, 0, 4,
         ("VN-VIETYEN-CONV",)),
        ("MYL-INSULATOR", "Mylar insulator, die-cut", "3920.62", 0.018, 4, 2,
         ("VN-QUEVO-DIECUT",)),
        ("TAPE-CONDUCT", "Conductive cloth tape", "5911.90", 0.028, 6, 2,
         ("VN-QUEVO-DIECUT", "VN-VIETYEN-CONV")),
        ("FILM-LENS-PROT", "Lens protection film", "3919.90", 0.04, 2, 0,
         ("VN-QUEVO-DIECUT",)),
    ):  # fmt: skip
        add(cid, desc, fo, hs_code, price, qh, qc, "CN-ROUXIN-DIECUT", quotes)

    # Strap, facial interface and silicone parts.
    tx = "Textile/silicone"
    for cid, desc, hs_code, price, qh, qc, quotes, tool in (
        ("TEX-STRAP", "Head strap, elastic woven, with buckle", "6307.90", 2.35, 1, 0,
         ("VN-THUONGTIN-TEX", "VN-GOVAP-SOFT"), 9_000),
        ("TEX-FACE-COVER", "Facial interface cover, PU leather", "4202.92", 0.92, 1, 0,
         ("VN-GOVAP-SOFT", "VN-THUONGTIN-TEX"), 6_000),
        ("TEX-WRIST-STRAP", "Controller wrist strap", "6307.90", 0.17, 0, 2,
         ("VN-THUONGTIN-TEX",), None),
        ("RUB-NOSE-PAD", "Nose pad, silicone", "4016.99", 0.21, 1, 0,
         ("VN-KIENAN-SILICONE",), 8_000),
        ("RUB-THUMB-CAP", "Thumbstick cap, TPU", "4016.99", 0.06, 0, 2,
         ("VN-KIENAN-SILICONE",), 6_000),
    ):  # fmt: skip
        add(cid, desc, tx, hs_code, price, qh, qc, "CN-QINGROU-TEX", quotes, tooling=tool)

    # Packaging and print: the pulp trays, shipping cartons and the printed guide are local.
    pk, lb = "Packaging", "Label/print"
    add("PKG-GIFT-BOX", "Retail box, printed rigid board", pk, "4819.20", 2.1, 1, 0,
        "CN-HUACAI-PKG", ("VN-TUSON-PKG", "VN-THUANAN-PKG"), tooling=6_000)  # fmt: skip
    add("PKG-CT-BOX", "Retail box, controller pair", pk, "4819.20", 0.78, 0, 1, "CN-HUACAI-PKG",
        ("VN-TUSON-PKG", "VN-THUANAN-PKG"), tooling=4_000)  # fmt: skip
    add("PKG-SLEEVE", "Printed outer sleeve", pk, "4819.20", 0.24, 1, 1, "CN-HUACAI-PKG",
        ("VN-THUANAN-PKG",))  # fmt: skip
    add("PKG-PE-BAG", "PE bag, anti-static", pk, "3923.21", 0.018, 3, 2, "CN-HUACAI-PKG",
        ("VN-THUANAN-PKG",), tooling=800)  # fmt: skip
    add("PKG-TRAY", "Moulded pulp tray (headset)", pk, "4823.70", 0.52, 1, 0, "VN-TUSON-PKG")
    add("PKG-CT-TRAY", "Moulded pulp tray (controllers)", pk, "4823.70", 0.34, 0, 1,
        "VN-TUSON-PKG")  # fmt: skip
    add("PKG-SHIPPER", "Shipping carton, per unit", pk, "4819.10", 0.3, 1, 1, "VN-TUSON-PKG")
    add("PRT-QSG", "Quick start guide and safety leaflet", lb, "4911.10", 0.16, 1, 1,
        "VN-LONGBIEN-PRINT")  # fmt: skip
    add("LBL-RATING", "Rating label, PET", lb, "4821.10", 0.028, 1, 0, "CN-HUACAI-PKG",
        ("VN-LONGBIEN-PRINT",))  # fmt: skip
    add("LBL-SERIAL", "Serial-number label", lb, "4821.10", 0.018, 2, 2, "CN-HUACAI-PKG",
        ("VN-LONGBIEN-PRINT",))  # fmt: skip
    add("LBL-BOX", "Box barcode and compliance label", lb, "4821.10", 0.02, 2, 1,
        "CN-HUACAI-PKG", ("VN-LONGBIEN-PRINT", "VN-THUANAN-PKG"))  # fmt: skip
    return parts


# Products, horizon and settings ----------------------------------------------------------

PRODUCTS = pd.DataFrame(
    {
        "product_id": [HEADSET, CONTROLLERS],
        "name": ["VR headset H1 (standalone, 256 GB)", "Controller pair C1 (left + right)"],
        "fob_price": [389.0, 62.0],
        # US-bound share of units; the rest goes to the EU, Japan and Korea.
        "us_share": [0.8, 0.75],
        "units_per_period": [140_000.0, 150_000.0],
        # a tethered VR headset has been ruled 8528.52 (monitors); controllers are input units
        # of 8471.60. Both headings were on the April 2025 exemption list: this sample assumes
        # the duty applies (a scenario can mark them exempt).
        "hs_code": ["8528.52", "8471.60"],
        "tariff_exempt": [False, False],
        "origin_rule": ["process", "process"],
    }
)

# A ramping forecast with the fourth-quarter peak that consumer electronics have; controller
# pairs also sell as accessories, so slightly more pairs than headsets.
VOLUMES = {
    HEADSET: [95_000, 110_000, 135_000, 185_000, 115_000, 125_000, 150_000, 210_000],
    CONTROLLERS: [100_000, 115_000, 140_000, 195_000, 120_000, 130_000, 160_000, 220_000],
}

# One-time spending the plant controller has approved per quarter (tooling, NRE, audits; front-
# loaded, about two thirds of what taking every quote would cost), the
# qualifications engineering can run in parallel, and the customer's glide path of Chinese
# content: nothing in 2027's first three quarters, then 45% -> 40% -> 35% -> 30% of FOB.
PERIOD_ROWS = [
    # period, budget, max_new_qualifications, china_cap
    ("2027-Q1", 300_000, 8, None),
    ("2027-Q2", 400_000, 10, None),
    ("2027-Q3", 400_000, 10, None),
    ("2027-Q4", 350_000, 12, 0.45),
    ("2028-Q1", 300_000, 12, 0.40),
    ("2028-Q2", 250_000, 12, 0.35),
    ("2028-Q3", 200_000, 10, 0.35),
    ("2028-Q4", 150_000, 8, 0.30),
]
# Qualifications the quality and engineering teams can run at once (a qualification runs from
# its start until its part delivers).
IN_PROGRESS = [12, 14, 14, 14, 14, 12, 12, 10]

# The 2 Jul 2025 announcement: 20% on goods of Vietnam, 40% on goods deemed "transshipped".
# No content threshold was ever defined, so "transshipped = more than 40% Chinese content of
# FOB" is this sample's assumption (see README.md).
TARIFFS = pd.DataFrame(
    {
        "max_china_share": [0.40, 1.0],
        "rate": [0.20, 0.40],
        "from_period": ["", ""],
        "product_id": ["", ""],
        "origin": ["any", "any"],
    }
)

SETTINGS = Settings(
    plan_name="H1 headset and C1 controllers: localization plan 2027-2028, Bắc Ninh",
    content_basis="fob",
    rvc_min=None,
    incumbent_max_drop=0.5,  # never take more than half of a part from an incumbent at once
    objective="min_cost",
    time_limit_s=60.0,
    mip_gap=1e-4,
    fx_vnd_per_usd=26_000.0,
    currency="USD",
    solver="auto",
)


# Building the typed project --------------------------------------------------------------


def _money(value: float) -> float:
    """Quoted prices keep four decimals (passives cost fractions of a cent)."""
    return round(value, 4)


def _one_time(value: float) -> float:
    """One-time costs are quoted to the nearest $500 (at least $500)."""
    return max(500.0, round(value / 500.0) * 500.0)


def _offers(parts: list[Part], suppliers: dict[str, Supplier]) -> pd.DataFrame:
    rng = random.Random(SEED)
    rows = []
    for part in parts:
        for supplier_id in part.quotes:
            profile = suppliers[supplier_id].profile
            assert profile is not None, supplier_id
            low, high = profile.premium
            premium = round(rng.uniform(low, high), 2)
            # Sub-content varies a little from part to part around the supplier's usual mix.
            share = profile.china_share
            if share > 0:
                share = min(1.0, max(0.0, round(share + rng.uniform(-0.05, 0.05), 2)))
            base = part.tooling if part.tooling is not None else NRE[part.category]
            capacity = (part.capacity or {}).get(supplier_id, INF)
            rows.append(
                {
                    "component_id": part.component_id,
                    "supplier_id": supplier_id,
                    "unit_price": _money(part.price * (1 + premium)),
                    "china_share": share,
                    "lead_periods": profile.lead,
                    "switching_cost": _one_time(base * profile.nre_factor),
                    "max_ramp": profile.ramp,
                    "earliest_period": profile.earliest or PERIODS[0],
                    "capacity_per_period": float(capacity),
                }
            )
    offers = pd.DataFrame(rows)
    offers["lead_periods"] = offers["lead_periods"].astype(int)
    return offers


def build_project() -> TypedProject:
    """The sample as typed tables (what the validator returns when it reads the workbook)."""
    parts = _parts()
    everyone = INCUMBENTS + CANDIDATES
    suppliers = {s.supplier_id: s for s in everyone}
    assert len(suppliers) == len(everyone), "supplier ids must be unique"
    country = {s.supplier_id: s.country for s in everyone}

    components = pd.DataFrame(
        {
            "component_id": [p.component_id for p in parts],
            "description": [p.description for p in parts],
            "category": [p.category for p in parts],
            "hs_code": [p.hs_code for p in parts],
            "qty_per_unit": math.nan,  # two products: the BOM sheet says how many
            "current_supplier": [p.incumbent for p in parts],
            "current_country": [country[p.incumbent] for p in parts],
            "current_unit_price": [p.price for p in parts],
            "current_china_share": [
                p.china_share
                if p.china_share is not None
                else (1.0 if country[p.incumbent] == "CN" else 0.0)
                for p in parts
            ],
            "locked": [p.locked for p in parts],
            "incumbent_max_drop": math.nan,  # the setting
            "max_supplier_share": 1.0,
            # a line stops without them: once they move, a second source keeps its share
            "critical": [p.component_id in CRITICAL for p in parts],
        }
    )
    bom = pd.DataFrame(
        [
            {"product_id": product, "component_id": p.component_id, "qty_per_unit": float(q)}
            for product, attr in ((HEADSET, "qty_headset"), (CONTROLLERS, "qty_controllers"))
            for p in parts
            if (q := getattr(p, attr)) > 0
        ]
    )
    supplier_table = pd.DataFrame(
        {
            "supplier_id": [s.supplier_id for s in everyone],
            "name": [s.name for s in everyone],
            "country": [s.country for s in everyone],
            "province": [s.province for s in everyone],
            "onboarding_cost": [float(s.onboarding_cost) for s in everyone],
            "capacity_per_period": [
                INF if s.capacity is None else float(s.capacity) for s in everyone
            ],
        }
    )
    periods = pd.DataFrame(
        {
            "period": [p for p, *_ in PERIOD_ROWS],
            "budget": [float(b) for _, b, _, _ in PERIOD_ROWS],
            "max_new_qualifications": [float(q) for _, _, q, _ in PERIOD_ROWS],
            "china_cap": [math.nan if c is None else c for *_, c in PERIOD_ROWS],
            "tariff_active": True,
            "max_qualifications_in_progress": [float(n) for n in IN_PROGRESS],
        }
    )
    volumes = pd.DataFrame(
        [
            {"product_id": product, "period": period, "units": float(units)}
            for product, series in VOLUMES.items()
            for period, units in zip(PERIODS, series, strict=True)
        ]
    )
    tables = {
        "Components": components,
        "Products": PRODUCTS.copy(),
        "BOM": bom,
        "Suppliers": supplier_table,
        "Offers": _offers(parts, suppliers).assign(
            min_units=0.0, origin_country=lambda o: o["supplier_id"].map(country)
        ),
        "Periods": periods,
        "Volumes": volumes,
        "Tariffs": TARIFFS.copy(),
    }
    return TypedProject(tables=tables, settings=SETTINGS)


def china_share_today(project: TypedProject) -> dict[str, float]:
    """Chinese content of each product with today's incumbents, as a share of its FOB price."""
    comps = project["Components"].set_index("component_id")
    content = comps["current_unit_price"] * comps["current_china_share"]
    out = {}
    for product in project["Products"].itertuples():
        bom = project["BOM"][project["BOM"]["product_id"] == product.product_id]
        value = float((bom["qty_per_unit"] * bom["component_id"].map(content)).sum())
        out[product.product_id] = value / product.fob_price
    return out


def material_cost_today(project: TypedProject) -> dict[str, float]:
    comps = project["Components"].set_index("component_id")
    out = {}
    for product in project["Products"].itertuples():
        bom = project["BOM"][project["BOM"]["product_id"] == product.product_id]
        price = bom["component_id"].map(comps["current_unit_price"])
        out[product.product_id] = float((bom["qty_per_unit"] * price).sum())
    return out


# The Vietnamese workbook -----------------------------------------------------------------

# Headers a Vietnamese team would type; each is one of the column's synonyms in planner.schema
# (the test checks that the reader maps them back). A unit in brackets is allowed after it.
VI_HEADERS: dict[str, dict[str, str]] = {
    "Components": {
        "component_id": "Mã linh kiện",
        "description": "Mô tả",
        "category": "Nhóm hàng",
        "hs_code": "Mã HS",
        "qty_per_unit": "Định mức",
        "current_supplier": "NCC hiện tại",
        "current_country": "Xuất xứ",
        "current_unit_price": "Đơn giá (USD)",
        "current_china_share": "Hàm lượng TQ",
        "locked": "Giữ nguyên",
        "incumbent_max_drop": "Giảm tối đa",
        "max_supplier_share": "Tỷ trọng tối đa một NCC",
        "critical": "Trọng yếu",
    },
    "Products": {
        "product_id": "Mã sản phẩm",
        "name": "Tên sản phẩm",
        "fob_price": "Giá FOB (USD)",
        "us_share": "Tỷ lệ xuất Mỹ",
        "units_per_period": "Sản lượng/kỳ",
        "hs_code": "Mã HS",
        "tariff_exempt": "Miễn thuế",
        "origin_rule": "Quy tắc xuất xứ",
    },
    "BOM": {"product_id": "Mã SP", "component_id": "Mã linh kiện", "qty_per_unit": "Số lượng"},
    "Suppliers": {
        "supplier_id": "Mã NCC",
        "name": "Tên nhà cung cấp",
        "country": "Quốc gia",
        "province": "Tỉnh/thành",
        "onboarding_cost": "Chi phí đánh giá (USD)",
        "capacity_per_period": "Công suất/kỳ",
    },
    "Offers": {
        "component_id": "Mã linh kiện",
        "supplier_id": "Nhà cung cấp",
        "unit_price": "Đơn giá (USD)",
        "china_share": "Hàm lượng TQ",
        "lead_periods": "Thời gian phê duyệt (quý)",
        "switching_cost": "Chi phí chuyển đổi (USD)",
        "max_ramp": "Tăng tối đa",
        "earliest_period": "Kỳ sớm nhất",
        "capacity_per_period": "Công suất",
        "min_units": "SL tối thiểu",
        "origin_country": "Nước sản xuất",
    },
    "Periods": {
        "period": "Quý",
        "budget": "Ngân sách (USD)",
        "max_new_qualifications": "Số phê duyệt tối đa",
        "china_cap": "Tỷ lệ TQ tối đa",
        "tariff_active": "Áp thuế",
        "max_qualifications_in_progress": "Số phê duyệt đồng thời",
    },
    "Volumes": {"product_id": "Mã SP", "period": "Quý", "units": "Sản lượng"},
    "Tariffs": {
        "max_china_share": "Tỷ lệ TQ tối đa",
        "rate": "Thuế suất",
        "from_period": "Áp dụng từ",
        "product_id": "Mã SP",
        "origin": "Xuất xứ",
    },
    "Settings": {"key": "Tham số", "value": "Giá trị"},
    "Scenarios": {
        "scenario": "Kịch bản",
        "sheet": "Sheet",
        "row_id": "Đối tượng",
        "column": "Cột",
        "value": "Giá trị mới",
    },
}

COUNTRY_VI = {
    "CN": "Trung Quốc",
    "VN": "Việt Nam",
    "KR": "Hàn Quốc",
    "JP": "Nhật Bản",
    "TW": "Đài Loan",
    "TH": "Thái Lan",
    "MY": "Malaysia",
}

# Title rows above the header, as procurement sheets usually carry them.
VI_TITLES: dict[str, tuple[str, ...]] = {
    "Components": (
        "DANH SÁCH LINH KIỆN - KÍNH VR H1 VÀ TAY CẦM C1 - NHÀ MÁY BẮC NINH",
        "Đơn giá theo USD; hàm lượng TQ tính trên giá trị linh kiện.",
    ),
    "Offers": ("BÁO GIÁ CỦA NHÀ CUNG CẤP ỨNG VIÊN (cập nhật quý 4/2026)",),
    "Suppliers": ("DANH SÁCH NHÀ CUNG CẤP HIỆN TẠI VÀ ỨNG VIÊN",),
    "Periods": ("KẾ HOẠCH THEO QUÝ: NGÂN SÁCH, SỐ PHÊ DUYỆT, LỘ TRÌNH GIẢM HÀM LƯỢNG TQ",),
}


def _percent(value: object) -> object:
    """A share as a Vietnamese sheet writes it: '30%' (blank stays blank)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return f"{round(float(value) * 100, 6):g}%"


# the scenarios as a Vietnamese team would name them
VI_SCENARIOS = {
    "Flat 10% (Section 122)": "Thuế đồng mức 10% (Mục 122)",
    "Origin-based 20%/40%": "Thuế theo xuất xứ 20%/40%",
    "Kinh Bắc PCB two quarters late": "PCB Kinh Bắc trễ hai quý",
    "Budget -20%": "Ngân sách -20%",
}


def vietnamese_frames(project: TypedProject) -> dict[str, pd.DataFrame]:
    """The workbook tables with Vietnamese headers, country names, có/không and '30%'."""
    out = {}
    frames = typed_frames(project)
    frames["Scenarios"] = SCENARIOS.assign(
        scenario=SCENARIOS["scenario"].map(VI_SCENARIOS),
        sheet=SCENARIOS["sheet"].map(lambda n: schema.SHEET_BY_NAME[n].title_vi),
    )
    for name, frame in frames.items():
        sheet = schema.SHEET_BY_NAME[name]
        frame = frame.copy()
        if name == "Components" and frame["qty_per_unit"].isna().all():
            # The BOM sheet gives the quantities; a team would not keep an empty column.
            frame = frame.drop(columns="qty_per_unit")
        for col in frame.columns:
            kind = sheet.column(col).kind
            if kind == schema.COUNTRY:
                frame[col] = [COUNTRY_VI.get(v, v) for v in frame[col]]
            elif kind == schema.BOOL:
                frame[col] = frame[col].map({"yes": "có", "no": "không"})
            elif kind == schema.SHARE:
                frame[col] = [_percent(v) for v in frame[col]]
            elif col == "origin":  # a Tariffs row for goods of any origin
                frame[col] = frame[col].map(
                    {"any": "tất cả", "VN": "VN", "not VN": "không phải VN"}
                )
        if name == "Settings":
            # Settings keys stay the canonical names; a share setting is written as a percent.
            frame["value"] = [
                _percent(v) if key == "incumbent_max_drop" else v
                for key, v in zip(frame["key"], frame["value"], strict=True)
            ]
        frame.columns = [VI_HEADERS[name][c] for c in frame.columns]
        out[name] = frame
    return out


def write_vietnamese(project: TypedProject, path: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for name, frame in vietnamese_frames(project).items():
        ws = wb.create_sheet(schema.SHEET_BY_NAME[name].title_vi)
        titles = VI_TITLES.get(name, ())
        for i, line in enumerate(titles, start=1):
            ws.cell(row=i, column=1, value=line).font = Font(bold=i == 1, size=13 if i == 1 else 11)
        # One blank row between the titles and the header, as such sheets are laid out.
        header_row = len(titles) + 2 if titles else 1
        for j, header in enumerate(frame.columns, start=1):
            cell = ws.cell(row=header_row, column=j, value=header)
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
            ws.column_dimensions[get_column_letter(j)].width = max(12, min(40, len(header) + 4))
        for i, row in enumerate(frame.itertuples(index=False), start=header_row + 1):
            for j, value in enumerate(row, start=1):
                set_cell(ws, i, j, value)
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    atomic_save(wb, path)


# Four futures a procurement team would plan for (the Scenarios sheet, issue 12): rows of
# (scenario, sheet, row_id, column, value) changing the base project's cells.
SCENARIOS = pd.DataFrame(
    [
        # the flat 10% surcharge under Section 122 (24 Feb-24 Jul 2026) on every tier
        ("Flat 10% (Section 122)", "Tariffs", "", "rate", 0.10),
        # the 2025 regime read by origin: 20% for goods of Vietnamese origin, 40% for others;
        # both products take origin only with 45% Vietnamese value content
        ("Origin-based 20%/40%", "Tariffs", "0.4", "max_china_share", 1.0),
        ("Origin-based 20%/40%", "Tariffs", "0.4", "origin", "VN"),
        ("Origin-based 20%/40%", "Tariffs", "1", "origin", "not VN"),
        ("Origin-based 20%/40%", "Products", "", "origin_rule", "rvc"),
        ("Origin-based 20%/40%", "Settings", "origin_rvc_min", "value", 0.45),
        # the main board maker slips two quarters on every quote
        ("Kinh Bắc PCB two quarters late", "Offers", "*/VN-KINHBAC-PCB", "lead_periods", "+2"),
        # one-time budgets cut by a fifth
        ("Budget -20%", "Periods", "", "budget", "*0.8"),
    ],
    columns=["scenario", "sheet", "row_id", "column", "value"],
)


def write_english_with_scenarios(project: TypedProject, path: Path) -> None:
    """The canonical workbook, with the Scenarios sheet after the project's own."""
    from planner.io.provenance import PROJECT, mark
    from planner.io.write import build_workbook

    frames = typed_frames(project)
    frames["Scenarios"] = SCENARIOS
    wb = build_workbook(frames, annotate=True)
    mark(wb, PROJECT)
    atomic_save(wb, path)


def main(out_dir: Path = HERE) -> None:
    project = build_project()
    write_english_with_scenarios(project, out_dir / EN_FILE)
    write_vietnamese(project, out_dir / VI_FILE)
    shares = ", ".join(f"{p} {s:.1%}" for p, s in china_share_today(project).items())
    print(f"Wrote {EN_FILE} and {VI_FILE} in {out_dir} (Chinese share of FOB today: {shares})")


if __name__ == "__main__":
    main()
