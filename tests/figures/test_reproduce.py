"""`make reproduce` on a tiny corpus: a second run in a fresh directory gives byte-identical outputs.

Also builds the HTML report of the first run. Slow (two full workflow runs): ``pytest -m slow``.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TINY = {
    "sources": "corpus/demo/sources_tiny.tsv",
    "collect": {"shard_size": 5},
    "stance": {"n_bootstrap": 200, "cv_folds": 3},
    "topics": {"min_cluster_size": 2, "n_neighbors": 5, "min_df": 1},
}


def load_reproduce():
    """The reproduce script as a module (it lives in scripts/, outside the package)."""
    spec = importlib.util.spec_from_file_location("reproduce", ROOT / "scripts" / "reproduce.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workflow run once on the tiny corpus in a copy of the project."""
    reproduce = load_reproduce()
    project = tmp_path_factory.mktemp("first")
    (project / "config").mkdir()
    tiny = project / "config" / "tiny.yaml"
    # JSON is YAML: the overrides need no YAML writer.
    tiny.write_text(json.dumps(TINY, indent=2) + "\n", encoding="utf-8")
    config = reproduce.load_config(ROOT, [])
    config.update(TINY)
    needed = [p for p in reproduce.paths_to_copy(ROOT, config, []) if p != "corpus/raw"]
    reproduce.copy_inputs(ROOT, project, needed)
    done = subprocess.run([sys.executable, "-m", "snakemake", "--cores", "2", "--configfile", "config/tiny.yaml"],
                          cwd=project, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return project


@pytest.mark.slow
def test_reproduce_reports_no_difference(first_run: Path, tmp_path: Path) -> None:
    reproduce = load_reproduce()
    code = reproduce.main(["--project", str(first_run), "--configfile", "config/tiny.yaml", "--cores", "2",
                           "--workdir", str(tmp_path / "second")])
    assert code == 0, (tmp_path / "second" / "reproduce.log").read_text()[-3000:]


@pytest.mark.slow
def test_report_and_run_info(first_run: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "snakemake", "--cores", "1", "--configfile", "config/tiny.yaml",
                           "--report", "results/report.html"], cwd=first_run, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    html = (first_run / "results" / "report.html").read_text(encoding="utf-8", errors="replace")
    for name in ("stance_over_time", "stance_network", "run_info"):
        assert name in html
    info = json.loads((first_run / "results" / "run_info.json").read_text())
    assert info["seeds"] == {"seed": 42}
    assert info["corpus_manifest"]["sha256"]
    assert info["packages"]["snakemake"]
    assert "results/figures/stance_over_time.pdf" in info["outputs"]
