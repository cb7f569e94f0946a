"""template.yaml, read and transformed offline: the one definition tests and the local stack use."""

from __future__ import annotations

import copy
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
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


# Resolving the transformed template for one set of parameters, so tests can assert on what one
# deployment would create: conditions decided, Fn::If and Fn::Sub evaluated, resources left as refs.

PSEUDO_PARAMETERS = {
    "AWS::AccountId": "123456789012",
    "AWS::Region": "us-east-1",
    "AWS::Partition": "aws",
    "AWS::URLSuffix": "amazonaws.com",
    "AWS::StackName": "article-ingest",
}
_NO_VALUE = object()
_SUB_VARIABLE = re.compile(r"\$\{([^}!][^}]*)\}")


def resolved_template(parameters: dict[str, str] | None = None) -> dict[str, Any]:
    """The transformed template as one deployment with these parameters (defaults for the rest) sees it.

    Resources whose Condition is false are dropped. Parameters and pseudo parameters are substituted;
    a Ref or Fn::GetAtt to a resource is kept as it is, and inside Fn::Sub as its ``${Name}`` text.
    """
    values = {**PSEUDO_PARAMETERS, **parameter_defaults(), **(parameters or {})}
    template = transformed_template(parameters)
    conditions: dict[str, bool] = {}
    for name in template.get("Conditions", {}):
        conditions[name] = _condition(template["Conditions"], name, values, conditions)
    resources = {
        name: resource
        for name, resource in template["Resources"].items()
        if conditions.get(resource.get("Condition", ""), True)
    }
    template["Resources"] = _resolve(resources, values, conditions)
    outputs = template.get("Outputs", {})
    kept = {n: o for n, o in outputs.items() if conditions.get(o.get("Condition", ""), True)}
    template["Outputs"] = _resolve(kept, values, conditions)
    template["ResolvedConditions"] = conditions
    template["ResolvedParameters"] = values
    return template


def _condition(all_conditions: dict[str, Any], name: str, values: dict[str, str], seen: dict) -> bool:
    if name not in seen:
        seen[name] = _evaluate(all_conditions[name], all_conditions, values, seen)
    return seen[name]


def _evaluate(expr: Any, all_conditions: dict[str, Any], values: dict[str, str], seen: dict) -> Any:
    if isinstance(expr, dict) and len(expr) == 1:
        ((function, args),) = expr.items()
        if function == "Condition":
            return _condition(all_conditions, args, values, seen)
        if function == "Fn::Equals":
            left, right = (_evaluate(a, all_conditions, values, seen) for a in args)
            return str(left) == str(right)
        if function == "Fn::Not":
            return not _evaluate(args[0], all_conditions, values, seen)
        if function == "Fn::And":
            return all(_evaluate(a, all_conditions, values, seen) for a in args)
        if function == "Fn::Or":
            return any(_evaluate(a, all_conditions, values, seen) for a in args)
        if function == "Ref":
            return values[args]
    return expr


def _resolve(value: Any, values: dict[str, str], conditions: dict[str, bool]) -> Any:
    if isinstance(value, list):
        items = [_resolve(v, values, conditions) for v in value]
        return [v for v in items if v is not _NO_VALUE]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        ((function, args),) = value.items()
        if function == "Fn::If":
            condition, when_true, when_false = args
            return _resolve(when_true if conditions[condition] else when_false, values, conditions)
        if function == "Ref":
            if args == "AWS::NoValue":
                return _NO_VALUE
            return values.get(args, value)
        if function == "Fn::Sub":
            return _substitute(args, values, conditions)
        if function == "Fn::Join":
            separator, parts = _resolve(args, values, conditions)
            if all(isinstance(p, str) for p in parts):
                return separator.join(parts)
            return {"Fn::Join": [separator, parts]}
    resolved = {k: _resolve(v, values, conditions) for k, v in value.items()}
    return {k: v for k, v in resolved.items() if v is not _NO_VALUE}


def _substitute(args: str | list, values: dict[str, str], conditions: dict[str, bool]) -> Any:
    text, local = (args, {}) if isinstance(args, str) else (args[0], _resolve(args[1], values, conditions))
    known = {**values, **local}

    def replace(match: re.Match) -> str:
        value = known.get(match.group(1))
        return value if isinstance(value, str) else match.group(0)

    return _SUB_VARIABLE.sub(replace, text)


def references(value: Any) -> set[str]:
    """Names a template fragment refers to: Ref, Fn::GetAtt and Fn::Sub variables (resources or not)."""
    found: set[str] = set()
    if isinstance(value, list):
        for item in value:
            found |= references(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key == "Ref" and isinstance(item, str):
                found.add(item)
            elif key == "Fn::GetAtt":
                found.add(item[0] if isinstance(item, list) else item.split(".")[0])
            elif key == "Fn::Sub":
                text = item if isinstance(item, str) else item[0]
                found |= {name.split(".")[0] for name in _SUB_VARIABLE.findall(text)}
                found |= references(item[1:] if isinstance(item, list) else [])
            else:
                found |= references(item)
    return found


def dependencies(template: dict[str, Any]) -> dict[str, set[str]]:
    """For each resource, the resources CloudFormation must create first (refs and DependsOn)."""
    resources = template["Resources"]
    graph = {}
    for name, resource in resources.items():
        depends = resource.get("DependsOn", [])
        explicit = {depends} if isinstance(depends, str) else set(depends)
        implicit = references({k: v for k, v in resource.items() if k != "DependsOn"})
        graph[name] = {d for d in explicit | implicit if d in resources}
    return graph
