"""How the server treats connections: read deadlines, a cap per client, oversized heads.

uvicorn's HTTP/1.1 protocol (h11) waits for a request's headers and body for as long as
a client cares to send them, and counts every open connection against its concurrency
limit: forty connections that send half a header and hold make every real request a
503. :class:`GuardedProtocol` adds what it lacks:

- a deadline for a request's head (from the connection, or from the end of the previous
  answer) and one for its body; a client that misses one gets a one-line 408 and is
  disconnected;
- a cap on connections from one address and on all connections: a connection over a cap
  makes room by closing the oldest connection that has not yet sent a whole request
  head (a held half-sent header first, then one that has sent nothing: an idle
  keep-alive, or a request the loop has not read yet), else the oldest that has been
  sending a body for longer than ``body_grace`` (408), so held connections cannot lock
  real requests out; when every connection is busy with a request, the new one gets a 503;
- a request line or head longer than the limit gets a one-line 414 (or 431) after the
  rest of it is read and thrown away, so the client sees the answer, not a reset.

A connection whose head has arrived is never closed for another's sake, and the answer
to a query in progress is never cut.
"""

from __future__ import annotations

import asyncio
import http
import logging
from dataclasses import dataclass
from typing import Any, ClassVar

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger("uvicorn.error")

_DRAIN_BYTES = 64 << 20  # read and drop at most this much of a refused request
_DRAIN_SECONDS = 10.0


@dataclass(frozen=True)
class ConnectionLimits:
    """Deadlines in seconds for a request's head and body; connections from one address
    and in all; bytes of a request's head (request line and headers); seconds a body may
    take before its connection may be closed to make room for another."""

    header_timeout: float = 10.0
    body_timeout: float = 30.0
    body_grace: float = 1.0
    per_client: int = 32
    total: int = 256
    max_head: int = (1 << 20) + (64 << 10)


class GuardedProtocol(H11Protocol):
    """uvicorn's h11 protocol with read deadlines and connection caps; see the module."""

    limits: ClassVar[ConnectionLimits] = ConnectionLimits()
    clients: ClassVar[dict[str, list[GuardedProtocol]]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._timer: asyncio.TimerHandle | None = None
        self._awaiting: str | None = None
        self._head = 0  # bytes of the request head received so far
        self._line_end: int | None = None  # where in the head the request line ended
        self._drained: int | None = None  # bytes dropped after a refusal, None if none
        self._peer = ""
        self._since = 0.0  # when the client began to owe what it owes now

    # connections in and out

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._peer = self.client[0] if self.client else "local"
        mine = self.clients.setdefault(self._peer, [])
        mine.append(self)
        self._watch()
        if len(mine) > self.limits.per_client:
            self._make_room(mine, f"{self.limits.per_client} connections from {self._peer}")
        elif len(self.connections) > self.limits.total:
            everyone = [c for c in self.connections if isinstance(c, GuardedProtocol)]
            self._make_room(everyone, f"{self.limits.total} connections")

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel()
        mine = self.clients.get(self._peer, [])
        if self in mine:
            mine.remove(self)
        if not mine:
            self.clients.pop(self._peer, None)
        super().connection_lost(exc)

    def _waiting_for_head(self) -> bool:
        """No request of this connection is under way: it owes a head, or was refused."""
        return self.conn.their_state is h11.IDLE

    def _make_room(self, candidates: list[GuardedProtocol], cap: str) -> None:
        idle = [c for c in candidates if c is not self and c._waiting_for_head()]
        if idle:
            # a connection holding half a head goes before one that has sent nothing:
            # that may be a request in flight the loop has not read yet, or a keep-alive
            oldest = min(idle, key=lambda c: (c._head == 0, c._since))
            if oldest._drained is not None:  # already answered: only its draining stops
                oldest.transport.close()
            else:
                oldest._expire()
            return
        now = self.loop.time()
        slow = [
            c
            for c in candidates
            if c is not self and c._awaiting == "body" and now - c._since > self.limits.body_grace
        ]
        if slow:
            oldest = min(slow, key=lambda c: c._since)
            oldest._refuse(
                408,
                f"the request body was still arriving after {now - oldest._since:.1f} s "
                "while other connections waited",
                drain=False,
            )
            return
        self._refuse(503, f"too many connections: the limit is {cap}; retry later")

    # reading

    def data_received(self, data: bytes) -> None:
        if self._drained is not None:
            self._drained += len(data)
            if self._drained > _DRAIN_BYTES:
                self.transport.close()
            return
        if self.conn.their_state is h11.IDLE:
            if self._line_end is None and (found := data.find(b"\n")) >= 0:
                self._line_end = self._head + found
            self._head += len(data)
            limit = self.limits.max_head
            if self._head > limit and self._line_end is not None and self._line_end <= limit:
                self._refuse(431, f"the request head is longer than {limit} bytes")
                return
            if self._head > limit:
                self._refuse(
                    414,
                    f"the request line is longer than {limit} bytes; "
                    "POST the query as application/sparql-query",
                )
                return
        super().data_received(data)
        self._watch()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._watch()

    # deadlines

    def _watch(self) -> None:
        """Arm the deadline for what the client owes now: a head, a body, or nothing."""
        if self._drained is not None or self.transport.is_closing():
            return
        state = self.conn.their_state
        awaiting = "head" if state is h11.IDLE else "body" if state is h11.SEND_BODY else None
        if awaiting == self._awaiting:
            return
        self._cancel()
        self._awaiting = awaiting
        if state is not h11.IDLE:
            self._head, self._line_end = 0, None
        self._since = self.loop.time()
        if awaiting == "head":
            self._timer = self.loop.call_later(self.limits.header_timeout, self._late)
        elif awaiting == "body":
            self._timer = self.loop.call_later(self.limits.body_timeout, self._late)

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _late(self) -> None:
        self._timer = None
        if self._drained is not None:
            self.transport.close()
        elif self._awaiting == "head":
            self._expire()
        elif self._awaiting == "body":
            self._refuse(
                408,
                f"the request body did not arrive within {self.limits.body_timeout:g} s",
                drain=False,
            )

    def _expire(self) -> None:
        """Close a connection that owes a request head: a 408 if it started one."""
        if self._head:
            self._refuse(
                408,
                f"the request head did not arrive within {self.limits.header_timeout:g} s",
                drain=False,
            )
        else:
            self._cancel()
            self.transport.close()

    def _refuse(self, status: int, reason: str, *, drain: bool = True) -> None:
        """Answer with one line and close; with ``drain``, after reading what the client
        is still sending, so that it reads the answer instead of a reset."""
        self._cancel()
        log.info("%s: %d %s", self._peer, status, reason)
        body = (reason + "\n").encode("utf-8")
        head = (
            f"HTTP/1.1 {status} {http.HTTPStatus(status).phrase}\r\n"
            "content-type: text/plain; charset=utf-8\r\n"
            f"content-length: {len(body)}\r\n"
            "connection: close\r\n\r\n"
        ).encode("ascii")
        self.transport.write(head + body)
        if drain:
            if self.transport.can_write_eof():
                self.transport.write_eof()  # the answer is whole: the client may read it now
            self._drained = 0
            self._since = self.loop.time()
            self._timer = self.loop.call_later(_DRAIN_SECONDS, self._late)
        else:
            self.transport.close()


def guarded_protocol(limits: ConnectionLimits) -> type[GuardedProtocol]:
    """A protocol class with its own limits and its own record of open connections."""
    return type(
        "PlangraphProtocol",
        (GuardedProtocol,),
        {"limits": limits, "clients": {}},
    )
