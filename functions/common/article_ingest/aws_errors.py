"""The one place where AWS errors become the service's own exceptions."""

from __future__ import annotations

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectionError,
    ConnectTimeoutError,
    ReadTimeoutError,
)

from .errors import AccessDenied, IngestError, SourceNotFound, StorageRejected, TransientError

_NOT_FOUND = {"NoSuchKey", "NoSuchVersion", "404", "NoSuchBucket", "NotFound"}
_DENIED = {"AccessDenied", "403", "AccessDeniedException"}
_REJECTED = {"InvalidObjectState", "ValidationException", "InvalidRequest"}


def translate(exc: Exception, action: str) -> IngestError:
    """Name what failed and whether retrying can help."""
    if isinstance(exc, ClientError):
        code = exc.response.get("Error", {}).get("Code", "Unknown")
        message = exc.response.get("Error", {}).get("Message", "")
        reason = f"{action}: {code} {message}".strip()
        if code in _NOT_FOUND:
            return SourceNotFound(reason)
        if code in _DENIED:
            return AccessDenied(reason)
        if code in _REJECTED:
            return StorageRejected(reason)
        return TransientError(reason)
    if isinstance(exc, (ConnectionError, ConnectTimeoutError, ReadTimeoutError, BotoCoreError)):
        return TransientError(f"{action}: {type(exc).__name__}: {exc}")
    return TransientError(f"{action}: unexpected {type(exc).__name__}: {exc}")
