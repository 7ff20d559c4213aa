"""``civicscope runinfo``: write results/run_info.json, the provenance record of a workflow run."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``runinfo`` sub-command."""
    p = subparsers.add_parser(
        "runinfo",
        help="record package versions, config and corpus hashes, git commit and output hashes",
        description="Write the provenance record of a run as JSON: installed versions of every package of the "
        "lock file, Python, config file and resolved-config hashes, corpus manifest hash, git commit, seeds, "
        "and the sha256 of every input and output given. No clock time is recorded.",
    )
    p.add_argument("--lock", required=True, help="pip lock file (requirements.lock)")
    p.add_argument("--config-json", required=True, help="the resolved configuration as a JSON string, or @FILE")
    p.add_argument("--config-files", nargs="*", default=[], help="configuration files read by the workflow")
    p.add_argument("--manifest", help="corpus manifest (corpus/raw/manifest.tsv)")
    p.add_argument("--inputs", nargs="*", default=[], help="input files named by the configuration")
    p.add_argument("--outputs", nargs="*", default=[], help="final outputs to hash (tables, figures, networks)")
    p.add_argument("--repo", default=".", help="a directory inside the git checkout (default: .)")
    p.add_argument("--output", required=True, help="where to write run_info.json")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Collect the record and write it with sorted keys."""
    import json
    import logging
    from pathlib import Path

    from civicscope.cli import UserError
    from civicscope.io import write_json
    from civicscope.runinfo import run_info

    text = Path(args.config_json[1:]).read_text(encoding="utf-8") if args.config_json.startswith("@") else args.config_json
    try:
        config = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"--config-json is not valid JSON ({exc}); pass the resolved config or @file.json") from exc
    if not isinstance(config, dict):
        raise UserError("--config-json must be a JSON object")
    info = run_info(args.lock, config, args.config_files, args.manifest, args.inputs, args.outputs, args.repo)
    write_json(info, args.output)
    logging.getLogger(__name__).info(
        "run info: %d packages (%d not as locked), %d outputs hashed, commit %s",
        len(info["packages"]), len(info["packages_not_as_locked"]), len(info["outputs"]), info["git"]["commit"] or "none",
    )
    return 0
