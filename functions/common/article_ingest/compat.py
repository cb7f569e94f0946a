"""The one place that reaches into other libraries' private internals, and the versions it fits.

trafilatura's helper modules (utils, xml, metadata, settings, json_metadata), charset-normalizer's
mess ratio, Python's regular-expression parser and Powertools' tracing rule are not public APIs: a
minor release may rename or change them. Everything here is imported on first use (the handlers
import this module for the tracing rule, and must not pay for trafilatura at cold start), and
check() fails the build with the library and version when an installed one is outside what this
was written for, or a symbol is gone.
"""

from __future__ import annotations

import importlib
import sys
from importlib.metadata import PackageNotFoundError, version
from typing import Any

# Written for these: distribution -> the version prefixes that fit ("2.3." is any 2.3.x).
SUPPORTED_VERSIONS = {
    "trafilatura": ("2.3.",),
    "charset-normalizer": ("3.",),
    "aws-lambda-powertools": ("3.",),
}
# re._parser is re's own since Python 3.11 (sre_parse before); Lambda runs 3.12.
SUPPORTED_PYTHON = ((3, 11), (3, 13))

# Name here -> (module, attribute); None as the attribute is the module itself.
PRIVATE_SYMBOLS: dict[str, tuple[str, str | None]] = {
    # trafilatura 2.3: parsing as load_html parses, its text and metadata helpers
    "is_dubious_html": ("trafilatura.utils", "is_dubious_html"),
    "repair_faulty_html": ("trafilatura.utils", "repair_faulty_html"),
    "trim": ("trafilatura.utils", "trim"),
    "line_processing": ("trafilatura.utils", "line_processing"),
    "xmltotxt": ("trafilatura.xml", "xmltotxt"),
    "delete_element": ("trafilatura.xml", "delete_element"),
    "META_URL": ("trafilatura.metadata", "META_URL"),
    "examine_meta": ("trafilatura.metadata", "examine_meta"),
    "extract_catstags": ("trafilatura.metadata", "extract_catstags"),
    "extract_meta_json": ("trafilatura.metadata", "extract_meta_json"),
    "extract_sitename": ("trafilatura.metadata", "extract_sitename"),
    "extract_title": ("trafilatura.metadata", "extract_title"),
    "extract_url": ("trafilatura.metadata", "extract_url"),
    "set_date_params": ("trafilatura.settings", "set_date_params"),
    "normalize_authors": ("trafilatura.json_metadata", "normalize_authors"),
    # charset-normalizer 3: how messy a decoded text reads
    "mess_ratio": ("charset_normalizer.md", "mess_ratio"),
    # Python's regular-expression parser: the literals a pattern's matches must hold
    "regex_syntax": ("re._parser", None),
}
# What promo.py reads from the parser module.
REGEX_SYNTAX_NAMES = ("parse", "SubPattern", "LITERAL", "SUBPATTERN", "BRANCH", "MAX_REPEAT", "MIN_REPEAT")


class IncompatibleLibrary(RuntimeError):
    """An installed library is not the version this module was written for, or lacks a symbol."""


def __getattr__(name: str) -> Any:
    """Resolve a private symbol on first use (PEP 562), so importing compat costs nothing."""
    if name not in PRIVATE_SYMBOLS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module_name, attribute = PRIVATE_SYMBOLS[name]
    module = importlib.import_module(module_name)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


def powertools_tracing_disabled() -> bool:
    """Powertools' own rule: off when POWERTOOLS_TRACE_DISABLED is true, outside Lambda, in SAM local."""
    from aws_lambda_powertools import Tracer

    return bool(Tracer._is_tracer_disabled())


def check() -> None:
    """Raise IncompatibleLibrary when an installed version is outside SUPPORTED_VERSIONS, Python is
    outside SUPPORTED_PYTHON, or a private symbol used here is missing."""
    problems = []
    for distribution, prefixes in SUPPORTED_VERSIONS.items():
        try:
            installed = version(distribution)
        except PackageNotFoundError:
            problems.append(f"{distribution} is not installed (written for {', '.join(prefixes)}x)")
            continue
        if not installed.startswith(prefixes):
            problems.append(f"{distribution} {installed} is installed; written for {', '.join(prefixes)}x")
    low, high = SUPPORTED_PYTHON
    if not low <= sys.version_info[:2] <= high:
        problems.append(f"Python {sys.version.split()[0]}: re._parser was read for {low} to {high}")
    for name, (module_name, attribute) in PRIVATE_SYMBOLS.items():
        try:
            value = __getattr__(name)
        except (ImportError, AttributeError) as error:
            problems.append(f"{module_name}.{attribute or ''} is missing: {error}")
            continue
        if name == "regex_syntax":
            missing = [n for n in REGEX_SYNTAX_NAMES if not hasattr(value, n)]
            if missing:
                problems.append(f"re._parser lacks {', '.join(missing)} (Python {sys.version.split()[0]})")
    try:
        from aws_lambda_powertools import Tracer
    except ImportError as error:
        problems.append(f"aws-lambda-powertools cannot be imported: {error}")
    else:
        if not callable(getattr(Tracer, "_is_tracer_disabled", None)):
            installed = version("aws-lambda-powertools")
            problems.append(f"aws-lambda-powertools {installed}: Tracer._is_tracer_disabled is gone")
    if problems:
        raise IncompatibleLibrary("article_ingest.compat: " + "; ".join(problems))
