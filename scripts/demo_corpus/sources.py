"""Demo sources: the Markdown files in ``corpus/demo/src``, their body blocks and their dates.

Parses the YAML front matter into a :class:`Source`, splits the Markdown body into blocks, and
holds the helpers every renderer shares (the stable seed, date formatting, publication times).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import random
import re
import zoneinfo
from pathlib import Path
from typing import Any

import yaml

SITES = ("wordpress_blog", "corporate_press", "city_portal", "news_site", "civic_blog", "think_tank")
GENRES = ("blog", "press_release", "report", "news")
LANGS = ("fr", "en")
SLUG_RE = re.compile(r"^(fr|en)-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")
TIMEZONES = {"fr": "Europe/Paris", "en": "Europe/London"}
YEAR_RANGE = (2010, 2025)


@dataclasses.dataclass(frozen=True)
class Source:
    """One demo source text with its front matter."""

    slug: str
    title: str
    date: dt.date
    lang: str
    genre: str
    publisher: str
    site: str
    fmt: str
    body: str
    author: str = ""
    syndicated: tuple[str, ...] = ()



def stable_seed(*parts: str) -> int:
    """Return a seed that depends only on ``parts`` (Python's ``hash`` is salted per process)."""
    return int(hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16], 16)


def _as_date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"{where}: date {value!r} is not YYYY-MM-DD") from exc


def parse_source(path: Path) -> Source:
    """Parse one Markdown source; raise ``ValueError`` naming the file and the problem."""
    raw = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    match = re.match(r"^---\n(.*?)\n---\n(.*)$", raw, flags=re.S)
    if not match:
        raise ValueError(f"{path}: no YAML front matter between '---' lines")
    meta = yaml.safe_load(match.group(1)) or {}
    body = match.group(2).strip()
    slug = path.stem
    problems = []
    if not SLUG_RE.match(slug):
        problems.append(f"file name {slug!r} is not <lang>-NN-slug")
    for key in ("title", "date", "lang", "genre", "publisher", "site", "format"):
        if not meta.get(key):
            problems.append(f"missing '{key}'")
    if meta.get("lang") not in LANGS:
        problems.append(f"lang {meta.get('lang')!r} not in {LANGS}")
    elif not slug.startswith(f"{meta['lang']}-"):
        problems.append(f"lang {meta['lang']!r} does not match the file name")
    if meta.get("genre") not in GENRES:
        problems.append(f"genre {meta.get('genre')!r} not in {GENRES}")
    if meta.get("site") not in SITES:
        problems.append(f"site {meta.get('site')!r} not in {SITES}")
    if meta.get("format") not in ("html", "pdf"):
        problems.append(f"format {meta.get('format')!r} is not html or pdf")
    synd = meta.get("syndicated") or []
    if isinstance(synd, str):
        synd = [synd]
    for site in synd:
        if site not in SITES or site == meta.get("site"):
            problems.append(f"syndicated site {site!r} unknown or same as the page's own site")
    if not body:
        problems.append("empty body")
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    date = _as_date(meta["date"], str(path))
    if not YEAR_RANGE[0] <= date.year <= YEAR_RANGE[1]:
        raise ValueError(f"{path}: year {date.year} outside {YEAR_RANGE}")
    return Source(
        slug=slug,
        title=str(meta["title"]).strip(),
        date=date,
        lang=meta["lang"],
        genre=meta["genre"],
        publisher=str(meta["publisher"]).strip(),
        site=meta["site"],
        fmt=meta["format"],
        body=body,
        author=str(meta.get("author") or "").strip(),
        syndicated=tuple(synd),
    )


def load_sources(src_dir: Path) -> list[Source]:
    """Load every ``src/<lang>/*.md`` source, sorted by slug; report all problems at once."""
    sources, errors = [], []
    for path in sorted(src_dir.glob("*/*.md")):
        try:
            sources.append(parse_source(path))
        except ValueError as exc:
            errors.append(str(exc))
    slugs = [s.slug for s in sources]
    errors += [f"duplicate slug {s!r}" for s in sorted({s for s in slugs if slugs.count(s) > 1})]
    if errors:
        raise SystemExit("invalid demo sources:\n  " + "\n  ".join(errors))
    return sorted(sources, key=lambda s: s.slug)


# --------------------------------------------------------------------------- body text


def parse_blocks(body: str) -> list[tuple[str, Any]]:
    """Split a body into ``(kind, content)`` blocks: p, h2, h3, ul (list of items), quote."""
    blocks: list[tuple[str, Any]] = []
    for chunk in re.split(r"\n\s*\n", body.strip()):
        lines = [ln.strip() for ln in chunk.strip().split("\n") if ln.strip()]
        if not lines:
            continue
        first = lines[0]
        if first.startswith("### "):
            blocks.append(("h3", first[4:].strip()))
            lines = lines[1:]
        elif first.startswith("## "):
            blocks.append(("h2", first[3:].strip()))
            lines = lines[1:]
        if not lines:
            continue
        if all(re.match(r"^[-*] ", ln) for ln in lines):
            blocks.append(("ul", [ln[2:].strip() for ln in lines]))
        elif all(ln.startswith(">") for ln in lines):
            blocks.append(("quote", " ".join(ln.lstrip("> ").strip() for ln in lines)))
        else:
            blocks.append(("p", " ".join(lines)))
    return blocks


def plain_text(blocks: list[tuple[str, Any]]) -> str:
    """Return the body as plain text (inline markup removed), paragraphs separated by blank lines."""
    parts = []
    for kind, content in blocks:
        items = content if kind == "ul" else [content]
        parts.extend(re.sub(r"\*\*?(\S(?:.*?\S)?)\*\*?", r"\1", item) for item in items)
    return "\n\n".join(parts)


# --------------------------------------------------------------------------- dates


def human_date(day: dt.date, lang: str, months: list[str], style: str = "long") -> str:
    """Format a date the way sites in ``lang`` print it (style: long, uk, numeric)."""
    if style == "numeric":
        return day.strftime("%d/%m/%Y") if lang == "fr" else day.strftime("%m/%d/%Y")
    month = months[day.month - 1]
    if lang == "fr":
        d = "1er" if day.day == 1 else str(day.day)
        return f"{d} {month} {day.year}"
    if style == "uk":
        return f"{day.day} {month} {day.year}"
    return f"{month} {day.day}, {day.year}"


def local_datetime(day: dt.date, lang: str, rng: random.Random) -> dt.datetime:
    """Return a plausible publication time on ``day`` in the language's usual time zone."""
    return dt.datetime(day.year, day.month, day.day, rng.randint(7, 17), rng.choice(range(0, 60, 3)),
                       tzinfo=zoneinfo.ZoneInfo(TIMEZONES[lang]))
