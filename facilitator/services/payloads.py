"""Per-role payloads: what each role (phone, projector, console) gets of a room and its prompts."""

from flask import current_app
from sqlalchemy import func, select

from facilitator.domain.breakdown import breakdown, proposal_breakdown
from facilitator.domain.findings import Thresholds, prompt_findings
from facilitator.domain.hyphenation import hyphenated
from facilitator.domain.kinds import get_kind
from facilitator.domain.proposal import summarize_proposals
from facilitator.extensions import db
from facilitator.i18n import LANGUAGES
from facilitator.models import Endorsement, Prompt, Proposal, ProposalStatus, Response, Room
from facilitator.services import barometer, duplicates, opinion, pacing, release, screen
from facilitator.services import groups as group_rows
from facilitator.services.moderation import merged_from_counts
from facilitator.services.phones import connected_phones
from facilitator.services.wording import localized, wording

PARTICIPANT, SCREEN, MODERATOR = "participant", "screen", "moderator"
ROLES = (PARTICIPANT, SCREEN, MODERATOR)


def join_url(room: Room) -> str:
    """The address a phone opens to join the room (it goes into the QR code)."""
    return f"{current_app.config['PUBLIC_URL']}/j/{room.code}"


def room_view(room: Room, role: str, current_views: dict[str, dict] | None = None) -> dict:
    """The full state of a room for one role, sent on every (re)connect and agenda change.

    current_views: the current prompt's prompt_views(), when the caller builds every role's."""
    public = current_app.config["PUBLIC_URL"]
    view = {
        "room": {
            "id": room.id,
            "code": room.code,
            "name": room.name,
            "kind": room.kind,
            "event": room.event.title,
            "join_url": join_url(room),
            "short_url": f"{public.split('://', 1)[-1]}/j/{room.code}",
            "language": room.language or "en",
            "translations": room.translations or {},
        },
        "constituencies": [
            {
                "id": c.id,
                "name": c.name,
                "undisclosed": c.is_undisclosed,
                "translations": c.translations or {},
            }
            for c in room.event.constituencies
        ],
        "k": current_app.config["ANONYMITY_K"],
        "current_prompt_id": room.current_prompt_id,
        # What the projector shows instead of the room: {"rollup": family}, or None.
        "screen": screen.screen_view(room),
    }
    if role == SCREEN:  # narrow columns: where the names' words may break, in the room's language
        lang = room.language or "en"
        for group, c in zip(view["constituencies"], room.event.constituencies, strict=True):
            group["hyphenated"] = hyphenated(c.name_in(lang), lang)
    if role == MODERATOR:
        current_id = room.current_prompt_id if current_views is not None else None
        view["agenda"] = [
            current_views[role] if p.id == current_id else prompt_view(p, role)
            for p in room.prompts
        ]
        view["room"]["phones"] = connected_phones(room.id)
    current = room.current_prompt
    if current is None:
        view["prompt"] = None
    elif current_views is not None:
        view["prompt"] = current_views[role]
    else:
        view["prompt"] = prompt_view(current, role)
    return view


def prompt_view(prompt: Prompt, role: str) -> dict:
    """One prompt for one role: hidden results are left out for participants and screens."""
    return _prompt_view(prompt, role)[0]


def _prompt_view(prompt: Prompt, role: str) -> tuple[dict, dict | None]:
    """The view, and the results screens may see (released in steps; None when none yet)."""
    published = None
    view = {
        "id": prompt.id,
        "room_id": prompt.room_id,
        "position": prompt.position,
        "kind": prompt.kind,
        "text": prompt.text,
        "settings": prompt.settings,
        "translations": prompt.translations or {},
        "state": prompt.state,
        "revealed": prompt.results_revealed,
        "counts": counts(prompt),
        "linked_prompt_id": prompt.linked_prompt_id,
        "family": prompt.family,
        "pacing": pacing.pacing_view(prompt),
    }
    if prompt.kind == "proposal":
        view["proposals"] = proposal_list(prompt, role)
    if role == MODERATOR:
        view["results"] = results(prompt)
        if prompt.results_revealed:
            published = release.public_results(prompt, view["results"])
            view["published"] = _published_marks(published)
    elif prompt.results_revealed:
        published = release.public_results(prompt, results(prompt))
        if published is not None:
            view["results"] = published
    return view, published


def counts(prompt: Prompt) -> dict:
    """Participation figures that may always be shown."""
    if prompt.kind != "proposal":
        n = db.session.scalar(select(func.count()).where(Response.prompt_id == prompt.id))
        return {"responses": n}
    by_status = dict(
        db.session.execute(
            select(Proposal.status, func.count())
            .where(Proposal.prompt_id == prompt.id)
            .group_by(Proposal.status)
        ).all()
    )
    endorsements = db.session.scalar(
        select(func.count(Endorsement.id))
        .join(Proposal)
        .where(Proposal.prompt_id == prompt.id, Proposal.status == ProposalStatus.APPROVED)
    )
    return {
        "proposals": by_status.get(ProposalStatus.APPROVED, 0),
        "pending": by_status.get(ProposalStatus.PENDING, 0),
        "endorsements": endorsements,
    }


