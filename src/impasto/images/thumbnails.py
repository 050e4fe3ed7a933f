"""WebP thumbnails (longest side at most the configured size), made on demand and kept on disk.

A thumbnail is derived data: it is written atomically next to the others, made again when missing, and
removed with its image (or by the start-up check when its image is gone).
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from PIL import Image

from impasto.images.names import check_name

logger = logging.getLogger(__name__)

WEBP_QUALITY = 80


class ThumbnailStore:
    """One WebP per image under a folder of its own."""

    def __init__(self, folder: Path, max_side: int) -> None:
        self.folder = folder
        self.max_side = max_side
        self.folder.mkdir(parents=True, exist_ok=True)

    def path(self, name: str) -> Path:
        return self.folder / f"{Path(check_name(name)).stem}.webp"

    def ensure(self, name: str, source: Path) -> Path:
        """The thumbnail of image ``name`` (whose PNG is ``source``), made now if it is missing."""
        target = self.path(name)
        if target.is_file():
            return target
        with Image.open(source) as image:
            image.draft("RGB", (self.max_side, self.max_side))
            thumbnail = _displayable(image)
            thumbnail.thumbnail((self.max_side, self.max_side), Image.Resampling.LANCZOS)
        fd, temp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".webp")
        try:
            with os.fdopen(fd, "wb") as handle:
                thumbnail.save(handle, format="WEBP", quality=WEBP_QUALITY, method=4)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        return target

    def remove(self, name: str) -> None:
        self.path(name).unlink(missing_ok=True)

    def stems(self) -> dict[str, Path]:
        """Every thumbnail file by the stem of its image's name."""
        if not self.folder.is_dir():
            return {}
        return {path.stem: path for path in self.folder.iterdir() if path.suffix == ".webp"}


def _displayable(image: Image.Image) -> Image.Image:
    """The image in a mode WebP stores (RGB, or RGBA when it has transparency)."""
    if image.mode in ("RGB", "RGBA"):
        return image.copy()
    transparent = "A" in image.getbands() or "transparency" in image.info
    if image.mode in ("I;16", "I", "F"):
        return image.convert("I").point(lambda v: v / 256).convert("RGB")
    return image.convert("RGBA" if transparent else "RGB")
