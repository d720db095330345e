"""Admission to an event: open to any phone, or one phone per printed single-use seat card.

Every phone that joins is recorded once per event as a key derived from its token (so that a
reconnect is not a new join, and the capacity alert counts phones, not connections). In seat-card
mode a phone without that record must present an unused card; the card is then spent. Cards are
kept only as keyed hashes, and nothing links a card to the phone it admitted (README "Admission").
"""

import secrets

from flask import current_app
from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from facilitator.domain.anonymity import derive_key
from facilitator.extensions import db
from facilitator.models import Admission, Event, Moderator, SeatCard
from facilitator.models.event import SEAT_CARDS
from facilitator.services import ServiceError, audit, writer

# Crockford's base32: no I, L, O or U, so nothing reads as another character.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_READS_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
CARD_LENGTH = 12  # 12 characters of 5 bits: 60 random bits
GROUP = 4
MAX_CARDS_AT_ONCE = 100  # one PDF sheet; WeasyPrint lays 50 cards out in ~9 s here
MAX_CAPACITY = 100_000


def _secret() -> bytes:
    return current_app.config["PARTICIPANT_SECRET"].encode()


def new_card_code() -> str:
    """A fresh random seat card code, 60 bits, printed in groups: 'K7QM-3XWD-9PHT'."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CARD_LENGTH))
    return "-".join(raw[i : i + GROUP] for i in range(0, CARD_LENGTH, GROUP))


def normalise_card(text) -> str | None:
    """A typed card code in canonical form (no spaces or dashes, O→0, I/L→1), or None."""
    if not isinstance(text, str) or len(text) > 40:
        return None
    code = "".join(text.split()).replace("-", "").upper().translate(_READS_AS)
    if len(code) != CARD_LENGTH or any(char not in ALPHABET for char in code):
        return None
    return code


def card_digest(event_id: int, code: str) -> str:
    """The keyed hash a card is stored as: HMAC(PARTICIPANT_SECRET, code, event scope)."""
    return derive_key(_secret(), code, f"event:{event_id}:seat-card")


def admission_key(event_id: int, token: str) -> str:
    """A phone's per-event key for admission, unlinkable to its per-prompt answer keys."""
    return derive_key(_secret(), token, f"event:{event_id}:admission")


def admit(event_id: int, token: str, card=None) -> None:
    """Let a phone into the event, or raise seat_required, invalid_seat, seat_unknown, seat_spent.

    An admitted phone costs one indexed lookup. A new phone is recorded (open mode), or spends
    the unused seat card it presents (seat-card mode). An open event's new phone is recorded in the
    writer's next group commit; a seat card is spent and recorded in the caller's transaction
    (flushed; the caller commits), so that the two go together.
    """
    key = admission_key(event_id, token)
    known = db.session.scalar(
        select(Admission.participant_key).where(
            Admission.event_id == event_id, Admission.participant_key == key
        )
    )
    if known is not None:
        return
    mode = db.session.scalar(select(Event.admission_mode).where(Event.id == event_id))
    if mode == SEAT_CARDS:
        _spend_card(event_id, card)
        _record(event_id, key)
        return
    # Open: many phones arrive at once; their admissions share the answers' group commits. This
    # session's reads end first: an open reader would hold the writer's commit back.
    db.session.commit()
    writer.writer().run(lambda: _record(event_id, key))


def _spend_card(event_id: int, card) -> None:
    if card is None or card == "":
        raise ServiceError("seat_required", "This event admits phones with a seat card only.")
    code = normalise_card(card)
    if code is None:
        raise ServiceError("invalid_seat", "A seat card code has 12 letters and digits.", "seat")
    digest = card_digest(event_id, code)
    spent = db.session.execute(
        update(SeatCard)
        .where(SeatCard.event_id == event_id, SeatCard.digest == digest, SeatCard.used.is_(False))
        .values(used=True)
        .execution_options(synchronize_session=False)
    )
    if spent.rowcount == 1:
        return
    if db.session.get(SeatCard, (event_id, digest)) is None:
        raise ServiceError("seat_unknown", "No seat card of this event has this code.", "seat")
    raise ServiceError("seat_spent", "This seat card has been used already.", "seat")


