"""The hostile corpus: posts built to break a parser, each with the one outcome it must have.

Generated in code (the big ones would be megabytes on disk). ``expected`` is "article" or the
code of the permanent error the post must end as (article_ingest.errors).
"""

from __future__ import annotations

import gzip
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

MB = 1024 * 1024

ARTICLE_PARAGRAPHS = [
    "The city council voted on Tuesday to build protected bike lanes along the full length of Main "
    "Street, a project residents have asked for since the last resurfacing more than a decade ago.",
    "Construction is expected to begin in the spring and to take about eighteen months, with the "
    "work split into four phases so that the street stays open to buses and deliveries throughout.",
    "Opponents argued that removing parking would hurt the small shops along the corridor, but the "
    "traffic study presented at the meeting found that most customers arrive on foot or by bus.",
    "The council also asked the transport department to report back on the effect on collisions "
    "and on cycling numbers one year after each phase is finished, so the plan can be adjusted.",
]


def article_html(title: str = "Council approves Main Street bike lanes", extra: str = "") -> str:
    body = "".join(f"<p>{p}</p>\n" for p in ARTICLE_PARAGRAPHS)
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>{title}</h1>"
        f"{extra}{body}</article><footer>© 2026 Example Times</footer></body></html>"
    )


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 8


def _pdf() -> bytes:
    return b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256)) * 8 + b"%%EOF\n"


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.html", article_html())
    return buffer.getvalue()


@cache  # ~2 s to build; four entry points use it
def _gzip_bomb(inflated: int = 1024 * MB) -> bytes:
    """A few MB of gzip that inflates to ``inflated`` bytes of spaces (1 GiB by default)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as out:
        chunk = b" " * MB
        for _ in range(inflated // MB):
            out.write(chunk)
    return buffer.getvalue()


def _latin1_declared_utf8() -> bytes:
    # Declares UTF-8 but is cp1252: "Café", curly quotes, an en dash.
    return article_html(extra="<p>Le café « du coin » – ouvert depuis 1923, dit-on.</p>").encode("cp1252")


def _mixed_encodings() -> bytes:
    head = article_html().encode("utf-8")
    return head.replace(b"</article>", "<p>Straße, naïve, café</p>".encode("cp1252") + b"</article>")


def _invalid_utf8() -> bytes:
    return article_html().encode("utf-8").replace(b"bike lanes", b"bike \xff\xfe\xc3 lanes", 2)


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[], bytes]
    expected: str  # "article" or an error code, through the service and both handlers
    filename: str = "post.html"
    slow: bool = False
    # parse() alone, when it differs from the handlers' outcome
    parse_expected: str | None = None

    def data(self) -> bytes:
        return self.build()


CASES = [
    Case("empty", lambda: b"", "empty"),
    Case("whitespace_only", lambda: b" \n\t\r\n   \n", "empty"),
    Case(
        "only_scripts_and_styles",
        lambda: (
            b"<html><head><style>body{color:red}</style><script>var a=1;</script></head>"
            b"<body><script>document.write('hello world '.repeat(100))</script>"
            b"<noscript></noscript></body></html>"
        ),
        "empty",  # no visible text at all
    ),
    Case(
        "login_wall",
        lambda: (
            b"<html><head><title>Sign in</title></head><body><form action='/login' method='post'>"
            b"<label>Email <input name='email'></label><label>Password <input type='password'></label>"
            b"<button>Sign in</button><a href='/reset'>Forgot your password?</a></form></body></html>"
        ),
        "not_an_article",
    ),
    Case(
        "home_list_page",
        lambda: (
            "<html><head><title>Example Times</title></head><body><ul>"
            + "".join(f"<li><a href='/news/{i}'>Headline number {i} today</a></li>" for i in range(40))
            + "</ul></body></html>"
        ).encode(),
        "not_an_article",
    ),
    Case(
        "not_found_page",
        lambda: (
            b"<html><head><title>404 Not Found</title></head><body><h1>Page not found</h1>"
            b"<p>Sorry, we could not find that page.</p><a href='/'>Back home</a></body></html>"
        ),
        "not_an_article",
    ),
    Case("png_named_html", _png, "undecodable"),
    Case("pdf_named_html", _pdf, "undecodable"),
    Case("zip_named_html", _zip, "undecodable"),
    Case("truncated_html", lambda: article_html().encode()[: len(article_html()) * 3 // 4], "article"),
    Case(
        "unclosed_tags",
        lambda: article_html().replace("</p>", "").replace("</article>", "").replace("</body>", "").encode(),
        "article",
    ),
    # 100,000 tags is past MAX_MARKUP_TAGS.
    Case("deep_nesting_100k", lambda: (b"<div>" * 100_000) + article_html().encode(), "too_complex"),
    Case(
        "page_20mb", lambda: article_html(extra="<p>" + "filler " * (3 * MB) + "</p>").encode(), "too_large"
    ),
    Case(
        "single_line_5mb",
        lambda: article_html(extra="<p>" + "word " * MB + "</p>").replace("\n", " ").encode(),
        "article",
        slow=True,
    ),
    Case(
        "tiny_paragraphs_200k",
        lambda: (article_html(extra="<p>x</p>" * 200_000)).encode(),
        "too_complex",
        slow=True,
    ),
    # One '<' per element, the slowest markup to extract: 59,000 took 17 s, so the cap is 40,000.
    Case("unclosed_paragraphs_41k", lambda: article_html(extra="<p>x" * 41_000).encode(), "too_complex"),
    Case("invalid_utf8", _invalid_utf8, "article"),
    Case("mixed_encodings", _mixed_encodings, "article"),
    Case("utf16_without_bom", lambda: article_html().encode("utf-16-le"), "article"),
    Case("wrong_declared_charset", _latin1_declared_utf8, "article"),
    Case("gzip_bomb", _gzip_bomb, "too_large", filename="post.html.gz", slow=True),
]

CASES_BY_NAME = {case.name: case for case in CASES}

# Where parse() does not meet the expectation yet (extract/ is another engineer's): strict xfail,
# so the test starts failing, as a reminder to drop the entry, the day parse() is fixed.
PARSE_GAPS: dict[str, str] = {}
