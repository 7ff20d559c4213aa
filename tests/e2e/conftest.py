"""One real workflow run on a tiny config, shared by the end-to-end tests (minutes, marked slow)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def make_workdir(path: Path) -> Path:
    """A working directory with a tiny config: the demo's 9-document sample, fewer folds and resamples."""
    (path / "corpus").mkdir(parents=True)
    shutil.copytree(ROOT / "corpus" / "demo", path / "corpus" / "demo", ignore=shutil.ignore_patterns("src", "templates"))
    shutil.copytree(ROOT / "corpus" / "annotations", path / "corpus" / "annotations")
    shutil.copytree(ROOT / "config", path / "config")
    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text())
    config["sources"] = "corpus/demo/sources_tiny.tsv"
    config["collect"]["shard_size"] = 4
    config["stance"].update({"cv_folds": 2, "n_bootstrap": 200})
    config["topics"].update({"n_neighbors": 5})
    (path / "config" / "config.yaml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    return path


def snakemake(workdir: Path, *args: str, timeout: int = 1200) -> subprocess.CompletedProcess:
    """Run the project's Snakefile in ``workdir`` with the test's interpreter."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(ROOT / "Snakefile"), "--directory", str(workdir), *args]
    return subprocess.run(cmd, cwd=workdir, capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="session")
def tiny_run(tmp_path_factory) -> Path:
    """Run the whole workflow once on the tiny config; fail with Snakemake's output if it breaks."""
    workdir = make_workdir(tmp_path_factory.mktemp("tiny"))
    proc = snakemake(workdir, "--cores", "2")
    if proc.returncode != 0:
        logs = "\n".join(f"--- {p}\n{p.read_text()[-3000:]}" for p in sorted((workdir / "logs").rglob("*.log")))
        pytest.fail(f"workflow failed:\n{proc.stderr[-6000:]}\n{logs}")
    return workdir
