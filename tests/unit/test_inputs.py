"""What arrives: limits, capped gzip, the envelope, charset handling (BOMs, declarations, hints,
detection) and what counts as binary."""

import codecs
import gzip
import os

import pytest
from article_ingest.errors import InputTooLarge, UndecodableInput
from article_ingest.extract.inputs import Limits, decode, gunzip_capped, open_envelope, unpack

RUSSIAN = "<p>Здравствуйте! Сегодня мы поговорим о погоде в Москве и о том, как она изменилась.</p>"
POLISH = "<p>Zażółć gęślą jaźń. Pchnąć w tę łódź jeża lub ośm skrzyń fig.</p>"
JAPANESE = "<p>日本語のテキストです。これはテストです。もう少し長い文章を書きます。</p>"
FRENCH = "<p>Ça a été une très belle journée à Paris, où nous étions nombreux.</p>"


@pytest.mark.parametrize(
    "text, codec",
    [
        (RUSSIAN, "cp1251"),
        (RUSSIAN, "koi8_r"),
        (POLISH, "iso8859_2"),
        (JAPANESE, "shift_jis"),
        (FRENCH, "latin-1"),
    ],
)
def test_undeclared_legacy_charsets_are_detected(text, codec):
    assert decode(text.encode(codec)).text == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_nul_layout(codec):
    decoded = decode(JAPANESE.encode(codec))
    assert decoded.text == JAPANESE and decoded.charset == codec


@pytest.mark.parametrize("bom, codec", [(codecs.BOM_UTF8, "utf-8"), (b"", "utf-16"), (b"", "utf-32")])
def test_a_bom_wins(bom, codec):
    assert decode(bom + POLISH.encode(codec)).text == POLISH


def test_meta_charset_is_used():
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">{RUSSIAN}'
    assert decode(page.encode("cp1251")).charset == "cp1251"


def test_content_type_hint_is_used():
    assert decode(RUSSIAN.encode("cp1251"), "text/html; charset=windows-1251").text == RUSSIAN


def test_iso_8859_1_label_reads_as_windows_1252_like_browsers():
    page = '<meta charset="iso-8859-1"><p>\u201cQuoted\u201d \u2013 caf\u00e9</p>'
    assert decode(page.encode("cp1252")).text == page


def test_a_wrong_declaration_that_fails_to_decode_falls_back_to_detection():
    page = f'<meta charset="utf-8">{RUSSIAN * 3}'
    assert decode(page.encode("cp1251")).text == page


def test_valid_utf8_wins_over_a_wrong_legacy_declaration():
    page = f'<meta charset="windows-1251">{POLISH}'
    assert decode(page.encode("utf-8")).text == page


def test_a_few_broken_bytes_keep_a_utf8_page_utf8():
    data = POLISH.encode("utf-8") * 5 + b"\xff" + POLISH.encode("utf-8")
    decoded = decode(data)
    assert decoded.charset == "utf-8" and decoded.text.count("\ufffd") == 1


def test_nul_heavy_data_that_is_not_utf16_is_undecodable():
    with pytest.raises(UndecodableInput, match="NUL bytes"):
        decode(os.urandom(64) + b"\x00" * 3000 + os.urandom(64))


def test_control_character_noise_is_undecodable():
    with pytest.raises(UndecodableInput, match="control characters"):
        decode(bytes(range(1, 9)) * 200)


@pytest.mark.parametrize(
    "magic, kind", [(b"\x89PNG\r\n\x1a\n", "PNG"), (b"%PDF-1.7\n", "PDF"), (b"PK\x03\x04", "ZIP")]
)
def test_known_binary_formats_are_refused_by_name(magic, kind):
    with pytest.raises(UndecodableInput, match=kind):
        unpack(magic + b"\x00" * 100, Limits())


def test_input_over_the_limit_is_refused_with_both_sizes():
    with pytest.raises(InputTooLarge, match="2,000 bytes; the limit is 1,000"):
        unpack(b"x" * 2000, Limits(max_input_bytes=1000))


def test_gzip_is_inflated():
    assert unpack(gzip.compress(b"<p>hello</p>"), Limits()) == b"<p>hello</p>"


def test_a_gzip_bomb_stops_at_the_cap():
    bomb = gzip.compress(b"\0" * (50 * 1024 * 1024))
    with pytest.raises(InputTooLarge, match="inflates past the 1,048,576-byte limit"):
        gunzip_capped(bomb, 1024 * 1024)


def test_truncated_and_corrupt_gzip_are_undecodable():
    whole = gzip.compress(os.urandom(10_000))
    with pytest.raises(UndecodableInput, match="truncated"):
        gunzip_capped(whole[: len(whole) // 2], 10**6)
    with pytest.raises(UndecodableInput, match="corrupt"):
        gunzip_capped(whole[:10] + b"garbage" * 20, 10**6)


def test_concatenated_gzip_members_are_one_stream():
    assert gunzip_capped(gzip.compress(b"ab") + gzip.compress(b"cd"), 100) == b"abcd"


def test_envelope_carries_url_and_body():
    envelope = open_envelope(
        '{"url": "https://x.test/a", "html": "<p>x</p>", "fetched_at": "2024-01-01T00:00:00Z"}'
    )
    assert envelope.format == "html" and envelope.url == "https://x.test/a" and envelope.body == "<p>x</p>"


def test_json_that_is_not_an_envelope_is_left_alone():
    assert open_envelope('{"title": "no body here"}') is None
    assert open_envelope("{not json at all") is None


def test_limits_must_be_positive():
    with pytest.raises(ValueError):
        Limits(max_input_bytes=0)
