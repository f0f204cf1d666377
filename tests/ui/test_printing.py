"""The printed phase plan: written as a PDF and read back with poppler's pdftotext/pdfinfo."""

from __future__ import annotations

import copy
import dataclasses
import re
import shutil
import subprocess
import unicodedata
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from planner.report import fmt
from planner.report.labels import label
from planner.report.plan_report import build_report
from planner.report.tables import UnverifiedPlan
from tests.planner.conftest import SMALL, write_book
from ui.printing import preview_dialog, register_fonts, write_plan_pdf

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data" / "vr_headset_bac_ninh.xlsx"


def _poppler() -> None:
    if not (shutil.which("pdftotext") and shutil.which("pdfinfo")):
        pytest.skip("poppler-utils (pdftotext, pdfinfo) not installed")


def page_count(path: Path) -> int:
    _poppler()
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", out.stdout, re.M).group(1))


def pages_text(path: Path) -> list[str]:
    """One string per page, NFC, as laid out on the page."""
    _poppler()
    out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = [unicodedata.normalize("NFC", p) for p in out.split("\f")]
    return pages[:-1] if pages and not pages[-1].strip() else pages


def letters(text: str) -> str:
    """Without spaces and hyphens: a sentence wrapped in a table cell (pdftotext joins
    "2027-" and "Q4" to "2027Q4") still matches."""
    return re.sub(r"[\s\-]", "", text)


def flat(text: str) -> str:
    """Whitespace collapsed: a wrapped title reads as one line."""
    return " ".join(text.split())


def _plan(path: Path, seconds: float):
    from planner.optimise import plan_project
    from planner.validate import check_file

    result = check_file(path)
    assert result.project is not None
    plan = plan_project(result.project, time_limit_s=seconds)
    assert plan.has_plan
    return result.project, plan


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    path = write_book(copy.deepcopy(SMALL), tmp_path_factory.mktemp("small") / "small.xlsx")
    return _plan(path, 30)


@pytest.fixture(scope="module")
def sample():
    return _plan(SAMPLE, 8)  # a good plan, not the last 0.1%: what is printed is the point


@pytest.fixture(scope="module")
def sample_pdfs(qapp, sample, tmp_path_factory):
    """The sample plan printed in both languages: lang -> (path, pages returned)."""
    project, plan = sample
    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    for lang in ("en", "vi"):
        path = folder / f"plan_{lang}.pdf"
        out[lang] = (path, write_plan_pdf(project, plan, path, lang))
    return out


def _phase_headings(project, lang: str) -> list[str]:
    return [f"{label('phase', lang)} {n} · {p}" for n, p in enumerate(project.periods, 1)]


def test_small_plan(qapp, small, tmp_path):
    project, plan = small
    folder = tmp_path / "out"  # tmp_path itself also holds the ui conftest's autosave folder
    folder.mkdir()
    path = folder / "small.pdf"
    pages = write_plan_pdf(project, plan, path)
    # the sign-off page (the decision, the ask, risks, lines to sign), headline figures,
    # assumptions and the reasons, chart and periods, phases, Gantt, allocation, appendix (the
    # solver's terms)
    assert pages == page_count(path) == 8
    text = pages_text(path)
    assert len(text) == pages
    cover = flat(text[0])
    assert label("phase_plan") in cover
    assert "Small test plan" in cover
    assert fmt.money(plan.total_cost, "en", project.settings.currency) in cover
    everything = flat(" ".join(text))
    for heading in _phase_headings(project, "en"):
        assert heading in everything
    for n, page in enumerate(text, 1):
        assert f"Page {n} / {pages}" in page
        assert label("app_name") in page
    if plan.actions.empty:  # the small plan keeps every incumbent
        assert everything.count(label("nothing_this_phase")) == len(project.periods)
        assert label("no_switch") in everything
    assert [p.name for p in folder.iterdir()] == ["small.pdf"]  # no temp file left


