"""Languages: the app's own texts through Qt Linguist (.ts/.qm in resources/i18n), remembered.

PySide6 ships no Vietnamese translation of Qt's own texts, so every dialog button and the
undo/redo labels are set by the app itself (see ui/dialogs.py and MainWindow), not by Qt.
Numbers and money are formatted by planner.report.fmt so the screen, the workbook and the
printed plan agree.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from planner.report import fmt

LANGUAGES = ("en", "vi")
RESOURCES = Path(__file__).resolve().parents[1] / "resources"
QM_FILE = RESOURCES / "i18n" / "locplan_vi.qm"

_state: dict[str, object] = {"lang": "en", "translator": None}


def tr(text: str, disambiguation: str | None = None) -> str:
    """The app's one translation call: lupdate collects every `tr("...")` (empty context);
    `disambiguation` tells apart one English word with two meanings ("Plan" noun and verb)."""
    return QCoreApplication.translate("", text, disambiguation)


def saved_language() -> str:
    lang = QSettings().value("language", "")
    if lang in LANGUAGES:
        return str(lang)
    return "vi" if QLocale.system().language() == QLocale.Vietnamese else "en"


def current() -> str:
    return str(_state["lang"])


def set_language(lang: str, remember: bool = True) -> None:
    """Install (or remove) the Vietnamese translator; Qt then sends LanguageChange events."""
    if lang not in LANGUAGES:
        lang = "en"
    app = QCoreApplication.instance()
    old = _state["translator"]
    if old is not None and app is not None:
        app.removeTranslator(old)
        _state["translator"] = None
    if lang == "vi" and app is not None:
        translator = QTranslator(app)
        if translator.load(str(QM_FILE)):
            app.installTranslator(translator)
            _state["translator"] = translator
    _state["lang"] = lang
    QLocale.setDefault(QLocale(QLocale.Vietnamese if lang == "vi" else QLocale.English))
    if remember:
        QSettings().setValue("language", lang)


def set_currency(code: str) -> None:
    """The open project's currency (its `currency` setting), which money is shown in."""
    _state["currency"] = code or "USD"


def project_currency() -> str:
    return str(_state.get("currency") or "USD")


def money(value: object, currency: str | None = None, fx: float | None = None) -> str:
    """Money in the project's currency (or `currency`), or in VND at the project's exchange
    rate when the user chose it (`currency` "VND" with `fx`)."""
    if fx and currency == "VND":
        try:
            return fmt.money(float(value) * fx, current(), "VND")  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return ""
    return fmt.money(value, current(), currency or project_currency())


def pct(value: object, decimals: int | None = 1) -> str:
    return fmt.pct(value, current(), decimals)


def number(value: object, decimals: int = 0) -> str:
    return fmt.number(value, current(), decimals)


def error_text(exc: BaseException) -> str:
    """A failure as the user reads it: the planner's own sentence in the app's language."""
    message_vi = getattr(exc, "message_vi", None)
    message_en = getattr(exc, "message_en", None)
    if message_en:
        return str(message_vi if current() == "vi" and message_vi else message_en)
    return str(exc) or type(exc).__name__


def problem_counts(errors: int, warnings: int) -> str:
    """'Problems: 1 error, 2 warnings', with the singular where it is one."""
    e = tr("1 error") if errors == 1 else tr("{n} errors").format(n=errors)
    w = tr("1 warning") if warnings == 1 else tr("{n} warnings").format(n=warnings)
    return tr("Problems: {errors}, {warnings}").format(errors=e, warnings=w)
