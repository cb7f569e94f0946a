"""TriggerMode wires exactly one path from the bucket to a function, so one upload is ingested once:
queue (default) = bucket -> ingest queue -> IngestQueueFunction; direct = bucket -> IngestS3Function."""

from __future__ import annotations

from .conftest import of_type, props, resolved


def notifications(template) -> dict:
    return props(template, "RawBucket")["NotificationConfiguration"]


def s3_invoke_permissions(template) -> dict:
    return {
        n: r
        for n, r in of_type(template, "AWS::Lambda::Permission").items()
        if r["Properties"]["Principal"] == "s3.amazonaws.com"
    }


def test_default_mode_is_queue():
    assert resolved()["ResolvedParameters"]["TriggerMode"] == "queue"


def test_queue_mode_notifies_the_queue_and_no_function():
    template = resolved()

    assert list(notifications(template)) == ["QueueConfigurations"]
    (configuration,) = notifications(template)["QueueConfigurations"]
    assert configuration["Queue"] == {"Fn::GetAtt": ["IngestQueue", "Arn"]}
    assert configuration["Event"] == "s3:ObjectCreated:*"
    assert s3_invoke_permissions(template) == {}
    assert "IngestQueuePolicy" in template["Resources"]


def test_direct_mode_invokes_the_s3_function_and_does_not_notify_the_queue():
    template = resolved(TriggerMode="direct")

    assert list(notifications(template)) == ["LambdaConfigurations"]
    (configuration,) = notifications(template)["LambdaConfigurations"]
    assert configuration["Function"] == {"Fn::GetAtt": ["IngestS3Function", "Arn"]}
    assert configuration["Event"] == "s3:ObjectCreated:*"
    (permission,) = s3_invoke_permissions(template).values()
    assert permission["Properties"]["FunctionName"] == {"Fn::GetAtt": ["IngestS3Function", "Arn"]}
    assert not [
        statement
        for policy in of_type(template, "AWS::SQS::QueuePolicy").values()
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
        if statement["Effect"] == "Allow" and statement["Principal"] == {"Service": "s3.amazonaws.com"}
    ]


def test_queue_function_consumes_the_queue_in_both_modes_and_the_s3_function_nothing(deployment):
    # The queue also carries pointer and inline messages sent directly, so it is always consumed.
    mappings = of_type(deployment, "AWS::Lambda::EventSourceMapping").values()

    assert [m["Properties"]["FunctionName"] for m in mappings] == [{"Ref": "IngestQueueFunction"}]
