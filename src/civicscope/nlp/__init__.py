"""spaCy processing: sentences, lemmas, entities and actor mentions."""
