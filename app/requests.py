"""Incoming requests made safe to read.

Text without NUL characters: no form field or query can legitimately contain one, and PostgreSQL
refuses to store or compare text with NUL, which would make a typed answer (or a crafted post) a
server error; so NUL is removed from form and query values on arrival and an address containing
one is a 404.

Bodies held to MAX_CONTENT_LENGTH however they are sent. Werkzeug refuses a Content-Length over
it (413), but a chunked body (no Content-Length) it reads only up to the limit and then stops,
so a form was silently cut short there instead. ChunkedBodyLimit reads such a body first, at
most one byte past the limit, and passes it on with its length, so it meets the same 413.
"""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO

from flask import Flask, Request, abort, request
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.utils import cached_property

READ_SIZE = 64 * 1024


def without_nul(values: MultiDict) -> MultiDict:
    pairs = list(values.items(multi=True))
    if not any("\x00" in k or (isinstance(v, str) and "\x00" in v) for k, v in pairs):
        return values
    return ImmutableMultiDict([(k.replace("\x00", ""),
                                v.replace("\x00", "") if isinstance(v, str) else v)
                               for k, v in pairs])


class CleanRequest(Request):
    def _load_form_data(self) -> None:
        super()._load_form_data()
        self.__dict__["form"] = without_nul(self.__dict__["form"])

    @cached_property
    def args(self) -> MultiDict:
        return without_nul(super().args)


class ChunkedBodyLimit:
    """WSGI middleware: a chunked body, read whole up to MAX_CONTENT_LENGTH + 1 bytes, is passed
    on as a body with that Content-Length. Only when the server has de-chunked it and marks the
    stream as ending (wsgi.input_terminated, as gunicorn and Werkzeug's server do); from any
    other server Werkzeug reads such a body as empty, so nothing is stored from it either."""

    def __init__(self, wsgi_app, app: Flask):
        self.wsgi_app, self.app = wsgi_app, app

    def __call__(self, environ: dict, start_response) -> Iterable[bytes]:
        limit = self.app.config.get("MAX_CONTENT_LENGTH")
        if (limit is not None and "wsgi.input_terminated" in environ
                and "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()):
            body = _read_at_most(environ["wsgi.input"], limit + 1)
            environ["wsgi.input"] = BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))  # over the limit: Werkzeug's 413
            del environ["HTTP_TRANSFER_ENCODING"]
        return self.wsgi_app(environ, start_response)


def _read_at_most(stream, size: int) -> bytes:
    body = bytearray()
    while len(body) < size:
        data = stream.read(min(READ_SIZE, size - len(body)))
        if not data:
            break
        body += data
    return bytes(body)


def init_app(app: Flask) -> None:
    app.request_class = CleanRequest
    app.wsgi_app = ChunkedBodyLimit(app.wsgi_app, app)

    @app.before_request
    def refuse_nul_in_address():
        if "\x00" in request.path:
            abort(404)
