"""run_info.json: versions from the lock, hashes of config, manifest, inputs and outputs, no clock time."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from civicscope.cli import main
from civicscope.runinfo import canonical_json, git_state, locked_versions, package_versions, run_info


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    lock = tmp_path / "requirements.lock"
    lock.write_text("# pinned stack\npandas==0.0.1\npytest==" + __import__("pytest").__version__ + "\n"
                    "--extra-index-url https://example.org\nnot-a-real-package-xyz==1.0\n", encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text("seed: 7\n", encoding="utf-8")
    manifest = tmp_path / "manifest.tsv"
    manifest.write_text("doc_id\tsha256\nabc\t123\n", encoding="utf-8")
    output = tmp_path / "table.csv"
    output.write_text("a,b\n1,2\n", encoding="utf-8")
    return {"lock": lock, "config": config, "manifest": manifest, "output": output}


def test_locked_versions_reads_pins_only(files: dict[str, Path]) -> None:
    assert set(locked_versions(files["lock"])) == {"pandas", "pytest", "not-a-real-package-xyz"}


def test_package_versions_flags_mismatches(files: dict[str, Path]) -> None:
    installed, mismatches = package_versions(files["lock"])
    assert installed["pytest"] == pytest.__version__
    assert installed["not-a-real-package-xyz"] is None
    assert {m["package"] for m in mismatches} == {"pandas", "not-a-real-package-xyz"}


def test_record_hashes_and_seeds(files: dict[str, Path]) -> None:
    config = {"seed": 7, "figures": {"language": "fr"}}
    info = run_info(files["lock"], config, [files["config"]], files["manifest"], [], [files["output"]], repo=files["lock"].parent)
    assert info["seeds"] == {"seed": 7}
    assert info["corpus_manifest"]["sha256"] == hashlib.sha256(files["manifest"].read_bytes()).hexdigest()
    assert info["config"]["files"][str(files["config"])] == hashlib.sha256(b"seed: 7\n").hexdigest()
    assert info["config"]["resolved_sha256"] == hashlib.sha256(canonical_json(config).encode()).hexdigest()
    assert info["outputs"][str(files["output"])] == hashlib.sha256(files["output"].read_bytes()).hexdigest()
    assert info["git"] == {"commit": "", "dirty": None}  # tmp_path is not a git checkout


def test_resolved_hash_ignores_key_order(files: dict[str, Path]) -> None:
    a = run_info(files["lock"], {"seed": 1, "x": {"a": 1, "b": 2}}, repo=files["lock"].parent)
    b = run_info(files["lock"], {"x": {"b": 2, "a": 1}, "seed": 1}, repo=files["lock"].parent)
    assert a["config"]["resolved_sha256"] == b["config"]["resolved_sha256"]


def test_git_commit_and_dirty_flag(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q")  # git is part of the set-up (run_info records the commit): no skip without it
    (tmp_path / "f.txt").write_text("one\n")
    git("add", "f.txt")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "init")
    state = git_state(tmp_path)
    assert len(state["commit"]) == 40 and state["dirty"] is False
    (tmp_path / "f.txt").write_text("two\n")
    assert git_state(tmp_path)["dirty"] is True


def test_command_writes_identical_bytes_twice(files: dict[str, Path], tmp_path: Path) -> None:
    outs = []
    for name in ("one.json", "two.json"):
        out = tmp_path / name
        args = ["runinfo", "--lock", str(files["lock"]), "--config-json", '{"seed": 7}', "--config-files", str(files["config"]),
                "--manifest", str(files["manifest"]), "--outputs", str(files["output"]), "--repo", str(tmp_path), "--output", str(out)]
        assert main(args) == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    record = json.loads(outs[0])
    assert "date" not in json.dumps(record).lower()  # no clock time anywhere


def test_command_rejects_bad_config_json(files: dict[str, Path], tmp_path: Path) -> None:
    args = ["runinfo", "--lock", str(files["lock"]), "--config-json", "{not json", "--output", str(tmp_path / "x.json")]
    assert main(args) == 2
