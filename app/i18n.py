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

from babel import Locale
from flask import Flask, Response, current_app, g, request
from flask_babel import Babel, get_locale, get_translations, gettext
from jinja2 import pass_context
from markupsafe import Markup

from app.surveys.messages import Said
from app.surveys.translations import translate

# The languages there are catalogues for, each named in itself (as the switcher shows it), and
# Easy Read: English in short sentences, one idea per question, from the survey's definition
# (en-easy) with the English interface. The LANGUAGES setting says which are offered.
LANGUAGES = {"en": "English", "en-easy": "Easy Read", "cy": "Cymraeg", "pl": "Polski",
             "ro": "Română"}
SPEECH = {"en-easy": "en"}  # a version's human language: its lang attribute and catalogue
DEFAULT = "en"
# Pages, by blueprint or endpoint ("errors": an address that matched nothing). The staff-voice
# survey: its start, pages, check, done and closed pages, and the short address.
STAFF_SURVEY = frozenset({"short_links", "staff_respond"})
# Every page the public sees: the staff-voice survey, the consultations (hub, each page and its
# questionnaire), the accessibility statement, the privacy notice and the error pages.
PUBLIC = STAFF_SURVEY | {"public_consultations", "public.accessibility", "public.privacy",
                         "errors"}
# Where each language is offered: the pages its catalogue translates whole. Staff pages (and
# any page not listed) are English only, with no switcher.
COVERS = {"cy": PUBLIC, "en-easy": STAFF_SURVEY, "pl": STAFF_SURVEY, "ro": STAFF_SURVEY}
COOKIE = "lang"
YEAR = 365 * 24 * 3600

babel = Babel()


def enabled() -> list[str]:
    """English and the languages the LANGUAGES setting turns on (known ones only)."""
    extra = str(current_app.config.get("LANGUAGES", "")).replace(",", " ").split()
    return [DEFAULT, *(code for code in LANGUAGES if code in extra and code != DEFAULT)]


def _page() -> set[str | None]:
    """The names this page goes by in PUBLIC and COVERS."""
    return {request.blueprint, request.endpoint} if request.endpoint else {"errors"}


def available() -> list[str]:
    """The languages this page comes in: those turned on whose catalogue covers it, and on a
    survey's pages only those its definition translates (the view says which in
    g.survey_languages)."""
    survey, endpoint = g.get("survey_languages"), request.endpoint
    # Asked four times a page: worked out once. Kept with the page it is for, as g can outlive
    # a request (a test's app context holds one g for all its requests).
    kept = g.get("languages_available")
    if kept is not None and kept[0] is survey and kept[1] == endpoint:
        return kept[2]
    page = _page()
    codes = [c for c in enabled() if c == DEFAULT
             or (page & COVERS.get(c, set()) and (survey is None or c in survey))]
    g.languages_available = (survey, endpoint, codes)
    return codes


def offered() -> bool:
    """Whether this page comes in more than one language."""
    return bool(_page() & PUBLIC) and len(available()) > 1


def words_lang(survey) -> str:
    """The language of a survey's own words on this page: the page's, or English where the
    survey has no translation into the page's version (its texts then carry lang="en")."""
    here = current()
    return page_lang() if here in survey.translations else DEFAULT


_WORDED: dict[tuple[int, str], tuple] = {}


def worded(survey, offer: bool = True):
    """The survey in the page's version, if its definition has it (else as written). With
    `offer`, this page offers only the languages the definition translates. Kept per survey
    object and language, so the page's form classes are built once (app/forms/survey.py)."""
    if offer:
        g.survey_languages = set(survey.translations)
    here = current()
    kept = _WORDED.get((id(survey), here))
    if kept is None or kept[0] is not survey:
        if len(_WORDED) > 64:
            _WORDED.clear()
        kept = _WORDED[(id(survey), here)] = (survey, translate(survey, here))
    return kept[1]


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


_LOCALES: dict[str, Locale] = {}


def chosen() -> Locale:
    """Flask-Babel's locale: the chosen version's language (kept in g for current()). Parsed
    once per language, not once a request as Flask-Babel does with a code."""
    g.page_version = _choose()
    code = SPEECH.get(g.page_version, g.page_version)
    locale = _LOCALES.get(code)
    if locale is None:
        locale = _LOCALES[code] = Locale.parse(code)
    return locale


def current() -> str:
    """The page's version: a language code, or en-easy."""
    get_locale()  # chooses, once per request
    return g.get("page_version", DEFAULT)


