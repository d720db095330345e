"""A prompt's published results as an SVG chart for slides: the figures the room was shown,
never a hidden result or a group below k, participants' words as text, in the chosen language."""

import re
import xml.etree.ElementTree as ET

import pytest

from facilitator.extensions import db
from facilitator.models import Proposal, ProposalStatus
from facilitator.services import ServiceError, control, exports
from facilitator.services.chart_image import chart_filename, chart_svg
from tests.services.answers import answer, endorse, propose

SVG = "{http://www.w3.org/2000/svg}"
GROUPS = ("NATO official", "Pakistani government", "Media")
HOSTILE = '<script>alert("x")</script> & <b>bold</b> ]]>'


@pytest.fixture
def room(make):
    event = make.event(GROUPS)
    nato = event.constituencies[0]
    nato.translations = {"fr": "Responsable de l OTAN", "ur": "نیٹو اہلکار"}
    db.session.commit()
    return make.room(event, name="Breakout A")


def _groups(room):
    return [c.id for c in room.event.constituencies]


def _revealed(room, prompt):
    control.close_prompt(room, prompt.id)
    prompt.reveal()
    db.session.commit()


def _texts(svg: str) -> list[str]:
    """Every line of text drawn in the image, as a reader sees it."""
    root = ET.fromstring(svg.encode("utf-8"))
    return ["".join(span.itertext()) for span in root.iter(f"{SVG}tspan")]


@pytest.fixture
def position(make, room):
    nato, government, media, undisclosed = _groups(room)
    prompt = make.prompt(room, "position", "Trust will grow.", points=5)
    # Media (3 answers) and "Prefer not to say" (2) are below k = 5: they count for everyone
    # but are never drawn; together they hold 5, so the other two groups may be shown.
    answer(
        room,
        prompt,
        {
            nato: [5, 4, 4, 5, 5, 4],
            government: [2, 2, 1, 3, 2, 1],
            media: [3, 3, 4],
            undisclosed: [3, 2],
        },
    )
    _revealed(room, prompt)
    return prompt


def test_the_chart_shows_the_published_figures_of_everyone_and_each_shown_group(app, position):
    with app.test_request_context():
        svg = chart_svg(position, "en")
    names = {c.id: c.name for c in position.room.event.constituencies}
    published = exports.prompt_aggregates(position, names, "en")
    texts = _texts(svg)
    overall = published["overall"]
    assert overall["n"] == 17 and str(overall["n"]) in texts
    assert f"{round(overall['share_agree'] * 100)}%" in texts
    assert f"{round(overall['share_disagree'] * 100)}%" in texts
    assert f"{overall['mean']:.1f}" in texts
    shown = [g["group"] for g in published["groups"]]
    assert shown == ["NATO official", "Pakistani government"]
    for group in published["groups"]:
        assert group["group"] in texts
        assert str(group["n"]) in texts
        assert f"{group['summary']['mean']:.1f}" in texts
    assert "All participants" in texts
    assert "1 Strongly disagree" in texts and "5 Strongly agree" in texts


def test_a_group_below_k_is_not_drawn(app, position):
    with app.test_request_context():
        svg = chart_svg(position, "en")
    texts = _texts(svg)
    assert "17" in texts  # everyone, the small groups included
    assert "Media" not in svg and "Prefer not to say" not in svg


def test_hidden_results_are_refused_and_never_drawn(app, make, room):
    nato, government, _, _ = _groups(room)
    prompt = make.prompt(room, "position", "Still secret.", points=5)
    answer(room, prompt, {nato: [5] * 5, government: [1] * 5})
    with app.test_request_context(), pytest.raises(ServiceError) as refused:
        chart_svg(prompt, "en")
    assert refused.value.code == "results_hidden"
    assert "Reveal them first" in refused.value.message


def test_results_not_yet_released_to_the_room_are_refused(app, make, room):
    nato = _groups(room)[0]
    prompt = make.prompt(room, "position", "Too few so far.", points=5)
    answer(room, prompt, {nato: [5, 4]})  # open, revealed, fewer than k answers
    prompt.reveal()
    db.session.commit()
    with app.test_request_context(), pytest.raises(ServiceError) as refused:
        chart_svg(prompt, "en")
    assert refused.value.code == "results_not_released"


