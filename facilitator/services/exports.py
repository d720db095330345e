"""Exports of an event: aggregates and anonymous response tables as CSV and JSON files.

Every breakdown obeys k with complementary suppression (domain/anonymity.visible_groups), decided
per prompt (per proposal for endorsements) exactly as on the screens. The response tables use the
same decision: a row names its constituency only where that group is shown for that prompt, and
every other row carries one merged label. So each table agrees with the others, and what is left
over (all respondents minus the groups shown) is 0 or at least k — nothing smaller can be recovered
by subtraction. Response tables hold no participant keys, client ids or row ids, and their rows
are shuffled with the system's random source. Proposals never show their author's group.

Every file is made in one language (en, fr or ur): group and room names, prompt texts and options
where the agenda translates them, the "All participants" and merged labels, answers' words and,
in French and Urdu, the CSV column headers (English keeps the stable machine names). JSON keys
stay the same in every language.
"""

import csv
import io
import json
import secrets
import zipfile

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from facilitator.domain.anonymity import visible_groups
from facilitator.domain.wording import Wording
from facilitator.extensions import db
from facilitator.i18n import DEFAULT
from facilitator.models import Event, EventArchive, Prompt, Proposal, ProposalStatus
from facilitator.services import ServiceError, payloads
from facilitator.services import groups as group_rows
from facilitator.services.moderation import merged_from_counts
from facilitator.services.report import localized
from facilitator.services.wording import wording

ALL = "All participants"
MERGED = "Other groups (merged: each below the threshold)"
MAX_POINTS = 7
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def exported_prompts(event: Event) -> list[Prompt]:
    """The prompts that have been opened, in room and agenda order."""
    return [p for room in event.rooms for p in room.prompts if p.opened_at is not None]


def _names(event: Event, lang: str) -> dict[int, str]:
    return {c.id: c.name_in(lang) for c in event.constituencies}


def _prompt_head(prompt: Prompt, lang: str) -> dict:
    return {
        "room": prompt.room.name_in(lang),
        "prompt_number": prompt.position + 1,
        "prompt": localized(prompt, lang)[0],
        "kind": prompt.kind,
    }


# --- aggregates -----------------------------------------------------------------------------


def prompt_aggregates(
    prompt: Prompt, names: dict[int, str], lang: str = DEFAULT, results: dict | None = None
) -> dict:
    """A prompt's overall results and its shown groups' results, groups named.

    results: the prompt's results to name (payloads.results' shape), when not its live ones:
    the snapshot screens were shown (services/release.py), for a chart of what was published.
    """
    results = payloads.results(prompt) if results is None else results
    settings = localized(prompt, lang)[1]
    item = {**_prompt_head(prompt, lang), "state": prompt.state, "settings": settings}
    if prompt.kind == "proposal":
        # "Merged from N": the proposals merged into it, directly or through another, as on
        # the console and in the report (moderation.merged_from_counts).
        merged_from = merged_from_counts(
            db.session.scalars(select(Proposal).where(Proposal.prompt_id == prompt.id)).all()
        )
        item["proposals"] = [
            _proposal_aggregate(p, names, merged_from.get(p["id"], 0)) for p in results["proposals"]
        ]
        item["opinion_groups"] = _opinion_aggregate(results["opinion_groups"], results["proposals"])
        return item
    found = results["breakdown"]
    item["overall"] = results["summary"]
    item["groups"] = [
        {"group": names[g["group"]], "n": g["n"], "summary": g["summary"]} for g in found["groups"]
    ]
    item["suppressed_n"] = found["suppressed_n"]
    if prompt.kind == "priority":
        item["agreement"] = [
            {"a": names[pair["a"]], "b": names[pair["b"]], "tau_b": pair["tau_b"]}
            for pair in found["agreement"]
        ]
    return item


def _proposal_aggregate(proposal: dict, names: dict[int, str], merged_from: int) -> dict:
    found = proposal["breakdown"]
    return {
        "text": proposal["text"],
        "agree": proposal["agree"],
        "disagree": proposal["disagree"],
        "pass": proposal["pass"],
        "votes": proposal["votes"],
        "share_agree": proposal["share_agree"],
        "bridging": proposal["bridging"],
        "support_across_groups": proposal["support_across_groups"],
        "merged_from": merged_from,
        "groups": [{**g, "group": names[g["group"]]} for g in found["groups"]],
        "suppressed_n": found["suppressed_n"],
    }


