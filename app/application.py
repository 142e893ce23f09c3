"""The Flask class the app is made from: Flask's, with its template environment
(app/jinja_env.py), and the addresses it builds and its functions' sync check remembered."""

from __future__ import annotations

from flask import Flask, has_request_context
from flask.globals import request_ctx

from app.jinja_env import Environment

_PLAIN = (str, int)
ADDRESSES_KEPT = 10_000
FUNCTIONS_KEPT = 1_000


class App(Flask):
    jinja_environment = Environment

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.built_addresses: dict[tuple, str] = {}
        self.synced: dict = {}

    def ensure_sync(self, func):
        """Flask's, kept per function: it asks `inspect` whether each hook, view and context
        processor is a coroutine function, some sixteen times a request, and a function's answer
        never changes. (Callables made per request, as after_this_request's, only churn the
        bounded dict.)"""
        synced = self.synced.get(func)
        if synced is None:
            if len(self.synced) >= FUNCTIONS_KEPT:
                self.synced.clear()
            synced = self.synced[func] = super().ensure_sync(func)
        return synced

    def url_for(self, endpoint: str, /, *, _anchor=None, _method=None, _scheme=None,
                _external=None, **values) -> str:
        """Flask's url_for, remembered for a request's plain links. Every page builds a dozen
        (stylesheets, header, footer, back and change links), a tenth of a short page's time, and
        an address is a pure function of the rule, its values and where the request came in: the
        adapter's script root, host and scheme are in the key. Not remembered: anything with
        options, values other than text and whole numbers, or outside a request; nor when the
        app has url_defaults, which may add values from elsewhere."""
        adapter = request_ctx.url_adapter if has_request_context() else None
        if (adapter is None or _anchor or _method or _scheme or _external
                or self.url_default_functions
                or not all(type(v) in _PLAIN for v in values.values())):
            return super().url_for(endpoint, _anchor=_anchor, _method=_method, _scheme=_scheme,
                                   _external=_external, **values)
        key = (adapter.script_name, adapter.server_name, adapter.url_scheme, adapter.subdomain,
               request_ctx.request.blueprint if endpoint[:1] == "." else None, endpoint,
               tuple(values.items()))
        address = self.built_addresses.get(key)
        if address is None:
            address = super().url_for(endpoint, **values)
            if len(self.built_addresses) >= ADDRESSES_KEPT:
                self.built_addresses.clear()
            self.built_addresses[key] = address
        return address
