"""``rotation bench`` on lianyun: a real run in a fresh process, its row as docs record it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cli import main


def test_bench_lianyun_row(tmp_path: Path) -> None:
    args = ["bench", "--presets", "lianyun", "--time-limit", "30", "--workers", "1"]
    result = CliRunner().invoke(main, [*args, "--data-dir", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    table, _, rows_json = result.stdout.partition("\n[")
    assert "| load s |" in table and "| wall s |" in table
    (row,) = json.loads("[" + rows_json)
    assert row["status"] == "optimal" and row["cost"] == 546 and row["audit_matches"]
    # The time limit counts loading (as for `rotation solve`): load and solve fit in it.
    assert row["load_s"] + row["wall_s"] <= 30 + 1
