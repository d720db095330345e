"""Interests and differences: common ground and divergences between constituencies.

Findings are computed from the per-group results that breakdown.py already produced, so only
groups visible under the anonymity threshold (with complementary suppression) can take part, and
a finding can never name or reveal a suppressed group. A visible group also needs at least
``min_answers`` counted answers (opinions, ballots or votes) to take part.

Definitions (docs/method.md states them for readers; the defaults are in parentheses):
- position, common ground: at least two groups take part and every one agrees (share of its
  opinions above the midpoint >= agree_share, 0.6), or every one disagrees by the same measure.
- position, divergence: one group agrees >= agree_share while another disagrees >= agree_share.
- priority, common ground: an option that every taking-part group (at least two) ranks among its
  top n by Borda score, n = ``top_n`` (3) but at most half the options (at least 1), so that a
  top place means something; an option is in a group's top n when fewer than n options score
  strictly higher there, so ties never push an option out.
- priority, divergence: two groups whose Borda orders have Kendall's tau-b < tau_below (0.0).
- proposal, common ground: every taking-part group (at least two) gives the proposal support
  (its share of agree votes, passes included in the votes) >= proposal_high (0.6).
- proposal, divergence: one group's support >= proposal_high while another's <= proposal_low (0.3).

Every finding is a plain dict:
    {"kind": "common_ground" | "divergence", "basis": "position" | "priority" | "proposal",
     "prompt_id": int | None, "groups": [names of the groups involved],
     "sides": {side: [{"group", "name", "n", <figure>}]}, "figures": {...},
     "sentence": "a plain-English sentence", plus "option"/"option_text" (priority common
     ground) or "proposal_id"/"proposal_text" (proposals)}.
"""

import math
from dataclasses import asdict, dataclass

from facilitator.domain.wording import ENGLISH, Wording

EPSILON = 1e-9  # 3/5 is 0.6 exactly, but 0.1 * 6 is not: compare with a little slack
COMMON_GROUND, DIVERGENCE = "common_ground", "divergence"


@dataclass(frozen=True)
class Thresholds:
    """The thresholds that turn per-group results into findings (config FINDINGS_*)."""

    agree_share: float = 0.6
    top_n: int = 3
    tau_below: float = 0.0
    proposal_high: float = 0.6
    proposal_low: float = 0.3
    min_answers: int = 5

    def __post_init__(self):
        _check_number("agree_share", self.agree_share, 0.5, 1.0, low_open=True)
        _check_int("top_n", self.top_n, 1, 12)
        _check_number("tau_below", self.tau_below, -1.0, 1.0)
        _check_number("proposal_high", self.proposal_high, 0.0, 1.0, low_open=True)
        _check_number("proposal_low", self.proposal_low, 0.0, 1.0)
        if self.proposal_low >= self.proposal_high:
            raise ValueError(
                f"proposal_low ({self.proposal_low}) must be below proposal_high "
                f"({self.proposal_high})"
            )
        _check_int("min_answers", self.min_answers, 1, 10_000)

    @classmethod
    def from_config(cls, config) -> "Thresholds":
        """Thresholds from a mapping with FINDINGS_* keys (a Flask config); missing keys default."""
        keys = {
            "agree_share": "FINDINGS_AGREE_SHARE",
            "top_n": "FINDINGS_TOP_N",
            "tau_below": "FINDINGS_TAU_BELOW",
            "proposal_high": "FINDINGS_PROPOSAL_HIGH",
            "proposal_low": "FINDINGS_PROPOSAL_LOW",
            "min_answers": "FINDINGS_MIN_ANSWERS",
        }
        return cls(**{name: config[key] for name, key in keys.items() if key in config})

    def as_dict(self) -> dict:
        """The thresholds as plain data, for the report's method note."""
        return asdict(self)


