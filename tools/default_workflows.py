"""Write the default workflows (src/impasto/workflows/shipped/*.json) from their recipes.

    PYTHONPATH=src python tools/default_workflows.py

Run it after changing a recipe or a graph builder; tests/workflows/test_defaults.py fails while the files
and the recipes disagree.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from impasto.workflows.catalogue import RECIPES
from impasto.workflows.recipes import build_workflow

FOLDER = Path(__file__).parents[1] / "src" / "impasto" / "workflows" / "shipped"


def render(recipe_slug: str) -> str:
    """The file text of one recipe's workflow."""
    recipe = next(r for r in RECIPES if r.slug == recipe_slug)
    return json.dumps(build_workflow(recipe).model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    FOLDER.mkdir(parents=True, exist_ok=True)
    wanted = {f"{recipe.slug}.json" for recipe in RECIPES}
    for stale in FOLDER.glob("*.json"):
        if stale.name not in wanted:
            stale.unlink()
    for recipe in RECIPES:
        (FOLDER / f"{recipe.slug}.json").write_text(render(recipe.slug), encoding="utf-8")
    sys.stdout.write(f"wrote {len(RECIPES)} workflows to {FOLDER}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
