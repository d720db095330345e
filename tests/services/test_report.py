"""The organisers' report as data: what it lists, what it leaves out, and the closing vote."""

import csv
import io
import json
from itertools import count

from facilitator.domain.anonymity import new_token
from facilitator.extensions import db
from facilitator.models import ProposalStatus
from facilitator.services import control, participation
from facilitator.services.report import build_report

_ids = count(1)


def _answer(room, prompt, values_by_group):
    """Each value answered by a fresh phone of its group; the prompt is opened if needed."""
    if not prompt.is_open:
        control.open_prompt(room, prompt.id)
    for group, values in values_by_group.items():
        for value in values:
            participation.submit_response(
                room, new_token(), prompt.id, f"r{next(_ids)}", value, constituency_id=group
            )
    db.session.commit()


def _propose(room, prompt, text, status=ProposalStatus.APPROVED):
    if not prompt.is_open:
        control.open_prompt(room, prompt.id)
    proposal = participation.submit_proposal(room, new_token(), prompt.id, f"p{next(_ids)}", text)
    proposal.status = status
    db.session.commit()
    return proposal


def _endorse(room, proposal, votes_by_group):
    for group, votes in votes_by_group.items():
        for vote in votes:
            participation.submit_endorsement(
                room, new_token(), proposal.id, f"e{next(_ids)}", vote, constituency_id=group
            )
    db.session.commit()


def _workshop(make):
    event = make.event(("NATO official", "Pakistani government"))
    nato, pak, undisclosed = (c.id for c in event.constituencies)
    plenary = make.room(event, name="Plenary")
    plenary.kind = "plenary"
    breakout = make.room(event, name="Breakout A")
    db.session.commit()
    return event, plenary, breakout, (nato, pak, undisclosed)


def test_the_report_lists_answered_prompts_with_groups_findings_and_proposals(app, make):
    event, _, breakout, (nato, pak, undisclosed) = _workshop(make)
    shared = make.prompt(breakout, text="Dialogue builds trust")
    _answer(breakout, shared, {nato: [5, 4, 5, 4, 5], pak: [4, 5, 4, 4, 5], undisclosed: [3, 4]})
    make.prompt(breakout, text="Never opened")  # a draft: left out
    empty = make.prompt(breakout, text="Opened, unanswered")
    control.open_prompt(breakout, empty.id)
    ideas = make.prompt(breakout, kind="proposal", text="Trust-building steps")
    hotline = _propose(breakout, ideas, "A crisis hotline")
    _propose(breakout, ideas, "Still waiting for moderation", ProposalStatus.PENDING)
    hidden = _propose(breakout, ideas, "Hidden by a moderator")
    duplicate = _propose(breakout, ideas, "A hotline for crises")
    _endorse(breakout, hotline, {nato: ["agree"] * 5, pak: ["agree"] * 4 + ["pass"]})
    _endorse(breakout, hidden, {nato: ["agree"] * 6, pak: ["agree"] * 6})
    _endorse(breakout, duplicate, {nato: ["agree"] * 6, pak: ["agree"] * 6})
    hidden.status = ProposalStatus.HIDDEN
    duplicate.status = ProposalStatus.MERGED
    duplicate.merged_into_id = hotline.id
    db.session.commit()

    report = build_report(event)

    json.dumps(report)  # plain data throughout
    assert report["event"]["title"] == event.title
    assert report["event"]["constituencies"] == [
        "NATO official",
        "Pakistani government",
        "Prefer not to say",
    ]
    assert report["event"]["rooms"] == 2
    assert report["event"]["prompts_answered"] == 2
    assert report["method"]["k"] == 5
    assert report["method"]["thresholds"]["agree_share"] == 0.6
    assert "position_divergence" in report["method"]["definitions"]
    rooms = {room["name"]: room for room in report["rooms"]}
    assert rooms["Plenary"]["prompts"] == []
    position, proposals = rooms["Breakout A"]["prompts"]
    assert position["text"] == "Dialogue builds trust"
    assert position["n"] == 12
    # "Prefer not to say" has 2 answers: it is held back, and so is the next smallest group so
    # that it cannot be worked out by subtraction. Only one group remains shown.
    assert [g["name"] for g in position["groups"]] == ["NATO official"]
    assert "7 answers" in position["suppressed_note"]
    assert position["common_ground"] == []  # one shown group is no common ground
    assert [p["text"] for p in proposals["proposals"]] == ["A crisis hotline"]
    hotline_entry = proposals["proposals"][0]
    assert hotline_entry["merged_from"] == 1
    assert hotline_entry["votes"] == 10
    assert {g["name"]: g["support"] for g in hotline_entry["groups"]} == {
        "NATO official": 1.0,
        "Pakistani government": 0.8,
    }
    [common] = proposals["common_ground"]
    assert common["basis"] == "proposal"
    assert common["room"] == "Breakout A"
    assert common["prompt_text"] == "Trust-building steps"
    assert report["common_ground"] == [common]
    assert report["bridging_proposals"][0]["text"] == "A crisis hotline"
    assert report["recommendations"] == []
    assert report["recommendations_from"] is None
    assert "No closing priority vote" in report["recommendations_note"]


