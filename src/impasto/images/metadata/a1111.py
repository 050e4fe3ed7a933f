"""AUTOMATIC1111 "infotext" (the ``parameters`` chunk that Forge, Fooocus and Civitai also read and write).

Layout: the prompt (any number of lines), an optional ``Negative prompt:`` section (any number of lines),
then one line of ``Key: value`` pairs joined by ``, ``. A value is JSON-quoted only when it contains a
comma, a colon or a newline. A last line with fewer than three pairs is part of the prompt. LoRAs are
written the A1111 way, as ``<lora:name:weight>`` tags appended to the prompt plus a ``Lora hashes`` pair;
the reader takes the tags out of the prompt again and returns them as LoRAs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from impasto.images.metadata.models import ControlUnit, GenerationParameters, LoraRef, ModelRef
from impasto.images.metadata.schedulers import from_a1111, to_a1111

NEGATIVE = "Negative prompt:"
_PAIR = re.compile(r'\s*(\w[\w \-/+.()]*?):\s*("(?:\\.|[^\\"])*"|[^,]*)(?:,|$)')
_LORA_TAG = re.compile(r"<lora:([^:>]+)(?::([^:>]*))?(?::[^>]*)?>", re.IGNORECASE)
_SIZE = re.compile(r"^\s*(\d+)\s*x\s*(\d+)\s*$")
_NAME_AND_HASH = re.compile(r"^(.*?)\s*\[([0-9a-fA-F]{8,64})\]\s*$")
MIN_PAIRS = 3


# --- writing -------------------------------------------------------------------------------------
def format_infotext(meta: GenerationParameters, version: str | None = None) -> str:
    """The infotext of a generation, in A1111's key order."""
    prompt = meta.positive_prompt or ""
    tags = " ".join(f"<lora:{lora.name}:{_number(lora.weight)}>" for lora in meta.loras if lora.name)
    lines = [f"{prompt} {tags}".strip() if tags else prompt]
    if meta.negative_prompt:
        lines.append(f"{NEGATIVE} {meta.negative_prompt}")
    pairs = [(key, value) for key, value in _pairs(meta, version) if value not in (None, "")]
    lines.append(", ".join(f"{key}: {_quote(str(value))}" for key, value in pairs))
    return "\n".join(lines)


def _pairs(meta: GenerationParameters, version: str | None) -> list[tuple[str, Any]]:
    sampler, schedule = to_a1111(meta.scheduler) if meta.scheduler else (None, None)
    hires = meta.hires_scale is not None or meta.hires_steps is not None or meta.hires_width is not None
    strength = meta.hires_strength if hires else (meta.strength if meta.mode != "txt2img" else None)
    model = meta.model or ModelRef()
    vae = meta.vae or ModelRef()
    return [
        ("Steps", meta.steps),
        ("Sampler", sampler),
        ("Schedule type", schedule),
        ("CFG scale", _number(meta.cfg_scale)),
        ("Distilled CFG Scale", _number(meta.guidance)),
        ("Seed", meta.seed),
        ("Size", f"{meta.width}x{meta.height}" if meta.width and meta.height else None),
        ("Model hash", short_hash(model.hash, 10)),
        ("Model", model.name),
        ("VAE hash", short_hash(vae.hash, 10)),
        ("VAE", vae.name),
        ("Denoising strength", _number(strength)),
        ("Clip skip", meta.clip_skip + 1 if meta.clip_skip else None),
        ("Hires upscale", _number(meta.hires_scale)),
        ("Hires resize", f"{meta.hires_width}x{meta.hires_height}" if meta.hires_width else None),
        ("Hires steps", meta.hires_steps),
        ("Hires upscaler", meta.hires_upscaler),
        ("Refiner", _with_hash(meta.refiner_model)),
        ("Refiner switch at", _number(meta.refiner_start)),
        *[(f"ControlNet {i}", _control_text(unit)) for i, unit in enumerate(meta.control)],
        ("Lora hashes", _lora_hashes(meta.loras)),
        ("Version", version),
    ]


def short_hash(value: str | None, length: int) -> str | None:
    """A1111's short form of a SHA-256 hash (other algorithms have none: Civitai would not match them)."""
    if not value:
        return None
    algorithm, _, digest = value.rpartition(":")
    if algorithm not in ("", "sha256") or not re.fullmatch(r"[0-9a-fA-F]{8,64}", digest):
        return None
    return digest[:length].lower()