def page_lang() -> str:
    """The page's human language, for <html lang>."""
    return str(get_locale() or DEFAULT)


def word(message: str) -> str:
    """A question type's message (app/surveys/messages.py) in the page's language; the
    definition's own wording is already in it."""
    if isinstance(message, Said) and page_lang() != DEFAULT:
        return gettext(message.template, **message.values)
    return message


def audience(survey) -> str:
    """Who a staff-voice survey is for ("Band 2, Band 3 and Band 4"), in the page's language:
    each band as the survey's own band question words it (translated with the survey)."""
    if SPEECH.get(current(), current()) == DEFAULT:
        return survey.audience_words()
    words = {c.value: c.label for q in survey.questions() if q.kind.groups_respondents
             for c in q.choices}
    names = [words.get(band, band) for band in survey.audience_bands]
    if len(names) < 2:
        return "".join(names)
    return gettext("%(some)s and %(last)s", some=", ".join(names[:-1]), last=names[-1])


STATUS_WORDS = {"draft": "draft, not yet checked by a qualified translator",
                "reviewed": "checked by a qualified translator"}


def languages_of(survey) -> str:
    """For admins: the versions a survey's respondents may choose, each translation's status,
    and those the LANGUAGES setting leaves off. In English (staff pages are)."""
    on = enabled()
    words = ["English"]
    for code, texts in sorted(survey.translations.items()):
        status = STATUS_WORDS.get(texts.get("status", "draft"), texts.get("status"))
        off = "" if code in on else "; turned off by the LANGUAGES setting"
        words.append(f"{LANGUAGES.get(code, code)} ({status}{off})")
    return ", ".join(words)


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


_SWITCHERS: dict[tuple, Markup] = {}


def switcher_html() -> Markup:
    """The language switcher above the page (ui.language_switcher), or nothing where the page
    comes in one language. Kept by what decides it, page address and language, since every
    respondent of a wave sees the same few: drawing it was 2% of a journey (bench/README.md)."""
    if not offered():
        return Markup("")
    key = (id(current_app.jinja_env), current(), tuple(available()), request.path,
           request.query_string)
    html = _SWITCHERS.get(key)
    if html is None:
        if len(_SWITCHERS) > 1000:
            _SWITCHERS.clear()
        ui = current_app.jinja_env.globals["ui"]
        html = _SWITCHERS[key] = Markup(ui.language_switcher(switcher()))  # noqa: S704 - a macro's
    return html


def _remember(response: Response) -> Response:
    lang = g.get("lang_chosen")
    if lang and request.cookies.get(COOKIE) != lang:
        response.set_cookie(COOKIE, lang, max_age=YEAR, secure=request.is_secure,
                            httponly=True, samesite="Lax")
    return response


def _catalogue(context):
    """The page's translations, found once per render (a context processor) rather than by
    Flask-Babel's chain of lookups for each of a page's dozens of _() calls; a macro rendered
    without the page's context looks them up itself."""
    return context.get("_catalogue") or get_translations()


@pass_context
def _gettext(context, string):
    return _catalogue(context).ugettext(string)


@pass_context
def _underscore(context, string, **variables):
    """`_()` in a template: what Jinja's newstyle gettext does (Markup under autoescape, always
    %-formatted, so variables are escaped), without its alias and wrapper, each a further call
    through the context, for the dozens of _() a page makes."""
    text = _gettext(context, string)
    if context.eval_ctx.autoescape:
        text = Markup(text)  # noqa: S704 - the catalogue is ours, as Jinja's own gettext trusts it
    return text % variables


@pass_context
def _ngettext(context, singular, plural, n):
    return _catalogue(context).ungettext(singular, plural, n)


@pass_context
def _pgettext(context, where, string):
    return _catalogue(context).upgettext(where, string)


@pass_context
def _npgettext(context, where, singular, plural, n):
    return _catalogue(context).unpgettext(where, singular, plural, n)


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "translations")
    babel.init_app(app, locale_selector=chosen, default_locale=DEFAULT)
    app.context_processor(lambda: {"_catalogue": get_translations()})
    app.jinja_env.install_gettext_callables(gettext=_gettext, ngettext=_ngettext,
                                            pgettext=_pgettext, npgettext=_npgettext,
                                            newstyle=True)
    app.jinja_env.globals["_"] = _underscore
    app.after_request(_remember)
    app.jinja_env.globals.update(language_switcher=switcher_html, page_lang=page_lang,
                                 words_lang=words_lang,
                                 audience=audience, languages_of=languages_of)
