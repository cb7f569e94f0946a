"""An example consumer of the articles table's stream (template.yaml, ExampleConsumer=enabled).

The event source mapping's filter passes only inserts and changes of article items, so each record
here is one article stored or changed. Delivery is at least once, and a failure recorded against a
stored article also changes its item: react once per (id, content_hash). Replace ``on_article``
with what your system does with a new article.
"""

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response

# isort: split
from article_ingest.models import Article
from article_ingest.observability import logger
from article_ingest.reader import ArticleReader
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord
from aws_lambda_powertools.utilities.typing import LambdaContext
from boto3.dynamodb.types import TypeDeserializer

READER = ArticleReader.from_settings()  # TABLE_NAME, BUCKET_NAME: validated at cold start
processor = BatchProcessor(event_type=EventType.DynamoDBStreams)
_deserialize = TypeDeserializer().deserialize


def on_article(article: Article, event_name: str) -> None:
    """Your reaction to one stored article (here: a log line)."""
    logger.info(
        "article %s",
        "stored" if event_name == "INSERT" else "changed",
        extra={"article_id": article.id, "title": article.title, "content_hash": article.content_hash},
    )


def record_handler(record: DynamoDBRecord) -> None:
    image = record.raw_event["dynamodb"]["NewImage"]
    item = {name: _deserialize(value) for name, value in image.items()}
    # The image holds the gzip body, or for a large article a pointer to its body in S3: the
    # reader reads either, and older items' JSON strings too.
    on_article(READER.article(item), record.raw_event["eventName"])


@logger.inject_lambda_context(clear_state=True)
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return process_partial_response(
        event=event, record_handler=record_handler, processor=processor, context=context
    )
