"""The local and SLURM profiles: they parse, and a dry run with each resolves what it promises.

The SLURM dry run goes through snakemake-executor-plugin-slurm's option parsing but submits nothing:
a fake ``sbatch`` that records any call is first on PATH, and the test fails if it was called.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PROFILES = ROOT / "workflow" / "profiles"
RULE_RE = re.compile(r"^(?:rule|checkpoint) (\w+):", re.M)
JOB_RE = re.compile(r"^(?:local)?(?:rule|checkpoint) (\w+):\n(.*?)(?:\n\n|\Z)", re.M | re.S)


def workflow_rules() -> set[str]:
    """Names of the rules defined in workflow/rules/*.smk and the Snakefile."""
    names: set[str] = set()
    for path in [ROOT / "Snakefile", *sorted((ROOT / "workflow" / "rules").glob("*.smk"))]:
        names.update(RULE_RE.findall(path.read_text(encoding="utf-8")))
    return names


def load_profile(name: str) -> dict:
    return yaml.safe_load((PROFILES / name / "config.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["default", "slurm"])
def test_profile_parses(name: str) -> None:
    profile = load_profile(name)
    assert isinstance(profile, dict) and profile
    assert profile["resources"]["http"] == 1, "collection must stay one job at a time"
    assert "cores" not in profile, "cores are left to the user"


def test_slurm_profile_names_real_rules() -> None:
    profile = load_profile("slurm")
    assert profile["executor"] == "slurm"
    unknown = set(profile["set-resources"]) - workflow_rules()
    assert not unknown, f"set-resources names rules that do not exist: {unknown}"
    for key in ("mem_mb", "runtime", "cpus_per_task"):
        assert key in profile["default-resources"]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the inputs a dry run reads (config, demo corpus, annotations, lock) and a fake sbatch."""
    path = tmp_path_factory.mktemp("profiles")
    shutil.copytree(ROOT / "config", path / "config")
    shutil.copytree(ROOT / "corpus" / "demo", path / "corpus" / "demo", ignore=shutil.ignore_patterns("src", "templates"))
    shutil.copytree(ROOT / "corpus" / "annotations", path / "corpus" / "annotations")
    shutil.copy(ROOT / "requirements.lock", path / "requirements.lock")
    fake_bin = path / "fake-bin"
    fake_bin.mkdir()
    sbatch = fake_bin / "sbatch"
    sbatch.write_text(f"#!/bin/sh\necho \"$@\" >> {path / 'sbatch-called'}\nexit 1\n", encoding="utf-8")
    sbatch.chmod(sbatch.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def dry_run(workdir: Path, *args: str) -> str:
    """``snakemake --dry-run`` of the whole workflow in ``workdir``; returns stdout + stderr."""
    env = {**os.environ, "PATH": os.pathsep.join([str(workdir / "fake-bin"), os.environ["PATH"]])}
    cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(ROOT / "Snakefile"), "--directory", str(workdir),
           "--dry-run", *args]
    proc = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True, env=env, timeout=300)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-4000:]
    return out


def resources_of(block: str) -> dict[str, str]:
    line = next((ln for ln in block.splitlines() if ln.strip().startswith("resources:")), "")
    pairs = (item.split("=", 1) for item in line.split(":", 1)[-1].split(", ") if "=" in item)
    return {k.strip(): v.strip() for k, v in pairs}


def test_slurm_dry_run_resolves_every_rule(workdir: Path) -> None:
    # --cores 8 so that threads are not scaled down to the dry run's default of one core.
    before = dry_run(workdir, "--profile", str(PROFILES / "slurm"), "--cores", "8")
    # The sharded jobs exist once the collect checkpoint has written the manifest (local files: seconds).
    cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(ROOT / "Snakefile"), "--directory", str(workdir),
           "--cores", "1", "corpus/raw/manifest.tsv"]
    proc = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    after = dry_run(workdir, "--profile", str(PROFILES / "slurm"), "--cores", "8")
    assert not (workdir / "sbatch-called").exists(), "the dry run submitted a job"
    jobs = JOB_RE.findall(before) + JOB_RE.findall(after)
    seen = {name for name, _ in jobs}
    missing = workflow_rules() - seen
    assert not missing, f"rules absent from the dry run: {missing}"
    set_resources = load_profile("slurm")["set-resources"]
    for name, block in jobs:
        res = resources_of(block)
        for key in ("mem_mb", "runtime", "cpus_per_task"):
            assert key in res and res[key] not in ("", "<TBD>"), f"{name}: {key} unresolved in {res}"
        threads = re.search(r"threads: (\d+)", block)
        assert int(res["cpus_per_task"]) == (int(threads.group(1)) if threads else 1), (name, res)
        if name in set_resources:
            # attempt is 1 on a first submission, so each expression gives its base value
            expected = {k: eval(str(v), {"attempt": 1}) for k, v in set_resources[name].items()}
            assert int(res["mem_mb"]) == expected["mem_mb"] and int(res["runtime"]) == expected["runtime"], (name, res)
    collect = dict(JOB_RE.findall(before))["collect"]
    assert resources_of(collect).get("http") == "1"


def test_default_profile_is_applied(workdir: Path) -> None:
    out = dry_run(workdir, "--workflow-profile", str(PROFILES / "default"), "--cores", "2")
    assert "Using workflow specific profile" in out
    assert "Shell command:" in out, "printshellcmds from the profile was not applied"
