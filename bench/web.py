"""Web speed: requests/second and p50/p95 latency of the search and item pages under
concurrent clients, against `sgkb serve` (gunicorn) on loopback; then the same load while an
ingest and a stream of clerks' decisions write to the store and index ("while writing").

Usage: python bench/web.py [--clients N] [--seconds S] [--quick]
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from common import CORPUS, ROOT, ingested, measure, parser, pct

from index.evaluate import load_queries

QUERIES = [q["query"] for q in load_queries(ROOT / "tests" / "data" / "search_queries.jsonl")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/documents")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def load(port: int, paths: list[str], clients: int, seconds: float) -> tuple[list[float], list[str]]:
    """Each client requests the paths in turn, over one keep-alive connection, until time is up.
    Returns the latencies of the answered requests and a description of each failed one."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        i = offset
        while time.monotonic() < stop:
            path = paths[i % len(paths)]
            start = time.perf_counter()
            failure = ""
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    failure = f"HTTP {response.status}"
            except (OSError, http.client.HTTPException) as e:
                failure = f"{type(e).__name__}: {e}"
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = time.perf_counter() - start
            with lock:
                if failure:
                    errors.append(f"{path}: {failure}")
                else:
                    latencies.append(elapsed)
            i += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors


def writers(data: Path, items: list[str], extra: Path, stop: threading.Event) -> list[subprocess.Popen]:
    """An ingest of an added document, then a stream of decisions, until stopped."""
    env = {**os.environ, "SGKB_DATA_DIR": str(data), "SGKB_USER": "bench.clerk"}
    ingest = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "ingest", str(extra)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    script = (
        "import sys, itertools\nfrom core.config import load_config\nfrom sgkb.service import KnowledgeBase\n"
        "kb = KnowledgeBase(load_config())\nitems = sys.argv[1:]\n"
        "for n in itertools.count():\n"
        "    kb.decide(items[n % len(items)], 'bench.clerk', f'load test {n}', "
        "status=('in_progress', 'implemented')[n % 2])\n"
    )
    decisions = subprocess.Popen(
        [sys.executable, "-c", script, *items], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return [ingest, decisions]


def main() -> None:
    p = parser(__doc__, "a smoke run: the Word files, 3 clients, 2 seconds")
    p.add_argument("--clients", type=int, default=10)
    p.add_argument("--seconds", type=float, default=15.0, help="per page and mode, at most 120")
    args = p.parse_args()
    clients, seconds = (3, 2.0) if args.quick else (args.clients, min(args.seconds, 120.0))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(CORPUS, corpus)
        extra = Path(tmp) / "added-later"
        extra.mkdir()
        shutil.move(corpus / "cyp-scrutiny-committee-minutes-2025-01-21.pdf", extra)
        if args.quick:  # the two Word files only: ingested in seconds
            for f in corpus.glob("*.pdf"):
                f.unlink()
        data = Path(tmp) / "data"
        ingested(data, corpus)
        port = free_port()
        server_log = (Path(tmp) / "server.log").open("w")
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "cli.main",
                "--data-dir",
                str(data),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            stdout=server_log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
        try:
            wait_ready(port)
            conn = http.client.HTTPConnection("127.0.0.1", port)
            conn.request("GET", "/api/items?kind=recommendation")
            items = [i["id"] for i in json.loads(conn.getresponse().read())["items"][:20]]
            pages = {
                "search page": ["/search?" + urllib.parse.urlencode({"q": q}) for q in QUERIES],
                "item page": [f"/items/{i}" for i in items],
            }
            print(f"{clients} concurrent clients on 127.0.0.1, {seconds:.0f} s per page and mode, gunicorn")
            for mode in ("quiet", "while writing"):
                stop = threading.Event()
                procs = writers(data, items, extra, stop) if mode == "while writing" else []
                try:
                    for name, paths in pages.items():
                        load(port, paths[:5], clients, min(1.0, seconds))  # warm caches
                        latencies, errors = load(port, paths, clients, seconds)
                        measure(f"{name}, {mode}: requests/s", len(latencies) / seconds, "req/s")
                        measure(f"{name}, {mode}: p50", pct(latencies, 50) * 1000, "ms")
                        measure(f"{name}, {mode}: p95", pct(latencies, 95) * 1000, "ms")
                        measure(f"{name}, {mode}: errors", len(errors))
                        for error in errors[:5]:
                            print(f"  failed: {error}", file=sys.stderr)
                finally:
                    for proc in procs:
                        proc.terminate()
                        proc.wait(timeout=60)
        finally:
            server.terminate()
            server.wait(timeout=10)
            server_log.close()
            logged = (Path(tmp) / "server.log").read_text().splitlines()
            if any("Traceback" in line for line in logged):  # the server's own account of a failure
                for line in logged[-60:]:
                    print(f"  server: {line}", file=sys.stderr)


if __name__ == "__main__":
    main()
