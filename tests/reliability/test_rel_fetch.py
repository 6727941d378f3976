"""Safe fetching (issue 16, findings 2, 3 and 5): a total deadline per fetch,
a cap on the bytes decoded through any number of Content-Encoding layers, at
most 5 redirects, no loopback/private/link-local/multicast address without
--allow-private-network, a local feed's links only inside its folder and
only with --allow-local-links. The servers are on 127.0.0.1, so the tests
that must fetch allow the private network; the refusals are shown without."""
from __future__ import annotations

import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from hostile_http import PAGE, HostileServer, timed
from hostile_inputs import CORPUS, SEED, article_html
from svodka.document import Document
from svodka.errors import IngestError
from svodka.ingest.fetch import FetchPolicy, fetch, refusal
from svodka.ingest.sources import iter_items

MB = 1 << 20
PRIVATE = FetchPolicy(allow_private_network=True)
SVODKA = str(Path(sys.executable).parent / "svodka")


@pytest.fixture(scope="module")
def server():
    with HostileServer(trickle_s=4.0) as s:
        yield s


def test_a_server_trickling_a_byte_every_4_s_is_cut_off_at_the_deadline(server):
    # Each byte comes well within the 10 s read time-out: only a deadline on
    # the whole fetch ends it.
    out, seconds = timed(lambda: fetch(server.url("/trickle"), max_bytes=MB, deadline=3,
                                       allow_private=True))
    assert isinstance(out, IngestError)
    assert str(out) == f"{server.url('/trickle')}: not fetched within the deadline of 3 s"
    assert 2.9 <= seconds < 6


def test_gzip_gzip_content_encoding_is_refused_by_the_decoded_size_in_little_memory(server):
    assert len(server.bomb) < 20_000      # 8 GiB behind two layers of gzip
    tracemalloc.start()
    try:
        out, seconds = timed(lambda: fetch(server.url("/bomb"), max_bytes=5 * MB,
                                           allow_private=True))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(out, IngestError)
    assert str(out) == (f"{server.url('/bomb')}: response unpacks to over the limit of "
                        f"{5 * MB} bytes")
    assert peak < 24 * MB, peak         # the 5 MB body twice over, not gigabytes
    assert seconds < 20


def test_a_bomb_is_one_refused_item_and_the_next_source_is_read(server):
    items = list(iter_items([server.url("/bomb"), server.url("/page")], policy=PRIVATE))
    assert isinstance(items[0], IngestError) and "unpacks to over the limit" in str(items[0])
    assert isinstance(items[1], Document) and items[1].url == server.url("/page")


@pytest.mark.parametrize("path", ["/deflate", "/deflate-raw"])
def test_deflate_is_undone_zlib_wrapped_or_raw(server, path):
    assert fetch(server.url(path), max_bytes=MB, allow_private=True).content == PAGE


def test_five_redirects_are_followed_and_a_sixth_is_refused(server):
    r = fetch(server.url("/hop/4"), max_bytes=MB, allow_private=True)
    assert (r.url, r.content) == (server.url("/page"), PAGE)
    with pytest.raises(IngestError) as e:
        fetch(server.url("/hop/5"), max_bytes=MB, allow_private=True)
    assert str(e.value) == f"{server.url('/hop/5')}: more than 5 redirects"


def test_loopback_addresses_and_names_are_refused_without_the_flag(server):
    for url, why in ((server.url("/page"), "127.0.0.1 is a loopback address"),
                     (server.url("/page").replace("127.0.0.1", "localhost"),
                      "localhost resolves to 127.0.0.1: a loopback address")):
        with pytest.raises(IngestError) as e:
            fetch(url, max_bytes=MB)
        assert str(e.value) == (f"{url}: refused: {why}; pass --allow-private-network "
                                "to fetch from an intranet")


def test_a_redirect_to_localhost_is_checked_like_the_first_url(server, monkeypatch):
    # The first hop (127.0.0.1) is let through here; the redirect names
    # localhost, made to resolve to ::ffff:127.0.0.1: the hop is checked
    # where it is connected to, and refused.
    import socket

    import svodka.ingest.fetch as f
    real_refusal, real_resolve = f.refusal, socket.getaddrinfo
    monkeypatch.setattr(f, "refusal", lambda ip: None if ip == "127.0.0.1" else real_refusal(ip))
    monkeypatch.setattr(f.socket, "getaddrinfo", lambda host, port, *a, **k: (
        [(socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("::ffff:127.0.0.1", port, 0, 0))]
        if host == "localhost" else real_resolve(host, port, *a, **k)))
    with pytest.raises(IngestError) as e:
        fetch(server.url("/to-localhost"), max_bytes=MB)
    assert str(e.value) == (f"{server.url('/to-localhost')}: refused: localhost resolves to "
                            "::ffff:127.0.0.1: a loopback address; pass "
                            "--allow-private-network to fetch from an intranet")


