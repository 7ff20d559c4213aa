"""Real pages: the project's collect + extract must score within 0.01 F1 of trafilatura alone.

The 150 pages of ``../shared/extraction-bench`` (relative to the repository root) are collected
as one ``file`` source and extracted with the project's default settings (comments excluded,
tables kept); the reference is ``trafilatura.extract(raw_bytes, url=url)`` with its defaults,
computed here on the same files. Scores use the snippet method of trafilatura's evaluation.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
import pytest

from civicscope.bench.extraction import load_bench, score, trafilatura_baseline
from civicscope.collect import collect
from civicscope.extract import extract

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "extraction-bench"
TOLERANCE = 0.01

pytestmark = pytest.mark.skipif(
    not (BENCH / "evaldata.json").is_file(),
    reason=f"extraction bench not found at {BENCH} (it lives outside the repository, in ../shared)",
)


def test_project_extraction_matches_trafilatura(tmp_path: Path) -> None:
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    pages = load_bench(BENCH)
    sources = tmp_path / "sources.tsv"
    sources.write_text(f"source_id\tkind\tlocation\nbench\tfile\t{BENCH / 'pages'}/*.html\n", encoding="utf-8")
    summary = collect(sources, tmp_path / "raw", progress=False)
    assert summary.fetched == len(pages) and not summary.rejected

    extract(tmp_path / "raw", tmp_path / "documents.parquet", tmp_path / "rejects.csv", progress=False)
    documents = pd.read_parquet(tmp_path / "documents.parquet")
    by_file = {Path(url).name: text for url, text in zip(documents["url"], documents["text"])}
    project_texts = {page.key: by_file.get(page.path.name) for page in pages}  # rejected page = no text
    reference_texts = {page.key: trafilatura_baseline(page, page.path.read_bytes()) for page in pages}

    project = score(pages, project_texts)
    reference = score(pages, reference_texts)
    print(f"\nproject   {project.as_dict()}\nreference {reference.as_dict()}")
    assert reference.f1 > 0.85, "reference run broken: trafilatura scores far below its published figure"
    # being better than the reference is fine; being worse by more than the tolerance is not
    assert project.f1 >= reference.f1 - TOLERANCE, (project.as_dict(), reference.as_dict())


def test_score_counts() -> None:
    from civicscope.bench.extraction import BenchPage

    pages = [BenchPage("k1", None, Path("x"), ("alpha", "beta"), ("menu",)),
             BenchPage("k2", None, Path("y"), ("gamma",), ("footer",))]
    result = score(pages, {"k1": "alpha and the menu", "k2": None})
    assert (result.tp, result.fp, result.fn) == (1, 1, 2)
    assert result.precision == 0.5 and result.recall == pytest.approx(1 / 3)
    assert result.f1 == pytest.approx(0.4)


def _tiny_bench(folder: Path) -> Path:
    """Three small pages in the extraction bench's format."""
    import json

    (folder / "pages").mkdir(parents=True)
    text = ("La ville et la plateforme ont signé un accord de partage de données après deux ans de conflit "
            "sur le stationnement des trottinettes dans les rues du centre.")
    evaldata = {}
    for i in range(3):
        name = f"p{i}.html"
        (folder / "pages" / name).write_text(
            f"<html><body><nav><a href='/'>Accueil</a></nav><article><h1>Titre {i}</h1><p>{text}</p><p>{text} {i}</p>"
            "</article><footer>Mentions légales</footer></body></html>", encoding="utf-8")
        evaldata[f"https://example.org/{i}"] = {"file": name, "with": ["un accord de partage"], "without": ["Mentions légales"]}
    (folder / "evaldata.json").write_text(json.dumps(evaldata), encoding="utf-8")
    return folder


def test_measure_extraction_on_a_tiny_bench(tmp_path: Path) -> None:
    from civicscope.bench.extraction import measure_extraction

    result = measure_extraction(_tiny_bench(tmp_path), repeats=2)
    assert result["pages"] == 3 and result["ratio"] > 0 and result["project_pages_per_s"] > 0
    assert len(result["ratio_rounds"]) == 2 and result["ratio_wall"] > 0
    assert result["project_cpu_ms_per_page"] > 0 and result["trafilatura_cpu_ms_per_page"] > 0
    assert result["project_score"]["tp"] == 3


def test_other_pages_get_their_own_stage_names(tmp_path: Path) -> None:
    """Rows for other pages than the run's own (real pages) never take the headline stage name."""
    from civicscope.bench.ratios import extraction_ratio
    from civicscope.bench.summary import attach_ratios

    bench = _tiny_bench(tmp_path)
    own = extraction_ratio(1000, bench, repeats=1)
    real = extraction_ratio(1000, bench, repeats=1, pages_label="real pages")
    assert [r["stage"] for r in own] == ["extract", "extract (metadata)"]
    assert [r["stage"] for r in real] == ["extract (real pages)", "extract (metadata, real pages)"]
    assert all(r["items"] == 3 and float(r["ratio"]) > 0 for r in own + real)
    summary = attach_ratios([{"size": 1000, "stage": "extract"}], real)
    assert summary[0]["library_ratio"] == ""


def test_work_in_child_processes_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """CPU time spent in other processes would not be counted: such a comparison is refused."""
    import json
    import subprocess
    import sys

    from civicscope.bench import extraction

    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "p.html").write_text("<html><body><p>Un texte.</p></body></html>", encoding="utf-8")
    (tmp_path / "evaldata.json").write_text(json.dumps({"p": {"file": "p.html", "with": [], "without": []}}),
                                            encoding="utf-8")

    def in_a_child(page: object, body: bytes) -> str:
        subprocess.run([sys.executable, "-c", "sum(range(3_000_000))"], check=True)
        return ""

    monkeypatch.setattr(extraction, "project_extractor", lambda options=None: in_a_child)
    with pytest.raises(RuntimeError, match="child processes"):
        extraction.measure_extraction(tmp_path, repeats=1)
