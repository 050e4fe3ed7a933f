"""Field values that are written differently in the two programs: model identifiers and boards.

InvokeAI names a model by ``{key, hash, name, base, type}`` (files of schema 1.x and 2.0.0 by
``{model_name, base_model, model_type}``); Impasto by the key of the installed model. A model is found
among the installed ones by its key, then its hash, then its name and base; one not installed here is
left out with the reason, so the input is open for the user to pick a model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

from impasto.models.identity import ModelRecord

MODEL_REF = "ModelRef"
BOARD = "board"


class ModelCatalog(Protocol):
    """The installed models, as the import and export see them."""

    def find(self, identifier: Mapping[str, Any]) -> str | None:
        """The key of the installed model an InvokeAI identifier names, or None."""

    def describe(self, key: str) -> dict[str, Any] | None:
        """InvokeAI's identifier of an installed model, or None for an unknown key."""


class RecordCatalog:
    """A :class:`ModelCatalog` over the model records (read afresh on each import or export)."""

    def __init__(self, records: Callable[[], Iterable[ModelRecord]]) -> None:
        self.records = records

    def find(self, identifier: Mapping[str, Any]) -> str | None:
        records = list(self.records())
        name = identifier.get("name", identifier.get("model_name"))
        base = identifier.get("base", identifier.get("base_model"))
        for matches in (
            lambda r: r.key == identifier.get("key"),
            lambda r: bool(identifier.get("hash")) and r.hash == identifier.get("hash"),
            lambda r: r.name == name and (base is None or r.base == base),
        ):
            found = [record.key for record in records if matches(record)]
            if found:
                return found[0]
        return None

    def describe(self, key: str) -> dict[str, Any] | None:
        for record in self.records():
            if record.key == key:
                return {
                    "key": record.key,
                    "hash": record.hash,
                    "name": record.name,
                    "base": str(record.base),
                    "type": str(record.type),
                }
        return None


class LeftOutError(Exception):
    """A value that cannot be carried over; the message says why."""


def value_in(field_type: str, name: str, value: Any, catalog: ModelCatalog) -> Any:
    """An InvokeAI value as Impasto's input of ``field_type`` takes it; raises :class:`LeftOutError`."""
    if field_type == MODEL_REF and isinstance(value, Mapping):
        key = catalog.find(value)
        if key is None:
            label = value.get("name", value.get("model_name", value.get("key", "?")))
            base = value.get("base", value.get("base_model"))
            raise LeftOutError(f"the model '{label}'{f' ({base})' if base else ''} is not installed here")
        return {"key": key}
    if field_type == MODEL_REF and isinstance(value, str) and value:
        return {"key": _by_file_name(value, catalog)}
    if name == BOARD and field_type == "str":
        if isinstance(value, Mapping) and isinstance(value.get("board_id"), str):
            return value["board_id"]
        return None  # 'auto' or 'none': the default board
    return value


def _by_file_name(file_name: str, catalog: ModelCatalog) -> str:
    """The key of the installed model a file name names (InvokeAI's ``esrgan`` picks its model so), with
    or without the file's extension."""
    stem = file_name.rsplit(".", 1)[0]
    for name in dict.fromkeys((file_name, stem)):
        key = catalog.find({"name": name})
        if key is not None:
            return key
    raise LeftOutError(f"the model '{file_name}' is not installed here")


def value_out(field_type: str, name: str, value: Any, catalog: ModelCatalog) -> Any:
    """An Impasto value as InvokeAI writes it (None: leave the value out)."""
    if field_type == MODEL_REF and isinstance(value, Mapping):
        return catalog.describe(str(value.get("key")))
    if name == BOARD and field_type == "str" and isinstance(value, str):
        return {"board_id": value}
    return value
