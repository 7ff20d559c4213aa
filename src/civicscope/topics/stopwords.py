"""Stop-words for the topic vocabulary: spaCy's French and English lists plus a project list."""

from __future__ import annotations

import re
from functools import lru_cache

# Words that survive spaCy's lists but carry no topic in this corpus: web page furniture, reporting
# verbs and very general French/English verbs as they appear after lemmatisation. "entrer" is here
# because fr_core_news_sm lemmatises the preposition "entre" (a stop-word) as the verb "entrer".
PROJECT_STOP_WORDS: frozenset[str] = frozenset(
    """
    article articles lire aussi également cliquer click cookie cookies newsletter abonner subscribe
    partager share tweet commenter comment comments copyright page pages site sites http https www com
    org html pdf mr mrs ms mme mlle monsieur madame etc via cf
    dire déclarer expliquer ajouter indiquer préciser estimer affirmer souligner rappeler noter
    say said says tell told add added explain explained note noted
    faire pouvoir devoir falloir vouloir aller venir mettre prendre donner voir savoir passer trouver
    rester permettre sembler paraître
    entrer
    make get go come take give see know want need use
    an année années jour jours mois semaine fois
    year years day days month months week time times
    chose choses cas façon manière
    thing things way ways lot
    """.split()
)

_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern


@lru_cache(maxsize=1)
def stop_words() -> tuple[str, ...]:
    """Return the sorted stop-word list (French + English + project), closed under tokenisation.

    spaCy lists hold forms such as ``aujourd'hui`` that the vectoriser splits into two tokens; the
    pieces are added too, so scikit-learn does not warn that the list and the tokeniser disagree.
    The list is sorted so the vectoriser (and every output) is identical whatever the hash seed.
    """
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.fr.stop_words import STOP_WORDS as FR

    words: set[str] = set()
    for word in set(FR) | set(EN) | PROJECT_STOP_WORDS:
        word = word.lower().replace("’", "'")
        words.add(word)
        words.update(_TOKEN.findall(word))
    return tuple(sorted(words))
