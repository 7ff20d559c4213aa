"""Posture stance: cooperation / confrontation / neutral, by lexicon or trained classifier."""

LABELS = ("confrontation", "neutral", "cooperation")
