"""Issue 12, "Hold the trust boundary": each function may touch only what its code calls, both queues
take TLS only, the data outlives the stack, and the guards an operator sets per account (alarm topic,
access logs, version expiry, concurrency cap) are parameters that do what they say."""

from __future__ import annotations

import inspect
import re

import pytest
from article_ingest import table as table_module
from article_ingest_ops.template import raw_template

from .conftest import of_type, props, resolved

FUNCTIONS = ("IngestQueueFunction", "IngestS3Function", "BackfillFunction")
# X-Ray's Put actions accept no resource but "*"; nothing else may be granted on every resource.
XRAY_WRITES = {"xray:PutTraceSegments", "xray:PutTelemetryRecords"}
# What article_ingest.table and .raw call from a function: put_item, update_item and get_item (the
# latter after a failed condition). Query and reading overflow bodies back are the operator CLI's.
DYNAMODB_ACTIONS = {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"}
# query and scan are the operator CLI's (list, failures, show by URL), run with the operator's own
# credentials: no function role is granted them.
TABLE_CALLS = {"put_item", "update_item", "get_item", "query", "scan"}
QUEUE_CONSUMER_ACTIONS = {
    "sqs:ReceiveMessage",
    "sqs:DeleteMessage",
    "sqs:GetQueueAttributes",
    "sqs:ChangeMessageVisibility",
}


def as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def granted(template, function: str) -> list[dict]:
    """Every statement the function's role carries: inline, or in a policy attached to the role."""
    role_id = f"{function}Role"
    statements = [
        s
        for policy in props(template, role_id).get("Policies", [])
        for s in policy["PolicyDocument"]["Statement"]
    ]
    for policy in of_type(template, "AWS::IAM::Policy").values():
        if {"Ref": role_id} in policy["Properties"]["Roles"]:
            statements += policy["Properties"]["PolicyDocument"]["Statement"]
    return statements


def actions_on(statements: list[dict], service: str) -> dict[str, list]:
    """{action: resources it is granted on} for one service's actions."""
    found: dict[str, list] = {}
    for statement in statements:
        for action in as_list(statement["Action"]):
            if action.startswith(f"{service}:"):
                found.setdefault(action, []).extend(as_list(statement["Resource"]))
    return found


def test_each_function_runs_with_a_role_the_template_declares():
    raw = raw_template()["Resources"]
    for function in FUNCTIONS:
        assert raw[function]["Properties"]["Role"] == {"Fn::GetAtt": [f"{function}Role", "Arn"]}
        assert raw[f"{function}Role"]["Type"] == "AWS::IAM::Role"
        assert "Policies" not in raw[function]["Properties"], "SAM policy templates grant more than we use"


def test_no_managed_policy_and_no_resource_wildcard_but_xray_writes(deployment):
    for role_id, role in of_type(deployment, "AWS::IAM::Role").items():
        assert role["Properties"].get("ManagedPolicyArns", []) == [], role_id
    for function in FUNCTIONS:
        statements = granted(deployment, function)
        everywhere = [s for s in statements if "*" in as_list(s["Resource"])]

        assert all(s["Effect"] == "Allow" for s in statements)
        assert [set(as_list(s["Action"])) for s in everywhere] == [XRAY_WRITES], function


def test_functions_get_exactly_the_dynamodb_actions_their_code_calls(deployment):
    calls = set(re.findall(r"self\._table\.(\w+)\(", inspect.getsource(table_module)))
    assert calls <= TABLE_CALLS, f"table.py calls {calls - TABLE_CALLS}: grant it to the roles, or not"
    for function in FUNCTIONS:
        granted_actions = actions_on(granted(deployment, function), "dynamodb")

        assert set(granted_actions) == DYNAMODB_ACTIONS, function
        for resources in granted_actions.values():
            assert resources == [{"Fn::GetAtt": ["ArticlesTable", "Arn"]}], function


@pytest.mark.parametrize(
    "parameters",
    [{}, {"TriggerMode": "direct"}, {"InputPrefix": "uploads/", "OverflowPrefix": "bodies/"}],
    ids=["defaults", "direct", "other-prefixes"],
)
def test_functions_read_only_the_input_prefix_and_write_only_the_overflow_prefix(parameters):
    template = resolved(**parameters)
    values = template["ResolvedParameters"]
    bucket = f"arn:aws:s3:::{props(template, 'RawBucket')['BucketName']}"
    for function in FUNCTIONS:
        s3 = actions_on(granted(template, function), "s3")

        assert s3 == {
            "s3:GetObject": [f"{bucket}/{values['InputPrefix']}*"],
            # Only the newest version: a key deleted since its event is withdrawn, never read back.
            # Without ListBucket a missing key is a 403, not the 404 (source_not_found); it lists no content.
            "s3:ListBucket": [bucket],
            "s3:PutObject": [f"{bucket}/{values['OverflowPrefix']}*"],
        }, function


def test_only_the_queue_function_consumes_and_only_the_ingest_queue(deployment):
    queue = {"Fn::GetAtt": ["IngestQueue", "Arn"]}
    dlq = {"Fn::GetAtt": ["IngestDeadLetterQueue", "Arn"]}

    consumer = actions_on(granted(deployment, "IngestQueueFunction"), "sqs")
    assert consumer == {action: [queue] for action in QUEUE_CONSUMER_ACTIONS}
    # The S3 function only hands failed async events to its on-failure destination.
    assert actions_on(granted(deployment, "IngestS3Function"), "sqs") == {"sqs:SendMessage": [dlq]}
    # The backfill function gets its work from Step Functions, never from a queue.
    assert actions_on(granted(deployment, "BackfillFunction"), "sqs") == {}


def test_functions_write_logs_only_to_their_own_log_group(deployment):
    for function in FUNCTIONS:
        logs = actions_on(granted(deployment, function), "logs")

        # No CreateLogGroup: the template creates the group, with its retention.
        assert logs == {
            "logs:CreateLogStream": [{"Fn::GetAtt": [f"{function}Logs", "Arn"]}],
            "logs:PutLogEvents": [{"Fn::GetAtt": [f"{function}Logs", "Arn"]}],
        }, function


@pytest.mark.parametrize("queue_id", ["IngestQueue", "IngestDeadLetterQueue"])
def test_both_queues_deny_every_request_without_tls(deployment, queue_id):
    # A queue takes one policy: exactly one may name it, and that one must hold the deny.
    (policy,) = [
        p["Properties"]
        for p in of_type(deployment, "AWS::SQS::QueuePolicy").values()
        if {"Ref": queue_id} in p["Properties"]["Queues"]
    ]
    assert policy["Queues"] == [{"Ref": queue_id}]

    denies = [
        s
        for s in policy["PolicyDocument"]["Statement"]
        if s["Effect"] == "Deny"
        and s["Principal"] == "*"
        and as_list(s["Action"]) == ["sqs:*"]
        and s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    ]

    assert [s["Resource"] for s in denies] == [{"Fn::GetAtt": [queue_id, "Arn"]}]


def test_table_and_bucket_outlive_the_stack_and_the_table_resists_deletion(deployment):
    for logical_id in ("ArticlesTable", "RawBucket"):
        resource = deployment["Resources"][logical_id]
        assert resource.get("DeletionPolicy") == "Retain", logical_id
        assert resource.get("UpdateReplacePolicy") == "Retain", logical_id
    assert props(deployment, "ArticlesTable")["DeletionProtectionEnabled"] is True


TOPIC = "arn:aws:sns:us-east-1:123456789012:article-ingest-ops"


def test_dead_letter_alarm_notifies_the_topic_only_when_one_is_given():
    assert "AlarmActions" not in props(resolved(), "DeadLetterQueueAlarm")
    assert props(resolved(AlarmTopicArn=TOPIC), "DeadLetterQueueAlarm")["AlarmActions"] == [TOPIC]

    pattern = raw_template()["Parameters"]["AlarmTopicArn"]["AllowedPattern"]
    for accepted in ("", TOPIC, "arn:aws-us-gov:sns:us-gov-west-1:123456789012:ops.fifo"):
        assert re.fullmatch(pattern, accepted), accepted
    for refused in ("ops", "arn:aws:sqs:us-east-1:123456789012:ops", f"{TOPIC} "):
        assert not re.fullmatch(pattern, refused), refused


def expiry_rules(template) -> list[dict]:
    rules = props(template, "RawBucket")["LifecycleConfiguration"]["Rules"]
    return [r for r in rules if r["Status"] == "Enabled" and "NoncurrentVersionExpiration" in r]


def test_replaced_object_versions_expire_after_the_days_given():
    (default_rule,) = expiry_rules(resolved())
    (rule,) = expiry_rules(resolved(NoncurrentVersionExpirationDays="45"))

    assert int(default_rule["NoncurrentVersionExpiration"]["NoncurrentDays"]) == 30
    assert int(rule["NoncurrentVersionExpiration"]["NoncurrentDays"]) == 45
    assert "Prefix" not in rule and "Filter" not in rule, "the whole bucket, overflow bodies too"


def test_versions_outlive_any_message_that_may_name_them(deployment):
    # A redriven DLQ message may name a version its key has since lost; it must still be readable.
    minimum_days = int(raw_template()["Parameters"]["NoncurrentVersionExpirationDays"]["MinValue"])
    dlq_retention = int(props(deployment, "IngestDeadLetterQueue")["MessageRetentionPeriod"])

    assert minimum_days * 86400 > dlq_retention


def test_access_logging_is_on_only_when_a_log_bucket_is_given():
    assert "LoggingConfiguration" not in props(resolved(), "RawBucket")

    logging = props(resolved(AccessLogBucketName="example-access-logs"), "RawBucket")["LoggingConfiguration"]

    assert logging == {"DestinationBucketName": "example-access-logs", "LogFilePrefix": "article-ingest/raw/"}


def scaling(**parameters: str) -> dict | None:
    return props(resolved(**parameters), "IngestQueueFunctionQueue").get("ScalingConfig")


def test_queue_pollers_are_capped_by_default_and_the_cap_can_be_changed_or_left_unset():
    assert int(scaling()["MaximumConcurrency"]) == 10
    assert int(scaling(QueueMaxConcurrency="200")["MaximumConcurrency"]) == 200
    assert scaling(QueueMaxConcurrency="") is None


def test_queue_concurrency_cap_takes_only_what_the_event_source_accepts():
    pattern = raw_template()["Parameters"]["QueueMaxConcurrency"]["AllowedPattern"]

    # The event source's MaximumConcurrency is 2 to 1000.
    assert [n for n in range(0, 1100) if re.fullmatch(pattern, str(n))] == list(range(2, 1001))
    for refused in ("010", "-5", "ten", " 10"):
        assert not re.fullmatch(pattern, refused), refused
    assert re.fullmatch(pattern, "")
