"""Embeddings and topic models: cached sentence embeddings, an explicitly built BERTopic, LDA/NMF baselines.

The modules are small and single-purpose: ``units`` (documents or paragraph chunks and their lemmas),
``embeddings`` and ``store`` (vectors and their cache files), ``vocab`` (the shared vocabulary),
``model`` (BERTopic fit and outlier reduction), ``quality`` (NPMI, diversity, baselines), ``tables``
(the output tables), ``persist``, ``viz``, ``labels`` and ``pipeline`` (the ``topics`` command's work).
"""
