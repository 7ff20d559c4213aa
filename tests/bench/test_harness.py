"""Pieces of the benchmark harness that need no workflow run: timing rows, log parsing, the command."""

from __future__ import annotations

from pathlib import Path

from civicscope.bench.harness import SIZE_SUMMARY, collected_rows, elapsed_from_log, snakemake_command
from civicscope.bench.ratios import RATIO_COLUMNS, compare, ratio_row
from civicscope.bench.summary import SUMMARY_COLUMNS, write_rows


def test_ratio_row() -> None:
    times = {"project_wall": 2.0, "reference_wall": 1.8, "project_cpu": 4.0, "reference_cpu": 3.8}
    row = ratio_row(1000, "nlp", "p", "r", 10_000, "words", times)
    assert set(row) == set(RATIO_COLUMNS)
    assert row["project_per_s"] == 5000.0 and row["reference_per_s"] == round(10_000 / 1.8, 1)
    assert row["ratio"] == 0.9 and row["ratio_cpu"] == 0.95
    assert ratio_row(1000, "nlp", "p", "r", 1, "words", times, use_cpu=False)["ratio_cpu"] == ""


def test_compare_calls_both_sides() -> None:
    calls = {"p": 0, "r": 0}
    times = compare(lambda: calls.__setitem__("p", calls["p"] + 1), lambda: calls.__setitem__("r", calls["r"] + 1),
                    repeats=2)
    assert calls == {"p": 3, "r": 3}  # one warm-up each, then two timed rounds
    assert set(times) == {"project_wall", "project_cpu", "reference_wall", "reference_cpu"}


def test_elapsed_from_log(tmp_path: Path) -> None:
    log = tmp_path / "snakemake.log"
    log.write_text("Building DAG of jobs...\n13 of 13 steps (100%) done\nElapsed time: 0:02:13.030747\n")
    assert abs(elapsed_from_log(log) - 133.030747) < 1e-6
    assert elapsed_from_log(tmp_path / "missing.log") is None


def test_collected_rows_in_size_order(tmp_path: Path) -> None:
    for size in (10000, 1000):
        row = {c: "" for c in SUMMARY_COLUMNS} | {"size": size, "stage": "nlp"}
        write_rows([row], tmp_path / f"n{size}" / SIZE_SUMMARY, SUMMARY_COLUMNS)
    (tmp_path / "notes").mkdir()
    assert [r["size"] for r in collected_rows(tmp_path, SIZE_SUMMARY)] == ["1000", "10000"]


def test_snakemake_command_uses_the_default_profile(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parents[2]
    cmd = snakemake_command(repo, tmp_path, 2)
    assert cmd[cmd.index("--workflow-profile") + 1] == str(repo / "workflow" / "profiles" / "default")
    assert cmd[cmd.index("--configfile") + 1] == str(tmp_path / "config.yaml")
    assert "results/tables/topic_info.csv" in cmd
