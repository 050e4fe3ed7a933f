"""The default workflows Impasto ships: one :class:`~impasto.workflows.recipes.Recipe` each.

Most are a Generate-tab request; the upscales are Upscale-tab requests, and the dynamic prompt changes its
request's graph afterwards (the Generate tab expands a dynamic prompt before queueing; a workflow expands it
in the graph, so the form's prompt may hold ``{a|b}``).
"""

from __future__ import annotations

from typing import Any

from impasto.graph.model import Edge, EdgeEndpoint, Graph
from impasto.workflows.recipes import STAND_IN, Recipe

_NEGATIVE = "blurry, lowres, jpeg artifacts, watermark, text"
_PROMPT = "a lighthouse on a rocky cliff at sunset, dramatic clouds, detailed"


def _sd1(**fields: Any) -> dict[str, Any]:
    return {"model": "sd1", "prompt": _PROMPT, "negative_prompt": _NEGATIVE, "seed": 1, "width": 512,
            "height": 512, "steps": 30, "cfg_scale": 7.5, **fields}  # fmt: skip


BASIC = (
    Recipe(
        "impasto-shapes",
        "Text to Image - Impasto Shapes (demo)",
        "The tiny demo model every new root has: 64 px shapes in a second on any CPU. Pick "
        "'Impasto Shapes (demo)' as the model.",
        ("text to image", "demo", "sd-1"),
        {
            "model": "sd1",
            "prompt": "a red circle on a blue background",
            "seed": 1,
            "width": 64,
            "height": 64,
            "steps": 20,
            "cfg_scale": 5.0,
            "scheduler": "dpmpp_2m",
        },
    ),
    Recipe(
        "text-to-image-sd1",
        "Text to Image - SD 1.5",
        "A prompt and a negative prompt to a 512 px image with a Stable Diffusion 1.x model.",
        ("text to image", "sd-1"),
        _sd1(),
    ),
    Recipe(
        "text-to-image-sdxl",
        "Text to Image - SDXL",
        "A prompt and a negative prompt to a 1024 px image with an SDXL model.",
        ("text to image", "sdxl"),
        {
            "model": "sdxl",
            "prompt": _PROMPT,
            "negative_prompt": _NEGATIVE,
            "seed": 1,
            "width": 1024,
            "height": 1024,
            "steps": 30,
            "cfg_scale": 6.0,
        },
    ),
    Recipe(
        "text-to-image-flux",
        "Text to Image - FLUX.1 dev",
        "A prompt to a 1024 px image with FLUX.1 dev (no negative prompt; guidance instead of CFG).",
        ("text to image", "flux"),
        {
            "model": "flux-dev",
            "prompt": _PROMPT,
            "seed": 1,
            "width": 1024,
            "height": 1024,
            "steps": 28,
            "guidance": 3.5,
        },
    ),
    Recipe(
        "text-to-image-sd3",
        "Text to Image - SD 3.5",
        "A prompt and a negative prompt to a 1024 px image with Stable Diffusion 3.5 Medium or Large.",
        ("text to image", "sd-3"),
        {
            "model": "sd3-medium",
            "prompt": _PROMPT,
            "negative_prompt": _NEGATIVE,
            "seed": 1,
            "width": 1024,
            "height": 1024,
            "steps": 28,
            "cfg_scale": 4.5,
        },
    ),
    Recipe(
        "text-to-image-lora-sd1",
        "Text to Image with LoRA - SD 1.5",
        "Text to image with a LoRA applied to the UNet and the text encoder (weight 0.75).",
        ("text to image", "lora", "sd-1"),
        _sd1(loras=[{"model": "sd1-lora", "weight": 0.75}]),
    ),
    Recipe(
        "image-to-image-sd1",
        "Image to Image - SD 1.5",
        "Repaints an image after a prompt; the strength says how much changes (0: nothing, 1: all).",
        ("image to image", "sd-1"),
        _sd1(init_image=STAND_IN + "init", strength=0.6),
    ),
    Recipe(
        "inpaint-sd1",
        "Inpaint - SD 1.5",
        "Repaints the white part of a mask over an image after a prompt, and pastes it back.",
        ("inpaint", "sd-1"),
        _sd1(init_image=STAND_IN + "init", mask=STAND_IN + "mask", strength=1.0),
    ),
    Recipe(
        "controlnet-canny-sd1",
        "ControlNet (Canny edges) - SD 1.5",
        "Text to image following the edges of a control image (Canny preprocessor, then a ControlNet).",
        ("controlnet", "text to image", "sd-1"),
        _sd1(
            controlnets=[{"model": "sd1-controlnet", "image": STAND_IN + "control", "preprocessor": "canny"}]
        ),
    ),
    Recipe(
        "hires-fix-sd1",
        "Hires Fix - SD 1.5",
        "Text to image at 512 px, then a second pass at twice the size that adds detail.",
        ("text to image", "hires fix", "upscale", "sd-1"),
        _sd1(hires_fix={"scale": 2.0, "strength": 0.45}),
    ),
)


