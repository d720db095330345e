"""A form field for a duration typed as minutes and seconds ("1:30"), kept as seconds."""

import re

from flask_babel import lazy_gettext as _l
from wtforms import StringField

MINUTES_SECONDS = re.compile(r"^(\d{1,3}):([0-5]\d)$")
SECONDS = re.compile(r"^\d{1,6}$")


def parse_duration(text: str) -> int | None:
    """Seconds from "m:ss" (or a plain number of seconds); None when empty; ValueError otherwise."""
    text = (text or "").strip()
    if not text:
        return None
    found = MINUTES_SECONDS.match(text)
    if found:
        return int(found.group(1)) * 60 + int(found.group(2))
    if SECONDS.match(text):
        return int(text)
    raise ValueError(_l("Write minutes and seconds, such as 1:30."))


def format_duration(seconds: int | None) -> str:
    """ "m:ss" for a number of seconds; empty for None."""
    if seconds is None:
        return ""
    return f"{seconds // 60}:{seconds % 60:02d}"


class DurationField(StringField):
    """Minutes and seconds in the form ("1:30"), seconds in `data` (None when left empty)."""

    def process_formdata(self, valuelist):
        """Read the typed duration; an unreadable one becomes a field error."""
        self.data = None
        if valuelist:
            self.data = parse_duration(valuelist[0])

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return format_duration(self.data) if isinstance(self.data, int) else ""
