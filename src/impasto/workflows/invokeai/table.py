"""Which Impasto node stands for which InvokeAI node, and how their fields are named: the one mapping table.

Most node types share InvokeAI's type id and field names, so a type missing from :data:`NODES` maps to the
Impasto node of the same id, field by field (identity). An entry is needed only where something differs:
the type id, an input or output name, or an input InvokeAI has and Impasto lacks but whose usual value is
what Impasto does anyway (``settled``: dropping it changes nothing; any other value is reported).

The pairs were checked by reading both node definitions (InvokeAI 6.x ``invokeai/app/invocations``, and
Impasto's registry). Types with no Impasto node are not listed; an import reports them as "no Impasto node
for X", so a node added later with InvokeAI's id maps with no change here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final


@dataclass(frozen=True)
class NodeMap:
    """How one InvokeAI node type becomes an Impasto node."""

    impasto: str
    """Impasto's type id."""
    inputs: Mapping[str, str] = field(default_factory=dict)
    """InvokeAI input name → Impasto input name, where they differ."""
    outputs: Mapping[str, str] = field(default_factory=dict)
    """InvokeAI output name → Impasto output name, where they differ."""
    settled: Mapping[str, Any] = field(default_factory=dict)
    """InvokeAI inputs Impasto lacks, with the value under which Impasto behaves the same."""
    values: Mapping[str, Mapping[Any, Any]] = field(default_factory=dict)
    """InvokeAI input name → its choices as InvokeAI spells them → as Impasto does, where they differ."""
    fixed: Mapping[str, Any] = field(default_factory=dict)
    """Impasto inputs set on import whatever the file says (what InvokeAI's type id stands for)."""
    only_with: Mapping[str, str] = field(default_factory=dict)
    """InvokeAI inputs Impasto lacks that InvokeAI itself ignores while another (boolean) input is off:
    input → that input. Such a value is dropped without a word while it is off."""
    file_names: frozenset[str] = frozenset()
    """Inputs naming a file on InvokeAI's machine; Impasto keeps its base name (reported where that
    drops a folder), to be found in the folder Impasto reads such files from."""
    approximate: str = ""
    """Where Impasto's node does the same job by other means: the note the import report carries."""
    why: str = ""
    """What the README says about the pair, where it is not plain identity."""
    legacy: bool = False
    """An InvokeAI type that InvokeAI no longer has: read, never written."""

    def impasto_input(self, name: str) -> str:
        return self.inputs.get(name, name)

    def impasto_output(self, name: str) -> str:
        return self.outputs.get(name, name)

    def invokeai_input(self, name: str) -> str:
        return {mine: theirs for theirs, mine in self.inputs.items()}.get(name, name)

    def invokeai_output(self, name: str) -> str:
        return {mine: theirs for theirs, mine in self.outputs.items()}.get(name, name)

    def impasto_value(self, name: str, value: Any) -> Any:
        choices = self.values.get(name, {})
        return choices.get(value, value) if isinstance(value, str) else value

    def invokeai_value(self, name: str, value: Any) -> Any:
        choices = {mine: theirs for theirs, mine in self.values.get(self.invokeai_input(name), {}).items()}
        return choices.get(value, value) if isinstance(value, str) else value


_RESAMPLE = {"resample_mode": "resample"}
_RESAMPLE_VALUES = {
    "resample_mode": {"hamming": "bilinear", "bilinear": "bilinear"}  # the last pair wins on export
}
_NO_TILES = {"tile_size": 0}
_TILE_SIZE_WITH_TILED = {"tile_size": "tiled"}  # InvokeAI sizes tiles only when it tiles

