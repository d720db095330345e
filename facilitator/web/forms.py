"""Forms of the moderator console: agenda import and prompt editing (Flask-WTF, CSRF on each)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, Optional

from facilitator.domain.errors import ValidationError
from facilitator.domain.kinds import KINDS, get_kind
from facilitator.domain.pacing import validate_pacing
from facilitator.services.agenda import PROMPT_TEXT_MAX
from facilitator.web import validation_text
from facilitator.web.duration_field import DurationField
from facilitator.web.translation_form import TranslationFields, translation_data, translation_field

KIND_CHOICES = [
    SelectChoice("position", _l("Position — a statement on an agree/disagree scale")),
    SelectChoice("priority", _l("Priority — rank a list of options")),
    SelectChoice("proposal", _l("Proposals — collect and endorse ideas")),
]
KIND_LABELS = {"position": _l("Position"), "priority": _l("Priority"), "proposal": _l("Proposals")}

# The form fields that carry each kind's settings (named like the settings keys they fill).
KIND_FIELDS = {
    "position": ("points", "label_low", "label_high", "allow_no_opinion", "linked_prompt_id"),
    "priority": ("options", "rank_mode", "rank_top"),
    "proposal": ("moderation", "max_per_participant", "max_length"),
}
POSITION = KINDS["position"].defaults
PROPOSAL = KINDS["proposal"].defaults


def sentence(message: str) -> str:
    """A validation message as a sentence: capital first letter, final full stop."""
    message = message.strip()
    if not message:
        return message
    message = message[0].upper() + message[1:]
    return message if message.endswith((".", "?", "!", "\u06d4", "\u061f")) else message + "."


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _id_or_none(value):
    """A select's prompt id: "" (or None) means no prompt; anything else must be a number."""
    if value in ("", None):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1  # not a prompt: the link service says so next to the field


class AgendaImportForm(FlaskForm):
    """An agenda file (docs/agenda.md) to create an event with its rooms and prompts."""

    agenda = FileField(
        _l("Agenda file"), validators=[FileRequired(_l("Choose an agenda file (.json)."))]
    )


