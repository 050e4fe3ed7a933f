"""Allows `python -m impasto`."""

from impasto.cli import main

main()
