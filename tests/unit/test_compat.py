"""compat.py: the other libraries' private internals this package uses, checked against what is installed."""

import subprocess
import sys

import pytest
from article_ingest import compat

from ..conftest import ROOT


def test_the_installed_libraries_are_the_versions_compat_was_written_for():
    compat.check()


def test_a_library_outside_its_versions_is_named_with_the_installed_version(monkeypatch):
    # Given compat written for a trafilatura release other than the installed one
    monkeypatch.setitem(compat.SUPPORTED_VERSIONS, "trafilatura", ("9.9.",))

    # When it is checked, then the error names the library, what is installed and what it fits
    expected = r"trafilatura 2\.3\.\d+ is installed; written for 9\.9\.x"
    with pytest.raises(compat.IncompatibleLibrary, match=expected):
        compat.check()


def test_a_missing_private_symbol_is_named(monkeypatch):
    monkeypatch.setitem(compat.PRIVATE_SYMBOLS, "gone", ("trafilatura.utils", "no_such_helper"))

    with pytest.raises(compat.IncompatibleLibrary, match=r"trafilatura\.utils\.no_such_helper is missing"):
        compat.check()


def test_importing_compat_loads_none_of_the_libraries():
    # The handlers import compat (through observability) at cold start; trafilatura is the first post's.
    code = (
        "import sys, article_ingest.compat;"
        " print(sorted({'trafilatura', 'charset_normalizer'} & set(sys.modules)))"
    )
    env_path = str(ROOT / "functions" / "common")
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PYTHONPATH": env_path}
    )
    assert run.stdout.strip() == "[]"
