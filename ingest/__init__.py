"""Ingestors: turn PDF and Word files into `sgkb.model.Document`s with their structure."""

from ingest.base import IngestError, detect_format, read_document

__all__ = ["IngestError", "detect_format", "read_document"]