def definitions(thresholds: Thresholds, w: Wording = ENGLISH) -> dict[str, str]:
    """Each kind of finding defined in one plain sentence with the thresholds filled in."""
    t = thresholds
    agree = w.percent(t.agree_share)
    return {
        "taking_part": w.text(
            "A group takes part in a finding only when it is shown under the anonymity rule and "
            "gave at least %(min)s answers (opinions, ballots or votes).",
            min=t.min_answers,
        ),
        "position_common_ground": w.text(
            "Common ground on a statement: every group taking part (at least two) agrees, "
            "%(share)s or more of its opinions on the agreeing side; or every one disagrees "
            "by the same measure.",
            share=agree,
        ),
        "position_divergence": w.text(
            "Divergence on a statement: at least %(share)s of one group agrees while at least "
            "%(share)s of another disagrees.",
            share=agree,
        ),
        "priority_common_ground": w.text(
            "Common ground on a priority: an option that every group taking part (at least "
            "two) ranks among its top %(top)s by Borda score (among its top half when the "
            "priority has fewer than %(options)s options, so that a top place means "
            "something).",
            top=t.top_n,
            options=2 * t.top_n,
        ),
        "priority_divergence": w.text(
            "Divergence on a priority: two groups whose orders of the options disagree, "
            "Kendall's tau-b between their Borda scores below %(tau)s "
            "(1 = the same order, -1 = the reverse order).",
            tau=w.number(t.tau_below),
        ),
        "proposal_common_ground": w.text(
            "Common ground on a proposal: every group taking part (at least two) agrees with "
            "it in %(share)s or more of its votes.",
            share=w.percent(t.proposal_high),
        ),
        "proposal_divergence": w.text(
            "Divergence on a proposal: one group agrees with it in at least "
            "%(high)s of its votes while another agrees in at most %(low)s.",
            high=w.percent(t.proposal_high),
            low=w.percent(t.proposal_low),
        ),
    }


def position_findings(
    breakdown: dict,
    names: dict,
    thresholds: Thresholds,
    prompt_id=None,
    text: str = "",
    w: Wording = ENGLISH,
) -> dict:
    """Common ground and divergences of a position prompt from its breakdown result."""
    t = thresholds
    groups = [
        g
        for g in breakdown["groups"]
        if g["summary"]["share_agree"] is not None and g["summary"]["n_opinion"] >= t.min_answers
    ]
    agree = [_side(g, names, "share", g["summary"]["share_agree"]) for g in groups]
    agree = [g for g in agree if _at_least(g["share"], t.agree_share)]
    disagree = [_side(g, names, "share", g["summary"]["share_disagree"]) for g in groups]
    disagree = [g for g in disagree if _at_least(g["share"], t.agree_share)]
    quoted = w.quote(text) if text else w.text("the statement")
    result: dict = {"common_ground": [], "divergences": []}
    if len(groups) >= 2:
        for side, label in ((agree, "agree"), (disagree, "disagree")):
            if len(side) == len(groups):
                message = (
                    "Every group with enough answers agrees with %(statement)s: %(figures)s."
                    if label == "agree"
                    else "Every group with enough answers disagrees with %(statement)s: "
                    "%(figures)s."
                )
                result["common_ground"].append(
                    _finding(
                        COMMON_GROUND,
                        "position",
                        prompt_id,
                        {label: side},
                        {"threshold": t.agree_share},
                        w.text(message, statement=quoted, figures=_figures(side, label, w)),
                    )
                )
    if agree and disagree:
        in_favour = w.plural(
            "%(groups)s is for it",
            "%(groups)s are for it",
            len(agree),
            groups=_figures(agree, "agree", w),
        )
        against = w.plural(
            "%(groups)s is against it",
            "%(groups)s are against it",
            len(disagree),
            groups=_figures(disagree, "disagree", w),
        )
        result["divergences"].append(
            _finding(
                DIVERGENCE,
                "position",
                prompt_id,
                {"agree": agree, "disagree": disagree},
                {"threshold": t.agree_share},
                w.text(
                    "The groups split on %(statement)s: %(in_favour)s, while %(against)s.",
                    statement=quoted,
                    in_favour=in_favour,
                    against=against,
                ),
            )
        )
    return result


