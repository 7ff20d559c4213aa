"""environment.yml and requirements.lock describe the same pinned stack."""

from __future__ import annotations

import re

import yaml

CONDA_NAMES = {"pytorch": "torch"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_environment_and_lock_pin_the_same_versions(root):
    lock = {}
    for line in (root / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            lock[_norm(name)] = version
    env = yaml.safe_load((root / "environment.yml").read_text())
    pinned = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for item in dep["pip"]:
                name, _, version = item.partition("==")
                pinned[_norm(name)] = version
        else:
            name, _, version = dep.partition("=")
            pinned[_norm(CONDA_NAMES.get(name, name))] = version
    pinned.pop("python")
    pinned.pop("pip")
    mismatched = {n: (v, lock.get(n)) for n, v in pinned.items() if lock.get(n) != v}
    assert not mismatched, f"environment.yml vs requirements.lock: {mismatched}"
    assert len(pinned) >= 25


def test_pyproject_dependencies_are_locked(root):
    import tomllib

    deps = tomllib.loads((root / "pyproject.toml").read_text())["project"]["dependencies"]
    lock = {_norm(line.split("==")[0]) for line in (root / "requirements.lock").read_text().splitlines() if "==" in line}
    names = {_norm(re.split(r"[<>=!~ ]", d)[0]) for d in deps}
    assert names <= lock, f"not in the lock: {names - lock}"
