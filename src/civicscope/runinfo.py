"""Provenance of a workflow run: software versions, configuration, inputs and outputs, all by hash.

The record holds no clock time, so two runs of the same code on the same inputs and machine write the
same bytes; what changed between two runs is then exactly what differs between their records.
"""

from __future__ import annotations

import hashlib
import json
import logging
import platform
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable, Mapping

from civicscope import __version__
from civicscope.io import sha256_file

logger = logging.getLogger(__name__)

_LOCK_LINE = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;#]+)")
SCHEMA_VERSION = 1


def locked_versions(lock: str | Path) -> dict[str, str]:
    """``name -> version`` of every ``name==version`` line of a pip lock file (comments, options skipped)."""
    pins: dict[str, str] = {}
    for line in Path(lock).read_text(encoding="utf-8").splitlines():
        match = _LOCK_LINE.match(line)
        if match:
            pins[match.group(1)] = match.group(2)
    return dict(sorted(pins.items(), key=lambda kv: kv[0].lower()))


def installed_version(name: str) -> str | None:
    """Version of the installed distribution ``name``, or None when it is not installed."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _normal(version: str | None) -> str | None:
    # "2.13.0+cpu" satisfies the pin "2.13.0": local labels are build variants, not versions.
    return version.split("+", 1)[0] if version else version


def package_versions(lock: str | Path) -> tuple[dict[str, str | None], list[dict[str, str | None]]]:
    """Installed version of each locked package, and the packages whose version differs from the lock."""
    installed: dict[str, str | None] = {}
    mismatches = []
    for name, pinned in locked_versions(lock).items():
        version = installed_version(name)
        installed[name] = version
        if _normal(version) != _normal(pinned):
            mismatches.append({"package": name, "locked": pinned, "installed": version})
    if mismatches:
        logger.warning("%d package(s) differ from the lock file, first: %s", len(mismatches), mismatches[0])
    return installed, mismatches


def git_state(directory: str | Path = ".") -> dict[str, Any]:
    """Commit and dirty flag of the git checkout holding ``directory``; empty values outside git."""
    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(directory), *args], capture_output=True, text=True, timeout=20, check=False)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    if not commit:
        return {"commit": "", "dirty": None}
    status = git("status", "--porcelain", "--untracked-files=no")
    return {"commit": commit, "dirty": bool(status) if status is not None else None}


def canonical_json(obj: Any) -> str:
    """JSON with sorted keys and no whitespace: equal configurations give equal strings."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_text(text: str) -> str:
    """Hex sha256 of a UTF-8 string."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_hashes(paths: Iterable[str | Path]) -> dict[str, str | None]:
    """``path -> sha256`` for files (sorted by path); directories and missing paths map to None."""
    out: dict[str, str | None] = {}
    for path in sorted({str(p) for p in paths}):
        out[path] = sha256_file(path) if Path(path).is_file() else None
    return out


def run_info(
    lock: str | Path,
    config: Mapping[str, Any],
    config_files: Iterable[str | Path] = (),
    manifest: str | Path | None = None,
    inputs: Iterable[str | Path] = (),
    outputs: Iterable[str | Path] = (),
    repo: str | Path = ".",
) -> dict[str, Any]:
    """Build the provenance record of a run.

    Args:
        lock: the pip lock file listing the pinned stack.
        config: the configuration as the workflow resolved it.
        config_files: the configuration files read (their bytes are hashed).
        manifest: the corpus manifest (corpus/raw/manifest.tsv).
        inputs: input files named by the configuration (sources, gazetteer, lexicon, annotations).
        outputs: the workflow's final tables, figures, networks and metrics.
        repo: a directory inside the git checkout, if any.
    """
    packages, mismatches = package_versions(lock)
    seeds = {k: v for k, v in sorted(config.items()) if k == "seed" or k.endswith("_seed")}
    return {
        "schema_version": SCHEMA_VERSION,
        "civicscope": __version__,
        "python": {"version": platform.python_version(), "implementation": platform.python_implementation(),
                   "executable": sys.executable},
        "platform": {"system": platform.system(), "machine": platform.machine(), "release": platform.release()},
        "packages": packages,
        "packages_not_as_locked": mismatches,
        "lock_file": {"path": str(lock), "sha256": sha256_file(lock)},
        "git": git_state(repo),
        "config": {
            "files": file_hashes(config_files),
            "resolved_sha256": sha256_text(canonical_json(config)),
            "resolved": dict(config),
        },
        "seeds": seeds,
        "corpus_manifest": {"path": str(manifest), "sha256": sha256_file(manifest)} if manifest else None,
        "inputs": file_hashes(inputs),
        "outputs": file_hashes(outputs),
    }
