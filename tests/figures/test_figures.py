"""Each figure on synthetic tables: the PDF opens, the CSV has the columns and rows drawn, bytes are stable."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from PIL import Image
from pypdf import PdfReader

from civicscope.cli import main
from civicscope.figures import NAMES, module
from civicscope.io import CSV_ENCODING

from .conftest import FIGURE_INPUTS, figure_args


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def draw(name: str, paths: dict[str, str], prefix: Path, *extra: str) -> dict[str, Path]:
    assert main(figure_args(name, paths, prefix, *extra)) == 0
    return {ext: prefix.with_name(prefix.name + "." + ext) for ext in ("pdf", "png", "csv")}


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, encoding=CSV_ENCODING, dtype=str, keep_default_na=False)


def expected_rows(name: str, paths: dict[str, str]) -> int:
    """Row count of each figure's CSV, worked out from the inputs independently of the figure code."""
    if name == "corpus_composition":
        docs = pd.read_parquet(paths["documents"])
        kept = docs[docs["dup_of"].isna() & docs["year"].notna()]
        return len(kept.groupby(["year", "genre"])) + len(kept.groupby(["year", "lang"]))
    if name == "stance_over_time":
        by_actor = pd.read_csv(paths["by_actor"], encoding=CSV_ENCODING)
        top = by_actor.groupby("actor")["n"].sum().sort_values(ascending=False).index[:8]
        return len(pd.read_csv(paths["by_type"], encoding=CSV_ENCODING)) + int(by_actor["actor"].isin(top).sum())
    if name == "topic_prevalence":
        docs = pd.read_parquet(paths["documents"])
        merged = pd.read_parquet(paths["doc_topics"]).merge(docs[docs["dup_of"].isna() & docs["year"].notna()], on="doc_id")
        return merged["year"].nunique() * pd.read_csv(paths["topic_info"], encoding=CSV_ENCODING)["topic"].nunique()
    if name == "topic_stance_heatmap":
        merged = pd.read_parquet(paths["statements"]).merge(pd.read_parquet(paths["doc_topics"]), on="doc_id")
        return merged["topic"].nunique() * 3
    if name == "stance_network":
        return nx.read_gexf(paths["network"]).number_of_edges()
    if name == "stance_evaluation":
        report = json.loads(Path(paths["metrics"]).read_text())
        return sum(9 + 3 * 4 + 3 for _ in report["test"])
    if name == "topic_quality":
        return 2 * len(pd.read_csv(paths["topic_quality"], encoding=CSV_ENCODING))
    raise AssertionError(name)


@pytest.fixture(scope="session")
def rendered(inputs: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every figure drawn once, in this process, from the synthetic inputs."""
    out = tmp_path_factory.mktemp("rendered")
    for name in NAMES:
        draw(name, inputs, out / name)
    return out


@pytest.mark.parametrize("name", NAMES)
def test_figure_files(name: str, inputs: dict[str, str], rendered: Path) -> None:
    files = {ext: rendered / f"{name}.{ext}" for ext in ("pdf", "png", "csv")}
    pdf = PdfReader(files["pdf"])
    assert len(pdf.pages) == 1
    raw = files["pdf"].read_bytes()
    assert b"/FontFile2" in raw and b"/Type3" not in raw  # TrueType fonts embedded, no Type 3 bitmaps
    assert b"CreationDate" not in raw
    data = read_csv(files["csv"])
    assert list(data.columns) == module(name).COLUMNS
    assert len(data) == expected_rows(name, inputs)


def test_identical_across_runs(inputs: dict[str, str], rendered: Path, tmp_path: Path) -> None:
    """A second run, in another process with another hash seed (set order changes), gives the same bytes."""
    script = (
        "import sys, json, pathlib\nfrom civicscope.cli import main\nfrom figures.conftest import figure_args\n"
        "paths = json.loads(sys.argv[1])\n"
        "for name in sys.argv[3:]:\n    assert main(figure_args(name, paths, pathlib.Path(sys.argv[2]) / name)) == 0\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    subprocess.run([sys.executable, "-c", script, json.dumps(inputs), str(tmp_path), *NAMES], check=True,
                   capture_output=True, env=env)
    first = {p.name: sha256(p) for p in sorted(rendered.iterdir())}
    second = {p.name: sha256(p) for p in sorted(tmp_path.iterdir())}
    assert len(first) == 3 * len(NAMES)
    assert [n for n in first if first[n] != second.get(n)] == []


@pytest.mark.parametrize("width_mm", [89.0, 183.0])
def test_width_from_option(width_mm: float, inputs: dict[str, str], tmp_path: Path) -> None:
    files = draw("topic_quality", inputs, tmp_path / "q", "--width-mm", str(width_mm), "--dpi", "100")
    media = PdfReader(files["pdf"]).pages[0].mediabox
    assert float(media.width) == pytest.approx(width_mm / 25.4 * 72, abs=0.5)
    with Image.open(files["png"]) as image:
        assert image.size[0] == round(width_mm / 25.4 * 100)


def test_french_labels(inputs: dict[str, str], tmp_path: Path) -> None:
    files = draw("stance_over_time", inputs, tmp_path / "fr", "--language", "fr")
    text = PdfReader(files["pdf"]).pages[0].extract_text()
    assert "Indice de posture" in text and "coopération" in text


def test_top_actors_option(inputs: dict[str, str], tmp_path: Path) -> None:
    files = draw("stance_over_time", inputs, tmp_path / "top3", "--top-actors", "3")
    data = read_csv(files["csv"])
    assert data.loc[data["panel"] == "actor", "group"].nunique() == 3


@pytest.mark.parametrize("name", NAMES)
def test_empty_inputs_still_draw(name: str, empty_inputs: dict[str, str], tmp_path: Path) -> None:
    paths = dict(empty_inputs)
    files = draw(name, paths, tmp_path / name)
    assert len(PdfReader(files["pdf"]).pages) == 1
    assert "no data" in PdfReader(files["pdf"]).pages[0].extract_text().lower()
    data = read_csv(files["csv"])
    assert list(data.columns) == module(name).COLUMNS and data.empty


def test_missing_input_is_a_user_error(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    assert main(["figure", "stance_over_time", "--input", "by_type=x.csv", "--output-prefix", str(tmp_path / "x")]) == 2
    assert "needs --input by_actor=PATH" in caplog.text


def test_every_figure_declares_its_inputs() -> None:
    for name in NAMES:
        assert set(FIGURE_INPUTS[name]) == set(module(name).INPUTS), name
