"""In a real browser, a seat-card event asks phones for their card, and a card admits one phone."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.harness import DEMO_ROOM
from tests.server.test_seat_cards import Organiser

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.timeout(180)]


def seat_screen(page):
    return page.get_by_role("heading", name="Your seat card, please")


def test_a_phone_without_a_card_is_asked_for_one_and_a_card_admits_one_phone(
    server_factory, contexts
):
    server = server_factory()
    organiser = Organiser(server)
    organiser.admission("seat_cards")
    first, second, third = organiser.print_cards(3)

    # No card: the phone asks for one, in plain words, and typing it lets the phone in.
    phone = contexts(**PHONE).new_page()
    phone.goto(f"{server.base_url}/j/{DEMO_ROOM}")
    expect(seat_screen(phone)).to_be_visible()
    phone.get_by_label("Seat card code").fill(first.lower().replace("-", " "))
    phone.get_by_role("button", name="Join").click()
    expect(phone.get_by_role("heading", name="Welcome")).to_be_visible()
    assert phone.evaluate("localStorage.getItem('facilitator.seat')") is None
    # Admitted for good: a reload needs no card.
    phone.reload()
    expect(phone.get_by_role("heading", name="Welcome")).to_be_visible()

    # The card's QR code: the card rides in the fragment, which the page then clears.
    scanned = contexts(**PHONE).new_page()
    scanned.goto(f"{server.base_url}/j/{DEMO_ROOM}#seat={second}")
    expect(scanned.get_by_role("heading", name="Welcome")).to_be_visible()
    assert "seat" not in scanned.url

    # A card used already is refused with a clear message, and the phone may try another.
    latecomer = contexts(**PHONE).new_page()
    latecomer.goto(f"{server.base_url}/j/{DEMO_ROOM}#seat={first}")
    expect(latecomer.get_by_role("alert")).to_contain_text("has been used already")
    latecomer.get_by_label("Seat card code").fill("AAAA-BBBB-CCCC")
    latecomer.get_by_role("button", name="Join").click()
    expect(latecomer.get_by_role("alert")).to_contain_text("No seat card of this session")

    # The join page takes a card too.
    typed = contexts(**PHONE).new_page()
    typed.goto(f"{server.base_url}/")
    typed.get_by_label("Room code").fill(DEMO_ROOM)
    typed.get_by_text("I have a seat card").click()
    typed.get_by_label("Seat card code").fill(third)
    typed.get_by_role("button", name="Join").click()
    expect(typed.get_by_role("heading", name="Welcome")).to_be_visible()
    assert "3 / 3" in organiser.page()


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("fr", "Votre carte de place"), ("ur", "براہِ کرم اپنا سیٹ کارڈ")],
)
def test_the_seat_card_screen_speaks_french_and_urdu(server_factory, contexts, lang, heading):
    server = server_factory()
    Organiser(server).admission("seat_cards")
    phone = contexts(**PHONE).new_page()
    phone.goto(f"{server.base_url}/j/{DEMO_ROOM}?lang={lang}")
    expect(phone.get_by_role("heading", name=heading)).to_be_visible()