def test_sample_in_english(sample, sample_pdfs):
    project, plan = sample
    path, pages = sample_pdfs["en"]
    assert pages == page_count(path)
    text = pages_text(path)
    assert len(text) == pages > 5
    cover = flat(text[0])
    assert flat(project.settings.plan_name) in cover
    assert fmt.money(plan.total_cost, "en", project.settings.currency) in cover
    assert label("decision") in cover  # the decision in plain words opens the plan
    assert "Move " in cover and " parts to new suppliers" in cover
    assert "pass-through" in cover and "not enacted law" in cover
    # after the sign-off page (two pages for the sample: its onboardings and risks)
    first_three = flat(" ".join(text[:5]))
    for words in (
        "assumptions",
        "why_title",
        "limits_title",
        "content_chart",
        "periods_title",
        "content_title",  # Chinese share, RVC, origin and rate per product and period
    ):
        assert label(words) in first_three, words  # the whole story in the first three pages
    # the Vietnamese share of spend beside the costs per period
    story = build_report(project, plan, "en").story
    assert label("vn_spend_share") in [c.header for c in story.grids("periods")[0].columns]
    periods_page = next(flat(p) for p in text if label("periods_title") in flat(p))
    assert fmt.pct(plan.periods["vn_spend_share"].iloc[-1], "en", 1) in periods_page
    everything = flat(" ".join(text))
    for heading in _phase_headings(project, "en"):
        assert heading in everything
    assert label("gantt") in everything
    assert label("continued") in everything  # the long ramp tables break over pages
    for n, page in enumerate(text, 1):
        assert f"Page {n} / {pages}" in page
    # no ligature glyphs: "fi" and "ff" stay searchable letters
    assert "ﬁ" not in everything and "ﬀ" not in everything
    assert label("starts") in everything
    # the solver's terms only in the appendix, at the end
    appendix = flat(text[-1])
    assert label("appendix") in appendix
    # the bound when the solver had one within the fixture's limit (a loaded machine may not)
    assert ("Best bound" in appendix) == (plan.best_bound is not None)
    assert "Best bound" not in cover


def test_sample_reasons_in_the_report_and_on_paper(qapp, sample, sample_pdfs):
    """A reason per qualification, the binding limits named, each reason printed once."""
    project, plan = sample
    report = build_report(project, plan, "en")
    why, limits = report.tables["why"], report.tables["limits"]
    started = plan.actions[plan.actions["kind"] == "start_qualification"]
    assert len(why.frame) == len(started) == len(plan.reasons) > 0
    assert set(zip(why.frame["component_id"], why.frame["supplier_id"], strict=True)) == set(
        zip(started["component_id"], started["supplier_id"], strict=True)
    )
    assert all(why.frame["reason"].str.len() > 20)
    assert len(limits.frame) == len(plan.limits)
    if len(plan.limits):
        assert set(limits.frame["family"]) <= {
            label(f"fam_{f}") for f in set(plan.limits["family"])
        }
    path, _pages = sample_pdfs["en"]
    raw = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = letters(raw)
    for reason in plan.reasons["reason_en"]:
        assert letters(reason) in text, reason


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_allocation_header_repeats_on_every_page(sample, sample_pdfs, lang):
    project, _plan = sample
    path, _pages = sample_pdfs[lang]
    title = label("allocation_title", lang)
    pages = [p for p in pages_text(path) if title in flat(p)]
    assert len(pages) >= 2
    header = re.compile(
        rf"^\s*{re.escape(label('component_id', lang))}\s+{re.escape(label('supplier_id', lang))}\s",
        re.M,
    )
    for k, page in enumerate(pages):
        assert header.search(page), page[:400]
        for period in project.periods:  # the period columns, wrapped after the dash
            year, quarter = period.split("-")
            assert f"{year}-" in page and quarter in page
        assert (label("continued", lang) in page) == (k > 0)


