"""The workflow through a real SLURM cluster (one node on 127.0.0.1), compared with a local run.

Opt-in (`make test-slurm`, marker ``slurm``): it installs Debian's slurm-wlm and munge when missing
(root), starts slurmctld, slurmd and munged from a temporary folder with tools/slurm/cluster.sh, runs the
tiny end-to-end config once locally and once with ``--profile workflow/profiles/slurm``, compares every
table and network byte for byte, and stops the cluster, leaving nothing running.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import pytest

from tests.e2e.conftest import ROOT, make_workdir, snakemake

pytestmark = [pytest.mark.slurm, pytest.mark.slow]
CLUSTER = ROOT / "tools" / "slurm" / "cluster.sh"
COMPARED = ("results/tables", "results/networks")


def digests(workdir: Path) -> dict[str, str]:
    """sha256 of every file under the compared result folders, keyed by path relative to ``workdir``."""
    out = {}
    for folder in COMPARED:
        for path in sorted((workdir / folder).rglob("*")):
            if path.is_file():
                out[str(path.relative_to(workdir))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def daemons(folder: Path) -> list[str]:
    """Command lines of the processes still running that were started from ``folder``."""
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, check=True).stdout
    return [line for line in ps.splitlines() if str(folder) in line and "ps -eo" not in line]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory):
    """A running one-node cluster; stopped (and checked stopped) after the module."""
    folder = tmp_path_factory.mktemp("slurm")
    subprocess.run(["bash", str(CLUSTER), "install"], check=True)
    subprocess.run(["bash", str(CLUSTER), "start", str(folder)], check=True, timeout=120)
    try:
        yield folder
    finally:
        subprocess.run(["bash", str(CLUSTER), "stop", str(folder)], check=True, timeout=60)
        assert not daemons(folder), f"daemons left running: {daemons(folder)}"


def test_slurm_run_matches_local_run(cluster: Path, tmp_path: Path) -> None:
    local = make_workdir(tmp_path / "local")
    proc = snakemake(local, "--cores", "2")
    assert proc.returncode == 0, proc.stderr[-4000:]

    remote = make_workdir(tmp_path / "slurm")
    os.environ["SLURM_CONF"] = str(cluster / "slurm.conf")
    proc = snakemake(
        remote,
        "--profile", str(ROOT / "workflow" / "profiles" / "slurm"),
        # The test cluster has no accounting database (slurmdbd): no account, job states from squeue.
        "--slurm-no-account",
        "--slurm-status-command", "squeue",
        "--slurm-init-seconds-before-status-checks", "5",
        "--latency-wait", "5",
        timeout=2400,
    )
    assert proc.returncode == 0, proc.stderr[-6000:]
    queue = subprocess.run(["squeue", "-t", "all", "-h", "-o", "%j %T"], capture_output=True, text=True, check=True,
                           env={**os.environ}).stdout.split("\n")
    jobs = [line for line in queue if line.strip()]
    assert len(jobs) >= 5, f"the run did not go through the SLURM cluster (squeue shows {jobs})"
    assert all(line.endswith("COMPLETED") for line in jobs), f"SLURM jobs that did not complete: {jobs}"
    logs = list((remote / ".snakemake" / "slurm_logs").rglob("*.log"))
    assert logs, "no SLURM job logs were written under .snakemake/slurm_logs"

    a, b = digests(local), digests(remote)
    assert a, "the local run wrote no tables"
    assert a.keys() == b.keys(), f"different files: {sorted(a.keys() ^ b.keys())}"
    differing = sorted(k for k in a if a[k] != b[k])
    assert not differing, f"tables differ between the local and the SLURM run: {differing}"
