"""Raw HTTP over a socket, for what ordinary clients will not send (foreign Host headers on WebSocket
upgrades, huge declared bodies, endless chunked bodies)."""

from __future__ import annotations

import socket
import time


def status_of(port: int, head: str, body: bytes = b"", timeout: float = 10) -> int:
    """Send ``head`` (request line and headers, no blank line) and ``body``; the answer's status code."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(head.encode() + b"\r\n\r\n" + body)
        return _read_status(sock)


def upgrade_status(port: int, path: str = "/api/v1/events", **headers: str) -> int:
    """The status a WebSocket upgrade gets (101 when accepted)."""
    lines = {
        "Host": f"127.0.0.1:{port}",
        "Upgrade": "websocket",
        "Connection": "Upgrade",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Version": "13",
        **{name.replace("_", "-"): value for name, value in headers.items()},
    }
    head = f"GET {path} HTTP/1.1\r\n" + "\r\n".join(f"{k}: {v}" for k, v in lines.items())
    return status_of(port, head)


def stream_until_answered(
    port: int, head: str, chunk: bytes, most: int, first: bytes = b""
) -> tuple[int, int]:
    """Send a chunked body (``first``, then ``chunk`` again and again) until the server answers or ``most``
    bytes went out: (status, bytes sent)."""
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head.encode() + b"\r\nTransfer-Encoding: chunked\r\n\r\n")
        if first:
            sock.sendall(f"{len(first):x}\r\n".encode() + first + b"\r\n")
        framed = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
        sock.settimeout(0.5)
        deadline = time.monotonic() + 60
        while sent < most and time.monotonic() < deadline:
            try:
                sock.sendall(framed)
                sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError, TimeoutError):
                break
            if _answered(sock):
                break
        sock.settimeout(10)
        return _read_status(sock), sent


def _answered(sock: socket.socket) -> bool:
    sock.setblocking(False)
    try:
        return bool(sock.recv(1, socket.MSG_PEEK))
    except (BlockingIOError, InterruptedError):
        return False
    except OSError:
        return True
    finally:
        sock.settimeout(0.5)


def _read_status(sock: socket.socket) -> int:
    data = b""
    while b"\r\n" not in data:
        try:
            piece = sock.recv(4096)
        except (ConnectionResetError, TimeoutError):
            break
        if not piece:
            break
        data += piece
    if not data.startswith(b"HTTP/"):
        raise AssertionError(f"no HTTP answer: {data[:200]!r}")
    return int(data.split(b" ", 2)[1])