def test_the_closing_vote_is_the_last_closed_priority_of_the_plenary(app, make):
    event, plenary, breakout, (nato, pak, _) = _workshop(make)
    options = ["Hotline", "Exchanges", "Joint study"]
    earlier = make.prompt(plenary, kind="priority", text="Earlier vote", options=options)
    _answer(plenary, earlier, {nato: [[0, 1, 2]] * 5})
    control.close_prompt(plenary, earlier.id)
    closing = make.prompt(plenary, kind="priority", text="Which steps first?", options=options)
    _answer(plenary, closing, {nato: [[2, 0, 1]] * 3, pak: [[2, 1, 0]] * 2})
    control.close_prompt(plenary, closing.id)
    still_open = make.prompt(plenary, kind="priority", text="Still open", options=options)
    _answer(plenary, still_open, {nato: [[1, 0, 2]] * 5})
    breakout_vote = make.prompt(breakout, kind="priority", text="Breakout vote", options=options)
    _answer(breakout, breakout_vote, {nato: [[1, 2, 0]] * 5})
    control.close_prompt(breakout, breakout_vote.id)
    db.session.commit()

    report = build_report(event)

    assert report["recommendations_from"]["prompt_id"] == closing.id
    assert report["recommendations_from"]["n"] == 5
    ranked = report["recommendations"]
    assert [r["text"] for r in ranked] == ["Joint study", "Hotline", "Exchanges"]
    assert [r["borda"] for r in ranked] == [10, 3, 2]
    assert ranked[0]["score"] == 1.0
    assert ranked[0]["share_first"] == 1.0


def test_the_barometer_shows_the_shift_of_each_started_pair_with_group_names(app, make):
    from facilitator.services import barometer

    event, plenary, _, (nato, pak, _) = _workshop(make)
    opening = make.prompt(plenary, text="I trust the other side's intentions")
    closing = make.prompt(plenary, text="I trust the other side's intentions")
    barometer.link(closing, opening.id)
    asked_once = make.prompt(plenary, text="Asked once")
    barometer.link(make.prompt(plenary, text="Asked again, never opened"), asked_once.id)
    db.session.commit()
    phones = [(nato, new_token()) for _ in range(5)] + [(pak, new_token()) for _ in range(5)]
    for prompt, values in ((opening, (2, 3)), (closing, (4, 3))):
        control.open_prompt(plenary, prompt.id)
        for group, token in phones:
            value = values[0] if group == nato else values[1]
            participation.submit_response(
                plenary, token, prompt.id, f"b{next(_ids)}", value, constituency_id=group
            )
        control.close_prompt(plenary, prompt.id)
        db.session.commit()

    [pair] = build_report(event)["barometer"]

    assert pair["pre"]["id"] == opening.id
    assert pair["post"]["id"] == closing.id
    shift = pair["shift"]
    assert shift["n_paired"] == 10
    assert shift["mean_change"] == 1.0
    assert {g["name"]: g["mean_change"] for g in shift["breakdown"]["groups"]} == {
        "NATO official": 2.0,
        "Pakistani government": 0.0,
    }


def test_a_tie_in_the_closing_vote_names_no_winner(app, make):
    event, plenary, _, (nato, pak, _) = _workshop(make)
    options = ["Hotline", "Exchanges", "Joint study"]
    closing = make.prompt(plenary, kind="priority", text="Which steps first?", options=options)
    # Hotline and Exchanges each first on half the ballots: the same Borda total.
    _answer(plenary, closing, {nato: [[0, 1, 2]] * 3, pak: [[1, 0, 2]] * 3})
    control.close_prompt(plenary, closing.id)
    db.session.commit()

    ranked = build_report(event)["recommendations"]
    assert [(r["rank"], r["borda"]) for r in ranked] == [(1, 9), (1, 9), (3, 0)]
    from facilitator.services.report_files import report_html

    with app.test_request_context():
        page = report_html(event)
    assert "The closing vote put first" not in page
    assert "these tied for first place" in page


def test_merged_from_is_the_same_figure_in_report_console_and_csv(app, make):
    from facilitator.services import exports, moderation, payloads

    event, _, breakout, (nato, pak, _) = _workshop(make)
    prompt = make.prompt(breakout, kind="proposal", text="Steps?", moderation="post")
    first, second, third = (_propose(breakout, prompt, t) for t in ("A", "A again", "A, once more"))
    _endorse(breakout, third, {nato: ["agree"] * 5, pak: ["agree"] * 5})
    # "A" into "A again", then "A again" into "A, once more": two proposals merged into it.
    moderation.merge(breakout, second.id, [first.id])
    moderation.merge(breakout, third.id, [second.id])
    db.session.commit()

    [reported] = build_report(event)["rooms"][1]["prompts"][0]["proposals"]
    [console] = [
        p for p in payloads.proposal_list(prompt, payloads.MODERATOR) if p["id"] == third.id
    ]
    text = exports.proposals_csv(exports.aggregates(event)).decode("utf-8-sig")
    csv_merged = {row["merged_from"] for row in csv.DictReader(io.StringIO(text))}
    assert reported["merged_from"] == console["merged_from"] == 2
    assert csv_merged == {"2"}
