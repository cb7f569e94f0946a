"""article-ingest: posts in, clean structured articles out."""

__version__ = "0.1.0"
