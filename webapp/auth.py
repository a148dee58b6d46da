"""Sign-in, sessions, CSRF protection and security headers (as the OWASP cheat sheets say).

Users are created with `sgkb user add`; passwords are hashed (werkzeug's scrypt). Repeated
failed sign-ins for a user name or from an address are throttled (429 with Retry-After);
an unknown user name costs the same work as a known one. A session carries its user's
session version: signing out, a new password or `sgkb user signout` raises it and ends
every session made before. `next` is followed only to a local path. Every POST must carry
the session's CSRF token.
"""

from __future__ import annotations

import hmac
import re
import secrets
import time
from functools import wraps

from flask import Flask, abort, current_app, flash, redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash

from core.store import Store
from sgkb.service import KnowledgeBase

MIN_PASSWORD = 8
# A hash of a random password: checking an unknown user's password against it costs what a real check costs.
_DUMMY_HASH = generate_password_hash(secrets.token_hex(16))
_LOCAL_PATH = re.compile(r"^/(?![/\\])[\x21-\x7e]*$")


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password needs at least {MIN_PASSWORD} characters")
    return generate_password_hash(password)


def kb() -> KnowledgeBase:
    return current_app.extensions["kb"]


def store() -> Store:
    return kb().store


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def current_user() -> str | None:
    """The signed-in user, if their session is still valid (not signed out elsewhere)."""
    name = session.get("user")
    if name is None:
        return None
    if store().session_version(name) != session.get("version"):
        return None
    return name


def login_required(view):
    """Changing anything needs a login (a POST without one gets 403, a GET a login page)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if current_user() is None:
            if request.method == "POST":
                abort(403)
            return redirect(url_for("ui.login", next=request.full_path))
        return view(*args, **kwargs)

    return wrapped


def safe_next(value: str | None) -> str:
    """A local path to go to after signing in, or the home page: never another site."""
    value = value or ""
    if not _LOCAL_PATH.match(value) or "\\" in value:
        return url_for("ui.home")
    return value


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(csrf_token=csrf_token, current_user=current_user)

    @app.before_request
    def check_csrf_and_access():
        if request.method == "POST":
            sent = request.form.get("csrf_token", "") or request.headers.get("X-CSRF-Token", "")
            if not sent or not hmac.compare_digest(sent, session.get("csrf", "")):
                abort(
                    400,
                    description="This form has expired or did not come from this site. "
                    "Go back, reload the page and try again.",
                )
        config = app.config["SGKB"]
        public = request.endpoint in ("ui.login", "static", "ui.accessibility") or request.endpoint is None
        if not config.open_browsing and current_user() is None and not public:
            if request.path.startswith("/api/"):
                abort(401)
            return redirect(url_for("ui.login", next=request.full_path))
        return None

    @app.after_request
    def security_headers(response):
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            "script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if app.config["SGKB"].secure_cookies:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response


def _throttle_keys(name: str) -> list[str]:
    return [f"user:{name.lower()[:80]}", f"addr:{request.remote_addr or '?'}"]


def _retry_after(keys: list[str]) -> int:
    """Seconds until another attempt is allowed (0: now): after `login_max_failures` failures in
    the window, each further failure doubles the pause, up to the window itself."""
    config = current_app.config["SGKB"]
    now = time.time()
    wait = 0
    for key in keys:
        failures = store().login_failures(key, now - config.login_window_seconds)
        extra = len(failures) - config.login_max_failures
        if extra >= 0:
            pause = min(config.login_window_seconds, 30 * 2 ** min(extra, 10))
            wait = max(wait, int(failures[-1] + pause - now) + 1)
    return max(0, wait)


def login_view():
    """GET shows the form; POST checks the password and starts a fresh session. A failed
    attempt shows the form again with an error summary, keeping the name typed."""
    next_url = safe_next(request.values.get("next"))
    name = request.form.get("name", "").strip()[:80] if request.method == "POST" else ""

    def form(errors: dict[str, str], code: int):
        return render_template("login.html", errors=errors, next=next_url, name=name), code

    if request.method != "POST":
        return form({}, 200)
    password = request.form.get("password", "")
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = "Enter your name"
    if not password:
        errors["password"] = "Enter your password"
    if errors:
        return form(errors, 400)
    keys = _throttle_keys(name)
    wait = _retry_after(keys)
    if wait:
        response = current_app.make_response(
            form({"name": f"Too many attempts to sign in. Wait {wait} seconds and try again."}, 429)
        )
        response.headers["Retry-After"] = str(wait)
        return response
    stored = store().password_hash(name)
    valid = check_password_hash(stored or _DUMMY_HASH, password)
    if stored and valid:
        store().clear_login_failures(keys[:1])
        session.clear()
        session["user"] = name
        session["version"] = store().session_version(name)
        csrf_token()
        flash(f"You are signed in as {name}.", "success")
        return redirect(next_url)
    store().record_login_failure(keys, time.time())
    return form({"password": "The name or password is not right"}, 401)


def logout_view():
    name = current_user()
    if name:
        store().end_sessions(name)  # a copy of this session's cookie no longer works either
    session.clear()
    flash("You are signed out.", "success")
    return redirect(url_for("ui.home"))
