"""Text nodes: join, split, replace, change case, fill a template and format numbers.

Mostly used to assemble prompts. Errors in user-supplied patterns (a bad regular expression, a template
placeholder that is not allowed) are raised as ``ValueError`` naming the pattern and the problem.
"""

from __future__ import annotations

import math
import re
from string import Formatter
from typing import Literal

from impasto.graph import BaseNode, BaseOutput, InputField, NodeContext, OutputField, UIHints, node
from impasto.nodes.math import round_half_away
from impasto.nodes.types import MAX_COLLECTION_SIZE, StringCollectionOutput, StringOutput

_TAGS = ("string", "text")
_TEXTAREA = UIHints(component="textarea")


@node("string_join", title="Join Strings", category="strings", tags=(*_TAGS, "join", "concatenate"))
class StringJoinNode(BaseNode):
    """Joins two strings, left then right, with nothing in between."""

    string_left: str = InputField("", description="The first part.", ui=_TEXTAREA)
    string_right: str = InputField("", description="The part appended to it.", ui=_TEXTAREA)

    def invoke(self, ctx: NodeContext) -> StringOutput:
        return StringOutput(value=self.string_left + self.string_right)


@node("string_join_three", title="Join Three Strings", category="strings", tags=(*_TAGS, "join"))
class StringJoinThreeNode(BaseNode):
    """Joins three strings in order, with nothing in between."""

    string_left: str = InputField("", description="The first part.", ui=_TEXTAREA)
    string_middle: str = InputField("", description="The second part.", ui=_TEXTAREA)
    string_right: str = InputField("", description="The last part.", ui=_TEXTAREA)

    def invoke(self, ctx: NodeContext) -> StringOutput:
        return StringOutput(value=self.string_left + self.string_middle + self.string_right)


@node("string_split", title="Split String", category="strings", tags=(*_TAGS, "split", "collection"))
class StringSplitNode(BaseNode):
    """Splits a string at every occurrence of a delimiter into a list of strings."""

    string: str = InputField("", description="The text to split.", ui=_TEXTAREA)
    delimiter: str = InputField(",", min_length=1, description="The text that separates the parts.")
    strip: bool = InputField(False, description="Remove whitespace around each part.")

    def invoke(self, ctx: NodeContext) -> StringCollectionOutput:
        parts = self.string.split(self.delimiter, MAX_COLLECTION_SIZE)
        if len(parts) > MAX_COLLECTION_SIZE:
            raise ValueError(f"the string has more than {MAX_COLLECTION_SIZE} parts")
        return StringCollectionOutput(collection=[p.strip() for p in parts] if self.strip else parts)


class StringSplitFirstOutput(BaseOutput):
    """The text before and after the first delimiter."""

    before: str = OutputField(description="The text before the first delimiter (all of it if none).")
    after: str = OutputField(description="The text after the first delimiter (empty if none).")
    found: bool = OutputField(description="Whether the delimiter occurs in the text.")


@node("string_split_first", title="Split String Once", category="strings", tags=(*_TAGS, "split"))
class StringSplitFirstNode(BaseNode):
    """Splits a string in two at the first occurrence of a delimiter."""

    string: str = InputField("", description="The text to split.", ui=_TEXTAREA)
    delimiter: str = InputField(",", min_length=1, description="The text at which to split.")

    def invoke(self, ctx: NodeContext) -> StringSplitFirstOutput:
        before, found, after = self.string.partition(self.delimiter)
        return StringSplitFirstOutput(before=before, after=after, found=bool(found))


@node("string_replace", title="Replace In String", category="strings", tags=(*_TAGS, "replace", "regex"))
class StringReplaceNode(BaseNode):
    """Replaces every occurrence of a search string, or of a regular expression's matches.

    With use_regex, the replacement may refer to groups as \\1 or \\g<name>.
    """

    string: str = InputField("", description="The text to search.", ui=_TEXTAREA)
    search_string: str = InputField(min_length=1, description="The text or regular expression to find.")
    replace_string: str = InputField("", description="What to put in place of each match.")
    use_regex: bool = InputField(False, description="Treat the search string as a regular expression.")

    def invoke(self, ctx: NodeContext) -> StringOutput:
        if not self.use_regex:
            return StringOutput(value=self.string.replace(self.search_string, self.replace_string))
        try:
            pattern = re.compile(self.search_string)
        except re.error as exc:
            raise ValueError(f"invalid regular expression {self.search_string!r}: {exc}") from exc
        try:
            return StringOutput(value=pattern.sub(self.replace_string, self.string))
        except re.error as exc:
            raise ValueError(f"invalid replacement {self.replace_string!r}: {exc}") from exc


StringCase = Literal["upper", "lower", "title", "capitalize"]


@node("string_case", title="Change Case", category="strings", tags=(*_TAGS, "case", "upper", "lower"))
class StringCaseNode(BaseNode):
    """Changes a string's case: UPPER, lower, Title Case, or Capitalize (first letter up, rest down)."""

    string: str = InputField("", description="The text to change.", ui=_TEXTAREA)
    case: StringCase = InputField(
        "lower",
        description="The case to change to.",
        ui=UIHints(
            component="select",
            choice_labels={
                "upper": "UPPER CASE",
                "lower": "lower case",
                "title": "Title Case",
                "capitalize": "Capitalize first letter",
            },
        ),
    )

    def invoke(self, ctx: NodeContext) -> StringOutput:
        changers = {"upper": str.upper, "lower": str.lower, "title": str.title, "capitalize": str.capitalize}
        return StringOutput(value=changers[self.case](self.string))


