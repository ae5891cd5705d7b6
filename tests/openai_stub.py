"""A loopback stub of an OpenAI-compatible chat endpoint, for tests and benchmarks.

It listens on 127.0.0.1 (an ephemeral port) and answers ``POST /v1/chat/completions``
with whatever a ``responder`` says for the request body: a completion (content, finish
reason, token usage), an HTTP error status (429, 500, ...) or a delay. It records every
request body and the ``Authorization`` header it was sent, and the most requests it had in
flight at once.

>>> with StubServer(lambda body, n: Reply(content='{"events": []}')) as stub:  # doctest: +SKIP
...     stub.base_url
'http://127.0.0.1:PORT/v1'
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    content: str | None = '{"events": []}'
    finish_reason: str = "stop"
    status: int = 200
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    prompt_tokens: int = 100
    completion_tokens: int = 10


Responder = Callable[[dict[str, Any], int], Reply]  # (request body, 1-based request number) -> Reply


def last_user_message(body: dict[str, Any]) -> str:
    users = [m.get("content", "") for m in body.get("messages", []) if m.get("role") == "user"]
    return users[-1] if users else ""


def by_text(answers: dict[str, Reply | Callable[[int], Reply]], default: Reply | None = None) -> Responder:
    """A responder choosing its reply by which key (a document's text) the last user turn holds.

    A value may be a function of how many times that document was asked (1, 2, ...).
    """
    lock = threading.Lock()
    seen: dict[str, int] = {}

    def respond(body: dict[str, Any], number: int) -> Reply:
        message = last_user_message(body)
        for text, answer in answers.items():
            if text in message:
                with lock:
                    seen[text] = seen.get(text, 0) + 1
                    count = seen[text]
                return answer(count) if callable(answer) else answer
        return default or Reply()

    return respond


class StubServer:
    def __init__(self, responder: Responder) -> None:
        self.responder = responder
        self.requests: list[dict[str, Any]] = []
        self.authorizations: list[str | None] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def setup(self) -> None:
                super().setup()
                # headers and body go out as two writes: without this, Nagle + delayed ACK add ~40 ms
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                with stub._lock:
                    stub.requests.append(body)
                    stub.authorizations.append(self.headers.get("Authorization"))
                    number = len(stub.requests)
                    stub.in_flight += 1
                    stub.max_in_flight = max(stub.max_in_flight, stub.in_flight)
                try:
                    reply = stub.responder(body, number)
                    if reply.delay:
                        time.sleep(reply.delay)
                    self._send(body, reply)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)
                finally:
                    with stub._lock:
                        stub.in_flight -= 1

            def _send(self, body: dict[str, Any], reply: Reply) -> None:
                if reply.status != 200:
                    payload = {"error": {"message": f"stub error {reply.status}", "type": "stub", "code": reply.status}}
                else:
                    payload = {
                        "id": "stub",
                        "object": "chat.completion",
                        "created": 0,
                        "model": body.get("model", "stub"),
                        "choices": [
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": reply.content},
                                "finish_reason": reply.finish_reason,
                            }
                        ],
                        "usage": {
                            "prompt_tokens": reply.prompt_tokens,
                            "completion_tokens": reply.completion_tokens,
                            "total_tokens": reply.prompt_tokens + reply.completion_tokens,
                        },
                    }
                data = json.dumps(payload).encode("utf-8")
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> StubServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)
