"""Tests of the demo-model training tool: tokenizer, data, metric, loop, and a tiny end-to-end run."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from tools.demo_model import scenes as sc
from tools.demo_model.checkpoint import pack_files, rng_state, set_rng_state
from tools.demo_model.data import SceneStream
from tools.demo_model.evaluate import pair_cases, single_cases
from tools.demo_model.loop import Budget, LoopSettings, run_phase
from tools.demo_model.metric import FILL_BOUNDARIES, REFERENCE_FILL, read_scene, score_pair, score_single
from tools.demo_model.raster import render, to_uint8
from tools.demo_model.tokenizer import (
    BOS_ID,
    EOS_ID,
    TOKENIZER_DIR,
    VOCAB_SIZE,
    caption_token_table,
    load_tokenizer,
    used_token_ids,
    write_tokenizer_files,
)

PROMPTS = [
    "a red circle on a blue background",
    "red circle, blue background",
    "an orange background with a purple star",
    "a green square and a yellow triangle on a white background",
    "A Black STAR against a white background!",
    "",
]


def test_tokenizer_matches_open_clip() -> None:
    import open_clip  # type: ignore[import-untyped]

    ours = load_tokenizer()(PROMPTS)["input_ids"]
    theirs = open_clip.tokenize(PROMPTS, context_length=16)
    for mine, ref in zip(ours, theirs.tolist(), strict=True):
        assert mine == ref[: len(mine)]
        assert all(t == 0 for t in ref[len(mine) :])  # open_clip pads with 0; the pipeline pads with eos


def test_tokenizer_constants_and_files() -> None:
    tok = load_tokenizer()
    assert len(tok) == VOCAB_SIZE == 49408
    assert (
        (tok.bos_token_id, tok.eos_token_id, tok.pad_token_id)
        == (BOS_ID, EOS_ID, EOS_ID)
        == (49406, 49407, 49407)
    )
    assert tok.model_max_length == 16


def test_tokenizer_files_rebuild_identically(tmp_path: Path) -> None:
    write_tokenizer_files(tmp_path)
    for name in ("vocab.json", "merges.txt"):
        assert (tmp_path / name).read_bytes() == (TOKENIZER_DIR / name).read_bytes()


def test_every_caption_fits_the_context() -> None:
    table = caption_token_table(load_tokenizer())
    assert table.shape == (sc.N_SINGLE_CAPTIONS + sc.N_TWO_CAPTIONS + 1, 16)
    assert ((table == EOS_ID).any(dim=1)).all()
    assert table[-1].tolist() == [BOS_ID] + [EOS_ID] * 15  # the empty prompt, as the pipeline pads it
    assert len(used_token_ids(table)) < 40


def _fields(batch: sc.SceneBatch) -> list[torch.Tensor]:
    return [
        batch.n_shapes,
        batch.shape,
        batch.color,
        batch.background,
        batch.center,
        batch.half,
        batch.template,
    ]


def test_scene_sampling_is_deterministic() -> None:
    a, b = sc.scene_chunk(7, "train", 3, 64), sc.scene_chunk(7, "train", 3, 64)
    assert all(torch.equal(x, y) for x, y in zip(_fields(a), _fields(b), strict=True))
    assert torch.equal(render(a), render(b))
    c = sc.scene_chunk(8, "train", 3, 64)
    assert not torch.equal(a.center, c.center)


def test_stream_batches_do_not_depend_on_history() -> None:
    stream = SceneStream(1, "unet", 4, torch.device("cpu"))
    for step in range(3):
        stream.scenes(step)
    later = stream.scenes(70)
    fresh = SceneStream(1, "unet", 4, torch.device("cpu")).scenes(70)
    assert all(torch.equal(x, y) for x, y in zip(_fields(later), _fields(fresh), strict=True))


def test_scenes_are_valid_and_held_out_triples_never_occur() -> None:
    s = sc.sample_scenes(20000, torch.Generator().manual_seed(0))
    held = set(sc.HELD_OUT)
    for slot in (0, 1):
        active = s.n_shapes > slot
        triples = zip(
            s.color[active, slot].tolist(),
            s.shape[active, slot].tolist(),
            s.background[active].tolist(),
            strict=True,
        )
        assert not held & set(triples)
        assert (s.color[active, slot] != s.background[active]).all()
        lo, hi = (
            s.center[active, slot] - s.half[active, slot, None],
            s.center[active, slot] + s.half[active, slot, None],
        )
        assert (lo >= sc.PAD - 1e-4).all()
        assert (hi <= sc.IMAGE_SIZE - sc.PAD + 1e-4).all()
    two = s.n_shapes == 2
    gap = (s.center[two, 1, 0] - s.half[two, 1]) - (s.center[two, 0, 0] + s.half[two, 0])
    assert (gap >= sc.MIN_GAP - 1e-4).all()  # no overlap, and slot 0 is the left shape
    assert 0.35 < two.float().mean() < 0.45


def test_captions_follow_the_index_and_name_the_left_shape_first() -> None:
    s = sc.scene_chunk(0, "captions", 0, 200)
    texts = sc.caption_texts(s)
    for i, text in enumerate(texts):
        words = text.replace(",", "").split()
        left = words.index(sc.SHAPES[int(s.shape[i, 0])])
        assert sc.COLORS[int(s.color[i, 0])] == words[left - 1]
        if s.n_shapes[i] == 2:
            right = len(words) - 1 - words[::-1].index(sc.SHAPES[int(s.shape[i, 1])])
            assert left < right
            assert sc.COLORS[int(s.color[i, 1])] == words[right - 1]
    assert "a orange" not in " ".join(sc.all_captions())


def test_reference_fill_ratios_are_measured_on_the_renderer() -> None:
    s = sc.scene_chunk(5, "fills", 0, 400)
    images = to_uint8(render(s))
    fills: dict[int, list[float]] = {k: [] for k in range(len(sc.SHAPES))}
    for i, image in enumerate(images):
        for slot, reading in enumerate(read_scene(image).left_to_right()):
            fills[int(s.shape[i, slot])].append(reading.fill)
    for shape, values in fills.items():
        assert abs(np.mean(values) - REFERENCE_FILL[shape]) < 0.02
    assert max(fills[3]) < FILL_BOUNDARIES[0] < min(fills[2])


def test_metric_scores_ground_truth_as_correct() -> None:
    s = sc.scene_chunk(9, "metric", 0, 300)
    images = to_uint8(render(s))
    for i, image in enumerate(images):
        bg, c, shp = int(s.background[i]), s.color[i].tolist(), s.shape[i].tolist()
        if s.n_shapes[i] == 1:
            assert score_single(image, c[0], shp[0], bg).all
        else:
            assert score_pair(image, (c[0], shp[0]), (c[1], shp[1]), bg).all


def test_evaluation_prompts_are_held_out_and_scorable() -> None:
    singles, pairs = single_cases(), pair_cases()
    assert len(singles) == 32
    assert len(pairs) == 16
    held = set(sc.HELD_OUT)
    for case in pairs:
        assert any((c, s, case.background) in held for c, s in case.shapes)
    cases = singles + pairs
    truth = to_uint8(render(sc.fixed_scenes([c.shapes for c in cases], [c.background for c in cases])))
    for case, image in zip(cases, truth, strict=True):
        if len(case.shapes) == 1:
            assert score_single(image, *case.shapes[0], case.background).all
        else:
            assert score_pair(image, case.shapes[0], case.shapes[1], case.background).all


class _ToyTrainer:
    """A least-squares fit with the loop's trainer interface, to test the loop in milliseconds."""

    name = "toy"

    def __init__(self, fail_at: int | None = None, nan_at: int | None = None, sleep: float = 0.0) -> None:
        self.hparams: dict[str, Any] = {"lr": 0.05}
        self.w = torch.zeros(4, requires_grad=True)
        self.optimizer = torch.optim.AdamW([self.w], lr=0.05)
        self.generator = torch.Generator().manual_seed(0)
        self.fail_at, self.nan_at, self.sleep = fail_at, nan_at, sleep
        self.lr_scale = 1.0

    def train_step(self, step: int) -> torch.Tensor:
        if step == self.fail_at:
            raise KeyboardInterrupt
        time.sleep(self.sleep)
        x = torch.randn(8, 4, generator=self.generator)
        loss = ((x @ self.w - x.sum(1)) ** 2).mean()
        self.optimizer.zero_grad()
        torch.autograd.backward(loss)
        self.optimizer.step()
        if step == self.nan_at:
            self.nan_at = None
            return torch.tensor(float("nan"))
        return loss.detach()

    def state_dict(self) -> dict[str, Any]:
        return {"w": self.w.detach().clone(), "rng": rng_state(self.generator)}

    def optimizer_state(self) -> dict[str, Any]:
        return self.optimizer.state_dict()

    def load_state(self, state: dict[str, Any], optim: dict[str, Any]) -> None:
        with torch.no_grad():
            self.w.copy_(state["w"])
        self.optimizer.load_state_dict(optim)
        set_rng_state(state["rng"], self.generator)

    def set_lr_scale(self, scale: float) -> None:
        self.lr_scale = scale