def _opinion_aggregate(found: dict, proposals: list[dict]) -> dict:
    """Opinion groups as on the screens, each proposal id given its text too."""
    texts = {p["id"]: p["text"] for p in proposals}

    def named(rows: list[dict]) -> list[dict]:
        return [{**row, "proposal": texts.get(row["proposal_id"])} for row in rows]

    return {
        **found,
        "groups": [{**g, "representative": named(g["representative"])} for g in found["groups"]],
        "consensus": named(found["consensus"]),
    }


def aggregates(event: Event, lang: str = DEFAULT) -> dict:
    """Every opened prompt's aggregates, with the event, k and the constituencies."""
    names = _names(event, lang)
    return {
        "lang": lang,
        "format": "facilitator-aggregates/1",
        "event": {"title": event.title, "subtitle": event.subtitle},
        "k": current_app.config["ANONYMITY_K"],
        "constituencies": [names[c.id] for c in event.constituencies],
        "note": wording(lang).text(
            "Groups with fewer than k respondents are left out, and so is the smallest shown "
            "group when needed, so that all respondents minus the groups shown is 0 or at least k."
        ),
        "prompts": [prompt_aggregates(p, names, lang) for p in exported_prompts(event)],
    }


# --- anonymous response tables --------------------------------------------------------------


def _label(group: int, shown: set, names: dict[int, str], w: Wording) -> str:
    return names[group] if group in shown else w.text(MERGED)


def _shuffled(rows: list[dict]) -> list[dict]:
    secrets.SystemRandom().shuffle(rows)
    return rows


def _answer(prompt: Prompt, value, lang: str, w: Wording) -> tuple[str, str]:
    """A response value as (answer, answer_text) for people reading the table."""
    settings = localized(prompt, lang)[1]
    if prompt.kind == "priority":
        return (
            " > ".join(str(i + 1) for i in value),
            " > ".join(settings["options"][i] for i in value),
        )
    if value is None:
        return "", w.text("no opinion")
    ends = {1: settings["label_low"], settings["points"]: settings["label_high"]}
    text = ends.get(value) or w.text(
        "%(point)s of %(points)s", point=value, points=settings["points"]
    )
    return str(value), text


def response_rows(event: Event, lang: str = DEFAULT) -> list[dict]:
    """One row per position or priority response: prompt, constituency or merged label, answer."""
    names = _names(event, lang)
    w = wording(lang)
    k = current_app.config["ANONYMITY_K"]
    rows = []
    for prompt in exported_prompts(event):
        if prompt.kind == "proposal":
            continue
        answers = group_rows.responses(prompt.id)
        sizes = {group: 0 for group in names}
        for group, _ in answers:
            sizes[group] += 1
        shown = visible_groups(sizes, k)
        for group, value in answers:
            answer, text = _answer(prompt, value, lang, w)
            rows.append(
                {
                    **_prompt_head(prompt, lang),
                    "constituency": _label(group, shown, names, w),
                    "answer": answer,
                    "answer_text": text,
                }
            )
    return _shuffled(rows)


def endorsement_rows(event: Event, lang: str = DEFAULT) -> list[dict]:
    """One row per endorsement of an approved proposal: proposal, voter's group or merged, vote."""
    names = _names(event, lang)
    w = wording(lang)
    k = current_app.config["ANONYMITY_K"]
    rows = []
    for prompt in exported_prompts(event):
        if prompt.kind != "proposal":
            continue
        proposals = db.session.scalars(
            select(Proposal).where(
                Proposal.prompt_id == prompt.id, Proposal.status == ProposalStatus.APPROVED
            )
        ).all()
        by_proposal: dict[int, list] = {proposal.id: [] for proposal in proposals}
        for proposal_id, group, vote in group_rows.endorsements(prompt.id):
            by_proposal[proposal_id].append((group, vote))
        for proposal in proposals:
            votes = by_proposal[proposal.id]
            sizes = {group: 0 for group in names}
            for group, _ in votes:
                sizes[group] += 1
            shown = visible_groups(sizes, k)
            rows.extend(
                {
                    **_prompt_head(prompt, lang),
                    "proposal": proposal.text,
                    "constituency": _label(group, shown, names, w),
                    "vote": vote,
                }
                for group, vote in votes
            )
    return _shuffled(rows)


# --- files ----------------------------------------------------------------------------------


def _cell(value):
    """A CSV cell; text that a spreadsheet would run as a formula is quoted with a '."""
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


