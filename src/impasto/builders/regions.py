"""Checks of a request's regions and reference images: the masks must be stored images of the output's
size, each reference image's model an IP-Adapter (or, for FLUX, a FLUX Redux model) of the main model's base,
with only the settings that kind of model reads. Errors name the request field (``regions[1].mask``,
``reference_images[0].model``)."""

from __future__ import annotations

from dataclasses import dataclass

from impasto.builders.checks import find_model, invalid
from impasto.builders.request import GenerateRequest, ReferenceImageRequest
from impasto.builders.sources import GenerationSources
from impasto.models.identity import ModelRecord
from impasto.models.taxonomy import ModelType


@dataclass(frozen=True)
class ReferenceUse:
    """A reference image and its installed IP-Adapter: the ``index``-th of region ``region``'s reference
    images (region None: of the whole image's)."""

    request: ReferenceImageRequest
    record: ModelRecord
    index: int
    region: int | None = None

    @property
    def field(self) -> str:
        """The request field it came from, e.g. ``regions[1].reference_images[0]``."""
        return reference_field(self.index, self.region)

    @property
    def node_id(self) -> str:
        """Id of its ``ip_adapter`` node, e.g. ``region_1_reference_0``."""
        where = "" if self.region is None else f"region_{self.region}_"
        return f"{where}reference_{self.index}"


def region_images(request: GenerateRequest) -> list[tuple[str, str]]:
    """``(field, image name)`` of every image the regions and reference images name."""
    named = [(f"reference_images[{j}].image", ref.image) for j, ref in enumerate(request.reference_images)]
    for i, region in enumerate(request.regions):
        named.append((f"regions[{i}].mask", region.mask))
        refs = region.reference_images
        named += [(f"regions[{i}].reference_images[{j}].image", ref.image) for j, ref in enumerate(refs)]
    return named


def check_region_masks(
    request: GenerateRequest, sizes: dict[str, tuple[int, int]], output: tuple[int, int]
) -> None:
    """Each region says something, and its mask has the output's size (a mask drawn for another size
    would put the region in the wrong place)."""
    for i, region in enumerate(request.regions):
        if not (region.prompt or region.negative_prompt or region.reference_images):
            raise invalid(f"regions[{i}]", "give the region a prompt, a negative_prompt or reference_images")
        size = sizes[region.mask]
        if size != output:
            raise invalid(
                f"regions[{i}].mask",
                f"{region.mask!r} is {size[0]}x{size[1]}; the image is {output[0]}x{output[1]}, give a mask "
                "of that size",
                image_name=region.mask,
            )


_KINDS = {ModelType.IP_ADAPTER: "an IP-Adapter", ModelType.FLUX_REDUX: "a FLUX Redux model"}


def resolve_references(
    request: GenerateRequest, sources: GenerationSources, model: ModelRecord, wanted: ModelType
) -> tuple[ReferenceUse, ...]:
    """The reference images (the whole image's, then each region's) with their checked models, each of
    type ``wanted`` (the family's: IP-Adapters, or FLUX Redux)."""
    uses = [_use(sources, model, wanted, ref, j, None) for j, ref in enumerate(request.reference_images)]
    for i, region in enumerate(request.regions):
        uses += [_use(sources, model, wanted, ref, j, i) for j, ref in enumerate(region.reference_images)]
    return tuple(uses)


def reference_field(index: int, region: int | None) -> str:
    where = "" if region is None else f"regions[{region}]."
    return f"{where}reference_images[{index}]"


def _use(
    sources: GenerationSources,
    model: ModelRecord,
    wanted: ModelType,
    ref: ReferenceImageRequest,
    index: int,
    region: int | None,
) -> ReferenceUse:
    field = reference_field(index, region)
    record = find_model(sources, f"{field}.model", ref.model)
    if record.type is not wanted or record.base is not model.base:
        raise invalid(
            f"{field}.model",
            f"{record.name!r} is a {record.base} {record.type} model, not {_KINDS[wanted]} for {model.base} "
            f"models like {model.name!r}",
            model=ref.model,
        )
    if wanted is ModelType.FLUX_REDUX:
        _check_redux(ref, field)
    elif ref.image_influence is not None:
        raise invalid(
            f"{field}.image_influence", "image_influence is for FLUX Redux; an IP-Adapter uses weight"
        )
    if ref.begin > ref.end:
        raise invalid(f"{field}.begin", f"begin ({ref.begin}) is after end ({ref.end})")
    return ReferenceUse(ref, record, index, region)


def _check_redux(ref: ReferenceImageRequest, field: str) -> None:
    """FLUX Redux reads the reference at every step, whole, with a weight from 0 to 1."""
    if not 0 <= ref.weight <= 1:
        raise invalid(f"{field}.weight", f"FLUX Redux takes a weight from 0 to 1; {ref.weight} is outside it")
    if (ref.begin, ref.end) != (0.0, 1.0):
        raise invalid(f"{field}.begin", "FLUX Redux applies at every step; leave begin and end out")
    if ref.method != "full":
        raise invalid(
            f"{field}.method",
            "FLUX Redux takes the whole reference; use image_influence to weaken it instead of a method",
        )
