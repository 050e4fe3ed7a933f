"""Prompts read from a text file, one per line (InvokeAI's ``prompt_from_file``).

A graph comes from a request, so its ``file_path`` is never trusted: the node reads only regular files
inside the ``prompt_files_dir`` folder (a name relative to it, or an absolute path that lies inside it once
links are followed), and says the same for every other path whether it exists or not. The node's ``text``
input takes the lines directly instead, for a workflow that carries its own list.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from impasto.graph import BaseNode, InputField, NodeContext, UIHints, node
from impasto.nodes.types import StringCollectionOutput

MAX_FILE_BYTES = 10 * 1024 * 1024
"""The largest prompt file read; larger ones are refused."""
MAX_LINES = 100_000


def prompt_file(folder: Path, name: str) -> Path:
    """The real path of the regular file ``name`` inside ``folder``; a ``ValueError`` naming
    ``file_path`` for anything else."""
    root = Path(os.path.realpath(folder))
    candidate = Path(os.path.realpath(root / Path(name).expanduser()))
    refusal = (
        f"'file_path' {name!r} is not a file in the prompt files folder {root}; put the file there "
        "(setting `prompt_files_dir`) and give its name"
    )
    if "\0" in name or not candidate.is_relative_to(root) or candidate == root:
        raise ValueError(refusal)
    try:
        info = os.stat(candidate)
    except OSError:
        raise ValueError(refusal) from None
    if not stat.S_ISREG(info.st_mode):
        raise ValueError(refusal)
    if info.st_size > MAX_FILE_BYTES:
        raise ValueError(f"'file_path' {name!r} is {info.st_size} bytes; at most {MAX_FILE_BYTES} are read")
    return candidate


@node(
    "prompt_from_file", title="Prompts from File", category="prompt", version="1.0.2", tags=("prompt", "file")
)
class PromptsFromFileNode(BaseNode):
    """Reads prompts from a text file in the prompt files folder (or from ``text``), one per line,
    each wrapped in ``pre_prompt`` and ``post_prompt``; feed the list to ``iterate``."""

    file_path: str = InputField(
        "",
        max_length=4096,
        description="Name of a text file in the prompt files folder (`prompt_files_dir`); empty uses 'text'.",
    )
    text: str | None = InputField(
        None,
        max_length=MAX_FILE_BYTES,
        description="The prompts themselves, one per line, instead of a file.",
        ui=UIHints(component="textarea"),
    )
    pre_prompt: str | None = InputField(
        None, description="Text put before each prompt.", ui=UIHints(component="textarea")
    )
    post_prompt: str | None = InputField(
        None, description="Text put after each prompt.", ui=UIHints(component="textarea")
    )
    start_line: int = InputField(1, ge=1, le=MAX_LINES, description="The first line used (1 is the first).")
    max_prompts: int = InputField(
        1, ge=0, le=MAX_LINES, description="How many lines are used; 0: all of them."
    )

    def invoke(self, ctx: NodeContext) -> StringCollectionOutput:
        lines = self._lines(ctx)
        start = self.start_line - 1
        chosen = lines[start:] if self.max_prompts == 0 else lines[start : start + self.max_prompts]
        before, after = self.pre_prompt or "", self.post_prompt or ""
        return StringCollectionOutput(collection=[before + line.strip() + after for line in chosen])

    def _lines(self, ctx: NodeContext) -> list[str]:
        if self.file_path and self.text is not None:
            raise ValueError("give either 'file_path' or 'text', not both")
        if not self.file_path:
            if self.text is None:
                raise ValueError("'file_path' is empty and no 'text' is given: there are no prompts to read")
            return self.text.splitlines()[:MAX_LINES]
        path = prompt_file(ctx.config.prompt_files_path, self.file_path)
        try:
            return path.read_text(encoding="utf-8").splitlines()[:MAX_LINES]
        except UnicodeDecodeError as exc:
            raise ValueError(f"'file_path' {self.file_path!r} is not UTF-8 text: {exc}") from exc
