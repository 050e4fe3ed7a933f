"""The HTTP API and the event WebSocket (FastAPI)."""

from impasto.api.app import create_app

__all__ = ["create_app"]
