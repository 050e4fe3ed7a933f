from __future__ import annotations

import pytest

from impasto.images.service import ImageLibrary
from impasto.services import Services


@pytest.fixture
def library(services: Services) -> ImageLibrary:
    return services.images
