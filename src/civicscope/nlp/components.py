"""Custom spaCy components, registered under the ``civicscope_`` namespace."""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from civicscope.nlp.text import fold, looks_like_url

ACTOR_SPANS_KEY = "actors"


@Language.component("civicscope_fold_norm")
def fold_norm(doc: Doc) -> Doc:
    """Set each token's NORM to its accent-folded lower-case form, so matching ignores case and accents.

    Runs after the statistical components, which use NORM as a feature and must see spaCy's own.
    """
    for token in doc:
        token.norm_ = fold(token.text)
    return doc


class ActorFilter:
    """Drop actor matches that the context does not support (ambiguous common words, URLs)."""

    def __init__(self, rules: dict[str, dict[str, Any]]) -> None:
        self.rules = rules
        self._cues = {
            # Cues match their plurals too ("trottinette" also finds "trottinettes").
            actor_id: re.compile(r"\b(" + "|".join(re.escape(c) for c in rule["context"]) + r")(s|x|es)?\b")
            for actor_id, rule in rules.items()
            if rule.get("context")
        }

    def _keep(self, span: Span, folded_doc: str, unambiguous_ids: set[str]) -> bool:
        if any(looks_like_url(t.text) or t.like_url or t.like_email for t in span) and "." not in span.text:
            return False  # "waze" inside www.waze.com/… is a link, not the actor
        rule = self.rules.get(span.label_)
        if not rule or fold(span.text) not in rule["forms"]:
            return True
        if rule["case_sensitive"] and span.text not in rule["exact"]:
            return False  # "lime" in lower case is the fruit, "Lime" may be the operator
        if span.label_ in unambiguous_ids:
            return True  # the same actor is named unambiguously elsewhere in the document
        cue = self._cues.get(span.label_)
        if cue is None:
            return bool(rule["case_sensitive"])  # the exact spelling is the only evidence asked for
        return bool(cue.search(folded_doc))

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans.get(ACTOR_SPANS_KEY, []))
        if not spans:
            return doc
        unambiguous_ids = {
            s.label_ for s in spans if s.label_ not in self.rules or fold(s.text) not in self.rules[s.label_]["forms"]
        }
        folded_doc = fold(doc.text)
        doc.spans[ACTOR_SPANS_KEY] = [s for s in spans if self._keep(s, folded_doc, unambiguous_ids)]
        return doc


@Language.factory("civicscope_actor_filter", default_config={"rules": {}})
def make_actor_filter(nlp: Language, name: str, rules: dict[str, dict[str, Any]]) -> ActorFilter:
    """Build the :class:`ActorFilter` from JSON-serialisable ambiguity rules."""
    return ActorFilter(rules)
