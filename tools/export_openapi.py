"""Write the server's OpenAPI document as JSON, without starting a server.

The web UI generates its API types from this document (``npm run api:types`` in ``web/``), and
``npm run api:check`` fails when the committed types no longer match it. The app is built over a throwaway
root that ignores the environment and installs no models, so the document depends only on the code.

Usage: ``python tools/export_openapi.py [OUTPUT.json]`` (standard output when no file is given).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from impasto.api import create_app
from impasto.config import load_config
from impasto.services import build_services


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document of the app, built from a fresh temporary root."""
    with tempfile.TemporaryDirectory(prefix="impasto-openapi-") as folder:
        root = Path(folder)
        (root / "impasto.yaml").write_text("install_bundled_models: false\n", encoding="utf-8")
        services = build_services(load_config(root, environ={}))
        try:
            return create_app(services, start_worker=False).openapi()
        finally:
            services.close()


def main(argv: list[str]) -> int:
    text = json.dumps(openapi_document(), indent=2, sort_keys=True) + "\n"
    if len(argv) > 1:
        Path(argv[1]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
