"""The backfill's control plane and its report: Step Functions calls on moto where moto has them
(CreateStateMachine, StartExecution, DescribeExecution, ListMapRuns), botocore's Stubber where it
answers nothing real (DescribeMapRun); the ResultWriter report; the local stand-in end to end."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import boto3
import pytest
from article_ingest.errors import TransientError
from article_ingest_ops import backfill, backfill_local
from article_ingest_ops.operations import StackRef
from article_ingest_ops.template import raw_template
from botocore.stub import Stubber

from ..conftest import SAMPLES

REGION = "us-east-1"
MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:article-ingest-backfill"
EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:article-ingest-backfill:backfill-1"
MAP_RUN = (
    "arn:aws:states:us-east-1:123456789012:mapRun:article-ingest-backfill/Reparse:"
    "6a1f0f8e-1b2c-4d3e-8f9a-0b1c2d3e4f50"
)


def map_run_listing(started: datetime) -> dict:
    """ListMapRuns' answer: the one Map Run of EXECUTION."""
    run = {"executionArn": EXECUTION, "mapRunArn": MAP_RUN, "stateMachineArn": MACHINE, "startDate": started}
    return {"mapRuns": [run]}


def stack_ref(stack, machine: str | None = None, endpoint: str | None = None) -> StackRef:
    fields = {k: getattr(stack, k) for k in ("bucket", "queue_url", "dlq_url", "table")}
    fields |= {"input_prefix": stack.input_prefix, "overflow_prefix": stack.overflow_prefix}
    return StackRef(
        **fields, session=boto3.Session(region_name=REGION), endpoint_url=endpoint, backfill_machine=machine
    )


def definition(bucket: str) -> str:
    """template.yaml's definition with its substitutions made, as CloudFormation would."""
    machine = raw_template()["Resources"]["BackfillStateMachine"]["Properties"]
    text = json.dumps(machine["Definition"])
    for name, value in {
        "Bucket": bucket,
        "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:bf",
    }.items():
        text = text.replace("${" + name + "}", value)
    return text.replace('"${MaxConcurrency}"', "100")


@pytest.fixture
def machine(stack):
    sfn = boto3.client("stepfunctions", region_name=REGION)
    return sfn.create_state_machine(
        name="article-ingest-backfill",
        definition=definition(stack.bucket),
        roleArn="arn:aws:iam::123456789012:role/article-ingest-BackfillStateMachineRole",
    )["stateMachineArn"]


def test_start_names_the_prefix_and_since_in_the_execution_input(stack, machine):
    engine = backfill.engine_for(stack_ref(stack, machine))

    execution = engine.start("incoming/2026/", "2026-11-01T00:00:00+00:00")

    described = boto3.client("stepfunctions", region_name=REGION).describe_execution(executionArn=execution)
    assert json.loads(described["input"]) == {
        "prefix": "incoming/2026/",
        "since": "2026-11-01T00:00:00+00:00",
    }
    assert execution.startswith("arn:aws:states:") and ":backfill-" in execution


def test_status_before_the_map_run_starts_has_no_counts(stack, machine):
    engine = backfill.engine_for(stack_ref(stack, machine))
    execution = engine.start("incoming/", "")

    status = engine.status(execution)

    assert status.status == "RUNNING" and status.counts == backfill.Counts() and status.manifest is None


def test_status_reads_the_map_run_s_item_counts_and_finds_its_report(stack):
    engine = backfill.StepFunctionsBackfill(stack_ref(stack, MACHINE), MACHINE)
    started = datetime(2026, 12, 4, 6, 0, tzinfo=UTC)
    with Stubber(engine.sfn) as stub:
        stub.add_response(
            "describe_execution",
            {
                "executionArn": EXECUTION,
                "stateMachineArn": MACHINE,
                "status": "SUCCEEDED",
                "startDate": started,
                "stopDate": datetime(2026, 12, 4, 6, 10, tzinfo=UTC),
            },
            {"executionArn": EXECUTION},
        )
        stub.add_response("list_map_runs", map_run_listing(started), {"executionArn": EXECUTION})
        counts = {
            "pending": 0,
            "running": 0,
            "succeeded": 9_950,
            "failed": 25,
            "timedOut": 25,
            "aborted": 0,
            "total": 10_000,
            "resultsWritten": 10_000,
        }
        stub.add_response(
            "describe_map_run",
            {
                "mapRunArn": MAP_RUN,
                "executionArn": EXECUTION,
                "status": "SUCCEEDED",
                "startDate": started,
                "maxConcurrency": 100,
                "toleratedFailurePercentage": 5.0,
                "toleratedFailureCount": 0,
                "itemCounts": counts,
                "executionCounts": {**counts, "total": 400},
            },
            {"mapRunArn": MAP_RUN},
        )

        status = engine.status(EXECUTION)

    assert status.counts == backfill.Counts(total=10_000, succeeded=9_950, failed=50)
    assert status.finished and status.rate == pytest.approx(10_000 / 600)
    assert status.manifest == (
        stack.bucket,
        "backfill-results/6a1f0f8e-1b2c-4d3e-8f9a-0b1c2d3e4f50/manifest.json",
    )


