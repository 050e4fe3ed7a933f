"""InvokeAI's FLUX and SD3 text-to-image workflows, imported, run with tiny models and make the image
Impasto's own graph with the same seed and size makes: the noise node the import adds stands for the
noise InvokeAI's denoiser draws itself."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
import torch

from impasto.graph import Executor
from impasto.graph.model import Graph
from impasto.workflows.invokeai import RecordCatalog, read_invokeai_workflow
from tests.generation.flux.test_nodes import SIZE, txt2img
from tests.generation.helpers import Studio, make_services
from tests.generation.test_sd3 import NEGATIVE, PROMPT, _graph
from tests.models.factory import write_flux_diffusers
from tests.models.factory.sd3 import write_sd3_diffusers
from tests.workflows.test_invokeai_defaults import FLUX_NODES, FLUX_TEXT, SD3_LINKS, SD3_NODES, workflow

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    services = make_services(tmp_path_factory.mktemp("flux") / "root")
    try:
        yield Studio(services)
    finally:
        services.close()


def run(studio: Studio, graph: Graph) -> dict[str, Any]:
    execution = studio.services.execution_services(cancel=studio.cancel, progress=lambda *_: None)
    outputs: dict[str, Any] = Executor(studio.services.registry, None).run(graph, execution).outputs()
    return outputs


def test_invokeais_flux_text_to_image_runs_as_impastos_does(
    studio: Studio, tmp_path_factory: pytest.TempPathFactory
) -> None:
    record = studio.install(write_flux_diffusers(tmp_path_factory.mktemp("models") / "flux-dev"))
    model = {"key": record.key, "name": record.name, "base": "flux", "type": "main"}
    nodes = dict(FLUX_NODES)
    nodes["loader"] = ("flux_model_loader", {"model": model})  # T5 and CLIP from the model's folder
    nodes["text"] = ("flux_text_encoder", {"t5_max_seq_len": 16, "prompt": "a red circle"})
    nodes["denoise"] = ("flux_denoise", {"width": SIZE, "height": SIZE, "seed": 5, "num_steps": 2})
    # InvokeAI's seed node and the loader's T5 length are left out: the graph compared with uses 5 and 16.
    links = [
        link
        for link in FLUX_TEXT
        if link not in ("seed.value>denoise.seed", "loader.max_seq_len>text.t5_max_seq_len")
    ]
    del nodes["seed"]
    imported = run(studio, imported_graph(studio, workflow("FLUX", nodes, links)))["decode"]
    own = studio.run(txt2img(record.key))["decode"]
    assert same_image(studio, imported, own)


def test_invokeais_sd3_text_to_image_runs_as_impastos_does(
    studio: Studio, tmp_path_factory: pytest.TempPathFactory
) -> None:
    record = studio.install(write_sd3_diffusers(tmp_path_factory.mktemp("models") / "sd3"))
    nodes = dict(SD3_NODES)
    nodes["loader"] = ("sd3_model_loader", {"model": {"key": record.key, "name": record.name}})
    nodes["positive"] = ("sd3_text_encoder", {"prompt": PROMPT})
    nodes["negative"] = ("sd3_text_encoder", {"prompt": NEGATIVE})
    nodes["denoise"] = ("sd3_denoise", {"width": 32, "height": 32, "seed": 4, "steps": 2, "cfg_scale": 4.0})
    del nodes["seed"]
    links = [link for link in SD3_LINKS if link != "seed.value>denoise.seed"]
    imported = run(studio, imported_graph(studio, workflow("SD3", nodes, links)))["decode"]
    own = studio.run(_graph(record.key))["decode"]
    assert same_image(studio, imported, own)


def imported_graph(studio: Studio, data: dict[str, Any]) -> Graph:
    catalog = RecordCatalog(studio.services.models.list)
    document, report = read_invokeai_workflow(data, studio.services.registry, catalog)
    assert [p for p in report.problems if p.part != "workflow"] == []
    return document.graph


def same_image(studio: Studio, first: dict[str, Any], second: dict[str, Any]) -> bool:
    return np.array_equal(np.asarray(studio.image(first["image"])), np.asarray(studio.image(second["image"])))
