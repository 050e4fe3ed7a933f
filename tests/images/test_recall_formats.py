"""Recall from ComfyUI and InvokeAI images (hand-written chunks), format priority, and garbage input."""

from __future__ import annotations

import json
import random
from typing import Any

from impasto.images.metadata import parse_recall

# A txt2img graph: checkpoint -> two chained LoRA loaders -> KSampler; CLIP skip; the positive prompt
# goes through a ControlNet and a combiner; the seed comes from a seed node; a second (hires) KSampler.
COMFY_PROMPT: dict[str, Any] = {
    "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "dreamshaper_8.safetensors"}},
    "10": {
        "class_type": "LoraLoader",
        "inputs": {
            "model": ["4", 0],
            "clip": ["4", 1],
            "lora_name": "add_detail.safetensors",
            "strength_model": 0.7,
            "strength_clip": 0.7,
        },
    },
    "11": {
        "class_type": "LoraLoader",
        "inputs": {
            "model": ["10", 0],
            "clip": ["10", 1],
            "lora_name": "film_grain.safetensors",
            "strength_model": 0.4,
            "strength_clip": 1.0,
        },
    },
    "12": {"class_type": "CLIPSetLastLayer", "inputs": {"clip": ["11", 1], "stop_at_clip_layer": -2}},
    "6": {"class_type": "CLIPTextEncode", "inputs": {"clip": ["12", 0], "text": "a cozy cabin\nin snow"}},
    "7": {"class_type": "CLIPTextEncode", "inputs": {"clip": ["12", 0], "text": "blurry, watermark"}},
    "13": {"class_type": "CLIPTextEncode", "inputs": {"clip": ["12", 0], "text": "warm light"}},
    "14": {
        "class_type": "ConditioningCombine",
        "inputs": {"conditioning_1": ["6", 0], "conditioning_2": ["13", 0]},
    },
    "20": {"class_type": "ControlNetLoader", "inputs": {"control_net_name": "control_canny.pth"}},
    "21": {
        "class_type": "ControlNetApplyAdvanced",
        "inputs": {
            "positive": ["14", 0],
            "negative": ["7", 0],
            "control_net": ["20", 0],
            "image": ["30", 0],
            "strength": 0.8,
            "start_percent": 0.0,
            "end_percent": 0.6,
        },
    },
    "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 768, "height": 512, "batch_size": 1}},
    "15": {"class_type": "Seed (rgthree)", "inputs": {"seed": 424242}},
    "3": {
        "class_type": "KSampler",
        "inputs": {
            "seed": ["15", 0],
            "steps": 25,
            "cfg": 6.5,
            "sampler_name": "dpmpp_2m",
            "scheduler": "karras",
            "denoise": 1.0,
            "model": ["11", 0],
            "positive": ["21", 0],
            "negative": ["21", 1],
            "latent_image": ["5", 0],
        },
    },
    "16": {"class_type": "LatentUpscale", "inputs": {"samples": ["3", 0], "upscale_method": "nearest-exact"}},
    "17": {
        "class_type": "KSampler",
        "inputs": {
            "seed": 1,
            "steps": 10,
            "cfg": 4,
            "sampler_name": "euler",
            "scheduler": "normal",
            "denoise": 0.5,
            "model": ["11", 0],
            "positive": ["21", 0],
            "negative": ["21", 1],
            "latent_image": ["16", 0],
        },
    },
    "30": {"class_type": "LoadImage", "inputs": {"image": "edges.png"}},
    "31": {"class_type": "VAELoader", "inputs": {"vae_name": "vae-ft-mse.safetensors"}},
    "8": {"class_type": "VAEDecode", "inputs": {"samples": ["17", 0], "vae": ["31", 0]}},
    "9": {"class_type": "SaveImage", "inputs": {"images": ["8", 0], "filename_prefix": "ComfyUI"}},
}


