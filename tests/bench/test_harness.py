"""The benchmark harness: alternation, medians and ratios, the table and the JSON file."""

from __future__ import annotations

import json
from pathlib import Path

from bench.harness import Row, alternate, compare_row, format_table, write_results


def test_alternate_interleaves_after_warmup() -> None:
    order: list[str] = []

    def baseline() -> float:
        order.append("b")
        return 1.0

    def impasto() -> float:
        order.append("i")
        return 2.0

    base, ours = alternate(baseline, impasto, repeats=3, warmup=1)
    assert order == ["b", "i", "b", "i", "i", "b", "b", "i"]
    assert (base, ours) == ([1.0, 1.0, 1.0], [2.0, 2.0, 2.0])


def test_rows_report_medians_and_ratio(tmp_path: Path) -> None:
    row = compare_row("case", "metric", "raw", ([1.0, 3.0, 2.0], [2.0, 6.0, 4.0]), target="≤ 2")
    assert (row.baseline, row.impasto, row.ratio) == (2.0, 4.0, 2.0)
    table = format_table([row, Row(case="c", metric="absolute", impasto=0.5, unit="ms")])
    assert "2.00" in table
    assert "raw" in table
    written = json.loads(write_results([row], tmp_path).read_text())
    assert written["rows"][0]["ratio"] == 2.0
    assert "python" in written["machine"]
