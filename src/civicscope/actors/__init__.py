"""Actor-level outputs: sentence annotation, evaluation on gold data, candidates and networks."""
