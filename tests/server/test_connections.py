"""Read deadlines, connection caps and oversized heads, on a small app served in-process
with short deadlines, so each case takes a fraction of a second."""

from __future__ import annotations

import http.client
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from plangraph.server.app import listen
from plangraph.server.connections import ConnectionLimits, guarded_protocol

CEILING = 60.0  # seconds any wait may take on a loaded machine before the test fails


STARTED: list[str] = []  # requests whose head the app received, in order


async def echo(request: Request) -> PlainTextResponse:
    STARTED.append(request.method)
    try:
        body = await request.body()
    except ClientDisconnect:
        return PlainTextResponse("gone\n", 400)
    return PlainTextResponse(f"{request.method} {len(body)} {len(request.url.query)}\n")


def wait_until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + CEILING
    while not condition():
        assert time.monotonic() < deadline, "waited too long"
        time.sleep(0.01)


@dataclass
class Running:
    host: str
    port: int

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def raw(self) -> socket.socket:
        return socket.create_connection((self.host, self.port), timeout=CEILING)


Serve = Callable[..., Running]


@pytest.fixture
def serve() -> Iterator[Serve]:
    """``serve(**limits)``: the echo app behind the guarded protocol, until the test ends."""
    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(**limits: float) -> Running:
        chosen = ConnectionLimits(
            **{"header_timeout": 0.5, "body_timeout": 0.5, "max_head": 4096, **limits}  # type: ignore[arg-type]
        )
        sock = listen("127.0.0.1", 0)
        config = uvicorn.Config(
            Starlette(routes=[Route("/", echo, methods=["GET", "POST"])]),
            http=guarded_protocol(chosen),
            lifespan="off",
            log_level="warning",
            limit_concurrency=None,
            h11_max_incomplete_event_size=chosen.max_head + 65536,
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + CEILING
        while not server.started:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.01)
        servers.append((server, thread))
        return Running("127.0.0.1", sock.getsockname()[1])

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(CEILING)


def read_all(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def status_and_body(answer: bytes) -> tuple[int, str]:
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), body.decode()


def test_a_request_head_that_never_ends_gets_408(serve: Serve) -> None:
    running = serve()
    with running.raw() as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        status, body = status_and_body(read_all(sock))  # returns once the server closes
    assert status == 408
    assert body == "the request head did not arrive within 0.5 s\n"


def test_a_head_trickled_a_byte_at_a_time_still_meets_the_deadline(serve: Serve) -> None:
    running = serve()
    with running.raw() as sock:
        sock.sendall(b"GET / HTTP/1.1\r\n")
        with pytest.raises(OSError):  # closed on the server's side within the deadline
            deadline = time.monotonic() + CEILING
            while time.monotonic() < deadline:
                sock.sendall(b"X")
                time.sleep(0.05)
    # the deadline counts from the connection, not from the last byte


def test_a_body_that_never_ends_gets_408(serve: Serve) -> None:
    running = serve()
    with running.raw() as sock:
        sock.sendall(
            b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nhalf a body"
        )
        status, body = status_and_body(read_all(sock))
    assert status == 408
    assert body == "the request body did not arrive within 0.5 s\n"


def test_an_idle_connection_is_closed_without_an_answer(serve: Serve) -> None:
    running = serve()
    with running.raw() as sock:
        assert read_all(sock) == b""


def test_held_connections_do_not_lock_out_real_requests(serve: Serve) -> None:
    running = serve(header_timeout=CEILING, per_client=8)
    with ExitStack() as held:
        for _ in range(40):
            sock = held.enter_context(running.raw())
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        for _ in range(3):
            response = httpx.get(running.url(), timeout=CEILING)
            assert response.status_code == 200
            assert response.text == "GET 0 0\n"


def test_held_heads_make_room_before_a_connection_that_has_sent_nothing(serve: Serve) -> None:
    # a client that connected before a burst of held heads, and whose request the server
    # has not read yet, looks idle like them; the connections holding half a head go first
    running = serve(header_timeout=CEILING, per_client=8)
    with ExitStack() as held, running.raw() as early:
        socks = []
        for _ in range(40):
            socks.append(held.enter_context(running.raw()))
            socks[-1].sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            time.sleep(0.02)  # each head read before the next connection arrives
        assert status_and_body(read_all(socks[0]))[0] == 408  # the oldest held head
        early.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        assert status_and_body(read_all(early)) == (200, "GET 0 0\n")


def test_slow_bodies_make_room_for_new_connections(serve: Serve) -> None:
    running = serve(body_timeout=CEILING, body_grace=0.2, per_client=4)
    STARTED.clear()
    with ExitStack() as held:
        slow = []
        for count in range(1, 5):
            sock = held.enter_context(running.raw())
            sock.sendall(b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nhalf")
            slow.append(sock)
            wait_until(lambda count=count: len(STARTED) == count)  # in order, oldest first
        time.sleep(0.3)  # past the grace: these bodies are slow, not merely in flight
        response = httpx.get(running.url(), timeout=CEILING)
        assert response.text == "GET 0 0\n"
        status, body = status_and_body(read_all(slow[0]))  # the oldest made room
    assert status == 408
    assert body.startswith("the request body was still arriving after")


def test_a_client_whose_connections_are_all_busy_gets_503(serve: Serve) -> None:
    running = serve(body_timeout=CEILING, body_grace=CEILING, per_client=4)
    STARTED.clear()
    with ExitStack() as held:
        for _ in range(4):  # each has sent its head and owes its body: none can be closed
            sock = held.enter_context(running.raw())
            sock.sendall(b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n")
        wait_until(lambda: len(STARTED) == 4)
        with running.raw() as extra:
            extra.sendall(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n")
            status, body = status_and_body(read_all(extra))
    assert status == 503
    assert body == "too many connections: the limit is 4 connections from 127.0.0.1; retry later\n"


@pytest.mark.parametrize(
    ("request_head", "status"),
    [
        (b"GET /?query=" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: a\r\n\r\n", 414),
        (b"GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + b"b" * 100_000 + b"\r\n\r\n", 431),
    ],
)
def test_an_oversized_head_is_answered_not_reset(
    serve: Serve, request_head: bytes, status: int
) -> None:
    running = serve()
    with running.raw() as sock:
        sock.sendall(request_head)  # the server reads it all, so this never fails
        got, body = status_and_body(read_all(sock))
    assert got == status
    assert len(body.splitlines()) == 1


def test_a_ten_megabyte_url_gets_414_through_a_client(serve: Serve) -> None:
    running = serve()
    client = http.client.HTTPConnection(running.host, running.port, timeout=CEILING)
    try:
        client.request("GET", "/?query=" + "x" * 10_000_000)
        response = client.getresponse()
        assert response.status == 414
        assert b"POST the query as application/sparql-query" in response.read()
    finally:
        client.close()


def test_keep_alive_requests_are_not_cut(serve: Serve) -> None:
    running = serve()
    with httpx.Client(timeout=CEILING) as client:
        for size in (0, 10, 1000):
            response = client.post(running.url(), content=b"x" * size)
            assert response.text == f"POST {size} 0\n"
