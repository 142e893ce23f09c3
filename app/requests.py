"""Incoming text without NUL characters. No form field or query can legitimately contain one,
and PostgreSQL refuses to store or compare text with NUL, which would make a typed answer (or a
crafted post) a server error; so NUL is removed from form and query values on arrival and an
address containing one is a 404."""

from __future__ import annotations

from flask import Flask, Request, abort, request
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.utils import cached_property


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


def init_app(app: Flask) -> None:
    app.request_class = CleanRequest

    @app.before_request
    def refuse_nul_in_address():
        if "\x00" in request.path:
            abort(404)