def test_comfy_prompt_graph_with_lora_chain_control_and_combined_prompt() -> None:
    got = parse_recall({"prompt": json.dumps(COMFY_PROMPT)})
    assert got.source == "comfyui"
    assert (got.seed, got.steps, got.cfg_scale) == (424242, 25, 6.5)
    assert got.sampler == "dpmpp_2m karras"
    assert got.scheduler == "dpmpp_2m_k"
    assert got.positive_prompt == "a cozy cabin\nin snow, warm light"
    assert got.negative_prompt == "blurry, watermark"
    assert got.model is not None
    assert got.model.name == "dreamshaper_8.safetensors"
    assert [(lora.name, lora.weight) for lora in got.loras] == [
        ("add_detail.safetensors", 0.7),
        ("film_grain.safetensors", 0.4),
    ]
    assert (got.width, got.height, got.mode) == (768, 512, "txt2img")
    assert got.clip_skip == 1
    assert got.vae is not None
    assert got.vae.name == "vae-ft-mse.safetensors"
    assert len(got.control) == 1
    assert got.control[0].model is not None
    assert got.control[0].model.name == "control_canny.pth"
    assert (got.control[0].weight, got.control[0].end) == (0.8, 0.6)
    assert got.unread == []


def test_comfy_flux_graph_with_custom_sampler() -> None:
    prompt = {
        "1": {
            "class_type": "UNETLoader",
            "inputs": {"unet_name": "flux1-dev.safetensors", "weight_dtype": "fp8"},
        },
        "2": {"class_type": "CLIPTextEncode", "inputs": {"clip": ["9", 0], "text": "a neon sign"}},
        "3": {"class_type": "FluxGuidance", "inputs": {"conditioning": ["2", 0], "guidance": 3.5}},
        "4": {"class_type": "BasicGuider", "inputs": {"model": ["1", 0], "conditioning": ["3", 0]}},
        "5": {"class_type": "RandomNoise", "inputs": {"noise_seed": 77}},
        "6": {"class_type": "KSamplerSelect", "inputs": {"sampler_name": "euler"}},
        "7": {
            "class_type": "BasicScheduler",
            "inputs": {"model": ["1", 0], "scheduler": "simple", "steps": 20, "denoise": 1},
        },
        "8": {"class_type": "EmptySD3LatentImage", "inputs": {"width": 1024, "height": 768, "batch_size": 1}},
        "10": {
            "class_type": "SamplerCustomAdvanced",
            "inputs": {
                "noise": ["5", 0],
                "guider": ["4", 0],
                "sampler": ["6", 0],
                "sigmas": ["7", 0],
                "latent_image": ["8", 0],
            },
        },
    }
    got = parse_recall({"prompt": json.dumps(prompt)})
    assert (got.seed, got.steps, got.scheduler) == (77, 20, "euler")
    assert got.positive_prompt == "a neon sign"
    assert got.model is not None
    assert got.model.name == "flux1-dev.safetensors"
    assert (got.width, got.height) == (1024, 768)


def test_comfy_img2img_reads_denoise_as_strength() -> None:
    prompt = {
        "1": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "m.ckpt"}},
        "2": {"class_type": "VAEEncode", "inputs": {"pixels": ["9", 0], "vae": ["1", 2]}},
        "3": {
            "class_type": "KSampler",
            "inputs": {
                "seed": 3,
                "steps": 20,
                "cfg": 7,
                "sampler_name": "euler_ancestral",
                "scheduler": "normal",
                "denoise": 0.55,
                "model": ["1", 0],
                "positive": ["4", 0],
                "negative": ["4", 0],
                "latent_image": ["2", 0],
            },
        },
        "4": {"class_type": "CLIPTextEncode", "inputs": {"clip": ["1", 1], "text": "x"}},
    }
    got = parse_recall({"prompt": json.dumps(prompt)})
    assert (got.mode, got.strength, got.scheduler) == ("img2img", 0.55, "euler_a")


