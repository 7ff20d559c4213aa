"""The demo corpus builder behind ``scripts/build_demo_corpus.py``, one module per job."""
