# Config validation, shared constants and target functions. Paths live only in the .smk files.
import functools
import os
import sys
from pathlib import Path

from civicscope.config import check_config

# Fail fast, before any job, with a message that names the offending key.
check_config(config, workflow.source_path("../schemas/config.schema.yaml"))


# Rules call `civicscope`. The folder of the Python running Snakemake (the project's venv) goes first on
# PATH, so jobs use this environment's civicscope rather than whatever comes first on the user's PATH.
envvars:
    "PATH",


_user_path = os.environ["PATH"]
os.environ.update(PATH=os.pathsep.join([str(Path(sys.executable).parent), _user_path]))

RAW = "corpus/raw"
INTERIM = "corpus/interim"
TABLES = "results/tables"
FIGURES = "results/figures"
METRICS = "results/metrics"
NETWORKS = "results/networks"

# Duplicates are processed per shard (they are only known after `dedup`) and left out by corpus-level rules.
KEEP_DUPLICATES = "" if config["extract"].get("drop_duplicates", True) else "--keep-duplicates"

FIGURE_NAMES = [
    "corpus_composition",
    "stance_over_time",
    "topic_prevalence",
    "topic_stance_heatmap",
    "stance_network",
    "stance_evaluation",
    "topic_quality",
]


@functools.lru_cache(maxsize=1)
def _sources():
    """The sources table, read and validated once per Snakemake run (a bad row fails here, before any job)."""
    from civicscope.collect.sources import read_sources

    return tuple(read_sources(config["sources"]))


def source_files(wildcards=None):
    """Local files named in the sources table, so that editing one re-runs collection."""
    from civicscope.collect.files import expand_file_source

    base = Path(config["sources"]).parent
    items = [i for s in _sources() if s.kind == "file" for i in expand_file_source(s, base)]
    return sorted(str(i.path) for i in items if i.path is not None)


def model_args(models):
    """spaCy pipelines per language as repeated --model LANG=NAME arguments."""
    return " ".join(f"--model {lang}={name}" for lang, name in sorted(models.items()))


def all_targets():
    """Everything `snakemake` builds by default."""
    targets = [
        f"{INTERIM}/documents.parquet",
        f"{TABLES}/rejects.csv",
        f"{TABLES}/statements.csv",
        f"{TABLES}/stance_by_actor_period.csv",
        f"{TABLES}/stance_by_type_period.csv",
        f"{TABLES}/actor_candidates.csv",
        f"{NETWORKS}/actors.gexf",
        f"{NETWORKS}/stance.gexf",
        f"{METRICS}/actors_eval.json",
        f"{METRICS}/stance_eval.json",
        f"{TABLES}/topic_info.csv",
        f"{TABLES}/topic_quality.csv",
        "results/run_info.json",
    ]
    targets += expand(f"{FIGURES}/{{name}}.{{ext}}", name=FIGURE_NAMES, ext=["pdf", "png", "csv"])
    return targets


def collect_flags():
    """Politeness and safety settings from config as `civicscope collect` options."""
    c = config.get("collect", {})
    flags = [
        f"--shard-size {c.get('shard_size', 500)}",
        f"--delay {c.get('delay_seconds', 2.0)}",
        f"--timeout {c.get('timeout_seconds', 20)}",
        f"--max-bytes {c.get('max_bytes', 20000000)}",
        f"--concurrency {c.get('concurrency', 4)}",
        f"--user-agent '{c.get('user_agent', 'civicscope')}'",
    ]
    if c.get("refresh"):
        flags.append("--refresh")
    if c.get("allow_private_hosts"):
        flags.append("--allow-private-hosts")
    return " ".join(flags)


def listing_recheck():
    """Today's day, week or month when config asks to read feeds and sitemaps again (collect.recheck_listings).

    A job's params are part of what Snakemake compares between runs: when the label changes, collection runs
    again and picks up new entries; frozen snapshots are not fetched again.
    """
    import datetime as dt

    from civicscope.collect.recheck import recheck_label

    return recheck_label(config["collect"].get("recheck_listings", "never"), dt.date.today(), [s.kind for s in _sources()])


@functools.lru_cache(maxsize=4)
def _manifest_shards(path, mtime_ns):
    """Shard number -> digest of its manifest rows (the cache key includes the file's mtime)."""
    import hashlib

    from civicscope.collect.store import read_manifest

    rows = {}
    for row in read_manifest(path):
        rows.setdefault(int(row["shard"]), []).append("\t".join(row.values()))
    return {shard: hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest() for shard, lines in rows.items()}


def manifest_shards():
    """Shards of the collected corpus; asking defers the jobs that need them until `collect` has run."""
    manifest = checkpoints.collect.get().output.manifest
    return _manifest_shards(manifest, os.stat(manifest).st_mtime_ns)


def shard_digest(wildcards):
    """Digest of one shard's manifest rows: the extract job of a shard re-runs when, and only when, it changes."""
    return manifest_shards().get(int(wildcards.shard), "")


def shard_files(pattern):
    """Input function: ``pattern`` (with a {shard} field) for every shard of the corpus, in shard order."""

    def files(wildcards):
        return expand(pattern, shard=sorted(manifest_shards()))

    return files


def output_dir(wildcards, output):
    """Folder of a rule's first output (for commands that take a directory)."""
    return str(Path(output[0]).parent)


def input_dir(wildcards, input):
    """Folder of a rule's first input."""
    return str(Path(input[0]).parent)


def model_dir_of_input(wildcards, input):
    """Folder of the trained stance model named in a rule's inputs."""
    return str(Path(input.model).parent)
