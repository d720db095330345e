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
from facilitator.server_texts import ERRORS, PAGE_TEXTS, VALUE_KEYS  # noqa: F401

_T = re.compile(r'\bt\(\s*"((?:[^"\\]|\\.)*)"')
_TN = re.compile(r'\btn\(\s*[^,"]+?,\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"')
_TP = re.compile(r'\btp\(\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"')
_IMPORT = re.compile(r'\bfrom\s+"\./([\w.-]+\.js)"')


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


def init_app(app) -> None:
    """Give templates the scripts' catalogue of the page (`js_catalogue(page)`)."""
    app.jinja_env.globals["js_catalogue"] = catalogue_json
