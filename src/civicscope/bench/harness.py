"""The benchmark run: generate a synthetic corpus, run the real workflow on it, summarise, compare with libraries.

Used by ``scripts/bench.py`` (``make bench``). A size's work folder holds the generated pages, its
``config.yaml`` and everything the workflow writes there (``benchmarks/``, ``logs/``, ``results/``…),
so a failed run can be inspected in place.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import pandas as pd
import yaml

from civicscope.bench.corpus import load_demo_texts, write_corpus, write_extraction_sample
from civicscope.bench.summary import SUMMARY_COLUMNS, read_benchmarks, read_rows, summarise, total_row, write_rows

logger = logging.getLogger(__name__)

# What the bench builds: every table of the analysis; figures and run_info are left out (they do not
# grow with the corpus and have no benchmark files).
TARGETS = (
    "corpus/interim/documents.parquet",
    "results/tables/statements.csv",
    "results/tables/stance_by_actor_period.csv",
    "results/tables/stance_by_type_period.csv",
    "results/tables/actor_candidates.csv",
    "results/metrics/actors_eval.json",
    "results/metrics/stance_eval.json",
    "results/tables/topic_info.csv",
    "results/tables/topic_quality.csv",
)
# Stages whose work is every document (the sharded ones and dedup; duplicates are only known after
# dedup) or the de-duplicated documents (the corpus-level analysis).
ALL_DOCUMENT_STAGES = ("collect", "extract", "dedup", "nlp", "embed")
KEPT_DOCUMENT_STAGES = ("stance_apply", "topics")
SIZE_SUMMARY = "bench_summary.csv"
SIZE_RATIOS = "bench_ratios.csv"


@dataclass(frozen=True)
class SizeRun:
    """The outcome of one workflow run on a synthetic corpus."""

    size: int
    workdir: Path
    returncode: int
    wall_s: float
    rows: list[dict[str, object]]


def snakemake_command(repo: Path, workdir: Path, cores: int, targets: Sequence[str] = TARGETS) -> list[str]:
    """The Snakemake call of a bench run: the repository's Snakefile and default profile, in ``workdir``."""
    return [
        sys.executable, "-m", "snakemake",
        "--snakefile", str(repo / "Snakefile"),
        "--directory", str(workdir),
        "--configfile", str(workdir / "config.yaml"),
        "--workflow-profile", str(repo / "workflow" / "profiles" / "default"),
        "--cores", str(cores),
        *targets,
    ]


def corpus_volumes(workdir: Path, generated: int) -> tuple[dict[str, tuple[int, int]], int, int]:
    """Documents and words per stage, from the run's documents table.

    Returns:
        (volumes per stage, all documents, all words).
    """
    docs = pd.read_parquet(workdir / "corpus" / "interim" / "documents.parquet", columns=["n_words", "dup_of"])
    words = int(docs["n_words"].sum())
    kept = docs[docs["dup_of"].isna() | (docs["dup_of"].astype(str) == "")]
    volumes = {stage: (len(docs), words) for stage in ALL_DOCUMENT_STAGES}
    volumes["collect"] = (generated, words)
    volumes.update({stage: (len(kept), int(kept["n_words"].sum())) for stage in KEPT_DOCUMENT_STAGES})
    return volumes, len(docs), words


def run_size(repo: Path, work: Path, size: int, cores: int, seed: int = 42, fresh: bool = True) -> SizeRun:
    """Generate ``size`` documents under ``work/n{size}``, run the workflow, summarise its benchmark files.

    Args:
        fresh: remove an earlier work folder first, so every job runs (and is timed) again.
    """
    workdir = work / f"n{size}"
    if fresh and workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    texts = load_demo_texts(repo / "corpus" / "demo" / "src")
    base = yaml.safe_load((repo / "config" / "config.yaml").read_text(encoding="utf-8"))
    write_corpus(texts, size, workdir, base, repo, seed=seed)
    command = snakemake_command(repo, workdir, cores)
    logger.info("n=%d: %s", size, " ".join(command))
    started = time.perf_counter()
    with open(workdir / "snakemake.log", "w", encoding="utf-8") as log:
        proc = subprocess.run(command, cwd=workdir, stdout=log, stderr=subprocess.STDOUT)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        logger.error("n=%d: the workflow failed (exit %d); see %s and %s", size, proc.returncode,
                     workdir / "snakemake.log", workdir / "logs")
    rows = summarise_workdir(workdir, size, wall)
    if rows:
        # Kept beside the run, so results/bench can be rebuilt from the work folders at any time.
        write_rows(rows, workdir / SIZE_SUMMARY, SUMMARY_COLUMNS)
    logger.info("n=%d: workflow %.1f s, exit %d", size, wall, proc.returncode)
    return SizeRun(size, workdir, proc.returncode, wall, rows)


def summarise_workdir(workdir: Path, size: int, wall_s: float) -> list[dict[str, object]]:
    """Stage rows and the total row of a run in ``workdir`` (empty when extraction never finished)."""
    if not (workdir / "corpus" / "interim" / "documents.parquet").is_file():
        return []
    volumes, n_docs, n_words = corpus_volumes(workdir, size)
    rows = summarise(read_benchmarks(workdir / "benchmarks"), size, volumes)
    rows.append(total_row(size, wall_s, rows, n_docs, n_words))
    return rows