def proposal_list(prompt: Prompt, role: str) -> list[dict]:
    """Proposals to show: approved ones to everyone, the whole queue to moderators."""
    query = select(Proposal).where(Proposal.prompt_id == prompt.id).order_by(Proposal.id)
    proposals = db.session.scalars(query).all()
    merged_from = merged_from_counts(proposals)  # duplicates merged in, transitively
    similar = duplicates.suggestions(prompt.id, proposals) if role == MODERATOR else {}
    items = []
    for proposal in proposals:
        if role != MODERATOR and proposal.status != ProposalStatus.APPROVED:
            continue  # pending, hidden and merged proposals stay in the moderators' queue
        item = {
            "id": proposal.id,
            "text": proposal.text,
            "highlighted": proposal.highlighted,
            "merged_from": merged_from.get(proposal.id, 0),
        }
        if role == MODERATOR:
            item["status"] = proposal.status
            item["merged_into"] = proposal.merged_into_id
            item["similar"] = similar.get(proposal.id, [])  # possible duplicates to merge
        items.append(item)
    return items


def _group_ids(prompt: Prompt) -> list[int]:
    return [c.id for c in prompt.room.event.constituencies]


def results(prompt: Prompt) -> dict:
    """Aggregates of a prompt, overall and by constituency, as DESIGN.md defines them."""
    k = current_app.config["ANONYMITY_K"]
    groups = _group_ids(prompt)
    kind = get_kind(prompt.kind)
    if prompt.kind == "proposal":
        aggregates = _proposal_results(prompt, groups, k)
    else:
        answers = group_rows.responses(prompt.id)
        values = [value for _, value in answers]
        aggregates = {
            "summary": kind.summarize(prompt.settings, values),
            "breakdown": breakdown(kind, prompt.settings, answers, groups, k),
        }
    aggregates.update(_findings(prompt, aggregates))
    if prompt.linked_prompt_id is not None:  # the trust barometer: the shift since the pair's first
        aggregates["shift"] = barometer.shift(prompt)
    return aggregates


def _findings(prompt: Prompt, aggregates: dict) -> dict:
    """Common ground and divergences between the groups shown (domain/findings.py).

    Each finding's "sentence" is English; "sentences" words it in every language of the app,
    with the groups' names and the prompt's text as the organisers translated them.
    """
    thresholds = Thresholds.from_config(current_app.config)
    groups = prompt.room.event.constituencies
    found = None
    for lang in LANGUAGES:  # English first: its findings are the ones sent
        names = {c.id: c.name_in(lang) for c in groups}
        text, settings = localized(prompt, lang)
        worded = prompt_findings(
            prompt.kind, settings, aggregates, names, thresholds, prompt.id, text, wording(lang)
        )
        found = found or worded
        for key, items in worded.items():
            for finding, own in zip(found[key], items, strict=True):
                finding.setdefault("sentences", {})[lang] = own["sentence"]
    return found


def _proposal_results(prompt: Prompt, groups: list[int], k: int) -> dict:
    texts = dict(
        db.session.execute(
            select(Proposal.id, Proposal.text).where(
                Proposal.prompt_id == prompt.id, Proposal.status == ProposalStatus.APPROVED
            )
        ).all()
    )
    endorsements: dict[int, list] = {proposal_id: [] for proposal_id in texts}
    for proposal_id, group, vote in group_rows.endorsements(prompt.id):
        endorsements[proposal_id].append((group, vote))
    ranked = summarize_proposals(
        groups,
        [{"id": pid, "endorsements": votes} for pid, votes in endorsements.items()],
        k,
        current_app.config["PROPOSAL_MIN_VOTES"] or k,
    )
    for item in ranked:
        item["text"] = texts[item["id"]]
        item["breakdown"] = proposal_breakdown(groups, item, k)
        del item["by_group"]  # raw per-group votes ignore the anonymity threshold
    # Opinion groups from the votes themselves (services/opinion.py): cached, k-safe.
    return {"proposals": ranked, "opinion_groups": opinion.opinion_groups(prompt)}


def _published_marks(published: dict | None) -> dict | None:
    """For moderators: as of how many answers screens show results (None: not yet any)."""
    if published is None:
        return None
    return {"as_of": published["as_of"], "final": published["final"]}


def prompt_views(prompt: Prompt) -> dict[str, dict]:
    """The prompt's view for every role at once, computing the aggregates a single time."""
    full, published = _prompt_view(prompt, MODERATOR)
    public = {key: value for key, value in full.items() if key not in ("results", "published")}
    if published is not None:
        public["results"] = published
    if prompt.kind == "proposal":
        public["proposals"] = [
            {key: p[key] for key in ("id", "text", "highlighted", "merged_from")}
            for p in full["proposals"]
            if p["status"] == ProposalStatus.APPROVED
        ]
    return {MODERATOR: full, SCREEN: public, PARTICIPANT: public}