TEMPLATE_NAMES = ("a", "b", "c", "d")
_MAX_FORMAT_NUMBER = 10_000
_FORMATTER = Formatter()


def check_template(template: str) -> None:
    """Raise ``ValueError`` unless every placeholder of ``template`` is a plain ``{a}``..``{d}``.

    Attribute and index access (``{a.x}``, ``{a[0]}``), positional and nested placeholders, and format
    specifications asking for more than 10000 characters are refused.
    """
    allowed = ", ".join(f"{{{name}}}" for name in TEMPLATE_NAMES)
    try:
        parts = list(_FORMATTER.parse(template))
    except ValueError as exc:
        raise ValueError(
            f"the template is malformed ({exc}); write {{{{ and }}}} for literal braces"
        ) from exc
    for _literal, name, spec, _conversion in parts:
        if name is None:
            continue
        if name == "" or name.isdigit():
            raise ValueError(f"positional placeholder {{{name}}} is not supported; use {allowed}")
        if "." in name or "[" in name:
            raise ValueError(f"placeholder {{{name}}} uses attribute or index access, which is not allowed")
        if name not in TEMPLATE_NAMES:
            raise ValueError(f"unknown placeholder {{{name}}}; the template may use {allowed}")
        if spec and "{" in spec:
            raise ValueError(f"placeholder {{{name}:{spec}}} nests another placeholder, which is not allowed")
        if spec and any(int(number) > _MAX_FORMAT_NUMBER for number in re.findall(r"\d+", spec)):
            raise ValueError(f"format {spec!r} of placeholder {{{name}}} asks for too many characters")


@node("string_template", title="String Template", category="strings", tags=(*_TAGS, "format", "template"))
class StringTemplateNode(BaseNode):
    """Fills a template's {a}, {b}, {c} and {d} placeholders with the matching inputs.

    Placeholders may carry a Python format specification, e.g. {a:.2f} or {b:>5}; {{ and }} give literal
    braces. Nothing else is allowed in a placeholder (no {a.attribute}, {a[0]} or {0}).
    """

    template: str = InputField(
        "{a}", description="The text with placeholders {a} to {d}.", ui=UIHints(component="textarea")
    )
    a: str | int | float = InputField("", description="The value for {a}.")
    b: str | int | float = InputField("", description="The value for {b}.")
    c: str | int | float = InputField("", description="The value for {c}.")
    d: str | int | float = InputField("", description="The value for {d}.")

    def invoke(self, ctx: NodeContext) -> StringOutput:
        check_template(self.template)
        values = {"a": self.a, "b": self.b, "c": self.c, "d": self.d}
        try:
            return StringOutput(value=self.template.format_map(values))
        except (ValueError, TypeError) as exc:
            raise ValueError(f"cannot fill the template {self.template!r}: {exc}") from exc


@node("number_to_string", title="Number To String", category="strings", tags=(*_TAGS, "number", "format"))
class NumberToStringNode(BaseNode):
    """Writes a number as text, as is or with a fixed number of decimals (0.5 with 2 gives "0.50").

    Rounding to decimals takes halves away from zero, like the round node (2.5 with 0 gives "3").
    """

    value: int | float = InputField(0, description="The number to write.")
    decimals: int | None = InputField(
        None, ge=0, le=20, description="Digits after the point; empty writes the number as it is."
    )

    def invoke(self, ctx: NodeContext) -> StringOutput:
        if self.decimals is None or not math.isfinite(self.value):
            return StringOutput(value=str(self.value))
        return StringOutput(value=format(round_half_away(self.value, self.decimals), "f"))


class StringPosNegOutput(BaseOutput):
    """A text split into a positive and a negative part."""

    positive_string: str = OutputField(description="The text outside square brackets.")
    negative_string: str = OutputField(description="The text inside square brackets.")


@node(
    "string_split_neg", title="String Split Negative", category="strings", tags=(*_TAGS, "negative", "split")
)
class StringSplitNegNode(BaseNode):
    """Splits a prompt written the old InvokeAI way: text in [square brackets] is the negative prompt,
    the rest the positive one (each bracket leaves a space; ``\\[`` is a literal bracket)."""

    string: str = InputField("", description="The text to split.", ui=_TEXTAREA)

    def invoke(self, ctx: NodeContext) -> StringPosNegOutput:
        positive, negative = [], []
        depth, escaped = 0, False
        for char in self.string:
            if char == "[" and not escaped:
                negative.append(" ")
                depth += 1
            elif char == "]" and not escaped:
                depth = max(0, depth - 1)
            elif depth > 0:
                negative.append(char)
            else:
                positive.append(char)
            escaped = char == "\\" and not escaped
        return StringPosNegOutput(positive_string="".join(positive), negative_string="".join(negative))
