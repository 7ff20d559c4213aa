#!/usr/bin/env python3
"""Re-run the workflow in a fresh directory and compare every table and figure with the first run.

The first run is the ``results/`` folder of the project (``make run``). This script copies what the
workflow needs — the Snakefile, ``workflow/``, ``config/``, the lock file, every file or folder the
configuration names (sources and the folder holding them, gazetteer, lexicon, annotations) and the frozen
raw snapshots under ``corpus/raw/`` (never re-collected) — into a new directory, runs Snakemake there,
and compares the sha256 of every file under ``results/tables``, ``results/networks`` and the PDF, PNG and
CSV files under ``results/figures``. Each differing, missing or extra file is printed; the exit status is
1 when anything differs, 0 when the two runs are byte-identical.

Usage:
    python scripts/reproduce.py --cores 8
    python scripts/reproduce.py --cores 2 --configfile config/tiny.yaml --keep
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterable

import yaml

logger = logging.getLogger("reproduce")

ROOT = Path(__file__).resolve().parents[1]
ALWAYS = ["Snakefile", "workflow", "config", "requirements.lock", "corpus/annotations", "corpus/raw"]
COMPARED = {"results/tables": None, "results/networks": None, "results/figures": {".pdf", ".png", ".csv"}}
SKIPPED_DIRS = {"interactive"}  # plotly HTML views carry random element ids; not compared
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".snakemake")


def sha256(path: Path) -> str:
    """Hex sha256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def load_config(project: Path, configfiles: Iterable[Path]) -> dict[str, Any]:
    """The default config updated by each --configfile, as Snakemake merges them (nested keys too)."""
    def merge(base: dict, extra: dict) -> dict:
        for key, value in extra.items():
            base[key] = merge(dict(base.get(key) or {}), value) if isinstance(value, dict) else value
        return base

    config: dict[str, Any] = {}
    for path in [project / "config" / "config.yaml", *configfiles]:
        if path.exists():
            config = merge(config, yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return config


def configured_paths(config: Any) -> list[str]:
    """Every string value of the config (nested), candidates for files the workflow reads."""
    if isinstance(config, dict):
        return [p for v in config.values() for p in configured_paths(v)]
    if isinstance(config, list):
        return [p for v in config for p in configured_paths(v)]
    return [config] if isinstance(config, str) else []


def paths_to_copy(project: Path, config: dict[str, Any], configfiles: Iterable[Path]) -> list[str]:
    """Relative paths (files or folders) the fresh run needs, sorted, nested duplicates removed."""
    wanted = set(ALWAYS)
    for value in configured_paths(config):
        candidate = Path(value)
        if not candidate.is_absolute() and value and (project / candidate).exists():
            wanted.add(candidate.as_posix())
    sources = config.get("sources")
    if sources and not Path(sources).is_absolute():
        # sources.tsv names its local files relative to its own folder: bring the whole folder.
        wanted.add(Path(sources).parent.as_posix())
    for path in configfiles:
        if path.is_relative_to(project):
            wanted.add(path.relative_to(project).as_posix())
    existing = sorted(p for p in wanted if p not in {"", "."} and (project / p).exists())
    return [p for p in existing if not any(p.startswith(other + "/") for other in existing if other != p)]


def copy_inputs(project: Path, target: Path, relative: Iterable[str]) -> None:
    """Copy files and folders keeping their relative paths and modification times."""
    for rel in relative:
        src, dst = project / rel, target / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, ignore=IGNORE, symlinks=False, dirs_exist_ok=True)
        else:
            shutil.copy2(src, dst)
        logger.info("copied %s", rel)


def compared_files(run: Path) -> dict[str, str]:
    """``relative path -> sha256`` of every compared file of a run."""
    out: dict[str, str] = {}
    for folder, extensions in COMPARED.items():
        base = run / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            rel = path.relative_to(base)
            if not path.is_file() or path.name.startswith(".") or SKIPPED_DIRS & set(rel.parts[:-1]):
                continue
            if extensions is None or path.suffix in extensions:
                out[(Path(folder) / rel).as_posix()] = sha256(path)
    return out


def compare(first: dict[str, str], second: dict[str, str]) -> list[str]:
    """One line per file that differs, is missing from the second run, or appears only in it."""
    lines = []
    for name in sorted(set(first) | set(second)):
        if name not in second:
            lines.append(f"missing in the new run: {name}")
        elif name not in first:
            lines.append(f"only in the new run:    {name}")
        elif first[name] != second[name]:
            lines.append(f"differs:                {name}  {first[name][:12]} -> {second[name][:12]}")
    return lines


def run_snakemake(workdir: Path, cores: int, configfiles: Iterable[str], extra: list[str]) -> int:
    """Run the workflow in ``workdir`` with the Python running this script; log to workdir/reproduce.log."""
    command = [sys.executable, "-m", "snakemake", "--cores", str(cores), "--snakefile", "Snakefile"]
    files = list(configfiles)
    if files:
        command += ["--configfile", *files]
    command += extra
    log = workdir / "reproduce.log"
    logger.info("running %s (log: %s)", " ".join(command[2:]), log)
    with log.open("w", encoding="utf-8") as handle:
        done = subprocess.run(command, cwd=workdir, stdout=handle, stderr=subprocess.STDOUT, check=False)
    if done.returncode:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-40:]
        logger.error("snakemake failed (exit %d); last lines of %s:\n%s", done.returncode, log, "\n".join(tail))
    return done.returncode


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cores", type=int, default=8, help="cores for snakemake (default: 8)")
    p.add_argument("--configfile", action="append", default=[], type=Path,
                   help="config file(s) the first run used with --configfile (repeatable)")
    p.add_argument("--project", type=Path, default=ROOT, help="the project holding the first run (default: this repository)")
    p.add_argument("--workdir", type=Path, help="where to re-run (default: a new temporary directory)")
    p.add_argument("--keep", action="store_true", help="keep the re-run directory (deleted by default when identical)")
    p.add_argument("snakemake_args", nargs=argparse.REMAINDER, help="after --: extra arguments for snakemake")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Copy, re-run, compare; return 0 when every compared file is identical."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s", stream=sys.stderr)
    project = args.project.resolve()
    configfiles = [(p if p.is_absolute() else project / p).resolve() for p in args.configfile]
    first = compared_files(project)
    if not first:
        logger.error("no first run under %s/results: run the workflow (make run) before reproducing it", project)
        return 2
    workdir = (args.workdir.resolve() if args.workdir else Path(tempfile.mkdtemp(prefix="civicscope-reproduce-")))
    workdir.mkdir(parents=True, exist_ok=True)
    if (workdir / "results").exists():
        logger.error("%s already holds results/: give an empty --workdir", workdir)
        return 2
    config = load_config(project, configfiles)
    copy_inputs(project, workdir, paths_to_copy(project, config, configfiles))
    relative_configs = []
    for path in configfiles:
        if not path.is_relative_to(project):
            # A config kept outside the project travels beside the Snakefile.
            shutil.copy2(path, workdir / path.name)
            path = project / path.name
        relative_configs.append(path.relative_to(project).as_posix())
    extra = [a for a in args.snakemake_args if a != "--"]
    if run_snakemake(workdir, args.cores, relative_configs, extra):
        logger.error("the re-run failed; its directory is kept: %s", workdir)
        return 2
    second = compared_files(workdir)
    differences = compare(first, second)
    for line in differences:
        print(line)
    print(f"{len(set(first) | set(second))} files compared, {len(differences)} differ "
          f"(first run: {project}/results, new run: {workdir}/results)")
    if args.keep or differences:
        logger.info("re-run kept in %s", workdir)
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
