"""The articles table: one item per post, written conditionally so redelivery changes nothing.

Key design (docs/DATA_MODEL.md): partition key ``id`` (a hash of the source identity).
``record_type`` is ``article`` or ``failure``. Three sparse GSIs serve the access patterns:
``by_site`` (site, published_sort), ``by_ingest_day`` (ingested_day, ingested_at) and
``by_failure_day`` (failed_day, failed_at). Bodies too big for an item go to S3.
"""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import urlsplit

from . import aws
from .aws_errors import translate
from .errors import IngestError
from .models import Article, Source

WriteResult = Literal["stored", "unchanged", "stale"]

# DynamoDB caps an item at 400 KB; leave room for attribute names and the metadata around the body.
MAX_INLINE_BODY_BYTES = 300_000
COMPUTED_FIELDS = {"text", "word_count", "reading_time_minutes", "removed_counts"}
# The article's JSON, gzip-compressed, as a Binary attribute: write units are charged per started KB,
# and compressing halves them on the corpus (mean 7.7 -> 3.9 units an item; docs/PERFORMANCE.md).
BODY_ATTRIBUTE = "article_gz"
# Items written before compression hold the JSON as a string here; they are still read.
JSON_BODY_ATTRIBUTE = "article"


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def to_utc_iso(value: str | datetime | None) -> str:
    """Normalise a timestamp so string order is time order; '' when unknown."""
    if not value:
        return ""
    moment = (
        value if isinstance(value, datetime) else datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    )
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def site_of(article: Article) -> str:
    url = article.canonical_url or article.url or article.source.url
    if url:
        return urlsplit(url).hostname or "unknown"
    return article.source.bucket or "unknown"


