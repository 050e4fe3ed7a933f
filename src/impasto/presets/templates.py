"""Applying a style preset to a prompt, as the graph builders and the API do.

The rule (InvokeAI's): the user's prompt replaces every ``{prompt}`` in the template; a template without
the placeholder is appended after the prompt with ``", "``. An empty template leaves the prompt alone; an
empty prompt gives the template alone (without the commas around the placeholder). Negative prompts follow
the same rule with the preset's negative template. Apply styles before expanding dynamic prompts:
``{prompt}`` would otherwise be read as a one-option variant.
"""

from __future__ import annotations

from impasto.presets.models import StyledPrompt, StylePreset

PLACEHOLDER = "{prompt}"


def apply_template(template: str, prompt: str) -> str:
    """``prompt`` styled by one template."""
    if not template.strip():
        return prompt
    if PLACEHOLDER in template:
        styled = template.replace(PLACEHOLDER, prompt)
        # Without a prompt, the separators around the placeholder would dangle: ", photograph".
        return styled if prompt.strip() else styled.strip().strip(",").strip()
    if not prompt.strip():
        return template
    return f"{prompt}, {template}"


def apply_style(preset: StylePreset | None, prompt: str, negative_prompt: str = "") -> StyledPrompt:
    """Both prompts styled by ``preset`` (unchanged when there is none)."""
    if preset is None:
        return StyledPrompt(positive_prompt=prompt, negative_prompt=negative_prompt)
    return StyledPrompt(
        positive_prompt=apply_template(preset.positive_prompt, prompt),
        negative_prompt=apply_template(preset.negative_prompt, negative_prompt),
    )
