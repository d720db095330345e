"""Moderator console: the rooms a moderator runs, the live room page, agenda editing and import.

Handlers start from one load-or-abort helper; services flush and the handler commits once (or
rolls back and shows the error next to its field). Every successful POST redirects (PRG).
"""

from importlib import resources

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.exceptions import RequestEntityTooLarge

from facilitator.domain.agenda import AgendaError, load_agenda_text
from facilitator.models import Prompt, Room
from facilitator.services import ServiceError, agenda, barometer, pacing, payloads, unit
from facilitator.web.forms import (
    KIND_LABELS,
    AgendaImportForm,
    ConfirmForm,
    MoveForm,
    PromptForm,
    sentence,
)

bp = Blueprint("console", __name__, url_prefix="/console")


@bp.before_request
@login_required
def _require_login():
    """Every console page is for logged-in moderators only."""


@bp.context_processor
def _console_globals():
    return {"kind_labels": KIND_LABELS}


def load_room(code: str) -> Room:
    """The room with this join code if the current moderator may run it; else 404 or 403."""
    room = unit.room_by_code(code)
    if room is None:
        abort(404, "No room has this code.")
    if not current_user.can_moderate(room):
        abort(403, "You are not a moderator of this room.")
    return room


def load_prompt(code: str, prompt_id: int) -> tuple[Room, Prompt]:
    """A prompt of a room the current moderator may run; else 404 or 403."""
    room = load_room(code)
    prompt = unit.prompt(prompt_id)
    if prompt is None or prompt.room_id != room.id:
        abort(404, "This prompt is not in this room.")
    return room, prompt


def _room_url(room: Room, prompt_id: int | None = None) -> str:
    anchor = f"prompt-{prompt_id}" if prompt_id else None
    return url_for("console.room", code=room.code, _anchor=anchor)


# --- the moderator's rooms ------------------------------------------------------------------


@bp.route("/")
def index():
    """The events and rooms this moderator may run (an admin: all of them)."""
    events = unit.events_with_rooms()
    listing = []
    for event in events:
        rooms = [room for room in event.rooms if current_user.can_moderate(room)]
        if rooms:
            listing.append((event, [(room, payloads.join_url(room)) for room in rooms]))
    return render_template("console/index.html", listing=listing)


# --- agenda import --------------------------------------------------------------------------


def _require_admin() -> None:
    if not current_user.is_admin:
        abort(403, "Only an organiser (admin) may import agendas.")


@bp.route("/import", methods=["GET", "POST"])
def import_agenda():
    """Upload an agenda file; create its event, rooms and prompts, or nothing and say why."""
    _require_admin()
    form = AgendaImportForm()
    errors: list[dict] = []
    total = 0
    if form.validate_on_submit():
        text, problem = _read_upload(form.agenda.data)
        if problem:
            form.agenda.errors.append(problem)
        else:
            try:
                event = agenda.import_agenda(load_agenda_text(text), current_user)
                unit.commit()
            except AgendaError as error:
                unit.rollback()
                errors, total = _agenda_errors(error), error.total
            except ServiceError as error:
                unit.rollback()
                errors = [{"path": error.field or "", "message": sentence(error.message)}]
            else:
                codes = "; ".join(f"{room.name}: {room.code}" for room in event.rooms)
                flash(
                    _(
                        "Imported “%(title)s”. Rooms and join codes: %(codes)s.",
                        title=event.title,
                        codes=codes,
                    ),
                    "success",
                )
                return redirect(url_for("console.index"))
    status = 400 if request.method == "POST" else 200
    total = total or len(errors)
    return render_template("console/import.html", form=form, errors=errors, total=total), status


@bp.route("/import/example.json")
def example_agenda():
    """The demo workshop's agenda file, as a starting point for a new one."""
    _require_admin()
    data = resources.files("facilitator.demo").joinpath("islamabad-workshop.json").read_bytes()
    disposition = "attachment; filename=example-agenda.json"
    return Response(data, mimetype="application/json", headers={"Content-Disposition": disposition})


def _read_upload(storage) -> tuple[str, str | None]:
    """The uploaded file as text, or a message saying why it cannot be read."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    with storage.stream:  # a large upload is a temporary file: closed once read
        raw = storage.stream.read(limit + 1)
    if len(raw) > limit:
        return "", _too_large_message(limit)
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return "", _("The file is not UTF-8 text. Save it as UTF-8 (plain JSON) and try again.")


def _too_large_message(limit: int) -> str:
    size = f"{limit / 2**20:g} MB" if limit >= 2**20 else f"{limit // 1024} KB"
    return _(
        "The file is larger than %(size)s; an agenda file is much smaller. Check the file.",
        size=size,
    )


def _agenda_errors(error: AgendaError) -> list[dict]:
    where = f"line {error.line}, column {error.column}" if error.line else None
    return [
        {"path": "" if path == where else path, "message": sentence(message), "where": where}
        for path, message in error.errors
    ]


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(_error):
    """An upload over the request limit: say so on the import page rather than a bare 413."""
    if request.endpoint != "console.import_agenda" or not getattr(current_user, "is_admin", 0):
        return render_template("error.html", status=413, title="Too large", error=_error), 413
    form = AgendaImportForm(formdata=None)
    form.agenda.errors = [_too_large_message(current_app.config["MAX_CONTENT_LENGTH"])]
    return render_template("console/import.html", form=form, errors=[], total=0), 413


# --- the live room page ---------------------------------------------------------------------


def _link_and_pace(prompt: Prompt, form: PromptForm) -> None:
    """Apply the form's pre/post link and countdown to a prompt just added or edited."""
    barometer.link(prompt, form.linked_prompt_id.data if prompt.kind == "position" else None)
    pacing.set_pacing(prompt, form.countdown.data, bool(form.auto_close.data))