# Each column's header in French and Urdu (through the catalogues); English keeps the names.
HEADERS = {
    "room": "Room",
    "prompt_number": "Prompt number",
    "prompt": "Prompt",
    "kind": "Kind",
    "group": "Group",
    "constituency": "Group",
    "n": "n",
    "no_opinion": "No opinion",
    "mean": "Mean",
    "median": "Median",
    "share_agree": "Share agreeing",
    "share_disagree": "Share disagreeing",
    "share_neutral": "Share neutral",
    "consensus": "Consensus",
    "rank": "Rank",
    "option": "Option",
    "borda": "Borda points",
    "score": "Score",
    "mean_position": "Mean position",
    "share_first": "Share ranking it first",
    "proposal": "Proposal",
    "merged_from": "Merged from",
    "agree": "Agree",
    "disagree": "Disagree",
    "pass": "Pass",
    "bridging": "Bridging",
    "support_across_groups": "Support across groups",
    "answer": "Answer",
    "answer_text": "Answer in words",
    "vote": "Vote",
}


def header(column: str, lang: str) -> str:
    """A CSV column's header: its stable name in English, its translated name otherwise."""
    if lang == DEFAULT:
        return column
    w = wording(lang)
    if column.startswith("count_"):
        return w.text("Count of %(point)s", point=column.removeprefix("count_"))
    return w.text(HEADERS[column])


def _csv(columns: list[str], rows: list[dict], lang: str = DEFAULT) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([header(column, lang) for column in columns])
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return out.getvalue().encode("utf-8-sig")


HEAD = ["room", "prompt_number", "prompt"]
POSITION_COLUMNS = [
    *HEAD,
    *["group", "n", "no_opinion", "mean", "median", "share_agree", "share_disagree"],
    *["share_neutral", "consensus"],
    *[f"count_{point}" for point in range(1, MAX_POINTS + 1)],
]
PRIORITY_COLUMNS = [
    *HEAD,
    *["group", "n", "rank", "option", "borda", "score", "mean_position", "share_first"],
]
PROPOSAL_COLUMNS = [
    *HEAD,
    *["rank", "proposal", "merged_from", "group", "agree", "disagree", "pass", "share_agree"],
    *["bridging", "support_across_groups"],
]


def _rows_by_group(item: dict, everyone: str) -> list[tuple[str, int, dict]]:
    overall = item["overall"]
    return [(everyone, overall["n"], overall)] + [
        (g["group"], g["n"], g["summary"]) for g in item["groups"]
    ]


def positions_csv(data: dict) -> bytes:
    """Position results per prompt: all participants, then each shown group."""
    lang = data.get("lang", DEFAULT)
    everyone = wording(lang).text(ALL)
    rows = []
    for item in (p for p in data["prompts"] if p["kind"] == "position"):
        for group, n, summary in _rows_by_group(item, everyone):
            row = {**item, "group": group, "n": n, **summary}
            row.update({f"count_{i}": c for i, c in enumerate(summary["counts"], start=1)})
            rows.append(row)
    return _csv(POSITION_COLUMNS, rows, lang)


def priorities_csv(data: dict) -> bytes:
    """Priority results per prompt and option: all participants, then each shown group."""
    lang = data.get("lang", DEFAULT)
    everyone = wording(lang).text(ALL)
    rows = []
    for item in (p for p in data["prompts"] if p["kind"] == "priority"):
        options = item["settings"]["options"]
        for group, n, summary in _rows_by_group(item, everyone):
            for rank, index in enumerate(summary["order"], start=1):
                option = summary["options"][index]
                rows.append(
                    {
                        **item,
                        **option,
                        "group": group,
                        "n": n,
                        "rank": rank,
                        "option": options[index],
                    }
                )
    return _csv(PRIORITY_COLUMNS, rows, lang)


def proposals_csv(data: dict) -> bytes:
    """Approved proposals by bridging rank with endorsement tallies, overall and per shown group."""
    lang = data.get("lang", DEFAULT)
    everyone = wording(lang).text(ALL)
    rows = []
    for item in (p for p in data["prompts"] if p["kind"] == "proposal"):
        for rank, proposal in enumerate(item["proposals"], start=1):
            base = {**item, **proposal, "rank": rank, "proposal": proposal["text"]}
            rows.append({**base, "group": everyone})
            rows.extend({**base, **group} for group in proposal["groups"])
    return _csv(PROPOSAL_COLUMNS, rows, lang)


OPINION_COLUMNS = [
    *HEAD,
    *["opinion_group", "n", "centre_x", "centre_y", "proposal", "agree", "disagree", "pass"],
    "consensus",
]
ALL_OPINION_GROUPS = "All opinion groups"


