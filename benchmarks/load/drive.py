"""Drive a running `svodka serve` with a bounded load and report
requests/s, p50/p95/p99 latency and errors, for API reads and web pages.

    python benchmarks/load/drive.py --db sqlite:///load.db [--clients 32] [--seconds 60]
    python benchmarks/load/drive.py --url http://127.0.0.1:8000 ...

With `--db` it starts `svodka serve` on 127.0.0.1 itself (and stops it);
`--url` must be a 127.0.0.1/localhost address. `--clients` coroutines each
send one request at a time (pausing `--think` seconds on average between
requests; 0 sends them back to back, which measures the server saturated),
for `--seconds` after a warm-up, each over its own keep-alive connection
(`rawhttp.py`: a lean client, so the generator takes little of the CPU the
server needs), over a mix of
full-text search, quotes by speaker, events of a country pair, entities,
dyads and article pages, with parameters taken from the store itself
(document keys, speaker names, words of quotes). An error is any answer
other than 200, or no answer within 30 s.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import signal
import socket
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from rawhttp import ERRORS, RawClient

PAIRS = ("BLR-KAZ", "RUS-UKR", "RUS-USA", "USA-RUS", "RUS-BLR", "KAZ-RUS")


async def sample(client: httpx.AsyncClient) -> dict[str, list[str]]:
    """Parameters for the mix, read from the store through the API."""
    docs = (await client.get("/api/documents", params={"limit": 100})).json()["items"]
    quotes = (await client.get("/api/quotes", params={"limit": 100})).json()["items"]
    entities = (await client.get("/api/entities", params={"limit": 100})).json()["items"]
    words = sorted({w.strip(".,:;!?«»\"()") for q in quotes for w in q["text"].split()
                    if len(w) > 5})
    return {"keys": [d["document"] for d in docs],
            "speakers": sorted({q["speaker"].split()[-1] for q in quotes if q["speaker"]}),
            "words": [w for w in words if w.isalpha()],
            "entities": [str(e["id"]) for e in entities],
            "names": sorted({e["name"].split()[-1] for e in entities})}


def requests_mix(p: dict[str, list[str]], rng: random.Random) -> tuple[str, str, dict]:
    """(class, path, params) of one request: 80% API reads, 20% pages."""
    pick = rng.choice
    api = [
        ("/api/documents", {"q": pick(p["words"])}),
        ("/api/documents", {"q": f"{pick(p['words'])} {pick(p['words'])}"}),
        ("/api/quotes", {"speaker": pick(p["speakers"])}),
        ("/api/quotes", {"q": pick(p["words"]), "since": "2015-01-01"}),
        ("/api/events", dict(zip(("source", "target"), pick(PAIRS).split("-")))),
        ("/api/events", {"type": pick(["CONSULT", "COOPERATE", "AID", "ACCUSE", "PROTEST"])}),
        ("/api/entities", {"q": pick(p["names"])}),
        (f"/api/entities/{pick(p['entities'])}", {}),
        (f"/api/dyads/{pick(PAIRS)}", {}),
        (f"/api/documents/{pick(p['keys'])}", {}),
        ("/api/documents", {"limit": 20, "offset": rng.randrange(0, 2000)}),
    ]
    pages = [
        ("/search", {"q": pick(p["words"])}),
        (f"/documents/{pick(p['keys'])}", {}),
        (f"/dyads/{pick(PAIRS)}", {}),
        ("/", {}),
    ]
    if rng.random() < 0.8:
        return ("api", *pick(api))
    return ("page", *pick(pages))


def route(path: str, query: dict) -> str:
    """The request's class for the per-route table: its path with ids and
    pairs left out, and the names of its parameters."""
    parts = path.split("/")
    if len(parts) > 2 and parts[-2] in ("documents", "entities", "dyads"):
        parts[-1] = "{id}"
    return "/".join(parts) + ("?" + "&".join(sorted(query)) if query else "")


async def client_loop(url, params, rng, stop_at, warm_until, results, errors, think):
    client = RawClient(url, timeout=30)
    while time.monotonic() < stop_at:
        if think:
            await asyncio.sleep(rng.uniform(0, 2 * think))
        kind, path, query = requests_mix(params, rng)
        started = time.monotonic()
        try:
            r = await client.get(path, query)
            ok = r.status_code == 200
            what = f"{r.status_code} {path}"
        except ERRORS as e:
            ok, what = False, f"{type(e).__name__} {path}"
        took = time.monotonic() - started
        if started >= warm_until:
            results[kind].append(took)
            results[route(path, query)].append(took)
            if not ok:
                errors[kind].append(what)
    client.close()


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


async def drive(url: str, clients: int, seconds: float, warmup: float, seed: int,
                think: float = 0.0) -> dict:
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        params = await sample(client)
    start = time.monotonic()
    warm_until, stop_at = start + warmup, start + warmup + seconds
    results, errors = defaultdict(list), defaultdict(list)
    await asyncio.gather(*(client_loop(url, params, random.Random(seed + i), stop_at,
                                       warm_until, results, errors, think)
                           for i in range(clients)))
    report = {}
    for kind in ("api", "page"):
        lat = results[kind]
        report[kind] = {"requests": len(lat), "rps": len(lat) / seconds,
                        "p50_ms": 1000 * percentile(lat, 0.50),
                        "p95_ms": 1000 * percentile(lat, 0.95),
                        "p99_ms": 1000 * percentile(lat, 0.99),
                        "errors": len(errors[kind]), "first_errors": errors[kind][:5]}
    report["routes"] = {r: {"requests": len(lat), "p50_ms": 1000 * percentile(lat, 0.50),
                            "p99_ms": 1000 * percentile(lat, 0.99)}
                        for r, lat in sorted(results.items()) if r not in ("api", "page")}
    return report


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    svodka = str(Path(sys.executable).parent / "svodka")
    proc = subprocess.Popen([svodka, "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port),
                             "--workers", str(workers)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{url}/openapi.json", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("svodka serve did not start")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", help="store URL: start `svodka serve` on it")
    where.add_argument("--url", help="a running server on 127.0.0.1")
    ap.add_argument("--workers", type=int, default=2,
                    help="server processes started with --db (svodka serve --workers)")
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--warmup", type=float, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--think", type=float, default=0.0,
                    help="mean pause of a client between requests, s (0: back to back)")
    ap.add_argument("--routes", action="store_true", help="also print latency per route")
    args = ap.parse_args()
    if not 1 <= args.clients <= 256 or not 0 < args.seconds <= 3600:
        raise SystemExit("--clients must be 1..256 and --seconds 0..3600")
    proc = None
    if args.db:
        proc, url = start_server(args.db, args.workers)
    else:
        url = args.url
        if urlsplit(url).hostname not in ("127.0.0.1", "localhost"):
            raise SystemExit("the load generator only drives a server on 127.0.0.1")
    try:
        with httpx.Client(base_url=url, timeout=30) as c:
            total = c.get("/api/documents", params={"limit": 1}).json()["total"]
        report = asyncio.run(drive(url, args.clients, args.seconds, args.warmup, args.seed,
                                   args.think))
    finally:
        if proc is not None:
            proc.send_signal(signal.SIGTERM)
            proc.wait(15)
    server = f"{args.workers} server processes · " if args.db else ""
    print(f"store: {total} documents · {server}{args.clients} clients · think {args.think:g} s · "
          f"{args.seconds:g} s (after {args.warmup:g} s warm-up) · {url}")
    print(f"{'':6}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'errors':>8}")
    routes = report.pop("routes")
    for kind, r in report.items():
        print(f"{kind:6}{r['requests']:>9}{r['rps']:>8.1f}{r['p50_ms']:>8.1f}{r['p95_ms']:>8.1f}"
              f"{r['p99_ms']:>8.1f}{r['errors']:>8}")
        for e in r["first_errors"]:
            print(f"    error: {e}")
    all_rps = sum(r["rps"] for r in report.values())
    print(f"all   {sum(r['requests'] for r in report.values()):>9}{all_rps:>8.1f}")
    if args.routes:
        print(f"\n{'route':40}{'requests':>9}{'p50 ms':>8}{'p99 ms':>8}")
        for name, r in routes.items():
            print(f"{name:40}{r['requests']:>9}{r['p50_ms']:>8.1f}{r['p99_ms']:>8.1f}")


if __name__ == "__main__":
    main()
