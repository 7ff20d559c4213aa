"""Extraction benchmark: snippet scores and throughput against trafilatura alone.

The bench folder holds ``pages/`` (raw HTML) and ``evaldata.json`` mapping each page's original
URL (or a label) to ``{"file", "with", "without"}``: strings that must, or must not, appear in
the extracted main text. Scoring follows trafilatura's own evaluation: TP = a ``with`` string
found, FN = a ``with`` string missing, FP = a ``without`` string found.
"""

from __future__ import annotations

import json
import logging
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


def project_extractor(options: object | None = None) -> Callable[[BenchPage, bytes], str | None]:
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


def _timed(pages: list[tuple[BenchPage, bytes]], fn: Callable[[BenchPage, bytes], str | None]) -> tuple[float, float, dict[str, str | None]]:
    wall, cpu = time.perf_counter(), time.process_time()
    texts = {page.key: fn(page, body) for page, body in pages}
    return time.perf_counter() - wall, time.process_time() - cpu, texts


def measure_extraction(bench_dir: str | Path, repeats: int = 3, options: object | None = None) -> dict[str, object]:
    """Compare the project's extraction with trafilatura alone on the same pages, in this process.

    Both run over the same in-memory bytes ``repeats`` times, in alternating order (whichever
    runs second in a round pays less garbage collection), after a warm-up pass that loads every
    lazy import and model. The ratio uses the best CPU time of each side, which a busy shared
    machine disturbs far less than wall time; pages/s are reported from wall time too.

    Returns:
        ``pages``, ``project_pages_per_s``, ``trafilatura_pages_per_s`` (wall), ``ratio``
        (project speed / trafilatura speed from CPU time; 1.0 = no overhead),
        ``ratio_wall``, and both snippet scores.
    """
    pages = [(page, page.path.read_bytes()) for page in load_bench(bench_dir)]
    project = project_extractor(options)
    warm = pages[: min(10, len(pages))]
    _timed(warm, project)
    _timed(warm, trafilatura_baseline)
    best = {"project": [float("inf"), float("inf")], "reference": [float("inf"), float("inf")]}
    texts: dict[str, dict[str, str | None]] = {}
    sides = {"project": project, "reference": trafilatura_baseline}
    for round_ in range(max(1, repeats)):
        order = ["reference", "project"] if round_ % 2 == 0 else ["project", "reference"]
        for side in order:
            wall, cpu, texts[side] = _timed(pages, sides[side])
            best[side] = [min(best[side][0], wall), min(best[side][1], cpu)]
    bench_pages = [p for p, _ in pages]
    result = {
        "pages": len(pages),
        "project_pages_per_s": round(len(pages) / best["project"][0], 2),
        "trafilatura_pages_per_s": round(len(pages) / best["reference"][0], 2),
        "ratio": round(best["reference"][1] / best["project"][1], 3),
        "ratio_wall": round(best["reference"][0] / best["project"][0], 3),
        "project_score": score(bench_pages, texts["project"]).as_dict(),
        "trafilatura_score": score(bench_pages, texts["reference"]).as_dict(),
    }
    logger.info("extraction bench: %s", result)
    return result
