"""Running the studio server (``impasto serve``)."""

from __future__ import annotations

import logging
import os
import socket
import threading

import uvicorn

from impasto import __version__
from impasto.api.app import create_app
from impasto.api.security import WILDCARD_BINDS, is_loopback_bind, server_token
from impasto.config import ImpastoConfig
from impasto.logs import setup_logging
from impasto.models.cache.startup import log_execution_setup_from_child
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
    token, generated = server_token(config, os.environ)
    app = create_app(services, access_token=token)
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
    logger.info("serving on http://%s:%s", _url_host(config.host), config.port)
    _announce_access(config, token, generated)
    try:
        server.run()
    finally:
        services.db.dispose()


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _announce_access(config: ImpastoConfig, token: str | None, generated: bool) -> None:
    """Say how to get in: beyond loopback, the ready URL with the token (as Jupyter prints its own)."""
    if token is None:
        if not is_loopback_bind(config.host):
            logger.warning(
                "listening on %s with auth: none; anyone who reaches this address can use the studio",
                config.host,
            )
        return
    if not generated:
        logger.info("clients must send the configured access token (auth_token or IMPASTO_TOKEN)")
        return
    wildcard = config.host in WILDCARD_BINDS
    names = [socket.gethostname(), "127.0.0.1"] if wildcard else [_url_host(config.host)]
    logger.warning("this studio asks for an access token; open it with:")
    for name in names:
        logger.warning("    http://%s:%s/?token=%s", name, config.port, token)
