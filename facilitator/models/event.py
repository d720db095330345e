"""Events, their constituencies and their rooms."""

from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitator.extensions import db

UNDISCLOSED = "Prefer not to say"

# How phones are let into an event (README "Admission"): any phone with a fresh token, or one
# phone per printed single-use seat card.
OPEN = "open"
SEAT_CARDS = "seat_cards"
ADMISSION_MODES = (OPEN, SEAT_CARDS)

room_moderators = db.Table(
    "room_moderators",
    db.Column("room_id", db.ForeignKey("room.id", ondelete="CASCADE"), primary_key=True),
    db.Column("moderator_id", db.ForeignKey("moderator.id", ondelete="CASCADE"), primary_key=True),
)


class Event(db.Model):
    """A workshop: constituencies and rooms."""

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(db.String(200))
    subtitle: Mapped[str] = mapped_column(db.String(300), default="")
    admission_mode: Mapped[str] = mapped_column(db.String(16), default=OPEN)
    # Seats in the hall: more phones joined than this raises an alert (None: no alert).
    capacity: Mapped[int | None] = mapped_column(default=None)
    constituencies: Mapped[list["Constituency"]] = relationship(
        back_populates="event", order_by="Constituency.position", cascade="all, delete-orphan"
    )
    rooms: Mapped[list["Room"]] = relationship(
        back_populates="event", order_by="Room.position", cascade="all, delete-orphan"
    )

    def add_constituencies(self, names, translations=None) -> None:
        """Declare the event's constituencies; 'Prefer not to say' is always added last.

        translations maps a name to its names in other languages ({"fr": ..., "ur": ...}).
        """
        translations = translations or {}
        for name in [*names, UNDISCLOSED]:
            self.constituencies.append(
                Constituency(
                    name=name,
                    position=len(self.constituencies),
                    is_undisclosed=name == UNDISCLOSED,
                    translations=dict(translations.get(name) or {}),
                )
            )

    def set_admission_mode(self, mode: str) -> None:
        """Switch between open admission and seat cards; ValueError on an unknown mode."""
        if mode not in ADMISSION_MODES:
            raise ValueError(f"admission mode must be one of {ADMISSION_MODES}, got {mode!r}")
        self.admission_mode = mode

    @property
    def undisclosed(self) -> "Constituency":
        """The 'Prefer not to say' group."""
        return next(c for c in self.constituencies if c.is_undisclosed)


class Constituency(db.Model):
    """A participant group declared at join, such as 'Pakistani government'."""

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(db.ForeignKey("event.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(db.String(60))
    position: Mapped[int] = mapped_column(default=0)
    is_undisclosed: Mapped[bool] = mapped_column(default=False)
    # The name in other languages: {"fr": ..., "ur": ...} (domain/translations.validate_names).
    translations: Mapped[dict] = mapped_column(db.JSON, default=dict)
    event: Mapped[Event] = relationship(back_populates="constituencies")

    def name_in(self, lang: str) -> str:
        """The group's name in a language; 'Prefer not to say' from the catalogues."""
        if self.is_undisclosed:
            from facilitator.i18n import translated

            return translated(UNDISCLOSED, lang)
        return (self.translations or {}).get(lang) or self.name


class Room(db.Model):
    """A plenary or breakout session with a join code and an ordered agenda of prompts."""

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(db.ForeignKey("event.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(db.String(80))
    kind: Mapped[str] = mapped_column(db.String(16), default="breakout")
    code: Mapped[str] = mapped_column(db.String(6), unique=True)
    position: Mapped[int] = mapped_column(default=0)
    # The language of the room's projector: "en", "fr" or "ur".
    language: Mapped[str] = mapped_column(db.String(8), default="en")
    # The name in other languages: {"fr": ..., "ur": ...} (domain/translations.validate_names).
    translations: Mapped[dict] = mapped_column(db.JSON, default=dict)
    # The prompt phones and the projector show: the last one opened or presented.
    current_prompt_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("prompt.id", ondelete="SET NULL", use_alter=True), default=None
    )
    # What the room's projector shows instead of the room itself: the roll-up of this prompt
    # family (services/screen.py), or None for the room's own screen.
    screen_rollup: Mapped[str | None] = mapped_column(db.String(32), default=None)
    event: Mapped[Event] = relationship(back_populates="rooms")
    moderators: Mapped[list["Moderator"]] = relationship(  # noqa: F821
        secondary=room_moderators
    )
    prompts: Mapped[list["Prompt"]] = relationship(  # noqa: F821
        back_populates="room",
        order_by="Prompt.position",
        cascade="all, delete-orphan",
        foreign_keys="Prompt.room_id",
    )

    def name_in(self, lang: str) -> str:
        """The room's name in a language, or its own name when not translated."""
        return (self.translations or {}).get(lang) or self.name

    @property
    def open_prompt(self):
        """The prompt participants are answering now, or None."""
        return next((p for p in self.prompts if p.state == "open"), None)

    @property
    def current_prompt(self):
        """The prompt on the phones and the projector, or None for the join screen."""
        return next((p for p in self.prompts if p.id == self.current_prompt_id), None)
