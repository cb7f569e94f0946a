"""Reading raw posts from S3. Raw objects are only ever read, never modified or deleted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from . import aws
from .aws_errors import translate
from .errors import InputTooLarge


@dataclass(frozen=True)
class RawObject:
    data: bytes
    content_type: str | None
    last_modified: str  # ISO 8601 UTC: orders versions of the same key
    version_id: str | None


def read_object(bucket: str, key: str, version_id: str | None, max_bytes: int) -> RawObject:
    """Fetch the key's newest version, refusing before download when it is larger than max_bytes.

    An event names the version it announces, but a newer one may have replaced it since; the
    table holds each key's latest state and LastModified (whole seconds) cannot order two versions
    written in the same second, so the newest is read. A key deleted since (a delete marker) is
    withdrawn: SourceNotFound, even though versioning keeps the named version.
    """
    s3 = aws.client("s3")
    try:
        response = s3.get_object(Bucket=bucket, Key=key)
    except Exception as exc:
        raise translate(exc, f"reading s3://{bucket}/{key}") from exc
    size = response.get("ContentLength", 0)
    if size > max_bytes:
        response["Body"].close()
        raise InputTooLarge(
            f"s3://{bucket}/{key} is {size} bytes; the limit is {max_bytes} (MAX_INPUT_BYTES)"
        )
    try:
        data = response["Body"].read(max_bytes + 1)
    except Exception as exc:
        raise translate(exc, f"reading the body of s3://{bucket}/{key}") from exc
    if len(data) > max_bytes:
        raise InputTooLarge(f"s3://{bucket}/{key} exceeds {max_bytes} bytes (MAX_INPUT_BYTES)")
    return RawObject(
        data=data,
        content_type=response.get("ContentType"),
        last_modified=_iso(response.get("LastModified")),
        version_id=response.get("VersionId") or version_id,
    )


def _iso(value: datetime | None) -> str:
    return value.isoformat() if value else ""