def dynamic_prompts(graph: Graph) -> Graph:
    """``graph`` with its prompt node (a string) replaced by a dynamic prompt and an ``iterate``: everything
    that read the prompt runs once per expanded prompt, and each image records its own."""
    return _each_prompt(graph, {
        "id": "dynamic_prompt", "type": "dynamic_prompt", "prompt": DYNAMIC_PROMPT, "max_prompts": 4,
        "combinatorial": True,
    })  # fmt: skip


def prompts_from_file(graph: Graph) -> Graph:
    """``graph`` with its prompt node replaced by prompts read from a file (or typed, one per line) and an
    ``iterate``: one image per prompt. The lines typed in run as shipped; a file name in ``file_path``
    (with ``text`` cleared) reads the file from the prompt files folder instead."""
    return _each_prompt(graph, {
        "id": "prompt_file", "type": "prompt_from_file", "file_path": "", "text": PROMPT_LINES,
        "max_prompts": 0,
    })  # fmt: skip


def _each_prompt(graph: Graph, source: dict[str, Any]) -> Graph:
    """``graph`` with ``prompt_text`` replaced by ``source`` (a node with a ``collection`` of prompts) fed
    to an ``iterate`` whose item goes wherever the prompt went."""
    nodes = {node_id: dict(node) for node_id, node in graph.nodes.items() if node_id != "prompt_text"}
    nodes[source["id"]] = source
    nodes["each_prompt"] = {"id": "each_prompt", "type": "iterate"}
    edges = [_moved(edge) for edge in graph.edges]
    edges.append(_link(source["id"], "collection", "each_prompt", "collection"))
    return Graph(nodes=nodes, edges=edges)


def _moved(edge: Edge) -> Edge:
    if edge.source.node_id != "prompt_text":
        return edge
    return _link("each_prompt", "item", edge.destination.node_id, edge.destination.field)


def _link(source: str, output: str, target: str, field: str) -> Edge:
    return Edge(
        source=EdgeEndpoint(node_id=source, field=output),
        destination=EdgeEndpoint(node_id=target, field=field),
    )


DYNAMIC_PROMPT = "a {red|blue} lighthouse on a rocky cliff at {sunset|dawn}, dramatic clouds"
PROMPT_LINES = (
    "a lighthouse on a rocky cliff at sunset, dramatic clouds\na harbour at dawn, fishing boats, mist"
)

_SDXL: dict[str, Any] = {
    "model": "sdxl", "prompt": _PROMPT, "negative_prompt": _NEGATIVE, "seed": 1, "width": 1024,
    "height": 1024, "steps": 30, "cfg_scale": 6.0,
}  # fmt: skip

