"""Sign-in logic without a server: the dummy hash, the three throttles, session lifetimes."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from facilitator.extensions import db
from facilitator.models import AuditEntry, ModeratorSession
from facilitator.services import ServiceError, accounts
from tests.conftest import PASSWORD

HERE, THERE = "192.0.2.10", "198.51.100.7"


@pytest.fixture
def checked(monkeypatch):
    """The stored hashes the sign-in checked a password against, in order."""
    seen: list[str] = []
    real = accounts.check_password_hash

    def spy(stored, password):
        seen.append(stored)
        return real(stored, password)

    monkeypatch.setattr(accounts, "check_password_hash", spy)
    return seen


def _refused(username, password, address=HERE) -> str:
    with pytest.raises(ServiceError) as error:
        accounts.sign_in(username, password, address)
    db.session.commit()
    return error.value.code


def test_an_unknown_name_is_checked_against_the_dummy_hash(make, checked):
    moderator = make.moderator("amina")
    assert _refused("nobody", PASSWORD) == "wrong_credentials"
    assert _refused("amina", "wrong password") == "wrong_credentials"
    assert checked == [accounts._dummy_hash(), moderator.password_hash]


def test_a_failed_sign_in_is_audited_without_the_password_or_the_address(make):
    make.moderator("amina")
    _refused("amina", "secret-guess-123")
    entries = db.session.scalars(select(AuditEntry)).all()
    assert [entry.action for entry in entries] == ["sign_in_failed"]
    text = repr([(e.moderator_name, e.detail, e.target_type) for e in entries])
    assert "secret-guess-123" not in text and HERE not in text


def test_name_and_address_throttle_before_the_name_does(app, make, checked):
    app.config.update(
        SIGN_IN_LIMIT_PER_NAME_AND_ADDRESS="2/minute",
        SIGN_IN_LIMIT_PER_NAME="5/minute",
        SIGN_IN_LIMIT_PER_ADDRESS="50/minute",
    )
    app.extensions.pop("sign_in_limits", None)
    moderator = make.moderator("amina")
    for _ in range(2):
        assert _refused("amina", "wrong password") == "wrong_credentials"
    hashed = len(checked)
    # From the attacker's address even the right password is refused, without hashing.
    assert _refused("amina", PASSWORD) == "throttled"
    assert len(checked) == hashed
    # The real moderator elsewhere still signs in.
    signed_in, token = accounts.sign_in("amina", PASSWORD, THERE)
    assert signed_in == moderator and token


def test_the_address_throttle_covers_every_name(app, make):
    app.config.update(SIGN_IN_LIMIT_PER_ADDRESS="3/minute")
    app.extensions.pop("sign_in_limits", None)
    make.moderator("amina")
    for index in range(3):
        assert _refused(f"guess-{index}", "wrong password") == "wrong_credentials"
    assert _refused("amina", PASSWORD) == "throttled"
    assert accounts.sign_in("amina", PASSWORD, THERE)[0].username == "amina"


def test_a_session_ends_when_idle_too_old_or_signed_out(app, make):
    moderator = make.moderator("amina")
    tokens = [accounts.start_session(moderator) for _ in range(3)]
    db.session.commit()
    assert all(accounts.session_moderator(moderator.id, token) == moderator for token in tokens)
    assert accounts.session_moderator(moderator.id + 1, tokens[0]) is None
    assert accounts.session_moderator(moderator.id, "forged") is None

    row = db.session.scalar(
        select(ModeratorSession).where(
            ModeratorSession.token_hash == accounts.token_hash(tokens[0])
        )
    )
    row.last_seen_at -= timedelta(minutes=app.config["MODERATOR_IDLE_MINUTES"] + 1)
    db.session.commit()
    assert accounts.session_moderator(moderator.id, tokens[0]) is None

    row = db.session.scalar(
        select(ModeratorSession).where(
            ModeratorSession.token_hash == accounts.token_hash(tokens[1])
        )
    )
    row.created_at -= timedelta(hours=app.config["MODERATOR_SESSION_HOURS"] + 1)
    db.session.commit()
    assert accounts.session_moderator(moderator.id, tokens[1]) is None

    accounts.end_all_sessions(moderator)
    db.session.commit()
    assert accounts.session_moderator(moderator.id, tokens[2]) is None
    assert db.session.scalars(select(ModeratorSession)).all() == []


def test_an_unknown_name_is_not_kept_as_typed_in_the_audit_log(make):
    from sqlalchemy import select

    from facilitator.extensions import db
    from facilitator.models import AuditEntry
    from facilitator.services import ServiceError, accounts

    with pytest.raises(ServiceError):
        accounts.sign_in("my-password-in-the-wrong-box", "x", "192.0.2.1")
    entry = db.session.scalars(select(AuditEntry)).one()
    assert entry.moderator_name == accounts.UNKNOWN_NAME
    assert "wrong-box" not in repr(entry.detail) + entry.moderator_name
