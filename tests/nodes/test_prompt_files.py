"""prompt_from_file reads lines from the prompt files folder, or its own text, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.graph.stubs import GraphBuilder
from tests.nodes.helpers import Engine


@pytest.fixture
def folder(engine: Engine) -> Path:
    path = engine.services.config.prompt_files_path
    path.mkdir(parents=True)
    (path / "cats.txt").write_text("a cat\n  a tabby cat  \na black cat\n", encoding="utf-8")
    return path


def test_reads_lines_from_the_folder(engine: Engine, folder: Path) -> None:
    output = engine.output(
        "prompt_from_file", file_path="cats.txt", start_line=2, max_prompts=0, post_prompt=", photo"
    )
    assert output == {"collection": ["a tabby cat, photo", "a black cat, photo"]}
    absolute = engine.output("prompt_from_file", file_path=str(folder / "cats.txt"), pre_prompt="> ")
    assert absolute == {"collection": ["> a cat"]}


def test_reads_its_own_text(engine: Engine) -> None:
    output = engine.output("prompt_from_file", text="one\ntwo\nthree", max_prompts=2)
    assert output == {"collection": ["one", "two"]}


def test_paths_outside_the_folder_are_refused_alike(engine: Engine, folder: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("password", encoding="utf-8")
    (folder / "link.txt").symlink_to(secret)
    (folder / "sub").mkdir()
    for name in ("../secret.txt", str(secret), "link.txt", "/etc/passwd", "missing.txt", "sub", "."):
        failure = engine.failure(GraphBuilder().add("n", "prompt_from_file", file_path=name))
        assert "is not a file in the prompt files folder" in str(failure), name
        assert "password" not in str(failure)


def test_file_and_text_conflict_or_missing(engine: Engine, folder: Path) -> None:
    both = engine.failure(GraphBuilder().add("n", "prompt_from_file", file_path="cats.txt", text="x"))
    assert "either 'file_path' or 'text'" in str(both)
    neither = engine.failure(GraphBuilder().add("n", "prompt_from_file"))
    assert "'file_path' is empty" in str(neither)
