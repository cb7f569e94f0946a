"""A local AWS for the demo, the CLI and tests: a moto server on 127.0.0.1 holding the stack's
bucket, queues and table, created by moto CloudFormation from template.yaml's own resources.

moto cannot run Lambda code (it needs Docker), so only the data resources are deployed; the
handlers run in-process against them, the way Lambda would call them.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from dataclasses import dataclass
from typing import Any

import boto3

from .operations import StackResources
from .template import parameter_defaults, transformed_template

# moto's CloudFormation has no bucket or queue policies; the template tests assert those instead.
DATA_RESOURCE_TYPES = {"AWS::S3::Bucket", "AWS::SQS::Queue", "AWS::DynamoDB::Table"}
REGION = "us-east-1"
ACCOUNT = "123456789012"  # moto's default account


@dataclass(frozen=True)
class Stack(StackResources):
    name: str


def use_local_credentials() -> None:
    """A local moto stack accepts any credentials: stand-ins, so a new user need not configure any."""
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "local")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "local")
    os.environ.setdefault("AWS_DEFAULT_REGION", REGION)


def data_template(parameters: dict[str, str] | None = None) -> dict[str, Any]:
    """The transformed template cut down to what moto can hold: bucket, queues, table, policies."""
    full = transformed_template(parameters)
    resources = {n: r for n, r in full["Resources"].items() if r["Type"] in DATA_RESOURCE_TYPES}
    for resource in resources.values():
        # Metadata may Ref resources left out here (the bucket waits on its notification target).
        resource.pop("Metadata", None)
        depends = resource.get("DependsOn")
        if depends:
            kept = [d for d in ([depends] if isinstance(depends, str) else depends) if d in resources]
            resource["DependsOn"] = kept
            if not kept:
                del resource["DependsOn"]
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Parameters": full.get("Parameters", {}),
        "Conditions": full.get("Conditions", {}),
        "Resources": resources,
    }


def deploy(endpoint_url: str | None = None, name: str | None = None, trigger_mode: str = "queue") -> Stack:
    """Create the stack's data resources in moto (server at endpoint_url, or the in-process mock)."""
    import json

    name = name or f"article-ingest-{uuid.uuid4().hex[:8]}"
    cfn = boto3.client("cloudformation", region_name=REGION, endpoint_url=endpoint_url)
    parameters = {**parameter_defaults(), "TriggerMode": trigger_mode}
    cfn.create_stack(
        StackName=name,
        TemplateBody=json.dumps(data_template({"TriggerMode": trigger_mode})),
        Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()],
    )
    summaries = cfn.list_stack_resources(StackName=name)["StackResourceSummaries"]
    physical = {r["LogicalResourceId"]: r["PhysicalResourceId"] for r in summaries}
    refs = {**parameters, **_arns(physical, endpoint_url)}
    bucket_props = resolve(
        data_template({"TriggerMode": trigger_mode})["Resources"]["RawBucket"]["Properties"],
        {"UseQueue": trigger_mode == "queue", "LogBucketAccess": bool(parameters["AccessLogBucketName"])},
        refs,
    )
    apply_bucket_properties(
        boto3.client("s3", region_name=REGION, endpoint_url=endpoint_url), physical["RawBucket"], bucket_props
    )
    return Stack(
        name=name,
        bucket=physical["RawBucket"],
        queue_url=physical["IngestQueue"],
        dlq_url=physical["IngestDeadLetterQueue"],
        table=physical["ArticlesTable"],
        input_prefix=parameters["InputPrefix"],
        overflow_prefix=parameters["OverflowPrefix"],
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int | None = None) -> tuple[Any, str]:
    """Start a moto server on loopback (a free port unless one is given); returns (server, endpoint_url)."""
    from moto.server import ThreadedMotoServer

    port = port or free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    _one_table_request_at_a_time(server)
    return server, f"http://127.0.0.1:{port}"


def _one_table_request_at_a_time(server: Any) -> None:
    """DynamoDB applies each request atomically: of three conditional PutItems racing on one item,
    one writes and two fail their condition. moto checks the condition and then writes, unlocked,
    so under load two racers could both pass; DynamoDB requests are served one at a time here (the
    others, SQS long polls among them, still run side by side)."""
    wsgi = getattr(server, "_server", None)  # moto's werkzeug server, made by start()
    if wsgi is None or not callable(getattr(wsgi, "app", None)):
        raise RuntimeError("moto's ThreadedMotoServer changed: no werkzeug server to make atomic")
    app, lock = wsgi.app, threading.Lock()

    def serve(environ: dict, start_response: Any) -> Any:
        if environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB_"):
            with lock:
                return app(environ, start_response)
        return app(environ, start_response)

    wsgi.app = serve


def _arns(physical: dict[str, str], endpoint_url: str | None) -> dict[str, str]:
    sqs = boto3.client("sqs", region_name=REGION, endpoint_url=endpoint_url)
    arns = {}
    for logical, queue_url in physical.items():
        if "/" in queue_url and "sqs" in queue_url:
            arns[logical] = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])[
                "Attributes"
            ]["QueueArn"]
    return arns


def resolve(value: Any, conditions: dict[str, bool], refs: dict[str, str]) -> Any:
    """Resolve the few intrinsics the bucket's properties use: Fn::If, Ref, Fn::GetAtt .Arn, NoValue.

    ``refs`` maps parameter names to values and queue logical ids to ARNs.
    """
    if isinstance(value, list):
        items = [resolve(v, conditions, refs) for v in value]
        return [v for v in items if v is not _NO_VALUE]
    if not isinstance(value, dict):
        return value
    if "Fn::If" in value:
        condition, when_true, when_false = value["Fn::If"]
        return resolve(when_true if conditions[condition] else when_false, conditions, refs)
    if value == {"Ref": "AWS::NoValue"}:
        return _NO_VALUE
    if set(value) == {"Ref"} and value["Ref"] in refs:
        return refs[value["Ref"]]
    if "Fn::GetAtt" in value:
        logical, attribute = value["Fn::GetAtt"]
        return refs.get(logical, f"arn:local:{logical}:{attribute}")
    resolved = {k: resolve(v, conditions, refs) for k, v in value.items()}
    return {k: v for k, v in resolved.items() if v is not _NO_VALUE}


_NO_VALUE = object()


def apply_bucket_properties(s3: Any, bucket: str, props: dict[str, Any]) -> None:
    """moto's CloudFormation ignores these bucket properties; set them through the S3 API instead."""
    if "VersioningConfiguration" in props:
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration=props["VersioningConfiguration"])
    if "BucketEncryption" in props:
        rules = [
            {"ApplyServerSideEncryptionByDefault": r["ServerSideEncryptionByDefault"]}
            for r in props["BucketEncryption"]["ServerSideEncryptionConfiguration"]
        ]
        s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={"Rules": rules})
    if "PublicAccessBlockConfiguration" in props:
        s3.put_public_access_block(
            Bucket=bucket, PublicAccessBlockConfiguration=props["PublicAccessBlockConfiguration"]
        )
    notification = props.get("NotificationConfiguration", {})
    queues = [
        {"QueueArn": q["Queue"], "Events": [q["Event"]], "Filter": _filter(q)}
        for q in notification.get("QueueConfigurations", [])
    ]
    if queues:
        s3.put_bucket_notification_configuration(
            Bucket=bucket, NotificationConfiguration={"QueueConfigurations": queues}
        )


def _filter(config: dict[str, Any]) -> dict[str, Any]:
    rules = config.get("Filter", {}).get("S3Key", {}).get("Rules", [])
    return {"Key": {"FilterRules": rules}}
