"""The short address on cards and posters, /s/K7QF-2M: anyone may follow it to the wave's public
link. Its own blueprint, as it sits outside /staff/; misses are throttled (app/staff_voice/
short_links.py), and while a client waits nothing it types is looked up."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_babel import lazy_gettext

from app.security import no_store
from app.staff_voice import short_links
from app.throttle import client_address, wait_message
from app.views.access import ANYONE, guard

bp = no_store(guard(Blueprint("short_links", __name__), ANYONE))
TOO_MANY = lazy_gettext("Too many survey addresses typed here were not found. %(wait)s, then "
                        "type the address again.")


def go(short: str):
    address = client_address()
    wait = short_links.wait(address)
    if wait:
        message = str(TOO_MANY) % {"wait": wait_message(wait.seconds)}
        return render_template("staff_respond/short_address.html", problem=message), 429, {
            "Retry-After": str(wait.seconds)}
    typed = short_links.normalise(short)
    wave = short_links.by_short(typed) if typed else None
    if wave is None:
        if typed:  # a malformed address is no wave's, so trying it tells a guesser nothing
            short_links.record_miss(address)
        return render_template("staff_respond/short_address.html", problem=None), 404
    return redirect(url_for("staff_respond.start", token=wave.token))


# Typed in any case, and with a slash at the end if one is added; links are built on /s/.
for prefix in ("/s/", "/S/"):
    bp.add_url_rule(f"{prefix}<short>", "go", go, strict_slashes=False)