def _other_rooms(room: Room) -> list[Room]:
    """The event's other rooms the current moderator runs (to share a prompt with)."""
    return [r for r in room.event.rooms if r.id != room.id and current_user.can_moderate(r)]


def _render_room(room: Room, form: PromptForm, status: int = 200):
    form.offer_links(barometer.link_choices(None, room))
    form.offer_rooms(_other_rooms(room))
    return (
        render_template(
            "console/room.html",
            room=room,
            form=form,
            join_url=payloads.join_url(room),
            short_url=payloads.join_url(room).split("://", 1)[-1],
            action_form=ConfirmForm(formdata=None),
            counts={prompt.id: payloads.counts(prompt) for prompt in room.prompts},
        ),
        status,
    )


@bp.route("/room/<code>")
def room(code: str):
    """The live console of one room: agenda and controls left, the selected prompt right."""
    return _render_room(load_room(code), PromptForm(formdata=None))


@bp.route("/room/<code>/prompts", methods=["POST"])
def add_prompt(code: str):
    """Append a draft prompt to the room's agenda."""
    room = load_room(code)
    form = PromptForm()
    if form.validate():
        try:
            copies = _shared_with(room, form.rooms.data)
            what = (form.kind.data, form.text.data, form.settings(), current_user)
            options = {"translations": form.translations()}
            if copies:
                prompt, *others = agenda.add_shared_prompt([room, *copies], *what, **options)
            else:
                prompt, others = agenda.add_prompt(room, *what, **options), []
            _link_and_pace(prompt, form)
            for other in others:
                pacing.set_pacing(other, form.countdown.data, bool(form.auto_close.data))
            unit.commit()
        except ServiceError as error:
            unit.rollback()
            form.add_error(error.field, error.message)
        else:
            number = prompt.position + 1
            if copies:
                rooms = ", ".join(r.name for r in copies)
                message = _(
                    "Prompt %(n)d added as a draft and to %(rooms)s.", n=number, rooms=rooms
                )
                flash(message, "success")
            else:
                flash(_("Prompt %(n)d added as a draft.", n=number), "success")
            return redirect(_room_url(room, prompt.id))
    return _render_room(room, form, 400)


def _shared_with(room: Room, room_ids) -> list[Room]:
    """The other rooms chosen to receive the same prompt; refused unless each is offered."""
    offered = {r.id: r for r in _other_rooms(room)}
    if any(room_id not in offered for room_id in room_ids or ()):
        raise ServiceError("room_not_offered", "Choose among the rooms listed.", "rooms")
    return [offered[room_id] for room_id in dict.fromkeys(room_ids or ())]


@bp.route("/room/<code>/prompts/<int:prompt_id>/edit", methods=["GET", "POST"])
def edit_prompt(code: str, prompt_id: int):
    """Change a draft prompt's text and settings."""
    room, prompt = load_prompt(code, prompt_id)
    if request.method == "GET":
        form = PromptForm.for_prompt(prompt)
    else:
        form = PromptForm()
        form.kind.data = prompt.kind  # a prompt keeps its kind
    if prompt.state != "draft":
        form.form_errors.append(
            _(
                "This prompt has been opened: it can no longer be edited, so that the answers "
                "given keep their meaning."
            )
        )
    elif request.method == "POST" and form.validate():
        try:
            agenda.edit_prompt(
                prompt,
                form.text.data,
                form.settings(),
                current_user,
                translations=form.translations(),
            )
            _link_and_pace(prompt, form)
            unit.commit()
        except ServiceError as error:
            unit.rollback()
            form.add_error(error.field, error.message)
        else:
            flash(_("Prompt %(n)d saved.", n=prompt.position + 1), "success")
            return redirect(_room_url(room, prompt.id))
    status = 200 if request.method == "GET" else 400
    form.offer_links(barometer.link_choices(prompt, room))
    return render_template("console/edit.html", room=room, prompt=prompt, form=form), status


@bp.route("/room/<code>/prompts/<int:prompt_id>/delete", methods=["POST"])
def delete_prompt(code: str, prompt_id: int):
    """Remove a draft prompt from the agenda."""
    room, prompt = load_prompt(code, prompt_id)
    position = prompt.position + 1
    try:
        agenda.delete_prompt(prompt, current_user)
        unit.commit()
    except ServiceError as error:
        unit.rollback()
        flash(sentence(error.message), "error")
        return redirect(_room_url(room, prompt_id))
    flash(_("Prompt %(n)d deleted.", n=position), "success")
    return redirect(_room_url(room))


@bp.route("/room/<code>/prompts/<int:prompt_id>/move", methods=["POST"])
def move_prompt(code: str, prompt_id: int):
    """Move a prompt one place up or down the agenda."""
    room, prompt = load_prompt(code, prompt_id)
    form = MoveForm()
    if not form.validate():
        abort(400, "Move a prompt up or down.")
    try:
        agenda.move_prompt(prompt, -1 if form.direction.data == "up" else 1, current_user)
        unit.commit()
    except ServiceError as error:
        unit.rollback()
        flash(sentence(error.message), "error")
    return redirect(_room_url(room, prompt_id))