def _with_hash(model: ModelRef | None) -> str | None:
    if model is None or not model.name:
        return None
    digest = short_hash(model.hash, 10)
    return f"{model.name} [{digest}]" if digest else model.name


def _lora_hashes(loras: list[LoraRef]) -> str | None:
    pairs = [(lora.name, short_hash(lora.hash, 12)) for lora in loras if lora.name]
    text = ", ".join(f"{name}: {digest}" for name, digest in pairs if digest)
    return text or None


def _control_text(unit: ControlUnit) -> str:
    parts = [
        ("Module", unit.processor or "none"),
        ("Model", _with_hash(unit.model)),
        ("Weight", _number(unit.weight)),
        ("Guidance Start", _number(unit.begin)),
        ("Guidance End", _number(unit.end)),
        ("Control Mode", unit.control_mode),
    ]
    return ", ".join(f"{key}: {value}" for key, value in parts if value not in (None, ""))


def _number(value: float | None) -> str | None:
    if value is None:
        return None
    return str(int(value)) if float(value).is_integer() else f"{value:.4f}".rstrip("0")


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False) if any(c in text for c in ",:\n") else text


# --- reading -------------------------------------------------------------------------------------
def parse_infotext(text: str) -> tuple[dict[str, Any], list[str]]:
    """Recall fields from an infotext, and what could not be read. Never raises on odd input."""
    lines = text.strip().replace("\r\n", "\n").split("\n")
    pairs = pairs_of(lines[-1]) if lines else []
    if len(pairs) >= MIN_PAIRS:
        lines = lines[:-1]
    else:
        pairs = []
    positive, negative = _prompts(lines)
    fields: dict[str, Any] = {"source": "a1111"}
    positive, loras = _take_lora_tags(positive)
    fields["positive_prompt"] = positive
    if negative is not None:
        fields["negative_prompt"] = negative
    reader = _PairReader(fields, loras)
    for key, value in pairs:
        reader.read(key, value)
    return reader.finish(), reader.unread


def pairs_of(line: str) -> list[tuple[str, str]]:
    """The ``Key: value`` pairs of one line, quoted values decoded."""
    return [(key.strip(), _unquote(value.strip())) for key, value in _PAIR.findall(line)]


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            decoded = json.loads(value)
        except ValueError:
            return value[1:-1]
        return decoded if isinstance(decoded, str) else value
    return value


def _prompts(lines: list[str]) -> tuple[str, str | None]:
    for index, line in enumerate(lines):
        if line.startswith(NEGATIVE):
            negative = [line[len(NEGATIVE) :].strip(), *lines[index + 1 :]]
            return "\n".join(lines[:index]).strip(), "\n".join(negative).strip()
    return "\n".join(lines).strip(), None


def _take_lora_tags(prompt: str) -> tuple[str, list[LoraRef]]:
    """The prompt without its ``<lora:...>`` tags (and the separators they leave), and those LoRAs."""
    loras = [
        LoraRef(name=name.strip(), weight=_float_or(weight, 1.0))
        for name, weight in _LORA_TAG.findall(prompt)
    ]
    if not loras:
        return prompt, []
    lines = [_tidy(line) for line in _LORA_TAG.sub("", prompt).split("\n")]
    return "\n".join(lines).strip(), loras


def _tidy(line: str) -> str:
    """A prompt line without the doubled spaces and dangling commas that removed tags leave."""
    line = re.sub(r"[ \t]{2,}", " ", line)
    line = re.sub(r"\s+,", ",", line)
    return re.sub(r"[\s,]+$", "", line).strip()


def _float_or(value: str, default: float) -> float:
    try:
        return float(value)
    except ValueError:
        return default


