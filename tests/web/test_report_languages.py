"""The report, its PDF and the data files in English, French and Urdu."""

import csv
import io
import re
import shutil
import subprocess
import zlib

import pytest

from facilitator.services.report_files import report_html, report_pdf
from tests.services.answers import answer, endorse, propose
from tests.web.test_exports import client_as

NATO = {"fr": "Responsable de l\u2019OTAN", "ur": "نیٹو اہلکار"}
GOVERNMENT = {"fr": "Gouvernement pakistanais", "ur": "پاکستانی حکومت"}


@pytest.fixture
def workshop(make):
    """A translated event with answers: a statement both groups agree with, and a proposal."""
    moderator = make.moderator("moderator")
    event = make.event(["NATO official", "Pakistani government"])
    nato, government, _ = event.constituencies
    nato.translations, government.translations = dict(NATO), dict(GOVERNMENT)
    room = make.room(event, moderators=[moderator], name="Plenary")
    room.translations = {"fr": "Plénière", "ur": "مکمل اجلاس"}
    position = make.prompt(room, "position", "Trust will grow.", points=5)
    position.translations = {
        "fr": {"text": "La confiance va grandir."},
        "ur": {"text": "اعتماد بڑھے گا\u06d4"},
    }
    answer(room, position, {nato.id: [5, 4, 4, 5, 5, 4], government.id: [4, 4, 5, 4, 2]})
    proposal = make.prompt(room, "proposal", "Your ideas", moderation="post")
    ids = propose(room, proposal, ["ہاٹ لائن قائم کی جائے", "A hotline between commanders"])
    endorse(room, ids[0], {nato.id: ["agree"] * 5, government.id: ["agree"] * 4 + ["pass"]})
    return event


def test_the_french_report_has_french_words_names_sentences_and_numbers(app, workshop):
    with app.test_request_context():
        page = report_html(workshop, lang="fr")
    assert '<html lang="fr" dir="ltr">' in page
    assert "Rapport de l\u2019atelier" in page
    assert "Plénière" in page and "La confiance va grandir." in page
    assert NATO["fr"] in page and "Workshop report" not in page
    # The finding's sentence from the same catalogue, with French percentages ("80 %").
    assert (
        "Chaque groupe ayant assez de réponses est d\u2019accord avec «\u00a0La confiance" in page
    )
    assert "Gouvernement pakistanais (80\u00a0%" in page and "80%" not in page
    assert "Terrain d\u2019entente" in page


def test_the_urdu_report_reads_right_to_left_with_urdu_names(app, workshop):
    with app.test_request_context():
        page = report_html(workshop, lang="ur")
    assert '<html lang="ur" dir="rtl">' in page
    assert "ورکشاپ رپورٹ" in page and "مکمل اجلاس" in page and NATO["ur"] in page
    assert "اعتماد بڑھے گا\u06d4" in page
    assert "کافی جوابات والا ہر گروپ" in page  # the finding's sentence, in Urdu


def test_the_english_report_is_unchanged_in_words(app, workshop):
    with app.test_request_context():
        page = report_html(workshop)
    assert '<html lang="en" dir="ltr">' in page
    assert "Workshop report" in page and "NATO official" in page
    assert "Every group with enough answers agrees with “Trust will grow.”" in page


def test_a_lang_link_gives_the_report_and_csv_in_that_language_without_changing_the_console(
    app, workshop
):
    client = client_as(app, "moderator")
    base = f"/console/events/{workshop.id}"
    page = client.get(f"{base}/report?lang=fr").get_data(as_text=True)
    assert "Rapport de l\u2019atelier" in page
    assert f'href="{base}/report?lang=ur"' in page or f'href="{base}/report.html?lang=ur"' in page
    # The console keeps its own language: the choice was for this download only.
    assert "lang=fr" not in client.get("/console/").headers.get("Set-Cookie", "")
    assert "Workshop report" in client.get(f"{base}/report").get_data(as_text=True)

    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"{base}/exports/positions.csv?lang=fr").get_data().decode("utf-8-sig")
            )
        )
    )
    assert rows[0][:4] == ["Salle", "Numéro de la question", "Question", "Groupe"]
    assert rows[1][0] == "Plénière" and rows[1][3] == "Tous les participants"
    assert {row[3] for row in rows[2:]} == {NATO["fr"], GOVERNMENT["fr"]}
    english = client.get(f"{base}/exports/positions.csv").get_data().decode("utf-8-sig")
    assert english.startswith("room,prompt_number,prompt,group")


def test_urdu_csv_headers_come_from_the_catalogue(app, workshop):
    client = client_as(app, "moderator")
    data = client.get(f"/console/events/{workshop.id}/exports/proposals.csv?lang=ur").get_data()
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header[:3] == ["کمرہ", "سوال نمبر", "سوال"]
    assert "تمام گروپوں کی حمایت" in header  # the name the screens use


def test_the_pdf_embeds_the_apps_urdu_font(app, workshop, tmp_path, monkeypatch):
    """With no Urdu font on the machine at all, the PDF still carries Noto Nastaliq Urdu."""
    fonts = tmp_path / "fonts.conf"
    fonts.write_text(
        '<?xml version="1.0"?><fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir>'
        f"<cachedir>{tmp_path}/cache</cachedir></fontconfig>"
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(fonts))
    with app.test_request_context():
        pdf = report_pdf(workshop, "ur")
    assert pdf.startswith(b"%PDF-")
    out = tmp_path / "report.pdf"
    out.write_bytes(pdf)
    if shutil.which("pdffonts"):
        listed = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
        assert "Nastaliq-Urdu" in listed or "NastaliqUrdu" in listed
    else:  # the font's name sits in the PDF's compressed object streams
        assert b"Nastaliq" in pdf or any(b"Nastaliq" in part for part in _inflated_streams(pdf))


def _inflated_streams(pdf: bytes) -> list[bytes]:
    """The PDF's Flate-compressed streams, decompressed."""
    parts = []
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            parts.append(zlib.decompressobj().decompress(pdf[match.end() :]))
        except zlib.error:
            continue
    return parts


def test_the_exports_page_offers_every_file_in_the_chosen_language(app, workshop):
    client = client_as(app, "moderator")
    page = client.get(f"/console/events/{workshop.id}/exports?lang=ur").get_data(as_text=True)
    assert "Report and data" in page  # the page itself stays in the console's language
    assert f"/console/events/{workshop.id}/exports/positions.csv?lang=ur" in page
    assert f"/console/events/{workshop.id}/report.pdf?lang=ur" in page


def test_an_urdu_scale_range_reads_one_to_seven_from_the_left():
    """Right to left, the range 1 to 7 would read 7 to 1: it is isolated as left-to-right text."""
    from facilitator.services.wording import wording

    header = wording("ur").text("Mean (1\u2013%(points)s)", points=7)
    assert "\u20661\u20137\u2069" in header
