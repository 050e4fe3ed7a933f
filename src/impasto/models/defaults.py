"""Which main model a generation uses when it names none.

The order: the model the configuration names (``default_model``, a key or a name) if it is installed,
else the bundled demo model if it is installed, else the first main model by name. Refiners are never
the default: they cannot start an image on their own.
"""

from __future__ import annotations

import logging

from impasto.config import ImpastoConfig
from impasto.errors import NotFoundError
from impasto.models.identity import ModelRecord
from impasto.models.records import ModelFilter, ModelRecordService
from impasto.models.starters import BUNDLED_PREFIX
from impasto.models.taxonomy import BaseModelType, ModelType

logger = logging.getLogger(__name__)

DEMO_SOURCE = f"{BUNDLED_PREFIX}impasto-shapes"


def default_main_model(records: ModelRecordService, config: ImpastoConfig) -> ModelRecord | None:
    """The main model to generate with by default (None when no usable main model is installed)."""
    mains = [
        record
        for record in records.list(ModelFilter(type=ModelType.MAIN))
        if record.base is not BaseModelType.SDXL_REFINER
    ]
    if config.default_model:
        configured = _configured(records, mains, config.default_model)
        if configured is not None:
            return configured
        logger.warning("the configured default_model %r is not an installed main model", config.default_model)
    demo = next((record for record in mains if record.source == DEMO_SOURCE), None)
    if demo is not None:
        return demo
    return min(mains, key=lambda record: (record.name.casefold(), record.key), default=None)


def _configured(records: ModelRecordService, mains: list[ModelRecord], wanted: str) -> ModelRecord | None:
    try:
        record = records.get(wanted)
    except NotFoundError:
        return next((r for r in mains if r.name.casefold() == wanted.casefold()), None)
    return record if record in mains else None
