"""`facilitator export`: the report and data files from the command line; bad input is refused."""

import csv
import io

import pypdf
import pytest

from tests.services.answers import answer


@pytest.fixture
def event(make):
    """An event with one answered statement."""
    event = make.event(("NATO official", "Pakistani government"))
    nato, government, _ = (c.id for c in event.constituencies)
    room = make.room(event)
    prompt = make.prompt(room, "position", "Trust will grow.", points=5)
    answer(room, prompt, {nato: [4, 5, 4, 5, 5], government: [2, 1, 2, 2, 3]})
    return event


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(args=["export", *map(str, args)])


def test_export_writes_a_standalone_html_report(cli, event, tmp_path):
    out = tmp_path / "report.html"
    result = cli(event.id, "--format", "html", "--out", out)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "Trust will grow." in page
    assert "<style>" in page and "@page" in page  # readable away from the server
    assert 'rel="stylesheet"' not in page


def test_export_writes_a_pdf(cli, event, tmp_path):
    out = tmp_path / "report.pdf"
    assert cli(event.id, "--format", "pdf", "--out", out).exit_code == 0
    text = pypdf.PdfReader(out).pages[0].extract_text()
    assert "Test workshop" in text


def test_export_writes_the_csv_files_into_a_folder(cli, event, tmp_path):
    result = cli(event.id, "--format", "csv", "--out", tmp_path / "data")
    assert result.exit_code == 0, result.output
    names = sorted(path.name for path in (tmp_path / "data").iterdir())
    assert names == [
        "endorsements.csv",
        "opinion_groups.csv",
        "positions.csv",
        "priorities.csv",
        "proposals.csv",
        "responses.csv",
    ]
    rows = list(
        csv.DictReader(io.StringIO((tmp_path / "data/responses.csv").read_text("utf-8-sig")))
    )
    assert len(rows) == 10
    assert cli(event.id, "--format", "json", "--out", tmp_path / "data").exit_code == 0
    assert (tmp_path / "data/aggregates.json").exists()


def test_export_refuses_bad_input_and_writes_nothing(cli, event, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    missing = cli(999, "--format", "pdf", "--out", tmp_path / "r.pdf")
    assert missing.exit_code != 0
    assert "No event has the number 999" in missing.output
    wrong = cli(event.id, "--format", "docx", "--out", tmp_path / "r.docx")
    assert wrong.exit_code != 0
    assert "docx" in wrong.output
    nowhere = cli(event.id, "--format", "html", "--out", tmp_path / "no/such/folder/r.html")
    assert "does not exist" in nowhere.output
    (tmp_path / "file.txt").write_text("x")
    clash = cli(event.id, "--format", "csv", "--out", tmp_path / "file.txt")
    assert "is a file" in clash.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


def test_export_writes_the_report_in_french(cli, event, tmp_path):
    out = tmp_path / "rapport.html"
    result = cli(event.id, "--format", "html", "--out", out, "--lang", "fr")
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert '<html lang="fr"' in page and "Comment ces chiffres sont établis" in page
    assert "Noto Nastaliq Urdu" in page and "data:font/woff2;base64," in page