def test_participants_words_are_escaped_and_the_image_is_well_formed_xml(app, make, room):
    nato, government, _, _ = _groups(room)
    prompt = make.prompt(room, "proposal", "Your ideas", moderation="post")
    ids = propose(room, prompt, [HOSTILE, "A hotline between commanders"])
    for proposal_id in ids:
        endorse(room, proposal_id, {nato: ["agree"] * 5, government: ["agree", "pass"] * 3})
    _revealed(room, prompt)
    with app.test_request_context():
        svg = chart_svg(prompt, "en")
    assert "<script" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg and "&amp;" in svg
    root = ET.fromstring(svg.encode("utf-8"))  # parses: nothing the participant typed broke it
    assert root.tag == f"{SVG}svg" and root.get("viewBox") == "0 0 1600 900"
    drawn = " ".join(_texts(svg))
    assert "<script>alert" in drawn and "A hotline between commanders" in drawn
    assert not list(root.iter(f"{SVG}script"))


def test_proposals_below_the_minimum_of_votes_or_hidden_since_are_not_drawn(app, make, room):
    nato, government, _, _ = _groups(room)
    prompt = make.prompt(room, "proposal", "Your ideas", moderation="post")
    ranked, unranked, hidden = propose(room, prompt, ["Ranked idea", "Too few votes", "Hidden"])
    endorse(room, ranked, {nato: ["agree"] * 5, government: ["disagree"] * 5})
    endorse(room, unranked, {nato: ["agree"] * 2})
    endorse(room, hidden, {nato: ["agree"] * 5, government: ["agree"] * 5})
    _revealed(room, prompt)
    db.session.get(Proposal, hidden).status = ProposalStatus.HIDDEN
    db.session.commit()
    with app.test_request_context():
        drawn = " ".join(_texts(chart_svg(prompt, "en")))
    assert "Ranked idea" in drawn
    assert "Too few votes" not in drawn and "Hidden" not in drawn


def test_french_numbers_and_names(app, position):
    with app.test_request_context():
        svg = chart_svg(position, "fr")
    texts = _texts(svg)
    assert "Tous les participants" in texts
    assert "Responsable de l OTAN" in texts
    assert any(re.fullmatch(r"\d+\u00a0%", text) for text in texts)  # "38 %"
    assert any(re.fullmatch(r"\d,\d", text) for text in texts)  # "2,8"
    assert not any(re.fullmatch(r"\d\.\d", text) for text in texts)


def test_urdu_reads_right_to_left_with_its_font_inside_the_file(app, position):
    with app.test_request_context():
        svg = chart_svg(position, "ur")
    root = ET.fromstring(svg.encode("utf-8"))
    assert root.get("direction") == "rtl"
    style = "".join(root.find(f"{SVG}style").itertext())
    assert '@font-face { font-family: "Noto Nastaliq Urdu"' in style
    assert 'url("data:font/woff2;base64,' in style
    assert "نیٹو اہلکار" in _texts(svg)
    # Labels start on the right: the group names are anchored at the right margin.
    label = next(t for t in root.iter(f"{SVG}text") if "نیٹو اہلکار" in "".join(t.itertext()))
    assert label.get("text-anchor") == "start" and float(label.get("x")) > 1500
    with app.test_request_context():
        assert "font/woff2" not in chart_svg(position, "en")


def test_long_labels_wrap_between_words_with_an_ellipsis_only_after_three_lines(app, make, room):
    nato, government, _, _ = _groups(room)
    long_option = " ".join(["cooperation"] * 16)  # 191 characters, the most an option has
    prompt = make.prompt(room, "priority", "Rank", options=[long_option, "Short option"])
    answer(room, prompt, {nato: [[0, 1]] * 5, government: [[1, 0]] * 5})
    _revealed(room, prompt)
    with app.test_request_context():
        root = ET.fromstring(chart_svg(prompt, "en").encode("utf-8"))
    block = next(
        t for t in root.iter(f"{SVG}text") if "".join(t.itertext()).startswith("cooperation")
    )
    lines = ["".join(span.itertext()) for span in block.iter(f"{SVG}tspan")]
    assert len(lines) == 3
    assert all(set(line.rstrip("…").split()) == {"cooperation"} for line in lines)
    assert lines[-1].endswith("…") and not any(line.endswith("…") for line in lines[:-1])


def test_the_file_name_is_ascii_room_position_and_kind(app, make, position):
    assert chart_filename(position, "en") == "breakout-a-1-position.svg"
    assert chart_filename(position, "fr") == "breakout-a-1-position-fr.svg"
    position.room.name = "مکمل اجلاس"
    assert chart_filename(position, "ur") == f"room-{position.room.id}-1-position-ur.svg"
