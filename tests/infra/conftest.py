"""The transformed template, resolved once per TriggerMode (the SAM transform takes a moment)."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

import pytest
from article_ingest_ops.template import resolved_template

TRIGGER_MODES = ("queue", "direct")


@cache
def _resolved(parameters: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    return resolved_template(dict(parameters))


def resolved(**parameters: str) -> dict[str, Any]:
    """The template one deployment with these parameters would create (a fresh copy to assert on)."""
    return copy.deepcopy(_resolved(tuple(sorted(parameters.items()))))


def of_type(template: dict[str, Any], resource_type: str) -> dict[str, dict[str, Any]]:
    return {n: r for n, r in template["Resources"].items() if r["Type"] == resource_type}


def props(template: dict[str, Any], logical_id: str) -> dict[str, Any]:
    return template["Resources"][logical_id]["Properties"]


@pytest.fixture(params=TRIGGER_MODES)
def deployment(request) -> dict[str, Any]:
    """The resolved template for each TriggerMode: what must hold in both."""
    return resolved(TriggerMode=request.param)