def test_comfy_editor_workflow_is_the_fallback() -> None:
    workflow = {
        "nodes": [
            {
                "id": 4,
                "type": "CheckpointLoaderSimple",
                "widgets_values": ["sdxl_base.safetensors"],
                "inputs": [],
            },
            {
                "id": 6,
                "type": "CLIPTextEncode",
                "widgets_values": ["a mossy rock"],
                "inputs": [{"name": "clip", "link": 1}],
            },
            {
                "id": 7,
                "type": "CLIPTextEncode",
                "widgets_values": ["text, logo"],
                "inputs": [{"name": "clip", "link": 2}],
            },
            {"id": 5, "type": "EmptyLatentImage", "widgets_values": [1024, 1024, 1], "inputs": []},
            {
                "id": 3,
                "type": "KSampler",
                "widgets_values": [8675309, "randomize", 30, 5.5, "dpmpp_2m_sde", "karras", 1],
                "inputs": [
                    {"name": "model", "link": 3},
                    {"name": "positive", "link": 4},
                    {"name": "negative", "link": 5},
                    {"name": "latent_image", "link": 6},
                ],
            },
            {
                "id": 99,
                "type": "KSampler",
                "mode": 4,
                "widgets_values": [1, "fixed", 1, 1, "euler", "normal", 1],
            },
        ],
        "links": [
            [1, 4, 1, 6, 0, "CLIP"],
            [2, 4, 1, 7, 0, "CLIP"],
            [3, 4, 0, 3, 0, "MODEL"],
            [4, 6, 0, 3, 1, "CONDITIONING"],
            [5, 7, 0, 3, 2, "CONDITIONING"],
            [6, 5, 0, 3, 3, "LATENT"],
        ],
    }
    got = parse_recall({"workflow": json.dumps(workflow)})
    assert (got.seed, got.steps, got.cfg_scale, got.scheduler) == (8675309, 30, 5.5, "dpmpp_2m_sde_k")
    assert (got.positive_prompt, got.negative_prompt) == ("a mossy rock", "text, logo")
    assert got.model is not None
    assert got.model.name == "sdxl_base.safetensors"
    assert (got.width, got.height) == (1024, 1024)


INVOKE_METADATA = {
    "generation_mode": "sdxl_txt2img",
    "positive_prompt": "a koi pond, watercolor",
    "negative_prompt": "",
    "positive_style_prompt": "soft",
    "width": 1024,
    "height": 1024,
    "seed": 3141592,
    "rand_device": "cpu",
    "cfg_scale": 6,
    "cfg_rescale_multiplier": 0,
    "steps": 32,
    "scheduler": "dpmpp_3m_k",
    "seamless_x": False,
    "seamless_y": True,
    "clip_skip": 0,
    "model": {"key": "9a8b", "hash": "blake3:abcd", "name": "Juggernaut XL", "base": "sdxl", "type": "main"},
    "vae": {"key": "v1", "hash": "blake3:ef", "name": "sdxl-vae-fp16-fix", "base": "sdxl", "type": "vae"},
    "loras": [
        {"model": {"key": "l1", "hash": "blake3:11", "name": "pixel art", "base": "sdxl"}, "weight": 0.9}
    ],
    "controlnets": [
        {
            "image": {"image_name": "c0ffee.png"},
            "control_model": {"key": "c1", "name": "canny-sdxl"},
            "control_weight": 0.7,
            "begin_step_percent": 0,
            "end_step_percent": 0.5,
            "control_mode": "balanced",
        }
    ],
    "refiner_model": {"key": "r", "name": "refiner-xl", "base": "sdxl-refiner"},
    "refiner_steps": 20,
    "refiner_start": 0.75,
    "app_version": "6.14.0",
    "canvas_v2_metadata": {"layers": []},
}


