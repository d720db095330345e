"""The scripts' catalogue: every t("…") and tn(n, "…", "…") text of a page's ES modules, translated.

The keys are read from the scripts themselves (the same calls pybabel extracts, see babel.cfg),
following their `import … from "./x.js"`, so a text added to a script is served as soon as its
translation is in the catalogue. A page embeds the result as JSON (CSP allows data blocks).
"""

import json
import re
from functools import cache
from pathlib import Path

from flask import current_app
from flask_babel import get_translations
from markupsafe import Markup

from facilitator.i18n import DEFAULT, current

_T = re.compile(r'\bt\(\s*"((?:[^"\\]|\\.)*)"')
_TN = re.compile(r'\btn\(\s*[^,"]+?,\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"')
_TP = re.compile(r'\btp\(\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"')
_IMPORT = re.compile(r'\bfrom\s+"\./([\w.-]+\.js)"')


def N_(text: str) -> str:
    """Mark a text for extraction without translating it yet."""
    return text


# Human messages of the server's stable error codes that can reach a phone or a projector.
# English pages keep the server's own (often more precise) message.
ERRORS = {
    "room_not_found": N_("No room has this code. Check the code and retry."),
    "invalid_room": N_("No room has this code. Check the code and retry."),
    "prompt_not_found": N_("This question is not part of your room."),
    "wrong_kind": N_("This question does not take this kind of answer."),
    "prompt_not_open": N_("This question is not open for answers now."),
    "unknown_constituency": N_("Choose one of this event's groups."),
    "duplicate_client_id": N_("Send this proposal again as a new one."),
    "limit_reached": N_("You have sent the most proposals this question takes."),
    "proposal_not_found": N_("This proposal is not available."),
    "too_long": N_("This text is too long."),
    "empty": N_("Write something first."),
    "control_chars": N_("This text contains characters that cannot be sent."),
    "invalid_vote": N_("Choose agree, disagree or pass."),
    "no_opinion_not_allowed": N_("This question needs a position on the scale."),
    "out_of_range": N_("Choose one of the points of the scale."),
    "unknown_option": N_("This ranking does not fit the question. Rank the options again."),
    "duplicate_option": N_("This ranking does not fit the question. Rank the options again."),
    "wrong_length": N_("This ranking does not fit the question. Rank the options again."),
    "invalid_token": N_("This phone's key is not valid. Reload the page."),
    "invalid_payload": N_("The server did not understand this. Reload the page."),
    "invalid_type": N_("The server did not understand this. Reload the page."),
    "missing_field": N_("The server did not understand this. Reload the page."),
    "unknown_field": N_("The server did not understand this. Reload the page."),
    "invalid_client_id": N_("The server did not understand this. Reload the page."),
    "forbidden": N_("This page may not do that."),
    "bad_host": N_("This server does not answer to that address."),
    "server_error": N_(
        "Something went wrong on the server; nothing was changed. Please try again."
    ),
    "rate_limited": N_("Too many messages at once; sending again in a moment."),
    "malformed": N_("The server did not understand this. Reload the page."),
    "not_saved": N_("Your answer was not saved; please send it again."),
    "timeout": N_("No answer from the server."),
    "offline": N_("Not connected."),
}

# Error-page descriptions of the participant's and the projector's pages (abort(404, ...)).
PAGE_TEXTS = (
    N_("No room has this code."),
    N_(
        "The requested URL was not found on the server. If you entered the URL manually please "
        "check your spelling and try again."
    ),
)

# Texts the scripts translate by value, t(name): the built-in constituency's name.
VALUE_KEYS = (N_("Prefer not to say"),)

# The module each page loads; its imports are followed.
PAGE_SCRIPTS = {
    "phone": "phone.js",
    "projector": "projector.js",
    "console": "console.js",
    "rollup": "rollup.js",
    "dashboard": "dashboard.js",
}


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def script_keys(source: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The texts of t(), of tp() as "context" EOT "text", and the (one, many) pairs of tn()."""
    singles = [_unescape(m.group(1)) for m in _T.finditer(source)]
    singles += [f"{_unescape(m.group(1))}\x04{_unescape(m.group(2))}" for m in _TP.finditer(source)]
    pairs = [(_unescape(m.group(1)), _unescape(m.group(2))) for m in _TN.finditer(source)]
    return singles, pairs


@cache
def _page_keys(js_dir: str, entry: str) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Keys of a page's module and every module it imports, in a stable order."""
    seen: list[str] = []
    todo = [entry]
    singles: dict[str, None] = {}
    pairs: dict[tuple[str, str], None] = {}
    while todo:
        name = todo.pop()
        path = Path(js_dir) / name
        if name in seen or not path.is_file():
            continue
        seen.append(name)
        source = path.read_text(encoding="utf-8")
        found, plural = script_keys(source)
        singles.update(dict.fromkeys(found))
        pairs.update(dict.fromkeys(plural))
        todo.extend(_IMPORT.findall(source))
    singles.update(dict.fromkeys(VALUE_KEYS))
    return tuple(singles), tuple(pairs)


def page_keys(page: str) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The t() texts and tn() pairs of one page's scripts."""
    js_dir = str(Path(current_app.static_folder) / "js")
    return _page_keys(js_dir, PAGE_SCRIPTS[page])


def catalogue_json(page: str) -> Markup:
    """The page's catalogue as JSON safe inside <script type="application/json">, UTF-8 kept."""
    text = json.dumps(catalogue(page), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return Markup(text)


def catalogue(page: str) -> dict:
    """The JSON catalogue a page embeds for its scripts, in this request's language."""
    lang = current()
    data: dict = {"lang": lang}
    if lang == DEFAULT:
        return data  # the keys are the English texts
    singles, pairs = page_keys(page)
    translations = get_translations()
    data["messages"] = {}
    for key in singles:
        context, _, text = key.rpartition("\x04")
        found = translations.pgettext(context, text) if context else translations.gettext(key)
        if found != text:
            data["messages"][key] = found
    data["plurals"] = {
        one: [translations.ngettext(one, many, 1), translations.ngettext(one, many, 2)]
        for one, many in pairs
    }
    data["errors"] = {code: translations.gettext(text) for code, text in ERRORS.items()}
    return data
