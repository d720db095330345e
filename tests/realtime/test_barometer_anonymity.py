"""The trust barometer over sockets: only the two prompts of a pair become linkable, and the
shift reaches phones and the projector only once its results are revealed."""

from sqlalchemy import select

from facilitator.extensions import db
from facilitator.models import Endorsement, Response
from facilitator.services import barometer
from tests.conftest import events, flush

TOKENS = ["B" * 20 + f"{i:02d}" + "q" * 21 for i in range(6)]


def _answer(phone, prompt, value, group, tag):
    ack = phone.emit(
        "response:submit",
        {
            "prompt_id": prompt.id,
            "client_id": f"{tag}-{prompt.id}-xxxxxx",
            "value": value,
            "constituency_id": group,
        },
        callback=True,
    )
    assert ack["ok"], ack


def _keys(prompt) -> set[str]:
    return set(db.session.scalars(select(Response.participant_key).filter_by(prompt_id=prompt.id)))


def _scenario(make, sockets):
    moderator = make.moderator()
    room = make.room(moderators=[moderator])
    group = room.event.constituencies[0].id
    opening = make.prompt(room, text="I trust the other side.", points=7)
    other = make.prompt(room, text="Something else.", points=7)
    ranking = make.prompt(room, kind="priority")
    proposals = make.prompt(room, kind="proposal", moderation="post")
    closing = make.prompt(room, text="I trust the other side.", points=7)
    barometer.link(closing, opening.id)
    db.session.commit()
    console = sockets.moderator(room)
    phones = [sockets.phone(room, token) for token in TOKENS]

    def run(prompt, answer):
        assert console.emit("prompt:open", {"prompt_id": prompt.id}, callback=True)["ok"]
        for index, phone in enumerate(phones):
            answer(index, phone, prompt)

    run(opening, lambda i, phone, p: _answer(phone, p, 2 + (i % 3), group, f"o{i}"))
    run(other, lambda i, phone, p: _answer(phone, p, 4, group, f"x{i}"))
    run(ranking, lambda i, phone, p: _answer(phone, p, [2, 0, 1], group, f"r{i}"))
    assert console.emit("prompt:open", {"prompt_id": proposals.id}, callback=True)["ok"]
    ack = phones[0].emit(
        "proposal:submit",
        {"prompt_id": proposals.id, "client_id": "proposal-0001", "text": "A hotline"},
        callback=True,
    )
    for index, phone in enumerate(phones):
        vote = {
            "proposal_id": ack["proposal"]["id"],
            "client_id": f"vote-{index:04d}",
            "vote": "agree",
            "constituency_id": group,
        }
        assert phone.emit("endorsement:submit", vote, callback=True)["ok"]
    run(closing, lambda i, phone, p: _answer(phone, p, 5, group, f"c{i}"))
    return room, console, phones, (opening, other, ranking, closing)


def test_only_the_pair_shares_participant_keys(app, make, sockets):
    _room, _console, _phones, (opening, other, ranking, closing) = _scenario(make, sockets)
    assert len(_keys(opening)) == len(TOKENS)
    assert _keys(opening) == _keys(closing)
    endorsements = set(db.session.scalars(select(Endorsement.participant_key)))
    for unrelated in (_keys(other), _keys(ranking), endorsements):
        assert len(unrelated) == len(TOKENS)
        assert not unrelated & _keys(opening)
    assert not _keys(other) & _keys(ranking)
    assert not (_keys(other) | _keys(ranking)) & endorsements


def test_a_phone_reconnecting_to_the_closing_prompt_finds_its_own_answer(app, make, sockets):
    room, _console, phones, (_opening, _other, _ranking, closing) = _scenario(make, sockets)
    phones[0].disconnect()
    again = sockets.phone(room, TOKENS[0])
    state = events(again, "state")[-1]
    assert state["mine"]["prompt_id"] == closing.id
    assert state["mine"]["value"] == 5


def test_the_shift_reaches_screens_only_once_revealed(app, make, sockets):
    room, console, phones, (opening, _other, _ranking, closing) = _scenario(make, sockets)
    screen = sockets.screen(room)
    flush(app)
    received = screen.get_received()
    seen = [i["args"][0]["prompt"] for i in received if i["name"] == "state"]
    seen += [i["args"][0] for i in received if i["name"] == "prompt"]
    assert seen and all("results" not in p for p in seen if p)
    assert seen[0]["id"] == closing.id
    sync = console.emit("moderator:sync", {}, callback=True)["state"]
    shift = next(p for p in sync["agenda"] if p["id"] == closing.id)["results"]["shift"]
    # answers 2, 3, 4, 2, 3, 4 then 5 for everyone: changes 3, 2, 1, 3, 2, 1
    assert shift["n_paired"] == len(TOKENS) and shift["mean_change"] == 2.0
    assert shift["share_up"] == 1.0
    assert console.emit("prompt:reveal", {"prompt_id": closing.id}, callback=True)["ok"]
    flush(app)
    for client in (screen, phones[1]):
        received = client.get_received()
        shown = [i["args"][0]["prompt"] for i in received if i["name"] == "state"]
        shown += [i["args"][0] for i in received if i["name"] == "prompt"]
        shown = [p for p in shown if p and p["id"] == closing.id and p["revealed"]]
        assert shown and shown[-1]["results"]["shift"]["mean_change"] == 2.0
        assert shown[-1]["results"]["shift"]["n_paired"] == len(TOKENS)
    assert opening.id == shift["pre_prompt_id"]