def test_invokeai_metadata() -> None:
    got = parse_recall(
        {"invokeai_metadata": json.dumps(INVOKE_METADATA), "invokeai_graph": json.dumps({"nodes": {}})}
    )
    assert got.source == "invokeai"
    assert got.mode == "txt2img"
    assert got.positive_prompt == "a koi pond, watercolor"
    assert got.positive_style_prompt == "soft"
    assert (got.seed, got.steps, got.cfg_scale, got.scheduler) == (3141592, 32, 6, "dpmpp_3m_k")
    assert got.model is not None
    assert (got.model.key, got.model.base) == ("9a8b", "sdxl")
    assert got.vae is not None
    assert got.vae.name == "sdxl-vae-fp16-fix"
    assert [(lora.name, lora.key, lora.weight) for lora in got.loras] == [("pixel art", "l1", 0.9)]
    assert got.control[0].image_name == "c0ffee.png"
    assert got.control[0].weight == 0.7
    assert got.refiner_model is not None
    assert got.refiner_model.name == "refiner-xl"
    assert (got.refiner_steps, got.refiner_start, got.seamless_y) == (20, 0.75, True)
    assert got.app == "InvokeAI 6.14.0"
    assert "canvas_v2_metadata" in got.extra


def test_old_invokeai_shapes_and_graph_fallback() -> None:
    old = {
        "model": {"model_name": "sd-1.5", "base_model": "sd-1"},
        "loras": [{"lora": {"model_name": "x", "base_model": "sd-1"}, "weight": 0.5}],
        "steps": 10,
    }
    got = parse_recall({"invokeai_metadata": json.dumps(old)})
    assert got.model is not None
    assert (got.model.name, got.model.base) == ("sd-1.5", "sd-1")
    assert got.loras[0].name == "x"
    assert got.loras[0].weight == 0.5
    graph = {
        "id": "g",
        "nodes": {
            "core_metadata": {
                "id": "core_metadata",
                "type": "core_metadata",
                "seed": 9,
                "steps": 4,
                "positive_prompt": "from graph",
            }
        },
        "edges": [],
    }
    got = parse_recall({"invokeai_graph": json.dumps(graph)})
    assert (got.seed, got.steps, got.positive_prompt) == (9, 4, "from graph")
    workflow = {
        "nodes": [
            {
                "id": "n",
                "type": "invocation",
                "data": {
                    "id": "n",
                    "type": "core_metadata",
                    "inputs": {"seed": {"name": "seed", "value": 11}},
                },
            }
        ]
    }
    assert parse_recall({"invokeai_workflow": json.dumps(workflow)}).seed == 11


def test_priority_impasto_then_invokeai_then_a1111_then_comfy() -> None:
    a1111 = "p\nSteps: 5, Sampler: Euler, CFG scale: 7, Seed: 1"
    impasto = json.dumps({"positive_prompt": "ours", "steps": 9})
    assert parse_recall({"parameters": a1111, "impasto_metadata": impasto}).source == "impasto"
    assert (
        parse_recall({"parameters": a1111, "invokeai_metadata": json.dumps({"steps": 3})}).source
        == "invokeai"
    )
    assert parse_recall({"parameters": a1111, "prompt": json.dumps(COMFY_PROMPT)}).source == "a1111"
    assert parse_recall({"Software": "GIMP"}).source is None


def test_partly_broken_metadata_keeps_what_it_can() -> None:
    broken = {"positive_prompt": "fine", "seed": "not a number", "loras": "nope", "bogus": 1}
    got = parse_recall({"impasto_metadata": json.dumps(broken)})
    assert got.positive_prompt == "fine"
    assert got.seed is None
    assert any(note.startswith("seed") for note in got.unread)
    assert any(note.startswith("loras") for note in got.unread)
    assert "not valid JSON" in parse_recall({"invokeai_metadata": "{oops"}).unread[0]
    assert parse_recall({"prompt": json.dumps({"1": {"class_type": "Note", "inputs": {}}})}).unread


