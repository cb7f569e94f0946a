"""Reading raw posts from S3. Raw objects are only ever read, never modified or deleted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from . import aws
from .aws_errors import translate
from .errors import InputTooLarge, SourceNotFound


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
    written in the same second, so the newest is read. The named version is read only when the
    key has since been deleted (a delete marker hides it).
    """
    s3 = aws.client("s3")
    try:
        response = s3.get_object(Bucket=bucket, Key=key)
    except Exception as exc:
        if not version_id or not isinstance(translate(exc, ""), SourceNotFound):
            raise translate(exc, f"reading s3://{bucket}/{key}") from exc
        try:
            response = s3.get_object(Bucket=bucket, Key=key, VersionId=version_id)
        except Exception as exc:
            raise translate(exc, f"reading s3://{bucket}/{key} version {version_id}") from exc
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
