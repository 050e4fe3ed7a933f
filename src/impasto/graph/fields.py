"""Declaring node inputs and outputs: pydantic fields plus the metadata a UI needs to render them.

An input says how it may be fed (typed directly, connected by an edge, or either) and carries UI hints
(a widget, a slider range, an order). These travel in the field's JSON schema under ``x-impasto`` so that any
client can draw a node it has never seen.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticUndefined

EXTRA_KEY = "x-impasto"

UIComponent = Literal[
    "text", "textarea", "number", "slider", "checkbox", "select", "color", "image", "board", "hidden"
]


class Input(StrEnum):
    """How a node input may receive its value."""

    ANY = "any"
    """Typed by the user or connected from another node."""
    CONNECTION = "connection"
    """Only from an edge (large values such as images and models)."""
    DIRECT = "direct"
    """Only typed by the user; an edge into it is an error."""


class UIHints(BaseModel):
    """Rendering hints for one input; clients may ignore any of them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    component: UIComponent | None = None
    order: int | None = None
    step: float | None = None
    slider_min: float | None = None
    slider_max: float | None = None
    choice_labels: dict[str, str] | None = None
    placeholder: str | None = None
    model_types: tuple[str, ...] | None = None
    """For a model input: the model types it takes, so a picker lists only those."""
    model_bases: tuple[str, ...] | None = None
    """For a model input: the bases it takes (none: any); base-independent models (base ``any``) fit all."""
    model_architectures: tuple[str, ...] | None = None
    """For a model input: the architectures it takes (a record's ``details["architecture"]``)."""


class FieldKind(StrEnum):
    INPUT = "input"
    OUTPUT = "output"


def InputField(  # noqa: N802 - reads like pydantic's Field
    default: Any = PydanticUndefined,
    *,
    description: str,
    title: str | None = None,
    input: Input = Input.ANY,
    ge: float | None = None,
    le: float | None = None,
    gt: float | None = None,
    lt: float | None = None,
    min_length: int | None = None,
    max_length: int | None = None,
    ui: UIHints | None = None,
    default_factory: Any = None,
) -> Any:
    """A node input. ``description`` is required: it is the help text users see on the socket."""
    extra = {
        EXTRA_KEY: {
            "kind": FieldKind.INPUT.value,
            "input": input.value,
            "ui": (ui or UIHints()).model_dump(mode="json", exclude_none=True),
        }
    }
    kwargs: dict[str, Any] = {
        "description": description,
        "title": title,
        "json_schema_extra": extra,
        "ge": ge,
        "le": le,
        "gt": gt,
        "lt": lt,
        "min_length": min_length,
        "max_length": max_length,
    }
    if default_factory is not None:
        kwargs["default_factory"] = default_factory
    else:
        kwargs["default"] = default
    return Field(**kwargs)


def OutputField(*, description: str, title: str | None = None) -> Any:  # noqa: N802
    """A node output; every output is connectable."""
    return Field(description=description, title=title, json_schema_extra={EXTRA_KEY: {"kind": "output"}})


def input_mode(extra: Any) -> Input:
    """The :class:`Input` mode stored in a field's ``json_schema_extra`` (``ANY`` when absent)."""
    if isinstance(extra, dict):
        meta = extra.get(EXTRA_KEY)
        if isinstance(meta, dict) and isinstance(meta.get("input"), str):
            return Input(meta["input"])
    return Input.ANY


def ui_hints(extra: Any) -> dict[str, Any]:
    if isinstance(extra, dict):
        meta = extra.get(EXTRA_KEY)
        if isinstance(meta, dict) and isinstance(meta.get("ui"), dict):
            return dict(meta["ui"])
    return {}
