"""template.yaml is valid CloudFormation before and after the SAM transform, and wires the pipeline
the way the handlers rely on: batch failures, redrive, async retries, GSIs, settings."""

from __future__ import annotations

import graphlib
import json
import re

import pytest
from article_ingest import table as table_module
from article_ingest.config import Settings, load_settings, variable
from article_ingest_ops.template import ROOT, TEMPLATE, dependencies, raw_template, transformed_template
from cfnlint.api import lint_file

from .conftest import TRIGGER_MODES, of_type, props, resolved

QUEUE_FUNCTION_DIR = {"IngestQueueFunction": "ingest_queue", "IngestS3Function": "ingest_s3"}


def lint_messages(path) -> list[str]:
    return [f"{m.rule.id} {m.message} ({m.path})" for m in lint_file(path)]


def test_cfn_lint_finds_nothing_in_template_yaml():
    assert lint_messages(TEMPLATE) == []


@pytest.mark.parametrize("mode", TRIGGER_MODES)
def test_cfn_lint_finds_nothing_in_the_sam_transform(mode, tmp_path):
    # Given the CloudFormation SAM would deploy for this TriggerMode
    transformed = tmp_path / f"transformed-{mode}.json"
    transformed.write_text(json.dumps(transformed_template({"TriggerMode": mode}), indent=1))

    # Then cfn-lint has nothing to say about it either
    assert lint_messages(transformed) == []


def function_timeout(template, logical_id: str) -> int:
    return int(props(template, logical_id)["Timeout"])


def test_queue_visibility_timeout_outlasts_a_whole_batch(deployment):
    # AWS: at least six times the function timeout, plus the batching window.
    mapping = props(deployment, "IngestQueueFunctionQueue")
    needed = 6 * function_timeout(deployment, "IngestQueueFunction") + int(
        mapping.get("MaximumBatchingWindowInSeconds", 0)
    )

    assert int(props(deployment, "IngestQueue")["VisibilityTimeout"]) >= needed


def test_queue_event_reports_batch_item_failures(deployment):
    mapping = props(deployment, "IngestQueueFunctionQueue")

    assert mapping["EventSourceArn"] == {"Fn::GetAtt": ["IngestQueue", "Arn"]}
    assert mapping["FunctionName"] == {"Ref": "IngestQueueFunction"}
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert 1 <= int(mapping["BatchSize"]) <= 10


def test_queue_redrives_failed_messages_to_the_dead_letter_queue(deployment):
    queue = props(deployment, "IngestQueue")
    dlq = props(deployment, "IngestDeadLetterQueue")

    assert queue["RedrivePolicy"]["deadLetterTargetArn"] == {"Fn::GetAtt": ["IngestDeadLetterQueue", "Arn"]}
    assert 1 < int(queue["RedrivePolicy"]["maxReceiveCount"]) <= 10
    # A redriven message keeps its first enqueue time, so the DLQ must keep messages longer.
    assert int(dlq["MessageRetentionPeriod"]) > int(queue["MessageRetentionPeriod"])


def test_s3_function_retries_async_events_then_sends_them_to_the_dead_letter_queue(deployment):
    (config,) = of_type(deployment, "AWS::Lambda::EventInvokeConfig").values()
    settings = config["Properties"]
    dlq_arn = {"Fn::GetAtt": ["IngestDeadLetterQueue", "Arn"]}

    assert settings["FunctionName"] == {"Ref": "IngestS3Function"}
    assert 1 <= int(settings["MaximumRetryAttempts"]) <= 2
    assert settings["DestinationConfig"]["OnFailure"]["Destination"] == dlq_arn
    # and the function's role may send there
    role = props(deployment, "IngestS3FunctionRole")
    statements = [s for p in role["Policies"] for s in p["PolicyDocument"]["Statement"]]
    assert any(
        s["Action"] in ("sqs:SendMessage", ["sqs:SendMessage"]) and s["Resource"] == dlq_arn
        for s in statements
    )


def test_resources_have_no_circular_dependency(deployment):
    graphlib.TopologicalSorter(dependencies(deployment)).prepare()  # raises CycleError on a cycle


def test_functions_name_the_bucket_instead_of_referring_to_it(deployment):
    # A Ref or GetAtt from a function (or its role) to the bucket that notifies it is a cycle.
    graph = dependencies(deployment)
    for logical_id in (
        "IngestQueueFunction",
        "IngestS3Function",
        "IngestQueueFunctionRole",
        "IngestS3FunctionRole",
    ):
        assert "RawBucket" not in graph[logical_id]


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for dependency in graph[todo.pop()] - seen:
            seen.add(dependency)
            todo.append(dependency)
    return seen


