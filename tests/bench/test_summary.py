"""The benchmark summary: Snakemake benchmark TSVs read and aggregated per stage."""

from __future__ import annotations

from pathlib import Path

import pytest

from civicscope.bench.summary import (
    SUMMARY_COLUMNS,
    read_benchmark,
    read_benchmarks,
    read_rows,
    summarise,
    total_row,
    write_rows,
)

HEADER = "s\th:m:s\tmax_rss\tmax_vms\tmax_uss\tmax_pss\tio_in\tio_out\tmean_load\tcpu_time\n"


def write(path: Path, *rows: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")


@pytest.fixture()
def bench_root(tmp_path: Path) -> Path:
    root = tmp_path / "benchmarks"
    write(root / "nlp" / "0.tsv", "20.5\t0:00:20\t700.0\t2500\t500\t550\t0\t0\t40\t8.5")
    write(root / "nlp" / "1.tsv", "30.0\t0:00:30\t900.5\t2600\t600\t650\t0\t0\t40\t9.5")
    # two repeats: only the first counts
    write(root / "extract" / "extract.tsv", "10.0\t0:00:10\t350\t1700\t270\t280\t0\t60\t50\t6.0",
          "99.0\t0:01:39\t9999\t1700\t270\t280\t0\t60\t50\t90.0")
    write(root / "stance_train" / "stance_train.tsv", "25.0\t0:00:25\tNA\t-\t-\t-\t-\t-\t-\t-")
    (root / "empty").mkdir()
    (root / "empty" / "x.tsv").write_text(HEADER, encoding="utf-8")
    return root


def test_read_benchmark(bench_root: Path) -> None:
    job = read_benchmark(bench_root / "nlp" / "1.tsv", bench_root)
    assert job is not None and (job.stage, job.wall_s, job.cpu_s, job.max_rss_mb) == ("nlp", 30.0, 9.5, 900.5)
    assert read_benchmark(bench_root / "empty" / "x.tsv", bench_root) is None


def test_summarise(bench_root: Path) -> None:
    jobs = read_benchmarks(bench_root)
    assert len(jobs) == 4
    rows = {r["stage"]: r for r in summarise(jobs, 1000, {"nlp": (1000, 500_000), "extract": (1000, 500_000)})}
    assert set(rows) == {"extract", "nlp", "stance_train"}
    nlp = rows["nlp"]
    assert (nlp["jobs"], nlp["wall_s_sum"], nlp["wall_s_max"], nlp["cpu_s_sum"], nlp["peak_rss_mb"]) == (2, 50.5, 30.0, 18.0, 900.5)
    assert nlp["docs_per_s"] == round(1000 / 50.5, 2) and nlp["words_per_s"] == round(500_000 / 50.5, 1)
    assert rows["extract"]["wall_s_sum"] == 10.0 and rows["extract"]["peak_rss_mb"] == 350
    train = rows["stance_train"]
    assert train["docs_per_s"] == "" and train["peak_rss_mb"] == 0.0 and train["wall_s_sum"] == 25.0

    total = total_row(1000, 120.0, rows.values(), 1000, 500_000)
    assert total["stage"] == "total" and total["jobs"] == 4 and total["peak_rss_mb"] == 900.5
    assert total["docs_per_s"] == round(1000 / 120, 2)


def test_rows_round_trip(tmp_path: Path, bench_root: Path) -> None:
    rows = summarise(read_benchmarks(bench_root), 1000)
    write_rows(rows, tmp_path / "summary.csv", SUMMARY_COLUMNS)
    back = read_rows(tmp_path / "summary.csv")
    assert [r["stage"] for r in back] == [r["stage"] for r in rows]
    assert list(back[0]) == SUMMARY_COLUMNS
    assert read_rows(tmp_path / "missing.csv") == []


def test_attach_ratios_keeps_the_lowest_headline_comparison() -> None:
    from civicscope.bench.summary import attach_ratios

    summary = [{"size": 1000, "stage": s} for s in ("extract", "nlp", "embed", "topics")] + [{"size": 10000, "stage": "nlp"}]
    ratios = [
        {"size": "1000", "stage": "extract", "reference": "trafilatura.extract", "ratio": "0.93"},
        {"size": "1000", "stage": "extract (metadata)", "reference": "with metadata", "ratio": "1.2"},
        {"size": "1000", "stage": "nlp (n_process=1)", "reference": "nlp.pipe", "ratio": "0.96"},
        {"size": "1000", "stage": "nlp (n_process=2)", "reference": "nlp.pipe", "ratio": "0.5"},
        {"size": "1000", "stage": "embed (minilm)", "reference": "encode", "ratio": "0.95"},
        {"size": "1000", "stage": "embed (tfidf-svd)", "reference": "sklearn", "ratio": "0.91"},
    ]
    out = {(r["size"], r["stage"]): r for r in attach_ratios(summary, ratios)}
    assert out[(1000, "extract")]["library_ratio"] == "0.93"
    assert out[(1000, "nlp")]["library_ratio"] == "0.96"
    assert out[(1000, "embed")]["library_ratio"] == "0.91" and "tfidf-svd" in out[(1000, "embed")]["library"]
    assert out[(1000, "topics")]["library_ratio"] == "" and out[(10000, "nlp")]["library_ratio"] == ""
