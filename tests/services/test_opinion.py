"""Opinion groups of a proposal prompt through the services: the payload, the cache, the release."""

import csv
import io

import pytest

from facilitator.domain.anonymity import new_token
from facilitator.domain.lenses import BRIDGES_CONSTITUENCIES
from facilitator.extensions import db
from facilitator.services import changes, control, exports, moderation, participation, payloads
from facilitator.services import opinion as opinion_service
from facilitator.services.lenses import lens_sentence
from facilitator.services.report import build_report
from facilitator.services.wording import wording
from tests.services.answers import propose

BRIDGES = 2  # the first two proposals: everyone agrees
N_PROPOSALS = 10


class Votes:
    """Phones voting on a proposal prompt: one token per phone, so one participant key each."""

    def __init__(self, room, proposal_ids, constituencies):
        self.room = room
        self.ids = proposal_ids
        self.constituencies = constituencies
        self.client = 0

    def phone(self, camp: int, index: int) -> None:
        """A member of a camp votes on every proposal: bridges agreed, its camp's line."""
        token = new_token()
        group = self.constituencies[index % len(self.constituencies)]  # camps cut across groups
        for position, proposal_id in enumerate(self.ids):
            if position < BRIDGES:
                vote = "agree"
            else:
                vote = "agree" if position % 2 == camp else "disagree"
            self.client += 1
            participation.submit_endorsement(
                self.room, token, proposal_id, f"v{self.client}", vote, group
            )
        db.session.commit()


@pytest.fixture
def voting(make):
    event = make.event(("NATO official", "Pakistani government"))
    room = make.room(event)
    prompt = make.prompt(room, kind="proposal", text="Trust-building steps")
    ids = propose(room, prompt, [f"Step number {i}" for i in range(N_PROPOSALS)])
    room.current_prompt_id = prompt.id
    db.session.commit()
    votes = Votes(room, ids, [c.id for c in event.constituencies])
    return room, prompt, votes


def camps(votes: Votes, size: int) -> None:
    for i in range(size):
        votes.phone(0, i)
        votes.phone(1, i)


