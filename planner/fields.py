"""The field registry: every setting of the plan stated once.

Each field carries what every reader of it needs: its key and the other spellings a team may
type (in English or Vietnamese: its titles are spellings too), its kind, default, range or
choices, one bilingual title and help, its unit, the editor the settings form gives it and
whether the plan states it among its assumptions. From this one declaration come the Settings
sheet's reader (planner.validate), the typed `Settings` and its defaults (planner.project),
the app's settings form (ui/settings_form.py), the plan's assumptions (planner.report.tables)
and the Settings table of docs/format.md (planner.format_doc). A setting is added here, plus
the model code that uses it; nothing else restates it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from planner.headers import fold
from planner.text import Text

# Value kinds; planner.io.parse has one parser per kind (re-exported by planner.schema).
TEXT, NUMBER, INTEGER, SHARE, BOOL, COUNTRY, CHOICE, PERIOD = (
    "text",
    "number",
    "integer",
    "share",
    "bool",
    "country",
    "choice",
    "period",
)

# The settings form's editors: a line of text, a list of choices, whole seconds, a percent,
# a number (0 = blank), a tick box. A field without one is edited on the Settings sheet only.
LINE, CHOICES, SECONDS, PERCENT, AMOUNT, TICK = (
    "line",
    "choices",
    "seconds",
    "percent",
    "amount",
    "tick",
)

NONE = Text("none", "không có")  # what a blank optional setting means
UNIT_TITLES = {"s": Text("seconds", "giây"), "%": Text("%", "%")}


@dataclass(frozen=True)
class Field:
    """One setting, as every part of the app knows it."""

    key: str
    kind: str
    default: object
    title: Text
    help: Text
    choices: tuple[str, ...] = ()
    choice_titles: tuple[Text, ...] = ()  # the choices as a person reads them, in order
    minimum: float | None = None
    maximum: float | None = None
    synonyms: tuple[str, ...] = ()  # other spellings of the key, English and Vietnamese
    unit: str = ""
    editor: str | None = None  # how the settings form edits it; None: on the sheet only
    assumption: bool = False  # stated among the plan's assumptions (it changes the plan)
    # a former key still read: its value sets these settings where they are not given (it
    # is not typed, edited, written or stated itself)
    sets: tuple[str, ...] = ()

    @property
    def help_en(self) -> str:
        return self.help.en

    @property
    def help_vi(self) -> str:
        return self.help.vi

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every way a team may write the key: the key, its synonyms, its titles."""
        return (self.key, *self.synonyms, self.title.en, self.title.vi)

    def choice_title(self, value: object) -> Text | None:
        for choice, title in zip(self.choices, self.choice_titles, strict=False):
            if choice == value:
                return title
        return None


def _fold(text: object) -> str:
    """A spelling compared without accents, case, spacing or punctuation ("Tỷ lệ tối
    thiểu" and "ty_le toi-thieu" are one)."""
    return " ".join("".join(c if c.isalnum() else " " for c in fold(text)).split())


