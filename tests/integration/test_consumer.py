"""Reacting to new articles: the table's stream (NEW_IMAGE) and the example consumer behind the
ExampleConsumer parameter, on moto.

moto creates the table with its stream (StreamSpecification, LatestStreamArn), but moto 5.2.5's
in-process mock answers the streams API (DescribeStream) with 404 "Not yet implemented". So the
records are built as Lambda delivers them, from the items in DynamoDB's wire format (the NEW_IMAGE is
the whole item); the mapping's filter pattern from template.yaml is applied to them, and the example
handler is called in-process.
"""

from __future__ import annotations

import json

import boto3
import pytest
from article_ingest_ops.template import raw_template

from ..conftest import SAMPLES, load_event
from ..infra.conftest import of_type, resolved

REGION = "us-east-1"


def stream_records(table_name: str) -> list[dict]:
    """One INSERT record per item of the table, shaped as Lambda delivers a NEW_IMAGE stream."""
    dynamodb = boto3.client("dynamodb", region_name=REGION)
    description = dynamodb.describe_table(TableName=table_name)["Table"]
    assert description["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}
    items = dynamodb.scan(TableName=table_name, ConsistentRead=True)["Items"]
    return [
        {
            "eventID": str(n),
            "eventName": "INSERT",
            "eventSource": "aws:dynamodb",
            "eventSourceARN": description["LatestStreamArn"],
            "awsRegion": REGION,
            "dynamodb": {
                "Keys": {"id": item["id"]},
                "NewImage": item,
                "SequenceNumber": str(100 + n),
                "StreamViewType": "NEW_IMAGE",
            },
        }
        for n, item in enumerate(items)
    ]


def matches(pattern: dict, value: dict) -> bool:
    """EventBridge-style matching, the subset the template's filter uses: nested keys, value lists."""
    for key, expected in pattern.items():
        if key not in value:
            return False
        if isinstance(expected, dict):
            if not isinstance(value[key], dict) or not matches(expected, value[key]):
                return False
        elif value[key] not in expected:
            return False
    return True


def consumer_filter() -> dict:
    event = raw_template()["Resources"]["ArticleConsumerExampleFunction"]["Properties"]["Events"]["Articles"]
    [only] = event["Properties"]["FilterCriteria"]["Filters"]
    return json.loads(only["Pattern"])


def test_the_table_streams_new_images_and_the_example_consumer_is_off_by_default():
    default = resolved()
    [table] = of_type(default, "AWS::DynamoDB::Table").values()
    assert table["Properties"]["StreamSpecification"] == {"StreamViewType": "NEW_IMAGE"}
    assert "ArticleConsumerExampleFunction" not in default["Resources"]
    assert "ArticlesStreamArn" in default["Outputs"]

    enabled = resolved(ExampleConsumer="enabled")
    [mapping] = [
        m
        for m in of_type(enabled, "AWS::Lambda::EventSourceMapping").values()
        if m["Properties"]["FunctionName"] == {"Ref": "ArticleConsumerExampleFunction"}
    ]
    props = mapping["Properties"]
    assert props["EventSourceArn"] == {"Fn::GetAtt": ["ArticlesTable", "StreamArn"]}
    assert (
        props["FunctionResponseTypes"] == ["ReportBatchItemFailures"] and props["MaximumRetryAttempts"] == 3
    )
    assert "ArticleConsumerExampleFunctionLogs" in enabled["Resources"]


@pytest.fixture
def consumer(stack, monkeypatch):
    from article_ingest_ops.runtime import load_handler

    module = load_handler("consume_example", stack.environment())
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(module, "on_article", lambda article, event: seen.append((article.title, event)))
    return module, seen


def test_each_stored_article_reaches_the_consumer_once_and_failures_never(
    stack, queue_app, s3, consumer, lambda_context
):
    module, seen = consumer
    # Given an article and a failure stored by the ingest path
    for name in ("city-council-bike-lanes.html", "uploaded-photo.html"):
        s3.put_object(Bucket=stack.bucket, Key=f"incoming/{name}", Body=(SAMPLES / name).read_bytes())
        event = load_event("sqs-pointer.json")
        event["Records"][0]["body"] = json.dumps({"bucket": stack.bucket, "key": f"incoming/{name}"})
        queue_app.lambda_handler(event, lambda_context)

    # When the stream's records pass the mapping's filter into the consumer
    records = stream_records(stack.table)
    assert len(records) == 2  # the article and the failure
    delivered = [r for r in records if matches(consumer_filter(), r)]
    response = module.lambda_handler({"Records": delivered}, lambda_context)

    # Then the article arrived, the failure was filtered out, and nothing is handed back
    assert seen == [("City council approves new bike lanes on Main Street", "INSERT")]
    assert response == {"batchItemFailures": []}


def test_a_record_the_consumer_cannot_read_is_handed_back_alone(
    stack, queue_app, s3, consumer, lambda_context
):
    module, seen = consumer
    s3.put_object(
        Bucket=stack.bucket,
        Key="incoming/post.html",
        Body=(SAMPLES / "city-council-bike-lanes.html").read_bytes(),
    )
    event = load_event("sqs-pointer.json")
    event["Records"][0]["body"] = json.dumps({"bucket": stack.bucket, "key": "incoming/post.html"})
    queue_app.lambda_handler(event, lambda_context)
    [good] = stream_records(stack.table)
    broken = {
        **good,
        "dynamodb": {"SequenceNumber": "42", "NewImage": {"id": {"S": "x"}, "record_type": {"S": "article"}}},
    }

    response = module.lambda_handler({"Records": [good, broken]}, lambda_context)

    assert response == {"batchItemFailures": [{"itemIdentifier": "42"}]}
    assert [title for title, _ in seen] == ["City council approves new bike lanes on Main Street"]
