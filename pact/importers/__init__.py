"""Importers: datasets written by others, read into pact's models (``Treaty``, ``Geography``) in memory.

An importer yields models; ``pact.validate.static.check_rulebook`` runs the static checks on them and
``pact.importers.writer`` dumps them as rule files the loader reads back. Nothing here imports the CLI.
"""