SETTINGS = LoopSettings(log_every=5, ckpt_every_steps=5, ckpt_every_seconds=1e9)


def test_interrupted_phase_resumes_exactly(tmp_path: Path) -> None:
    straight = _ToyTrainer()
    result = run_phase(straight, tmp_path / "a", Budget(20, None), SETTINGS)
    assert (result.steps, result.stopped_by) == (20, "steps")
    with pytest.raises(KeyboardInterrupt):
        run_phase(_ToyTrainer(fail_at=13), tmp_path / "b", Budget(20, None), SETTINGS)
    resumed = _ToyTrainer()
    assert run_phase(resumed, tmp_path / "b", Budget(20, None), SETTINGS).steps == 20
    assert torch.equal(straight.w, resumed.w)
    again = _ToyTrainer()
    assert run_phase(again, tmp_path / "b", Budget(20, None), SETTINGS).stopped_by == "done-before"
    assert torch.equal(again.w, resumed.w)


def test_non_finite_loss_goes_back_with_a_lower_rate(tmp_path: Path) -> None:
    trainer = _ToyTrainer(nan_at=7)
    result = run_phase(trainer, tmp_path, Budget(15, None), SETTINGS)
    assert (result.steps, result.recoveries, trainer.lr_scale) == (15, 1, 0.5)


