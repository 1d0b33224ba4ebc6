"""A bounded load test of ``pact serve`` on localhost: it starts the server (``python -m pact serve``),
sends a fixed number of requests with a fixed number in flight, reports throughput, latency
percentiles, errors and the server's memory along the way, and stops it. Run by hand:

    python benchmarks/serve.py [--requests 2000] [--concurrency 8] [--workers 1] [--backend auto]

The requests cycle through the bundled scenario files, POSTed as JSON to /api/evaluate (full results,
with every non-obligation's reasons: 10 to 300 kB each). The load generator runs on the same machine and
takes CPU from the server: the figures are a floor, not a ceiling.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import yaml

ROOT = Path(__file__).resolve().parent.parent


def bodies() -> list[dict[str, Any]]:
    """Every bundled scenario as the JSON a program would send (its dates as text)."""
    files = sorted((ROOT / "scenarios").glob("*.yaml"))
    return [json.loads(json.dumps(yaml.safe_load(f.read_text(encoding="utf-8")), default=str)) for f in files]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_mib(pids: list[int]) -> float:
    """Resident memory of the server's processes (Linux /proc), in MiB."""
    total = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            continue
        total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
    return total / 1024


def server_pids(parent: int) -> list[int]:
    children = Path(f"/proc/{parent}/task/{parent}/children")
    return [parent, *(int(p) for p in children.read_text().split())] if children.exists() else [parent]


async def load(url: str, sent: list[dict[str, Any]], concurrency: int, pids: list[int]) -> dict[str, Any]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    memory: list[tuple[int, float]] = []
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(len(sent)):
        queue.put_nowait(n)

    async def worker(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            n = queue.get_nowait()
            started = time.perf_counter()
            response = await client.post("/api/evaluate", json=sent[n])
            latencies.append(time.perf_counter() - started)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            if n % max(1, len(sent) // 8) == 0:
                memory.append((n, rss_mib(pids)))

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "requests": len(sent),
        "seconds": elapsed,
        "per_second": len(sent) / elapsed,
        "p50_ms": 1000 * statistics.median(ordered),
        "p95_ms": 1000 * ordered[int(0.95 * (len(ordered) - 1))],
        "max_ms": 1000 * ordered[-1],
        "statuses": statuses,
        "memory_mib": sorted(memory),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--backend", default="auto")
    args = parser.parse_args()
    port = free_port()
    command = [sys.executable, "-m", "pact", "serve", "--port", str(port), "--backend", args.backend]
    command += ["--workers", str(args.workers)]
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL)  # its decision log: one line per request
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                health = httpx.get(f"{url}/api/health", timeout=5).json()
                break
            except httpx.TransportError:
                if server.poll() is not None or time.monotonic() > deadline:
                    sys.exit("the server did not start")
                time.sleep(0.2)
        time.sleep(1)  # let the other workers start too
        pids = server_pids(server.pid)
        every = bodies()
        sent = [every[n % len(every)] for n in range(args.requests)]
        warm = asyncio.run(load(url, every, args.concurrency, pids))  # each scenario once: caches filled
        found = asyncio.run(load(url, sent, args.concurrency, pids))
    finally:
        server.terminate()
        server.wait(30)
    print(f"pact serve ({health['backend']}, {args.workers} worker(s), {os.cpu_count()} cores), warm-up:")
    print(f"  {warm['requests']} requests (each bundled scenario once) in {warm['seconds']:.1f} s")
    print(f"{found['requests']} requests, {args.concurrency} in flight:")
    latency = ", ".join(f"{name} {found[f'{name}_ms']:.1f} ms" for name in ("p50", "p95", "max"))
    print(f"  {found['per_second']:.1f} requests/s; latency {latency}")
    print(f"  statuses: {found['statuses']}")
    print("  server memory (MiB) after request n: " + ", ".join(f"{n}: {m:.0f}" for n, m in found["memory_mib"]))


if __name__ == "__main__":
    main()
