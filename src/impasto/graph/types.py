"""Socket types: a short string for every field annotation, and the rule for which may be connected.

Type names are what the workflow editor shows on sockets and what validation compares, so they must be
stable and readable: ``int``, ``float``, ``str``, ``bool``, ``list[int]``, ``ImageField``, ``any``.
"""

from __future__ import annotations

import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

ANY = "any"
_SCALARS: dict[Any, str] = {int: "int", float: "float", str: "str", bool: "bool"}
_WIDENINGS = {("int", "float")}


def type_name(annotation: Any) -> str:
    """The socket type name of a field annotation."""
    if annotation is Any or annotation is object:
        return ANY
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is Annotated:
        return type_name(args[0])
    if origin is Literal:
        return _SCALARS.get(type(args[0]), ANY) if args else ANY
    if origin in (list, tuple, set, frozenset) or _is_sequence(origin):
        return f"list[{type_name(args[0]) if args else ANY}]"
    if origin in (Union, types.UnionType):
        members = sorted({type_name(a) for a in args if a is not type(None)})
        return members[0] if len(members) == 1 else "|".join(members)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.__name__
    return ANY


def list_of(name: str) -> str:
    return f"list[{name}]"


def element_of(name: str) -> str | None:
    """``int`` for ``list[int]``; ``any`` for ``any``; ``None`` when the type is not a list."""
    if name == ANY:
        return ANY
    if name.startswith("list[") and name.endswith("]"):
        return name[5:-1]
    return None


def can_connect(source: str, destination: str) -> bool:
    """Whether an output of type ``source`` may feed an input of type ``destination``."""
    if ANY in (source, destination) or source == destination:
        return True
    if "|" in destination:
        return any(can_connect(source, member) for member in destination.split("|"))
    if "|" in source:
        return all(can_connect(member, destination) for member in source.split("|"))
    if (source, destination) in _WIDENINGS:
        return True
    source_item, destination_item = element_of(source), element_of(destination)
    if source_item is not None and destination_item is not None:
        return can_connect(source_item, destination_item)
    return False


def common_type(names: list[str]) -> str | None:
    """The one type that all ``names`` can be treated as (for collect), or ``None`` when they clash."""
    concrete = sorted({name for name in names if name != ANY})
    if not concrete:
        return ANY
    if len(concrete) == 1:
        return concrete[0]
    if set(concrete) == {"int", "float"}:
        return "float"
    return None


def _is_sequence(origin: Any) -> bool:
    from collections import abc

    return origin in (abc.Sequence, abc.MutableSequence, abc.Set)
