"""Run the app under gunicorn: several processes (the GIL caps one process at one core),
each with a few threads; the app is loaded once and forked."""

from __future__ import annotations

import os

from gunicorn.app.base import BaseApplication

from core.config import Config


class _Gunicorn(BaseApplication):
    def __init__(self, config: Config, options: dict):
        self.sgkb_config = config
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from webapp import create_app

        app = create_app(self.sgkb_config)
        app.extensions["kb"].index.prepare()  # loaded once here, shared by the forked workers
        return app


def run(config: Config, threads: int = 4) -> None:
    """Serve until stopped (Ctrl-C or SIGTERM)."""
    workers = config.server_workers or os.cpu_count() or 1
    _Gunicorn(
        config,
        {
            "bind": f"{config.host}:{config.port}",
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            "preload_app": True,
            "timeout": config.request_timeout,
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "warning",
            "proc_name": "safeguarding-kb",
        },
    ).run()
