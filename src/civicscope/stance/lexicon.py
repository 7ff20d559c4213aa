"""The transparent lexicon method: weighted cue words, negation and modality scopes."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml

from civicscope.nlp.text import fold

_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*'?|'")


def tokenize(text: str) -> list[str]:
    """Folded word tokens; French elisions keep their apostrophe ("n'", "l'")."""
    return _TOKEN.findall(fold(text))


@dataclass(frozen=True)
class Cue:
    """A cue phrase as folded tokens; ``prefix`` means the last token matches any ending."""

    tokens: tuple[str, ...]
    prefix: bool
    weight: float

    def matches(self, words: list[str], i: int) -> bool:
        """True when the cue starts at ``words[i]``."""
        n = len(self.tokens)
        if i + n > len(words):
            return False
        for k, tok in enumerate(self.tokens):
            word = words[i + k]
            if k == n - 1 and self.prefix:
                if not word.startswith(tok):
                    return False
            elif word != tok:
                return False
        return True


def _cues(entries: dict | Iterable | None, default_weight: float = 1.0) -> list[Cue]:
    if not entries:
        return []
    items = entries.items() if isinstance(entries, dict) else ((e, default_weight) for e in entries)
    best: dict[tuple[tuple[str, ...], bool], float] = {}
    for phrase, weight in items:
        phrase = str(phrase)
        prefix = phrase.endswith("*")
        tokens = tuple(tokenize(phrase.rstrip("*")))
        if tokens:
            key = (tokens, prefix)
            best[key] = max(best.get(key, 0.0), float(weight))
    # Longest cues first so that "mise en demeure" wins over "mise".
    return sorted((Cue(t, p, w) for (t, p), w in best.items()), key=lambda c: (-len(c.tokens), c.tokens))


@dataclass
class Hit:
    """One matched cue in a sentence."""

    side: str  # cooperation | confrontation | negation | modality | cancel
    phrase: str
    start: int
    weight: float
    applied: float = 0.0


def _index(cues: list[Cue]) -> dict[str, list[Cue]]:
    """Cues by the first two characters of their first token, longest cues first within each key."""
    index: dict[str, list[Cue]] = {}
    for cue in cues:
        index.setdefault(cue.tokens[0][:2], []).append(cue)
    return index


@dataclass
class LanguageLexicon:
    """Cue lists for one language, indexed so that each word is compared with a handful of cues only."""

    cooperation: list[Cue] = field(default_factory=list)
    confrontation: list[Cue] = field(default_factory=list)
    negation: list[Cue] = field(default_factory=list)
    modality: list[Cue] = field(default_factory=list)
    cancel: list[Cue] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.indexes = {
            name: _index(getattr(self, name))
            for name in ("cooperation", "confrontation", "negation", "modality", "cancel")
        }

    def candidates(self, kind: str, word: str) -> list[Cue]:
        """Cues of ``kind`` that may start at ``word``."""
        return self.indexes[kind].get(word[:2], [])


@dataclass
class Lexicon:
    """The whole lexicon, with its scoring parameters."""

    languages: dict[str, LanguageLexicon]
    threshold: float = 1.0
    modality_factor: float = 0.6
    scope_words: int = 4

    @classmethod
    def load(cls, path: str | Path) -> "Lexicon":
        """Read ``stance_lexicon.yaml``."""
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
        langs = set()
        for key in ("cooperation", "confrontation", "negation", "modality", "cancel_cooperation"):
            langs |= set((data.get(key) or {}).keys())
        languages = {
            lang: LanguageLexicon(
                cooperation=_cues(data.get("cooperation", {}).get(lang)),
                confrontation=_cues(data.get("confrontation", {}).get(lang)),
                negation=_cues(data.get("negation", {}).get(lang)),
                modality=_cues(data.get("modality", {}).get(lang)),
                cancel=_cues((data.get("cancel_cooperation") or {}).get(lang)),
            )
            for lang in sorted(langs)
        }
        return cls(languages, float(data.get("threshold", 1.0)), float(data.get("modality_factor", 0.6)),
                   int(data.get("scope_words", 4)))

    def _lang(self, lang: str) -> LanguageLexicon:
        return self.languages.get(lang) or self.languages.get("en") or next(iter(self.languages.values()))

    def hits(self, text: str, lang: str) -> list[Hit]:
        """All cue matches in reading order, with the weight each one finally contributes."""
        lex = self._lang(lang)
        words = tokenize(text)
        found: list[Hit] = []
        taken = [False] * len(words)
        for side in ("cooperation", "confrontation"):
            for i in range(len(words)):
                if taken[i]:
                    continue
                for cue in lex.candidates(side, words[i]):
                    if cue.matches(words, i) and not any(taken[i : i + len(cue.tokens)]):
                        found.append(Hit(side, " ".join(cue.tokens) + ("*" if cue.prefix else ""), i, cue.weight))
                        for k in range(i, i + len(cue.tokens)):
                            taken[k] = True
                        break
        markers = {
            kind: [i for i in range(len(words)) if any(c.matches(words, i) for c in lex.candidates(kind, words[i]))]
            for kind in ("negation", "modality", "cancel")
        }
        for hit in found:
            window = range(max(0, hit.start - self.scope_words), hit.start)
            sign = 1.0 if hit.side == "cooperation" else -1.0
            if any(i in window for i in markers["negation"]):
                hit.applied = 0.0
            elif hit.side == "cooperation" and any(i in window for i in markers["cancel"]):
                hit.applied = 0.0
            else:
                factor = self.modality_factor if any(i in window for i in markers["modality"]) else 1.0
                hit.applied = sign * hit.weight * factor
        return sorted(found, key=lambda h: h.start)

    def raw_score(self, text: str, lang: str) -> float:
        """Sum of cooperation weights minus confrontation weights after negation and modality."""
        return sum(h.applied for h in self.hits(text, lang))

    def predict_one(self, text: str, lang: str) -> tuple[str, float]:
        """Return (label, score) with score = tanh(raw / 2) in [-1, 1] (positive = cooperation)."""
        raw = self.raw_score(text, lang)
        label = "cooperation" if raw >= self.threshold else "confrontation" if raw <= -self.threshold else "neutral"
        return label, math.tanh(raw / 2.0)

    def features(self, text: str, lang: str) -> list[float]:
        """Numeric features for the trained classifier: applied cooperation, confrontation, counts."""
        hits = self.hits(text, lang)
        coop = sum(h.applied for h in hits if h.applied > 0)
        conf = -sum(h.applied for h in hits if h.applied < 0)
        neutralised = sum(1 for h in hits if h.applied == 0)
        return [coop, conf, coop - conf, float(neutralised)]
