"""The default workflows: read-only documents shipped as package data, installed into every library.

Each ``shipped/<slug>.json`` is one workflow document with the id ``default-<slug>``. The files are
written by ``tools/default_workflows.py`` from :mod:`impasto.workflows.recipes`, so they are the graphs
the Generate tab builds; they live as files so that a user can read one and an editor can load it alone.
"""

from __future__ import annotations

import json
from importlib import resources

from impasto.workflows.document import WorkflowDocument
from impasto.workflows.files import read_workflow_file

PREFIX = "default-"
SHIPPED = "shipped"


def default_workflows() -> dict[str, WorkflowDocument]:
    """Every shipped workflow by id, in file-name order."""
    folder = resources.files("impasto.workflows").joinpath(SHIPPED)
    files = sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".json")), key=lambda e: e.name
    )
    return {
        PREFIX + entry.name.removesuffix(".json"): read_workflow_file(json.loads(entry.read_text("utf-8")))
        for entry in files
    }