SETTINGS: tuple[Field, ...] = (
    Field(
        "plan_name",
        TEXT,
        "Localization plan",
        Text("Plan name", "Tên kế hoạch"),
        Text("Name printed on the plan.", "Tên in trên kế hoạch."),
        synonyms=("name",),
        editor=LINE,
    ),
    Field(
        "objective",
        CHOICE,
        "min_cost",
        Text("Objective", "Mục tiêu"),
        Text(
            "min_cost: the cheapest plan; min_china: the least Chinese content within the "
            "limits, then the cheapest.",
            "min_cost: kế hoạch rẻ nhất; min_china: ít hàm lượng TQ nhất trong các giới hạn, "
            "rồi rẻ nhất.",
        ),
        choices=("min_cost", "min_china"),
        choice_titles=(
            Text("least total cost", "tổng chi phí thấp nhất"),
            Text(
                "least Chinese content, then least cost",
                "ít hàm lượng TQ nhất, rồi chi phí thấp nhất",
            ),
        ),
        editor=CHOICES,
        assumption=True,
    ),
    Field(
        "time_limit_s",
        NUMBER,
        60.0,
        Text("Time limit", "Giới hạn thời gian"),
        Text("The optimiser's time limit.", "Giới hạn thời gian của bộ tối ưu."),
        minimum=1,
        maximum=86400,
        unit="s",
        editor=SECONDS,
        assumption=True,
    ),
    Field(
        "content_basis",
        CHOICE,
        "fob",
        Text("Chinese share measured on", "Tỷ lệ TQ tính trên"),
        Text(
            "Chinese share measured on the FOB price (fob) or on the material cost per unit "
            "(materials).",
            "Tỷ lệ TQ tính trên giá FOB (fob) hoặc trên chi phí vật tư mỗi sản phẩm (materials).",
        ),
        choices=("fob", "materials"),
        choice_titles=(Text("FOB price", "giá FOB"), Text("material cost", "chi phí vật tư")),
        editor=CHOICES,
        assumption=True,
    ),
    Field(
        "rvc_min",
        SHARE,
        None,
        Text("Least regional value content (RVC)", "RVC tối thiểu"),
        Text(
            "Least Vietnamese value content, (FOB − non-originating materials) / FOB; blank: "
            "no rule.",
            "Hàm lượng giá trị Việt Nam tối thiểu, (FOB − vật tư không có xuất xứ) / FOB; để "
            "trống: không áp dụng.",
        ),
        minimum=0,
        maximum=1,
        editor=PERCENT,
        assumption=True,
    ),
    Field(
        "incumbent_max_drop",
        SHARE,
        1.0,
        Text(
            "Largest fall of an incumbent's share per period",
            "Mức giảm tối đa mỗi kỳ của nhà cung cấp hiện tại",
        ),
        Text(
            "Largest fall of an incumbent's share of a part per period.",
            "Mức giảm tỷ trọng tối đa mỗi kỳ của nhà cung cấp hiện tại.",
        ),
        minimum=0,
        maximum=1,
        editor=PERCENT,
        assumption=True,
    ),
    Field(
        "no_reversal",
        BOOL,
        True,
        Text("Stable awards: no share reverses", "Phân bổ ổn định: không đảo chiều tỷ lệ"),
        Text(
            "Stable awards: a new supplier's share never falls once it has risen, and an "
            "incumbent's never rises after it has fallen.",
            "Phân bổ ổn định: tỷ trọng của nhà cung cấp mới không giảm sau khi đã tăng, của nhà "
            "cung cấp hiện tại không tăng lại sau khi đã giảm.",
        ),
        synonyms=("no reversals", "không đảo chiều"),
        editor=TICK,
        assumption=True,
    ),
    Field(
        "min_share",
        SHARE,
        0.05,
        Text("Least share of an award", "Tỷ lệ tối thiểu của một phân bổ"),
        Text(
            "Every supplier's share of a part is 0 or at least this in every period (no "
            "slivers); 0: any share.",
            "Tỷ trọng của mỗi nhà cung cấp cho một linh kiện là 0 hoặc ít nhất mức này mỗi kỳ; "
            "0: bất kỳ.",
        ),
        minimum=0,
        maximum=0.5,
        synonyms=("minimum share", "tỷ trọng tối thiểu"),
        editor=PERCENT,
        assumption=True,
    ),
    Field(
        "max_utilisation",
        SHARE,
        0.9,
        Text("Most of a new supplier's capacity used", "Tỷ lệ công suất tối đa của NCC mới"),
        Text(
            "The plan never gives a new supplier more than this share of its stated capacity in "
            "any period: room for a slip, a yield loss or a spike in demand.",
            "Kế hoạch không giao cho nhà cung cấp mới quá tỷ lệ này của công suất đã khai trong "
            "bất kỳ kỳ nào: dư địa cho chậm trễ, hao hụt hay nhu cầu tăng đột biến.",
        ),
        minimum=0.1,
        maximum=1.0,
        synonyms=("max utilisation", "max utilization", "utilisation", "công suất tối đa"),
        editor=PERCENT,
        assumption=True,
    ),
    Field(
        "second_source_share",
        SHARE,
        0.2,
        Text("Second source of a critical part", "Nguồn thứ hai của linh kiện trọng yếu"),
        Text(
            "A part marked critical (Components) keeps at least this share with a second "
            "supplier: no one new supplier takes more than the rest.",
            "Linh kiện đánh dấu trọng yếu (Components) giữ ít nhất tỷ lệ này ở nhà cung cấp "
            "thứ hai: không nhà cung cấp mới nào nhận quá phần còn lại.",
        ),
        minimum=0,
        maximum=0.5,
        synonyms=("second source", "nguồn thứ hai"),
        editor=PERCENT,
        assumption=True,
    ),
    Field(
        "max_supplier_spend_share",
        SHARE,
        0.25,
        Text(
            "Largest share of spend with one new supplier", "Tỷ lệ chi tiêu tối đa cho một NCC mới"
        ),
        Text(
            "No new supplier is given more than this share of a quarter's material spend, "
            "counted against that spend at every part's cheapest quote; 100%: no limit.",
            "Không nhà cung cấp mới nào nhận quá tỷ lệ này của chi phí vật tư một kỳ, tính trên "
            "chi phí đó theo báo giá rẻ nhất của từng linh kiện; 100%: không giới hạn.",
        ),
        minimum=0,
        maximum=1,
        synonyms=("supplier spend share", "tỷ lệ chi tiêu một ncc"),
        editor=PERCENT,
        assumption=True,
    ),
    Field(
        "max_country_spend_share",
        SHARE,
        None,
        Text("Largest share of spend with one country", "Tỷ lệ chi tiêu tối đa cho một nước"),
        Text(
            "The plan moves no more than this share of a quarter's material spend (counted as "
            "for one new supplier) to suppliers of one country, Vietnam and China aside (the "
            "glide path rules China); a country above it today stays at most where it is; "
            "blank: no limit.",
            "Kế hoạch không chuyển quá tỷ lệ này của chi phí vật tư một kỳ (tính như với một "
            "NCC mới) sang các nhà cung cấp của một nước, trừ Việt Nam và Trung Quốc (lộ trình "
            "trần quy định Trung Quốc); nước đã vượt mức này hôm nay thì không tăng thêm; để "
            "trống: không giới hạn.",
        ),
        minimum=0,
        maximum=1,
        synonyms=("country spend share", "tỷ lệ chi tiêu một nước"),
        editor=PERCENT,
        assumption=True,
    ),
    Field(
        "cap_margin",
        SHARE,
        0.0,
        Text("Margin below the customer's cap", "Biên dưới trần của khách hàng"),
        Text(
            "Room the plan keeps below every glide-path cap of Chinese content (share points); "
            "a customer's cap is a contract, so 0 holds it exactly.",
            "Khoảng cách kế hoạch giữ dưới mọi trần hàm lượng TQ của lộ trình (điểm phần trăm); "
            "trần của khách hàng là hợp đồng nên 0 là giữ đúng trần.",
        ),
        minimum=0,
        maximum=0.2,
        synonyms=("customer margin", "glide path margin", "biên trần"),
        editor=PERCENT,
        assumption=True,
    ),
    Field(
        "tariff_margin",
        SHARE,
        0.02,
        Text("Margin below every tariff bound", "Biên dưới mọi ngưỡng thuế"),
        Text(
            "Room the plan keeps below every legal tariff-tier bound (share points): a product "
            "within it is costed at the higher tier, since a small slip in a supplier's content "
            "would be billed there.",
            "Khoảng cách kế hoạch giữ dưới mọi ngưỡng bậc thuế theo luật (điểm phần trăm): sản "
            "phẩm nằm trong khoảng này được tính theo bậc cao hơn, vì một sai lệch nhỏ về hàm "
            "lượng sẽ bị tính thuế ở bậc đó.",
        ),
        minimum=0,
        maximum=0.2,
        synonyms=("tariff safety margin", "biên thuế", "biên an toàn thuế"),
        editor=PERCENT,
        assumption=True,
    ),
    Field(
        "threshold_margin",
        SHARE,
        None,
        Text("Margin below every cap and tariff bound", "Biên dưới mọi trần và ngưỡng thuế"),
        Text(
            "Former name of the two margins: sets cap_margin and tariff_margin where the sheet "
            "does not give them.",
            "Tên cũ của hai biên: đặt cap_margin và tariff_margin khi trang tính không có chúng.",
        ),
        minimum=0,
        maximum=0.2,
        synonyms=("margin", "safety margin", "biên an toàn"),
        sets=("cap_margin", "tariff_margin"),
    ),
    Field(
        "tariff_pass_through",
        SHARE,
        1.0,
        Text("Share of the US tariff the factory bears", "Phần thuế Mỹ nhà máy chịu"),
        Text(
            "Share of the US tariff the factory bears through its price (the importer pays the "
            "duty; 1 = all of it).",
            "Tỷ lệ thuế Mỹ nhà máy chịu qua giá bán (nhà nhập khẩu nộp thuế; 1 = toàn bộ).",
        ),
        minimum=0,
        maximum=1,
        synonyms=("pass through", "tariff share borne", "tỷ lệ chịu thuế"),
        editor=PERCENT,
        assumption=True,
    ),
    Field(
        "origin_rvc_min",
        SHARE,
        None,
        Text("Least RVC for Vietnamese origin", "RVC tối thiểu để có xuất xứ Việt Nam"),
        Text(
            "Least RVC for Vietnamese origin of products whose origin_rule is rvc; blank: none.",
            "RVC tối thiểu để có xuất xứ Việt Nam với sản phẩm có origin_rule là rvc; để trống: "
            "không có.",
        ),
        minimum=0,
        maximum=1,
        synonyms=("origin rvc", "rvc for origin", "rvc xuất xứ"),
        editor=PERCENT,
        assumption=True,
    ),
    Field(
        "currency",
        TEXT,
        "USD",
        Text("Currency", "Tiền tệ"),
        Text("Currency of every money column.", "Đơn vị tiền tệ của mọi cột tiền."),
        assumption=True,
    ),
    Field(
        "fx_vnd_per_usd",
        NUMBER,
        None,
        Text("Exchange rate (VND per USD)", "Tỷ giá (VND/USD)"),
        Text(
            "Exchange rate, for showing money in VND; blank: none.",
            "Tỷ giá để hiển thị tiền theo VND; để trống: không có.",
        ),
        minimum=0,
        editor=AMOUNT,
        assumption=True,
    ),
    Field(
        "mip_gap",
        NUMBER,
        1e-3,
        Text("Optimality gap", "Sai số tối ưu"),
        Text(
            "Relative optimality gap at which the optimiser stops.",
            "Sai số tối ưu tương đối để bộ tối ưu dừng.",
        ),
        minimum=0,
        maximum=1,
    ),
    Field(
        "solver",
        CHOICE,
        "auto",
        Text("Optimiser", "Bộ tối ưu"),
        Text(
            "Optimiser backend: auto or scip (SCIP through OR-Tools), highs, or greedy (the "
            "first plan only).",
            "Bộ giải: auto hoặc scip (SCIP qua OR-Tools), highs, hoặc greedy (chỉ kế hoạch ban "
            "đầu).",
        ),
        choices=("auto", "scip", "highs", "greedy"),
        choice_titles=(
            Text("automatic (SCIP)", "tự động (SCIP)"),
            Text("SCIP", "SCIP"),
            Text("HiGHS", "HiGHS"),
            Text("the first plan only", "chỉ kế hoạch ban đầu"),
        ),
    ),
)


