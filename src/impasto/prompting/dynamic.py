"""Dynamic prompts: one template, many prompts, with the ``dynamicprompts`` package.

``{a|b|c}`` picks one option, ``{2$$a|b|c}`` two (joined with ``,``), ``{1-2$$a|b}`` one or two, and
``__name__`` a line of ``<wildcards>/name.txt`` (``__dir/name__`` for files in sub-folders). Combinatorial
mode lists the combinations in order, up to ``max_prompts``; random mode draws ``max_prompts`` prompts from a
generator seeded with ``seed``, so the same seed gives the same prompts.

The package is lenient where a user would want to know: it keeps ``__name__`` as text when the file does
not exist and a stray ``}`` as a character (it has no escape for braces). Here both are errors that say
what is wrong, as is every parse error, so that a typo never silently becomes part of an image's prompt.
"""

from __future__ import annotations

import logging
import warnings
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from impasto.errors import InvalidInputError

if TYPE_CHECKING:
    from dynamicprompts.wildcards import WildcardManager

logger = logging.getLogger(__name__)


class DynamicPromptError(InvalidInputError):
    """A dynamic prompt could not be expanded; the message says where and why."""

    code = "invalid_dynamic_prompt"


def expand_prompt(
    prompt: str,
    *,
    max_prompts: int = 1,
    combinatorial: bool = False,
    seed: int | None = None,
    wildcards_dir: Path | None = None,
) -> list[str]:
    """The prompts ``prompt`` expands to (at most ``max_prompts``); raises :class:`DynamicPromptError`."""
    if max_prompts < 1:
        raise DynamicPromptError(f"max_prompts must be at least 1 (got {max_prompts})")
    check_braces(prompt)
    manager = _strict_wildcards(wildcards_dir)
    try:
        prompts = _generate(prompt, manager, max_prompts, combinatorial, seed)
    except DynamicPromptError:
        raise
    except Exception as exc:  # pyparsing's ParseException and the package's ValueErrors
        raise DynamicPromptError(_describe(exc, prompt), {"prompt": prompt}) from exc
    return prompts or [prompt]  # an empty template expands to nothing; it is still one (empty) prompt


def _generate(
    prompt: str, manager: WildcardManager, limit: int, combinatorial: bool, seed: int | None
) -> list[str]:
    from dynamicprompts.generators import CombinatorialPromptGenerator, RandomPromptGenerator

    _build_grammar()
    if combinatorial:
        return list(CombinatorialPromptGenerator(manager).generate(prompt, max_prompts=limit))
    generated: list[str] = RandomPromptGenerator(manager, seed=seed).generate(prompt, num_images=limit)
    return generated


@lru_cache(maxsize=1)
def _build_grammar() -> None:
    """Build (and cache) the package's grammar once, quietly: it uses pyparsing names that pyparsing 3.3
    deprecates, which would warn on every first parse otherwise, and there is nothing to act on."""
    from dynamicprompts.parser.config import default_parser_config
    from dynamicprompts.parser.parse import get_cached_parser

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        get_cached_parser(default_parser_config)


def check_braces(prompt: str) -> None:
    """Refuse a ``{`` without its ``}`` (or the other way round), naming the position.

    dynamicprompts has no escape for a literal brace, so every brace counts.
    """
    open_at: list[int] = []
    for index, char in enumerate(prompt):
        if char == "{":
            open_at.append(index)
        elif char == "}":
            if not open_at:
                raise DynamicPromptError(
                    f"unbalanced braces: the '}}' at position {index + 1} closes nothing",
                    {"position": index + 1},
                )
            open_at.pop()
    if open_at:
        position = open_at[-1] + 1
        raise DynamicPromptError(
            f"unbalanced braces: the '{{' at position {position} is never closed", {"position": position}
        )


def _describe(exc: Exception, prompt: str) -> str:
    column = getattr(exc, "col", None)
    message = getattr(exc, "msg", None) or str(exc)
    if isinstance(column, int):
        return f"the dynamic prompt could not be parsed at position {column}: {message}"
    return f"the dynamic prompt could not be expanded: {message}"


def _strict_wildcards(folder: Path | None) -> WildcardManager:
    """A wildcard manager over ``folder`` that raises for a wildcard with no values."""
    from dynamicprompts.wildcards import WildcardManager

    class StrictWildcards(WildcardManager):
        def get_values(self, wildcard: str) -> Any:
            if ".." in wildcard.split("/") or wildcard.startswith(("/", "\\")):
                raise DynamicPromptError(
                    f"wildcard __{wildcard}__: names are relative to the wildcards folder and stay inside it",
                    {"wildcard": wildcard},
                )
            values = super().get_values(wildcard)
            if len(values) == 0:
                raise DynamicPromptError(_missing_message(wildcard, folder), {"wildcard": wildcard})
            return values

    return StrictWildcards(folder if folder is not None and folder.is_dir() else None)


def _missing_message(wildcard: str, folder: Path | None) -> str:
    if folder is None or not folder.is_dir():
        where = f"the wildcards folder {folder} does not exist" if folder else "no wildcards folder is set"
        return f"wildcard __{wildcard}__ cannot be used: {where}"
    known = sorted(available_wildcards(folder))
    hint = f"; available: {', '.join(known[:20])}" if known else "; the folder has no .txt files"
    return f"wildcard __{wildcard}__ has no values: {folder / wildcard}.txt is missing or empty{hint}"


def available_wildcards(folder: Path) -> list[str]:
    """The wildcard names a folder provides (``dir/name`` for files in sub-folders)."""
    if not folder.is_dir():
        return []
    return sorted(path.relative_to(folder).with_suffix("").as_posix() for path in folder.rglob("*.txt"))