def test_a_stack_without_the_state_machine_is_refused_on_aws_and_stood_in_for_locally(stack):
    assert isinstance(
        backfill.engine_for(stack_ref(stack, endpoint="http://127.0.0.1:5005")), backfill_local.LocalMapRun
    )
    with pytest.raises(LookupError, match="BackfillStateMachine"):
        backfill.engine_for(stack_ref(stack))


def result_writer_files(s3, bucket: str, prefix: str = "backfill-results/6a1f0f8e") -> tuple[str, str]:
    """A report as the ResultWriter writes it: manifest.json naming SUCCEEDED_0.json and FAILED_0.json."""
    ok = {
        "posts": 3,
        "stored": 1,
        "unchanged": 1,
        "stale": 0,
        "skipped": 0,
        "failed": [
            {"key": "incoming/photo.html", "id": "x", "code": "undecodable", "reason": "PNG", "attempts": 1}
        ],
    }
    batch = {"Items": [{"Key": "incoming/a.html"}, {"Key": "incoming/b.html"}], "BatchInput": {"since": ""}}
    cause = {"errorMessage": "incoming/a.html: transient: throttled", "errorType": "TransientError"}
    succeeded = [{"ExecutionArn": "e1", "Input": "{}", "Output": json.dumps(ok), "Status": "SUCCEEDED"}]
    failed = [
        {
            "ExecutionArn": "e2",
            "Input": json.dumps(batch),
            "Status": "FAILED",
            "Error": "TransientError",
            "Cause": json.dumps(cause),
        }
    ]
    s3.put_object(Bucket=bucket, Key=f"{prefix}/SUCCEEDED_0.json", Body=json.dumps(succeeded))
    s3.put_object(Bucket=bucket, Key=f"{prefix}/FAILED_0.json", Body=json.dumps(failed))
    manifest = {
        "DestinationBucket": bucket,
        "MapRunArn": MAP_RUN,
        "ResultFiles": {
            "FAILED": [{"Key": f"{prefix}/FAILED_0.json", "Size": 1}],
            "PENDING": [],
            "SUCCEEDED": [{"Key": f"{prefix}/SUCCEEDED_0.json", "Size": 1}],
        },
    }
    s3.put_object(Bucket=bucket, Key=f"{prefix}/manifest.json", Body=json.dumps(manifest))
    return bucket, f"{prefix}/manifest.json"


def test_the_report_counts_every_post_and_names_each_failure(stack, s3):
    report = backfill.read_report(stack_ref(stack), result_writer_files(s3, stack.bucket))

    assert (report.stored, report.unchanged, report.accounted) == (1, 1, 5)
    assert [f["code"] for f in report.failures] == ["undecodable"]
    assert report.failed_batches == [
        {
            "key": "incoming/a.html",
            "error": "TransientError",
            "cause": "incoming/a.html: transient: throttled",
        },
        {
            "key": "incoming/b.html",
            "error": "TransientError",
            "cause": "incoming/a.html: transient: throttled",
        },
    ]


def upload_samples(s3, bucket: str, copies: int = 1) -> int:
    posts = [p for p in SAMPLES.iterdir() if p.is_file()]
    for n in range(copies):
        for post in posts:
            s3.put_object(Bucket=bucket, Key=f"incoming/{n}/{post.name}", Body=post.read_bytes())
    return len(posts) * copies


def test_the_stand_in_reparses_everything_and_accounts_for_every_post(stack, s3):
    ref = stack_ref(stack)
    posts = upload_samples(s3, stack.bucket, copies=6)  # 30 posts: two batches of 25 and 5
    engine = backfill_local.LocalMapRun(ref)
    seen: list[backfill.RunStatus] = []

    run_id = engine.start("incoming/", "")
    status = engine.run(run_id, "incoming/", "", seen.append)
    report = backfill.read_report(ref, status.manifest)

    assert status.status == "SUCCEEDED" and status.counts == backfill.Counts(posts, posts, 0)
    assert [s.counts.done for s in seen] == [25, 30, 30] and engine.calls == 2
    assert report.stored == 24 and len(report.failures) == 6 and report.accounted == posts
    assert engine.status(run_id) == status  # what `backfill status ID` reads in another process


