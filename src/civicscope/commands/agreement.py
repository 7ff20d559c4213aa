"""``civicscope agreement A.tsv B.tsv``: reliability between two coders."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``agreement`` sub-command."""
    p = subparsers.add_parser("agreement", help="Krippendorff's alpha and Cohen's kappa between two coders' files")
    p.add_argument("a", help="first coder's TSV (columns id and stance)")
    p.add_argument("b", help="second coder's TSV (same ids)")
    p.add_argument("--label-column", default="stance", help="column holding the labels (default: stance)")
    p.add_argument("--id-column", default="id", help="column identifying items (default: id)")
    p.add_argument("--output", help="also write the full result (with disagreements) as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the coefficients (this is a report command: its output is meant for the terminal)."""
    import sys

    from civicscope.commands.actors import read_sentences
    from civicscope.io import write_json
    from civicscope.stance.agreement import agreement

    cols = (args.id_column, args.label_column)
    result = agreement(read_sentences(args.a, cols), read_sentences(args.b, cols), *cols)
    out = sys.stdout
    out.write(f"items coded by both: {result['n_items']} (only in A: {result['only_in_a']}, only in B: {result['only_in_b']})\n")
    out.write(f"percent agreement:   {result['percent_agreement']:.3f}\n")
    out.write(f"Krippendorff alpha:  {result['krippendorff_alpha']:.4f} (nominal)\n")
    out.write(f"Cohen kappa:         {result['cohen_kappa']:.4f}\n")
    out.write(f"disagreements:       {len(result['disagreements'])}\n")
    if args.output:
        write_json(result, args.output)
    return 0
