"""Guards every response passes: security headers, and a brake on guessing the write token.

- :class:`SecurityHeaders` (a pure ASGI middleware) sets on every response
  ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer`` and
  ``X-Frame-Options: DENY``, and on HTML pages a Content-Security-Policy that lets a page
  load nothing from another host (scripts, styles, images, fonts, connections, frames),
  so a label or quote that slipped past escaping still cannot reach out;
- :class:`FailedTokens` counts failed write-token attempts per client address and, past
  :data:`FREE_FAILURES` in a window, refuses that client's writes for a growing delay
  (429 with ``Retry-After``), so the token cannot be guessed at line speed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

__all__ = ["CONTENT_SECURITY_POLICY", "FREE_FAILURES", "FailedTokens", "SecurityHeaders"]

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
"""Same-origin only; inline scripts and styles stay allowed for the offline graph view."""

FREE_FAILURES = 5
"""Failed token attempts a client may make before it has to wait."""

_Scope = MutableMapping[str, Any]
_Message = MutableMapping[str, Any]
_Receive = Callable[[], Awaitable[_Message]]
_Send = Callable[[_Message], Awaitable[None]]


class SecurityHeaders:
    """ASGI middleware adding the security headers (see the module documentation)."""

    def __init__(self, app: Callable[[_Scope, _Receive, _Send], Awaitable[None]]):
        self.app = app

    async def __call__(self, scope: _Scope, receive: _Receive, send: _Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: _Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                extra = [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                media = dict(headers).get(b"content-type", b"")
                if media.startswith(b"text/html"):
                    extra.append((b"content-security-policy", CONTENT_SECURITY_POLICY.encode()))
                headers += [(k, v) for k, v in extra if k not in names]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


class FailedTokens:
    """Failed write-token attempts per client, and how long each must wait.

    After :data:`FREE_FAILURES` failures within ``window`` seconds a client waits
    ``base`` seconds, doubling with every further failure (at most ``ceiling``).
    A success clears the client's record.
    """

    def __init__(self, window: float = 600.0, base: float = 1.0, ceiling: float = 300.0):
        self.window, self.base, self.ceiling = window, base, ceiling
        self._lock = threading.Lock()
        self._failures: dict[str, tuple[int, float, float]] = {}  # count, first, blocked until

    def wait(self, client: str) -> float:
        """Seconds ``client`` must still wait before its next attempt (0: go ahead)."""
        with self._lock:
            record = self._failures.get(client)
            if record is None:
                return 0.0
            return max(0.0, record[2] - time.monotonic())

    def failed(self, client: str) -> None:
        now = time.monotonic()
        with self._lock:
            if len(self._failures) > 10_000:  # forget the oldest: memory stays bounded
                for key in sorted(self._failures, key=lambda k: self._failures[k][1])[:5_000]:
                    del self._failures[key]
            count, first, _ = self._failures.get(client, (0, now, 0.0))
            if now - first > self.window:
                count, first = 0, now
            count += 1
            blocked = 0.0
            if count > FREE_FAILURES:
                blocked = now + min(self.ceiling, self.base * 2 ** (count - FREE_FAILURES - 1))
            self._failures[client] = (count, first, blocked)

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)
