"""The web UI and JSON API: `create_app(config)` builds the Flask application.

Browsing is open unless `open_browsing` is off; changing anything needs a login.
Sessions are signed with `secret_key` from config or SGKB_SECRET_KEY, or with a
random key generated once into the data folder (never a built-in default). Every
view calls the knowledge base (`sgkb.service.KnowledgeBase`); none writes except
the decision and sign-in forms.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask

from core.config import Config, load_config
from sgkb.service import KnowledgeBase

SECRET_FILE = "secret_key"


def create_app(config: Config | None = None, *, testing: bool = False) -> Flask:
    """The Flask app for a configuration (default: config.yaml with SGKB_* overrides)."""
    config = config or load_config()
    app = Flask(__name__)
    app.config.update(
        SGKB=config,
        SECRET_KEY=config.secret_key or _installation_secret(config.data_dir),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config.secure_cookies,
        MAX_CONTENT_LENGTH=256 * 1024,
        TESTING=testing,
    )
    app.extensions["kb"] = KnowledgeBase(config)

    from webapp import api, auth, views

    auth.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    views.init_app(app)
    return app


def _installation_secret(data_dir: Path) -> str:
    """A random key made once per installation and kept (owner-readable only) in the data folder."""
    path = Path(data_dir) / SECRET_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another worker made it first
            return path.read_text().strip()
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
    return path.read_text().strip()
