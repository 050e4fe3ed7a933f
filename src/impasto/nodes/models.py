"""Model loader nodes shared by every family, and the check every loader makes.

Loaders load nothing: they check that the model exists and is of the right type and base, and answer a
reference that the nodes which run it resolve through the model cache. Each family's main-model and
adapter loaders live with the family (the SD family's in :mod:`impasto.nodes.sd.models`).
"""

from __future__ import annotations

from impasto.errors import InvalidInputError, NotFoundError
from impasto.graph import BaseNode, BaseOutput, InputField, NodeContext, OutputField, UIHints, node
from impasto.models.identity import ModelRecord
from impasto.models.taxonomy import ModelType
from impasto.nodes.refs import ModelRef, VAEField

TAGS = ("model", "loader")


class VAEOutput(BaseOutput):
    """A VAE reference."""

    vae: VAEField = OutputField(description="The VAE.")


def model_hints(model_type: str, bases: tuple[str, ...] = (), order: int | None = 0) -> UIHints:
    """The hints that let a picker list only the models an input takes (what the node checks)."""
    return UIHints(order=order, model_types=(model_type,), model_bases=bases or None)


def model_input(
    description: str, model_type: str, bases: tuple[str, ...] = (), order: int | None = 0
) -> ModelRef:
    """A model-key input of ``model_type`` (and one of ``bases``, when given), listed first by default."""
    result: ModelRef = InputField(description=description, ui=model_hints(model_type, bases, order))
    return result


def optional_model_input(
    description: str, model_type: str, bases: tuple[str, ...] = (), order: int | None = None
) -> ModelRef | None:
    """A model-key input that may be left empty."""
    result: ModelRef | None = InputField(
        None, description=description, ui=model_hints(model_type, bases, order)
    )
    return result


def checked_record(
    ctx: NodeContext, key: str, model_type: str, bases: tuple[str, ...], what: str
) -> ModelRecord:
    """The installed model ``key``, if it is a ``model_type`` model of one of ``bases``."""
    record: ModelRecord = ctx.models.record(key)
    if record.type != model_type:
        raise InvalidInputError(f"{what}: {record.name!r} is a {record.type} model, not a {model_type} model")
    if bases and record.base not in bases:
        raise InvalidInputError(
            f"{what}: {record.name!r} is a {record.base} model; this node takes {' / '.join(bases)} models"
            + _hint(record.base)
        )
    return record


def _hint(base: str) -> str:
    loaders = {
        "sdxl": "sdxl_model_loader",
        "sdxl-refiner": "sdxl_refiner_model_loader",
        "sd-1": "main_model_loader",
        "sd-2": "main_model_loader",
    }
    return f" (use the {loaders[base]} node)" if base in loaders else " (not supported by these nodes)"


@node("vae_loader", title="VAE", category="model", tags=(*TAGS, "vae"))
class VAELoaderNode(BaseNode):
    """Loads a standalone VAE, to decode (and encode) with it instead of the main model's own."""

    vae_model: ModelRef = model_input("The VAE model's key.", "vae")

    def invoke(self, ctx: NodeContext) -> VAEOutput:
        record = checked_record(ctx, self.vae_model.key, "vae", (), "VAE")
        return VAEOutput(vae=VAEField(vae=ModelRef(key=record.key)))


class ModelIdentifierOutput(BaseOutput):
    """A model reference."""

    model: ModelRef = OutputField(description="The model.")


@node("model_identifier", title="Any Model", category="model", tags=(*TAGS, "any"))
class ModelIdentifierNode(BaseNode):
    """Picks any installed model and passes it on (to a node's model input), checking that it exists."""

    model: ModelRef = InputField(
        description="The model's key.",
        ui=UIHints(order=0, model_types=tuple(kind.value for kind in ModelType)),
    )

    def invoke(self, ctx: NodeContext) -> ModelIdentifierOutput:
        try:
            record: ModelRecord = ctx.models.record(self.model.key)
        except NotFoundError:
            raise InvalidInputError(
                f"input 'model': no installed model has the key {self.model.key!r}"
            ) from None
        return ModelIdentifierOutput(model=ModelRef(key=record.key, submodel=self.model.submodel))