def elapsed_from_log(path: Path) -> float | None:
    """Seconds of Snakemake's own ``Elapsed time: H:MM:SS.ffffff`` line, if the log has one."""
    if not path.is_file():
        return None
    for line in reversed(path.read_text(encoding="utf-8", errors="replace").splitlines()):
        if line.startswith("Elapsed time:"):
            h, m, sec = line.split(":", 1)[1].strip().split(":")
            return int(h) * 3600 + int(m) * 60 + float(sec)
    return None


def collected_rows(work: Path, name: str) -> list[dict[str, str]]:
    """The ``name`` CSV of every ``work/n*`` folder; summaries missing there are rebuilt from benchmark files."""
    rows: list[dict[str, object]] = []
    for workdir in sorted(work.glob("n*"), key=lambda p: int(p.name[1:]) if p.name[1:].isdigit() else -1):
        if not workdir.name[1:].isdigit():
            continue
        found = read_rows(workdir / name)
        if not found and name == SIZE_SUMMARY:
            wall = elapsed_from_log(workdir / "snakemake.log")
            if wall is not None:
                found = summarise_workdir(workdir, int(workdir.name[1:]), wall)
        rows.extend(found)
    return rows


def measure_ratios(repo: Path, run: SizeRun, cores: int, seed: int = 42, extract_pages: int = 200,
                   nlp_docs: int = 300, minilm_chunks: int = 300, classify_sentences: int = 10_000,
                   with_minilm: bool = True, real_pages: Path | None = None) -> list[dict[str, object]]:
    """Project vs raw library on samples of the inputs of a finished run (see civicscope.bench.ratios).

    ``real_pages``, a folder in the extraction bench's format (``evaldata.json`` + pages), adds the
    extraction comparison on those pages: synthetic pages are short and uniform, so the fixed cost
    per page (metadata, language) weighs more on them than on pages collected from the web.
    """
    from civicscope.bench import ratios
    from civicscope.topics.units import build_units, load_documents

    workdir, size = run.workdir, run.size
    config = yaml.safe_load((workdir / "config.yaml").read_text(encoding="utf-8"))
    rows: list[dict[str, object]] = []
    texts = load_demo_texts(repo / "corpus" / "demo" / "src")

    write_extraction_sample(texts, size, workdir, seed=seed, k=extract_pages)
    rows += ratios.extraction_ratio(size, workdir)
    if real_pages is not None and (real_pages / "evaldata.json").is_file():
        rows += ratios.extraction_ratio(size, real_pages, pages_label="real pages")

    docs = load_documents(workdir / "corpus" / "interim" / "documents.parquet")
    sample = docs.head(nlp_docs)[["doc_id", "lang", "text"]]
    rows += ratios.nlp_ratios(size, sample, config["nlp"]["models"], config["actors"],
                              batch_size=int(config["nlp"].get("batch_size", 32)),
                              processes=sorted({1, min(2, max(1, cores))}), repeats=2)

    chunks = build_units(docs, "chunk", int(config["topics"].get("chunk_words", 120)))
    rows += ratios.tfidf_ratio(size, chunks["text"].tolist(), seed=seed)
    if with_minilm:
        rows += ratios.minilm_ratio(size, chunks["text"].head(minilm_chunks).tolist(), threads=max(1, cores))

    model_dir = workdir / "models" / "stance"
    if (model_dir / "model.joblib").is_file():
        rows += classify_rows(workdir, config, size, classify_sentences)
    else:
        logger.warning("no trained stance model in %s: classify not timed", model_dir)
    write_rows(rows, workdir / SIZE_RATIOS, ratios.RATIO_COLUMNS)
    return rows


def classify_rows(workdir: Path, config: dict, size: int, n: int) -> list[dict[str, object]]:
    """Time ``civicscope classify`` on the first ``n`` sentences of the run (by sent_id)."""
    from civicscope.bench.ratios import classify_timing
    from civicscope.io import write_tsv

    shards = sorted((workdir / "corpus" / "interim" / "nlp").glob("sentences_*.parquet"))
    sentences = pd.concat([pd.read_parquet(p, columns=["sent_id", "lang", "text"]) for p in shards])
    sentences = sentences.sort_values("sent_id").head(n).rename(columns={"sent_id": "id"})
    tsv = workdir / "classify_input.tsv"
    write_tsv(sentences, tsv)
    cli = Path(sys.executable).parent / "civicscope"
    models = [a for lang, name in sorted(config["nlp"]["models"].items()) for a in ("--model", f"{lang}={name}")]
    command = [str(cli), "classify", "--input", str(tsv), "--output", str(workdir / "classify_output.tsv"),
               "--model-dir", str(workdir / "models" / "stance"), "--lexicon", config["stance_lexicon"],
               "--actors", config["actors"], *models]
    return classify_timing(size, command, len(sentences))
