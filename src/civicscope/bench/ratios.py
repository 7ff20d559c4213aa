"""Speed of the project's stages against the raw libraries they wrap, on the same inputs, in one process.

Each measure returns rows for ``ratios.csv``: ``ratio`` is project speed / library speed (1.0 = no
overhead; the issue asks for ≥ 0.9). Both sides run on identical in-memory inputs after a warm-up
that pays every lazy import and model load, so the ratio shows what the project adds on top of the
library (sentence tables, mention extraction, chunking, checks), not start-up costs.
"""

from __future__ import annotations

import gc
import logging
import time
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import pandas as pd

logger = logging.getLogger(__name__)

RATIO_COLUMNS = [
    "size", "stage", "project", "reference", "items", "unit", "project_per_s", "reference_per_s",
    "ratio", "ratio_cpu", "note",
]


def _timed(fn: Callable[[], Any]) -> tuple[float, float]:
    """Wall and CPU seconds of one call (garbage collected first, so neither side pays for the other)."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def compare(project: Callable[[], Any], reference: Callable[[], Any], repeats: int = 2,
            warm_up: bool = True) -> dict[str, float]:
    """Best wall and CPU time of each side over ``repeats`` alternating rounds (after one warm-up each)."""
    if warm_up:
        project()
        reference()
    best = {"project": [float("inf")] * 2, "reference": [float("inf")] * 2}
    sides = {"project": project, "reference": reference}
    for round_ in range(max(1, repeats)):
        order = ("reference", "project") if round_ % 2 == 0 else ("project", "reference")
        for side in order:
            wall, cpu = _timed(sides[side])
            best[side] = [min(best[side][0], wall), min(best[side][1], cpu)]
    return {"project_wall": best["project"][0], "project_cpu": best["project"][1],
            "reference_wall": best["reference"][0], "reference_cpu": best["reference"][1]}


def ratio_row(size: int, stage: str, project: str, reference: str, items: float, unit: str,
              times: Mapping[str, float], note: str = "", use_cpu: bool = True) -> dict[str, object]:
    """One ``ratios.csv`` row from :func:`compare` timings.

    ``ratio`` is reference time / project time from wall time; ``ratio_cpu`` from CPU time of this
    process (left empty when the work runs in other processes, as with spaCy's ``n_process``).
    """
    pw, rw = times["project_wall"], times["reference_wall"]
    pc, rc = times.get("project_cpu", 0.0), times.get("reference_cpu", 0.0)
    return {
        "size": size, "stage": stage, "project": project, "reference": reference, "items": int(items), "unit": unit,
        "project_per_s": round(items / pw, 1) if pw > 0 else "",
        "reference_per_s": round(items / rw, 1) if rw > 0 else "",
        "ratio": round(rw / pw, 3) if pw > 0 else "",
        "ratio_cpu": round(rc / pc, 3) if use_cpu and pc > 0 else "",
        "note": note,
    }


# --------------------------------------------------------------------------- extraction


def extraction_ratio(size: int, bench_dir: str | Path, repeats: int = 3, pages_label: str = "") -> list[dict[str, object]]:
    """The project's per-page extraction against trafilatura, on the pages listed in ``bench_dir``.

    Two references: ``trafilatura.extract`` with its defaults (main text only; the method of
    civicscope.bench.extraction, CPU-time ratio), and ``trafilatura.extract(with_metadata=True)``,
    which also finds title, date and site name as the project does (the like-for-like comparison).
    ``pages_label`` names other pages than the run's own in the stage column, e.g.
    ``extract (real pages)``; those rows are reported but do not replace the run's own.
    """
    import trafilatura

    from civicscope.bench.extraction import load_bench, measure_extraction, project_extractor

    result = measure_extraction(bench_dir, repeats=repeats)
    pages = int(result["pages"])
    score, ref_score = result["project_score"], result["trafilatura_score"]
    rows = [{
        "size": size, "stage": f"extract ({pages_label})" if pages_label else "extract", "project": "civicscope extract_bytes (text, metadata, language, checks)",
        "reference": "trafilatura.extract (defaults: text only)", "items": pages, "unit": "pages",
        "project_per_s": result["project_pages_per_s"], "reference_per_s": result["trafilatura_pages_per_s"],
        "ratio": result["ratio_wall"], "ratio_cpu": result["ratio"],
        "note": f"snippet F1 project {score['f1']} vs trafilatura {ref_score['f1']}",
    }]
    loaded = [(page, page.path.read_bytes()) for page in load_bench(bench_dir)]
    extract = project_extractor()

    def project() -> None:
        for page, body in loaded:
            extract(page, body)

    def reference() -> None:
        for page, body in loaded:
            trafilatura.extract(body, url=page.url, with_metadata=True)

    times = compare(project, reference, repeats=repeats)
    rows.append(ratio_row(size, f"extract (metadata, {pages_label})" if pages_label else "extract (metadata)", "civicscope extract_bytes (text, metadata, language, checks)",
                          "trafilatura.extract(with_metadata=True)", pages, "pages", times,
                          note="both find title, date and site name; the project also detects the language"))
    return rows


# --------------------------------------------------------------------------- NLP


def nlp_ratios(size: int, docs: pd.DataFrame, models: Mapping[str, str], actors: str | Path,
               batch_size: int = 32, processes: Sequence[int] = (1, 2), repeats: int = 1) -> list[dict[str, object]]:
    """The project's NLP stage (``process``) against spaCy ``nlp.pipe`` with the same components.

    Both sides use the same pipeline per language (base model, accent folding, actor span ruler,
    context filter), built once before timing, and read the same texts; the project also writes
    every sentence, lemma and mention into tables, which is the overhead measured. (A shard job
    also loads the model, 4-7 s per process, outside this comparison.)

    Args:
        docs: ``doc_id, lang, text`` of the sample.
        processes: spaCy ``n_process`` values to measure (words/s is reported for each).
    """
    from unittest import mock

    from civicscope.nlp import stage
    from civicscope.nlp.gazetteer import load_gazetteer
    from civicscope.nlp.pipeline import build_pipeline

    gazetteer = load_gazetteer(actors)
    docs = docs[docs["lang"].isin(list(models))].reset_index(drop=True)
    words = int(docs["text"].str.split().str.len().sum())
    pipelines = {lang: build_pipeline(lang, models[lang], gazetteer) for lang in sorted(set(docs["lang"]))}
    texts = {lang: docs.loc[docs["lang"] == lang, "text"].tolist() for lang in pipelines}
    rows = []
    for k, n_process in enumerate(processes):
        def project(n: int = n_process) -> None:
            # process() builds its pipelines itself; hand it the prebuilt ones so neither side pays the load.
            with mock.patch.object(stage, "build_pipeline", lambda lang, model, gaz: pipelines[lang]):
                stage.process(docs, models, gazetteer, batch_size=batch_size, n_process=n)

        def reference(n: int = n_process) -> None:
            for lang, nlp in pipelines.items():
                for _ in nlp.pipe(texts[lang], batch_size=batch_size, n_process=n):
                    pass

        # Models and imports are warm after the first setting; later ones skip the warm-up round.
        times = compare(project, reference, repeats=repeats, warm_up=k == 0)
        rows.append(ratio_row(
            size, f"nlp (n_process={n_process})", "civicscope nlp process() (sentences, lemmas, mentions tables)",
            "spaCy nlp.pipe, same pipeline", words, "words", times,
            note=f"{len(docs)} documents; models {dict(models)}; batch {batch_size}", use_cpu=n_process == 1,
        ))
    return rows


# --------------------------------------------------------------------------- embeddings


def tfidf_ratio(size: int, texts: Sequence[str], seed: int = 42, repeats: int = 2) -> list[dict[str, object]]:
    """The project's tfidf-svd embedding against the same scikit-learn pipeline called directly."""
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import Normalizer

    from civicscope.topics.embeddings import tfidf_svd_vectors
    from civicscope.topics.stopwords import stop_words

    words = list(stop_words())
    texts = list(texts)

    def project() -> None:
        tfidf_svd_vectors(texts, words, dim=100, seed=seed)

    def reference() -> None:
        pipe = make_pipeline(
            TfidfVectorizer(sublinear_tf=True, stop_words=words, min_df=1),
            TruncatedSVD(n_components=100, random_state=seed, algorithm="randomized", n_iter=7),
            Normalizer(copy=False),
        )
        pipe.fit_transform(texts)

    times = compare(project, reference, repeats=repeats)
    return [ratio_row(size, "embed (tfidf-svd)", "civicscope tfidf_svd_vectors", "scikit-learn TF-IDF + TruncatedSVD",
                      len(texts), "chunks", times, note="fitted in the topics step for this backend")]


def minilm_ratio(size: int, texts: Sequence[str], threads: int, batch_size: int = 32,
                 repeats: int = 2) -> list[dict[str, object]]:
    """The project's ``encode`` (blocks, progress, normalisation) against ``model.encode`` on the same chunks.

    The model is loaded once, outside the timing; a short warm-up replaces the full warm-up round
    because MiniLM is slow on a laptop CPU.
    """
    from civicscope.topics.embeddings import MINILM, encode, load_sentence_model

    model = load_sentence_model(MINILM, threads)
    texts = list(texts)
    warm = texts[: min(16, len(texts))]
    encode(model, warm, batch_size=batch_size)
    model.encode(warm, batch_size=batch_size, show_progress_bar=False)

    def project() -> None:
        encode(model, texts, batch_size=batch_size)

    def reference() -> None:
        model.encode(texts, batch_size=batch_size, show_progress_bar=False, convert_to_numpy=True,
                     normalize_embeddings=True)

    times = compare(project, reference, repeats=repeats, warm_up=False)
    return [ratio_row(size, "embed (minilm)", "civicscope topics.embeddings.encode", "SentenceTransformer.encode",
                      len(texts), "chunks", times, note=f"{threads} torch thread(s), batch {batch_size}")]


# --------------------------------------------------------------------------- classify


def classify_timing(size: int, command: Sequence[str], n_sentences: int, target_s: float = 60.0) -> list[dict[str, object]]:
    """Wall time of one ``civicscope classify`` subprocess (model load included), against a target."""
    import subprocess

    wall = time.perf_counter()
    proc = subprocess.run(list(command), capture_output=True, text=True)
    wall = time.perf_counter() - wall
    if proc.returncode != 0:
        logger.error("classify failed (%d): %s", proc.returncode, proc.stderr[-2000:])
    return [{
        "size": size, "stage": "classify", "project": "civicscope classify (actors + stance, model load included)",
        "reference": f"target < {target_s:g} s", "items": n_sentences, "unit": "sentences",
        "project_per_s": round(n_sentences / wall, 1) if wall > 0 else "",
        "reference_per_s": round(n_sentences / target_s, 1),
        "ratio": round(target_s / wall, 3) if wall > 0 else "",
        "ratio_cpu": "",
        "note": f"{wall:.1f} s wall" + ("" if proc.returncode == 0 else f"; FAILED rc={proc.returncode}"),
    }]
