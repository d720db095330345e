"""No constituency below k can be recovered from the exports or the report, directly or by
subtraction between tables: every group shown has at least k people, every table shows the same
groups with the same n, and all people minus the groups shown is 0 or at least k."""

import csv
import html
import io
import json
import re
from collections import Counter

from flask import current_app
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.domain.anonymity import new_token
from facilitator.extensions import db
from facilitator.models import Event, ProposalStatus, Room
from facilitator.services import barometer, control, exports, participation
from facilitator.services.agenda import new_code
from facilitator.services.report_files import report_html

NAMED = ("NATO official", "Pakistani government", "Media")
ALL_GROUPS = (*NAMED, "Prefer not to say")
sizes = st.lists(st.integers(0, 9), min_size=4, max_size=4)


def _shown_or_total(shown: dict[str, int], total: int, k: int) -> None:
    """The one rule: shown groups have >= k people and the rest is 0, >= k, or everybody."""
    assert all(n >= k for n in shown.values()), shown
    remainder = total - sum(shown.values())
    assert remainder >= 0
    assert remainder == 0 or remainder >= k or not shown, (shown, total, k)


def _build(draw, k: int):
    """An event whose group sizes hypothesis chooses: a pre/post pair, a ranking, proposals."""
    current_app.config["ANONYMITY_K"] = k
    event = Event(title="Suppression")
    event.add_constituencies(NAMED)
    db.session.add(event)
    room = Room(name="Plenary", kind="plenary", code=new_code())
    event.rooms.append(room)
    db.session.commit()
    ids = {c.name: c.id for c in event.constituencies}

    from tests.conftest import Builder

    make = Builder()
    pre = make.prompt(room, "position", "Before", points=5)
    ranking = make.prompt(room, "priority", "Rank", options=["A", "B", "C"])
    ideas = make.prompt(room, "proposal", "Ideas", moderation="post")
    post = make.prompt(room, "position", "After", points=5)
    barometer.link(post, pre.id)
    db.session.commit()

    people = {
        group: [new_token() for _ in range(n)]
        for group, n in zip(ALL_GROUPS, draw(sizes), strict=True)
    }
    stayed = {group: draw(st.integers(0, len(tokens))) for group, tokens in people.items()}
    value = st.one_of(st.none(), st.integers(1, 5))

    def answer(prompt, group, token, answer_value):
        participation.submit_response(
            room, token, prompt.id, new_token(), answer_value, constituency_id=ids[group]
        )

    control.open_prompt(room, pre.id)
    for group, tokens in people.items():
        for token in tokens:
            answer(pre, group, token, draw(value))
    control.open_prompt(room, ranking.id)
    for group, tokens in people.items():
        for token in tokens[: len(tokens) - 1]:
            answer(ranking, group, token, draw(st.permutations([0, 1, 2])))
    control.open_prompt(room, ideas.id)
    proposal_ids = []
    for text in ("First idea", "Second idea"):
        proposal = participation.submit_proposal(room, new_token(), ideas.id, new_token(), text)
        proposal.status = ProposalStatus.APPROVED
        proposal_ids.append(proposal.id)
    db.session.flush()
    for proposal_id in proposal_ids:
        for group, tokens in people.items():
            for token in tokens[: draw(st.integers(0, len(tokens)))]:
                participation.submit_endorsement(
                    room,
                    token,
                    proposal_id,
                    new_token(),
                    draw(st.sampled_from(["agree", "disagree", "pass"])),
                    constituency_id=ids[group],
                )
    control.open_prompt(room, post.id)
    for group, tokens in people.items():
        for token in tokens[: stayed[group]]:
            answer(post, group, token, draw(st.integers(1, 5)))
    control.close_prompt(room, post.id)
    db.session.commit()
    return event


