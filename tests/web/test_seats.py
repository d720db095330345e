"""The dashboard's admission panel: settings, the capacity alert and the PDF sheet of seat cards."""

import io
import re

import pytest
import segno
from pypdf import PdfReader
from sqlalchemy import text

from facilitator.domain.anonymity import new_token
from facilitator.extensions import db
from facilitator.services import admission
from tests.conftest import login

CODE = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")


@pytest.fixture
def event(make):
    """An event with a plenary run by alice; an organiser and an outsider exist too."""
    alice = make.moderator("alice")
    make.moderator("org", admin=True)
    make.moderator("eve")
    event = make.event()
    plenary = make.room(event, [alice], "Plenary")
    plenary.kind = "plenary"
    make.room(event, [], "Breakout")
    db.session.commit()
    return event


def alert(page: str) -> str | None:
    """The capacity alert's text when the dashboard shows it, else None."""
    found = re.search(
        r'<p class="d-alert" role="alert" data-field="capacity-alert"( hidden)?>(.*?)</p>',
        page,
        re.S,
    )
    return None if found.group(1) else found.group(2).strip()


def client_as(app, username):
    client = app.test_client()
    login(client, username)
    return client


def test_the_pdf_holds_one_qr_card_per_new_code_in_shuffled_order(app, event):
    response = client_as(app, "alice").post(
        f"/console/events/{event.id}/seat-cards", data={"count": 12}
    )
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    assert "attachment" in response.headers["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.data))
    printed = [code for page in reader.pages for code in CODE.findall(page.extract_text())]
    assert len(printed) == len(set(printed)) == 12
    # One QR image per card (WeasyPrint lists a sheet's images in every page's resources).
    assert len({image.name for page in reader.pages for image in page.images}) == 12
    assert len(reader.pages) == 2  # eight cards to an A4 sheet
    # Each printed code is a stored card; the sheet's order is not the order they were made in.
    rowids = {
        digest: rowid
        for rowid, digest in db.session.execute(text("SELECT rowid, digest FROM seat_card"))
    }
    order = [rowids[admission.card_digest(event.id, admission.normalise_card(c))] for c in printed]
    assert sorted(order) != order
    assert admission.figures(event)["printed"] == 12


def test_the_qr_codes_open_the_plenary_with_the_card(app, event):
    from facilitator.web.seats import card_qr, cards_html

    with app.test_request_context():
        html = cards_html(event, ["AAAA-BBBB-CCCC"])
    assert "AAAA-BBBB-CCCC" in html and "data:image/png;base64," in html
    join_url = f"http://127.0.0.1:5000/j/{event.rooms[0].code}"
    assert card_qr(join_url, "AAAA-BBBB-CCCC") in html
    assert segno.make(f"{join_url}#seat=AAAA-BBBB-CCCC", error="m").png_data_uri(
        scale=6, border=2
    ) == card_qr(join_url, "AAAA-BBBB-CCCC")
    assert "Scan to join" in html and "Scannez" in html and 'lang="ur"' in html


def test_printing_more_adds_and_the_page_says_codes_cannot_be_printed_again(app, event):
    client = client_as(app, "org")
    for count in (3, 2):
        client.post(f"/console/events/{event.id}/seat-cards", data={"count": count})
    page = client.get(f"/console/events/{event.id}").get_data(as_text=True)
    assert "0 / 5" in page
    assert "The codes exist only in this PDF" in page


@pytest.mark.parametrize("count", ["0", "101", "many", ""])
def test_a_bad_count_prints_nothing(app, event, count):
    client = client_as(app, "alice")
    response = client.post(f"/console/events/{event.id}/seat-cards", data={"count": count})
    assert response.status_code == 302
    assert admission.figures(event)["printed"] == 0


def test_outsiders_cannot_print_or_configure(app, event):
    client = client_as(app, "eve")
    url = f"/console/events/{event.id}"
    assert client.post(f"{url}/seat-cards", data={"count": 3}).status_code == 403
    assert client.post(f"{url}/admission", data={"mode": "seat_cards"}).status_code == 403
    assert admission.figures(event)["printed"] == 0 and event.admission_mode == "open"


def test_the_console_sets_the_mode_and_capacity_and_shows_the_alert(app, event):
    client = client_as(app, "alice")
    url = f"/console/events/{event.id}"
    response = client.post(f"{url}/admission", data={"mode": "open", "capacity": "2"})
    assert response.status_code == 302
    assert (event.admission_mode, event.capacity) == ("open", 2)
    assert alert(client.get(url).get_data(as_text=True)) is None
    for _ in range(3):
        admission.admit(event.id, new_token())
    db.session.commit()
    assert alert(client.get(url).get_data(as_text=True)) == "More phones joined than seats: 3 of 2"
    client.post(f"{url}/admission", data={"mode": "seat_cards", "capacity": ""})
    assert (event.admission_mode, event.capacity) == ("seat_cards", None)


def test_bad_settings_change_nothing(app, event):
    client = client_as(app, "alice")
    url = f"/console/events/{event.id}"
    client.post(f"{url}/admission", data={"mode": "closed", "capacity": "10"})
    client.post(f"{url}/admission", data={"mode": "open", "capacity": "-4"})
    assert (event.admission_mode, event.capacity) == ("open", None)


def test_withdrawing_voids_the_unused_cards(app, event):
    client = client_as(app, "alice")
    url = f"/console/events/{event.id}"
    client.post(f"{url}/seat-cards", data={"count": 4})
    assert client.post(f"{url}/seat-cards/withdraw").status_code == 302
    assert admission.figures(event)["printed"] == 0


def test_the_console_pages_show_the_capacity_alert_too(app, event):
    admission.configure(event, "open", 1)
    admission.admit(event.id, new_token())
    db.session.commit()
    client = client_as(app, "alice")
    room = event.rooms[0]
    expected = "More phones joined than seats: 1 of 1"
    assert expected not in client.get("/console/").get_data(as_text=True)
    assert expected not in client.get(f"/console/room/{room.code}").get_data(as_text=True)
    admission.admit(event.id, new_token())
    db.session.commit()
    assert expected.replace("1 of 1", "2 of 1") in client.get("/console/").get_data(as_text=True)
    page = client.get(f"/console/room/{room.code}").get_data(as_text=True)
    assert "More phones joined than seats: 2 of 1" in page