class PromptForm(TranslationFields, FlaskForm):
    """A prompt's kind, text and the settings of that kind; only the chosen kind is checked."""

    kind = SelectField(_l("Kind"), choices=KIND_CHOICES, default="position")
    text = TextAreaField(
        _l("Question or statement"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Write the question.")),
            Length(
                max=PROMPT_TEXT_MAX,
                message=_l("Keep it under %(n)d characters.", n=PROMPT_TEXT_MAX),
            ),
        ],
    )
    # position
    points = SelectField(
        _l("Points"),
        choices=[SelectChoice(5, _l("5 points")), SelectChoice(7, _l("7 points"))],
        coerce=int,
        default=POSITION["points"],
        validate_choice=False,  # the kind's own validation says "must be 5 or 7"
    )
    label_low = StringField(_l("Label of the low end"), default=POSITION["label_low"])
    label_high = StringField(_l("Label of the high end"), default=POSITION["label_high"])
    allow_no_opinion = BooleanField(_l("Offer “no opinion”"), default=POSITION["allow_no_opinion"])
    linked_prompt_id = SelectField(
        _l("Repeats an earlier statement (trust barometer)"),
        choices=[SelectChoice("", _l("No — a statement of its own"))],
        coerce=_id_or_none,
        validate_choice=False,  # the link service checks the prompt and says why it cannot be
    )
    # pacing (every kind)
    countdown = DurationField(
        _l("Countdown (minutes:seconds)"),
        validators=[Optional()],
        render_kw={"placeholder": "m:ss", "inputmode": "numeric", "size": 6},
    )
    auto_close = BooleanField(_l("Close the prompt when the countdown ends"))
    # The same prompt, put to other rooms of the event at once (a prompt family).
    rooms = SelectMultipleField(_l("Also put it to"), coerce=int, validate_choice=False)
    # priority
    options = TextAreaField(_l("Options, one per line"))
    rank_mode = RadioField(
        _l("Participants rank"),
        choices=[
            SelectChoice("all", _l("All the options")),
            SelectChoice("top", _l("Only their top choices")),
        ],
        default="all",
    )
    rank_top = IntegerField(
        _l("How many to rank"), validators=[Optional()], render_kw={"min": 1, "max": 11}
    )
    # proposal
    moderation = RadioField(
        _l("Moderation"),
        choices=[
            SelectChoice("pre", _l("Before they appear: approve each proposal")),
            SelectChoice("post", _l("After they appear: hide a proposal if needed")),
        ],
        default=PROPOSAL["moderation"],
    )
    max_per_participant = IntegerField(
        _l("Proposals per participant"),
        default=PROPOSAL["max_per_participant"],
        validators=[InputRequired(_l("Give a number."))],
        render_kw={"min": 1, "max": 10},
    )
    max_length = IntegerField(
        _l("Longest proposal (characters)"),
        default=PROPOSAL["max_length"],
        validators=[InputRequired(_l("Give a number."))],
        render_kw={"min": 20, "max": 1000},
    )

    @classmethod
    def for_prompt(cls, prompt) -> "PromptForm":
        """The form filled in from a stored prompt (its kind cannot change)."""
        settings = prompt.settings or {}
        data = {"kind": prompt.kind, "text": prompt.text, **settings}
        data["linked_prompt_id"] = prompt.linked_prompt_id
        data["countdown"] = prompt.countdown_seconds
        data["auto_close"] = bool(prompt.auto_close)
        data.update(translation_data(prompt))
        if prompt.kind == "priority":
            data["options"] = "\n".join(settings.get("options") or [])
            data["rank_mode"] = "all" if settings.get("rank_top") is None else "top"
        form = cls(data=data)
        form.kind.data = prompt.kind
        return form

    def settings(self) -> dict:
        """The settings of the chosen kind, as the prompt kind's validation expects them."""
        kind = self.kind.data
        if kind == "position":
            return {
                "points": self.points.data,
                "label_low": self.label_low.data or "",
                "label_high": self.label_high.data or "",
                "allow_no_opinion": bool(self.allow_no_opinion.data),
            }
        if kind == "priority":
            lines = (self.options.data or "").splitlines()
            return {
                "options": [line.strip() for line in lines if line.strip()],
                "rank_top": self.rank_top.data if self.rank_mode.data == "top" else None,
            }
        return {
            "moderation": self.moderation.data,
            "max_per_participant": self.max_per_participant.data,
            "max_length": self.max_length.data,
        }

    def validate(self, extra_validators=None) -> bool:
        """Check the common fields, the chosen kind's fields, then the kind's own rules."""
        super().validate(extra_validators)
        kind = self.kind.data if self.kind.data in KIND_FIELDS else None
        for other, names in KIND_FIELDS.items():
            if other != kind:
                for name in names:
                    self[name].errors = []
        if not self.countdown.errors:
            try:
                validate_pacing(self.countdown.data, bool(self.auto_close.data))
            except ValidationError as error:
                self.add_error(error.field, error.message)
        if kind == "priority" and self.rank_mode.data == "top" and self.rank_top.data is None:
            self.rank_top.errors.append(_l("Say how many options each participant ranks."))
        if kind and not any(self[name].errors for name in KIND_FIELDS[kind]):
            try:
                get_kind(kind).validate_settings(self.settings())
            except ValidationError as error:
                self.add_error(error.field, error.message)
        return not any(field.errors for field in self) and not self.form_errors

    def offer_links(self, prompts) -> None:
        """The earlier position prompts this prompt may repeat, as the link select's choices."""
        self.linked_prompt_id.choices = [
            SelectChoice("", _l("No — a statement of its own")),
            *(
                SelectChoice(p.id, f"{p.room.name} {p.position + 1}. {p.text[:90]}")
                for p in prompts
            ),
        ]

    def offer_rooms(self, rooms) -> None:
        """The event's other rooms this moderator runs, to put the same prompt to them too."""
        self.rooms.choices = [SelectChoice(room.id, room.name) for room in rooms]

    def add_error(self, field: str | None, message: str) -> None:
        """Show a service or domain error next to its field, or above the form."""
        field = translation_field(field)
        message = validation_text.translate(message)
        target = self._fields.get(field or "")
        if target is None or field == "csrf_token":
            self.form_errors.append(sentence(message))
        else:
            target.errors = [*target.errors, sentence(message)]


class MoveForm(FlaskForm):
    """Move a prompt one place up or down the agenda."""

    direction = StringField(validators=[AnyOf(["up", "down"], "Move up or down.")])


class ConfirmForm(FlaskForm):
    """A bare form for a POST that needs nothing but its CSRF token (delete)."""