NODES: Final[Mapping[str, NodeMap]] = {
    # Renamed types.
    "img_resize": NodeMap("image_resize", inputs=_RESAMPLE, values=_RESAMPLE_VALUES),
    "img_scale": NodeMap("image_scale", inputs=_RESAMPLE, values=_RESAMPLE_VALUES),
    "img_crop": NodeMap("image_crop"),
    "img_blur": NodeMap("image_blur"),
    "tomask": NodeMap("mask_from_alpha"),
    "mul": NodeMap("multiply"),
    "sub": NodeMap("subtract"),
    "div": NodeMap(
        "integer_math",
        fixed={"operation": "DIV"},
        why="`integer_math` DIV truncates towards zero as InvokeAI's `div` does (Impasto's `divide` floors).",
        legacy=True,
    ),
    "rand_int": NodeMap("random_int"),
    "rand_float": NodeMap("random_float"),
    "round_float": NodeMap("round"),
    "esrgan": NodeMap(
        "upscale_image",
        inputs={"model_name": "model"},
        why="`model_name` (a file name) names the installed upscaler of that name; Impasto runs it "
        "with spandrel at the model's own factor.",
        legacy=True,
    ),
    "string_split": NodeMap(
        "string_split_first",
        outputs={"string_1": "before", "string_2": "after"},
        why="InvokeAI's splits at the first delimiter, as Impasto's `string_split_first` does "
        "(Impasto's `string_split` makes a list).",
    ),
    "core_metadata": NodeMap(
        "core_metadata",
        settled={"controlnets": None, "ipAdapters": None, "t2iAdapters": None},
        why="Its control, IP-Adapter and T2I-Adapter lists are not recorded.",
    ),
    # The ControlNet "processor" nodes of InvokeAI 4 (removed in 5, still in older workflows).
    "canny_image_processor": NodeMap("canny_edge_detection", legacy=True),
    "midas_depth_image_processor": NodeMap(
        "depth_anything_depth_estimation",
        settled={"a_mult": 2.0, "bg_th": 0.1},
        approximate="approximated by 'depth_anything_depth_estimation': Depth Anything, not MiDaS, "
        "estimates the depth (the same job, another model)",
        legacy=True,
    ),
    "hed_image_processor": NodeMap("hed_edge_detection", legacy=True),
    "lineart_image_processor": NodeMap("lineart_edge_detection", settled={"coarse": False}, legacy=True),
    "lineart_anime_image_processor": NodeMap("lineart_anime_edge_detection", legacy=True),
    "pidi_image_processor": NodeMap("pidi_edge_detection", legacy=True),
    "mlsd_image_processor": NodeMap(
        "mlsd_detection", inputs={"thr_v": "score_threshold", "thr_d": "distance_threshold"}, legacy=True
    ),
    "content_shuffle_image_processor": NodeMap(
        "content_shuffle",
        inputs={"f": "scale_factor"},
        why="Its `h` and `w` (the size the image was shuffled at) are reported: Impasto shuffles at the "
        "detection resolution.",
        legacy=True,
    ),
    "color_map_image_processor": NodeMap(
        "color_map", inputs={"color_map_tile_size": "tile_size"}, legacy=True
    ),
    # Same type, some fields differ.
    "noise": NodeMap(
        "noise",
        outputs={"noise": "latents"},
        settled={"use_cpu": True, "noise_type": "SD"},
        why="Impasto draws noise on the CPU, as InvokeAI does by default.",
    ),
    "flux_kontext": NodeMap("flux_kontext", outputs={"kontext_cond": "kontext_conditioning"}),
    "float_to_int": NodeMap(
        "float_to_int",
        inputs={"multiple": "multiple_of"},
        values={"method": {"Nearest": "round", "Floor": "floor", "Ceiling": "ceil", "Truncate": "truncate"}},
    ),
    "float_math": NodeMap(
        "float_math",
        values={
            "operation": {
                op: op.lower() for op in ("ADD", "SUB", "MUL", "DIV", "EXP", "ABS", "SQRT", "MIN", "MAX")
            }
        },
    ),
    "apply_mask_to_image": NodeMap("apply_mask_to_image", inputs={"invert_mask": "invert"}),
    "denoise_latents": NodeMap(
        "denoise_latents",
        settled={"hidiffusion": False},
        why="HiDiffusion is not supported; its other settings are ignored while it is off.",
    ),
    "i2l": NodeMap(
        "i2l", settled={**_NO_TILES, "color_compensation": "None"}, only_with=_TILE_SIZE_WITH_TILED
    ),
    "l2i": NodeMap("l2i", settled=_NO_TILES, only_with=_TILE_SIZE_WITH_TILED),
    "lineart_edge_detection": NodeMap("lineart_edge_detection", settled={"coarse": False}),
    "pidi_edge_detection": NodeMap("pidi_edge_detection", settled={"quantize_edges": False}),
    "flux_denoise": NodeMap(
        "flux_denoise",
        settled={
            "add_noise": True,
            "cfg_scale_start_step": 0,
            "cfg_scale_end_step": -1,
            "dype_preset": "off",
        },
        why="InvokeAI's `seed`, `width` and `height` go to a `noise` node the import adds (see below).",
    ),
    "sd3_denoise": NodeMap(
        "sd3_denoise",
        why="InvokeAI's `seed`, `width` and `height` go to a `noise` node the import adds (see below).",
    ),
    "prompt_from_file": NodeMap(
        "prompt_from_file",
        file_names=frozenset({"file_path"}),
        why="A `file_path` with folders keeps only the file's name (reported): Impasto reads prompt files "
        "only from its `prompt_files_dir`, where the file is to be copied.",
    ),
    "ip_adapter": NodeMap(
        "ip_adapter",
        values={"clip_vision_model": dict.fromkeys(("ViT-H", "ViT-G", "ViT-L"))},
        why="InvokeAI's image encoder choice (`ViT-H`, ...) is left empty: Impasto picks the installed "
        "encoder the adapter was trained with.",
    ),
}
"""InvokeAI type id → its mapping, where it is not plain identity."""

SETTLED_EVERYWHERE: Final[Mapping[str, Any]] = {"board": None, "metadata": None}
"""Inputs many InvokeAI image nodes have (where the image goes, what it records); Impasto's intermediate
images need neither, so they are dropped when empty."""

IGNORED_KEYS: Final = frozenset({"id", "type", "is_intermediate", "use_cache"})
"""Keys of an InvokeAI graph node that are not inputs."""


IMPASTO_PREFIX: Final = "impasto_"
"""Put before the id of an Impasto node exported under a type id that InvokeAI uses for another node."""


def node_map(invokeai_type: str) -> NodeMap:
    """The mapping of an InvokeAI type (identity where the table has no entry)."""
    if invokeai_type.startswith(IMPASTO_PREFIX):
        return NodeMap(invokeai_type.removeprefix(IMPASTO_PREFIX))
    return NODES.get(invokeai_type) or NodeMap(invokeai_type)


def invokeai_type(impasto_type: str) -> str | None:
    """InvokeAI's id for an Impasto type; None where the same id means another node in InvokeAI."""
    for theirs, mapping in NODES.items():
        if mapping.impasto == impasto_type and not mapping.legacy:
            return theirs
    if impasto_type in NODES:
        return None
    return impasto_type


def export_map(impasto_type: str) -> NodeMap:
    """The mapping to use when exporting an Impasto node (identity where the table has none)."""
    theirs = invokeai_type(impasto_type)
    return NODES.get(theirs or "") or NodeMap(impasto_type)
