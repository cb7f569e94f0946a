"""The deployed system is locked down: least-privilege roles, private encrypted storage, TLS only, and
no way for the functions to write where their own trigger listens (no recursive invocation)."""

from __future__ import annotations

import re

import pytest
from article_ingest_ops.template import raw_template
from hypothesis import given
from hypothesis import strategies as st
from samtranslator.policy_template_processor.processor import PolicyTemplatesProcessor

from .conftest import of_type, props, resolved

# What SAM attaches by itself: logs (always), X-Ray (Tracing: Active), queue polling (SQS event).
SAM_MANAGED_POLICIES = {
    "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess",
    "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole",
}
S3_READ_ACTIONS = set(
    PolicyTemplatesProcessor.get_default_policy_templates_json()["Templates"]["S3ReadPolicy"]["Definition"][
        "Statement"
    ][0]["Action"]
)


def as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def role_statements(template):
    for role_id, role in of_type(template, "AWS::IAM::Role").items():
        for policy in role["Properties"].get("Policies", []):
            for statement in policy["PolicyDocument"]["Statement"]:
                yield role_id, statement


# The backfill state machine's role also names, ending in a wildcard, its report prefix and its own
# child executions (tests/infra/test_backfill_template.py holds each to its one resource).
BACKFILL_WILDCARDS = ("/backfill-results/*", ":execution:article-ingest-backfill/*")


def test_roles_grant_no_wildcard_action_or_resource_beyond_the_two_prefixes(deployment):
    parameters = deployment["ResolvedParameters"]
    prefix_objects = (f"/{parameters['InputPrefix']}*", f"/{parameters['OverflowPrefix']}*")
    prefix_objects += BACKFILL_WILDCARDS
    for role_id, statement in role_statements(deployment):
        actions = as_list(statement["Action"])
        resources = [r for r in as_list(statement["Resource"]) if isinstance(r, str)]

        assert statement["Effect"] == "Allow"
        assert not [a for a in actions if "*" in a], (role_id, statement)
        assert "*" not in resources, (role_id, statement)
        # Objects under one of the two prefixes, never a whole bucket or service.
        wildcards = [r for r in resources if "*" in r]
        assert all(r.endswith(prefix_objects) for r in wildcards), (role_id, statement)


def test_roles_attach_only_the_managed_policies_sam_adds(deployment):
    for role in of_type(deployment, "AWS::IAM::Role").values():
        assert set(role["Properties"].get("ManagedPolicyArns", [])) <= SAM_MANAGED_POLICIES


def test_roles_can_be_assumed_only_by_lambda_or_by_the_account_s_step_functions(deployment):
    for role_id, role in of_type(deployment, "AWS::IAM::Role").items():
        (statement,) = role["Properties"]["AssumeRolePolicyDocument"]["Statement"]
        assert as_list(statement["Action"]) == ["sts:AssumeRole"]
        if role_id == "BackfillStateMachineRole":
            assert statement["Principal"] == {"Service": ["states.amazonaws.com"]}
            assert statement["Condition"] == {"StringEquals": {"aws:SourceAccount": "123456789012"}}
        else:
            assert statement["Principal"] == {"Service": ["lambda.amazonaws.com"]}


def test_bucket_blocks_public_access(deployment):
    bucket = props(deployment, "RawBucket")

    assert bucket["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    assert bucket["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]


def test_bucket_table_and_both_queues_are_encrypted_at_rest(deployment):
    (rule,) = props(deployment, "RawBucket")["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"] in {"AES256", "aws:kms", "aws:kms:dsse"}
    assert props(deployment, "ArticlesTable")["SSESpecification"]["SSEEnabled"] is True
    for queue_id in ("IngestQueue", "IngestDeadLetterQueue"):
        queue = props(deployment, queue_id)
        assert queue.get("SqsManagedSseEnabled") is True or "KmsMasterKeyId" in queue, queue_id


def test_bucket_policy_denies_every_request_without_tls(deployment):
    (policy,) = of_type(deployment, "AWS::S3::BucketPolicy").values()
    assert policy["Properties"]["Bucket"] == {"Ref": "RawBucket"}
    statements = policy["Properties"]["PolicyDocument"]["Statement"]

    denies_plain_http = [
        s
        for s in statements
        if s["Effect"] == "Deny"
        and s["Principal"] == "*"
        and as_list(s["Action"]) == ["s3:*"]
        and s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    ]

    assert len(denies_plain_http) == 1
    assert set(denies_plain_http[0]["Resource"]) == {
        "arn:aws:s3:::${RawBucket}",
        "arn:aws:s3:::${RawBucket}/*",
    }
    assert all(s["Effect"] == "Deny" for s in statements), "the bucket policy only ever denies"


# Prefix pairs a deployment may choose (TriggerMode changes nothing here, but both are checked).
PREFIX_CHOICES = [
    {},
    {"TriggerMode": "direct"},
    {"InputPrefix": "uploads/", "OverflowPrefix": "bodies/"},
    {"InputPrefix": "articles-in/", "OverflowPrefix": "articles/", "TriggerMode": "direct"},
]


