"""Admission: seat cards stored hashed, one phone per card, joins counted once, capacity alerts."""

import re

import pytest
from sqlalchemy import inspect, select

from facilitator.domain.anonymity import new_token
from facilitator.extensions import db
from facilitator.models import Admission, AuditEntry, SeatCard
from facilitator.services import ServiceError, admission

CARD = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")


@pytest.fixture
def event(make):
    """An event in seat-card mode with one room."""
    event = make.event()
    make.room(event)
    admission.configure(event, "seat_cards", None)
    db.session.commit()
    return event


def refusal(event, token, card=None) -> str:
    with pytest.raises(ServiceError) as caught:
        admission.admit(event.id, token, card)
    db.session.rollback()
    return caught.value.code


def test_card_codes_are_random_60_bit_groups_without_ambiguous_letters():
    codes = [admission.new_card_code() for _ in range(2000)]
    assert len(set(codes)) == len(codes)
    assert all(CARD.fullmatch(code) for code in codes)
    assert len(admission.ALPHABET) ** admission.CARD_LENGTH >= 2**60
    assert not set("ILOU") & set(admission.ALPHABET)
    # Every character position takes many values: nothing fixed or counted up.
    for position in range(14):
        if position not in (4, 9):
            assert len({code[position] for code in codes}) == 32


def test_typed_codes_are_forgiving_about_case_spaces_dashes_and_look_alikes():
    assert admission.normalise_card(" k7qm 3xwd-9pht ") == "K7QM3XWD9PHT"
    assert admission.normalise_card("O1IL-0000-0000") == "0111" + "0" * 8
    assert admission.normalise_card("K7QM-3XWD-9PH") is None  # too short
    assert admission.normalise_card("K7QM-3XWD-9PHU") is None  # U is not in the alphabet
    assert admission.normalise_card(1234) is None


def test_printed_cards_are_unique_and_stored_only_as_keyed_hashes(app, event):
    codes = admission.print_cards(event, 40)
    db.session.commit()
    assert len(set(codes)) == 40
    rows = db.session.scalars(select(SeatCard)).all()
    assert len(rows) == 40 and not any(row.used for row in rows)
    digests = {row.digest for row in rows}
    assert digests == {
        admission.card_digest(event.id, admission.normalise_card(code)) for code in codes
    }
    dump = " ".join(f"{row.event_id} {row.digest} {row.used}" for row in rows)
    for code in codes:
        assert code not in dump and code.replace("-", "") not in dump
    # The hash is keyed: without PARTICIPANT_SECRET a dump cannot test a guessed code.
    app.config["PARTICIPANT_SECRET"] = "another secret"
    assert admission.card_digest(event.id, admission.normalise_card(codes[0])) not in digests


def test_printing_more_cards_adds_to_the_set_and_is_audited(app, event, make):
    organiser = make.moderator("org", admin=True)
    admission.print_cards(event, 3, organiser)
    admission.print_cards(event, 2, organiser)
    db.session.commit()
    assert admission.figures(event)["printed"] == 5
    logged = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "seat_cards_printed")
    ).all()
    assert [entry.detail for entry in logged] == [{"count": 3}, {"count": 2}]
    assert {entry.moderator_name for entry in logged} == {"Org"}


@pytest.mark.parametrize("count", [0, -1, 101, "3", 2.0, None])
def test_a_bad_number_of_cards_is_refused(event, count):
    with pytest.raises(ServiceError) as caught:
        admission.print_cards(event, count)
    assert caught.value.code == "invalid_count"