@cache
def _by_spelling(settings: tuple[Field, ...]) -> dict[str, Field]:
    found: dict[str, Field] = {}
    for f in settings:
        for spelling in f.spellings:
            other = found.setdefault(_fold(spelling), f)
            assert other is f, f"{f.key} and {other.key} share the spelling {spelling!r}"
    return found


def same_spelling(typed: object, *spellings: str) -> bool:
    """Whether `typed` is one of `spellings`, accents, case, spaces and punctuation aside."""
    return _fold(typed) in {_fold(s) for s in spellings}


def setting_named(typed: object) -> Field | None:
    """The setting a Settings row names, under any of its spellings (accents, case, spaces,
    underscores aside): `min_share`, `Min share`, `tỷ lệ tối thiểu của một phân bổ`."""
    return _by_spelling(SETTINGS).get(_fold(str(typed or "")))


def setting(key: str) -> Field:
    """The setting whose key is `key` (KeyError if none)."""
    for f in SETTINGS:
        if f.key == key:
            return f
    raise KeyError(key)


def current() -> tuple[Field, ...]:
    """The settings as they are written and typed: every field but the former names."""
    return tuple(f for f in SETTINGS if not f.sets)


def former_name_of(key: str) -> Field | None:
    """The former key whose value stands for `key` when `key` is not given, if any."""
    return next((f for f in SETTINGS if key in f.sets), None)


def default(key: str) -> Any:
    """A setting's default, for the typed Settings (planner.project): typed there."""
    return setting(key).default
