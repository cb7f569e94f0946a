"""Before decoding: size limits, capped gzip, binary formats; after decoding: the markup cap and the
JSON envelope."""

from __future__ import annotations

import json
import zlib

from ..errors import InputTooLarge, InvalidMessage, TooComplex, UndecodableInput
from ..messages import InlinePost, inline_post
from .limits import Limits

GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 64 * 1024
# Formats that arrive by mistake (an image or a document uploaded under the posts prefix).
BINARY_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"%PDF-": "PDF document",
    b"PK\x03\x04": "ZIP archive (or DOCX/XLSX)",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF87a": "GIF image",
    b"GIF89a": "GIF image",
    b"BZh91AY&SY": "bzip2 archive",  # the full block magic: "BZh" alone can start a text post
    b"\xfd7zXZ\x00": "xz archive",
    b"7z\xbc\xaf\x27\x1c": "7-Zip archive",
    b"\x7fELF": "ELF executable",
}


def unpack(data: bytes, limits: Limits) -> bytes:
    """Return the post's raw bytes: size-checked, gunzipped within the cap, known binaries refused."""
    if len(data) > limits.max_input_bytes:
        raise InputTooLarge(f"input is {len(data):,} bytes; the limit is {limits.max_input_bytes:,}")
    if data.startswith(GZIP_MAGIC):
        data = gunzip_capped(data, limits.max_decompressed_bytes)
    for magic, kind in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise UndecodableInput(f"binary file: {kind} ({len(data):,} bytes), not a post")
    return data


def check_markup(text: str, limits: Limits) -> None:
    tags = text.count("<")
    if tags > limits.max_markup_tags:
        raise TooComplex(f"post has {tags:,} tags; the limit is {limits.max_markup_tags:,} (MAX_MARKUP_TAGS)")


def gunzip_capped(data: bytes, cap: int) -> bytes:
    """Inflate chunk by chunk and stop as soon as the output passes the cap, so a gzip bomb costs
    at most ``cap`` bytes of memory instead of gigabytes."""
    inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    out = bytearray()
    pending = data
    try:
        while pending:
            out += inflater.decompress(pending, CHUNK)
            if len(out) > cap:
                raise InputTooLarge(f"gzip input inflates past the {cap:,}-byte limit (from {len(data):,})")
            pending = inflater.unconsumed_tail
            if not pending and inflater.eof and inflater.unused_data.startswith(GZIP_MAGIC):
                # concatenated gzip members (what `cat a.gz b.gz` produces) are one valid stream
                pending = inflater.unused_data
                inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    except zlib.error as exc:
        raise UndecodableInput(f"corrupt gzip data ({len(data):,} bytes): {exc}") from exc
    if not inflater.eof:
        raise UndecodableInput(f"truncated gzip data ({len(data):,} bytes): the stream never ends")
    return bytes(out)


def open_envelope(text: str) -> InlinePost | None:
    """A JSON object with "html" or "text" is a fetched page wrapped with its URL; anything else
    that merely starts with "{" is left to the plain-text parser."""
    stripped = text.lstrip()
    if not stripped.startswith("{"):
        return None
    try:
        payload = json.loads(stripped)
    except ValueError:
        return None
    except RecursionError as exc:
        raise InvalidMessage("the post is JSON nested too deeply to read") from exc
    if not isinstance(payload, dict) or not ({"html", "text"} & payload.keys()):
        return None
    return inline_post(payload)