def test_time_limit_stops_the_phase_and_records_steps(tmp_path: Path) -> None:
    result = run_phase(_ToyTrainer(sleep=0.01), tmp_path, Budget(None, time.monotonic() + 0.5), SETTINGS)
    assert result.stopped_by == "time"
    assert 5 < result.steps < 60
    assert json.loads((tmp_path / "done.json").read_text())["steps"] == result.steps


def test_pack_files_keeps_to_the_size_limit(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"x" * 3000)
    (tmp_path / "b").write_bytes(b"x" * 9000)
    (tmp_path / "c").write_bytes(b"x" * 100)
    packed = pack_files(tmp_path, ["a", "b", "missing", "c"], tmp_path / "out.tar", max_bytes=16000)
    assert packed == ["a", "c"]
    assert (tmp_path / "out.tar").stat().st_size <= 16000


@pytest.mark.slow
def test_smoke_run_exports_a_loadable_pipeline(tmp_path: Path) -> None:
    from diffusers.pipelines.stable_diffusion.pipeline_stable_diffusion import StableDiffusionPipeline
    from tools.demo_model.cli import main

    run_dir, out = tmp_path / "run", tmp_path / "model"
    args = ["all", "--smoke", "--run-dir", str(run_dir), "--out", str(out), "--vae-steps", "3"]
    args += ["--vae-decoder-steps", "2", "--unet-steps", "4", "--eval-limit", "1", "--eval-steps", "2"]
    assert main(args) == 0
    assert main(args) == 0  # a second run finds every phase done and only exports and evaluates again
    index = json.loads((out / "model_index.json").read_text())
    assert index["safety_checker"] == [None, None]
    assert index["requires_safety_checker"] is False
    assert index.get("image_encoder", [None, None]) == [None, None]
    assert sum(f.stat().st_size for f in out.rglob("*") if f.is_file()) < 15e6
    assert "trained from scratch on synthetic data by" in (out / "README.md").read_text().replace("\n", " ")
    pipe = StableDiffusionPipeline.from_pretrained(str(out), local_files_only=True)  # plain load, as users do
    assert pipe.unet.dtype == pipe.text_encoder.dtype == torch.float32
    embedding = pipe.text_encoder.get_input_embeddings().weight
    nonzero = (embedding != 0).any(dim=1).nonzero().flatten()
    assert set(nonzero.tolist()) <= set(used_token_ids(caption_token_table(load_tokenizer())).tolist())
    assert BOS_ID in nonzero.tolist()
    assert EOS_ID in nonzero.tolist()
    image = pipe("a red star on a blue background", num_inference_steps=2, output_type="np").images[0]
    assert image.shape == (64, 64, 3)
    run = json.loads((run_dir / "run.json").read_text())
    assert run["phases"]["unet"]["steps"] == 4
    assert "--unet-steps 4" in run["reproduce"]
    assert (run_dir / "eval.json").is_file()
