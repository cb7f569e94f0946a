"""Issue 16: the backfill's Distributed Map and its roles, asserted on the resolved template. The
state machine may list only the input prefix, invoke only its function, run only its own children
and write only its reports; the Map batches, tolerates a few failed batches and retries only the
function's transient faults."""

from __future__ import annotations

import inspect

from article_ingest import backfill as backfill_module
from article_ingest_ops.template import raw_template

from .conftest import of_type, props, resolved

BUCKET_ARN = "arn:aws:s3:::article-ingest-raw-123456789012-us-east-1"
MACHINE = "article-ingest-backfill"
STATES_ARN = "arn:aws:states:us-east-1:123456789012"


def machine_statements(template) -> list[dict]:
    role = props(template, "BackfillStateMachineRole")
    statements = [s for p in role["Policies"] for s in p["PolicyDocument"]["Statement"]]
    for policy in of_type(template, "AWS::IAM::Policy").values():
        if {"Ref": "BackfillStateMachineRole"} in policy["Properties"]["Roles"]:
            statements += policy["Properties"]["PolicyDocument"]["Statement"]
    return statements


def grants(statements: list[dict]) -> dict[str, list]:
    found: dict[str, list] = {}
    for statement in statements:
        actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
        for action in actions:
            found.setdefault(action, []).append((statement["Resource"], statement.get("Condition")))
    return found


def the_map(template) -> dict:
    return props(template, "BackfillStateMachine")["Definition"]["States"]["ReparseStoredPosts"]


def test_the_state_machine_runs_with_its_own_role_and_traces(deployment):
    machine = props(deployment, "BackfillStateMachine")

    assert machine["RoleArn"] == {"Fn::GetAtt": ["BackfillStateMachineRole", "Arn"]}
    assert machine["StateMachineName"] == MACHINE
    assert machine["StateMachineType"] == "STANDARD"
    assert machine["TracingConfiguration"] == {"Enabled": True}


def test_the_state_machine_role_grants_exactly_what_a_distributed_map_calls(deployment):
    granted = grants(machine_statements(deployment))
    results = f"{BUCKET_ARN}/backfill-results/*"

    assert granted == {
        # ItemReader: ListObjectsV2, only under the input prefix.
        "s3:ListBucket": [(BUCKET_ARN, {"StringLike": {"s3:prefix": "incoming/*"}})],
        # ResultWriter: the report files, outside both prefixes.
        "s3:PutObject": [(results, None)],
        "s3:GetObject": [(results, None)],
        "s3:ListMultipartUploadParts": [(results, None)],
        "s3:AbortMultipartUpload": [(results, None)],
        "lambda:InvokeFunction": [({"Fn::GetAtt": ["BackfillFunction", "Arn"]}, None)],
        "states:StartExecution": [(f"{STATES_ARN}:stateMachine:{MACHINE}", None)],
        "states:DescribeExecution": [(f"{STATES_ARN}:execution:{MACHINE}/*", None)],
        "states:StopExecution": [(f"{STATES_ARN}:execution:{MACHINE}/*", None)],
        "xray:PutTraceSegments": [("*", None)],
        "xray:PutTelemetryRecords": [("*", None)],
        "xray:GetSamplingRules": [("*", None)],
        "xray:GetSamplingTargets": [("*", None)],
    }


def test_the_listing_follows_the_input_prefix_parameter():
    template = resolved(InputPrefix="uploads/", OverflowPrefix="bodies/")

    (listing,) = grants(machine_statements(template))["s3:ListBucket"]

    assert listing[1] == {"StringLike": {"s3:prefix": "uploads/*"}}


def test_the_map_lists_the_bucket_batches_and_writes_its_report(deployment):
    state = the_map(deployment)
    substitutions = props(deployment, "BackfillStateMachine")["DefinitionSubstitutions"]

    assert state["ItemProcessor"]["ProcessorConfig"] == {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}
    assert state["ItemReader"] == {
        "Resource": "arn:aws:states:::s3:listObjectsV2",
        "Parameters": {"Bucket": "${Bucket}", "Prefix.$": "$.prefix"},
    }
    assert state["ItemBatcher"]["MaxItemsPerBatch"] == 25
    assert state["ItemBatcher"]["BatchInput"] == {"since.$": "$.since"}
    assert 0 < state["ToleratedFailurePercentage"] <= 10
    assert state["MaxConcurrency"] == "${MaxConcurrency}" and int(substitutions["MaxConcurrency"]) == 100
    assert state["ResultWriter"]["Parameters"] == {"Bucket": "${Bucket}", "Prefix": "backfill-results"}
    assert substitutions["Bucket"] == BUCKET_ARN.removeprefix("arn:aws:s3:::")
    assert substitutions["FunctionArn"] == {"Fn::GetAtt": ["BackfillFunction", "Arn"]}


def test_the_task_hands_the_engine_s_batch_to_the_function_and_retries_only_transient_faults(deployment):
    task = the_map(deployment)["ItemProcessor"]["States"]["ReparseBatch"]
    (retry,) = task["Retry"]

    assert task["Resource"] == "arn:aws:states:::lambda:invoke"
    assert task["Parameters"]["Payload"] == {
        "Items.$": "$.Items",
        "BatchInput.$": "$.BatchInput",
        "Attempt.$": "States.MathAdd($$.State.RetryCount, 1)",
    }
    # The function raises TransientError by that one name (article_ingest.backfill); nothing else of
    # ours is retried, so a permanent failure is reported, never retried forever.
    assert "raise TransientError(" in inspect.getsource(backfill_module)
    ours = [e for e in retry["ErrorEquals"] if not e.startswith(("Lambda.", "Sandbox."))]
    assert ours == ["TransientError"] and "States.ALL" not in retry["ErrorEquals"]


def test_every_attempt_of_a_batch_fits_an_express_child_s_five_minutes(deployment):
    task = the_map(deployment)["ItemProcessor"]["States"]["ReparseBatch"]
    (retry,) = task["Retry"]
    timeout = int(props(deployment, "BackfillFunction")["Timeout"])
    backoff = sum(retry["IntervalSeconds"] * retry["BackoffRate"] ** n for n in range(retry["MaxAttempts"]))

    assert (retry["MaxAttempts"] + 1) * timeout + backoff < 300


def test_reports_are_never_written_where_uploads_trigger_ingestion():
    rule = raw_template()["Rules"]["BackfillResultsOutsideInput"]["Assertions"]
    refused = {a["Assert"]["Fn::Not"][0]["Fn::Equals"][0]["Ref"] for a in rule}
    values = {a["Assert"]["Fn::Not"][0]["Fn::Equals"][1] for a in rule}

    assert refused == {"InputPrefix", "OverflowPrefix"} and values == {"backfill-results/"}


def test_the_concurrency_cap_is_a_parameter_within_the_map_s_limit():
    parameter = raw_template()["Parameters"]["BackfillMaxConcurrency"]

    assert (parameter["MinValue"], parameter["MaxValue"]) == (1, 10000)
    machine = props(resolved(BackfillMaxConcurrency="400"), "BackfillStateMachine")
    assert int(machine["DefinitionSubstitutions"]["MaxConcurrency"]) == 400
