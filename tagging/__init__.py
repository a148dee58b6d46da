"""Tagging: find recommendations, priorities and actions in a document's blocks.

`tagging.pipeline.tag_document` runs the spaCy pipeline; `tagging.rules` holds
the data-driven cue lists (importable without loading spaCy).
"""
