"""InvokeAI's shipped default workflows, cut down by hand to the nodes, values and edges that matter for
the mapping (types, field names, settled values), import with nothing left out; the one approximated
node says so."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from impasto.graph.node import NodeRegistry, default_registry
from impasto.nodes import load_builtin_nodes
from impasto.workflows.document import WorkflowDocument
from impasto.workflows.invokeai import ImportReport, read_invokeai_workflow, to_invokeai_workflow

Nodes = Mapping[str, tuple[str, dict[str, Any]]]
KEEP = "__keep__"
"""A value key marking a node InvokeAI keeps in the gallery (not intermediate)."""


class AnyModel:
    """A catalog where every model is installed: these tests are about node types and fields."""

    def find(self, identifier: Mapping[str, Any]) -> str | None:
        return f"key-{identifier.get('name')}"

    def describe(self, key: str) -> dict[str, Any] | None:
        return {"key": key, "hash": "", "name": key.removeprefix("key-"), "base": "any", "type": "main"}


@pytest.fixture(scope="module")
def registry() -> NodeRegistry:
    load_builtin_nodes()
    return default_registry.copy()


def workflow(name: str, nodes: Nodes, links: list[str]) -> dict[str, Any]:
    """An InvokeAI workflow of schema 3.0.0 from node values and ``'a.out>b.in'`` links."""
    invocations = []
    for index, (node_id, (node_type, values)) in enumerate(nodes.items()):
        inputs = {k: {"name": k, "label": "", "value": v} for k, v in values.items() if k != KEEP}
        data = {
            "id": node_id,
            "type": node_type,
            "version": "1.0.0",
            "label": "",
            "notes": "",
            "isOpen": True,
        }
        data |= {"isIntermediate": KEEP not in values, "useCache": True, "inputs": inputs}
        invocations.append(
            {"id": node_id, "type": "invocation", "position": {"x": index * 300, "y": 0}, "data": data}
        )
    edges = []
    for link in links:
        (source, output), (target, handle) = (end.split(".") for end in link.split(">"))
        edges.append(
            {
                "id": link,
                "type": "default",
                "source": source,
                "target": target,
                "sourceHandle": output,
                "targetHandle": handle,
            }
        )
    return {
        "name": name,
        "author": "InvokeAI",
        "description": "",
        "version": "1.0.0",
        "contact": "",
        "tags": "",
        "notes": "",
        "exposedFields": [],
        "meta": {"version": "3.0.0", "category": "default"},
        "nodes": invocations,
        "edges": edges,
    }


MODEL = {"key": "x", "hash": "h", "name": "model", "base": "any", "type": "main"}
SEED = ("rand_int", {"low": 0, "high": 2147483647})
FLUX_TEXT = [
    "loader.transformer>denoise.transformer",
    "loader.clip>text.clip",
    "loader.t5_encoder>text.t5_encoder",
]
FLUX_TEXT += [
    "loader.max_seq_len>text.t5_max_seq_len",
    "text.conditioning>denoise.positive_text_conditioning",
]
FLUX_TEXT += ["loader.vae>decode.vae", "denoise.latents>decode.latents", "seed.value>denoise.seed"]
FLUX_NODES: Nodes = {
    "loader": ("flux_model_loader", {"model": MODEL, "t5_encoder_model": MODEL, "clip_embed_model": MODEL}),
    "text": ("flux_text_encoder", {"t5_max_seq_len": 256, "prompt": "a cat"}),
    "seed": SEED,
    "denoise": (
        "flux_denoise",
        {
            "denoising_start": 0,
            "denoising_end": 1,
            "width": 1024,
            "height": 1024,
            "num_steps": 4,
            "guidance": 4,
        },
    ),
    "decode": ("flux_vae_decode", {KEEP: True}),
}
SD3_NODES: Nodes = {
    "loader": ("sd3_model_loader", {"model": MODEL}),
    "seed": SEED,
    "positive": ("sd3_text_encoder", {"prompt": "a cat"}),
    "negative": ("sd3_text_encoder", {"prompt": ""}),
    "denoise": ("sd3_denoise", {"cfg_scale": 3.5, "width": 1024, "height": 1024, "steps": 30, "seed": 0}),
    "decode": ("sd3_l2i", {KEEP: True}),
}
SD3_LINKS = [
    f"loader.{m}>{t}.{m}" for m in ("clip_l", "clip_g", "t5_encoder") for t in ("positive", "negative")
]
SD3_LINKS += ["loader.transformer>denoise.transformer", "loader.vae>decode.vae", "seed.value>denoise.seed"]
SD3_LINKS += ["positive.conditioning>denoise.positive_conditioning", "denoise.latents>decode.latents"]
SD3_LINKS += ["negative.conditioning>denoise.negative_conditioning"]
SD_BASE: Nodes = {
    "model": ("main_model_loader", {"model": MODEL}),
    "positive": ("compel", {"prompt": "a cat"}),
    "negative": ("compel", {"prompt": ""}),
    "seed": SEED,
    "noise": ("noise", {"seed": 0, "width": 512, "height": 512, "use_cpu": True}),
    "denoise": (
        "denoise_latents",
        {"steps": 30, "cfg_scale": 7.5, "denoising_start": 0, "denoising_end": 1, "scheduler": "euler"},
    ),
    "decode": ("l2i", {"tiled": False, "tile_size": 0, "fp32": False, KEEP: True}),
}
SD_LINKS = [
    "model.clip>positive.clip",
    "model.clip>negative.clip",
    "model.unet>denoise.unet",
    "model.vae>decode.vae",
]
SD_LINKS += ["positive.conditioning>denoise.positive_conditioning", "seed.value>noise.seed"]
SD_LINKS += ["negative.conditioning>denoise.negative_conditioning", "noise.noise>denoise.noise"]
SD_LINKS += ["denoise.latents>decode.latents"]
SIZE_TO_RESOLUTION: Nodes = {
    "smaller": ("integer_math", {"operation": "MIN", "a": 1, "b": 1}),
    "resolution": ("float_to_int", {"value": 0, "multiple": 8, "method": "Nearest"}),
}
SIZE_LINKS = ["smaller.value>resolution.value"]


def esrgan_canny() -> dict[str, Any]:
    """'ESRGAN Upscaling with Canny ControlNet': an old-style upscaler and canny processor."""
    nodes: Nodes = {
        **SD_BASE,
        **SIZE_TO_RESOLUTION,
        "image": ("image", {}),
        "upscale": ("esrgan", {"model_name": "RealESRGAN_x2plus.pth", "tile_size": 400}),
        "encode": ("i2l", {"tiled": False, "tile_size": 0, "fp32": False}),
        "canny": ("canny_image_processor", {"low_threshold": 100, "high_threshold": 200}),
        "control": (
            "controlnet",
            {"control_weight": 0.95, "control_mode": "balanced", "resize_mode": "just_resize"},
        ),
    }
    links = [
        *SD_LINKS,
        *SIZE_LINKS,
        "image.image>upscale.image",
        "upscale.image>canny.image",
        "upscale.image>encode.image",
    ]
    links += ["model.vae>encode.vae", "encode.latents>denoise.latents", "encode.width>noise.width"]
    links += [
        "upscale.width>smaller.a",
        "upscale.height>smaller.b",
        "resolution.value>canny.detect_resolution",
    ]
    links += ["canny.image>control.image", "control.control>denoise.control"]
    return workflow("ESRGAN Upscaling with Canny ControlNet", nodes, links)


def tiled_upscaling() -> dict[str, Any]:
    """'Tiled Upscaling (Beta)': tiles, crops, an IP-Adapter with InvokeAI's encoder choice, float maths."""
    nodes: dict[str, tuple[str, dict[str, Any]]] = {
        **SD_BASE,
        "image": ("image", {}),
        "scale": ("img_scale", {"scale_factor": 3, "resample_mode": "lanczos"}),
        "tiles": ("calculate_image_tiles_even_split", {"num_tiles_x": 2, "num_tiles_y": 2, "overlap": 128}),
        "each": ("iterate", {}),
        "tile": ("tile_to_properties", {}),
        "crop": ("img_crop", {"x": 0, "y": 0, "width": 512, "height": 512}),
        "sharpen": ("unsharp_mask", {"radius": 2, "strength": 50}),
        "encode": ("i2l", {"tiled": False, "tile_size": 0, "fp32": False}),
        "adapter": ("ip_adapter", {"clip_vision_model": "ViT-H", "weight": 0.2, "method": "full"}),
        "noise_crop": ("crop_latents", {"x": 0, "y": 0, "width": 0, "height": 0}),
        "start": ("float_math", {"operation": "SUB", "a": 0.8, "b": 1}),
        "pair": ("pair_tile_image", {}),
        "tiles_in": ("collect", {}),
        "merge": ("merge_tiles_to_image", {"blend_mode": "Seam", "blend_amount": 32}),
        "save": ("save_image", {KEEP: True}),
    }
    nodes["decode"] = ("l2i", {"tiled": False, "tile_size": 0, "fp32": False})
    links = [link for link in SD_LINKS if link != "noise.noise>denoise.noise"]
    links += ["image.image>scale.image", "scale.width>tiles.image_width", "scale.height>tiles.image_height"]
    links += [
        "tiles.tiles>each.collection",
        "each.item>tile.tile",
        "scale.image>crop.image",
        "tile.width>crop.width",
    ]
    links += [
        "crop.image>sharpen.image",
        "sharpen.image>encode.image",
        "model.vae>encode.vae",
        "crop.image>adapter.image",
    ]
    links += [
        "encode.latents>denoise.latents",
        "adapter.ip_adapter>denoise.ip_adapter",
        "noise.noise>noise_crop.latents",
    ]
    links += [
        "tile.coords_left>noise_crop.x",
        "tile.width>noise_crop.width",
        "tile.height>noise_crop.height",
        "noise_crop.latents>denoise.noise",
        "start.value>denoise.denoising_start",
    ]
    links += ["decode.image>pair.image", "each.item>pair.tile", "pair.tile_with_image>tiles_in.item"]
    links += ["tiles_in.collection>merge.tiles_with_images", "merge.image>save.image"]
    return workflow("Tiled Upscaling (Beta)", nodes, links)


