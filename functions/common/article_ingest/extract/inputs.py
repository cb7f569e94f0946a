"""What arrives, before any HTML is read: size limits, capped gzip, binary refusal, the charset,
the JSON envelope, and whether the post is HTML or plain text.

Decoding follows browsers: a BOM wins; valid UTF-8 is UTF-8 whatever the page declares (legacy
bytes almost never form valid multi-byte sequences by chance); then the caller's content-type
charset, then the page's own <meta>/XML declaration; when those are missing or fail to decode,
charset-normalizer detects. Mostly-valid UTF-8 with a few broken bytes stays UTF-8 with
replacement characters, because detection on such pages picks a legacy codec and garbles every
accented letter instead of a few.
"""

from __future__ import annotations

import codecs
import json
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from charset_normalizer import from_bytes

from ..compat import mess_ratio
from ..errors import InputTooLarge, InvalidMessage, TooComplex, UndecodableInput
from ..limits import Limits
from ..messages import InlinePost, inline_post

# Before decoding: size, gzip, binary formats.
GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 64 * 1024
# `cat`-joined gzip files are a few members; thousands are an attack on the walk, not a post.
MAX_GZIP_MEMBERS = 1000
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
    """Counted on the text the parser gets, after the charset and any envelope: an escaped
    "\\u003c" or an EBCDIC "<" is one more element all the same."""
    tags = text.count("<")
    if tags > limits.max_markup_tags:
        raise TooComplex(f"post has {tags:,} tags; the limit is {limits.max_markup_tags:,} (MAX_MARKUP_TAGS)")


def gunzip_capped(data: bytes, cap: int) -> bytes:
    """Inflate a gzip stream (one member or several, as `cat a.gz b.gz` makes) and stop as soon as
    the output passes the cap, so a gzip bomb costs at most ``cap`` bytes of memory. The input is fed
    by offset in chunks, never copied whole, so many tiny members cost linear time, not quadratic;
    at most MAX_GZIP_MEMBERS members are read."""
    view = memoryview(data)
    out = bytearray()
    position, members = 0, 1
    inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    try:
        while True:
            if inflater.eof:
                position -= len(inflater.unused_data)  # the next member starts inside the last chunk
                if not data.startswith(GZIP_MAGIC, position):
                    break  # bytes after the last member are ignored, as gzip itself does
                members += 1
                if members > MAX_GZIP_MEMBERS:
                    raise UndecodableInput(
                        f"gzip input has more than {MAX_GZIP_MEMBERS:,} members ({len(data):,} bytes)"
                    )
                inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
            if position >= len(data):
                break
            pending = view[position : position + CHUNK]
            position += len(pending)
            while pending:
                out += inflater.decompress(pending, CHUNK)
                if len(out) > cap:
                    raise InputTooLarge(
                        f"gzip input inflates past the {cap:,}-byte limit (from {len(data):,})"
                    )
                pending = inflater.unconsumed_tail
    except zlib.error as exc:
        raise UndecodableInput(f"corrupt gzip data ({len(data):,} bytes): {exc}") from exc
    if not inflater.eof:
        raise UndecodableInput(f"truncated gzip data ({len(data):,} bytes): the stream never ends")
    return bytes(out)


# The charset (see the module docstring for the order).
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Labels browsers read as a superset (WHATWG Encoding Standard); decoding by the label alone fails
# on the bytes 0x80-0x9F that real "iso-8859-1" pages use for curly quotes and dashes.
SUPERSETS = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "tis-620": "cp874",
    "iso-8859-11": "cp874",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
}
CHARSET_IN_META = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)
CHARSET_IN_XML = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([-\w.:]+)""", re.I)
# C0 controls other than tab, line feed, form feed and carriage return.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
CHARSET_IN_TYPE = re.compile(r"""charset\s*=\s*["']?([-\w.:]+)""", re.I)
NUL_SHARE_FOR_BINARY = 0.05
CONTROL_SHARE_FOR_BINARY = 0.05
SNIFF_BYTES = 4096
COMMON_CODECS = ("cp1252", "cp1251", "cp1250", "iso8859_2")  # by share of legacy-encoded web pages
CHAOS_TOLERANCE = 0.1


@dataclass(frozen=True)
class Decoded:
    text: str
    charset: str


