"""Build the demo workshop, fill it with plausible synthetic answers, and write its report.

Writes docs/report-sample.pdf and docs/report-page-N.png (page images need pdftoppm from
poppler-utils). Every answer goes through the same services as a phone's, on a throw-away SQLite
database; nothing touches the instance database.

    .venv/bin/python scripts/report_sample.py [--pages 1] [--out docs]
"""

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from config import Config  # noqa: E402
from facilitator import create_app  # noqa: E402
from facilitator.domain.agenda import load_agenda_text  # noqa: E402
from facilitator.domain.anonymity import new_token  # noqa: E402
from facilitator.extensions import db  # noqa: E402
from facilitator.models import Moderator, ProposalStatus  # noqa: E402
from facilitator.services import agenda, control, participation  # noqa: E402

# Who came, and how many of each group: the breakouts get a third of each group.
ATTENDANCE = {
    "NATO official": 20,
    "NATO expert or academic": 12,
    "Pakistani government": 22,
    "Pakistani academia": 16,
    "Media": 8,
    "Other": 4,
    "Prefer not to say": 8,
}
NATO = ("NATO official", "NATO expert or academic")
PAKISTAN = ("Pakistani government", "Pakistani academia")

# A group's leaning on a statement, from 0 (strongly disagree) to 1 (strongly agree).
LEANINGS = {
    "I trust": {NATO: 0.52, PAKISTAN: 0.36, None: 0.45},
    "I am confident": {NATO: 0.6, PAKISTAN: 0.38, None: 0.47},
    "share a core interest": {NATO: 0.86, PAKISTAN: 0.82, None: 0.8},
    "share intelligence": {NATO: 0.82, PAKISTAN: 0.3, None: 0.55},
    "failures of communication": {NATO: 0.22, PAKISTAN: 0.8, None: 0.5},
    "larger say": {NATO: 0.33, PAKISTAN: 0.84, None: 0.58},
}
CLOSING_SHIFT = 0.14  # the closing barometer: confidence grew over the day

# A group's weights for priority options (higher: ranked earlier), by option index.
PREFERENCES = {
    "regional risks": {NATO: [3, 5, 1, 2, 1, 4], PAKISTAN: [5, 2, 4, 2, 3, 3]},
    "recommend first": {NATO: [5, 3, 2, 1, 2, 4], PAKISTAN: [4, 3, 5, 2, 2, 4]},
    "cooperation concentrate": {NATO: [5, 4, 3, 3, 2, 1, 4, 2], PAKISTAN: [3, 5, 4, 2, 3, 5, 3, 4]},
    "partnership tools": {NATO: [3, 5, 4, 2, 2, 1], PAKISTAN: [5, 3, 2, 4, 3, 2]},
}

# Proposals per proposal prompt, each with the chance that NATO, Pakistani and other voters agree.
PROPOSALS = {
    "concrete step": [
        ("A hotline between border commanders, tested every month.", 0.85, 0.8, 0.8),
        ("Publish a joint summary of the 2011 border incident review.", 0.35, 0.85, 0.6),
        ("Exchange liaison officers at the corps and ISAF regional commands.", 0.8, 0.55, 0.6),
        ("Joint statement on respecting sovereignty in border operations.", 0.3, 0.9, 0.6),
        ("Yearly Track-2 dialogue of retired officers from both sides.", 0.75, 0.75, 0.7),
    ],
    "understand better": [
        (
            "Pakistan's losses to terrorism are larger than most Western audiences know.",
            0.5,
            0.95,
            0.7,
        ),
        ("NATO decisions are made by consensus of 28 nations, which takes time.", 0.85, 0.4, 0.6),
        ("Drone strikes undermine public support for cooperation in Pakistan.", 0.3, 0.9, 0.6),
        ("Both sides fear abandonment after 2014.", 0.75, 0.8, 0.75),
    ],
    "education or training": [
        ("Reserved places for Pakistani officers at the NATO Defense College.", 0.8, 0.85, 0.7),
        ("Joint civil-emergency planning course held in Islamabad.", 0.8, 0.8, 0.8),
        ("Exchange of instructors between staff colleges.", 0.7, 0.6, 0.6),
        ("A summer school for young journalists from both sides.", 0.55, 0.5, 0.85),
    ],
}


class Person:
    """One synthetic participant: a phone's token and a declared group."""

    def __init__(self, group: str):
        self.group = group
        self.token = new_token()


def _side(group: str):
    return NATO if group in NATO else PAKISTAN if group in PAKISTAN else None


def _pick(table: dict, text: str, default):
    """The entry of the table whose key the prompt's text contains, else the default."""
    return next((value for key, value in table.items() if key in text), default)


def _position(rng, prompt, person, shift=0.0):
    points = prompt.settings["points"]
    if rng.random() < 0.04:
        return None
    leaning = _pick(LEANINGS, prompt.text, {}).get(_side(person.group), 0.5) + shift
    return max(1, min(points, round(rng.gauss(1 + leaning * (points - 1), points / 6))))


