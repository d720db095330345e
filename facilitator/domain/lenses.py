"""Where the two lenses on a proposal disagree: declared constituencies versus opinion groups.

Constituencies are the groups participants declare; opinion groups are found in the votes
(domain/opinion.py). A proposal may bridge one and split the other:

- **bridges the constituencies but splits the opinion groups**: every constituency with enough
  votes supports it (at least `high` of its votes agree, two groups or more), while one opinion
  group supports it (`high`) and another does not (at most `low`);
- **splits the constituencies but bridges the opinion groups**: one constituency supports it and
  another does not, while the opinion groups' smoothed agree shares average at least `high`
  (group-informed consensus ≥ high ** number of groups, two groups or more).

Only published figures are used (the shown constituencies' breakdown, the opinion groups' k-safe
representative counts and consensus scores), so a lens finding reveals nothing the screens do not.
"""

BRIDGES_CONSTITUENCIES = "bridges_constituencies_splits_opinion_groups"
SPLITS_CONSTITUENCIES = "splits_constituencies_bridges_opinion_groups"


def _opinion_shares(opinion: dict) -> dict:
    """{proposal id: [agree share of each opinion group that lists it]}."""
    shares: dict = {}
    for group in opinion["groups"]:
        for row in group["representative"]:
            votes = row["agree"] + row["disagree"] + row["pass"]
            shares.setdefault(row["proposal_id"], []).append(row["agree"] / votes)
    return shares


def lens_findings(
    proposals: list[dict], opinion: dict, high: float, low: float, min_answers: int
) -> list[dict]:
    """The proposals on which the two lenses disagree: [{kind, proposal_id, proposal_text}].

    proposals are results["proposals"] (each with "id", "text" and its constituency
    "breakdown"); opinion is results["opinion_groups"]."""
    n_groups = len(opinion["groups"])
    if n_groups < 2:
        return []
    by_opinion = _opinion_shares(opinion)
    consensus = {row["proposal_id"]: row["score"] for row in opinion["consensus"]}
    found = []
    for proposal in proposals:
        shares = [
            g["share_agree"]
            for g in proposal["breakdown"]["groups"]
            if g["agree"] + g["disagree"] + g["pass"] >= min_answers
        ]
        opinion_shares = by_opinion.get(proposal["id"], [])
        splits_opinion = any(s >= high for s in opinion_shares) and any(
            s <= low for s in opinion_shares
        )
        bridges_opinion = consensus.get(proposal["id"], 0.0) >= high**n_groups
        if len(shares) >= 2 and all(s >= high for s in shares) and splits_opinion:
            kind = BRIDGES_CONSTITUENCIES
        elif any(s >= high for s in shares) and any(s <= low for s in shares) and bridges_opinion:
            kind = SPLITS_CONSTITUENCIES
        else:
            continue
        found.append(
            {"kind": kind, "proposal_id": proposal["id"], "proposal_text": proposal["text"]}
        )
    return found