ADVANCED = (
    Recipe(
        "sdxl-refiner",
        "Text to Image with Refiner - SDXL",
        "An SDXL base model denoises the first 80% of the schedule; an SDXL refiner finishes the details.",
        ("text to image", "refiner", "sdxl"),
        {**_SDXL, "refiner": {"model": "sdxl-refiner", "start": 0.8}},
        form_inputs=("denoising_start", "aesthetic_score"),
    ),
    Recipe(
        "multi-controlnet-sd1",
        "Two ControlNets (Canny and line art) - SD 1.5",
        "Text to image guided by two control units at once: the Canny edges of one image and the line art "
        "of another, each with its own ControlNet and weight.",
        ("controlnet", "text to image", "sd-1"),
        _sd1(
            controlnets=[
                {"model": "sd1-controlnet", "image": STAND_IN + "control", "preprocessor": "canny"},
                {
                    "model": "sd1-controlnet-2",
                    "image": STAND_IN + "control-2",
                    "preprocessor": "lineart_standard",
                    "weight": 0.6,
                },
            ]
        ),
        form_inputs=("control_weight", "begin_step_percent", "end_step_percent"),
    ),
    Recipe(
        "upscale-model",
        "Upscale with a Model",
        "Enlarges an image with an upscaler model (ESRGAN and the like), in tiles so large images fit.",
        ("upscale",),
        {"image": STAND_IN + "image", "model": "upscaler", "scale": 2.0},
        upscale=True,
        form_inputs=("scale", "tile_size"),
    ),
    Recipe(
        "creative-upscale-sd1",
        "Creative Upscale (tiled) - SD 1.5",
        "Enlarges an image with an upscaler model, then lets a main model redraw the detail tile by tile "
        "(tiled multi-diffusion): sharper than the upscaler alone, at any size.",
        ("upscale", "tiled", "sd-1"),
        {
            "image": STAND_IN + "image",
            "model": "upscaler",
            "scale": 2.0,
            "creative": {
                "main_model": "sd1",
                "prompt": "highly detailed, sharp focus",
                "seed": 1,
                "negative_prompt": _NEGATIVE,
                "creativity": 0.35,
                "steps": 20,
            },
        },
        upscale=True,
        form_inputs=("scale", "denoising_start", "tile_width", "tile_height"),
        form_skip=("resize.width", "resize.height", "noise.width", "noise.height"),
    ),
    Recipe(
        "dynamic-prompt-sd1",
        "Dynamic Prompt - SD 1.5",
        "One image for each prompt a dynamic prompt expands to: {a|b} picks a variant, __name__ a line of "
        "a wildcard file; combinatorial lists every combination (up to the maximum).",
        ("text to image", "dynamic prompt", "sd-1"),
        _sd1(prompt=DYNAMIC_PROMPT, dynamic_prompts=False),
        finish=dynamic_prompts,
        form_inputs=("max_prompts", "combinatorial"),
    ),
    Recipe(
        "prompts-from-file-sd1",
        "Prompts from a File - SD 1.5",
        "One image for each line of a text file in the prompt files folder (`prompt_files_dir`): give its "
        "name and clear the typed lines, or type the prompts themselves, one per line.",
        ("text to image", "prompt file", "batch", "sd-1"),
        _sd1(prompt="a lighthouse on a rocky cliff at sunset, dramatic clouds"),
        finish=prompts_from_file,
        form_inputs=("file_path", "text", "pre_prompt", "post_prompt", "max_prompts"),
    ),
    Recipe(
        "regional-prompts-sd1",
        "Regional Prompts (two masks) - SD 1.5",
        "Two regions, each a mask (white: the region) with its own prompt; the main prompt covers the rest.",
        ("regional", "text to image", "sd-1"),
        _sd1(
            prompt="a landscape at sunset, detailed",
            regions=[
                {"mask": STAND_IN + "left-mask", "prompt": "a lighthouse on a rocky cliff"},
                {"mask": STAND_IN + "right-mask", "prompt": "a sailing ship on a calm sea"},
            ],
        ),
    ),
    Recipe(
        "inpaint-flux-fill",
        "Inpaint - FLUX.1 Fill",
        "Repaints the white part of a mask over an image with FLUX.1 Fill, which reads the image and the "
        "mask itself (guidance 30).",
        ("inpaint", "flux"),
        {
            "model": "flux-fill",
            "prompt": _PROMPT,
            "seed": 1,
            "width": 1024,
            "height": 1024,
            "steps": 28,
            "init_image": STAND_IN + "init",
            "mask": STAND_IN + "mask",
            "strength": 1.0,
        },
    ),
)

RECIPES = BASIC + ADVANCED
"""Every default workflow, in the order the tool writes them."""
