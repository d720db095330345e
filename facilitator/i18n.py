"""Languages: English, French and Urdu, chosen per phone, per room's projector, per moderator.

A page's language is, in order: the one a view forces (the projector: its room's language);
`?lang=` on the URL (remembered in a cookie); the cookie; for phones only, the browser's
Accept-Language among the three; else English.
"""

from flask import g, request
from flask_babel import Babel, force_locale, get_locale, get_translations, gettext, refresh

from facilitator import ROOT
from facilitator.server_texts import ERRORS

# Each language by its own name, as the chooser shows it.
LANGUAGES = {"en": "English", "fr": "Français", "ur": "اردو"}
DEFAULT = "en"
RTL = frozenset({"ur"})
COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
# Pages for moderators keep their own choice (the cookie) or English, never the browser's guess.
MODERATOR_BLUEPRINTS = frozenset({"console", "auth", "audit", "dashboard", "exports"})
TRANSLATIONS = ROOT / "facilitator" / "translations"

babel = Babel()


def init_app(app) -> None:
    """Bind Flask-Babel, the locale selector, the template globals and the cookie."""
    babel.init_app(
        app,
        default_locale=DEFAULT,
        default_translation_directories=str(TRANSLATIONS),
        locale_selector=select_language,
    )
    app.before_request(_fresh_choice)
    app.context_processor(_template_globals)
    # Globals reach imported macros too (the language chooser).
    app.jinja_env.globals.update(languages=LANGUAGES, current_language=current)
    app.add_template_filter(known_text)
    app.after_request(_remember_choice)


def valid(code) -> str | None:
    """The language code if it is one of ours, else None."""
    return code if isinstance(code, str) and code in LANGUAGES else None


def select_language() -> str:
    """The language of this request (see the module docstring)."""
    forced = g.get("page_language")
    if forced:
        return forced
    chosen = valid(request.args.get("lang")) or valid(request.cookies.get(COOKIE))
    if chosen:
        return chosen
    if request.blueprint in MODERATOR_BLUEPRINTS:
        return DEFAULT
    return request.accept_languages.best_match(list(LANGUAGES), default=DEFAULT)


def use_language(code: str) -> None:
    """Force this request's language (the projector shows its room's language)."""
    g.page_language = valid(code) or DEFAULT
    refresh()


def translated(message: str, lang: str) -> str:
    """A catalogue message in a language (English when the language is not one of ours)."""
    with force_locale(valid(lang) or DEFAULT):
        return gettext(message)


def current() -> str:
    """The code of this request's language."""
    return str(get_locale() or DEFAULT)


def direction(code: str | None = None) -> str:
    """'rtl' for a right-to-left language, else 'ltr'."""
    return "rtl" if (code or current()) in RTL else "ltr"


def translate_error(code: str, fallback: str) -> str:
    """A service error's message in this request's language, by its stable code."""
    if code not in ERRORS or current() == DEFAULT:
        return fallback
    return get_translations().gettext(ERRORS[code])


def known_text(text: str) -> str:
    """A server text (an error page's description) translated when the catalogue has it."""
    return get_translations().gettext(text) if isinstance(text, str) else text


def _template_globals() -> dict:
    lang = current()
    return {
        "room_kinds": {"plenary": gettext("Plenary"), "breakout": gettext("Breakout")},
        "state_labels": {
            "draft": gettext("Draft"),
            "open": gettext("Open"),
            "closed": gettext("Closed"),
        },
        "lang": lang,
        "lang_dir": direction(lang),
    }


def _fresh_choice() -> None:
    """Each request chooses anew, even when it shares an app context (tests, CLI)."""
    g.pop("page_language", None)
    refresh()


def _remember_choice(response):
    """A `?lang=` choice on a page sets the cookie, so that the next page keeps it."""
    chosen = valid(request.args.get("lang"))
    if chosen and not g.get("page_language") and request.cookies.get(COOKIE) != chosen:
        response.set_cookie(
            COOKIE,
            chosen,
            max_age=COOKIE_MAX_AGE,
            samesite="Lax",
            secure=request.is_secure,
            httponly=False,  # the phone's script keeps it in step with its own storage
        )
    return response