def priority_findings(
    breakdown: dict,
    options: list[str],
    names: dict,
    thresholds: Thresholds,
    prompt_id=None,
    text: str = "",
    w: Wording = ENGLISH,
) -> dict:
    """Common ground (shared top options) and divergences (opposite orders) of a priority prompt."""
    t = thresholds
    groups = [g for g in breakdown["groups"] if g["summary"]["n"] >= t.min_answers]
    taking_part = {g["group"] for g in groups}
    quoted = w.quote(text) if text else w.text("the priority")
    result: dict = {"common_ground": [], "divergences": []}
    ranks = {g["group"]: _ranks(g["summary"]) for g in groups}
    top_n = effective_top_n(t.top_n, len(options))
    if len(groups) >= 2:
        for option, option_text in enumerate(options):
            if all(ranks[g["group"]][option] <= top_n for g in groups):
                side = [_side(g, names, "rank", ranks[g["group"]][option]) for g in groups]
                placed = w.separator.join(
                    w.text("%(group)s %(place)s", group=s["name"], place=w.ordinal(s["rank"]))
                    for s in side
                )
                message = (
                    "Every group with enough ballots ranks %(option)s first in %(priority)s "
                    "(%(places)s)."
                    if top_n == 1
                    else "Every group with enough ballots ranks %(option)s among its top %(n)s "
                    "in %(priority)s (%(places)s)."
                )
                finding = _finding(
                    COMMON_GROUND,
                    "priority",
                    prompt_id,
                    {"top": side},
                    {"top_n": top_n},
                    w.text(
                        message,
                        option=w.quote(option_text),
                        n=top_n,
                        priority=quoted,
                        places=placed,
                    ),
                )
                finding.update(option=option, option_text=option_text)
                result["common_ground"].append(finding)
    by_group = {g["group"]: g for g in groups}
    for pair in breakdown.get("agreement", []):
        tau = pair["tau_b"]
        if tau is None or pair["a"] not in taking_part or pair["b"] not in taking_part:
            continue
        if tau < t.tau_below - EPSILON:
            a, b = by_group[pair["a"]], by_group[pair["b"]]
            sides = {
                "a": [_side(a, names, "top", _top(a["summary"], options, t.top_n))],
                "b": [_side(b, names, "top", _top(b["summary"], options, t.top_n))],
            }
            name_a, name_b = names[a["group"]], names[b["group"]]
            first_a = w.join([w.quote(o) for o in sides["a"][0]["top"]])
            first_b = w.join([w.quote(o) for o in sides["b"][0]["top"]])
            message = (
                "%(a)s and %(b)s rank %(priority)s in nearly opposite orders (Kendall's tau-b "
                "%(tau)s, where 1 is the same order and -1 the reverse): %(a)s puts %(first_a)s "
                "first, %(b)s puts %(first_b)s first."
                if tau <= -0.5
                else "%(a)s and %(b)s rank %(priority)s differently (Kendall's tau-b %(tau)s, "
                "where 1 is the same order and -1 the reverse): %(a)s puts %(first_a)s first, "
                "%(b)s puts %(first_b)s first."
            )
            result["divergences"].append(
                _finding(
                    DIVERGENCE,
                    "priority",
                    prompt_id,
                    sides,
                    {"tau_b": tau, "threshold": t.tau_below},
                    w.text(
                        message,
                        a=name_a,
                        b=name_b,
                        priority=quoted,
                        tau=w.decimal(tau, 2),
                        first_a=first_a,
                        first_b=first_b,
                    ),
                )
            )
    return result


def proposal_findings(
    proposals: list[dict],
    names: dict,
    thresholds: Thresholds,
    prompt_id=None,
    w: Wording = ENGLISH,
) -> dict:
    """Common ground and divergences of proposals from their per-group endorsement breakdowns.

    Each proposal is a dict with "id", "text" and "breakdown" (breakdown.proposal_breakdown).
    """
    t = thresholds
    result: dict = {"common_ground": [], "divergences": []}
    for proposal in proposals:
        groups = [
            g
            for g in proposal["breakdown"]["groups"]
            if g["agree"] + g["disagree"] + g["pass"] >= t.min_answers
        ]
        side = [_side(g, names, "share", g["share_agree"], _votes(g)) for g in groups]
        high = [g for g in side if _at_least(g["share"], t.proposal_high)]
        low = [g for g in side if _at_least(t.proposal_low, g["share"])]
        quoted = w.quote(proposal["text"]) if proposal["text"] else w.text("the proposal")
        found = []
        if len(groups) >= 2 and len(high) == len(groups):
            found.append(
                _finding(
                    COMMON_GROUND,
                    "proposal",
                    prompt_id,
                    {"support": high},
                    {"threshold": t.proposal_high},
                    w.text(
                        "Every group with enough votes supports the proposal %(proposal)s: "
                        "%(figures)s.",
                        proposal=quoted,
                        figures=_figures(high, "votes", w),
                    ),
                )
            )
        if high and low:
            found.append(
                _finding(
                    DIVERGENCE,
                    "proposal",
                    prompt_id,
                    {"high": high, "low": low},
                    {"high": t.proposal_high, "low": t.proposal_low},
                    w.text(
                        "The proposal %(proposal)s divides the groups: it wins over %(high)s "
                        "but not %(low)s.",
                        proposal=quoted,
                        high=_figures(high, "votes", w),
                        low=_figures(low, "votes", w),
                    ),
                )
            )
        for finding in found:
            finding.update(proposal_id=proposal["id"], proposal_text=proposal["text"])
            key = "common_ground" if finding["kind"] == COMMON_GROUND else "divergences"
            result[key].append(finding)
    return result