def prompt_from_file() -> dict[str, Any]:
    """'Prompt from File': prompts from a file, one image each; its form shows the (intermediate) board."""
    nodes: Nodes = {
        **SD_BASE,
        "prompts": ("prompt_from_file", {"start_line": 1, "max_prompts": 1}),
        "each": ("iterate", {}),
        "decode": ("l2i", {"tiled": False, "tile_size": 0, "fp32": False}),
    }
    links = [*SD_LINKS, "prompts.collection>each.collection", "each.item>positive.prompt"]
    data = workflow("Prompt from File", nodes, links)
    data["exposedFields"] = [
        {"nodeId": "decode", "fieldName": "board"},
        {"nodeId": "prompts", "fieldName": "file_path"},
    ]
    return data


DEFAULTS = {
    "Text to Image - SD1.5": lambda: workflow("Text to Image - SD1.5", SD_BASE, SD_LINKS),
    "Flux Text to Image": lambda: workflow("Flux Text to Image", FLUX_NODES, FLUX_TEXT),
    "SD3.5 Text to Image": lambda: workflow("SD3.5 Text to Image", SD3_NODES, SD3_LINKS),
    "ESRGAN Upscaling with Canny ControlNet": esrgan_canny,
    "Tiled Upscaling (Beta)": tiled_upscaling,
    "Prompt from File": prompt_from_file,
}


