"""The Article JSON Schema, as committed in docs/article.schema.json for consumers of the table."""

from __future__ import annotations

import json

from article_ingest.models import Article

SCHEMA_ID = "https://article-ingest/schemas/article.schema.json"


def article_schema() -> dict:
    # mode="serialization": what readers receive, including computed fields such as text and word_count
    schema = Article.model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def article_schema_json() -> str:
    return json.dumps(article_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
