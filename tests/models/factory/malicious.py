"""A pickle that runs code when unpickled: what pickle security must refuse without loading."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import torch


class _Payload:
    """Unpickling this calls ``exec`` with code that creates the marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        code = f"open({str(self.marker)!r}, 'w').close()"
        return builtins.exec, (code,)


def write_malicious_pickle(path: Path, marker_file: Path, *, zipped: bool = True) -> Path:
    """A checkpoint-looking pickle (a real tensor beside the payload) whose loading creates ``marker_file``.

    ``zipped`` writes torch's zip container (``.ckpt``/``.pt`` as torch saves them); otherwise a bare
    legacy pickle stream.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"state_dict": {"model.weight": torch.zeros(2, 2)}, "hook": _Payload(Path(marker_file))}
    if zipped:
        torch.save(payload, path)
    else:
        torch.save(payload, path, _use_new_zipfile_serialization=False)
    return path