def imported(registry: NodeRegistry, data: dict[str, Any]) -> tuple[WorkflowDocument, ImportReport]:
    return read_invokeai_workflow(data, registry, AnyModel())


def left_out(report: ImportReport) -> list[str]:
    return [f"{p.node_id}.{p.field}: {p.reason}" for p in report.problems]


@pytest.mark.parametrize("name", sorted(DEFAULTS))
def test_a_default_workflow_imports_with_nothing_left_out(registry: NodeRegistry, name: str) -> None:
    document, report = imported(registry, DEFAULTS[name]())
    assert left_out(report) == []
    assert document.version == "1.0.0"
    assert document.graph.nodes


def test_renamed_types_and_values_map_onto_impasto_nodes(registry: NodeRegistry) -> None:
    esrgan, _ = imported(registry, esrgan_canny())
    assert esrgan.graph.nodes["upscale"] == {
        "id": "upscale",
        "type": "upscale_image",
        "model": {"key": "key-RealESRGAN_x2plus.pth"},
        "tile_size": 400,
    }
    assert esrgan.graph.nodes["canny"]["type"] == "canny_edge_detection"
    assert esrgan.graph.nodes["resolution"] == {
        "id": "resolution",
        "type": "float_to_int",
        "value": 0,
        "multiple_of": 8,
        "method": "round",
    }
    tiles, _ = imported(registry, tiled_upscaling())
    assert tiles.graph.nodes["scale"] == {
        "id": "scale",
        "type": "image_scale",
        "scale_factor": 3,
        "resample": "lanczos",
    }
    assert "clip_vision_model" not in tiles.graph.nodes["adapter"]  # Impasto picks the adapter's own encoder
    assert tiles.graph.nodes["start"]["operation"] == "sub"


