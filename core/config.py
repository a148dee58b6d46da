"""Settings: config.yaml, overridden by SGKB_* environment variables, then CLI flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = PROJECT_ROOT / "config.yaml"


@dataclass(frozen=True)
class Limits:
    """What one file may cost (a file over a limit is refused by name and the batch goes on),
    and whether a scanned PDF may be read by OCR ("auto") or is refused ("off")."""

    max_file_mb: int = 200
    max_pdf_pages: int = 2000
    max_docx_uncompressed_mb: int = 300
    worker_memory_mb: int = 3072
    ocr: str = "auto"


@dataclass(frozen=True)
class Config:
    """Resolved settings; paths are absolute."""

    data_dir: Path
    corpus_dir: Path
    metadata_file: Path
    preferred_formats: tuple[str, ...] = ("pdf", "docx")
    workers: int = 0
    ocr: str = "auto"  # auto: OCR scanned PDFs when ocrmypdf is installed; off: refuse them
    max_file_mb: int = 200
    max_pdf_pages: int = 2000
    max_docx_uncompressed_mb: int = 300
    worker_memory_mb: int = 3072
    max_items_per_document: int = 5000
    today: str | None = None  # ISO date that "overdue" is judged against; None: the real today
    host: str = "127.0.0.1"
    port: int = 8000
    server_workers: int = 0  # web server processes (0 = one per CPU core)
    request_timeout: int = 30  # seconds a web request may take before its worker is restarted
    open_browsing: bool = True  # False: even reading needs a login
    secret_key: str | None = None  # signs sessions; None: generated once into the data folder
    secure_cookies: bool = False  # True when served behind https: cookies only over https
    login_max_failures: int = 5  # failed sign-ins per user name or address before a pause
    login_window_seconds: int = 900
    semantic: bool = True  # fuse the embedding model's similarity into the ranking of questions

    @property
    def db_path(self) -> Path:
        return self.data_dir / "sgkb.sqlite3"

    @property
    def limits(self) -> Limits:
        return Limits(
            self.max_file_mb, self.max_pdf_pages, self.max_docx_uncompressed_mb, self.worker_memory_mb, self.ocr
        )

    def today_date(self) -> date:
        return date.fromisoformat(self.today) if self.today else date.today()

    def with_overrides(self, **values) -> Config:
        """Apply non-None overrides (e.g. CLI flags), resolving paths."""
        changes = {k: _coerce(k, v, Path.cwd()) for k, v in values.items() if v is not None}
        return replace(self, **changes)


SETTINGS = tuple(f.name for f in fields(Config))
_PATH_KEYS = {"data_dir", "corpus_dir", "metadata_file"}
_INT_KEYS = {f.name for f in fields(Config) if f.type == "int"}
_BOOL_KEYS = {f.name for f in fields(Config) if f.type == "bool"}


def _coerce(key: str, value, base: Path):
    if key in _PATH_KEYS:
        path = Path(value).expanduser()
        return path if path.is_absolute() else (base / path).resolve()
    if key == "preferred_formats":
        items = value.split(",") if isinstance(value, str) else value
        return tuple(str(v).strip().lower() for v in items if str(v).strip())
    if key in _INT_KEYS:
        try:
            return int(value)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{key} must be a whole number, not {value!r}") from exc
    if key in _BOOL_KEYS:
        return value if isinstance(value, bool) else str(value).strip().lower() in ("1", "true", "yes", "on")
    if key == "ocr":
        value = str(value).strip().lower()
        if value not in ("auto", "off"):
            raise ValueError(f"ocr must be auto or off, not {value!r}")
        return value
    if key == "today" and value:
        try:
            return date.fromisoformat(str(value)).isoformat()
        except ValueError as exc:
            raise ValueError(f"today must be a date like 2025-10-01, not {value!r}") from exc
    return value


def load_config(path: str | Path | None = None, environ: dict | None = None) -> Config:
    """Read config.yaml (or `path`, or $SGKB_CONFIG), then apply SGKB_* variables."""
    environ = dict(os.environ) if environ is None else environ
    path = Path(path or environ.get("SGKB_CONFIG") or DEFAULT_CONFIG)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError as exc:
        raise ValueError(f"config file not found: {path}") from exc
    except yaml.YAMLError as exc:
        raise ValueError(f"config file {path} is not valid YAML: {exc}") from exc
    unknown = set(raw) - set(SETTINGS)
    if unknown:
        raise ValueError(f"unknown setting(s) in {path}: {', '.join(sorted(unknown))}")
    values = {k: _coerce(k, v, path.parent) for k, v in raw.items() if v is not None}
    for name in SETTINGS:
        env = environ.get(f"SGKB_{name.upper()}")
        if env is not None:
            values[name] = _coerce(name, env, Path.cwd())
    missing = {"data_dir", "corpus_dir", "metadata_file"} - set(values)
    if missing:
        raise ValueError(f"missing setting(s) in {path}: {', '.join(sorted(missing))}")
    return Config(**values)
