"""Integrations with engines Veil runs inside: Ray Data batch anonymization (``veil.integrations
.ray``, extra ``ray``)."""