def test_flux_and_sd3_denoisers_get_a_noise_node_with_the_loader_vae(registry: NodeRegistry) -> None:
    for nodes, links in ((FLUX_NODES, FLUX_TEXT), (SD3_NODES, SD3_LINKS)):
        document, report = imported(registry, workflow("t2i", nodes, links))
        assert left_out(report) == []
        noise = document.graph.nodes["denoise-noise"]
        assert noise == {"id": "denoise-noise", "type": "noise", "seed": 0, "width": 1024, "height": 1024}
        ends = {
            (e.source.node_id, e.source.field, e.destination.node_id, e.destination.field)
            for e in document.graph.edges
        }
        assert {
            ("seed", "value", "denoise-noise", "seed"),
            ("loader", "vae", "denoise-noise", "vae"),
            ("denoise-noise", "latents", "denoise", "noise"),
        } <= ends
        assert "denoise-noise" in document.layout


def test_export_folds_the_noise_node_back_into_the_denoiser(registry: NodeRegistry) -> None:
    document, _ = imported(registry, workflow("t2i", FLUX_NODES, FLUX_TEXT))
    exported = to_invokeai_workflow(document, registry, AnyModel())
    assert [n["id"] for n in exported["nodes"]] == list(FLUX_NODES)
    denoise = next(n["data"] for n in exported["nodes"] if n["id"] == "denoise")
    assert {k: denoise["inputs"][k]["value"] for k in ("seed", "width", "height")} == {
        "seed": 0,
        "width": 1024,
        "height": 1024,
    }
    assert "noise" not in denoise["inputs"]
    links = {
        f"{e['source']}.{e['sourceHandle']}>{e['target']}.{e['targetHandle']}" for e in exported["edges"]
    }
    assert links == set(FLUX_TEXT)
    again, report = imported(registry, exported)
    assert left_out(report) == []
    assert set(again.graph.nodes) == set(document.graph.nodes)


def test_an_approximated_node_says_so(registry: NodeRegistry) -> None:
    nodes: Nodes = {
        "image": ("image", {}),
        "depth": ("midas_depth_image_processor", {"a_mult": 2, "bg_th": 0.1}),
    }
    document, report = imported(registry, workflow("depth", nodes, ["image.image>depth.image"]))
    assert document.graph.nodes["depth"]["type"] == "depth_anything_depth_estimation"
    assert [(p.part, p.node_id) for p in report.problems if p.part != "workflow"] == [("node", "depth")]
    assert "Depth Anything, not MiDaS" in report.problems[0].reason


def test_div_truncates_as_invokeai_does(registry: NodeRegistry) -> None:
    nodes: Nodes = {
        "div": ("div", {"a": -7, "b": 2}),
        "hamming": ("img_resize", {"resample_mode": "hamming"}),
    }
    document, report = imported(registry, workflow("maths", nodes, []))
    assert document.graph.nodes["div"] == {
        "id": "div",
        "type": "integer_math",
        "operation": "DIV",
        "a": -7,
        "b": 2,
    }
    assert document.graph.nodes["hamming"]["resample"] == "bilinear"
    assert left_out(report) == []


