"""Ingestion: one ingestor per format behind one interface (see ingest.base and ingest.registry)."""
