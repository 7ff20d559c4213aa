"""A bad config fails before any work, with a message naming the key."""

from __future__ import annotations

import copy
import subprocess
import time

import pytest

from civicscope.config import ConfigError, check_config, load_yaml

SCHEMA = "workflow/schemas/config.schema.yaml"


@pytest.fixture()
def config(root, monkeypatch):
    monkeypatch.chdir(root)
    return load_yaml(root / "config" / "config.yaml")


def test_default_config_is_valid(config):
    check_config(config, SCHEMA)


def test_misspelled_key_is_named_with_a_suggestion(config):
    bad = copy.deepcopy(config)
    bad["nlp"]["batch_sise"] = bad["nlp"].pop("batch_size")
    with pytest.raises(ConfigError) as err:
        check_config(bad, SCHEMA)
    assert "nlp.batch_sise" in str(err.value)
    assert "batch_size" in str(err.value)


def test_wrong_type_is_named(config):
    bad = copy.deepcopy(config)
    bad["stance"]["n_bootstrap"] = "many"
    with pytest.raises(ConfigError, match=r"stance\.n_bootstrap.*integer"):
        check_config(bad, SCHEMA)


def test_wrong_enum_lists_allowed_values(config):
    bad = copy.deepcopy(config)
    bad["stance"]["method"] = "bert"
    with pytest.raises(ConfigError, match=r"stance\.method.*lexicon"):
        check_config(bad, SCHEMA)


def test_missing_file_is_named(config):
    bad = copy.deepcopy(config)
    bad["sources"] = "nowhere/sources.tsv"
    with pytest.raises(ConfigError, match="'sources' points to 'nowhere/sources.tsv'"):
        check_config(bad, SCHEMA)


def test_snakemake_stops_fast_on_a_bad_key(root, tmp_path, python):
    text = (root / "config" / "config.yaml").read_text().replace("shard_size: 25", "shard_sise: 25")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    snakemake = [python, "-m", "snakemake", "--cores", "1", "--dry-run", "--configfile", str(bad)]
    start = time.monotonic()
    proc = subprocess.run(snakemake, cwd=root, capture_output=True, text=True, timeout=120)
    elapsed = time.monotonic() - start
    assert proc.returncode != 0
    assert "shard_sise" in proc.stdout + proc.stderr
    assert elapsed < 10, f"config error took {elapsed:.1f}s to surface"
