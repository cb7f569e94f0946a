"""What arrives: S3 notifications (direct or relayed through SQS), S3 pointers, and inline posts."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote_plus

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import InvalidMessage

MAX_INLINE_BODY_CHARS = 256 * 1024  # SQS caps a message at 256 KiB; anything larger is not from SQS


class S3Pointer(BaseModel):
    """One S3 object to ingest. Keys here are always decoded."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    bucket: str = Field(min_length=3)
    key: str = Field(min_length=1)
    version_id: str | None = Field(default=None, alias="versionId")
    sequencer: str | None = None
    size: int | None = None


class InlinePost(BaseModel):
    """A post carried in the message itself."""

    model_config = ConfigDict(extra="forbid")

    url: str | None = None
    html: str | None = None
    text: str | None = None
    fetched_at: str | None = None

    @model_validator(mode="after")
    def _one_body(self) -> InlinePost:
        if (self.html is None) == (self.text is None):
            raise ValueError("an inline post needs exactly one of 'html' or 'text'")
        return self

    def payload(self) -> bytes:
        return json.dumps(self.model_dump(exclude_none=True)).encode("utf-8")


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
                    sequencer=s3["object"].get("sequencer"),
                    size=s3["object"].get("size"),
                )
            )
        except (KeyError, TypeError, AttributeError, ValidationError) as exc:  # AttributeError: key not a str
            raise InvalidMessage(f"S3 notification record without bucket name or object key: {exc}") from exc
    return pointers


def parse_queue_body(body: str) -> list[S3Pointer] | InlinePost:
    """Tell the three message shapes apart; anything else is an InvalidMessage naming what is wrong."""
    if len(body) > MAX_INLINE_BODY_CHARS:
        raise InvalidMessage(f"message body of {len(body)} characters exceeds {MAX_INLINE_BODY_CHARS}")
    try:
        message = json.loads(body)
    except json.JSONDecodeError as exc:
        raise InvalidMessage(f"message body is not JSON: {exc.msg} at position {exc.pos}") from exc
    if not isinstance(message, dict):
        raise InvalidMessage(f"message body is a JSON {type(message).__name__}, expected an object")
    if "Records" in message or message.get("Event") == "s3:TestEvent":
        return s3_pointers_from_event(message)
    if isinstance(message.get("requestPayload"), dict):
        # A Lambda on-failure destination record (the S3 function's DLQ entries), being redriven.
        return s3_pointers_from_event(message["requestPayload"])
    try:
        if "bucket" in message or "key" in message:
            return [S3Pointer.model_validate(message)]
        if "html" in message or "text" in message:
            return InlinePost.model_validate(message)
    except ValidationError as exc:
        raise InvalidMessage(f"malformed message: {_first_error(exc)}") from exc
    raise InvalidMessage(
        "unknown message shape: expected an S3 notification, {bucket, key}, or {url, html|text}; "
        f"got keys {sorted(message)[:10]}"
    )


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(part) for part in err["loc"]) or "body"
    return f"{where}: {err['msg']}"
