"""Per-stage summary of a workflow run from Snakemake's ``benchmark:`` files.

Snakemake writes one TSV per job under ``benchmarks/<rule>/…tsv`` with the columns ``s`` (wall
seconds), ``h:m:s``, ``max_rss`` (MB), ``max_vms``, ``max_uss``, ``max_pss``, ``io_in``, ``io_out``,
``mean_load`` and ``cpu_time`` (seconds), one row per repeat. The stage of a file is the first folder
under ``benchmarks/`` (the rule name in this workflow's layout).
"""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

logger = logging.getLogger(__name__)

SUMMARY_COLUMNS = [
    "size", "stage", "jobs", "wall_s_sum", "wall_s_max", "cpu_s_sum", "docs", "words",
    "docs_per_s", "words_per_s", "peak_rss_mb", "library_ratio", "library",
]
# Comparisons with the raw library (ratios.csv) copied into the summary: for each stage, those that run
# the stage as the workflow does (one process per shard job, the text-only trafilatura default, both
# embedding backends); the summary shows the lowest.
HEADLINE_RATIOS: dict[str, tuple[str, ...]] = {
    "extract": ("extract",),
    "nlp": ("nlp (n_process=1)",),
    "embed": ("embed (minilm)", "embed (tfidf-svd)"),
}


@dataclass(frozen=True)
class JobBenchmark:
    """One benchmark file: its stage and the first repeat's measures."""

    stage: str
    path: Path
    wall_s: float
    cpu_s: float
    max_rss_mb: float


def _number(value: str | None) -> float:
    """A benchmark cell as a float; Snakemake writes ``-`` or ``NA`` when it could not measure."""
    try:
        return float(value) if value not in (None, "", "-", "NA") else 0.0
    except ValueError:
        return 0.0


def read_benchmark(path: str | Path, root: str | Path) -> JobBenchmark | None:
    """Read one Snakemake benchmark TSV; None when it has no data row.

    Args:
        path: the TSV.
        root: the ``benchmarks/`` folder, whose first sub-folder names the stage.
    """
    path, root = Path(path), Path(root)
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    if not rows:
        logger.warning("benchmark file %s has no data row", path)
        return None
    first = rows[0]  # with `repeat(...)` every row is one repeat; the first is the real run
    parts = path.relative_to(root).parts
    stage = parts[0] if len(parts) > 1 else path.stem
    return JobBenchmark(stage, path, _number(first.get("s")), _number(first.get("cpu_time")), _number(first.get("max_rss")))


def read_benchmarks(root: str | Path) -> list[JobBenchmark]:
    """Every benchmark file under ``root`` (sorted by path)."""
    root = Path(root)
    found = (read_benchmark(p, root) for p in sorted(root.rglob("*.tsv")))
    return [b for b in found if b is not None]


def summarise(
    jobs: Iterable[JobBenchmark], size: int, volumes: Mapping[str, tuple[int, int]] | None = None
) -> list[dict[str, object]]:
    """One row per stage: job count, wall (sum and max), CPU, throughput and peak RSS.

    Args:
        jobs: the benchmark files of one run.
        size: corpus size of the run (documents generated).
        volumes: per stage, the (documents, words) it processed; throughput is left empty for stages
            without an entry (those whose work does not grow with the corpus, e.g. training on the
            fixed annotations).

    Throughput is documents (words) per second of summed job wall time: what one worker does, so
    that it can be compared with a library running in one process.
    """
    volumes = volumes or {}
    by_stage: dict[str, list[JobBenchmark]] = {}
    for job in jobs:
        by_stage.setdefault(job.stage, []).append(job)
    rows = []
    for stage in sorted(by_stage):
        group = by_stage[stage]
        wall = sum(j.wall_s for j in group)
        docs, words = volumes.get(stage, (None, None))
        rows.append({
            "size": size,
            "stage": stage,
            "jobs": len(group),
            "wall_s_sum": round(wall, 2),
            "wall_s_max": round(max(j.wall_s for j in group), 2),
            "cpu_s_sum": round(sum(j.cpu_s for j in group), 2),
            "docs": docs if docs is not None else "",
            "words": words if words is not None else "",
            "docs_per_s": round(docs / wall, 2) if docs and wall > 0 else "",
            "words_per_s": round(words / wall, 1) if words and wall > 0 else "",
            "peak_rss_mb": round(max(j.max_rss_mb for j in group), 1),
        })
    return rows


def total_row(size: int, wall_s: float, rows: Iterable[Mapping[str, object]], docs: int, words: int) -> dict[str, object]:
    """The whole run as one row: Snakemake's own wall time and the largest peak RSS of any job."""
    rows = list(rows)
    return {
        "size": size, "stage": "total", "jobs": sum(int(r["jobs"]) for r in rows),
        "wall_s_sum": round(wall_s, 2), "wall_s_max": round(wall_s, 2),
        "cpu_s_sum": round(sum(float(r["cpu_s_sum"]) for r in rows), 2),
        "docs": docs, "words": words,
        "docs_per_s": round(docs / wall_s, 2) if wall_s > 0 else "",
        "words_per_s": round(words / wall_s, 1) if wall_s > 0 else "",
        "peak_rss_mb": max((float(r["peak_rss_mb"]) for r in rows), default=0.0),
    }


def attach_ratios(summary: list[dict[str, object]], ratios: Iterable[Mapping[str, object]]) -> list[dict[str, object]]:
    """Copy each stage's lowest headline ratio (see ``HEADLINE_RATIOS``) to its summary row of the same size."""
    found: dict[tuple[str, str], list[Mapping[str, object]]] = {}
    for row in ratios:
        for stage, names in HEADLINE_RATIOS.items():
            if row.get("stage") in names and row.get("ratio") not in (None, ""):
                found.setdefault((str(row["size"]), stage), []).append(row)
    out = []
    for row in summary:
        rows = found.get((str(row["size"]), str(row["stage"])), [])
        worst = min(rows, key=lambda r: float(r["ratio"]), default=None)
        out.append({**row, "library_ratio": worst["ratio"] if worst else "",
                    "library": f"{worst['reference']} ({worst['stage']})" if worst else ""})
    return out


def write_rows(rows: Iterable[Mapping[str, object]], path: str | Path, columns: list[str]) -> None:
    """Write rows as a CSV (UTF-8 with BOM, as every people-facing CSV of the project), atomically."""
    from civicscope.io import atomic_path

    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def read_rows(path: str | Path) -> list[dict[str, str]]:
    """Read a CSV written by :func:`write_rows` (empty list when the file does not exist)."""
    path = Path(path)
    if not path.is_file():
        return []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))
