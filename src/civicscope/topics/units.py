"""Units of analysis: whole documents or paragraph chunks, with their ids, spans and lemma texts."""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

logger = logging.getLogger(__name__)

UNITS = ("document", "chunk")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Span:
    """A chunk of a document's text: ``text[start:end]`` holding ``n_words`` words."""

    start: int
    end: int
    n_words: int


def chunk_id(doc_id: str, k: int) -> str:
    """Return the id of chunk ``k`` of a document; zero-padded so that string order is reading order."""
    return f"{doc_id}#c{k:04d}"


def shard_of(doc_id: str, n_shards: int) -> int:
    """Return the shard of a document (``int(doc_id, 16) % n_shards``, as every sharded stage does)."""
    return int(doc_id, 16) % n_shards


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) spans of the non-blank paragraphs of ``text``."""
    spans, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        chunk = text[s:e]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            out.append((s + lead, s + len(chunk.rstrip())))
    return out


def paragraph_chunks(text: str, chunk_words: int) -> list[Span]:
    """Pack consecutive paragraphs into chunks of at most ``chunk_words`` words.

    A paragraph longer than ``chunk_words`` is cut into word windows of that size, because an
    encoder truncates whatever goes past its input length and would silently ignore the rest.
    A text without words gives no chunk.
    """
    if chunk_words < 1:
        raise ValueError("chunk_words must be at least 1")
    pieces: list[Span] = []
    for start, end in _paragraphs(text):
        words = list(_WORD.finditer(text, start, end))
        for i in range(0, len(words), chunk_words):
            window = words[i : i + chunk_words]
            pieces.append(Span(window[0].start(), window[-1].end(), len(window)))
    chunks: list[Span] = []
    for piece in pieces:
        if chunks and chunks[-1].n_words + piece.n_words <= chunk_words:
            last = chunks[-1]
            chunks[-1] = Span(last.start, piece.end, last.n_words + piece.n_words)
        else:
            chunks.append(piece)
    return chunks


def load_documents(path: str | Path, keep_duplicates: bool = False) -> pd.DataFrame:
    """Read documents.parquet, drop near-duplicates unless asked, and sort by doc_id."""
    docs = pd.read_parquet(path)
    missing = {"doc_id", "text"} - set(docs.columns)
    if missing:
        from civicscope.cli import UserError

        raise UserError(f"{path} lacks column(s) {sorted(missing)} — pass the extract stage's documents.parquet")
    if not keep_duplicates and "dup_of" in docs.columns:
        dup = docs["dup_of"].notna() & (docs["dup_of"].astype(str) != "")
        if dup.any():
            logger.info("dropping %d near-duplicate document(s)", int(dup.sum()))
        docs = docs.loc[~dup]
    docs = docs.assign(text=docs["text"].fillna("").astype(str))
    return docs.sort_values("doc_id", kind="mergesort").reset_index(drop=True)


def build_units(docs: pd.DataFrame, unit: str, chunk_words: int, with_text: bool = True) -> pd.DataFrame:
    """Return one row per unit: ``unit_id, doc_id, start, end, n_words, text``, sorted by unit_id.

    For ``document`` the unit is the whole text (id = doc_id); for ``chunk`` it is each paragraph
    chunk (id = ``{doc_id}#cNNNN``). Documents without words give no unit. Without ``with_text``
    the ``text`` column is left out (the spans locate it in the document), which saves a copy of
    the corpus.
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")
    rows = []
    for doc_id, text in zip(docs["doc_id"], docs["text"]):
        chunks = paragraph_chunks(text, chunk_words)
        if not chunks:
            continue
        if unit == "document":
            rows.append((doc_id, doc_id, 0, len(text), sum(c.n_words for c in chunks), text if with_text else None))
        else:
            for k, c in enumerate(chunks):
                rows.append((chunk_id(doc_id, k), doc_id, c.start, c.end, c.n_words, text[c.start : c.end] if with_text else None))
    units = pd.DataFrame(rows, columns=["unit_id", "doc_id", "start", "end", "n_words", "text"])
    if not with_text:
        units = units.drop(columns=["text"])
    return units.sort_values("unit_id", kind="mergesort").reset_index(drop=True)


def read_sentences(paths: Iterable[str | Path]) -> pd.DataFrame:
    """Concatenate sentence shards (``doc_id, i, text, lemmas``), sorted by doc_id then i."""
    frames = [pd.read_parquet(p, columns=["doc_id", "i", "text", "lemmas"]) for p in paths]
    if not frames:
        return pd.DataFrame(columns=["doc_id", "i", "text", "lemmas"])
    sents = pd.concat(frames, ignore_index=True)
    sents["lemmas"] = sents["lemmas"].fillna("").astype(str)
    sents["text"] = sents["text"].fillna("").astype(str)
    return sents.sort_values(["doc_id", "i"], kind="mergesort").reset_index(drop=True)


def _locate(text: str, sentences: Sequence[str]) -> list[tuple[int, int]]:
    """Return the (start, end) character span of each sentence in ``text``, searching forward in order.

    A sentence that cannot be found verbatim (the NLP stage may normalise spaces) gets an empty span
    at the position reached so far, so it falls in the chunk being read.
    """
    spans, cursor = [], 0
    for sentence in sentences:
        probe = sentence.strip()
        pos = text.find(probe, cursor) if probe else -1
        if pos < 0:
            spans.append((cursor, cursor))
        else:
            cursor = pos + len(probe)
            spans.append((pos, cursor))
    return spans


def _lemma_lists(text: str, starts: Sequence[int], sentences: Sequence[str], lemmas: Sequence[str]) -> list[list[str]]:
    """Split one document's sentence lemmas among its units, given the units' start offsets in ``text``.

    A sentence that runs over a unit boundary (a long paragraph is cut into word windows) shares its
    lemmas among those units in proportion to its words on each side, in reading order; otherwise a
    window holding only the end of a sentence would get no lemmas at all.
    """
    out: list[list[str]] = [[] for _ in starts]
    for (begin, end), lemma in zip(_locate(text, sentences), lemmas):
        if not lemma:
            continue
        first = max(0, bisect.bisect_right(starts, begin) - 1)
        last = max(first, bisect.bisect_right(starts, end - 1) - 1)
        if first == last:
            out[first].append(lemma)
            continue
        tokens = lemma.split()
        bounds = [begin, *starts[first + 1 : last + 1], end]
        words = [len(text[a:b].split()) for a, b in zip(bounds, bounds[1:])]
        total, taken, seen = sum(words) or 1, 0, 0
        for k, n in zip(range(first, last + 1), words):
            seen += n
            upto = round(len(tokens) * seen / total)
            if upto > taken:
                out[k].append(" ".join(tokens[taken:upto]))
                taken = upto
    return out


def attach_lemmas(units: pd.DataFrame, docs: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Add a ``lemmas`` column to ``units``: the lemmas of the sentences that fall in each unit.

    A unit whose sentences have no lemmas falls back to its lower-cased text, so no unit is empty.
    """
    by_doc = {doc_id: group for doc_id, group in sentences.groupby("doc_id", sort=False)}
    texts = dict(zip(docs["doc_id"], docs["text"]))
    lemmas: dict[str, list[str]] = {uid: [] for uid in units["unit_id"]}
    for doc_id, doc_units in units.groupby("doc_id", sort=False):
        group = by_doc.get(doc_id)
        if group is None:
            continue
        lists = _lemma_lists(texts.get(doc_id, ""), doc_units["start"].tolist(), group["text"].tolist(), group["lemmas"].tolist())
        for uid, found in zip(doc_units["unit_id"].tolist(), lists):
            lemmas[uid].extend(found)
    joined = [" ".join(lemmas[uid]) for uid in units["unit_id"]]
    n_missing = sum(1 for j in joined if not j)
    if n_missing:
        logger.warning("%d unit(s) have no lemmas; their lower-cased text is used instead", n_missing)
    out = units.copy()
    out["lemmas"] = [j if j else t.lower() for j, t in zip(joined, out["text"])]
    return out


def _split_documents(paths: Sequence[str | Path]) -> set[str]:
    """Documents whose sentences are spread over several shards (normally none)."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    seen: set[str] = set()
    split: set[str] = set()
    for path in paths:
        ids = set(pc.unique(pq.read_table(path, columns=["doc_id"])["doc_id"]).to_pylist())
        split |= seen & ids
        seen |= ids
    return split


def unit_lemmas(units: pd.DataFrame, docs: pd.DataFrame, sentence_paths: Sequence[str | Path]) -> list[str]:
    """The lemma text of every unit of ``units`` (in its order), as :func:`attach_lemmas` gives it.

    Sentence shards are read one at a time, so the sentences of the whole corpus (texts and lemmas)
    are never in memory together; ``units`` needs no ``text`` column (its spans locate it in the
    document), and document texts are fetched one at a time rather than all turned into Python
    strings. A document whose sentences sit in several shards is handled once all are read.
    """
    position = {doc_id: k for k, doc_id in enumerate(docs["doc_id"].tolist())}
    text_column = docs["text"].array

    def text_of(doc_id: str) -> str:
        k = position.get(doc_id)
        return "" if k is None else text_column[k]

    rows_of = units.groupby("doc_id", sort=False).indices
    starts = units["start"].to_numpy()
    joined = [""] * len(units)
    split = _split_documents(sentence_paths)
    held = []

    def attach(sentences: pd.DataFrame) -> None:
        # Each document comes here once, with all its sentences: its units' texts are joined at once,
        # so the shard's sentence strings can be freed with the shard.
        for doc_id, group in sentences.groupby("doc_id", sort=False):
            rows = rows_of.get(doc_id)
            if rows is None:
                continue
            found = _lemma_lists(text_of(doc_id), starts[rows].tolist(), group["text"].tolist(), group["lemmas"].tolist())
            for row, lemmas in zip(rows, found):
                joined[row] = " ".join(lemmas)

    for path in sentence_paths:
        sentences = read_sentences([path])
        if split:
            is_split = sentences["doc_id"].isin(split)
            held.append(sentences[is_split])
            sentences = sentences[~is_split]
        attach(sentences)
    if held:
        attach(pd.concat(held, ignore_index=True).sort_values(["doc_id", "i"], kind="mergesort"))
    n_missing = sum(1 for j in joined if not j)
    if n_missing:
        logger.warning("%d unit(s) have no lemmas; their lower-cased text is used instead", n_missing)
        bounds = zip(units["doc_id"].tolist(), units["start"].tolist(), units["end"].tolist())
        joined = [j if j else text_of(d)[a:b].lower() for j, (d, a, b) in zip(joined, bounds)]
    return joined
