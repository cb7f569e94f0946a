"""What arrives: S3 notifications (direct or relayed through SQS), S3 pointers, and posts carried as
JSON ({url, html|text, fetched_at}), in a queue message or in a file. One model each, used by the
queue and by parse() alike.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import unquote_plus, urlsplit, urlunsplit

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from .errors import InvalidMessage

MAX_INLINE_BODY_CHARS = 256 * 1024  # SQS caps a message at 256 KiB; anything larger is not from SQS
# A sender's clock may run a little ahead; a fetch time further in the future is taken as now, so it
# cannot order a post after versions that really come later.
FETCHED_AT_SKEW = timedelta(minutes=5)
WEB_SCHEMES = ("http", "https")


class S3Pointer(BaseModel):
    """One S3 object to ingest. Keys here are always decoded."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True, frozen=True)

    bucket: str = Field(min_length=3)
    key: str = Field(min_length=1)
    version_id: str | None = Field(default=None, alias="versionId")


class InlinePost(BaseModel):
    """A post carried as JSON, with the URL it was fetched from. Its identity is that URL: it can
    never stand for an S3 object. Any other field is refused, so a misspelt one is not lost unseen."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str | None = None
    html: str | None = None
    text: str | None = None
    fetched_at: AwareDatetime | None = None

    @field_validator("url")
    @classmethod
    def _web_url(cls, value: str | None) -> str | None:
        return None if value is None else normalise_url(value)

    @field_validator("fetched_at")
    @classmethod
    def _not_in_the_future(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        now = datetime.now(UTC)
        return min(value.astimezone(UTC), now + FETCHED_AT_SKEW)

    @model_validator(mode="after")
    def _one_body(self) -> InlinePost:
        if (self.html is None) == (self.text is None):
            raise ValueError("a post needs exactly one of 'html' or 'text'")
        return self

    @property
    def body(self) -> str:
        return self.html if self.html is not None else self.text or ""

    @property
    def format(self) -> str:
        return "html" if self.html is not None else "text"

    @property
    def fetched(self) -> str | None:
        return self.fetched_at.isoformat() if self.fetched_at else None


def normalise_url(value: str) -> str:
    """An http(s) URL with its scheme and host in lower case and no fragment; anything else refused."""
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        raise ValueError(f"url must be an http(s) URL with a host, got {value[:80]!r}")
    host = parts.hostname + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", parts.query, ""))


def s3_pointers_from_event(event: dict[str, Any]) -> list[S3Pointer]:
    """The created objects named by an S3 notification; test events and removals name none."""
    if event.get("Event") == "s3:TestEvent":
        return []
    records = event.get("Records")
    if not isinstance(records, list):
        raise InvalidMessage("an S3 notification needs a 'Records' list")
    pointers = []
    for record in records:
        if not isinstance(record, dict):
            kind = type(record).__name__
            raise InvalidMessage(f"S3 notification record is a JSON {kind}, expected an object")
        if not str(record.get("eventName", "")).startswith("ObjectCreated"):
            continue
        try:
            s3 = record["s3"]
            pointers.append(
                S3Pointer(
                    bucket=s3["bucket"]["name"],
                    # S3 URL-encodes keys in notifications ("a+b%2F.html" is "a b/.html").
                    key=unquote_plus(s3["object"]["key"]),
                    version_id=s3["object"].get("versionId") or None,
                )
            )
        except (KeyError, TypeError, AttributeError, ValidationError) as exc:  # AttributeError: key not a str
            raise InvalidMessage(f"S3 notification record without bucket name or object key: {exc}") from exc
    return pointers


def parse_queue_body(body: str) -> list[S3Pointer] | InlinePost:
    """Tell the three message shapes apart; anything else is an InvalidMessage naming what is wrong."""
    if len(body) > MAX_INLINE_BODY_CHARS:
        raise InvalidMessage(f"message body of {len(body)} characters exceeds {MAX_INLINE_BODY_CHARS}")
    message = load_json_object(body, "message body")
    if "Records" in message or message.get("Event") == "s3:TestEvent":
        return s3_pointers_from_event(message)
    if isinstance(message.get("requestPayload"), dict):
        # A Lambda on-failure destination record (the S3 function's DLQ entries), being redriven.
        return s3_pointers_from_event(message["requestPayload"])
    if "bucket" in message or "key" in message:
        try:
            return [S3Pointer.model_validate(message)]
        except ValidationError as exc:
            raise InvalidMessage(f"malformed message: {_first_error(exc)}") from exc
    if "html" in message or "text" in message:
        return inline_post(message)
    raise InvalidMessage(
        "unknown message shape: expected an S3 notification, {bucket, key}, or {url, html|text}; "
        f"got keys {sorted(message)[:10]}"
    )


def inline_post(message: dict[str, Any]) -> InlinePost:
    try:
        return InlinePost.model_validate(message)
    except ValidationError as exc:
        raise InvalidMessage(f"malformed post: {_first_error(exc)}") from exc


def load_json_object(text: str, what: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidMessage(f"{what} is not JSON: {exc.msg} at position {exc.pos}") from exc
    except RecursionError as exc:
        raise InvalidMessage(f"{what} nests JSON too deeply to read") from exc
    if not isinstance(value, dict):
        raise InvalidMessage(f"{what} is a JSON {type(value).__name__}, expected an object")
    return value


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(part) for part in err["loc"]) or "body"
    return f"{where}: {err['msg']}"
