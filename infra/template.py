"""template.yaml, read and transformed offline: the one definition tests and the local stack use."""

from __future__ import annotations

import copy
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "template.yaml"
ARTIFACT_BUCKET = "local-artifacts"


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    from samtranslator.yaml_helper import yaml_parse

    return yaml_parse(TEMPLATE.read_text())


def raw_template() -> dict[str, Any]:
    return copy.deepcopy(_raw())


class _NoManagedPolicies:
    """The transform asks for AWS managed policy ARNs only for names in Policies; we use none."""

    def load(self) -> dict[str, str]:
        return {}


def transformed_template(parameters: dict[str, str] | None = None) -> dict[str, Any]:
    """The CloudFormation template SAM would deploy, with local code paths standing in as S3 URIs."""
    from samtranslator.translator.transform import transform

    template = raw_template()
    for resource in template["Resources"].values():
        props = resource.get("Properties", {})
        for field in ("CodeUri", "ContentUri"):
            if isinstance(props.get(field), str) and not props[field].startswith("s3://"):
                props[field] = f"s3://{ARTIFACT_BUCKET}/{props[field]}.zip"
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    return transform(template, parameters or {}, _NoManagedPolicies())


def parameter_defaults() -> dict[str, str]:
    return {name: str(p.get("Default", "")) for name, p in _raw().get("Parameters", {}).items()}
