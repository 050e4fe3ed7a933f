"""AUTOMATIC1111 infotext: the exact text we write, and reading hand-written texts of A1111 and Forge."""

from __future__ import annotations

from impasto.images.metadata import GenerationMetadata, parse_recall
from impasto.images.metadata.a1111 import format_infotext
from impasto.images.metadata.schedulers import from_a1111, from_comfy, to_a1111

SHA_MODEL = "sha256:" + "45dee52b" + "0" * 56
SHA_LORA = "sha256:" + "a1b2c3d4e5f6" + "1" * 52


def recall(text: str) -> dict[str, object]:
    return parse_recall({"parameters": text}).model_dump(exclude_defaults=True)


def test_written_infotext_has_a1111_order_quoting_and_lora_tags() -> None:
    meta = GenerationMetadata(
        mode="txt2img",
        positive_prompt="a castle, at dusk",
        negative_prompt="blurry",
        model={"name": "dreamy", "hash": SHA_MODEL},
        loras=[{"name": "ink", "weight": 0.75, "hash": SHA_LORA}, {"name": "nohash", "hash": "blake3:ff"}],
        seed=965400086,
        steps=20,
        cfg_scale=7.0,
        scheduler="euler_a",
        width=512,
        height=768,
        clip_skip=1,
    )
    assert format_infotext(meta, version="Impasto 1.2.3") == (
        "a castle, at dusk <lora:ink:0.75> <lora:nohash:1>\n"
        "Negative prompt: blurry\n"
        "Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 965400086, Size: 512x768, "
        'Model hash: 45dee52b00, Model: dreamy, Clip skip: 2, Lora hashes: "ink: a1b2c3d4e5f6", '
        "Version: Impasto 1.2.3"
    )


def test_written_infotext_of_img2img_with_karras_and_quoted_model_name() -> None:
    meta = GenerationMetadata(
        mode="img2img",
        positive_prompt="p",
        seed=1,
        steps=30,
        cfg_scale=5.5,
        scheduler="dpmpp_2m_k",
        strength=0.6,
        model={"name": "odd, name: v2"},
    )
    last = format_infotext(meta).splitlines()[-1]
    assert last == (
        "Steps: 30, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 5.5, Seed: 1, "
        'Model: "odd, name: v2", Denoising strength: 0.6'
    )
    assert "Negative prompt" not in format_infotext(meta)


def test_our_infotext_reads_back() -> None:
    meta = GenerationMetadata(
        mode="img2img",
        positive_prompt="line one\nline two, with comma",
        negative_prompt="neg one\nneg two",
        loras=[{"name": "ink", "weight": 0.5, "hash": SHA_LORA}],
        seed=7,
        steps=12,
        cfg_scale=6.5,
        scheduler="dpmpp_sde_k",
        width=640,
        height=448,
        strength=0.35,
        model={"name": "m, with comma"},
        refiner_model={"name": "refiner"},
        refiner_start=0.8,
    )
    got = parse_recall({"parameters": format_infotext(meta)})
    assert got.positive_prompt == meta.positive_prompt
    assert got.negative_prompt == meta.negative_prompt
    assert (got.seed, got.steps, got.cfg_scale, got.scheduler) == (7, 12, 6.5, "dpmpp_sde_k")
    assert (got.width, got.height, got.strength, got.mode) == (640, 448, 0.35, "img2img")
    assert got.model is not None
    assert got.model.name == "m, with comma"
    assert [(lora.name, lora.weight, lora.hash) for lora in got.loras] == [("ink", 0.5, "a1b2c3d4e5f6")]
    assert got.refiner_model is not None
    assert got.refiner_model.name == "refiner"
    assert got.refiner_start == 0.8


def test_a1111_text_with_multiline_prompts_loras_and_hires() -> None:
    text = (
        "masterpiece, 1girl, (smile:1.2)\n"
        "standing in the rain <lora:rainy_v2:0.65>, <lora:film:1>\n"
        "Negative prompt: lowres, bad anatomy,\n"
        "extra fingers\n"
        "Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 1234567890, "
        "Size: 512x768, Model hash: 7f96a1a9ca, Model: anyLoRA_v1, Denoising strength: 0.45, "
        'Clip skip: 2, Hires upscale: 2, Hires steps: 10, Hires upscaler: "4x-UltraSharp", '
        'Lora hashes: "rainy_v2: 0123456789ab, film: ba9876543210", TI hashes: "easyneg: 1111", '
        "ENSD: 31337, Version: v1.10.0"
    )
    got = parse_recall({"parameters": text})
    assert got.source == "a1111"
    assert got.positive_prompt == "masterpiece, 1girl, (smile:1.2)\nstanding in the rain"
    assert got.negative_prompt == "lowres, bad anatomy,\nextra fingers"
    assert (got.steps, got.sampler, got.scheduler, got.cfg_scale) == (28, "DPM++ 2M", "dpmpp_2m_k", 6.5)
    assert (got.seed, got.width, got.height, got.clip_skip) == (1234567890, 512, 768, 1)
    assert got.model is not None
    assert (got.model.name, got.model.hash) == ("anyLoRA_v1", "7f96a1a9ca")
    assert (got.hires_scale, got.hires_steps, got.hires_upscaler) == (2.0, 10, "4x-UltraSharp")
    assert got.hires_strength == 0.45
    assert got.strength is None
    assert got.mode == "txt2img"
    assert [(lora.name, lora.weight, lora.hash) for lora in got.loras] == [
        ("rainy_v2", 0.65, "0123456789ab"),
        ("film", 1.0, "ba9876543210"),
    ]
    assert got.app == "v1.10.0"
    assert got.extra == {"TI hashes": "easyneg: 1111", "ENSD": "31337"}
    assert any("ENSD" in note for note in got.unread)


