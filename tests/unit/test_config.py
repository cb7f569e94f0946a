"""Settings are validated once, and a bad environment names the variable."""

from __future__ import annotations

import pytest
from article_ingest.config import SettingsError, load_settings

BASE = {"TABLE_NAME": "articles", "BUCKET_NAME": "raw-bucket"}


def test_defaults_and_prefix_normalised():
    settings = load_settings({**BASE, "INPUT_PREFIX": "uploads"})
    assert settings.input_prefix == "uploads/"
    assert settings.overflow_prefix == "articles/"
    assert settings.max_input_bytes == 6 * 1024 * 1024


def test_missing_variable_is_named():
    with pytest.raises(SettingsError, match="TABLE_NAME"):
        load_settings({"BUCKET_NAME": "raw-bucket"})


def test_malformed_number_is_named():
    with pytest.raises(SettingsError, match="MAX_INPUT_BYTES"):
        load_settings({**BASE, "MAX_INPUT_BYTES": "ten megabytes"})


def test_overflow_inside_input_prefix_is_refused():
    # Writing bodies under the trigger prefix would invoke the function on its own output.
    with pytest.raises(SettingsError, match="overlaps"):
        load_settings({**BASE, "INPUT_PREFIX": "incoming/", "OVERFLOW_PREFIX": "incoming/articles/"})
