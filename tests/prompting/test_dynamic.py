"""Dynamic prompts: variants, picks, wildcard files, combinatorial and seeded random modes, clear errors,
and the ``dynamic_prompt`` node feeding ``iterate``."""

from __future__ import annotations

from pathlib import Path

import pytest

from impasto.prompting.dynamic import DynamicPromptError, available_wildcards, expand_prompt
from tests.graph.stubs import GraphBuilder
from tests.nodes.helpers import Engine


@pytest.fixture
def wildcards(tmp_path: Path) -> Path:
    folder = tmp_path / "wildcards"
    (folder / "animals").mkdir(parents=True)
    (folder / "color.txt").write_text("red\nblue\n# a comment\n\ngreen\n")
    (folder / "animals" / "pet.txt").write_text("cat\ndog\n")
    return folder


def test_variants_expand_combinatorially_in_order() -> None:
    assert expand_prompt("a {cat|dog} on a {mat|rug}", max_prompts=10, combinatorial=True) == [
        "a cat on a mat",
        "a cat on a rug",
        "a dog on a mat",
        "a dog on a rug",
    ]


def test_max_prompts_caps_the_combinations() -> None:
    assert len(expand_prompt("{a|b|c} {d|e|f}", max_prompts=4, combinatorial=True)) == 4


def test_pick_two_joins_distinct_options() -> None:
    prompts = expand_prompt("{2$$red|green|blue}", max_prompts=100, combinatorial=True)
    assert len(prompts) == 6
    for prompt in prompts:
        first, second = prompt.split(",")
        assert first != second
        assert {first, second} <= {"red", "green", "blue"}


def test_wildcards_read_lines_of_files_including_sub_folders(wildcards: Path) -> None:
    prompts = expand_prompt(
        "a __color__ __animals/pet__", max_prompts=100, combinatorial=True, wildcards_dir=wildcards
    )
    assert sorted(prompts) == sorted(f"a {c} {p}" for c in ("red", "blue", "green") for p in ("cat", "dog"))
    assert available_wildcards(wildcards) == ["animals/pet", "color"]


def test_random_mode_is_seeded() -> None:
    template = "{a|b|c|d|e} {f|g|h|i|j} {k|l|m|n|o}"
    first = expand_prompt(template, max_prompts=8, seed=7)
    assert len(first) == 8
    assert expand_prompt(template, max_prompts=8, seed=7) == first
    assert expand_prompt(template, max_prompts=8, seed=8) != first
    assert all(part in "abcdefghijklmno" for prompt in first for part in prompt.split())


def test_compel_syntax_and_triggers_pass_through_untouched() -> None:
    assert expand_prompt(r"(red hat)1.3 \(x\) <my-ti> {cat|dog}+", max_prompts=2, combinatorial=True) == [
        r"(red hat)1.3 \(x\) <my-ti> cat+",
        r"(red hat)1.3 \(x\) <my-ti> dog+",
    ]


def test_a_prompt_without_variants_is_itself_and_an_empty_one_is_one_empty_prompt() -> None:
    assert expand_prompt("a cat", max_prompts=5, combinatorial=True) == ["a cat"]
    assert expand_prompt("", max_prompts=5) == [""]


@pytest.mark.parametrize(
    ("prompt", "message"),
    [
        ("a {cat|dog", "the '{' at position 3 is never closed"),
        ("a cat|dog}", "the '}' at position 10 closes nothing"),
        ("a $$ b", "could not be parsed at position 3"),
    ],
)
def test_malformed_prompts_are_clear_errors(prompt: str, message: str) -> None:
    with pytest.raises(DynamicPromptError, match=message.replace("(", r"\(").replace("$", r"\$")):
        expand_prompt(prompt, max_prompts=5)


def test_a_missing_wildcard_names_the_file_and_what_exists(wildcards: Path) -> None:
    with pytest.raises(DynamicPromptError) as info:
        expand_prompt("a __colour__ cat", max_prompts=5, wildcards_dir=wildcards)
    assert "colour.txt is missing or empty" in info.value.message
    assert "available: animals/pet, color" in info.value.message
    with pytest.raises(DynamicPromptError, match="does not exist"):
        expand_prompt("a __color__", wildcards_dir=wildcards / "nowhere")


@pytest.mark.parametrize("name", ["../secret", "animals/../../secret", "/etc/hostname"])
def test_wildcards_stay_inside_their_folder(wildcards: Path, name: str) -> None:
    (wildcards.parent / "secret.txt").write_text("password\n")
    with pytest.raises(DynamicPromptError, match="stay inside it"):
        expand_prompt(f"a __{name}__", wildcards_dir=wildcards)


def test_the_node_feeds_iterate_and_reads_the_roots_wildcards(tmp_path: Path) -> None:
    engine = Engine(tmp_path)
    folder = engine.services.config.wildcards_path
    folder.mkdir(parents=True)
    (folder / "pet.txt").write_text("cat\ndog\n")
    graph = (
        GraphBuilder()
        .add("dyn", "dynamic_prompt", prompt="a __pet__ in {red|blue}", max_prompts=10, combinatorial=True)
        .add("each", "iterate")
        .add("case", "string_case", case="upper")
        .edge("dyn.collection", "each.collection")
        .edge("each.item", "case.string")
    )
    outputs = engine.outputs(graph)
    assert [o["value"] for o in outputs["case"]] == [
        "A CAT IN RED",
        "A CAT IN BLUE",
        "A DOG IN RED",
        "A DOG IN BLUE",
    ]


def test_the_node_reports_a_bad_template_by_name(tmp_path: Path) -> None:
    engine = Engine(tmp_path)
    error = engine.failure(GraphBuilder().add("dyn", "dynamic_prompt", prompt="a {cat"))
    assert "never closed" in str(error)
