"""``impasto generate``'s regional prompts and IP-Adapter reference images, as request fields.

A region is a mask with its own prompt: ``--region MASK=PROMPT`` (the first ``=`` separates them) and
``--region-negative MASK=TEXT``; both name the region by its mask, so a negative prompt for a mask that
has a ``--region`` joins that region, and one for another mask makes a region with a negative prompt only.
``--ip-adapter IMAGE=MODEL`` adds a reference image for the whole image; ``--ip-adapter-weight`` and
``--ip-adapter-method`` are given once for all of them or once per ``--ip-adapter``, in order. Masks and
reference images are files (uploaded to the gallery first) or names of stored images, as ``--init``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from impasto.errors import InvalidInputError

RegionOption = Annotated[
    list[str] | None,
    typer.Option(
        "--region",
        metavar="MASK=PROMPT",
        help=(
            "A region (SD 1.x/2.x/SDXL and FLUX): a mask of the image's size (file or stored image; white = "
            "the region) and the prompt drawn there; repeat for more regions."
        ),
        show_default=False,
    ),
]
RegionNegativeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--region-negative",
        metavar="MASK=TEXT",
        help="What a region (named by its mask) should not show; repeatable.",
        show_default=False,
    ),
]
IPAdapterOption = Annotated[
    list[str] | None,
    typer.Option(
        "--ip-adapter",
        metavar="IMAGE=MODEL",
        help=(
            "A reference image (file or stored image) and the installed model (key or name) that reads it: "
            "an IP-Adapter for SD 1.x/2.x/SDXL, a FLUX Redux model for FLUX; repeatable."
        ),
        show_default=False,
    ),
]
IPAdapterWeightOption = Annotated[
    list[float] | None,
    typer.Option(
        "--ip-adapter-weight",
        help="How strongly the reference steers the image (default 1): once for all, or per --ip-adapter.",
        show_default=False,
    ),
]
IPAdapterMethodOption = Annotated[
    list[str] | None,
    typer.Option(
        "--ip-adapter-method",
        help="full, style or composition (default full): once for all, or per --ip-adapter.",
        show_default=False,
    ),
]
CANVAS_OPTION_NAMES = {"regions": "--region", "reference_images": "--ip-adapter"}
"""The options request fields holding lists come from (their items are numbered from 1 in errors)."""


def region_fields(regions: list[str] | None, negatives: list[str] | None) -> list[dict[str, str]]:
    """The request's ``regions``, in the order their masks first appear (``--region`` ones first)."""
    by_mask: dict[str, dict[str, str]] = {}
    for option, field, values in (
        ("--region", "prompt", regions),
        ("--region-negative", "negative_prompt", negatives),
    ):
        for value in values or []:
            mask, text = split_pair(option, value, "MASK", "PROMPT" if field == "prompt" else "TEXT")
            region = by_mask.setdefault(mask, {"mask": mask})
            if field in region:
                raise InvalidInputError(f"{option}: {mask!r} is given twice; give each region's mask once")
            region[field] = text
    return list(by_mask.values())


def reference_fields(
    adapters: list[str] | None, weights: list[float] | None, methods: list[str] | None
) -> list[dict[str, Any]]:
    """The request's ``reference_images``: each ``IMAGE=MODEL`` with its weight and method."""
    pairs = [split_pair("--ip-adapter", value, "IMAGE", "MODEL") for value in adapters or []]
    references: list[dict[str, Any]] = [{"image": image, "model": model} for image, model in pairs]
    for option, field, given in (
        ("--ip-adapter-weight", "weight", weights or []),
        ("--ip-adapter-method", "method", methods or []),
    ):
        if given and not references:
            raise InvalidInputError(f"{option}: applies to --ip-adapter reference images; give one")
        if len(given) not in (0, 1, len(references)):
            raise InvalidInputError(
                f"{option}: given {len(given)} times for {len(references)} --ip-adapter images; give it once "
                "for all of them or once for each"
            )
        for index, reference in enumerate(references):
            if given:
                reference[field] = given[index if len(given) > 1 else 0]
    return references


def split_pair(option: str, value: str, left: str, right: str) -> tuple[str, str]:
    """``LEFT=RIGHT`` split at its first ``=``; both sides must be given."""
    first, sep, second = value.partition("=")
    if not sep or not first or not second:
        raise InvalidInputError(f"{option}: {value!r} is not {left}={right}")
    return first, second


def with_stored_images(fields: dict[str, Any], store: Callable[[str], str]) -> dict[str, Any]:
    """The fields with every image they name passed through ``store`` (which uploads a local file and
    answers its stored name): the init and Kontext reference images, region masks, IP-Adapter images."""
    stored = dict(fields)
    for field in ("init_image", "reference_image"):
        if stored.get(field) is not None:
            stored[field] = store(stored[field])
    stored["regions"] = [{**r, "mask": store(r["mask"])} for r in fields.get("regions") or []] or None
    references = fields.get("reference_images") or []
    stored["reference_images"] = [{**r, "image": store(r["image"])} for r in references] or None
    return stored


def option_of_item(field: str, names: dict[str, str]) -> str | None:
    """``--region 2 (mask)`` for ``regions[1].mask``: a list field's option, its item counted from 1 and
    what in it is wrong (None: not an item of a list field of the command line)."""
    head, bracket, rest = field.partition("[")
    if not bracket or head not in names:
        return None
    index, _, inner = rest.partition("]")
    if not index.isdigit():
        return None
    what = inner.removeprefix(".")
    return f"{names[head]} {int(index) + 1}" + (f" ({what})" if what else "")