def _garbage(rng: random.Random, depth: int = 0) -> Any:
    choice = rng.randrange(8 if depth < 4 else 5)
    if choice == 0:
        return rng.randrange(-(2**70), 2**70)
    if choice == 1:
        return rng.random() * rng.choice([1, -1e308, 1e308])
    if choice == 2:
        return "".join(chr(rng.randrange(0, 0x2FFF)) for _ in range(rng.randrange(30)))
    if choice == 3:
        return rng.choice([None, True, False, [], {}])
    if choice == 4:
        return ["1", rng.randrange(3)]
    if choice == 5:
        return [_garbage(rng, depth + 1) for _ in range(rng.randrange(4))]
    keys = [
        "class_type",
        "inputs",
        "seed",
        "text",
        "model",
        "nodes",
        "links",
        "steps",
        "loras",
        "type",
        "widgets_values",
    ]
    return {rng.choice([*keys, str(rng.random())]): _garbage(rng, depth + 1) for _ in range(rng.randrange(6))}


def test_fuzzed_and_garbage_chunks_never_raise() -> None:
    rng = random.Random(1234)
    keys = [
        "impasto_metadata",
        "invokeai_metadata",
        "invokeai_graph",
        "invokeai_workflow",
        "parameters",
        "prompt",
        "workflow",
    ]
    for _ in range(600):
        chunks = {}
        for key in rng.sample(keys, rng.randrange(1, 3)):
            value = _garbage(rng)
            if rng.random() < 0.3 and key == "prompt" and isinstance(value, dict):
                value = {
                    str(i): {
                        "class_type": rng.choice(["KSampler", "LoraLoader", "CLIPTextEncode"]),
                        "inputs": value,
                    }
                    for i in range(3)
                }
            text = (
                json.dumps(value)
                if rng.random() < 0.8
                else "".join(chr(rng.randrange(1, 0x3000)) for _ in range(200))
            )
            chunks[key] = text
        recall = parse_recall(chunks)
        assert isinstance(recall.unread, list)
    cyclic = {
        "1": {
            "class_type": "KSampler",
            "inputs": {"seed": ["1", 0], "model": ["2", 0], "positive": ["3", 0]},
        },
        "2": {"class_type": "LoraLoader", "inputs": {"model": ["2", 0], "lora_name": "loop"}},
        "3": {"class_type": "ConditioningCombine", "inputs": {"conditioning_1": ["3", 0]}},
    }
    assert parse_recall({"prompt": json.dumps(cyclic)}).source == "comfyui"
    assert parse_recall({"parameters": "\x00" * 5000 + ":" * 3000 + ", " * 2000}).source == "a1111"


def test_invokeai_flux_metadata_names_its_text_encoders() -> None:
    flux = {
        "generation_mode": "flux_txt2img", "positive_prompt": "a cat", "guidance": 4, "cfg_scale": 1,
        "model": {"name": "FLUX Dev (Quantized)", "base": "flux", "key": "k1", "hash": "blake3:1"},
        "t5_encoder": {"name": "t5_bnb_int8_quantized_encoder", "base": "any", "key": "k2"},
        "clip_embed_model": {"name": "clip-vit-large-patch14", "base": "any", "key": "k3"},
        "vae": {"name": "FLUX.1-schnell_ae", "base": "flux", "key": "k4"},
    }  # fmt: skip
    got = parse_recall({"invokeai_metadata": json.dumps(flux)})
    assert (got.mode, got.guidance, got.cfg_scale) == ("txt2img", 4, 1)
    assert got.t5_encoder is not None
    assert got.clip_embed is not None
    assert got.vae is not None
    assert (got.t5_encoder.name, got.clip_embed.name, got.vae.name) == (
        "t5_bnb_int8_quantized_encoder", "clip-vit-large-patch14", "FLUX.1-schnell_ae",
    )  # fmt: skip
    assert "t5_encoder" not in got.extra
