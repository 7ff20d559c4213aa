"""Command-line interface: ``civicscope <command> …``.

Each command lives in ``civicscope.commands.<name>`` and exposes ``register(subparsers)``.
Command modules import only the standard library at top level so ``--help`` stays fast;
heavy libraries (spaCy, torch, BERTopic) are imported inside the command's ``run``.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from typing import Sequence

from civicscope import __version__
from civicscope.contracts.errors import UserError

__all__ = ["UserError", "build_parser", "main"]

logger = logging.getLogger(__name__)

COMMANDS: tuple[str, ...] = (
    "collect",
    "extract",
    "dedup",
    "nlp",
    "actors",
    "actors_report",
    "actors_eval",
    "stance",
    "classify",
    "agreement",
    "annotate",
    "embed",
    "topics",
    "figure",
    "runinfo",
    "bench",
)


def build_parser() -> argparse.ArgumentParser:
    """Build the top-level parser with one sub-parser per available command."""
    parser = argparse.ArgumentParser(
        prog="civicscope",
        description="Text-mining workflow on platform / institution postures (cooperation vs confrontation).",
    )
    parser.add_argument("--version", action="version", version=f"civicscope {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"civicscope.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"civicscope.commands.{name}":
                continue  # command not built in this version
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        logger.error("%s", exc)
        return 2