class ArticleTable:
    def __init__(self, table_name: str, bucket: str, overflow_prefix: str):
        self.table_name = table_name
        self.bucket = bucket
        self.overflow_prefix = overflow_prefix

    @property
    def _table(self) -> Any:
        return aws.dynamodb_table(self.table_name)

    def put_article(self, article: Article, source_modified: str) -> WriteResult:
        """Write unless the stored item has the same content or comes from a newer version."""
        item = self._article_item(article, to_utc_iso(source_modified) or utc_now())
        try:
            self._table.put_item(
                Item=item,
                ConditionExpression=(
                    "attribute_not_exists(id) OR record_type = :failure"
                    " OR (content_hash <> :hash AND source_modified <= :modified)"
                ),
                ExpressionAttributeValues={
                    ":failure": "failure",
                    ":hash": article.content_hash,
                    ":modified": item["source_modified"],
                },
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
            )
        except Exception as exc:
            old = _condition_failed_item(exc)
            if old is None:
                raise translate(exc, f"writing article {article.id}") from exc
            if not old:  # DynamoDB implementations without ReturnValuesOnConditionCheckFailure
                old = self.get_item(article.id) or {}
            return "unchanged" if _string(old.get("content_hash")) == article.content_hash else "stale"
        return "stored"

    def record_failure(
        self, article_id: str, source: Source, error: IngestError, source_modified: str, attempts: int = 1
    ) -> bool:
        """Record why a post failed. An article already stored from a newer version is left alone."""
        now = utc_now()
        modified = to_utc_iso(source_modified) or now
        try:
            self._table.update_item(
                Key={"id": article_id},
                UpdateExpression=(
                    "SET record_type = if_not_exists(record_type, :failure), failed_day = :day,"
                    " failed_at = :now, failure_code = :code, failure_reason = :reason,"
                    " failure_source = :source, failure_source_modified = :modified, attempts = :attempts"
                ),
                ConditionExpression="attribute_not_exists(source_modified) OR source_modified <= :modified",
                ExpressionAttributeValues={
                    ":failure": "failure",
                    ":day": now[:10],
                    ":now": now,
                    ":code": error.code,
                    ":reason": error.reason[:1000],
                    ":source": source.model_dump(exclude_none=True),
                    ":modified": modified,
                    ":attempts": attempts,
                },
            )
        except Exception as exc:
            if _condition_failed_item(exc) is not None:
                return False
            raise translate(exc, f"recording failure for {article_id}") from exc
        return True

    def get_item(self, article_id: str) -> dict[str, Any] | None:
        try:
            return self._table.get_item(Key={"id": article_id}, ConsistentRead=True).get("Item")
        except Exception as exc:
            raise translate(exc, f"reading item {article_id}") from exc

    def get_article(self, article_id: str) -> Article | None:
        item = self.get_item(article_id)
        if not item or item.get("record_type") != "article":
            return None
        return self.article_from_item(item)

    def article_from_item(self, item: dict[str, Any]) -> Article:
        if BODY_ATTRIBUTE in item:
            data = json.loads(gzip.decompress(_binary(item[BODY_ATTRIBUTE])))
        elif JSON_BODY_ATTRIBUTE in item:
            data = json.loads(item[JSON_BODY_ATTRIBUTE])
        else:
            data = self._read_overflow(item["body_s3_key"])
        return Article.model_validate(data)

    def query(
        self,
        index: str,
        key: str,
        value: str,
        limit: int = 50,
        newest_first: bool = True,
        sort_key: str | None = None,
        sort_from: str | None = None,
    ) -> list[dict]:
        """Up to ``limit`` items of one index partition, following pages; with ``sort_key`` and
        ``sort_from``, only items whose sort key is at or after ``sort_from``."""
        condition, names, values = "#k = :v", {"#k": key}, {":v": value}
        if sort_key and sort_from:
            condition += " AND #s >= :from"
            names["#s"], values[":from"] = sort_key, sort_from
        request: dict[str, Any] = {
            "IndexName": index,
            "KeyConditionExpression": condition,
            "ExpressionAttributeNames": names,
            "ExpressionAttributeValues": values,
            "ScanIndexForward": not newest_first,
        }
        items: list[dict] = []
        while len(items) < limit:
            try:
                response = self._table.query(**request, Limit=limit - len(items))
            except Exception as exc:
                raise translate(exc, f"querying {index}") from exc
            items += response.get("Items", [])
            if "LastEvaluatedKey" not in response:
                break
            request["ExclusiveStartKey"] = response["LastEvaluatedKey"]
        return items

    def find_ids_by_url(self, url: str) -> list[str]:
        """Ids of articles whose page URL or canonical URL is ``url``.

        No index holds URLs (an upload's id comes from its S3 key), so this scans the table: fine for
        an operator's lookup, too slow and costly for a request path. Items written before the
        ``url`` attribute existed are not found.
        """
        request: dict[str, Any] = {
            "FilterExpression": "#u = :u OR canonical_url = :u",
            "ExpressionAttributeNames": {"#u": "url"},
            "ExpressionAttributeValues": {":u": url},
            "ProjectionExpression": "id",
        }
        ids: list[str] = []
        while True:
            try:
                response = self._table.scan(**request)
            except Exception as exc:
                raise translate(exc, "scanning for a URL") from exc
            ids += [item["id"] for item in response.get("Items", [])]
            if "LastEvaluatedKey" not in response:
                return ids
            request["ExclusiveStartKey"] = response["LastEvaluatedKey"]

    def _article_item(self, article: Article, source_modified: str) -> dict[str, Any]:
        now = utc_now()
        body = article.model_dump_json(exclude=COMPUTED_FIELDS)
        item: dict[str, Any] = {
            "id": article.id,
            "record_type": "article",
            "content_hash": article.content_hash,
            "extractor_version": article.extractor_version,
            "source_modified": source_modified,
            "ingested_at": now,
            "ingested_day": now[:10],
            "site": site_of(article),
            "published_sort": f"{article.published or '0000'}#{article.id}",
            "title": article.title or "",
            "word_count": article.word_count,
        }
        # Top-level, so a reader can find an uploaded post by the page's URL (find_ids_by_url).
        if article.url:
            item["url"] = article.url
        if article.canonical_url:
            item["canonical_url"] = article.canonical_url
        encoded = body.encode("utf-8")
        if len(encoded) <= MAX_INLINE_BODY_BYTES:
            # mtime=0: the same article always compresses to the same bytes.
            item[BODY_ATTRIBUTE] = gzip.compress(encoded, compresslevel=6, mtime=0)
        else:
            item["body_s3_key"] = self._write_overflow(article, body)
        return item

    def _write_overflow(self, article: Article, body: str) -> str:
        key = f"{self.overflow_prefix}{article.id}/{article.content_hash}.json"
        try:
            aws.client("s3").put_object(
                Bucket=self.bucket, Key=key, Body=body.encode("utf-8"), ContentType="application/json"
            )
        except Exception as exc:
            raise translate(exc, f"writing overflow body s3://{self.bucket}/{key}") from exc
        return key

    def _read_overflow(self, key: str) -> dict[str, Any]:
        try:
            body = aws.client("s3").get_object(Bucket=self.bucket, Key=key)["Body"].read()
        except Exception as exc:
            raise translate(exc, f"reading overflow body s3://{self.bucket}/{key}") from exc
        return json.loads(body)


def _binary(value: Any) -> bytes:
    # The resource API reads Binary attributes back as boto3.dynamodb.types.Binary.
    return bytes(value.value) if hasattr(value, "value") else bytes(value)


def _string(value: Any) -> str | None:
    # The resource API leaves the item of a failed condition in the wire format ({"S": ...}).
    return value.get("S") if isinstance(value, dict) else value


def _condition_failed_item(exc: Exception) -> dict[str, Any] | None:
    """The stored item when exc is a failed condition check, else None."""
    response = getattr(exc, "response", None) or {}
    if response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
        return None
    return response.get("Item") or {}
