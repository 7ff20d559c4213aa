"""Plain-text helpers: paragraph layout and the normalised form used for duplicate detection."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_OTHER_SPACES = re.compile(r"[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]")
_OTHER_SPACE_CHARS = ("\t", "\u00a0", *map(chr, range(0x2000, 0x200C)), "\u202f", "\u205f", "\u3000")
_BLANK_LINES = re.compile(r"\n\s*\n")
_NON_WORD = re.compile(r"[^\w]+")


def _clean_line(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def paragraphs_from_lines(text: str) -> str:
    """Treat each non-empty line as a paragraph; join them with a blank line (the documents contract).

    The text is also put in Unicode NFC form, as trafilatura's own text output is.
    """
    # the quick check spares a full normalisation pass on text that is already NFC (nearly all of it)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    lines = _collapse_spaces(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n\n".join(line for line in map(str.strip, lines) if line)


def _collapse_spaces(text: str) -> str:
    """``_SPACES.sub(" ", text)``, without a regex match at every ordinary space between two words.

    The space characters hold no line break, so the whole text can be done at once.
    """
    # a substring test per character is cheaper than a regex scan, and trafilatura leaves almost none
    if any(space in text for space in _OTHER_SPACE_CHARS):
        text = _OTHER_SPACES.sub(" ", text)
    while "  " in text:  # each pass halves the runs of spaces
        text = text.replace("  ", " ")
    return text


def paragraphs_from_blocks(text: str) -> str:
    """Treat blank-line-separated blocks as paragraphs (plain text files): re-flow lines inside a block."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    blocks = (" ".join(_clean_line(line) for line in block.split("\n")) for block in _BLANK_LINES.split(text))
    return "\n\n".join(b.strip() for b in blocks if b.strip())


def normalised_for_hash(text: str) -> str:
    """Return a case-, accent-form- and punctuation-insensitive form of ``text`` for exact-duplicate hashing."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _NON_WORD.sub(" ", text).strip()


def count_words(text: str) -> int:
    """Count whitespace-separated tokens."""
    return len(text.split())


#: A paragraph shorter than this many words reads as a menu entry, a button or a label.
PROSE_MIN_WORDS = 6


def count_prose_words(text: str) -> int:
    """Count words in paragraphs long enough to be prose (menus and labels left out).

    Navigation-only pages come out of trafilatura as a list of one- to three-word lines;
    this count tells them apart from pages with actual text.
    """
    return sum(n for n in (len(p.split()) for p in text.split("\n\n")) if n >= PROSE_MIN_WORDS)


def word_counts(text: str) -> tuple[int, int]:
    """Return (:func:`count_words`, :func:`count_prose_words`) of ``text`` in one pass over its paragraphs."""
    total = prose = 0
    for paragraph in text.split("\n\n"):
        n = len(paragraph.split())
        total += n  # whitespace never joins two paragraphs, so these sum to count_words
        if n >= PROSE_MIN_WORDS:
            prose += n
    return total, prose
