"""The prompt form's translation fields: text, options and scale labels in French and Urdu."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField

# The languages a moderator may translate a prompt into, by their own names.
TRANSLATED = {"fr": "Français", "ur": "اردو"}
PARTS = ("text", "options", "label_low", "label_high")


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class TranslationFields:
    """Mixed into PromptForm: fr_text, fr_options, fr_label_low, fr_label_high, ur_… ."""

    fr_text = TextAreaField(_l("Question or statement"), filters=[_strip])
    fr_options = TextAreaField(_l("Options, one per line, in the same order"))
    fr_label_low = StringField(_l("Label of the low end"), filters=[_strip])
    fr_label_high = StringField(_l("Label of the high end"), filters=[_strip])
    ur_text = TextAreaField(_l("Question or statement"), filters=[_strip])
    ur_options = TextAreaField(_l("Options, one per line, in the same order"))
    ur_label_low = StringField(_l("Label of the low end"), filters=[_strip])
    ur_label_high = StringField(_l("Label of the high end"), filters=[_strip])

    def translations(self) -> dict:
        """The translations as the prompt stores them; blank fields are left out."""
        kind = self.kind.data
        result = {}
        for code in TRANSLATED:
            entry: dict = {"text": self[f"{code}_text"].data or ""}
            if kind == "priority":
                lines = (self[f"{code}_options"].data or "").splitlines()
                options = [line.strip() for line in lines if line.strip()]
                if options:
                    entry["options"] = options
            if kind == "position":
                labels = [
                    self[f"{code}_label_low"].data or "",
                    self[f"{code}_label_high"].data or "",
                ]
                if any(labels):
                    entry["labels"] = labels
            result[code] = entry
        return result

    def has_translations(self) -> bool:
        """Whether any translation field is filled in or wrong (the section then starts open)."""
        names = [f"{code}_{part}" for code in TRANSLATED for part in PARTS]
        return any(self[name].data or self[name].errors for name in names)


def translation_data(prompt) -> dict:
    """Form data for the translation fields, from a stored prompt."""
    data = {}
    for code in TRANSLATED:
        entry = (prompt.translations or {}).get(code) or {}
        data[f"{code}_text"] = entry.get("text", "")
        data[f"{code}_options"] = "\n".join(entry.get("options") or [])
        labels = entry.get("labels") or ["", ""]
        data[f"{code}_label_low"], data[f"{code}_label_high"] = labels[0], labels[1]
    return data


def translation_field(field: str | None) -> str | None:
    """The form field that shows a translation error: "translations.fr.labels" → fr_label_low."""
    if not field or not field.startswith("translations."):
        return field
    parts = field.split(".")
    code = parts[1] if len(parts) > 1 else ""
    part = parts[2] if len(parts) > 2 else "text"
    if code not in TRANSLATED:
        return None
    return f"{code}_{'label_low' if part == 'labels' else part}"
