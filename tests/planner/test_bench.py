"""`locplan bench` runs each case in a child process and reports what a reader compares."""

from __future__ import annotations

from planner.bench import run_bench
from planner.report.exporters import exporter


def test_bench_reports_a_checked_plan_and_export_times():
    lines: list[str] = []
    rows = run_bench(sizes=(20,), exports=True, on_line=lines.append)
    (row,) = rows
    assert row["status"] in ("optimal", "feasible") and row["verified"], row
    assert row["gap"] is not None and row["gap"] < 0.01
    assert row["peak_mb"] > 0 and row["xlsx_seconds"] is not None
    if exporter("pdf") is not None:  # the app is installed: the PDF is timed too
        assert row["pdf_seconds"] is not None
    assert lines[0].split()[:2] == ["parts", "status"] and "xlsx" in lines[0]
    assert lines[1].split()[0] == "20"