def prompt_findings(
    kind: str,
    settings: dict,
    results: dict,
    names: dict,
    thresholds: Thresholds,
    prompt_id=None,
    text: str = "",
    w: Wording = ENGLISH,
) -> dict:
    """Findings of one prompt of any kind from its results (services.payloads.results).

    w words the sentences (English by default); settings' options are quoted as given.
    """
    if kind == "position":
        return position_findings(results["breakdown"], names, thresholds, prompt_id, text, w)
    if kind == "priority":
        return priority_findings(
            results["breakdown"], settings["options"], names, thresholds, prompt_id, text, w
        )
    if kind == "proposal":
        return proposal_findings(results["proposals"], names, thresholds, prompt_id, w)
    raise ValueError(f"unknown prompt kind {kind!r}")


def effective_top_n(top_n: int, option_count: int) -> int:
    """top_n, but at most half the options (at least 1), so that a top place means something."""
    return max(1, min(top_n, option_count // 2))


def _finding(kind, basis, prompt_id, sides, figures, sentence) -> dict:
    """One finding as plain data; "groups" lists every group named, in the sides' order."""
    groups = list(dict.fromkeys(g["name"] for side in sides.values() for g in side))
    return {
        "kind": kind,
        "basis": basis,
        "prompt_id": prompt_id,
        "groups": groups,
        "sides": sides,
        "figures": figures,
        "sentence": sentence,
    }


def _side(group: dict, names: dict, figure: str, value, n=None) -> dict:
    """A group's entry in a finding: its id, name, size and the figure that qualifies it."""
    return {
        "group": group["group"],
        "name": names[group["group"]],
        "n": group["n"] if n is None else n,
        figure: value,
    }


def _votes(group: dict) -> int:
    return group["agree"] + group["disagree"] + group["pass"]


def _ranks(summary: dict) -> list[int]:
    """Each option's rank in a group: 1 + the number of options with a strictly higher Borda."""
    borda = [option["borda"] for option in summary["options"]]
    return [1 + sum(other > mine for other in borda) for mine in borda]


def _top(summary: dict, options: list[str], n: int) -> list[str]:
    """The texts of a group's first n options by Borda (ties in option order)."""
    return [options[i] for i in summary["order"][:n]]


def _at_least(value: float, threshold: float) -> bool:
    return value >= threshold - EPSILON


FIGURES = {
    "agree": "%(group)s (%(share)s agree)",
    "disagree": "%(group)s (%(share)s disagree)",
    "votes": "%(group)s (%(share)s of votes agree)",
}


def _figures(side: list[dict], label: str, w: Wording) -> str:
    """'NATO official (75% agree) and Academia (80% agree)'."""
    return w.join(
        [w.text(FIGURES[label], group=g["name"], share=w.percent(g["share"])) for g in side]
    )


def _check_number(name, value, low, high, low_open=False) -> None:
    if type(value) not in (int, float) or not math.isfinite(value):
        raise ValueError(f"{name} must be a number, got {value!r}")
    if value > high or value < low or (low_open and value == low):
        bound = f"above {low}" if low_open else f"at least {low}"
        raise ValueError(f"{name} must be {bound} and at most {high}, got {value!r}")


def _check_int(name, value, low, high) -> None:
    if type(value) is not int or not low <= value <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}, got {value!r}")
