"""Vote stuffing on a real server: fresh tokens get in openly, never without a seat card.

Issue 10, finding 3: a script made 582 fresh-token voters in 10 s. In open mode that still works
(one vote per phone rests on the token) but the console raises the capacity alert; in seat-card
mode every phone needs an unused printed card, so at most as many phones answer as cards exist.
"""

import io
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
import socketio
from pypdf import PdfReader

from tests.harness import _CSRF_INPUT, TIMEOUT, agenda_prompts, new_client_id

pytestmark = [pytest.mark.server, pytest.mark.timeout(180)]

CARD = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")
SCRIPTED_PHONES = 100


class Organiser:
    """The demo organiser in the event dashboard, through the real pages and forms."""

    def __init__(self, server):
        self.server = server
        self.session = server.login()
        [(self.event_id,)] = server.query("SELECT id FROM event")
        self.url = f"{server.base_url}/console/events/{self.event_id}"

    def page(self) -> str:
        """The event dashboard's HTML."""
        response = self.session.get(self.url, timeout=TIMEOUT)
        assert response.status_code == 200
        return response.text

    def post(self, path: str, **data):
        """Submit one of the dashboard's forms with its CSRF token."""
        token = _CSRF_INPUT.search(self.page()).group(1)
        return self.session.post(
            f"{self.url}/{path}",
            data={**data, "csrf_token": token},
            allow_redirects=False,
            timeout=60,
        )

    def admission(self, mode: str, capacity: str = "") -> None:
        """Set the event's admission mode and seat capacity."""
        assert self.post("admission", mode=mode, capacity=capacity).status_code == 302

    def print_cards(self, count: int) -> list[str]:
        """Print seat cards; their codes, read from the downloaded PDF sheet."""
        response = self.post("seat-cards", count=str(count))
        assert response.headers["Content-Type"] == "application/pdf"
        reader = PdfReader(io.BytesIO(response.content))
        return [code for page in reader.pages for code in CARD.findall(page.extract_text())]

    def alert(self) -> str | None:
        """The capacity alert on the dashboard, when it is shown."""
        found = re.search(r'data-field="capacity-alert"( hidden)?>(.*?)</p>', self.page(), re.S)
        return None if found.group(1) else found.group(2).strip()


def open_first_prompt(server) -> int:
    console = server.moderator()
    first = agenda_prompts(console)[0]
    assert console.call("prompt:open", {"prompt_id": first["id"]})["ok"]
    return first["id"]


def stuff(server, prompt_id: int, count: int, card: str | None = None) -> tuple[int, list]:
    """The attack: `count` phones with fresh tokens each try to join and answer; how many
    answers were acknowledged, and the refusals' codes."""

    def one(_):
        phone = server.phone(connect=False)
        if card is not None:
            phone.auth["seat"] = card
        try:
            phone.connect()
        except socketio.exceptions.ConnectionError:
            return False, phone.wait_for("connect_error")["data"]["code"]
        ack = phone.call(
            "response:submit", {"prompt_id": prompt_id, "client_id": new_client_id(), "value": 1}
        )
        phone.close()
        return ack["ok"], None

    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(one, range(count)))
    return sum(ok for ok, _ in results), [code for _, code in results if code]


def stored_answers(server, prompt_id: int) -> int:
    return len(server.responses(prompt_id))


def test_in_open_mode_fresh_tokens_vote_and_the_capacity_alert_says_so(server):
    organiser = Organiser(server)
    organiser.admission("open", capacity="50")
    assert organiser.alert() is None
    prompt_id = open_first_prompt(server)
    answered, refused = stuff(server, prompt_id, SCRIPTED_PHONES)
    # What open mode promises, and no more: each fresh token is a new voter...
    assert (answered, refused) == (SCRIPTED_PHONES, [])
    assert stored_answers(server, prompt_id) == SCRIPTED_PHONES
    # ...but the organisers see more phones than seats (each phone counted once).
    assert organiser.alert() == f"More phones joined than seats: {SCRIPTED_PHONES} of 50"


def test_with_seat_cards_a_script_without_cards_gets_no_vote_in(server):
    organiser = Organiser(server)
    organiser.admission("seat_cards")
    prompt_id = open_first_prompt(server)

    answered, refused = stuff(server, prompt_id, SCRIPTED_PHONES)
    assert answered == 0
    assert refused == ["seat_required"] * SCRIPTED_PHONES
    assert stored_answers(server, prompt_id) == 0

    # Three printed cards let exactly three phones in.
    cards = organiser.print_cards(3)
    assert len(set(cards)) == 3
    phones = []
    for card in cards:
        phone = server.phone(connect=False)
        phone.auth["seat"] = card
        phones.append(phone.connect())
        phone.wait_for("state")
    assert "0 / 3" not in organiser.page() and "3 / 3" in organiser.page()

    # A card used twice is refused, however it is typed.
    for card in (cards[0], cards[1].lower().replace("-", " ")):
        answered, refused = stuff(server, prompt_id, 1, card=card)
        assert (answered, refused) == (0, ["seat_spent"])
    answered, refused = stuff(server, prompt_id, 1, card="AAAA-BBBB-CCCC")
    assert (answered, refused) == (0, ["seat_unknown"])

    # An admitted phone reconnects with its token alone (no card) and answers.
    token = phones[0].token
    phones[0].close()
    again = server.phone(token=token)
    again.wait_for("state")
    ack = again.call(
        "response:submit", {"prompt_id": prompt_id, "client_id": new_client_id(), "value": 5}
    )
    assert ack["ok"], ack
    for phone in phones[1:]:
        ack = phone.call(
            "response:submit", {"prompt_id": prompt_id, "client_id": new_client_id(), "value": 2}
        )
        assert ack["ok"], ack
    assert stored_answers(server, prompt_id) == 3

    # The database holds hashes of the cards and keys of the phones, never a card or a token.
    dump = repr(server.query("SELECT * FROM seat_card")) + repr(
        server.query("SELECT * FROM admission")
    )
    for card in cards:
        assert card not in dump and card.replace("-", "") not in dump
    assert token not in dump
    log = server.log_text()
    assert not any(card in log or card.replace("-", "") in log for card in cards)