def _rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def _check_exports(event, k: int) -> tuple[dict, set]:
    """Every export table obeys the rule, and all tables agree on the groups shown per prompt.

    Returns the groups shown (with n) per prompt or proposal text, and the prompts answered.
    """
    data = json.loads(exports.export_file(event, "aggregates.json")[0])
    answered = {
        item["prompt"]
        for item in data["prompts"]
        if item.get("proposals") or item.get("overall", {}).get("n")
    }
    shown_by_prompt = {}
    for item in data["prompts"]:
        if item["kind"] == "proposal":
            for proposal in item["proposals"]:
                shown = {
                    g["group"]: g["agree"] + g["disagree"] + g["pass"] for g in proposal["groups"]
                }
                _shown_or_total(shown, proposal["votes"], k)
                assert proposal["votes"] - sum(shown.values()) == proposal["suppressed_n"]
                shown_by_prompt[proposal["text"]] = shown
            continue
        shown = {g["group"]: g["n"] for g in item["groups"]}
        _shown_or_total(shown, item["overall"]["n"], k)
        shown_by_prompt[item["prompt"]] = shown

    positions = _rows(exports.export_file(event, "positions.csv")[0])
    priorities = _rows(exports.export_file(event, "priorities.csv")[0])
    for table in (positions, priorities):
        for prompt in {row["prompt"] for row in table}:
            rows = [r for r in table if r["prompt"] == prompt]
            total = int(next(r["n"] for r in rows if r["group"] == exports.ALL))
            shown = {r["group"]: int(r["n"]) for r in rows if r["group"] != exports.ALL}
            assert shown == shown_by_prompt[prompt]
            _shown_or_total(shown, total, k)

    proposals = _rows(exports.export_file(event, "proposals.csv")[0])
    for text in {row["proposal"] for row in proposals}:
        rows = [r for r in proposals if r["proposal"] == text]
        shown = {
            r["group"]: int(r["agree"]) + int(r["disagree"]) + int(r["pass"])
            for r in rows
            if r["group"] != exports.ALL
        }
        assert shown == shown_by_prompt[text]

    responses = _rows(exports.export_file(event, "responses.csv")[0])
    endorsements = _rows(exports.export_file(event, "endorsements.csv")[0])
    for table, key in ((responses, "prompt"), (endorsements, "proposal")):
        for name in {row[key] for row in table}:
            labels = Counter(r["constituency"] for r in table if r[key] == name)
            merged = labels.pop(exports.MERGED, 0)
            # The answer tables name exactly the groups the aggregates show, with the same n.
            assert dict(labels) == shown_by_prompt[name]
            _shown_or_total(dict(labels), sum(labels.values()) + merged, k)
    return shown_by_prompt, answered


ROW = re.compile(r'<th scope="row">([^<]*)</th>\s*<td class="r-num">(\d+)</td>')
GROUP_VOTES = re.compile(r"([^:·>\n]+?): \S+ ?% agree \(n = (\d+)\)")
VOTES = re.compile(r"(\d+) votes?</span>")


def _check_report(event, k: int, shown_by_prompt: dict, answered: set) -> None:
    """The HTML report shows the same groups with the same n, and names no other group."""
    page = report_html(event)
    head, _, rest = page.partition('<section class="r-section r-room"')
    barometer_part = head.partition('id="barometer"')[2]
    rows = [(html.unescape(name), int(n)) for name, n in ROW.findall(barometer_part)]
    if rows:
        (_, total), *groups = rows
        _shown_or_total(dict(groups), total, k)
    articles = [a.partition("</article>")[0] for a in rest.split('<article class="r-prompt"')[1:]]
    titles = [html.unescape(re.search(r"<h3[^>]*>([^<]*)</h3>", a).group(1)) for a in articles]
    # Every prompt with answers has its article, so the checks below cannot pass by finding none.
    assert sorted(titles) == sorted(answered)
    for title, article in zip(titles, articles, strict=True):
        if title == "Ideas":
            for row in (part.partition("</tr>")[0] for part in article.split("<tr>")[2:]):
                text = html.unescape(re.search(r'r-proposal-text">([^<]*)<', row).group(1))
                shown = {html.unescape(g.strip()): int(n) for g, n in GROUP_VOTES.findall(row)}
                assert shown == shown_by_prompt[text]
                _shown_or_total(shown, int(VOTES.search(row).group(1)), k)
                for name in set(ALL_GROUPS) - set(shown):
                    assert name not in row
            continue
        found = [(html.unescape(name), int(n)) for name, n in ROW.findall(article)]
        if title == "Rank":  # the ranking shows group n in its column heads
            heads = re.findall(r'r-group">([^<]*)<br><span class="r-muted">n = (\d+)', article)
            shown = {html.unescape(name): int(n) for name, n in heads}
            total = int(re.search(r"all participants \(n = (\d+)\)", article).group(1))
            _shown_or_total(shown, total, k)
        else:
            (label, total), *groups = found
            assert label == "All participants"
            shown = dict(groups)
            _shown_or_total(shown, total, k)
        assert shown == shown_by_prompt[title]
        for name in set(ALL_GROUPS) - set(shown):
            assert name not in article


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), k=st.sampled_from([2, 3, 5]))
def test_no_group_below_k_can_be_recovered_from_the_files_or_the_report(app, data, k):
    event = _build(data.draw, k)
    shown_by_prompt, answered = _check_exports(event, k)
    with app.test_request_context():
        _check_report(event, k, shown_by_prompt, answered)
