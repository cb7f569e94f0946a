"""Settings read from the environment once, at cold start, and validated there.

Field names are the environment's (TABLE_NAME is table_name). A missing or malformed variable fails
the cold start with its name, not a request later.

A pydantic model read from os.environ, not pydantic-settings: that library adds 40-60 ms to every
cold start (it imports asyncio, argparse and dotenv for sources we do not use), 0.34x a bare
`import boto3` (bench/perf/coldstart.py), for what is one dictionary comprehension here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .limits import DEADLINE_MARGIN_MS, DEFAULT_LIMITS, Limits


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    table_name: str = Field(min_length=3)
    bucket_name: str = Field(min_length=3)
    input_prefix: str = "incoming/"
    # Bodies too big for one DynamoDB item go here; must lie outside input_prefix (no recursion).
    overflow_prefix: str = "articles/"
    max_input_bytes: int = Field(default=DEFAULT_LIMITS.max_input_bytes, gt=0)
    max_decompressed_bytes: int = Field(default=DEFAULT_LIMITS.max_decompressed_bytes, gt=0)
    max_markup_tags: int = Field(default=DEFAULT_LIMITS.max_markup_tags, gt=0)
    deadline_margin_ms: int = Field(default=DEADLINE_MARGIN_MS, ge=0)

    @field_validator("input_prefix", "overflow_prefix")
    @classmethod
    def _prefix_ends_with_slash(cls, value: str) -> str:
        return value if value.endswith("/") or not value else value + "/"

    @model_validator(mode="after")
    def _overflow_outside_input(self) -> Settings:
        if self.overflow_prefix.startswith(self.input_prefix) or self.input_prefix.startswith(
            self.overflow_prefix
        ):
            raise ValueError(
                f"OVERFLOW_PREFIX {self.overflow_prefix!r} overlaps INPUT_PREFIX {self.input_prefix!r}: "
                "writing there would trigger the function on its own output"
            )
        return self

    @property
    def limits(self) -> Limits:
        return Limits(self.max_input_bytes, self.max_decompressed_bytes, self.max_markup_tags)


def variable(field: str) -> str:
    """The environment variable a setting is read from."""
    return field.upper()


class SettingsError(RuntimeError):
    pass


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from the process environment, or from ``environ`` when it is given; an empty
    variable counts as unset."""
    environ = os.environ if environ is None else environ
    names = (name for name in Settings.model_fields if environ.get(variable(name)))
    try:
        return Settings.model_validate({name: environ[variable(name)] for name in names})
    except ValidationError as exc:
        names = ", ".join(f"{f} ({variable(f)})" for f in _failed_fields(exc)) or "settings"
        raise SettingsError(f"invalid environment for article-ingest: {names}: {exc}") from exc


def _failed_fields(exc: ValidationError) -> list[str]:
    return [str(err["loc"][0]) for err in exc.errors() if err["loc"]]


@cache
def settings() -> Settings:
    return load_settings()
