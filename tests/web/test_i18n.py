"""Three languages: which language a page speaks, complete catalogues, right-to-left Urdu."""

import json
import re
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from sqlalchemy import select

from facilitator import ROOT
from facilitator.extensions import db
from facilitator.i18n_js import PAGE_SCRIPTS, script_keys
from facilitator.models import Prompt
from facilitator.server_texts import ERRORS
from tests.conftest import events, login

TRANSLATIONS = ROOT / "facilitator" / "translations"
KEYWORDS = {
    "_": None,
    "_l": None,
    "gettext": None,
    "ngettext": (1, 2),
    "N_": None,
    "lazy_gettext": None,
    "t": None,
    "tn": (2, 3),
    "tp": ((1, "c"), 2),
    "pgettext": ((1, "c"), 2),
}
PLACEHOLDER = re.compile(r"\{\w+\}|%\(\w+\)s")


def html_tag(response) -> str:
    return re.search(r"<html[^>]*>", response.get_data(as_text=True)).group(0)


def page_catalogue(response) -> dict:
    body = response.get_data(as_text=True)
    return json.loads(re.search(r'id="i18n">(.*?)</script>', body, re.S).group(1))


def source_messages() -> dict:
    """Every interface text in the sources, as pybabel extracts it with babel.cfg."""
    with open(ROOT / "babel.cfg") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = {}
    for filename, _lineno, message, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        key = message if isinstance(message, str) else message[0]
        found[(context, key)] = filename
    return found


def catalogue(lang: str):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=lang)


# --- which language a page speaks ------------------------------------------------------------


def test_a_phone_gets_its_browsers_language_among_the_three(app, make):
    room = make.room()
    client = app.test_client()
    french = client.get(f"/j/{room.code}", headers={"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"})
    assert html_tag(french) == '<html lang="fr" dir="ltr">'
    german = client.get("/", headers={"Accept-Language": "de-DE,de;q=0.9"})
    assert html_tag(german) == '<html lang="en" dir="ltr">'
    assert "Join the session" in german.get_data(as_text=True)


def test_urdu_pages_are_right_to_left_with_the_nastaliq_font_and_readable_codes(app, make):
    room = make.room()
    page = app.test_client().get(f"/j/{room.code}", headers={"Accept-Language": "ur-PK"})
    body = page.get_data(as_text=True)
    assert html_tag(page) == '<html lang="ur" dir="rtl">'
    assert 'href="/static/css/urdu.css"' in body
    assert "تبدیل" in body or "گروپ بدلیں" in body  # "Change group" in Urdu
    join = app.test_client().get("/?lang=ur").get_data(as_text=True)
    assert "نشست میں شامل ہوں" in join
    assert re.search(r'<input[^>]*id="code"[^>]*dir="ltr"', join)
    english = app.test_client().get("/").get_data(as_text=True)
    assert "urdu.css" not in english  # other phones never download the font


def test_the_chosen_language_is_remembered_and_beats_the_browsers(app):
    client = app.test_client()
    chosen = client.get("/?lang=ur", headers={"Accept-Language": "fr"})
    assert "lang=ur" in chosen.headers["Set-Cookie"]
    later = client.get("/", headers={"Accept-Language": "fr"})
    assert html_tag(later) == '<html lang="ur" dir="rtl">'
    back = client.get("/?lang=en")
    assert html_tag(back) == '<html lang="en" dir="ltr">'
    assert html_tag(client.get("/")) == '<html lang="en" dir="ltr">'


def test_an_unknown_language_is_ignored(app):
    client = app.test_client()
    response = client.get("/?lang=xx", headers={"Accept-Language": "fr"})
    assert html_tag(response) == '<html lang="fr" dir="ltr">'
    assert "Set-Cookie" not in response.headers


def test_every_phone_page_offers_the_three_languages_in_their_own_names(app, make):
    room = make.room()
    for url in ("/", f"/j/{room.code}"):
        body = app.test_client().get(url).get_data(as_text=True)
        for code, name in (("en", "English"), ("fr", "Français"), ("ur", "اردو")):
            assert re.search(rf'<a href="\?lang={code}"[^>]*lang="{code}"[^>]*>{name}</a>', body)


def test_the_projector_speaks_its_rooms_language_whatever_the_browser(app, make):
    room = make.room()
    room.language = "fr"
    db.session.commit()
    client = app.test_client()
    screen = client.get(
        f"/screen/{room.code}", headers={"Accept-Language": "ur", "Cookie": "lang=ur"}
    )
    body = screen.get_data(as_text=True)
    assert html_tag(screen) == '<html lang="fr" dir="ltr">'
    assert "Participez depuis votre téléphone" in body
    assert page_catalogue(screen)["lang"] == "fr"
    assert "Set-Cookie" not in screen.headers


