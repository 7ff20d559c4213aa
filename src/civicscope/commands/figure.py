"""``civicscope figure NAME``: draw one publication figure as PDF + PNG + the CSV of what it draws."""

from __future__ import annotations

import argparse

# Stdlib-only package init, so `civicscope --help` stays instant.
from civicscope.figures import NAMES


def _key_path(value: str) -> tuple[str, str]:
    key, sep, path = value.partition("=")
    if not sep or not key or not path:
        raise argparse.ArgumentTypeError(f"expected KEY=PATH, got {value!r}")
    return key, path


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``figure`` sub-command."""
    p = subparsers.add_parser(
        "figure",
        help="draw one publication figure (PDF, PNG and the CSV of the data drawn)",
        description="Draw one figure from workflow tables. Writes PREFIX.pdf (vector, TrueType fonts), "
        "PREFIX.png and PREFIX.csv, byte-identical for identical inputs. See docs/figures.md.",
    )
    p.add_argument("name", choices=NAMES, help="which figure")
    p.add_argument("--input", action="append", type=_key_path, default=[], metavar="KEY=PATH",
                   help="an input table; repeat for each key the figure reads (see docs/figures.md)")
    p.add_argument("--output-prefix", required=True, help="output path without extension, e.g. results/figures/NAME")
    p.add_argument("--language", choices=("en", "fr"), default="en", help="language of the labels (default: en)")
    p.add_argument("--width-mm", type=float, default=183.0, help="printed width in mm (default: 183, double column)")
    p.add_argument("--dpi", type=int, default=300, help="PNG resolution (default: 300)")
    p.add_argument("--top-actors", type=int, default=8, help="actors drawn individually in stance_over_time (default: 8)")
    p.add_argument("--period", choices=("year", "quarter"), default="year", help="period of topic_prevalence (default: year)")
    p.add_argument("--max-nodes", type=int, default=30, help="most actors drawn in stance_network (default: 30)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read the inputs, compute the data drawn, draw, and save the three files."""
    import logging

    from civicscope.cli import UserError
    from civicscope.figures import Options, module
    from civicscope.figures.save import save_all
    from civicscope.figures.style import Style, drawing

    logger = logging.getLogger(__name__)
    # fontTools logs every glyph of the PDF font subsets at INFO: noise in the rule logs.
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    figure = module(args.name)
    paths = dict(args.input)
    unknown = sorted(set(paths) - set(figure.INPUTS))
    if unknown:
        raise UserError(f"figure {args.name} does not read {', '.join(unknown)}; it reads {', '.join(figure.INPUTS)}")
    missing = sorted(k for k, required in figure.INPUTS.items() if required and k not in paths)
    if missing:
        raise UserError(f"figure {args.name} needs --input {' '.join(k + '=PATH' for k in missing)}")
    style = Style(language=args.language, width_mm=args.width_mm, dpi=args.dpi)
    options = Options(top_actors=args.top_actors, period=args.period, max_nodes=args.max_nodes)
    with drawing():
        data = figure.tidy(figure.read(paths), options)
        fig = figure.plot(data, style)
        save_all(fig, data, args.output_prefix, args.dpi, sort_by=figure.SORT_BY)
    logger.info("figure %s: %d rows drawn, %.0f mm wide, language %s", args.name, len(data), args.width_mm, args.language)
    return 0
