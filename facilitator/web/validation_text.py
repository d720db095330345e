"""The domain's and services' validation messages in the console's language.

The domain stays pure Python and speaks English; the console form shows its messages next to
their fields. Known messages (with their numbers) are matched here and translated; any other
message is shown as it came.
"""

import re

from flask_babel import gettext

from facilitator.i18n import DEFAULT, current


def N_(text: str) -> str:
    """Mark a text for extraction; it is translated when shown."""
    return text


# (pattern of the English message, its msgid with the pattern's groups as %(a)s, %(b)s)
PATTERNS = [
    (r"must have (\d+) to (\d+) options", N_("must have %(a)s to %(b)s options")),
    (r"must all differ", N_("must all differ")),
    (r"must be 5 or 7", N_("must be 5 or 7")),
    (r"must not be empty", N_("must not be empty")),
    (r"is required", N_("is required")),
    (r"must be at most (\d+) characters", N_("must be at most %(a)s characters")),
    (r"must be between (\d+) and (\d+)", N_("must be between %(a)s and %(b)s")),
    (r"must be a whole number", N_("must be a whole number")),
    (r"must not contain control characters", N_("must not contain control characters")),
    (
        r"must be a whole number of seconds from (\d+) to (\d+) \(one hour\)",
        N_("must be a whole number of seconds from %(a)s to %(b)s (one hour)"),
    ),
    (
        r"needs a countdown: say after how many seconds the prompt closes itself",
        N_("needs a countdown: say after how many seconds the prompt closes itself"),
    ),
    (
        r"must have (\d+) entries, like the original, not (\d+)",
        N_("must have %(a)s entries, like the original, not %(b)s"),
    ),
    (r"must translate every option, or none", N_("must translate every option, or none")),
    (
        r"must translate both ends of the scale, or neither",
        N_("must translate both ends of the scale, or neither"),
    ),
    (
        r"Keep the question under (\d+) characters\.",
        N_("Keep the question under %(a)s characters."),
    ),
    (r"Write the question\.", N_("Write the question.")),
]
_COMPILED = [(re.compile(rf"^{pattern}$"), msgid) for pattern, msgid in PATTERNS]


def translate(message: str) -> str:
    """The message in the console's language when it is a known one, else unchanged."""
    if current() == DEFAULT or not isinstance(message, str):
        return message
    for pattern, msgid in _COMPILED:
        match = pattern.match(message.strip())
        if match:
            values = dict(zip("ab", match.groups(), strict=False))
            return gettext(msgid, **values) if values else gettext(msgid)
    return message
