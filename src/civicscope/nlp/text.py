"""Text normalisation shared by the actor matcher and the stance lexicon."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'"})
_DASHES = str.maketrans({"‐": "-", "‑": "-", "–": "-", "—": "-"})


def fold(text: str) -> str:
    """Lower-case, strip accents and unify apostrophes and dashes ("Préfecture’s" -> "prefecture's")."""
    text = text.translate(_APOSTROPHES).translate(_DASHES).lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def plural_variants(phrase: str) -> set[str]:
    """Return the regular plural forms of a phrase's last word (French and English).

    A singular form matches both numbers; a plural form matches only the plural, because singulars of
    generic terms are often plain nouns ("la ville de demain", "smart city") rather than actors. This is
    a cheap, language-agnostic stand-in for lemma matching that also works with the blank English
    pipeline, which has no lemmatiser.
    """
    words = phrase.split(" ")
    last = words[-1]
    if not last.isalpha() or len(last) < 4 or last.endswith(("s", "x", "z")):
        return set()
    forms: set[str] = {last + "s"}
    if last.endswith("al"):
        forms.add(last[:-2] + "aux")
    if last.endswith("eau"):
        forms.add(last + "x")
    if last.endswith("y") and len(last) > 4:
        forms.add(last[:-1] + "ies")
    return {" ".join(words[:-1] + [form]) for form in forms}


_URLISH = re.compile(r"(https?://|www\.|\.(com|org|fr|net|io|eu|gov)\b|@)", re.IGNORECASE)


def looks_like_url(text: str) -> bool:
    """True when a token looks like part of a URL or an e-mail address."""
    return bool(_URLISH.search(text))