def test_moderator_pages_keep_english_unless_the_moderator_chose(app):
    client = app.test_client()
    assert html_tag(client.get("/login", headers={"Accept-Language": "ur"})) == (
        '<html lang="en" dir="ltr">'
    )
    assert "Connexion des modérateurs" in client.get("/login?lang=fr").get_data(as_text=True)


def test_a_wrong_code_is_explained_in_the_phones_language(app):
    client = app.test_client()
    response = client.post("/?lang=ur", data={"code": "ZZZ999"})
    assert response.status_code == 400
    assert "اس کوڈ کا کوئی کمرہ نہیں" in response.get_data(as_text=True)
    short = client.post("/?lang=fr", data={"code": "AB"})
    assert "Un code de salle compte 6 caractères." in short.get_data(as_text=True)


def test_error_pages_speak_the_language_too(app):
    missing = app.test_client().get("/screen/NOPE99", headers={"Accept-Language": "fr"})
    body = missing.get_data(as_text=True)
    assert missing.status_code == 404
    assert "Introuvable" in body
    assert "Aucune salle n\u2019a ce code." in body


# --- the scripts' catalogue ------------------------------------------------------------------


def test_the_phone_page_embeds_its_scripts_texts_in_its_language(app, make):
    room = make.room()
    response = app.test_client().get(f"/j/{room.code}?lang=fr")
    data = page_catalogue(response)
    assert data["lang"] == "fr"
    assert data["messages"]["Sending…"] == "Envoi…"
    assert data["messages"]["Prefer not to say"] == "Préfère ne pas le dire"
    assert data["plurals"]["{n} answer"] == ["{n} réponse", "{n} réponses"]
    assert data["errors"]["prompt_not_open"].startswith("Cette question")
    assert "Projector language" not in data["messages"]  # only the phone's own scripts
    english = page_catalogue(app.test_client().get(f"/j/{room.code}?lang=en"))
    assert english == {"lang": "en"}  # the keys are the English texts


def test_the_embedded_catalogue_cannot_end_its_script_block(app, make):
    room = make.room()
    body = app.test_client().get(f"/j/{room.code}?lang=ur").get_data(as_text=True)
    block = re.search(r'id="i18n">(.*?)</script>', body, re.S).group(1)
    assert "<" not in block and ">" not in block


def test_the_scripts_keys_are_exactly_what_pybabel_extracts_from_them():
    js_dir = ROOT / "static" / "js"
    with open(ROOT / "babel.cfg") as config:
        method_map, options_map = parse_mapping_cfg(config)
    extracted = set()
    for filename, _line, message, _c, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        if filename.startswith("static/js/"):
            key = message if isinstance(message, str) else message[0]
            extracted.add(f"{context}\x04{key}" if context else key)
    scanned = set()
    for path in js_dir.glob("*.js"):
        singles, pairs = script_keys(path.read_text(encoding="utf-8"))
        scanned.update(singles)
        scanned.update(one for one, _ in pairs)
    assert scanned == extracted
    assert set(PAGE_SCRIPTS.values()) <= {path.name for path in js_dir.glob("*.js")}


# --- complete catalogues -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "ur"])
def test_every_interface_text_is_translated(lang):
    po = catalogue(lang)
    translated = {
        (m.context, m.id if isinstance(m.id, str) else m.id[0]): m
        for m in po
        if m.id and "fuzzy" not in m.flags and (all(m.string) if m.pluralizable else m.string)
    }
    missing = {key: where for key, where in source_messages().items() if key not in translated}
    assert not missing, f"{len(missing)} texts are not translated into {lang}: {missing}"


@pytest.mark.parametrize("lang", ["fr", "ur"])
def test_translations_keep_every_placeholder(lang):
    for message in catalogue(lang):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        expected = sorted(set(PLACEHOLDER.findall(ids[-1])))
        for text in strings:
            if "{n}" in ids[-1] or len(ids) == 1:
                assert sorted(set(PLACEHOLDER.findall(text))) == expected, (message.id, text)


@pytest.mark.parametrize("lang", ["fr", "ur"])
def test_the_compiled_catalogue_matches_its_po_file(lang):
    def plain(messages):
        return {
            m.id if isinstance(m.id, str) else tuple(m.id): (
                m.string if isinstance(m.string, str) else tuple(m.string)
            )
            for m in messages
            if m.id
        }

    po = plain(catalogue(lang))
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.mo", "rb") as mo:
        compiled = plain(read_mo(BytesIO(mo.read())))
    assert compiled == po, "run `make setup` (pybabel compile) after editing the .po file"


def test_every_error_code_the_phone_translates_has_its_message_in_both_languages():
    for lang in ("fr", "ur"):
        translated = {m.id: m.string for m in catalogue(lang) if m.id}
        for code, text in ERRORS.items():
            assert translated.get(text), (lang, code)


