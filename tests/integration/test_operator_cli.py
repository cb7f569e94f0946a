"""The operator commands against a stack in moto: ingest, list, show, failures, reprocess, redrive."""

from __future__ import annotations

import json

import pytest
from article_ingest_ops.cli import main

from ..conftest import SAMPLES, moto_stack

STACK = ["--stack", "cli-stack"]


@pytest.fixture
def cli_stack():
    with moto_stack("cli-stack") as deployed:
        yield deployed


def test_ingest_list_show_and_failures(cli_stack, capsys):
    # Given the sample folder ingested and processed in-process
    posts = len([p for p in SAMPLES.iterdir() if p.is_file()])
    assert main(["ingest", str(SAMPLES), "--process", *STACK]) == 0
    out = capsys.readouterr().out
    assert f"uploaded {posts} posts" in out and f"{posts} posts: {posts - 1} articles, 1 failure\n" in out

    # Then list shows the articles under a header, show prints one, failures lists the bad upload
    assert main(["list", *STACK]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0].split()[:2] == ["ID", "INGESTED"] and len(listed) == posts  # header + articles
    assert any("City council approves new bike lanes" in line for line in listed)
    assert main(["show", "incoming/city-council-bike-lanes.html", "--json", *STACK]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["source"]["key"] == "incoming/city-council-bike-lanes.html"
    assert main(["failures", *STACK]) == 0
    failures = capsys.readouterr().out
    assert (
        "undecodable" in failures
        and "s3://cli-stack-raw-123456789012-us-east-1/incoming/uploaded-photo.html" in failures
    )


def test_reprocess_enqueues_every_raw_post(cli_stack, capsys):
    main(["ingest", str(SAMPLES), "--process", *STACK])
    capsys.readouterr()

    assert main(["reprocess", *STACK, "--process"]) == 0
    out = capsys.readouterr().out
    posts = len([p for p in SAMPLES.iterdir() if p.is_file()])
    assert f"enqueued {posts} posts" in out and f"processed {posts} messages" in out


def test_redrive_moves_dlq_messages_back(cli_stack, capsys):
    import boto3

    sqs = boto3.client("sqs", region_name="us-east-1")

    def waiting() -> int:
        attributes = sqs.get_queue_attributes(QueueUrl=cli_stack.queue_url, AttributeNames=["All"])[
            "Attributes"
        ]
        return int(attributes["ApproximateNumberOfMessages"])

    before = waiting()  # S3's test event from configuring the notification
    for n in range(12):
        sqs.send_message(QueueUrl=cli_stack.dlq_url, MessageBody=json.dumps({"bucket": "b", "key": f"k{n}"}))

    assert main(["redrive", *STACK]) == 0
    out, err = capsys.readouterr()
    assert "moved 12 messages" in out
    # moto has no StartMessageMoveTask: the hand loop, said in one line
    assert (
        err.splitlines()[0]
        == "moving by hand (receive, send, delete): this endpoint has no ListMessageMoveTasks"
    )
    assert out.count("no failure recorded") == 12  # nothing was ever recorded for these pointers
    assert waiting() == before + 12


def test_unknown_stack_is_one_line_not_a_traceback(cli_stack, capsys):
    assert main(["list", "--stack", "no-such-stack"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("article-ingest list: no stack 'no-such-stack'") and "Traceback" not in err
    assert len(err.splitlines()) == 1


def test_show_of_unknown_post(cli_stack, capsys):
    assert main(["show", "incoming/nothing.html", *STACK]) == 1
    assert "no article or failure stored" in capsys.readouterr().err


def test_list_by_site_honours_days(cli_stack, capsys):
    main(["ingest", str(SAMPLES), "--process", *STACK])
    capsys.readouterr()

    # The council story was published on 2026-03-14: in the site's listing, but not in the last day's
    assert main(["list", "--site", "riverside-gazette.example", "--json", *STACK]) == 0
    [row] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert row["published"].startswith("2026-03-14")
    assert main(["list", "--site", "riverside-gazette.example", "--days", "1", *STACK]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [out.splitlines()[0]] and "no articles for riverside-gazette.example" in err


DLQ_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/article-ingest-IngestDeadLetterQueue"
QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/article-ingest-IngestQueue"
DLQ_ARN = "arn:aws:sqs:us-east-1:123456789012:article-ingest-IngestDeadLetterQueue"
QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:article-ingest-IngestQueue"


def test_redrive_uses_sqs_s_move_task_where_the_endpoint_offers_it(monkeypatch, capsys):
    import argparse

    import boto3
    from article_ingest_ops import operations, transfers
    from botocore.stub import Stubber

    # Given an endpoint that has StartMessageMoveTask (AWS): botocore's Stubber answers as SQS does
    sqs = boto3.client("sqs", region_name="us-east-1")
    session = type("Session", (), {"client": lambda *_, **__: sqs})()
    stack = operations.StackRef(
        bucket="b",
        queue_url=QUEUE_URL,
        dlq_url=DLQ_URL,
        table="t",
        input_prefix="incoming/",
        overflow_prefix="articles/",
        session=session,
        endpoint_url=None,
    )
    monkeypatch.setattr(operations, "stack_of", lambda _: stack)
    monkeypatch.setattr(operations.StackRef, "client", lambda self, service: sqs)
    arn_of = {DLQ_URL: DLQ_ARN, QUEUE_URL: QUEUE_ARN}

    def arn(url: str):
        stub.add_response(
            "get_queue_attributes",
            {"Attributes": {"QueueArn": arn_of[url]}},
            {"QueueUrl": url, "AttributeNames": ["QueueArn"]},
        )

    def tasks(status: str, moved: int, **extra):
        arn(DLQ_URL)
        task = {
            "Status": status,
            "SourceArn": DLQ_ARN,
            "DestinationArn": QUEUE_ARN,
            "ApproximateNumberOfMessagesMoved": moved,
            "ApproximateNumberOfMessagesToMove": 3,
            "StartedTimestamp": 1764835200000,
            **extra,
        }
        stub.add_response(
            "list_message_move_tasks", {"Results": [task]}, {"SourceArn": DLQ_ARN, "MaxResults": 1}
        )

    with Stubber(sqs) as stub:
        stub.add_response(
            "get_queue_attributes",
            {
                "Attributes": {
                    "ApproximateNumberOfMessages": "3",
                    "ApproximateNumberOfMessagesNotVisible": "0",
                }
            },
            {
                "QueueUrl": DLQ_URL,
                "AttributeNames": ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
            },
        )
        tasks("COMPLETED", 0)  # the probe: an earlier task, long finished
        arn(DLQ_URL)
        arn(QUEUE_URL)
        stub.add_response(
            "start_message_move_task",
            {"TaskHandle": "handle-1"},
            {"SourceArn": DLQ_ARN, "DestinationArn": QUEUE_ARN},
        )
        tasks("RUNNING", 1, TaskHandle="handle-1")
        tasks("COMPLETED", 3)
        monkeypatch.setattr(transfers.time, "sleep", lambda _: None)

        assert transfers.cmd_redrive(argparse.Namespace(max=None)) == 0
        stub.assert_no_pending_responses()

    out, err = capsys.readouterr()
    assert (
        out == "moved 3 messages from the dead-letter queue to the ingest queue (SQS move task: completed)\n"
    )
    assert "SQS move task handle-1 started" in err and "article-ingest failures" in err
