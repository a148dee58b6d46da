"""The ground floor: the document model, dates and periods, settings, passages and the store.

Nothing here imports from the stages (ingest, tagging, linking, index) or the doors
(sgkb, webapp, cli); they all stand on it.
"""