def test_one_phone_per_card_and_a_spent_card_is_refused(event):
    [card] = admission.print_cards(event, 1)
    db.session.commit()
    first, second = new_token(), new_token()
    assert refusal(event, first) == "seat_required"
    admission.admit(event.id, first, card.lower())
    db.session.commit()
    assert refusal(event, second, card) == "seat_spent"
    assert refusal(event, second, "AAAA-BBBB-CCCC") == "seat_unknown"
    assert refusal(event, second, "not a card") == "invalid_seat"
    # The admitted phone comes back with its token alone, in any room of the event.
    admission.admit(event.id, first)
    admission.admit(event.id, first, "AAAA-BBBB-CCCC")
    db.session.commit()
    assert admission.figures(event) == {
        "mode": "seat_cards",
        "joined": 1,
        "printed": 1,
        "used": 1,
        "capacity": None,
        "over_capacity": False,
    }


def test_a_card_of_another_event_does_not_admit(event, make):
    other = make.event()
    admission.configure(other, "seat_cards", None)
    [card] = admission.print_cards(other, 1)
    db.session.commit()
    assert refusal(event, new_token(), card) == "seat_unknown"


def test_the_admission_table_holds_no_link_to_cards(app, event):
    cards = admission.print_cards(event, 3)
    db.session.commit()
    tokens = [new_token() for _ in cards]
    for token, card in zip(tokens, cards, strict=True):
        admission.admit(event.id, token, card)
    db.session.commit()
    columns = {column["name"] for column in inspect(db.engine).get_columns("admission")}
    assert columns == {"event_id", "participant_key"}
    [foreign_key] = inspect(db.engine).get_foreign_keys("admission")
    assert foreign_key["referred_table"] == "event"
    assert [fk["referred_table"] for fk in inspect(db.engine).get_foreign_keys("seat_card")] == [
        "event"
    ]
    assert {c["name"] for c in inspect(db.engine).get_columns("seat_card")} == {
        "event_id",
        "digest",
        "used",
    }
    keys = set(db.session.scalars(select(Admission.participant_key)))
    assert keys == {admission.admission_key(event.id, token) for token in tokens}
    digests = set(db.session.scalars(select(SeatCard.digest)))
    assert not keys & digests
    # The admission key is not any of the phone's answer keys either.
    assert admission.admission_key(event.id, tokens[0]) != admission.admission_key(
        event.id + 1, tokens[0]
    )


def test_open_mode_counts_each_phone_once_and_alerts_over_capacity(make):
    event = make.event()
    admission.configure(event, "open", 2)
    db.session.commit()
    phones = [new_token() for _ in range(3)]
    for token in phones[:2]:
        admission.admit(event.id, token)
        admission.admit(event.id, token)  # a reconnect is not a new join
    db.session.commit()
    assert admission.figures(event)["joined"] == 2
    assert not admission.figures(event)["over_capacity"]
    admission.admit(event.id, phones[2])
    db.session.commit()
    shown = admission.figures(event)
    assert (shown["joined"], shown["capacity"], shown["over_capacity"]) == (3, 2, True)


def test_turning_seat_cards_on_forgets_phones_that_joined_openly(make):
    event = make.event()
    token = new_token()
    admission.admit(event.id, token)
    db.session.commit()
    admission.configure(event, "seat_cards", None)
    db.session.commit()
    assert admission.figures(event)["joined"] == 0
    assert refusal(event, token) == "seat_required"


@pytest.mark.parametrize(
    ("mode", "capacity", "code"),
    [
        ("closed", None, "invalid_mode"),
        ("open", 0, "invalid_capacity"),
        ("open", "9", "invalid_capacity"),
    ],
)
def test_bad_settings_are_refused(make, mode, capacity, code):
    event = make.event()
    with pytest.raises(ServiceError) as caught:
        admission.configure(event, mode, capacity)
    assert caught.value.code == code
    db.session.rollback()
    assert event.admission_mode == "open"


def test_withdrawing_voids_unused_cards_only(event):
    cards = admission.print_cards(event, 3)
    db.session.commit()
    admission.admit(event.id, new_token(), cards[0])
    assert admission.withdraw_unused(event) == 2
    db.session.commit()
    assert refusal(event, new_token(), cards[1]) == "seat_unknown"
    assert admission.figures(event)["printed"] == 1
