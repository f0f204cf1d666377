"""Mutated workbooks never crash the reader or the validator (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from planner import schema
from planner.io.read import RawProject, grid_to_frame
from planner.validate import check_file, validate
from tests.planner.conftest import SMALL, write_book

cell_values = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1)),
    st.sampled_from(["30%", "yes", "có", "CN", "Trung Quốc", "2027-Q1", "=1+1", "-", "1,5"]),
)

mutation = st.tuples(
    st.sampled_from(sorted(SMALL)), st.integers(0, 10), st.integers(0, 10), cell_values
)


def _mutated(mutations):
    sheets = {name: [list(row) for row in rows] for name, rows in SMALL.items()}
    for name, r, c, value in mutations:
        rows = sheets[name]
        while len(rows) <= r:
            rows.append([])
        while len(rows[r]) <= c:
            rows[r].append(None)
        rows[r][c] = value
    return sheets


def _raw(sheets) -> RawProject:
    raw = RawProject()
    for name, rows in sheets.items():
        sheet = schema.match_sheet(name)
        frame, header_row, _ = grid_to_frame(sheet, name, [tuple(r) for r in rows], None, raw.notes)
        raw.sheets[sheet.name] = frame
        raw.header_rows[sheet.name] = header_row
    return raw


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutation, min_size=1, max_size=8))
def test_validator_never_raises(mutations):
    result = validate(_raw(_mutated(mutations)))
    assert result.ok == (result.project is not None)
    for problem in result.problems:
        assert problem.message.en and problem.message.vi
        assert problem.severity in ("error", "warning", "note")


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(mutation, min_size=1, max_size=6))
def test_reader_never_raises_on_real_files(tmp_path_factory, mutations):
    sheets = _mutated(mutations)
    # openpyxl refuses some values at write time (e.g. control characters): those are not files.
    try:
        path = write_book(sheets, tmp_path_factory.mktemp("h") / "m.xlsx")
    except (ValueError, TypeError, IllegalCharacterError):
        return
    result = check_file(path)
    assert all(p.message.en for p in result.problems)