class _PairReader:
    """Turns ``Key: value`` pairs into recall fields, noting the ones it cannot use."""

    def __init__(self, fields: dict[str, Any], loras: list[LoraRef]) -> None:
        self.fields = fields
        self.loras = loras
        self.raw: dict[str, str] = {}
        self.unread: list[str] = []
        self.extra: dict[str, str] = {}

    def read(self, key: str, value: str) -> None:
        self.raw[key] = value
        handler = _HANDLERS.get(key.lower())
        if handler is None:
            if key.lower().startswith("controlnet"):
                self.fields.setdefault("control", []).append(_control_unit(value))
                return
            self.extra[key] = value
            self.unread.append(f"parameters: '{key}' is not used by Impasto")
            return
        try:
            handler(self, value)
        except (ValueError, TypeError):
            self.unread.append(f"parameters: '{key}' has an unreadable value {value!r}")

    def set(self, name: str, value: Any) -> None:
        self.fields[name] = value

    def finish(self) -> dict[str, Any]:
        sampler = self.raw.get("Sampler")
        if sampler:
            self.fields["sampler"] = sampler
            scheduler = from_a1111(sampler, self.raw.get("Schedule type"))
            if scheduler is None:
                self.unread.append(f"parameters: sampler '{sampler}' has no equivalent in Impasto")
            self.fields["scheduler"] = scheduler
        self._strength()
        self.fields["loras"] = self.loras
        if self.extra:
            self.fields["extra"] = self.extra
        return self.fields

    def _strength(self) -> None:
        strength = self.fields.pop("_strength", None)
        hires = any(key.lower().startswith("hires") for key in self.raw)
        if hires:
            self.fields["hires_strength"] = strength
            self.fields["mode"] = "txt2img"
        elif strength is not None:
            self.fields["strength"] = strength
            inpaint = any(key in self.raw for key in ("Mask blur", "Inpaint area", "Masked content"))
            self.fields["mode"] = "inpaint" if inpaint else "img2img"
        else:
            self.fields["mode"] = "txt2img"

    def model(self, name: str, field: str, value: str) -> None:
        current = dict(self.fields.get(field) or {})
        current[name] = value.strip()
        self.fields[field] = current

    def lora_hashes(self, value: str) -> None:
        by_name = {lora.name: lora for lora in self.loras}
        for name, digest in pairs_of(value):
            known = by_name.get(name)
            if known is not None:
                known.hash = digest
            else:
                self.loras.append(LoraRef(name=name, hash=digest))


def _size(reader: _PairReader, value: str, width: str, height: str) -> None:
    match = _SIZE.match(value)
    if match is None:
        raise ValueError(value)
    reader.set(width, int(match.group(1)))
    reader.set(height, int(match.group(2)))


def _model_with_hash(value: str) -> dict[str, str]:
    match = _NAME_AND_HASH.match(value)
    return {"name": match.group(1), "hash": match.group(2)} if match else {"name": value.strip()}


def _control_unit(value: str) -> ControlUnit:
    inner = dict(pairs_of(value))
    model = _model_with_hash(inner["Model"]) if inner.get("Model") else None
    return ControlUnit(
        processor=inner.get("Module"),
        model=ModelRef(**model) if model else None,
        weight=_float_or(inner.get("Weight", ""), 1.0),
        begin=_float_or(inner.get("Guidance Start", ""), 0.0),
        end=_float_or(inner.get("Guidance End", ""), 1.0),
        control_mode=inner.get("Control Mode"),
    )


_Handler = Callable[[_PairReader, str], None]
_HANDLERS: dict[str, _Handler] = {
    "steps": lambda r, v: r.set("steps", int(v)),
    "sampler": lambda r, v: None,
    "schedule type": lambda r, v: None,
    "cfg scale": lambda r, v: r.set("cfg_scale", float(v)),
    "distilled cfg scale": lambda r, v: r.set("guidance", float(v)),
    "seed": lambda r, v: r.set("seed", int(v)),
    "size": lambda r, v: _size(r, v, "width", "height"),
    "model hash": lambda r, v: r.model("hash", "model", v),
    "model": lambda r, v: r.model("name", "model", v),
    "vae hash": lambda r, v: r.model("hash", "vae", v),
    "vae": lambda r, v: r.model("name", "vae", v),
    "denoising strength": lambda r, v: r.set("_strength", float(v)),
    "clip skip": lambda r, v: r.set("clip_skip", max(int(v) - 1, 0)),
    "hires upscale": lambda r, v: r.set("hires_scale", float(v)),
    "hires resize": lambda r, v: _size(r, v, "hires_width", "hires_height"),
    "hires steps": lambda r, v: r.set("hires_steps", int(v)),
    "hires upscaler": lambda r, v: r.set("hires_upscaler", v),
    "refiner": lambda r, v: r.set("refiner_model", _model_with_hash(v)),
    "refiner switch at": lambda r, v: r.set("refiner_start", float(v)),
    "lora hashes": lambda r, v: r.lora_hashes(v),
    "version": lambda r, v: r.set("app", v),
}
