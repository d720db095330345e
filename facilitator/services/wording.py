"""The Wording of a language from the app's catalogues and Babel's number formats.

The report, the CSV files and the findings' sentences take their words from here, so that a
French or Urdu report says what the French or Urdu screens say ("2,8", "38 %").
"""

from functools import cache

from babel import Locale
from babel.numbers import format_decimal, format_percent
from babel.support import Translations

from facilitator.domain.wording import ENGLISH, Wording
from facilitator.i18n import DEFAULT, TRANSLATIONS, valid

SEPARATORS = {"ur": "، "}


def _french_ordinal(n: int) -> str:
    return "1er" if n == 1 else f"{n}e"


ORDINALS = {"fr": _french_ordinal, "ur": str}


@cache
def wording(lang: str) -> Wording:
    """How the app words sentences and numbers in a language (English when unknown)."""
    lang = valid(lang) or DEFAULT
    if lang == DEFAULT:
        return ENGLISH
    catalogue = Translations.load(str(TRANSLATIONS), [lang])
    locale = Locale.parse(lang)  # parsed once: a locale given by name is parsed on every call
    return Wording(
        gettext=catalogue.gettext,
        ngettext=catalogue.ngettext,
        percent=lambda share: format_percent(share, locale=locale),
        decimal=lambda value, digits: format_decimal(
            value, format="0." + "0" * digits if digits else "0", locale=locale
        ),
        number=lambda value: format_decimal(value, locale=locale),
        ordinal=ORDINALS[lang],
        separator=SEPARATORS.get(lang, ", "),
    )


def localized(prompt, lang: str) -> tuple[str, dict]:
    """A prompt's text and settings (options, scale labels) in a language, where translated."""
    own = (prompt.translations or {}).get(lang) or {}
    settings = dict(prompt.settings)
    if own.get("options") and len(own["options"]) == len(settings.get("options") or []):
        settings["options"] = list(own["options"])
    if own.get("labels") and len(own["labels"]) == 2:
        settings["label_low"], settings["label_high"] = own["labels"]
    return own.get("text") or prompt.text, settings
