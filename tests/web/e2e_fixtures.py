"""Files the browser tests need, written by ``python -m tests.web.e2e_fixtures FOLDER``.

- ``FOLDER/scan/``: a tiny Stable Diffusion 1.x diffusers folder and a kohya LoRA, for "scan a folder and
  install" (the test factory's real formats, so identification is the real one);
- ``FOLDER/a1111.png``: a PNG as AUTOMATIC1111 writes it (a ``parameters`` text chunk), for "drop a PNG
  from another tool and recall its parameters";
- ``FOLDER/ip_adapter/``: a tiny Stable Diffusion 1.x folder, an IP-Adapter made for its UNet in
  InvokeAI's folder layout, and a CLIP-vision encoder for it, for the Reference images section;
- ``FOLDER/control/tiny-controlnet/``: a ControlNet for that tiny SD 1.x UNet, for the canvas's control
  layers;
- ``FOLDER/flux/``: tiny FLUX.1 models for the FLUX controls of the Generate tab (see
  :func:`write_flux_fixtures`), written only once the server generates FLUX: the browser test that uses
  them generates an image, and is skipped while the folder is absent;
- ``FOLDER/packs/e2e-nodes/``: a git repository holding a custom node pack (one node, ``e2e_echo``), for
  "install a pack from a git URL" (the server may install packs from ``FOLDER/packs``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PIL import Image, PngImagePlugin

from impasto.builders.families import RECIPES
from impasto.models.taxonomy import BaseModelType
from tests.models.factory import (
    write_controlnet,
    write_flux_checkpoint,
    write_flux_diffusers,
    write_flux_redux,
    write_lora,
    write_sd1_diffusers,
    write_siglip,
    write_t5_encoder,
)
from tests.models.factory.components import T5_WIDTH
from tests.models.factory.folders import sd1_pipeline
from tests.models.factory.ip_adapters import write_image_encoder, write_invokeai_ip_adapter

A1111_PROMPT = "a green square on a yellow background"
A1111_PARAMETERS = (
    f"{A1111_PROMPT}\n"
    "Negative prompt: blurry, text\n"
    "Steps: 12, Sampler: Euler a, CFG scale: 6.5, Seed: 1234567, Size: 64x64, Model: Impasto Shapes (demo), "
    "Version: v1.10.1"
)


def write_a1111_png(path: Path) -> Path:
    """A 64 px PNG carrying AUTOMATIC1111 infotext."""
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", A1111_PARAMETERS)
    Image.new("RGB", (64, 64), (40, 200, 60)).save(path, pnginfo=info)
    return path


def write_flux_fixtures(folder: Path) -> Path:
    """Tiny FLUX.1 models, each showing the Generate tab another set of controls.

    ``tiny-flux-dev/`` (diffusers folder: guidance, true CFG; the one that generates),
    ``tiny-flux-schnell/`` (no guidance), ``tiny-flux-dev.safetensors`` (the transformer alone in BFL
    layout: the T5 and CLIP-L pickers show), ``tiny-t5/`` (a T5 encoder for that picker to offer), and
    ``tiny-siglip/`` with ``tiny-flux-redux.safetensors`` (a FLUX Redux model as wide as the tiny FLUX's
    text stream) for the Reference images section.
    """
    folder.mkdir(parents=True, exist_ok=True)
    write_flux_diffusers(folder / "tiny-flux-dev", variant="dev")
    write_flux_diffusers(folder / "tiny-flux-schnell", variant="schnell")
    write_flux_checkpoint(folder / "tiny-flux-dev.safetensors", variant="dev")
    write_t5_encoder(folder / "tiny-t5")
    write_siglip(folder / "tiny-siglip")
    write_flux_redux(folder / "tiny-flux-redux.safetensors", width=T5_WIDTH, hidden=48)
    return folder


def write_ip_adapter_fixtures(folder: Path) -> Path:
    """``tiny-sd1/``, ``tiny-ip-adapter/`` (``ip_adapter.bin`` and ``image_encoder.txt``, for that UNet) and
    ``tiny-image-encoder/`` (the CLIP-vision encoder whose embeddings the adapter projects)."""
    folder.mkdir(parents=True, exist_ok=True)
    write_sd1_diffusers(folder / "tiny-sd1")
    write_invokeai_ip_adapter(folder / "tiny-ip-adapter", sd1_pipeline().unet, "plain")
    write_image_encoder(folder / "tiny-image-encoder")
    return folder


def flux_generates() -> bool:
    """Whether a graph recipe generates with FLUX models (then the FLUX browser test runs)."""
    return BaseModelType.FLUX in RECIPES


NODE_PACK = '''"""A custom node pack for the browser tests."""

from impasto.graph import BaseNode, BaseOutput, InputField, NodeContext, OutputField, node


class EchoOutput(BaseOutput):
    value: str = OutputField(description="The text.")


@node("e2e_echo", title="Echo", category="testing")
class EchoNode(BaseNode):
    """Passes a text through."""

    text: str = InputField("", description="The text.")

    def invoke(self, ctx: NodeContext) -> EchoOutput:
        return EchoOutput(value=self.text)
'''


def write_node_pack_repo(folder: Path) -> Path:
    """A git repository whose top is a node pack (committed, so that it clones)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "__init__.py").write_text(NODE_PACK)
    identity = ["-c", "user.name=Impasto tests", "-c", "user.email=tests@impasto.invalid"]
    for command in (["init", "-q"], ["add", "."], [*identity, "commit", "-qm", "An e2e node pack"]):
        subprocess.run(["git", "-C", str(folder), *command], check=True, capture_output=True)
    return folder


def write_fixtures(folder: Path) -> None:
    scan = folder / "scan"
    scan.mkdir(parents=True, exist_ok=True)
    write_sd1_diffusers(scan / "tiny-sd1")
    write_lora(scan / "pixel-style.safetensors", style="kohya", base="sd-1")
    write_a1111_png(folder / "a1111.png")
    write_ip_adapter_fixtures(folder / "ip_adapter")
    write_controlnet(folder / "control" / "tiny-controlnet")
    write_node_pack_repo(folder / "packs" / "e2e-nodes")
    if flux_generates():
        write_flux_fixtures(folder / "flux")


if __name__ == "__main__":
    write_fixtures(Path(sys.argv[1]))
