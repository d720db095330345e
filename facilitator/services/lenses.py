"""The report's two lenses on proposals, in plain words (domain/lenses.py finds them)."""

from flask import current_app

from facilitator.domain.findings import Thresholds
from facilitator.domain.lenses import BRIDGES_CONSTITUENCIES, lens_findings
from facilitator.domain.wording import ENGLISH, Wording


def prompt_lenses(results: dict, refs: dict, w: Wording = ENGLISH) -> list[dict]:
    """Proposals that bridge one lens (constituencies, opinion groups) and split the other."""
    t = Thresholds.from_config(current_app.config)
    found = lens_findings(
        results["proposals"],
        results["opinion_groups"],
        t.proposal_high,
        t.proposal_low,
        t.min_answers,
    )
    return [{**f, **refs, "sentence": lens_sentence(f, w)} for f in found]


def lens_sentence(finding: dict, w: Wording = ENGLISH) -> str:
    """The lens finding in plain words, in the language of w (the report's)."""
    quoted = f"“{finding['proposal_text']}”"
    if finding["kind"] == BRIDGES_CONSTITUENCIES:
        return w.text(
            "The proposal %(proposal)s bridges the constituencies but splits the opinion "
            "groups: every declared group supports it, while the groups found in the votes "
            "disagree about it.",
            proposal=quoted,
        )
    return w.text(
        "The proposal %(proposal)s splits the constituencies but bridges the opinion groups: "
        "the declared groups disagree about it, while every group found in the votes supports it.",
        proposal=quoted,
    )
