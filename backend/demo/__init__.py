"""Deterministic demo data for the embedded default (``python -m backend --demo``)."""
