"""The one statement that writes or changes an answer, and only while its prompt is open.

    INSERT INTO response (...) SELECT :values WHERE EXISTS (the prompt is open in the room)
    ON CONFLICT (prompt_id, participant_key) DO UPDATE SET ... WHERE client_id differs

One statement checks that the prompt is open, inserts or changes the row, and leaves a resend
(the same client id) untouched, so that several workers need no shared cache of prompt states
and two racing phones cannot both insert. Built once per table and dialect.
"""

from sqlalchemy import Table, and_, bindparam, cast, exists, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from facilitator.models import Prompt, PromptState, Proposal, ProposalStatus, Response

_STATEMENTS: dict[tuple[str, str], object] = {}
# Per table: the unique key, and the condition under which a row may be written.
_KEYS = {
    "response": ("prompt_id", "participant_key"),
    "endorsement": ("proposal_id", "participant_key"),
}


def _open_condition(table: Table):
    """The prompt (of the response, or of the endorsed proposal) is open in the room."""
    room = bindparam("room_id")
    if table is Response.__table__:
        prompt = Prompt.__table__
        return exists().where(
            prompt.c.id == bindparam("prompt_id"),
            prompt.c.room_id == room,
            prompt.c.state == PromptState.OPEN.value,
        )
    prompt, proposal = Prompt.__table__, Proposal.__table__
    return exists().where(
        and_(
            proposal.c.id == bindparam("proposal_id"),
            proposal.c.status == ProposalStatus.APPROVED.value,
            prompt.c.id == proposal.c.prompt_id,
            prompt.c.room_id == room,
            prompt.c.state == PromptState.OPEN.value,
        )
    )


def _statement(dialect: str, table: Table, names: list[str]):
    insert = {"sqlite": sqlite_insert, "postgresql": postgresql_insert}[dialect]
    # PostgreSQL must be told each parameter's type; SQLite would cast JSON text to a number.
    params = [
        cast(bindparam(n, type_=table.c[n].type), table.c[n].type)
        if dialect == "postgresql"
        else bindparam(n, type_=table.c[n].type)
        for n in names
    ]
    source = select(*params).where(_open_condition(table))
    statement = insert(table).from_select(names, source)
    key = _KEYS[table.name]
    return statement.on_conflict_do_update(
        index_elements=list(key),
        set_={
            **{n: statement.excluded[n] for n in names if n not in key},
            "revision": table.c.revision + 1,
        },
        where=table.c.client_id != statement.excluded.client_id,
    ).returning(table.c.id)  # a row back when written (rowcount is -1 on psycopg here)


def write(session: Session, model, params: dict) -> bool:
    """Insert or change one response or endorsement row; whether a row was written."""
    dialect = session.get_bind().dialect.name
    table = model.__table__
    statement = _STATEMENTS.get((dialect, table.name))
    if statement is None:
        names = [n for n in params if n != "room_id"]
        statement = _STATEMENTS.setdefault((dialect, table.name), _statement(dialect, table, names))
    return session.execute(statement, params).first() is not None
