"""Command line: create-moderator, import-agenda, demo, export."""

import getpass
import sys
from importlib import resources
from pathlib import Path

import click
from flask import current_app
from flask.cli import FlaskGroup
from sqlalchemy import select

from facilitator.domain.agenda import AgendaError, load_agenda_text
from facilitator.extensions import db
from facilitator.models import Event, Moderator
from facilitator.services import ServiceError, agenda, payloads

DEMO_USER, DEMO_PASSWORD = "demo", "demo-facilitator"


def init_app(app) -> None:
    """Register the commands on the app's CLI."""
    for command in (create_moderator, set_password, import_agenda, demo, export, close_event):
        app.cli.add_command(command)


def main() -> None:
    """The `facilitator` console script: Flask's CLI bound to create_app."""
    from facilitator import create_app

    FlaskGroup(create_app=lambda: create_app(), add_default_commands=True)(prog_name="facilitator")


def _add_moderator(username: str, password: str, name: str, admin: bool) -> Moderator:
    moderator = Moderator(username=username, display_name=name or username, is_admin=admin)
    moderator.set_password(password)
    db.session.add(moderator)
    db.session.commit()
    return moderator


def _new_password(password: str | None) -> str:
    """The password given, else asked for twice; at least 10 characters."""
    if password is None:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Repeat password: ") != password:
            raise click.ClickException("The passwords differ; nothing was done.")
    if len(password) < 10:
        raise click.ClickException("Use a password of at least 10 characters.")
    return password


@click.command("set-password")
@click.argument("username")
@click.option("--password", envvar="FACILITATOR_PASSWORD", help="Else asked for twice.")
def set_password(username, password):
    """Give a moderator a new password; their sessions on every device end."""
    from facilitator.services.accounts import end_all_sessions

    moderator = db.session.scalar(select(Moderator).where(Moderator.username == username.strip()))
    if moderator is None:
        raise click.ClickException(f"No moderator is named {username!r}.")
    password = _new_password(password)
    if password == DEMO_PASSWORD:
        raise click.ClickException("That is the demo's published password; choose another.")
    moderator.set_password(password)
    end_all_sessions(moderator)
    db.session.commit()
    click.echo(f"New password set for {moderator.username}; their other sessions are ended.")


@click.command("create-moderator")
@click.argument("username")
@click.option("--name", default="", help="Name shown to co-moderators.")
@click.option("--admin", is_flag=True, help="An organiser who may run every room.")
@click.option("--password", envvar="FACILITATOR_PASSWORD", help="Else asked for twice.")
def create_moderator(username, name, admin, password):
    """Create a moderator account with a hashed password."""
    username = username.strip()
    if not 1 <= len(username) <= 64 or not username.replace("-", "").replace("_", "").isalnum():
        raise click.BadParameter("use 1-64 letters, digits, '-' or '_'", param_hint="USERNAME")
    if db.session.scalar(select(Moderator).where(Moderator.username == username)):
        raise click.ClickException(f"A moderator named {username!r} exists already.")
    _add_moderator(username, _new_password(password), name, admin)
    click.echo(f"Moderator {username!r} created{' (organiser)' if admin else ''}.")


def _import(text: str) -> Event:
    try:
        parsed = load_agenda_text(text)
        event = agenda.import_agenda(parsed)
        db.session.commit()
    except AgendaError as error:
        db.session.rollback()
        where = f" (line {error.line}, column {error.column})" if error.line else ""
        raise click.ClickException(
            f"The agenda is not valid{where}; nothing was imported:\n{error}"
        ) from None
    except ServiceError as error:
        db.session.rollback()
        raise click.ClickException(f"{error.message} Nothing was imported.") from None
    return event


def _print_rooms(event: Event) -> None:
    public = current_app.config["PUBLIC_URL"]
    click.echo(f"Event: {event.title}")
    for room in event.rooms:
        click.echo(f"  {room.name} (code {room.code})")
        click.echo(f"    phones:    {payloads.join_url(room)}")
        click.echo(f"    projector: {public}/screen/{room.code}")


@click.command("import-agenda")
@click.argument("file", type=click.File("r", encoding="utf-8"))
def import_agenda(file):
    """Create an event, its rooms and prompts from an agenda file (docs/agenda.md)."""
    try:
        text = file.read(current_app.config["MAX_CONTENT_LENGTH"] + 1)
    except UnicodeDecodeError:
        raise click.ClickException("The file is not UTF-8 text; nothing was imported.") from None
    if len(text) > current_app.config["MAX_CONTENT_LENGTH"]:
        raise click.ClickException("The file is larger than the limit; nothing was imported.")
    _print_rooms(_import(text))


@click.command("demo")
def demo():
    """Load the demo workshop and its moderator once; print the URLs and the login."""
    moderator = db.session.scalar(select(Moderator).where(Moderator.username == DEMO_USER))
    if moderator is None:
        _add_moderator(DEMO_USER, DEMO_PASSWORD, "Demo moderator", admin=True)
    text = resources.files("facilitator.demo").joinpath("islamabad-workshop.json").read_text()
    title = load_agenda_text(text).title
    event = db.session.scalar(select(Event).where(Event.title == title))
    if event is None:
        event = _import(text)
    public = current_app.config["PUBLIC_URL"]
    _print_rooms(event)
    click.echo(f"\nModerator console: {public}/console   login {DEMO_USER} / {DEMO_PASSWORD}")
    sys.stdout.flush()


@click.command("export")
@click.argument("event_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["html", "pdf", "csv", "json"]), required=True)
@click.option("--out", type=click.Path(path_type=Path), required=True, help="File, or folder.")
@click.option(
    "--lang", type=click.Choice(["en", "fr", "ur"]), default="en", help="Language of the files."
)
def export(event_id, fmt, out, lang):
    """Write an event's report (html, pdf: a file) or data files (csv, json: into a folder)."""
    from facilitator.services.report_files import write_export

    event = db.session.get(Event, event_id)
    if event is None:
        raise click.ClickException(
            f"No event has the number {event_id} (the console's Report link shows it); "
            "nothing was written."
        )
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        try:
            written = write_export(event, fmt, out, lang)
        except ServiceError as error:
            raise click.ClickException(f"{error.message} Nothing was written.") from None
    for path in written:
        click.echo(f"wrote {path}")


@click.command("close-event")
@click.argument("event_id", type=int)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def close_event(event_id, yes):
    """Keep the event's report and data files, then delete its answers for good."""
    from facilitator.services.retention import close_event as close

    event = db.session.get(Event, event_id)
    if event is None:
        raise click.ClickException(f"No event has the number {event_id}.")
    if not yes:
        click.confirm(
            f"Close “{event.title}”? Its report and data files are kept; every answer, "
            "endorsement and key is deleted and cannot come back",
            abort=True,
        )
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        try:
            archive = close(event)
        except ServiceError as error:
            db.session.rollback()
            raise click.ClickException(error.message) from None
        db.session.commit()
        click.echo(
            f"Closed “{event.title}”: {len(archive.files)} data files and the report kept; "
            "its answers are deleted."
        )