def _ranking(rng, prompt, person):
    weights = _pick(PREFERENCES, prompt.text, {}).get(_side(person.group))
    if weights is None:
        weights = [3] * len(prompt.settings["options"])
    keys = [w + rng.gauss(0, 1.3) for w in weights]
    ranking = sorted(range(len(keys)), key=lambda i: -keys[i])
    return ranking[: prompt.settings["rank_top"] or len(ranking)]


def _client_id(rng) -> str:
    return f"sample-{rng.getrandbits(48):012x}"


def answer_prompt(rng, room, prompt, people, shift=0.0):
    """Open the prompt, let most people answer it, close it."""
    control.open_prompt(room, prompt.id)
    for person in people:
        if rng.random() > 0.93:
            continue
        value = (
            _position(rng, prompt, person, shift)
            if prompt.kind == "position"
            else _ranking(rng, prompt, person)
        )
        participation.submit_response(
            room, person.token, prompt.id, _client_id(rng), value, groups[person.group]
        )
    control.close_prompt(room, prompt.id)
    db.session.commit()


def propose_and_vote(rng, room, prompt, people):
    """Open the prompt; a few people propose, moderators approve, everyone votes; close it."""
    control.open_prompt(room, prompt.id)
    items = _pick(PROPOSALS, prompt.text, PROPOSALS["concrete step"])
    authors = rng.sample(people, len(items))
    for author, (text, *support) in zip(authors, items, strict=True):
        proposal = participation.submit_proposal(
            room, author.token, prompt.id, _client_id(rng), text, groups[author.group]
        )
        proposal.status = ProposalStatus.APPROVED
        db.session.flush()
        for person in people:
            if rng.random() > 0.85:
                continue
            side = _side(person.group)
            chance = support[0] if side is NATO else support[1] if side is PAKISTAN else support[2]
            roll = rng.random()
            vote = "agree" if roll < chance else "pass" if roll < chance + 0.1 else "disagree"
            participation.submit_endorsement(
                room, person.token, proposal.id, _client_id(rng), vote, groups[person.group]
            )
    control.close_prompt(room, prompt.id)
    db.session.commit()


groups: dict[str, int] = {}


def build(rng):
    """The demo event with every prompt answered; returns the event."""
    moderator = Moderator(username="demo", display_name="Demo moderator", is_admin=True)
    moderator.set_password(new_token())
    db.session.add(moderator)
    db.session.flush()
    text = resources.files("facilitator.demo").joinpath("islamabad-workshop.json").read_text()
    event = agenda.import_agenda(load_agenda_text(text))
    db.session.commit()
    groups.update({c.name: c.id for c in event.constituencies})
    plenary, *breakouts = event.rooms
    opening, *middle, closing = plenary.prompts
    if closing.linked_prompt_id is None:  # the closing barometer repeats the opening one
        from facilitator.services import barometer

        barometer.link(closing, opening.id)
        db.session.commit()
    people = [Person(group) for group, n in ATTENDANCE.items() for _ in range(n)]
    rng.shuffle(people)
    answer_prompt(rng, plenary, opening, people)
    answer_prompt(rng, plenary, middle[0], people)
    for index, room in enumerate(breakouts):
        members = people[index :: len(breakouts)]
        for prompt in room.prompts:
            if prompt.kind == "proposal":
                propose_and_vote(rng, room, prompt, members)
            else:
                answer_prompt(rng, room, prompt, members)
    for prompt in middle[1:]:
        answer_prompt(rng, plenary, prompt, people)
    answer_prompt(rng, plenary, closing, people, shift=CLOSING_SHIFT)
    return event


def main() -> None:
    """Build the sample, write the PDF and the page images."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--pages", type=int, default=1, help="how many pages to render as PNG")
    parser.add_argument("--seed", type=int, default=2014)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            Config,
            SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp}/sample.db",
            SECRET_KEY="report-sample",
            ASYNC_MODE="threading",
            SOCKETIO_MESSAGE_QUEUE=None,
            GROUP_COMMIT=False,  # the answers are written in this script's own transactions
        )
        with app.app_context():
            db.create_all()
            event = build(random.Random(args.seed))
            from facilitator.services.report_files import report_html, report_pdf

            with app.test_request_context():
                pdf = report_pdf(event)
                html = report_html(event)
        args.out.mkdir(parents=True, exist_ok=True)
        pdf_path = args.out / "report-sample.pdf"
        pdf_path.write_bytes(pdf)
        (Path(tmp) / "report.html").write_text(html, encoding="utf-8")
        print(f"wrote {pdf_path} ({len(pdf) // 1024} KiB)")
        if shutil.which("pdftoppm") is None:
            print("pdftoppm not found (apt-get install poppler-utils): no page images")
            return
        prefix = args.out / "report-page"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", str(args.pages), pdf_path, prefix],
            check=True,
        )
        for image in sorted(args.out.glob("report-page-*.png")):
            # pdftoppm pads page numbers to the page count's width: name them page-1, page-2...
            number = int(image.stem.rsplit("-", 1)[1])
            image.rename(args.out / f"report-page-{number}.png")
            print(f"wrote {args.out / f'report-page-{number}.png'}")


if __name__ == "__main__":
    main()