def _record(event_id: int, key: str) -> None:
    """Insert the admission; two connections of one phone at once make one row."""
    dialect = db.session.get_bind().dialect.name
    insert = {"sqlite": sqlite_insert, "postgresql": postgresql_insert}[dialect]
    statement = insert(Admission).values(event_id=event_id, participant_key=key)
    db.session.execute(statement.on_conflict_do_nothing())


def new_codes(count: int) -> list[str]:
    """`count` fresh card codes (1 to MAX_CARDS_AT_ONCE), not stored yet: print, then store."""
    if type(count) is not int or not 1 <= count <= MAX_CARDS_AT_ONCE:
        raise ServiceError(
            "invalid_count", f"Print from 1 to {MAX_CARDS_AT_ONCE} cards at a time.", "count"
        )
    codes: set[str] = set()
    while len(codes) < count:
        codes.add(new_card_code())
    return list(codes)


def store_cards(event: Event, codes: list[str], moderator: Moderator | None = None) -> None:
    """Keep printed cards as keyed hashes (their codes are never stored), audited; flushes."""
    digests = [card_digest(event.id, normalise_card(code)) for code in codes]
    clash = db.session.scalar(
        select(func.count())
        .select_from(SeatCard)
        .where(SeatCard.event_id == event.id, SeatCard.digest.in_(digests))
    )
    if clash:  # 60 random bits: this does not happen, but it must not merge two cards
        raise ServiceError("card_clash", "A new card matched an old one; print again.")
    db.session.add_all(SeatCard(event_id=event.id, digest=digest) for digest in digests)
    audit.record(moderator, "seat_cards_printed", None, detail={"count": len(codes)}, event=event)
    db.session.flush()


def print_cards(event: Event, count: int, moderator: Moderator | None = None) -> list[str]:
    """Make and store `count` new seat cards for the event; their codes."""
    codes = new_codes(count)
    store_cards(event, codes, moderator)
    return codes


def withdraw_unused(event: Event, moderator: Moderator | None = None) -> int:
    """Void every card of the event no phone has used (a lost sheet); how many."""
    result = db.session.execute(
        delete(SeatCard).where(SeatCard.event_id == event.id, SeatCard.used.is_(False))
    )
    audit.record(
        moderator, "seat_cards_withdrawn", None, detail={"count": result.rowcount}, event=event
    )
    return result.rowcount


def configure(event: Event, mode: str, capacity, moderator: Moderator | None = None) -> None:
    """Set the event's admission mode and seat capacity (None: no capacity alert).

    Turning seat cards on forgets the phones that joined openly: each then needs a card.
    """
    if capacity is not None and (type(capacity) is not int or not 1 <= capacity <= MAX_CAPACITY):
        raise ServiceError(
            "invalid_capacity", f"Seats must be a number from 1 to {MAX_CAPACITY}.", "capacity"
        )
    try:
        previous = event.admission_mode
        event.set_admission_mode(mode)
    except ValueError:
        raise ServiceError("invalid_mode", "Choose open admission or seat cards.", "mode") from None
    if previous != SEAT_CARDS and mode == SEAT_CARDS:
        db.session.execute(delete(Admission).where(Admission.event_id == event.id))
    event.capacity = capacity
    audit.record(
        moderator,
        "admission_configured",
        None,
        detail={"mode": mode, "capacity": capacity},
        event=event,
    )
    db.session.flush()


def figures(event: Event) -> dict:
    """Mode, phones joined, cards printed and used, capacity, and whether joins exceed it."""
    joined = db.session.scalar(
        select(func.count()).select_from(Admission).where(Admission.event_id == event.id)
    )
    printed, used = db.session.execute(
        select(func.count(), func.count().filter(SeatCard.used.is_(True))).where(
            SeatCard.event_id == event.id
        )
    ).one()
    return {
        "mode": event.admission_mode,
        "joined": joined,
        "printed": printed,
        "used": used,
        "capacity": event.capacity,
        "over_capacity": event.capacity is not None and joined > event.capacity,
    }
