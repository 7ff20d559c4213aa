"""Words printed on the figures, in English and French.

Codes stored in the tables (``cooperation``, ``press_release``, ``civic_tech``…) stay codes in the CSVs;
only what a reader sees on the figure goes through this table.
"""

from __future__ import annotations

LANGUAGES = ("en", "fr")

TEXT: dict[str, dict[str, str]] = {
    # generic
    "no_data": {"en": "No data to draw", "fr": "Aucune donnée à représenter"},
    "year": {"en": "Year", "fr": "Année"},
    "period": {"en": "Period", "fr": "Période"},
    "documents": {"en": "Documents", "fr": "Documents"},
    "statements": {"en": "Statements", "fr": "Énoncés"},
    "share": {"en": "Share", "fr": "Part"},
    "count": {"en": "Count", "fr": "Effectif"},
    # corpus composition
    "by_genre": {"en": "By genre", "fr": "Par genre"},
    "by_language": {"en": "By language", "fr": "Par langue"},
    "undated": {"en": "{n} undated document(s) not shown", "fr": "{n} document(s) non daté(s) non représenté(s)"},
    # stance over time
    "stance_index": {"en": "Stance index", "fr": "Indice de posture"},
    "cooperation_up": {"en": "cooperation ↑", "fr": "coopération ↑"},
    "confrontation_down": {"en": "confrontation ↓", "fr": "confrontation ↓"},
    "by_actor_type": {"en": "By actor type", "fr": "Par type d'acteur"},
    "top_actors": {"en": "Most mentioned actors", "fr": "Acteurs les plus cités"},
    "n_statements": {"en": "Statements (n)", "fr": "Énoncés (n)"},
    "ci_note": {
        "en": "Vertical bars: 95 % bootstrap interval · open circles, not joined: fewer than {k} cooperative or confrontational statements",
        "fr": "Barres verticales : intervalle bootstrap à 95 % · cercles vides, non reliés : moins de {k} énoncés coopératifs ou conflictuels",
    },
    # topics
    "topic": {"en": "Topic", "fr": "Thème"},
    "outliers": {"en": "Unassigned (−1)", "fr": "Non attribué (−1)"},
    "share_docs": {"en": "Share of the period's documents (%)", "fr": "Part des documents de la période (%)"},
    "share_statements": {"en": "Share of the topic's statements (%)", "fr": "Part des énoncés du thème (%)"},
    # network
    "edge_legend": {"en": "Dominant stance", "fr": "Posture dominante"},
    "side_platform": {"en": "Platform side", "fr": "Côté plateformes"},
    "side_institution": {"en": "Institution side", "fr": "Côté institutions"},
    "side_other": {"en": "Other actor", "fr": "Autre acteur"},
    "node_legend": {"en": "Side", "fr": "Camp"},
    "width_note": {"en": "Line width: number of statements", "fr": "Épaisseur : nombre d'énoncés"},
    "group_note": {"en": "italics: generic group terms", "fr": "italique : termes génériques"},
    "hidden_nodes": {"en": "{n} less connected actor(s) not shown", "fr": "{n} acteur(s) moins connecté(s) non représenté(s)"},
    # evaluation
    "true_label": {"en": "Annotated", "fr": "Annoté"},
    "predicted_label": {"en": "Predicted", "fr": "Prédit"},
    "f1": {"en": "F1 on the held-out test set", "fr": "F1 sur le jeu de test"},
    "chosen": {"en": "chosen", "fr": "retenue"},
    "macro_f1": {"en": "macro-F1", "fr": "F1 macro"},
    # topic quality
    "npmi": {"en": "Coherence (NPMI)", "fr": "Cohérence (NPMI)"},
    "diversity": {"en": "Topic diversity", "fr": "Diversité des thèmes"},
    "n_topics": {"en": "{n} topics", "fr": "{n} thèmes"},
}

CODES: dict[str, dict[str, str]] = {
    # stance labels
    "cooperation": {"en": "Cooperation", "fr": "Coopération"},
    "confrontation": {"en": "Confrontation", "fr": "Confrontation"},
    "neutral": {"en": "Neutral", "fr": "Neutre"},
    "balanced": {"en": "Balanced", "fr": "Équilibrée"},
    # genres
    "blog": {"en": "Blog post", "fr": "Billet de blog"},
    "press_release": {"en": "Press release", "fr": "Communiqué"},
    "report": {"en": "Report", "fr": "Rapport"},
    "news": {"en": "News", "fr": "Presse"},
    "other": {"en": "Other", "fr": "Autre"},
    "unknown": {"en": "Unknown", "fr": "Inconnu"},
    # languages
    "fr": {"en": "French", "fr": "Français"},
    "en": {"en": "English", "fr": "Anglais"},
    # actor types and sides
    "platform": {"en": "Platform", "fr": "Plateforme"},
    "civic_tech": {"en": "Civic tech", "fr": "Civic tech"},
    "neighbourhood_network": {"en": "Neighbourhood network", "fr": "Réseau de voisinage"},
    "institution": {"en": "Institution", "fr": "Institution"},
    "city": {"en": "City", "fr": "Ville"},
    "state": {"en": "State", "fr": "État"},
    "regulator": {"en": "Regulator", "fr": "Régulateur"},
    "court": {"en": "Court", "fr": "Juridiction"},
    "transport_authority": {"en": "Transport authority", "fr": "Autorité des transports"},
    "public_association": {"en": "Public association", "fr": "Association publique"},
    # stance methods and topic models
    "model": {"en": "Classifier", "fr": "Classifieur"},
    "lexicon": {"en": "Lexicon", "fr": "Lexique"},
    "bertopic": {"en": "BERTopic", "fr": "BERTopic"},
    "lda": {"en": "LDA", "fr": "LDA"},
    "nmf": {"en": "NMF", "fr": "NMF"},
}


def text(key: str, language: str, **values: object) -> str:
    """Return the sentence ``key`` in ``language``, formatted with ``values``."""
    entry = TEXT[key]
    return entry.get(language, entry["en"]).format(**values)


def code(value: str, language: str) -> str:
    """Return the display name of a table code; unknown codes are shown as written, underscores as spaces."""
    entry = CODES.get(str(value))
    if entry is None:
        return str(value).replace("_", " ")
    return entry.get(language, entry["en"])
