"""``civicscope collect``: freeze the documents named in a sources file into a raw directory."""

from __future__ import annotations

import argparse

_MB = 1024 * 1024


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``collect`` sub-command."""
    p = subparsers.add_parser(
        "collect",
        help="fetch/copy the documents of a sources file into frozen raw snapshots + manifest.tsv",
        description=(
            "Read a sources TSV (kinds url, feed, sitemap, file), validate it, and freeze every document "
            "as DIR/{doc_id}.{html|pdf|txt} with DIR/{doc_id}.headers.json, a WARC file per run in DIR/warc/ "
            "and DIR/manifest.tsv (one row per item, status ok or rejected with a reason code). Snapshots "
            "already present are never fetched again unless --refresh; an interrupted run resumes."
        ),
    )
    p.add_argument("--sources", required=True, metavar="FILE.tsv",
                   help="sources file; relative file locations are read from its directory")
    p.add_argument("--raw-dir", required=True, metavar="DIR", help="raw directory (snapshots, manifest.tsv, warc/)")
    p.add_argument("--refresh", action="store_true", help="fetch again items that already have a snapshot")
    p.add_argument("--allow-private-hosts", action="store_true",
                   help="allow hosts resolving to private, loopback or link-local addresses (off: refused)")
    p.add_argument("--delay", type=float, default=2.0, metavar="S",
                   help="seconds between requests to one host; robots.txt Crawl-delay wins if larger (default 2)")
    p.add_argument("--max-crawl-delay", type=float, default=60.0, metavar="S",
                   help="ceiling on a robots.txt Crawl-delay (default 60)")
    p.add_argument("--timeout", type=float, default=30.0, metavar="S",
                   help="read timeout per network operation; connect timeout is the smaller of this and 10 (default 30)")
    p.add_argument("--max-time", type=float, default=120.0, metavar="S",
                   help="longest time for one whole response (default 120)")
    p.add_argument("--retries", type=int, default=3, metavar="N",
                   help="extra attempts after a timeout, 429 or 5xx, with exponential backoff (default 3)")
    p.add_argument("--backoff", type=float, default=2.0, metavar="S",
                   help="first wait before a retry, doubled each time; Retry-After is honoured (default 2)")
    p.add_argument("--max-backoff", type=float, default=120.0, metavar="S",
                   help="longest wait accepted for a retry / Retry-After before giving up (default 120)")
    p.add_argument("--max-redirects", type=int, default=5, metavar="N", help="redirects followed per item (default 5)")
    p.add_argument("--max-bytes", type=int, default=20 * _MB, metavar="N",
                   help="largest response body (bytes on the wire and after decompression) (default 20 MiB)")
    p.add_argument("--user-agent", default=None, metavar="UA",
                   help="User-Agent header; put a contact URL or e-mail in it (default: civicscope/VERSION (+project URL))")
    p.add_argument("--concurrency", type=int, default=4, metavar="N",
                   help="hosts fetched in parallel; one connection per host always (default 4)")
    p.add_argument("--shard-size", type=int, default=None, metavar="N",
                   help="documents per shard for documents collected for the first time; a document keeps its "
                        "shard (manifest column `shard`) for good, so new documents re-run only new shards "
                        "(default 500)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Collect and log the summary; exit 0 when the run completed, even with rejected items."""
    from civicscope.cli import UserError
    from civicscope.collect import FetchPolicy, collect

    numbers = {"--delay": args.delay, "--timeout": args.timeout, "--max-time": args.max_time,
               "--backoff": args.backoff, "--max-backoff": args.max_backoff}
    for name, value in numbers.items():
        if value < 0:
            raise UserError(f"{name} must be ≥ 0 (got {value})")
    from civicscope.collect.store import SHARD_SIZE

    shard_size = SHARD_SIZE if args.shard_size is None else args.shard_size
    if shard_size < 1:
        raise UserError(f"--shard-size must be ≥ 1 (got {shard_size})")
    if args.timeout <= 0 or args.max_bytes <= 0 or args.concurrency < 1 or args.retries < 0 or args.max_redirects < 0:
        raise UserError("--timeout and --max-bytes must be > 0, --concurrency ≥ 1, --retries and --max-redirects ≥ 0")
    fields = {
        "delay": args.delay,
        "max_crawl_delay": args.max_crawl_delay,
        "connect_timeout": min(10.0, args.timeout),
        "read_timeout": args.timeout,
        "max_time": args.max_time,
        "retries": args.retries,
        "backoff": args.backoff,
        "max_backoff": args.max_backoff,
        "max_redirects": args.max_redirects,
        "max_bytes": args.max_bytes,
        "max_decoded_bytes": args.max_bytes,
        "concurrency": args.concurrency,
        "allow_private_hosts": args.allow_private_hosts,
    }
    if args.user_agent:
        fields["user_agent"] = args.user_agent
    collect(args.sources, args.raw_dir, FetchPolicy(**fields), refresh=args.refresh, progress=not args.no_progress,
            shard_size=shard_size)
    return 0
