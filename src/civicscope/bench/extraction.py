"""Extraction benchmark: snippet scores and throughput against trafilatura alone.

The bench folder holds ``pages/`` (raw HTML) and ``evaldata.json`` mapping each page's original
URL (or a label) to ``{"file", "with", "without"}``: strings that must, or must not, appear in
the extracted main text. Scoring follows trafilatura's own evaluation: TP = a ``with`` string
found, FN = a ``with`` string missing, FP = a ``without`` string found.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BenchPage:
    """One bench page: its key in evaldata.json, URL (None for labels), file and snippets."""

    key: str
    url: str | None
    path: Path
    with_: tuple[str, ...]
    without: tuple[str, ...]


#: One side of the comparison: a page and its raw bytes in, the main text (None = nothing) out.
PageExtractor = Callable[[BenchPage, bytes], str | None]


@dataclass(frozen=True)
class Score:
    """Snippet counts and the derived precision, recall and F1."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """TP / (TP + FP)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        """Counts and rounded scores, for JSON output."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def load_bench(bench_dir: str | Path) -> list[BenchPage]:
    """Read ``evaldata.json`` of a bench folder (pages sorted by key)."""
    bench_dir = Path(bench_dir)
    data = json.loads((bench_dir / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(data):
        entry = data[key]
        url = key if key.startswith(("http://", "https://")) else None
        pages.append(BenchPage(key, url, bench_dir / "pages" / entry["file"], tuple(entry.get("with", [])),
                               tuple(entry.get("without", []))))
    return pages


def score(pages: Iterable[BenchPage], texts: Mapping[str, str | None]) -> Score:
    """Score extracted ``texts`` (by page key; None = nothing extracted) with the snippet method."""
    tp = fp = fn = 0
    for page in pages:
        text = texts.get(page.key) or ""
        for snippet in page.with_:
            if snippet in text:
                tp += 1
            else:
                fn += 1
        fp += sum(1 for snippet in page.without if snippet in text)
    return Score(tp, fp, fn)


def trafilatura_baseline(page: BenchPage, body: bytes) -> str | None:
    """trafilatura.extract with default settings on the raw bytes: the reference."""
    import trafilatura

    return trafilatura.extract(body, url=page.url)


def project_extractor(options: object | None = None) -> PageExtractor:
    """Return the project's per-page extraction (decode, trafilatura, language, checks) as a function."""
    from civicscope.extract.document import ExtractOptions, extract_bytes
    from civicscope.extract.errors import ExtractFailure

    opts = options if isinstance(options, ExtractOptions) else ExtractOptions()

    def run(page: BenchPage, body: bytes) -> str | None:
        try:
            return str(extract_bytes(body, "html", opts, url=page.url)["text"])
        except ExtractFailure:
            return None

    return run


def _child_cpu() -> float:
    """CPU seconds of finished child processes, which ``time.process_time`` does not count."""
    times = os.times()
    return times.children_user + times.children_system


def _paired_round(pages: list[tuple[BenchPage, bytes]], sides: Mapping[str, PageExtractor], round_: int
                  ) -> tuple[dict[str, float], dict[str, float], dict[str, dict[str, str | None]]]:
    """One pass over the pages, both sides on each page in turn: (wall, CPU, texts) per side.

    Timing page by page, side by side, exposes both to the same moment of a shared machine; the side
    that goes first alternates by page and by round, so neither keeps the warmer caches or leaves
    its garbage to the other.
    """
    names = list(sides)
    wall = dict.fromkeys(names, 0.0)
    cpu = dict.fromkeys(names, 0.0)
    texts: dict[str, dict[str, str | None]] = {name: {} for name in names}
    gc.collect()
    for i, (page, body) in enumerate(pages):
        for name in (names if (i + round_) % 2 == 0 else names[::-1]):
            w, c = time.perf_counter(), time.process_time()
            texts[name][page.key] = sides[name](page, body)
            cpu[name] += time.process_time() - c
            wall[name] += time.perf_counter() - w
    return wall, cpu, texts


def measure_extraction(bench_dir: str | Path, repeats: int = 3, options: object | None = None) -> dict[str, object]:
    """Compare the project's extraction with trafilatura alone on the same pages, one process each.

    Both sides run in this process, one page at a time, on the same in-memory bytes, after an
    untimed pass over every page that loads each lazy import, model and per-language cache. Each of
    the ``repeats`` rounds times both sides page by page (see :func:`_paired_round`); the ratio of a
    round is reference time / project time, and the reported ratio is the median over rounds, from
    CPU time of this process (a busy shared machine disturbs it far less than wall time) and from
    wall time. Work done in child processes would escape the CPU clock, so it is refused: the
    comparison is per process, as the workflow runs one extraction process per shard job.

    Returns:
        ``pages``, ``project_pages_per_s``, ``trafilatura_pages_per_s`` (wall, best round),
        ``ratio`` (project speed / trafilatura speed from CPU time; 1.0 = no overhead),
        ``ratio_wall``, ``ratio_rounds`` (CPU ratio of each round), ``project_cpu_ms_per_page``,
        ``trafilatura_cpu_ms_per_page`` (best round) and both snippet scores.

    Raises:
        RuntimeError: when an extraction ran work in child processes.
    """
    pages = [(page, page.path.read_bytes()) for page in load_bench(bench_dir)]
    sides: dict[str, PageExtractor] = {"reference": trafilatura_baseline, "project": project_extractor(options)}
    children = _child_cpu()
    for page, body in pages:
        for extract in sides.values():
            extract(page, body)
    rounds = [_paired_round(pages, sides, round_) for round_ in range(max(1, repeats))]
    if _child_cpu() > children:
        raise RuntimeError("extraction ran in child processes: the per-process comparison would be wrong")
    texts = rounds[-1][2]
    best_wall = {side: min(r[0][side] for r in rounds) for side in sides}
    best_cpu = {side: min(r[1][side] for r in rounds) for side in sides}
    cpu_ratios = [r[1]["reference"] / r[1]["project"] for r in rounds if r[1]["project"] > 0]
    wall_ratios = [r[0]["reference"] / r[0]["project"] for r in rounds if r[0]["project"] > 0]
    bench_pages = [p for p, _ in pages]
    n = len(pages)
    result = {
        "pages": n,
        "project_pages_per_s": round(n / best_wall["project"], 2) if best_wall["project"] else 0.0,
        "trafilatura_pages_per_s": round(n / best_wall["reference"], 2) if best_wall["reference"] else 0.0,
        "ratio": round(statistics.median(cpu_ratios), 3) if cpu_ratios else 0.0,
        "ratio_wall": round(statistics.median(wall_ratios), 3) if wall_ratios else 0.0,
        "ratio_rounds": [round(r, 3) for r in cpu_ratios],
        "project_cpu_ms_per_page": round(1000 * best_cpu["project"] / max(n, 1), 3),
        "trafilatura_cpu_ms_per_page": round(1000 * best_cpu["reference"] / max(n, 1), 3),
        "project_score": score(bench_pages, texts["project"]).as_dict(),
        "trafilatura_score": score(bench_pages, texts["reference"]).as_dict(),
    }
    logger.info("extraction bench: %s", result)
    return result
