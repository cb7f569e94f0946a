"""The whole transformed template (functions, roles, layer, mappings included) creates a stack in moto
CloudFormation, for both TriggerModes.

moto's CloudFormation has no model for AWS::S3::BucketPolicy, AWS::SQS::QueuePolicy or
AWS::Lambda::EventInvokeConfig, and AWS::CloudFormation::WaitConditionHandle holds nothing: it records
those with an empty physical id. test_security.py and test_template.py assert on them instead. moto
also ignores the bucket's NotificationConfiguration (infra/local_stack.py applies it through the S3 API)
and does not attach the layer or the tracing mode to functions it creates from a template.
"""

from __future__ import annotations

import io
import json
import zipfile

import boto3
import pytest
from article_ingest_ops.template import parameter_defaults, transformed_template
from moto import mock_aws

from .conftest import TRIGGER_MODES

REGION = "us-east-1"
NOT_MODELLED_BY_MOTO = {
    "AWS::S3::BucketPolicy",
    "AWS::SQS::QueuePolicy",
    "AWS::Lambda::EventInvokeConfig",
    "AWS::CloudFormation::WaitConditionHandle",
    "AWS::CloudWatch::Alarm",
}
# Created, but moto reports no physical id for them.
NO_PHYSICAL_ID_IN_MOTO = {"AWS::Lambda::LayerVersion", "AWS::Lambda::Permission"}


def code_locations(template: dict) -> set[tuple[str, str]]:
    locations = set()
    for resource in template["Resources"].values():
        if resource["Type"] in ("AWS::Lambda::Function", "AWS::Lambda::LayerVersion"):
            code = resource["Properties"].get("Code") or resource["Properties"]["Content"]
            locations.add((code["S3Bucket"], code["S3Key"]))
    return locations


def small_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", "def lambda_handler(event, context):\n    return None\n")
    return buffer.getvalue()


@pytest.fixture(params=TRIGGER_MODES)
def created(request):
    """The full transformed template created in moto; yields (mode, template, stack resources, cfn)."""
    mode = request.param
    template = transformed_template({"TriggerMode": mode})
    parameters = {**parameter_defaults(), "TriggerMode": mode}
    with mock_aws():
        s3 = boto3.client("s3", region_name=REGION)
        for bucket, key in code_locations(template):
            if bucket not in [b["Name"] for b in s3.list_buckets()["Buckets"]]:
                s3.create_bucket(Bucket=bucket)
            s3.put_object(Bucket=bucket, Key=key, Body=small_zip())
        cfn = boto3.client("cloudformation", region_name=REGION)
        cfn.create_stack(
            StackName=f"article-ingest-{mode}",
            TemplateBody=json.dumps(template),
            Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()],
            Capabilities=["CAPABILITY_IAM"],
        )
        summaries = cfn.list_stack_resources(StackName=f"article-ingest-{mode}")["StackResourceSummaries"]
        yield mode, template, {r["LogicalResourceId"]: r for r in summaries}, cfn


def test_stack_is_created_with_every_resource(created):
    mode, template, resources, cfn = created
    (stack,) = cfn.describe_stacks(StackName=f"article-ingest-{mode}")["Stacks"]
    expected = {n: r["Type"] for n, r in template["Resources"].items() if "Condition" not in r}
    expected["IngestQueuePolicy" if mode == "queue" else "IngestS3InvokePermission"] = (
        "AWS::SQS::QueuePolicy" if mode == "queue" else "AWS::Lambda::Permission"
    )
    modelled = {n for n, t in expected.items() if t not in NOT_MODELLED_BY_MOTO}

    assert stack["StackStatus"] == "CREATE_COMPLETE"
    assert all(r["ResourceStatus"] == "CREATE_COMPLETE" for r in resources.values())
    # moto lists what it has no model for with blank ids, so only the modelled ones can be named.
    assert set(resources) - {""} == modelled
    for name in modelled:
        if resources[name]["ResourceType"] not in NO_PHYSICAL_ID_IN_MOTO:
            assert resources[name]["PhysicalResourceId"], name
    # moto leaves out outputs whose resource it does not model (the DLQ alarm).
    unmodelled = {name for name, r in template["Resources"].items() if r["Type"] in NOT_MODELLED_BY_MOTO}
    expected_outputs = {
        key for key, output in template["Outputs"].items() if output["Value"].get("Ref") not in unmodelled
    }
    assert {o["OutputKey"] for o in stack["Outputs"]} == expected_outputs


def test_functions_exist_with_runtime_handler_timeout_and_environment(created):
    _, _, resources, _ = created
    lambda_ = boto3.client("lambda", region_name=REGION)
    for logical_id in ("IngestQueueFunction", "IngestS3Function"):
        function = lambda_.get_function(FunctionName=resources[logical_id]["PhysicalResourceId"])[
            "Configuration"
        ]

        assert function["Runtime"] == "python3.12"
        assert function["Handler"] == "app.lambda_handler"
        assert function["Timeout"] == 60
        variables = function["Environment"]["Variables"]
        assert variables["INPUT_PREFIX"] == "incoming/"
        assert variables["TABLE_NAME"] == resources["ArticlesTable"]["PhysicalResourceId"]


def test_queue_mapping_reports_batch_item_failures(created):
    _, _, resources, _ = created
    (mapping,) = boto3.client("lambda", region_name=REGION).list_event_source_mappings()[
        "EventSourceMappings"
    ]
    sqs = boto3.client("sqs", region_name=REGION)
    queue_arn = sqs.get_queue_attributes(
        QueueUrl=resources["IngestQueue"]["PhysicalResourceId"], AttributeNames=["QueueArn"]
    )["Attributes"]["QueueArn"]

    assert mapping["EventSourceArn"] == queue_arn
    assert mapping["FunctionArn"].endswith(resources["IngestQueueFunction"]["PhysicalResourceId"])
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]


def test_queue_is_created_with_visibility_and_redrive(created):
    _, _, resources, _ = created
    sqs = boto3.client("sqs", region_name=REGION)
    dlq_arn = sqs.get_queue_attributes(
        QueueUrl=resources["IngestDeadLetterQueue"]["PhysicalResourceId"], AttributeNames=["QueueArn"]
    )["Attributes"]["QueueArn"]

    attributes = sqs.get_queue_attributes(
        QueueUrl=resources["IngestQueue"]["PhysicalResourceId"], AttributeNames=["All"]
    )["Attributes"]

    assert int(attributes["VisibilityTimeout"]) == 365
    assert json.loads(attributes["RedrivePolicy"]) == {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 5}


def test_table_and_bucket_are_created_as_declared(created):
    mode, _, resources, _ = created
    table = boto3.client("dynamodb", region_name=REGION).describe_table(
        TableName=resources["ArticlesTable"]["PhysicalResourceId"]
    )["Table"]

    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert {i["IndexName"] for i in table["GlobalSecondaryIndexes"]} == {
        "by_site",
        "by_ingest_day",
        "by_failure_day",
    }
    assert resources["RawBucket"]["PhysicalResourceId"] == f"article-ingest-{mode}-raw-123456789012-us-east-1"


def test_roles_are_created_for_both_functions(created):
    _, _, resources, _ = created
    iam = boto3.client("iam", region_name=REGION)
    for logical_id in ("IngestQueueFunctionRole", "IngestS3FunctionRole"):
        role_name = resources[logical_id]["PhysicalResourceId"]
        assert iam.list_role_policies(RoleName=role_name)["PolicyNames"]
