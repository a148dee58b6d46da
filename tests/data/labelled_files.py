"""Print the paths of every labelled document: the corpus and our own test documents (the
inputs named in each tests/data/mixed/*/expected.yaml). Used by `make eval`:
    sgkb --data-dir data-eval ingest $(python tests/data/labelled_files.py)
"""
from __future__ import annotations

from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def labelled_files() -> list[Path]:
    files = sorted(p for p in (ROOT / "corpus").iterdir() if p.suffix in (".pdf", ".docx"))
    for expected in sorted(HERE.glob("mixed/*/expected.yaml")) + sorted(HERE.glob("sealed/*/expected.yaml")):
        data = yaml.safe_load(expected.read_text(encoding="utf-8")) or {}
        names = data.get("files") or data.get("documents") or {}   # the two sets name the mapping differently
        files += [expected.parent / name for name in names if (expected.parent / name).suffix in (".pdf", ".docx")]
    return files


if __name__ == "__main__":
    print("\n".join(str(p) for p in labelled_files()))
