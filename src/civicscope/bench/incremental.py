"""Incremental re-runs: add a share of new documents to a finished run and count what Snakemake re-runs.

The new documents are the next pages of the same synthetic corpus (document k is the same in every
corpus that has it). After the ``collect`` checkpoint has frozen them, ``snakemake --dry-run --summary``
lists every output with its plan; the jobs a rule would re-run are counted from the outputs marked
``update pending`` (per shard for the sharded rules). The re-run itself is then timed.
"""

from __future__ import annotations

import logging
import re
import subprocess
import time
from pathlib import Path
from typing import Sequence

from civicscope.bench.corpus import load_demo_texts, write_corpus

logger = logging.getLogger(__name__)

INCREMENTAL_COLUMNS = ["size", "added", "rule", "jobs", "jobs_rerun", "wall_s_full", "wall_s_rerun"]
SIZE_INCREMENTAL = "bench_incremental.csv"
_SHARD = re.compile(r"(?:shard|sentences|mentions|rejects)_(\d+)\.")


def plan_by_rule(summary: str) -> dict[str, tuple[set[str], set[str]]]:
    """Jobs per rule from ``snakemake --dry-run --summary`` output: (all jobs, jobs with an update pending).

    A job is named by its shard number for sharded rules, by the rule name otherwise.
    """
    plan: dict[str, tuple[set[str], set[str]]] = {}
    for line in summary.splitlines():
        cells = line.split("\t")
        if len(cells) < 4 or cells[0] == "output_file" or not cells[2]:
            continue
        shard = _SHARD.search(cells[0])
        job = shard.group(1) if shard else cells[2]
        every, pending = plan.setdefault(cells[2], (set(), set()))
        every.add(job)
        if cells[-1] == "update pending":
            pending.add(job)
    return plan


def measure_incremental(repo: Path, workdir: Path, size: int, command: Sequence[str], targets: Sequence[str],
                        wall_full: float, share: float = 0.01, seed: int = 42) -> list[dict[str, object]]:
    """Add ``share`` × ``size`` documents to the finished run in ``workdir``; count and time the re-run.

    Args:
        command: the Snakemake call of the run, without its targets.
        targets: the targets of the finished run (the re-run builds the same).
        wall_full: wall seconds of the full run, reported beside the re-run.
    """
    added = max(1, round(size * share))
    config = (workdir / "config.yaml").read_bytes()
    sources = (workdir / "sources.tsv").read_bytes()
    texts = load_demo_texts(repo / "corpus" / "demo" / "src")
    import yaml

    write_corpus(texts, size + added, workdir, yaml.safe_load(config), repo, seed=seed, keep_existing_pages=True)
    (workdir / "config.yaml").write_bytes(config)  # same settings as the finished run
    grown = (workdir / "sources.tsv").read_text(encoding="utf-8").splitlines()
    if not (workdir / "sources.tsv").read_bytes().startswith(sources):
        raise RuntimeError("the grown sources table does not extend the finished run's")
    logger.info("incremental: %d documents added to %d (%d source rows)", added, size, len(grown) - 1)

    def run(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([*command, *extra], cwd=workdir, capture_output=True, text=True)

    collect = run("corpus/raw/manifest.tsv")
    if collect.returncode != 0:
        raise RuntimeError(f"collect failed:\n{collect.stderr[-3000:]}")
    dry = run("--dry-run", "--summary", *targets)
    if dry.returncode != 0:
        raise RuntimeError(f"dry run failed:\n{dry.stderr[-3000:]}")
    plan = plan_by_rule(dry.stdout)
    started = time.perf_counter()
    rerun = run(*targets)
    wall = time.perf_counter() - started
    (workdir / "snakemake_incremental.log").write_text(rerun.stdout + rerun.stderr, encoding="utf-8")
    if rerun.returncode != 0:
        raise RuntimeError(f"the re-run failed; see {workdir / 'snakemake_incremental.log'}")
    rows: list[dict[str, object]] = [
        {"size": size, "added": added, "rule": rule, "jobs": len(every), "jobs_rerun": len(pending),
         "wall_s_full": "", "wall_s_rerun": ""}
        for rule, (every, pending) in sorted(plan.items())
    ]
    rows.append({"size": size, "added": added, "rule": "total", "jobs": sum(int(r["jobs"]) for r in rows),
                 "jobs_rerun": sum(int(r["jobs_rerun"]) for r in rows), "wall_s_full": round(wall_full, 1),
                 "wall_s_rerun": round(wall, 1)})
    return rows