@pytest.mark.parametrize("ip, reason", [
    ("127.0.0.1", "127.0.0.1 is a loopback address"),
    ("::1", "::1 is a loopback address"),
    ("::ffff:127.0.0.1", "::ffff:127.0.0.1 is a loopback address"),
    ("10.1.2.3", "10.1.2.3 is a private address"),
    ("172.16.0.1", "172.16.0.1 is a private address"),
    ("192.168.1.1", "192.168.1.1 is a private address"),
    ("169.254.169.254", "169.254.169.254 is a link-local address"),
    ("fe80::1", "fe80::1 is a link-local address"),
    ("224.0.0.251", "224.0.0.251 is a multicast address"),
    ("0.0.0.0", "0.0.0.0 is a private address"),
    ("100.64.0.1", "100.64.0.1 is not a public address"),
    ("93.184.215.14", None),
    ("2a00:1450:4010:c05::64", None),
])
def test_addresses_that_are_not_public_are_named_and_refused(ip, reason):
    assert refusal(ip) == reason


def test_svodka_ingest_refuses_127_0_0_1_without_the_flag(server, tmp_path):
    proc = subprocess.run([SVODKA, "ingest", server.url("/page"),
                           "--db", f"sqlite:///{tmp_path / 'svodka.db'}"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert (f"skipped: {server.url('/page')}: refused: 127.0.0.1 is a loopback address; "
            "pass --allow-private-network to fetch from an intranet") in proc.stdout


def test_svodka_watch_stops_within_5_s_of_sigterm_while_a_feed_trickles(server, tmp_path):
    # The feed sends a byte every 4 s: without a stop that reaches the fetch,
    # the poll would go on until the deadline (or, before, forever).
    import signal
    import time
    before = server.requests.count("/trickle")
    proc = subprocess.Popen([SVODKA, "watch", server.url("/trickle"), "--every", "1h",
                             "--allow-private-network",
                             "--db", f"sqlite:///{tmp_path / 'svodka.db'}"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while server.requests.count("/trickle") == before:
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        time.sleep(1)
        proc.send_signal(signal.SIGTERM)
        sent = time.monotonic()
        _, stderr = proc.communicate(timeout=30)
        took = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, stderr
    assert took < 5, took
    assert "Traceback" not in stderr and "watch stopped after" in stderr


def test_watch_every_0_is_refused(tmp_path):
    proc = subprocess.run([SVODKA, "watch", "http://127.0.0.1:9/feed.xml", "--every", "0s",
                           "--db", f"sqlite:///{tmp_path / 'svodka.db'}"],
                          capture_output=True, text=True, timeout=120)
    assert (proc.returncode, proc.stderr) == (
        2, "error: --every 0s: the interval must be longer than 0 s\n")


def _local_site(tmp_path):
    """feeds/feed.xml linking feeds/pages/in.html, ../secret.html and an
    absolute path to it; the secret is another real article."""
    site = tmp_path / "feeds"
    (site / "pages").mkdir(parents=True)
    inside = SEED.read_text(encoding="utf-8")
    secret_text = (CORPUS / "nerel" / "dev" / "kuleshov.txt").read_text(encoding="utf-8")
    (site / "pages" / "in.html").write_text(article_html(inside), encoding="utf-8")
    secret = tmp_path / "secret.html"
    secret.write_text(article_html(secret_text), encoding="utf-8")
    summary = " ".join(inside.split()[:60])
    links = ["pages/in.html", "../secret.html", str(secret), secret.as_uri()]
    items = "".join(f"<item><title>{n}</title><link>{link}</link><guid>{n}</guid>"
                    f"<description>{summary}</description></item>"
                    for n, link in enumerate(links))
    feed = site / "feed.xml"
    feed.write_text(f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
                    f"<title>t</title>{items}</channel></rss>", encoding="utf-8")
    return feed, summary, secret_text


def test_a_local_feed_reads_no_local_file_without_allow_local_links(tmp_path):
    feed, summary, _ = _local_site(tmp_path)
    docs = list(iter_items([feed]))
    assert [d.text for d in docs] == [summary] * 4


def test_allowed_local_links_are_read_only_inside_the_feeds_folder(tmp_path):
    feed, summary, secret_text = _local_site(tmp_path)
    docs = list(iter_items([feed], policy=FetchPolicy(allow_local_links=True)))
    assert docs[0].text != summary and docs[0].source.endswith("pages/in.html")
    assert [d.text for d in docs[1:]] == [summary] * 3
    assert not any(secret_text.split()[3] in d.text for d in docs)
