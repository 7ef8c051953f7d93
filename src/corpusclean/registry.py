"""Which cleaners exist, by name, and how to build one from options.

Built-in cleaners are the :class:`~corpusclean.cleaner.Cleaner` subclasses in
the modules of :mod:`corpusclean.cleaners`; a third-party package adds its own
through the entry-point group ``corpusclean.cleaners`` (``name = "pkg.mod:Class"``).
Options are checked against the cleaner's keyword-only ``__init__`` parameters,
so a misspelt option fails with the list of valid ones.

>>> make_cleaner("nonexistent")
Traceback (most recent call last):
...
corpusclean.errors.UnknownCleanerError: no cleaner named 'nonexistent'; ...
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import typing
from collections.abc import Iterable
from functools import cache
from importlib.metadata import entry_points
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from .cleaner import Cleaner
from .defaults import DEFAULT_PIPELINE
from .errors import RecipeError, UnknownCleanerError

ENTRY_POINT_GROUP = "corpusclean.cleaners"

_registered: dict[str, type[Cleaner]] = {}


def register(cls: type[Cleaner]) -> type[Cleaner]:
    """Register a cleaner class under its ``name`` (usable as a class decorator)."""
    if not cls.name or cls.name != cls.name.lower() or not cls.name.isidentifier():
        raise RecipeError(f"{cls.__qualname__}.name must be a snake_case identifier, not {cls.name!r}")
    _registered[cls.name] = cls
    return cls


@cache
def _builtin() -> dict[str, type[Cleaner]]:
    from . import cleaners

    found: dict[str, type[Cleaner]] = {}
    for info in pkgutil.iter_modules(cleaners.__path__, cleaners.__name__ + "."):
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if (
                isinstance(obj, type)
                and issubclass(obj, Cleaner)
                and obj.__module__ == module.__name__
                and obj.name
            ):
                found[obj.name] = obj
    return found


@cache
def _plugins() -> dict[str, type[Cleaner]]:
    found: dict[str, type[Cleaner]] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        cls = ep.load()
        if not (isinstance(cls, type) and issubclass(cls, Cleaner)):
            raise RecipeError(
                f"entry point {ep.name!r} in group {ENTRY_POINT_GROUP!r} points to {ep.value!r}, "
                "which is not a Cleaner subclass; fix the plugin's entry point"
            )
        found[ep.name] = cls
    return found


def available() -> dict[str, type[Cleaner]]:
    """Every registered cleaner class by name, sorted by name."""
    merged = {**_builtin(), **_plugins(), **_registered}
    return dict(sorted(merged.items()))


def get_cleaner_class(name: str) -> type[Cleaner]:
    """The cleaner class registered as ``name``."""
    classes = available()
    try:
        return classes[name]
    except KeyError:
        raise UnknownCleanerError(
            f"no cleaner named {name!r}; valid names: {', '.join(classes)}. "
            "Run `corpusclean cleaners` to see what each does."
        ) from None


def options_model(cls: type[Cleaner]) -> type[BaseModel]:
    """A pydantic model of ``cls``'s keyword-only ``__init__`` options."""
    model = _options_models.get(cls)
    if model is None:
        model = _options_models[cls] = _build_options_model(cls)
    return model


_options_models: dict[type[Cleaner], type[BaseModel]] = {}


def _build_options_model(cls: type[Cleaner]) -> type[BaseModel]:
    # Strict: a recipe's "no" is not a boolean and "12" is not a number (TOML has real booleans
    # and numbers, so a string there is a mistake to report, not a value to coerce).
    config = ConfigDict(extra="forbid", strict=True)
    if cls.__init__ is object.__init__:
        return create_model(f"{cls.__name__}Options", __config__=config)
    hints = typing.get_type_hints(cls.__init__)
    fields: dict[str, Any] = {}
    for param in inspect.signature(cls.__init__).parameters.values():
        if param.kind is param.KEYWORD_ONLY:
            default = ... if param.default is param.empty else param.default
            annotation = hints.get(param.name, Any)
            # TOML has arrays, not tuples: a tuple option takes a list (its items stay strict).
            lax = Field(default, strict=False) if _has_tuple(annotation) else default
            fields[param.name] = (annotation, lax)
    return create_model(  # type: ignore[call-overload, no-any-return]
        f"{cls.__name__}Options", __config__=config, **fields
    )


def _has_tuple(annotation: Any) -> bool:
    """True when ``annotation`` is a tuple type or a union with one (``tuple[str, ...] | None``)."""
    return typing.get_origin(annotation) is tuple or any(map(_has_tuple, typing.get_args(annotation)))


def type_name(annotation: Any) -> str:
    """A short readable name of a type annotation.

    >>> type_name(int), type_name(str | None), type_name(tuple[str, ...])
    ('int', 'str | None', 'tuple[str, ...]')
    """
    if isinstance(annotation, type) and not typing.get_args(annotation):
        return annotation.__name__
    return str(annotation).replace("typing.", "").replace("NoneType", "None")


def option_rows(cls: type[Cleaner]) -> list[tuple[str, str, Any]]:
    """``(name, type, default)`` of each of ``cls``'s options; the default of a required one is undefined."""
    fields = options_model(cls).model_fields
    return [(name, type_name(f.annotation), f.default) for name, f in fields.items()]


def pipeline_order(classes: Iterable[str]) -> list[str]:
    """The cleaner names of ``classes``: the default pipeline's in its order, then the others by name.

    >>> pipeline_order(["convert_script", "strip_html", "extract_main_text"])
    ['extract_main_text', 'strip_html', 'convert_script']
    """
    names = set(classes)
    return [n for n in DEFAULT_PIPELINE if n in names] + sorted(names.difference(DEFAULT_PIPELINE))


def option_names(cls: type[Cleaner]) -> list[str]:
    """The names of ``cls``'s options."""
    return list(options_model(cls).model_fields)


def _problem(error: Any, types: dict[str, str]) -> str:
    """One validation error as ``option: wants TYPE, got VALUE (TYPE)``, or pydantic's message."""
    loc = error["loc"]
    name = str(loc[0]) if loc else "(options)"
    if error["type"] == "extra_forbidden" or name not in types:
        return f"{name}: {error['msg']}"
    given = error["input"]
    where = name + "".join(f"[{part!r}]" for part in loc[1:])
    return f"{where}: wants {types[name]}, got {given!r} ({type(given).__name__})"


def make_cleaner(name: str, **options: Any) -> Cleaner:
    """Build the cleaner registered as ``name`` with validated ``options``."""
    cls = get_cleaner_class(name)
    model = options_model(cls)
    try:
        checked = model.model_validate(options)
    except ValidationError as exc:
        types = {n: t for n, t, _ in option_rows(cls)}
        problems = "; ".join(_problem(e, types) for e in exc.errors())
        valid = ", ".join(model.model_fields) or "(none)"
        raise RecipeError(
            f"bad options for cleaner {name!r}: {problems}. Valid options of {name!r}: {valid}"
        ) from None
    return cls(**{k: getattr(checked, k) for k in options})
