"""The few exceptions the service knows.

Permanent errors are about the input: retrying cannot help, so they are recorded and acknowledged.
Transient errors are about the world (throttling, 5xx, timeouts): the record is handed back for retry.
Every error carries a short machine-readable ``code`` and a reason an operator can act on.
"""


class IngestError(Exception):
    code = "ingest_error"

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.code}: {self.reason}"


class PermanentError(IngestError):
    """Bad input: record it, acknowledge it, never retry."""


class EmptyInput(PermanentError):
    code = "empty"


class InputTooLarge(PermanentError):
    code = "too_large"


class TooComplex(PermanentError):
    """More markup than one post may carry: extraction time grows faster than linearly with it."""

    code = "too_complex"


class UndecodableInput(PermanentError):
    code = "undecodable"


class NotAnArticle(PermanentError):
    code = "not_an_article"


class InvalidMessage(PermanentError):
    code = "invalid_message"


class SourceNotFound(PermanentError):
    code = "source_not_found"


class SourceNotAllowed(PermanentError):
    """A pointer to an object outside the stack's bucket and input prefix: never read."""

    code = "source_not_allowed"


class InternalError(PermanentError):
    """A bug met on this input: recorded with the exception, so it is not retried into the DLQ unseen."""

    code = "internal_error"


class AccessDenied(PermanentError):
    code = "access_denied"


class StorageRejected(PermanentError):
    """AWS refused the request as malformed (an item too large, a bad key): retrying cannot help."""

    code = "storage_rejected"


class TransientError(IngestError):
    """The world failed (throttling, 5xx, timeouts): retry later."""

    code = "transient"


class DeadlineNear(TransientError):
    """Too little time left before the Lambda deadline to start on another object."""

    code = "deadline"
