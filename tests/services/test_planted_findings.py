"""A synthetic workshop with planted findings: the report lists every one of them and nothing else.

The workshop runs through the real services: rooms, prompts added to agendas, prompts opened and
closed, every participant answering from a phone of their own (a fresh token), proposals sent,
moderated and endorsed. Each group's answers carry seeded random noise (which point of the scale,
which ballots deviate, the order of arrival, "no opinion" answers, group sizes of 8 to 12) around
the shares that make a statement common ground, a divergence between named constituencies, or
nothing at all.
"""

import random

from facilitator.domain.anonymity import new_token
from facilitator.extensions import db
from facilitator.services import agenda, control, moderation, participation
from facilitator.services.report import build_report

GROUPS = ("NATO official", "Pakistani government", "Academia", "Media")
ALL = (*GROUPS, "Prefer not to say")
NATO, PAK, ACADEMIA, MEDIA, UNDISCLOSED = ALL


class Workshop:
    """Runs a synthetic workshop through the services with seeded noise."""

    def __init__(self, make, seed=20141104):
        self.rng = random.Random(seed)
        self.event = make.event(GROUPS)
        self.ids = {c.name: c.id for c in self.event.constituencies}
        self.rooms = {}
        for name, kind in (
            ("Plenary", "plenary"),
            ("Breakout A", "breakout"),
            ("Breakout B", "breakout"),
            ("Breakout C", "breakout"),
        ):
            room = make.room(self.event, name=name)
            room.kind = kind
            self.rooms[name] = room
        db.session.commit()
        self.client_ids = iter(range(1, 1_000_000))

    def size(self) -> int:
        """A group's turnout: 8 to 12."""
        return self.rng.randint(8, 12)

    def group_id(self, name):
        # "Prefer not to say" participants simply choose no group.
        return None if name == UNDISCLOSED else self.ids[name]

    def prompt(self, room, kind, text, **settings):
        prompt = agenda.add_prompt(self.rooms[room], kind, text, settings)
        db.session.commit()
        return prompt

    def position(self, room, text, shares: dict):
        """Each group's answers: {group: (agree share, disagree share)} or (…, …, exact size)."""
        prompt = self.prompt(room, "position", text)
        answers = []
        for group, spec in shares.items():
            agree, disagree, *size = spec
            n = size[0] if size else self.size()
            n_agree, n_disagree = round(agree * n), round(disagree * n)
            values = [self.rng.choice((4, 5)) for _ in range(n_agree)]
            values += [self.rng.choice((1, 2)) for _ in range(n_disagree)]
            values += [3] * (n - n_agree - n_disagree)
            if not size:
                # Some participants also say "no opinion": counted, but not in the shares.
                values += [None] * self.rng.randint(0, 2)
            answers += [(group, value) for value in values]
        self.answer(room, prompt, answers)
        return prompt

    def priority(self, room, text, options, orders: dict):
        """Each group's ballots: its base order, two of them with a random pair swapped.

        Two swaps among at least 8 ballots cannot change a group's Borda order.
        """
        prompt = self.prompt(room, "priority", text, options=options)
        answers = []
        for group, spec in orders.items():
            order, *size = spec
            n = size[0] if size else self.size()
            ballots = [list(order) for _ in range(n)]
            if n >= 8:
                for ballot in ballots[:2]:
                    i = self.rng.randrange(len(order) - 1)
                    ballot[i], ballot[i + 1] = ballot[i + 1], ballot[i]
            answers += [(group, ballot) for ballot in ballots]
        self.answer(room, prompt, answers)
        return prompt

    def answer(self, room_name, prompt, answers):
        room = self.rooms[room_name]
        control.open_prompt(room, prompt.id)
        self.rng.shuffle(answers)
        for group, value in answers:
            participation.submit_response(
                room, new_token(), prompt.id, self.client_id(), value, self.group_id(group)
            )
        control.close_prompt(room, prompt.id)
        db.session.commit()

    def client_id(self) -> str:
        return f"c{next(self.client_ids)}"

    def proposals(self, room_name, text, supports: dict, moderation_plan: dict):
        """Proposals endorsed by every participant of the room, each group at its agree share.

        supports: {proposal text: {group: agree share}}; the rest of a group's votes are split
        between disagree and pass at random. moderation_plan: {proposal text: "hide" | "pending"}.
        """
        room = self.rooms[room_name]
        prompt = self.prompt(room_name, "proposal", text, moderation="pre")
        control.open_prompt(room, prompt.id)
        participants = [(group, new_token()) for group in ALL for _ in range(self.size())]
        authors = self.rng.sample(participants, len(supports))
        stored = {}
        for (group, token), proposal_text in zip(authors, supports, strict=True):
            stored[proposal_text] = participation.submit_proposal(
                room, token, prompt.id, self.client_id(), proposal_text, self.group_id(group)
            )
        for proposal_text, proposal in stored.items():
            if moderation_plan.get(proposal_text) != "pending":
                moderation.moderate_proposal(room, proposal.id, "approve")
        db.session.commit()
        for proposal_text, shares in supports.items():
            if moderation_plan.get(proposal_text) == "pending":
                continue
            voters = {group: [t for g, t in participants if g == group] for group in ALL}
            votes = []
            for group, share in shares.items():
                tokens = voters[group]
                n_agree = round(share * len(tokens))
                rest = [self.rng.choice(("disagree", "pass")) for _ in tokens[n_agree:]]
                votes += list(zip(tokens, ["agree"] * n_agree + rest, strict=True))
            self.rng.shuffle(votes)
            group_of = {t: g for g, t in participants}
            for token, vote in votes:
                participation.submit_endorsement(
                    room,
                    token,
                    stored[proposal_text].id,
                    self.client_id(),
                    vote,
                    self.group_id(group_of[token]),
                )
        for proposal_text, action in moderation_plan.items():
            if action == "hide":
                moderation.moderate_proposal(room, stored[proposal_text].id, "hide")
        control.close_prompt(room, prompt.id)
        db.session.commit()
        return prompt


