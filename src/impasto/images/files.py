"""Image files on disk, addressed by unique names that are safe to put in URLs and edges.

This is the storage the node context's ``images`` service uses. Names are generated here (a UUID and the
``.png`` suffix), and every name coming back from a client is checked against that shape before it touches
the file system, so a name can never reach outside the images folder.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import uuid
from pathlib import Path

from PIL import Image

from impasto.errors import InvalidInputError, NotFoundError

logger = logging.getLogger(__name__)

NAME_PATTERN = re.compile(r"^[0-9a-f]{32}\.png$")


class ImageFileStore:
    """PNG files under one folder; writes are atomic (temp file, then rename)."""

    def __init__(self, folder: Path, compress_level: int = 1) -> None:
        self.folder = folder
        self.compress_level = compress_level
        self.folder.mkdir(parents=True, exist_ok=True)

    def save(self, image: Image.Image, *, node_id: str | None = None, intermediate: bool = True) -> str:
        """Store ``image`` as a new PNG and return its name."""
        name = f"{uuid.uuid4().hex}.png"
        fd, temp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".png")
        try:
            with os.fdopen(fd, "wb") as handle:
                image.save(handle, format="PNG", compress_level=self.compress_level)
            os.replace(temp, self.folder / name)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        logger.debug("saved image %s (%sx%s) from node %s", name, image.width, image.height, node_id)
        return name

    def load(self, name: str) -> Image.Image:
        """The stored image, fully read into memory."""
        path = self.path(name)
        if not path.is_file():
            raise NotFoundError(f"image '{name}' does not exist")
        try:
            with Image.open(path) as image:
                image.load()
                return image.copy()
        except Image.DecompressionBombError as exc:
            raise InvalidInputError(f"image '{name}' has too many pixels to open safely: {exc}") from exc

    def path(self, name: str) -> Path:
        """The file of a stored image; refuses names that are not ours."""
        if not NAME_PATTERN.match(name):
            raise InvalidInputError(f"'{name}' is not a valid image name (expected 32 hex digits and .png)")
        return self.folder / name

    def exists(self, name: str) -> bool:
        return NAME_PATTERN.match(name) is not None and (self.folder / name).is_file()
