from __future__ import annotations

from pathlib import Path

import pytest

from tests.nodes.helpers import Engine


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return Engine(tmp_path)
