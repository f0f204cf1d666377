"""The project workbook: every sheet and column in one place.

The reader, the validator, the template, the writer and the app's tables all read this
declaration, so a column is added or renamed here and nowhere else.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

# Value kinds (planner.io.parse has one parser per kind) and the settings: planner.fields
from planner.fields import (
    BOOL,
    CHOICE,
    COUNTRY,
    INTEGER,
    NUMBER,
    PERIOD,
    SHARE,
    TEXT,
)
from planner.fields import SETTINGS as SETTING_SPECS  # noqa: F401
from planner.fields import Field as SettingSpec  # noqa: F401
from planner.headers import Matcher, Vocabulary, Words
from planner.text import Text


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    required: bool = False
    default: object = None  # None: blank stays blank (NaN / "" in the typed table)
    minimum: float | None = None
    maximum: float | None = None
    min_exclusive: bool = False  # True: value must be > minimum
    unit: str = ""
    help_en: str = ""
    help_vi: str = ""
    synonyms: tuple[str, ...] = ()  # English and Vietnamese header spellings
    choices: tuple[str, ...] = ()
    title: Text | None = None  # the header people read, in both languages (money: + currency)
    doc: str = ""  # the meaning docs/format.md states, when it says more than help_en
    default_text: str = ""  # the default in words, when it is not a value ("the setting")

    @property
    def label(self) -> str:
        """Header as written in a workbook: required columns are marked with *."""
        return self.name + ("*" if self.required else "")


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()  # columns whose combination must be unique
    required: bool = True
    title_vi: str = ""
    help_en: str = ""
    help_vi: str = ""
    synonyms: tuple[str, ...] = field(default=())

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


C = Column

COMPONENTS = Sheet(
    "Components",
    (
        C(
            "component_id",
            TEXT,
            title=Text("Part", "Linh kiện"),
            required=True,
            help_en="Part number, unique.",
            help_vi="Mã linh kiện, không trùng.",
            synonyms=(
                "component",
                "component id",
                "part",
                "part no",
                "part number",
                "part_no",
                "pn",
                "item",
                "item no",
                "mã linh kiện",
                "mã lk",
                "mã",
                "linh kiện",
                "mã hàng",
                "mã vật tư",
                "mã vt",
                "mã nvl",
                "mã hàng hóa",
                "p/n",
                "item code",
                "material code",
            ),
        ),
        C(
            "description",
            TEXT,
            title=Text("Description", "Mô tả"),
            help_en="What the part is.",
            help_vi="Mô tả linh kiện.",
            synonyms=(
                "desc",
                "part description",
                "name",
                "mô tả",
                "tên",
                "tên linh kiện",
                "diễn giải",
                "tên vật tư",
                "tên hàng",
                "tên hàng hóa",
            ),
        ),
        C(
            "category",
            TEXT,
            title=Text("Category", "Nhóm hàng"),
            help_en="Commodity group (PCB, connector, plastics...).",
            help_vi="Nhóm hàng (PCB, đầu nối, nhựa...).",
            synonyms=(
                "commodity",
                "group",
                "nhóm",
                "loại",
                "nhóm hàng",
                "danh mục",
                "nhóm vật tư",
                "chủng loại",
                "phân loại",
            ),
        ),
        C(
            "hs_code",
            TEXT,
            title=Text("HS code", "Mã HS"),
            help_en="HS tariff code.",
            help_vi="Mã HS.",
            synonyms=("hs", "hs code", "mã hs", "mã số hs"),
        ),
        C(
            "qty_per_unit",
            NUMBER,
            title=Text("Qty per unit", "Số lượng mỗi sản phẩm"),
            doc="units per product, when there is one product and no BOM sheet",
            minimum=0,
            min_exclusive=True,
            unit="pcs",
            help_en="Units per product (one product and no BOM sheet).",
            help_vi="Số lượng trên một sản phẩm (khi chỉ có một sản phẩm và không có sheet BOM).",
            synonyms=(
                "qty",
                "quantity",
                "qty per unit",
                "usage",
                "số lượng",
                "định mức",
                "số lượng/sp",
                "sl",
                "qty/unit",
                "usage per unit",
                "bom qty",
            ),
        ),
        C(
            "current_supplier",
            TEXT,
            title=Text("Current supplier", "Nhà cung cấp hiện tại"),
            doc="incumbent supplier id; blank = a new part with no incumbent",
            default="",
            help_en="Incumbent supplier id; blank = new part with no incumbent.",
            help_vi="Mã nhà cung cấp hiện tại; để trống = linh kiện mới.",
            synonyms=(
                "supplier",
                "incumbent",
                "current supplier",
                "vendor",
                "ncc",
                "nhà cung cấp",
                "nhà cung cấp hiện tại",
                "ncc hiện tại",
                "ncc hiện hữu",
                "incumbent supplier",
                "current vendor",
            ),
        ),
        C(
            "current_country",
            COUNTRY,
            title=Text("Current country", "Xuất xứ hiện tại"),
            help_en="Origin of the incumbent's part.",
            help_vi="Xuất xứ linh kiện của nhà cung cấp hiện tại.",
            synonyms=(
                "country",
                "origin",
                "country of origin",
                "current country",
                "coo",
                "xuất xứ",
                "quốc gia",
                "nước",
                "nước sx",
                "nước sản xuất",
                "xuất xứ hiện tại",
            ),
        ),
        C(
            "current_unit_price",
            NUMBER,
            title=Text("Current unit price", "Đơn giá hiện tại"),
            minimum=0,
            unit="USD",
            help_en="Price per unit today.",
            help_vi="Đơn giá hiện tại.",
            synonyms=(
                "unit price",
                "price",
                "current price",
                "unit cost",
                "cost",
                "đơn giá",
                "đơn giá (usd)",
                "giá",
                "giá hiện tại",
                "đơn giá hiện tại",
                "giá mua",
                "đơn giá mua",
                "giá nhập",
                "đơn giá nhập",
                "purchase price",
            ),
        ),
        C(
            "current_china_share",
            SHARE,
            title=Text("Current Chinese share", "Tỷ lệ TQ hiện tại"),
            doc="Chinese content share of the incumbent part's value",
            default_text="1 if the country is CN, else 0",
            minimum=0,
            maximum=1,
            help_en="Chinese content share of the part's value (default 1 if CN, else 0).",
            help_vi="Tỷ lệ hàm lượng Trung Quốc trong giá trị linh kiện (mặc định 1 nếu CN, "
            "ngược lại 0).",
            synonyms=(
                "china share",
                "chinese content",
                "cn share",
                "china content",
                "hàm lượng tq",
                "tỷ lệ tq",
                "hàm lượng trung quốc",
                "% tq",
                "tỷ lệ hàm lượng tq",
                "tỷ lệ nguyên liệu tq",
                "current chinese share",
                "tỷ lệ tq hiện tại",
                "hàm lượng tq hiện tại",
            ),
        ),
        C(
            "locked",
            BOOL,
            title=Text("Locked", "Khóa"),
            doc="the part must stay with its incumbent",
            default=False,
            help_en="Must stay with the incumbent.",
            help_vi="Bắt buộc giữ nhà cung cấp hiện tại.",
            synonyms=(
                "lock",
                "keep",
                "fixed",
                "khóa",
                "giữ nguyên",
                "cố định",
                "keep incumbent",
                "giữ ncc",
                "không chuyển đổi",
            ),
        ),
        C(
            "incumbent_max_drop",
            SHARE,
            title=Text(
                "Incumbent's largest fall per period", "Mức giảm tối đa mỗi kỳ của NCC hiện tại"
            ),
            doc="largest fall of the incumbent's share of this part per period",
            default_text="the setting",
            minimum=0,
            maximum=1,
            min_exclusive=True,
            help_en="Largest fall of the incumbent's share per period for this part; blank = "
            "the setting.",
            help_vi="Mức giảm tỷ trọng tối đa mỗi kỳ của nhà cung cấp hiện tại cho linh kiện "
            "này; để trống = theo thiết lập.",
            synonyms=(
                "max drop",
                "incumbent drop",
                "giảm tối đa",
                "mức giảm tối đa",
            ),
        ),
        C(
            "max_supplier_share",
            SHARE,
            title=Text("Largest share of one supplier", "Tỷ trọng tối đa của một NCC"),
            doc="largest share of the part any one supplier may hold in a period (below 1: a second source is kept)",
            default=1.0,
            minimum=0,
            maximum=1,
            min_exclusive=True,
            help_en="Largest share one new supplier may take of this part (below 100% keeps a "
            "second source); blank = 100%.",
            help_vi="Tỷ trọng tối đa một nhà cung cấp mới được nhận cho linh kiện này (dưới "
            "100% để giữ nguồn thứ hai); để trống = 100%.",
            synonyms=(
                "max share",
                "second source",
                "max supplier share",
                "tỷ trọng tối đa",
                "tỷ trọng tối đa một ncc",
            ),
        ),
        C(
            "critical",
            BOOL,
            title=Text("Critical part", "Linh kiện trọng yếu"),
            doc="a part whose loss stops the line: once it moves, no one new supplier holds "
            "more than 1 - second_source_share of it",
            default=False,
            help_en="A part whose loss stops the line: a second source keeps at least the "
            "second_source_share setting once it leaves its incumbent.",
            help_vi="Linh kiện mà thiếu là dừng chuyền: nguồn thứ hai giữ ít nhất tỷ lệ "
            "second_source_share khi chuyển khỏi nhà cung cấp hiện tại.",
            synonyms=("critical", "trọng yếu", "quan trọng", "linh kiện quan trọng"),
        ),
    ),
    key=("component_id",),
    title_vi="Linh kiện",
    help_en="One row per part of the bill of materials.",
    help_vi="Mỗi dòng là một linh kiện trong định mức.",
    synonyms=(
        "components",
        "component",
        "parts",
        "bom list",
        "part list",
        "linh kiện",
        "danh sách linh kiện",
        "danh mục linh kiện",
        "vật tư",
        "danh sách vật tư",
    ),
)

PRODUCTS = Sheet(
    "Products",
    (
        C(
            "product_id",
            TEXT,
            title=Text("Product", "Sản phẩm"),
            required=True,
            help_en="Product code, unique.",
            help_vi="Mã sản phẩm, không trùng.",
            synonyms=(
                "product",
                "product id",
                "model",
                "sku",
                "mã sản phẩm",
                "mã sp",
                "sản phẩm",
                "mã thành phẩm",
                "mã tp",
                "mã model",
            ),
        ),
        C(
            "name",
            TEXT,
            title=Text("Name", "Tên"),
            help_en="Product name.",
            help_vi="Tên sản phẩm.",
            synonyms=(
                "product name",
                "description",
                "tên",
                "tên sản phẩm",
                "tên sp",
                "tên thành phẩm",
            ),
        ),
        C(
            "fob_price",
            NUMBER,
            title=Text("FOB price", "Giá FOB"),
            required=True,
            minimum=0,
            min_exclusive=True,
            unit="USD",
            help_en="FOB price per unit.",
            help_vi="Giá FOB mỗi sản phẩm.",
            synonyms=(
                "fob",
                "fob price",
                "price",
                "giá fob",
                "đơn giá fob",
                "giá xuất khẩu",
                "giá bán",
            ),
        ),
        C(
            "us_share",
            SHARE,
            title=Text("Share to the US", "Tỷ lệ xuất Mỹ"),
            default=1.0,
            minimum=0,
            maximum=1,
            help_en="Share of units shipped to the US.",
            help_vi="Tỷ lệ xuất sang Mỹ.",
            synonyms=(
                "us share",
                "share to us",
                "us %",
                "tỷ lệ xuất mỹ",
                "share to the us",
                "tỷ lệ mỹ",
                "xuất mỹ",
                "tỷ lệ xuất khẩu mỹ",
                "% xuất mỹ",
                "tỷ lệ xuất sang mỹ",
            ),
        ),
        C(
            "units_per_period",
            NUMBER,
            title=Text("Units per period", "Sản lượng mỗi kỳ"),
            doc="units built per period, unless Volumes says otherwise",
            required=True,
            minimum=0,
            unit="units",
            help_en="Units built per period (unless Volumes says otherwise).",
            help_vi="Sản lượng mỗi kỳ (trừ khi sheet Sản lượng ghi khác).",
            synonyms=(
                "units",
                "volume",
                "volume per period",
                "units per quarter",
                "sản lượng",
                "sản lượng/kỳ",
                "sản lượng mỗi kỳ",
                "sản lượng kế hoạch",
                "số lượng",
                "quantity per period",
            ),
        ),
        C(
            "hs_code",
            TEXT,
            title=Text("HS code", "Mã HS"),
            help_en="HS code of the product as exported (decides exemptions).",
            help_vi="Mã HS của sản phẩm xuất khẩu (quyết định miễn thuế).",
            synonyms=("hs", "hs code", "hts", "mã hs", "mã hs sản phẩm"),
        ),
        C(
            "tariff_exempt",
            BOOL,
            title=Text("Tariff exempt", "Miễn thuế"),
            doc="the product pays no US tariff (e.g. an HS code on an exemption list)",
            default=False,
            help_en="Exempt from the US tariff (as the listed electronics were in 2025-2026).",
            help_vi="Được miễn thuế Mỹ (như các mặt hàng điện tử trong danh sách 2025-2026).",
            synonyms=("exempt", "tariff exempt", "duty free", "miễn thuế"),
        ),
        C(
            "origin_rule",
            CHOICE,
            title=Text("Origin rule", "Quy tắc xuất xứ"),
            doc="how the product's origin is judged: `process`, Vietnamese by substantial transformation in Vietnam; `rvc`, Vietnamese only while its RVC is at least `origin_rvc_min`",
            default="process",
            help_en="How the product gets Vietnamese origin: process (made here, the "
            "default) or rvc (only when its RVC reaches the setting origin_rvc_min).",
            help_vi="Cách sản phẩm có xuất xứ Việt Nam: process (sản xuất tại đây, mặc định) "
            "hoặc rvc (chỉ khi hàm lượng giá trị VN đạt thiết lập origin_rvc_min).",
            synonyms=("origin rule", "rule of origin", "quy tắc xuất xứ"),
            choices=("process", "rvc"),
        ),
    ),
    key=("product_id",),
    title_vi="Sản phẩm",
    help_en="What the factory ships.",
    help_vi="Sản phẩm nhà máy xuất.",
    synonyms=("products", "product", "sản phẩm", "thành phẩm", "models"),
)

BOM = Sheet(
    "BOM",
    (
        C(
            "product_id",
            TEXT,
            title=Text("Product", "Sản phẩm"),
            required=True,
            help_en="Product code.",
            help_vi="Mã sản phẩm.",
            synonyms=PRODUCTS.columns[0].synonyms,
        ),
        C(
            "component_id",
            TEXT,
            title=Text("Part", "Linh kiện"),
            required=True,
            help_en="Part number.",
            help_vi="Mã linh kiện.",
            synonyms=COMPONENTS.columns[0].synonyms,
        ),
        C(
            "qty_per_unit",
            NUMBER,
            title=Text("Qty per unit", "Số lượng mỗi sản phẩm"),
            required=True,
            minimum=0,
            min_exclusive=True,
            unit="pcs",
            help_en="Units of the part per product.",
            help_vi="Số lượng linh kiện trên một sản phẩm.",
            synonyms=COMPONENTS.columns[4].synonyms,
        ),
    ),
    key=("product_id", "component_id"),
    required=False,
    title_vi="Định mức",
    help_en="Which parts go into which product (optional with one product).",
    help_vi="Linh kiện trong từng sản phẩm (không bắt buộc khi chỉ có một sản phẩm).",
    synonyms=("bom", "bill of materials", "định mức", "định mức vật tư", "định mức nvl"),
)

SUPPLIERS = Sheet(
    "Suppliers",
    (
        C(
            "supplier_id",
            TEXT,
            title=Text("Supplier", "Nhà cung cấp"),
            required=True,
            help_en="Supplier code, unique.",
            help_vi="Mã nhà cung cấp, không trùng.",
            synonyms=(
                "supplier",
                "supplier id",
                "vendor",
                "vendor id",
                "mã ncc",
                "mã nhà cung cấp",
                "nhà cung cấp",
                "ncc",
                "vendor code",
                "supplier code",
            ),
        ),
        C(
            "name",
            TEXT,
            title=Text("Name", "Tên"),
            help_en="Supplier name.",
            help_vi="Tên nhà cung cấp.",
            synonyms=("supplier name", "vendor name", "tên", "tên nhà cung cấp", "tên ncc"),
        ),
        C(
            "country",
            COUNTRY,
            title=Text("Country", "Quốc gia"),
            doc="where the supplier is",
            required=True,
            help_en="Country (ISO code or name).",
            help_vi="Quốc gia (mã ISO hoặc tên).",
            synonyms=("nation", "origin", "quốc gia", "nước", "xuất xứ"),
        ),
        C(
            "province",
            TEXT,
            title=Text("Province", "Tỉnh/thành"),
            help_en="Province or city.",
            help_vi="Tỉnh / thành phố.",
            synonyms=(
                "city",
                "location",
                "region",
                "tỉnh",
                "tỉnh/thành",
                "tỉnh/thành phố",
                "địa điểm",
                "khu vực",
            ),
        ),
        C(
            "onboarding_cost",
            NUMBER,
            title=Text("Onboarding cost", "Chi phí đánh giá"),
            doc="one-time audit and onboarding cost, when its first part starts qualification",
            default=0.0,
            minimum=0,
            unit="USD",
            help_en="One-time audit and onboarding cost when its first part starts qualification.",
            help_vi="Chi phí đánh giá và tiếp nhận một lần khi linh kiện đầu tiên bắt đầu phê duyệt.",
            synonyms=(
                "onboarding",
                "audit cost",
                "onboarding cost",
                "chi phí đánh giá",
                "chi phí tiếp nhận",
                "chi phí audit",
                "chi phí đánh giá ncc",
            ),
        ),
        C(
            "capacity_per_period",
            NUMBER,
            title=Text("Capacity per period", "Công suất mỗi kỳ"),
            doc="units per period over all its parts, incumbent parts included",
            default_text="unlimited",
            minimum=0,
            unit="units",
            help_en="Units per period over all its parts; blank = unlimited.",
            help_vi="Công suất mỗi kỳ cho mọi linh kiện; để trống = không giới hạn.",
            synonyms=(
                "capacity",
                "capacity per period",
                "công suất",
                "năng lực",
                "năng lực sản xuất",
            ),
        ),
    ),
    key=("supplier_id",),
    title_vi="Nhà cung cấp",
    help_en="Incumbent and candidate suppliers.",
    help_vi="Nhà cung cấp hiện tại và ứng viên.",
    synonyms=(
        "suppliers",
        "supplier",
        "vendors",
        "nhà cung cấp",
        "danh sách nhà cung cấp",
        "vendor list",
    ),
)

OFFERS = Sheet(
    "Offers",
    (
        C(
            "component_id",
            TEXT,
            title=Text("Part", "Linh kiện"),
            required=True,
            help_en="Part number.",
            help_vi="Mã linh kiện.",
            synonyms=COMPONENTS.columns[0].synonyms,
        ),
        C(
            "supplier_id",
            TEXT,
            title=Text("Supplier", "Nhà cung cấp"),
            required=True,
            help_en="Quoting supplier.",
            help_vi="Nhà cung cấp báo giá.",
            synonyms=SUPPLIERS.columns[0].synonyms,
        ),
        C(
            "unit_price",
            NUMBER,
            title=Text("Unit price", "Đơn giá"),
            required=True,
            minimum=0,
            unit="USD",
            help_en="Quoted price per unit.",
            help_vi="Đơn giá báo.",
            synonyms=(
                "price",
                "unit price",
                "quote",
                "quoted price",
                "đơn giá",
                "giá",
                "giá báo",
                "đơn giá báo",
                "giá chào",
                "đơn giá chào",
                "giá chào hàng",
            ),
        ),
        C(
            "china_share",
            SHARE,
            title=Text("Chinese share", "Tỷ lệ TQ"),
            doc="Chinese content share of the quoted part's value",
            default_text="1 for a CN supplier, else 0",
            minimum=0,
            maximum=1,
            help_en="Chinese content share of the quoted part (default 1 for CN, else 0).",
            help_vi="Tỷ lệ hàm lượng Trung Quốc của linh kiện báo giá (mặc định 1 nếu CN, "
            "ngược lại 0).",
            synonyms=(
                "china share",
                "chinese content",
                "cn share",
                "hàm lượng tq",
                "tỷ lệ tq",
                "hàm lượng trung quốc",
                "% tq",
                "tỷ lệ hàm lượng tq",
                "tỷ lệ nguyên liệu tq",
            ),
        ),
        C(
            "lead_periods",
            INTEGER,
            title=Text("Lead time (periods)", "Thời gian phê duyệt (kỳ)"),
            doc="periods from the start of qualification until it can deliver",
            default=1,
            minimum=0,
            unit="periods",
            help_en="Periods from start of qualification until it can deliver.",
            help_vi="Số kỳ từ khi bắt đầu phê duyệt đến khi giao được hàng.",
            synonyms=(
                "lead",
                "lead time",
                "qualification lead time",
                "lead periods",
                "thời gian phê duyệt",
                "thời gian chứng nhận",
                "thời gian thẩm định",
                "số kỳ phê duyệt",
            ),
        ),
        C(
            "switching_cost",
            NUMBER,
            title=Text("Switching cost", "Chi phí chuyển đổi"),
            default=0.0,
            minimum=0,
            unit="USD",
            help_en="One-time tooling, NRE, samples, PPAP.",
            help_vi="Chi phí chuyển đổi một lần (khuôn, NRE, mẫu, PPAP).",
            synonyms=(
                "switching",
                "tooling",
                "nre",
                "one-time cost",
                "chi phí chuyển đổi",
                "chi phí khuôn",
                "chi phí khuôn mẫu",
            ),
        ),
        C(
            "max_ramp",
            SHARE,
            title=Text("Largest ramp per period", "Mức tăng tối đa mỗi kỳ"),
            doc="largest rise of its share of the part from one period to the next",
            default=1.0,
            minimum=0,
            maximum=1,
            min_exclusive=True,
            help_en="Largest rise of its share from one period to the next.",
            help_vi="Mức tăng tỷ trọng tối đa giữa hai kỳ.",
            synonyms=(
                "ramp",
                "max ramp",
                "ramp rate",
                "tăng tối đa",
                "mức tăng tối đa",
                "tốc độ tăng",
                "largest ramp",
            ),
        ),
        C(
            "earliest_period",
            PERIOD,
            title=Text("Earliest period", "Kỳ sớm nhất"),
            doc="first period in which qualification may start",
            default_text="the first",
            help_en="First period qualification may start (default the first).",
            help_vi="Kỳ sớm nhất có thể bắt đầu phê duyệt (mặc định kỳ đầu).",
            synonyms=(
                "earliest",
                "earliest start",
                "available from",
                "kỳ sớm nhất",
                "bắt đầu từ",
                "từ kỳ",
                "kỳ bắt đầu sớm nhất",
            ),
        ),
        C(
            "capacity_per_period",
            NUMBER,
            title=Text("Capacity per period", "Công suất mỗi kỳ"),
            doc="units of this part per period",
            default_text="unlimited",
            minimum=0,
            unit="units",
            help_en="Units of this part per period; blank = no limit.",
            help_vi="Công suất linh kiện này mỗi kỳ; để trống = không giới hạn.",
            synonyms=("capacity", "công suất", "năng lực"),
        ),
        C(
            "min_units",
            NUMBER,
            title=Text("Least order per period", "Đặt hàng tối thiểu mỗi kỳ"),
            default_text="none",
            doc="least order: in any period the offer is used, at least this many units (MOQ)",
            minimum=0,
            unit="units",
            help_en="Minimum order per period once this supplier delivers (MOQ); blank = none.",
            help_vi="Số lượng đặt tối thiểu mỗi kỳ khi nhà cung cấp đã giao hàng (MOQ); để "
            "trống = không có.",
            synonyms=(
                "moq",
                "minimum order",
                "min order",
                "đặt tối thiểu",
                "sl tối thiểu",
                "sl đặt tối thiểu",
            ),
        ),
        C(
            "origin_country",
            COUNTRY,
            title=Text("Country of origin", "Nước xuất xứ"),
            doc="where the quoted part is made",
            default_text="the supplier's country",
            help_en="Where the part is made (its origin); blank = the supplier's country.",
            help_vi="Nơi sản xuất linh kiện (xuất xứ); để trống = quốc gia của nhà cung cấp.",
            synonyms=(
                "origin",
                "country of origin",
                "made in",
                "xuất xứ",
                "nước sản xuất",
                "nơi sản xuất",
                "nước sx",
            ),
        ),
    ),
    key=("component_id", "supplier_id"),
    title_vi="Báo giá",
    help_en="Quotes from candidate suppliers.",
    help_vi="Báo giá của các nhà cung cấp ứng viên.",
    synonyms=(
        "offers",
        "offer",
        "quotes",
        "quotations",
        "quote",
        "báo giá",
        "bảng báo giá",
        "chào giá",
    ),
)

PERIODS = Sheet(
    "Periods",
    (
        C(
            "period",
            PERIOD,
            title=Text("Period", "Kỳ"),
            doc="label such as `2027-Q1`, unique, in order",
            required=True,
            help_en="Label, e.g. 2027-Q1, in order.",
            help_vi="Nhãn kỳ, ví dụ 2027-Q1, theo thứ tự.",
            synonyms=("quarter", "kỳ", "quý", "giai đoạn", "kỳ kế hoạch"),
        ),
        C(
            "budget",
            NUMBER,
            title=Text("One-time budget", "Ngân sách một lần"),
            doc="one-time spending (switching and onboarding) allowed in the period",
            default_text="unlimited",
            minimum=0,
            unit="USD",
            help_en="One-time spending allowed in the period; blank = unlimited.",
            help_vi="Ngân sách chi một lần trong kỳ; để trống = không giới hạn.",
            synonyms=(
                "capex",
                "one-time budget",
                "ngân sách",
                "ngân sách chuyển đổi",
                "ngân sách một lần",
            ),
        ),
        C(
            "max_new_qualifications",
            INTEGER,
            title=Text("Qualification slots", "Số phê duyệt tối đa"),
            doc="qualifications that may start in the period",
            default_text="unlimited",
            minimum=0,
            help_en="New qualifications that may start; blank = unlimited.",
            help_vi="Số phê duyệt mới tối đa; để trống = không giới hạn.",
            synonyms=(
                "qualification slots",
                "max qualifications",
                "slots",
                "số phê duyệt tối đa",
                "số phê duyệt",
                "số phê duyệt mới tối đa",
            ),
        ),
        C(
            "china_cap",
            SHARE,
            title=Text("Chinese share cap", "Trần tỷ lệ TQ"),
            default_text="none",
            doc="largest Chinese-content share allowed for every product (the glide path)",
            minimum=0,
            maximum=1,
            help_en="Largest Chinese-content share allowed for every product; blank = none.",
            help_vi="Tỷ lệ hàm lượng Trung Quốc tối đa cho mọi sản phẩm; để trống = không giới hạn.",
            synonyms=(
                "cap",
                "china cap",
                "max china share",
                "trần",
                "trần tq",
                "tỷ lệ tq tối đa",
                "lộ trình tq",
                "chinese share cap",
                "trần tỷ lệ tq",
                "trần hàm lượng tq",
            ),
        ),
        C(
            "tariff_active",
            BOOL,
            title=Text("Tariff applies", "Áp thuế"),
            doc="whether the tariff applies in the period",
            default=True,
            help_en="Whether the tariff applies.",
            help_vi="Có áp thuế trong kỳ không.",
            synonyms=("tariff", "tariff on", "áp thuế", "có thuế", "tariff applies"),
        ),
        C(
            "max_qualifications_in_progress",
            INTEGER,
            title=Text("Qualifications in progress, at most", "Số phê duyệt đồng thời tối đa"),
            doc="qualifications running at once (started and not yet delivering) in the period",
            default_text="unlimited",
            minimum=0,
            help_en="Qualifications that may run at once (a qualification runs from its start "
            "until it delivers); blank = unlimited.",
            help_vi="Số phê duyệt được chạy cùng lúc (từ khi bắt đầu đến khi giao hàng); để "
            "trống = không giới hạn.",
            synonyms=(
                "qualifications in progress",
                "in progress",
                "parallel qualifications",
                "số phê duyệt đồng thời",
                "phê duyệt song song",
            ),
        ),
    ),
    key=("period",),
    title_vi="Kỳ",
    help_en="The planning horizon, in order.",
    help_vi="Các kỳ kế hoạch, theo thứ tự.",
    synonyms=(
        "periods",
        "period",
        "quarters",
        "horizon",
        "kỳ",
        "các kỳ",
        "kỳ kế hoạch",
        "quý",
        "các quý",
        "lộ trình",
    ),
)

VOLUMES = Sheet(
    "Volumes",
    (
        C(
            "product_id",
            TEXT,
            title=Text("Product", "Sản phẩm"),
            required=True,
            help_en="Product code.",
            help_vi="Mã sản phẩm.",
            synonyms=PRODUCTS.columns[0].synonyms,
        ),
        C(
            "period",
            PERIOD,
            title=Text("Period", "Kỳ"),
            required=True,
            help_en="Period label.",
            help_vi="Kỳ.",
            synonyms=PERIODS.columns[0].synonyms,
        ),
        C(
            "units",
            NUMBER,
            title=Text("Units", "Số lượng"),
            doc="units built in that period; overrides `units_per_period`",
            required=True,
            minimum=0,
            unit="units",
            help_en="Units built in that period.",
            help_vi="Sản lượng trong kỳ.",
            synonyms=("volume", "quantity", "qty", "sản lượng", "số lượng"),
        ),
    ),
    key=("product_id", "period"),
    required=False,
    title_vi="Sản lượng",
    help_en="Optional: volumes per product and period, overriding units_per_period.",
    help_vi="Không bắt buộc: sản lượng theo sản phẩm và kỳ.",
    synonyms=("volumes", "volume", "forecast", "sản lượng", "dự báo", "kế hoạch sản lượng"),
)

TARIFFS = Sheet(
    "Tariffs",
    (
        C(
            "max_china_share",
            SHARE,
            title=Text("Chinese share up to", "Tỷ lệ TQ đến"),
            doc="upper bound of the tier, inclusive",
            required=True,
            minimum=0,
            maximum=1,
            help_en="Upper bound of the tier (inclusive); the last tier is 100%.",
            help_vi="Cận trên của bậc (bao gồm); bậc cuối là 100%.",
            synonyms=(
                "max china share",
                "china share up to",
                "threshold",
                "up to",
                "tỷ lệ tq tối đa",
                "ngưỡng",
                "ngưỡng tq",
                "ngưỡng tỷ lệ tq",
                "tỷ lệ tq đến",
            ),
        ),
        C(
            "rate",
            SHARE,
            title=Text("Tariff rate", "Thuế suất"),
            doc="tariff rate on the FOB value of US-bound units (`0.4` or `40%`)",
            required=True,
            minimum=0,
            maximum=10,
            help_en="Tariff rate on the FOB value of US-bound units.",
            help_vi="Thuế suất trên giá FOB của hàng xuất Mỹ.",
            synonyms=("tariff", "tariff rate", "duty", "thuế suất", "thuế", "mức thuế"),
        ),
        C(
            "from_period",
            PERIOD,
            title=Text("From period", "Từ kỳ"),
            doc="the schedule applies from this period on (a later schedule replaces it)",
            default_text="the first",
            help_en="The period this schedule takes effect (blank: the first); rows with the "
            "same from_period form one schedule, in force until the next.",
            help_vi="Kỳ biểu thuế này có hiệu lực (để trống: kỳ đầu); các dòng cùng kỳ tạo "
            "một biểu thuế, áp dụng đến khi biểu sau bắt đầu.",
            synonyms=("from", "effective from", "valid from", "từ kỳ", "hiệu lực từ", "áp dụng từ"),
        ),
        C(
            "product_id",
            TEXT,
            title=Text("Product", "Sản phẩm"),
            doc="the schedule applies to this product only",
            default_text="every product",
            help_en="The product this row is for (blank: every product).",
            help_vi="Sản phẩm áp dụng (để trống: mọi sản phẩm).",
            synonyms=("product", "mã sản phẩm", "mã sp", "sản phẩm"),
        ),
        C(
            "origin",
            CHOICE,
            title=Text("Origin", "Xuất xứ"),
            doc="the tiers apply to products of this origin (see `origin_rule`)",
            default="any",
            help_en="Which goods the row applies to: any, VN (of Vietnamese origin) or not VN.",
            help_vi="Hàng áp dụng: any (mọi hàng), VN (xuất xứ Việt Nam) hoặc not VN.",
            synonyms=("origin", "xuất xứ", "áp dụng cho xuất xứ"),
            choices=("any", "VN", "not VN"),
        ),
    ),
    key=("from_period", "product_id", "origin", "max_china_share"),
    title_vi="Thuế",
    help_en="Content-dependent US tariff tiers.",
    help_vi="Các bậc thuế Mỹ theo hàm lượng Trung Quốc.",
    synonyms=(
        "tariffs",
        "tariff",
        "tariff tiers",
        "duties",
        "thuế",
        "thuế suất",
        "biểu thuế",
        "thuế mỹ",
    ),
)

SETTINGS = Sheet(
    "Settings",
    (
        C(
            "key",
            TEXT,
            title=Text("Setting", "Tham số"),
            required=True,
            help_en="Setting name.",
            help_vi="Tên thiết lập.",
            synonyms=("setting", "name", "parameter", "tham số", "thiết lập", "thông số"),
        ),
        C(
            "value",
            TEXT,
            title=Text("Value", "Giá trị"),
            help_en="Value.",
            help_vi="Giá trị.",
            synonyms=("giá trị",),
        ),
    ),
    key=("key",),
    required=False,
    title_vi="Thiết lập",
    help_en="Plan settings (key, value).",
    help_vi="Thiết lập kế hoạch (tên, giá trị).",
    synonyms=(
        "settings",
        "setting",
        "parameters",
        "options",
        "thiết lập",
        "tham số",
        "cài đặt",
        "thông số",
    ),
)

SCENARIOS = Sheet(
    "Scenarios",
    (
        C(
            "scenario",
            TEXT,
            title=Text("Scenario", "Kịch bản"),
            doc="name of the scenario the row belongs to (`base` is the project as it is)",
            required=True,
            help_en="Name of the scenario this row belongs to ('base' is the project as it is).",
            help_vi="Tên kịch bản của dòng này ('base' là dự án như hiện tại).",
            synonyms=("scenario name", "kịch bản", "tên kịch bản", "phương án"),
        ),
        C(
            "sheet",
            TEXT,
            title=Text("Sheet", "Sheet"),
            required=True,
            help_en="The sheet whose cells it changes (Settings, Periods, Offers...).",
            help_vi="Sheet có ô được thay đổi (Settings, Periods, Offers...).",
            synonyms=("table", "sheet name", "bảng", "sheet"),
        ),
        C(
            "row_id",
            TEXT,
            title=Text("Row (key)", "Đối tượng (khóa)"),
            doc="which row: the key for Settings, the period, the product, part or supplier id, `COMPONENT/SUPPLIER` for Offers (`*` matches any), `PRODUCT/COMPONENT` for BOM, `PRODUCT/PERIOD` for Volumes, a tier's `max_china_share` (or `#N`, the Tariffs sheet's row N); blank = every row",
            help_en="Which row: the key for Settings, the period, the product, part or "
            "supplier id, COMPONENT/SUPPLIER for Offers (* matches any), a tier's "
            "max_china_share; blank = every row.",
            help_vi="Dòng nào: tên thiết lập, kỳ, mã sản phẩm, linh kiện hoặc nhà cung cấp, "
            "LINHKIEN/NCC cho Báo giá (* là bất kỳ), cận của bậc thuế; trống = mọi dòng.",
            # not "dòng": without its accents it reads "dong", the currency
            synonyms=("row", "id", "key", "mã", "đối tượng"),
        ),
        C(
            "column",
            TEXT,
            title=Text("Column", "Cột"),
            required=True,
            help_en="The column to change (its name or a header the reader knows).",
            help_vi="Cột cần thay đổi (tên cột hoặc tiêu đề mà chương trình hiểu).",
            synonyms=("field", "cột", "trường"),
        ),
        C(
            "value",
            TEXT,
            title=Text("Value", "Giá trị"),
            doc="the new value, or `+x` to add and `*x` to multiply (`+1`, `+-0.05`, `*0.8`). `x` is a plain number in the column's own unit: `*1.5` multiplies by 1.5 (on a rate too), `+0.02` on a share adds 2 points (`+2` adds 200 points and is refused as a share above 100%); a percent only where `%` is typed: `*150%` multiplies by 1.5, `+2%` on a share adds 2 points; a percent added to a number that is not a share is refused (write `*1.1` for +10%)",
            required=True,
            help_en="The new value, or +x to add and *x to multiply (+1, +-0.05, *0.8).",
            help_vi="Giá trị mới, hoặc +x để cộng và *x để nhân (+1, +-0,05, *0,8).",
            synonyms=("new value", "giá trị", "giá trị mới"),
        ),
    ),
    required=False,
    title_vi="Kịch bản",
    help_en="Optional: what-if scenarios, each a set of changes to the base project's cells.",
    help_vi="Không bắt buộc: các kịch bản giả định, mỗi kịch bản là các thay đổi ô của dự án.",
    synonyms=("scenarios", "scenario", "what if", "kịch bản", "kich ban", "phương án"),
)

# What happened while the plan ran (issue 28): one row an event. Only a re-plan reads it
# (planner.replanning.replan); planning the project ignores it. `value` is a number whose meaning
# depends on the event (a share for an award, whole periods for a late supplier), so it is
# read as text here and parsed per event by planner.record.actuals.
EVENTS = (
    "onboarded",
    "qualification_started",
    "qualification_done",
    "qualification_failed",
    "award",
    "supplier_late",
)

ACTUALS = Sheet(
    "Actuals",
    (
        C(
            "period",
            PERIOD,
            title=Text("Period", "Kỳ"),
            doc="the period the event happened in (a period of the Periods sheet)",
            required=True,
            help_en="The period the event happened in.",
            help_vi="Kỳ xảy ra sự kiện.",
            synonyms=PERIODS.columns[0].synonyms,
        ),
        C(
            "event",
            CHOICE,
            title=Text("Event", "Sự kiện"),
            doc="what happened: `onboarded` (a supplier), `qualification_started`, "
            "`qualification_done`, `qualification_failed` (a part with a supplier), `award` "
            "(a share of a part bought from a supplier), `supplier_late` (a supplier's "
            "qualifications running then, or one part's, finish `value` periods late)",
            required=True,
            help_en="What happened: onboarded, qualification_started, qualification_done, "
            "qualification_failed, award or supplier_late.",
            help_vi="Sự kiện: onboarded (đã đánh giá NCC), qualification_started (bắt đầu phê "
            "duyệt), qualification_done (phê duyệt xong), qualification_failed (phê duyệt không "
            "đạt), award (trao thầu) hoặc supplier_late (NCC trễ).",
            synonyms=("event type", "kind", "sự kiện", "loại sự kiện", "diễn biến"),
            choices=EVENTS,
        ),
        C(
            "component_id",
            TEXT,
            title=Text("Part", "Linh kiện"),
            doc="the part (every event but `onboarded`; optional for `supplier_late`)",
            help_en="Part number (blank for onboarded; for supplier_late: only that part).",
            help_vi="Mã linh kiện (trống với onboarded; với supplier_late: chỉ linh kiện này).",
            synonyms=COMPONENTS.columns[0].synonyms,
        ),
        C(
            "supplier_id",
            TEXT,
            title=Text("Supplier", "Nhà cung cấp"),
            required=True,
            help_en="The supplier.",
            help_vi="Mã nhà cung cấp.",
            synonyms=SUPPLIERS.columns[0].synonyms,
        ),
        C(
            "value",
            TEXT,
            title=Text("Value", "Giá trị"),
            doc="a number: for `award` the share bought (0.6, 60% or 60), for "
            "`supplier_late` the whole periods late (1 or more); blank for the other events",
            help_en="award: the share bought (0.6, 60% or 60); supplier_late: whole periods "
            "late; blank otherwise.",
            help_vi="award: tỷ lệ mua (0.6, 60% hoặc 60); supplier_late: số kỳ trễ (số "
            "nguyên); để trống với sự kiện khác.",
            synonyms=("giá trị", "trị số"),
        ),
        C(
            "note",
            TEXT,
            title=Text("Note", "Ghi chú"),
            help_en="Free text: what happened, who said so.",
            help_vi="Ghi chú tự do: chuyện gì đã xảy ra, ai xác nhận.",
            synonyms=("notes", "comment", "remarks", "ghi chú", "diễn giải"),
        ),
    ),
    required=False,
    title_vi="Thực tế",
    help_en="Optional: what happened while the plan ran, one event a row (a re-plan reads it).",
    help_vi="Không bắt buộc: những gì đã xảy ra khi thực hiện kế hoạch, mỗi dòng một sự kiện "
    "(dùng khi lập lại kế hoạch).",
    synonyms=(
        "actuals",
        "actual",
        "events",
        "what happened",
        "thực tế",
        "sự kiện thực tế",
        "thực hiện",
        "diễn biến thực tế",
    ),
)

SHEETS: tuple[Sheet, ...] = (
    COMPONENTS,
    PRODUCTS,
    BOM,
    SUPPLIERS,
    OFFERS,
    PERIODS,
    VOLUMES,
    TARIFFS,
    SETTINGS,
    SCENARIOS,
    ACTUALS,
)
SHEET_BY_NAME = {s.name: s for s in SHEETS}


# The vocabulary of headers ----------------------------------------------------------------
#
# How Vietnamese procurement sheets name things, beyond each column's own synonyms above.
# Gathered from the team's sample workbook, from public Vietnamese import templates for
# purchasing, stock and BOM data (headers such as "STT", "Mã hàng", "Tên NCC", "ĐVT",
# "Đơn giá nhập", "Thuế suất (%)", "Số lượng/SP", "Nước SX", "Thành tiền") and from the
# abbreviations buyers write in narrow Excel columns. Words are compared folded: without
# accents, in lower case (planner.headers.fold), so "Tỷ lệ TQ", "ty le tq" and "TỶ LỆ TQ" are
# one spelling.

# An abbreviation (or a variant spelling) and the words it stands for.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "tq": ("trung", "quoc"),  # Trung Quốc: China
    "china": ("trung", "quoc"),
    "chinese": ("trung", "quoc"),
    "cn": ("trung", "quoc"),
    "prc": ("trung", "quoc"),
    "vn": ("viet", "nam"),
    "vietnam": ("viet", "nam"),
    "us": ("my",),  # Mỹ: the United States
    "usa": ("my",),
    "sp": ("san", "pham"),  # sản phẩm: product
    "tp": ("thanh", "pham"),  # thành phẩm: finished product
    "ncc": ("nha", "cung", "cap"),  # nhà cung cấp: supplier
    "sl": ("so", "luong"),  # số lượng: quantity
    "qty": ("so", "luong"),
    "quantity": ("so", "luong"),
    "dvt": ("don", "vi", "tinh"),  # đơn vị tính: unit of measure
    "uom": ("don", "vi", "tinh"),
    "lk": ("linh", "kien"),  # linh kiện: component
    "vt": ("vat", "tu"),  # vật tư: material
    "nvl": ("nguyen", "vat", "lieu"),  # nguyên vật liệu: raw material
    "sx": ("san", "xuat"),  # sản xuất: made
    "hl": ("ham", "luong"),  # hàm lượng: content
    "tl": ("ty", "le"),  # tỷ lệ: share, rate
    "ti": ("ty",),  # "tỉ lệ" is the older spelling of "tỷ lệ"
    "cp": ("chi", "phi"),  # chi phí: cost
    "pd": ("phe", "duyet"),  # phê duyệt: approval, qualification
    "tg": ("thoi", "gian"),  # thời gian: time
    "xk": ("xuat", "khau"),  # xuất khẩu: export
    "nk": ("nhap", "khau"),  # nhập khẩu: import
    "dg": ("don", "gia"),  # đơn giá: unit price
    "qui": ("quy",),  # "quí" is the older spelling of "quý" (quarter)
    "percent": ("pct",),
    "pc": ("pct",),
    "dong": ("vnd",),  # đồng
    "number": ("no",),
    "nr": ("no",),
    "num": ("no",),
}

# Words that say what a number is counted in: after a slash ("Sản lượng / kỳ"), in brackets
# ("Đơn giá (USD)") or after "per"/"mỗi" they are a unit, not part of the name.
UNIT_WORDS = frozenset(
    {
        *("ky", "quy", "thang", "nam", "tuan", "ngay", "gio"),
        *("period", "periods", "quarter", "quarters", "month", "months", "year", "years"),
        *("week", "weeks", "day", "days", "q", "qtr", "m", "y", "d"),
        *("usd", "vnd", "eur", "cny", "rmb", "pct", "k", "nghin", "trieu", "ty"),
        *("pcs", "pc", "ea", "unit", "units", "cai", "chiec", "bo", "kg", "g", "don", "vi"),
        *("san", "pham", "linh", "kien", "sp", "lk", "%", "tinh"),
    }
)
SIGN_WORDS = frozenset({"pct", "usd", "vnd", "eur", "cny", "rmb"})
FILLER_WORDS = frozenset(
    {"cua", "cho", "the", "of", "for", "a", "an", "va", "and", "theo", "by", "per", "moi", "tren"}
)

# Time units a header may state, and the period length each means.
TIME_UNITS = {
    "ngay": "day",
    "day": "day",
    "days": "day",
    "d": "day",
    "tuan": "week",
    "week": "week",
    "weeks": "week",
    "thang": "month",
    "month": "month",
    "months": "month",
    "m": "month",
    "quy": "quarter",
    "quarter": "quarter",
    "quarters": "quarter",
    "q": "quarter",
    "qtr": "quarter",
    "nam": "year",
    "year": "year",
    "years": "year",
    "y": "year",
}
CURRENCY_UNITS = {"usd": "USD", "vnd": "VND", "eur": "EUR", "cny": "CNY", "rmb": "CNY"}

# Columns a project sheet often has that the planner does not need: they are kept, named as
# not used, and never offered as a likely match for a field.
UNUSED_HEADERS: dict[str, tuple[str, str]] = {
    "stt": ("a row number", "số thứ tự"),
    "tt": ("a row number", "số thứ tự"),
    "so thu tu": ("a row number", "số thứ tự"),
    "no": ("a row number", "số thứ tự"),
    "ghi chu": ("a note", "ghi chú"),
    "note": ("a note", "ghi chú"),
    "notes": ("a note", "ghi chú"),
    "remark": ("a note", "ghi chú"),
    "remarks": ("a note", "ghi chú"),
    "comment": ("a note", "ghi chú"),
    "comments": ("a note", "ghi chú"),
    "don vi tinh": ("a unit of measure", "đơn vị tính"),
    "don vi": ("a unit of measure", "đơn vị tính"),
    "unit": ("a unit of measure", "đơn vị tính"),
    "thanh tien": ("an amount", "thành tiền"),
    "amount": ("an amount", "thành tiền"),
    "total": ("a total", "tổng"),
    "tong": ("a total", "tổng"),
    "tong cong": ("a total", "tổng"),
    "quy cach": ("a specification", "quy cách"),
    "specification": ("a specification", "quy cách"),
    "hinh anh": ("a picture", "hình ảnh"),
    "image": ("a picture", "hình ảnh"),
}

VOCABULARY = Vocabulary(
    expansions=ABBREVIATIONS, units=UNIT_WORDS, signs=SIGN_WORDS, fillers=FILLER_WORDS
)


# Header matching ------------------------------------------------------------------------

_SPACES = re.compile(r"[\s_\-./]+")


def normalise_header(text: object) -> str:
    """Fold a setting key for matching: NFC, lower case, no '*', spaces for separators."""
    s = unicodedata.normalize("NFC", str(text or "")).strip().lower().replace("*", "")
    s = _SPACES.sub(" ", s).strip()
    return s


@dataclass(frozen=True)
class HeaderMatch:
    """What a header was read as: the column, whether only loosely (extra words around a
    known spelling), and the units the header states ('usd', 'ky')."""

    column: Column
    loose: bool = False
    spelling: str = ""
    units: tuple[str, ...] = ()


@cache
def _column_matcher(sheet_name: str) -> Matcher:
    sheet = SHEET_BY_NAME[sheet_name]
    # a column's titles are spellings too: a table copied from the app reads back
    return Matcher(
        {
            c.name: (*c.synonyms, *((c.title.en, c.title.vi) if c.title is not None else ()))
            for c in sheet.columns
        },
        VOCABULARY,
    )


@cache
def _sheet_matcher() -> Matcher:
    return Matcher({s.name: (s.title_vi, *s.synonyms) for s in SHEETS}, VOCABULARY)


def header_words(header: object) -> Words:
    return _sheet_matcher().parsed(header)


def match_header(sheet: Sheet, header: object, loose: bool = True) -> HeaderMatch | None:
    """The column a header stands for, exactly (a known spelling, accents, case, units and
    abbreviations aside) or, when `loose`, among extra words."""
    matcher = _column_matcher(sheet.name)
    found = matcher.exact(header) or (matcher.loose(header) if loose else None)
    if found is None:
        return None
    return HeaderMatch(
        sheet.column(found.key), found.loose, found.spelling, matcher.parsed(header).units
    )


def match_column(sheet: Sheet, header: object) -> Column | None:
    """The column a header stands for (see match_header)."""
    found = match_header(sheet, header)
    return found.column if found else None


def unused_header(header: object) -> tuple[str, str] | None:
    """(English, Vietnamese) of what a column the planner never needs holds ('STT': a row
    number), else None."""
    return UNUSED_HEADERS.get(header_words(header).full)


def nearest_columns(sheet: Sheet, header: object) -> list[str]:
    """Fields of the sheet the header resembles, best first (none for a known unused one)."""
    if unused_header(header) is not None:
        return []
    return _column_matcher(sheet.name).nearest(header)


def match_sheet_name(title: object) -> tuple[Sheet, bool] | None:
    """The schema sheet a workbook sheet's name stands for and whether only loosely ('Báo giá
    Q4' -> Offers, loosely)."""
    found = _sheet_matcher().match(title)
    return (SHEET_BY_NAME[found.key], found.loose) if found else None


def match_sheet(title: object) -> Sheet | None:
    """The schema sheet a workbook sheet (or CSV file stem) stands for by its exact name or a
    synonym (accents, case and abbreviations aside)."""
    found = _sheet_matcher().exact(title)
    return SHEET_BY_NAME[found.key] if found else None


def column_in_vietnamese(col: Column) -> str:
    """A column named for a Vietnamese message: its title, then its key ("Đơn giá
    (unit_price)"), so the reader knows it both as the app heads it and as the sheet may."""
    return f"{col.title.vi} ({col.name})" if col.title is not None else col.name


PROPER = {"mỹ": "Mỹ", "việt": "Việt", "nam": "Nam"}  # names written with a capital


def column_title_vi(col: Column) -> str:
    """A column's usual Vietnamese header (its first Vietnamese synonym): 'Hàm lượng TQ'."""
    for s in col.synonyms:
        if any(ch.isalpha() and not ch.isascii() for ch in s):
            words = [
                w.upper() if w in ABBREVIATIONS or w in ("hs", "fob", "moq") else PROPER.get(w, w)
                for w in s.split(" ")
            ]
            text = " ".join(words)
            return text[:1].upper() + text[1:]
    return col.name
