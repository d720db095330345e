"""CSV and JSON exports of an event: aggregates, anonymous response tables, one zip of all."""

import csv
import io
import json
import zipfile
from collections import Counter

import pytest
from sqlalchemy import select

from facilitator.extensions import db
from facilitator.models import Endorsement, Response
from facilitator.services import ServiceError, exports
from tests.services.answers import answer, endorse, propose

GROUPS = ("NATO official", "Pakistani government", "Media")


def read_csv(content: bytes) -> list[dict]:
    """The rows of an exported CSV file (UTF-8 with a byte-order mark for spreadsheets)."""
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.fixture
def workshop(make):
    """A room with a position, a priority and a proposal prompt answered by groups of mixed size."""
    event = make.event(GROUPS)
    nato, government, media, undisclosed = (c.id for c in event.constituencies)
    room = make.room(event, name="Breakout A")
    position = make.prompt(room, "position", "Trade will grow.", points=5)
    priority = make.prompt(
        room, "priority", "Rank the steps.", options=["Hotline", "Talks", "Visits"]
    )
    proposal = make.prompt(room, "proposal", "Your ideas", moderation="post")
    # Media (2) and undisclosed (3) are below k = 5; together they are 5, so both big groups show.
    answer(
        room,
        position,
        {
            nato: [5, 5, 4, 4, 5, 4],
            government: [1, 2, 2, 1, 1, 2, None],
            media: [3, 3],
            undisclosed: [4, 2, 3],
        },
    )
    answer(
        room,
        priority,
        {nato: [[0, 1, 2]] * 5, government: [[2, 1, 0]] * 6, media: [[1, 0, 2]]},
    )
    ids = propose(room, proposal, ['=HYPERLINK("http://x")', "Joint exercise"])
    endorse(
        room,
        ids[1],
        {nato: ["agree"] * 5, government: ["agree"] * 4 + ["pass"], media: ["disagree"]},
    )
    endorse(room, ids[0], {nato: ["disagree"] * 2})
    return {
        "event": event,
        "room": room,
        "prompts": (position, priority, proposal),
        "groups": (nato, government, media, undisclosed),
    }


def test_aggregates_show_only_groups_of_at_least_k_and_keep_the_remainder_at_k_or_more(workshop):
    data = exports.aggregates(workshop["event"])
    position, priority, proposal = data["prompts"]
    assert data["k"] == 5
    assert [g["group"] for g in position["groups"]] == ["NATO official", "Pakistani government"]
    assert position["overall"]["n"] == 18
    assert position["suppressed_n"] == 5
    # Priority: media (1) alone would be recoverable, so the smallest shown group goes too.
    assert [g["group"] for g in priority["groups"]] == ["Pakistani government"]
    assert priority["suppressed_n"] == 6
    assert priority["agreement"] == []
    best = proposal["proposals"][0]
    assert best["text"] == "Joint exercise"
    # 5 + 5 + 1 endorsers: the lone media vote takes one of the two tied groups with it.
    assert [g["group"] for g in best["groups"]] == ["NATO official"]
    assert best["suppressed_n"] == 6
    assert "author" not in json.dumps(data)


def test_position_csv_has_an_overall_row_and_one_per_shown_group(workshop):
    rows = read_csv(exports.export_file(workshop["event"], "positions.csv")[0])
    assert [(r["group"], r["n"]) for r in rows] == [
        (exports.ALL, "18"),
        ("NATO official", "6"),
        ("Pakistani government", "7"),
    ]
    nato = rows[1]
    assert nato["count_4"] == "3" and nato["count_5"] == "3"
    assert nato["share_agree"] == "1.0"
    assert rows[2]["no_opinion"] == "1"


def test_priority_csv_lists_each_option_by_rank(workshop):
    rows = read_csv(exports.export_file(workshop["event"], "priorities.csv")[0])
    government = [r for r in rows if r["group"] == "Pakistani government"]
    assert [(r["rank"], r["option"]) for r in government] == [
        ("1", "Visits"),
        ("2", "Talks"),
        ("3", "Hotline"),
    ]
    assert {r["group"] for r in rows} == {exports.ALL, "Pakistani government"}


def test_proposal_csv_ranks_by_bridging_and_neutralises_formulas(workshop):
    rows = read_csv(exports.export_file(workshop["event"], "proposals.csv")[0])
    overall = [r for r in rows if r["group"] == exports.ALL]
    assert [r["proposal"] for r in overall] == ["Joint exercise", '\'=HYPERLINK("http://x")']
    assert (overall[0]["agree"], overall[0]["disagree"], overall[0]["pass"]) == ("9", "1", "1")
    assert {r["group"] for r in rows if r["rank"] == "1"} == {exports.ALL, "NATO official"}


def test_response_tables_label_small_groups_as_merged_and_hold_no_keys(workshop):
    event = workshop["event"]
    content = b"".join(
        exports.export_file(event, name)[0]
        for name in ("responses.csv", "endorsements.csv", "responses.json", "aggregates.json")
    )
    text = content.decode("utf-8-sig")
    keys = db.session.scalars(select(Response.participant_key)).all()
    keys += db.session.scalars(select(Endorsement.participant_key)).all()
    client_ids = db.session.scalars(select(Response.client_id)).all()
    assert keys and not any(key in text for key in keys)
    assert not any(f",{client_id}," in text for client_id in client_ids)
    rows = read_csv(exports.export_file(event, "responses.csv")[0])
    assert set(rows[0]) == {
        "room",
        "prompt_number",
        "prompt",
        "kind",
        "constituency",
        "answer",
        "answer_text",
    }
    by_prompt = Counter((r["prompt"], r["constituency"]) for r in rows)
    assert by_prompt == {
        ("Trade will grow.", "NATO official"): 6,
        ("Trade will grow.", "Pakistani government"): 7,
        ("Trade will grow.", exports.MERGED): 5,
        ("Rank the steps.", "Pakistani government"): 6,
        ("Rank the steps.", exports.MERGED): 6,
    }
    ranked = next(
        r for r in rows if r["prompt"] == "Rank the steps." and r["answer"] == "3 > 2 > 1"
    )
    assert ranked["answer_text"] == "Visits > Talks > Hotline"


def test_two_exports_hold_the_same_rows_in_different_orders(workshop):
    event = workshop["event"]
    first = exports.response_rows(event)
    orders = {tuple(map(repr, exports.response_rows(event))) for _ in range(3)}
    # 30 rows: the chance of three equal shuffles is about 1 in 10^64.
    assert len(orders) > 1
    for order in orders:
        assert Counter(order) == Counter(map(repr, first))


def test_an_unknown_export_is_refused_by_name(workshop):
    with pytest.raises(ServiceError) as refused:
        exports.export_file(workshop["event"], "secrets.csv")
    assert refused.value.code == "unknown_export"


def test_the_zip_holds_every_export_file(workshop):
    archive = zipfile.ZipFile(io.BytesIO(exports.export_zip(workshop["event"])))
    assert sorted(archive.namelist()) == sorted(exports.FILES)
    data = json.loads(archive.read("aggregates.json"))
    assert data["format"] == "facilitator-aggregates/1"
    responses = json.loads(archive.read("responses.json"))
    assert len(responses["responses"]) == 30
    assert len(responses["endorsements"]) == 13
    assert all(
        set(row) == {"room", "prompt_number", "prompt", "kind", "proposal", "constituency", "vote"}
        for row in responses["endorsements"]
    )