def generator(kind: str, recipe: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return (f"{kind}_generator", {"generator": recipe})


@pytest.mark.parametrize(
    ("kind", "recipe", "expected"),
    [
        (
            "integer",
            {"type": "integer_generator_arithmetic_sequence", "start": 3, "step": 2, "count": 4},
            {"type": "integer_range_batch", "start": 3, "step": 2, "count": 4},
        ),
        (
            "float",
            {"type": "float_generator_linear_distribution", "start": 0.5, "end": 1.5, "count": 3},
            {"type": "float_range_batch", "start": 0.5, "end": 1.5, "count": 3},
        ),
        (
            "string",
            {"type": "string_generator_parse_string", "input": "a cat,a dog", "splitOn": ","},
            {"type": "string_lines_batch", "text": "a cat\na dog", "strip": False},
        ),
        (
            "image",
            {"type": "image_generator_images_from_board", "board_id": "b1", "category": "images"},
            {"type": "image_batch", "board_id": "b1"},
        ),
    ],
)
def test_a_generator_folds_into_the_batch_node_it_feeds(
    registry: NodeRegistry, kind: str, recipe: dict[str, Any], expected: dict[str, Any]
) -> None:
    lists = {"integer": "integers", "float": "floats", "string": "strings", "image": "images"}
    nodes: Nodes = {
        "gen": generator(kind, recipe),
        "batch": (f"{kind}_batch", {"batch_group_id": "Group 1"}),
    }
    document, report = imported(
        registry, workflow("batch", nodes, [f"gen.{lists[kind]}>batch.{lists[kind]}"])
    )
    assert left_out(report) == []
    assert document.graph.nodes == {"batch": {"id": "batch", "batch_group_id": "Group 1", **expected}}
    assert document.graph.edges == []


def test_a_generator_impasto_has_no_batch_node_for_is_reported(registry: NodeRegistry) -> None:
    recipe = {"type": "integer_generator_uniform_random_distribution", "min": 0, "max": 10, "count": 4}
    nodes: Nodes = {"gen": generator("integer", recipe), "batch": ("integer_batch", {})}
    _, report = imported(registry, workflow("batch", nodes, ["gen.integers>batch.integers"]))
    assert [p.reason for p in report.problems][:1] == ["no Impasto node for 'integer_generator'"]


def test_metadata_edges_go_to_the_save_image_node_the_image_reaches(registry: NodeRegistry) -> None:
    nodes: Nodes = {
        **SD_BASE,
        "meta": ("core_metadata", {"positive_prompt": "a cat", "seed": 3}),
        "decode": ("l2i", {}),
        "save": ("save_image", {KEEP: True}),
        "orphan": ("img_blur", {}),
    }
    links = [
        *SD_LINKS,
        "decode.image>save.image",
        "meta.metadata>decode.metadata",
        "meta.metadata>orphan.metadata",
    ]
    document, report = imported(registry, workflow("meta", nodes, links))
    ends = {(e.source.node_id, e.destination.node_id, e.destination.field) for e in document.graph.edges}
    assert ("meta", "save", "metadata") in ends
    assert [(p.part, p.node_id, p.field) for p in report.problems if p.part != "workflow"] == [
        ("edge", "orphan", "metadata")
    ]


def test_a_prompt_file_path_keeps_the_file_name_and_says_where_to_copy_it(registry: NodeRegistry) -> None:
    nodes: Nodes = {
        "unix": ("prompt_from_file", {"file_path": "/home/me/prompts/cats.txt"}),
        "windows": ("prompt_from_file", {"file_path": "C:\\Users\\me\\dogs.txt"}),
        "plain": ("prompt_from_file", {"file_path": "birds.txt"}),
    }
    document, report = imported(registry, workflow("files", nodes, []))
    assert [document.graph.nodes[n]["file_path"] for n in nodes] == ["cats.txt", "dogs.txt", "birds.txt"]
    assert [(p.node_id, p.field) for p in report.problems if p.part != "workflow"] == [
        ("unix", "file_path"),
        ("windows", "file_path"),
    ]
    assert "copy the file there" in report.problems[0].reason


def test_a_vae_tile_size_matters_only_when_tiled(registry: NodeRegistry) -> None:
    nodes: Nodes = {
        "plain": ("l2i", {"tiled": False, "tile_size": 512}),
        "tiled": ("l2i", {"tiled": True, "tile_size": 512}),
        "default": ("i2l", {"tiled": True, "tile_size": 0}),
    }
    document, report = imported(registry, workflow("tiles", nodes, []))
    assert [document.graph.nodes[n]["tiled"] for n in nodes] == [False, True, True]
    assert [(p.node_id, p.field) for p in report.problems if p.part != "workflow"] == [("tiled", "tile_size")]


def test_a_noise_node_made_in_impasto_folds_into_its_flux_denoiser(registry: NodeRegistry) -> None:
    nodes = {**FLUX_NODES, "mine": ("noise", {"seed": 9, "width": 64, "height": 64})}
    links = [*FLUX_TEXT, "mine.noise>denoise.noise", "loader.vae>mine.vae"]
    document, report = imported(registry, workflow("t2i", nodes, links))
    assert "denoise-noise" not in document.graph.nodes  # the file brings its own
    assert [(p.edge, p.field) for p in report.problems if p.part != "workflow"] == [
        ("seed.value -> denoise.seed", "seed")
    ]
    exported = to_invokeai_workflow(document, registry, AnyModel())
    assert "mine" not in [n["id"] for n in exported["nodes"]]
    denoise = next(n["data"] for n in exported["nodes"] if n["id"] == "denoise")
    assert [denoise["inputs"][k]["value"] for k in ("seed", "width", "height")] == [9, 64, 64]
    exported_links = {
        f"{e['source']}.{e['sourceHandle']}>{e['target']}.{e['targetHandle']}" for e in exported["edges"]
    }
    assert exported_links == set(FLUX_TEXT) - {"seed.value>denoise.seed"}
