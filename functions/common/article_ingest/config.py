"""Settings read from the environment once, at cold start, and validated there.

A missing or malformed variable fails the cold start with its name, not a request later.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, Field, ValidationError, field_validator


class Settings(BaseModel):
    table_name: str = Field(min_length=3)
    bucket_name: str = Field(min_length=3)
    input_prefix: str = "incoming/"
    # Bodies too big for one DynamoDB item go here; must lie outside input_prefix (no recursion).
    overflow_prefix: str = "articles/"
    queue_url: str | None = None
    max_input_bytes: int = Field(default=10 * 1024 * 1024, gt=0)
    max_decompressed_bytes: int = Field(default=20 * 1024 * 1024, gt=0)
    # Extraction time grows faster than linearly with element count (200,000 <p> took 290 s);
    # the largest of 990 real pages has ~20,000 tags. Counted as '<' before parsing.
    max_markup_tags: int = Field(default=40_000, gt=0)
    # Stop taking records when less than this is left before the Lambda deadline.
    deadline_margin_ms: int = Field(default=25_000, ge=0)

    @field_validator("input_prefix", "overflow_prefix")
    @classmethod
    def _prefix_ends_with_slash(cls, value: str) -> str:
        return value if value.endswith("/") or not value else value + "/"

    def model_post_init(self, __context: object) -> None:
        if self.overflow_prefix.startswith(self.input_prefix) or self.input_prefix.startswith(
            self.overflow_prefix
        ):
            raise ValueError(
                f"OVERFLOW_PREFIX {self.overflow_prefix!r} overlaps INPUT_PREFIX {self.input_prefix!r}: "
                "writing there would trigger the function on its own output"
            )


ENVIRONMENT = {
    "table_name": "TABLE_NAME",
    "bucket_name": "BUCKET_NAME",
    "input_prefix": "INPUT_PREFIX",
    "overflow_prefix": "OVERFLOW_PREFIX",
    "queue_url": "QUEUE_URL",
    "max_input_bytes": "MAX_INPUT_BYTES",
    "max_decompressed_bytes": "MAX_DECOMPRESSED_BYTES",
    "max_markup_tags": "MAX_MARKUP_TAGS",
    "deadline_margin_ms": "DEADLINE_MARGIN_MS",
}


@dataclass(frozen=True)
class StackResources:
    """A stack's data resources and prefixes: what a function's environment names."""

    bucket: str
    queue_url: str
    dlq_url: str
    table: str
    input_prefix: str
    overflow_prefix: str

    def environment(self) -> dict[str, str]:
        """The function environment template.yaml's Globals give, resolved for this stack."""
        return stack_environment(
            table_name=self.table,
            bucket_name=self.bucket,
            input_prefix=self.input_prefix,
            overflow_prefix=self.overflow_prefix,
            queue_url=self.queue_url,
        )


def stack_environment(**resources: str) -> dict[str, str]:
    """The function environment for a stack's resources, named as load_settings reads them
    (table_name=..., bucket_name=..., input_prefix=..., overflow_prefix=..., queue_url=...)."""
    return {ENVIRONMENT[field]: value for field, value in resources.items()}


class SettingsError(RuntimeError):
    pass


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    environ = os.environ if environ is None else environ
    values = {field: environ[var] for field, var in ENVIRONMENT.items() if environ.get(var)}
    try:
        return Settings(**values)
    except (ValidationError, ValueError) as exc:
        names = ", ".join(f"{f} ({ENVIRONMENT.get(f, f)})" for f in _failed_fields(exc)) or "settings"
        raise SettingsError(f"invalid environment for article-ingest: {names}: {exc}") from exc


def _failed_fields(exc: Exception) -> list[str]:
    if isinstance(exc, ValidationError):
        return [str(err["loc"][0]) for err in exc.errors() if err["loc"]]
    return []


@lru_cache(maxsize=1)
def settings() -> Settings:
    return load_settings()
