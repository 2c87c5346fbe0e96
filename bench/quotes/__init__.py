"""Accuracy of the quote extractor on labelled real articles: `python -m bench.quotes DIR` (see bench/README.md).

Not a timed benchmark, and needs no database: `python -m bench` leaves it out. The articles' texts are not in the
repository (they are third-party text); labels.json holds, per article, its address, licence and the expected
quotes as paragraph, speaker and a SHA-256 of the normalised text (see scoring.py).
"""
