"""Importers that turn external corpora into plain Python records for the archive."""