def decode(data: bytes, content_type: str | None = None) -> Decoded:
    """Decode one post; raise UndecodableInput when no charset gives plausible text."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return _checked(data.decode(codec, "replace"), codec.removesuffix("-sig"))
    if data[:SNIFF_BYTES].count(0) > NUL_SHARE_FOR_BINARY * min(len(data), SNIFF_BYTES):
        decoded = _decode_utf16_without_bom(data)
        return _checked(decoded.text, decoded.charset)
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    for label in (_label_in_content_type(content_type), _label_in_document(data)):
        codec = _codec(label)
        # A label readable as ASCII cannot name UTF-16 or EBCDIC: such a label is wrong (browsers
        # ignore it too), and an EBCDIC decode would turn other bytes into markup.
        if codec and _ascii_compatible(codec):
            try:
                return _checked(data.decode(codec), codec)
            except UnicodeDecodeError:
                continue  # the declaration is wrong: fall through to detection
    if _mostly_utf8(data):
        return _checked(data.decode("utf-8", "replace"), "utf-8")
    return _detected(data)


def _decode_utf16_without_bom(data: bytes) -> Decoded:
    """ASCII markup in UTF-16 puts a NUL in every other byte: odd positions for LE, even for BE."""
    head = data[:SNIFF_BYTES]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if min(even, odd) > 0.1 * max(even, odd):  # NULs on both sides: not text
        share = head.count(0) / max(len(head), 1)
        raise UndecodableInput(f"binary data: {share:.0%} NUL bytes and not laid out as UTF-16")
    codec = "utf-16-le" if odd > even else "utf-16-be"
    try:
        return Decoded(text=data.decode(codec), charset=codec)
    except UnicodeDecodeError as exc:
        raise UndecodableInput(f"looks like {codec} without a BOM but does not decode: {exc.reason}") from exc


def _label_in_content_type(content_type: str | None) -> str | None:
    match = CHARSET_IN_TYPE.search(content_type or "")
    return match.group(1) if match else None


def _label_in_document(data: bytes) -> str | None:
    match = CHARSET_IN_META.search(data[:65536]) or CHARSET_IN_XML.search(data[:1024])
    return match.group(1).decode("ascii", "ignore") if match else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return codecs.lookup(SUPERSETS.get(name, SUPERSETS.get(label.lower(), name))).name


def _mostly_utf8(data: bytes) -> bool:
    valid = len(re.findall(rb"[\xc2-\xf4][\x80-\xbf]+", data))
    invalid = data.decode("utf-8", "replace").count("\ufffd")
    return valid > invalid


@lru_cache(maxsize=64)
def _ascii_compatible(codec: str) -> bool:
    """Whether the codec reads printable ASCII as ASCII (UTF-8, cp1252, Shift_JIS… but not UTF-16,
    UTF-7 or EBCDIC's cp500)."""
    printable = bytes(range(0x20, 0x7F))
    try:
        return printable.decode(codec) == printable.decode("ascii")
    except UnicodeDecodeError:
        return False


def _detected(data: bytes) -> Decoded:
    best = from_bytes(data).best()
    if best is None:
        raise UndecodableInput(f"no charset declared or detectable in {len(data)} bytes; binary data?")
    common = _common_codec(data, best.chaos)
    if common:
        return common
    if not _ascii_compatible(best.encoding):
        raise UndecodableInput(
            f"detected {best.encoding} in {len(data):,} bytes, which does not read ASCII as ASCII; "
            "posts must be UTF-8, UTF-16 with a BOM, or an ASCII-compatible legacy charset"
        )
    return _checked(str(best), best.encoding)


def _common_codec(data: bytes, chaos: float) -> Decoded | None:
    """On short texts detection ties between codecs that read equally cleanly (French cp1252 comes
    out as cp1257, Polish ISO-8859-2 as ISO-8859-10); the web's common codecs win such ties, the
    cleanest first and, when equally clean, the more common."""
    candidates = []
    for rank, codec in enumerate(COMMON_CODECS):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        mess = mess_ratio(text)
        if mess <= chaos + CHAOS_TOLERANCE:
            candidates.append((round(mess, 3), rank, codec, text))
    if not candidates:
        return None
    _, _, codec, text = min(candidates)
    return _checked(text, codec)


def _checked(text: str, charset: str) -> Decoded:
    controls = len(CONTROL_CHARS.findall(text, 0, SNIFF_BYTES))
    if controls > CONTROL_SHARE_FOR_BINARY * min(len(text), SNIFF_BYTES):
        raise UndecodableInput(f"decoded as {charset} but {controls} control characters: binary data?")
    return Decoded(text=text, charset=codecs.lookup(charset).name)  # one spelling per codec


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


# After decoding: HTML or plain text? The file name, then the content type, then the text itself.
Format = Literal["html", "text"]

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx")
TEXT_SUFFIXES = (".txt", ".text", ".md")
# Tags that only markup has; a plain-text post may mention "<3" or "a < b" but not these.
HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|main|span|h[1-6]|br|table|ul|ol|script)\b",
    re.I,
)
SNIFF_CHARS = 4096


def detect_format(text: str, filename: str | None = None, content_type: str | None = None) -> Format:
    name = (filename or "").lower().removesuffix(".gz")
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml"):
        return "html"
    if kind in ("text/plain", "text/markdown"):
        return "text"
    return "html" if HTML_TAG.search(text[:SNIFF_CHARS]) else "text"