@pytest.fixture
def computations(monkeypatch):
    """Counts the computations of opinion groups."""
    calls = []
    real = opinion_service.compute

    def counting(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(opinion_service, "compute", counting)
    return calls


def test_moderators_get_the_opinion_groups_in_the_results(voting):
    _room, prompt, votes = voting
    camps(votes, 8)
    groups = payloads.results(prompt)["opinion_groups"]
    assert groups["k"] == 2 and groups["n_clustered"] == 16
    assert sorted(g["n"] for g in groups["groups"]) == [8, 8]
    assert {c["proposal_id"] for c in groups["consensus"][:2]} == set(votes.ids[:BRIDGES])
    moderator = payloads.prompt_views(prompt)[payloads.MODERATOR]
    assert moderator["results"]["opinion_groups"] == groups


def test_screens_get_opinion_groups_only_after_reveal(voting):
    """Revealed while open: the first released snapshot carries them."""
    room, prompt, votes = voting
    camps(votes, 8)
    screen = payloads.prompt_views(prompt)[payloads.SCREEN]
    assert "results" not in screen
    control.reveal_results(room, prompt.id)
    db.session.commit()
    screen = payloads.prompt_views(prompt)[payloads.SCREEN]
    assert screen["results"]["opinion_groups"]["k"] == 2


def test_results_read_again_without_new_votes_are_not_recomputed(app, voting, computations):
    _room, prompt, votes = voting
    camps(votes, 6)
    app.config["BROADCAST_INTERVAL"] = 0  # the interval never holds a recomputation back here
    first = payloads.results(prompt)["opinion_groups"]
    assert payloads.results(prompt)["opinion_groups"] == first
    assert len(computations) == 1


def test_a_new_vote_is_taken_in_once_the_interval_has_passed(app, voting, computations):
    _room, prompt, votes = voting
    camps(votes, 6)
    app.config["BROADCAST_INTERVAL"] = 0
    assert payloads.results(prompt)["opinion_groups"]["n_clustered"] == 12
    votes.phone(0, 99)
    assert payloads.results(prompt)["opinion_groups"]["n_clustered"] == 13
    assert len(computations) == 2


def test_within_the_interval_the_last_groups_stand_and_the_prompt_is_marked_stale(
    app, voting, computations
):
    room, prompt, votes = voting
    camps(votes, 6)
    app.config["BROADCAST_INTERVAL"] = 3600
    assert payloads.results(prompt)["opinion_groups"]["n_clustered"] == 12
    noticed = []
    changes.subscribe(app, noticed.append)
    votes.phone(0, 99)
    noticed.clear()
    assert payloads.results(prompt)["opinion_groups"]["n_clustered"] == 12
    assert len(computations) == 1
    assert changes.Change(changes.RESULTS, room.id, prompt.id) in noticed


def test_hidden_proposals_leave_the_matrix(voting):
    room, prompt, votes = voting
    camps(votes, 6)
    moderation.moderate_proposal(room, votes.ids[-1], "hide")
    db.session.commit()
    matrix, ids = opinion_service.participant_votes(prompt.id)
    assert votes.ids[-1] not in ids
    assert all(votes.ids[-1] not in cast for cast in matrix.values())
    groups = payloads.results(prompt)["opinion_groups"]
    listed = {c["proposal_id"] for c in groups["consensus"]}
    assert votes.ids[-1] not in listed


def test_screens_keep_the_groups_until_k_participants_moved(app, voting):
    room, prompt, votes = voting
    camps(votes, 6)
    app.config["BROADCAST_INTERVAL"] = 0
    assert prompt.is_open
    control.reveal_results(room, prompt.id)
    db.session.commit()
    first = payloads.prompt_views(prompt)[payloads.SCREEN]["results"]["opinion_groups"]
    assert first["n_clustered"] == 12
    k = app.config["ANONYMITY_K"]
    # One phone votes on every proposal: k rows or more, but one person.
    votes.phone(0, 100)
    screen = payloads.prompt_views(prompt)[payloads.SCREEN]["results"]
    assert screen["as_of"] > 12 * N_PROPOSALS  # the proposal counts moved on
    assert screen["opinion_groups"] == first  # the map did not
    assert payloads.results(prompt)["opinion_groups"]["n_clustered"] == 13  # moderators: live
    for i in range(k - 1):
        votes.phone(i % 2, 200 + i)
    screen = payloads.prompt_views(prompt)[payloads.SCREEN]["results"]
    assert screen["opinion_groups"]["n_clustered"] == 12 + k


def test_the_exports_carry_the_opinion_groups_and_no_participant(voting):
    room, prompt, votes = voting
    camps(votes, 6)
    data = exports.aggregates(room.event)
    (item,) = [p for p in data["prompts"] if p["kind"] == "proposal"]
    found = item["opinion_groups"]
    assert found["k"] == 2 and sorted(g["n"] for g in found["groups"]) == [6, 6]
    assert found["consensus"][0]["proposal"].startswith("Step number")
    rows = list(csv.DictReader(io.StringIO(exports.opinion_groups_csv(data).decode("utf-8-sig"))))
    sizes = [r for r in rows if r["n"]]
    assert sorted(r["n"] for r in sizes) == ["6", "6"]
    consensus = [r for r in rows if r["opinion_group"] == exports.ALL_OPINION_GROUPS]
    assert len(consensus) == N_PROPOSALS
    keys = opinion_service.participant_votes(prompt.id)[0]
    dumped = exports.export_file(room.event, "aggregates.json")[0].decode()
    assert not any(key in dumped for key in keys)


def test_moderators_see_the_nearest_proposals_of_a_new_one_and_screens_do_not(voting):
    room, prompt, votes = voting
    new = participation.submit_proposal(room, new_token(), prompt.id, "dup", "step number 3").id
    db.session.commit()
    views_by_role = payloads.prompt_views(prompt)
    queue = {p["id"]: p for p in views_by_role[payloads.MODERATOR]["proposals"]}
    assert queue[new]["status"] == "pending"
    assert queue[new]["similar"][0]["id"] == votes.ids[3]
    assert queue[new]["similar"][0]["score"] >= 0.5
    assert all("similar" not in p for p in views_by_role[payloads.SCREEN]["proposals"])


def test_the_report_says_where_the_two_lenses_disagree(voting):
    """Twelve reformers and six sceptics, spread over both constituencies: every constituency
    supports the reformers' proposals (2 in 3 agree), but the opinion groups split on them."""
    room, _prompt, votes = voting
    for i in range(12):
        votes.phone(0, i)
    for i in range(6):
        votes.phone(1, i)
    report = build_report(room.event)
    bridged = {f["proposal_id"] for f in report["lenses"]}
    reformers = {pid for position, pid in enumerate(votes.ids) if position >= BRIDGES}
    reformers = {pid for pid in reformers if votes.ids.index(pid) % 2 == 0}
    assert bridged and bridged <= reformers
    (first, *_rest) = report["lenses"]
    assert first["sentence"].startswith("The proposal “Step number")
    assert "bridges the constituencies but splits the opinion groups" in first["sentence"]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "bridges the constituencies"),
        ("fr", "rassemble les groupes déclarés"),
        ("ur", "اعلان کردہ گروپوں کو قریب لاتی ہے"),
    ],
)
def test_the_two_lenses_sentence_is_in_the_reports_language(app, lang, words):
    finding = {"kind": BRIDGES_CONSTITUENCIES, "proposal_id": 1, "proposal_text": "Hotline"}
    # The page asks for the report in another language than the request's own (?lang= on
    # /report, or --lang on the command line, outside any request).
    with app.test_request_context("/?lang=en"):
        sentence = lens_sentence(finding, wording(lang))
    assert words in sentence and "“Hotline”" in sentence
    assert lens_sentence(finding, wording(lang)) == sentence  # the same outside a request
