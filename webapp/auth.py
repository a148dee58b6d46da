"""Logins, CSRF protection and security headers.

Users are created with `sgkb user add`; passwords are hashed (werkzeug's scrypt).
Every POST must carry the session's CSRF token; a POST without it is refused.
"""
from __future__ import annotations

import hmac
import secrets
from functools import wraps

from flask import Flask, abort, flash, g, redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash

from sgkb.store import Store

MIN_PASSWORD = 8


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password needs at least {MIN_PASSWORD} characters")
    return generate_password_hash(password)


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def current_user() -> str | None:
    return session.get("user")


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


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(csrf_token=csrf_token, current_user=current_user)

    @app.before_request
    def check_csrf_and_access():
        if request.method == "POST":
            sent = request.form.get("csrf_token", "")
            if not sent or not hmac.compare_digest(sent, session.get("csrf", "")):
                abort(400, description="This form has expired or did not come from this site. "
                                       "Go back, reload the page and try again.")
        config = app.config["SGKB"]
        public = request.endpoint in ("ui.login", "static") or request.endpoint is None
        if not config.open_browsing and current_user() is None and not public:
            if request.path.startswith("/api/"):
                abort(401)
            return redirect(url_for("ui.login", next=request.full_path))
        return None

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy",
                                    "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                                    "script-src 'self'; frame-ancestors 'none'; form-action 'self'")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response


def login_view():
    """GET shows the form; POST checks the password and starts a fresh session."""
    error = None
    next_url = request.values.get("next", "")
    if not next_url.startswith("/") or next_url.startswith("//"):
        next_url = url_for("ui.search")    # never redirect off this site
    if request.method == "POST":
        name = request.form.get("name", "").strip()
        password = request.form.get("password", "")
        stored = store_for_request().password_hash(name)
        if stored and check_password_hash(stored, password):
            session.clear()
            session["user"] = name
            csrf_token()
            flash(f"Signed in as {name}.")
            return redirect(next_url)
        error = "The name or password is not right."
    return render_template("login.html", error=error, next=next_url), (401 if error else 200)


def logout_view():
    session.clear()
    flash("Signed out.")
    return redirect(url_for("ui.search"))


def store_for_request() -> Store:
    """The store, opened once per request."""
    if "store" not in g:
        from flask import current_app

        g.store = Store(current_app.config["SGKB"].db_path)
    return g.store
