"""Running the studio server (``impasto serve``)."""

from __future__ import annotations

import logging
import os
import threading

import uvicorn

from impasto import __version__
from impasto.api.app import create_app
from impasto.config import ImpastoConfig
from impasto.generation.startup import log_execution_setup_from_child
from impasto.logs import setup_logging
from impasto.services import build_services

logger = logging.getLogger(__name__)


def serve(config: ImpastoConfig) -> None:
    """Serve until SIGINT/SIGTERM; a running queue item is put back to pending on the way out."""
    setup_logging(config.log_level)
    # Loading and download bars of diffusers/transformers/huggingface_hub would garble the server's log;
    # the model cache logs each load and install jobs report progress as events instead.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    services = build_services(config)
    for pack in services.packs:
        if not pack.loaded:
            logger.error("custom node pack '%s' skipped: %s", pack.name, pack.error)
    app = create_app(services)
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host=config.host,
            port=config.port,
            log_level=config.log_level,
            timeout_graceful_shutdown=max(1, int(config.shutdown_timeout_s)),
            log_config=None,
        )
    )
    logger.info("Impasto %s: root %s, %d node types", __version__, config.root, len(services.registry))
    threading.Thread(target=log_execution_setup_from_child, args=(config.root, logger), daemon=True).start()
    logger.info("serving on http://%s:%s", config.host, config.port)
    try:
        server.run()
    finally:
        services.db.dispose()
