"""A body sent in chunks (Transfer-Encoding: chunked, no Content-Length) is held to
MAX_CONTENT_LENGTH like any other: over it is the 413 page, not a body silently cut short.
Through the Flask test client with a streamed input, and through a real gunicorn."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import threading
import time

import pytest

from tests.support.clients import PASSWORD
from tests.support.paths import ROOT

FORM = "application/x-www-form-urlencoded"
CHUNKED = {"Transfer-Encoding": "chunked", "Content-Type": FORM}


class Trickle(io.RawIOBase):
    """A body that arrives a piece at a time and has no length: read() never returns it all."""

    def __init__(self, body: bytes, piece: int = 8192):
        self.body, self.piece, self.at = body, piece, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        part = self.body[self.at:self.at + min(len(buffer), self.piece)]
        buffer[:len(part)] = part
        self.at += len(part)
        return len(part)


def _streamed(body: bytes) -> dict:
    """The WSGI environ of a de-chunked body, as gunicorn or Werkzeug's server passes it on:
    a stream of no known length, and the flag saying the server ends it."""
    return {"wsgi.input": io.BufferedReader(Trickle(body)), "wsgi.input_terminated": True}


def _sign_in_body(user_email: str, size: int) -> bytes:
    body = f"email={user_email}&password={PASSWORD}&padding=".encode()
    return body + b"x" * (size - len(body))


@pytest.mark.parametrize("content_type", [FORM, "multipart/form-data; boundary=b"])
def test_a_chunked_body_over_the_limit_is_413(app, client, content_type):
    body = b"--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n" + b"x" * 10_000_000
    response = client.post("/sign-in", headers={**CHUNKED, "Content-Type": content_type},
                           environ_overrides=_streamed(body))
    assert response.status_code == 413
    assert "What you sent is too large" in response.get_data(as_text=True)


def test_a_chunked_body_just_over_the_limit_is_413_not_cut_short(app, make_user):
    """Cut at the limit, this post would sign in: the padding field comes last."""
    user = make_user("admin")
    limit = app.config["MAX_CONTENT_LENGTH"]
    body = _sign_in_body(user.email, limit + 1)
    response = app.test_client().post("/sign-in", headers=CHUNKED,
                                      environ_overrides=_streamed(body))
    assert response.status_code == 413


def test_a_chunked_body_within_the_limit_is_read_whole(app, make_user):
    user = make_user("admin")
    body = f"email={user.email}&password={PASSWORD}".encode()
    response = app.test_client().post("/sign-in", headers=CHUNKED,
                                      environ_overrides=_streamed(body))
    assert response.status_code == 302 and response.headers["Location"] == "/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def gunicorn(database_url, tmp_path):
    """The app under gunicorn (sync worker, as deployed), on a free loopback port."""
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "gunicorn-test-key",
           "HWB_LOCAL_DEV": "1"}
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--chdir", str(ROOT), "wsgi:app"], env=env, cwd=ROOT,
        stdout=subprocess.DEVNULL, stderr=(tmp_path / "gunicorn.log").open("wb"))
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError((tmp_path / "gunicorn.log").read_text())
        yield port
    finally:
        server.terminate()
        server.wait(timeout=20)


def _send(port: int, head: bytes, chunks) -> int:
    """Send a request (the body from `chunks`, while the answer is read) and return the
    status code of the answer."""
    connection = socket.create_connection(("127.0.0.1", port), timeout=30)

    def send():
        try:
            connection.sendall(head)
            for chunk in chunks:
                connection.sendall(chunk)
        except OSError:
            pass  # the server answered and closed before reading it all: expected

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    answer = b""
    try:
        while b"\r\n" not in answer:
            data = connection.recv(4096)
            if not data:
                break
            answer += data
    finally:
        sender.join(timeout=30)
        connection.close()
    return int(answer.split(b" ", 2)[1])


def test_gunicorn_answers_a_10_mb_chunked_body_with_413(gunicorn):
    piece = b"x" * 65536
    chunks = [b"%x\r\n%s\r\n" % (len(b"padding="), b"padding=")]
    chunks += [b"%x\r\n%s\r\n" % (len(piece), piece)] * 160 + [b"0\r\n\r\n"]
    head = (b"POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: " + FORM.encode() + b"\r\nTransfer-Encoding: chunked\r\n\r\n")
    assert _send(gunicorn, head, chunks) == 413


def test_gunicorn_answers_a_too_long_content_length_with_413(gunicorn):
    size = 10 * 1024 * 1024
    head = (b"POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + FORM.encode()
            + b"\r\nContent-Length: %d\r\n\r\n" % size)
    assert _send(gunicorn, head, [b"x" * 65536] * 160) == 413


def test_gunicorn_reads_a_small_chunked_body(gunicorn):
    body = b"email=nobody%40example.nhs.uk&password=wrong-password-1"
    head = (b"POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: " + FORM.encode() + b"\r\nTransfer-Encoding: chunked\r\n\r\n")
    # Not 413 and not a 500: the form is read (CSRF is on, so it is refused as a form).
    status = _send(gunicorn, head, [b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)])
    assert status in (302, 400, 422)
