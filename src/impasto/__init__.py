"""Impasto: a local-first AI image studio built on a typed node graph and a persistent queue."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("impasto")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