@pytest.mark.parametrize(
    ("mode", "target"), [("queue", "IngestQueuePolicy"), ("direct", "IngestS3InvokePermission")]
)
def test_bucket_is_created_after_its_notification_target_may_receive(mode, target):
    # S3 validates a notification destination when the bucket's configuration is set.
    assert target in reachable(dependencies(resolved(TriggerMode=mode)), "RawBucket")


GSI_IN_DOCSTRING = re.compile(r"``(by_\w+)`` \((\w+), (\w+)\)")


def test_table_has_the_indexes_the_table_module_queries(deployment):
    expected = {
        name: (hash_key, range_key)
        for name, hash_key, range_key in GSI_IN_DOCSTRING.findall(table_module.__doc__)
    }
    assert len(expected) == 3, (
        "article_ingest.table's docstring no longer lists its GSIs as ``name`` (hash, range)"
    )
    table = props(deployment, "ArticlesTable")
    declared = {a["AttributeName"]: a["AttributeType"] for a in table["AttributeDefinitions"]}

    indexes = {
        index["IndexName"]: tuple(k["AttributeName"] for k in index["KeySchema"])
        for index in table["GlobalSecondaryIndexes"]
    }

    assert indexes == expected
    for keys in indexes.values():
        assert all(declared.get(key) == "S" for key in keys)
    assert table["KeySchema"] == [{"AttributeName": "id", "KeyType": "HASH"}]


def test_table_is_on_demand_with_point_in_time_recovery(deployment):
    table = props(deployment, "ArticlesTable")

    assert table["BillingMode"] == "PAY_PER_REQUEST"
    assert table["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True


def test_globals_set_every_variable_the_settings_read():
    variables = raw_template()["Globals"]["Function"]["Environment"]["Variables"]

    assert {variable(name) for name in Settings.model_fields} - set(variables) == set()


def test_each_function_environment_loads_as_valid_settings(deployment):
    for logical_id in QUEUE_FUNCTION_DIR:
        variables = props(deployment, logical_id)["Environment"]["Variables"]
        # Values only known at deploy time (a Ref to the table or queue) stand in as their logical id.
        environ = {k: v if isinstance(v, str) else json.dumps(v) for k, v in variables.items()}

        settings = load_settings(environ)

        assert settings.bucket_name == props(deployment, "RawBucket")["BucketName"]
        assert settings.input_prefix == deployment["ResolvedParameters"]["InputPrefix"]
        assert settings.overflow_prefix == deployment["ResolvedParameters"]["OverflowPrefix"]


def test_functions_run_their_handlers_on_python312_with_the_layer(deployment):
    (layer_id,) = of_type(deployment, "AWS::Lambda::LayerVersion")
    layer = props(deployment, layer_id)
    for logical_id, directory in QUEUE_FUNCTION_DIR.items():
        function = props(deployment, logical_id)
        module, handler = function["Handler"].split(".")

        assert function["Runtime"] == "python3.12"
        assert function["Runtime"] in layer["CompatibleRuntimes"]
        assert function["Layers"] == [{"Ref": layer_id}]
        assert function["Code"]["S3Key"] == f"functions/{directory}.zip"
        assert f"def {handler}(" in (ROOT / "functions" / directory / f"{module}.py").read_text()
    assert layer["Content"]["S3Key"] == "functions/common.zip"


def test_outputs_name_what_operators_use(deployment):
    assert {
        "RawBucketName",
        "IngestQueueUrl",
        "DeadLetterQueueUrl",
        "ArticlesTableName",
        "IngestQueueFunctionArn",
        "IngestS3FunctionArn",
    } <= set(deployment["Outputs"])


def test_globals_repeat_the_settings_defaults_so_local_runs_and_lambda_agree():
    variables = raw_template()["Globals"]["Function"]["Environment"]["Variables"]
    for name, field in Settings.model_fields.items():
        if isinstance(field.default, int) and variable(name) in variables:
            assert int(variables[variable(name)]) == field.default, variable(name)


def test_dead_letter_queue_depth_alarms_and_logs_expire():
    resources = transformed_template()["Resources"]
    alarm = resources["DeadLetterQueueAlarm"]["Properties"]
    assert alarm["Dimensions"][0]["Value"] == {"Fn::GetAtt": ["IngestDeadLetterQueue", "QueueName"]}
    assert alarm["Threshold"] == 0 and alarm["ComparisonOperator"] == "GreaterThanThreshold"
    log_groups = {
        r["Properties"]["LogGroupName"]["Fn::Sub"]
        for r in resources.values()
        if r["Type"] == "AWS::Logs::LogGroup"
    }
    functions = {name for name, r in resources.items() if r["Type"] == "AWS::Lambda::Function"}
    assert log_groups == {f"/aws/lambda/${{{name}}}" for name in functions}  # every function's, ours too