def _key(finding: dict) -> tuple:
    """What a finding says, independent of its figures: kind, basis, prompt, subject, sides."""
    subject = finding.get("option_text") or finding.get("proposal_text")
    sides = tuple(
        sorted(
            (side, tuple(g["name"] for g in groups)) for side, groups in finding["sides"].items()
        )
    )
    return (finding["kind"], finding["basis"], finding["prompt_text"], subject, sides)


AGREE, DISAGREE, MIXED, LEAN_UP, LEAN_DOWN = (
    (0.8, 0.1),
    (0.1, 0.8),
    (0.4, 0.4),
    (0.5, 0.2),
    (0.2, 0.5),
)
OPTIONS = ["Crisis hotline", "Student exchanges", "Joint study group", "Observers", "Data sharing"]
OPTIONS += ["Military visits"]
HOT, EXCH, STUDY, OBS, DATA, VISITS = range(6)
BORDER = ["Joint patrols", "Intelligence sharing", "Border fencing", "Development aid"]
BORDER += ["Refugee return"]


def test_the_report_lists_every_planted_finding_and_nothing_else(app, make):
    w = Workshop(make)
    terrorism = "Terrorism in the region threatens the security of both sides"
    w.position("Plenary", terrorism, dict.fromkeys(ALL, AGREE))
    presence = "Foreign military presence has made the region less stable"
    w.position(
        "Breakout A",
        presence,
        {NATO: DISAGREE, PAK: AGREE, ACADEMIA: MIXED, MEDIA: LEAN_UP, UNDISCLOSED: MIXED},
    )
    sanctions = "Sanctions are the best way to change a government's course"
    w.position("Breakout B", sanctions, dict.fromkeys(ALL, DISAGREE))
    # Media has only 3 answers, all against: held back with the next smallest group (Prefer
    # not to say), so the three large groups still share common ground and Media is named nowhere.
    media = "Independent media coverage helps the dialogue"
    w.position(
        "Breakout C",
        media,
        {NATO: (*AGREE, 12), PAK: (*AGREE, 11), ACADEMIA: (*AGREE, 10), MEDIA: (0.0, 1.0, 3)}
        | {UNDISCLOSED: (*AGREE, 8)},
    )
    # Neutral statements: mixed groups, and groups leaning apart without reaching 60 %.
    w.position("Breakout A", "The 2011 border incident was an accident", dict.fromkeys(ALL, MIXED))
    w.position(
        "Breakout C",
        "Aid should be tied to reforms",
        {NATO: LEAN_UP, PAK: LEAN_DOWN, ACADEMIA: MIXED, MEDIA: LEAN_UP, UNDISCLOSED: LEAN_DOWN},
    )

    # Priorities. Every group puts the hotline first and military visits last, the rest in
    # different orders, so the hotline alone is in every top three and no two orders oppose.
    steps = "Which steps should come first?"
    w.priority(
        "Plenary",
        steps,
        OPTIONS,
        {
            NATO: ([HOT, EXCH, STUDY, OBS, DATA, VISITS],),
            PAK: ([HOT, OBS, DATA, EXCH, STUDY, VISITS],),
            ACADEMIA: ([HOT, EXCH, OBS, STUDY, DATA, VISITS],),
            MEDIA: ([HOT, STUDY, DATA, EXCH, OBS, VISITS],),
            UNDISCLOSED: ([HOT, EXCH, DATA, STUDY, OBS, VISITS],),
        },
    )
    # Opposite orders between NATO officials and the Pakistani government; two small groups
    # (3 ballots each, held back together) order it their own way and must not appear.
    border = "What matters most for the border areas?"
    w.priority(
        "Breakout B",
        border,
        BORDER,
        {
            NATO: ([0, 1, 2, 3, 4],),
            PAK: ([4, 3, 2, 1, 0],),
            ACADEMIA: ([4, 0, 3, 1, 2], 3),
            MEDIA: ([2, 4, 1, 0, 3], 3),
        },
    )
    # A neutral priority: the groups' orders are alike (Kendall's tau-b at least 0.47 for every
    # pair), yet no option is in every group's top three.
    forums = ["Track II talks", "Parliamentary visits", "Think-tank network", "Media forum"]
    forums += ["Military staff talks", "Online exchange"]
    w.priority(
        "Breakout A",
        "Which forum suits the follow-up?",
        forums,
        {
            NATO: ([0, 1, 2, 4, 3, 5],),
            PAK: ([0, 2, 1, 3, 4, 5],),
            ACADEMIA: ([0, 1, 3, 2, 4, 5],),
            MEDIA: ([2, 0, 3, 1, 4, 5],),
            UNDISCLOSED: ([1, 2, 3, 0, 4, 5],),
        },
    )

    # Proposals in Breakout C: one every group supports, one that divides NATO officials and the
    # Pakistani government, one nobody feels strongly about, and two that must stay out of the
    # report: one still pending, one hidden by a moderator after strong divided votes.
    hotline = "A hotline between the two militaries, staffed day and night"
    drones = "End drone strikes in the tribal areas"
    seminar = "A yearly seminar on regional history"
    pending = "A joint football match"
    hidden = "Publish the names of informants"
    ideas = "Which trust-building steps do you propose?"
    w.proposals(
        "Breakout C",
        ideas,
        {
            hotline: dict.fromkeys(ALL, 0.8),
            drones: {NATO: 0.1, PAK: 0.9, ACADEMIA: 0.5, MEDIA: 0.4, UNDISCLOSED: 0.5},
            seminar: dict.fromkeys(ALL, 0.45),
            pending: dict.fromkeys(ALL, 0.9),
            hidden: {NATO: 0.9, PAK: 0.0, ACADEMIA: 0.9, MEDIA: 0.9, UNDISCLOSED: 0.9},
        },
        {pending: "pending", hidden: "hide"},
    )
    # Prompts that must not appear at all: a draft, and one opened but never answered.
    w.prompt("Plenary", "position", "A draft nobody saw")
    unanswered = w.prompt("Breakout B", "position", "Opened, never answered")
    control.open_prompt(w.rooms["Breakout B"], unanswered.id)
    db.session.commit()

    report = build_report(w.event)

    everyone = tuple(ALL)
    planted = {
        ("common_ground", "position", terrorism, None, (("agree", everyone),)),
        (
            "divergence",
            "position",
            presence,
            None,
            (("agree", (PAK,)), ("disagree", (NATO,))),
        ),
        ("common_ground", "position", sanctions, None, (("disagree", everyone),)),
        ("common_ground", "position", media, None, (("agree", (NATO, PAK, ACADEMIA)),)),
        ("common_ground", "priority", steps, OPTIONS[HOT], (("top", everyone),)),
        ("divergence", "priority", border, None, (("a", (NATO,)), ("b", (PAK,)))),
        ("common_ground", "proposal", ideas, hotline, (("support", everyone),)),
        ("divergence", "proposal", ideas, drones, (("high", (PAK,)), ("low", (NATO,)))),
    }
    found = report["common_ground"] + report["divergences"]
    assert {_key(f) for f in found} == planted
    assert len(found) == len(planted)
    assert all(f["kind"] == "common_ground" for f in report["common_ground"])
    assert all(f["kind"] == "divergence" for f in report["divergences"])

    # The same findings sit under their prompts, in their rooms.
    per_prompt = [
        (room["name"], _key(f))
        for room in report["rooms"]
        for prompt in room["prompts"]
        for f in prompt["common_ground"] + prompt["divergences"]
    ]
    assert sorted(key for _, key in per_prompt) == sorted(_key(f) for f in found)
    rooms_of = {key[2]: room for room, key in per_prompt}
    assert rooms_of[presence] == "Breakout A"
    assert rooms_of[ideas] == "Breakout C"

    # A reader understands a finding without help: it names the groups and the statement.
    [split] = [f for f in report["divergences"] if f["prompt_text"] == presence]
    assert split["sentence"].startswith(f"The groups split on “{presence}”: Pakistani government")
    assert "NATO official" in split["sentence"]

    # Suppressed groups and left-out proposals and prompts are nowhere in the report's findings.
    text = repr(found)
    assert "Media" not in repr([f for f in found if f["prompt_text"] in (media, border)])
    assert "Academia" not in repr([f for f in found if f["prompt_text"] == border])
    assert pending not in text and hidden not in text
    reported = {p["text"] for room in report["rooms"] for p in room["prompts"]}
    assert "A draft nobody saw" not in reported
    assert "Opened, never answered" not in reported
    proposal_texts = {p["text"] for p in report["bridging_proposals"]}
    assert proposal_texts == {hotline, drones, seminar}
    assert report["bridging_proposals"][0]["text"] == hotline

    # The closing vote: the plenary's last closed priority, the hotline first.
    assert report["recommendations_from"]["text"] == steps
    assert report["recommendations"][0]["text"] == OPTIONS[HOT]
    assert report["recommendations"][-1]["text"] == OPTIONS[VISITS]
