"""Names of sheets and columns as the app shows them, translatable (lupdate reads the tr calls).

The workbook keeps the canonical names; these are for people.
"""

from __future__ import annotations

from functools import cache

from planner import schema
from planner.io.provenance import Loss
from ui import i18n
from ui.i18n import tr


@cache
def _sheet_labels(lang: str) -> dict[str, str]:
    return {
        "Components": tr("Components"),
        "Products": tr("Products"),
        "BOM": tr("Bill of materials"),
        "Suppliers": tr("Suppliers"),
        "Offers": tr("Offers"),
        "Periods": tr("Periods"),
        "Volumes": tr("Volumes"),
        "Tariffs": tr("Tariffs"),
        "Settings": tr("Settings"),
        "Scenarios": tr("Scenarios"),
        "Actuals": tr("Actuals"),
    }


@cache
def _column_labels(lang: str, currency: str) -> dict[str, str]:
    """Each column's title from planner.schema in `lang`, the project's currency after a
    money title ("Unit price (USD)"). A name two sheets share has one title (a test holds
    them equal)."""
    out: dict[str, str] = {}
    for sheet in schema.SHEETS:
        for col in sheet.columns:
            if col.title is not None and col.name not in out:
                money = f" ({currency})" if col.unit == "USD" else ""  # "USD": the money unit
                out[col.name] = col.title.get(lang) + money
    return out


def sheet_label(name: str) -> str:
    return _sheet_labels(i18n.current()).get(name, name)


def column_label(name: str) -> str:
    return _column_labels(i18n.current(), i18n.project_currency()).get(str(name), str(name))


def column_help(sheet: str, name: str) -> str:
    """The schema's help text for a column, in the current language, with its unit."""
    spec = schema.SHEET_BY_NAME.get(sheet)
    if spec is None or name not in spec.column_names:
        return tr("A column the planner does not use; it is kept as it is.")
    col = spec.column(name)
    text = col.help_vi if i18n.current() == "vi" and col.help_vi else col.help_en
    required = tr("Required.") if col.required else ""
    return " ".join(s for s in (f"{name}:", text, required) if s)


def describe_losses(losses: list[Loss]) -> list[str]:
    """What saving over the user's workbook drops, a line per kind, for the replace question."""

    def listed(items: list[str], most: int = 6) -> str:
        shown = ", ".join(items[:most])
        more = len(items) - most
        return shown + (tr(" and {n} more").format(n=more) if more > 0 else "")

    kinds = {loss.kind for loss in losses}
    lines = []
    if "foreign" in kinds:
        lines.append(tr("its formatting, formulas (their values are kept), comments and charts"))
    if "plan_sheets" in kinds:
        lines.append(tr("the plan sheets (export the plan again after planning)"))
    titles = [x.sheet for x in losses if x.kind == "title_rows"]
    if titles:
        lines.append(
            tr("the title rows above the headers in {sheets}").format(sheets=listed(titles))
        )
    names = [f"{x.sheet} → {x.detail}" for x in losses if x.kind == "names" and x.sheet != x.detail]
    if names:
        lines.append(
            tr("its own sheet and column names (saved as {names})").format(names=listed(names))
        )
    elif any(x.kind == "names" for x in losses):
        lines.append(tr("its own column headers (the project's are written)"))
    sheets = [x.sheet for x in losses if x.kind == "sheet"]
    if sheets:
        lines.append(
            tr("the sheets a project does not use: {sheets}").format(sheets=listed(sheets))
        )
    return lines
