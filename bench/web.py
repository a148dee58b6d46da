"""Web load: requests/second and p50/p95 latency of the search page and an item page under a
bounded load of concurrent clients, against `sgkb serve` (the gunicorn server `make run` starts).

Loopback only (127.0.0.1) and time-limited. The corpus is ingested into a temporary folder
first (not timed). Prints measurements only.
Usage: python bench/web.py [--clients 10] [--seconds 15] [--quick]
"""
from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.pipeline import ingest  # noqa: E402
from sgkb.config import load_config  # noqa: E402

QUERIES = [json.loads(line)["query"] for line in (ROOT / "tests" / "data" / "search_queries.jsonl").open()]


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


def load(port: int, paths: list[str], clients: int, seconds: float) -> tuple[list[float], int]:
    """Each client requests the paths in turn, over one keep-alive connection, until time is up."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        i = offset
        while time.monotonic() < stop:
            start = time.perf_counter()
            try:
                conn.request("GET", paths[i % len(paths)])
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = time.perf_counter() - start
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors += 1
            i += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=15.0, help="per page, at most 120")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 3 clients, 2 seconds")
    args = parser.parse_args()
    clients, seconds = (3, 2.0) if args.quick else (args.clients, min(args.seconds, 120.0))
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        ingest(load_config().with_overrides(data_dir=data))
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "sgkb.cli", "--data-dir", str(data), "serve",
                                   "--host", "127.0.0.1", "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        try:
            wait_ready(port)
            conn = http.client.HTTPConnection("127.0.0.1", port)
            conn.request("GET", "/api/items?kind=recommendation")
            item = json.loads(conn.getresponse().read())["items"][0]["id"]
            pages = {
                "search page": ["/?" + urllib.parse.urlencode({"q": q}) for q in QUERIES],
                "item page": [f"/items/{item}"],
            }
            print(f"{clients} concurrent clients on 127.0.0.1, {seconds:.0f} s per page, gunicorn (sgkb serve)")
            print(f"{'':14}{'requests':>10}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'errors':>8}")
            for name, paths in pages.items():
                load(port, paths[:5], clients, min(1.0, seconds))   # warm caches
                latencies, errors = load(port, paths, clients, seconds)
                p95 = statistics.quantiles(latencies, n=100)[94] if len(latencies) > 1 else latencies[0]
                print(f"{name:14}{len(latencies):>10}{len(latencies) / seconds:>10.1f}"
                      f"{statistics.median(latencies) * 1000:>10.1f}{p95 * 1000:>10.1f}{errors:>8}")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
