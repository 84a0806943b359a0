"""Training of the learned PII detector: synthetic data, the token classifier, export.

Submodules are imported explicitly (``veil.train.data`` needs only Faker; ``veil.train.model``
needs torch and transformers, the ``train`` extra), so importing this package costs nothing.
"""
