"""Latency of SPARQL endpoints measured with a raw-socket client, without an HTTP library's own cost.

The benchmark (bench.run) times every system through httpx, which costs more per request than
the Oxigraph server does. This client sends each request in one write on a keep-alive connection
(TCP_NODELAY) and reads the body to its Content-Length (or the last chunk), so what is left is
the server's time. Systems are timed in turn, request by request; the median per query.

    python -m bench.raw_latency --models 100k oxigraph=http://127.0.0.1:7001/query?union-default-graph \\
        ours=http://127.0.0.1:7002/sparql
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import time
from urllib.parse import urlencode, urlsplit

from .run import BENCH, load_queries, parse_sizes

NO_WORK = "SELECT (1 AS ?one) {}"
LOOKUPS = ("1-model-facts", "2-upstream-lineage", "4-inherited-restrictions")


class Connection:
    def __init__(self, url: str) -> None:
        u = urlsplit(url)
        self.path = u.path + (f"?{u.query}" if u.query else "")
        self.sock = socket.create_connection((u.hostname or "127.0.0.1", u.port or 80), timeout=60)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def post(self, query: str) -> int:
        """One query as a URL-encoded POST; the status code."""
        body = urlencode({"query": query}).encode()
        head = (f"POST {self.path} HTTP/1.1\r\nHost: bench\r\nAccept: application/sparql-results+json\r\n"
                f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n")
        self.sock.sendall(head.encode() + body)
        buf = b""
        while b"\r\n\r\n" not in buf:
            buf += self._recv()
        header, rest = buf.split(b"\r\n\r\n", 1)
        lines = header.split(b"\r\n")
        fields = dict(line.split(b":", 1) for line in lines[1:])
        fields = {k.strip().lower(): v.strip() for k, v in fields.items()}
        if b"content-length" in fields:
            while len(rest) < int(fields[b"content-length"]):
                rest += self._recv()
        else:  # chunked: read to the last chunk
            while not rest.endswith(b"0\r\n\r\n"):
                rest += self._recv()
        return int(lines[0].split()[1])

    def _recv(self) -> bytes:
        data = self.sock.recv(1 << 16)
        if not data:
            raise ConnectionError("the server closed the connection")
        return data


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.raw_latency", description=__doc__.split("\n\n")[0])
    ap.add_argument("systems", nargs="+", help="NAME=URL of a SPARQL endpoint (POST, SPARQL JSON)")
    ap.add_argument("--models", default="100k", help="the generated graph the servers hold (default 100k)")
    ap.add_argument("--runs", type=int, default=100, help="timed requests per query per system (default 100)")
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args(argv)
    (n,) = parse_sizes(args.models)
    meta = json.loads((BENCH / "data" / f"synth-{n}-s{args.seed}-v2.json").read_text())
    queries = {q["name"]: q["text"] for q in load_queries(meta) if q["name"] in LOOKUPS}
    queries["(no work)"] = NO_WORK
    urls = dict(s.split("=", 1) for s in args.systems)
    conns = {name: Connection(url) for name, url in urls.items()}
    print("| query | " + " | ".join(f"{k} (ms)" for k in urls) + " |")
    print("|---|" + "---:|" * len(urls))
    for name, text in queries.items():
        times: dict[str, list[float]] = {k: [] for k in urls}
        for k, c in conns.items():  # warm-up
            if c.post(text) != 200:
                raise SystemExit(f"{k} answered {name} with an error")
        for _ in range(args.runs):
            for k, c in conns.items():
                t = time.perf_counter()
                c.post(text)
                times[k].append((time.perf_counter() - t) * 1000)
        print(f"| {name} | " + " | ".join(f"{statistics.median(v):.3f}" for v in times.values()) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