def opinion_groups_csv(data: dict) -> bytes:
    """Opinion groups per proposal prompt: each group's size and centre, then its representative
    proposals with the group's votes; then the consensus across all opinion groups."""
    rows = []
    for item in (p for p in data["prompts"] if p["kind"] == "proposal"):
        found = item["opinion_groups"]
        for group in found["groups"]:
            label = f"Opinion group {group['id'] + 1}"
            x, y = group["centre"]
            head = {"opinion_group": label, "n": group["n"], "centre_x": x, "centre_y": y}
            rows.append({**item, **head})
            rows.extend({**item, **r, "opinion_group": label} for r in group["representative"])
        rows.extend(
            {**item, **c, "opinion_group": ALL_OPINION_GROUPS, "consensus": c["score"]}
            for c in found["consensus"]
        )
    return _csv(OPINION_COLUMNS, rows)


RESPONSE_COLUMNS = [*HEAD, "kind", "constituency", "answer", "answer_text"]
ENDORSEMENT_COLUMNS = [*HEAD, "proposal", "constituency", "vote"]


def responses_json(event: Event, lang: str = DEFAULT) -> dict:
    """Both anonymous tables in one JSON document, rows shuffled."""
    return {
        "format": "facilitator-responses/1",
        "lang": lang,
        "event": {"title": event.title, "subtitle": event.subtitle},
        "k": current_app.config["ANONYMITY_K"],
        "merged_label": wording(lang).text(MERGED),
        "responses": response_rows(event, lang),
        "endorsements": endorsement_rows(event, lang),
    }


def _json(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


CSV, JSON = "text/csv; charset=utf-8", "application/json"
FILES: dict[str, tuple[str, object]] = {
    "positions.csv": (CSV, _l("Position results: all participants and each shown group.")),
    "priorities.csv": (CSV, _l("Priority results: each option's rank and Borda score, by group.")),
    "proposals.csv": (
        CSV,
        _l("Approved proposals by bridging, with agree/disagree/pass by group."),
    ),
    "opinion_groups.csv": (
        CSV,
        _l("Opinion groups found in the votes: size, centre, representative proposals."),
    ),
    "responses.csv": (CSV, _l("Every answer, one row each, in random order, no keys.")),
    "endorsements.csv": (CSV, _l("Every endorsement, one row each, in random order, no keys.")),
    "aggregates.json": (JSON, _l("All results as one JSON document.")),
    "responses.json": (JSON, _l("Both anonymous tables as one JSON document.")),
}


def export_file(event: Event, name: str, lang: str = DEFAULT) -> tuple[bytes, str]:
    """The named export file of the event in a language as (content, content type); unknown
    names refused. A closed event's files are the archived ones, as made then."""
    if name not in FILES:
        raise ServiceError(
            "unknown_export",
            f"There is no export called {name!r}; choose one of {', '.join(FILES)}.",
        )
    archived = _archived_files(event)
    if archived is not None:
        if name not in archived:
            raise ServiceError("not_archived", f"{name} did not exist when this event was closed.")
        return archived[name].encode("utf-8"), FILES[name][0]
    builders = {
        "positions.csv": lambda: positions_csv(aggregates(event, lang)),
        "priorities.csv": lambda: priorities_csv(aggregates(event, lang)),
        "proposals.csv": lambda: proposals_csv(aggregates(event, lang)),
        "opinion_groups.csv": lambda: opinion_groups_csv(aggregates(event, lang)),
        "responses.csv": lambda: _csv(RESPONSE_COLUMNS, response_rows(event, lang), lang),
        "endorsements.csv": lambda: _csv(ENDORSEMENT_COLUMNS, endorsement_rows(event, lang), lang),
        "aggregates.json": lambda: _json(aggregates(event, lang)),
        "responses.json": lambda: _json(responses_json(event, lang)),
    }
    return builders[name](), FILES[name][0]


def _archived_files(event: Event) -> dict | None:
    """A closed event's data files as kept at close-event (services/retention.py)."""
    return db.session.scalar(select(EventArchive.files).where(EventArchive.event_id == event.id))


def export_zip(event: Event, lang: str = DEFAULT) -> bytes:
    """Every export file of the event, in a language, in one zip archive."""
    archived = _archived_files(event)
    contents = (
        {name: text.encode("utf-8") for name, text in archived.items()}
        if archived is not None
        else _contents(event, lang)
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in contents.items():
            archive.writestr(name, content)
    return out.getvalue()


def _contents(event: Event, lang: str) -> dict[str, bytes]:
    data = aggregates(event, lang)
    responses = responses_json(event, lang)
    return {
        "positions.csv": positions_csv(data),
        "priorities.csv": priorities_csv(data),
        "proposals.csv": proposals_csv(data),
        "opinion_groups.csv": opinion_groups_csv(data),
        "responses.csv": _csv(RESPONSE_COLUMNS, responses["responses"], lang),
        "endorsements.csv": _csv(ENDORSEMENT_COLUMNS, responses["endorsements"], lang),
        "aggregates.json": _json(data),
        "responses.json": _json(responses),
    }