def test_missing_negative_prompt_and_old_combined_karras_sampler() -> None:
    got = recall(
        "a red fox\nSteps: 20, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 5, Size: 768x512, Model: fox"
    )
    assert got["positive_prompt"] == "a red fox"
    assert "negative_prompt" not in got
    assert got["scheduler"] == "dpmpp_2m_k"
    assert (got["width"], got["height"]) == (768, 512)


def test_sdxl_refiner_and_forge_keys() -> None:
    got = parse_recall(
        {
            "parameters": "a lighthouse\nNegative prompt: fog\n"
            "Steps: 30, Sampler: Euler, Schedule type: Automatic, CFG scale: 5, Seed: 99, Size: 1024x1024, "
            "Model hash: 31e35c80fc, Model: sd_xl_base_1.0, Refiner: sd_xl_refiner_1.0 [7440042bbd], "
            "Refiner switch at: 0.8, Distilled CFG Scale: 3.5, Version: f2.0.1v1.10.1"
        }
    )
    assert got.scheduler == "euler"
    assert got.refiner_model is not None
    assert (got.refiner_model.name, got.refiner_model.hash) == ("sd_xl_refiner_1.0", "7440042bbd")
    assert got.refiner_start == 0.8
    assert got.guidance == 3.5


def test_inpaint_keys_mark_inpainting_and_controlnet_units_are_read() -> None:
    got = parse_recall(
        {
            "parameters": "p\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 512x512, "
            "Denoising strength: 0.75, Mask blur: 4, "
            'ControlNet 0: "Module: canny, Model: control_v11p_sd15_canny [d14c016b], Weight: 0.8, '
            'Guidance Start: 0.1, Guidance End: 0.9"'
        }
    )
    assert got.mode == "inpaint"
    assert got.strength == 0.75
    assert len(got.control) == 1
    unit = got.control[0]
    assert unit.processor == "canny"
    assert unit.weight == 0.8
    assert (unit.begin, unit.end) == (0.1, 0.9)
    assert unit.model is not None
    assert unit.model.hash == "d14c016b"


def test_a_last_line_with_fewer_than_three_pairs_is_prompt() -> None:
    got = recall("portrait\nstyle: oil, mood: calm")
    assert got["positive_prompt"] == "portrait\nstyle: oil, mood: calm"
    assert "steps" not in got


def test_bad_values_are_reported_not_raised() -> None:
    got = parse_recall(
        {"parameters": "p\nSteps: many, Sampler: Wobbly 3000, CFG scale: 7, Seed: 12, Size: big"}
    )
    assert got.steps is None
    assert got.cfg_scale == 7
    assert got.seed == 12
    assert got.sampler == "Wobbly 3000"
    assert got.scheduler is None
    assert any("Steps" in note for note in got.unread)
    assert any("Size" in note for note in got.unread)
    assert any("Wobbly" in note for note in got.unread)


def test_scheduler_name_mappings() -> None:
    assert to_a1111("euler") == ("Euler", None)
    assert to_a1111("euler_a") == ("Euler a", None)
    assert to_a1111("dpmpp_2m_k") == ("DPM++ 2M", "Karras")
    assert to_a1111("dpmpp_2m_sde_k") == ("DPM++ 2M SDE", "Karras")
    assert to_a1111("unipc") == ("UniPC", None)
    assert from_a1111("Euler a", None) == "euler_a"
    assert from_a1111("DPM++ SDE", "Karras") == "dpmpp_sde_k"
    assert from_a1111("LCM", "Karras") == "lcm"
    assert from_a1111("Restart", None) is None
    assert from_comfy("euler_ancestral", "normal") == "euler_a"
    assert from_comfy("dpmpp_2m", "karras") == "dpmpp_2m_k"
    assert from_comfy("uni_pc_bh2", "simple") == "unipc"
