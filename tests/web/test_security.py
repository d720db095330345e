"""Secure defaults of the HTTP side: host check, cookies, CSRF, headers, escaping."""

from config import TestConfig
from facilitator import create_app
from facilitator.extensions import db
from tests.conftest import PASSWORD, login


def test_an_unknown_host_is_refused(app):
    response = app.test_client().get("/", headers={"Host": "evil.example"})
    assert response.status_code == 400


def test_a_trusted_host_is_served(app):
    assert app.test_client().get("/", headers={"Host": "127.0.0.1:5000"}).status_code == 200


def test_session_cookies_are_http_only_and_same_site_lax(app, make):
    make.moderator()
    response = login(app.test_client())
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_a_form_without_csrf_token_is_refused(tmp_path, make):
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'csrf.db'}")
    with app.app_context():
        db.create_all()
        make.moderator()
        response = app.test_client().post(
            "/login", data={"username": "moderator", "password": PASSWORD}
        )
    assert response.status_code == 400


def test_pages_forbid_inline_scripts_and_framing(app):
    headers = app.test_client().get("/").headers
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_a_wrong_password_is_refused_without_saying_which_part(app, make):
    make.moderator()
    response = login(app.test_client(), password="wrong password")
    assert response.status_code == 400
    assert b"Unknown username or wrong password." in response.data


def test_room_names_reach_the_page_as_text(app, make):
    room = make.room(name='<script>alert("x")</script>')
    page = app.test_client().get(f"/j/{room.code}").get_data(as_text=True)
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;" in page


def test_the_qr_code_encodes_the_phone_url(app, make):
    room = make.room()
    response = app.test_client().get(f"/qr/{room.code}.svg")
    assert response.mimetype == "image/svg+xml"
    assert response.data.startswith(b"<svg")
    assert app.test_client().get("/qr/ZZZZZZ.svg").status_code == 404


def test_joining_by_code_normalises_and_redirects(app, make):
    room = make.room()
    client = app.test_client()
    typed = f" {room.code[:3].lower()}-{room.code[3:].lower()} "
    response = client.post("/", data={"code": typed})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/j/{room.code}")
    refused = client.post("/", data={"code": "ABCDE"})
    assert refused.status_code == 400
    assert b"6 characters" in refused.data