def test_the_urdu_font_is_served_by_the_app_itself():
    css = (ROOT / "static" / "css" / "urdu.css").read_text()
    source = re.search(r'src: url\("\.\./vendor/fonts/([^"]+)"\)', css).group(1)
    assert "://" not in css
    makefile = (ROOT / "Makefile").read_text()
    assert f"noto-nastaliq-urdu/files/{source}" in makefile
    assert "$(VENDOR)/fonts" in makefile
    assert Path(ROOT / "node_modules/@fontsource/noto-nastaliq-urdu/files" / source).is_file()


# --- the projector's language and prompt translations ----------------------------------------


def test_a_moderator_sets_the_projectors_language_and_screens_learn_it(app, make, sockets):
    moderator = make.moderator()
    room = make.room(moderators=[moderator])
    screen = sockets.screen(room)
    console = sockets.moderator(room)
    events(screen, "state")
    ack = console.emit("room:language", {"language": "ur"}, callback=True)
    assert ack == {"ok": True, "language": "ur"}
    db.session.refresh(room)
    assert room.language == "ur"
    from tests.conftest import flush

    flush(app)
    states = events(screen, "state")
    assert states and states[-1]["room"]["language"] == "ur"


def test_a_language_other_than_the_three_is_refused_and_changes_nothing(app, make, sockets):
    moderator = make.moderator()
    room = make.room(moderators=[moderator])
    console = sockets.moderator(room)
    ack = console.emit("room:language", {"language": "de"}, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "invalid_language"
    phone = sockets.phone(room)
    refused = phone.emit("room:language", {"language": "fr"}, callback=True)
    assert refused["ok"] is False
    db.session.refresh(room)
    assert room.language == "en"


def test_phones_and_screens_receive_the_prompts_translations(app, make, sockets):
    room = make.room()
    prompt = make.prompt(room, text="Trust grows", state="open")
    prompt.translations = {"fr": {"text": "La confiance grandit"}}
    db.session.commit()
    state = events(sockets.phone(room), "state")[-1]
    assert state["prompt"]["translations"] == {"fr": {"text": "La confiance grandit"}}
    assert state["room"]["language"] == "en"


@pytest.fixture
def console_client(app, make):
    moderator = make.moderator()
    room = make.room(moderators=[moderator])
    client = app.test_client()
    login(client)
    return client, room


def test_a_moderator_enters_a_prompts_text_and_options_in_french_and_urdu(console_client):
    client, room = console_client
    response = client.post(
        f"/console/room/{room.code}/prompts",
        data={
            "kind": "priority",
            "text": "What first?",
            "options": "Talks\nHotline",
            "rank_mode": "all",
            "fr_text": "Quoi d\u2019abord ?",
            "fr_options": "Entretiens\nLigne directe",
            "ur_text": "پہلے کیا؟",
        },
    )
    assert response.status_code == 302
    prompt = db.session.scalar(select(Prompt).where(Prompt.room_id == room.id))
    assert prompt.translations == {
        "fr": {"text": "Quoi d\u2019abord ?", "options": ["Entretiens", "Ligne directe"]},
        "ur": {"text": "پہلے کیا؟"},
    }
    form = client.get(f"/console/room/{room.code}/prompts/{prompt.id}/edit").get_data(as_text=True)
    assert "Ligne directe" in form and "پہلے کیا؟" in form


def test_translated_options_must_match_the_originals_in_number(console_client):
    client, room = console_client
    response = client.post(
        f"/console/room/{room.code}/prompts",
        data={
            "kind": "priority",
            "text": "What first?",
            "options": "Talks\nHotline\nVisits",
            "rank_mode": "all",
            "fr_options": "Entretiens\nLigne directe",
        },
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert re.search(r'id="fr_options-error">Must have 3 entries, like the original, not 2', body)
    assert db.session.scalar(select(Prompt).where(Prompt.room_id == room.id)) is None


@pytest.mark.parametrize("lang", ["fr", "ur"])
def test_translations_add_no_markup(lang):
    """Templates trust a translation as markup: no tag, quote or entity the English lacks."""
    for message in catalogue(lang):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        for text in strings:
            for char in '<>&"':
                assert text.count(char) <= max(i.count(char) for i in ids), (message.id, text)


def test_the_consoles_validation_messages_speak_the_moderators_language(console_client):
    client, room = console_client
    response = client.post(
        f"/console/room/{room.code}/prompts?lang=fr",
        data={"kind": "priority", "text": "What first?", "options": "Talks", "rank_mode": "all"},
    )
    assert response.status_code == 400
    assert re.search(r'id="options-error">Doit avoir de 2 à 12 options\.<', response.get_data(True))
    assert db.session.scalar(select(Prompt).where(Prompt.room_id == room.id)) is None
