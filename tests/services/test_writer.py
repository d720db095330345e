"""Group commit: answers written together, each acknowledged only after its commit."""

import threading

import pytest
from sqlalchemy import create_engine, func, select, text

from facilitator.domain.anonymity import new_token
from facilitator.extensions import db
from facilitator.models import Response
from facilitator.services import ServiceError, control, participation
from facilitator.services.writer import WriteFailed, writer


@pytest.fixture
def grouped(app):
    """The app with group commit on, as a real server runs it."""
    app.config["GROUP_COMMIT"] = True
    return app


def _rows_seen_elsewhere(app) -> int:
    """Response rows as another connection sees them: only what is committed."""
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    with engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM response")).scalar()
    engine.dispose()
    return count


def _answer_in_thread(app, room, prompt, value, results):
    def run():
        with app.app_context():
            try:
                results.append(
                    participation.submit_response(room, new_token(), prompt.id, f"c{value:07d}", 3)
                )
            except Exception as error:  # collected for the assertion below
                results.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_answers_arriving_together_share_one_transaction_and_all_are_stored(grouped, make):
    room = make.room()
    prompt = make.prompt(room, "position", points=5, state="open")
    gate, entered = threading.Event(), threading.Event()

    def held():
        entered.set()
        gate.wait(10)  # the writer is busy: answers arriving now wait for the next batch
        return "held"

    holder = threading.Thread(target=lambda: grouped.app_context().push() or writer().run(held))
    holder.start()
    assert entered.wait(10)
    results: list = []
    threads = [_answer_in_thread(grouped, room, prompt, n, results) for n in range(20)]
    while writer()._queue.qsize() < 20:
        threading.Event().wait(0.01)
    gate.set()
    for thread in [holder, *threads]:
        thread.join(10)
    assert results == [3] * 20
    assert (writer().batches, writer().writes) == (2, 21)
    assert _rows_seen_elsewhere(grouped) == 20


def test_an_answer_is_acknowledged_only_after_its_commit(grouped, make):
    room = make.room()
    prompt = make.prompt(room, "position", points=5, state="open")
    seen_before_commit = []
    original = participation.upserts.write

    def spying(session, model, params):
        written = original(session, model, params)
        seen_before_commit.append(_rows_seen_elsewhere(grouped))
        return written

    participation.upserts.write = spying
    try:
        stored = participation.submit_response(room, new_token(), prompt.id, "c0000001", 4)
    finally:
        participation.upserts.write = original
    assert stored == 4
    assert seen_before_commit == [0]  # written but not yet committed while the ack waited
    assert _rows_seen_elsewhere(grouped) == 1


def test_a_failing_write_is_refused_alone_and_the_rest_of_its_batch_is_kept(grouped, make):
    room = make.room()
    prompt = make.prompt(room, "position", points=5, state="open")
    gate, entered = threading.Event(), threading.Event()

    def held():
        entered.set()
        gate.wait(10)

    def broken():
        db.session.execute(text("INSERT INTO no_such_table VALUES (1)"))

    outcome: list = []

    def run_broken():
        with grouped.app_context():
            try:
                writer().run(broken)
            except WriteFailed as error:
                outcome.append(error)

    holder = threading.Thread(target=lambda: grouped.app_context().push() or writer().run(held))
    holder.start()
    assert entered.wait(10)
    results: list = []
    threads = [_answer_in_thread(grouped, room, prompt, n, results) for n in range(5)]
    threads.append(threading.Thread(target=run_broken))
    threads[-1].start()
    while writer()._queue.qsize() < 6:
        threading.Event().wait(0.01)
    gate.set()
    for thread in [holder, *threads]:
        thread.join(10)
    assert results == [3] * 5
    assert len(outcome) == 1
    assert _rows_seen_elsewhere(grouped) == 5


def test_a_resend_with_another_value_is_acknowledged_with_what_was_stored(app, make):
    room = make.room()
    prompt = make.prompt(room, "position", points=5, state="open")
    token = new_token()
    assert participation.submit_response(room, token, prompt.id, "c0000001", 2) == 2
    db.session.commit()
    assert participation.submit_response(room, token, prompt.id, "c0000001", 5) == 2
    assert participation.submit_response(room, token, prompt.id, "c0000002", 5) == 5
    assert db.session.scalar(select(Response.value)) == 5


def test_the_write_itself_refuses_a_prompt_closed_since_its_facts_were_learned(app, make):
    room = make.room()
    prompt = make.prompt(room, "position", points=5, state="open")
    participation.submit_response(room, new_token(), prompt.id, "c0000001", 2)
    control.close_prompt(room, prompt.id)
    db.session.commit()
    with pytest.raises(ServiceError) as refused:
        participation.submit_response(room, new_token(), prompt.id, "c0000002", 3)
    assert refused.value.code == "prompt_not_open"
    assert db.session.scalar(select(func.count(Response.id))) == 1
