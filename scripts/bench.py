#!/usr/bin/env python
"""Benchmark the workflow on synthetic corpora and compare each stage with the library it wraps.

For each size: write a synthetic corpus (scripts/make_scale_corpus.py; benchmark data only) into
``WORK/n{size}``, run the real workflow there with Snakemake, and summarise its ``benchmark:``
files. On the smallest size, measure the project against the raw libraries on the same inputs
(trafilatura, spaCy, scikit-learn / sentence-transformers) and time ``civicscope classify`` on
10,000 sentences. Writes ``OUT/summary.csv``, ``OUT/ratios.csv`` and ``OUT/scaling.pdf/.png``; rows
of sizes not run this time are kept (each work folder keeps its own summary), so sizes can be run one by
one and the outputs rebuilt with ``--report-only``.

Usage (from the repository root; ``make bench`` runs the first line)::

    .venv/bin/python scripts/bench.py --cores 2
    .venv/bin/python scripts/bench.py --cores 2 --sizes 10000 --no-ratios    # add one size
    .venv/bin/python scripts/bench.py --cores 2 --with-100k                  # 1k, 10k and 100k (about 2 h on 2 cores)
    .venv/bin/python scripts/bench.py --report-only                          # rebuild OUT from the work folders
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from civicscope.bench.harness import (  # noqa: E402
    SIZE_RATIOS,
    SIZE_SUMMARY,
    TARGETS,
    SizeRun,
    collected_rows,
    measure_ratios,
    run_size,
    snakemake_command,
)
from civicscope.bench.incremental import INCREMENTAL_COLUMNS, SIZE_INCREMENTAL, measure_incremental  # noqa: E402
from civicscope.bench.ratios import RATIO_COLUMNS  # noqa: E402
from civicscope.bench.summary import SUMMARY_COLUMNS, attach_ratios, write_rows  # noqa: E402

logger = logging.getLogger("bench")


def print_tables(summary: list[dict], ratios: list[dict]) -> None:
    """A short plain-text report on stdout (the script's output, not library logging)."""
    print(f"\n{'size':>7} {'stage':<14} {'jobs':>4} {'wall_s':>9} {'max_s':>8} {'docs/s':>8} {'words/s':>9} {'rss_MB':>7}")
    for r in summary:
        print(f"{r['size']:>7} {r['stage']:<14} {r['jobs']:>4} {r['wall_s_sum']:>9} {r['wall_s_max']:>8} "
              f"{r['docs_per_s']:>8} {r['words_per_s']:>9} {r['peak_rss_mb']:>7}")
    walls = {(int(r["size"]), r["stage"]): float(r["wall_s_sum"]) for r in summary}
    sizes = sorted({s for s, _ in walls})
    for small, large in zip(sizes, sizes[1:]):
        growth = [f"{stage} {walls[(large, stage)] / walls[(small, stage)]:.1f}x"
                  for (s, stage) in sorted(walls) if s == small and (large, stage) in walls and walls[(small, stage)] > 0]
        print(f"\ntime growth {small} -> {large} documents ({large / small:g}x): " + ", ".join(growth))
    if ratios:
        print(f"\n{'stage':<22} {'items':>6} {'unit':<9} {'project/s':>10} {'library/s':>10} {'ratio':>6} {'ratio_cpu':>9}")
        for r in ratios:
            print(f"{r['stage']:<22} {r['items']:>6} {r['unit']:<9} {r['project_per_s']:>10} {r['reference_per_s']:>10} "
                  f"{r['ratio']:>6} {r['ratio_cpu']:>9}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit 1 if a workflow run failed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cores", type=int, default=2, help="Snakemake --cores (default 2)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="corpus sizes (default 1000 10000)")
    parser.add_argument("--with-100k", action="store_true", help="also run 100,000 documents (about 1 h 40 min more on 2 cores)")
    parser.add_argument("--out", type=Path, default=REPO / "results" / "bench", help="output folder (default results/bench)")
    parser.add_argument("--work", type=Path, default=REPO / ".tmp" / "bench", help="work folders (default .tmp/bench)")
    parser.add_argument("--seed", type=int, default=42, help="corpus seed (default 42)")
    parser.add_argument("--reuse", action="store_true", help="keep the work folders and run only missing jobs (after an interrupted run; "
                        "the total row then covers this invocation only)")
    parser.add_argument("--no-ratios", action="store_true", help="skip the library comparisons")
    parser.add_argument("--ratios-only", action="store_true",
                        help="measure the library comparisons on the existing work folder of the smallest size")
    parser.add_argument("--incremental-share", type=float, default=0.01,
                        help="after the largest run, add this share of new documents and count the re-run jobs "
                        "(default 0.01; 0 = skip)")
    parser.add_argument("--report-only", action="store_true", help="run nothing: rebuild OUT from the work folders")
    parser.add_argument("--no-minilm", action="store_true", help="skip the MiniLM comparison (the slowest)")
    parser.add_argument("--minilm-chunks", type=int, default=300, help="chunks encoded by each side (default 300)")
    parser.add_argument("--nlp-docs", type=int, default=300, help="documents in the NLP comparison (default 300)")
    parser.add_argument("--extract-pages", type=int, default=200, help="pages in the extraction comparison (default 200)")
    parser.add_argument("--real-pages", type=Path, default=REPO.parent / "shared" / "extraction-bench",
                        help="real web pages with evaldata.json, also timed for extraction when the folder exists "
                             "(default ../shared/extraction-bench)")
    parser.add_argument("--classify-sentences", type=int, default=10_000, help="sentences for classify (default 10000)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", datefmt="%H:%M:%S")
    for noisy in ("trafilatura", "htmldate", "sentence_transformers", "urllib3", "httpx", "fontTools"):
        logging.getLogger(noisy).setLevel(logging.WARNING)

    machine = os.cpu_count() or 1
    if args.cores > machine:
        # More jobs than cores would time the scheduler's contention, not the stages (make passes CORES=8).
        logger.warning("--cores %d is more than this machine's %d cores: using %d", args.cores, machine, machine)
        args.cores = machine
    sizes = sorted(set(args.sizes) | ({100_000} if args.with_100k else set()))
    work = args.work.resolve()
    runs: list[SizeRun] = []
    if not args.report_only:
        if args.ratios_only:
            runs = [SizeRun(n, work / f"n{n}", 0, 0.0, []) for n in sizes if (work / f"n{n}" / "config.yaml").is_file()]
        else:
            runs = [run_size(REPO, work, n, args.cores, seed=args.seed, fresh=not args.reuse) for n in sizes]
        done = [run for run in runs if run.returncode == 0]
        if not args.no_ratios and done:
            measure_ratios(REPO, done[0], args.cores, seed=args.seed, extract_pages=args.extract_pages,
                           nlp_docs=args.nlp_docs, minilm_chunks=args.minilm_chunks,
                           classify_sentences=args.classify_sentences, with_minilm=not args.no_minilm,
                           real_pages=args.real_pages if args.real_pages.is_dir() else None)
        if args.incremental_share > 0 and done and not args.ratios_only:
            largest = done[-1]
            rows = measure_incremental(REPO, largest.workdir, largest.size,
                                       snakemake_command(REPO, largest.workdir, args.cores, targets=()), TARGETS,
                                       largest.wall_s, share=args.incremental_share, seed=args.seed)
            write_rows(rows, largest.workdir / SIZE_INCREMENTAL, INCREMENTAL_COLUMNS)

    args.out.mkdir(parents=True, exist_ok=True)
    summary = collected_rows(work, SIZE_SUMMARY)
    ratios = collected_rows(work, SIZE_RATIOS)
    write_rows(attach_ratios(summary, ratios), args.out / "summary.csv", SUMMARY_COLUMNS)
    write_rows(ratios, args.out / "ratios.csv", RATIO_COLUMNS)
    incremental = collected_rows(work, SIZE_INCREMENTAL)
    if incremental:
        write_rows(incremental, args.out / "incremental.csv", INCREMENTAL_COLUMNS)
    if summary:
        from civicscope.bench.plot import scaling_figure

        scaling_figure(summary, args.out / "scaling")
    print_tables(summary, ratios)
    for r in incremental:
        print(f"incremental {r['size']}+{r['added']}: {r['rule']:<28} {r['jobs_rerun']:>4} of {r['jobs']:>4} jobs re-run"
              + (f", {r['wall_s_rerun']} s (full run {r['wall_s_full']} s)" if r["wall_s_rerun"] else ""))
    return 0 if all(run.returncode == 0 for run in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