def test_vietnamese_text_is_intact(sample, sample_pdfs):
    project, plan = sample
    path, pages = sample_pdfs["vi"]
    text = pages_text(path)
    everything = flat(" ".join(text))
    assert "Kế hoạch theo giai đoạn" in flat(text[0])
    assert "Bắc Ninh" in flat(text[0])
    assert fmt.money(plan.total_cost, "vi", project.settings.currency) in flat(text[0])
    for heading in _phase_headings(project, "vi"):
        assert heading in everything
    assert f"Trang 1 / {pages}" in text[0]
    # a supplier onboarded with a Vietnamese name, and a part description with "µ"
    sup = project["Suppliers"].set_index("supplier_id")["name"]
    onboarded = plan.actions[plan.actions["kind"] == "onboard"]["supplier_id"]
    accented = [sup[s] for s in onboarded if not sup[s].isascii()]
    assert accented and all(flat(name) in everything for name in accented)
    desc = project["Components"].set_index("component_id")["description"]
    started = plan.actions[plan.actions["kind"] == "start_qualification"]["component_id"]
    # every started part's description, whatever its characters (µ, đ...), is intact
    described = [desc[c] for c in started if desc[c]]
    assert described and all(flat(d) in everything for d in described)


def test_fonts_are_bundled_and_embedded(qapp, sample_pdfs):
    assert register_fonts() == "DejaVu Sans"
    assert (ROOT / "resources" / "fonts" / "LICENSE.txt").is_file()
    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts not installed")
    path, _pages = sample_pdfs["vi"]
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    fonts = out.stdout.splitlines()[2:]
    assert fonts and all("DejaVuSans" in line and " yes " in line for line in fonts)


def test_unverified_plan_is_refused(qapp, small, tmp_path):
    project, plan = small
    bad = dataclasses.replace(plan, verified=False, violations=["x"])
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(UnverifiedPlan):
        write_plan_pdf(project, bad, folder / "bad.pdf")
    assert not list(folder.iterdir())
    with pytest.raises(UnverifiedPlan):
        build_report(project, bad)  # what the preview and every export show


def test_preview_dialog_is_built_not_shown(qapp, small):
    from PySide6.QtPrintSupport import QPrinter

    project, plan = small
    dialog = preview_dialog(None, build_report(project, plan, "vi").story)
    try:
        assert not dialog.isVisible()
        assert isinstance(dialog.printer_, QPrinter)
        assert "Kế hoạch theo giai đoạn" in dialog.windowTitle()
    finally:
        dialog.deleteLater()


def test_cli_writes_the_pdf(qapp, tmp_path):
    from planner.cli import main

    if not list(entry_points(group="locplan.exporters", name="pdf")):
        pytest.skip("the package is not installed (pip install -e .): no PDF exporter")
    xlsx, pdf = tmp_path / "plan.xlsx", tmp_path / "plan.pdf"
    args = ["plan", str(SAMPLE), "-o", str(xlsx), "--pdf", str(pdf), "--time-limit", "5"]
    assert main(args) == 0
    assert xlsx.is_file() and pdf.is_file()
    assert page_count(pdf) > 5


def test_a_long_horizon_splits_the_allocation_by_periods(qapp, tmp_path):
    """Sixteen quarters do not fit one portrait table with readable part numbers: the
    allocation comes in tables of eight periods, each part number on one line."""
    from planner.generate import generate_project
    from planner.optimise import plan_project
    from planner.report.phase_plan import PERIODS_PER_TABLE

    project = generate_project(30, seed=4, n_periods=16)
    plan = plan_project(project, time_limit_s=20)
    assert plan.has_plan
    path = tmp_path / "long.pdf"
    write_plan_pdf(project, plan, path)
    everything = flat(" ".join(pages_text(path)))
    periods = project.periods
    title = label("allocation_title")
    for i in range(0, len(periods), PERIODS_PER_TABLE):
        chunk = periods[i : i + PERIODS_PER_TABLE]
        assert f"{title} · {chunk[0]} – {chunk[-1]}" in everything
    for part in project["Components"]["component_id"]:
        assert re.search(rf"\b{re.escape(part)}\b", everything), part  # not broken over lines