def overlaps(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


@pytest.mark.parametrize("parameters", PREFIX_CHOICES, ids=lambda p: "-".join(p.values()) or "defaults")
def test_functions_write_objects_only_outside_the_input_prefix(parameters):
    template = resolved(**parameters)
    input_prefix = template["ResolvedParameters"]["InputPrefix"]
    bucket = props(template, "RawBucket")["BucketName"]
    writes = [
        (role_id, statement)
        for role_id, statement in role_statements(template)
        if any(a.startswith("s3:") and a not in S3_READ_ACTIONS for a in as_list(statement["Action"]))
    ]

    function_roles = {"IngestQueueFunctionRole", "IngestS3FunctionRole", "BackfillFunctionRole"}
    assert {role_id for role_id, _ in writes} == function_roles | {"BackfillStateMachineRole"}
    for role_id, statement in writes:
        if role_id == "BackfillStateMachineRole":  # the ResultWriter's report files
            assert statement["Resource"] == f"arn:aws:s3:::{bucket}/backfill-results/*"
            assert not overlaps("backfill-results/", input_prefix)
            continue
        assert as_list(statement["Action"]) == ["s3:PutObject"], role_id
        for resource in as_list(statement["Resource"]):
            match = re.fullmatch(rf"arn:aws:s3:::{re.escape(bucket)}/(.+)\*", resource)
            assert match, (role_id, resource)
            assert not overlaps(match.group(1), input_prefix), (role_id, resource)


@pytest.mark.parametrize("parameters", PREFIX_CHOICES, ids=lambda p: "-".join(p.values()) or "defaults")
def test_uploads_trigger_only_under_the_input_prefix(parameters):
    template = resolved(**parameters)
    notifications = props(template, "RawBucket")["NotificationConfiguration"]
    configurations = [c for kind in notifications.values() for c in kind]

    assert configurations
    for configuration in configurations:
        assert configuration["Filter"]["S3Key"]["Rules"] == [
            {"Name": "prefix", "Value": template["ResolvedParameters"]["InputPrefix"]}
        ]


PREFIX_PATTERN = raw_template()["Parameters"]["InputPrefix"]["AllowedPattern"]


def test_both_prefixes_take_one_key_segment_and_must_differ():
    parameters = raw_template()["Parameters"]
    assert parameters["OverflowPrefix"]["AllowedPattern"] == PREFIX_PATTERN
    for accepted in ("incoming/", "articles/", "in.2024_x-y/"):
        assert re.fullmatch(PREFIX_PATTERN, accepted)
    for refused in ("", "/", "incoming", "incoming/articles/", "../", "a b/"):
        assert not re.fullmatch(PREFIX_PATTERN, refused), refused
    assertions = [a["Assert"] for rule in raw_template()["Rules"].values() for a in rule["Assertions"]]
    assert {"Fn::Not": [{"Fn::Equals": [{"Ref": "InputPrefix"}, {"Ref": "OverflowPrefix"}]}]} in assertions


@given(
    st.from_regex(PREFIX_PATTERN, fullmatch=True),
    st.from_regex(PREFIX_PATTERN, fullmatch=True),
)
def test_prefixes_cloudformation_accepts_never_overlap(input_prefix, overflow_prefix):
    # Given two values the parameters' AllowedPattern accepts and the Rule lets through (they differ),
    if input_prefix == overflow_prefix:
        return
    # then neither lies under the other: overflow bodies can never trigger ingestion.
    assert not overlaps(input_prefix, overflow_prefix)


def test_lambda_may_be_invoked_by_s3_only_from_this_bucket_and_account():
    template = resolved(TriggerMode="direct")
    (permission,) = of_type(template, "AWS::Lambda::Permission").values()
    bucket = props(template, "RawBucket")["BucketName"]

    assert permission["Properties"]["Principal"] == "s3.amazonaws.com"
    assert permission["Properties"]["SourceArn"] == f"arn:aws:s3:::{bucket}"
    assert permission["Properties"]["SourceAccount"] == "123456789012"


def test_queue_accepts_s3_notifications_only_from_this_bucket_and_account():
    template = resolved(TriggerMode="queue")
    policy = props(template, "IngestQueuePolicy")
    (statement,) = [s for s in policy["PolicyDocument"]["Statement"] if s["Effect"] == "Allow"]
    bucket = props(template, "RawBucket")["BucketName"]

    assert statement["Principal"] == {"Service": "s3.amazonaws.com"}
    assert as_list(statement["Action"]) == ["sqs:SendMessage"]
    assert statement["Condition"]["ArnLike"]["aws:SourceArn"] == f"arn:aws:s3:::{bucket}"
    assert statement["Condition"]["StringEquals"]["aws:SourceAccount"] == "123456789012"
