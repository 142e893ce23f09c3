"""Languages of the interface (Flask-Babel): which one a page is in, and the switcher.

The language is chosen, in order, by `?lang=` in the address (remembered in a `lang` cookie, so
the next pages follow), the cookie, then the browser's Accept-Language; anything unknown is
English. A cookie rather than the session: choosing a language writes nothing on the server
and needs no session for a visitor who has none.

Interface text is marked with _() in templates and code; `pybabel extract` gathers it into
app/translations/messages.pot and each language's messages.po holds its translation (compiled
to .mo by `make install` and `make test`; docs/translation.md says how a translator returns a
file). Survey wording is translated in the definitions themselves, not here.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, Response, current_app, g, request
from flask_babel import Babel, get_locale

# The languages there are catalogues for, each named in itself (as the switcher shows it), and
# Easy Read: English in short sentences, one idea per question, from the survey's definition
# (en-easy) with the English interface. The LANGUAGES setting says which are offered.
LANGUAGES = {"en": "English", "en-easy": "Easy Read", "cy": "Cymraeg"}
SPEECH = {"en-easy": "en"}  # a version's human language: its lang attribute and catalogue
DEFAULT = "en"
# The pages offered in every language, each translated whole: for now the staff-voice survey
# (its start, pages, check, done and closed pages, and the short address). Other pages stay in
# English, with no switcher, until their text is translated too.
PUBLIC = {"short_links", "staff_respond"}
COOKIE = "lang"
YEAR = 365 * 24 * 3600

babel = Babel()


def enabled() -> list[str]:
    """English and the languages the LANGUAGES setting turns on (known ones only)."""
    extra = str(current_app.config.get("LANGUAGES", "")).replace(",", " ").split()
    return [DEFAULT, *(code for code in LANGUAGES if code in extra and code != DEFAULT)]


def available() -> list[str]:
    """The languages this page comes in: those turned on, and on a survey's pages only those
    its definition translates (the view says which in g.survey_languages)."""
    codes = enabled()
    survey = g.get("survey_languages")
    return codes if survey is None else [c for c in codes if c == DEFAULT or c in survey]


def offered() -> bool:
    """Whether this page comes in more than one language."""
    return request.blueprint in PUBLIC and len(available()) > 1


def _choose() -> str:
    if not offered():
        return DEFAULT
    codes = available()
    asked = request.args.get("lang", "")
    if asked in codes:
        g.lang_chosen = asked
        return asked
    kept = request.cookies.get(COOKIE, "")
    if kept in codes:
        return kept
    # A browser asks for languages, never for Easy Read: that is chosen on the page.
    return request.accept_languages.best_match([c for c in codes if c not in SPEECH]) or DEFAULT


def chosen() -> str:
    """Flask-Babel's locale: the chosen version's language (kept in g for current())."""
    g.page_version = _choose()
    return SPEECH.get(g.page_version, g.page_version)


def current() -> str:
    """The page's version: a language code, or en-easy."""
    get_locale()  # chooses, once per request
    return g.get("page_version", DEFAULT)


def page_lang() -> str:
    """The page's human language, for <html lang>."""
    return str(get_locale() or DEFAULT)


def switcher() -> list[dict]:
    """Each other language, with this page's address in it (the place is kept: answers so far
    live in the session, whatever the language)."""
    here = current()
    out = []
    for code in available():
        name = LANGUAGES[code]
        args = {k: v for k, v in request.args.items(multi=True) if k != "lang"}
        href = f"{request.path}?{urlencode([*args.items(), ('lang', code)])}"
        out.append({"code": code, "lang": SPEECH.get(code, code), "name": name, "href": href,
                    "current": code == here})
    return out


def _remember(response: Response) -> Response:
    lang = g.get("lang_chosen")
    if lang and request.cookies.get(COOKIE) != lang:
        response.set_cookie(COOKIE, lang, max_age=YEAR, secure=request.is_secure,
                            httponly=True, samesite="Lax")
    return response


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "translations")
    babel.init_app(app, locale_selector=chosen, default_locale=DEFAULT)
    app.after_request(_remember)
    app.jinja_env.globals.update(languages=switcher, page_lang=page_lang,
                                 offers_languages=offered)