def test_the_stand_in_retries_what_the_retry_policy_names_and_nothing_else(stack, s3, monkeypatch):
    from article_ingest_ops import runtime

    ref = stack_ref(stack)
    upload_samples(s3, stack.bucket)
    loaded = runtime.load_handler("backfill", ref.environment())
    real, faults = loaded.lambda_handler, [TransientError("throttled")]

    def flaky(event, context):
        if faults:
            raise faults.pop(0)
        return real(event, context)

    monkeypatch.setattr(runtime, "load_handler", lambda *_: type("M", (), {"lambda_handler": flaky}))
    engine = backfill_local.LocalMapRun(ref)
    first = engine.run(engine.start("incoming/", ""), "incoming/", "", lambda _: None)
    faults.append(ValueError("a bug"))
    second = engine.run(engine.start("incoming/", ""), "incoming/", "", lambda _: None)

    # TransientError is retried, and the batch then succeeds; a ValueError fails the batch at once.
    assert first.status == "SUCCEEDED" and first.counts.failed == 0
    assert engine.calls == 3  # the retried batch twice, the failed one once
    assert second.status == "FAILED" and second.counts.failed == 5  # 100% > ToleratedFailurePercentage
    report = backfill.read_report(ref, second.manifest)
    assert {f["error"] for f in report.failed_batches} == {"ValueError"} and report.accounted == 5


def test_backfill_wait_on_aws_follows_the_map_run_and_lists_the_report(stack, s3, monkeypatch, capsys):
    import argparse

    from article_ingest_ops import backfill_command, operations
    from botocore.stub import ANY

    ref = stack_ref(stack, MACHINE)
    result_writer_files(s3, stack.bucket, "backfill-results/6a1f0f8e-1b2c-4d3e-8f9a-0b1c2d3e4f50")
    engine = backfill.StepFunctionsBackfill(ref, MACHINE)
    monkeypatch.setattr(operations, "stack_of", lambda _: ref)
    monkeypatch.setattr(backfill, "engine_for", lambda _: engine)
    started = datetime(2026, 12, 4, 6, 0, tzinfo=UTC)
    execution = {"executionArn": EXECUTION, "stateMachineArn": MACHINE, "startDate": started}
    run = {
        "mapRunArn": MAP_RUN,
        "executionArn": EXECUTION,
        "startDate": started,
        "maxConcurrency": 100,
        "toleratedFailurePercentage": 5.0,
        "toleratedFailureCount": 0,
    }
    counts = {
        "pending": 0,
        "running": 0,
        "succeeded": 3,
        "failed": 2,
        "timedOut": 0,
        "aborted": 0,
        "total": 5,
        "resultsWritten": 5,
    }
    with Stubber(engine.sfn) as stub:
        stub.add_response(
            "start_execution",
            {"executionArn": EXECUTION, "startDate": started},
            {
                "stateMachineArn": MACHINE,
                "name": ANY,
                "input": json.dumps({"prefix": "incoming/", "since": ""}),
            },
        )
        stub.add_response(
            "describe_execution", {**execution, "status": "RUNNING"}, {"executionArn": EXECUTION}
        )
        stub.add_response("list_map_runs", {"mapRuns": []}, {"executionArn": EXECUTION})
        stub.add_response(
            "describe_execution",
            {**execution, "status": "SUCCEEDED", "stopDate": datetime(2026, 12, 4, 6, 0, 5, tzinfo=UTC)},
            {"executionArn": EXECUTION},
        )
        stub.add_response("list_map_runs", map_run_listing(started), {"executionArn": EXECUTION})
        stub.add_response(
            "describe_map_run",
            {**run, "status": "SUCCEEDED", "itemCounts": counts, "executionCounts": {**counts, "total": 2}},
            {"mapRunArn": MAP_RUN},
        )

        code = backfill_command.cmd_backfill(argparse.Namespace(target=[], since=None, wait=True, poll=0))
        stub.assert_no_pending_responses()

    lines = capsys.readouterr().out.splitlines()
    assert code == 0 and lines[0] == EXECUTION
    assert lines[1] == f"{EXECUTION}: SUCCEEDED, 5 posts: 5 done, 2 in failed batches, 1.0 posts/s"
    assert lines[2].endswith("1 failure recorded, 2 in failed batches, 0 unaccounted")
    assert [line.split()[0] for line in lines[4:]] == ["undecodable", "TransientError", "TransientError"]


def test_the_stand_in_lists_items_in_the_shape_of_the_engine_s_event_fixture(stack, s3):
    from ..conftest import load_event

    s3.put_object(Bucket=stack.bucket, Key="incoming/a.html", Body=b"<p>x</p>")
    [listed] = backfill_local.LocalMapRun(stack_ref(stack))._listed("incoming/")
    [engine_item, *_] = load_event("sfn-map-batch.json")["Items"]

    assert set(listed) == set(engine_item)
    assert {k: type(v) for k, v in listed.items()} == {k: type(v) for k, v in engine_item.items()}
