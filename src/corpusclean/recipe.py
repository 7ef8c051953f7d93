"""Recipes: a TOML file that names the cleaners of a pipeline and their options.

A recipe lists cleaner names in order; a table named after a cleaner gives its
options. Without ``pipeline`` the default pipeline is used, so a recipe can
also just tune the defaults::

    pipeline = ["strip_html", "normalize_spaces", "convert_script"]

    [convert_script]
    config = "t2s"

Recipes are data only: nothing in them is evaluated or unpickled.

>>> recipe = parse_recipe('pipeline = ["normalize_lines"]')
>>> build_pipeline(recipe).names
['normalize_lines']
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .defaults import DEFAULT_PIPELINE
from .errors import RecipeError
from .pipeline import Pipeline
from .registry import available, make_cleaner


class Recipe(BaseModel):
    """A validated recipe: the pipeline's cleaner names and each cleaner's options."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pipeline: tuple[str, ...] = Field(default=DEFAULT_PIPELINE)
    options: dict[str, dict[str, Any]] = Field(default_factory=dict)


def parse_recipe(text: str, *, source: str = "<recipe>") -> Recipe:
    """Parse and validate recipe TOML text; errors name the bad key and the valid choices."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RecipeError(f"{source}: not valid TOML ({exc}); check the line it names") from None
    names = data.pop("pipeline", None)
    if names is None:
        names = list(DEFAULT_PIPELINE)
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise RecipeError(f'{source}: "pipeline" must be a list of cleaner names, like ["strip_html"]')
    known = available()
    for name in [*names, *data]:
        if name not in known:
            raise RecipeError(f"{source}: unknown cleaner {name!r}; valid names: {', '.join(known)}")
    for name, options in data.items():
        if not isinstance(options, dict):
            raise RecipeError(f"{source}: [{name}] must be a table of options, not {options!r}")
        if name not in names:
            raise RecipeError(
                f"{source}: options are given for {name!r}, which is not in the pipeline "
                f'({", ".join(names)}); add it to "pipeline" or remove the [{name}] table'
            )
    try:
        recipe = Recipe(pipeline=tuple(names), options=data)
    except ValidationError as exc:  # pragma: no cover - shapes are checked above
        raise RecipeError(f"{source}: {exc}") from None
    build_pipeline(recipe, source=source)  # options are checked by building once
    return recipe


def load_recipe(path: str | Path) -> Recipe:
    """Read and validate the recipe file at ``path``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RecipeError(f"cannot read recipe {path}: {exc.strerror}; check the path") from None
    return parse_recipe(text, source=str(path))


def build_pipeline(recipe: Recipe | None = None, *, source: str = "<recipe>") -> Pipeline:
    """The pipeline a recipe describes (the default pipeline when ``recipe`` is None)."""
    recipe = recipe or Recipe()
    try:
        return Pipeline(make_cleaner(name, **recipe.options.get(name, {})) for name in recipe.pipeline)
    except RecipeError as exc:
        raise RecipeError(f"{source}: {exc}") from None


def default_pipeline() -> Pipeline:
    """A new pipeline of the default cleaners with their default options."""
    return build_pipeline()
